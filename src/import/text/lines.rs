//! import, text: one line of pasted text read on its own: normalised, its indentation
//! measured, its list marker or heading number found. No decision that needs the
//! lines around it is taken here.

use crate::model::rich::{Span, escape};
use crate::vi;

/// Columns a tab advances the indentation by (spaces count one each).
const TAB_COLUMNS: usize = 4;

/// One line of the text, normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based, as an editor numbers the lines of the file.
    pub no: usize,
    /// Leading spaces and tabs, in columns (a tab is four).
    pub indent: usize,
    /// How many of the leading characters are tabs (empty cells of a table row).
    pub tabs: usize,
    /// NFC text without the indentation and trailing spaces; inner tabs kept.
    pub text: String,
    /// What the source document says the line is (a Word heading style, a list level);
    /// [`Hint::None`] for plain text, where it is read from the text itself.
    pub hint: Hint,
    /// The styled pieces of `text` (bold, italic, underline) when the source knows
    /// them; their texts joined are exactly `text`. `None` for plain text. A line with
    /// spans is a paragraph of its own: it is never joined to the line above.
    pub spans: Option<Vec<Span>>,
}

/// What a document (not plain text) says a line is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Hint {
    /// Nothing: read the text.
    #[default]
    None,
    /// A heading of this level (1 = `I.`), whatever its text starts with.
    Heading(u8),
    /// A list item at this level (1..) with this marker (`-`, `+`, `1.`, `a)`); `text`
    /// starts with the marker and a space, the spans do not hold it.
    Item { level: u8, marker: String },
    /// A table already written in the section text format (pipe table); `text` is
    /// its cells as plain text, for notes.
    Table(String),
}

/// A line as a document reader gives it to the recogniser.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceLine {
    /// The text of the line (for an item: without its marker).
    pub text: String,
    /// What the document says the line is.
    pub hint: Hint,
    /// The styled pieces of `text`, in order.
    pub spans: Vec<Span>,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Splits `text` into normalised lines. CRLF, a lone CR, vertical tabs (Word's line
/// break inside a paragraph), form feeds and the Unicode line and paragraph
/// separators all end a line; every line goes through [`vi::nfc`] (which drops
/// invisible characters) and non-breaking and other wide spaces become plain spaces.
pub(crate) fn split(text: &str) -> Vec<Line> {
    let mut out = Vec::with_capacity(text.len() / 60 + 1);
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let breaks = matches!(
            c,
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        );
        if !breaks {
            continue;
        }
        out.push(line(out.len() + 1, &text[start..i]));
        let mut end = i + c.len_utf8();
        if c == '\r'
            && let Some(&(j, '\n')) = chars.peek()
        {
            chars.next();
            end = j + 1;
        }
        start = end;
    }
    if start < text.len() {
        out.push(line(out.len() + 1, &text[start..]));
    }
    out
}

fn line(no: usize, raw: &str) -> Line {
    let clean = vi::nfc(raw);
    let clean: String = if clean.chars().any(is_wide_space) {
        clean
            .chars()
            .map(|c| if is_wide_space(c) { ' ' } else { c })
            .collect()
    } else {
        clean
    };
    let mut indent = 0;
    let mut tabs = 0;
    let mut body_at = clean.len();
    for (i, c) in clean.char_indices() {
        match c {
            ' ' => indent += 1,
            '\t' => {
                indent += TAB_COLUMNS;
                tabs += 1;
            }
            _ => {
                body_at = i;
                break;
            }
        }
    }
    Line {
        no,
        indent,
        tabs,
        text: clean[body_at..].trim_end().to_owned(),
        hint: Hint::None,
        spans: None,
    }
}

