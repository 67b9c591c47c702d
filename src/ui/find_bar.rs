//! ui: Tìm và thay thế (Ctrl+F, Ctrl+H) across everything that prints with the report
//! (trích yếu, Kính gửi, headings, texts, câu kết, signature block, Nơi nhận, the
//! header's words): match case, whole words, ignore tone marks; from hit to hit (the
//! step changes, the words are selected in their text, the bar says where the hit is);
//! replace one, or all as one undo step.

use eframe::egui;

use super::command::Command;
use crate::edit::Edit;
use crate::edit::find::{
    Field, FindOptions, Found, Hit, OrgField, PlanField, find_printed, replace_one, replace_printed,
};
use crate::guide::Step;
use crate::model::{Project, Report};

/// What the bar remembers.
#[derive(Clone, Debug, Default)]
pub struct FindState {
    pub query: String,
    pub with: String,
    pub options: FindOptions,
    /// The hit shown, among the current hits.
    pub current: Option<usize>,
    /// The hit to select in its text on the next frame (after the step changed).
    pub select: Option<Hit>,
    /// Put the cursor in Tìm on the next frame (the bar was just opened).
    pub focus: bool,
    /// The last search, its hits and how many each place holds: found again only when
    /// the revision, the report, the words or the options change, not on every frame.
    hits: Option<(Searched, Vec<Found>, String)>,
}

/// What a search was made on.
#[derive(Clone, Debug, PartialEq)]
struct Searched {
    revision: u64,
    report: String,
    query: String,
    options: FindOptions,
}

/// The step where a field is written.
pub fn step_of(report: &Report, field: &Field) -> Step {
    match field {
        Field::SectionBody(id) | Field::SectionTitle(id) => {
            crate::check::step_of_section(report, id)
        }
        Field::Distribution
        | Field::Org(
            OrgField::SignerAuthority
            | OrgField::SignerPosition
            | OrgField::SignerName
            | OrgField::Archive,
        ) => Step::KyNhan,
        Field::Plan(PlanField::IndicatorGroup(_) | PlanField::Indicator(_)) => Step::ChiTieu,
        Field::Plan(PlanField::TaskGroup(_) | PlanField::Task(_)) => Step::NhiemVu,
        Field::Summary | Field::Recipients | Field::Opening | Field::Closing | Field::Org(_) => {
            Step::ThongTin
        }
    }
}

/// How many hits each place holds, in print order: the hover text of the count.
fn places(report: &Report, hits: &[Found]) -> String {
    let mut lines: Vec<(String, usize)> = Vec::new();
    for h in hits {
        let label = h.field.label(report);
        match lines.last_mut() {
            Some((l, n)) if *l == label => *n += 1,
            _ => lines.push((label, 1)),
        }
    }
    lines
        .into_iter()
        .map(|(l, n)| format!("{l}: {n}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Draws the bar over `revision` of the project; returns false when it is closed.
pub fn show(
    ui: &mut egui::Ui,
    (project, revision): (&Project, u64),
    report: &Report,
    state: &mut FindState,
    out: &mut Vec<Command>,
) -> bool {
    let searched = Searched {
        revision,
        report: report.id.clone(),
        query: state.query.clone(),
        options: state.options,
    };
    let (hits, where_) = match state.hits.take() {
        Some((s, hits, where_)) if s == searched => (hits, where_),
        _ => {
            let hits = find_printed(project, report, &state.query, state.options);
            let where_ = places(report, &hits);
            (hits, where_)
        }
    };
    if state.current.is_some_and(|c| c >= hits.len()) {
        state.current = None;
    }
    let mut open = true;
    // Three rows, each wrapping on its own: the fields, the options, then the count
    // and the buttons. No row draws over another at any width.
    let field_width = ((ui.available_width() - 140.0) / 2.0).clamp(120.0, 260.0);
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Tìm");
        let query = ui
            .add(
                egui::TextEdit::singleline(&mut state.query)
                    .id_salt("tim-chu")
                    .desired_width(field_width),
            )
            .labelled_by(l.id);
        if std::mem::take(&mut state.focus) {
            query.request_focus();
        }
        let l = ui.label("Thay bằng");
        ui.add(
            egui::TextEdit::singleline(&mut state.with)
                .id_salt("thay-bang")
                .desired_width(field_width),
        )
        .labelled_by(l.id);
    });
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut state.options.match_case, "Phân biệt hoa thường");
        ui.checkbox(&mut state.options.whole_word, "Cả từ");
        ui.checkbox(&mut state.options.ignore_marks, "Bỏ qua dấu");
    });
    ui.horizontal_wrapped(|ui| {
        let count = ui.label(match (state.current, hits.len()) {
            (_, 0) if state.query.is_empty() => String::new(),
            (_, 0) => "Không thấy".to_owned(),
            (Some(c), n) => format!(
                "{}/{n} — ở {}",
                c + 1,
                hits.get(c).map(|h| h.field.label(report)).unwrap_or_default()
            ),
            (None, n) => format!("{n} chỗ"),
        });
        if !hits.is_empty() {
            count.on_hover_text(where_.as_str());
        }
        let mut go = |delta: isize, state: &mut FindState| {
            if hits.is_empty() {
                return;
            }
            let n = hits.len() as isize;
            let next = match state.current {
                Some(c) => (c as isize + delta).rem_euclid(n),
                None if delta > 0 => 0,
                None => n - 1,
            } as usize;
            state.current = Some(next);
            let Some(hit) = hits.get(next) else { return };
            out.push(Command::SelectStep(step_of(report, &hit.field)));
            state.select = hit.in_body();
        };
        if ui.button("Trước").clicked() {
            go(-1, state);
        }
        if ui.button("Sau").clicked() {
            go(1, state);
        }
        if ui
            .button("Thay")
            .on_hover_text("Thay chỗ đang chọn rồi sang chỗ sau")
            .clicked()
            && let Some(hit) = state.current.and_then(|c| hits.get(c))
            && let Some(text) = replace_one(project, report, hit, &state.with)
        {
            out.push(Command::SealTyping);
            out.push(Command::Edit(Edit::PrintedTexts {
                report: report.id.clone(),
                texts: vec![text],
            }));
            out.push(Command::SealTyping);
            state.current = None;
        }
        if ui
            .button("Thay tất cả")
            .on_hover_text(
                "Thay mọi chỗ được in trong báo cáo (cả đầu văn bản, chữ ký, nơi nhận); Ctrl+Z để lấy lại cả một lần",
            )
            .clicked()
            && !hits.is_empty()
        {
            let shared = hits
                .iter()
                .filter(|h| matches!(h.field, Field::Org(_) | Field::Plan(_)))
                .count();
            let (texts, count) =
                replace_printed(project, report, &state.query, &state.with, state.options);
            out.push(Command::SealTyping);
            out.push(Command::Edit(Edit::PrintedTexts {
                report: report.id.clone(),
                texts,
            }));
            out.push(Command::SealTyping);
            out.push(Command::Notify(if shared > 0 {
                format!(
                    "Đã thay {count} chỗ; {shared} chỗ thuộc thông tin cơ quan, người ký hoặc kế hoạch (dùng chung cho mọi báo cáo của dự án)."
                )
            } else {
                format!("Đã thay {count} chỗ.")
            }));
            state.current = None;
        }
        if ui.button("Đóng").clicked() {
            open = false;
        }
    });
    ui.separator();
    state.hits = Some((searched, hits, where_));
    open
}
