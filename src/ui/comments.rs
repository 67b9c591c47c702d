//! Beside each section in the editor: its open comments with their replies, a box to
//! reply, "Đã xử lý", a box for a new comment, and the section's changes since the
//! reviewer last read it. Emits commands; changes nothing itself.

use std::collections::BTreeMap;

use eframe::egui;

use super::command::Command;
use crate::edit::ReviewEdit;
use crate::model::{Comment, Report, ReviewRole, Section};
use crate::review::{self, SectionChange, Span};

/// What the comment boxes hold between frames.
#[derive(Default)]
pub struct CommentsState {
    /// Reply being typed, by comment id.
    pub replies: BTreeMap<String, String>,
    /// New comment being typed, by section id, with its paragraph (0 = whole section).
    pub drafts: BTreeMap<String, (String, usize)>,
    /// Sections whose changes are shown.
    pub show_changes: BTreeMap<String, bool>,
}

/// `người soạn` / `người duyệt`.
pub fn role_word(role: ReviewRole) -> &'static str {
    match role {
        ReviewRole::Drafter => "người soạn",
        ReviewRole::Reviewer => "người duyệt",
    }
}

/// `10:05 22/11/2026`.
pub fn when(at: &chrono::NaiveDateTime) -> String {
    at.format("%H:%M %d/%m/%Y").to_string()
}

const COMMENT_FILL: egui::Color32 = egui::Color32::from_rgb(0xff, 0xf4, 0xc8);
const ADDED: egui::Color32 = egui::Color32::from_rgb(0xc8, 0xf0, 0xc8);
const REMOVED: egui::Color32 = egui::Color32::from_rgb(0xb0, 0x20, 0x20);

/// One comment with its thread, and its reply box when it is open.
pub fn show_comment(
    ui: &mut egui::Ui,
    report: &Report,
    c: &Comment,
    with_anchor: bool,
    state: &mut CommentsState,
    out: &mut Vec<Command>,
) {
    let fill = if c.resolved {
        ui.visuals().faint_bg_color
    } else {
        COMMENT_FILL
    };
    egui::Frame::group(ui.style()).fill(fill).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let dark = egui::Color32::from_gray(0x20);
        if with_anchor {
            ui.label(
                egui::RichText::new(review::comment_anchor_label(report, c))
                    .strong()
                    .color(dark),
            );
        }
        ui.label(
            egui::RichText::new(format!(
                "{} ({}), {}:",
                c.author,
                role_word(c.role),
                when(&c.at)
            ))
            .small()
            .color(dark),
        );
        if !with_anchor
            && let Some(p) = c.paragraph
            && let Some(gist) = report
                .section(&c.section)
                .and_then(|s| review::paragraph_gist(&s.body, p))
        {
            ui.label(
                egui::RichText::new(format!("Về đoạn {}: “{gist}”", p + 1))
                    .small()
                    .italics()
                    .color(dark),
            );
        }
        ui.label(egui::RichText::new(&c.text).color(dark));
        for r in &c.replies {
            ui.horizontal_wrapped(|ui| {
                ui.add_space(16.0);
                ui.label(
                    egui::RichText::new(format!(
                        "Trả lời — {} ({}), {}: {}",
                        r.author,
                        role_word(r.role),
                        when(&r.at),
                        r.text
                    ))
                    .color(dark),
                );
            });
        }
        if c.resolved {
            ui.horizontal(|ui| {
                let by = c.resolved_by.as_deref().unwrap_or("");
                ui.label(egui::RichText::new(format!("Đã xử lý {by}").trim().to_owned()).italics());
                if ui
                    .small_button("Mở lại")
                    .accessible_name(format!("Mở lại góp ý {}", c.id))
                    .clicked()
                {
                    out.push(Command::Review(ReviewEdit::Reopen {
                        comment: c.id.clone(),
                    }));
                }
            });
            return;
        }
        let reply = state.replies.entry(c.id.clone()).or_default();
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(reply)
                    .id_salt(("tra-loi", &c.id))
                    .hint_text("Trả lời…")
                    .desired_width(ui.available_width() - 170.0),
            )
            .accessible_name(format!("Trả lời góp ý {}", c.id));
            if ui
                .add_enabled(!reply.trim().is_empty(), egui::Button::new("Trả lời"))
                .accessible_name(format!("Gửi trả lời góp ý {}", c.id))
                .clicked()
            {
                out.push(Command::Review(ReviewEdit::Reply {
                    comment: c.id.clone(),
                    text: std::mem::take(reply),
                }));
            }
            if ui
                .button("Đã xử lý")
                .accessible_name(format!("Đã xử lý góp ý {}", c.id))
                .clicked()
            {
                out.push(Command::Review(ReviewEdit::Resolve {
                    comment: c.id.clone(),
                }));
            }
        });
    });
}

