//! Text operations of the section editor on rich text (see [`crate::model::rich`]):
//! toggling emphasis on a selection, moving list items a level in or out, inserting a
//! table. Pure functions of (text, selection) → (text, selection); selections are
//! character indices, as the window's text fields count them.

use std::ops::Range;

use crate::model::rich::{self, split_marker};

/// An emphasis the clerk toggles with Ctrl+B / Ctrl+I / Ctrl+U.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emphasis {
    Bold,
    Italic,
    Underline,
}

impl Emphasis {
    fn marker(self) -> &'static str {
        match self {
            Self::Bold => "**",
            Self::Italic => "*",
            Self::Underline => "__",
        }
    }
}

fn byte_of(text: &str, ch: usize) -> usize {
    text.char_indices().nth(ch).map_or(text.len(), |(b, _)| b)
}

fn char_of(text: &str, byte: usize) -> usize {
    text.char_indices().take_while(|(b, _)| *b < byte).count()
}

/// Byte range of the word around `at` (letters, digits and marks), if any.
fn word_around(text: &str, at: usize) -> Option<Range<usize>> {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '%' | ',' | '.' | '-');
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(at, |(b, _)| b);
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(b, _)| at + b);
    (end > start).then_some(start..end)
}

/// A selection from its smaller end to its larger, within the text (a selection made
/// backwards, or one left from a longer text, comes in either way).
fn ordered(sel: Range<usize>, text: &str) -> Range<usize> {
    let n = text.chars().count();
    let (a, b) = (sel.start.min(n), sel.end.min(n));
    a.min(b)..a.max(b)
}

/// Length of the run of `c` ending at `end` / starting at `start`.
fn run_before(text: &str, end: usize, c: char) -> usize {
    text[..end].chars().rev().take_while(|&x| x == c).count()
}
fn run_after(text: &str, start: usize, c: char) -> usize {
    text[start..].chars().take_while(|&x| x == c).count()
}

/// Whether `[a, b)` is wrapped by `kind`'s markers just outside it.
fn wrapped_outside(text: &str, a: usize, b: usize, kind: Emphasis) -> bool {
    match kind {
        Emphasis::Underline => text[..a].ends_with("__") && text[b..].starts_with("__"),
        Emphasis::Bold => run_before(text, a, '*') >= 2 && run_after(text, b, '*') >= 2,
        Emphasis::Italic => {
            let (l, r) = (run_before(text, a, '*'), run_after(text, b, '*'));
            l % 2 == 1 && r % 2 == 1
        }
    }
}

/// Toggles `kind` on the selection `sel` (characters) of `text`; an empty selection
/// takes the word at the cursor. Applied line by line; a list marker stays outside
/// the emphasis. Returns the new text and the selection over the same words.
pub fn toggle_emphasis(text: &str, sel: Range<usize>, kind: Emphasis) -> (String, Range<usize>) {
    let sel = ordered(sel, text);
    let (mut a, mut b) = (byte_of(text, sel.start), byte_of(text, sel.end));
    if a == b {
        match word_around(text, a) {
            Some(w) => (a, b) = (w.start, w.end),
            None => return (text.to_owned(), sel),
        }
    }
    // Line pieces of the selection, last first so earlier offsets stay valid.
    let mut pieces = Vec::new();
    let mut line_start = text[..a].rfind('\n').map_or(0, |i| i + 1);
    while line_start <= b {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let line = &text[line_start..line_end];
        let body_from = line.len() - line.trim_start().len();
        let body_from = match split_marker(line.trim_start()) {
            Some((_, body)) => line.len() - body.len(),
            None => body_from,
        };
        let from = a.max(line_start + body_from);
        let to = b.min(line_end);
        if from < to {
            // Markers must touch text: spaces at the edges stay outside.
            let piece = &text[from..to];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            if from + lead < to - trail {
                pieces.push((from + lead, to - trail));
            }
        }
        if line_end >= text.len() {
            break;
        }
        line_start = line_end + 1;
    }
    if pieces.is_empty() {
        return (text.to_owned(), sel);
    }
    let m = kind.marker();
    let remove = pieces.iter().all(|&(x, y)| {
        wrapped_outside(text, x, y, kind)
            || (y - x > 2 * m.len()
                && text[x..y].starts_with(m)
                && text[x..y].ends_with(m)
                && wrapped_outside(text, x + m.len(), y - m.len(), kind))
    });
    let mut out = text.to_owned();
    let n = pieces.len();
    let (x0, y_last) = (pieces[0].0, pieces[n - 1].1);
    let ml = m.len();
    let (new_a, new_b) = if remove {
        let outside0 = wrapped_outside(text, pieces[0].0, pieces[0].1, kind);
        for &(x, y) in pieces.iter().rev() {
            let (x, y) = if wrapped_outside(text, x, y, kind) {
                (x, y)
            } else {
                (x + ml, y - ml)
            };
            out.replace_range(y..y + ml, "");
            out.replace_range(x - ml..x, "");
        }
        let a = if outside0 { x0 - ml } else { x0 };
        (a, y_last.saturating_sub((2 * n - 1) * ml))
    } else {
        for &(x, y) in pieces.iter().rev() {
            out.insert_str(y, m);
            out.insert_str(x, m);
        }
        (x0 + ml, y_last + (2 * n - 1) * ml)
    };
    let new_a = new_a.min(out.len());
    let new_b = new_b.clamp(new_a, out.len());
    let sel = char_of(&out, new_a)..char_of(&out, new_b);
    (out, sel)
}

