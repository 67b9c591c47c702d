//! Column widths of generated tables fitted to what the columns hold: short columns
//! (TT, unit) narrow, the name wide, no word broken and no header on more than two
//! lines when the page allows it. Widths are estimated from the letters (compose has no
//! fonts; the bundled serif has the metrics of Times New Roman); layout scales the
//! weights to the text width and breaks the lines. A test lays the tables out with the
//! real fonts to check the estimate.

use super::Run;

/// Space layout keeps between a cell's borders and its text, left plus right, in points.
const PAD_PT: f32 = 2.0 * 4.252;

/// Estimates are raised by this much so that real glyphs never need more room.
const SAFETY: f32 = 1.04;

/// What a column holds, measured in em (multiples of the text size).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Need {
    /// Narrowest text width that breaks no word and keeps the header to two lines.
    pub min_em: f32,
    /// Text width that would hold every cell on one line (up to `cap_em`).
    pub want_em: f32,
    /// The column takes what the others leave (the name).
    pub takes_rest: bool,
}

impl Need {
    /// The need of a column with `header` (bold) over `cells`; `want_em` at most
    /// `cap_em`. The header is measured `header_scale` times larger (to hold at 13 pt
    /// in a table fitted at 12 pt).
    pub fn of(
        header: &str,
        cells: &[Vec<Run>],
        cap_em: f32,
        takes_rest: bool,
        header_scale: f32,
    ) -> Self {
        let header_em = two_line_width_em(header, true) * header_scale;
        let mut words_em: f32 = 0.0;
        let mut lines_em: f32 = 0.0;
        for cell in cells {
            for run in cell {
                for line in run.text.split('\n') {
                    lines_em = lines_em.max(width_em(line.trim(), run.bold));
                    for w in line.split_whitespace() {
                        words_em = words_em.max(width_em(w, run.bold));
                    }
                }
            }
        }
        let min_em = header_em.max(words_em);
        Self {
            min_em,
            want_em: lines_em.min(cap_em).max(min_em),
            takes_rest,
        }
    }
}

/// Relative widths for columns with `needs` on `text_width_pt` at `size_pt`: each
/// column gets what it wants, the name the rest; when that leaves the name less than
/// two fifths of the table, the others shrink toward their minimum. Never below the
/// minimum, unless the minima alone do not fit (layout then breaks words).
pub(crate) fn weights(needs: &[Need], text_width_pt: f32, size_pt: f32) -> Vec<f32> {
    let size = if size_pt.is_finite() && size_pt > 0.0 {
        size_pt
    } else {
        12.0
    };
    let budget = (text_width_pt / size - needs.len() as f32 * PAD_PT / size).max(1.0);
    let pad = PAD_PT / size;
    let fixed: Vec<&Need> = needs.iter().filter(|n| !n.takes_rest).collect();
    let rest_min: f32 = needs
        .iter()
        .filter(|n| n.takes_rest)
        .map(|n| n.min_em)
        .sum();
    let flexible = needs.iter().filter(|n| n.takes_rest).count();
    let want: f32 = fixed.iter().map(|n| n.want_em).sum();
    let min: f32 = fixed.iter().map(|n| n.min_em).sum();
    // What the columns that take the rest should get at least.
    let floor = if flexible == 0 {
        0.0
    } else {
        rest_min.max(0.4 * budget)
    };
    let shrink = if flexible == 0 || want + floor <= budget || want <= min {
        0.0
    } else {
        ((want + floor - budget) / (want - min)).clamp(0.0, 1.0)
    };
    let fixed_width = |n: &Need| n.want_em - shrink * (n.want_em - n.min_em);
    let used: f32 = fixed.iter().map(|n| fixed_width(n)).sum();
    let rest = if flexible == 0 {
        0.0
    } else {
        ((budget - used) / flexible as f32).max(rest_min / flexible as f32)
    };
    needs
        .iter()
        .map(|n| {
            let w = if n.takes_rest { rest } else { fixed_width(n) };
            w + pad
        })
        .collect()
}

/// Width of the narrowest column that holds `text` on at most two lines.
fn two_line_width_em(text: &str, bold: bool) -> f32 {
    let words: Vec<&str> = text.split_whitespace().collect();
    let line = |ws: &[&str]| width_em(&ws.join(" "), bold);
    (0..=words.len())
        .map(|k| line(&words[..k]).max(line(&words[k..])))
        .fold(f32::INFINITY, f32::min)
        .min(line(&words))
}

