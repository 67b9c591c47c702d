//! The rich text of a section (format version 2): paragraphs, list items with levels,
//! emphasis, lead lines and tables, written in plain characters so the RON file stays
//! readable and a diff of two versions shows what changed.
//!
//! ```text
//! Đoạn văn thường, có **chữ đậm**, *chữ nghiêng*, ***đậm nghiêng*** và __gạch chân__.
//! - Ý liệt kê cấp 1:
//!   + ý cấp 2 (hai dấu cách đầu dòng cho mỗi cấp)
//!     • ý cấp 3
//! * ***Đề nghị UBND thành phố:***      (lead line: the whole text emphasised)
//! | Nội dung | Quý I | Quý II |
//! |----------|------:|------:|
//! | Hồ sơ    | 120   | 150   |
//! | Nhóm khác |                        (one cell: a group row across the table)
//! ```
//!
//! One paragraph per line; blank lines only end a table. A backslash escapes the next
//! punctuation character. Placeholders `{{…}}` are left whole for `compose`. A
//! markdown library is not used on purpose: it would also read headings (`#`), quotes
//! (`>`), rules (`---`), links and entities, all of which occur in report text.

/// Deepest list level; deeper indentation prints at this level with a note.
pub const MAX_LEVEL: u8 = 4;
/// Widest table that still reads on a portrait page; wider ones print with a note.
pub const MAX_COLUMNS: usize = 9;

/// A piece of text in one style.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
}

/// A paragraph or a list item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Para {
    /// 0 for a paragraph, 1.. for a list item.
    pub level: u8,
    /// The list marker as written (`-`, `+`, `a)`, `1.`); empty for a paragraph.
    pub marker: String,
    pub spans: Vec<Span>,
    /// The whole text is emphasised: it keeps with the next paragraph, and a list
    /// marker prints in the same style.
    pub lead: bool,
}

impl Para {
    /// The text without markup.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// How a table column's cells align.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CellAlign {
    #[default]
    Left,
    Center,
    Right,
}

/// A column of a table typed in the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Number of dashes in the delimiter row (relative width); 0 when not given.
    pub dashes: usize,
    pub align: CellAlign,
}

/// A row of a table typed in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    Cells(Vec<Vec<Span>>),
    /// A single cell spanning all columns.
    Group(Vec<Span>),
}

/// A table typed in the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The header cells (plain text), empty when the table has no header row.
    pub header: Vec<String>,
    pub columns: Vec<ColumnSpec>,
    pub rows: Vec<Row>,
}

/// A block of a section's text, with the 0-based index of its first non-empty line
/// (the paragraph index review comments anchor to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Para { para: Para, index: usize },
    Table { table: Table, index: usize },
}

/// Something in the text that could not be read as written; the text still prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// 1-based line of the text.
    pub line: usize,
    pub message: String,
}

/// The blocks of `text` and the notes on what could not be read as written.
pub fn parse(text: &str) -> (Vec<Block>, Vec<Note>) {
    let mut blocks = Vec::new();
    let mut notes = Vec::new();
    let mut index = 0usize;
    let mut nesting = Nesting::default();
    let mut table: Option<(Vec<&str>, usize, usize)> = None;
    let flush = |table: &mut Option<(Vec<&str>, usize, usize)>,
                 blocks: &mut Vec<Block>,
                 notes: &mut Vec<Note>| {
        if let Some((lines, first_index, first_line)) = table.take() {
            let t = parse_table(&lines, first_line, notes);
            blocks.push(Block::Table {
                table: t,
                index: first_index,
            });
        }
    };
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            flush(&mut table, &mut blocks, &mut notes);
            continue;
        }
        if trimmed.starts_with('|') {
            match &mut table {
                Some((lines, _, _)) => lines.push(trimmed),
                None => table = Some((vec![trimmed], index, line_no)),
            }
            index += 1;
            nesting.close();
            continue;
        }
        flush(&mut table, &mut blocks, &mut notes);
        let para = parse_line(raw, line_no, &mut nesting, &mut notes);
        blocks.push(Block::Para { para, index });
        index += 1;
    }
    flush(&mut table, &mut blocks, &mut notes);
    (blocks, notes)
}

