//! The window at scale (issue 28, item 4), driven headlessly (egui_kittest) as
//! `benches/ui.rs` drives it for the sample: a report of about 100 pages, generated
//! from the sample by repeating its sections, opened to its first frame, then one
//! character typed at a time into its Hạn chế section; and the peak memory of the
//! process.
//!
//! `cargo bench --bench ui_scale` (`BAOCAO_PAGES=N` for another length). Targets: first
//! frame < 400 ms, typing < 4 ms median per frame, memory < 200 MB.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::{Duration, Instant};

use baocao::model::{Project, Section};
use baocao::render::{RenderKind, render};
use baocao::ui::BaocaoApp;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The sample project's file in the source tree.
const SAMPLE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/mau-binh-minh-hai.ron");

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn rename(s: &mut Section, copy: usize) {
    s.id = format!("{}-{copy}", s.id);
    s.role = None;
    for c in &mut s.children {
        rename(c, copy);
    }
}

fn pages(p: &Project) -> usize {
    render(p, &p.reports[0], RenderKind::Draft).map_or(0, |r| r.pages.pages.len())
}

/// The sample with its report's sections repeated (ids kept unique, the copies
/// placed before the last part so that Hạn chế keeps its place in the skeleton) until
/// the draft has at least `want` pages.
fn long_report(sample: &Project, want: usize) -> (Project, usize) {
    let base = sample.reports[0].sections.clone();
    let one = pages(sample).max(1);
    let mut copies = want.div_ceil(one).max(1);
    loop {
        let mut p = sample.clone();
        let r = &mut p.reports[0];
        let mut extra = Vec::new();
        for copy in 1..copies {
            extra.extend(base.iter().cloned().map(|mut s| {
                rename(&mut s, copy);
                s
            }));
        }
        r.sections.extend(extra);
        let n = pages(&p);
        if n >= want || copies > 4 * want {
            return (p, n);
        }
        copies += 1;
    }
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: keep that run short.
    let quick = !std::env::args().any(|a| a == "--bench");
    let want: usize = std::env::var("BAOCAO_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 10 } else { 100 });
    let sample = baocao::storage::load(Path::new(SAMPLE_PATH)).expect("the sample loads");
    let (project, n_pages) = long_report(&sample, want);
    let dir = std::env::temp_dir().join(format!("baocao-ui-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join("dai.ron");
    baocao::storage::save(&path, &project).expect("the long report is saved");
    let size_kb = std::fs::metadata(&path).map_or(0, |m| m.len() / 1024);
    drop(project);
    drop(sample);
    // Generating renders the report a few times: its peak, before the window opens.
    let generated_mb = peak_rss_mb().unwrap_or(0.0);

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
    let settled = t0.elapsed();

    h.get_by_label("7. Hạn chế").click();
    h.run();
    h.get_by_label("Nội dung: Hạn chế").focus();
    h.run();

    let chars: Vec<char> = "Một số nhiệm vụ còn chậm tiến độ so với kế hoạch đề ra. "
        .chars()
        .collect();
    let rounds = if quick { 3 } else { chars.len() };
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
    println!("report of {n_pages} pages (project file {size_kb} KB)");
    println!(
        "first frame after opening: {:.1} ms; all frames until idle: {:.1} ms",
        ms(first_frame),
        ms(settled)
    );
    println!(
        "typing one character ({rounds} characters, {} frames): frame median {:.2} ms, p95 {:.2} ms, max {:.2} ms; both frames of a character together: median {:.2} ms",
        frames.len(),
        ms(frames[frames.len() / 2]),
        ms(frames[frames.len() * 95 / 100]),
        ms(frames[frames.len() - 1]),
        ms(per_char[per_char.len() / 2]),
    );
    if let Some(mb) = peak_rss_mb() {
        println!(
            "peak memory (VmHWM): {mb:.0} MB (generating the report alone: {generated_mb:.0} MB)"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