/// Estimated width of `text` in em, in the serif the tables print in.
fn width_em(text: &str, bold: bool) -> f32 {
    let w: f32 = text.chars().map(|c| char_em(c, bold)).sum();
    w * SAFETY
}

/// Advances of `a`–`z` and `A`–`Z` in thousandths of an em: Times New Roman regular
/// and bold (the bundled Liberation Serif has the same metrics).
const LOWER: [[u16; 26]; 2] = [
    [
        444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333,
        389, 278, 500, 500, 722, 500, 500, 444,
    ],
    [
        500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444,
        389, 333, 556, 500, 722, 500, 500, 444,
    ],
];
const UPPER: [[u16; 26]; 2] = [
    [
        722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
        556, 611, 722, 722, 944, 722, 722, 611,
    ],
    [
        722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722,
        556, 667, 722, 722, 1000, 722, 722, 667,
    ],
];

/// Advance of a character in em. A letter with Vietnamese marks counts as its base
/// letter (the marks sit above or below), a horn (ư, ơ) a little wider.
fn char_em(c: char, bold: bool) -> f32 {
    let b = usize::from(bold);
    // Most characters are ASCII; only the others need their base letter found.
    let (base, horn) = if c.is_ascii() {
        (c, 0.0)
    } else {
        let base = crate::vi::base_letter(c);
        let horned = matches!(c, 'ư' | 'ơ' | 'Ư' | 'Ơ') || HORNED.contains(&c);
        (base, if horned { 0.08 } else { 0.0 })
    };
    let thousandths = match base {
        'a'..='z' => LOWER[b][usize::from(base as u8 - b'a')],
        'A'..='Z' => UPPER[b][usize::from(base as u8 - b'A')],
        '0'..='9' => 500,
        ' ' | '.' | ',' => 250,
        ':' | ';' => [278, 333][b],
        '/' => 278,
        '(' | ')' | '-' => 333,
        '%' => [833, 1000][b],
        _ => 564,
    };
    f32::from(thousandths) / 1000.0 + horn
}

/// Letters with a horn and a tone mark (ư, ơ with a tone are wider than their base).
const HORNED: [char; 20] = [
    'ừ', 'ứ', 'ử', 'ữ', 'ự', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ', 'Ừ', 'Ứ', 'Ử', 'Ữ', 'Ự', 'Ờ', 'Ớ', 'Ở', 'Ỡ',
    'Ợ',
];

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<Vec<Run>> {
        texts.iter().map(|t| vec![Run::plain(*t)]).collect()
    }

    #[test]
    fn a_header_is_measured_as_its_best_cut_into_two_lines() {
        let one = width_em("quý II/2026", true);
        let two = two_line_width_em("Kết quả quý II/2026", true);
        assert!((two - one).abs() < 1e-6, "{two} {one}");
        assert_eq!(two_line_width_em("TT", true), width_em("TT", true));
    }

    #[test]
    fn the_name_takes_what_the_short_columns_leave() {
        let needs = [
            Need::of("TT", &cells(&["1", "12"]), 4.0, false, 1.0),
            Need::of(
                "Chỉ tiêu",
                &cells(&["Tỷ lệ hồ sơ trực tuyến"]),
                100.0,
                true,
                1.0,
            ),
            Need::of("Đơn vị tính", &cells(&["%", "sáng kiến"]), 6.0, false, 1.0),
        ];
        let w = weights(&needs, 467.7, 12.0);
        assert!(w[1] > 3.0 * w[2] && w[2] > w[0], "{w:?}");
        let total: f32 = w.iter().sum();
        assert!((total - 467.7 / 12.0).abs() < 0.01, "{total}");
    }

    #[test]
    fn when_space_is_short_the_other_columns_shrink_but_not_below_their_words() {
        let long = "Báo cáo của Trung tâm Phục vụ hành chính công ngày 28/3/2026";
        let needs: Vec<Need> = (0..6)
            .map(|_| Need::of("Ghi chú", &cells(&[long]), 12.0, false, 1.0))
            .chain([Need::of("Chỉ tiêu", &cells(&["Tỷ lệ"]), 100.0, true, 1.0)])
            .collect();
        let w = weights(&needs, 467.7, 12.0);
        let pad = PAD_PT / 12.0;
        for n in &needs[..6] {
            assert!(w[0] - pad + 1e-4 >= n.min_em, "{w:?}");
        }
        assert!(w[6] < w[0] * 3.0);
    }
}
