//! ui: the changes a leader proposed in a returned Word file (Góp ý và duyệt › Đề xuất
//! sửa từ Word), each shown word by word (added words on green, removed ones struck
//! through, as "what changed" shows them) with Chấp nhận / Bỏ qua, one by one or all;
//! also the list shown before they are stored (Nhập góp ý từ tệp Word…). Drawing only:
//! accepting and rejecting are edits the app applies (one undo step each).

use eframe::egui;

use super::command::Command;
use super::comments::spans_label;
use crate::edit::{Edit, ProposedStep};
use crate::model::{ProposedChange, Report};
use crate::review;

/// Heading of the list in the review step.
pub const HEADING: &str = "Đề xuất sửa từ Word";

/// One change: where and who, then its words.
pub fn change_view(ui: &mut egui::Ui, report: &Report, c: &ProposedChange) {
    ui.label(egui::RichText::new(review::change_caption(report, c)).strong());
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        spans_label(ui, &review::change_spans(c));
    });
}

/// The proposed changes of `report` with their buttons; nothing when there are none.
/// A read-only view lists them without buttons.
pub fn show(ui: &mut egui::Ui, report: &Report, read_only: bool, out: &mut Vec<Command>) {
    let list = &report.review.proposed;
    if list.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.strong(format!("{HEADING} ({})", list.len()));
    ui.label("Báo cáo chưa đổi cho đến khi chấp nhận; mỗi lần chấp nhận có thể hoàn tác.");
    let step = |step: ProposedStep, out: &mut Vec<Command>| {
        out.push(Command::SealTyping);
        out.push(Command::Edit(Edit::Proposed {
            report: report.id.clone(),
            step,
        }));
        out.push(Command::SealTyping);
    };
    if !read_only {
        ui.horizontal(|ui| {
            if ui.button("Chấp nhận tất cả").clicked() {
                step(ProposedStep::AcceptAll, out);
            }
            if ui.button("Bỏ qua tất cả").clicked() {
                step(ProposedStep::RejectAll, out);
            }
        });
    }
    for (n, c) in list.iter().enumerate() {
        change_view(ui, report, c);
        if read_only {
            continue;
        }
        ui.horizontal(|ui| {
            if ui
                .button("Chấp nhận")
                .accessible_name(format!("Chấp nhận đề xuất sửa {}", n + 1))
                .clicked()
            {
                step(ProposedStep::Accept(c.id.clone()), out);
            }
            if ui
                .button("Bỏ qua")
                .accessible_name(format!("Bỏ qua đề xuất sửa {}", n + 1))
                .clicked()
            {
                step(ProposedStep::Reject(c.id.clone()), out);
            }
        });
    }
}

/// The changes a Word file would propose, before they are stored (no buttons).
pub fn found_view(ui: &mut egui::Ui, report: &Report, found: &crate::import::docx::ChangeImport) {
    if found.changes.is_empty() && found.notes.is_empty() {
        return;
    }
    ui.separator();
    ui.label(
        egui::RichText::new(format!(
            "Đoạn đã sửa trong tệp Word ({} đề xuất sửa, chưa áp dụng)",
            found.changes.len()
        ))
        .strong(),
    );
    for c in &found.changes {
        change_view(ui, report, c);
    }
    for n in &found.notes {
        ui.label(format!("Lưu ý: {n}"));
    }
}
