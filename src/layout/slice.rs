//! layout, shared piece: a [`Slice`] is a horizontal band of drawn items (a line, a
//! table row, a column block) whose items are positioned relative to the band's top;
//! the flow stacks slices and moves them onto pages.

use super::page::Item;
use crate::units::Pt;

/// A band that the flow places as a whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Slice {
    pub height: Pt,
    /// x on the page; y relative to the top of the slice.
    pub items: Vec<Item>,
    /// Baseline of the first text line, relative to the top (for column alignment).
    pub first_baseline: Option<Pt>,
}

impl Slice {
    /// Moves every item down by `dy`.
    pub(crate) fn shift_items(&mut self, dy: Pt) {
        for item in &mut self.items {
            shift(item, Pt(0.0), dy);
        }
    }
}

/// Moves one item.
pub(crate) fn shift(item: &mut Item, dx: Pt, dy: Pt) {
    match item {
        Item::Text(t) => {
            t.x += dx;
            t.baseline += dy;
        }
        Item::Line(l) => {
            l.x0 += dx;
            l.x1 += dx;
            l.y0 += dy;
            l.y1 += dy;
        }
        Item::Rect(r) => {
            r.x += dx;
            r.y += dy;
        }
        Item::Image(i) => {
            i.x += dx;
            i.y += dy;
        }
    }
}

/// Stacks slices into one: each goes below the previous, after its gap.
/// Returns the y where each input slice's top landed.
pub(crate) fn stack(parts: Vec<(Pt, Slice)>) -> (Slice, Vec<Pt>) {
    let mut out = Slice::default();
    let mut tops = Vec::with_capacity(parts.len());
    let mut y = Pt(0.0);
    for (gap, mut s) in parts {
        y += gap;
        tops.push(y);
        if out.first_baseline.is_none() {
            out.first_baseline = s.first_baseline.map(|b| b + y);
        }
        s.shift_items(y);
        out.items.append(&mut s.items);
        y += s.height;
    }
    out.height = y;
    (out, tops)
}

/// A thin straight line, the only stroke weight the decree's rules and tables use.
pub(crate) fn line(x0: f32, y0: f32, x1: f32, y1: f32) -> Item {
    Item::Line(super::page::LineItem {
        x0: Pt(x0),
        y0: Pt(y0),
        x1: Pt(x1),
        y1: Pt(y1),
        width: Pt(RULE_PT),
    })
}

/// Stroke of rules and table borders.
pub(crate) const RULE_PT: f32 = 0.5;
