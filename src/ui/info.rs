//! The form-like steps: Thông tin chung (period, number, date, summary, Kính gửi),
//! Ký và nơi nhận (closing, signer, distribution) and Xem lại và xuất (problems,
//! appendices, export). Emits commands.

use eframe::egui;

use super::command::Command;
use crate::edit::{Edit, ReportText, list_lines};
use crate::guide::{Step, guide};
use crate::layout::ImageKind;
use crate::model::{Project, Report};
use crate::session::phrases::Chip;

/// Text typed into fields that must be checked before they are stored.
#[derive(Default)]
pub struct InfoState {
    number: Option<String>,
    date: Option<String>,
    period: super::period_choice::PeriodState,
}

/// Reads a typed document number: blank for a draft, else 1–9999.
pub(super) fn parse_doc_number(text: &str) -> Result<Option<u32>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u32>() {
        Ok(n) if (1..=9999).contains(&n) => Ok(Some(n)),
        _ => Err("Số văn bản là số nguyên từ 1 đến 9999, hoặc để trống khi còn là dự thảo.".into()),
    }
}

/// Reads a typed date `dd/mm/yyyy`: blank for a draft.
pub(super) fn parse_date(text: &str) -> Result<Option<chrono::NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(t, "%d/%m/%Y")
        .map(Some)
        .map_err(|_| format!("“{t}” không phải ngày hợp lệ (dạng 05/02/2026)."))
}

fn multiline_field(
    ui: &mut egui::Ui,
    label: &str,
    hint: &str,
    value: String,
    rows: usize,
) -> Option<String> {
    let mut text = value;
    labelled_box(ui, label, hint, &mut text, rows)
        .changed()
        .then_some(text)
}

/// A multi-line box under its bold label, as wide as the column, named by the label
/// for screen readers.
fn labelled_box(
    ui: &mut egui::Ui,
    label: &str,
    hint: &str,
    text: &mut String,
    rows: usize,
) -> egui::Response {
    ui.label(egui::RichText::new(label).strong());
    let r = ui.add(
        egui::TextEdit::multiline(text)
            .id_salt(label)
            .hint_text(hint)
            .desired_rows(rows)
            .desired_width(f32::INFINITY),
    );
    ui.add_space(6.0);
    r.accessible_name(label.to_owned())
}

/// A list typed one entry a line (Kính gửi, Nơi nhận). The model keeps the entries
/// trimmed and without blank lines, so what the clerk types is kept as typed while
/// the box has focus — a space or a new line at the end is the start of the next word
/// or entry, not something to tidy away under the cursor — and only what it will be
/// stored as is sent. An entry changed elsewhere (undo) shows as soon as it differs.
fn list_field(
    ui: &mut egui::Ui,
    label: &str,
    hint: &str,
    stored: &[String],
    rows: usize,
) -> Option<String> {
    let id = ui.make_persistent_id(("danh-sach", label));
    let typed: Option<String> = ui.data(|d| d.get_temp(id));
    let mut text = typed
        .filter(|t| list_lines(t) == stored)
        .unwrap_or_else(|| stored.join("\n"));
    let r = labelled_box(ui, label, hint, &mut text, rows);
    if r.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    (r.changed() && list_lines(&text) != stored).then_some(text)
}

/// Where a phrase of the Thông tin chung guide goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhraseTarget {
    Summary,
    Opening,
    Closing,
    Recipients,
}

/// Sorts a Thông tin chung phrase by what it is written for.
pub fn phrase_target(phrase: &str) -> PhraseTarget {
    let p = phrase.trim_start();
    if p.starts_with("Trên đây") {
        PhraseTarget::Closing
    } else if p.starts_with("Sơ kết") || p.starts_with("Tổng kết") {
        PhraseTarget::Summary
    } else if p.starts_with("Thực hiện") || p.starts_with("Căn cứ") {
        PhraseTarget::Opening
    } else {
        PhraseTarget::Recipients
    }
}

/// The chips of the two steps that edit no section text, derived once per revision
/// ([`crate::session::Derived`]): Thông tin chung's phrases (trích yếu, Kính gửi, mở
/// đầu, câu kết) and Ký và nơi nhận's (Nơi nhận).
pub struct PhraseChips<'a> {
    pub header: &'a [Chip],
    pub signature: &'a [Chip],
}

/// Buttons of phrases, each shown with the placeholders the program fills already
/// filled (`{kỳ}`, `{xã}`), as it will go in.
fn phrase_buttons<'a>(
    ui: &mut egui::Ui,
    title: &str,
    chips: impl IntoIterator<Item = &'a Chip>,
    mut on_click: impl FnMut(&Chip),
) {
    let mut chips = chips.into_iter().peekable();
    if chips.peek().is_none() {
        return;
    }
    ui.label(egui::RichText::new(title).strong());
    for c in chips {
        if ui
            .add(egui::Button::new(c.shown.as_str()).wrap_mode(egui::TextWrapMode::Truncate))
            .on_hover_text(c.shown.as_str())
            .clicked()
        {
            on_click(c);
        }
    }
    ui.add_space(6.0);
}

