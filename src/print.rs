//! print: rendered pages → the system's printer. Beside [`crate::export`] at the end of
//! the pipeline: the pages asked for are cut from the one [`Rendered`] the preview shows,
//! written as PDF by the same writer, and handed to the printing system: CUPS on Linux
//! and macOS (its library loaded at run time), the Windows spooler through GDI, where
//! the same pages are drawn glyph by glyph where layout placed them.
//!
//! Nothing here lays out or composes: a page range keeps the pages as they are, with
//! their own page numbers, exactly as they would print in the whole document.

#[cfg(not(windows))]
mod cups;
mod pages;
pub mod plan;
mod system;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
mod windows_draw;

pub use pages::{PageRangeError, parse_pages};
pub use system::{PrinterInfo, list_printers, submit, system_printers};

use std::path::{Path, PathBuf};

use crate::export::{ExportError, PdfOptions, write_pdf};
use crate::render::Rendered;

/// One print job as the print dialog or `baocao print` asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintJob {
    /// The printer's system name (CUPS queue, Windows printer).
    pub printer: String,
    /// Copies of the whole selection, at least 1.
    pub copies: u32,
    /// Pages to print, 1-based and in order; empty prints every page.
    pub pages: Vec<usize>,
    /// Both sides of the sheet (long edge), where the printer can.
    pub two_sided: bool,
    /// The job's name in the printer's queue.
    pub title: String,
}

impl PrintJob {
    /// What was sent, for the status line: "Đã gửi trang 2-3 (1 bản) tới máy in “PDF”."
    /// `page_count` is the document's.
    pub fn sent_message(&self, page_count: usize) -> String {
        let which = if self.pages.is_empty() {
            format!("{page_count} trang")
        } else {
            format!("trang {}", ranges(&self.pages))
        };
        format!(
            "Đã gửi {which} ({} bản) tới máy in “{}”.",
            self.copies, self.printer
        )
    }
}

/// Pages written back as ranges: `[2, 3, 4, 7]` → `2-4, 7`.
fn ranges(pages: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        parts.push(if j == i {
            pages[i].to_string()
        } else {
            format!("{}-{}", pages[i], pages[j])
        });
        i = j + 1;
    }
    parts.join(", ")
}

/// Why a job did not reach the printer, in Vietnamese.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error(
        "Máy này chưa có máy in nào. Hãy cài máy in trong hệ điều hành, hoặc xuất PDF (Ctrl+E) rồi in ở máy khác."
    )]
    NoPrinter,
    #[error("Không có máy in tên “{0}”. Các máy in có: {1}.")]
    UnknownPrinter(String, String),
    #[error("{0}")]
    Pages(#[from] PageRangeError),
    #[error("Số bản in phải từ 1 đến 99.")]
    Copies,
    #[error("Không tạo được bản in: {0}")]
    Export(#[from] ExportError),
    #[error("Không ghi được bản in tạm vào “{path}”: {reason}", path = .0.display(), reason = .1)]
    Write(PathBuf, String),
    #[error(
        "Không gửi được lệnh in tới máy in “{printer}”: {reason}. Hãy kiểm tra máy in đã bật và còn kết nối rồi in lại, hoặc xuất PDF (Ctrl+E) rồi in từ tệp."
    )]
    NotSent { printer: String, reason: String },
    #[error(
        "Máy này chưa có hệ thống in CUPS (thư viện libcups.so.2) nên không in trực tiếp được. Hãy cài gói “cups”, hoặc xuất PDF (Ctrl+E) rồi in ở máy khác."
    )]
    NoCups,
}

/// The rendered document reduced to `pages` (1-based), each page unchanged; every page
/// when `pages` is empty.
pub fn select_pages(rendered: &Rendered, pages: &[usize]) -> Rendered {
    let mut out = rendered.clone();
    if !pages.is_empty() {
        out.pages.pages = pages
            .iter()
            .filter_map(|&n| rendered.pages.pages.get(n.wrapping_sub(1)).cloned())
            .collect();
    }
    out
}

