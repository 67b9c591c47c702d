//! Thematic reports and indicator table options in the project file and on paper:
//! a report cut off at a date survives saving and loading, older files load with the
//! options they always printed with, and `baocao export --period 2026-05-15` prints
//! the results up to that date, read back by pdftotext.

use std::path::{Path, PathBuf};
use std::process::Command;

use baocao::model::{IndicatorColumn, IndicatorTableOptions, Period, TableNumbering};
use chrono::NaiveDate;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mau-binh-minh-hai.ron")
}

fn may15() -> Period {
    Period::up_to(NaiveDate::from_ymd_opt(2026, 5, 15).unwrap())
}

/// The sample with its report cut off on 15/5/2026 (as the window changes it) and a
/// table with a Ghi chú column, numbered across groups, also in the appendix.
fn thematic_sample() -> baocao::model::Project {
    let mut project = baocao::storage::load(&sample()).unwrap();
    let id = project.reports[0].id.clone();
    let edit = baocao::edit::Edit::ReportPeriod {
        report: id,
        period: may15(),
    };
    baocao::edit::apply(&mut project, edit).unwrap();
    let report = &mut project.reports[0];
    report.appendices.indicators = true;
    let section = report.section_mut("chi-tieu").unwrap();
    section.indicator_table = IndicatorTableOptions {
        numbering: TableNumbering::Continuous,
        ..IndicatorTableOptions::default().with_column(IndicatorColumn::Note, true)
    };
    project
}

#[test]
fn a_thematic_report_and_its_table_options_survive_saving_and_loading() {
    let project = thematic_sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chuyen-de.ron");
    baocao::storage::save(&path, &project).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("UpTo(\"2026-05-15\")"), "{text}");
    assert!(text.contains("numbering: Continuous"));
    let back = baocao::storage::load(&path).unwrap();
    assert_eq!(back, project);
    assert_eq!(back.reports[0].period, may15());
}

#[test]
fn an_older_file_loads_with_the_default_table_and_saves_without_it() {
    let project = baocao::storage::load(&sample()).unwrap();
    for s in project.reports[0].all_sections() {
        assert!(s.indicator_table.is_default(), "{}", s.id);
    }
    let text = baocao::storage::to_string(&project).unwrap();
    assert!(!text.contains("indicator_table"));
}

#[test]
fn export_by_cut_off_date_prints_results_up_to_that_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chuyen-de.ron");
    baocao::storage::save(&path, &thematic_sample()).unwrap();
    let pdf = dir.path().join("chuyen-de.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["export", path.to_str().unwrap(), "--period", "2026-05-15"])
        .args(["-o", pdf.to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1782000000")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is needed (poppler-utils; bash check.sh installs it)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Kết quả đến"), "{text}");
    assert!(text.contains("ngày 15/5/2026"), "{text}");
    assert!(text.contains("Ghi chú"), "{text}");
    assert!(
        text.contains("tính đến ngày 15/5/2026"),
        "the summary: {text}"
    );
    assert!(
        text.contains("CHỈ TIÊU TÍNH ĐẾN NGÀY 15/5/2026"),
        "the appendix: {text}"
    );

    let wrong = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["export", path.to_str().unwrap(), "--period", "2026-Q3"])
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        msg.contains("quý III năm 2026") && msg.contains("2026-05-15"),
        "{msg}"
    );
}
