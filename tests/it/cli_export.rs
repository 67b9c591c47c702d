//! `baocao export` end to end, judged by real readers: the bundled sample as a draft,
//! as a final version (of an approved copy) and as a review copy, read by pdfinfo, pdffonts, qpdf, pdftotext and the
//! independent Decree 30 checker (`../shared/tools/nd30check.py`); plus the errors a
//! user can cause. Needs poppler-utils, qpdf and pdfplumber (check.sh installs them);
//! a missing tool fails the test with a message saying what to install.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::cli::tool;

use baocao::compose::{Block, ComposeOptions, compose};
use baocao::model::{Comment, Reply, ReportStatus, ReviewRole};

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

/// A copy of the sample whose report is approved, so that it may be printed final.
/// The sample itself stays a draft ("Đang soạn").
fn approved_sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("da-duyet.ron");
    let mut project = baocao::storage::load(&sample()).unwrap();
    project.reports[0].review.status = ReportStatus::Approved;
    project.reports[0].review.approved_fingerprint =
        Some(baocao::review::fingerprint(&project, &project.reports[0]));
    baocao::storage::save(&path, &project).unwrap();
    (dir, path)
}

#[test]
fn a_final_version_of_an_approved_report_edited_since_is_refused() {
    let (dir, approved) = approved_sample();
    let mut project = baocao::storage::load(&approved).unwrap();
    project.reports[0].sections[0]
        .body
        .push_str("\nMột dòng thêm sau khi duyệt.");
    baocao::storage::save(&approved, &project).unwrap();
    let out = dir.path().join("x.pdf");
    let o = baocao(&[
        "export",
        approved.to_str().unwrap(),
        "--final",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("thay đổi sau khi được duyệt"), "{err}");
    assert!(!out.exists());
}

#[test]
fn the_sample_final_version_passes_the_checker_without_the_draft_marking() {
    let (_src, approved) = approved_sample();
    let (_dir, pdf) = export(&approved, &["--final"]);
    let (ok, report) = nd30check(&pdf, "--final");
    assert!(ok, "{report}");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(!text.contains("DỰ THẢO"), "{text}");
    assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
}

#[test]
fn a_final_version_of_a_report_still_being_drafted_is_refused_naming_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    let o = baocao(&[
        "export",
        sample().to_str().unwrap(),
        "--final",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&o.stderr);
    assert!(
        msg.contains("Báo cáo đang ở trạng thái “Đang soạn”")
            && msg.contains("chỉ bản đã duyệt hoặc đã ban hành mới được in bản chính thức")
            && msg.contains("DỰ THẢO"),
        "{msg}"
    );
    assert!(msg.contains("mau-binh-minh-hai.ron"), "{msg}");
    assert!(!out.exists());
    assert!(String::from_utf8_lossy(&o.stdout).is_empty());
}

#[test]
fn a_report_sent_back_for_changes_is_refused_too_and_an_issued_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trang-thai.ron");
    let out = dir.path().join("x.pdf");
    for (status, ok) in [
        (ReportStatus::AwaitingReview, false),
        (ReportStatus::NeedsChanges, false),
        (ReportStatus::Issued, true),
    ] {
        let mut project = baocao::storage::load(&sample()).unwrap();
        project.reports[0].review.status = status;
        // An approval counts only with the fingerprint of what was approved.
        let fp = baocao::review::fingerprint(&project, &project.reports[0]);
        project.reports[0].review.approved_fingerprint = Some(fp);
        baocao::storage::save(&path, &project).unwrap();
        let o = baocao(&[
            "export",
            path.to_str().unwrap(),
            "--final",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.success(), ok, "{status:?}");
        if !ok {
            let msg = String::from_utf8_lossy(&o.stderr);
            assert!(msg.contains(&format!("“{}”", status.label())), "{msg}");
        }
        assert_eq!(out.exists(), ok, "{status:?}");
    }
}

#[test]
fn final_and_review_copy_together_are_refused_with_the_usage() {
    let o = baocao(&[
        "export",
        sample().to_str().unwrap(),
        "--final",
        "--review-copy",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&o.stderr);
    assert!(msg.contains("Chỉ chọn một trong hai"), "{msg}");
    assert!(msg.contains("--review-copy: bản xem xét"), "{msg}");
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
fn appendix_pages_restart_their_numbering_and_pass_every_rule_of_the_checker() {
    // The decree numbers each appendix on its own; nd30check knows it and checks that
    // an appendix's first page shows no number and its next pages restart at 2.
    let dir = tempfile::tempdir().unwrap();
    let project_path = dir.path().join("phu-luc.ron");
    let mut project = baocao::storage::load(&sample()).unwrap();
    project.reports[0].appendices.indicators = true;
    project.reports[0].appendices.tasks = true;
    baocao::storage::save(&project_path, &project).unwrap();
    let (_d, pdf) = export(&project_path, &[]);
    let (ok, report) = nd30check(&pdf, "--draft");
    assert!(ok, "{report}");
    assert!(report.contains("first page of an appendix"), "{report}");
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
    project.reports[0].review.status = ReportStatus::Approved;
    let fp = baocao::review::fingerprint(&project, &project.reports[0]);
    project.reports[0].review.approved_fingerprint = Some(fp);
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
        text.contains("[CT99: không có trong kế hoạch]") && !text.contains("{{"),
        "the draft prints a clean mark of the gap, never a blank nor the code: {text}"
    );
    // In red, the draft marking's colour: the content stream sets it around the mark.
    let qpdf = tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            out.to_str().unwrap(),
            "-",
        ],
    );
    assert!(qpdf.contains("0.8 0 0 rg"), "the mark is red");
}

