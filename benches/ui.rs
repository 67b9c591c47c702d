//! The window driven headlessly (egui_kittest) as a clerk uses it: time from opening
//! the sample to the first frame, the cost of the frames that follow typing one
//! character into the report (including compose + layout of the preview), and the
//! peak memory of the process.
//!
//! The window is built as `baocao` builds it: revisions are derived on a thread of
//! their own while the frames go on (see `session::Background`).
//!
//! `cargo bench --bench ui`. Targets: typing < 16 ms per frame, first frame < 1 s,
//! memory < 250 MB.
//!
//! At scale (issue 28, item 4): `BAOCAO_PAGES=100 cargo bench --bench ui` opens a
//! report of at least that many pages instead, generated from the sample by repeating
//! its sections. Targets: first frame < 400 ms, typing < 4 ms median per frame,
//! memory < 200 MB.

use std::path::Path;
use std::time::{Duration, Instant};

use baocao::model::Project;
use baocao::ui::BaocaoApp;
/// The sample project's file in the source tree.
const SAMPLE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/mau-binh-minh-hai.ron");
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

#[path = "support/long_report.rs"]
mod long_report;
use long_report::{pages, with_copies};

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The sample with its report's sections repeated after them (ids kept unique, the
/// copies without a part of the skeleton) until the draft has at least `want` pages:
/// the project and its page count.
fn long_report(sample: &Project, want: usize) -> (Project, usize) {
    let Some(base) = sample.reports.first().map(|r| r.sections.clone()) else {
        return (sample.clone(), 0);
    };
    let mut copies = want.div_ceil(pages(sample).max(1)).max(1);
    loop {
        let p = with_copies(sample, &base, copies);
        let n = pages(&p);
        if n >= want || copies > 4 * want {
            return (p, n);
        }
        copies += 1;
    }
}

/// Writes the project the window opens into `path`: the sample, or with `BAOCAO_PAGES`
/// a report of that many pages. Returns a line describing it.
fn write_project(path: &Path) -> Option<String> {
    let want: Option<usize> = std::env::var("BAOCAO_PAGES").ok()?.parse().ok();
    let Some(want) = want else {
        std::fs::copy(SAMPLE_PATH, path).ok()?;
        return Some("the sample".to_owned());
    };
    let sample = baocao::storage::load(Path::new(SAMPLE_PATH)).ok()?;
    let (project, n) = long_report(&sample, want);
    baocao::storage::save(path, &project).ok()?;
    let kb = std::fs::metadata(path).map_or(0, |m| m.len() / 1024);
    Some(format!(
        "a report of {n} pages (project file {kb} KB; generating it peaked at {:.0} MB)",
        peak_rss_mb().unwrap_or(0.0)
    ))
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: keep that run short.
    let quick = !std::env::args().any(|a| a == "--bench");
    let dir = std::env::temp_dir().join(format!("baocao-ui-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("mau.ron");
    let what = match write_project(&path).or_else(|| {
        // BAOCAO_PAGES unset: the sample as it is.
        std::fs::copy(SAMPLE_PATH, &path)
            .ok()
            .map(|_| "the sample".to_owned())
    }) {
        Some(w) => w,
        None => {
            eprintln!("cannot write the project to open");
            return;
        }
    };

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
    let at_scale = std::env::var_os("BAOCAO_PAGES").is_some();
    let rounds = match (quick, at_scale) {
        (true, _) => 5,
        (false, true) => chars.len(),
        (false, false) => chars.len() * 4,
    };
    let mut frames: Vec<Duration> = Vec::new();
    let mut per_char: Vec<Duration> = Vec::new();
    // Each frame of a character on its own: [receives the key, applies the edit].
    let mut nth: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for i in 0..rounds {
        let c = chars[i % chars.len()];
        h.event(egui::Event::Text(c.to_string()));
        let start = Instant::now();
        // The frame that receives the key applies the edit; the next one re-lays
        // out the preview and paints it.
        for list in &mut nth {
            let f = Instant::now();
            h.step();
            frames.push(f.elapsed());
            list.push(f.elapsed());
        }
        per_char.push(start.elapsed());
    }
    // The thread that derives catches up with the last character: the frame that
    // shows its result counts too (the window would not draw the idle frames of this
    // wait: nothing asks for them), and the wait is reported.
    let last_key = Instant::now();
    let mut caught_up = None;
    while last_key.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(1));
        let f = Instant::now();
        h.step();
        if h.state().is_current() {
            frames.push(f.elapsed());
            caught_up = Some(last_key.elapsed());
            break;
        }
    }
    frames.sort();
    per_char.sort();
    for list in &mut nth {
        list.sort();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let typed = h
        .state()
        .report()
        .and_then(|r| r.section_by_role(baocao::model::SectionRole::Shortcomings))
        .map_or(0, |s| s.body.chars().count());
    println!(
        "first frame after opening {what}: {:.1} ms; every frame until idle: {:.1} ms",
        ms(first_frame),
        ms(settled)
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
    let median = |v: &[Duration]| v.get(v.len() / 2).map_or(0.0, |d| ms(*d));
    println!(
        "the frame that receives a key: median {:.2} ms; the frame that applies it: median {:.2} ms, max {:.2} ms",
        median(&nth[0]),
        median(&nth[1]),
        nth[1].last().map_or(0.0, |d| ms(*d)),
    );
    match caught_up {
        Some(d) => println!(
            "the preview and the problems showed the last character {:.1} ms after its frames",
            ms(d)
        ),
        None => println!("the preview never caught up with the last character"),
    }
    println!("the Hạn chế text now has {typed} characters");
    if let Some(mb) = peak_rss_mb() {
        println!("peak memory (VmHWM): {mb:.0} MB");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
