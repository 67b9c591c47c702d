//! ui: what making a report from the previous period's changed (issue 23, item 1): every
//! period word moved on with its sentence, before and after, a click to go there, and
//! putting back one or all; then what was left as written that may be stale. A window
//! beside the editor (not a modal), so the clerk can read the text while going through
//! the list. What was left stays in the problems list until its sentence is edited.

use eframe::egui;

use super::command::Command;
use crate::model::CarriedMark;
use crate::session::reports::MovedWord;

/// The list shown after Báo cáo mới.
#[derive(Clone, Debug, PartialEq)]
pub struct CarryDialog {
    /// The new report's period, in words.
    pub period: String,
    pub moved: Vec<MovedWord>,
    /// Which moved words were put back.
    pub undone: Vec<bool>,
    /// (where, in words; the mark).
    pub left: Vec<(String, CarriedMark)>,
}

impl CarryDialog {
    pub fn new(period: String, moved: Vec<MovedWord>, left: Vec<(String, CarriedMark)>) -> Self {
        let undone = vec![false; moved.len()];
        Self {
            period,
            moved,
            undone,
            left,
        }
    }

    /// Marks the moved words at `indices` as put back, keeping the others of the same
    /// sentences findable.
    fn put_back(&mut self, indices: &[usize]) {
        for &i in indices {
            let Some(done) = self.moved.get(i).cloned() else {
                continue;
            };
            if let Some(u) = self.undone.get_mut(i) {
                *u = true;
            }
            for (j, m) in self.moved.iter_mut().enumerate() {
                if j != i && m.field == done.field {
                    m.moved.after_undo_of(&done.moved);
                }
            }
        }
    }
}

/// Draws the window; returns false when it is closed.
pub fn show(ctx: &egui::Context, dialog: &mut CarryDialog, out: &mut Vec<Command>) -> bool {
    let mut open = true;
    let mut close = false;
    let mut put_back: Vec<usize> = Vec::new();
    egui::Window::new(format!("Báo cáo {} — những chỗ đã đổi theo kỳ mới", dialog.period))
        .id(egui::Id::unique("chuyen-ky"))
        .open(&mut open)
        .default_width(620.0)
        .default_height(460.0)
        .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-12.0, 40.0))
        .show(ctx, |ui| {
            let pending: Vec<usize> = (0..dialog.moved.len())
                .filter(|i| !dialog.undone.get(*i).copied().unwrap_or(true))
                .collect();
            ui.label(format!(
                "Đã chuyển {} cụm từ chỉ kỳ báo cáo sang kỳ mới; còn {} chỗ có thể đã cũ nhưng chưa sửa (xem bên dưới, và ở danh sách cần xem).",
                dialog.moved.len(),
                dialog.left.len()
            ));
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!pending.is_empty(), egui::Button::new("Hoàn lại tất cả"))
                    .on_hover_text("Đưa mọi cụm từ đã đổi về như báo cáo kỳ trước (một lần Ctrl+Z để lấy lại)")
                    .clicked()
                {
                    put_back.extend(pending.iter().copied());
                }
                if ui.button("Đóng").clicked() {
                    close = true;
                }
            });
            ui.separator();
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                if !dialog.moved.is_empty() {
                    ui.strong("Đã đổi");
                }
                for (i, m) in dialog.moved.iter().enumerate() {
                    let undone = dialog.undone.get(i).copied().unwrap_or(false);
                    ui.horizontal_wrapped(|ui| {
                        ui.label(format!("{}.", i + 1));
                        ui.label(egui::RichText::new(&m.place).italics());
                        let change = format!("“{}” → “{}”", m.moved.before, m.moved.after);
                        if undone {
                            ui.label(egui::RichText::new(change).strikethrough());
                            ui.label("(đã hoàn lại)");
                        } else {
                            ui.strong(change);
                        }
                    });
                    ui.horizontal(|ui| {
                        ui.add_space(18.0);
                        ui.label(egui::RichText::new(crate::vi::shorten(&m.moved.sentence, 110)).weak());
                    });
                    ui.horizontal(|ui| {
                        ui.add_space(18.0);
                        if ui
                            .small_button("Xem")
                            .on_hover_text("Mở bước có câu này và chọn câu")
                            .clicked()
                        {
                            out.push(Command::ShowText {
                                field: m.field.clone(),
                                sentence: if undone {
                                    String::new()
                                } else {
                                    m.moved.sentence.clone()
                                },
                            });
                        }
                        if !undone
                            && ui
                                .small_button(format!("Hoàn lại mục {}", i + 1))
                                .on_hover_text("Đưa cụm từ này về như báo cáo kỳ trước")
                                .clicked()
                        {
                            put_back.push(i);
                        }
                    });
                }
                if !dialog.left.is_empty() {
                    ui.add_space(6.0);
                    ui.strong("Còn lại — có thể đã cũ, chưa sửa");
                }
                for (place, mark) in &dialog.left {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(egui::RichText::new(place).italics());
                        ui.strong(format!("“{}”", mark.said));
                        ui.label(mark.why.text());
                    });
                    ui.horizontal(|ui| {
                        ui.add_space(18.0);
                        ui.label(egui::RichText::new(crate::vi::shorten(&mark.sentence, 110)).weak());
                        if ui.small_button("Xem").clicked() {
                            out.push(Command::ShowText {
                                field: match &mark.section {
                                    Some(id) => crate::edit::find::Field::SectionBody(id.clone()),
                                    None => crate::edit::find::Field::Summary,
                                },
                                sentence: mark.sentence.clone(),
                            });
                        }
                    });
                }
            });
        });
    if !put_back.is_empty() {
        let words: Vec<MovedWord> = put_back
            .iter()
            .filter_map(|i| dialog.moved.get(*i).cloned())
            .collect();
        out.push(Command::PutBackMoved(words));
        dialog.put_back(&put_back);
    }
    open && !close
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Period, PeriodKind};

    #[test]
    fn putting_back_one_word_keeps_the_others_of_its_sentence_findable() {
        let mut p = crate::test_support::sample();
        let q2 = p.reports[0].period;
        let _ = &mut p;
        let (_, carry) = crate::session::reports::report_for_period_with_rewrites(
            &p,
            Period::new(q2.year, PeriodKind::Quarter(3)),
            true,
        );
        assert!(!carry.moved.is_empty());
        let mut d = CarryDialog::new("quý III".into(), carry.moved.clone(), carry.left);
        d.put_back(&[0]);
        assert_eq!(d.undone.iter().filter(|u| **u).count(), 1);
    }
}
