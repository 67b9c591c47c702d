//! ui: the eframe window. Panels show the model and the data derived from its
//! revision and record what the user asks for as commands (`command.rs`, at the
//! bottom: no panel imports the app); `app/` applies them before the next frame. The
//! only layer that uses egui.

pub mod action;
pub mod aggregate_tables;
pub mod aggregate_view;
pub mod app;
pub mod carry_dialog;
mod charts;
pub mod command;
mod comments;
pub mod dialogs;
pub mod document_words;
mod editor;
mod field_buffers;
mod fields;
mod find_bar;
pub mod fonts;
pub mod forms;
mod guidance;
mod import_dialog;
pub mod indicators;
mod info;
mod menu;
mod modals;
mod paste_dialog;
mod period_choice;
mod period_table;
mod plan_import;
pub mod plan_revision_dialog;
pub mod preview;
pub mod print_dialog;
pub mod problem_list;
pub mod proposed_changes;
pub mod review_panel;
mod rich_edit;
mod section_text;
mod status_bar;
pub mod steps;
mod table_editor;
mod table_options;
pub mod tasks;
mod text_menu;
pub mod word_dialog;

use std::path::PathBuf;
use std::process::ExitCode;

pub use app::BaocaoApp;
pub use command::Command;
pub use editor::body_id;

/// Opens the window on `path` (or on the bundled sample, as a new unsaved project) and
/// runs until it closes.
pub fn run(path: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("baocao — Soạn báo cáo sơ kết Nghị quyết 57")
            .with_inner_size([1366.0, 740.0])
            .with_min_inner_size([1000.0, 600.0])
            .with_drag_and_drop(true),
        ..eframe::NativeOptions::default()
    };
    let result = eframe::run_native(
        "baocao",
        options,
        Box::new(move |cc| {
            fonts::install_fonts(&cc.egui_ctx);
            let ctx = cc.egui_ctx.clone();
            let not_listening =
                crate::session::termination::install(move || ctx.request_repaint()).err();
            let user = cc
                .storage
                .and_then(|s| eframe::get_value::<crate::review::Actor>(s, app::USER_KEY))
                .unwrap_or_default();
            let dialogs = Box::new(dialogs::NativeDialogs::default());
            let mut app = match &path {
                Some(path) => BaocaoApp::with_user(path, dialogs, user),
                None => BaocaoApp::on_sample(dialogs, user),
            };
            app.restore(cc.storage);
            if let Some(e) = not_listening {
                // Where it is seen: the window's status line, not only the terminal.
                eprintln!("{e}");
                app.status = Some(command::StatusLine::error(e.to_string()));
            }
            cc.egui_ctx.set_zoom_factor(app.ui_zoom);
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // winit's and the graphics driver's words are English: kept for developers.
            eprintln!(
                "Không mở được cửa sổ chương trình. Hãy kiểm tra máy có màn hình đồ họa (X11 hoặc Wayland) và trình điều khiển OpenGL.\n(Chi tiết kỹ thuật: {e})"
            );
            ExitCode::from(1)
        }
    }
}
