//! Góp ý và duyệt: who is working, the report's status with the actions the role may
//! take, every open comment, what changed since the reviewer last read the report,
//! review files waiting to be merged, and the history of the review.

use std::path::PathBuf;

use eframe::egui;

use super::command::Command;
use super::comments::{CommentsState, role_word, show_comment, spans_label, when};
use crate::edit::ReviewEdit;
use crate::guide::{Step, guide};
use crate::model::{Report, ReportStatus};
use crate::review::{self, ActionKind, Actor, ChangeKind, SectionChange};

/// What the review panel reads besides the report.
pub struct ReviewView<'a> {
    pub report: &'a Report,
    /// Every section against the review baseline, computed once per revision.
    pub changes: &'a [SectionChange],
    /// How the approval stands against the content.
    pub approval: review::Approval,
    pub user: &'a Actor,
    /// Why the project is open read-only, if it is.
    pub read_only: Option<&'a str>,
    /// Review files beside the project that are not merged yet.
    pub review_files: &'a [PathBuf],
}

/// What the panel's fields hold between frames.
#[derive(Default)]
pub struct ReviewPanelState {
    pub remark: String,
    pub issue_number: String,
    pub issue_date: String,
    pub comments: CommentsState,
    /// An action waiting for the user's second click (approving with open comments,
    /// revoking an approval), with the question asked.
    pub confirming: Option<(ActionKind, String)>,
}

/// The question to ask before `action`, when it needs one: approving while comments
/// are still open, or taking an approval back.
pub fn confirmation_needed(action: ActionKind, open_comments: usize) -> Option<String> {
    match action {
        ActionKind::Approve if open_comments > 0 => Some(format!(
            "Còn {open_comments} góp ý chưa xử lý. Vẫn duyệt báo cáo?"
        )),
        ActionKind::RevokeApproval => Some(
            "Hủy duyệt đưa báo cáo về trạng thái Cần sửa; muốn ban hành phải duyệt lại. Vẫn hủy duyệt?"
                .to_owned(),
        ),
        _ => None,
    }
}

/// The colour of a status.
pub fn status_colour(status: ReportStatus) -> egui::Color32 {
    match status {
        ReportStatus::Drafting => egui::Color32::GRAY,
        ReportStatus::AwaitingReview => egui::Color32::from_rgb(0x1f, 0x5f, 0xbf),
        ReportStatus::NeedsChanges => egui::Color32::from_rgb(0xd0, 0x7a, 0x00),
        ReportStatus::Approved => egui::Color32::from_rgb(0x2e, 0x8b, 0x3a),
        ReportStatus::Issued => egui::Color32::from_rgb(0x1b, 0x5e, 0x20),
    }
}

