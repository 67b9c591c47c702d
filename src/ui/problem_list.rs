//! ui: the problems of Xem lại và xuất, one by one — what is wrong, where, and the
//! buttons to go there, fix it in one click or leave it (Bỏ qua). Reads the one list of
//! problems the session derived; records commands.

use eframe::egui;

use super::command::Command;
use crate::edit::Edit;
use crate::model::Report;

/// Draws one problem of Xem lại và xuất: what is wrong first (wrapped, never cut), where
/// second in small letters, then the buttons on their own line so they are always in
/// view whatever the column's width.
pub fn problem_row(
    ui: &mut egui::Ui,
    report: &Report,
    i: usize,
    p: &crate::check::Problem,
    out: &mut Vec<Command>,
) {
    use crate::check::Severity;
    let (colour, level) = match p.severity {
        Severity::Error => (egui::Color32::from_rgb(0xc0, 0x10, 0x10), "Lỗi"),
        Severity::Warning => (egui::Color32::from_rgb(0xd0, 0x7a, 0x00), "Lưu ý"),
        Severity::Note => (ui.visuals().text_color(), "Ghi chú"),
    };
    ui.add_space(4.0);
    ui.add(
        egui::Label::new(egui::RichText::new(problem_text(level, &p.message)).color(colour)).wrap(),
    );
    ui.add(
        egui::Label::new(
            egui::RichText::new(format!("Ở: {}", p.place))
                .small()
                .weak(),
        )
        .wrap(),
    );
    ui.horizontal_wrapped(|ui| {
        if let Some(at) = &p.at
            && ui
                .small_button("Đến chỗ này")
                .accessible_name(format!("Đến chỗ vấn đề {}", i + 1))
                .clicked()
        {
            out.push(match &at.section {
                Some(id) => Command::Jump(crate::compose::SourceRef::section(id)),
                None => Command::SelectStep(at.step),
            });
        }
        if let (Some(at), Some((typed, field))) = (&p.at, &p.fix)
            && let Some(section) = at.section.as_ref().and_then(|id| report.section(id))
            && let Some(text) = at
                .paragraph
                .and_then(|n| crate::check::figures::apply_fix(&section.body, n, typed, field))
            && ui
                .small_button(if field.starts_with("{{") {
                    format!("Thay bằng {field}")
                } else {
                    format!("Sửa thành “{}”", field.trim())
                })
                .on_hover_text(if field.starts_with("{{") {
                    "Thay số gõ tay bằng số liệu luôn khớp với bước Chỉ tiêu, Nhiệm vụ"
                } else {
                    "Sửa chỗ này trong đoạn văn"
                })
                .accessible_name(format!("Sửa vấn đề {}", i + 1))
                .clicked()
        {
            out.push(Command::SealTyping);
            out.push(Command::Edit(Edit::SectionBody {
                report: report.id.clone(),
                section: section.id.clone(),
                text,
            }));
            out.push(Command::SealTyping);
            let by = if field.starts_with("{{") {
                field.trim().to_owned()
            } else {
                format!("“{}”", field.trim())
            };
            out.push(Command::Notify(format!(
                "Đã thay “{}” bằng {by} ở mục “{}”. Có thể hoàn tác bằng Ctrl+Z.",
                typed.trim(),
                section.title.trim()
            )));
        }
        if let Some(key) = &p.ignore
            && ui
                .small_button("Bỏ qua")
                .on_hover_text("Để nguyên chỗ này; báo cáo nhớ lựa chọn này")
                .accessible_name(format!("Bỏ qua vấn đề {}", i + 1))
                .clicked()
        {
            out.push(Command::Edit(Edit::IgnoreFinding {
                report: report.id.clone(),
                key: key.clone(),
            }));
            out.push(Command::Notify(
                "Đã bỏ qua vấn đề này; báo cáo nhớ lựa chọn này. Có thể hoàn tác bằng Ctrl+Z."
                    .to_owned(),
            ));
        }
    });
    ui.separator();
}

/// The line of Xem lại và xuất saying what is wrong: its level, then the problem.
pub fn problem_text(level: &str, message: &str) -> String {
    let mut chars = message.chars();
    let message: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("{level}: {message}")
}
