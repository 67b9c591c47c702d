//! `baocao export --format docx` end to end, judged by real readers: LibreOffice turns
//! the Word file into a PDF that the Decree 30 checker (`../shared/tools/nd30check.py`)
//! and pdftotext read against the app's own PDF; python-docx reads back the styles,
//! list levels and tables; the review copy's comments are read from the package.
//!
//! LibreOffice is given the bundled fonts (Liberation Serif, metric-compatible with
//! Times New Roman) through a private fontconfig file, so that it sets the text as Word
//! does with Times New Roman. Without `soffice` the conversion tests say so and pass;
//! CI installs it (`.ci/run`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use baocao::compose::{Block, ComposeOptions, SourceRef, compose};
use baocao::model::{Comment, Reply, ReviewRole};

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

/// Exports `project` to `dir/name` with extra arguments.
fn export(project: &Path, dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let mut args = vec![
        "export",
        project.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = baocao(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

pub(crate) fn has_soffice() -> bool {
    let found = Command::new("soffice").arg("--version").output().is_ok();
    if !found {
        eprintln!(
            "BỎ QUA: không có soffice (LibreOffice) nên không chuyển được tệp Word sang PDF; \
             cài libreoffice-writer-nogui để chạy kiểm tra này."
        );
    }
    found
}

/// LibreOffice's PDF of `docx`, set in the bundled fonts.
pub(crate) fn convert(docx: &Path) -> PathBuf {
    let dir = docx.parent().unwrap();
    let conf = dir.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            r#"<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>{}</dir><cachedir>{}</cachedir></fontconfig>"#,
            root().join("fonts").display(),
            dir.join("fc-cache").display()
        ),
    )
    .unwrap();
    let out_dir = dir.join("lo");
    let o = Command::new("soffice")
        .env("FONTCONFIG_FILE", &conf)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out_dir)
        .arg(docx)
        .output()
        .expect("soffice runs");
    let pdf = out_dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.exists(),
        "LibreOffice made no PDF:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    pdf
}

fn nd30check(pdf: &Path) -> (bool, String) {
    let out = Command::new("python3")
        .arg(root().join("../shared/tools/nd30check.py"))
        .arg(pdf)
        .arg("--draft")
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.success(), text)
}

/// The words pdftotext reads, without the page numbers (a number alone on the first
/// line of a page) and with hyphens taken out of words: where Word breaks a line after
/// the hyphen of `VH-XH` in a narrow cell (the app's layout breaks at spaces only),
/// pdftotext joins the two halves without it.
fn words(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut out = Vec::new();
    for page in text.split('\u{c}') {
        let mut lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines
            .first()
            .is_some_and(|l| l.trim().chars().all(|c| c.is_ascii_digit()))
        {
            lines.remove(0);
        }
        for l in lines {
            out.extend(
                l.split_whitespace()
                    .map(|w| w.replace('-', ""))
                    .filter(|w| !w.is_empty()),
            );
        }
    }
    out
}

fn python(script: &str, arg: &Path) -> String {
    let o = Command::new("python3")
        .args(["-c", script])
        .arg(arg)
        .output()
        .expect("python3 runs");
    assert!(
        o.status.success(),
        "python failed (pip install python-docx):\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_sample_in_word_converted_by_libreoffice_passes_the_checker_and_reads_as_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let docx = export(&sample(), dir.path(), "bao-cao.docx", &["--format", "docx"]);
    let pdf = export(&sample(), dir.path(), "ung-dung.pdf", &[]);
    let size = std::fs::metadata(&docx).unwrap().len();
    assert!((5_000..200_000).contains(&size), "{size} bytes");
    if !has_soffice() {
        return;
    }
    let converted = convert(&docx);
    let (ok, report) = nd30check(&converted);
    assert!(ok, "{report}");
    let (app, word) = (words(&pdf), words(&converted));
    if app != word {
        let first = app.iter().zip(&word).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "the words differ from word {first}:\napp:  {:?}\nword: {:?}",
            &app[first.saturating_sub(5)..(first + 10).min(app.len())],
            &word[first.saturating_sub(5)..(first + 10).min(word.len())]
        );
    }
}

#[test]
fn appendices_are_sections_of_their_own_numbered_from_one() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = dir.path().join("phu-luc.ron");
    let mut project = baocao::storage::load(&sample()).unwrap();
    project.reports[0].appendices.indicators = true;
    project.reports[0].appendices.tasks = true;
    baocao::storage::save(&project_path, &project).unwrap();
    let docx = export(&project_path, dir.path(), "phu-luc.docx", &[]);
    if !has_soffice() {
        return;
    }
    let (ok, report) = nd30check(&convert(&docx));
    assert!(ok, "{report}");
    assert!(report.contains("first page of an appendix"), "{report}");
}

const READ_BACK: &str = r#"
import sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
from docx.text.paragraph import Paragraph
for e in d.element.body.iter(qn("w:p")):
    p = Paragraph(e, d)
    num = p._p.pPr.numPr if p._p.pPr is not None else None
    ilvl = num.ilvl.val if num is not None and num.ilvl is not None else -1
    print("P", p.style.name, ilvl, p.text, sep="\t")