/// Lines of a document: normalised like text lines, with their hints and spans kept.
/// The spans are normalised one by one and trimmed with the line, so that their texts
/// still join to the line's text.
pub(crate) fn from_source(source: Vec<SourceLine>) -> Vec<Line> {
    source
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let mut spans: Vec<Span> = s
                .spans
                .into_iter()
                .map(|sp| Span {
                    text: clean_piece(&sp.text),
                    ..sp
                })
                .filter(|sp| !sp.text.is_empty())
                .collect();
            let joined: String = spans.iter().map(|sp| sp.text.as_str()).collect();
            let body = if spans.is_empty() {
                clean_piece(&s.text)
            } else {
                joined
            };
            let lead = body.len() - body.trim_start().len();
            let tail = body.len() - body.trim_end().len();
            trim_spans(&mut spans, lead, tail);
            let body = body.trim().to_owned();
            let text = match &s.hint {
                Hint::Item { marker, .. } => format!("{marker} {body}"),
                _ => body,
            };
            Line {
                no: i + 1,
                indent: 0,
                tabs: 0,
                text,
                hint: s.hint,
                spans: Some(spans),
            }
        })
        .collect()
}

/// A piece of a document's line: NFC, wide spaces made plain, line breaks as spaces.
fn clean_piece(raw: &str) -> String {
    vi::nfc(raw)
        .chars()
        .map(|c| {
            if is_wide_space(c) || matches!(c, '\n' | '\r' | '\u{0B}' | '\u{0C}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Cuts `lead` bytes from the start and `tail` bytes from the end of the spans.
fn trim_spans(spans: &mut Vec<Span>, mut lead: usize, mut tail: usize) {
    while lead > 0 {
        let Some(first) = spans.first_mut() else {
            return;
        };
        let cut = lead.min(first.text.len());
        first.text.drain(..cut);
        lead -= cut;
        if first.text.is_empty() {
            spans.remove(0);
        }
    }
    while tail > 0 {
        let Some(last) = spans.last_mut() else {
            return;
        };
        let keep = last.text.len().saturating_sub(tail);
        tail -= last.text.len() - keep;
        last.text.truncate(keep);
        if last.text.is_empty() {
            spans.pop();
        }
    }
}

/// The section text format of the end of `line` from byte `from` of its text: its
/// spans with their emphasis when it has spans, else the text escaped.
pub(crate) fn markup_from(line: &Line, from: usize) -> String {
    let Some(spans) = &line.spans else {
        return escape(line.text.get(from..).unwrap_or(""));
    };
    // The spans do not hold an item's marker: count from where they start.
    let joined: usize = spans.iter().map(|s| s.text.len()).sum();
    let skip = from.saturating_sub(line.text.len().saturating_sub(joined));
    crate::model::rich::emphasis_markup(spans, skip)
}

/// Spaces other than the plain space and the tab (no-break, figure, thin, ideographic…).
fn is_wide_space(c: char) -> bool {
    c != ' ' && c != '\t' && c != '\n' && c != '\r' && c.is_whitespace()
}

/// How a list marker nests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// `-`, `•`, `*`, `1.`, `a)`: the first level of a list, or a sibling.
    Major,
    /// `+`, `◦`, `o`: one level below the `-` item it follows.
    Minor,
}

/// A list item found at the start of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Item<'a> {
    /// The marker to write: `-`, `+`, `*`, or a number or letter as typed (`1.`, `a)`).
    pub marker: String,
    pub class: Class,
    /// Two markers were typed (`- + text`: a Word bullet, then the writer's own).
    pub doubled: bool,
    /// The text after the marker(s).
    pub text: &'a str,
}

/// Bullets Word and other editors paste for the first list level (including the
/// Symbol and Wingdings private-use code points Word writes into plain text).
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '–' | '—' | '•' | '●' | '▪' | '■' | '►' | '➢' | '\u{F0B7}' | '\u{F0A7}' | '\u{F0D8}'
    )
}

/// Bullets of the second list level.
fn is_plus(c: char) -> bool {
    matches!(c, '+' | '◦' | '○' | 'o' | '\u{F06F}')
}