/// A one-line field read by `parse` (a number, a day): the typed text is kept in
/// `buffer` while the field has focus or does not read, with the reason shown under it;
/// the value read when the clerk changed the text to one that reads. `field` is the
/// field's id, its name for screen readers, its hint and its width.
pub(super) fn parsed_field<T>(
    ui: &mut egui::Ui,
    buffer: &mut Option<String>,
    stored: String,
    (id, name, hint, width): (&str, &str, &str, f32),
    parse: fn(&str) -> Result<T, String>,
) -> Option<T> {
    ui.vertical(|ui| {
        let mut text = buffer.clone().unwrap_or(stored);
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .id_salt(id)
                    .hint_text(hint)
                    .desired_width(width),
            )
            .accessible_name(name);
        let read = parse(&text);
        if r.changed() {
            *buffer = Some(text.clone());
        }
        if !r.has_focus() && read.is_ok() {
            *buffer = None;
        }
        match read {
            Err(e) => {
                error_text(ui, &e);
                None
            }
            Ok(v) => r.changed().then_some(v),
        }
    })
    .inner
}

fn error_text(ui: &mut egui::Ui, msg: &str) {
    ui.colored_label(egui::Color32::from_rgb(0xc0, 0x10, 0x10), msg);
}

/// What Thông tin chung says of a notice (the report's guidance speaks of periods and
/// of the sơ kết's summary).
const NOTICE_GUIDANCE: &str = "Ở bước này, anh/chị khai báo số, ngày ban hành và trích yếu của thông báo (trích yếu nêu việc điều chỉnh, bổ sung chỉ tiêu, nhiệm vụ của kế hoạch nào). Khi còn là dự thảo, để trống số và ngày; văn thư sẽ cấp số khi lãnh đạo ký ban hành. Thông báo được gửi tới các nơi ghi ở Nơi nhận nên thường không có mục Kính gửi.";

/// Thông tin chung.
pub fn show_general(
    ui: &mut egui::Ui,
    report: &Report,
    chips: &PhraseChips,
    state: &mut InfoState,
    out: &mut Vec<Command>,
) {
    let rid = report.id.clone();
    ui.heading(Step::ThongTin.label());
    let report_kind = report.document.is_report();
    if report_kind {
        ui.label(&guide(Step::ThongTin).guidance);
    } else {
        // A notice has its own header: no period figures or report phrases to offer.
        ui.label(NOTICE_GUIDANCE);
    }
    ui.separator();
    egui::Grid::new("thong-tin")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            super::period_choice::show_period(ui, report, &mut state.period, out);

            ui.label("Số văn bản:");
            let stored = report.number.map(|n| format!("{n:02}")).unwrap_or_default();
            let field = (
                "so-van-ban",
                "Số văn bản",
                "để trống khi còn dự thảo",
                220.0,
            );
            if let Some(number) =
                parsed_field(ui, &mut state.number, stored, field, parse_doc_number)
            {
                out.push(Command::Edit(Edit::ReportNumber {
                    report: rid.clone(),
                    number,
                }));
            }
            ui.end_row();

            ui.label("Ngày ban hành:");
            let stored = report.date.map(crate::vi::date_short).unwrap_or_default();
            let field = (
                "ngay-ban-hanh",
                "Ngày ban hành văn bản",
                "dd/mm/yyyy, để trống khi còn dự thảo",
                260.0,
            );
            if let Some(date) = parsed_field(ui, &mut state.date, stored, field, parse_date) {
                out.push(Command::Edit(Edit::ReportDate {
                    report: rid.clone(),
                    date,
                }));
            }
            ui.end_row();
        });
    ui.add_space(8.0);
    if let Some(t) = multiline_field(
        ui,
        &format!(
            "Trích yếu (dòng tóm tắt dưới chữ {})",
            report.document.title_word()
        ),
        "Sơ kết tình hình triển khai thực hiện … quý II năm 2026",
        report.summary.clone(),
        2,
    ) {
        out.push(Command::Edit(Edit::ReportText {
            report: rid.clone(),
            field: ReportText::Summary,
            text: t,
        }));
    }
    if let Some(t) = list_field(
        ui,
        "Kính gửi (mỗi nơi một dòng)",
        "Sở Khoa học và Công nghệ thành phố Hải Phòng",
        &report.recipients,
        2,
    ) {
        out.push(Command::Edit(Edit::ReportText {
            report: rid.clone(),
            field: ReportText::Recipients,
            text: t,
        }));
    }
    if let Some(t) = multiline_field(
        ui,
        "Đoạn mở đầu (không bắt buộc)",
        "Thực hiện Kế hoạch số …, Ủy ban nhân dân xã báo cáo như sau:",
        report.opening.clone(),
        2,
    ) {
        out.push(Command::Edit(Edit::ReportText {
            report: rid,
            field: ReportText::Opening,
            text: t,
        }));
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("goi-y-thong-tin")
        .show(ui, |ui| {
            phrase_buttons(
                ui,
                "Câu gợi ý — bấm để dùng",
                chips
                    .header
                    .iter()
                    .filter(|c| report_kind && phrase_target(&c.phrase) != PhraseTarget::Closing),
                |c| {
                    let text = c.shown.clone();
                    let (field, value) = match phrase_target(&c.phrase) {
                        PhraseTarget::Summary => (ReportText::Summary, text),
                        PhraseTarget::Opening => (ReportText::Opening, text),
                        _ => (
                            ReportText::Recipients,
                            super::editor::insert_line(&report.recipients.join("\n"), None, &text),
                        ),
                    };
                    out.push(Command::Edit(Edit::ReportText {
                        report: report.id.clone(),
                        field,
                        text: value,
                    }));
                },
            );
        });
}

