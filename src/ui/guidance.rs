//! ui: the guidance around a writing step's text — Hướng dẫn above it and Câu gợi ý
//! under it, each folded or open as the clerk left it (remembered across restarts);
//! folded, they give the text box their room. Part of the editor of a writing step;
//! records commands.

use eframe::egui;

use super::command::Command;
use super::editor::{EditorState, View};
use crate::session::phrases::Chip;

/// Whether the guidance above a step's text and the suggestions under it are open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct GuidanceFolds {
    pub guidance: bool,
    pub phrases: bool,
}

impl Default for GuidanceFolds {
    fn default() -> Self {
        Self {
            guidance: true,
            phrases: true,
        }
    }
}

/// Whether the fold `id` is open now (`default` before it was ever drawn).
fn is_open(ctx: &egui::Context, id: egui::Id, default: bool) -> bool {
    egui::collapsing_header::CollapsingState::load(ctx, id).map_or(default, |s| s.is_open())
}

/// Hướng dẫn above the text, folded or open as the clerk left it.
pub fn show_guidance(ui: &mut egui::Ui, guidance: &str, state: &mut EditorState) {
    if guidance.is_empty() {
        return;
    }
    let shown = egui::CollapsingHeader::new("Hướng dẫn")
        .id_salt("huong-dan-gap")
        .default_open(state.folds.guidance)
        .show(ui, |ui| {
            ui.label(guidance);
        });
    state.folds.guidance = is_open(ui.ctx(), shown.header_response.id, state.folds.guidance);
}

/// Room the suggestions take under the text: their list when open, a line when folded.
pub fn phrase_panel_height(open: bool, n: usize) -> f32 {
    match (n, open) {
        (0, _) => 0.0,
        (_, true) => 150.0,
        (_, false) => 30.0,
    }
}

/// Lines for the text of each of a step's `sections`: its share of the height left
/// once each title, format bar and margin is drawn (at least 6).
pub fn body_rows(ui: &egui::Ui, room: f32, sections: usize) -> usize {
    // The text box counts its rows in the window's body text.
    let line = ui.text_style_height(&egui::TextStyle::Body);
    if sections == 0 || line <= 0.0 {
        return 6;
    }
    let chrome = 64.0;
    let share = room / sections as f32 - chrome;
    ((share / line).floor().max(0.0) as usize).max(6)
}

/// The suggested sentences under the text, as derived for the revision: a click
/// inserts one where the clerk was writing.
pub fn show_phrases(
    ui: &mut egui::Ui,
    view: &View,
    chips: &[Chip],
    state: &mut EditorState,
    out: &mut Vec<Command>,
) {
    if chips.is_empty() {
        return;
    }
    ui.separator();
    // Folded, the suggestions give their room to the text.
    let last_body = state.last_body.clone();
    let shown = egui::CollapsingHeader::new(
        egui::RichText::new("Câu gợi ý — bấm để chèn vào chỗ đang viết").strong(),
    )
    .id_salt("cau-goi-y-gap")
    .default_open(state.folds.phrases)
    .show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("cau-goi-y")
            .max_height(120.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for chip in chips {
                    // The chip shows the words as they print, period words filled as
                    // they will go in; the markup goes in.
                    let shown = chip.shown.as_str();
                    let r = ui
                        .add(egui::Button::new(shown).wrap_mode(egui::TextWrapMode::Truncate))
                        .on_hover_text(shown);
                    if r.clicked() {
                        let target = last_body
                            .clone()
                            .or_else(|| view.report.all_sections().first().map(|s| s.id.clone()));
                        if let Some(section) = target {
                            let cursor = view
                                .report
                                .section(&section)
                                .and_then(|s| super::section_text::cursor_in(ui.ctx(), state, s));
                            out.push(Command::InsertPhrase {
                                cursor,
                                section,
                                phrase: chip.phrase.clone(),
                            });
                        }
                    }
                }
            });
    });
    state.folds.phrases = is_open(ui.ctx(), shown.header_response.id, state.folds.phrases);
}
