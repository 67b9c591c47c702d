//! The hostile files of issue 30, made by the small generators of
//! `support/hostile.rs`: each is refused (or read, where it is legitimate) quickly and
//! with a Vietnamese reason saying what was too big, never by crashing or exhausting
//! memory; and the CSV files Excel writes on a Vietnamese Windows import with the
//! right letters. The time bound here is only a sanity bound for a debug build under
//! load; `benches/hostile.sh` measures the release build against 2 s and 256 MB.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use baocao::import::docx::{self, DocxError};
use baocao::import::{self, Encoding, ImportError, WorkbookProblem};
use baocao::limits::{self, Exceeded};

use crate::support::hostile::*;

fn sample() -> baocao::model::Project {
    baocao::storage::load(Path::new(crate::support::SAMPLE_PATH)).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs `f`, failing when it takes longer than a generous bound.
fn within<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < Duration::from_secs(30), "{what} took {took:?}");
    out
}

#[test]
fn a_word_file_with_tables_nested_a_thousand_deep_is_refused_without_overflowing() {
    let bytes = nested_tables_docx(1000);
    assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
    let e = within("nested tables", || {
        docx::open(&bytes, Path::new("long.docx")).unwrap_err()
    });
    assert!(
        matches!(
            e,
            DocxError::TooBig {
                what: Exceeded::TableNesting(limits::MAX_TABLE_NESTING),
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("bảng lồng nhau quá 32 cấp"), "{e}");

    // Nesting within the bound is read: the innermost text reaches the report.
    let fine = nested_tables_docx(limits::MAX_TABLE_NESTING);
    let word = docx::open(&fine, Path::new("vua.docx")).unwrap();
    let rec = docx::recognise(&word).rec;
    assert!(!rec.is_empty() || !rec.notes.is_empty());
}

#[test]
fn a_word_file_declaring_a_terabyte_part_is_read_by_what_it_holds_not_what_it_declares() {
    let bytes = terabyte_docx();
    assert!(bytes.len() < 64 * 1024);
    // The part really holds a one-line document: read, or refused as damaged (its
    // declared size does not match), never allocated.
    match within("1 TiB declared", || {
        docx::open(&bytes, Path::new("tb.docx"))
    }) {
        Ok(_) => {}
        Err(e) => assert!(matches!(e, DocxError::Corrupt { .. }), "{e}"),
    }
}

#[test]
fn a_word_file_inflating_to_a_gigabyte_is_refused_at_its_budget() {
    let bytes = inflating_docx(1024);
    assert!(bytes.len() < 2 * 1024 * 1024, "{} bytes", bytes.len());
    let e = within("1 GiB inflating", || {
        docx::open(&bytes, Path::new("bom.docx")).unwrap_err()
    });
    assert!(
        matches!(
            e,
            DocxError::TooBig {
                what: Exceeded::Part(limits::MAX_DOCX_PART_BYTES),
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("giải nén ra hơn 16 MB"), "{e}");
    // 100 MiB, once accepted as a 31,070-page report, is refused the same way.
    let e = docx::open(&inflating_docx(100), Path::new("b.docx")).unwrap_err();
    assert!(matches!(e, DocxError::TooBig { .. }), "{e}");
}

#[test]
fn a_workbook_with_a_three_gigabyte_shared_string_is_refused_at_its_budget() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bang.xlsx", &huge_shared_string_xlsx(3 * 1024));
    let e = within("3 GiB shared string", || {
        import::preview(&path, &sample(), None).unwrap_err()
    });
    assert!(
        matches!(
            e,
            ImportError::TooBig {
                what: Exceeded::Part(limits::MAX_WORKBOOK_PART_BYTES),
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("giải nén ra hơn 32 MB"), "{e}");
    // A small shared string in the same workbook is read.
    let path = write(dir.path(), "nho.xlsx", &huge_shared_string_xlsx(0));
    assert!(import::read_table(&path, None).is_ok());
}

#[test]
fn an_opendocument_sheet_renamed_xlsx_is_refused_saying_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = ods_posing_as_xlsx();
    assert!(bytes.len() < 2048);
    let path = write(dir.path(), "bang.xlsx", &bytes);
    let e = within("ODS as xlsx", || {
        import::preview(&path, &sample(), None).unwrap_err()
    });
    assert!(
        matches!(
            e,
            ImportError::Workbook {
                reason: WorkbookProblem::OpenDocument,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("OpenDocument (.ods)"), "{e}");
}

#[test]
fn a_million_row_csv_is_refused_while_parsing_saying_how_many_rows_are_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bang.csv", &many_rows_csv(1_000_000));
    let e = within("1,000,000 rows", || {
        import::preview(&path, &sample(), None).unwrap_err()
    });
    assert!(
        matches!(
            e,
            ImportError::TooBig {
                what: Exceeded::Rows(limits::MAX_TABLE_ROWS),
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("bảng có hơn 100.000 dòng"), "{e}");
}

#[test]
fn an_import_that_would_make_the_project_too_large_to_open_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("du-an.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &project).unwrap();
    let before = std::fs::read(&project).unwrap();
    // Within the table's bounds, but ~460 bytes a row once in the project.
    let table = write(dir.path(), "bang.csv", &many_rows_csv(90_000));
    let out = within("90,000-row import", || {
        crate::support::cli::import(&[&project, &table], &["--yes"], "")
    });
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("Không lưu: tệp dự án sẽ nặng"), "{err}");
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[test]
fn a_project_too_large_to_open_is_refused_pointing_at_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("du-an.ron");
    let mut text = std::fs::read_to_string(crate::support::SAMPLE_PATH).unwrap();
    text.push_str(&format!(
        "\n// {}\n",
        "x".repeat(limits::MAX_PROJECT_BYTES as usize)
    ));
    std::fs::write(&path, &text).unwrap();
    drop(text);
    let e = baocao::storage::load(&path).unwrap_err().to_string();
    assert!(e.contains("quá lớn (trên 32 MB)"), "{e}");
    assert!(!e.contains(".bak"), "{e}");
    let bak = baocao::storage::backup_path(&path);
    std::fs::copy(crate::support::SAMPLE_PATH, &bak).unwrap();
    let e = baocao::storage::load(&path).unwrap_err().to_string();
    assert!(e.contains(&bak.display().to_string()), "{e}");
    assert!(baocao::storage::load(&bak).is_ok());
}

#[test]
fn a_report_text_of_more_lines_than_allowed_is_refused_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("du-an.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &project).unwrap();
    let before = std::fs::read(&project).unwrap();
    let text = write(
        dir.path(),
        "bao-cao.txt",
        "a\n".repeat(limits::MAX_TEXT_LINES + 1).as_bytes(),
    );
    let out = within("200,001 lines", || {
        crate::support::cli::import(&[&project, &text], &["--yes"], "")
    });
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("văn bản có hơn 200.000 dòng"), "{err}");
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[test]
fn a_code_page_1258_csv_from_excel_imports_with_the_right_letters() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "chi-tieu.csv", &cp1258_csv());
    let p = import::preview(&path, &sample(), None).unwrap();
    let names: Vec<&str> = p.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["Ủy ban nhân dân", "Chuyển đổi số"], "{p:?}");
    let source = p.source.unwrap();
    assert_eq!(source.encoding, Encoding::Windows1258);
    assert_eq!(source.separator, ';');
    assert!(p.source_label().contains("Windows-1258"));
}

#[test]
fn a_unicode_text_file_from_excel_imports_with_the_right_letters() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "nhiem-vu.txt", &utf16_tab_csv());
    let project = sample();
    let p = import::preview(&path, &project, None).unwrap();
    assert_eq!(p.tasks.len(), 1, "{p:?}");
    assert_eq!(p.tasks[0].name, "Chuyển đổi số");
    let source = p.source.unwrap();
    assert_eq!(source.encoding, Encoding::Utf16Le);
    assert_eq!(source.separator, '\t');
    // The preview on the command line says how the file was read.
    let copy = dir.path().join("du-an.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &copy).unwrap();
    // A `.txt` is a report's text unless --kind says it is a table.
    let out = crate::support::cli::import(&[&copy, &path], &["--kind", "nhiem-vu"], "k\n");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains(
            "Đọc dạng: CSV, mã hóa UTF-16 LE (Unicode Text của Excel), phân cách bằng ký tự tab."
        ),
        "{shown}"
    );
}

#[cfg(unix)]
#[test]
fn folder_commands_never_leave_the_folder_through_links() {
    let dir = tempfile::tempdir().unwrap();
    let outer = dir.path().join("tinh");
    let inner = outer.join("xa");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::copy(crate::support::SAMPLE_PATH, outer.join("ngoai.ron")).unwrap();
    std::fs::copy(crate::support::SAMPLE_PATH, inner.join("a.ron")).unwrap();
    std::os::unix::fs::symlink("/", inner.join("goc")).unwrap();
    std::os::unix::fs::symlink(&outer, inner.join("cha")).unwrap();
    std::os::unix::fs::symlink(inner.join("a.ron"), inner.join("b.ron")).unwrap();
    let found = within("walk", || baocao::aggregate::find(&inner).unwrap());
    assert_eq!(found.files, [inner.join("a.ron")], "{found:?}");
    let outside: Vec<&PathBuf> = found
        .unreadable
        .iter()
        .filter(|(_, _, why)| why.contains("ra ngoài thư mục"))
        .map(|(p, _, _)| p)
        .collect();
    assert_eq!(outside, [&inner.join("cha"), &inner.join("goc")]);

    let out = within("check DIR", || {
        Command::new(env!("CARGO_BIN_EXE_baocao"))
            .arg("check")
            .arg(&inner)
            .output()
            .unwrap()
    });
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("ngoai.ron"), "{text}");
    assert!(text.contains("a.ron"), "{text}");
}
