//! layout, step 3b: a [`Columns`] block (first-page header, signature block) → one band
//! that the flow never splits, with the columns' baselines lined up as asked.

use super::page::{ImageItem, ImageKind, Item};
use super::paragraph::{finite_or_zero, lay_paragraph};
use super::slice::{Slice, stack};
use super::text::Ctx;
use crate::compose::{Column, Columns, ColumnsAlign, Paragraph};
use crate::units::{Mm, Pt};

/// Baselines closer than this to the shared one are snapped onto it, so that the
/// columns share it to the last bit whatever the float rounding of the stacking.
const SNAP_PT: f32 = 0.001;

/// Lays `c` out across `width_pt` from `x_pt`.
pub(crate) fn lay_columns(c: &Columns, x_pt: f32, width_pt: f32, ctx: &mut Ctx) -> Slice {
    let shares = shares(&c.columns);
    let mut x = x_pt;
    let mut cols: Vec<Vec<(Pt, Slice)>> = Vec::with_capacity(c.columns.len());
    for (col, share) in c.columns.iter().zip(&shares) {
        let w = share * width_pt;
        cols.push(stack_input(&col.paragraphs, x, w, ctx));
        x += w;
    }
    let target = match c.align {
        ColumnsAlign::Top => None,
        ColumnsAlign::FirstBaseline => align_first(&mut cols),
        ColumnsAlign::LastBaseline => align_last(&mut cols),
    };
    let mut out = Slice::default();
    for col in cols {
        let (mut s, _) = stack(col);
        if let Some(b) = target {
            snap(&mut s.items, b);
        }
        out.height = out.height.max(s.height);
        out.first_baseline = match (out.first_baseline, s.first_baseline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        out.items.append(&mut s.items);
    }
    out
}

/// The width shares, normalised; equal shares when they make no sense.
fn shares(cols: &[Column]) -> Vec<f32> {
    let sum: f32 = cols
        .iter()
        .map(|c| finite_or_zero(c.width_frac).max(0.0))
        .sum();
    if sum > 0.0 {
        cols.iter()
            .map(|c| finite_or_zero(c.width_frac).max(0.0) / sum)
            .collect()
    } else {
        let n = cols.len().max(1) as f32;
        cols.iter().map(|_| 1.0 / n).collect()
    }
}

/// The paragraphs of a column as (gap above, band) pairs.
fn stack_input(paras: &[Paragraph], x_pt: f32, width_pt: f32, ctx: &mut Ctx) -> Vec<(Pt, Slice)> {
    let mut prev_after = 0.0;
    paras
        .iter()
        .map(|p| {
            let laid = lay_paragraph(p, x_pt, width_pt, ctx);
            let (mut band, _) = stack(laid.bands.into_iter().map(|b| (Pt(0.0), b)).collect());
            let gap = (prev_after + finite_or_zero(p.space_before_pt)).max(0.0);
            if p.images_above {
                band.items.extend(image_boxes(x_pt, width_pt, gap));
            }
            prev_after = finite_or_zero(p.space_after_pt);
            (Pt(gap), band)
        })
        .collect()
}

/// Width of the signature image's box (Decree 30 sets none; a signature scanned at
/// its size is 35–45 mm wide).
const SIGNATURE_W_MM: f32 = 45.0;
/// The seal's box when the image does not give its size: a commune's round seal is
/// about 35 mm across.
const SEAL_MM: f32 = 36.0;
/// Room left between the images and the lines above and below them.
const IMAGE_MARGIN_PT: f32 = 2.0;

/// The boxes of the signature and the seal in the `gap_pt` above a paragraph (y from
/// the paragraph's top, so negative): the signature centred on the column, the seal
/// over the left third of it (Decree 30, Appendix I part II), both centred on the
/// gap's middle. The seal is drawn last, over the signature.
fn image_boxes(x_pt: f32, width_pt: f32, gap_pt: f32) -> [Item; 2] {
    let sig_w = Mm(SIGNATURE_W_MM).to_pt().0.min(width_pt * 0.9);
    let sig_h = (gap_pt - 2.0 * IMAGE_MARGIN_PT).max(0.0);
    let sig_x = x_pt + (width_pt - sig_w) / 2.0;
    let sig_y = -gap_pt + IMAGE_MARGIN_PT;
    let seal = Mm(SEAL_MM).to_pt().0;
    let middle = sig_y + sig_h / 2.0;
    [
        Item::Image(ImageItem {
            kind: ImageKind::Signature,
            x: Pt(sig_x),
            y: Pt(sig_y),
            w: Pt(sig_w),
            h: Pt(sig_h),
        }),
        Item::Image(ImageItem {
            kind: ImageKind::Seal,
            x: Pt(sig_x + sig_w / 3.0 - seal),
            y: Pt(middle - seal / 2.0),
            w: Pt(seal),
            h: Pt(seal),
        }),
    ]
}

/// Natural baseline of the first line of each column, from the block top.
fn first_baseline(col: &[(Pt, Slice)]) -> Option<Pt> {
    let mut y = Pt(0.0);
    for (gap, s) in col {
        y += *gap;
        if let Some(b) = s.first_baseline {
            return Some(y + b);
        }
        y += s.height;
    }
    None
}

/// Moves each column down so that all first baselines meet the lowest one.
fn align_first(cols: &mut [Vec<(Pt, Slice)>]) -> Option<Pt> {
    let target = cols
        .iter()
        .filter_map(|c| first_baseline(c))
        .fold(None, |m: Option<Pt>, b| Some(m.map_or(b, |m| m.max(b))))?;
    for col in cols.iter_mut() {
        if let (Some(b), Some(first)) = (first_baseline(col), col.first_mut()) {
            first.0 += target - b;
        }
    }
    Some(target)
}

/// Moves the last paragraph of each column down so that their first baselines meet
/// the lowest one.
fn align_last(cols: &mut [Vec<(Pt, Slice)>]) -> Option<Pt> {
    let naturals: Vec<Option<Pt>> = cols
        .iter()
        .map(|col| {
            let (last, before) = col.split_last()?;
            let top = before.iter().map(|(g, s)| *g + s.height).sum::<Pt>() + last.0;
            last.1.first_baseline.map(|b| top + b)
        })
        .collect();
    let target = naturals
        .iter()
        .flatten()
        .fold(None, |m: Option<Pt>, b| Some(m.map_or(*b, |m| m.max(*b))))?;
    for (col, natural) in cols.iter_mut().zip(naturals) {
        if let (Some(b), Some(last)) = (natural, col.last_mut()) {
            last.0 += target - b;
        }
    }
    Some(target)
}

fn snap(items: &mut [Item], baseline: Pt) {
    for item in items {
        if let Item::Text(t) = item
            && (t.baseline - baseline).0.abs() < SNAP_PT
        {
            t.baseline = baseline;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::{Run, SourceRef};
    use crate::layout::Fonts;
    use crate::layout::page::TextItem;

    fn centred(text: &str, size: f32, bold: bool, italic: bool) -> Paragraph {
        Paragraph::centered(
            vec![Run {
                text: text.into(),
                bold,
                italic,
                flagged: false,
                underline: false,
            }],
            size,
        )
    }

    fn block(align: ColumnsAlign, left: Vec<Paragraph>, right: Vec<Paragraph>) -> Columns {
        Columns {
            columns: vec![
                Column {
                    width_frac: 0.4,
                    paragraphs: left,
                },
                Column {
                    width_frac: 0.6,
                    paragraphs: right,
                },
            ],
            align,
            space_before_pt: 0.0,
            space_after_pt: 0.0,
            source: SourceRef::default(),
        }
    }

    fn lay(c: &Columns) -> Slice {
        let mut ctx = Ctx::new(Fonts::bundled().expect("fonts"));
        lay_columns(c, 85.0, 467.7, &mut ctx)
    }

    fn find<'a>(s: &'a Slice, prefix: &str) -> &'a TextItem {
        s.items
            .iter()
            .find_map(|i| match i {
                Item::Text(t) if t.text.starts_with(prefix) => Some(t),
                _ => None,
            })
            .expect(prefix)
    }

    #[test]
    fn last_baseline_puts_the_number_and_the_date_on_one_baseline_exactly() {
        let c = block(
            ColumnsAlign::LastBaseline,
            vec![
                centred("UBND THÀNH PHỐ HẢI PHÒNG", 13.0, false, false),
                centred("ỦY BAN NHÂN DÂN\nXÃ NAM THANH MIỆN", 13.0, true, false),
                centred("Số: 05/BC-UBND", 13.0, false, false),
            ],
            vec![
                centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12.0, true, false),
                centred("Độc lập - Tự do - Hạnh phúc", 13.0, true, false),
                centred(
                    "Nam Thanh Miện, ngày 05 tháng 02 năm 2026",
                    14.0,
                    false,
                    true,
                ),
            ],
        );
        let s = lay(&c);
        let so = find(&s, "Số:");
        let date = find(&s, "Nam Thanh Miện");
        assert_eq!(so.baseline.0, date.baseline.0);
        // The left column is the taller one: the date moved down, the number did not.
        let nat = find(&s, "CỘNG HÒA");
        assert!(date.baseline.0 - nat.baseline.0 > 2.0 * 16.0);
    }

    #[test]
    fn first_baseline_puts_the_recipients_label_level_with_the_authority() {
        let c = block(
            ColumnsAlign::FirstBaseline,
            vec![centred("Nơi nhận:", 12.0, true, true)],
            vec![centred("TM. ỦY BAN NHÂN DÂN", 14.0, true, false)],
        );
        let s = lay(&c);
        let a = find(&s, "Nơi nhận:");
        let b = find(&s, "TM.");
        assert_eq!(a.baseline.0, b.baseline.0);
        let fonts = Fonts::bundled().expect("fonts");
        let natural_14 = fonts.ascent_pt(crate::layout::FontStyle::Regular, 14.0);
        assert!((b.baseline.0 - natural_14).abs() < 0.001);
    }

    #[test]
    fn centred_text_is_centred_in_its_own_column_and_the_block_is_as_tall_as_the_tallest() {
        let c = block(
            ColumnsAlign::Top,
            vec![centred("A", 13.0, false, false)],
            vec![centred("B\nC\nD", 13.0, false, false)],
        );
        let s = lay(&c);
        let a = find(&s, "A");
        let mid = a.x.0 + a.width.0 / 2.0;
        assert!((mid - (85.0 + 0.2 * 467.7)).abs() < 0.01);
        let b = find(&s, "B");
        assert!((b.x.0 + b.width.0 / 2.0 - (85.0 + 0.7 * 467.7)).abs() < 0.01);
        let fonts = Fonts::bundled().expect("fonts");
        let lh = fonts.line_height_pt(crate::layout::FontStyle::Regular, 13.0);
        assert!((s.height.0 - 3.0 * lh).abs() < 0.01);
    }

    #[test]
    fn the_signature_and_the_seal_fill_the_space_above_the_name_the_seal_over_its_left_third() {
        let mut name = centred("Nguyễn Văn A", 14.0, true, false);
        name.space_before_pt = 80.0;
        name.images_above = true;
        let c = block(
            ColumnsAlign::FirstBaseline,
            vec![centred("Nơi nhận:", 12.0, true, true)],
            vec![centred("CHỦ TỊCH", 14.0, true, false), name],
        );
        let s = lay(&c);
        let boxes: Vec<&ImageItem> = s
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Image(b) => Some(b),
                _ => None,
            })
            .collect();
        assert_eq!(boxes.len(), 2);
        let (sig, seal) = (boxes[0], boxes[1]);
        assert_eq!(
            (sig.kind, seal.kind),
            (ImageKind::Signature, ImageKind::Seal)
        );
        let position = find(&s, "CHỦ TỊCH");
        let name = find(&s, "Nguyễn Văn A");
        // Between the position's line and the name's line.
        assert!(sig.y.0 > position.baseline.0, "{sig:?} {position:?}");
        assert!(
            sig.y.0 + sig.h.0 < name.baseline.0 - 10.0,
            "{sig:?} {name:?}"
        );
        assert!((sig.h.0 - 76.0).abs() < 0.01);
        // Centred on the right column, as the name is.
        let column_middle = 85.0 + 467.7 * 0.4 + 467.7 * 0.6 / 2.0;
        assert!((sig.x.0 + sig.w.0 / 2.0 - column_middle).abs() < 0.01);
        // The seal's right edge a third of the way into the signature, centred on it.
        assert!((seal.x.0 + seal.w.0 - (sig.x.0 + sig.w.0 / 3.0)).abs() < 0.01);
        assert!((seal.y.0 + seal.h.0 / 2.0 - (sig.y.0 + sig.h.0 / 2.0)).abs() < 0.01);
        assert!((seal.w.0 - Mm(SEAL_MM).to_pt().0).abs() < 0.01);
    }

    #[test]
    fn no_image_boxes_unless_the_paragraph_asks() {
        let mut name = centred("Nguyễn Văn A", 14.0, true, false);
        name.space_before_pt = 80.0;
        let c = block(ColumnsAlign::Top, Vec::new(), vec![name]);
        assert!(!lay(&c).items.iter().any(|i| matches!(i, Item::Image(_))));
    }
}
