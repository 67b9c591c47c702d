//! ui: the forms the dialogs edit and the commands carry (the print dialog's choices, a
//! Word file's recognised report). They sit below `command.rs` with it: they import no
//! other module of `ui/`, so the dialogs can import the commands and the commands these
//! forms without an import circle.

use std::path::PathBuf;

use crate::import::docx;
use crate::import::text::{self, Recognised};
use crate::model::{Period, PeriodKind, Project, Report};
use crate::print::PrinterInfo;

/// What the print dialog edits.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintForm {
    /// The system's printers when the dialog opened, the default first.
    pub printers: Vec<PrinterInfo>,
    /// The chosen printer's name.
    pub printer: String,
    pub copies: u32,
    /// Pages as typed; blank for every page.
    pub pages: String,
    pub two_sided: bool,
    /// Pages of the report as it prints now.
    pub page_count: usize,
    /// Why the last try did not print, shown in red.
    pub error: Option<String>,
}

impl PrintForm {
    /// The form for a report of `page_count` pages: the default printer, one copy, every
    /// page, one side.
    pub fn new(printers: Vec<PrinterInfo>, page_count: usize) -> Self {
        let printer = crate::print::choose_printer(&printers, None).unwrap_or_default();
        Self {
            printers,
            printer,
            copies: 1,
            pages: String::new(),
            two_sided: false,
            page_count,
            error: None,
        }
    }
}

/// A report read from a Word file, ready to add.
#[derive(Clone, Debug)]
pub struct WordReportPreview {
    pub path: PathBuf,
    pub rec: Recognised,
    /// The report that would be added.
    pub report: Report,
    /// Every note, as the clerk reads it.
    pub notes: Vec<String>,
    /// Why the report's period was chosen.
    pub period_why: &'static str,
    /// Print the project's header and signature words rather than the document's.
    pub project_words: bool,
}

impl WordReportPreview {
    /// The report `rec` would make in `project`.
    pub fn new(path: PathBuf, rec: Recognised, project: &Project) -> Self {
        let latest = project
            .periods
            .iter()
            .map(|r| r.period)
            .chain(project.reports.iter().map(|r| r.period))
            .max_by_key(|p| (p.year, p.end_month()));
        let (period, period_why) = match (rec.period, latest) {
            (Some(p), _) => (p, "theo kỳ ghi trong văn bản"),
            (None, Some(p)) => (p, "văn bản không ghi kỳ; lấy kỳ gần nhất của dự án"),
            (None, None) => (
                Period::new(
                    rec.year.unwrap_or(project.plan.year),
                    PeriodKind::Quarter(1),
                ),
                "văn bản và dự án đều chưa có kỳ nào; hãy kiểm tra",
            ),
        };
        let id = crate::session::reports::new_report_id(project, period);
        let (report, more) = text::into_report(&rec, id, period, project);
        let notes = rec
            .notes
            .iter()
            .chain(more.iter())
            .map(docx::describe_note)
            .collect();
        Self {
            path,
            rec,
            report,
            notes,
            period_why,
            project_words: false,
        }
    }
}
