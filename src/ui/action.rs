//! ui: the commands the clerk reaches from a menu and a key — each with its menu label,
//! its shortcuts and the command it records, written once. The menus show the label and
//! the first shortcut, `app/logic.rs` turns the keys into commands, and Trợ giúp ›
//! Phím tắt lists them, all from this one table. Beside `command.rs`, at the bottom of
//! `ui/`.

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::command::{Command, Zoom};

/// A command with a menu entry and a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    New,
    Open,
    Save,
    SaveAs,
    ExportPdf,
    Print,
    Undo,
    Redo,
    Find,
    Replace,
    SelectAll,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Help,
}

const fn sc(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Action {
    /// Every action, in the order Trợ giúp › Phím tắt lists them.
    pub const ALL: [Action; 15] = [
        Action::New,
        Action::Open,
        Action::Save,
        Action::SaveAs,
        Action::ExportPdf,
        Action::Print,
        Action::Undo,
        Action::Redo,
        Action::Find,
        Action::Replace,
        Action::SelectAll,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomReset,
        Action::Help,
    ];

    /// The words of its menu entry.
    pub fn label(self) -> &'static str {
        match self {
            Action::New => "Mới",
            Action::Open => "Mở…",
            Action::Save => "Lưu",
            Action::SaveAs => "Lưu thành…",
            Action::ExportPdf => "Xuất PDF…",
            Action::Print => "In…",
            Action::Undo => "Hoàn tác",
            Action::Redo => "Làm lại",
            Action::Find => "Tìm…",
            Action::Replace => "Thay thế…",
            Action::SelectAll => "Chọn tất cả",
            Action::ZoomIn => "Phóng to giao diện",
            Action::ZoomOut => "Thu nhỏ giao diện",
            Action::ZoomReset => "Cỡ giao diện mặc định (100%)",
            Action::Help => "Hướng dẫn sử dụng",
        }
    }

    /// What Trợ giúp › Phím tắt says the keys do.
    fn help_words(self) -> &'static str {
        match self {
            Action::New => "tệp dự án mới",
            Action::Open => "mở tệp",
            Action::Save => "lưu",
            Action::SaveAs => "lưu thành tệp khác",
            Action::ExportPdf => "xuất PDF",
            Action::Print => "in",
            Action::Undo => "hoàn tác",
            Action::Redo => "làm lại",
            Action::Find => "tìm",
            Action::Replace => "tìm và thay thế",
            Action::SelectAll => "chọn hết chữ trong ô đang soạn",
            Action::ZoomIn => "phóng to giao diện",
            Action::ZoomOut => "thu nhỏ giao diện",
            Action::ZoomReset => "cỡ mặc định của giao diện",
            Action::Help => "hướng dẫn sử dụng",
        }
    }

    /// Its keys, the one the menu shows first.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Action::New => const { &[sc(CTRL, Key::N)] },
            Action::Open => const { &[sc(CTRL, Key::O)] },
            Action::Save => const { &[sc(CTRL, Key::S)] },
            Action::SaveAs => const { &[sc(CTRL_SHIFT, Key::S)] },
            Action::ExportPdf => const { &[sc(CTRL, Key::E)] },
            Action::Print => const { &[sc(CTRL, Key::P)] },
            Action::Undo => const { &[sc(CTRL, Key::Z)] },
            Action::Redo => const { &[sc(CTRL, Key::Y), sc(CTRL_SHIFT, Key::Z)] },
            Action::Find => const { &[sc(CTRL, Key::F)] },
            Action::Replace => const { &[sc(CTRL, Key::H)] },
            Action::SelectAll => const { &[sc(CTRL, Key::A)] },
            Action::ZoomIn => {
                const {
                    &[
                        egui::gui_zoom::kb_shortcuts::ZOOM_IN,
                        egui::gui_zoom::kb_shortcuts::ZOOM_IN_SECONDARY,
                    ]
                }
            }
            Action::ZoomOut => const { &[egui::gui_zoom::kb_shortcuts::ZOOM_OUT] },
            Action::ZoomReset => const { &[egui::gui_zoom::kb_shortcuts::ZOOM_RESET] },
            Action::Help => const { &[sc(Modifiers::NONE, Key::F1)] },
        }
    }

    /// Its first shortcut as the menu writes it ("Ctrl+S", "Ctrl++").
    pub fn shortcut_text(self) -> String {
        self.shortcuts().first().map(key_text).unwrap_or_default()
    }

    /// Whether the window takes its keys before any widget. Ctrl+A is left to the text
    /// box that has the focus, which selects its own text.
    pub fn is_global(self) -> bool {
        self != Action::SelectAll
    }

    /// The command it records.
    pub fn command(self) -> Command {
        match self {
            Action::New => Command::New,
            Action::Open => Command::Open,
            Action::Save => Command::Save,
            Action::SaveAs => Command::SaveAs,
            Action::ExportPdf => Command::ExportPdf,
            Action::Print => Command::Print,
            Action::Undo => Command::Undo,
            Action::Redo => Command::Redo,
            Action::Find | Action::Replace => Command::ShowFind,
            Action::SelectAll => Command::SelectAll,
            Action::ZoomIn => Command::ZoomUi(Zoom::In),
            Action::ZoomOut => Command::ZoomUi(Zoom::Out),
            Action::ZoomReset => Command::ZoomUi(Zoom::Reset),
            Action::Help => super::menu::help(),
        }
    }

    /// The commands of the keys pressed this frame (each key taken, so no widget also
    /// acts on it).
    pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
        let mut out = Vec::new();
        for action in Action::ALL.into_iter().filter(|a| a.is_global()) {
            for shortcut in action.shortcuts() {
                // egui matches modifiers exactly: Ctrl+S does not also fire Ctrl+Shift+S.
                if ctx.input_mut(|i| i.consume_shortcut(shortcut)) {
                    out.push(action.command());
                }
            }
        }
        out
    }

    /// The lines of Trợ giúp › Phím tắt for these actions.
    pub fn help_lines() -> Vec<String> {
        Action::ALL
            .into_iter()
            .map(|a| {
                let keys: Vec<String> = a.shortcuts().iter().map(key_text).collect();
                format!("{}  {}", keys.join(" / "), a.help_words())
            })
            .collect()
    }
}

/// A shortcut as the menus write it: modifiers by name, the key by its sign.
fn key_text(shortcut: &KeyboardShortcut) -> String {
    let names = egui::ModifierNames {
        is_short: true,
        ..egui::ModifierNames::NAMES
    };
    shortcut.format(&names, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_actions_share_a_key() {
        let mut seen: Vec<(KeyboardShortcut, Action)> = Vec::new();
        for a in Action::ALL {
            for s in a.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(k, _)| k == s) {
                    panic!("{a:?} and {other:?} share {s:?}");
                }
                seen.push((*s, a));
            }
        }
    }

    #[test]
    fn every_action_has_a_label_and_a_shortcut_written_as_the_menu_shows_it() {
        assert_eq!(Action::Save.shortcut_text(), "Ctrl+S");
        assert_eq!(Action::SaveAs.shortcut_text(), "Ctrl+Shift+S");
        assert_eq!(Action::Replace.shortcut_text(), "Ctrl+H");
        assert_eq!(Action::ZoomIn.shortcut_text(), "Ctrl++");
        for a in Action::ALL {
            assert!(
                !a.label().is_empty() && !a.shortcut_text().is_empty(),
                "{a:?}"
            );
        }
        let help = Action::help_lines().join("\n");
        assert!(help.contains("Ctrl+Y / Ctrl+Shift+Z  làm lại"), "{help}");
    }
}