/// Reads one non-table line; `nesting` holds the list items above it.
fn parse_line(raw: &str, line_no: usize, nesting: &mut Nesting, notes: &mut Vec<Note>) -> Para {
    let indent: usize = raw
        .chars()
        .take_while(|c| matches!(c, ' ' | '\t' | '\u{a0}'))
        .map(|c| if c == '\t' { 2 } else { 1 })
        .sum();
    let rest = raw.trim();
    let Some((marker, body)) = split_marker(rest) else {
        nesting.close();
        let (spans, lead) = inline(rest, line_no, notes);
        return Para {
            level: 0,
            marker: String::new(),
            spans,
            lead,
        };
    };
    let (level, adjusted) = nesting.level(indent, MarkerClass::of(marker));
    match adjusted {
        Some(Adjusted::Jumped { by }) => notes.push(Note {
            line: line_no,
            message: format!(
                "Dòng {line_no}: ý liệt kê lùi vào {by} cấp so với dòng trên; đã in lùi một cấp."
            ),
        }),
        Some(Adjusted::TooDeep) => notes.push(Note {
            line: line_no,
            message: format!(
                "Dòng {line_no}: danh sách chỉ có tối đa {MAX_LEVEL} cấp; ý này in ở cấp {MAX_LEVEL}."
            ),
        }),
        None => {}
    }
    let (spans, lead) = inline(body, line_no, notes);
    if lead && indent == 0 {
        // A lead line (`* ***Đề nghị:***`) heads what follows: the items after it
        // start a new list, as the importer writes them.
        nesting.close();
    }
    Para {
        level,
        marker: marker.to_owned(),
        spans,
        lead,
    }
}

/// Splits a list marker and the space after it from the start of `line`.
pub fn split_marker(line: &str) -> Option<(&str, &str)> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    let marker_end = match first {
        '-' | '+' | '*' | '•' => first.len_utf8(),
        c if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 3 {
                return None;
            }
            match line.as_bytes().get(digits) {
                Some(b'.') | Some(b')') => digits + 1,
                _ => return None,
            }
        }
        c if c.is_lowercase() && crate::vi::is_point_letter(c) => {
            let len = c.len_utf8();
            if line[len..].starts_with(')') {
                len + 1
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let after = &line[marker_end..];
    let body = after.strip_prefix([' ', '\t'])?;
    let body = body.trim_start();
    if body.is_empty() {
        return None;
    }
    Some((&line[..marker_end], body))
}

/// Emphasis delimiters found by the scanner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Delim {
    Star(u8),
    Under,
}

#[derive(Debug)]
enum Tok {
    /// Literal text and the bytes of the line it comes from.
    Text(String, std::ops::Range<usize>),
    /// An escaping backslash: never printed.
    Hidden(std::ops::Range<usize>),
    /// A placeholder `{{…}}`, kept whole.
    Field(String, std::ops::Range<usize>),
    Delim {
        at: usize,
        kind: Delim,
        raw: &'static str,
        open: bool,
        close: bool,
        pair: Option<usize>,
    },
}

/// Opens (`opens`) or closes the emphasis of a paired delimiter in the counters of
/// bold, italic and underline the text is in.
fn count(kind: Delim, opens: bool, bold: &mut i32, italic: &mut i32, under: &mut i32) {
    let d = if opens { 1 } else { -1 };
    match kind {
        Delim::Star(1) => *italic += d,
        Delim::Star(2) => *bold += d,
        Delim::Star(_) => {
            *bold += d;
            *italic += d;
        }
        Delim::Under => *under += d,
    }
}

fn raw_of(kind: Delim) -> &'static str {
    match kind {
        Delim::Star(1) => "*",
        Delim::Star(2) => "**",
        Delim::Star(_) => "***",
        Delim::Under => "__",
    }
}

/// The styled spans of one line of text and whether the whole line is emphasised.
pub fn inline(text: &str, line_no: usize, notes: &mut Vec<Note>) -> (Vec<Span>, bool) {
    let toks = tokens(text);
    let toks = pair_up(toks);
    let mut unpaired = false;
    let (mut bold, mut italic, mut under) = (0i32, 0i32, 0i32);
    let mut spans: Vec<Span> = Vec::new();
    let push = |spans: &mut Vec<Span>, t: &str, b: bool, i: bool, u: bool| {
        if t.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(l) if (l.bold, l.italic, l.underline) == (b, i, u) => l.text.push_str(t),
            _ => spans.push(Span {
                text: t.to_owned(),
                bold: b,
                italic: i,
                underline: u,
            }),
        }
    };
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Text(s, _) | Tok::Field(s, _) => {
                push(&mut spans, s, bold > 0, italic > 0, under > 0)
            }
            Tok::Hidden(_) => {}
            Tok::Delim {
                kind, raw, pair, ..
            } => match pair {
                None => {
                    unpaired = true;
                    push(&mut spans, raw, bold > 0, italic > 0, under > 0);
                }
                Some(p) => count(*kind, *p > i, &mut bold, &mut italic, &mut under),
            },
        }
    }
    if unpaired {
        notes.push(Note {
            line: line_no,
            message: format!(
                "Dòng {line_no}: có dấu *, ** hoặc __ không đóng; dấu đó được in như chữ thường."
            ),
        });
    }
    let lead = !spans.is_empty()
        && spans
            .iter()
            .all(|s| s.bold || s.italic || s.text.trim().is_empty())
        && spans.iter().any(|s| !s.text.trim().is_empty());
    (spans, lead)
}

