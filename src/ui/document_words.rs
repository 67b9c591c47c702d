//! ui: an imported document's own header and signature words beside the project's
//! (issue 23, item 2), with the choice of which print. Shown by the paste and the Word
//! import previews; the words in the first column are exactly what will print when it
//! is chosen.

use eframe::egui;

/// Draws the differences and the choice; `project_words` true prints the project's.
pub fn choice(
    ui: &mut egui::Ui,
    differences: &[(String, String, String)],
    project_words: &mut bool,
) {
    if differences.is_empty() {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new("Đầu văn bản và chữ ký khác thông tin của dự án").strong());
    egui::Grid::new("chu-cua-van-ban")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            ui.strong("Văn bản ghi");
            ui.strong("Dự án ghi");
            ui.end_row();
            for (what, document, project) in differences {
                ui.label(what);
                let (d, p) = (egui::RichText::new(document), egui::RichText::new(project));
                if *project_words {
                    ui.label(d.weak());
                    ui.label(p.strong());
                } else {
                    ui.label(d.strong());
                    ui.label(p.weak());
                }
                ui.end_row();
            }
        });
    ui.horizontal(|ui| {
        ui.radio_value(project_words, false, "In theo văn bản");
        ui.radio_value(project_words, true, "In theo thông tin của dự án");
    });
}
