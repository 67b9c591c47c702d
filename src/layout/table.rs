//! layout, step 3d: a [`Table`] → a header band (repeated by the flow on every page the
//! table spans) and one band per row; a row taller than a page comes in several bands
//! cut between lines.

use super::lines::{LineParams, lay_lines, sane_size};
use super::paragraph::finite_or_zero;
use super::slice::{Slice, line};
use super::text::{Ctx, Styled};
use crate::compose::{Align, Table, TableRow};
use crate::units::Mm;

/// Space between the cell borders and the text, left and right.
const PAD_X_PT: f32 = Mm(1.5).to_pt().0;
/// Space between the cell borders and the text, top and bottom.
const PAD_Y_PT: f32 = Mm(1.0).to_pt().0;

/// Warning for text in cells beyond the last column, which has nowhere to go.
const EXTRA_CELLS: &str = "Bảng có hàng nhiều ô hơn số cột; nội dung các ô thừa không được in.";

/// A laid-out table.
pub(crate) struct LaidTable {
    /// The header row, when any column has a header text.
    pub header: Option<Slice>,
    /// Body rows; a row too tall for a page is several consecutive bands.
    pub rows: Vec<Slice>,
    /// One per band of `rows`: no page break after it. Set on a group heading, which
    /// stays with the row under it instead of standing alone at the foot of a page.
    pub keep_with_next: Vec<bool>,
}

/// Lays `t` out on `width_pt` from `x_pt`; no band is taller than `page_body_pt`
/// (the height of the text area) once the header is repeated above it.
pub(crate) fn lay_table(
    t: &Table,
    x_pt: f32,
    width_pt: f32,
    page_body_pt: f32,
    ctx: &mut Ctx,
) -> LaidTable {
    if t.columns.is_empty() {
        return LaidTable {
            header: None,
            rows: Vec::new(),
            keep_with_next: Vec::new(),
        };
    }
    let edges = edges(t, x_pt, width_pt);
    let cols: Vec<(f32, f32)> = edges
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((*a, *b)),
            _ => None,
        })
        .collect();
    let size = sane_size(t.size_pt);
    let cell = |ctx: &mut Ctx, styled: &Styled, x0: f32, x1: f32, align: Align| -> Vec<Slice> {
        let params = LineParams {
            size_pt: size,
            align,
            first_indent_pt: 0.0,
            x_pt: x0 + PAD_X_PT,
            width_pt: (x1 - x0 - 2.0 * PAD_X_PT).max(1.0),
            line_spacing: 1.0,
        };
        lay_lines(styled, &params, ctx.fonts)
            .into_iter()
            .map(|l| l.slice)
            .collect()
    };
    let has_header = t.columns.iter().any(|c| !c.header.trim().is_empty());
    let header = has_header.then(|| {
        let cells = t
            .columns
            .iter()
            .zip(&cols)
            .map(|(c, (x0, x1))| {
                let s = ctx.styled_str(&c.header, true);
                cell(ctx, &s, *x0, *x1, Align::Center)
            })
            .collect();
        // No cap: the header is always one band.
        build_row(cells, &edges, true, f32::INFINITY)
            .into_iter()
            .next()
            .unwrap_or_default()
    });
    let max_row_pt = (page_body_pt - header.as_ref().map_or(0.0, |h| h.height_pt)).max(size * 2.0);
    let (left, right) = (x_pt, x_pt + width_pt);
    let mut rows = Vec::with_capacity(t.rows.len());
    let mut keep_with_next = Vec::with_capacity(t.rows.len());
    for (ri, row) in t.rows.iter().enumerate() {
        let bands = match row {
            TableRow::Cells(cells) => {
                let extra = cells.get(t.columns.len()..).unwrap_or(&[]);
                if extra.iter().flatten().any(|r| !r.text.trim().is_empty()) {
                    ctx.warnings.once(EXTRA_CELLS);
                }
                let laid = t
                    .columns
                    .iter()
                    .zip(&cols)
                    .enumerate()
                    .map(|(i, (c, (x0, x1)))| {
                        let runs = cells.get(i).map_or(&[][..], |r| r.as_slice());
                        let s = ctx.styled(runs, false);
                        cell(ctx, &s, *x0, *x1, c.align)
                    })
                    .collect();
                build_row(laid, &edges, !has_header, max_row_pt)
            }
            TableRow::Group(runs) => {
                let s = ctx.styled(runs, true);
                let laid = vec![cell(ctx, &s, left, right, Align::Left)];
                build_row(laid, &[left, right], !has_header, max_row_pt)
            }
        };
        let keep = matches!(row, TableRow::Group(_)) && ri + 1 < t.rows.len();
        keep_with_next.extend(bands.iter().map(|_| keep));
        rows.extend(bands);
    }
    LaidTable {
        header,
        rows,
        keep_with_next,
    }
}

/// Column borders: weights scaled to the width, the last edge exactly on the right.
fn edges(t: &Table, x_pt: f32, width_pt: f32) -> Vec<f32> {
    let weights: Vec<f32> = t
        .columns
        .iter()
        .map(|c| finite_or_zero(c.weight).max(0.0))
        .collect();
    let sum: f32 = weights.iter().sum();
    let n = weights.len().max(1) as f32;
    let mut out = Vec::with_capacity(weights.len() + 1);
    let mut x = x_pt;
    out.push(x);
    for w in &weights {
        let share = if sum > 0.0 { w / sum } else { 1.0 / n };
        x += share * width_pt;
        out.push(x);
    }
    if let Some(last) = out.last_mut() {
        *last = x_pt + width_pt;
    }
    out
}

