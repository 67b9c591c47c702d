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

use crate::compose::{Document, Part};
use crate::model::PageSetup;
use crate::units::{A4, Mm};
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
    let frame = frame(&doc.setup, &mut ctx);
    let empty = [Part::default()];
    let parts = if doc.parts.is_empty() {
        &empty[..]
    } else {
        &doc.parts[..]
    };
    let mut pages = Vec::new();
    for (index, part) in parts.iter().enumerate() {
        let flow = flow::units_of_part(part, &frame, &mut ctx);
        let plans = flow::paginate(&flow, frame.height_pt);
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

/// The text area of the setup; the default margins when the setup's make no sense.
fn frame(setup: &PageSetup, ctx: &mut Ctx) -> Frame {
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
    let default = PageSetup::default();
    let s = if sane(setup) {
        setup
    } else {
        ctx.warnings.list.push(
            "Lề trang không hợp lệ; đã dàn trang theo lề mặc định của Nghị định 30/2020."
                .to_owned(),
        );
        &default
    };
    let (left, right) = (Mm(s.margin_left_mm).to_pt(), Mm(s.margin_right_mm).to_pt());
    let (top, bottom) = (Mm(s.margin_top_mm).to_pt(), Mm(s.margin_bottom_mm).to_pt());
    let (page_width, page_height) = (A4.width.to_pt(), A4.height.to_pt());
    Frame {
        x_pt: left.0,
        width_pt: (page_width - right - left).0,
        top_pt: top.0,
        height_pt: (page_height - bottom - top).0,
    }
}
