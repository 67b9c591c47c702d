//! export: the last step of the pipeline, pages → PDF. Reads the positioned items that
//! layout produced and writes them as they are; it never re-runs layout and never
//! decides a break.
//!
//! Only this module imports printpdf (and the lopdf it builds documents with).
//!
//! - [`pdf`] holds [`write_pdf`] and its options;
//! - `fonts` holds the bundled faces parsed for printpdf, and the subset tags;
//! - `finish` does what printpdf cannot (catalog `/Lang`, the Info dictionary, a
//!   deterministic file ID);
//! - [`error`] holds [`ExportError`].

pub mod error;
mod finish;
mod fonts;
pub mod pdf;

pub use error::ExportError;
pub use pdf::{PdfOptions, to_pdf_space, write_pdf};

use crate::compose::{ComposeOptions, compose};
use crate::layout::{Fonts, layout};
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
    let fonts = Fonts::bundled().ok_or(ExportError::Font(crate::layout::FontStyle::Regular))?;
    let doc = compose(project, report, options);
    let pages = layout(&doc, fonts);
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