/// Page `n` (from 1) of `pdf` as text.
fn page_text(pdf: &Path, n: usize, layout: bool) -> String {
    let n = n.to_string();
    let mut args = vec!["-f", n.as_str(), "-l", n.as_str()];
    if layout {
        args.push("-layout");
    }
    args.extend([pdf.to_str().unwrap(), "-"]);
    tool("pdftotext", &args)
}

fn page_count(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{info}"))
}

/// The text without any white space, so that line breaks and justification do not matter.
fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

/// The page number an entry of the comments list gives: `… — trang N`.
fn listed_page(text: &str, entry_start: &str) -> usize {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(entry_start))
        .unwrap_or_else(|| panic!("no entry “{entry_start}” in:\n{text}"));
    line.rsplit_once("— trang ")
        .and_then(|(_, n)| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page in “{line}”"))
}

#[test]
fn the_review_copy_lists_the_open_comments_with_the_pages_they_point_to() {
    // Two open comments (one on the fourth paragraph of "Hạn chế", one on the last
    // section, with a reply) and a resolved one that must not be listed.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gop-y.ron");
    let mut project = baocao::storage::load(&sample()).unwrap();
    let at = |d, h, m| {
        chrono::NaiveDate::from_ymd_opt(2026, 11, d)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .unwrap()
    };
    let comment = |id: &str, section: &str, paragraph, text: &str| Comment {
        id: id.into(),
        section: section.into(),
        paragraph,
        author: "Nguyễn Văn A".into(),
        role: ReviewRole::Reviewer,
        at: at(22, 10, 5),
        text: text.into(),
        replies: Vec::new(),
        resolved: false,
        resolved_by: None,
        resolved_at: None,
        reopened_at: None,
        anchor: None,
    };
    let mut on_last = comment(
        "c2",
        "kien-nghi",
        None,
        "Bổ sung kiến nghị về kinh phí số hóa.",
    );
    on_last.replies.push(Reply {
        author: "Trần Thị Bích".into(),
        role: ReviewRole::Drafter,
        at: at(23, 14, 30),
        text: "Đã bổ sung vào đoạn cuối.".into(),
    });
    let mut done = comment("c3", "can-cu", None, "Góp ý đã xử lý xong.");
    done.resolved = true;
    project.reports[0].review.comments = vec![
        on_last,
        comment(
            "c1",
            "han-che",
            Some(3),
            "Nêu rõ thiết bị nào cần thay thế.",
        ),
        done,
    ];
    baocao::storage::save(&path, &project).unwrap();

    let (_d1, review) = export(&path, &["--review-copy"]);
    let (_d2, draft) = export(&path, &[]);
    let text = tool("pdftotext", &["-layout", review.to_str().unwrap(), "-"]);
    for must in [
        "Ý KIẾN GÓP Ý CHƯA XỬ LÝ",
        "Có 2 góp ý chưa xử lý",
        "Nêu rõ thiết bị nào cần thay thế.",
        "Bổ sung kiến nghị về kinh phí số hóa.",
        "Nguyễn Văn A (người duyệt), 10:05 ngày 22/11/2026:",
        "Trần Thị Bích (người soạn), 14:30 ngày 23/11/2026:",
        "Đã bổ sung vào đoạn cuối.",
        "DỰ THẢO",
    ] {
        assert!(text.contains(must), "“{must}” missing:\n{text}");
    }
    assert!(
        !text.contains("Góp ý đã xử lý xong."),
        "a resolved comment is listed"
    );

    // The body of the review copy is the draft, page for page.
    let body = page_count(&draft);
    assert!(page_count(&review) > body);
    for n in 1..=body {
        assert_eq!(
            page_text(&review, n, true),
            page_text(&draft, n, true),
            "page {n} differs from the draft"
        );
    }
    let images = |pdf: &Path, name: &str| -> Vec<Vec<u8>> {
        let prefix = dir.path().join(name);
        let last = body.to_string();
        tool(
            "pdftoppm",
            &[
                "-r",
                "30",
                "-gray",
                "-l",
                &last,
                pdf.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("{name}-"))
            })
            .collect();
        files.sort();
        files.iter().map(|f| std::fs::read(f).unwrap()).collect()
    };
    let (a, b) = (images(&review, "xem-xet"), images(&draft, "du-thao"));
    assert_eq!(a.len(), body);
    assert!(a == b, "the body pages render differently from the draft's");

    // Entries in report order; each page listed is where that text really is.
    let p1 = listed_page(&text, "1. Mục b) Hạn chế, đoạn 4 — trang");
    let p2 = listed_page(&text, "2. Mục IV. KIẾN NGHỊ, ĐỀ XUẤT — trang");
    assert!(p1 < p2 && p2 <= body, "{p1} {p2} {body}");
    let paragraph = squash("- Một số trang thiết bị công nghệ thông tin tại trụ sở");
    assert!(squash(&page_text(&review, p1, false)).contains(&paragraph));
    assert!(!squash(&page_text(&review, p1 - 1, false)).contains(&paragraph));
    let heading = squash("IV. KIẾN NGHỊ, ĐỀ XUẤT");
    assert!(squash(&page_text(&review, p2, false)).contains(&heading));
    assert!(!(1..p2).any(|n| squash(&page_text(&review, n, false)).contains(&heading)));

    // Only embedded subset fonts, a clean structure.
    let fonts = tool("pdffonts", &[review.to_str().unwrap()]);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        let (tag, base) = name
            .split_once('+')
            .unwrap_or_else(|| panic!("not a subset: {row}"));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{row}"
        );
        assert!(base.starts_with("LiberationSerif"), "{row}");
        assert!(row.contains("yes yes yes"), "{row}");
    }
    tool("qpdf", &["--check", review.to_str().unwrap()]);

    // The body pages alone still pass the Decree 30 checker as a draft.
    let body_only = dir.path().join("than.pdf");
    let range = format!("1-{body}");
    tool(
        "qpdf",
        &[
            review.to_str().unwrap(),
            "--pages",
            ".",
            &range,
            "--",
            body_only.to_str().unwrap(),
        ],
    );
    let (ok, report) = nd30check(&body_only, "--draft");
    assert!(ok, "{report}");
}

