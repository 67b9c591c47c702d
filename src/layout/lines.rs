//! layout, step 2: breaks styled text into lines (greedy first-fit at spaces, as Word
//! does) and turns each line into positioned text items, justified or aligned.

use super::fonts::Fonts;
use super::page::{FontStyle, Item, TextItem};
use super::slice::Slice;
use super::text::Styled;
use crate::compose::Align;
use crate::units::Pt;

/// Slack allowed when checking whether a word fits, against float noise.
const FIT_EPS_PT: f32 = 0.01;
/// Distance of an underline below the baseline, as a share of the text size.
const UNDERLINE_BELOW: f32 = 0.12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Space,
    Break,
}

/// A word fragment, a run of spaces or a forced break, within one span.
#[derive(Clone, Copy, Debug)]
struct Token {
    span: usize,
    /// Byte range in [`Styled::text`].
    start: usize,
    end: usize,
    width_pt: f32,
    kind: Kind,
}

/// One line: a range of broken tokens.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    end: usize,
    /// Number of U+0020 in the line (trailing ones are never part of it).
    spaces: usize,
    /// Ended by `\n` rather than by the width.
    forced: bool,
}

/// Where and how wide the lines of a paragraph go.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LineParams {
    pub size_pt: f32,
    pub align: Align,
    pub first_indent_pt: f32,
    /// Left edge of the lines on the page.
    pub x_pt: f32,
    pub width_pt: f32,
    pub line_spacing: f32,
}

/// A laid-out line: its band and the horizontal extent of its ink.
#[derive(Clone, Debug)]
pub(crate) struct LaidLine {
    pub slice: Slice,
    pub ink_x0_pt: f32,
    pub ink_x1_pt: f32,
}

/// Height and baseline of a line of text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct VMetrics {
    pub height_pt: f32,
    /// From the line top.
    pub baseline_pt: f32,
    pub ascent_pt: f32,
    pub descent_pt: f32,
}

impl VMetrics {
    /// Single spacing times `line_spacing`; the extra space of wider spacing goes
    /// mostly above the text, as in Word.
    pub(crate) fn new(fonts: &Fonts, size_pt: f32, line_spacing: f32) -> Self {
        let ls = if line_spacing.is_finite() && line_spacing > 0.0 {
            line_spacing.max(1.0)
        } else {
            1.0
        };
        let ascent_pt = fonts.ascent_pt(FontStyle::Regular, size_pt);
        Self {
            height_pt: fonts.line_height_pt(FontStyle::Regular, size_pt) * ls,
            baseline_pt: ascent_pt * ls,
            ascent_pt,
            descent_pt: fonts.descent_pt(FontStyle::Regular, size_pt),
        }
    }
}

/// Lays `styled` out in lines of `params`; always at least one (possibly empty) line.
pub(crate) fn lay_lines(styled: &Styled, params: &LineParams, fonts: &Fonts) -> Vec<LaidLine> {
    let size = sane_size(params.size_pt);
    let tokens = tokenize(styled, size, fonts);
    let first_w = (params.width_pt - params.first_indent_pt).max(0.0);
    let mut b = Breaker {
        styled,
        fonts,
        size,
        first_w,
        width: params.width_pt.max(0.0),
        out: Vec::with_capacity(tokens.len() + 4),
        lines: Vec::new(),
        line_start: 0,
        line_w: 0.0,
    };
    b.run(&tokens);
    let vm = VMetrics::new(fonts, size, params.line_spacing);
    let n = b.lines.len();
    b.lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let (x_left, avail) = if i == 0 {
                (params.x_pt + params.first_indent_pt, first_w)
            } else {
                (params.x_pt, b.width)
            };
            let mut items = Vec::new();
            let (ink_x0_pt, ink_x1_pt) = emit(
                b.out.get(line.start..line.end).unwrap_or(&[]),
                line,
                styled,
                Place {
                    x_pt: x_left,
                    avail_pt: avail,
                    baseline_pt: vm.baseline_pt,
                    size_pt: size,
                    align: params.align,
                    last: i + 1 == n,
                },
                &mut items,
            );
            LaidLine {
                slice: Slice {
                    height: Pt(vm.height_pt),
                    items,
                    first_baseline: Some(Pt(vm.baseline_pt)),
                },
                ink_x0_pt,
                ink_x1_pt,
            }
        })
        .collect()
}

