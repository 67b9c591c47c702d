//! The status bar: save state, last autosave, page count, warnings, last message.

use eframe::egui;

use crate::model::Report;
use crate::session::OpenDocument;

/// What the status bar reads.
pub struct StatusView<'a> {
    pub doc: Option<&'a OpenDocument>,
    pub report: Option<&'a Report>,
    /// Pages of the rendered report.
    pub pages: Option<usize>,
    /// The errors and warnings of the report's one list of problems.
    pub warnings: &'a [String],
    /// The same, one to a line (derived once per revision).
    pub warnings_text: &'a str,
    /// The last message.
    pub message: Option<&'a crate::ui::command::StatusLine>,
    /// Size of the window's text and widgets (1.0: 100 %).
    pub zoom: f32,
}

/// Draws the status bar at the bottom of the window; a click on the problems opens
/// Xem lại và xuất, which lists them with a way to each.
pub fn show(ui: &mut egui::Ui, app: &StatusView, out: &mut Vec<super::command::Command>) {
    egui::Panel::bottom("thanh-trang-thai").show(ui, |ui| {
        ui.horizontal(|ui| {
            match app.doc {
                Some(doc) if doc.is_dirty() => {
                    ui.colored_label(egui::Color32::from_rgb(0xd0, 0x7a, 0x00), "● Chưa lưu");
                }
                Some(_) => {
                    ui.label("Đã lưu");
                }
                None => {}
            }
            if let Some(reason) = app.doc.and_then(|d| d.read_only.as_ref()) {
                ui.separator();
                ui.colored_label(egui::Color32::from_rgb(0xd0, 0x7a, 0x00), "Chỉ xem")
                    .on_hover_text(reason.message());
            }
            if let Some(report) = app.report {
                let status = report.review.status;
                ui.separator();
                ui.colored_label(super::review_panel::status_colour(status), status.label())
                    .on_hover_text("Trạng thái duyệt của báo cáo");
            }
            if let Some(at) = app.doc.and_then(|d| d.last_autosave_at) {
                ui.separator();
                ui.label(format!("Tự lưu lúc {}", at.format("%H:%M")));
            }
            ui.separator();
            ui.label(zoom_text(app.zoom)).on_hover_text(
                "Xem › Phóng to / Thu nhỏ giao diện (Ctrl++ / Ctrl+−, Ctrl+0: 100%)",
            );
            if let Some(pages) = app.pages {
                ui.separator();
                ui.label(format!("{pages} trang"));
                let warnings = app.warnings;
                if !warnings.is_empty() {
                    ui.separator();
                    let r = ui
                        .add(
                            egui::Label::new(
                                egui::RichText::new(format!(
                                    "{} vấn đề cần xem lại",
                                    warnings.len()
                                ))
                                .color(egui::Color32::from_rgb(0xd0, 0x7a, 0x00)),
                            )
                            .sense(egui::Sense::click()),
                        )
                        .on_hover_text(app.warnings_text);
                    if r.clicked() {
                        out.push(super::command::Command::SelectStep(
                            crate::guide::Step::XuatBan,
                        ));
                    }
                }
            }
            if let Some(m) = app.message {
                ui.separator();
                if m.busy {
                    ui.add(egui::Spinner::new());
                    ui.label(&m.text);
                } else if m.is_error {
                    ui.colored_label(egui::Color32::from_rgb(0xc0, 0x10, 0x10), &m.text);
                } else {
                    ui.label(&m.text);
                }
            }
        });
    });
}

/// The zoom as the status bar shows it.
pub fn zoom_text(zoom: f32) -> String {
    format!("Cỡ chữ {}%", (zoom * 100.0).round())
}