/// Writes the job's pages as a PDF in `dir` (named `file_name`), ready to be sent;
/// returns its path (shown to the user, and kept should the printer refuse it).
pub fn prepare(
    rendered: &Rendered,
    job: &PrintJob,
    options: &PdfOptions,
    dir: &Path,
    file_name: &str,
) -> Result<PathBuf, PrintError> {
    if !(1..=99).contains(&job.copies) {
        return Err(PrintError::Copies);
    }
    let bytes = write_pdf(&select_pages(rendered, &job.pages), options)?;
    let path = dir.join(file_name);
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&path, &bytes))
        .map_err(|e| PrintError::Write(path.clone(), crate::storage::io_reason(&e)))?;
    Ok(path)
}

/// [`prepare`]s the job's pages and sends them to the job's printer.
pub fn print(
    rendered: &Rendered,
    job: &PrintJob,
    options: &PdfOptions,
    dir: &Path,
    file_name: &str,
) -> Result<PathBuf, PrintError> {
    let path = prepare(rendered, job, options, dir, file_name)?;
    submit(&path, &select_pages(rendered, &job.pages).pages, job)?;
    Ok(path)
}

/// Where the window and the command line keep the pages they send to a printer.
pub fn spool_dir() -> PathBuf {
    std::env::temp_dir().join("baocao-in")
}

/// The printer a job goes to: `asked` when given (which must exist), else the system's
/// default, else the only one.
pub fn choose_printer(printers: &[PrinterInfo], asked: Option<&str>) -> Result<String, PrintError> {
    if printers.is_empty() {
        return Err(PrintError::NoPrinter);
    }
    match asked {
        Some(name) => printers
            .iter()
            .find(|p| p.name == name || p.name.eq_ignore_ascii_case(name))
            .map(|p| p.name.clone())
            .ok_or_else(|| {
                let names: Vec<&str> = printers.iter().map(|p| p.name.as_str()).collect();
                PrintError::UnknownPrinter(name.to_owned(), names.join(", "))
            }),
        None => Ok(printers
            .iter()
            .find(|p| p.is_default)
            .unwrap_or(&printers[0])
            .name
            .clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printer(name: &str, is_default: bool) -> PrinterInfo {
        PrinterInfo {
            name: name.to_owned(),
            description: String::new(),
            is_default,
        }
    }

    #[test]
    fn the_default_printer_is_chosen_unless_one_is_named() {
        let list = [printer("A", false), printer("B", true)];
        assert_eq!(choose_printer(&list, None).unwrap(), "B");
        assert_eq!(choose_printer(&list, Some("a")).unwrap(), "A");
        let e = choose_printer(&list, Some("C")).unwrap_err().to_string();
        assert!(e.contains("“C”") && e.contains("A, B"), "{e}");
        assert!(matches!(
            choose_printer(&[], None),
            Err(PrintError::NoPrinter)
        ));
        assert_eq!(choose_printer(&[printer("X", false)], None).unwrap(), "X");
    }

    #[test]
    fn the_message_says_which_pages_went_to_which_printer() {
        let mut job = PrintJob {
            printer: "PDF".into(),
            copies: 2,
            pages: vec![2, 3, 4, 7],
            two_sided: false,
            title: String::new(),
        };
        assert_eq!(
            job.sent_message(9),
            "Đã gửi trang 2-4, 7 (2 bản) tới máy in “PDF”."
        );
        job.pages.clear();
        assert_eq!(
            job.sent_message(9),
            "Đã gửi 9 trang (2 bản) tới máy in “PDF”."
        );
    }

    #[test]
    fn a_selection_keeps_the_asked_pages_unchanged_and_in_order() {
        let project = crate::test_support::sample();
        let rendered = crate::render::render(
            &project,
            &project.reports[0],
            crate::render::RenderKind::Draft,
        )
        .unwrap();
        assert!(rendered.pages.pages.len() >= 3);
        let picked = select_pages(&rendered, &[2, 3]);
        assert_eq!(picked.pages.pages.len(), 2);
        assert_eq!(picked.pages.pages[0], rendered.pages.pages[1]);
        assert_eq!(picked.pages.pages[1], rendered.pages.pages[2]);
        assert_eq!(select_pages(&rendered, &[]).pages, rendered.pages);
    }
}
