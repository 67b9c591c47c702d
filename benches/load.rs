//! Loading a large project file: a generated 10 MB project must load in under 1 s.
//!
//! `cargo bench --bench load` prints criterion's figures and the file size.

use std::hint::black_box;

use baocao::model::{
    Comparison, Deadline, Group, Indicator, IndicatorValue, Period, PeriodKind, PeriodRecord,
    Project, Section, Target, Task, TaskProgress, TaskState, Value,
};
use criterion::{Criterion, criterion_group, criterion_main};

/// A project of about `target_bytes` when saved: many indicators, tasks, periods and
/// long report sections, all with Vietnamese text.
fn big_project(target_bytes: usize) -> Project {
    let mut p = Project::default();
    p.organisation.issuing_body = vec!["ỦY BAN NHÂN DÂN".into(), "XÃ BÌNH MINH HẢI".into()];
    p.plan.indicator_groups = vec![Group {
        id: "g1".into(),
        title: "Về chuyển đổi số".into(),
    }];
    p.plan.task_groups = vec![Group {
        id: "t1".into(),
        title: "Nhiệm vụ trọng tâm".into(),
    }];
    for i in 0..2000 {
        p.plan.indicators.push(Indicator {
            id: format!("CT{i:04}"),
            group: "g1".into(),
            name: format!("Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, xử lý trực tuyến số {i}"),
            unit: "%".into(),
            target: Target::Number {
                cmp: Comparison::AtLeast,
                value: 90.0,
            },
            note: "Theo Kế hoạch số 18/KH-UBND của Ủy ban nhân dân xã".into(),
            ..Indicator::default()
        });
        p.plan.tasks.push(Task {
            id: format!("NV{i:04}"),
            group: "t1".into(),
            name: format!("Rà soát, chuẩn hóa, làm sạch dữ liệu chuyên ngành đợt {i}"),
            output: "Báo cáo".into(),
            deadline: Deadline::Month {
                year: 2026,
                month: (i % 12 + 1) as u32,
            },
            ..Task::default()
        });
    }
    for q in 1..=4u8 {
        let mut rec = PeriodRecord::new(Period::new(2026, PeriodKind::Quarter(q)));
        for i in 0..2000 {
            rec.indicators.insert(
                format!("CT{i:04}"),
                IndicatorValue {
                    value: Some(Value::Number(85.0 + f64::from(q) * 2.5)),
                    evidence: "Số liệu của Trung tâm Phục vụ hành chính công".into(),
                },
            );
            rec.tasks.insert(
                format!("NV{i:04}"),
                TaskProgress {
                    state: TaskState::InProgress,
                    note: "Đang triển khai theo kế hoạch".into(),
                },
            );
        }
        p.periods.push(rec);
    }
    let paragraph = "- Tiếp tục đẩy mạnh chuyển đổi số trong hoạt động của cơ quan, nâng cao chất lượng phục vụ người dân và doanh nghiệp;\n";
    let report = |n: usize| baocao::model::Report {
        id: format!("bc{n}"),
        kind: Default::default(),
        period: Period::new(2026, PeriodKind::Quarter(2)),
        number: None,
        date: None,
        summary: "Sơ kết tình hình thực hiện quý II năm 2026".into(),
        recipients: vec![],
        opening: String::new(),
        sections: (0..20)
            .map(|s| {
                let mut sec = Section::new(format!("s{s}"), "Kết quả thực hiện");
                sec.body = paragraph.repeat(40);
                sec
            })
            .collect(),
        closing: String::new(),
        distribution: vec![],
        signer: String::new(),
        appendices: Default::default(),
        review: Default::default(),
        proofing: Default::default(),
        carried: Vec::new(),
        document_words: None,
        document: Default::default(),
        summary_tables: Vec::new(),
    };
    let size = |p: &Project| baocao::storage::to_string(p).map_or(0, |s| s.len());
    let base = size(&p);
    p.reports.push(report(0));
    let per_report = size(&p).saturating_sub(base).max(1);
    let count = target_bytes.saturating_sub(base) / per_report + 1;
    for n in 1..count {
        p.reports.push(report(n));
    }
    p
}

fn load(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("baocao-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("lon.ron");
    let mb: usize = std::env::var("BAOCAO_LARGE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let project = big_project(mb * 1024 * 1024);
    // `BAOCAO_KEEP_LARGE=FILE` keeps the generated project for the export benchmark.
    if let Some(keep) = std::env::var_os("BAOCAO_KEEP_LARGE")
        && let Err(e) = baocao::storage::save(std::path::Path::new(&keep), &project)
    {
        eprintln!("{e}");
    }
    if let Err(e) = baocao::storage::save(&path, &project) {
        eprintln!("{e}");
        return;
    }
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!(
        "generated project file: {:.1} MB",
        size as f64 / 1_048_576.0
    );
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("load a 10 MB project file", |b| {
        b.iter(|| black_box(baocao::storage::load(&path).map(|p| p.reports.len())))
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, load);
criterion_main!(benches);
