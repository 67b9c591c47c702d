//! `baocao export` end to end, judged by real readers: the bundled sample as a draft
//! and as a final version, read by pdfinfo, pdffonts, qpdf, pdftotext and the
//! independent Decree 30 checker (`../shared/tools/nd30check.py`); plus the errors a
//! user can cause. Needs poppler-utils, qpdf and pdfplumber (check.sh installs them);
//! a missing tool fails the test with a message saying what to install.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use baocao::compose::{Block, ComposeOptions, compose};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> PathBuf {
    root().join("assets/mau-binh-minh-hai.ron")
}

fn baocao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1782000000")
        .output()
        .expect("the program runs")
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed ({e}); install poppler-utils, qpdf and pdfplumber (bash check.sh does)")
    });
    assert!(
        out.status.success(),
        "{name} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Exports `project` with extra arguments into a temporary folder.
fn export(project: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bao-cao.pdf");
    let mut args = vec![
        "export",
        project.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = baocao(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Đã xuất"));
    (dir, out)
}

fn nd30check(pdf: &Path, mode: &str) -> (bool, String) {
    let script = root().join("../shared/tools/nd30check.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(pdf)
        .arg(mode)
        .args(["--max-kb", "100"])
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        !text.contains("needs pdfplumber"),
        "pip install pdfplumber (bash check.sh does)"
    );
    (out.status.success(), text)
}

/// The headings of the sample as compose numbers them (`I. CĂN CỨ …`, `2.1. Về …`).
fn sample_headings() -> Vec<String> {
    let project = baocao::storage::load(&sample()).unwrap();
    let doc = compose(&project, &project.reports[0], ComposeOptions::default());
    doc.parts[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) if p.keep_together && p.runs.iter().all(|r| r.bold) => {
                Some(p.text())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_sample_draft_passes_every_rule_of_the_decree_30_checker() {
    let (_dir, pdf) = export(&sample(), &[]);
    let (ok, report) = nd30check(&pdf, "--draft");
    assert!(ok, "{report}");
}

#[test]
fn the_sample_final_version_passes_the_checker_without_the_draft_marking() {
    let (_dir, pdf) = export(&sample(), &["--final"]);
    let (ok, report) = nd30check(&pdf, "--final");
    assert!(ok, "{report}");
}

#[test]
fn real_tools_read_a4_pages_subset_fonts_and_a_clean_structure() {
    let (_dir, pdf) = export(&sample(), &[]);
    let p = pdf.to_str().unwrap();
    let info = tool("pdfinfo", &[p]);
    assert!(
        info.contains("Page size:       595.28 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Author:") && l.ends_with("Ủy ban nhân dân xã Bình Minh Hải")),
        "{info}"
    );
    let fonts = tool("pdffonts", &[p]);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(rows.len(), 4, "{fonts}");
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        let (tag, base) = name.split_once('+').unwrap();
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{row}"
        );
        assert!(base.starts_with("LiberationSerif"), "{row}");
        assert!(row.contains("yes yes yes"), "{row}");
    }
    tool("qpdf", &["--check", p]);
}

#[test]
fn pdftotext_reads_back_the_national_name_the_motto_and_every_heading() {
    let (_dir, pdf) = export(&sample(), &[]);
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let headings = sample_headings();
    assert!(headings.len() >= 12, "{headings:?}");
    for must in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "DỰ THẢO",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(headings)
    {
        assert!(text.contains(&must), "pdftotext lost “{must}”");
    }
}

#[test]
fn appendix_pages_restart_their_numbering_and_break_only_the_checkers_page_count_rule() {
    // nd30check numbers pages through the whole file; the decree numbers each appendix
    // on its own. Everything else must still pass.
    let dir = tempfile::tempdir().unwrap();
    let project_path = dir.path().join("phu-luc.ron");
    let mut project = baocao::storage::load(&sample()).unwrap();
    project.reports[0].appendices.indicators = true;
    project.reports[0].appendices.tasks = true;
    baocao::storage::save(&project_path, &project).unwrap();
    let (_d, pdf) = export(&project_path, &[]);
    let (_, report) = nd30check(&pdf, "--draft");
    let failures: Vec<&str> = report.lines().filter(|l| l.starts_with("FAIL")).collect();
    assert!(!failures.is_empty(), "appendix pages should restart at 1");
    for f in &failures {
        assert!(
            f.contains("centred in the top margin"),
            "unexpected failure: {f}\n{report}"
        );
    }
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Phụ lục I") && text.contains("Phụ lục II"));
    assert!(text.contains("(Chi tiết tại Phụ lục I kèm theo)"));
}

#[test]
fn the_same_project_exports_to_the_same_bytes() {
    let (_a, one) = export(&sample(), &[]);
    let (_b, two) = export(&sample(), &[]);
    assert_eq!(std::fs::read(one).unwrap(), std::fs::read(two).unwrap());
}

#[test]
fn an_unknown_report_id_is_refused_naming_the_reports_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    let o = baocao(&[
        "export",
        sample().to_str().unwrap(),
        "--report",
        "khong-co",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&o.stderr);
    assert!(
        msg.contains("khong-co") && msg.contains("bc-q2-2026"),
        "{msg}"
    );
    assert!(!out.exists());
}

#[test]
fn an_unwritable_output_is_refused_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("khong-co-thu-muc").join("x.pdf");
    let o = baocao(&[
        "export",
        sample().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&o.stderr);
    assert!(
        msg.contains("Không ghi được tệp PDF") && msg.contains("x.pdf"),
        "{msg}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_damaged_project_is_refused_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("hong.ron");
    std::fs::write(&bad, "(format_version: 1, organisation: (place: 5))").unwrap();
    let o = baocao(&[
        "export",
        bad.to_str().unwrap(),
        "-o",
        dir.path().join("x.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&o.stderr);
    assert!(msg.contains("dòng 1, cột"), "{msg}");
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn a_page_setup_outside_the_decree_is_refused_before_exporting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("le.ron");
    let mut project = baocao::storage::load(&sample()).unwrap();
    project.page_setup.margin_left_mm = 25.0;
    baocao::storage::save(&path, &project).unwrap();
    let out = dir.path().join("x.pdf");
    let o = baocao(&[
        "export",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&o.stderr);
    assert!(msg.contains("Lề trái") && msg.contains("30–35 mm"), "{msg}");
    assert!(!out.exists());
}

#[test]
fn the_minimal_fixture_with_its_own_page_setup_passes_the_checker_too() {
    // xã Tân Lập: left margin 32 mm, 13 pt text, 1,15 line spacing, a number and a date.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tan-lap.ron");
    let mut project =
        baocao::storage::load(&root().join("tests/fixtures/xa-tan-lap-toi-gian.ron")).unwrap();
    // Its appendices restart their page numbers, which the checker counts through the file.
    for r in &mut project.reports {
        r.appendices.indicators = false;
        r.appendices.tasks = false;
    }
    baocao::storage::save(&path, &project).unwrap();
    let (_d, pdf) = export(&path, &[]);
    let (ok, report) = nd30check(&pdf, "--draft");
    assert!(ok, "{report}");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        text.contains("Số: 05/BC-UBND"),
        "the number is printed with its leading zero"
    );
}

#[test]
fn a_figure_typed_once_reads_the_same_in_the_text_the_table_and_the_appendix() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phu-luc.ron");
    let mut project = baocao::storage::load(&sample()).unwrap();
    project.reports[0].appendices.indicators = true;
    baocao::storage::save(&path, &project).unwrap();
    let (_d, pdf) = export(&path, &[]);
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    // CT03: twice in the text, once in the results table, once in the appendix.
    assert!(
        text.matches("72,4%").count() >= 4,
        "{}",
        text.matches("72,4%").count()
    );
    assert!(!text.contains("{{"), "every figure is resolved");
}

#[test]
fn a_final_export_with_an_unknown_figure_is_refused_and_a_draft_shows_it_marked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sai.ron");
    let mut project = baocao::storage::load(&sample()).unwrap();
    let first = project.reports[0].sections[0].id.clone();
    project.reports[0]
        .section_mut(&first)
        .unwrap()
        .body
        .push_str("\nĐạt {{CT99.kết quả}}.");
    project.reports[0].review.status = baocao::model::ReportStatus::Approved;
    baocao::storage::save(&path, &project).unwrap();

    let out = dir.path().join("x.pdf");
    let o = baocao(&[
        "export",
        path.to_str().unwrap(),
        "--final",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&o.stderr);
    assert!(
        msg.contains("{{CT99.kết quả}}") && msg.contains("mục I."),
        "{msg}"
    );
    assert!(!out.exists());

    let o = baocao(&[
        "export",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let warn = String::from_utf8_lossy(&o.stderr);
    assert!(
        warn.contains("Số liệu chưa xác định") && warn.contains("CT99"),
        "{warn}"
    );
    let text = tool("pdftotext", &[out.to_str().unwrap(), "-"]);
    assert!(
        text.contains("{{CT99.kết quả}}"),
        "the draft prints the placeholder, never a blank"
    );
}
