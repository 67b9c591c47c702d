//! layout, step 1: turns the runs of the document tree into printable text — NFC,
//! control characters made spaces, characters the font lacks replaced by
//! [`REPLACEMENT`] with one Vietnamese warning each — before any line is broken.

use std::collections::BTreeSet;

use unicode_normalization::{UnicodeNormalization, is_nfc};

use super::fonts::{Fonts, REPLACEMENT};
use super::page::{FontStyle, LayoutWarning};
use crate::compose::{Run, SourceRef};

/// The problems met while laying out, each reported once, at the first place met.
#[derive(Debug, Default)]
pub(crate) struct Warnings {
    missing: BTreeSet<char>,
    pub(crate) list: Vec<LayoutWarning>,
    /// The piece of the report being laid out (see [`LayoutWarning::source`]).
    pub(crate) source: SourceRef,
}

impl Warnings {
    /// Adds `message` unless it was already given.
    pub(crate) fn once(&mut self, message: &str) {
        if !self.list.iter().any(|w| w.message == message) {
            self.push(message.to_owned());
        }
    }

    fn push(&mut self, message: String) {
        let source = self.source.clone();
        self.list.push(LayoutWarning { message, source });
    }

    /// Records that `ch` is missing from the font; warns only the first time.
    fn missing_glyph(&mut self, ch: char) {
        if self.missing.insert(ch) {
            self.push(format!(
                "Ký tự “{ch}” (U+{:04X}) không có trong phông chữ; đã in thay bằng {REPLACEMENT}.",
                u32::from(ch)
            ));
        }
    }
}

/// A stretch of [`Styled::text`] in one style.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Span {
    /// Byte range in [`Styled::text`].
    pub start: usize,
    pub end: usize,
    pub style: FontStyle,
    pub flagged: bool,
    pub underline: bool,
}

/// The text of a paragraph in one buffer, with its styles; only printable characters.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Styled {
    pub text: String,
    pub spans: Vec<Span>,
}

/// Everything needed to turn runs into printable text.
pub(crate) struct Ctx<'a> {
    pub fonts: &'a Fonts,
    pub warnings: Warnings,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(fonts: &'a Fonts) -> Self {
        Self {
            fonts,
            warnings: Warnings::default(),
        }
    }

    /// Cleans `runs` into one styled buffer; `force_bold` sets bold on every run
    /// (table headers, group rows).
    pub(crate) fn styled(&mut self, runs: &[Run], force_bold: bool) -> Styled {
        let mut out = Styled {
            text: String::with_capacity(runs.iter().map(|r| r.text.len()).sum()),
            spans: Vec::with_capacity(runs.len()),
        };
        for run in runs {
            let style = FontStyle::from_flags(run.bold || force_bold, run.italic);
            let start = out.text.len();
            if is_nfc(&run.text) {
                self.push_clean(&mut out.text, run.text.chars(), style);
            } else {
                self.push_clean(&mut out.text, run.text.nfc(), style);
            }
            let end = out.text.len();
            if end > start {
                out.spans.push(Span {
                    start,
                    end,
                    style,
                    flagged: run.flagged,
                    underline: run.underline,
                });
            }
        }
        out
    }

    /// One plain run, for table headers.
    pub(crate) fn styled_str(&mut self, text: &str, bold: bool) -> Styled {
        let run = Run {
            text: text.to_owned(),
            bold,
            ..Run::default()
        };
        self.styled(std::slice::from_ref(&run), false)
    }

    fn push_clean(
        &mut self,
        out: &mut String,
        chars: impl Iterator<Item = char>,
        style: FontStyle,
    ) {
        for ch in chars {
            let clean = if matches!(ch, '\n' | '\u{2028}' | '\u{2029}') {
                '\n'
            } else if crate::vi::is_invisible(ch) && ch != '\t' {
                // Input never holds these (see `vi::nfc`); text built otherwise must
                // not print them either, as □ or a stray mark.
                continue;
            } else if ch.is_control() {
                ' '
            } else if self.fonts.has_glyph(style, ch) {
                ch
            } else {
                self.warnings.missing_glyph(ch);
                REPLACEMENT
            };
            out.push(clean);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Ctx<'static> {
        Ctx::new(Fonts::bundled().expect("fonts"))
    }

    #[test]
    fn an_emoji_and_a_private_use_character_are_replaced_and_warned_once_each() {
        let mut c = ctx();
        let s = c.styled(&[Run::plain("a😀b\u{E000}c😀"), Run::bold("😀")], false);
        assert_eq!(s.text, "a□b□c□□");
        assert_eq!(c.warnings.list.len(), 2);
        assert_eq!(
            c.warnings.list[0].message,
            "Ký tự “😀” (U+1F600) không có trong phông chữ; đã in thay bằng □."
        );
        assert!(c.warnings.list[1].message.contains("(U+E000)"));
    }

    #[test]
    fn tabs_and_carriage_returns_become_spaces_and_line_separators_newlines() {
        let mut c = ctx();
        let s = c.styled(&[Run::plain("a\tb\r\nc\u{2028}d")], false);
        assert_eq!(s.text, "a b \nc\nd");
        assert!(c.warnings.list.is_empty());
    }

    #[test]
    fn decomposed_vietnamese_is_composed() {
        let mut c = ctx();
        let s = c.styled(&[Run::plain("Vie\u{0302}\u{0323}t")], false);
        assert_eq!(s.text, "Việt");
    }

    #[test]
    fn spans_keep_styles_and_skip_empty_runs() {
        let mut c = ctx();
        let s = c.styled(
            &[Run::plain("a "), Run::plain(""), Run::bold_italic("b")],
            false,
        );
        assert_eq!(s.spans.len(), 2);
        assert_eq!(s.spans[1].style, FontStyle::BoldItalic);
        assert_eq!(&s.text[s.spans[1].start..s.spans[1].end], "b");
    }

    #[test]
    fn invisible_characters_never_reach_the_page() {
        let mut c = ctx();
        let mut out = String::new();
        c.push_clean(
            &mut out,
            "Xã\u{2060} hội\u{ad}\u{202e}".chars(),
            FontStyle::Regular,
        );
        assert_eq!(out, "Xã hội");
        assert!(c.warnings.list.is_empty(), "no □ and no warning");
    }
}
