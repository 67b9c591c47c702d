//! layout, step 4: the blocks of one part → units (lines, rows, column blocks) with the
//! rules about where a page may break between them, then the choice of page breaks.

use super::columns::lay_columns;
use super::label_list::lay_label_list;
use super::paragraph::{finite_or_zero, lay_paragraph};
use super::slice::Slice;
use super::table::lay_table;
use super::text::Ctx;
use crate::compose::{Block, Part, SourceRef};
use crate::units::Pt;

/// Slack when checking whether a unit fits above the bottom margin.
const FIT_EPS_PT: f32 = 0.01;

/// The text area of a page, in points from the page's top-left.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    pub x: Pt,
    pub width: Pt,
    pub top: Pt,
    pub height: Pt,
}

/// Something the flow places whole: a line, a table row, a column block, a spacer.
#[derive(Debug)]
pub(crate) struct Unit {
    /// Space above it; dropped when the unit starts a page.
    pub gap_before: Pt,
    pub slice: Slice,
    /// No page break between this unit and the next.
    pub keep_with_next: bool,
    /// Dropped when it would start a page (spacers).
    pub discard_at_top: bool,
    /// The table header to repeat above this unit when it starts a page.
    pub header: Option<usize>,
    /// Index of the block it comes from, when that block has a source.
    pub block: Option<usize>,
    /// Starts a new page (a section that asks to).
    pub break_before: bool,
}

/// The units of a part and the table headers they refer to.
#[derive(Debug, Default)]
pub(crate) struct Flow {
    pub units: Vec<Unit>,
    pub headers: Vec<Slice>,
}

impl Flow {
    fn push(&mut self, slice: Slice, keep_with_next: bool, gap: Pt) {
        self.units.push(Unit {
            gap_before: gap.max(Pt(0.0)),
            slice,
            keep_with_next,
            discard_at_top: false,
            header: None,
            block: None,
            break_before: false,
        });
    }
}

/// Lays out every block of `part` on the frame's width.
pub(crate) fn units_of_part(part: &Part, frame: &Frame, ctx: &mut Ctx) -> Flow {
    let mut flow = Flow::default();
    // Space after the previous block, added above the next one.
    let mut pending = Pt(0.0);
    let mut prev_keep = false;
    ctx.warnings.source = SourceRef::None;
    for (bi, block) in part.blocks.iter().enumerate() {
        let first_new = flow.units.len();
        if let Some(source) = source_of(block) {
            ctx.warnings.source = source.clone();
        }
        match block {
            Block::Paragraph(p) => {
                let bands = lay_paragraph(p, frame.x.0, frame.width.0, ctx).bands;
                let n = bands.len();
                for (i, band) in bands.into_iter().enumerate() {
                    // Widow/orphan: never break after the first or before the last line.
                    let keep = if i + 1 == n {
                        p.keep_with_next
                    } else {
                        p.keep_together || i == 0 || i + 2 == n
                    };
                    let gap = if i == 0 {
                        pending + Pt(finite_or_zero(p.space_before_pt))
                    } else {
                        Pt(0.0)
                    };
                    flow.push(band, keep, gap);
                    if i == 0
                        && p.page_break_before
                        && let Some(u) = flow.units.last_mut()
                    {
                        u.break_before = true;
                    }
                }
                pending = Pt(finite_or_zero(p.space_after_pt));
                prev_keep = p.keep_with_next;
            }
            Block::Spacer { height_pt } => {
                let slice = Slice {
                    height: Pt(finite_or_zero(*height_pt).max(0.0)),
                    ..Slice::default()
                };
                flow.push(slice, prev_keep, pending);
                if let Some(u) = flow.units.last_mut() {
                    u.discard_at_top = true;
                }
                pending = Pt(0.0);
            }
            Block::LabelList(l) => {
                let lines = lay_label_list(l, frame.x.0, frame.width.0, ctx);
                let n = lines.len();
                for (i, line) in lines.into_iter().enumerate() {
                    let keep = !line.ends_item && i + 1 < n;
                    flow.push(line.slice, keep, if i == 0 { pending } else { Pt(0.0) });
                }
                pending = Pt(finite_or_zero(l.space_after_pt));
                prev_keep = false;
            }
            Block::Columns(c) => {
                let slice = lay_columns(c, frame.x.0, frame.width.0, ctx);
                flow.push(
                    slice,
                    false,
                    pending + Pt(finite_or_zero(c.space_before_pt)),
                );
                pending = Pt(finite_or_zero(c.space_after_pt));
                prev_keep = false;
            }
            Block::Table(t) => {
                let laid = lay_table(t, frame.x.0, frame.width.0, frame.height.0, ctx);
                let header = laid.header.map(|h| {
                    flow.headers.push(h.clone());
                    flow.push(h, !laid.rows.is_empty(), pending);
                    flow.headers.len() - 1
                });
                let gap = if header.is_some() { Pt(0.0) } else { pending };
                let keeps = laid.keep_with_next;
                for (i, row) in laid.rows.into_iter().enumerate() {
                    let keep = keeps.get(i).copied().unwrap_or(false);
                    flow.push(row, keep, if i == 0 { gap } else { Pt(0.0) });
                    if let Some(u) = flow.units.last_mut() {
                        u.header = header;
                    }
                }
                pending = Pt(finite_or_zero(t.space_after_pt));
                prev_keep = false;
            }
        }
        if source_of(block).is_some() {
            for u in flow.units.get_mut(first_new..).unwrap_or(&mut []) {
                u.block = Some(bi);
            }
        }
    }
    flow
}