/// Width of the widest `\n`-separated line of `styled` if nothing wrapped.
pub(crate) fn natural_width_pt(styled: &Styled, size_pt: f32, fonts: &Fonts) -> f32 {
    let mut widest: f32 = 0.0;
    let mut cur = 0.0;
    for t in tokenize(styled, sane_size(size_pt), fonts) {
        if t.kind == Kind::Break {
            widest = widest.max(cur);
            cur = 0.0;
        } else {
            cur += t.width_pt;
        }
    }
    widest.max(cur)
}

/// A text size the metrics can work with: a zero or NaN size from a damaged tree
/// would make every width 0, so it falls back to the decree's smallest body size.
pub(crate) fn sane_size(size_pt: f32) -> f32 {
    if size_pt.is_finite() && size_pt > 0.0 {
        size_pt.min(1000.0)
    } else {
        13.0
    }
}

fn tokenize(styled: &Styled, size: f32, fonts: &Fonts) -> Vec<Token> {
    let mut out = Vec::new();
    for (si, span) in styled.spans.iter().enumerate() {
        let text = styled.text.get(span.start..span.end).unwrap_or("");
        let mut cur: Option<(Kind, usize)> = None;
        let flush = |out: &mut Vec<Token>, kind: Kind, from: usize, to: usize| {
            let width_pt = match kind {
                Kind::Break => 0.0,
                _ => fonts.text_width_pt(span.style, text.get(from..to).unwrap_or(""), size),
            };
            out.push(Token {
                span: si,
                start: span.start + from,
                end: span.start + to,
                width_pt,
                kind,
            });
        };
        for (i, ch) in text.char_indices() {
            let kind = match ch {
                ' ' => Kind::Space,
                '\n' => Kind::Break,
                _ => Kind::Word,
            };
            if let Some((k, from)) = cur {
                if k == kind && kind != Kind::Break {
                    continue;
                }
                flush(&mut out, k, from, i);
            }
            cur = Some((kind, i));
        }
        if let Some((k, from)) = cur {
            flush(&mut out, k, from, text.len());
        }
    }
    out
}

/// Characters that belong to the character before them and must not start a line.
fn joins_previous(ch: char) -> bool {
    matches!(u32::from(ch),
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x200D)
}

struct Breaker<'a> {
    styled: &'a Styled,
    fonts: &'a Fonts,
    size: f32,
    first_w: f32,
    width: f32,
    out: Vec<Token>,
    lines: Vec<Line>,
    line_start: usize,
    line_w: f32,
}