/// The text after a one-character marker `c` at the start of `text`, when a space or
/// a tab follows it and some text follows that.
fn after_marker(text: &str, c: char) -> Option<&str> {
    let rest = text.strip_prefix(c)?;
    let first = rest.chars().next()?;
    if first != ' ' && first != '\t' {
        return None;
    }
    let body = rest.trim_start_matches([' ', '\t']);
    if body.is_empty() {
        return None;
    }
    // `o` is a bullet only before a tab or a capital letter: "o" is also a word.
    if c == 'o' && first != '\t' && !body.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    Some(body)
}

/// The bullet item at the start of `text` (not numbers or letters: those may be
/// headings, see [`heading_number`]).
pub(crate) fn bullet(text: &str) -> Option<Item<'_>> {
    let c = text.chars().next()?;
    let (marker, class) = if is_dash(c) {
        ("-", Class::Major)
    } else if is_plus(c) {
        ("+", Class::Minor)
    } else if c == '*' {
        ("*", Class::Major)
    } else {
        return None;
    };
    let body = after_marker(text, c)?;
    if class == Class::Major && marker == "-" {
        // `- + text`, `• + text`, `- - text`: the bullet Word adds, then the one typed.
        if let Some(second) = body.chars().next().filter(|&s| s != 'o')
            && (is_plus(second) || is_dash(second))
            && let Some(inner) = after_marker(body, second)
        {
            let (marker, class) = if is_plus(second) {
                ("+", Class::Minor)
            } else {
                ("-", Class::Major)
            };
            return Some(Item {
                marker: marker.to_owned(),
                class,
                doubled: true,
                text: inner,
            });
        }
    }
    Some(Item {
        marker: marker.to_owned(),
        class,
        doubled: false,
        text: body,
    })
}

/// A number or letter at the start of a line, as headings and numbered items are
/// written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Number {
    /// `I.`, `IV.`: top-level sections.
    Roman(u32),
    /// `1.`, `2.`.
    Arabic(u32),
    /// `2.1.`, `2.1.3.`: the parts as written.
    Decimal(Vec<u32>),
    /// `a)`, `đ)`: the index of the letter in [`vi::POINT_LETTERS`].
    Letter(usize),
}

/// A heading number and the text after it (maybe empty: `II.` alone on its line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Numbered<'a> {
    pub number: Number,
    /// The number as typed (`2.1.`, `a)`), to keep when the line is not a heading.
    pub written: &'a str,
    pub text: &'a str,
}

/// The heading-style number at the start of `text`.
pub(crate) fn heading_number(text: &str) -> Option<Numbered<'_>> {
    let roman_len = text
        .bytes()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
        .count();
    if roman_len > 0 {
        let (numeral, rest) = text.split_at(roman_len);
        let rest = rest.strip_prefix('.')?;
        let value = vi::roman_value(numeral)?;
        let text_after = separated(rest, true)?;
        return Some(Numbered {
            number: Number::Roman(value),
            written: &text[..roman_len + 1],
            text: text_after,
        });
    }
    let first = text.chars().next()?;
    if first.is_ascii_digit() {
        let mut parts = Vec::new();
        let mut pos = 0;
        let bytes = text.as_bytes();
        loop {
            let digits = bytes[pos..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits == 0 || digits > 2 {
                return None;
            }
            parts.push(text[pos..pos + digits].parse::<u32>().ok()?);
            pos += digits;
            match bytes.get(pos) {
                Some(b'.') if bytes.get(pos + 1).is_some_and(u8::is_ascii_digit) => pos += 1,
                Some(b'.') => {
                    pos += 1;
                    break;
                }
                // `2.1 Về …`: the last dot of a decimal number is often left out.
                _ if parts.len() > 1 => break,
                _ => return None,
            }
        }
        if parts.len() > 3 || parts.contains(&0) {
            return None;
        }
        let text_after = separated(&text[pos..], false)?;
        let number = if parts.len() == 1 {
            Number::Arabic(parts[0])
        } else {
            Number::Decimal(parts)
        };
        return Some(Numbered {
            number,
            written: &text[..pos],
            text: text_after,
        });
    }
    if first.is_lowercase() && vi::is_point_letter(first) {
        let rest = text[first.len_utf8()..].strip_prefix(')')?;
        let text_after = separated(rest, false)?;
        let index = vi::POINT_LETTERS
            .iter()
            .position(|l| l.starts_with(first))?;
        return Some(Numbered {
            number: Number::Letter(index),
            written: &text[..first.len_utf8() + 1],
            text: text_after,
        });
    }
    None
}

