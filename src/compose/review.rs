//! The review copy's last part: every open comment on the report, each pointing to
//! the section, paragraph and page of the draft it is about, so that a leader can
//! review on paper.
//!
//! compose cannot lay out, so the pages come in as [`DraftPages`], read by layout from
//! the laid-out draft ([`crate::layout::Pages::draft_pages`]). Appending this part
//! never moves the draft's pages: every part starts on a new page.

use std::collections::BTreeMap;

use super::{Align, Block, Paragraph, Part, Run, SourceRef, section_numbers};
use crate::model::{Comment, CommentAnchor, PageSetup, Project, Report, ReviewRole, SectionId};
use crate::units::Mm;
use crate::vi;

/// Heading of the part.
pub const COMMENTS_HEADING: &str = "Ý KIẾN GÓP Ý CHƯA XỬ LÝ";
/// What the part says when every comment is resolved.
pub const NO_OPEN_COMMENTS: &str = "Không có góp ý nào chưa xử lý.";

/// Where the text comments point to starts in the laid-out draft: printed page numbers
/// within the report body (page 1 = the first page).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftPages {
    /// The page of each section's heading.
    pub sections: BTreeMap<SectionId, usize>,
    /// The page where a paragraph of a section's text starts, by section id and the
    /// paragraph's index among the section's non-empty lines (from 0).
    pub paragraphs: BTreeMap<(SectionId, usize), usize>,
}

impl DraftPages {
    /// The page of a paragraph, or of its section when the paragraph is not known.
    pub fn page_of(&self, section: &str, paragraph: Option<usize>) -> Option<usize> {
        paragraph
            .and_then(|i| self.paragraphs.get(&(section.to_owned(), i)))
            .or_else(|| self.sections.get(section))
            .copied()
    }
}

/// The part that ends the review copy: a centred heading, how many open comments there
/// are, then one numbered entry per comment (where it points, who wrote it and when,
/// the text, and the replies indented under it).
pub fn review_comments_part(project: &Project, report: &Report, pages: &DraftPages) -> Part {
    let setup = &project.page_setup;
    let size = setup.body_size_pt;
    let review_source = SourceRef::ReviewHeading;

    let mut heading = Paragraph::centered(vec![Run::bold(COMMENTS_HEADING)], size);
    heading.space_after_pt = setup.paragraph_spacing_pt;
    heading.keep_with_next = true;
    heading.keep_together = true;
    heading.source = review_source.clone();
    let mut blocks = vec![Block::Paragraph(heading)];

    // In the order of [`Report::open_comments`]: entry `n` is element `n - 1`.
    let open = report.open_comments();
    let count = if open.is_empty() {
        NO_OPEN_COMMENTS.to_owned()
    } else {
        format!(
            "Có {} góp ý chưa xử lý; số trang ghi theo bản dự thảo ở phần trên.",
            open.len()
        )
    };
    let mut count = Paragraph::centered(vec![Run::italic(count)], size);
    count.space_after_pt = 2.0 * setup.paragraph_spacing_pt;
    count.source = review_source;
    blocks.push(Block::Paragraph(count));

    let numbers = section_numbers(report);
    for (i, comment) in open.iter().enumerate() {
        let source = SourceRef::Comment(comment.id.clone());
        let mut locator = line(
            vec![Run::bold(format!(
                "{}. {}",
                i + 1,
                locator(report, &numbers, pages, comment)
            ))],
            setup,
            &source,
        );
        locator.space_before_pt = setup.paragraph_spacing_pt;
        blocks.push(Block::Paragraph(locator));
        blocks.extend(note(
            &comment.author,
            comment.role,
            comment.at,
            &comment.text,
            0.0,
            setup,
            &source,
        ));
        let indent = Mm(setup.first_line_indent_mm).to_pt().0;
        for reply in &comment.replies {
            blocks.extend(note(
                &reply.author,
                reply.role,
                reply.at,
                &reply.text,
                indent,
                setup,
                &source,
            ));
        }
    }
    Part {
        blocks,
        landscape: false,
    }
}

/// An open comment as a note in the margin of the DOCX review copy: where Word anchors
/// it and what it says (Word lays out the draft itself, so no page is named). The
/// note holds the comment's own text, its author's name as written (the role apart)
/// and its time: reading the file back finds the comment by them and adds nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// The comment's id in the report.
    pub id: String,
    /// The section the comment is on; `None` when the section was deleted since (the
    /// note is then anchored at the title) or the comment is on a part outside them.
    pub section: Option<SectionId>,
    /// The paragraph of the section's text (or of the opening), when it still exists.
    pub paragraph: Option<usize>,
    /// The part outside the sections' text the comment is on.
    pub anchor: Option<CommentAnchor>,
    /// Text printed on that part to anchor at (the trích yếu, a recipient, the row's
    /// name, `Nơi nhận`, the signer's position), when there is one.
    pub needle: Option<String>,
    /// Who wrote it, as written.
    pub author: String,
    /// The writer's role.
    pub role: ReviewRole,
    /// When it was written.
    pub at: chrono::NaiveDateTime,
    /// The note's paragraphs: the comment's text.
    pub paragraphs: Vec<String>,
    /// The thread's replies, each a Word reply to the note.
    pub replies: Vec<AnnotationReply>,
}

