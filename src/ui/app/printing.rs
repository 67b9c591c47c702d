//! ui › app: printing — the print dialog on the system's printers, the job sent from
//! it, and the PDF handed to the system's viewer to print from there. Prints the one
//! rendered value of the current revision, as Export does.

use super::BaocaoApp;
use super::files::OutputError;
use crate::session::now;
use crate::ui::command::{Modal, PdfKind, StatusLine};
use crate::ui::print_dialog::PrintForm;

impl BaocaoApp {
    /// Opens the print dialog on the system's printers.
    pub(super) fn open_print_dialog(&mut self) {
        self.refresh();
        let Some(rendered) = self.rendered() else {
            return;
        };
        let count = rendered.pages.pages.len();
        let printers = self.dialogs.printers();
        self.modal = Some(Modal::Print(Box::new(PrintForm::new(printers, count))));
    }

    /// Sends what the print dialog asks for; the dialog stays open with the reason when
    /// it cannot.
    pub(super) fn print_now(&mut self) {
        let Some(Modal::Print(mut form)) = self.modal.take() else {
            return;
        };
        match self.send_to_printer(&form) {
            Ok(said) => self.status = Some(StatusLine::info(said)),
            Err(e) => {
                form.error = Some(e);
                self.modal = Some(Modal::Print(form));
            }
        }
    }

    fn send_to_printer(&mut self, form: &PrintForm) -> Result<String, String> {
        self.refresh();
        let report = self
            .report()
            .ok_or_else(|| OutputError::NoReport.to_string())?;
        let draft = self.rendered().is_none_or(|r| r.draft);
        let name = crate::session::reports::output_name(report, draft, false, "pdf");
        let rendered = self
            .rendered_for(PdfKind::Report)
            .map_err(|e| e.to_string())?;
        let count = rendered.pages.pages.len();
        let job = crate::print::PrintJob {
            printer: form.printer.clone(),
            copies: form.copies,
            pages: crate::print::parse_pages(&form.pages, count).map_err(|e| e.to_string())?,
            two_sided: form.two_sided,
            title: name.clone(),
        };
        let options = crate::export::PdfOptions::new(now());
        let spool = crate::print::spool_dir();
        let path = crate::print::prepare(rendered, &job, &options, &spool, &name)
            .map_err(|e| e.to_string())?;
        let pages = crate::print::select_pages(rendered, &job.pages).pages;
        self.dialogs
            .print(&path, &pages, &job)
            .map_err(|e| e.to_string())?;
        Ok(job.sent_message(count))
    }

    /// Hands the report's PDF to the system's viewer, to print from there.
    pub(super) fn print_with_viewer(&mut self) {
        self.refresh();
        let Some(report) = self.report() else { return };
        let draft = self.rendered().is_none_or(|r| r.draft);
        let name = crate::session::reports::output_name(report, draft, false, "pdf");
        let result = self.pdf_bytes(PdfKind::Report).and_then(|bytes| {
            let dir = crate::print::spool_dir();
            let path = dir.join(name);
            std::fs::create_dir_all(&dir).map_err(|e| {
                OutputError::Write(crate::storage::StorageError::WriteOutput {
                    path: path.clone(),
                    reason: crate::storage::io_reason(&e),
                })
            })?;
            // Our own spool folder: an earlier copy of this printout is simply replaced.
            let guard = crate::storage::OutputGuard::new().forced(true);
            crate::storage::write_output_guarded(&path, &bytes, &guard)?;
            self.dialogs
                .open_externally(&path)
                .map_err(OutputError::Open)?;
            Ok(path)
        });
        match result {
            Ok(_) => {
                self.status = Some(StatusLine::info(
                    "Đã mở bản in trong trình xem PDF; hãy chọn In (Ctrl+P) ở đó.",
                ))
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Không in được".to_owned(),
                    text: e.to_string(),
                })
            }
        }
    }
}