/// The conventional marker of a list level: `-`, `+`, `•`.
fn marker_for_level(level: usize) -> &'static str {
    match level {
        0 | 1 => "-",
        2 => "+",
        _ => "•",
    }
}

/// Moves the lines touched by `sel` one list level in (`deeper`) or out. A paragraph
/// becomes a first-level item; a first-level item moved out becomes a paragraph.
/// Conventional markers follow the level (`-`, `+`, `•`); others are kept.
pub fn shift_level(text: &str, sel: Range<usize>, deeper: bool) -> (String, Range<usize>) {
    let sel = ordered(sel, text);
    let (a, b) = (byte_of(text, sel.start), byte_of(text, sel.end));
    let first = char_of(text, text[..a].rfind('\n').map_or(0, |i| i + 1));
    let mut out = String::with_capacity(text.len() + 8);
    let mut pos = 0usize;
    let mut touched_end = 0usize;
    let printed = printed_levels(text);
    let mut written = 0usize;
    for line in text.split_inclusive('\n') {
        let end = pos + line.len();
        let content = line.trim_end_matches('\n');
        let level = printed.get(written).copied().flatten();
        if !content.trim().is_empty() {
            written += 1;
        }
        let touched = (pos <= b && end > a) || (a == b && a == end && !line.ends_with('\n'));
        if touched && !content.trim().is_empty() && !content.trim_start().starts_with('|') {
            out.push_str(&shift_line(content, deeper, level));
            if line.ends_with('\n') {
                out.push('\n');
            }
            touched_end = out.len() - usize::from(line.ends_with('\n'));
        } else {
            out.push_str(line);
        }
        pos = end;
    }
    if touched_end == 0 {
        return (text.to_owned(), sel);
    }
    let last = char_of(&out, touched_end);
    if sel.start == sel.end {
        // A cursor stays at the end of its line.
        (out, last..last)
    } else {
        (out, first..last)
    }
}

/// The level each non-empty line of `text` prints at (`None` for table lines), in
/// order: what the markers above made of it, not only its indentation.
fn printed_levels(text: &str) -> Vec<Option<u8>> {
    let (blocks, _) = rich::parse(text);
    let count = text.lines().filter(|l| !l.trim().is_empty()).count();
    let mut levels = vec![None; count];
    for b in blocks {
        if let rich::Block::Para { para, index } = b
            && let Some(slot) = levels.get_mut(index)
        {
            *slot = Some(para.level);
        }
    }
    levels
}

