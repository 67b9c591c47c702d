//! print: the system's printers and the hand-over of a job, one door for both platforms.
//! CUPS (Linux, macOS) takes the job's PDF through its library, loaded at run time
//! ([`super::cups`]); the Windows spooler takes the pages drawn with GDI
//! (`super::windows`), so that no other program is needed to print.

use std::path::Path;

use super::{PrintError, PrintJob};
use crate::layout::Pages;

/// A printer the system knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrinterInfo {
    /// The name jobs are sent to (CUPS queue, Windows printer name).
    pub name: String,
    /// What the system calls it for people (may be empty).
    pub description: String,
    /// The system's default printer.
    pub is_default: bool,
}

/// The printers of this computer, the default first, then by name; or why the system
/// cannot be asked (no CUPS library, a spooler that does not answer).
pub fn list_printers() -> Result<Vec<PrinterInfo>, PrintError> {
    #[cfg(windows)]
    let mut list = super::windows::printers()?;
    #[cfg(not(windows))]
    let mut list = super::cups::printers()?;
    sort_printers(&mut list);
    Ok(list)
}

/// The default first, then by name.
fn sort_printers(list: &mut [PrinterInfo]) {
    list.sort_by(|a, b| b.is_default.cmp(&a.is_default).then(a.name.cmp(&b.name)));
}

/// The printers of this computer, as [`list_printers`]; none when the system cannot be
/// asked (the window then offers the PDF).
pub fn system_printers() -> Vec<PrinterInfo> {
    list_printers().unwrap_or_default()
}

/// Sends the job to its printer: on Windows `pages` (the job's pages, already
/// selected) drawn through the spooler, elsewhere the PDF at `pdf` (the same pages)
/// through CUPS. Fails, saying why in Vietnamese, unless the system took the job.
pub fn submit(pdf: &Path, pages: &Pages, job: &PrintJob) -> Result<(), PrintError> {
    let printers = list_printers()?;
    super::choose_printer(&printers, Some(&job.printer))?;
    #[cfg(windows)]
    {
        let _ = pdf;
        super::windows::print_pages(pages, job)
    }
    #[cfg(not(windows))]
    {
        let _ = pages;
        super::cups::submit(pdf, job)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_printer_comes_first_then_the_others_by_name() {
        let p = |name: &str, is_default| PrinterInfo {
            name: name.into(),
            description: String::new(),
            is_default,
        };
        let mut list = vec![p("C", false), p("B", true), p("A", false)];
        sort_printers(&mut list);
        let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["B", "A", "C"]);
    }
}