for t in d.tables:
    rows = t._tbl.tr_lst
    header = sum(1 for r in rows if r.trPr is not None and r.trPr.find(qn("w:tblHeader")) is not None)
    whole = sum(1 for r in rows if r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None)
    spans = sum(1 for tc in t._tbl.iter(qn("w:gridSpan")))
    print("T", len(rows), len(t.columns), header, whole, spans, sep="\t")
"#;

#[test]
fn python_docx_reads_back_headings_list_levels_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    let docx = export(&sample(), dir.path(), "bao-cao.docx", &[]);
    let out = python(READ_BACK, &docx);
    let paragraphs: Vec<Vec<&str>> = out
        .lines()
        .filter(|l| l.starts_with("P\t"))
        .map(|l| l.split('\t').collect())
        .collect();
    let with =
        |style: &str| -> Vec<&Vec<&str>> { paragraphs.iter().filter(|p| p[1] == style).collect() };
    let project = baocao::storage::load(&sample()).unwrap();
    let report = &project.reports[0];
    let h1 = with("Heading 1");
    assert_eq!(h1.len(), report.sections.len(), "{out}");
    assert!(h1[0][3].starts_with("I. "), "{out}");
    assert!(!with("Heading 2").is_empty() && with("Heading 2")[0][3].starts_with("1. "));
    // List items: Word numbering with levels; the marker is not in the text.
    let first_level = with("Ý liệt kê cấp 1");
    let second_level = with("Ý liệt kê cấp 2");
    assert!(!first_level.is_empty() && !second_level.is_empty(), "{out}");
    assert!(
        first_level
            .iter()
            .all(|p| p[2] == "0" && !p[3].starts_with("- "))
    );
    assert!(
        second_level
            .iter()
            .all(|p| p[2] == "1" && !p[3].starts_with("+ "))
    );
    assert!(!with("Nơi nhận").is_empty() && !with("Nội dung báo cáo").is_empty());

    let tables: Vec<Vec<usize>> = out
        .lines()
        .filter(|l| l.starts_with("T\t"))
        .map(|l| l.split('\t').skip(1).map(|n| n.parse().unwrap()).collect())
        .collect();
    // The header block, the signature block and the indicator table at least.
    let data: Vec<&Vec<usize>> = tables.iter().filter(|t| t[2] == 1).collect();
    assert!(tables.len() >= 3 && !data.is_empty(), "{out}");
    for t in &data {
        assert_eq!(t[3], t[0], "every row of a data table is kept whole: {t:?}");
    }
    assert!(
        data.iter().any(|t| t[4] > 0),
        "group rows are merged across: {out}"
    );
}

#[test]
fn the_same_report_exports_to_the_same_word_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let one = export(&sample(), dir.path(), "mot.docx", &[]);
    let two = export(&sample(), dir.path(), "hai.docx", &[]);
    assert_eq!(std::fs::read(one).unwrap(), std::fs::read(two).unwrap());
    // In one process too: nothing carries over from one export to the next.
    let project = baocao::storage::load(&sample()).unwrap();
    let rendered = baocao::render::render(
        &project,
        &project.reports[0],
        baocao::render::RenderKind::Draft,
    )
    .unwrap();
    let options = baocao::export::DocxOptions {
        creation_date: chrono::DateTime::from_timestamp(1_782_000_000, 0)
            .unwrap()
            .naive_utc(),
    };
    let a = baocao::export::write_docx(&rendered, &options).unwrap();
    let b = baocao::export::write_docx(&rendered, &options).unwrap();
    assert_eq!(a, b);
}

const COMMENTS: &str = r#"
import sys, zipfile, re
from xml.etree import ElementTree as ET
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
z = zipfile.ZipFile(sys.argv[1])
comments = ET.fromstring(z.read("word/comments.xml"))
for c in comments.findall(W + "comment"):
    text = " / ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.findall(W + "p"))
    print("C", c.get(W + "id"), c.get(W + "author"), text, sep="\t")
body = ET.fromstring(z.read("word/document.xml"))
for p in body.iter(W + "p"):
    for s in p.findall(W + "commentRangeStart"):
        print("A", s.get(W + "id"), "".join(t.text or "" for t in p.iter(W + "t")), sep="\t")
"#;

/// The comments Word shows as replies: `paraId\tparent` for each linked to another.
const EXTENDED: &str = r#"
import sys, zipfile
from xml.etree import ElementTree as ET
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
z = zipfile.ZipFile(sys.argv[1])
x = ET.fromstring(z.read("word/commentsExtended.xml"))
for c in x.iter(W15 + "commentEx"):
    print(c.get(W15 + "paraId"), "parent" if c.get(W15 + "paraIdParent") else "top", sep="\t")
"#;

