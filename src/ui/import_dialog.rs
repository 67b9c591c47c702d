//! The import dialog: what reading a CSV or XLSX table found — the column mapping,
//! every row to add, every row left out with its number and reason — and the clerk's
//! answer. Nothing changes in the project until "Nhập" is pressed.

use std::path::Path;

use eframe::egui;

use super::command::Command;
use crate::import::{ImportKind, ImportPreview, PreviewRow, summary};

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// Draws the dialog; true when it should close.
pub fn show(
    ctx: &egui::Context,
    path: &Path,
    preview: &ImportPreview,
    rows: &[PreviewRow],
    out: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    let width = (ctx.content_rect().width() - 80.0).clamp(400.0, 960.0);
    egui::Modal::new(egui::Id::unique("nhap-bang")).show(ctx, |ui| {
        ui.set_width(width);
        ui.heading(format!("Nhập {} từ bảng", preview.kind.label()));
        ui.label(path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ));
        // Which encoding and separator the file was read with, so a clerk whose
        // letters came out wrong sees why.
        ui.label(format!("Đọc dạng: {}", preview.source_label()));
        ui.horizontal(|ui| {
            ui.label("Bảng này liệt kê:");
            for kind in [ImportKind::Indicators, ImportKind::Tasks] {
                if ui.radio(preview.kind == kind, kind.label()).clicked() && preview.kind != kind {
                    out.push(Command::ImportFrom {
                        path: path.to_owned(),
                        kind: Some(kind),
                    });
                }
            }
        });
        // Everything read scrolls; the answer buttons stay in sight below it.
        egui::ScrollArea::vertical()
            .id_salt("bang-nhap")
            .max_height((ctx.content_rect().height() - 220.0).max(160.0))
            .show(ui, |ui| {
                ui.separator();
                ui.strong("Các cột đọc được");
                egui::Grid::new("cot-nhap")
                    .striped(true)
                    .num_columns(3)
                    .show(ui, |ui| {
                        ui.label("Cột");
                        ui.label("Tiêu đề trong bảng");
                        ui.label("Nhập thành");
                        ui.end_row();
                        for m in &preview.mapping {
                            ui.label(column_letter(m.column));
                            ui.label(&m.title);
                            ui.label(m.field.label());
                            ui.end_row();
                        }
                    });
                ui.separator();
                ui.strong(format!("Sẽ thêm: {}", summary(preview)));
                let tasks = preview.kind == ImportKind::Tasks;
                {
                    egui::Grid::new("dong-se-nhap")
                        .striped(true)
                        .num_columns(6)
                        .show(ui, |ui| {
                            ui.label("Dòng");
                            ui.label("Mã");
                            ui.label("Nhóm");
                            ui.label(if tasks {
                                "Nhiệm vụ"
                            } else {
                                "Tên chỉ tiêu"
                            });
                            ui.label(if tasks {
                                "Thời hạn"
                            } else {
                                "Chỉ tiêu năm"
                            });
                            ui.label("Chủ trì");
                            ui.end_row();
                            for r in rows {
                                ui.label(r.row.to_string());
                                ui.label(&r.id);
                                ui.label(&r.group);
                                ui.add(egui::Label::new(&r.name).wrap());
                                ui.label(&r.target_or_deadline);
                                ui.label(&r.lead);
                                ui.end_row();
                            }
                        });
                    for g in &preview.groups {
                        ui.label(format!("Nhóm mới: {}", g.title));
                    }
                    for o in &preview.new_offices {
                        ui.label(format!("Đơn vị mới: {}", o.name));
                    }
                }
                if !preview.problems.is_empty() {
                    ui.separator();
                    let red = ui.visuals().error_fg_color;
                    ui.colored_label(
                        red,
                        format!("Không nhập được {} dòng:", preview.problems.len()),
                    );
                    for p in &preview.problems {
                        ui.colored_label(red, p.to_string());
                    }
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let n = rows.len();
            let import = ui.add_enabled(
                n > 0,
                egui::Button::new(format!("Nhập {n} {}", preview.kind.label())),
            );
            if import.clicked() {
                out.push(Command::ConfirmImport(Box::new(preview.clone())));
                close = true;
            }
            if ui.button("Hủy").clicked() {
                close = true;
            }
            if n == 0 {
                ui.label("Không có dòng nào đọc được để nhập.");
            }
        });
    });
    close
}

#[cfg(test)]
mod tests {
    use super::column_letter;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
