//! The cost of turning a report into paper: compose + layout, PDF export, and the
//! whole `baocao export` process, for the bundled sample and for a report ten times
//! its length (cost must grow linearly: 10× ≤ 11× the time).
//!
//! `cargo bench --bench pipeline`. Targets: sample compose + layout < 5 ms, sample
//! export < 30 ms, whole process < 60 ms, sample PDF < 100 KB.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use baocao::compose::{ComposeOptions, compose};
use baocao::export::{PdfOptions, write_pdf};
use baocao::layout::{Fonts, layout};
use baocao::model::{Project, Section};
use baocao::render::{RenderKind, render};
use criterion::{Criterion, criterion_group, criterion_main};

fn sample_path() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/mau-binh-minh-hai.ron"
    ))
}

fn sample() -> Option<Project> {
    baocao::storage::load(sample_path()).ok()
}

/// The sample with its report's sections repeated ten times (ids kept unique).
fn ten_times(mut p: Project) -> Project {
    if let Some(r) = p.reports.first_mut() {
        let original = r.sections.clone();
        for copy in 1..10 {
            r.sections.extend(original.iter().cloned().map(|mut s| {
                rename(&mut s, copy);
                s
            }));
        }
    }
    p
}

fn rename(s: &mut Section, copy: usize) {
    s.id = format!("{}-{copy}", s.id);
    s.role = None;
    for c in &mut s.children {
        rename(c, copy);
    }
}

fn date() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 30)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .unwrap_or_default()
}

fn pipeline(c: &mut Criterion) {
    let (Some(fonts), Some(sample)) = (Fonts::bundled(), sample()) else {
        eprintln!("the sample or the fonts could not be loaded");
        return;
    };
    let long = ten_times(sample.clone());
    let mut group = c.benchmark_group("pipeline");
    for (name, project) in [("sample", &sample), ("10x sample", &long)] {
        let report = &project.reports[0];
        let Ok(rendered) = render(project, report, RenderKind::Draft) else {
            eprintln!("{name} could not be rendered");
            continue;
        };
        let pdf = write_pdf(&rendered, &PdfOptions::new(date())).unwrap_or_default();
        println!(
            "{name}: {} pages, PDF {:.1} KB",
            rendered.pages.pages.len(),
            pdf.len() as f64 / 1024.0
        );
        group.bench_function(format!("compose + layout, {name}"), |b| {
            b.iter(|| {
                let doc = compose(project, report, ComposeOptions::default());
                black_box(layout(&doc, fonts).pages.len())
            })
        });
        group.bench_function(format!("PDF export, {name}"), |b| {
            b.iter(|| black_box(write_pdf(&rendered, &PdfOptions::new(date())).map(|v| v.len())))
        });
        // Once per revision in the window (issue 14: under 5 ms for the sample).
        group.bench_function(format!("check (all rules), {name}"), |b| {
            b.iter(|| black_box(baocao::check::check_report(project, report).len()))
        });
        // Checked after every edit while a report is approved.
        group.bench_function(format!("approval fingerprint, {name}"), |b| {
            b.iter(|| black_box(baocao::review::fingerprint(project, report).len()))
        });
        group.bench_function(format!("review copy (two layouts), {name}"), |b| {
            b.iter(|| {
                black_box(
                    render(project, report, RenderKind::ReviewCopy).map(|r| r.pages.pages.len()),
                )
            })
        });
    }
    group.finish();

    // The whole process as a user runs it, from start to the PDF on disk.
    let dir = std::env::temp_dir().join(format!("baocao-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let out = dir.join("mau.pdf");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_baocao"))
            .arg("export")
            .arg(sample_path())
            .arg("-o")
            .arg(&out)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if run() {
        let runs = 20;
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                run();
                t.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "whole `baocao export` process, sample: median {:.1} ms, best {:.1} ms ({runs} runs)",
            times[runs / 2].as_secs_f64() * 1000.0,
            times[0].as_secs_f64() * 1000.0
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
