//! import, docx: comments a reviewer wrote in Word, placed as review comments on the
//! section and paragraph of the report whose text they were written on. The text of
//! the commented paragraph is compared with the report's headings and paragraphs,
//! ignoring emphasis markers, list markers, heading numbers, case and diacritics.
//! Nothing is added here: the result lists what would be added and what could not be
//! placed, for the clerk to confirm.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use docx_rs::{
    Comment as WordComment, CommentChild, DocumentChild, Paragraph, ParagraphChild, RunChild,
    StructuredDataTagChild, Table, TableCellContent, TableChild, TableRowChild,
};

use super::body::paragraph_text;
use crate::import::fold;
use crate::model::rich::{self, split_marker};
use crate::model::{Comment, Reply, Report, ReviewRole};
use crate::review;

/// Shortest text compared by containment (shorter texts must match whole).
const MIN_CONTAINED: usize = 12;

/// A Word comment placed on the report.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedComment {
    /// The review comment to add (its replies from Word included).
    pub comment: Comment,
    /// The text of the paragraph it was written on, as Word shows it.
    pub quoted: String,
}

/// A Word comment that could not be placed.
#[derive(Clone, Debug, PartialEq)]
pub struct UnplacedComment {
    pub author: String,
    pub text: String,
    /// The commented text, as Word shows it.
    pub quoted: String,
    /// Why, in Vietnamese.
    pub reason: String,
}

/// What importing the comments of a Word file onto a report would do.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CommentImport {
    pub report: String,
    pub placed: Vec<PlacedComment>,
    pub unplaced: Vec<UnplacedComment>,
}

/// A comment as found in the document: the Word comment, the paragraph its range
/// starts in, and the commented text.
struct Found {
    word: WordComment,
    paragraph: String,
    quoted: String,
}

/// Walks the body in order and collects every comment's range.
#[derive(Default)]
struct Walk {
    found: BTreeMap<usize, Found>,
    order: Vec<usize>,
    open: Vec<usize>,
    /// A range opened between paragraphs starts in the next one.
    pending: Vec<WordComment>,
}

impl Walk {
    fn start(&mut self, c: &WordComment, paragraph: &str) {
        if self.found.contains_key(&c.id) {
            return;
        }
        self.order.push(c.id);
        self.open.push(c.id);
        self.found.insert(
            c.id,
            Found {
                word: c.clone(),
                paragraph: paragraph.to_owned(),
                quoted: String::new(),
            },
        );
    }

    /// Ends a range (docx-rs keeps the end's id private: read through serde).
    fn end(&mut self, e: &docx_rs::CommentRangeEnd) {
        let id = serde_json::to_value(e)
            .ok()
            .and_then(|v| v.get("id").and_then(serde_json::Value::as_u64))
            .and_then(|v| usize::try_from(v).ok());
        if let Some(id) = id {
            self.open.retain(|&o| o != id);
        }
    }

    fn text(&mut self, t: &str) {
        for id in &self.open {
            if let Some(f) = self.found.get_mut(id) {
                f.quoted.push_str(t);
            }
        }
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let whole = paragraph_text(p);
        for c in std::mem::take(&mut self.pending) {
            self.start(&c, &whole);
        }
        self.children(&p.children, &whole);
        self.text(" ");
    }

    fn children(&mut self, children: &[ParagraphChild], whole: &str) {
        for child in children {
            match child {
                ParagraphChild::CommentStart(c) => self.start(&c.comment, whole),
                ParagraphChild::CommentEnd(e) => self.end(e),
                ParagraphChild::Run(r) => {
                    for rc in &r.children {
                        match rc {
                            RunChild::Text(t) => self.text(&t.text),
                            RunChild::Tab(_) => self.text(" "),
                            RunChild::CommentStart(c) => self.start(&c.comment, whole),
                            RunChild::CommentEnd(e) => self.end(e),
                            _ => {}
                        }
                    }
                }
                ParagraphChild::Hyperlink(h) => self.children(&h.children, whole),
                _ => {}
            }
        }
    }

    fn table(&mut self, t: &Table) {
        for TableChild::TableRow(row) in &t.rows {
            for TableRowChild::TableCell(cell) in &row.cells {
                for c in &cell.children {
                    match c {
                        TableCellContent::Paragraph(p) => self.paragraph(p),
                        TableCellContent::Table(inner) => self.table(inner),
                        _ => {}
                    }
                }
            }
        }
    }

