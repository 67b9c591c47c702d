//! Writes a six-page sample report to `/tmp/export-demo.pdf` (or the path given) and
//! prints how long the export took, to look at the PDF and to measure the writer:
//!
//! ```text
//! cargo run --release --example export_demo [-- out.pdf]
//! pdftoppm -r 70 -png /tmp/export-demo.pdf /tmp/page
//! ```

#[path = "../tests/it/support/sample_pages.rs"]
mod sample_pages;

use std::path::PathBuf;
use std::time::Instant;

use baocao::export::{PdfOptions, write_pdf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/export-demo.pdf"));
    let rendered =
        baocao::render::Rendered::of_pages(sample_pages::report(true), sample_pages::meta(), true);
    let pages = &rendered.pages;
    let date = chrono::NaiveDate::from_ymd_opt(2026, 2, 5)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .ok_or("bad date")?;
    let options = PdfOptions::new(date);

    let t = Instant::now();
    let bytes = write_pdf(&rendered, &options)?;
    let first = t.elapsed();
    let runs = 20;
    let mut best = std::time::Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        let again = write_pdf(&rendered, &options)?;
        best = best.min(t.elapsed());
        assert_eq!(again, bytes, "export is not deterministic");
    }
    baocao::storage::write_atomic(&out, &bytes, false)?;
    println!(
        "{} pages, {:.1} KB -> {}\nfirst export (parses the fonts): {:.1} ms; best of {runs} later: {:.1} ms",
        pages.pages.len(),
        bytes.len() as f64 / 1024.0,
        out.display(),
        first.as_secs_f64() * 1000.0,
        best.as_secs_f64() * 1000.0,
    );
    Ok(())
}
