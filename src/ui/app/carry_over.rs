//! ui, app: a new report of the next period and the list of what it moved on — going
//! to a sentence of it, putting words back (issue 23, item 1).

use super::BaocaoApp;
use crate::compose::SourceRef;
use crate::edit::Edit;
use crate::guide::Step;
use crate::model::Period;
use crate::session::reports;
use crate::ui::command::StatusLine;

impl BaocaoApp {
    pub(super) fn new_report(&mut self, period: Period, from_previous: bool) {
        let Some(doc) = &mut self.doc else { return };
        let (report, carry) =
            reports::report_for_period_with_rewrites(&doc.project, period, from_previous);
        let id = report.id.clone();
        match doc.apply(Edit::AddReport(Box::new(report))) {
            Ok(_) => {
                self.report_id = Some(id);
                self.step = Step::ThongTin;
                self.status = Some(StatusLine::info(format!(
                    "Đã tạo báo cáo {}; đã chuyển {} cụm từ chỉ kỳ báo cáo, còn {} chỗ cần xem (danh sách bên phải). Ctrl+Z để bỏ cả báo cáo.",
                    period.label(),
                    carry.moved.len(),
                    carry.left.len()
                )));
                if !carry.moved.is_empty() || !carry.left.is_empty() {
                    self.carry = Some(crate::ui::carry_dialog::CarryDialog::new(
                        period.label(),
                        carry.moved,
                        carry.left,
                    ));
                }
            }
            Err(e) => self.status = Some(StatusLine::error(e.to_string())),
        }
    }

    /// Adds the Thông báo of plan revision `n` (the latest when `None`) and opens it.
    pub(super) fn new_notice(&mut self, n: Option<usize>) {
        let Some(doc) = &mut self.doc else { return };
        let report = match crate::session::plan_revisions::notice(&doc.project, n) {
            Ok(r) => r,
            Err(e) => {
                self.modal = Some(crate::ui::command::Modal::Message {
                    title: "Chưa soạn được thông báo".to_owned(),
                    text: e.to_string(),
                });
                return;
            }
        };
        let id = report.id.clone();
        match doc.apply(Edit::AddReport(Box::new(report))) {
            Ok(_) => {
                self.report_id = Some(id);
                self.step = Step::ThongTin;
                self.status = Some(StatusLine::info(
                    "Đã soạn thông báo điều chỉnh kế hoạch; Ctrl+Z để bỏ.".to_owned(),
                ));
            }
            Err(e) => self.status = Some(StatusLine::error(e.to_string())),
        }
    }

    /// Opens the step of a printed text and selects `sentence` in a section's text.
    pub(super) fn show_text(&mut self, field: &crate::edit::find::Field, sentence: &str) {
        let Some(report) = self.report() else { return };
        let step = crate::ui::find_bar::step_of(report, field);
        let hit = field.section().and_then(|id| {
            let body = &report.section(id)?.body;
            let at = body.find(sentence).filter(|_| !sentence.is_empty())?;
            let start = body[..at].chars().count();
            Some(crate::edit::find::Hit {
                section: id.clone(),
                start,
                end: start + sentence.chars().count(),
            })
        });
        self.step = step;
        self.focus = self.focus_of_step(step);
        if let Some(hit) = hit {
            self.focus = Some(SourceRef::Section(hit.section.clone()));
            self.editor.select = Some(hit);
        }
    }

    /// Puts back period words a new report moved on, as one undo step; says how many
    /// could not be (their sentence was edited since).
    pub(super) fn put_back_moved(&mut self, mut words: Vec<crate::session::reports::MovedWord>) {
        let (Some(project), Some(report)) = (self.project(), self.report()) else {
            return;
        };
        let id = report.id.clone();
        let now = crate::edit::find::printed_texts(project, report);
        let mut texts: Vec<(crate::edit::find::Field, String)> = Vec::new();
        let mut done = 0;
        for i in 0..words.len() {
            let w = words[i].clone();
            let current = texts
                .iter()
                .find(|(f, _)| *f == w.field)
                .or_else(|| now.iter().find(|(f, _)| *f == w.field))
                .map(|(_, t)| t.clone());
            let Some(new) = current.and_then(|t| w.moved.undo_in(&t)) else {
                continue;
            };
            done += 1;
            match texts.iter_mut().find(|(f, _)| *f == w.field) {
                Some(entry) => entry.1 = new,
                None => texts.push((w.field.clone(), new)),
            }
            for later in words.iter_mut().skip(i + 1) {
                if later.field == w.field {
                    later.moved.after_undo_of(&w.moved);
                }
            }
        }
        let missed = words.len() - done;
        let Some(doc) = &mut self.doc else { return };
        if done > 0 {
            doc.history.seal();
            if let Err(e) = doc.apply(Edit::PrintedTexts { report: id, texts }) {
                self.status = Some(StatusLine::error(e.to_string()));
                return;
            }
            doc.history.seal();
        }
        self.status = Some(StatusLine::info(if missed == 0 {
            format!("Đã hoàn lại {done} cụm từ như báo cáo kỳ trước (Ctrl+Z để lấy lại).")
        } else {
            format!(
                "Đã hoàn lại {done} cụm từ; {missed} chỗ đã được sửa sau khi chuyển kỳ nên không hoàn lại."
            )
        }));
    }
}