    fn body(&mut self, children: &[DocumentChild]) {
        for child in children {
            match child {
                DocumentChild::Paragraph(p) => self.paragraph(p),
                DocumentChild::Table(t) => self.table(t),
                DocumentChild::CommentStart(c) => self.pending.push(c.comment.clone()),
                DocumentChild::CommentEnd(e) => self.end(e),
                DocumentChild::StructuredDataTag(tag) => {
                    for c in &tag.children {
                        match c {
                            StructuredDataTagChild::Paragraph(p) => self.paragraph(p),
                            StructuredDataTagChild::Table(t) => self.table(t),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Text compared: without a list marker or heading number, folded.
fn key(text: &str) -> String {
    let t = text.trim();
    let t = split_marker(t).map_or(t, |(_, body)| body);
    let t = strip_number(t);
    fold(t)
}

/// `I. `, `2.1. `, `a) ` at the start of a heading.
fn strip_number(t: &str) -> &str {
    let head: String = t.chars().take_while(|c| !c.is_whitespace()).collect();
    let numberish = !head.is_empty()
        && head.len() <= 8
        && (head.ends_with('.') || head.ends_with(')'))
        && head
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || "IVXLC".contains(c) || c.is_lowercase());
    if numberish && head.chars().count() <= 6 {
        t[head.len()..].trim_start()
    } else {
        t
    }
}

/// A place a comment can go: section, paragraph (`None`: the heading), its key.
struct Target {
    section: String,
    paragraph: Option<usize>,
    key: String,
}

fn targets(report: &Report) -> Vec<Target> {
    let mut out = Vec::new();
    for s in report.all_sections() {
        out.push(Target {
            section: s.id.clone(),
            paragraph: None,
            key: key(&s.title),
        });
        for (i, p) in review::paragraphs(&s.body).into_iter().enumerate() {
            let mut notes = Vec::new();
            let plain = if p.starts_with('|') {
                p.replace('|', " ")
            } else {
                let (marker, body) = split_marker(p).unwrap_or(("", p));
                let _ = marker;
                rich::plain(body, 1, &mut notes)
            };
            out.push(Target {
                section: s.id.clone(),
                paragraph: Some(i),
                key: key(&plain),
            });
        }
    }
    out
}

/// The time Word wrote (`2026-07-01T09:30:00Z`), as written (Word writes local time).
fn word_time(date: &str) -> Option<NaiveDateTime> {
    let d = date.trim().trim_end_matches('Z');
    let d = d.get(..19).unwrap_or(d);
    NaiveDateTime::parse_from_str(d, "%Y-%m-%dT%H:%M:%S").ok()
}

fn comment_text(c: &WordComment) -> String {
    let parts: Vec<String> = c
        .children
        .iter()
        .filter_map(|ch| match ch {
            CommentChild::Paragraph(p) => Some(paragraph_text(p).trim().to_owned()),
            CommentChild::Table(_) => None,
        })
        .filter(|t| !t.is_empty())
        .collect();
    crate::vi::nfc(&parts.join("\n"))
}

/// Places the comments of `docx` on `report`; `now` stands for a comment without a
/// date. Replies written in Word become replies of the comment they answer.
pub fn place_comments(docx: &docx_rs::Docx, report: &Report, now: NaiveDateTime) -> CommentImport {
    let mut walk = Walk::default();
    walk.body(&docx.document.children);
    // Comments whose range Word did not mark in the body (rare): listed as unplaced.
    for c in docx.comments.inner() {
        if !walk.found.contains_key(&c.id) && c.parent_comment_id.is_none() {
            walk.order.push(c.id);
            walk.found.insert(
                c.id,
                Found {
                    word: c.clone(),
                    paragraph: String::new(),
                    quoted: String::new(),
                },
            );
        }
    }
    let replies: Vec<&WordComment> = docx
        .comments
        .inner()
        .iter()
        .filter(|c| c.parent_comment_id.is_some())
        .collect();
    let targets = targets(report);
    let mut taken: Vec<String> = report
        .review
        .comments
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let mut out = CommentImport {
        report: report.id.clone(),
        ..CommentImport::default()
    };
    let mut from = 0usize;
    for id in &walk.order {
        let Some(f) = walk.found.get(id) else {
            continue;
        };
        if f.word.parent_comment_id.is_some() {
            continue;
        }
        let author = crate::vi::nfc(f.word.author.trim());
        let author = if author.is_empty() {
            "Người góp ý (Word)".to_owned()
        } else {
            author
        };
        let text = comment_text(&f.word);
        let quoted = crate::vi::nfc(f.paragraph.trim());
        let unplaced = |reason: String| UnplacedComment {
            author: author.clone(),
            text: text.clone(),
            quoted: crate::vi::nfc(f.quoted.trim()),
            reason,
        };
        if text.is_empty() {
            out.unplaced
                .push(unplaced("góp ý không có chữ.".to_owned()));
            continue;
        }
        let Some(at) = find(&targets, &f.paragraph, &f.quoted, from) else {
            let para = key(&f.paragraph);
            let outside = !para.is_empty()
                && [&report.opening, &report.closing, &report.summary]
                    .iter()
                    .any(|t| t.lines().any(|l| key(l) == para));
            let reason = if f.paragraph.trim().is_empty() {
                "Word không ghi góp ý này gắn vào đoạn nào.".to_owned()
            } else if outside {
                format!(
                    "đoạn “{}” là phần mở đầu, trích yếu hoặc câu kết, không thuộc mục nào; góp ý chỉ gắn được vào các mục của báo cáo.",
                    crate::import::text::quote_for_note(&quoted)
                )
            } else {
                format!(
                    "không tìm thấy đoạn “{}” trong báo cáo {}.",
                    crate::import::text::quote_for_note(&quoted),
                    report.id
                )
            };
            out.unplaced.push(unplaced(reason));
            continue;
        };
        from = at;
        let target = &targets[at];
        let time = word_time(&f.word.date).unwrap_or(now);
        let cid = review::comment_id(&author, time, taken.iter().map(String::as_str));
        taken.push(cid.clone());
        let replies = replies
            .iter()
            .filter(|r| r.parent_comment_id == Some(f.word.id))
            .map(|r| Reply {
                author: crate::vi::nfc(r.author.trim()),
                role: ReviewRole::Reviewer,
                at: word_time(&r.date).unwrap_or(time),
                text: comment_text(r),
            })
            .filter(|r| !r.text.is_empty())
            .collect();
        out.placed.push(PlacedComment {
            comment: Comment {
                id: cid,
                section: target.section.clone(),
                paragraph: target.paragraph,
                author,
                role: ReviewRole::Reviewer,
                at: time,
                text,
                replies,
                resolved: f.word_done(),
                resolved_by: None,
                resolved_at: None,
                reopened_at: None,
            },
            quoted,
        });
    }
    out
}

impl Found {
    /// Word's "resolved" mark is not read by docx-rs: every comment comes open.
    fn word_done(&self) -> bool {
        false
    }
}

/// The target the commented paragraph is, preferring the first at or after `from`
/// (comments come in document order): whole text first, then containment, then the
/// commented words alone.
fn find(targets: &[Target], paragraph: &str, quoted: &str, from: usize) -> Option<usize> {
    let para = key(paragraph);
    let words = key(quoted);
    let ordered = |pred: &dyn Fn(&Target) -> bool| -> Option<usize> {
        (from..targets.len())
            .chain(0..from.min(targets.len()))
            .find(|&i| pred(&targets[i]))
    };
    if para.is_empty() && words.is_empty() {
        return None;
    }
    if !para.is_empty()
        && let Some(i) = ordered(&|t| t.key == para)
    {
        return Some(i);
    }
    let long = |s: &str| s.chars().count() >= MIN_CONTAINED;
    if long(&para)
        && let Some(i) =
            ordered(&|t| long(&t.key) && (t.key.contains(&para) || para.contains(&t.key)))
    {
        return Some(i);
    }
    if long(&words)
        && let Some(i) = ordered(&|t| t.key.contains(&words))
    {
        return Some(i);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_numbers_markers_emphasis_and_diacritics() {
        assert_eq!(key("I. KẾT QUẢ THỰC HIỆN"), "ket qua thuc hien");
        assert_eq!(key("- Đã cấp 120 hồ sơ;"), "da cap 120 ho so");
        assert_eq!(key("2.1. Về chuyển đổi số"), "ve chuyen doi so");
        assert_eq!(key("a) Thuận lợi"), "thuan loi");
    }

    #[test]
    fn word_times_are_read_as_written() {
        let t = word_time("2026-07-01T09:30:00Z").unwrap();
        assert_eq!(t.format("%d/%m/%Y %H:%M").to_string(), "01/07/2026 09:30");
        assert!(word_time("").is_none());
    }
}
