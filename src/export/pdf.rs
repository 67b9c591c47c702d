//! export: pages → PDF bytes. The end of the pipeline; every position, size and break
//! comes from layout's [`Pages`], this file only translates them into PDF operators.
//!
//! The PDF is built with printpdf (fonts embedded as CID TrueType subsets with a
//! `/ToUnicode` map, content streams compressed) and finished with the lopdf document
//! printpdf produces (see `finish.rs` for what printpdf cannot do).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, TextItem as PdfTextItem, TextMatrix,
};

use super::{ExportError, finish, fonts};
use crate::layout::{FontStyle, Item, LineItem, Page, Pages, RectItem, TextItem};
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
}

impl PdfOptions {
    /// Options for a final (not draft) document made by `baocao` at `creation_date`.
    pub fn new(creation_date: NaiveDateTime) -> Self {
        Self {
            creation_date,
            creator: "baocao".to_string(),
            producer: "baocao".to_string(),
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
    let font_ids = font_ids(pages, &texts);

    let mut doc = PdfDocument::new(&meta.title);
    for (style, id) in &font_ids {
        let face = fonts::face(*style)?;
        // Registered under our own id: `PdfDocument::add_font` draws a random one, and
        // printpdf takes the subset tag from the id's first six letters.
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(face.clone()));
    }
    let mut text_iter = texts.iter();
    for (index, page) in pages.pages.iter().enumerate() {
        let ops = page_ops(index + 1, page, &mut text_iter, &font_ids)?;
        // Rounded to 0.01 pt like every coordinate, so readers report A4 as
        // 595.28 × 841.89 pt, as they do for Word's and LibreOffice's A4.
        let size = Rect::from_wh(Pt(round(page.width_pt)), Pt(round(page.height_pt)));
        doc.pages.push(PdfPage {
            media_box: size.clone(),
            trim_box: size.clone(),
            crop_box: size,
            ops,
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
    finish::finish(&mut lo, meta, rendered.draft, options)
}

/// Converts a point from page space (points from the top-left corner, y down) to PDF
/// space (points from the bottom-left corner, y up), rounded to 1/100 pt: finer is
/// invisible and only makes the file longer.
pub fn to_pdf_space(page_height_pt: f32, x_pt: f32, y_pt: f32) -> (f32, f32) {
    (round(x_pt), round(page_height_pt - y_pt))
}

fn round(v: f32) -> f32 {
    let r = (v * 100.0).round() / 100.0;
    // `-0` would be written as `-0`; harmless, but `0` reads better.
    if r == 0.0 { 0.0 } else { r }
}

/// The text of every text item, in page order, with characters the face lacks replaced;
/// also rejects pages and items that cannot be written.
fn printable_texts(pages: &Pages) -> Result<Vec<String>, ExportError> {
    let mut out = Vec::new();
    for (p, page) in pages.pages.iter().enumerate() {
        check_page(p + 1, page)?;
        for (i, item) in page.items.iter().enumerate() {
            check_item(p + 1, i + 1, item)?;
            if let Item::Text(t) = item {
                out.push(fonts::printable(fonts::face(t.style)?, &t.text));
            }
        }
    }
    Ok(out)
}

fn check_page(page: usize, p: &Page) -> Result<(), ExportError> {
    let ok = |v: f32| v.is_finite() && v > 0.0;
    if ok(p.width_pt) && ok(p.height_pt) {
        Ok(())
    } else {
        Err(ExportError::PageSize {
            page,
            width_pt: p.width_pt,
            height_pt: p.height_pt,
        })
    }
}

fn check_item(page: usize, item: usize, it: &Item) -> Result<(), ExportError> {
    let numbers: Vec<f32> = match it {
        Item::Text(t) => vec![t.x_pt, t.baseline_pt, t.size_pt, t.word_spacing_pt],
        Item::Line(l) => vec![l.x0_pt, l.y0_pt, l.x1_pt, l.y1_pt, l.width_pt],
        Item::Rect(r) => vec![r.x_pt, r.y_pt, r.w_pt, r.h_pt, r.stroke_pt],
    };
    let reason = if numbers.iter().any(|v| !v.is_finite()) {
        Some("vị trí hoặc kích thước không phải là một số hợp lệ")
    } else if matches!(it, Item::Text(t) if t.size_pt <= 0.0) {
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

/// One font id per style that draws at least one glyph; the id is the subset tag.
fn font_ids(pages: &Pages, texts: &[String]) -> BTreeMap<FontStyle, FontId> {
    let mut used: BTreeMap<FontStyle, BTreeSet<char>> = BTreeMap::new();
    let items = pages.pages.iter().flat_map(|p| &p.items);
    let text_items = items.filter_map(|it| match it {
        Item::Text(t) => Some(t),
        _ => None,
    });
    for (t, text) in text_items.zip(texts) {
        if draws_something(text) {
            used.entry(t.style).or_default().extend(text.chars());
        }
    }
    let mut taken: Vec<String> = Vec::new();
    let mut ids = BTreeMap::new();
    for (style, chars) in used {
        let tag = fonts::subset_tag(style, &chars, &taken);
        taken.push(tag.clone());
        ids.insert(style, FontId(tag));
    }
    ids
}

/// Text made only of spaces draws nothing and is left out, so that a style used only
/// for blanks is not embedded.
fn draws_something(text: &str) -> bool {
    !text.trim().is_empty()
}

fn black() -> Color {
    Color::Greyscale(Greyscale::new(0.0, None))
}

/// The operators of one page: rules and frames first, then all text in one text object,
/// in the order layout gave it (which is the reading order).
fn page_ops<'a>(
    page_no: usize,
    page: &Page,
    texts: &mut impl Iterator<Item = &'a String>,
    font_ids: &BTreeMap<FontStyle, FontId>,
) -> Result<Vec<Op>, ExportError> {
    let h = page.height_pt;
    let mut ops = vec![
        Op::SetFillColor { col: black() },
        Op::SetOutlineColor { col: black() },
    ];
    let mut stroke: Option<f32> = None;
    let mut set_stroke = |ops: &mut Vec<Op>, w: f32| {
        let w = round(w);
        if stroke != Some(w) {
            ops.push(Op::SetOutlineThickness { pt: Pt(w) });
            stroke = Some(w);
        }
    };
    for item in &page.items {
        match item {
            Item::Line(l) => {
                set_stroke(&mut ops, l.width_pt);
                ops.push(line_op(h, l));
            }
            Item::Rect(r) => {
                set_stroke(&mut ops, r.stroke_pt);
                ops.push(rect_op(h, r));
            }
            Item::Text(_) => {}
        }
    }

    let mut text_ops = Vec::new();
    let mut font: Option<(FontStyle, f32)> = None;
    for item in &page.items {
        let Item::Text(t) = item else { continue };
        let Some(text) = texts.next() else {
            return Err(ExportError::Library(format!(
                "trang {page_no}: thiếu nội dung chữ"
            )));
        };
        if !draws_something(text) {
            continue;
        }
        let Some(id) = font_ids.get(&t.style) else {
            continue;
        };
        let size = round(t.size_pt);
        if font != Some((t.style, size)) {
            text_ops.push(Op::SetFont {
                font: PdfFontHandle::External(id.clone()),
                size: Pt(size),
            });
            font = Some((t.style, size));
        }
        let (x, y) = to_pdf_space(h, t.x_pt, t.baseline_pt);
        text_ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(y)),
        });
        text_ops.push(Op::ShowText {
            items: show_items(t, text),
        });
    }
    if !text_ops.is_empty() {
        ops.push(Op::StartTextSection);
        ops.append(&mut text_ops);
        ops.push(Op::EndTextSection);
    }
    Ok(ops)
}

fn line_op(page_height: f32, l: &LineItem) -> Op {
    let point = |x: f32, y: f32| {
        let (x, y) = to_pdf_space(page_height, x, y);
        LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        }
    };
    Op::DrawLine {
        line: Line {
            points: vec![point(l.x0_pt, l.y0_pt), point(l.x1_pt, l.y1_pt)],
            is_closed: false,
        },
    }
}

fn rect_op(page_height: f32, r: &RectItem) -> Op {
    // PDF rectangles are anchored at their lower-left corner.
    let (x, y) = to_pdf_space(page_height, r.x_pt, r.y_pt + r.h_pt);
    Op::DrawRectangle {
        rectangle: Rect {
            x: Pt(x),
            y: Pt(y),
            width: Pt(round(r.w_pt)),
            height: Pt(round(r.h_pt)),
            mode: Some(PaintMode::Stroke),
            winding_order: None,
        },
    }
}

/// The `TJ` array of one run. Justification: the fonts are CID fonts, for which PDF
/// applies `Tw` to no character at all (it only acts on the single byte 32), so the
/// extra space goes into the array as a kerning number after every space. The spaces
/// themselves stay in the text, so extraction still sees the words apart.
fn show_items(t: &TextItem, text: &str) -> Vec<PdfTextItem> {
    // TJ numbers are thousandths of the text size, moving left when positive.
    let kern = -(t.word_spacing_pt * 1000.0 / t.size_pt);
    let kern = (kern * 100.0).round() / 100.0;
    if kern == 0.0 || !text.contains(' ') {
        return vec![PdfTextItem::Text(text.to_string())];
    }
    let mut items = Vec::new();
    let mut rest = text;
    while let Some(pos) = rest.find(' ') {
        let (word, after) = rest.split_at(pos + 1);
        items.push(PdfTextItem::Text(word.to_string()));
        rest = after;
        if !rest.is_empty() {
            items.push(PdfTextItem::Offset(kern));
        }
    }
    if !rest.is_empty() {
        items.push(PdfTextItem::Text(rest.to_string()));
    }
    items
}

#[cfg(test)]
mod tests;
