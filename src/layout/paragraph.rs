//! layout, step 3a: one paragraph of the document tree → line bands ready for the flow
//! or a column, with the rule under it and the draft frame around it.

use super::lines::{LaidLine, LineParams, VMetrics, lay_lines, sane_size};
use super::page::{Item, RectItem};
use super::slice::{Slice, line, stack};
use super::text::Ctx;
use crate::compose::{Paragraph, Rule};
use crate::units::Pt;

/// Gap between the descent of the last line and a rule under it.
const RULE_GAP_PT: f32 = 2.5;
/// Space between the text and the draft frame.
const FRAME_PAD_PT: f32 = 2.0;
/// Stroke of the draft frame.
const FRAME_STROKE_PT: f32 = 0.6;

/// A laid-out paragraph: one band per line, or a single band when framed.
pub(crate) struct LaidParagraph {
    pub bands: Vec<Slice>,
}

/// Lays `p` out between `x_pt` and `x_pt + width_pt`.
pub(crate) fn lay_paragraph(
    p: &Paragraph,
    x_pt: f32,
    width_pt: f32,
    ctx: &mut Ctx,
) -> LaidParagraph {
    let styled = ctx.styled(&p.runs, false);
    // At most half the width, so that a damaged indent cannot squeeze the text to nothing.
    let indent_pt = finite_or_zero(p.left_indent_pt).clamp(0.0, (width_pt / 2.0).max(0.0));
    let params = LineParams {
        size_pt: p.size_pt,
        align: p.align,
        first_indent_pt: finite_or_zero(p.first_line_indent_pt),
        x_pt: x_pt + indent_pt,
        width_pt: width_pt - indent_pt,
        line_spacing: p.line_spacing,
    };
    let mut lines = lay_lines(&styled, &params, ctx.fonts);
    let vm = VMetrics::new(ctx.fonts, sane_size(p.size_pt), p.line_spacing);
    if let Some(rule) = p.rule_below {
        add_rule(&mut lines, rule, &vm);
    }
    let bands = if p.frame {
        vec![framed(lines, &vm)]
    } else {
        lines.into_iter().map(|l| l.slice).collect()
    };
    LaidParagraph { bands }
}

/// Treats NaN and infinities from a damaged tree as zero.
pub(crate) fn finite_or_zero(v: f32) -> f32 {
    if v.is_finite() { v } else { 0.0 }
}

/// The widest line's ink: its width and centre.
fn widest(lines: &[LaidLine]) -> Option<(f32, f32)> {
    lines
        .iter()
        .map(|l| (l.ink_x1_pt - l.ink_x0_pt, (l.ink_x0_pt + l.ink_x1_pt) / 2.0))
        .filter(|(w, _)| *w > 0.0)
        .fold(None, |best: Option<(f32, f32)>, cur| match best {
            Some(b) if b.0 >= cur.0 => Some(b),
            _ => Some(cur),
        })
}

fn add_rule(lines: &mut [LaidLine], rule: Rule, vm: &VMetrics) {
    let Some((width, centre)) = widest(lines) else {
        return;
    };
    let len = match rule {
        Rule::LineWidth => width,
        Rule::Fraction(f) => width * finite_or_zero(f).clamp(0.0, 1.0),
    };
    let Some(last) = lines.last_mut() else {
        return;
    };
    let y = vm.baseline_pt + vm.descent_pt + RULE_GAP_PT;
    last.slice
        .items
        .push(line(centre - len / 2.0, y, centre + len / 2.0, y));
    last.slice.height = last.slice.height.max(Pt(y + super::slice::RULE_PT));
}

