//! The print dialog: which printer, how many copies, which pages ("1-3, 7"), one or both
//! sides. It only edits its form; sending the job is [`Command::PrintNow`].

use eframe::egui;

use super::command::Command;
pub use super::forms::PrintForm;

/// Draws the dialog; returns true when it should close.
pub fn show(ctx: &egui::Context, form: &mut PrintForm, out: &mut Vec<Command>) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("hop-thoai-in")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("In báo cáo");
        if form.printers.is_empty() {
            ui.label(
                "Không tìm thấy máy in nào trên máy này. Hãy cài máy in trong hệ điều hành \
                 rồi mở lại hộp thoại này, hoặc xuất PDF để in ở máy khác.",
            );
            ui.horizontal(|ui| {
                if ui.button("Xuất PDF…").clicked() {
                    out.push(Command::ExportPdf);
                    close = true;
                }
                if ui.button("Mở bằng trình xem PDF").clicked() {
                    out.push(Command::PrintWithViewer);
                    close = true;
                }
                if ui.button("Đóng").clicked() {
                    close = true;
                }
            });
            return;
        }
        egui::Grid::new("in-bao-cao")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                ui.label("Máy in:");
                egui::ComboBox::from_id_salt("may-in")
                    .width(300.0)
                    .selected_text(form.printer.as_str())
                    .show_ui(ui, |ui| {
                        for p in &form.printers {
                            let mut label = p.name.clone();
                            if !p.description.is_empty() {
                                label = format!("{label} — {}", p.description);
                            }
                            if p.is_default {
                                label.push_str(" (mặc định)");
                            }
                            ui.selectable_value(&mut form.printer, p.name.clone(), label);
                        }
                    })
                    .response
                    .accessible_name("Máy in");
                ui.end_row();
                ui.label("Số bản:");
                ui.add(egui::DragValue::new(&mut form.copies).range(1..=99))
                    .accessible_name("Số bản");
                ui.end_row();
                ui.label("Các trang:");
                ui.vertical(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut form.pages)
                            .hint_text(format!("tất cả {} trang", form.page_count))
                            .desired_width(200.0),
                    )
                    .accessible_name("Các trang");
                    ui.weak("Ví dụ: 1-3, 7. Để trống để in tất cả.");
                });
                ui.end_row();
                ui.label("");
                ui.checkbox(&mut form.two_sided, "In hai mặt giấy");
                ui.end_row();
            });
        if let Some(e) = &form.error {
            ui.colored_label(ui.visuals().error_fg_color, e.as_str());
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("In ngay").clicked() {
                out.push(Command::PrintNow);
            }
            if ui.button("Mở bằng trình xem PDF").clicked() {
                out.push(Command::PrintWithViewer);
                close = true;
            }
            if ui.button("Hủy").clicked() {
                close = true;
            }
        });
    });
    close
}
