//! ui: what every text box of the window offers beside its keys — the right-click menu
//! Cắt / Chép / Dán / Chọn tất cả, and Sửa › Chọn tất cả acting on the text box last
//! written in. Run once after the panels are drawn, for whichever text box is under the
//! pointer, so no panel has to add it. An entry gives the text box the focus back and
//! hands it, on the next frame, the same event its key would (Ctrl+A, cut, copy); Dán
//! asks the system's clipboard through egui's viewport command, as Ctrl+V does.

use eframe::egui::{self, Id};

/// What the text boxes' menu remembers between frames.
#[derive(Clone, Debug, Default)]
pub struct TextBoxes {
    /// The text box that had the focus last (Sửa › Chọn tất cả acts on it).
    pub last: Option<Id>,
    /// The text box whose right-click menu is open.
    menu_for: Option<Id>,
    /// What a menu entry asked of a text box, handed to it on the next frame.
    pending: Option<(Id, egui::Event)>,
    /// The selection of the focused text box before a right-click, which egui moves to
    /// the click: put back so that Cắt and Chép act on what the clerk selected.
    kept: Option<(Id, egui::text::CCursorRange)>,
}

impl TextBoxes {
    /// Before the panels: the text box a menu entry chose gets the focus and the event
    /// of the entry, which it handles as it handles the key.
    pub fn before_panels(&mut self, ctx: &egui::Context) {
        if let Some((id, event)) = self.pending.take() {
            ctx.memory_mut(|m| m.request_focus(id));
            ctx.input_mut(|i| i.events.push(event));
        }
    }

    /// Notes the focused text box and shows the right-click menu of the one clicked.
    pub fn after_panels(&mut self, ctx: &egui::Context) {
        let right_button = ctx.input(|i| {
            i.pointer.secondary_down() || i.pointer.button_released(egui::PointerButton::Secondary)
        });
        if let Some(id) = ctx.memory(|m| m.focused())
            && let Some(state) = egui::TextEdit::load_state(ctx, id)
        {
            self.last = Some(id);
            if !right_button {
                self.kept = state.cursor.char_range().map(|r| (id, r));
            }
        }
        let under_pointer: Vec<Id> =
            ctx.interaction_snapshot(|s| s.contains_pointer.iter().copied().collect());
        let clicked = under_pointer.into_iter().find(|id| {
            is_text_box(ctx, *id)
                && ctx
                    .read_response(*id)
                    .is_some_and(|r| r.secondary_clicked())
        });
        if let Some(id) = clicked {
            self.menu_for = Some(id);
            if let Some((kept, range)) = self.kept
                && kept == id
                && let Some(mut state) = egui::TextEdit::load_state(ctx, id)
            {
                state.cursor.set_char_range(Some(range));
                egui::TextEdit::store_state(ctx, id, state);
            }
        }
        let Some(id) = self.menu_for else { return };
        let Some(response) = ctx.read_response(id) else {
            self.menu_for = None;
            return;
        };
        let selected = egui::TextEdit::load_state(ctx, id)
            .and_then(|s| s.cursor.char_range())
            .is_some_and(|r| !r.is_empty());
        let shown = response.context_menu(|ui| {
            let entry = |ui: &mut egui::Ui, label: &str, enabled: bool| {
                ui.add_enabled(enabled, egui::Button::new(label)).clicked()
            };
            if entry(ui, "Cắt", selected) {
                self.pending = Some((id, egui::Event::Cut));
                ui.close();
            }
            if entry(ui, "Chép", selected) {
                self.pending = Some((id, egui::Event::Copy));
                ui.close();
            }
            if entry(ui, "Dán", true) {
                // The system's clipboard is read by the window: it sends the paste.
                ui.ctx().memory_mut(|m| m.request_focus(id));
                ui.ctx()
                    .send_viewport_cmd(egui::ViewportCommand::RequestPaste);
                ui.close();
            }
            if entry(ui, "Chọn tất cả", true) {
                self.pending = Some((id, select_all_key()));
                ui.close();
            }
        });
        if self.pending.is_some() {
            ctx.request_repaint();
        }
        if shown.is_none() {
            self.menu_for = None;
        }
    }

    /// Sửa › Chọn tất cả: selects the whole text of the text box last written in.
    /// Asked before the panels are drawn, it acts in the same frame.
    pub fn select_all(&mut self) {
        if let Some(id) = self.last {
            self.pending = Some((id, select_all_key()));
        }
    }
}

/// A text box keeps its state under its widget's id.
fn is_text_box(ctx: &egui::Context, id: Id) -> bool {
    egui::TextEdit::load_state(ctx, id).is_some()
}

/// Ctrl+A as a text box receives it.
fn select_all_key() -> egui::Event {
    egui::Event::Key {
        key: egui::Key::A,
        physical_key: Some(egui::Key::A),
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    }
}
