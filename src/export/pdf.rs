//! export: pages → PDF bytes. The end of the pipeline; every position, size and break
//! comes from layout's [`Pages`], this file only translates them into PDF operators.
//!
//! The PDF is built with printpdf (page objects) and finished with the lopdf document
//! printpdf produces: `fonts.rs` embeds the fonts as CID TrueType subsets with a
//! `/ToUnicode` map, `content.rs` writes the page content streams, and `finish.rs` does
//! what printpdf cannot do (metadata, file ID, compression).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use printpdf::{FontId, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Pt, Rect};
use printpdf_lopdf::{Document, Object};

use super::content::{self, UsedFont};
use super::extras::{self, Attachment};
use super::images::{self, SignatureImages};
use super::{ExportError, finish, fonts};
use crate::layout::{FontStyle, Fonts, Item, Page, Pages};
use crate::render::Rendered;

/// What the PDF records besides the pages. There is no `Default`: export reads no clock,
/// so the caller must say when the document was made.
#[derive(Clone, Debug, PartialEq)]
pub struct PdfOptions {
    /// Written as the creation and modification date (local time, no zone).
    pub creation_date: NaiveDateTime,
    /// The program that made the content (Info `/Creator`).
    pub creator: String,
    /// The program that wrote the PDF (Info `/Producer`).
    pub producer: String,
    /// Files attached to the PDF: the report's source in a sign-ready final version.
    pub attachments: Vec<Attachment>,
    /// The signature and seal images of a sign-ready final version, placed where
    /// layout left room for them; none unless the clerk asks.
    pub signature_images: SignatureImages,
}

impl PdfOptions {
    /// Options for a final (not draft) document made by `baocao` at `creation_date`.
    pub fn new(creation_date: NaiveDateTime) -> Self {
        Self {
            creation_date,
            creator: "baocao".to_string(),
            producer: "baocao".to_string(),
            attachments: Vec::new(),
            signature_images: SignatureImages::default(),
        }
    }
}

/// Writes the rendered pages as a PDF: one PDF page per layout page, of the page's own
/// size; text in the bundled Liberation Serif, embedded as subsets; lines and frames
/// stroked in black; a draft is recorded as the keyword `dự thảo`. The same input
/// always gives the same bytes. Reads layout's output only: nothing is composed or
/// laid out here.
///
/// An empty [`Pages`] is an error ([`ExportError::NoPages`]) rather than a blank page:
/// layout always produces at least one page, so no pages means something went wrong
/// upstream, and a blank PDF would hide it.
pub fn write_pdf(rendered: &Rendered, options: &PdfOptions) -> Result<Vec<u8>, ExportError> {
    let (pages, meta) = (&rendered.pages, &rendered.meta);
    if pages.pages.is_empty() {
        return Err(ExportError::NoPages);
    }
    let texts = printable_texts(pages)?;
    let used = used_fonts(pages, &texts);

    let mut doc = PdfDocument::new(&meta.title);
    for page in &pages.pages {
        // Rounded to 0.01 pt like every coordinate, so readers report A4 as
        // 595.28 × 841.89 pt, as they do for Word's and LibreOffice's A4.
        let size = Rect::from_wh(Pt(round(page.width.0)), Pt(round(page.height.0)));
        doc.pages.push(PdfPage {
            media_box: size.clone(),
            trim_box: size.clone(),
            crop_box: size,
            ops: Vec::new(),
        });
    }

    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&save, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(ExportError::Library(w.msg.clone()));
    }
    let codes = embed_fonts(&mut lo, &used)?;
    content::replace_contents(&mut lo, &pages.pages, &texts, &used, &codes)?;
    images::draw(&mut lo, pages, &options.signature_images)?;
    extras::add(
        &mut lo,
        pages,
        meta,
        rendered.draft,
        options.creation_date,
        &options.attachments,
    )?;
    finish::finish(&mut lo, meta, rendered.draft, options)
}

/// Embeds the used styles' subsets into the font resources printpdf gave every page
/// (one dictionary, shared by the pages), under their subset tags.
fn embed_fonts(
    doc: &mut Document,
    used: &BTreeMap<FontStyle, UsedFont>,
) -> Result<BTreeMap<FontStyle, content::Codes>, ExportError> {
    let mut codes = BTreeMap::new();
    if used.is_empty() {
        return Ok(codes);
    }
    let no_fonts = |e: printpdf_lopdf::Error| ExportError::Library(format!("font resources: {e}"));
    let first = doc.get_pages().into_values().next();
    let resources = first
        .ok_or(ExportError::NoPages)
        .and_then(|page| doc.get_dictionary(page).map_err(no_fonts))
        .and_then(|page| {
            page.get(b"Resources")
                .and_then(Object::as_reference)
                .map_err(no_fonts)
        })
        .and_then(|r| doc.get_dictionary(r).map_err(no_fonts))
        .and_then(|r| {
            r.get(b"Font")
                .and_then(Object::as_reference)
                .map_err(no_fonts)
        })?;
    let mut entries = Vec::new();
    for (style, font) in used {
        let (id, map) = fonts::embed(doc, *style, font)?;
        entries.push((font.id.0.clone(), id));
        codes.insert(*style, map);
    }
    let dict = doc.get_dictionary_mut(resources).map_err(no_fonts)?;
    for (name, id) in entries {
        dict.set(name, Object::Reference(id));
    }
    Ok(codes)
}

