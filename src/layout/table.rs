//! layout, step 3d: a [`Table`] → a header band (repeated by the flow on every page the
//! table spans) and one band per row; a row taller than a page comes in several bands
//! cut between lines. Column widths follow the columns' weights but never go below
//! the longest unbreakable word of the column (measured with the real font, plus the
//! cell padding): `10.`, `TT` or `≥36%` never break unless the page is too narrow
//! for every column's longest word, which is warned about.

use super::fonts::Fonts;
use super::lines::{LineParams, lay_lines, sane_size};
use super::paragraph::finite_or_zero;
use super::slice::{Slice, line};
use super::text::{Ctx, Styled};
use crate::compose::{Align, Table, TableRow};
use crate::units::{Mm, Pt};

/// Space between the cell borders and the text, left and right.
const PAD_X_PT: f32 = Mm(1.5).to_pt().0;
/// Space between the cell borders and the text, top and bottom.
const PAD_Y_PT: f32 = Mm(1.0).to_pt().0;

/// Warning for text in cells beyond the last column, which has nowhere to go.
const EXTRA_CELLS: &str = "Bảng có hàng nhiều ô hơn số cột; nội dung các ô thừa không được in.";

/// Warning for a table whose columns' longest words do not fit side by side.
const WORDS_BROKEN: &str = "Bảng có nhiều cột hơn khổ giấy chứa được: có từ dài phải ngắt giữa chừng để vừa bề rộng trang. Hãy bớt cột, rút ngắn từ dài (địa chỉ, mã số) hoặc in trang ngang.";

/// Room left beyond a word's measured width, so that rounding never pushes it over.
const WORD_SLACK_PT: f32 = 0.05;

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
    let widths = column_widths(t, width_pt, ctx);
    let edges = edges(&widths, x_pt, width_pt);
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
    let max_row_pt = (page_body_pt - header.as_ref().map_or(0.0, |h| h.height.0)).max(size * 2.0);
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

/// Widths of the columns of `t` on `width_pt`: the weights scaled to the width, each
/// column widened to its longest word (see [`fit_widths`]). Warns when even the
/// longest words do not fit side by side (those columns then share the width in
/// proportion to their words and the longest words break).
pub(crate) fn column_widths(t: &Table, width_pt: f32, ctx: &mut Ctx) -> Vec<f32> {
    let weights: Vec<f32> = t
        .columns
        .iter()
        .map(|c| finite_or_zero(c.weight).max(0.0))
        .collect();
    let mins = column_minimums(t, ctx);
    let (widths, broken) = fit_widths(&weights, &mins, finite_or_zero(width_pt).max(0.0));
    if broken {
        ctx.warnings.once(WORDS_BROKEN);
    }
    widths
}

/// [`column_widths`] for an output that prints the table itself (the Word export):
/// the same widths as on the PDF's pages, warnings left to the layout.
pub(crate) fn table_column_widths(t: &Table, width_pt: f32, fonts: &Fonts) -> Vec<f32> {
    column_widths(t, width_pt, &mut Ctx::new(fonts))
}

/// The narrowest each column of `t` may be: its longest unbreakable word (the header
/// in bold, the cells as styled; group rows span the table and do not count) plus the
/// cell padding.
pub(crate) fn column_minimums(t: &Table, ctx: &mut Ctx) -> Vec<f32> {
    let size = sane_size(t.size_pt);
    t.columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let header = ctx.styled_str(&c.header, true);
            let mut longest = longest_word_pt(&header, size, ctx.fonts);
            for row in &t.rows {
                if let TableRow::Cells(cells) = row
                    && let Some(runs) = cells.get(i)
                {
                    let s = ctx.styled(runs, false);
                    longest = longest.max(longest_word_pt(&s, size, ctx.fonts));
                }
            }
            longest + 2.0 * PAD_X_PT + WORD_SLACK_PT
        })
        .collect()
}