#[test]
fn a_review_copy_without_open_comments_says_so_and_an_approved_report_keeps_the_marking() {
    let (_src, approved) = approved_sample();
    let (_dir, pdf) = export(&approved, &["--review-copy"]);
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Ý KIẾN GÓP Ý CHƯA XỬ LÝ"), "{text}");
    assert!(text.contains("Không có góp ý nào chưa xử lý."), "{text}");
    assert!(text.contains("DỰ THẢO"), "a review copy is always a draft");
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("bản xem xét"), "{info}");
}

#[test]
fn a_project_that_check_rejects_exports_a_draft_naming_its_errors_and_no_final_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loi.ron");
    let mut project = baocao::storage::load(&sample()).unwrap();
    let twin = project.plan.indicators[0].clone();
    project.plan.indicators.push(twin);
    project.reports[0].review.status = ReportStatus::Approved;
    project.reports[0].review.approved_fingerprint =
        Some(baocao::review::fingerprint(&project, &project.reports[0]));
    baocao::storage::save(&path, &project).unwrap();
    let out = dir.path().join("x.pdf");
    let o = baocao(&[
        "export",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("Lỗi trong tệp dự án") && err.contains("bị trùng"),
        "{err}"
    );
    assert!(out.exists());

    std::fs::remove_file(&out).unwrap();
    let o = baocao(&[
        "export",
        path.to_str().unwrap(),
        "--final",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("tệp dự án còn lỗi") && err.contains("bị trùng"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn find_counts_every_occurrence_of_a_phrase_that_pdftotext_reads_in_the_export() {
    let (_dir, pdf) = export(&sample(), &[]);
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let project = baocao::storage::load(&sample()).unwrap();
    let report = project.reports.last().unwrap();
    let opts = baocao::edit::find::FindOptions {
        match_case: true,
        ..Default::default()
    };
    for phrase in [
        "Bình Minh Hải",
        "Đề án 06",
        "chuyển đổi số",
        "Ủy ban nhân dân xã",
    ] {
        let in_pdf = flat.matches(phrase).count();
        let found = baocao::edit::find::find_printed(&project, report, phrase, opts).len();
        assert!(in_pdf > 0, "the sample prints “{phrase}”");
        assert!(
            found >= in_pdf,
            "“{phrase}”: pdftotext reads {in_pdf}, find finds {found}"
        );
    }
}

#[test]
fn an_approval_written_into_the_file_by_hand_is_no_approval() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sua-tay.ron");
    let text = std::fs::read_to_string(sample()).unwrap();
    assert!(text.contains("status: Drafting"));
    std::fs::write(&path, text.replace("status: Drafting", "status: Approved")).unwrap();
    let out = dir.path().join("chinh-thuc.pdf");
    let o = baocao(&[
        "export",
        path.to_str().unwrap(),
        "--final",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("không có dấu xác nhận"), "{err}");
    assert!(!out.exists());
    // As it stands it prints as a draft.
    let (_d, draft) = export(&path, &[]);
    let text = tool("pdftotext", &[draft.to_str().unwrap(), "-"]);
    assert!(text.contains("DỰ THẢO"));
}

#[test]
fn without_o_the_command_line_names_each_output_as_the_window_does() {
    let (dir, path) = approved_sample();
    let project = baocao::storage::load(&path).unwrap();
    let report = project.reports.last().unwrap();
    let name = baocao::session::reports::output_name;
    for (extra, expected) in [
        (&[][..], name(report, true, false, "pdf")),
        (&["--review-copy"][..], name(report, true, true, "pdf")),
        (&["--final"][..], name(report, false, false, "pdf")),
        (&["--format", "docx"][..], name(report, true, false, "docx")),
    ] {
        let mut args = vec!["export", path.to_str().unwrap()];
        args.extend_from_slice(extra);
        let o = baocao(&args);
        assert!(
            o.status.success(),
            "{extra:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let written = dir.path().join(&expected);
        assert!(written.is_file(), "{extra:?}: {expected} not written");
        let said = String::from_utf8_lossy(&o.stdout);
        assert!(said.contains(&expected), "{extra:?}: {said}");
        // Again without --force: refused, saying how to replace it.
        let again = baocao(&args);
        assert!(!again.status.success(), "{extra:?}");
        assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    }
    assert_eq!(
        name(report, true, false, "pdf"),
        "BC-so-ket-quy-II-2026-du-thao.pdf"
    );
}