impl Breaker<'_> {
    fn avail(&self) -> f32 {
        if self.lines.is_empty() {
            self.first_w
        } else {
            self.width
        }
    }

    fn line_empty(&self) -> bool {
        self.out.len() == self.line_start
    }

    fn push(&mut self, t: Token) {
        self.line_w += t.width_pt;
        self.out.push(t);
    }

    fn finish(&mut self, forced: bool) {
        let toks = self.out.get(self.line_start..).unwrap_or(&[]);
        let spaces = toks
            .iter()
            .filter(|t| t.kind == Kind::Space)
            .map(|t| t.end - t.start)
            .sum();
        self.lines.push(Line {
            start: self.line_start,
            end: self.out.len(),
            spaces,
            forced,
        });
        self.line_start = self.out.len();
        self.line_w = 0.0;
    }

    fn run(&mut self, tokens: &[Token]) {
        // Spaces seen since the last word; kept at the start of the paragraph or after
        // a forced break (typed indentation), dropped at a wrap.
        let mut glue_from: Option<usize> = None;
        let mut glue_w = 0.0;
        let mut keep_leading = true;
        let mut i = 0;
        while let Some(tok) = tokens.get(i) {
            match tok.kind {
                Kind::Break => {
                    glue_from = None;
                    glue_w = 0.0;
                    self.finish(true);
                    keep_leading = true;
                    i += 1;
                }
                Kind::Space => {
                    glue_from.get_or_insert(i);
                    glue_w += tok.width_pt;
                    i += 1;
                }
                Kind::Word => {
                    let mut j = i;
                    let mut box_w = 0.0;
                    while let Some(t) = tokens.get(j).filter(|t| t.kind == Kind::Word) {
                        box_w += t.width_pt;
                        j += 1;
                    }
                    let glue = glue_from.map_or(&[][..], |g| tokens.get(g..i).unwrap_or(&[]));
                    let take_glue = if self.line_empty() {
                        keep_leading
                    } else if self.line_w + glue_w + box_w <= self.avail() + FIT_EPS_PT {
                        true
                    } else {
                        self.finish(false);
                        false
                    };
                    if take_glue {
                        for t in glue {
                            self.push(*t);
                        }
                    }
                    glue_from = None;
                    glue_w = 0.0;
                    keep_leading = false;
                    self.place_box(tokens.get(i..j).unwrap_or(&[]), box_w);
                    i = j;
                }
            }
        }
        self.finish(false);
    }

    /// Places a word; one wider than the line is broken between characters.
    fn place_box(&mut self, toks: &[Token], box_w: f32) {
        if self.line_w + box_w <= self.avail() + FIT_EPS_PT {
            for t in toks {
                self.push(*t);
            }
            return;
        }
        for t in toks {
            let style = self
                .styled
                .spans
                .get(t.span)
                .map_or(FontStyle::Regular, |s| s.style);
            let text = self.styled.text.get(t.start..t.end).unwrap_or("");
            let mut from = t.start;
            let mut piece_w = 0.0;
            for (off, ch) in text.char_indices() {
                let pos = t.start + off;
                let cw = self.fonts.advance_pt(style, ch, self.size).unwrap_or(0.0);
                let has_content = !self.line_empty() || pos > from;
                if self.line_w + piece_w + cw > self.avail() + FIT_EPS_PT
                    && has_content
                    && !joins_previous(ch)
                {
                    if pos > from {
                        self.push(Token {
                            start: from,
                            end: pos,
                            width_pt: piece_w,
                            ..*t
                        });
                    }
                    self.finish(false);
                    from = pos;
                    piece_w = 0.0;
                }
                piece_w += cw;
            }
            if t.end > from {
                self.push(Token {
                    start: from,
                    width_pt: piece_w,
                    ..*t
                });
            }
        }
    }
}

/// Where one line goes.
struct Place {
    x_pt: f32,
    avail_pt: f32,
    baseline_pt: f32,
    size_pt: f32,
    align: Align,
    last: bool,
}

