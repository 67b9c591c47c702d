//! ui: "Dán văn bản có cấu trúc": text pasted from Word or a .txt into a section is
//! recognised (headings, list levels, Word bullets, lead lines, tab-separated tables,
//! the header block and Nơi nhận of a whole report) and shown before anything is
//! added; the clerk pastes it structured, as typed, or not at all. One Ctrl+Z undoes
//! it.

use eframe::egui;

use super::command::Command;
use crate::edit::Edit;
use crate::import::text::{self, NoteKind, Recognised};
use crate::model::{Project, Report, Section};

/// A paste waiting for the clerk's choice.
pub struct PasteState {
    pub section: String,
    /// The cursor (characters) in the section's text when pasting.
    pub cursor: Option<usize>,
    pub raw: String,
    pub rec: Recognised,
    /// Print the project's header and signature words rather than the document's.
    pub project_words: bool,
}

impl PasteState {
    /// The recognised structure of `raw` pasted at `cursor` of `section`, when it has
    /// any worth showing (a heading, a Word bullet or tab, a table, a lead line, the
    /// parts of a whole report); `None` for plain lines, which paste as they are.
    pub fn of_paste(section: &str, cursor: Option<usize>, raw: &str) -> Option<Self> {
        let lines = raw.lines().filter(|l| !l.trim().is_empty()).count();
        if lines < 2 {
            return None;
        }
        let rec = text::recognise(raw);
        let plain: Vec<String> = raw
            .lines()
            .map(|l| crate::vi::nfc(l.trim()))
            .filter(|l| !l.is_empty())
            .collect();
        let recognised: Vec<String> = rec
            .opening
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let structured = !rec.sections.is_empty()
            || whole_report(&rec)
            || recognised != plain
            || raw.contains('\t');
        structured.then(|| Self {
            section: section.to_owned(),
            cursor,
            raw: raw.to_owned(),
            rec,
            project_words: false,
        })
    }
}

/// The text is a whole report (title, summary, signature or several top sections).
fn whole_report(rec: &Recognised) -> bool {
    rec.title.is_some()
        || !rec.summary.trim().is_empty()
        || !rec.signer_lines.is_empty()
        || rec.sections.len() >= 2
}

fn outline(ui: &mut egui::Ui, sections: &[Section]) {
    for row in text::preview::outline(sections) {
        ui.horizontal(|ui| {
            ui.add_space(row.depth as f32 * 14.0);
            ui.label(row.title.trim());
        });
    }
}

/// Draws the dialog; returns true when it should close.
pub fn show(
    ctx: &egui::Context,
    project: &Project,
    report: &Report,
    paste: &mut PasteState,
    out: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    let whole = whole_report(&paste.rec);
    egui::Window::new("Dán văn bản có cấu trúc")
        .collapsible(false)
        .resizable(true)
        .default_width(720.0)
        .show(ctx, |ui| {
            let rec = &paste.rec;
            let c = text::preview::counts(rec);
            ui.label(format!(
                "Nhận dạng được: {} mục có đề mục, {} ý liệt kê ({} ý ở cấp 2 trở xuống), {} bảng, {} dòng dẫn.",
                c.sections, c.items, c.deep, c.tables, c.leads
            ));
            if whole {
                let mut facts = Vec::new();
                if rec.title.is_some() {
                    facts.push("tên loại “BÁO CÁO”".to_owned());
                }
                if !rec.summary.trim().is_empty() {
                    facts.push(format!("trích yếu “{}”", rec.summary.trim()));
                }
                if !rec.distribution.is_empty() {
                    facts.push(format!("{} nơi nhận", rec.distribution.len()));
                }
                if let Some(name) = rec.signer_lines.last() {
                    facts.push(format!("người ký {name}"));
                }
                if !facts.is_empty() {
                    ui.label(format!(
                        "Phần đầu và cuối văn bản (không đưa vào nội dung): {}.",
                        facts.join(", ")
                    ));
                }
            }
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .id_salt("xem-truoc-dan")
                .show(ui, |ui| {
                    outline(ui, &rec.sections);
                    if !rec.opening.trim().is_empty() {
                        ui.separator();
                        ui.label(egui::RichText::new(rec.opening.trim()).weak());
                    }
                });
            let notes: Vec<String> = rec
                .notes
                .iter()
                .filter(|n| !(n.line == 0 && n.kind == NoteKind::NotRecognised && !whole))
                .map(ToString::to_string)
                .collect();
            if !notes.is_empty() {
                ui.separator();
                ui.label(egui::RichText::new("Cần xem lại").strong());
                egui::ScrollArea::vertical()
                    .max_height(120.0)
                    .id_salt("luu-y-dan")
                    .show(ui, |ui| {
                        for n in &notes {
                            ui.label(n);
                        }
                    });
            }
            if whole {
                let (with, _) =
                    text::into_report(&paste.rec, report.id.clone(), report.period, project);
                let differences = text::document_differences(&with, project);
                super::document_words::choice(ui, &differences, &mut paste.project_words);
            }
            ui.separator();
            let has_content = report.all_sections().iter().any(|s| !s.body.trim().is_empty());
            if whole && has_content {
                ui.colored_label(
                    egui::Color32::from_rgb(0xb0, 0x60, 0x00),
                    "Các mục hiện có của báo cáo sẽ được thay bằng văn bản đã dán (Ctrl+Z để lấy lại).",
                );
            }
            ui.horizontal(|ui| {
                let structured = if whole {
                    "Thay nội dung báo cáo bằng văn bản đã dán"
                } else {
                    "Dán theo cấu trúc"
                };
                if ui.button(structured).clicked() {
                    out.push(Command::SealTyping);
                    out.push(Command::Edit(structured_edit(project, report, paste, whole)));
                    out.push(Command::SealTyping);
                    close = true;
                }
                if ui.button("Dán nguyên văn").clicked() {
                    out.push(Command::SealTyping);
                    out.push(Command::Edit(Edit::PasteIntoSection {
                        report: report.id.clone(),
                        section: paste.section.clone(),
                        cursor: paste.cursor,
                        body: paste.raw.replace("\r\n", "\n"),
                        children: Vec::new(),
                    }));
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

fn structured_edit(project: &Project, report: &Report, paste: &PasteState, whole: bool) -> Edit {
    if whole {
        let (mut with, _) =
            text::into_report(&paste.rec, report.id.clone(), report.period, project);
        if paste.project_words {
            with.document_words = None;
        }
        Edit::ReplaceReportContent {
            report: report.id.clone(),
            with: Box::new(with),
        }
    } else {
        Edit::PasteIntoSection {
            report: report.id.clone(),
            section: paste.section.clone(),
            cursor: paste.cursor,
            body: paste.rec.opening.clone(),
            children: paste.rec.sections.clone(),
        }
    }
}
