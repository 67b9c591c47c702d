//! layout: the only place that decides line breaks, justification, page breaks,
//! keep-with-next, table row splitting and page numbers.
//!
//! A pure function `(document tree, fonts) -> pages`; the PDF writer and the preview
//! only read its output. Deterministic: the same input gives the same pages.

pub mod fonts;
pub mod page;

pub use fonts::Fonts;
pub use page::*;