/// Writes the text items of one line; returns the ink's left and right x.
fn emit(
    toks: &[Token],
    line: &Line,
    styled: &Styled,
    at: Place,
    items: &mut Vec<Item>,
) -> (f32, f32) {
    let natural: f32 = toks.iter().map(|t| t.width_pt).sum();
    let justify = at.align == Align::Justify && !at.last && !line.forced && line.spaces > 0;
    let ws = if justify {
        (at.avail_pt - natural) / line.spaces as f32
    } else {
        0.0
    };
    let offset = match at.align {
        Align::Left | Align::Justify => 0.0,
        Align::Center => (at.avail_pt - natural) / 2.0,
        Align::Right => at.avail_pt - natural,
    }
    .max(0.0);
    let x0 = at.x_pt + offset;
    let mut x = x0;
    // The item being built and whether it is underlined.
    let mut cur: Option<(TextItem, bool)> = None;
    let finish = |done: TextItem, underline: bool, items: &mut Vec<Item>| {
        if underline {
            let y = (done.baseline + done.size * UNDERLINE_BELOW).0;
            items.push(super::slice::line(done.x.0, y, (done.x + done.width).0, y));
        }
        items.push(Item::Text(done));
    };
    for t in toks {
        let Some(span) = styled.spans.get(t.span) else {
            continue;
        };
        let extra = if t.kind == Kind::Space {
            ws * (t.end - t.start) as f32
        } else {
            0.0
        };
        let piece = styled.text.get(t.start..t.end).unwrap_or("");
        match cur.as_mut() {
            Some((item, u))
                if item.style == span.style
                    && item.flagged == span.flagged
                    && *u == span.underline =>
            {
                item.text.push_str(piece);
                item.width += Pt(t.width_pt + extra);
            }
            _ => {
                if let Some((done, u)) = cur.take() {
                    x += done.width.0;
                    finish(done, u, items);
                }
                cur = Some((
                    TextItem {
                        x: Pt(x),
                        baseline: Pt(at.baseline_pt),
                        size: Pt(at.size_pt),
                        style: span.style,
                        text: piece.to_owned(),
                        word_spacing: Pt(ws),
                        width: Pt(t.width_pt + extra),
                        flagged: span.flagged,
                    },
                    span.underline,
                ));
            }
        }
    }
    if let Some((done, u)) = cur.take() {
        x += done.width.0;
        finish(done, u, items);
    }
    (x0, x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::Run;
    use crate::layout::text::Ctx;

    fn fonts() -> &'static Fonts {
        Fonts::bundled().expect("fonts")
    }

    fn params(align: Align, width_pt: f32) -> LineParams {
        LineParams {
            size_pt: 14.0,
            align,
            first_indent_pt: 0.0,
            x_pt: 100.0,
            width_pt,
            line_spacing: 1.0,
        }
    }

    fn lay(runs: &[Run], p: &LineParams) -> Vec<LaidLine> {
        let mut ctx = Ctx::new(fonts());
        let s = ctx.styled(runs, false);
        lay_lines(&s, p, fonts())
    }

    fn texts(line: &LaidLine) -> Vec<&TextItem> {
        line.slice
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    fn line_text(line: &LaidLine) -> String {
        texts(line).iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn justified_lines_end_exactly_on_the_right_edge_and_the_last_line_is_ragged() {
        let text = "Ủy ban nhân dân xã đã tổ chức quán triệt, triển khai thực hiện \
                    Nghị quyết số 57-NQ/TW đến toàn thể cán bộ, công chức và người dân.";
        let lines = lay(&[Run::plain(text)], &params(Align::Justify, 200.0));
        assert!(lines.len() >= 3);
        for l in &lines[..lines.len() - 1] {
            assert!((l.ink_x1_pt - 300.0).abs() < 0.1, "{}", l.ink_x1_pt);
            assert!(!line_text(l).ends_with(' '));
        }
        let last = lines.last().expect("last");
        assert!(texts(last)[0].word_spacing.0 == 0.0);
        assert!(last.ink_x1_pt < 300.0 - 1.0);
    }

    #[test]
    fn mixed_styles_make_one_item_per_style_with_running_x() {
        let lines = lay(
            &[
                Run::plain("Căn cứ "),
                Run::bold("Luật"),
                Run::plain(" số "),
                Run::plain("1"),
            ],
            &params(Align::Left, 400.0),
        );
        let items = texts(&lines[0]);
        assert_eq!(items.len(), 3);
        assert_eq!(items[2].text, " số 1");
        assert!((items[1].x.0 - (items[0].x.0 + items[0].width.0)).abs() < 1e-4);
        assert_eq!(items[1].style, FontStyle::Bold);
    }

    #[test]
    fn a_word_longer_than_the_line_breaks_between_characters() {
        let word = "x".repeat(500);
        let lines = lay(&[Run::plain(word)], &params(Align::Justify, 150.0));
        assert!(lines.len() > 5);
        for l in &lines {
            assert!(l.ink_x1_pt <= 250.0 + 0.01);
        }
        let total: usize = lines.iter().map(|l| line_text(l).len()).sum();
        assert_eq!(total, 500);
    }

    #[test]
    fn a_newline_forces_a_break_and_that_line_is_not_stretched() {
        let lines = lay(&[Run::plain("một hai\nba")], &params(Align::Justify, 400.0));
        assert_eq!(lines.len(), 2);
        assert_eq!(line_text(&lines[0]), "một hai");
        assert_eq!(texts(&lines[0])[0].word_spacing.0, 0.0);
    }

    #[test]
    fn centred_and_right_lines_sit_in_the_available_width() {
        let c = lay(&[Run::bold("BÁO CÁO")], &params(Align::Center, 400.0));
        let mid = (c[0].ink_x0_pt + c[0].ink_x1_pt) / 2.0;
        assert!((mid - 300.0).abs() < 0.01);
        let r = lay(&[Run::plain("Số 5")], &params(Align::Right, 400.0));
        assert!((r[0].ink_x1_pt - 500.0).abs() < 0.01);
    }

    #[test]
    fn all_four_styles_share_vertical_metrics_so_a_mixed_line_has_one_height() {
        let f = fonts();
        for style in FontStyle::ALL {
            assert_eq!(
                f.ascent_pt(style, 14.0),
                f.ascent_pt(FontStyle::Regular, 14.0)
            );
            assert_eq!(
                f.descent_pt(style, 14.0),
                f.descent_pt(FontStyle::Regular, 14.0)
            );
            assert_eq!(
                f.line_height_pt(style, 14.0),
                f.line_height_pt(FontStyle::Regular, 14.0)
            );
        }
    }

    #[test]
    fn one_and_a_half_spacing_puts_the_extra_space_above_the_text() {
        let mut p = params(Align::Left, 400.0);
        p.line_spacing = 1.5;
        let lines = lay(&[Run::plain("a\nb")], &p);
        let vm = VMetrics::new(fonts(), 14.0, 1.0);
        let h = lines[0].slice.height.0;
        assert!((h - 1.5 * vm.height_pt).abs() < 1e-4);
        let base = lines[0].slice.first_baseline.expect("baseline").0;
        assert!(base > vm.baseline_pt && base + vm.descent_pt <= h);
    }

    #[test]
    fn flagged_text_is_its_own_item_and_stays_flagged() {
        let flagged = Run {
            text: "[tên xã]".into(),
            flagged: true,
            ..Run::default()
        };
        let lines = lay(
            &[Run::plain("Ủy ban "), flagged, Run::plain(" báo cáo")],
            &params(Align::Left, 400.0),
        );
        let items = texts(&lines[0]);
        assert_eq!(items.len(), 3);
        assert!(items[1].flagged && !items[0].flagged && !items[2].flagged);
        assert_eq!(items[1].text, "[tên xã]");
    }

    #[test]
    fn an_empty_text_gives_one_empty_line() {
        let lines = lay(&[], &params(Align::Justify, 400.0));
        assert_eq!(lines.len(), 1);
        assert!(lines[0].slice.items.is_empty());
    }

    #[test]
    fn a_combining_mark_never_starts_a_line() {
        let text = format!("{}\u{0301}", "a".repeat(40));
        let mut ctx = Ctx::new(fonts());
        // Build the buffer by hand to keep the mark decomposed.
        let mut s = ctx.styled(&[Run::plain("")], false);
        s.text = text.clone();
        s.spans = vec![crate::layout::text::Span {
            start: 0,
            end: text.len(),
            style: FontStyle::Regular,
            flagged: false,
            underline: false,
        }];
        let w = fonts().text_width_pt(FontStyle::Regular, &"a".repeat(40), 14.0);
        let lines = lay_lines(&s, &params(Align::Left, w), fonts());
        for l in &lines {
            assert!(!line_text(l).starts_with('\u{0301}'));
        }
    }
}