/// The source of a block, when it has one (spacers never do).
pub(crate) fn source_of(block: &Block) -> Option<&SourceRef> {
    match block {
        Block::Paragraph(p) => Some(&p.source),
        Block::LabelList(l) => Some(&l.source),
        Block::Table(t) => Some(&t.source),
        Block::Columns(c) => Some(&c.source),
        Block::Spacer { .. } => None,
    }
    .filter(|s| **s != SourceRef::None)
}

/// A unit placed on a page, `y` from the top of the text area.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Placed {
    pub unit: usize,
    pub y: Pt,
}

/// What goes on one page.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PagePlan {
    /// A repeated table header at the top of the text area.
    pub header: Option<usize>,
    pub placed: Vec<Placed>,
}

/// Chooses the page breaks: fills each page, then steps back to the last boundary
/// that may break; when a kept group is taller than a page, breaks it where it
/// overflows. Every page gets at least one unit, so this always ends.
pub(crate) fn paginate(flow: &Flow, body: Pt) -> Vec<PagePlan> {
    let units = &flow.units;
    let mut plans = Vec::new();
    let mut i = 0;
    loop {
        while units.get(i).is_some_and(|u| u.discard_at_top) {
            i += 1;
        }
        let Some(first) = units.get(i) else {
            break;
        };
        let header = first.header;
        let mut y = header
            .and_then(|h| flow.headers.get(h))
            .map_or(Pt(0.0), |h| h.height);
        let mut placed = vec![Placed { unit: i, y }];
        y += first.slice.height;
        let mut j = i + 1;
        while let Some(u) = units.get(j) {
            if u.break_before {
                break;
            }
            let top = y + u.gap_before;
            if top + u.slice.height > body + Pt(FIT_EPS_PT) {
                break;
            }
            placed.push(Placed { unit: j, y: top });
            y = top + u.slice.height;
            j += 1;
        }
        let end = if j >= units.len() || units.get(j).is_some_and(|u| u.break_before) {
            j
        } else {
            (i..j)
                .rev()
                .find(|m| units.get(*m).is_some_and(|u| !u.keep_with_next))
                .map_or(j, |m| m + 1)
        };
        placed.truncate(end - i);
        plans.push(PagePlan { header, placed });
        i = end;
    }
    plans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(h: f32, keep: bool) -> Unit {
        Unit {
            gap_before: Pt(0.0),
            slice: Slice {
                height: Pt(h),
                ..Slice::default()
            },
            keep_with_next: keep,
            discard_at_top: false,
            header: None,
            block: None,
            break_before: false,
        }
    }

    fn counts(plans: &[PagePlan]) -> Vec<usize> {
        plans.iter().map(|p| p.placed.len()).collect()
    }

    #[test]
    fn units_fill_pages_in_order() {
        let flow = Flow {
            units: (0..10).map(|_| unit(30.0, false)).collect(),
            headers: vec![],
        };
        assert_eq!(counts(&paginate(&flow, Pt(100.0))), vec![3, 3, 3, 1]);
    }

    #[test]
    fn a_kept_group_moves_to_the_next_page_whole() {
        let mut units: Vec<Unit> = (0..4).map(|_| unit(30.0, false)).collect();
        units[1].keep_with_next = true;
        units[2].keep_with_next = true;
        let flow = Flow {
            units,
            headers: vec![],
        };
        assert_eq!(counts(&paginate(&flow, Pt(100.0))), vec![1, 3]);
    }

    #[test]
    fn a_kept_group_taller_than_a_page_is_broken_anyway() {
        let flow = Flow {
            units: (0..10).map(|_| unit(30.0, true)).collect(),
            headers: vec![],
        };
        assert_eq!(counts(&paginate(&flow, Pt(100.0))), vec![3, 3, 3, 1]);
    }

    #[test]
    fn a_unit_taller_than_a_page_gets_a_page_of_its_own() {
        let flow = Flow {
            units: vec![unit(30.0, false), unit(500.0, false), unit(30.0, false)],
            headers: vec![],
        };
        assert_eq!(counts(&paginate(&flow, Pt(100.0))), vec![1, 1, 1]);
    }

    #[test]
    fn a_unit_asking_for_a_new_page_starts_one_even_inside_a_kept_group() {
        let mut units: Vec<Unit> = (0..4).map(|_| unit(10.0, true)).collect();
        units[2].break_before = true;
        let flow = Flow {
            units,
            headers: vec![],
        };
        assert_eq!(counts(&paginate(&flow, Pt(100.0))), vec![2, 2]);
    }

    #[test]
    fn spacers_are_dropped_at_the_top_of_a_page_and_gaps_too() {
        let mut units: Vec<Unit> = (0..5).map(|_| unit(30.0, false)).collect();
        units[3].discard_at_top = true;
        units[4].gap_before = Pt(20.0);
        let flow = Flow {
            units,
            headers: vec![],
        };
        let plans = paginate(&flow, Pt(100.0));
        assert_eq!(counts(&plans), vec![3, 1]);
        assert_eq!(
            plans[1].placed[0],
            Placed {
                unit: 4,
                y: Pt(0.0)
            }
        );
    }
}
