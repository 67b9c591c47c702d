//! Writes the bundled sample with its report's sections repeated after them (ids kept
//! unique, the copies without a part of the skeleton) until the draft has at least the
//! pages asked for: the input of the check measurement in `benches/NOTES.md` (issue 28,
//! item 2), built like `benches/ui.rs`'s `BAOCAO_PAGES` report.
//!
//! `cargo run --release --example make_long_report -- OUT.ron [PAGES]` (default 10).

use std::path::PathBuf;

use baocao::model::{Project, Section};

#[path = "../benches/support/long_report.rs"]
mod long_report;
use long_report::{pages, with_copies};

/// Removes the innermost last section of `list`.
fn pop_last(list: &mut Vec<Section>) {
    match list.last_mut() {
        Some(s) if !s.children.is_empty() => pop_last(&mut s.children),
        _ => {
            list.pop();
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(
        args.next()
            .ok_or("usage: make_long_report OUT.ron [PAGES]")?,
    );
    let want: usize = args.next().map_or(Ok(10), |s| s.parse())?;
    let sample = baocao::storage::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/mau-binh-minh-hai.ron"
    )))?;
    let base = sample
        .reports
        .first()
        .ok_or("the sample has no report")?
        .sections
        .clone();
    let mut copies = 1;
    loop {
        let p = with_copies(&sample, &base, copies);
        // Whole copies first, then the sections of one more copy one by one.
        let n = pages(&p);
        if n >= want {
            return finish(&out, p, n, copies, want);
        }
        copies += 1;
    }
}

/// Drops the last section of the last copy (the innermost first) while the draft
/// keeps `want` pages, so that the report is about `want` pages long, then saves it.
fn finish(
    out: &std::path::Path,
    mut p: Project,
    mut n: usize,
    copies: usize,
    want: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    if copies > 1 {
        let whole: usize = p.reports.first().map_or(0, |r| r.all_sections().len());
        for _ in 0..whole / copies {
            let mut q = p.clone();
            if let Some(r) = q.reports.first_mut() {
                pop_last(&mut r.sections);
            }
            let m = pages(&q);
            if m < want {
                break;
            }
            (p, n) = (q, m);
        }
    }
    baocao::storage::save(out, &p)?;
    let text: usize = p
        .reports
        .first()
        .map_or(0, |r| r.all_sections().iter().map(|s| s.body.len()).sum());
    println!("{}: {n} pages, {text} bytes of section text", out.display());
    Ok(())
}