/// The text after a number: nothing, or a space first (for a Roman number a capital
/// letter may follow the dot directly, as in `I.CĂN CỨ`).
fn separated(rest: &str, roman: bool) -> Option<&str> {
    match rest.chars().next() {
        None => Some(""),
        Some(' ' | '\t') => Some(rest.trim_start_matches([' ', '\t'])),
        Some(c) if roman && c.is_uppercase() => Some(rest),
        Some(_) => None,
    }
}

/// Whether the text after a heading number reads as a heading rather than a sentence:
/// short, starting with a capital (or a digit), not ending like a sentence or a list
/// item, with no second sentence inside. Roman headings may end with a full stop.
pub(crate) fn heading_like(text: &str, number: &Number) -> bool {
    let t = text.trim();
    let Some(first) = t.chars().next() else {
        return false;
    };
    let chars = t.chars().count();
    let words = t.split_whitespace().count();
    let roman = matches!(number, Number::Roman(_));
    let max_chars = match number {
        Number::Roman(_) => 200,
        Number::Letter(_) => 100,
        _ => 160,
    };
    if chars > max_chars || words > 30 {
        return false;
    }
    if !(roman || first.is_uppercase() || first.is_ascii_digit() || "“\"(".contains(first)) {
        return false;
    }
    match t.chars().last() {
        Some(';' | ',') => return false,
        Some('.') if !roman || t.ends_with("..") => return false,
        Some(':') if words > 12 => return false,
        _ => {}
    }
    // A second sentence, or a long clause after a colon, makes a paragraph.
    let mut it = t.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if (c == '.' || c == ':') && it.peek().is_some_and(|&(_, n)| n == ' ') {
            let tail = &t[i + 1..];
            let next_upper = tail
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if c == '.' && next_upper {
                return false;
            }
            if c == ':' && tail.split_whitespace().count() > 6 {
                return false;
            }
        }
    }
    true
}

/// A title written entirely in capitals, in sentence case: `KẾT QUẢ TRIỂN KHAI` →
/// `Kết quả triển khai`. Other titles are returned as written.
pub(crate) fn sentence_case(title: &str) -> String {
    let has_upper = title.chars().any(char::is_uppercase);
    let has_lower = title.chars().any(char::is_lowercase);
    if !has_upper || has_lower {
        return title.to_owned();
    }
    // Roman numerals (`QUÝ III`) stay as written.
    let lower: String = title
        .split(' ')
        .map(|w| {
            let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
            if bare.len() > 1 && vi::roman_value(bare).is_some() {
                w.to_owned()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    vi::capitalise(&lower)
}

/// Whether `text` has letters and none of them is lower case.
pub(crate) fn all_caps(text: &str) -> bool {
    text.chars().any(char::is_uppercase) && !text.chars().any(char::is_lowercase)
}

/// A line drawn with characters (`-----`, `_____`, `===`) under a header line.
pub(crate) fn is_rule(text: &str) -> bool {
    let marks = text.chars().filter(|c| !c.is_whitespace()).count();
    marks >= 3
        && text
            .chars()
            .all(|c| c.is_whitespace() || "-_=—–─*.~".contains(c))
}

/// Whether `text` ends a sentence or a list item (so the next line starts a new one).
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".;:!?…)”\"".contains(c))
}

/// The first character of `text` is a lower-case letter.
pub(crate) fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}
