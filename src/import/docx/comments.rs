//! import, docx: comments a reviewer wrote in Word, placed as review comments on the
//! part of the report whose text they were written on (see [`super::comment_place`]):
//! a section's heading or paragraph, a row of a table, or a part outside the sections.
//! A comment the report already holds (read back from its own review copy: same
//! text, same author or time, the two parts of its id) is not offered again; a Word
//! reply becomes a reply of the comment it answers, once. The author's name is kept
//! as written and a role the review copy wrote after it, `(người duyệt)`, set apart.
//! Nothing is added here: the result lists what would be added and what could not be
//! placed, for the clerk to confirm.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use docx_rs::{
    Comment as WordComment, CommentChild, DocumentChild, Paragraph, ParagraphChild, RunChild,
    StructuredDataTagChild, Table, TableCellContent, TableChild, TableRowChild,
};

use super::body::{paragraph_lines, paragraph_text};
use super::comment_place::Places;
use super::tracked::word_time;
use crate::model::{Comment, Project, Reply, Report, ReviewRole};
use crate::review;

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
    /// Comments (and replies) of the file the report already holds: not added again.
    pub already: usize,
    /// Replies written in Word to comments the report holds: (comment id, reply).
    pub replies: Vec<(String, Reply)>,
}

/// A comment as found in the document: the Word comment, the paragraph its range
/// starts in, and the commented text.
struct Found {
    word: WordComment,
    paragraph: String,
    quoted: String,
    /// The cells of the table row the range starts in, when it starts in a table.
    row: Option<Vec<String>>,
}

