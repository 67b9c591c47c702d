//! export: the last step of the pipeline, pages → PDF. Reads the positioned items that
//! layout produced and writes them as they are; it never re-runs layout and never
//! decides a break.
//!
//! Only this module imports printpdf (and the lopdf it builds documents with).
//!
//! - [`pdf`] holds [`write_pdf`] and its options;
//! - `content` writes the pages' content streams;
//! - `fonts` holds the bundled faces parsed for printpdf, and the subset tags;
//! - `finish` does what printpdf cannot (catalog `/Lang`, the Info dictionary, a
//!   deterministic file ID) and compresses the streams;
//! - [`error`] holds [`ExportError`];
//! - [`render_pdf`] and [`render_review_copy`] run the whole pipeline for one report.

mod content;
pub mod error;
mod finish;
mod fonts;
pub mod pdf;

pub use error::ExportError;
pub use pdf::{PdfOptions, to_pdf_space, write_pdf};

use crate::compose::{ComposeOptions, Document, compose, review_comments_part};
use crate::layout::{Fonts, Pages, layout};
use crate::model::{Project, Report};

/// The whole pipeline for one report: compose, lay out, write the PDF. Returns the
/// bytes and the warnings (figures that cannot be resolved, characters the font
/// lacks, …). A final version with an unresolved figure is refused.
pub fn render_pdf(
    project: &Project,
    report: &Report,
    options: ComposeOptions,
    creation_date: chrono::NaiveDateTime,
) -> Result<(Vec<u8>, Vec<String>), ExportError> {
    if options.final_version {
        let unresolved = crate::compose::placeholders::problems(project, report);
        if !unresolved.is_empty() {
            return Err(ExportError::Unresolved(
                unresolved.iter().map(|p| format!("- {p}")).collect(),
            ));
        }
    }
    let fonts = bundled_fonts()?;
    let doc = compose(project, report, options);
    let pages = layout(&doc, fonts);
    write(project, report, &doc, pages, creation_date)
}

/// The review copy ("bản xem xét") of `report`: the draft, with its `DỰ THẢO` marking,
/// followed by a part listing every open comment with the section, paragraph and page
/// of the draft it points to. Returns the bytes and the warnings, as [`render_pdf`].
pub fn render_review_copy(
    project: &Project,
    report: &Report,
    creation_date: chrono::NaiveDateTime,
) -> Result<(Vec<u8>, Vec<String>), ExportError> {
    let (doc, pages) = review_copy(project, report, bundled_fonts()?);
    write(project, report, &doc, pages, creation_date)
}

/// The document and pages of the review copy, for the PDF and the window's preview.
///
/// The draft is laid out once to find the page where each commented section and
/// paragraph starts; the comments part is composed from those pages and appended, and
/// the whole laid out again. Parts are laid out on their own, so the draft's pages
/// come out exactly as in the draft alone and the page numbers listed stay true.
pub fn review_copy(project: &Project, report: &Report, fonts: &Fonts) -> (Document, Pages) {
    let mut doc = compose(project, report, ComposeOptions::default());
    let draft = layout(&doc, fonts);
    doc.parts
        .push(review_comments_part(project, report, &draft.draft_pages()));
    doc.meta.title = format!("{} (bản xem xét)", doc.meta.title);
    doc.meta.keywords = format!("{}; bản xem xét", doc.meta.keywords);
    let pages = layout(&doc, fonts);
    (doc, pages)
}

fn bundled_fonts() -> Result<&'static Fonts, ExportError> {
    Fonts::bundled().ok_or(ExportError::Font(crate::layout::FontStyle::Regular))
}

/// Writes the laid-out `doc` and gathers the warnings of the figures and the layout.
fn write(
    project: &Project,
    report: &Report,
    doc: &Document,
    pages: Pages,
    creation_date: chrono::NaiveDateTime,
) -> Result<(Vec<u8>, Vec<String>), ExportError> {
    let mut pdf_options = PdfOptions::new(creation_date);
    pdf_options.draft = doc.draft;
    let bytes = write_pdf(&pages, &doc.meta, &pdf_options)?;
    let mut warnings: Vec<String> = crate::compose::placeholders::problems(project, report)
        .iter()
        .map(|p| format!("Số liệu chưa xác định: {p}"))
        .collect();
    warnings.extend(pages.warnings);
    Ok((bytes, warnings))
}

#[cfg(test)]
mod tests;
