//! ui: the eframe window. Panels show the model and record what the user asks for;
//! the app applies those commands after drawing. The only layer that uses egui.

pub mod fonts;
mod overview;
pub mod preview;

use std::path::PathBuf;
use std::process::ExitCode;

pub use overview::OverviewApp;

/// The bundled sample project, opened when no file is given.
pub const SAMPLE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/mau-binh-minh-hai.ron");

/// Opens the window on `path` (or the bundled sample) and runs until it closes.
pub fn run(path: Option<PathBuf>) -> ExitCode {
    let path = path.unwrap_or_else(|| PathBuf::from(SAMPLE_PATH));
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("baocao — Soạn báo cáo sơ kết Nghị quyết 57")
            .with_inner_size([1280.0, 720.0])
            .with_min_inner_size([900.0, 560.0]),
        ..eframe::NativeOptions::default()
    };
    let result = eframe::run_native(
        "baocao",
        options,
        Box::new(move |_cc| Ok(Box::new(OverviewApp::open(path)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Không mở được cửa sổ chương trình: {e}");
            ExitCode::from(1)
        }
    }
}