/// Puts the cells' lines side by side with borders; cuts between lines into several
/// bands when the row is taller than `max_pt`.
fn build_row(cells: Vec<Vec<Slice>>, edges: &[f32], top_border: bool, max_pt: f32) -> Vec<Slice> {
    let cap = (max_pt - 2.0 * PAD_Y_PT).max(1.0);
    let mut next = vec![0usize; cells.len()];
    let mut bands = Vec::new();
    let left = edges.first().copied().unwrap_or(0.0);
    let right = edges.last().copied().unwrap_or(0.0);
    loop {
        let mut band = Slice::default();
        let mut content: f32 = 0.0;
        for (lines, from) in cells.iter().zip(next.iter_mut()) {
            let mut y = 0.0;
            while let Some(l) = lines.get(*from) {
                if y > 0.0 && y + l.height_pt > cap {
                    break;
                }
                let mut l = l.clone();
                l.shift_items(PAD_Y_PT + y);
                if band.first_baseline_pt.is_none() {
                    band.first_baseline_pt = l.first_baseline_pt.map(|b| b + PAD_Y_PT + y);
                }
                band.items.append(&mut l.items);
                y += l.height_pt;
                *from += 1;
            }
            content = content.max(y);
        }
        let h = content + 2.0 * PAD_Y_PT;
        band.height_pt = h;
        if top_border || !bands.is_empty() {
            band.items.push(line(left, 0.0, right, 0.0));
        }
        band.items.push(line(left, h, right, h));
        for x in edges {
            band.items.push(line(*x, 0.0, *x, h));
        }
        bands.push(band);
        if cells
            .iter()
            .zip(&next)
            .all(|(lines, from)| *from >= lines.len())
        {
            return bands;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::{Run, SourceRef, TableColumn};
    use crate::layout::Fonts;
    use crate::layout::page::Item;

    fn table(rows: Vec<TableRow>) -> Table {
        let col = |h: &str, w: f32, align| TableColumn {
            header: h.into(),
            weight: w,
            align,
        };
        Table {
            columns: vec![
                col("TT", 1.0, Align::Center),
                col("Nội dung", 6.0, Align::Justify),
                col("Kết quả", 3.0, Align::Right),
            ],
            rows,
            size_pt: 13.0,
            space_after_pt: 6.0,
            source: SourceRef::default(),
        }
    }

    fn lay(t: &Table, body: f32) -> LaidTable {
        let mut ctx = Ctx::new(Fonts::bundled().expect("fonts"));
        lay_table(t, 85.0, 467.7, body, &mut ctx)
    }

    #[test]
    fn columns_share_the_text_width_by_weight() {
        let e = edges(&table(vec![]), 85.0, 467.7);
        assert_eq!(e.len(), 4);
        assert!((e[1] - 85.0 - 46.77).abs() < 0.01);
        assert_eq!(e[3], 85.0 + 467.7);
    }

    #[test]
    fn header_cells_are_bold_and_centred_with_padding() {
        let l = lay(&table(vec![]), 700.0);
        let h = l.header.expect("header");
        let texts: Vec<_> = h
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(texts.len(), 3);
        assert!(
            texts
                .iter()
                .all(|t| t.style == crate::layout::FontStyle::Bold)
        );
        let tt = texts[0];
        let mid = tt.x_pt + tt.width_pt / 2.0;
        assert!((mid - (85.0 + 46.77 / 2.0)).abs() < 0.01);
        assert!(
            h.items
                .iter()
                .any(|i| matches!(i, Item::Line(l) if l.width_pt == 0.5))
        );
    }

    #[test]
    fn a_row_taller_than_a_page_is_cut_between_lines() {
        let long = "Nội dung rất dài được lặp lại nhiều lần để vượt quá một trang. ".repeat(200);
        let t = table(vec![TableRow::Cells(vec![
            vec![Run::plain("1")],
            vec![Run::plain(long)],
            vec![Run::plain("Đạt")],
        ])]);
        let l = lay(&t, 700.0);
        let header_h = l.header.as_ref().expect("header").height_pt;
        assert!(l.rows.len() >= 2);
        for r in &l.rows {
            assert!(r.height_pt + header_h <= 700.0 + 0.01);
        }
    }

    #[test]
    fn a_group_row_spans_all_columns_in_bold() {
        let t = table(vec![TableRow::Group(vec![Run::plain(
            "I. Về chuyển đổi số",
        )])]);
        let l = lay(&t, 700.0);
        let row = &l.rows[0];
        let text = row
            .items
            .iter()
            .find_map(|i| match i {
                Item::Text(t) => Some(t),
                _ => None,
            })
            .expect("text");
        assert_eq!(text.style, crate::layout::FontStyle::Bold);
        assert!((text.x_pt - (85.0 + PAD_X_PT)).abs() < 0.01);
        let verticals = row
            .items
            .iter()
            .filter(|i| matches!(i, Item::Line(l) if l.x0_pt == l.x1_pt))
            .count();
        assert_eq!(verticals, 2);
    }

    #[test]
    fn text_in_cells_beyond_the_columns_is_warned_about_once() {
        let row = || {
            TableRow::Cells(vec![
                vec![Run::plain("1")],
                vec![],
                vec![],
                vec![Run::plain("thừa")],
            ])
        };
        let mut ctx = Ctx::new(Fonts::bundled().expect("fonts"));
        lay_table(&table(vec![row(), row()]), 85.0, 467.7, 700.0, &mut ctx);
        assert_eq!(ctx.warnings.list, vec![EXTRA_CELLS.to_owned()]);
    }

    #[test]
    fn a_table_without_columns_lays_out_nothing() {
        let mut t = table(vec![TableRow::Cells(vec![])]);
        t.columns.clear();
        let l = lay(&t, 700.0);
        assert!(l.header.is_none() && l.rows.is_empty());
    }
}
