//! export: the last step of the pipeline, a [`Rendered`](crate::render::Rendered)
//! report → PDF, and its document tree → DOCX. The PDF writer reads the positioned
//! items that layout produced and writes them as they are; the DOCX writer hands the
//! tree to Word, which lays it out. Neither composes nor decides a break.
//!
//! Only this module imports printpdf (and the lopdf it builds documents with) and
//! docx-rs.
//!
//! - [`docx`] holds [`write_docx`]; `docx_styles`, `docx_blocks` and `docx_package`
//!   make its styles, its content and its package;
//! - [`pdf`] holds [`write_pdf`] and its options;
//! - `content` writes the pages' content streams;
//! - `fonts` holds the bundled faces parsed for printpdf, and the subset tags;
//! - `finish` does what printpdf cannot (catalog `/Lang`, the Info dictionary, a
//!   deterministic file ID) and compresses the streams;
//! - `extras` adds the outline, the XMP metadata and attached files;
//! - [`images`] decodes the signature and seal images of a sign-ready version;
//! - [`read`] reads a PDF back (attached files, signatures, page contents) for
//!   `baocao verify` and for opening a PDF the program wrote;
//! - [`error`] holds [`ExportError`].

mod content;
pub mod docx;
mod docx_blocks;
mod docx_package;
mod docx_styles;
pub mod error;
mod extras;
mod finish;
mod fonts;
pub mod images;
pub mod pdf;
pub mod read;

pub use docx::{DocxOptions, write_docx};
pub use error::ExportError;
pub use extras::{Attachment, ND30_NS};
pub use images::SignatureImages;
pub use pdf::{PdfOptions, to_pdf_space, write_pdf};
pub use read::{PdfFacts, ReadError, SignatureField, read_pdf};
