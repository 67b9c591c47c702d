//! export: the last step of the pipeline, a [`Rendered`](crate::render::Rendered)
//! report → PDF. Reads the positioned items that layout produced and writes them as
//! they are; it never composes, never re-runs layout and never decides a break.
//!
//! Only this module imports printpdf (and the lopdf it builds documents with).
//!
//! - [`pdf`] holds [`write_pdf`] and its options;
//! - `content` writes the pages' content streams;
//! - `fonts` holds the bundled faces parsed for printpdf, and the subset tags;
//! - `finish` does what printpdf cannot (catalog `/Lang`, the Info dictionary, a
//!   deterministic file ID) and compresses the streams;
//! - [`error`] holds [`ExportError`].

mod content;
pub mod error;
mod finish;
mod fonts;
pub mod pdf;

pub use error::ExportError;
pub use pdf::{PdfOptions, to_pdf_space, write_pdf};
