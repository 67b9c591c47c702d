//! Dialogs that answer for the user in the window tests: each chooser gives the path
//! the test set (or nothing), the system opener does nothing.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use baocao::print::{PrintError, PrintJob, PrinterInfo};

use baocao::ui::command::PathPurpose;
use baocao::ui::dialogs::{Asks, Chooser, Dialogs};

/// The paths the choosers give; `None` cancels that chooser.
#[derive(Clone, Debug, Default)]
pub struct Answers {
    pub word: Option<PathBuf>,
    /// The plan document Tệp › Nhập kế hoạch… is given.
    pub plan: Option<PathBuf>,
    pub folder: Option<PathBuf>,
    pub xlsx: Option<PathBuf>,
    /// The PDF and Word files the save choosers give.
    pub pdf: Option<PathBuf>,
    pub docx: Option<PathBuf>,
    /// The desktop shows no chooser at all (no file-chooser portal).
    pub no_chooser: bool,
    /// The computer's printers.
    pub printers: Vec<PrinterInfo>,
    /// What was sent to a printer: each job with the page count of its PDF.
    pub sent: Rc<RefCell<Vec<(PrintJob, usize)>>>,
}

impl Dialogs for Answers {
    fn choose(&mut self, purpose: PathPurpose, _suggested: &str) -> Option<PathBuf> {
        match Chooser::of(purpose).asks {
            Asks::Save("pdf") => self.pdf.clone(),
            Asks::Save("docx") => self.docx.clone(),
            Asks::Save("xlsx") => self.xlsx.clone(),
            Asks::Folder => self.folder.clone(),
            _ => match purpose {
                PathPurpose::WordReport | PathPurpose::WordComments => self.word.clone(),
                PathPurpose::PlanDocument => self.plan.clone(),
                _ => None,
            },
        }
    }
    fn open_externally(&mut self, _path: &Path) -> Result<(), String> {
        Ok(())
    }
    fn available(&self) -> bool {
        !self.no_chooser
    }
    fn printers(&mut self) -> Vec<PrinterInfo> {
        self.printers.clone()
    }
    fn print(
        &mut self,
        pdf: &Path,
        laid_out: &baocao::layout::Pages,
        job: &PrintJob,
    ) -> Result<(), PrintError> {
        let pages = lopdf::Document::load(pdf).unwrap().get_pages().len();
        assert_eq!(
            laid_out.pages.len(),
            pages,
            "the PDF holds the pages handed over"
        );
        self.sent.borrow_mut().push((job.clone(), pages));
        Ok(())
    }
}