/// Converts a point from page space (points from the top-left corner, y down) to PDF
/// space (points from the bottom-left corner, y up), rounded to 1/100 pt: finer is
/// invisible and only makes the file longer.
pub fn to_pdf_space(page_height_pt: f32, x_pt: f32, y_pt: f32) -> (f32, f32) {
    (round(x_pt), round(page_height_pt - y_pt))
}

pub(super) fn round(v: f32) -> f32 {
    let r = (v * 100.0).round() / 100.0;
    // `-0` would be written as `-0`; harmless, but `0` reads better.
    if r == 0.0 { 0.0 } else { r }
}

/// The text of every text item, in page order, with characters the face lacks replaced;
/// also rejects pages and items that cannot be written.
fn printable_texts(pages: &Pages) -> Result<Vec<Cow<'_, str>>, ExportError> {
    let glyphs = Fonts::bundled().ok_or(ExportError::Font(FontStyle::Regular))?;
    let mut out = Vec::new();
    for (p, page) in pages.pages.iter().enumerate() {
        check_page(p + 1, page)?;
        for (i, item) in page.items.iter().enumerate() {
            check_item(p + 1, i + 1, item)?;
            if let Item::Text(t) = item {
                out.push(fonts::printable(glyphs, t.style, &t.text));
            }
        }
    }
    Ok(out)
}

fn check_page(page: usize, p: &Page) -> Result<(), ExportError> {
    let ok = |v: f32| v.is_finite() && v > 0.0;
    if ok(p.width.0) && ok(p.height.0) {
        Ok(())
    } else {
        Err(ExportError::PageSize {
            page,
            width_pt: p.width.0,
            height_pt: p.height.0,
        })
    }
}

fn check_item(page: usize, item: usize, it: &Item) -> Result<(), ExportError> {
    let numbers: Vec<f32> = match it {
        Item::Text(t) => vec![t.x.0, t.baseline.0, t.size.0, t.word_spacing.0],
        Item::Line(l) => vec![l.x0.0, l.y0.0, l.x1.0, l.y1.0, l.width.0],
        Item::Rect(r) => vec![r.x.0, r.y.0, r.w.0, r.h.0, r.stroke.0],
        Item::Image(i) => vec![i.x.0, i.y.0, i.w.0, i.h.0],
    };
    let reason = if numbers.iter().any(|v| !v.is_finite()) {
        Some("vị trí hoặc kích thước không phải là một số hợp lệ")
    } else if matches!(it, Item::Text(t) if t.size.0 <= 0.0) {
        Some("cỡ chữ phải lớn hơn 0")
    } else {
        None
    };
    match reason {
        Some(r) => Err(ExportError::InvalidItem {
            page,
            item,
            reason: r.to_string(),
        }),
        None => Ok(()),
    }
}

/// The styles that draw at least one glyph, each with its font id (the subset tag) and
/// the characters it draws.
fn used_fonts(pages: &Pages, texts: &[Cow<str>]) -> BTreeMap<FontStyle, UsedFont> {
    let mut used: BTreeMap<FontStyle, CharSet> = BTreeMap::new();
    let items = pages.pages.iter().flat_map(|p| &p.items);
    let text_items = items.filter_map(|it| match it {
        Item::Text(t) => Some(t),
        _ => None,
    });
    for (t, text) in text_items.zip(texts) {
        if draws_something(text) {
            let set = used.entry(t.style).or_default();
            text.chars().for_each(|c| set.insert(c));
        }
    }
    let mut taken: Vec<String> = Vec::new();
    let mut fonts = BTreeMap::new();
    for (style, set) in used {
        let chars = set.into_chars();
        let tag = fonts::subset_tag(style, &chars, &taken);
        taken.push(tag.clone());
        fonts.insert(
            style,
            UsedFont {
                id: FontId(tag),
                chars,
            },
        );
    }
    fonts
}

/// A set of characters that costs a bit test per character for the common ones (a
/// report's ten thousand characters are a few hundred distinct ones).
#[derive(Default)]
struct CharSet {
    /// One bit per code point below `LOW`.
    low: Vec<u64>,
    other: BTreeSet<char>,
}

impl CharSet {
    const LOW: usize = 0x2600;

    fn insert(&mut self, c: char) {
        let cp = c as usize;
        if cp >= Self::LOW {
            self.other.insert(c);
            return;
        }
        if self.low.is_empty() {
            self.low = vec![0; Self::LOW / 64];
        }
        if let Some(word) = self.low.get_mut(cp / 64) {
            *word |= 1 << (cp % 64);
        }
    }

    fn into_chars(self) -> BTreeSet<char> {
        let mut chars = self.other;
        for (i, word) in self.low.iter().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                let cp = i * 64 + bits.trailing_zeros() as usize;
                chars.extend(char::from_u32(cp as u32));
                bits &= bits - 1;
            }
        }
        chars
    }
}

/// Text made only of spaces draws nothing and is left out, so that a style used only
/// for blanks is not embedded.
pub(super) fn draws_something(text: &str) -> bool {
    !text.trim().is_empty()
}

#[cfg(test)]
mod tests;
