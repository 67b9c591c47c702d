//! export: the composed document tree → a Word (DOCX) file. Unlike the PDF writer this
//! reads the tree, not the pages: Word lays the report out itself, so the file carries
//! styles, list numbering, tables and sections for it to do so, and no positions.
//!
//! - the report and each appendix are sections of their own: A4, the project's
//!   margins, a centred PAGE field in the header from the second page, numbering
//!   restarting at 1 in each section;
//! - the header and signature blocks are borderless tables;
//! - the review copy's open comments become Word comments, anchored at the paragraph
//!   or the section heading they are about (the printed comments part is left out).

use chrono::NaiveDateTime;
use docx_rs::{
    AlignmentType, Comment, Docx, Header, PageMargin, PageNum, PageNumType, SectionProperty,
};

use super::ExportError;
use super::docx_blocks::{self, Ctx, Out};
use super::docx_styles::{self, half_points, twips};
use crate::compose::{Block, Paragraph, Part, SourceRef};
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
/// paragraph it is about, else its section's heading, else the title.
fn anchor_comments(rendered: &Rendered, part: &Part, ctx: &mut Ctx) {
    let paragraphs: Vec<(usize, &Paragraph)> = part
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(k, b)| match b {
            Block::Paragraph(p) => Some((k, p)),
            _ => None,
        })
        .collect();
    let title = paragraphs
        .iter()
        .find(|(_, p)| p.source == SourceRef::Info)
        .map_or(0, |(k, _)| *k);
    for (i, a) in rendered.annotations.iter().enumerate() {
        let in_section = |p: &&(usize, &Paragraph)| {
            a.section
                .as_deref()
                .is_some_and(|id| p.1.source.section_id() == Some(id))
        };
        let at = paragraphs
            .iter()
            .filter(in_section)
            .find(|(_, p)| a.paragraph.is_some() && p.index_in_source == a.paragraph)
            .or_else(|| {
                paragraphs
                    .iter()
                    .filter(in_section)
                    .find(|(_, p)| p.heading_level.is_some())
            })
            .map_or(title, |(k, _)| *k);
        let mut c = Comment::new(i + 1)
            .author(a.author.clone())
            .date(a.at.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        // One paragraph, its lines separated by line breaks: docx-rs 0.4.22 writes a
        // comment once per paragraph it holds.
        let mut run = docx_rs::Run::new();
        for (n, text) in a.paragraphs.iter().enumerate() {
            if n > 0 {
                run = run.add_break(docx_rs::BreakType::TextWrapping);
            }
            run = run.add_text(text.clone());
        }
        c = c.add_paragraph(ctx.para().add_run(run));
        ctx.comments.entry(at).or_default().push(c);
    }
}

/// Opens the comments at the start of the block's first paragraph and closes them at
/// its end.
fn attach_comments(out: &mut [Out], comments: Option<Vec<Comment>>) {
    let Some(comments) = comments else { return };
    let Some(Out::Paragraph(p)) = out.first_mut() else {
        return;
    };
    let mut w = std::mem::take(&mut **p);
    let runs = std::mem::take(&mut w.children);
    let ids: Vec<usize> = comments.iter().map(Comment::id).collect();
    for c in comments {
        w = w.add_comment_start(c);
    }
    w.children.extend(runs);
    for id in ids {
        w = w.add_comment_end(id);
    }
    **p = w;
}
