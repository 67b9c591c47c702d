//! import, text: recognises the plain text of a report (pasted from Word or read from
//! a `.txt` file) as a report: the header block, title and summary, the numbered
//! section tree with each section's text in the section text format (`model::rich`),
//! the closing sentence, `Nơi nhận` and the signature block.
//!
//! Pure: text in, [`Recognised`] out, no I/O and no window. Nothing is dropped
//! silently: every line ends up in the result or in a [`Note`] that quotes it.
//! [`into_report`] then makes a [`crate::model::Report`] of it for a project.

pub(crate) mod appendix;
mod body;
mod front;
mod lines;
mod outline;
mod period;
pub mod preview;
mod report;
mod roles;
mod tail;

use chrono::NaiveDate;

use crate::model::{Period, Section};

pub use lines::{Hint, SourceLine};

pub use period::period_named;
pub use report::{document_differences, into_report};

/// What the recogniser found in the text of a report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recognised {
    /// The number in `Số: 05/BC-UBND`; `None` when blank.
    pub number: Option<u32>,
    /// The issuing body's code in the number (`UBND` in `05/BC-UBND`).
    pub doc_code: Option<String>,
    /// The date of the date line, when day and month are written and exist.
    pub date: Option<NaiveDate>,
    /// The year of the date line, also when day and month are blank.
    pub year: Option<i32>,
    /// The place of the date line (`Nam Thanh Miện`).
    pub place: Option<String>,
    /// Lines of the header block naming the agency (`UBND THÀNH PHỐ HẢI PHÒNG`,
    /// `ỦY BAN NHÂN DÂN`, `XÃ NAM THANH MIỆN`), kept as metadata.
    pub organisation_lines: Vec<String>,
    /// The document title (`BÁO CÁO`).
    pub title: Option<String>,
    /// The summary (trích yếu), its lines joined by spaces.
    pub summary: String,
    /// `Kính gửi` recipients.
    pub recipients: Vec<String>,
    /// Text between the summary and the first heading, in the section text format.
    pub opening: String,
    /// The section tree; bodies in the section text format. Ids `s1`, `s1-2`, …
    pub sections: Vec<Section>,
    /// The closing sentence (`Trên đây là …`), one paragraph per line.
    pub closing: String,
    /// `Nơi nhận` entries without their dash and final `;`, without the archive line.
    pub distribution: Vec<String>,
    /// The archive line's content (`VT, VH-XH` from `- Lưu: VT, VH-XH.`).
    pub archive: Option<String>,
    /// The signature block as written (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`,
    /// `PHÓ CHỦ TỊCH`, …), the signer's name last.
    pub signer_lines: Vec<String>,
    /// The reporting period the summary (or the closing) names, if any.
    pub period: Option<Period>,
    /// What was not recognised, skipped or changed, in line order.
    pub notes: Vec<Note>,
}

impl Recognised {
    /// True when no report content was found (no section, opening or closing).
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty() && self.opening.trim().is_empty() && self.closing.is_empty()
    }
}

/// How a note bears on the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// The line was not recognised; the note quotes it, or says where it went.
    NotRecognised,
    /// The program prints this itself (national title, motto, rules); left out.
    Skipped,
    /// Taken, but changed: joined, moved to another level, renumbered.
    Changed,
}

/// Something about one line of the text that the clerk should know, in Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// 1-based line of the text; 0 for the text as a whole.
    pub line: usize,
    /// Whether the line was left out, skipped or changed.
    pub kind: NoteKind,
    /// What happened, as a sentence without the line number.
    pub message: String,
}

impl Note {
    /// A note about `line`.
    pub fn new(line: usize, kind: NoteKind, message: String) -> Self {
        Self {
            line,
            kind,
            message,
        }
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}", crate::vi::capitalise(&self.message))
        } else {
            write!(f, "Dòng {}: {}", self.line, self.message)
        }
    }
}

/// Recognises the text of a report. Never fails: what it cannot place is noted.
pub fn recognise(text: &str) -> Recognised {
    recognise_split(&lines::split(text), &page_starts(text))
}

