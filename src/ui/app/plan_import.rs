//! ui, app: Tệp › Nhập kế hoạch…: the plan document is read here, after the frame, and
//! what it would add shown in its dialog (`ui/plan_import.rs`); confirmed, it is added
//! as one undo step.

use std::path::PathBuf;

use super::BaocaoApp;
use crate::edit::Edit;
use crate::guide::Step;
use crate::import::plan::{self, PlanImport};
use crate::ui::command::{Modal, StatusLine};

impl BaocaoApp {
    /// Reads the plan at `path` and shows what importing it would add.
    pub(super) fn plan_import_preview(&mut self, path: PathBuf) {
        let Some(doc) = &self.doc else { return };
        self.modal = Some(match plan::read_file(&path) {
            Ok(found) => Modal::PlanImport {
                import: Box::new(plan::preview(&found, &doc.project)),
                path,
            },
            Err(e) => {
                self.status = Some(StatusLine::error("Không đọc được kế hoạch."));
                Modal::Message {
                    title: "Không đọc được kế hoạch".to_owned(),
                    text: e.to_string(),
                }
            }
        });
    }

    /// Adds a confirmed plan import as one undo step and shows the tasks.
    pub(super) fn confirm_plan_import(&mut self, import: PlanImport) {
        let Some(doc) = &mut self.doc else { return };
        let what = format!(
            "{} nhiệm vụ, {} chỉ tiêu",
            import.tasks.len(),
            import.indicators.len()
        );
        doc.history.seal();
        match doc.apply(Edit::ImportPlan(Box::new(import))) {
            Ok(_) => {
                doc.history.seal();
                self.modal = None;
                self.step = Step::NhiemVu;
                self.focus = self.focus_of_step(self.step);
                self.status = Some(StatusLine::info(format!(
                    "Đã nhập kế hoạch: {what}. Có thể hoàn tác bằng Ctrl+Z."
                )));
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Không nhập được kế hoạch".to_owned(),
                    text: e.to_string(),
                });
            }
        }
    }
}
