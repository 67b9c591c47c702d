//! `baocao aggregate`, `baocao check FOLDER` and `baocao export FOLDER --out DIR` as a
//! city official runs them on a folder of communes' files made from the sample: the
//! workbook read back with calamine says what each file says on its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use baocao::model::{IndicatorStatus, Period, PeriodKind, Project, TaskState, TaskStatus, Value};
use calamine::{Data, Reader, Xlsx};

pub(crate) const COMMUNES: [&str; 7] = [
    "Xã Đông Hải",
    "Phường An Biên",
    "Xã Dương Kinh",
    "Phường Đồ Sơn",
    "Xã Ân Thi",
    "Phường Ái Quốc",
    "Xã Bạch Đằng",
];

pub(crate) fn sample() -> Project {
    baocao::storage::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mau-binh-minh-hai.ron"),
    )
    .unwrap()
}

pub(crate) const Q2: Period = Period {
    year: 2026,
    kind: PeriodKind::Quarter(2),
};

/// The sample as commune `i`: its name, its Q2 values scaled and a few removed, some
/// task states changed, and (for every other commune) indicator names written with
/// other case, tone placement and punctuation.
pub(crate) fn commune(i: usize) -> Project {
    let mut p = sample();
    let name = COMMUNES[i];
    let (kind, place) = name.split_once(' ').unwrap();
    p.organisation.full_name = format!("Ủy ban nhân dân {} {place}", kind.to_lowercase());
    p.organisation.short_name = format!("UBND {name}");
    let factor = 0.7 + 0.1 * i as f64;
    let rec = p.period_record_mut(Q2);
    for (k, (_, v)) in rec.indicators.iter_mut().enumerate() {
        if let Some(Value::Number(x)) = &mut v.value {
            *x = (*x * factor).min(100.0).round();
        }
        if (k + i).is_multiple_of(5) {
            v.value = None;
        }
    }
    for (k, (_, t)) in rec.tasks.iter_mut().enumerate() {
        if (k + i).is_multiple_of(3) {
            t.state = TaskState::Done;
        } else if (k + i).is_multiple_of(4) {
            t.state = TaskState::NotStarted;
        }
    }
    if i % 2 == 1 {
        for ind in &mut p.plan.indicators {
            ind.name = format!("{}.", ind.name.to_uppercase().replace("HÓA", "HOÁ"));
        }
    }
    if i == 1 {
        p.plan.indicators[0].name = VARIANT.to_owned();
    }
    p
}

/// How commune 1 words the first indicator.
const VARIANT: &str = "Tỷ lệ hồ sơ TTHC được tiếp nhận và xử lý trực tuyến";

pub(crate) fn write(dir: &Path, name: &str, p: &Project) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, baocao::storage::to_string(p).unwrap()).unwrap();
    path
}

/// A folder of the seven communes (two in a sub-folder), a broken file, one of
/// another period, one of another year, a file with no report, and a text file.
pub(crate) fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..COMMUNES.len() {
        let name = if i < 5 {
            format!("xa-{i}.ron")
        } else {
            format!("quan-2/xa-{i}.ron")
        };
        write(dir.path(), &name, &commune(i));
    }
    std::fs::write(dir.path().join("hong.ron"), "(format_version: 2, plan: (").unwrap();
    let mut q1 = sample();
    q1.organisation.full_name = "Ủy ban nhân dân xã Kỳ Khác".into();
    q1.reports[0].period = Period::new(2026, PeriodKind::Quarter(1));
    write(dir.path(), "ky-khac.ron", &q1);
    let mut last_year = sample();
    last_year.organisation.full_name = "Ủy ban nhân dân xã Năm Trước".into();
    last_year.plan.year = 2025;
    last_year.reports[0].period = Period::new(2025, PeriodKind::Quarter(2));
    write(dir.path(), "nam-truoc.ron", &last_year);
    let mut none = sample();
    none.reports.clear();
    write(dir.path(), "chua-co.ron", &none);
    std::fs::write(dir.path().join("ghi-chu.txt"), "không phải tệp dự án").unwrap();
    dir
}

pub(crate) fn run(args: &[&str], paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .args(paths)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap()
}

pub(crate) fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A sheet's rows below its header row, keyed by the header's titles.
pub(crate) fn sheet(path: &Path, name: &str) -> Vec<BTreeMap<String, Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header_at = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| *c == "TT"))
        .unwrap();
    let titles: Vec<String> = rows[header_at].iter().map(|c| c.to_string()).collect();
    rows[header_at + 1..]
        .iter()
        .map(|r| titles.iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}