/// Walks the body in order and collects every comment's range.
#[derive(Default)]
struct Walk {
    found: BTreeMap<usize, Found>,
    order: Vec<usize>,
    open: Vec<usize>,
    /// A range opened between paragraphs starts in the next one.
    pending: Vec<WordComment>,
    /// The cells of the table row being walked.
    row: Option<Vec<String>>,
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
                row: self.row.clone(),
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
        let outer = self.row.take();
        for TableChild::TableRow(row) in &t.rows {
            self.row = Some(
                row.cells
                    .iter()
                    .map(|TableRowChild::TableCell(cell)| {
                        cell.children
                            .iter()
                            .filter_map(|c| match c {
                                TableCellContent::Paragraph(p) => Some(paragraph_text(p)),
                                _ => None,
                            })
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect(),
            );
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
        self.row = outer;
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

/// The text of a comment: one line per paragraph and per line break, trimmed.
fn comment_text(c: &WordComment) -> String {
    let mut text = String::new();
    for ch in &c.children {
        if let CommentChild::Paragraph(p) = ch {
            text.push_str(&paragraph_lines(&p.children));
            text.push('\n');
        }
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    crate::vi::nfc(&lines.join("\n"))
}

/// Roles the review copy wrote after an author's name.
const ROLE_SUFFIXES: [(&str, ReviewRole); 2] = [
    ("(người duyệt)", ReviewRole::Reviewer),
    ("(người soạn)", ReviewRole::Drafter),
];

/// The author's name as written, and the role an older review copy wrote after it.
fn split_role(author: &str) -> (String, Option<ReviewRole>) {
    let a = crate::vi::nfc(author.trim());
    for (suffix, role) in ROLE_SUFFIXES {
        if let Some(name) = a.strip_suffix(suffix) {
            return (name.trim_end().to_owned(), Some(role));
        }
    }
    (a, None)
}

/// The comment's own text without what an older review copy wrote around it: the
/// line saying where it points (`Mục 1. …, đoạn 1 — trang 2`) and the replies after.
fn own_text(text: &str, from_review_copy: bool) -> String {
    if !from_review_copy {
        return text.to_owned();
    }
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.len() > 1 && lines.first().is_some_and(|l| l.starts_with("Mục ")) {
        lines.remove(0);
    }
    if let Some(i) = lines.iter().position(|l| l.starts_with("Trả lời của ")) {
        lines.truncate(i);
    }
    lines.join("\n").trim().to_owned()
}

/// Places the comments of `docx` on `report` (see [`place_comments_in`]) without the
/// project: rows of the indicator and task tables and the signer are not known.
pub fn place_comments(docx: &docx_rs::Docx, report: &Report, now: NaiveDateTime) -> CommentImport {
    place_comments_in(docx, None, report, now)
}

/// Places the comments of `docx` on `report` of `project`; `now` stands for a comment
/// without a date. Replies written in Word become replies of the comment they answer;
/// comments and replies the report already holds are counted, not offered again.
pub fn place_comments_in(
    docx: &docx_rs::Docx,
    project: Option<&Project>,
    report: &Report,
    now: NaiveDateTime,
) -> CommentImport {
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
                    row: None,
                },
            );
        }
    }
    let word_replies: Vec<&WordComment> = docx
        .comments
        .inner()
        .iter()
        .filter(|c| c.parent_comment_id.is_some())
        .collect();
    let places = Places::new(project, report);
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
        let (author, role) = split_role(&f.word.author);
        let author = if author.is_empty() {
            "Người góp ý (Word)".to_owned()
        } else {
            author
        };
        let text = own_text(&comment_text(&f.word), role.is_some());
        let time = word_time(&f.word.date).unwrap_or(now);
        let replies: Vec<Reply> = word_replies
            .iter()
            .filter(|r| r.parent_comment_id == Some(f.word.id))
            .map(|r| {
                let (name, role) = split_role(&r.author);
                Reply {
                    author: name,
                    role: role.unwrap_or(ReviewRole::Reviewer),
                    at: word_time(&r.date).unwrap_or(time),
                    text: comment_text(r),
                }
            })
            .filter(|r| !r.text.is_empty())
            .collect();
        let quoted = crate::vi::nfc(f.paragraph.trim());
        if text.is_empty() {
            out.unplaced.push(UnplacedComment {
                author,
                text,
                quoted: crate::vi::nfc(f.quoted.trim()),
                reason: "góp ý không có chữ.".to_owned(),
            });
            continue;
        }
        // Already held (the review copy's own comments read back): only the replies
        // it does not have yet are added.
        if let Some(held) = review::held_comment(report, &author, time, &text) {
            out.already += 1;
            for r in replies {
                let queued = out.replies.iter().any(|(i, q)| *i == held.id && *q == r);
                if !review::holds_reply(held, &r) && !queued {
                    out.replies.push((held.id.clone(), r));
                }
            }
            continue;
        }
        // A reply of the review copy that came back as a comment of its own (its link
        // to the comment it answers lost on the way).
        let as_reply = Reply {
            author: author.clone(),
            role: role.unwrap_or(ReviewRole::Reviewer),
            at: time,
            text: text.clone(),
        };
        let known_reply = report
            .review
            .comments
            .iter()
            .any(|c| review::holds_reply(c, &as_reply));
        let twice = out
            .placed
            .iter()
            .any(|p| p.comment.author == author && p.comment.at == time && p.comment.text == text);
        if known_reply || twice {
            out.already += 1;
            continue;
        }
        let in_row = f.row.as_ref().and_then(|cells| places.find_row(cells));
        let place = in_row.or_else(|| {
            let i = places.find(&f.paragraph, &f.quoted, from)?;
            from = i;
            places.place(i).cloned()
        });
        let Some(place) = place else {
            let reason = if f.paragraph.trim().is_empty() {
                "Word không ghi góp ý này gắn vào đoạn nào.".to_owned()
            } else {
                format!(
                    "không tìm thấy đoạn “{}” trong báo cáo {} (kể cả khi so theo từng chữ).",
                    crate::vi::shorten(&quoted, 60),
                    report.id
                )
            };
            out.unplaced.push(UnplacedComment {
                author,
                text,
                quoted: crate::vi::nfc(f.quoted.trim()),
                reason,
            });
            continue;
        };
        let cid = review::comment_id(&author, time, taken.iter().map(String::as_str));
        taken.push(cid.clone());
        out.placed.push(PlacedComment {
            comment: Comment {
                id: cid,
                section: place.section,
                paragraph: place.paragraph,
                author,
                role: role.unwrap_or(ReviewRole::Reviewer),
                at: time,
                text,
                replies,
                anchor: place.anchor,
                ..Comment::default()
            },
            quoted,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_times_are_read_as_written() {
        let t = word_time("2026-07-01T09:30:00Z").unwrap();
        assert_eq!(t.format("%d/%m/%Y %H:%M").to_string(), "01/07/2026 09:30");
        assert!(word_time("").is_none());
    }

    #[test]
    fn what_an_older_review_copy_wrote_around_a_comment_is_set_apart() {
        assert_eq!(
            split_role("Nguyễn Văn Chủ Tịch (người duyệt)"),
            ("Nguyễn Văn Chủ Tịch".to_owned(), Some(ReviewRole::Reviewer))
        );
        assert_eq!(
            split_role(" Trần Thị Hoa (người soạn) "),
            ("Trần Thị Hoa".to_owned(), Some(ReviewRole::Drafter))
        );
        assert_eq!(
            split_role("Lê Văn (Ban Kinh tế)"),
            ("Lê Văn (Ban Kinh tế)".to_owned(), None)
        );
        let old = "Mục 1. Công tác lãnh đạo, đoạn 1 — trang 2\nNêu rõ số.\nDòng hai.\nTrả lời của Trần Thị Hoa (người soạn), 08:00 ngày 02/07/2026:\nĐã bổ sung.";
        assert_eq!(own_text(old, true), "Nêu rõ số.\nDòng hai.");
        // A reviewer's own comment is kept whole, even when it starts with "Mục".
        assert_eq!(
            own_text("Mục này thiếu số liệu.\nThêm bảng.", false),
            "Mục này thiếu số liệu.\nThêm bảng."
        );
        assert_eq!(
            own_text("Mục này thiếu số liệu.", true),
            "Mục này thiếu số liệu."
        );
    }
}
