//! The looks of a section's text in the editor: every byte of the text with how it is
//! shown (emphasis, faint markup, fields, list markers), read with the parser's rules.

use super::{Tok, cells_of, count, delimiter_row, pair_up, split_marker, tokens};

/// How the editor shows a stretch of a line of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Look {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    /// Markup that never prints (emphasis markers, escaping backslashes, the
    /// delimiter row of a table, cell bars).
    pub markup: bool,
    /// A placeholder `{{…}}`.
    pub field: bool,
    /// A list marker.
    pub marker: bool,
}

/// The looks of the bytes of `text` (a whole section body), in order and covering
/// every byte, so that the editor can show the text as it prints while keeping every
/// character the clerk typed.
pub fn highlight(text: &str) -> Vec<(std::ops::Range<usize>, Look)> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        highlight_line(content, at, &mut out);
        if content.len() < line.len() {
            out.push((at + content.len()..at + line.len(), Look::default()));
        }
        at += line.len();
    }
    out
}

fn highlight_line(line: &str, base: usize, out: &mut Vec<(std::ops::Range<usize>, Look)>) {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    if lead > 0 {
        out.push((base..base + lead, Look::default()));
    }
    let base = base + lead;
    if trimmed.starts_with('|') {
        let cells = cells_of(trimmed);
        if delimiter_row(&cells).is_some() {
            let look = Look {
                markup: true,
                ..Look::default()
            };
            out.push((base..base + trimmed.len(), look));
            return;
        }
        // Bars are markup; each cell's text is highlighted on its own.
        let mut from = 0;
        let bytes = trimmed.as_bytes();
        let mut k = 0;
        while k < bytes.len() {
            if bytes[k] == b'\\' && bytes.get(k + 1) == Some(&b'|') {
                k += 2;
                continue;
            }
            if bytes[k] == b'|' {
                if k > from {
                    inline_looks(&trimmed[from..k], base + from, out);
                }
                let bar = Look {
                    markup: true,
                    ..Look::default()
                };
                out.push((base + k..base + k + 1, bar));
                from = k + 1;
            }
            k += 1;
        }
        if from < trimmed.len() {
            inline_looks(&trimmed[from..], base + from, out);
        }
        return;
    }
    let mut rest_from = 0;
    if let Some((marker, body)) = split_marker(trimmed) {
        let body_at = trimmed.len() - body.len();
        let look = Look {
            marker: true,
            ..Look::default()
        };
        out.push((base..base + marker.len(), look));
        out.push((base + marker.len()..base + body_at, Look::default()));
        rest_from = body_at;
    }
    inline_looks(&trimmed[rest_from..], base + rest_from, out);
}

fn inline_looks(text: &str, base: usize, out: &mut Vec<(std::ops::Range<usize>, Look)>) {
    let toks = pair_up(tokens(text));
    let (mut bold, mut italic, mut under) = (0i32, 0i32, 0i32);
    for (i, t) in toks.iter().enumerate() {
        let styled = Look {
            bold: bold > 0,
            italic: italic > 0,
            underline: under > 0,
            ..Look::default()
        };
        match t {
            Tok::Text(_, r) => out.push((base + r.start..base + r.end, styled)),
            Tok::Field(_, r) => out.push((
                base + r.start..base + r.end,
                Look {
                    field: true,
                    ..styled
                },
            )),
            Tok::Hidden(r) => out.push((
                base + r.start..base + r.end,
                Look {
                    markup: true,
                    ..Look::default()
                },
            )),
            Tok::Delim {
                at,
                kind,
                raw,
                pair,
                ..
            } => {
                let range = base + at..base + at + raw.len();
                match pair {
                    None => out.push((range, styled)),
                    Some(p) => {
                        out.push((
                            range,
                            Look {
                                markup: true,
                                ..Look::default()
                            },
                        ));
                        count(*kind, *p > i, &mut bold, &mut italic, &mut under);
                    }
                }
            }
        }
    }
}