pub(crate) fn number(row: &BTreeMap<String, Data>, title: &str) -> f64 {
    match row.get(title) {
        Some(Data::Float(x)) => *x,
        Some(Data::Int(x)) => *x as f64,
        other => panic!("{title}: {other:?}"),
    }
}

pub(crate) fn string(row: &BTreeMap<String, Data>, title: &str) -> String {
    row.get(title).map(|d| d.to_string()).unwrap_or_default()
}

/// An indicator's name, status and numeric value, as a commune's report has them.
type Judged = (String, IndicatorStatus, Option<f64>);

/// What one commune's own report says: its indicators' statuses and its tasks'.
fn file_by_file(i: usize) -> (Vec<Judged>, Vec<TaskStatus>) {
    let p = commune(i);
    let report = p.reports.iter().rev().find(|r| r.period == Q2).unwrap();
    let indicators = baocao::compose::facts::indicators(&p, report)
        .into_iter()
        .map(|(ind, v, s)| {
            let x = match v {
                Some(Value::Number(x)) => Some(x),
                _ => None,
            };
            (ind.name.clone(), s, x)
        })
        .collect();
    let tasks = baocao::compose::facts::tasks(&p, report)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    (indicators, tasks)
}

#[test]
fn the_workbook_counts_what_each_file_says_on_its_own() {
    let dir = folder();
    let out = dir.path().join("TỔNG-HỢP.xlsx");
    let o = run(
        &["aggregate", "--period", "2026-Q2", "-o"],
        &[&out, dir.path()],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("quý II năm 2026"), "{}", text(&o));

    // Communes: one row each, in Vietnamese order of the place's own name.
    let rows = sheet(&out, "Xã phường");
    let names: Vec<String> = rows.iter().map(|r| string(r, "Xã, phường")).collect();
    assert_eq!(
        names,
        [
            "Phường Ái Quốc",
            "Phường An Biên",
            "Xã Ân Thi",
            "Xã Bạch Đằng",
            "Xã Dương Kinh",
            "Phường Đồ Sơn",
            "Xã Đông Hải",
        ]
    );
    for row in &rows {
        let i = COMMUNES
            .iter()
            .position(|c| *c == string(row, "Xã, phường"))
            .unwrap();
        let (indicators, tasks) = file_by_file(i);
        let count = |f: &dyn Fn(IndicatorStatus) -> bool| {
            indicators.iter().filter(|(_, s, _)| f(*s)).count() as f64
        };
        assert_eq!(number(row, "Số chỉ tiêu"), indicators.len() as f64);
        assert_eq!(number(row, "Đạt, vượt"), count(&|s| s.is_achieved()));
        assert_eq!(
            number(row, "Đúng tiến độ"),
            count(&|s| s == IndicatorStatus::OnTrack)
        );
        assert_eq!(
            number(row, "Chưa đạt"),
            count(&|s| s == IndicatorStatus::NotMet)
        );
        assert_eq!(
            number(row, "Chưa có số liệu"),
            count(&|s| s == IndicatorStatus::NoData)
        );
        let tcount = |s: TaskStatus| tasks.iter().filter(|t| **t == s).count() as f64;
        assert_eq!(number(row, "Số nhiệm vụ"), tasks.len() as f64);
        assert_eq!(number(row, "Hoàn thành"), tcount(TaskStatus::Done));
        assert_eq!(number(row, "Quá hạn"), tcount(TaskStatus::Overdue));
        assert!(number(row, "Quá hạn") + number(row, "Hoàn thành") > 0.0);
    }

    // Indicators: the names written differently are one row each, with every commune.
    let sample_names: Vec<String> = sample()
        .plan
        .indicators
        .iter()
        .map(|i| i.name.clone())
        .collect();
    let rows = sheet(&out, "Chỉ tiêu");
    assert_eq!(rows.len(), sample_names.len(), "{rows:?}");
    for (k, name) in sample_names.iter().enumerate() {
        let row = rows
            .iter()
            .find(|r| string(r, "Chỉ tiêu") == *name)
            .unwrap_or_else(|| panic!("no row for {name}"));
        assert_eq!(
            number(row, "Số xã, phường có chỉ tiêu"),
            COMMUNES.len() as f64
        );
        let statuses: Vec<(IndicatorStatus, Option<f64>)> = (0..COMMUNES.len())
            .map(|i| {
                let (ind, _) = file_by_file(i);
                (ind[k].1, ind[k].2)
            })
            .collect();
        let met = statuses.iter().filter(|(s, _)| s.is_achieved()).count();
        assert_eq!(number(row, "Đạt, vượt"), met as f64, "{name}");
        let no_data = statuses
            .iter()
            .filter(|(s, _)| *s == IndicatorStatus::NoData)
            .count();
        assert_eq!(number(row, "Chưa có số liệu"), no_data as f64, "{name}");
        let values: Vec<f64> = statuses.iter().filter_map(|(_, v)| *v).collect();
        if let Some(max) = values.iter().copied().reduce(f64::max) {
            let scale = if string(row, "Đơn vị tính") == "%" {
                100.0
            } else {
                1.0
            };
            assert!(
                (number(row, "Lớn nhất") * scale - max).abs() < 1e-6,
                "{name}"
            );
        }
    }

    // Every commune's own status, indicator by indicator.
    let details = sheet(&out, "Chi tiết chỉ tiêu");
    assert_eq!(details.len(), COMMUNES.len() * sample_names.len());
    for d in &details {
        let i = COMMUNES
            .iter()
            .position(|c| *c == string(d, "Xã, phường"))
            .unwrap();
        let k = sample_names
            .iter()
            .position(|n| *n == string(d, "Chỉ tiêu"))
            .unwrap();
        assert_eq!(string(d, "Đánh giá"), file_by_file(i).0[k].1.label());
    }

    // The files not taken, each with its reason.
    let skipped = sheet(&out, "Tệp không lấy");
    let reasons: BTreeMap<String, String> = skipped
        .iter()
        .map(|r| (string(r, "Tệp"), string(r, "Lý do")))
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert_eq!(reasons["hong.ron"], "Tệp hỏng");
    assert_eq!(reasons["ky-khac.ron"], "Kỳ khác");
    assert_eq!(reasons["nam-truoc.ron"], "Năm khác");
    assert_eq!(reasons["chua-co.ron"], "Chưa có báo cáo");
}

