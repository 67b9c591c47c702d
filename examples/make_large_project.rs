//! Writes a large project file for the export benchmarks: the bundled sample with its
//! plan repeated and many reports (each a copy of the sample's report), until the file
//! reaches the size asked for.
//!
//! `cargo run --release --example make_large_project -- OUT.ron [MB]` (default 10 MB).

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(
        args.next()
            .ok_or("usage: make_large_project OUT.ron [MB]")?,
    );
    let mb: usize = args.next().map_or(Ok(10), |s| s.parse())?;
    let sample = baocao::storage::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/mau-binh-minh-hai.ron"
    )))?;
    let mut p = sample.clone();
    // A plan ten times the sample's, with values for every period.
    for copy in 1..10 {
        for ind in &sample.plan.indicators {
            let mut i = ind.clone();
            i.id = format!("{}-{copy}", ind.id);
            p.plan.indicators.push(i);
        }
        for task in &sample.plan.tasks {
            let mut t = task.clone();
            t.id = format!("{}-{copy}", task.id);
            p.plan.tasks.push(t);
        }
        for (rec, orig) in p.periods.iter_mut().zip(&sample.periods) {
            for (id, v) in &orig.indicators {
                rec.indicators.insert(format!("{id}-{copy}"), v.clone());
            }
            for (id, v) in &orig.tasks {
                rec.tasks.insert(format!("{id}-{copy}"), v.clone());
            }
        }
    }
    let report = sample
        .reports
        .first()
        .ok_or("the sample has no report")?
        .clone();
    let base = baocao::storage::to_string(&p)?.len();
    let mut one = p.clone();
    one.reports.push(report.clone());
    let per_report = baocao::storage::to_string(&one)?
        .len()
        .saturating_sub(base)
        .max(1);
    let copies = (mb * 1024 * 1024).saturating_sub(base) / per_report + 1;
    for n in 1..=copies {
        let mut r = report.clone();
        r.id = format!("bc-ban-sao-{n}");
        p.reports.insert(0, r);
    }
    baocao::storage::save(&out, &p)?;
    println!(
        "{}: {} MB, {} reports, {} indicators",
        out.display(),
        std::fs::metadata(&out)?.len() / (1024 * 1024),
        p.reports.len(),
        p.plan.indicators.len()
    );
    Ok(())
}