/// Recognises the lines of a document (a Word file) with what the document says about
/// them: heading levels, list levels and markers, emphasis and tables are taken as
/// given; the rest (header block, title, summary, `Nơi nhận`, signature, headings
/// typed as text) is read by the same rules as plain text. A note's line is the
/// 1-based index of the line in `source`.
pub fn recognise_lines(source: Vec<SourceLine>) -> Recognised {
    recognise_split(&lines::from_source(source), &[])
}

fn recognise_split(all: &[Line], page_starts: &[usize]) -> Recognised {
    let mut rec = Recognised::default();
    let mut notes = Vec::new();
    let kept = without_page_numbers(all, page_starts, &mut notes);
    let lines = kept.as_slice();
    let body_from = front::read(lines, &mut rec, &mut notes);
    let (closing_at, end_at) = tail::find(lines, body_from);
    let body_to = closing_at.unwrap_or(end_at);
    let (opening, sections) = outline::read(&lines[body_from..body_to.max(body_from)], &mut notes);
    rec.opening = opening;
    rec.sections = sections;
    if let Some(c) = closing_at {
        rec.closing = tail::closing(&lines[c..end_at]);
    }
    tail::read(&lines[end_at.min(lines.len())..], &mut rec, &mut notes);
    roles::assign(&mut rec.sections);
    rec.period = [
        &rec.summary,
        &rec.title.clone().unwrap_or_default(),
        &rec.closing,
    ]
    .into_iter()
    .find_map(|t| period_named(t));
    if rec.is_empty() {
        let message = if lines.iter().all(Line::is_blank) {
            "văn bản trống, không có gì để nhập."
        } else {
            "không tìm thấy nội dung báo cáo: không có đề mục (I., II., 1., 2., …), đoạn mở đầu hay câu kết."
        };
        notes.push(Note::new(0, NoteKind::NotRecognised, message.to_owned()));
    } else if rec.sections.is_empty() {
        notes.push(Note::new(
            0,
            NoteKind::NotRecognised,
            "không tìm thấy đề mục nào (I., II., 1., 2., …); toàn bộ nội dung nằm ở đoạn mở đầu."
                .to_owned(),
        ));
    }
    notes.sort_by_key(|n| n.line);
    rec.notes = notes;
    rec
}

use lines::Line;

/// The 1-based numbers of the lines that start a page of `text`: the line after each
/// form feed (pdftotext ends every page with one), counted as [`lines::split`] does.
fn page_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut no = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !matches!(
            c,
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        ) {
            continue;
        }
        if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
        }
        no += 1;
        if c == '\u{0C}' {
            out.push(no);
        }
    }
    out
}

/// The lines without the page numbers that head the pages (`2`, `- 2 -`, `Trang 2`,
/// the first line with text after a form feed), as the text of a printed or PDF report
/// has them; each left out is noted. A number elsewhere (a table cell on a line of
/// its own) is kept.
fn without_page_numbers(lines: &[Line], page_starts: &[usize], notes: &mut Vec<Note>) -> Vec<Line> {
    let mut kept = Vec::with_capacity(lines.len());
    let mut page_top = false;
    for line in lines {
        page_top |= page_starts.contains(&line.no);
        if line.is_blank() {
            kept.push(line.clone());
            continue;
        }
        let top = std::mem::take(&mut page_top);
        if top && line.hint == Hint::None && line.tabs == 0 && is_page_number(&line.text) {
            notes.push(Note::new(
                line.no,
                NoteKind::Skipped,
                format!(
                    "“{}” là số trang của bản in; bỏ qua (chương trình tự đánh số trang).",
                    line.text.trim()
                ),
            ));
            continue;
        }
        kept.push(line.clone());
    }
    kept
}

/// `2`, `- 2 -`, `Trang 2`, `2/5`: a page number as printed, from 1 to 999.
fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    let t = t
        .strip_prefix("Trang ")
        .or_else(|| t.strip_prefix("trang "))
        .unwrap_or(t);
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let number = t.split_once('/').map_or(t, |(n, _)| n);
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit());
    let of = t.split_once('/').is_none_or(|(_, total)| all_digits(total));
    all_digits(number) && of && !number.trim_start_matches('0').is_empty()
}

#[cfg(test)]
mod tests;