#[test]
fn the_review_copy_has_one_word_comment_per_open_comment_anchored_where_it_points() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gop-y.ron");
    let mut project = baocao::storage::load(&sample()).unwrap();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(10, 5, 0))
        .unwrap();
    let comment = |id: &str, section: &str, paragraph, text: &str| Comment {
        id: id.into(),
        section: section.into(),
        paragraph,
        author: "Nguyễn Văn A".into(),
        role: ReviewRole::Reviewer,
        at,
        text: text.into(),
        replies: Vec::new(),
        resolved: false,
        resolved_by: None,
        resolved_at: None,
        reopened_at: None,
        anchor: None,
    };
    let mut on_heading = comment("c2", "kien-nghi", None, "Bổ sung kiến nghị về kinh phí.");
    on_heading.replies.push(Reply {
        author: "Trần Thị Bích".into(),
        role: ReviewRole::Drafter,
        at,
        text: "Đã bổ sung.".into(),
    });
    let mut done = comment("c3", "can-cu", None, "Góp ý đã xử lý xong.");
    done.resolved = true;
    project.reports[0].review.comments = vec![
        on_heading,
        comment("c1", "han-che", Some(3), "Nêu rõ thiết bị nào cần thay."),
        done,
    ];
    baocao::storage::save(&path, &project).unwrap();
    let docx = export(&path, dir.path(), "xem-xet.docx", &["--review-copy"]);
    let out = python(COMMENTS, &docx);
    let comments: Vec<Vec<&str>> = out
        .lines()
        .filter(|l| l.starts_with("C\t"))
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(
        comments.len(),
        3,
        "one Word comment per open comment and one per reply:\n{out}"
    );
    assert!(!out.contains("Góp ý đã xử lý xong."), "{out}");
    assert!(!out.contains("Ý KIẾN GÓP Ý CHƯA XỬ LÝ"));

    // Where each should be anchored, from the composed document.
    let report = &project.reports[0];
    let doc = compose(&project, report, ComposeOptions::default());
    let find = |section: &str, heading: bool, index: Option<usize>| -> String {
        doc.parts[0]
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Paragraph(p)
                    if p.source == SourceRef::section(section)
                        && p.heading_level.is_some() == heading
                        && (heading || p.index_in_source == index) =>
                {
                    Some(p.text())
                }
                _ => None,
            })
            .unwrap()
    };
    let anchored = |id: &str| -> String {
        out.lines()
            .filter(|l| l.starts_with("A\t"))
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .find(|a| comments.iter().any(|c| c[1] == a[1] && c[3].contains(id)))
            .map(|a| a[2].to_owned())
            .unwrap_or_else(|| panic!("no anchor for “{id}”:\n{out}"))
    };
    let heading = anchored("kinh phí");
    assert_eq!(heading, find("kien-nghi", true, None));
    let paragraph = anchored("thiết bị");
    let expected = find("han-che", false, Some(3));
    // Word numbers list items itself; the marker is left out of the text.
    assert!(
        expected.ends_with(&paragraph) && !paragraph.is_empty(),
        "{paragraph} / {expected}"
    );
    // The author's name as written, the comment's own text; the reply is a Word reply
    // on the same text, by its own author.
    let first = comments.iter().find(|c| c[3].contains("kinh phí")).unwrap();
    assert_eq!(
        (first[2], first[3]),
        ("Nguyễn Văn A", "Bổ sung kiến nghị về kinh phí.")
    );
    let reply = comments.iter().find(|c| c[3] == "Đã bổ sung.").unwrap();
    assert_eq!(reply[2], "Trần Thị Bích");
    assert_eq!(anchored("Đã bổ sung."), heading);
    let extended = python(EXTENDED, &docx);
    assert_eq!(
        extended.lines().filter(|l| l.ends_with("\tparent")).count(),
        1,
        "{extended}"
    );
}

#[test]
fn the_final_version_in_word_has_no_draft_marking_and_a_draft_of_an_unapproved_report_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("da-duyet.ron");
    let mut project = baocao::storage::load(&sample()).unwrap();
    project.reports[0].review.status = baocao::model::ReportStatus::Approved;
    project.reports[0].review.approved_fingerprint =
        Some(baocao::review::fingerprint(&project, &project.reports[0]));
    baocao::storage::save(&path, &project).unwrap();
    let docx = export(&path, dir.path(), "chinh-thuc.docx", &["--final"]);
    let read = |part: &str| -> String {
        let bytes = std::fs::read(&docx).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut s).unwrap();
        s
    };
    assert!(!read("word/document.xml").contains("DỰ THẢO"));
    let core = read("docProps/core.xml");
    assert!(
        core.contains("<dc:creator>Ủy ban nhân dân xã Bình Minh Hải</dc:creator>"),
        "{core}"
    );
    assert!(!core.contains("dự thảo"), "{core}");
    let draft = export(&sample(), dir.path(), "du-thao.docx", &[]);
    let bytes = std::fs::read(&draft).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut doc = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut doc)
        .unwrap();
    assert!(doc.contains("DỰ THẢO"));

    let refused = baocao(&[
        "export",
        sample().to_str().unwrap(),
        "--final",
        "--format",
        "docx",
        "-o",
        dir.path().join("x.docx").to_str().unwrap(),
    ]);
    assert!(!refused.status.success());
    assert!(!dir.path().join("x.docx").exists());
}
