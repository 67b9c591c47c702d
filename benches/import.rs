//! Importing a large table: the cost must grow linearly with rows and new offices.
//! Target: 50,000 rows, each naming an office the project does not have, read,
//! previewed and applied in under 2 s.
//!
//! `cargo bench --bench import` prints the time of one import of 5,000 and of 50,000
//! rows (the second ten times the first, give or take), then criterion's figures.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use baocao::import;
use baocao::model::Project;
use criterion::{Criterion, criterion_group, criterion_main};

/// A task table of `rows` rows, each with its own lead office and a deadline.
fn table(dir: &Path, rows: usize) -> PathBuf {
    let mut csv = String::from("STT;Nhiệm vụ;Đơn vị chủ trì;Đơn vị phối hợp;Thời hạn\n");
    for i in 1..=rows {
        csv.push_str(&format!(
            "{i};Triển khai nhiệm vụ chuyển đổi số số {i} tại thôn {};Tổ công tác số {i};Phòng Văn hóa - Xã hội, Công an xã;30/06/2026\n",
            i % 97
        ));
    }
    let path = dir.join(format!("bang-{rows}.csv"));
    let written = std::fs::write(&path, csv);
    if let Err(e) = written {
        eprintln!("cannot write the table: {e}");
    }
    path
}

fn run(path: &Path, project: &Project) -> usize {
    match import::preview(path, project, Some(import::ImportKind::Tasks)) {
        Ok(p) => {
            let mut copy = project.clone();
            import::apply(&p, &mut copy);
            copy.plan.tasks.len()
        }
        Err(e) => {
            eprintln!("{e}");
            0
        }
    }
}

fn imports(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else {
        eprintln!("no temporary folder");
        return;
    };
    let project = Project::default();
    // `cargo test --all-targets` runs benches once without `--bench`: keep that quick.
    let sizes: &[usize] = if std::env::args().any(|a| a == "--bench") {
        &[5_000, 50_000]
    } else {
        &[500]
    };
    for &rows in sizes {
        let path = table(dir.path(), rows);
        let t = Instant::now();
        let n = run(&path, &project);
        println!(
            "import of {rows} rows with {rows} new offices: {:.2} s ({n} tasks)",
            t.elapsed().as_secs_f64()
        );
    }
    let path = table(dir.path(), 5_000);
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("5,000 rows, 5,000 new offices", |b| {
        b.iter(|| black_box(run(&path, &project)))
    });
    group.finish();
}

criterion_group!(benches, imports);
criterion_main!(benches);