#[test]
fn without_a_period_the_latest_most_files_report_on_is_taken_and_said() {
    let dir = folder();
    let out = dir.path().join("th.xlsx");
    let o = run(&["aggregate", "-o"], &[&out, dir.path()]);
    assert!(o.status.success(), "{}", text(&o));
    // 7 communes of 10 readable files have a Q2 2026 report.
    assert!(
        text(&o).contains("quý II năm 2026 — kỳ gần nhất có báo cáo ở 7/10"),
        "{}",
        text(&o)
    );
    // Same input, same bytes (replacing the first table needs --force).
    let first = std::fs::read(&out).unwrap();
    let o = run(&["aggregate", "--force", "-o"], &[&out, dir.path()]);
    assert!(o.status.success());
    assert_eq!(first, std::fs::read(&out).unwrap());
}

#[test]
fn bad_arguments_and_an_empty_folder_are_refused_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["aggregate", "-o", "x.odt"], &[dir.path()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains(".xlsx"), "{}", text(&o));
    let o = run(&["aggregate", "--period", "quý 2"], &[dir.path()]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["aggregate"], &[dir.path()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("Không có tệp dự án"), "{}", text(&o));
    let o = run(&["aggregate"], &[&dir.path().join("khong-co")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("Không mở được thư mục"), "{}", text(&o));
}

#[test]
fn the_mapping_file_written_by_the_program_can_be_corrected_and_read_back() {
    let dir = folder();
    let map = dir.path().join("doi-chieu.csv");
    let out = dir.path().join("th.xlsx");
    let o = run(
        &["aggregate", "--period", "2026-Q2", "--write-mapping"],
        &[&map, dir.path(), Path::new("-o"), &out],
    );
    assert!(o.status.success(), "{}", text(&o));
    let written = std::fs::read_to_string(&map).unwrap();
    assert!(written.starts_with("\u{feff}\"Tên trong tệp\",\"Tên chung\""));
    // The first indicator's name, and commune 1's wording of it, are listed under
    // its common name (other spellings differ only in case, tones and punctuation).
    let first = &sample().plan.indicators[0].name;
    let lines: Vec<&str> = written
        .lines()
        .filter(|l| l.ends_with(&format!(",\"{first}\"")))
        .collect();
    assert_eq!(lines.len(), 2, "{written}");

    // The official decides commune 1's wording is another indicator.
    let corrected = written.replace(
        &format!("\"{VARIANT}\",\"{first}\""),
        &format!("\"{VARIANT}\",\"Chỉ tiêu riêng\""),
    );
    assert_ne!(corrected, written);
    std::fs::write(&map, corrected).unwrap();
    // The table of the first run is replaced: that takes --force.
    let o = run(
        &["aggregate", "--period", "2026-Q2", "--force", "--mapping"],
        &[&map, dir.path(), Path::new("-o"), &out],
    );
    assert!(o.status.success(), "{}", text(&o));
    let rows = sheet(&out, "Chỉ tiêu");
    let row = |n: &str| {
        rows.iter()
            .find(|r| string(r, "Chỉ tiêu") == n)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        number(&row("Chỉ tiêu riêng"), "Số xã, phường có chỉ tiêu"),
        1.0
    );
    assert_eq!(number(&row(first), "Số xã, phường có chỉ tiêu"), 6.0);

    // A damaged mapping file is refused, naming the line.
    std::fs::write(&map, "\"Tên trong tệp\",\"Tên chung\"\n\"a\",\"b\",\"c\"\n").unwrap();
    let o = run(&["aggregate", "--mapping"], &[&map, dir.path()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("dòng 2"), "{}", text(&o));
}

#[test]
fn checking_a_folder_goes_on_past_a_broken_file_and_fails_at_the_end() {
    let dir = folder();
    let o = run(&["check"], &[dir.path()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = text(&o);
    assert!(
        out.contains("hong.ron: không dùng được — Tệp dự án bị lỗi ở dòng 1"),
        "{out}"
    );
    assert!(
        out.contains("quan-2/xa-6.ron: Xã Bạch Đằng — 0 lỗi"),
        "{out}"
    );
    assert!(
        out.contains("Đã kiểm tra 11 tệp: 10 dùng được, 1 không dùng được."),
        "{out}"
    );
    std::fs::remove_file(dir.path().join("hong.ron")).unwrap();
    let o = run(&["check"], &[dir.path()]);
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn exporting_a_folder_writes_each_report_into_the_target_keeping_sub_folders() {
    let dir = folder();
    let target = tempfile::tempdir().unwrap();
    let o = run(&["export", "--out"], &[target.path(), dir.path()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = text(&o);
    // The broken file and the one without a report fail; the rest are written.
    assert!(out.contains("hong.ron: không xuất được"), "{out}");
    assert!(out.contains("chua-co.ron: không xuất được"), "{out}");
    assert!(out.contains("Đã xuất 9 / 11 tệp"), "{out}");
    // Named as the window names it, after the commune that keeps the files apart.
    let pdf = target
        .path()
        .join("quan-2/xa-bach-dang-BC-so-ket-quy-II-2026-du-thao.pdf");
    assert!(
        std::fs::read(&pdf).unwrap().starts_with(b"%PDF"),
        "{}",
        pdf.display()
    );
}

fn tool(name: &str, args: &[&Path]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed ({e}); install poppler-utils (bash .ci/run does)")
    });
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_pdf_summary_is_a_report_with_sideways_appendix_tables_of_every_commune() {
    let dir = folder();
    let pdf = dir.path().join("TỔNG-HỢP.pdf");
    let o = run(
        &["aggregate", "--period", "2026-Q2", "-o"],
        &[&pdf, dir.path()],
    );
    assert!(o.status.success(), "{}", text(&o));
    let info = tool(
        "pdfinfo",
        &[
            Path::new("-f"),
            Path::new("1"),
            Path::new("-l"),
            Path::new("99"),
            &pdf,
        ],
    );
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| {
            l.contains(" size:")
                && l.split_whitespace()
                    .nth(1)
                    .is_some_and(|n| n.parse::<u32>().is_ok())
        })
        .collect();
    assert!(
        sizes.first().is_some_and(|l| l.contains("595.28 x 841.89")),
        "{info}"
    );
    assert!(
        sizes.last().is_some_and(|l| l.contains("841.89 x 595.28")),
        "{info}"
    );
    let body = tool("pdftotext", &[&pdf, Path::new("-")]);
    let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO",
        "Phụ lục I",
        "Phụ lục II",
        "Phụ lục III",
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA CÁC XÃ, PHƯỜNG QUÝ II NĂM 2026",
        "đã lấy số liệu của 7 xã, phường",
    ] {
        assert!(flat.contains(needle), "{needle} missing:\n{body}");
    }
    for commune in COMMUNES {
        assert!(flat.contains(commune), "{commune} missing");
    }
    // Same input, same bytes.
    let first = std::fs::read(&pdf).unwrap();
    run(
        &["aggregate", "--period", "2026-Q2", "-o"],
        &[&pdf, dir.path()],
    );
    assert_eq!(first, std::fs::read(&pdf).unwrap());
}
