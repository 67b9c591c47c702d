//! layout: the only place that decides line breaks, justification, page breaks,
//! keep-with-next, table row splitting and page numbers.
//!
//! A pure function `(document tree, fonts) -> pages`; the PDF writer and the preview
//! only read its output. Deterministic: the same input gives the same pages.
//!
//! Steps: [`text`] cleans runs, [`lines`] breaks and justifies lines, `paragraph`,
//! `label_list`, `table` and `columns` turn blocks into bands, [`flow`] chooses the
//! page breaks and `assemble` writes the pages.

mod assemble;
mod columns;
mod dump;
mod flow;
pub mod fonts;
mod label_list;
mod lines;
pub mod page;
mod paragraph;
mod slice;
mod table;
mod text;

#[cfg(test)]
mod table_tests;
#[cfg(test)]
mod tests;

pub use dump::dump;
pub use fonts::Fonts;
pub use page::*;
pub(crate) use table::table_column_widths;

use crate::compose::{Document, Part};
use crate::model::PageSetup;
use crate::units::{A4, Mm, Pt};
use assemble::PartPages;
use flow::Frame;
use text::Ctx;

/// Smallest text area (in mm, each way) layout accepts before falling back to the
/// default margins: narrower would put one character per line on thousands of pages.
const MIN_TEXT_MM: f32 = 50.0;

/// Lays `doc` out on A4 pages. Each part starts on a new page and numbers its pages
/// from 1; every part gives at least one page, an empty document one blank page.
pub fn layout(doc: &Document, fonts: &Fonts) -> Pages {
    let mut ctx = Ctx::new(fonts);
    let setup = sane_setup(&doc.setup, &mut ctx);
    let empty = [Part::default()];
    let parts = if doc.parts.is_empty() {
        &empty[..]
    } else {
        &doc.parts[..]
    };
    let mut pages = Vec::new();
    for (index, part) in parts.iter().enumerate() {
        let frame = frame(setup, part.landscape);
        let flow = flow::units_of_part(part, &frame, &mut ctx);
        let plans = flow::paginate(&flow, frame.height);
        let pp = PartPages {
            part,
            index,
            frame,
            number_size_pt: doc.setup.page_number_size_pt,
        };
        pages.extend(assemble::assemble(&pp, flow, &plans, &ctx));
    }
    Pages {
        pages,
        warnings: ctx.warnings.list,
    }
}

/// The setup; the default one when its margins make no sense (said once).
fn sane_setup<'a>(setup: &'a PageSetup, ctx: &mut Ctx) -> &'a PageSetup {
    let sane = |s: &PageSetup| {
        let m = [
            s.margin_top_mm,
            s.margin_bottom_mm,
            s.margin_left_mm,
            s.margin_right_mm,
        ];
        m.iter().all(|v| v.is_finite() && *v >= 0.0)
            && A4.width.0 - s.margin_left_mm - s.margin_right_mm >= MIN_TEXT_MM
            && A4.height.0 - s.margin_top_mm - s.margin_bottom_mm >= MIN_TEXT_MM
    };
    if sane(setup) {
        setup
    } else {
        ctx.warnings
            .once("Lề trang không hợp lệ; đã dàn trang theo lề mặc định của Nghị định 30/2020.");
        &DEFAULT_SETUP
    }
}

/// The setup of a document whose own margins make no sense.
static DEFAULT_SETUP: std::sync::LazyLock<PageSetup> = std::sync::LazyLock::new(PageSetup::default);

/// The size of a part's pages, in points: A4, turned sideways for a landscape part.
pub(crate) fn page_size(landscape: bool) -> (Pt, Pt) {
    let (w, h) = (A4.width.to_pt(), A4.height.to_pt());
    if landscape { (h, w) } else { (w, h) }
}

/// The text area of a page with the setup's margins.
fn frame(s: &PageSetup, landscape: bool) -> Frame {
    let (left, right) = (Mm(s.margin_left_mm).to_pt(), Mm(s.margin_right_mm).to_pt());
    let (top, bottom) = (Mm(s.margin_top_mm).to_pt(), Mm(s.margin_bottom_mm).to_pt());
    let (page_width, page_height) = page_size(landscape);
    Frame {
        x: left,
        width: page_width - right - left,
        top,
        // Margins that fit a portrait page may leave a sideways one too short.
        height: (page_height - bottom - top).max(Mm(MIN_TEXT_MM).to_pt()),
    }
}
