//! export: the composed document tree → a Word (DOCX) file. Unlike the PDF writer this
//! reads the tree, not the pages: Word lays the report out itself, so the file carries
//! styles, list numbering, tables and sections for it to do so, and no positions.
//!
//! - the report and each appendix are sections of their own: A4, the project's
//!   margins, a centred PAGE field in the header from the second page, numbering
//!   restarting at 1 in each section;
//! - the header and signature blocks are borderless tables;
//! - the review copy's open comments become Word comments (their replies Word
//!   replies), anchored at the paragraph, section heading, table row or part of the
//!   report they are about (the printed comments part is left out).

use chrono::NaiveDateTime;
use docx_rs::{
    AlignmentType, Comment, Docx, Header, PageMargin, PageNum, PageNumType, SectionProperty,
};

use super::ExportError;
use super::docx_blocks::{self, Ctx, Out, Spot};
use super::docx_styles::{self, half_points, twips};
use crate::compose::{Annotation, Block, Paragraph, Part, SourceRef};
use crate::model::CommentAnchor;
use crate::render::Rendered;
use crate::units::Mm;

/// What the DOCX records besides the document. There is no `Default`: export reads no
/// clock, so the caller says when the document was made.
#[derive(Clone, Debug, PartialEq)]
pub struct DocxOptions {
    /// Written as the creation and modification date of the document properties.
    pub creation_date: NaiveDateTime,
}

/// A4 in twips.
const A4_TWIPS: (u32, u32) = (11906, 16838);
/// Distance of the page number from the top edge.
const HEADER_MM: f32 = 10.0;

/// Writes the rendered report's document tree as a DOCX file. The same input always
/// gives the same bytes.
pub fn write_docx(rendered: &Rendered, options: &DocxOptions) -> Result<Vec<u8>, ExportError> {
    let doc = &rendered.document;
    let parts: Vec<&Part> = doc.parts.iter().filter(|p| !is_comments_part(p)).collect();
    if parts.is_empty() {
        return Err(ExportError::NoPages);
    }
    let setup = &doc.setup;
    let width_pt = Mm(210.0 - setup.margin_left_mm - setup.margin_right_mm)
        .to_pt()
        .0;
    let mut ctx = Ctx::new(setup);
    anchor_comments(rendered, parts[0], &mut ctx);

    let mut docx = Docx::new()
        .default_fonts(docx_styles::fonts())
        .default_size(half_points(setup.body_size_pt))
        .page_size(A4_TWIPS.0, A4_TWIPS.1)
        .page_margin(margins(setup))
        .header(number_header(setup, &mut ctx))
        .first_header(Header::new())
        .page_num_type(PageNumType::new().start(1));
    for s in docx_styles::styles(setup) {
        docx = docx.add_style(s);
    }

    let last = parts.len() - 1;
    for (i, part) in parts.iter().enumerate() {
        let mut out = Vec::new();
        for (k, b) in part.blocks.iter().enumerate() {
            let start = out.len();
            docx_blocks::block(b, width_pt, &mut ctx, &mut out);
            if i == 0 {
                attach_comments(&mut out[start..], ctx.comments.remove(&k));
            }
        }
        if i != last {
            // A section ends with a paragraph carrying its properties; the headers are
            // the document's (same relationship ids), the numbering restarts.
            let sect = SectionProperty::new()
                .page_size(docx_rs::PageSize::new().size(A4_TWIPS.0, A4_TWIPS.1))
                .page_margin(margins(setup))
                .header(Header::new(), "rIdHeader1")
                .first_header(Header::new(), "rIdHeader2")
                .page_num_type(PageNumType::new().start(1));
            let end = docx_blocks::spacer(1.0, &mut ctx).section_property(sect);
            out.push(Out::Paragraph(Box::new(end)));
        }
        for o in out {
            docx = match o {
                Out::Paragraph(p) => docx.add_paragraph(*p),
                Out::Table(t) => docx.add_table(*t),
            };
        }
    }
    for (abs, num) in std::mem::take(&mut ctx.numberings) {
        docx = docx.add_abstract_numbering(abs).add_numbering(num);
    }
    let stamp = options
        .creation_date
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    docx = docx.created_at(&stamp).updated_at(&stamp);

    let mut raw = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut raw)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    super::docx_package::finish(raw.into_inner(), &rendered.meta, rendered.draft, &stamp)
}

fn margins(setup: &crate::model::PageSetup) -> PageMargin {
    let t = |mm: f32| twips(Mm(mm).to_pt().0);
    PageMargin::new()
        .top(t(setup.margin_top_mm))
        .bottom(t(setup.margin_bottom_mm))
        .left(t(setup.margin_left_mm))
        .right(t(setup.margin_right_mm))
        .header(t(HEADER_MM))
        .footer(t(HEADER_MM))
        .gutter(0)
}