/// Width of the widest run of characters without a space or line break in `s`,
/// styles changing inside it (`**10**.`) included, as the line breaker measures it.
fn longest_word_pt(s: &Styled, size_pt: f32, fonts: &Fonts) -> f32 {
    let mut best: f32 = 0.0;
    let mut word = 0.0;
    for span in &s.spans {
        let text = s.text.get(span.start..span.end).unwrap_or("");
        let mut from: Option<usize> = None;
        for (i, ch) in text.char_indices() {
            if ch == ' ' || ch == '\n' {
                if let Some(f) = from.take() {
                    word += fonts.text_width_pt(span.style, text.get(f..i).unwrap_or(""), size_pt);
                }
                best = best.max(word);
                word = 0.0;
            } else if from.is_none() {
                from = Some(i);
            }
        }
        if let Some(f) = from {
            word += fonts.text_width_pt(span.style, text.get(f..).unwrap_or(""), size_pt);
        }
    }
    best.max(word)
}

/// Widths for columns of `weights` on `width`, none below its minimum in `mins`: the
/// columns that their share would make too narrow get their minimum, the others share
/// what is left by weight (repeated until every column holds its minimum). When the
/// minimums alone exceed the width, each column gets the width in proportion to its
/// minimum and `true` says that words will break.
pub(crate) fn fit_widths(weights: &[f32], mins: &[f32], width: f32) -> (Vec<f32>, bool) {
    let n = weights.len();
    let min_of = |i: usize| mins.get(i).copied().map_or(0.0, finite_or_zero).max(0.0);
    let total_min: f32 = (0..n).map(min_of).sum();
    if total_min > width + WORD_SLACK_PT {
        let out = (0..n)
            .map(|i| {
                if total_min > 0.0 {
                    min_of(i) * width / total_min
                } else {
                    width / n as f32
                }
            })
            .collect();
        return (out, true);
    }
    let mins: Vec<f32> = (0..n).map(min_of).collect();
    let weights: Vec<f32> = (0..n)
        .map(|i| weights.get(i).copied().map_or(0.0, finite_or_zero).max(0.0))
        .collect();
    let mut fixed = vec![false; n];
    loop {
        let pairs = || fixed.iter().zip(mins.iter().zip(&weights));
        let fixed_width: f32 = pairs().filter(|(f, _)| **f).map(|(_, (m, _))| m).sum();
        let free = (width - fixed_width).max(0.0);
        let free_cols = fixed.iter().filter(|f| !**f).count();
        let free_weight: f32 = pairs().filter(|(f, _)| !**f).map(|(_, (_, w))| w).sum();
        let widths: Vec<f32> = pairs()
            .map(|(f, (m, w))| {
                if *f {
                    *m
                } else if free_weight > 0.0 {
                    w / free_weight * free
                } else {
                    free / free_cols.max(1) as f32
                }
            })
            .collect();
        let mut changed = false;
        for ((f, w), m) in fixed.iter_mut().zip(&widths).zip(&mins) {
            if !*f && w + f32::EPSILON < *m {
                *f = true;
                changed = true;
            }
        }
        if !changed {
            return (widths, false);
        }
        if fixed.iter().all(|f| *f) {
            // Every column at its minimum: what is left goes to them by their minimums.
            let spare = width - total_min;
            let out = mins
                .iter()
                .map(|m| {
                    if total_min > 0.0 {
                        m + spare * m / total_min
                    } else {
                        width / n as f32
                    }
                })
                .collect();
            return (out, false);
        }
    }
}

