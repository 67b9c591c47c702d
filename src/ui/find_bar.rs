//! ui: Tìm và thay thế (Ctrl+F, Ctrl+H) across the whole report: match case, whole
//! words, ignore tone marks; from hit to hit across sections (the step changes and the
//! words are selected in their text); replace one, or all as one undo step.

use eframe::egui;

use super::command::Command;
use crate::edit::Edit;
use crate::edit::find::{FindOptions, Hit, find_all, replace_all, replace_at};
use crate::model::Report;

/// What the bar remembers.
#[derive(Clone, Debug, Default)]
pub struct FindState {
    pub query: String,
    pub with: String,
    pub options: FindOptions,
    /// The hit shown, among the current hits.
    pub current: Option<usize>,
    /// The hit to select in its text on the next frame (after the step changed).
    pub select: Option<Hit>,
}

/// Draws the bar; returns false when it is closed.
pub fn show(
    ui: &mut egui::Ui,
    report: &Report,
    state: &mut FindState,
    out: &mut Vec<Command>,
) -> bool {
    let hits = find_all(report, &state.query, state.options);
    if state.current.is_some_and(|c| c >= hits.len()) {
        state.current = None;
    }
    let mut open = true;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Tìm");
        ui.add(egui::TextEdit::singleline(&mut state.query).desired_width(160.0))
            .labelled_by(l.id);
        let l = ui.label("Thay bằng");
        ui.add(egui::TextEdit::singleline(&mut state.with).desired_width(160.0))
            .labelled_by(l.id);
        ui.checkbox(&mut state.options.match_case, "Phân biệt hoa thường");
        ui.checkbox(&mut state.options.whole_word, "Cả từ");
        ui.checkbox(&mut state.options.ignore_marks, "Bỏ qua dấu");
        ui.label(match (state.current, hits.len()) {
            (_, 0) if state.query.is_empty() => String::new(),
            (_, 0) => "Không thấy".to_owned(),
            (Some(c), n) => format!("{}/{n}", c + 1),
            (None, n) => format!("{n} chỗ"),
        });
        let mut go = |delta: isize, state: &mut FindState| {
            if hits.is_empty() {
                return;
            }
            let n = hits.len() as isize;
            let next = match state.current {
                Some(c) => (c as isize + delta).rem_euclid(n),
                None if delta > 0 => 0,
                None => n - 1,
            } as usize;
            state.current = Some(next);
            let hit = hits[next].clone();
            out.push(Command::SelectStep(crate::check::step_of_section(
                report,
                &hit.section,
            )));
            state.select = Some(hit);
        };
        if ui.button("Trước").clicked() {
            go(-1, state);
        }
        if ui.button("Sau").clicked() {
            go(1, state);
        }
        if ui
            .button("Thay")
            .on_hover_text("Thay chỗ đang chọn rồi sang chỗ sau")
            .clicked()
            && let Some(hit) = state.current.and_then(|c| hits.get(c))
            && let Some(s) = report.section(&hit.section)
        {
            out.push(Command::SealTyping);
            out.push(Command::Edit(Edit::SectionBody {
                report: report.id.clone(),
                section: hit.section.clone(),
                text: replace_at(&s.body, hit.start, hit.end, &state.with),
            }));
            out.push(Command::SealTyping);
            state.current = None;
        }
        if ui
            .button("Thay tất cả")
            .on_hover_text("Thay mọi chỗ trong báo cáo; Ctrl+Z để lấy lại cả một lần")
            .clicked()
            && !hits.is_empty()
        {
            let (bodies, count) = replace_all(report, &state.query, &state.with, state.options);
            out.push(Command::SealTyping);
            out.push(Command::Edit(Edit::SectionBodies {
                report: report.id.clone(),
                bodies,
            }));
            out.push(Command::SealTyping);
            out.push(Command::Notify(format!("Đã thay {count} chỗ.")));
            state.current = None;
        }
        if ui.button("Đóng").clicked() {
            open = false;
        }
    });
    ui.separator();
    open
}