fn tokens(text: &str) -> Vec<Tok> {
    // Most lines hold no markup at all, perhaps a placeholder: no character scan.
    if !text.contains(['\\', '*', '_']) {
        return fields_only(text);
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
    let ch = |i: usize| chars.get(i).map(|(_, c)| *c);
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut buf_from = 0usize;
    let flush = |out: &mut Vec<Tok>, buf: &mut String, from: usize, to: usize| {
        if !buf.is_empty() {
            out.push(Tok::Text(std::mem::take(buf), from..to));
        }
    };
    let mut i = 0;
    while let Some(c) = ch(i) {
        if c == '\\'
            && let Some(n) = ch(i + 1).filter(char::is_ascii_punctuation)
        {
            flush(&mut out, &mut buf, buf_from, byte(i));
            out.push(Tok::Hidden(byte(i)..byte(i + 1)));
            buf_from = byte(i + 1);
            buf.push(n);
            i += 2;
            continue;
        }
        if c == '{' && ch(i + 1) == Some('{') {
            // A placeholder is copied whole, markup characters and all.
            let close = (i + 2..chars.len().saturating_sub(1))
                .find(|&j| ch(j) == Some('}') && ch(j + 1) == Some('}'));
            if let Some(j) = close {
                flush(&mut out, &mut buf, buf_from, byte(i));
                let range = byte(i)..byte(j + 2);
                out.push(Tok::Field(text[range.clone()].to_owned(), range));
                buf_from = byte(j + 2);
                i = j + 2;
                continue;
            }
        }
        let run_len = |c0: char| (i..).take_while(|&k| ch(k) == Some(c0)).count();
        let kind = if c == '*' {
            let n = run_len('*');
            if n > 3 {
                buf.extend(std::iter::repeat_n('*', n));
                i += n;
                continue;
            }
            Some(Delim::Star(u8::try_from(n).unwrap_or(3)))
        } else if c == '_' && run_len('_') == 2 {
            Some(Delim::Under)
        } else {
            None
        };
        let Some(kind) = kind else {
            buf.push(c);
            i += 1;
            continue;
        };
        let len = raw_of(kind).len();
        let before = i.checked_sub(1).and_then(ch);
        let after = ch(i + len);
        let open = after.is_some_and(|a| !a.is_whitespace());
        let close = before.is_some_and(|b| !b.is_whitespace());
        flush(&mut out, &mut buf, buf_from, byte(i));
        out.push(Tok::Delim {
            at: byte(i),
            kind,
            raw: raw_of(kind),
            open,
            close,
            pair: None,
        });
        i += len;
        buf_from = byte(i);
    }
    flush(&mut out, &mut buf, buf_from, text.len());
    out
}

/// The tokens of a line without emphasis or escapes: text and placeholders.
fn fields_only(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find("{{").map(|i| at + i) {
        let Some(close) = text[open + 2..].find("}}").map(|i| open + 2 + i + 2) else {
            break;
        };
        if open > at {
            out.push(Tok::Text(text[at..open].to_owned(), at..open));
        }
        out.push(Tok::Field(text[open..close].to_owned(), open..close));
        at = close;
    }
    if at < text.len() {
        out.push(Tok::Text(text[at..].to_owned(), at..text.len()));
    }
    out
}

/// Pairs each closing delimiter with the nearest open one of the same kind.
fn pair_up(mut toks: Vec<Tok>) -> Vec<Tok> {
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..toks.len() {
        let (kind, open, close) = match &toks[i] {
            Tok::Delim {
                kind, open, close, ..
            } => (*kind, *open, *close),
            _ => continue,
        };
        let opener = if close {
            stack
                .iter()
                .rposition(|&j| matches!(&toks[j], Tok::Delim { kind: k, .. } if *k == kind))
        } else {
            None
        };
        if let Some(pos) = opener {
            let j = stack[pos];
            stack.truncate(pos);
            if let Tok::Delim { pair, .. } = &mut toks[j] {
                *pair = Some(i);
            }
            if let Tok::Delim { pair, .. } = &mut toks[i] {
                *pair = Some(j);
            }
        } else if open {
            stack.push(i);
        }
    }
    toks
}

/// Splits a table line into its cells, honouring `\|`.
fn cells_of(line: &str) -> Vec<String> {
    let inner = line.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push_str("\\|");
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        cells.push(cur);
    }
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

fn delimiter_row(cells: &[String]) -> Option<Vec<ColumnSpec>> {
    if cells.is_empty() {
        return None;
    }
    cells
        .iter()
        .map(|c| {
            let dashes = c.chars().filter(|&ch| ch == '-').count();
            let ok = dashes > 0 && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '));
            ok.then(|| ColumnSpec {
                dashes,
                align: match (c.starts_with(':'), c.ends_with(':')) {
                    (true, true) => CellAlign::Center,
                    (false, true) => CellAlign::Right,
                    _ => CellAlign::Left,
                },
            })
        })
        .collect()
}

fn parse_table(lines: &[&str], first_line: usize, notes: &mut Vec<Note>) -> Table {
    let rows: Vec<Vec<String>> = lines.iter().map(|l| cells_of(l)).collect();
    let delim_at = rows.iter().position(|r| delimiter_row(r).is_some());
    let mut t = Table::default();
    let body_from = match delim_at {
        Some(d) => {
            t.columns = delimiter_row(&rows[d]).unwrap_or_default();
            let header: Vec<String> = rows[..d]
                .iter()
                .flat_map(|r| r.iter().cloned())
                .collect::<Vec<_>>();
            if d > 1 {
                notes.push(Note {
                    line: first_line,
                    message: format!(
                        "Dòng {first_line}: bảng chỉ có một hàng tiêu đề; các hàng trên hàng “|---|” được gộp lại."
                    ),
                });
            }
            t.header = header.iter().map(|h| plain(h, first_line, notes)).collect();
            d + 1
        }
        None => 0,
    };
    let widest = rows
        .iter()
        .skip(body_from)
        .map(Vec::len)
        .chain([t.header.len(), t.columns.len()])
        .max()
        .unwrap_or(0);
    while t.columns.len() < widest {
        t.columns.push(ColumnSpec::default());
    }
    for (k, r) in rows.iter().enumerate().skip(body_from) {
        let line = first_line + k;
        if r.len() == 1 && t.columns.len() > 1 {
            t.rows.push(Row::Group(inline(&r[0], line, notes).0));
        } else {
            t.rows.push(Row::Cells(
                r.iter().map(|c| inline(c, line, notes).0).collect(),
            ));
        }
    }
    if t.columns.len() > MAX_COLUMNS {
        notes.push(Note {
            line: first_line,
            message: format!(
                "Dòng {first_line}: bảng có {} cột, quá rộng cho trang giấy đứng; chữ trong ô sẽ rất hẹp, nên tách bảng hoặc bớt cột.",
                t.columns.len()
            ),
        });
    }
    if t.rows.is_empty() {
        notes.push(Note {
            line: first_line,
            message: format!("Dòng {first_line}: bảng chưa có hàng nào."),
        });
    }
    t
}

/// The text of `s` without markup.
pub fn plain(s: &str, line_no: usize, notes: &mut Vec<Note>) -> String {
    inline(s, line_no, notes)
        .0
        .iter()
        .map(|s| s.text.as_str())
        .collect()
}

/// The text of a whole section body without markup, one paragraph per line, list
/// markers kept, table cells separated by tabs (for checks, search and comparisons).
pub fn plain_text(body: &str) -> String {
    let (blocks, _) = parse(body);
    let mut out = String::with_capacity(body.len());
    for b in blocks {
        match b {
            Block::Para { para, .. } => {
                if !para.marker.is_empty() {
                    out.push_str(&para.marker);
                    out.push(' ');
                }
                out.push_str(&para.text());
                out.push('\n');
            }
            Block::Table { table, .. } => {
                if !table.header.is_empty() {
                    out.push_str(&table.header.join("\t"));
                    out.push('\n');
                }
                for r in &table.rows {
                    let cells: Vec<String> = match r {
                        Row::Cells(c) => c
                            .iter()
                            .map(|s| s.iter().map(|x| x.text.as_str()).collect())
                            .collect(),
                        Row::Group(s) => vec![s.iter().map(|x| x.text.as_str()).collect()],
                    };
                    out.push_str(&cells.join("\t"));
                    out.push('\n');
                }
            }
        }
    }
    out
}

mod escape;
mod grid;
mod highlight;
mod markup;
mod nesting;
mod pieces;

pub use escape::{escape, migrate_v1};
pub use grid::{Grid, GridRow, table_around};
pub use highlight::{Look, highlight};
pub use markup::emphasis_markup;
pub use nesting::{Adjusted, MarkerClass, Nesting};
pub use pieces::{Piece, pieces, replace_piece, table_ranges};

#[cfg(test)]
mod tests;
