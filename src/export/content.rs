//! export: the pages' content streams, written straight from layout's items.
//!
//! printpdf builds the document around them (page objects and resources; the fonts are
//! embedded by `fonts`). Its translation of page
//! operators, though, went through one cmap lookup, one glyph-id map lookup and one
//! allocation per character and one lopdf object per word, then formatted each glyph
//! code byte by byte; on the sample report that cost more than laying the report out
//! four times. The operators here are the ones printpdf wrote for the same pages,
//! written directly, with one difference: glyph codes go into literal strings as
//! bytes, where printpdf spelled them out in hexadecimal. That halves the text of the
//! streams, and so the work of compressing them, and the compressed file is smaller.
//!
//! Each character's code is the glyph id its glyph has in the embedded subset, given by
//! `fonts::embed` before any page is written.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use printpdf::FontId;
use printpdf_lopdf::{Document, Object};

use super::ExportError;
use super::pdf::{draws_something, round, to_pdf_space};
use crate::layout::{FontStyle, Item, Page, TextItem};

/// A style drawn on some page: its font resource name and the characters it draws.
pub(super) struct UsedFont {
    pub id: FontId,
    pub chars: BTreeSet<char>,
}

/// The two-byte code of each character in one embedded font.
#[derive(Default)]
pub(super) struct Codes {
    /// Indexed by code point, for the characters below [`DENSE`]; `0` (the code of
    /// `.notdef`, never a drawn character's) where the character is not used.
    dense: Vec<u16>,
    other: BTreeMap<char, u16>,
}

/// Code points below this are looked up in a table (Vietnamese, punctuation, the
/// white square all are).
const DENSE: usize = 0x2600;

impl Codes {
    pub(super) fn insert(&mut self, c: char, code: u16) {
        let cp = c as usize;
        if cp < DENSE {
            if self.dense.len() <= cp {
                self.dense.resize(cp + 1, 0);
            }
            if let Some(slot) = self.dense.get_mut(cp) {
                *slot = code;
            }
        } else {
            self.other.insert(c, code);
        }
    }

    pub(super) fn get(&self, c: char) -> Option<u16> {
        let cp = c as usize;
        let code = if cp < DENSE {
            self.dense.get(cp).copied()
        } else {
            self.other.get(&c).copied()
        };
        code.filter(|code| *code != 0)
    }
}

/// Replaces the content stream of every page of `doc` with the operators of the
/// matching layout page. `texts` holds the printable text of every text item, in page
/// order.
pub(super) fn replace_contents(
    doc: &mut Document,
    pages: &[Page],
    texts: &[Cow<str>],
    fonts: &BTreeMap<FontStyle, UsedFont>,
    codes: &BTreeMap<FontStyle, Codes>,
) -> Result<(), ExportError> {
    let page_ids: Vec<_> = doc.get_pages().into_values().collect();
    if page_ids.len() != pages.len() {
        return Err(ExportError::Library(format!(
            "printpdf đã ghi {} trang thay vì {}",
            page_ids.len(),
            pages.len()
        )));
    }
    let mut texts = texts.iter();
    for (index, (page, page_id)) in pages.iter().zip(page_ids).enumerate() {
        let bytes = page_content(index + 1, page, &mut texts, fonts, codes)?;
        let stream_id = doc
            .get_dictionary(page_id)
            .and_then(|d| d.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(|e| ExportError::Library(e.to_string()))?;
        match doc.objects.get_mut(&stream_id) {
            Some(Object::Stream(stream)) => stream.set_content(bytes),
            _ => {
                return Err(ExportError::Library(format!(
                    "trang {}: không có luồng nội dung",
                    index + 1
                )));
            }
        }
    }
    Ok(())
}

/// The content stream of one page: rules and frames first, then all text in one text
/// object, in the order layout gave it (which is the reading order).
fn page_content<'a>(
    page_no: usize,
    page: &Page,
    texts: &mut impl Iterator<Item = &'a Cow<'a, str>>,
    fonts: &BTreeMap<FontStyle, UsedFont>,
    codes: &BTreeMap<FontStyle, Codes>,
) -> Result<Vec<u8>, ExportError> {
    let h = page.height.0;
    let mut out = Writer::default();
    out.op("0 g");
    out.op("0 G");
    let mut stroke: Option<f32> = None;
    let mut set_stroke = |out: &mut Writer, w: f32| {
        let w = round(w);
        if stroke != Some(w) {
            out.nums(&[w], "w");
            stroke = Some(w);
        }
    };
    for item in &page.items {
        match item {
            Item::Line(l) => {
                set_stroke(&mut out, l.width.0);
                let (x0, y0) = to_pdf_space(h, l.x0.0, l.y0.0);
                let (x1, y1) = to_pdf_space(h, l.x1.0, l.y1.0);
                out.nums(&[x0, y0], "m");
                out.nums(&[x1, y1], "l");
                out.op("S");
            }
            Item::Rect(r) => {
                set_stroke(&mut out, r.stroke.0);
                // PDF rectangles are anchored at their lower-left corner.
                let (x, y) = to_pdf_space(h, r.x.0, r.y.0 + r.h.0);
                out.nums(&[x, y, round(r.w.0), round(r.h.0)], "re");
                out.op("S");
            }
            // Drawn after the text by `images`, from the images the options carry.
            Item::Text(_) | Item::Image(_) => {}
        }
    }

    let mut in_text = false;
    let mut font: Option<(FontStyle, f32)> = None;
    // A flagged run (a figure with no value, on a draft) prints in the draft's red.
    let mut red = false;
    for item in &page.items {
        let Item::Text(t) = item else { continue };
        let Some(text) = texts.next() else {
            return Err(ExportError::Library(format!(
                "trang {page_no}: thiếu nội dung chữ"
            )));
        };
        if !draws_something(text) {
            continue;
        }
        let (Some(used), Some(map)) = (fonts.get(&t.style), codes.get(&t.style)) else {
            continue;
        };
        if !in_text {
            out.op("BT");
            in_text = true;
        }
        let size = round(t.size.0);
        if font != Some((t.style, size)) {
            out.sep();
            out.name(&used.id.0);
            out.nums(&[size], "Tf");
            font = Some((t.style, size));
        }
        if t.flagged != red {
            red = t.flagged;
            out.nums(if red { &FLAG_RGB } else { &[0.0, 0.0, 0.0] }, "rg");
        }
        let (x, y) = to_pdf_space(h, t.x.0, t.baseline.0);
        out.nums(&[1.0, 0.0, 0.0, 1.0, x, y], "Tm");
        out.show(t, text, map)
            .ok_or_else(|| ExportError::Library(format!("trang {page_no}: ký tự không có mã")))?;
    }
    if red {
        out.nums(&[0.0, 0.0, 0.0], "rg");
    }
    if in_text {
        out.op("ET");
    }
    Ok(out.bytes)
}

