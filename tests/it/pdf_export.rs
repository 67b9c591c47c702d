//! The PDF of a six-page sample report, read by real PDF tools the way a third party
//! reads it: `pdfinfo` (page size and count, metadata), `pdffonts` (embedded, subset,
//! Unicode map), `pdftotext` (words, spaces, diacritics, reading order) and
//! `qpdf --check` (structure).
//!
//! Tests named `real_tools_…` need poppler-utils and qpdf on PATH; when a tool is
//! missing they fail and say which package to install, rather than pass silently.

use crate::support::sample_pages;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use baocao::export::{PdfOptions, write_pdf};
use baocao::render::Rendered;

fn options() -> PdfOptions {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 2, 5)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("date");
    PdfOptions::new(date)
}

fn pdf_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        write_pdf(
            &Rendered::of_pages(sample_pages::report(true), sample_pages::meta(), true),
            &options(),
        )
        .expect("export")
    })
}

/// The sample PDF written once to a temporary folder that lives as long as the tests.
fn pdf_path() -> &'static PathBuf {
    static PATH: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &PATH
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("bao-cao.pdf");
            std::fs::write(&path, pdf_bytes()).expect("write pdf");
            (dir, path)
        })
        .1
}

/// Runs a PDF tool on the sample; a missing tool is a failure that says what to install.
fn run(tool: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf_path())
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "`{tool}` could not be run ({e}). Install it (apt-get install poppler-utils qpdf) \
                 so the real_tools_ tests can check the PDF."
            )
        });
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn the_sample_report_is_about_six_pages_and_well_under_100_kb() {
    let pages = sample_pages::report(true);
    assert!(
        (5..=8).contains(&pages.pages.len()),
        "{} pages",
        pages.pages.len()
    );
    let kb = pdf_bytes().len() as f64 / 1024.0;
    assert!(kb < 100.0, "{kb:.1} KB");
}

#[test]
fn real_tools_pdfinfo_sees_a4_pages_and_the_metadata() {
    let (ok, out) = run("pdfinfo", &[]);
    assert!(ok, "{out}");
    let pages = sample_pages::report(true).pages.len();
    assert!(
        out.contains(&format!("Pages:           {pages}\n")),
        "{out}"
    );
    assert!(
        out.contains("Page size:       595.28 x 841.89 pts (A4)"),
        "{out}"
    );
    assert!(
        out.contains("Author:          Ủy ban nhân dân xã Nam Thanh Miện"),
        "{out}"
    );
    assert!(out.contains("Producer:        baocao"), "{out}");
    assert!(
        out.contains("CreationDate:    Thu Feb  5 09:30:00 2026"),
        "{out}"
    );
    // Every page, not only the first.
    let (ok, out) = run("pdfinfo", &["-f", "1", "-l", &pages.to_string()]);
    assert!(ok, "{out}");
    let sizes = out
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size:"));
    let sizes: Vec<&str> = sizes.collect();
    let a4 = sizes
        .iter()
        .filter(|l| l.ends_with("595.28 x 841.89 pts (A4)"))
        .count();
    let sizes = sizes.len();
    assert_eq!((sizes, a4), (pages, pages), "{out}");
}

#[test]
fn real_tools_pdffonts_sees_four_embedded_subset_unicode_fonts() {
    let (ok, out) = run("pdffonts", &[]);
    assert!(ok, "{out}");
    let rows: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(rows.len(), 4, "{out}");
    let mut names = Vec::new();
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let name = cols[0];
        let (tag, ps) = name
            .split_once('+')
            .unwrap_or_else(|| panic!("no subset tag: {row}"));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{row}"
        );
        names.push(ps.to_string());
        assert!(row.contains("CID TrueType"), "{row}");
        // Columns: name, type (two words), encoding, emb, sub, uni, object, generation.
        assert_eq!(cols[4..7], ["yes", "yes", "yes"], "emb sub uni: {row}");
    }
    names.sort();
    assert_eq!(
        names,
        [
            "LiberationSerif",
            "LiberationSerif-Bold",
            "LiberationSerif-BoldItalic",
            "LiberationSerif-Italic"
        ]
    );
}

#[test]
fn real_tools_qpdf_finds_no_errors() {
    let (ok, out) = run("qpdf", &["--check"]);
    assert!(ok, "{out}");
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "{out}"
    );
    assert!(!out.to_lowercase().contains("warning"), "{out}");
}

#[test]
fn real_tools_pdftotext_reads_the_vietnamese_words_in_order() {
    let (ok, out) = run("pdftotext", &["-layout", "-enc", "UTF-8"]);
    assert!(ok, "{out}");
    // Header lines: the two columns come back side by side, in reading order.
    let lines: Vec<String> = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let has = |s: &str| lines.iter().any(|l| l.contains(s));
    assert!(
        has("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{out}"
    );
    assert!(
        has("XÃ NAM THANH MIỆN Độc lập - Tự do - Hạnh phúc"),
        "{out}"
    );
    assert!(
        has("Số: 05/BC-UBND Nam Thanh Miện, ngày 05 tháng 02 năm 2026"),
        "{out}"
    );
    assert!(has("Nơi nhận: TM. ỦY BAN NHÂN DÂN"), "{out}");
    assert!(has("- Lưu: VT, VP."), "{out}");
    // Justified body: every word of the paragraphs comes back, with single spaces
    // between them, once the page breaks and line ends are joined.
    let body = lines.join(" ");
    let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    for p in sample_pages::PARAGRAPHS {
        assert!(body.contains(p), "not found in the extracted text: {p}");
    }
    // The code points are the ones put in (NFC), not decomposed ones.
    assert!(out.contains('\u{1ED8}'), "precomposed Ộ missing");
    assert!(
        !out.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c)),
        "combining marks in the output"
    );
}
