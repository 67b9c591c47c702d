//! model, section text: the emphasis a document gives (bold, italic, underline runs) written
//! in the section text format (`**…**`, `*…*`, `***…***`, `__…__`), literal markup
//! characters escaped. What is written is read back with the section text parser;
//! when that would not give the same styles, the text is kept without emphasis rather
//! than printed wrongly.

use super::{Span, escape};

/// The section text of `spans` from byte `skip` of their joined text: how an imported
/// document's bold, italic and underlined runs enter the model.
pub fn emphasis_markup(spans: &[Span], skip: usize) -> String {
    let pieces = cut(spans, skip);
    let written = emphasised(&pieces);
    if same_styles(&written, &pieces) {
        written
    } else {
        let plain: String = pieces.iter().map(|s| s.text.as_str()).collect();
        escape(&plain)
    }
}

/// The spans after byte `skip`, neighbours of one style merged.
fn cut(spans: &[Span], mut skip: usize) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        let text = if skip >= s.text.len() {
            skip -= s.text.len();
            continue;
        } else {
            let t = s.text.get(skip..).unwrap_or("");
            skip = 0;
            t
        };
        match out.last_mut() {
            Some(last) if same_style(last, s) => last.text.push_str(text),
            _ => out.push(Span {
                text: text.to_owned(),
                ..s.clone()
            }),
        }
    }
    out
}

fn same_style(a: &Span, b: &Span) -> bool {
    a.bold == b.bold && a.italic == b.italic && a.underline == b.underline
}

/// Each piece escaped and wrapped in its delimiters; spaces at the ends of an
/// emphasised piece stay outside them (`** x**` would not be read as emphasis).
fn emphasised(pieces: &[Span]) -> String {
    let mut out = String::new();
    for p in pieces {
        let styled = p.bold || p.italic || p.underline;
        let core = p.text.trim();
        if !styled || core.is_empty() {
            out.push_str(&escape(&p.text));
            continue;
        }
        let lead = &p.text[..p.text.len() - p.text.trim_start().len()];
        let trail = &p.text[p.text.trim_end().len()..];
        let stars = match (p.bold, p.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let under = if p.underline { "__" } else { "" };
        out.push_str(lead);
        out.push_str(under);
        out.push_str(stars);
        out.push_str(&escape(core));
        out.push_str(stars);
        out.push_str(under);
        out.push_str(trail);
    }
    out
}

/// Whether `written` reads back as the text and styles of `pieces` (spaces aside).
fn same_styles(written: &str, pieces: &[Span]) -> bool {
    let mut notes = Vec::new();
    let (read, _) = super::inline(written, 1, &mut notes);
    if !notes.is_empty() {
        return false;
    }
    let chars = |spans: &[Span]| -> Vec<(char, bool, bool, bool)> {
        spans
            .iter()
            .flat_map(|s| {
                s.text
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .map(move |c| (c, s.bold, s.italic, s.underline))
            })
            .collect()
    };
    chars(&read) == chars(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, bold: bool, italic: bool, underline: bool) -> Span {
        Span {
            text: text.to_owned(),
            bold,
            italic,
            underline,
        }
    }

    #[test]
    fn bold_italic_and_underlined_runs_become_their_delimiters() {
        let spans = [
            span("Đã cấp ", false, false, false),
            span("120 hồ sơ ", true, false, false),
            span("trực tuyến", false, true, false),
            span(", ", false, false, false),
            span("đúng hạn", true, true, false),
            span(" và ", false, false, false),
            span("đủ", false, false, true),
        ];
        assert_eq!(
            emphasis_markup(&spans, 0),
            "Đã cấp **120 hồ sơ** *trực tuyến*, ***đúng hạn*** và __đủ__"
        );
    }

    #[test]
    fn literal_stars_and_pipes_are_escaped_inside_and_outside_emphasis() {
        let spans = [
            span("a*b | ", false, false, false),
            span("x_y", true, false, false),
        ];
        assert_eq!(emphasis_markup(&spans, 0), "a\\*b \\| **x\\_y**");
    }

    #[test]
    fn the_text_after_a_marker_is_written_from_the_byte_asked() {
        let spans = [
            span("- ", false, false, false),
            span("Ý một", true, false, false),
        ];
        assert_eq!(emphasis_markup(&spans, 2), "**Ý một**");
    }
}