/// The header of every page but the first: the page number, centred.
fn number_header(setup: &crate::model::PageSetup, ctx: &mut Ctx) -> Header {
    let p = ctx
        .para()
        .align(AlignmentType::Center)
        .size(half_points(setup.page_number_size_pt))
        .add_page_num(PageNum::new());
    Header::new().add_paragraph(p)
}

/// The review copy's printed list of comments; Word shows them in the margin instead.
fn is_comments_part(p: &Part) -> bool {
    matches!(p.blocks.first(), Some(Block::Paragraph(h)) if h.source == SourceRef::ReviewHeading)
}

/// Finds the top-level block of the report each margin note belongs to: the
/// paragraph it is about, else its section's heading, else the title; a note on a
/// part outside the sections goes on that part (a row of a table on its cell). Each
/// note is one Word comment with the comment's own text, author and time (reading the
/// copy back finds it by them); its replies are Word replies to it.
fn anchor_comments(rendered: &Rendered, part: &Part, ctx: &mut Ctx) {
    let title = part
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Paragraph(p) if p.source == SourceRef::Info))
        .unwrap_or(0);
    let mut next = 1;
    for a in &rendered.annotations {
        let (at, spot) = place_of(a, part).unwrap_or((title, Spot::First));
        let parent = next;
        next += 1;
        let mut notes = vec![(
            note(parent, &a.author, a.at, &a.paragraphs, ctx),
            spot.clone(),
        )];
        for r in &a.replies {
            let reply = note(next, &r.author, r.at, &r.paragraphs, ctx).parent_comment_id(parent);
            next += 1;
            notes.push((reply, spot.clone()));
        }
        ctx.comments.entry(at).or_default().extend(notes);
    }
}