/// Draws the panel.
pub fn show(
    ui: &mut egui::Ui,
    view: &ReviewView,
    state: &mut ReviewPanelState,
    out: &mut Vec<Command>,
) {
    let report = view.report;
    let status = report.review.status;
    ui.heading(Step::Duyet.label());
    egui::CollapsingHeader::new("Hướng dẫn")
        .id_salt("huong-dan-duyet")
        .show(ui, |ui| {
            ui.label(&guide(Step::Duyet).guidance);
        });
    ui.horizontal(|ui| {
        if view.user.name.trim().is_empty() {
            ui.colored_label(
                egui::Color32::from_rgb(0xd0, 0x7a, 0x00),
                "Chưa nhập họ tên người dùng.",
            );
        } else {
            ui.label(format!(
                "Người dùng: {} — {}",
                view.user.name,
                role_word(view.user.role)
            ));
        }
        if ui.button("Đổi người dùng…").clicked() {
            out.push(Command::AskPreferences);
        }
    });
    if let Some(why) = view.read_only {
        egui::Frame::group(ui.style())
            .fill(egui::Color32::from_rgb(0xff, 0xf4, 0xc8))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(egui::RichText::new(why).color(egui::Color32::from_gray(0x20)));
            });
    }
    ui.separator();
    ui.horizontal(|ui| {
        ui.label("Trạng thái:");
        ui.label(
            egui::RichText::new(status.label())
                .strong()
                .color(status_colour(status)),
        );
        if let (Some(n), Some(d)) = (report.number, report.date) {
            ui.label(format!("— số {n:02}, ngày {}", d.format("%d/%m/%Y")));
        }
    });
    match view.approval {
        review::Approval::Changed => {
            ui.colored_label(
                egui::Color32::from_rgb(0xc0, 0x10, 0x10),
                "Nội dung đã khác với bản được duyệt.",
            );
        }
        review::Approval::Unbound => {
            ui.colored_label(
                egui::Color32::from_rgb(0xc0, 0x10, 0x10),
                review::UNBOUND_APPROVAL,
            );
        }
        review::Approval::NotGiven | review::Approval::Holds => {}
    }
    let actions = review::allowed_actions(status, view.user.role);
    if actions.is_empty() {
        ui.label(match status {
            ReportStatus::Issued => "Báo cáo đã ban hành; không còn bước duyệt nào.",
            _ => "Ở trạng thái này, vai trò của anh/chị không có thao tác duyệt nào.",
        });
    } else {
        ui.add(
            egui::TextEdit::multiline(&mut state.remark)
                .id_salt("y-kien-duyet")
                .hint_text("Ý kiến kèm theo (không bắt buộc)")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .accessible_name("Ý kiến kèm theo");
        if actions.contains(&ActionKind::Issue) {
            ui.horizontal(|ui| {
                ui.label("Số văn bản:");
                ui.add(egui::TextEdit::singleline(&mut state.issue_number).desired_width(50.0))
                    .accessible_name("Số văn bản khi ban hành");
                ui.label("Ngày ban hành (ngày/tháng/năm):");
                ui.add(egui::TextEdit::singleline(&mut state.issue_date).desired_width(100.0))
                    .accessible_name("Ngày ban hành");
            });
        }
        let open_comments = review::open_comments(report).len();
        let mut confirmed = None;
        if let Some((action, question)) = state.confirming.clone() {
            ui.colored_label(ui.visuals().warn_fg_color, question);
            ui.horizontal(|ui| {
                if ui
                    .button(format!("Vẫn {}", action.label().to_lowercase()))
                    .clicked()
                {
                    confirmed = Some(action);
                    state.confirming = None;
                }
                if ui.button("Thôi").clicked() {
                    state.confirming = None;
                }
            });
        }
        ui.horizontal(|ui| {
            for action in actions {
                let clicked = ui.button(action.label()).clicked();
                if clicked
                    && confirmed.is_none()
                    && let Some(question) = confirmation_needed(action, open_comments)
                {
                    state.confirming = Some((action, question));
                    continue;
                }
                if clicked || confirmed == Some(action) {
                    let issue = if action == ActionKind::Issue {
                        match issue_data(&state.issue_number, &state.issue_date) {
                            Ok(v) => Some(v),
                            Err(e) => {
                                out.push(Command::Message(e));
                                continue;
                            }
                        }
                    } else {
                        None
                    };
                    out.push(Command::Review(ReviewEdit::Action {
                        kind: action,
                        issue,
                        remark: std::mem::take(&mut state.remark),
                    }));
                }
            }
        });
    }
    if view.read_only.is_none() && !view.review_files.is_empty() {
        ui.separator();
        ui.label(format!(
            "Có {} tệp góp ý chưa gộp vào báo cáo:",
            view.review_files.len()
        ));
        for f in view.review_files {
            ui.label(
                f.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
        }
        if ui.button("Gộp góp ý").clicked() {
            out.push(Command::MergeReviewFiles);
        }
    }
    ui.separator();
    if ui
        .button("Kiểm tra bản đã ký…")
        .on_hover_text("Chọn tệp PDF đã ký số để xem nội dung đã ký có khớp bản đã duyệt không")
        .clicked()
    {
        out.push(Command::VerifySigned);
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("duyet")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let open = review::open_comments(report);
            ui.strong(format!("Góp ý chưa xử lý ({})", open.len()));
            if open.is_empty() {
                ui.label("Không có góp ý nào chưa xử lý.");
            }
            for c in open {
                show_comment(ui, report, c, true, &mut state.comments, out);
                if ui
                    .small_button("Đến chỗ này")
                    .accessible_name(format!("Đến mục của góp ý {}", c.id))
                    .clicked()
                {
                    out.push(Command::Jump(crate::compose::comment_source(c)));
                }
            }
            super::proposed_changes::show(ui, report, view.read_only.is_some(), out);
            ui.add_space(8.0);
            show_changes(ui, report, view.changes);
            ui.add_space(8.0);
            show_history(ui, report);
        });
}

/// Sections changed since the reviewer last read the report, with their changes.
fn show_changes(ui: &mut egui::Ui, report: &Report, changes: &[SectionChange]) {
    let Some(base) = review::diff_baseline(&report.review) else {
        ui.strong("Những gì đã thay đổi");
        ui.label("Báo cáo chưa qua lần duyệt nào: cần đọc toàn bộ.");
        return;
    };
    let changed: Vec<&SectionChange> = changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Unchanged)
        .collect();
    let since = base.taken.map(|t| when(&t)).unwrap_or_default();
    ui.strong(format!(
        "Những gì đã thay đổi so với bản gửi duyệt lúc {since}"
    ));
    if changed.is_empty() {
        ui.label("Không có mục nào thay đổi.");
    }
    for c in changed {
        let kind = match c.kind {
            ChangeKind::Added => "mục mới",
            ChangeKind::Removed => "đã xóa",
            _ => "đã sửa",
        };
        ui.label(egui::RichText::new(format!("{} ({kind})", c.title)).strong());
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if c.title_spans
                .iter()
                .any(|s| !matches!(s, review::Span::Same(_)))
            {
                spans_label(ui, &c.title_spans);
            }
            spans_label(ui, &c.body_spans);
        });
    }
}

fn show_history(ui: &mut egui::Ui, report: &Report) {
    ui.strong("Lịch sử duyệt");
    let history = &report.review.history;
    if history.is_empty() {
        ui.label("Chưa có.");
        return;
    }
    egui::Grid::new("lich-su-duyet")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for t in history.iter().rev() {
                ui.label(when(&t.at));
                ui.label(format!("{} ({})", t.by, role_word(t.role)));
                ui.label(format!("{} → {}", t.from.label(), t.to.label()));
                ui.add(egui::Label::new(&t.remark).wrap());
                ui.end_row();
            }
        });
}

/// The number and date typed for issuing.
fn issue_data(number: &str, date: &str) -> Result<(u32, chrono::NaiveDate), String> {
    let number = match super::info::parse_doc_number(number) {
        Ok(Some(n)) => n,
        Ok(None) => return Err("Hãy nhập số văn bản do văn thư cấp trước khi ban hành.".into()),
        Err(e) => return Err(e),
    };
    let date = match super::info::parse_date(date) {
        Ok(Some(d)) => d,
        Ok(None) => return Err("Hãy nhập ngày ban hành (ngày/tháng/năm).".into()),
        Err(e) => return Err(e),
    };
    Ok((number, date))
}
