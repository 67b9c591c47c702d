//! ui, app: reading a Word file when the clerk asks (a report to add, or a reviewer's
//! comments to place, and the paragraphs it changes): the file is read here, after the frame, and the result shown
//! in a preview (`ui/word_dialog.rs`); nothing changes until the clerk confirms.

use std::path::PathBuf;

use super::BaocaoApp;
use crate::import::docx;
use crate::session::now;
use crate::ui::command::{Modal, StatusLine};
use crate::ui::word_dialog::WordReportPreview;

impl BaocaoApp {
    /// Reads the Word report at `path` and shows what was recognised.
    pub(super) fn word_report_preview(&mut self, path: PathBuf) {
        let Some(doc) = &self.doc else { return };
        self.modal = Some(match docx::recognise_file(&path) {
            Ok(found) => Modal::WordReport(Box::new(WordReportPreview::new(
                path,
                found.rec,
                &doc.project,
            ))),
            Err(e) => {
                self.status = Some(StatusLine::error("Không đọc được tệp Word."));
                Modal::Message {
                    title: "Không đọc được tệp Word".to_owned(),
                    text: e.to_string(),
                }
            }
        });
    }

    /// Reads the comments of the Word file at `path` and shows where they would go on
    /// the current report.
    pub(super) fn word_comments_preview(&mut self, path: PathBuf) {
        let Some(doc) = &self.doc else { return };
        let Some(report) = self
            .report_id
            .as_deref()
            .and_then(|id| doc.project.report(id))
        else {
            self.modal = Some(Modal::Message {
                title: "Chưa chọn báo cáo".to_owned(),
                text: "Hãy chọn báo cáo cần gắn góp ý (menu Báo cáo), rồi nhập lại.".to_owned(),
            });
            return;
        };
        let read = docx::read_file(&path).and_then(|b| docx::open(&b, &path));
        self.modal = Some(match read {
            Ok(word) => Modal::WordComments {
                found: Box::new(docx::place_comments_in(
                    &word,
                    Some(&doc.project),
                    report,
                    now(),
                )),
                changes: Box::new(docx::compare(&word, &doc.project, report)),
                path,
            },
            Err(e) => {
                self.status = Some(StatusLine::error("Không đọc được tệp Word."));
                Modal::Message {
                    title: "Không đọc được tệp Word".to_owned(),
                    text: e.to_string(),
                }
            }
        });
    }
}