/// Under a section's text: its comments, a new comment box and its changes.
#[allow(clippy::too_many_arguments)]
pub fn show_section_review(
    ui: &mut egui::Ui,
    report: &Report,
    s: &Section,
    number: &str,
    change: Option<&SectionChange>,
    figures: &[crate::session::Figure],
    state: &mut CommentsState,
    out: &mut Vec<Command>,
) {
    let comments: Vec<&Comment> = report
        .review
        .comments
        .iter()
        .filter(|c| c.section == s.id)
        .collect();
    let open: Vec<&&Comment> = comments.iter().filter(|c| !c.resolved).collect();
    for c in &open {
        show_comment(ui, report, c, false, state, out);
    }
    let resolved = comments.len() - open.len();
    if resolved > 0 {
        egui::CollapsingHeader::new(format!("{resolved} góp ý đã xử lý"))
            .id_salt(("da-xu-ly", &s.id))
            .show(ui, |ui| {
                for c in comments.iter().filter(|c| c.resolved) {
                    show_comment(ui, report, c, false, state, out);
                }
            });
    }
    let title = format!("{number} {}", s.title.trim()).trim().to_owned();
    let paragraphs = review::paragraphs(&s.body).len();
    egui::CollapsingHeader::new("Thêm góp ý")
        .id_salt(("them-gop-y", &s.id))
        .show(ui, |ui| {
            let shown = with_figure_values(&s.body, figures);
            let (text, para) = state.drafts.entry(s.id.clone()).or_default();
            ui.add(
                egui::TextEdit::multiline(text)
                    .id_salt(("gop-y-moi", &s.id))
                    .hint_text("Ý kiến của anh/chị về mục này…")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .accessible_name(format!("Góp ý cho mục {title}"));
            ui.horizontal(|ui| {
                *para = (*para).min(paragraphs);
                egui::ComboBox::from_id_salt(("doan-gop-y", &s.id))
                    .selected_text(paragraph_label(&shown, *para))
                    .width(ui.available_width().min(360.0))
                    .show_ui(ui, |ui| {
                        for p in 0..=paragraphs {
                            ui.selectable_value(para, p, paragraph_label(&shown, p));
                        }
                    })
                    .response
                    .accessible_name(format!("Góp ý về đoạn nào của mục {title}"));
                if ui
                    .add_enabled(!text.trim().is_empty(), egui::Button::new("Gửi góp ý"))
                    .accessible_name(format!("Gửi góp ý cho mục {title}"))
                    .clicked()
                {
                    out.push(Command::Review(ReviewEdit::Comment {
                        section: s.id.clone(),
                        paragraph: para.checked_sub(1),
                        text: std::mem::take(text),
                    }));
                    *para = 0;
                }
            });
        });
    show_changes(ui, s, change, &title, state);
}

/// `body` as the editor shows it: each figure the revision could fill (`figures`, from
/// the derived data) as its value; the others as typed.
pub fn with_figure_values(body: &str, figures: &[crate::session::Figure]) -> String {
    let mut shown = body.to_owned();
    for f in figures {
        if let Ok(v) = &f.value {
            shown = shown.replace(&f.raw, &crate::model::rich::escape(v));
        }
    }
    shown
}

/// `p` counts from 1; 0 is the whole section.
fn paragraph_label(body: &str, p: usize) -> String {
    match p
        .checked_sub(1)
        .and_then(|i| review::paragraph_gist(body, i))
    {
        None => "Cả mục".to_owned(),
        Some(gist) => format!("Đoạn {p}: {gist}"),
    }
}

/// The section's text against what the reviewer last read: added words on green,
/// removed words struck through in red.
fn show_changes(
    ui: &mut egui::Ui,
    s: &Section,
    change: Option<&SectionChange>,
    title: &str,
    state: &mut CommentsState,
) {
    let Some(change) = change.filter(|c| c.kind != review::ChangeKind::Unchanged) else {
        return;
    };
    let shown = state.show_changes.entry(s.id.clone()).or_insert(false);
    ui.checkbox(shown, "Xem thay đổi so với lần duyệt trước")
        .accessible_name(format!("Xem thay đổi của mục {title}"));
    if *shown {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            spans_label(ui, &change.body_spans);
        });
    }
}

/// Draws diff spans as one wrapped text.
pub fn spans_label(ui: &mut egui::Ui, spans: &[Span]) -> egui::Response {
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let normal = ui.visuals().text_color();
    for span in spans {
        let (text, format) = match span {
            Span::Same(t) => (t, egui::TextFormat::simple(font.clone(), normal)),
            Span::Added(t) => (
                t,
                egui::TextFormat {
                    font_id: font.clone(),
                    color: egui::Color32::from_gray(0x10),
                    background: ADDED,
                    underline: egui::Stroke::new(1.0, egui::Color32::from_rgb(0x20, 0x80, 0x20)),
                    ..Default::default()
                },
            ),
            Span::Removed(t) => (
                t,
                egui::TextFormat {
                    font_id: font.clone(),
                    color: REMOVED,
                    strikethrough: egui::Stroke::new(1.0, REMOVED),
                    ..Default::default()
                },
            ),
        };
        job.append(text, 0.0, format);
    }
    job.wrap.max_width = ui.available_width();
    ui.label(job)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Figure;

    #[test]
    fn the_paragraph_picker_names_paragraphs_with_their_figures_values() {
        let body = "Mở đầu.\nTỷ lệ đạt {{CT05.kết quả}} so với {{CT05.kỳ trước}}.";
        let figures = [
            Figure {
                raw: "{{CT05.kết quả}}".into(),
                value: Ok("52,6%".into()),
            },
            Figure {
                raw: "{{CT05.kỳ trước}}".into(),
                value: Err(crate::compose::placeholders::FieldError::NoComparison(
                    "CT05".into(),
                )),
            },
        ];
        let shown = with_figure_values(body, &figures);
        assert_eq!(
            paragraph_label(&shown, 2),
            "Đoạn 2: Tỷ lệ đạt 52,6% so với {{CT05.kỳ trước}}."
        );
        assert_eq!(paragraph_label(&shown, 0), "Cả mục");
    }
}