/// Ký và nơi nhận.
pub fn show_signature(
    ui: &mut egui::Ui,
    project: &Project,
    report: &Report,
    chips: &PhraseChips,
    out: &mut Vec<Command>,
) {
    let rid = report.id.clone();
    ui.heading(Step::KyNhan.label());
    ui.label(&guide(Step::KyNhan).guidance);
    ui.separator();
    if let Some(t) = multiline_field(
        ui,
        "Câu kết",
        "Trên đây là Báo cáo sơ kết … /.",
        report.closing.clone(),
        4,
    ) {
        out.push(Command::Edit(Edit::ReportText {
            report: rid.clone(),
            field: ReportText::Closing,
            text: t,
        }));
    }
    ui.label(egui::RichText::new("Người ký").strong());
    let signer_label = |id: &str| -> String {
        project
            .organisation
            .signer(id)
            .map(|s| {
                let mut parts = s.authority.clone();
                parts.push(s.position.clone());
                format!("{} — {}", parts.join(" / "), s.full_name)
            })
            .unwrap_or_else(|| "Chưa chọn".to_owned())
    };
    egui::ComboBox::from_id_salt("nguoi-ky")
        .width(ui.available_width().min(480.0))
        .selected_text(signer_label(&report.signer))
        .show_ui(ui, |ui| {
            for s in &project.organisation.signers {
                if ui
                    .selectable_label(s.id == report.signer, signer_label(&s.id))
                    .clicked()
                {
                    out.push(Command::Edit(Edit::ReportSigner {
                        report: rid.clone(),
                        signer: s.id.clone(),
                    }));
                }
            }
        })
        .response
        .accessible_name("Người ký");
    ui.add_space(8.0);
    if let Some(t) = list_field(
        ui,
        "Nơi nhận (mỗi nơi một dòng; dòng “- Lưu: …” được thêm tự động)",
        "Sở Khoa học và Công nghệ (b/c)",
        &report.distribution,
        5,
    ) {
        out.push(Command::Edit(Edit::ReportText {
            report: rid,
            field: ReportText::Distribution,
            text: t,
        }));
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("goi-y-ky")
        .show(ui, |ui| {
            phrase_buttons(
                ui,
                "Câu kết gợi ý — bấm để dùng",
                chips
                    .header
                    .iter()
                    .filter(|c| phrase_target(&c.phrase) == PhraseTarget::Closing),
                |c| {
                    out.push(Command::Edit(Edit::ReportText {
                        report: report.id.clone(),
                        field: ReportText::Closing,
                        text: c.shown.clone(),
                    }));
                },
            );
            phrase_buttons(
                ui,
                "Nơi nhận thường dùng — bấm để thêm",
                chips.signature,
                |c| {
                    out.push(Command::Edit(Edit::ReportText {
                        report: report.id.clone(),
                        field: ReportText::Distribution,
                        text: super::editor::insert_line(
                            &report.distribution.join("\n"),
                            None,
                            &c.shown,
                        ),
                    }));
                },
            );
        });
}

/// Xem lại và xuất.
/// The signature and seal images of the sign-ready version (Decree 30, Appendix I
/// part II): which files, and buttons to choose or drop them.
fn signing_images(
    ui: &mut egui::Ui,
    signing: &crate::model::SigningImages,
    out: &mut Vec<Command>,
) {
    let name = |p: &Option<String>| p.clone().unwrap_or_else(|| "chưa chọn".to_owned());
    ui.label(format!(
        "Bản ký số: ảnh chữ ký (màu xanh, nền trong suốt): {}; ảnh con dấu (màu đỏ, đúng kích thước): {}.",
        name(&signing.signature_image),
        name(&signing.seal_image)
    ));
    ui.horizontal(|ui| {
        if ui.button("Chọn ảnh chữ ký…").clicked() {
            out.push(Command::ChooseSigningImage(ImageKind::Signature));
        }
        if ui.button("Chọn ảnh con dấu…").clicked() {
            out.push(Command::ChooseSigningImage(ImageKind::Seal));
        }
        if !signing.is_unset() && ui.button("Bỏ ảnh").clicked() {
            out.push(Command::Edit(Edit::SigningImages(Default::default())));
        }
    });
}

pub fn show_review(
    ui: &mut egui::Ui,
    report: &Report,
    signing: &crate::model::SigningImages,
    derived: &crate::session::Derived,
    out: &mut Vec<Command>,
) {
    ui.heading(Step::XuatBan.label());
    ui.label(&guide(Step::XuatBan).guidance);
    ui.separator();
    let mut indicators = report.appendices.indicators;
    let mut tasks = report.appendices.tasks;
    let a = ui.checkbox(
        &mut indicators,
        "Kèm Phụ lục kết quả thực hiện các chỉ tiêu",
    );
    let b = ui.checkbox(&mut tasks, "Kèm Phụ lục tiến độ thực hiện các nhiệm vụ");
    if a.changed() || b.changed() {
        out.push(Command::Edit(Edit::Appendices {
            report: report.id.clone(),
            indicators,
            tasks,
        }));
    }
    ui.add_space(8.0);
    let draft = derived.rendered.as_ref().is_ok_and(|r| r.draft);
    ui.label(if draft {
        "Báo cáo chưa được duyệt (hoặc đã sửa sau khi duyệt): bản xuất mang dấu DỰ THẢO."
    } else {
        "Báo cáo đã được duyệt: bản xuất không có dấu DỰ THẢO."
    });
    ui.horizontal(|ui| {
        if ui.button("Xuất PDF…").clicked() {
            out.push(Command::ExportPdf);
        }
        if ui.button("In…").clicked() {
            out.push(Command::Print);
        }
        if !draft && ui.button("Xuất bản ký số…").clicked() {
            out.push(Command::ExportSignReady);
        }
    });
    signing_images(ui, signing, out);
    ui.add_space(8.0);
    if let Ok(r) = &derived.rendered {
        ui.label(format!("Báo cáo gồm {} trang.", r.pages.pages.len()));
    }
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.label("Soát lỗi tiếng Việt:");
        for rule in crate::model::ProofRule::ALL {
            let mut on = !report.proofing.off.contains(&rule);
            if ui.checkbox(&mut on, rule.label()).changed() {
                let mut off: Vec<_> = report
                    .proofing
                    .off
                    .iter()
                    .copied()
                    .filter(|r| *r != rule)
                    .collect();
                if !on {
                    off.push(rule);
                }
                out.push(Command::Edit(Edit::ProofingRules {
                    report: report.id.clone(),
                    off,
                }));
            }
        }
    });
    let problems = &derived.problems;
    if problems.is_empty() {
        ui.label("Không phát hiện vấn đề nào trong tệp.");
    } else {
        let count = |sev| problems.iter().filter(|p| p.severity == sev).count();
        use crate::check::Severity;
        ui.label(
            egui::RichText::new(format!(
                "Những điểm cần xem lại: {} lỗi, {} lưu ý, {} ghi chú",
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Note)
            ))
            .strong(),
        );
        egui::ScrollArea::vertical()
            .id_salt("van-de")
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (i, p) in problems.iter().enumerate() {
                    super::problem_list::problem_row(ui, report, i, p, out);
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_of_general_information_go_to_their_field() {
        assert_eq!(
            phrase_target("Sơ kết tình hình {kỳ}"),
            PhraseTarget::Summary
        );
        assert_eq!(
            phrase_target("Trên đây là Báo cáo …/."),
            PhraseTarget::Closing
        );
        assert_eq!(
            phrase_target("Thực hiện Công văn số …"),
            PhraseTarget::Opening
        );
        assert_eq!(
            phrase_target("Sở Khoa học và Công nghệ"),
            PhraseTarget::Recipients
        );
    }

    #[test]
    fn a_blank_number_is_a_draft_and_letters_are_refused() {
        assert_eq!(parse_doc_number(" "), Ok(None));
        assert_eq!(parse_doc_number("05"), Ok(Some(5)));
        assert!(parse_doc_number("5a").is_err());
        assert!(parse_doc_number("0").is_err());
    }

    #[test]
    fn dates_are_typed_day_month_year() {
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(
            parse_date("05/02/2026"),
            Ok(chrono::NaiveDate::from_ymd_opt(2026, 2, 5))
        );
        assert!(parse_date("31/02/2026").is_err());
        assert!(parse_date("2026-02-05").is_err());
    }
}
