//! ui: the previews of a Word file: the report recognised in it (Tệp › Mở báo cáo
//! Word…) and the comments placed on the current report (Góp ý › Nhập góp ý từ tệp
//! Word…, with the paragraphs the file changes as proposed changes). Each lists what
//! was read and what could not be placed; the clerk adds it
//! (one undo step) or cancels, and nothing changes before that.

use eframe::egui;

use super::command::{Command, Modal};
pub use super::forms::WordReportPreview;
use crate::edit::Edit;
use crate::import::docx::{self, CommentImport};
use crate::import::text;
use crate::model::{Project, Report, Section};

/// Shows a Word preview if `modal` is one; `Some(close)` then, `None` otherwise.
pub fn show(
    ctx: &egui::Context,
    modal: &mut Modal,
    project: Option<&Project>,
    report: Option<&Report>,
    out: &mut Vec<Command>,
) -> Option<bool> {
    match modal {
        Modal::WordReport(preview) => Some(show_report(ctx, preview, project, out)),
        Modal::WordComments {
            path,
            found,
            changes,
        } => Some(show_comments(ctx, path, found, changes, report, out)),
        _ => None,
    }
}

fn outline(ui: &mut egui::Ui, sections: &[Section]) {
    for row in text::preview::outline(sections) {
        ui.horizontal(|ui| {
            ui.add_space(row.depth as f32 * 14.0);
            ui.label(format!(
                "{} {} — {}",
                row.number,
                row.title.trim(),
                row.contents
            ));
        });
    }
}

fn show_report(
    ctx: &egui::Context,
    p: &mut WordReportPreview,
    project: Option<&Project>,
    out: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    let differences = project
        .map(|proj| text::document_differences(&p.report, proj))
        .unwrap_or_default();
    let mut r = p.report.clone();
    if p.project_words {
        r.document_words = None;
    }
    let r = &r;
    let blank = "(để trống)";
    egui::Window::new("Mở báo cáo Word")
        .collapsible(false)
        .resizable(true)
        .default_width(720.0)
        .show(ctx, |ui| {
            ui.label(format!("Tệp: {}", p.path.display()));
            egui::Grid::new("bao-cao-word")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("Kỳ báo cáo:");
                    ui.label(format!("{} ({})", r.period.short_label(), p.period_why));
                    ui.end_row();
                    ui.label("Số, ngày:");
                    ui.label(format!(
                        "{} — {}",
                        r.number
                            .map_or_else(|| blank.to_owned(), |n| format!("{n:02}")),
                        r.date
                            .map_or_else(|| blank.to_owned(), crate::vi::date_short)
                    ));
                    ui.end_row();
                    ui.label("Trích yếu:");
                    ui.label(if r.summary.is_empty() {
                        blank
                    } else {
                        &r.summary
                    });
                    ui.end_row();
                    ui.label("Nơi nhận:");
                    ui.label(format!("{} nơi", r.distribution.len()));
                    ui.end_row();
                    ui.label("Người ký trong tệp:");
                    ui.label(p.rec.signer_lines.last().map_or(blank, String::as_str));
                    ui.end_row();
                });
            ui.separator();
            ui.label(egui::RichText::new("Các mục nhận ra").strong());
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .id_salt("muc-word")
                .show(ui, |ui| outline(ui, &r.sections));
            if !p.notes.is_empty() {
                ui.separator();
                ui.label(
                    egui::RichText::new(format!("Cần xem lại ({} lưu ý)", p.notes.len())).strong(),
                );
                egui::ScrollArea::vertical()
                    .max_height(160.0)
                    .id_salt("luu-y-word")
                    .show(ui, |ui| {
                        for n in &p.notes {
                            ui.label(n);
                        }
                    });
            }
            super::document_words::choice(ui, &differences, &mut p.project_words);
            ui.separator();
            ui.horizontal(|ui| {
                let can_add = !p.rec.is_empty();
                let add = ui.add_enabled(can_add, egui::Button::new("Thêm báo cáo"));
                if add.clicked() {
                    out.push(Command::SealTyping);
                    out.push(Command::Edit(Edit::AddReport(Box::new(r.clone()))));
                    out.push(Command::SealTyping);
                    out.push(Command::SelectReport(r.id.clone()));
                    close = true;
                }
                if ui.button("Hủy").clicked() {
                    close = true;
                }
            });
        });
    close
}

fn show_comments(
    ctx: &egui::Context,
    path: &std::path::Path,
    found: &CommentImport,
    changes: &docx::ChangeImport,
    report: Option<&Report>,
    out: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    egui::Window::new("Nhập góp ý từ tệp Word")
        .collapsible(false)
        .resizable(true)
        .default_width(680.0)
        .show(ctx, |ui| {
            ui.label(format!("Tệp: {}", path.display()));
            ui.label(format!(
                "Gắn được {} góp ý mới vào báo cáo {}; {} góp ý không gắn được.",
                found.placed.len(),
                found.report,
                found.unplaced.len()
            ));
            if found.already > 0 {
                ui.label(format!(
                    "{} góp ý trong tệp đã có trong báo cáo, không thêm lại.",
                    found.already
                ));
            }
            if !found.replies.is_empty() {
                ui.label(format!(
                    "{} trả lời mới cho góp ý đã có.",
                    found.replies.len()
                ));
            }
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .id_salt("gop-y-word")
                .show(ui, |ui| {
                    for p in &found.placed {
                        let c = &p.comment;
                        let anchor = report.map_or_else(
                            || c.section.clone(),
                            |r| crate::review::comment_anchor_label(r, c),
                        );
                        ui.label(format!(
                            "{anchor} — {} ({}): {}",
                            c.author,
                            c.at.format("%d/%m/%Y %H:%M"),
                            c.text
                        ));
                    }
                    if !found.unplaced.is_empty() {
                        ui.separator();
                        ui.label(
                            egui::RichText::new("Không gắn được (sẽ không được thêm)").strong(),
                        );
                        for u in &found.unplaced {
                            ui.label(format!("{}: “{}” — {}", u.author, u.text, u.reason));
                        }
                    }
                    if let Some(r) = report {
                        super::proposed_changes::found_view(ui, r, changes);
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                let n = found.placed.len();
                let replies = found.replies.len();
                let m = changes.changes.len();
                let mut label = format!("Thêm {n} góp ý");
                if replies > 0 {
                    label.push_str(&format!(", {replies} trả lời"));
                }
                if m > 0 {
                    label.push_str(&format!(" và {m} đề xuất sửa"));
                }
                let add = ui.add_enabled(n + replies + m > 0, egui::Button::new(label));
                if add.clicked() {
                    out.push(Command::SealTyping);
                    if n + replies > 0 {
                        out.push(Command::Edit(Edit::AddComments {
                            report: found.report.clone(),
                            comments: found.placed.iter().map(|p| p.comment.clone()).collect(),
                            replies: found.replies.clone(),
                        }));
                    }
                    if m > 0 {
                        out.push(Command::Edit(Edit::AddProposed {
                            report: changes.report.clone(),
                            changes: changes.changes.clone(),
                        }));
                    }
                    out.push(Command::SealTyping);
                    close = true;
                }
                if ui.button("Hủy").clicked() {
                    close = true;
                }
            });
        });
    close
}
