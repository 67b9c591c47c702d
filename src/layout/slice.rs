//! layout, shared piece: a [`Slice`] is a horizontal band of drawn items (a line, a
//! table row, a column block) whose items are positioned relative to the band's top;
//! the flow stacks slices and moves them onto pages.

use super::page::Item;

/// A band that the flow places as a whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Slice {
    pub height_pt: f32,
    /// x on the page; y relative to the top of the slice.
    pub items: Vec<Item>,
    /// Baseline of the first text line, relative to the top (for column alignment).
    pub first_baseline_pt: Option<f32>,
}

impl Slice {
    /// Moves every item down by `dy_pt`.
    pub(crate) fn shift_items(&mut self, dy_pt: f32) {
        for item in &mut self.items {
            shift(item, 0.0, dy_pt);
        }
    }
}

/// Moves one item.
pub(crate) fn shift(item: &mut Item, dx_pt: f32, dy_pt: f32) {
    match item {
        Item::Text(t) => {
            t.x_pt += dx_pt;
            t.baseline_pt += dy_pt;
        }
        Item::Line(l) => {
            l.x0_pt += dx_pt;
            l.x1_pt += dx_pt;
            l.y0_pt += dy_pt;
            l.y1_pt += dy_pt;
        }
        Item::Rect(r) => {
            r.x_pt += dx_pt;
            r.y_pt += dy_pt;
        }
        Item::Image(i) => {
            i.x_pt += dx_pt;
            i.y_pt += dy_pt;
        }
    }
}

/// Stacks slices into one: each goes below the previous, after its gap.
/// Returns the y where each input slice's top landed.
pub(crate) fn stack(parts: Vec<(f32, Slice)>) -> (Slice, Vec<f32>) {
    let mut out = Slice::default();
    let mut tops = Vec::with_capacity(parts.len());
    let mut y = 0.0;
    for (gap_pt, mut s) in parts {
        y += gap_pt;
        tops.push(y);
        if out.first_baseline_pt.is_none() {
            out.first_baseline_pt = s.first_baseline_pt.map(|b| b + y);
        }
        s.shift_items(y);
        out.items.append(&mut s.items);
        y += s.height_pt;
    }
    out.height_pt = y;
    (out, tops)
}

/// A thin straight line, the only stroke weight the decree's rules and tables use.
pub(crate) fn line(x0_pt: f32, y0_pt: f32, x1_pt: f32, y1_pt: f32) -> Item {
    Item::Line(super::page::LineItem {
        x0_pt,
        y0_pt,
        x1_pt,
        y1_pt,
        width_pt: RULE_PT,
    })
}

/// Stroke of rules and table borders.
pub(crate) const RULE_PT: f32 = 0.5;
