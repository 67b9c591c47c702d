//! The window driven headlessly (egui_kittest) as a clerk uses it: time from opening
//! the sample to the first frame, the cost of the frames that follow typing one
//! character into the report (including compose + layout of the preview), and the
//! peak memory of the process.
//!
//! `cargo bench --bench ui`. Targets: typing < 16 ms per frame, first frame < 1 s,
//! memory < 250 MB.

use std::path::Path;
use std::time::{Duration, Instant};

use baocao::ui::BaocaoApp;
/// The sample project's file in the source tree.
const SAMPLE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/mau-binh-minh-hai.ron");
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: keep that run short.
    let quick = !std::env::args().any(|a| a == "--bench");
    let dir = std::env::temp_dir().join(format!("baocao-ui-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("mau.ron");
    if std::fs::copy(SAMPLE_PATH, &path).is_err() {
        eprintln!("cannot copy the sample");
        return;
    }

    let t0 = Instant::now();
    let p = path.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            BaocaoApp::new(Path::new(&p))
        });
    h.step();
    let first_frame = t0.elapsed();
    h.run();

    h.get_by_label("7. Hạn chế").click();
    h.run();
    h.get_by_label("Nội dung: Hạn chế").focus();
    h.run();

    let chars: Vec<char> = "Một số nhiệm vụ còn chậm tiến độ so với kế hoạch đề ra. "
        .chars()
        .collect();
    let rounds = if quick { 5 } else { chars.len() * 4 };
    let mut frames: Vec<Duration> = Vec::new();
    let mut per_char: Vec<Duration> = Vec::new();
    for i in 0..rounds {
        let c = chars[i % chars.len()];
        h.event(egui::Event::Text(c.to_string()));
        let start = Instant::now();
        // The frame that receives the key applies the edit; the next one re-lays
        // out the preview and paints it.
        for _ in 0..2 {
            let f = Instant::now();
            h.step();
            frames.push(f.elapsed());
        }
        per_char.push(start.elapsed());
    }
    frames.sort();
    per_char.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let typed = h
        .state()
        .report()
        .and_then(|r| r.section_by_role(baocao::model::SectionRole::Shortcomings))
        .map_or(0, |s| s.body.chars().count());
    println!(
        "first frame after opening the sample: {:.1} ms",
        ms(first_frame)
    );
    println!(
        "typing one character ({rounds} characters, {} frames): frame median {:.2} ms, p95 {:.2} ms, max {:.2} ms; both frames of a character together: median {:.2} ms, max {:.2} ms",
        frames.len(),
        ms(frames[frames.len() / 2]),
        ms(frames[frames.len() * 95 / 100]),
        ms(frames[frames.len() - 1]),
        ms(per_char[per_char.len() / 2]),
        ms(per_char[per_char.len() - 1]),
    );
    println!("the Hạn chế text now has {typed} characters");
    if let Some(mb) = peak_rss_mb() {
        println!("peak memory (VmHWM): {mb:.0} MB");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