/// One line moved a level in or out. In, it goes one indentation step deeper; out, it
/// goes one level above where it prints (`printed`), so a `+ ` item typed under a `- `
/// item comes out as a sibling of that item.
fn shift_line(line: &str, deeper: bool, printed: Option<u8>) -> String {
    let indent = line.chars().take_while(|c| *c == ' ').count();
    let rest = line.trim_start();
    match split_marker(rest) {
        None if deeper => format!("- {rest}"),
        None => rest.to_owned(),
        Some((marker, body)) => {
            let written = indent / 2 + 1;
            let level = if deeper {
                written
            } else {
                printed.map_or(written, |p| usize::from(p).max(written))
            };
            let conventional = matches!(marker, "-" | "+" | "•");
            if deeper {
                let level = (level + 1).min(usize::from(rich::MAX_LEVEL));
                let m = if conventional {
                    marker_for_level(level)
                } else {
                    marker
                };
                format!("{}{m} {body}", "  ".repeat(level - 1))
            } else if level <= 1 {
                body.to_owned()
            } else {
                let m = if conventional {
                    marker_for_level(level - 1)
                } else {
                    marker
                };
                format!("{}{m} {body}", "  ".repeat(level - 2))
            }
        }
    }
}

/// `block` (one or more lines) inserted as new lines after the line holding the
/// character `cursor` (at the end when `None` or past the end).
pub fn insert_block(text: &str, cursor: Option<usize>, block: &str) -> String {
    let at = cursor.map_or(text.len(), |c| byte_of(text, c));
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let mut out = String::with_capacity(text.len() + block.len() + 2);
    out.push_str(&text[..line_end]);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(block.trim_matches('\n'));
    let rest = &text[line_end..];
    if !rest.is_empty() && !rest.starts_with('\n') {
        out.push('\n');
    }
    out.push_str(rest);
    out
}

