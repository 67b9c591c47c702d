//! import, docx: the body of a Word document as the lines the report recogniser reads:
//! one line per paragraph (a manual line break starts another), with the heading
//! level, list level and marker Word gives and the runs' emphasis; tables as tables
//! (see `table`). What has no place in a report's text (images, text boxes, fields'
//! codes, tracked deletions, footnotes) is noted, never dropped silently.

use docx_rs::{
    DeleteChild, DocumentChild, DrawingData, InsertChild, MoveToChild, Paragraph, ParagraphChild,
    Run, RunChild, StructuredDataTagChild, Table,
};

use super::style::{self, CharStyles, Numbered, Styles};
use crate::import::text::{Hint, NoteKind, SourceLine};
use crate::model::rich::{Span, split_marker};

/// What a paragraph held besides its text.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Found {
    pub images: usize,
    pub text_boxes: usize,
    pub fields: bool,
    pub inserted: bool,
    pub deleted: bool,
    pub footnotes: usize,
    pub symbols: usize,
    pub hidden: bool,
}

/// The lines read so far and the notes on them (1-based line, kind, message).
pub(crate) struct Reader<'a> {
    pub styles: Styles<'a>,
    /// Emphasis of the document's character styles.
    pub chars: CharStyles,
    pub lines: Vec<SourceLine>,
    pub notes: Vec<(usize, NoteKind, String)>,
}