/// The fill colour of flagged text: the red of the draft's marking.
const FLAG_RGB: [f32; 3] = [0.8, 0.0, 0.0];

/// Content-stream text in the form lopdf writes it (printpdf's serializer): one
/// operator per line, operands each followed by a space, numbers in their shortest
/// form; glyph codes as literal strings of bytes.
#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    /// Starts a new operator: a line break unless it is the first.
    fn sep(&mut self) {
        if !self.bytes.is_empty() {
            self.bytes.push(b'\n');
        }
    }

    fn op(&mut self, operator: &str) {
        self.sep();
        self.bytes.extend_from_slice(operator.as_bytes());
    }

    /// Numeric operands and their operator, continuing the current operator's line
    /// when a name operand was already written (`Tf`).
    fn nums(&mut self, operands: &[f32], operator: &str) {
        if self.bytes.last().is_some_and(|b| *b != b' ') {
            self.sep();
        }
        for v in operands {
            self.num(*v);
            self.bytes.push(b' ');
        }
        self.bytes.extend_from_slice(operator.as_bytes());
    }

    fn name(&mut self, name: &str) {
        self.bytes.push(b'/');
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.push(b' ');
    }

    /// A number already rounded to 1/100, as Rust's shortest `Display` of it reads.
    fn num(&mut self, v: f32) {
        let centi = (f64::from(v) * 100.0).round();
        if !(-1e15..=1e15).contains(&centi) {
            self.bytes.extend_from_slice(v.to_string().as_bytes());
            return;
        }
        let centi = centi as i64;
        if centi < 0 {
            self.bytes.push(b'-');
        }
        let centi = centi.unsigned_abs();
        self.int(centi / 100);
        let frac = centi % 100;
        if frac != 0 {
            self.bytes.push(b'.');
            self.bytes.push(b'0' + (frac / 10) as u8);
            if !frac.is_multiple_of(10) {
                self.bytes.push(b'0' + (frac % 10) as u8);
            }
        }
    }

    fn int(&mut self, n: u64) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut n = n;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.bytes.extend_from_slice(&digits[i..]);
    }

    /// `(…)`: the two-byte codes of `text` in `codes` as a literal string; `None` if a
    /// character has no code. The bytes that delimit or escape in a literal string are
    /// escaped, and so is CR, which a reader would take for an end of line and read as
    /// LF (ISO 32000-1, 7.3.4.2).
    fn string(&mut self, text: &str, codes: &Codes) -> Option<()> {
        let escaped = |b: u8| matches!(b, b'(' | b')' | b'\\' | b'\r');
        self.bytes.reserve(2 * text.len() + 2);
        self.bytes.push(b'(');
        for c in text.chars() {
            let pair = codes.get(c)?.to_be_bytes();
            if !pair.iter().any(|b| escaped(*b)) {
                self.bytes.extend_from_slice(&pair);
                continue;
            }
            for byte in pair {
                match byte {
                    b'\r' => self.bytes.extend_from_slice(b"\\r"),
                    b if escaped(b) => self.bytes.extend_from_slice(&[b'\\', b]),
                    b => self.bytes.push(b),
                }
            }
        }
        self.bytes.push(b')');
        Some(())
    }

    /// The text of one run, as `Tj` or, when justified, as a `TJ` array. Justification:
    /// the fonts are CID fonts, for which PDF applies `Tw` to no character at all (it
    /// only acts on the single byte 32), so the extra space goes into the array as a
    /// kerning number after every space. The spaces themselves stay in the text, so
    /// extraction still sees the words apart.
    fn show(&mut self, t: &TextItem, text: &str, codes: &Codes) -> Option<()> {
        self.sep();
        // TJ numbers are thousandths of the text size, moving left when positive.
        let kern = -(t.word_spacing.0 * 1000.0 / t.size.0);
        let kern = (kern * 100.0).round() / 100.0;
        let words: Vec<&str> = if kern == 0.0 {
            vec![text]
        } else {
            text.split_inclusive(' ').collect()
        };
        if words.len() <= 1 {
            self.string(text, codes)?;
            self.bytes.extend_from_slice(b" Tj");
            return Some(());
        }
        self.bytes.push(b'[');
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                self.bytes.push(b' ');
                self.num(kern);
            }
            self.string(word, codes)?;
        }
        self.bytes.extend_from_slice(b"] TJ");
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut Writer)) -> String {
        let mut w = Writer::default();
        f(&mut w);
        String::from_utf8(w.bytes).expect("utf-8")
    }

    #[test]
    fn numbers_read_as_rusts_shortest_display_of_the_rounded_value() {
        for v in [
            0.0, 1.0, 0.5, 0.05, 14.0, 766.2, 785.2, 121.04, -36.13, -178.57, 841.89, 595.28,
            -0.82, 12345.67, 100.1,
        ] {
            assert_eq!(written(|w| w.num(v)), format!("{v}"), "{v}");
        }
    }

    #[test]
    fn operators_are_one_a_line_with_their_operands_before_them() {
        let s = written(|w| {
            w.op("0 g");
            w.nums(&[0.5], "w");
            w.op("BT");
            w.sep();
            w.name("ABCDEF");
            w.nums(&[14.0], "Tf");
            w.nums(&[1.0, 0.0, 0.0, 1.0, 85.04, 700.5], "Tm");
            w.op("ET");
        });
        assert_eq!(
            s,
            "0 g\n0.5 w\nBT\n/ABCDEF 14 Tf\n1 0 0 1 85.04 700.5 Tm\nET"
        );
    }

    #[test]
    fn justified_runs_kern_after_every_space_and_plain_runs_are_one_string() {
        let mut codes = Codes::default();
        for (i, c) in "ab đ".chars().enumerate() {
            codes.insert(c, 0x41 + i as u16);
        }
        let mut t = TextItem {
            x: crate::units::Pt(0.0),
            baseline: crate::units::Pt(0.0),
            size: crate::units::Pt(10.0),
            style: FontStyle::Regular,
            text: String::new(),
            word_spacing: crate::units::Pt(0.0),
            width: crate::units::Pt(0.0),
            flagged: false,
        };
        assert_eq!(
            written(|w| w.show(&t, "ab đ", &codes).expect("codes")),
            "(\0A\0B\0C\0D) Tj"
        );
        t.word_spacing.0 = 1.0;
        assert_eq!(
            written(|w| w.show(&t, "ab đ a", &codes).expect("codes")),
            "[(\0A\0B\0C) -100(\0D\0C) -100(\0A)] TJ"
        );
        // A trailing space leaves nothing to kern before.
        assert_eq!(
            written(|w| w.show(&t, "ab ", &codes).expect("codes")),
            "(\0A\0B\0C) Tj"
        );
        assert!(Writer::default().show(&t, "x", &codes).is_none());
    }

    #[test]
    fn string_delimiters_and_cr_in_codes_are_escaped() {
        let mut codes = Codes::default();
        for (c, code) in [('a', 0x2829), ('b', 0x5C0D), ('c', 0x0A0B)] {
            codes.insert(c, code);
        }
        let s = written(|w| w.string("abc", &codes).expect("codes"));
        assert_eq!(s.as_bytes(), b"(\\(\\)\\\\\\r\n\x0B)");
    }
}