/// A new table of `rows` rows in all, the header row among them (as Word counts a
/// table's rows), and `columns` columns, in the section format; header cells hold a
/// placeholder word the clerk replaces. At least one row is left under the header.
pub fn new_table(rows: usize, columns: usize) -> String {
    let columns = columns.clamp(1, 12);
    let rows = rows.clamp(2, 200) - 1;
    let header: Vec<String> = (1..=columns).map(|c| format!("Cột {c}")).collect();
    let mut out = format!("| {} |\n", header.join(" | "));
    out.push_str(&format!("|{}\n", "---|".repeat(columns)));
    for _ in 0..rows {
        out.push_str(&format!("|{}\n", "   |".repeat(columns)));
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toggle(text: &str, sel: Range<usize>, kind: Emphasis) -> (String, Range<usize>) {
        toggle_emphasis(text, sel, kind)
    }

    #[test]
    fn bold_wraps_the_selection_and_a_second_press_removes_it() {
        let (t, s) = toggle("Kết quả tốt", 4..7, Emphasis::Bold);
        assert_eq!(t, "Kết **quả** tốt");
        assert_eq!(s, 6..9);
        let (t, s) = toggle(&t, s, Emphasis::Bold);
        assert_eq!(t, "Kết quả tốt");
        assert_eq!(s, 4..7);
    }

    #[test]
    fn italic_on_bold_text_gives_bold_italic_and_comes_off_again() {
        let (t, s) = toggle("a **đậm** b", 4..7, Emphasis::Italic);
        assert_eq!(t, "a ***đậm*** b");
        let (t, _) = toggle(&t, s, Emphasis::Italic);
        assert_eq!(t, "a **đậm** b");
    }

    #[test]
    fn shift_tab_on_a_plus_typed_under_a_dash_makes_it_a_sibling_of_the_dash() {
        // “+ hai” prints a level below “- một” though written without indentation.
        let (t, _) = shift_level("- một\n+ hai", 8..8, false);
        assert_eq!(t, "- một\n- hai");
        // Tab on it cannot go deeper than one below the item above: written indented,
        // it prints where it did.
        let (t, _) = shift_level("- một\n+ hai", 8..8, true);
        assert_eq!(t, "- một\n  + hai");
        let levels: Vec<u8> = rich::parse(&t)
            .0
            .iter()
            .map(|b| match b {
                rich::Block::Para { para, .. } => para.level,
                rich::Block::Table { .. } => 0,
            })
            .collect();
        assert_eq!(levels, [1, 2]);
        // A `+` item with no list above prints at level 1: out, it is a paragraph.
        assert_eq!(shift_level("+ một", 0..0, false).0, "một");
    }

    #[test]
    fn selecting_the_markers_too_removes_them() {
        let (t, _) = toggle("a __gạch__ b", 2..10, Emphasis::Underline);
        assert_eq!(t, "a gạch b");
    }

    #[test]
    fn an_empty_selection_takes_the_word_at_the_cursor() {
        let (t, _) = toggle("đạt 95,5% kế hoạch", 6..6, Emphasis::Bold);
        assert_eq!(t, "đạt **95,5%** kế hoạch");
        let (t, _) = toggle("a  b", 2..2, Emphasis::Bold);
        assert_eq!(t, "a  b");
    }

    #[test]
    fn a_selection_over_lines_wraps_each_line_and_leaves_markers_outside() {
        let (t, _) = toggle(
            "* Đề nghị UBND thành phố:\n- hỗ trợ ",
            0..35,
            Emphasis::Bold,
        );
        assert_eq!(t, "* **Đề nghị UBND thành phố:**\n- **hỗ trợ** ");
        let (blocks, _) = rich::parse(&t);
        let rich::Block::Para { para, .. } = &blocks[0] else {
            panic!("paragraph")
        };
        assert!(para.lead);
    }

    #[test]
    fn tab_moves_an_item_one_level_deeper_with_the_level_marker() {
        let (t, s) = shift_level("- một\n- hai", 8..8, true);
        assert_eq!(t, "- một\n  + hai");
        assert_eq!(s, 13..13);
        let (t, _) = shift_level(&t, 10..10, false);
        assert_eq!(t, "- một\n- hai");
        let (t, _) = shift_level("Đoạn", 0..0, true);
        assert_eq!(t, "- Đoạn");
        let (t, _) = shift_level("- Đoạn", 0..0, false);
        assert_eq!(t, "Đoạn");
        let (t, _) = shift_level("a) điểm", 0..0, true);
        assert_eq!(t, "  a) điểm");
    }

    #[test]
    fn shift_over_a_selection_moves_every_line_and_skips_tables_and_blanks() {
        let text = "- a\n\n- b\n| x | y |";
        let (t, _) = shift_level(text, 0..text.chars().count(), true);
        assert_eq!(t, "  + a\n\n  + b\n| x | y |");
    }

    #[test]
    fn a_block_goes_in_as_lines_after_the_cursor_line() {
        assert_eq!(insert_block("a\nb", Some(0), "X\nY"), "a\nX\nY\nb");
        assert_eq!(insert_block("", None, "X"), "X");
        assert_eq!(insert_block("Việt\nNam", Some(2), "X"), "Việt\nX\nNam");
        assert_eq!(insert_block("a", Some(99), "\nX\n"), "a\nX");
    }

    #[test]
    fn a_backward_or_stale_selection_comes_back_ordered_and_inside_the_text() {
        // Found by fuzzing (rich_text): a backward selection over lines with no text
        // came back unchanged, end before start.
        let text = "- \u{b}\t- \u{b}\t- \u{b}\t- ";
        #[allow(clippy::reversed_empty_ranges)]
        let (backward, stale) = (11..9, 40..3);
        for kind in [Emphasis::Bold, Emphasis::Italic, Emphasis::Underline] {
            let (t, s) = toggle_emphasis(text, backward.clone(), kind);
            assert!(s.start <= s.end && s.end <= t.chars().count(), "{s:?}");
        }
        for deeper in [true, false] {
            let (t, s) = shift_level(text, stale.clone(), deeper);
            assert!(s.start <= s.end && s.end <= t.chars().count(), "{s:?}");
        }
    }

    #[test]
    fn a_new_table_of_three_rows_is_a_header_and_two_rows_as_in_word() {
        let t = new_table(3, 4);
        let (blocks, notes) = rich::parse(&t);
        assert!(notes.is_empty(), "{notes:?}");
        let rich::Block::Table { table, .. } = &blocks[0] else {
            panic!("table")
        };
        assert_eq!(table.header.len(), 4);
        assert_eq!(table.columns.len(), 4);
        assert_eq!(
            table.rows.len(),
            2,
            "three rows in all, the header one of them"
        );
        let (blocks, _) = rich::parse(&new_table(1, 2));
        let rich::Block::Table { table, .. } = &blocks[0] else {
            panic!("table")
        };
        assert_eq!(table.rows.len(), 1, "a row is always left to write in");
    }
}