/// A reply in a margin note's thread.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationReply {
    pub author: String,
    pub at: chrono::NaiveDateTime,
    pub paragraphs: Vec<String>,
}

/// The open comments of `report` as margin notes, in the review copy's order.
pub fn annotations(report: &Report) -> Vec<Annotation> {
    report
        .open_comments()
        .into_iter()
        .map(|c| {
            let section = report.section(&c.section);
            let lines = match (&c.anchor, section) {
                (Some(CommentAnchor::Opening), _) => text_lines(&report.opening).len(),
                (_, Some(s)) => s.body.lines().filter(|l| !l.trim().is_empty()).count(),
                _ => 0,
            };
            let author = vi::nfc(c.author.trim());
            Annotation {
                id: c.id.clone(),
                section: section.map(|s| s.id.clone()),
                paragraph: c.paragraph.filter(|p| *p < lines),
                anchor: c.anchor.clone(),
                needle: needle(report, c),
                author: if author.is_empty() {
                    "(không rõ người viết)".to_owned()
                } else {
                    author
                },
                role: c.role,
                at: c.at,
                paragraphs: text_lines(&c.text),
                replies: c
                    .replies
                    .iter()
                    .map(|r| AnnotationReply {
                        author: vi::nfc(r.author.trim()),
                        at: r.at,
                        paragraphs: text_lines(&r.text),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The part of the document a comment is on, for the preview's margin markers.
pub fn comment_source(c: &Comment) -> SourceRef {
    match &c.anchor {
        Some(CommentAnchor::Summary | CommentAnchor::Recipients) => SourceRef::Info,
        Some(CommentAnchor::Opening) => SourceRef::Opening,
        Some(CommentAnchor::Closing) => SourceRef::Closing,
        Some(CommentAnchor::Signature | CommentAnchor::Distribution) => SourceRef::Signature,
        Some(CommentAnchor::Indicator { .. }) if c.section.is_empty() => {
            SourceRef::Appendix(super::AppendixKind::Indicators)
        }
        Some(CommentAnchor::Task { .. }) if c.section.is_empty() => {
            SourceRef::Appendix(super::AppendixKind::Tasks)
        }
        _ => SourceRef::Section(c.section.clone()),
    }
}

/// Text printed on the part a comment outside the sections' text is on, or the first
/// cell of the row of a table typed in a section's text that it is on.
fn needle(report: &Report, c: &Comment) -> Option<String> {
    let first = |t: &str| text_lines(t).into_iter().next();
    let Some(anchor) = c.anchor.as_ref() else {
        let line = report
            .section(&c.section)?
            .body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .nth(c.paragraph?)?;
        if !line.starts_with('|') {
            return None;
        }
        return line
            .split('|')
            .map(|cell| vi::nfc(crate::model::rich::plain_text(cell.trim()).trim()))
            .find(|cell| !cell.is_empty());
    };
    match anchor {
        CommentAnchor::Summary => first(&report.summary),
        CommentAnchor::Recipients => report
            .recipients
            .iter()
            .map(|r| vi::nfc(r.trim()))
            .find(|r| !r.is_empty()),
        CommentAnchor::Opening => None,
        CommentAnchor::Closing => first(&report.closing),
        CommentAnchor::Signature => None,
        CommentAnchor::Distribution => Some("Nơi nhận".to_owned()),
        CommentAnchor::Indicator { name, .. } | CommentAnchor::Task { name, .. } => {
            Some(vi::nfc(name.trim()))
        }
    }
}

/// Where a comment on a part outside the sections' text points:
/// `Trích yếu — trang 1`, `Phần mở đầu, đoạn 2`, `Nơi nhận`.
fn part_locator(comment: &Comment) -> Option<String> {
    let (name, first_page) = match comment.anchor.as_ref()? {
        CommentAnchor::Summary => ("Trích yếu", true),
        CommentAnchor::Recipients => ("Kính gửi", true),
        CommentAnchor::Opening => ("Phần mở đầu", true),
        CommentAnchor::Closing => ("Câu kết", false),
        CommentAnchor::Signature => ("Phần ký", false),
        CommentAnchor::Distribution => ("Nơi nhận", false),
        CommentAnchor::Indicator { .. } | CommentAnchor::Task { .. } => return None,
    };
    let mut out = name.to_owned();
    if let (Some(CommentAnchor::Opening), Some(p)) = (comment.anchor.as_ref(), comment.paragraph) {
        out.push_str(&format!(", đoạn {}", p + 1));
    }
    if first_page && comment.paragraph.is_none_or(|p| p == 0) {
        out.push_str(" — trang 1");
    }
    Some(out)
}

/// `bảng chỉ tiêu, dòng “Tỷ lệ …”` for a comment on a row of a generated table.
fn row_locator(comment: &Comment) -> Option<String> {
    match comment.anchor.as_ref()? {
        CommentAnchor::Indicator { name, .. } => {
            Some(format!("bảng chỉ tiêu, dòng “{}”", vi::nfc(name.trim())))
        }
        CommentAnchor::Task { name, .. } => {
            Some(format!("bảng nhiệm vụ, dòng “{}”", vi::nfc(name.trim())))
        }
        _ => None,
    }
}

fn text_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| vi::nfc(l.trim()))
        .filter(|l| !l.is_empty())
        .collect()
}

/// `Mục 2. Hạn chế, đoạn 2 — trang 4`; `Nơi nhận`; `Mục 3. …, bảng chỉ tiêu, dòng “…”`;
/// `Mục đã xóa` when the section is gone.
fn locator(
    report: &Report,
    numbers: &BTreeMap<String, String>,
    pages: &DraftPages,
    comment: &Comment,
) -> String {
    if let Some(part) = part_locator(comment) {
        return part;
    }
    let row = row_locator(comment);
    let section = report.section(&comment.section);
    if let (Some(row), None) = (&row, section) {
        return format!("Phụ lục, {row}");
    }
    let Some(section) = section else {
        let former = report
            .review
            .snapshot
            .as_ref()
            .and_then(|s| s.sections.iter().find(|s| s.id == comment.section))
            .map(|s| vi::nfc(s.label.trim()))
            .filter(|t| !t.is_empty());
        return match former {
            Some(title) => format!("Mục đã xóa (trước đây là “{title}”)"),
            None => "Mục đã xóa".to_owned(),
        };
    };
    let number = numbers.get(&section.id).cloned().unwrap_or_default();
    let title = vi::nfc(section.title.trim());
    let mut out = format!("Mục {number} {title}").trim_end().to_owned();
    if let Some(row) = row {
        out.push_str(&format!(", {row}"));
        if let Some(page) = pages.page_of(&section.id, None) {
            out.push_str(&format!(" — trang {page}"));
        }
        return out;
    }
    let lines = section
        .body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    // A paragraph index past the section's text: the paragraph was deleted since.
    let paragraph = comment.paragraph.filter(|p| *p < lines);
    match (comment.paragraph, paragraph) {
        (Some(p), Some(_)) => out.push_str(&format!(", đoạn {}", p + 1)),
        (Some(p), None) => out.push_str(&format!(", đoạn {} (không còn)", p + 1)),
        _ => {}
    }
    if let Some(page) = pages.page_of(&section.id, paragraph) {
        out.push_str(&format!(" — trang {page}"));
    }
    out
}

/// `Nguyễn Văn A (người duyệt), 10:05 ngày 22/11/2026:` and the text under it, one
/// paragraph per non-empty line, all `indent_pt` from the left edge.
fn note(
    author: &str,
    role: ReviewRole,
    at: chrono::NaiveDateTime,
    text: &str,
    indent_pt: f32,
    setup: &PageSetup,
    source: &SourceRef,
) -> Vec<Block> {
    let author = vi::nfc(author.trim());
    let author = if author.is_empty() {
        "(không rõ người viết)".to_owned()
    } else {
        author
    };
    let mut who = line(
        vec![Run::italic(format!(
            "{author} ({}), {}:",
            role_word(role),
            vi::time_and_date(at)
        ))],
        setup,
        source,
    );
    who.left_indent_pt = indent_pt;
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| vi::nfc(l.trim()))
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        lines.push("(không có nội dung)".to_owned());
    }
    let mut out = vec![Block::Paragraph(who)];
    for l in lines {
        let mut p = Paragraph::body(vec![Run::plain(l)], setup);
        p.first_line_indent_pt = 0.0;
        p.left_indent_pt = indent_pt;
        p.space_after_pt = 0.0;
        p.source = source.clone();
        out.push(Block::Paragraph(p));
    }
    if let Some(Block::Paragraph(last)) = out.last_mut() {
        last.space_after_pt = setup.paragraph_spacing_pt;
    }
    out
}

/// A left-aligned line at body size that stays with what follows it.
fn line(runs: Vec<Run>, setup: &PageSetup, source: &SourceRef) -> Paragraph {
    let mut p = Paragraph::body(runs, setup);
    p.align = Align::Left;
    p.first_line_indent_pt = 0.0;
    p.space_after_pt = 0.0;
    p.keep_with_next = true;
    p.source = source.clone();
    p
}

/// How the review copy names the role of a comment's author.
fn role_word(role: ReviewRole) -> &'static str {
    match role {
        ReviewRole::Drafter => "người soạn",
        ReviewRole::Reviewer => "người duyệt",
    }
}

#[cfg(test)]
mod tests;