/// A Word comment: one paragraph, its lines separated by line breaks (docx-rs 0.4.22
/// writes a comment once per paragraph it holds).
fn note(id: usize, author: &str, at: NaiveDateTime, lines: &[String], ctx: &mut Ctx) -> Comment {
    let mut run = docx_rs::Run::new();
    for (n, text) in lines.iter().enumerate() {
        if n > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(text.clone());
    }
    Comment::new(id)
        .author(author.to_owned())
        .date(at.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .add_paragraph(ctx.para().add_run(run))
}

/// The block (and the paragraph in it) a note goes on; `None`: the title.
fn place_of(a: &Annotation, part: &Part) -> Option<(usize, Spot)> {
    let paragraph = |pred: &dyn Fn(&Paragraph) -> bool| {
        part.blocks
            .iter()
            .position(|b| matches!(b, Block::Paragraph(p) if pred(p)))
            .map(|k| (k, Spot::First))
    };
    match &a.anchor {
        Some(CommentAnchor::Opening) => {
            paragraph(&|p| p.source == SourceRef::Opening && p.index_in_source == a.paragraph)
                .or_else(|| paragraph(&|p| p.source == SourceRef::Opening))
        }
        Some(anchor) if !anchor.is_row() || a.section.is_none() => {
            let fits = |b: &Block| match anchor {
                CommentAnchor::Summary | CommentAnchor::Recipients => {
                    source(b) == Some(&SourceRef::Info)
                }
                CommentAnchor::Closing => source(b) == Some(&SourceRef::Closing),
                CommentAnchor::Signature | CommentAnchor::Distribution => {
                    source(b) == Some(&SourceRef::Signature)
                }
                CommentAnchor::Indicator { .. } | CommentAnchor::Task { .. } => {
                    matches!(b, Block::Table(_))
                }
                CommentAnchor::Opening => false,
            };
            let needle = needle(a);
            part.blocks.iter().enumerate().find_map(|(k, b)| {
                if !fits(b) {
                    return None;
                }
                match &needle {
                    Some(n) => block_text(b)
                        .to_lowercase()
                        .contains(n.as_str())
                        .then(|| (k, Spot::Text(n.clone()))),
                    None if *anchor == CommentAnchor::Signature => Some((k, Spot::LastCell)),
                    None => Some((k, Spot::First)),
                }
            })
        }
        // A row of a section's table: that section's table, else the section.
        Some(_) => {
            let needle = needle(a);
            let in_section = part.blocks.iter().enumerate().find_map(|(k, b)| {
                let Block::Table(_) = b else { return None };
                let n = needle.as_ref()?;
                block_text(b)
                    .to_lowercase()
                    .contains(n.as_str())
                    .then(|| (k, Spot::Text(n.clone())))
            });
            in_section.or_else(|| section_place(a, part))
        }
        None => section_place(a, part),
    }
}

/// The paragraph of its section a note is about, else the section's heading.
fn section_place(a: &Annotation, part: &Part) -> Option<(usize, Spot)> {
    let id = a.section.as_deref()?;
    let in_section = |p: &Paragraph| p.source.section_id() == Some(id);
    let find = |pred: &dyn Fn(&Paragraph) -> bool| {
        part.blocks
            .iter()
            .position(|b| matches!(b, Block::Paragraph(p) if in_section(p) && pred(p)))
    };
    let paragraph = find(&|p| a.paragraph.is_some() && p.index_in_source == a.paragraph);
    if let Some(k) = paragraph {
        return Some((k, Spot::First));
    }
    // A row of a table typed in the section's text: the cell its needle names.
    let needle = needle(a);
    let row = needle.and_then(|n| {
        part.blocks.iter().enumerate().find_map(|(k, b)| match b {
            Block::Table(t)
                if t.source.section_id() == Some(id)
                    && block_text(b).to_lowercase().contains(n.as_str()) =>
            {
                Some((k, Spot::Text(n.clone())))
            }
            _ => None,
        })
    });
    row.or_else(|| find(&|p| p.heading_level.is_some()).map(|k| (k, Spot::First)))
}

/// The words a note names its place by, as compared: composed, lower case.
fn needle(a: &Annotation) -> Option<String> {
    a.needle
        .as_deref()
        .map(|n| crate::vi::nfc(n).to_lowercase())
}

fn source(b: &Block) -> Option<&SourceRef> {
    match b {
        Block::Paragraph(p) => Some(&p.source),
        Block::LabelList(l) => Some(&l.source),
        Block::Table(t) => Some(&t.source),
        Block::Columns(c) => Some(&c.source),
        _ => None,
    }
}

/// The text a block prints, its cells and columns one after another.
fn block_text(b: &Block) -> String {
    let runs = |rs: &[crate::compose::Run]| rs.iter().map(|r| r.text.as_str()).collect::<String>();
    match b {
        Block::Paragraph(p) => p.text(),
        Block::LabelList(l) => std::iter::once(runs(&l.label))
            .chain(l.items.iter().map(|i| runs(i)))
            .collect::<Vec<_>>()
            .join(" "),
        Block::Table(t) => t
            .rows
            .iter()
            .flat_map(|r| match r {
                crate::compose::TableRow::Cells(cells) => cells.iter().map(|c| runs(c)).collect(),
                crate::compose::TableRow::Group(g) => vec![runs(g)],
            })
            .collect::<Vec<_>>()
            .join(" "),
        Block::Columns(c) => c
            .columns
            .iter()
            .flat_map(|col| col.paragraphs.iter().map(Paragraph::text))
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

/// The Word paragraphs of a block's output in order, with (table, row, cell, cells in
/// the row) for those in a table's cells.
type Located<'a> = (
    &'a mut docx_rs::Paragraph,
    Option<(usize, usize, usize, usize)>,
);

fn word_paragraphs(out: &mut [Out]) -> Vec<Located<'_>> {
    let mut list = Vec::new();
    let mut table = 0;
    for o in out.iter_mut() {
        match o {
            Out::Paragraph(p) => list.push((&mut **p, None)),
            Out::Table(t) => {
                for (r, docx_rs::TableChild::TableRow(row)) in t.rows.iter_mut().enumerate() {
                    let n = row.cells.len();
                    for (c, docx_rs::TableRowChild::TableCell(cell)) in
                        row.cells.iter_mut().enumerate()
                    {
                        for content in cell.children.iter_mut() {
                            if let docx_rs::TableCellContent::Paragraph(p) = content {
                                list.push((&mut **p, Some((table, r, c, n))));
                            }
                        }
                    }
                }
                table += 1;
            }
        }
    }
    list
}

/// Opens each comment at the start of its paragraph of the block's output and closes
/// it at that paragraph's end.
fn attach_comments(out: &mut [Out], comments: Option<Vec<(Comment, Spot)>>) {
    let Some(comments) = comments else { return };
    let mut paragraphs = word_paragraphs(out);
    for (c, spot) in comments {
        let pick = match &spot {
            Spot::First => None,
            Spot::Text(n) => paragraphs.iter().position(|(p, _)| {
                // Its text without the tabs and line breaks between runs.
                crate::vi::nfc(&p.raw_text().replace(['\t', '\n'], ""))
                    .to_lowercase()
                    .contains(n.as_str())
            }),
            Spot::LastCell => paragraphs
                .iter()
                .position(|(_, at)| matches!(at, Some((0, 0, c, n)) if c + 1 == *n)),
        };
        let Some((p, _)) = paragraphs.get_mut(pick.unwrap_or(0)) else {
            return;
        };
        let id = c.id();
        let mut w = std::mem::take(&mut **p);
        let runs = std::mem::take(&mut w.children);
        w = w.add_comment_start(c);
        w.children.extend(runs);
        **p = w.add_comment_end(id);
    }
}