fn framed(lines: Vec<LaidLine>, vm: &VMetrics) -> Slice {
    let x0 = lines
        .iter()
        .map(|l| l.ink_x0_pt)
        .fold(f32::INFINITY, f32::min);
    let x1 = lines
        .iter()
        .map(|l| l.ink_x1_pt)
        .fold(f32::NEG_INFINITY, f32::max);
    let top_extra = FRAME_PAD_PT + FRAME_STROKE_PT;
    let n = lines.len();
    let parts = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| (Pt(if i == 0 { top_extra } else { 0.0 }), l.slice))
        .collect();
    let (mut s, tops) = stack(parts);
    let first_top = tops.first().map_or(top_extra, |t| t.0);
    let last_top = tops.get(n.wrapping_sub(1)).map_or(first_top, |t| t.0);
    let ink_top = first_top + vm.baseline_pt - vm.ascent_pt;
    let ink_bottom = last_top + vm.baseline_pt + vm.descent_pt;
    if x0.is_finite() && x1.is_finite() {
        s.items.push(Item::Rect(RectItem {
            x: Pt(x0 - FRAME_PAD_PT),
            y: Pt(ink_top - FRAME_PAD_PT),
            w: Pt(x1 - x0 + 2.0 * FRAME_PAD_PT),
            h: Pt(ink_bottom - ink_top + 2.0 * FRAME_PAD_PT),
            stroke: Pt(FRAME_STROKE_PT),
        }));
    }
    s.height = s
        .height
        .max(Pt(ink_bottom + FRAME_PAD_PT + FRAME_STROKE_PT));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::Run;
    use crate::layout::Fonts;
    use crate::layout::page::LineItem;

    fn para(text: &str, rule: Option<Rule>, frame: bool) -> Paragraph {
        let mut p = Paragraph::centered(vec![Run::bold(text)], 13.0);
        p.rule_below = rule;
        p.frame = frame;
        p
    }

    fn lay(p: &Paragraph, width: f32) -> LaidParagraph {
        let mut ctx = Ctx::new(Fonts::bundled().expect("fonts"));
        lay_paragraph(p, 100.0, width, &mut ctx)
    }

    fn rules(s: &Slice) -> Vec<&LineItem> {
        s.items
            .iter()
            .filter_map(|i| match i {
                Item::Line(l) => Some(l),
                _ => None,
            })
            .collect()
    }

    fn ink(s: &Slice) -> (f32, f32) {
        let mut x0 = f32::INFINITY;
        let mut x1 = f32::NEG_INFINITY;
        for i in &s.items {
            if let Item::Text(t) = i {
                x0 = x0.min(t.x.0);
                x1 = x1.max(t.x.0 + t.width.0);
            }
        }
        (x0, x1)
    }

    #[test]
    fn a_line_width_rule_is_exactly_as_long_as_the_line() {
        let l = lay(
            &para("Độc lập - Tự do - Hạnh phúc", Some(Rule::LineWidth), false),
            300.0,
        );
        let band = &l.bands[0];
        let r = rules(band);
        assert_eq!(r.len(), 1);
        let (x0, x1) = ink(band);
        assert!((r[0].x0.0 - x0).abs() < 0.01 && (r[0].x1.0 - x1).abs() < 0.01);
        assert_eq!(r[0].width.0, 0.5);
        let below_baseline = r[0].y0.0 - band.first_baseline.expect("baseline").0;
        assert!(below_baseline > 13.0 * 0.2 && below_baseline < 13.0 * 0.2 + 4.0);
    }

    #[test]
    fn a_fraction_rule_is_that_share_of_the_widest_line_and_centred() {
        let l = lay(
            &para(
                "ỦY BAN NHÂN DÂN XÃ NAM THANH MIỆN",
                Some(Rule::Fraction(0.4)),
                false,
            ),
            120.0,
        );
        assert!(l.bands.len() >= 2);
        let widest = l
            .bands
            .iter()
            .map(|b| {
                let (a, z) = ink(b);
                z - a
            })
            .fold(0.0, f32::max);
        let last = l.bands.last().expect("last");
        let r = rules(last);
        assert!(((r[0].x1.0 - r[0].x0.0) - 0.4 * widest).abs() < 0.01);
        assert!(((r[0].x0.0 + r[0].x1.0) / 2.0 - 160.0).abs() < 0.01);
    }

    #[test]
    fn a_framed_paragraph_is_one_band_with_a_box_around_its_text() {
        let l = lay(&para("DỰ THẢO", None, true), 300.0);
        assert_eq!(l.bands.len(), 1);
        let band = &l.bands[0];
        let rect = band
            .items
            .iter()
            .find_map(|i| match i {
                Item::Rect(r) => Some(r.clone()),
                _ => None,
            })
            .expect("rect");
        let (x0, x1) = ink(band);
        assert!((x0 - rect.x.0 - 2.0).abs() < 0.01);
        assert!((rect.x.0 + rect.w.0 - x1 - 2.0).abs() < 0.01);
        assert!(rect.y.0 >= 0.0 && rect.y.0 + rect.h.0 <= band.height.0);
        assert!((0.5..=0.75).contains(&rect.stroke.0));
    }
}
