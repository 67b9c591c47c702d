//! Laid-out pages: flat lists of positioned items. The PDF writer and the on-screen
//! preview both read these and decide nothing themselves.
//!
//! Coordinates are points from the page's top-left corner; y grows downwards.

use crate::compose::{DraftPages, SourceRef};
use crate::units::Pt;

/// The four styles of the bundled serif font.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontStyle {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FontStyle {
    pub fn from_flags(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (false, false) => FontStyle::Regular,
            (true, false) => FontStyle::Bold,
            (false, true) => FontStyle::Italic,
            (true, true) => FontStyle::BoldItalic,
        }
    }

    pub const ALL: [FontStyle; 4] = [
        FontStyle::Regular,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::BoldItalic,
    ];
}

/// The result of laying out a document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pages {
    pub pages: Vec<Page>,
    /// Problems met on the way (characters the font lacks, …).
    pub warnings: Vec<LayoutWarning>,
}

/// A problem met while laying out, in Vietnamese, with the piece of the report it was
/// met in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutWarning {
    pub message: String,
    /// The source of the block being laid out, or for a block the program made (a
    /// generated table) the last piece before it in its part; `SourceRef::None` for
    /// what concerns the whole document (the page margins).
    pub source: crate::compose::SourceRef,
}

impl std::fmt::Display for LayoutWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// One page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub width: Pt,
    pub height: Pt,
    pub items: Vec<Item>,
    /// Areas of the page and the part of the report they show, for click-to-jump.
    pub regions: Vec<Region>,
    /// Where each numbered paragraph that starts on this page begins (review comments
    /// anchored to a paragraph point there).
    pub anchors: Vec<Anchor>,
    /// The headings that start on this page (section headings, and each appendix's
    /// name), in order: the PDF outline points at them.
    pub headings: Vec<Heading>,
    /// Index of the document part (0 = report body, 1.. = appendices).
    pub part: usize,
    /// Page number within its part, from 1.
    pub number_in_part: usize,
}

/// Something drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text(TextItem),
    Line(LineItem),
    Rect(RectItem),
    /// Where the PDF draws an image it is given (the signature and the seal of a
    /// sign-ready version); the preview leaves it blank.
    Image(ImageItem),
}

/// Which image an [`ImageItem`] holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ImageKind {
    /// The signer's handwritten signature, fitted into the box, centred.
    Signature,
    /// The organisation's seal, drawn at its actual size centred on the box (the box's
    /// size when the image does not say its resolution).
    Seal,
}

/// A box for an image, from the top-left corner of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageItem {
    pub kind: ImageKind,
    pub x: Pt,
    pub y: Pt,
    pub w: Pt,
    pub h: Pt,
}

/// A run of text on one baseline in one font style and size.
#[derive(Clone, Debug, PartialEq)]
pub struct TextItem {
    pub x: Pt,
    /// Baseline, from the top of the page.
    pub baseline: Pt,
    pub size: Pt,
    pub style: FontStyle,
    /// Only characters the font has; missing ones were replaced by the layout.
    pub text: String,
    /// Extra space added after every U+0020 in `text` (justification).
    pub word_spacing: Pt,
    /// The run's advance width including the extra word spacing.
    pub width: Pt,
    /// Text the clerk must fix (drawn in colour in the preview only).
    pub flagged: bool,
}

/// A straight line (rules under the agency, motto and summary; table borders).
#[derive(Clone, Debug, PartialEq)]
pub struct LineItem {
    pub x0: Pt,
    pub y0: Pt,
    pub x1: Pt,
    pub y1: Pt,
    pub width: Pt,
}

/// An unfilled rectangle (the frame of the draft marking).
#[derive(Clone, Debug, PartialEq)]
pub struct RectItem {
    pub x: Pt,
    pub y: Pt,
    pub w: Pt,
    pub h: Pt,
    pub stroke: Pt,
}

/// Where a heading starts, for the PDF outline (bookmarks).
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    /// 1 for `I.` and for an appendix, 2 for `1.`, and so on.
    pub level: u8,
    /// The heading as printed, number included (`II. KẾT QUẢ …`).
    pub title: String,
    /// Top of the heading's first line, from the top of the page.
    pub y: Pt,
}

/// A rectangle of the page that shows a given part of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub x: Pt,
    pub y: Pt,
    pub w: Pt,
    pub h: Pt,
    pub source: SourceRef,
}

/// The start of a paragraph that its source numbers ([`crate::compose::Paragraph::index_in_source`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    pub source: SourceRef,
    /// The paragraph's index within its source, from 0.
    pub paragraph: usize,
    /// Top of the paragraph's first line, from the top of the page.
    pub y: Pt,
}

impl Pages {
    /// The printed page numbers (within the report body, page 1 = the first page) where
    /// each section and each numbered paragraph of a section starts, read from the
    /// regions and anchors of the body's pages.
    pub fn draft_pages(&self) -> DraftPages {
        let mut out = DraftPages::default();
        for page in self.pages.iter().filter(|p| p.part == 0) {
            for r in &page.regions {
                if let Some(id) = r.source.section_id() {
                    out.sections
                        .entry(id.to_owned())
                        .or_insert(page.number_in_part);
                }
            }
            for a in &page.anchors {
                if let Some(id) = a.source.section_id() {
                    out.paragraphs
                        .entry((id.to_owned(), a.paragraph))
                        .or_insert(page.number_in_part);
                }
            }
        }
        out
    }
}
