//! model, rich text: a section's text cut into runs of text and the tables between
//! them, so that the editor can show each table as a grid and the text around it as
//! text, and put an edited piece back without touching the others.

use std::ops::Range;

/// A piece of a section's text: byte ranges into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Text between tables, without the line break that parts it from a table.
    Text(Range<usize>),
    /// A table's lines, from its first bar to the end of its last line.
    Table(Range<usize>),
}

/// The byte ranges of the tables of `text` (lines starting with `|`, as the parser
/// reads them; a blank line ends a table).
pub fn table_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut open: Option<Range<usize>> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let end = start + content.len();
        if content.trim_start().starts_with('|') {
            match &mut open {
                Some(r) => r.end = end,
                None => open = Some(start..end),
            }
        } else if let Some(r) = open.take() {
            out.push(r);
        }
        start += line.len();
    }
    out.extend(open);
    out
}

/// `text` as text runs and tables, always starting and ending with a run (possibly
/// empty) and with a run between two tables.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut from = 0;
    for t in table_ranges(text) {
        let mut end = t.start;
        if end > from && text[..end].ends_with('\n') {
            end -= 1;
        }
        out.push(Piece::Text(from..end.max(from)));
        from = t.end;
        if text[from..].starts_with('\n') {
            from += 1;
        }
        out.push(Piece::Table(t));
    }
    out.push(Piece::Text(from..text.len()));
    out
}

/// `text` with the piece at `range` replaced by `new`; a line break is added where
/// the new text would otherwise run into a table beside it.
/// A range that is not a piece of `text` leaves it as it is.
pub fn replace_piece(text: &str, range: Range<usize>, new: &str) -> String {
    let (Some(before), Some(after)) = (text.get(..range.start), text.get(range.end..)) else {
        return text.to_owned();
    };
    if range.start > range.end {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + new.len() + 2);
    out.push_str(before);
    if !new.is_empty() && !before.is_empty() && !before.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(new);
    if !new.is_empty() && !after.is_empty() && !after.starts_with('\n') {
        out.push('\n');
    }
    out.push_str(after);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<(bool, &str)> {
        pieces(text)
            .into_iter()
            .map(|p| match p {
                Piece::Text(r) => (false, &text[r]),
                Piece::Table(r) => (true, &text[r]),
            })
            .collect()
    }

    #[test]
    fn text_and_tables_alternate_without_their_line_breaks() {
        let text = "Mở đầu.\n| a | b |\n|---|---|\n| 1 | 2 |\nKết.\n\n| c |\n|---|";
        assert_eq!(
            shown(text),
            [
                (false, "Mở đầu."),
                (true, "| a | b |\n|---|---|\n| 1 | 2 |"),
                (false, "Kết.\n"),
                (true, "| c |\n|---|"),
                (false, ""),
            ]
        );
        assert_eq!(shown("Chỉ chữ."), [(false, "Chỉ chữ.")]);
        assert_eq!(shown("| x |"), [(false, ""), (true, "| x |"), (false, "")]);
    }

    #[test]
    fn two_tables_apart_by_a_blank_line_have_an_empty_run_between() {
        let text = "| a |\n\n| b |";
        assert_eq!(
            shown(text),
            [
                (false, ""),
                (true, "| a |"),
                (false, ""),
                (true, "| b |"),
                (false, "")
            ]
        );
    }

    #[test]
    fn a_piece_put_back_changes_only_itself_and_never_joins_a_table() {
        let text = "Mở đầu.\n| a |\nKết.";
        let p = pieces(text);
        let Piece::Text(first) = p[0].clone() else {
            panic!()
        };
        assert_eq!(
            replace_piece(text, first, "Đầu mới."),
            "Đầu mới.\n| a |\nKết."
        );
        let Piece::Table(t) = p[1].clone() else {
            panic!()
        };
        assert_eq!(
            replace_piece(text, t, "| b |\n|---|"),
            "Mở đầu.\n| b |\n|---|\nKết."
        );
        // Typing before a table at the start, or after one at the end.
        let only = "| a |";
        let p = pieces(only);
        let (Piece::Text(a), Piece::Text(b)) = (p[0].clone(), p[2].clone()) else {
            panic!()
        };
        assert_eq!(replace_piece(only, a, "Trước"), "Trước\n| a |");
        assert_eq!(replace_piece(only, b, "Sau"), "| a |\nSau");
        // A range that is not a piece changes nothing.
        assert_eq!(replace_piece("ạ", 1..2, "x"), "ạ");
        // Every piece put back as it is gives the text back.
        let text = "A\n| a |\n\n| b |\nB\n";
        for piece in pieces(text) {
            let r = match piece {
                Piece::Text(r) | Piece::Table(r) => r,
            };
            assert_eq!(replace_piece(text, r.clone(), &text[r]), text);
        }
    }
}