impl<'a> Reader<'a> {
    pub fn new(styles: Styles<'a>, chars: CharStyles) -> Self {
        Self {
            styles,
            chars,
            lines: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub(crate) fn note(&mut self, kind: NoteKind, message: String) {
        let line = self.lines.len().max(1);
        self.notes.push((line, kind, message));
    }

    /// Reads the children of the document body in order.
    pub fn body(&mut self, children: &[DocumentChild]) {
        for child in children {
            match child {
                DocumentChild::Paragraph(p) => self.paragraph(p),
                DocumentChild::Table(t) => self.table(t),
                DocumentChild::StructuredDataTag(tag) => {
                    for c in &tag.children {
                        match c {
                            StructuredDataTagChild::Paragraph(p) => self.paragraph(p),
                            StructuredDataTagChild::Table(t) => self.table(t),
                            _ => {}
                        }
                    }
                }
                DocumentChild::TableOfContents(_) => self.note(
                    NoteKind::Skipped,
                    "mục lục tự động của Word; bỏ qua (chương trình không in mục lục).".to_owned(),
                ),
                _ => {}
            }
        }
    }

    /// One paragraph: one line, or several when it has manual line breaks.
    pub fn paragraph(&mut self, p: &Paragraph) {
        let mut spans = Vec::new();
        let mut found = Found::default();
        paragraph_spans(&p.children, &self.chars, &mut spans, &mut found);
        let heading = self.styles.heading_level(p);
        let numbered = self.styles.numbering(p);
        let mut pieces = split_lines(spans);
        let first = pieces.first_mut();
        let hint = match (heading, numbered, first) {
            (Some(level), numbered, first) => {
                // A heading numbered by Word: its number goes before the text, where
                // the recogniser reads `a)` or `2.1.` as typed.
                if let (Some(Numbered { text: Some(n), .. }), Some(first)) = (numbered, first)
                    && heading_marker(&n)
                {
                    first.insert(
                        0,
                        Span {
                            text: format!("{n} "),
                            ..Span::default()
                        },
                    );
                }
                Hint::Heading(level)
            }
            (None, Some(n), _) => Hint::Item {
                level: n.level,
                marker: marker_of(&n),
            },
            (None, None, _) => Hint::None,
        };
        let mut hint = Some(hint);
        for spans in pieces {
            let text: String = spans.iter().map(|s| s.text.as_str()).collect();
            self.lines.push(SourceLine {
                text,
                hint: hint.take().unwrap_or_default(),
                spans,
            });
        }
        self.found_notes(&found);
    }

    /// Notes on what a paragraph held that is not text.
    fn found_notes(&mut self, f: &Found) {
        use NoteKind::{Changed, NotRecognised, Skipped};
        let mut add = |kind, message: &str| self.note(kind, message.to_owned());
        if f.images > 0 {
            add(
                NotRecognised,
                "đoạn có ảnh (hình vẽ, biểu đồ); ảnh không nhập được, hãy đính kèm riêng nếu cần.",
            );
        }
        if f.text_boxes > 0 {
            add(
                NotRecognised,
                "đoạn có hộp văn bản; chữ trong hộp chưa nhập, hãy chép tay nếu cần.",
            );
        }
        if f.fields {
            add(
                Changed,
                "đoạn có trường tự động của Word (số trang, ngày, tham chiếu); đã lấy chữ đang hiển thị.",
            );
        }
        if f.inserted {
            add(
                Changed,
                "đoạn có phần thêm đang theo dõi thay đổi (Xem lại › Theo dõi thay đổi); đã nhận phần thêm.",
            );
        }
        if f.deleted {
            add(
                Skipped,
                "đoạn có phần xóa đang theo dõi thay đổi (Xem lại › Theo dõi thay đổi); đã bỏ phần bị xóa.",
            );
        }
        if f.footnotes > 0 {
            add(
                NotRecognised,
                "đoạn có chú thích cuối trang; nội dung chú thích chưa nhập.",
            );
        }
        if f.symbols > 0 {
            add(
                Skipped,
                "đoạn có ký hiệu chèn bằng Chèn › Ký hiệu; bỏ qua ký hiệu đó.",
            );
        }
        if f.hidden {
            add(Skipped, "đoạn có chữ ẩn; bỏ qua phần chữ ẩn.");
        }
    }
}

/// Whether Word's number of a heading is one the recogniser reads (`IV.`, `2.`,
/// `2.1.`, `a)`); another (`(1)`, `Phần 1`) is left out rather than kept in the title.
fn heading_marker(n: &str) -> bool {
    let roman = n
        .strip_suffix('.')
        .is_some_and(|r| !r.is_empty() && r.chars().all(|c| "IVXLC".contains(c)));
    let decimal = n.ends_with('.')
        && n.split('.')
            .all(|p| p.is_empty() || (p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit())))
        && n.chars().any(|c| c.is_ascii_digit());
    let letter = n
        .strip_suffix(')')
        .is_some_and(|l| l.chars().count() == 1 && l.chars().all(char::is_lowercase));
    roman || decimal || letter
}

/// The marker a Word list item prints as in the section text format.
fn marker_of(n: &Numbered) -> String {
    if let Some(text) = &n.text
        && split_marker(&format!("{text} x")).is_some_and(|(m, _)| m == text)
    {
        return text.clone();
    }
    if let Some(text) = &n.text {
        // `1.2.` and other numbers the section format has no marker for.
        let last = text
            .trim_end_matches(['.', ')'])
            .rsplit('.')
            .next()
            .unwrap_or("");
        if !last.is_empty() && last.chars().all(|c| c.is_ascii_digit()) && last.len() <= 3 {
            return format!("{last}.");
        }
    }
    let written = n.bullet.as_deref().unwrap_or("").trim();
    match written {
        "-" | "–" | "—" => "-".to_owned(),
        "+" => "+".to_owned(),
        "*" => "*".to_owned(),
        "o" | "◦" | "○" | "\u{F06F}" => "+".to_owned(),
        _ => match n.level {
            1 => "-".to_owned(),
            2 => "+".to_owned(),
            _ => "•".to_owned(),
        },
    }
}

/// The spans of a paragraph's children, a manual line break as `\n`.
pub(crate) fn paragraph_spans(
    children: &[ParagraphChild],
    chars: &CharStyles,
    out: &mut Vec<Span>,
    f: &mut Found,
) {
    for child in children {
        match child {
            ParagraphChild::Run(r) => run_spans(r, chars, out, f),
            ParagraphChild::Hyperlink(h) => paragraph_spans(&h.children, chars, out, f),
            ParagraphChild::Insert(ins) => {
                f.inserted = true;
                for c in &ins.children {
                    if let InsertChild::Run(r) = c {
                        run_spans(r, chars, out, f);
                    }
                }
            }
            ParagraphChild::Delete(del) => {
                f.deleted |= del
                    .children
                    .iter()
                    .any(|c| matches!(c, DeleteChild::Run(_)));
            }
            ParagraphChild::MoveFrom(_) => f.deleted = true,
            ParagraphChild::MoveTo(m) => {
                f.inserted = true;
                for c in &m.children {
                    if let MoveToChild::Run(r) = c {
                        run_spans(r, chars, out, f);
                    }
                }
            }
            ParagraphChild::StructuredDataTag(tag) => {
                for c in &tag.children {
                    if let StructuredDataTagChild::Run(r) = c {
                        run_spans(r, chars, out, f);
                    }
                }
            }
            ParagraphChild::PageNum(_) | ParagraphChild::NumPages(_) => f.fields = true,
            _ => {}
        }
    }
}

fn run_spans(run: &Run, chars: &CharStyles, out: &mut Vec<Span>, f: &mut Found) {
    let rp = &run.run_property;
    if style::hidden(rp) {
        f.hidden = true;
        return;
    }
    let (bold, italic, underline) = style::emphasis(rp, chars);
    let mut push = |text: &str| {
        out.push(Span {
            text: text.to_owned(),
            bold,
            italic,
            underline,
        })
    };
    for c in &run.children {
        match c {
            RunChild::Text(t) => push(&t.text),
            RunChild::Tab(_) | RunChild::PTab(_) => push("\t"),
            RunChild::Break(_) | RunChild::CarriageReturn(_) => push("\n"),
            RunChild::Sym(_) => f.symbols += 1,
            RunChild::DeleteText(_) | RunChild::DeleteInstrText(_) => f.deleted = true,
            RunChild::FieldChar(_) | RunChild::InstrText(_) | RunChild::InstrTextString(_) => {
                f.fields = true
            }
            RunChild::FootnoteReference(_) => f.footnotes += 1,
            RunChild::Drawing(d) => match d.data {
                Some(DrawingData::TextBox(_)) => f.text_boxes += 1,
                _ => f.images += 1,
            },
            RunChild::Shape(_) => f.images += 1,
            _ => {}
        }
    }
}

/// The spans split at manual line breaks (always at least one, maybe empty, piece).
fn split_lines(spans: Vec<Span>) -> Vec<Vec<Span>> {
    let mut out = vec![Vec::new()];
    for s in spans {
        let mut parts = s.text.split('\n').peekable();
        while let Some(part) = parts.next() {
            if !part.is_empty()
                && let Some(last) = out.last_mut()
            {
                last.push(Span {
                    text: part.to_owned(),
                    ..s.clone()
                });
            }
            if parts.peek().is_some() {
                out.push(Vec::new());
            }
        }
    }
    out
}

/// The plain text of a paragraph (tracked deletions left out, line breaks as spaces).
pub(crate) fn paragraph_text(p: &Paragraph) -> String {
    paragraph_lines(&p.children).replace('\n', " ")
}

/// The plain text of a paragraph's children, a manual line break as `\n`, a tab as a
/// space (tracked deletions left out).
pub(crate) fn paragraph_lines(children: &[ParagraphChild]) -> String {
    let mut spans = Vec::new();
    paragraph_spans(
        children,
        &CharStyles::new(),
        &mut spans,
        &mut Found::default(),
    );
    spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<String>()
        .replace('\t', " ")
}

impl Reader<'_> {
    /// A table: a layout table (header block, signature) becomes lines, any other a
    /// table in the section text format.
    pub fn table(&mut self, t: &Table) {
        super::table::read_nested(self, t, 1);
    }
}