/// Column borders from the columns' widths, the last edge exactly on the right.
fn edges(widths: &[f32], x_pt: f32, width_pt: f32) -> Vec<f32> {
    let mut out = Vec::with_capacity(widths.len() + 1);
    let mut x = x_pt;
    out.push(x);
    for w in widths {
        x += w;
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
                if y > 0.0 && y + l.height.0 > cap {
                    break;
                }
                let mut l = l.clone();
                l.shift_items(Pt(PAD_Y_PT + y));
                if band.first_baseline.is_none() {
                    band.first_baseline = l.first_baseline.map(|b| b + Pt(PAD_Y_PT) + Pt(y));
                }
                band.items.append(&mut l.items);
                y += l.height.0;
                *from += 1;
            }
            content = content.max(y);
        }
        let h = content + 2.0 * PAD_Y_PT;
        band.height = Pt(h);
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

    fn messages<'a>(ctx: &'a Ctx) -> Vec<&'a str> {
        ctx.warnings
            .list
            .iter()
            .map(|w| w.message.as_str())
            .collect()
    }

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
        let t = table(vec![]);
        let mut ctx = Ctx::new(Fonts::bundled().expect("fonts"));
        let e = edges(&column_widths(&t, 467.7, &mut ctx), 85.0, 467.7);
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
        let mid = tt.x.0 + tt.width.0 / 2.0;
        assert!((mid - (85.0 + 46.77 / 2.0)).abs() < 0.01);
        assert!(
            h.items
                .iter()
                .any(|i| matches!(i, Item::Line(l) if l.width.0 == 0.5))
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
        let header_h = l.header.as_ref().expect("header").height.0;
        assert!(l.rows.len() >= 2);
        for r in &l.rows {
            assert!(r.height.0 + header_h <= 700.0 + 0.01);
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
        assert!((text.x.0 - (85.0 + PAD_X_PT)).abs() < 0.01);
        let verticals = row
            .items
            .iter()
            .filter(|i| matches!(i, Item::Line(l) if l.x0.0 == l.x1.0))
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
        assert_eq!(messages(&ctx), [EXTRA_CELLS]);
    }

    #[test]
    fn a_table_without_columns_lays_out_nothing() {
        let mut t = table(vec![TableRow::Cells(vec![])]);
        t.columns.clear();
        let l = lay(&t, 700.0);
        assert!(l.header.is_none() && l.rows.is_empty());
    }

    /// The texts of a laid band with their x, in order.
    fn band_texts(s: &Slice) -> Vec<(String, f32)> {
        s.items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some((t.text.clone(), t.x.0)),
                _ => None,
            })
            .collect()
    }

    fn ten_w(fonts: &Fonts) -> f32 {
        fonts.text_width_pt(crate::layout::FontStyle::Regular, "10.", 13.0)
    }

    fn narrow_first(rows: Vec<TableRow>) -> Table {
        let mut t = table(rows);
        // 6 mm of a 165 mm text width, as a Word file may give the TT column.
        t.columns[0].weight = 6.0;
        t.columns[1].weight = 110.0;
        t.columns[2].weight = 49.0;
        t
    }

    #[test]
    fn a_column_narrower_than_its_longest_word_is_widened_and_the_word_stays_whole() {
        let rows = (1..=12)
            .map(|i| {
                TableRow::Cells(vec![
                    vec![Run::plain(format!("{i}."))],
                    vec![Run::plain("Nội dung")],
                    vec![Run::plain("≥36%")],
                ])
            })
            .collect();
        let t = narrow_first(rows);
        let mut ctx = Ctx::new(Fonts::bundled().expect("fonts"));
        let widths = column_widths(&t, 467.7, &mut ctx);
        let fonts = ctx.fonts;
        let ten = fonts.text_width_pt(crate::layout::FontStyle::Regular, "10.", 13.0);
        let tt = fonts.text_width_pt(crate::layout::FontStyle::Bold, "TT", 13.0);
        assert!(widths[0] >= ten.max(tt) + 2.0 * PAD_X_PT, "{widths:?}");
        assert!(widths[0] > Mm(6.0).to_pt().0);
        assert!((widths.iter().sum::<f32>() - 467.7).abs() < 0.01);
        assert!(ctx.warnings.list.is_empty(), "{:?}", ctx.warnings.list);
        let l = lay_table(&t, 85.0, 467.7, 700.0, &mut ctx);
        let header = band_texts(l.header.as_ref().expect("header"));
        assert_eq!(header.iter().filter(|(s, _)| s.contains('T')).count(), 1);
        assert!(header.iter().any(|(s, _)| s == "TT"), "{header:?}");
        let row10 = band_texts(&l.rows[9]);
        assert!(row10.iter().any(|(s, _)| s == "10."), "{row10:?}");
        // Each text stands in its own column, padding included, left of the next edge.
        let edge = 85.0 + widths[0];
        let ten = row10.iter().find(|(s, _)| s == "10.").expect("10.");
        assert!(
            ten.1 >= 85.0 + PAD_X_PT - 0.01 && ten.1 + ten_w(ctx.fonts) <= edge - PAD_X_PT + 0.01
        );
        let name = row10
            .iter()
            .find(|(s, _)| s == "Nội dung")
            .expect("Nội dung");
        assert!(
            (name.1 - (edge + PAD_X_PT)).abs() < 0.01,
            "{name:?} after {edge}"
        );
        assert!(row10.iter().any(|(s, _)| s == "≥36%"), "{row10:?}");
    }

    #[test]
    fn the_width_left_is_shared_by_weight_after_the_widened_columns() {
        let (w, broken) = fit_widths(&[1.0, 6.0, 3.0], &[100.0, 10.0, 10.0], 400.0);
        assert!(!broken);
        assert!((w[0] - 100.0).abs() < 0.01, "{w:?}");
        assert!((w[1] - 300.0 * 6.0 / 9.0).abs() < 0.01, "{w:?}");
        assert!((w[2] - 300.0 * 3.0 / 9.0).abs() < 0.01, "{w:?}");
        // Widening one column may push another under its minimum: it is widened too.
        let (w, broken) = fit_widths(&[1.0, 1.0, 8.0], &[50.0, 45.0, 10.0], 200.0);
        assert!(!broken);
        assert!(w[0] >= 50.0 && w[1] >= 45.0 && w[2] >= 10.0, "{w:?}");
        assert!((w.iter().sum::<f32>() - 200.0).abs() < 0.01, "{w:?}");
        // Columns wide enough keep their shares exactly.
        let (w, _) = fit_widths(&[1.0, 1.0], &[10.0, 10.0], 200.0);
        assert_eq!(w, vec![100.0, 100.0]);
    }

    #[test]
    fn when_the_longest_words_do_not_fit_side_by_side_they_share_the_width_and_a_warning_says_so() {
        let (w, broken) = fit_widths(&[1.0, 1.0], &[300.0, 100.0], 200.0);
        assert!(broken);
        assert!(
            (w[0] - 150.0).abs() < 0.01 && (w[1] - 50.0).abs() < 0.01,
            "{w:?}"
        );
        let long = "Mã_số_định_danh_rất_dài_không_có_khoảng_trắng_nào_cả".repeat(3);
        let cols = (0..6)
            .map(|_| TableColumn {
                header: String::new(),
                weight: 1.0,
                align: Align::Left,
            })
            .collect();
        let t = Table {
            columns: cols,
            rows: vec![TableRow::Cells(
                (0..6).map(|_| vec![Run::plain(long.clone())]).collect(),
            )],
            size_pt: 13.0,
            space_after_pt: 6.0,
            source: SourceRef::default(),
        };
        let mut ctx = Ctx::new(Fonts::bundled().expect("fonts"));
        let widths = column_widths(&t, 467.7, &mut ctx);
        assert!((widths.iter().sum::<f32>() - 467.7).abs() < 0.01);
        assert_eq!(messages(&ctx), [WORDS_BROKEN]);
    }

    #[test]
    fn a_word_in_two_styles_is_measured_whole_and_spaces_split_words() {
        let mut ctx = Ctx::new(Fonts::bundled().expect("fonts"));
        let s = ctx.styled(&[Run::bold("10"), Run::plain(". ab")], false);
        let fonts = ctx.fonts;
        let whole = fonts.text_width_pt(crate::layout::FontStyle::Bold, "10", 13.0)
            + fonts.text_width_pt(crate::layout::FontStyle::Regular, ".", 13.0);
        assert!((longest_word_pt(&s, 13.0, fonts) - whole).abs() < 0.001);
        let empty = ctx.styled(&[], false);
        assert_eq!(longest_word_pt(&empty, 13.0, fonts), 0.0);
    }
}
