//! import, docx: the paragraphs of a returned Word file in document order, each with
//! its text as the leader left it (tracked insertions kept, deletions removed), its
//! text before the tracked changes, and the revisions Track Changes recorded (`w:ins`,
//! `w:del`, moves) with author and date. Read by `changes` to find the leader's edits.

use chrono::NaiveDateTime;
use docx_rs::{
    DeleteChild, DocumentChild, InsertChild, MoveFromChild, MoveToChild, Paragraph, ParagraphChild,
    Run, RunChild, StructuredDataTagChild,
};

use crate::vi;

/// A change Track Changes recorded in a paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    /// Inserted (`w:ins`), or deleted (`w:del`).
    pub inserted: bool,
    pub author: String,
    pub at: Option<NaiveDateTime>,
    pub text: String,
}

/// A paragraph of the Word file's body, in document order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WordParagraph {
    /// The text as the leader left it: tracked insertions kept, deletions removed.
    pub text: String,
    /// The text before the tracked changes: deletions kept, insertions removed.
    pub before: String,
    pub revisions: Vec<Revision>,
}

/// The paragraphs of the document body outside tables (tables are the program's own
/// or imported as tables), empty ones left out; texts NFC, spaces collapsed.
pub fn word_paragraphs(docx: &docx_rs::Docx) -> Vec<WordParagraph> {
    let mut out = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => push_paragraph(p, &mut out),
            DocumentChild::StructuredDataTag(tag) => {
                for c in &tag.children {
                    if let StructuredDataTagChild::Paragraph(p) = c {
                        push_paragraph(p, &mut out);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn push_paragraph(p: &Paragraph, out: &mut Vec<WordParagraph>) {
    let mut w = WordParagraph::default();
    walk(&p.children, &mut w);
    w.text = tidy(&w.text);
    w.before = tidy(&w.before);
    if !w.text.is_empty() || !w.before.is_empty() {
        out.push(w);
    }
}

/// NFC, whitespace runs as one space, trimmed.
pub(crate) fn tidy(text: &str) -> String {
    vi::nfc(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The time Word wrote (`2026-07-01T09:30:00Z`), as written (Word writes local time).
pub(super) fn word_time(date: &str) -> Option<NaiveDateTime> {
    let d = date.trim().trim_end_matches('Z');
    let d = d.get(..19).unwrap_or(d);
    NaiveDateTime::parse_from_str(d, "%Y-%m-%dT%H:%M:%S").ok()
}

/// Which text a run's words go to.
#[derive(Clone, Copy)]
enum Side {
    Both,
    After,
    Before,
}

fn walk(children: &[ParagraphChild], w: &mut WordParagraph) {
    for child in children {
        match child {
            ParagraphChild::Run(r) => run(r, Side::Both, w),
            ParagraphChild::Hyperlink(h) => walk(&h.children, w),
            ParagraphChild::StructuredDataTag(tag) => {
                for c in &tag.children {
                    if let StructuredDataTagChild::Run(r) = c {
                        run(r, Side::Both, w);
                    }
                }
            }
            ParagraphChild::Insert(ins) => {
                let start = w.text.len();
                for c in &ins.children {
                    if let InsertChild::Run(r) = c {
                        run(r, Side::After, w);
                    }
                }
                let added = w.text.get(start..).unwrap_or("").to_owned();
                revision(true, &ins.author, &ins.date, &added, w);
            }
            ParagraphChild::Delete(del) => {
                let start = w.before.len();
                for c in &del.children {
                    if let DeleteChild::Run(r) = c {
                        run(r, Side::Before, w);
                    }
                }
                let added = w.before.get(start..).unwrap_or("").to_owned();
                revision(false, &del.author, &del.date, &added, w);
            }
            ParagraphChild::MoveFrom(m) => {
                let start = w.before.len();
                for c in &m.children {
                    if let MoveFromChild::Run(r) = c {
                        run(r, Side::Before, w);
                    }
                }
                let added = w.before.get(start..).unwrap_or("").to_owned();
                revision(false, &m.author, &m.date, &added, w);
            }
            ParagraphChild::MoveTo(m) => {
                let start = w.text.len();
                for c in &m.children {
                    if let MoveToChild::Run(r) = c {
                        run(r, Side::After, w);
                    }
                }
                let added = w.text.get(start..).unwrap_or("").to_owned();
                revision(true, &m.author, &m.date, &added, w);
            }
            _ => {}
        }
    }
}

fn revision(inserted: bool, author: &str, date: &str, text: &str, w: &mut WordParagraph) {
    let text = tidy(text);
    if text.is_empty() {
        return;
    }
    w.revisions.push(Revision {
        inserted,
        author: vi::nfc(author.trim()),
        at: word_time(date),
        text,
    });
}

fn run(r: &Run, into: Side, w: &mut WordParagraph) {
    if super::style::hidden(&r.run_property) {
        return;
    }
    let mut push = |t: &str, deleted: bool| {
        let (after, before) = match (into, deleted) {
            (Side::Before, _) | (Side::Both, true) => (false, true),
            (Side::After, _) => (true, false),
            (Side::Both, false) => (true, true),
        };
        if after {
            w.text.push_str(t);
        }
        if before {
            w.before.push_str(t);
        }
    };
    for c in &r.children {
        match c {
            RunChild::Text(t) => push(&t.text, false),
            RunChild::Tab(_) | RunChild::PTab(_) | RunChild::Break(_) => push(" ", false),
            RunChild::CarriageReturn(_) => push(" ", false),
            RunChild::DeleteText(d) => {
                // docx-rs keeps a deleted text's words private: read through serde.
                let text = serde_json::to_value(d)
                    .ok()
                    .and_then(|v| v.get("text").and_then(|t| t.as_str().map(str::to_owned)));
                if let Some(t) = text {
                    push(&t, true);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{Delete, Insert};

    #[test]
    fn a_paragraph_reads_as_left_and_as_before_with_its_revisions() {
        let p = Paragraph::new()
            .add_run(Run::new().add_text("Đã cấp "))
            .add_delete(
                Delete::new()
                    .author("Lê Văn Tâm")
                    .date("2026-07-02T08:15:00Z")
                    .add_run(Run::new().add_delete_text("120")),
            )
            .add_insert(
                Insert::new(Run::new().add_text("125"))
                    .author("Lê Văn Tâm")
                    .date("2026-07-02T08:16:00Z"),
            )
            .add_run(Run::new().add_text("  hồ sơ."));
        let mut out = Vec::new();
        push_paragraph(&p, &mut out);
        let w = &out[0];
        assert_eq!(w.text, "Đã cấp 125 hồ sơ.");
        assert_eq!(w.before, "Đã cấp 120 hồ sơ.");
        assert_eq!(w.revisions.len(), 2);
        assert!(!w.revisions[0].inserted && w.revisions[0].text == "120");
        assert!(w.revisions[1].inserted && w.revisions[1].author == "Lê Văn Tâm");
        assert_eq!(
            w.revisions[1].at.map(|t| t.format("%H:%M").to_string()),
            Some("08:16".to_owned())
        );
    }

    #[test]
    fn word_times_are_read_as_written() {
        assert!(word_time("2026-07-01T09:30:00Z").is_some());
        assert!(word_time("hôm qua").is_none());
    }
}
