//! A table of a section's text as the grid editor holds it, and where a table is in
//! the text.

use super::{CellAlign, ColumnSpec, cells_of, delimiter_row};

/// A table as the grid editor shows it: cells as written (emphasis markers kept).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    /// Header cells; empty for a table without a header row.
    pub header: Vec<String>,
    pub columns: Vec<ColumnSpec>,
    pub rows: Vec<GridRow>,
}

/// A row of a [`Grid`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GridRow {
    pub cells: Vec<String>,
    /// One cell across the whole table (a group heading).
    pub group: bool,
}

impl Grid {
    /// Reads the lines of a table (each starting with `|`).
    pub fn from_lines(lines: &[&str]) -> Grid {
        let rows: Vec<Vec<String>> = lines.iter().map(|l| cells_of(l)).collect();
        let delim_at = rows.iter().position(|r| delimiter_row(r).is_some());
        let mut g = Grid::default();
        let body_from = match delim_at {
            Some(d) => {
                g.columns = delimiter_row(&rows[d]).unwrap_or_default();
                g.header = rows[..d].iter().flatten().cloned().collect();
                d + 1
            }
            None => 0,
        };
        let width = rows
            .iter()
            .skip(body_from)
            .map(Vec::len)
            .chain([g.header.len(), g.columns.len(), 1])
            .max()
            .unwrap_or(1);
        g.columns.resize(width, ColumnSpec::default());
        if !g.header.is_empty() {
            g.header.resize(width, String::new());
        }
        for r in rows.into_iter().skip(body_from) {
            let group = r.len() == 1 && width > 1;
            let mut cells = r;
            if !group {
                cells.resize(width, String::new());
            }
            g.rows.push(GridRow { cells, group });
        }
        g
    }

    /// Number of columns.
    pub fn width(&self) -> usize {
        self.columns.len()
    }

    /// The table in the section format, one line per row, bars in cell text escaped.
    pub fn to_text(&self) -> String {
        let cell = |c: &str| {
            let mut out = String::with_capacity(c.len());
            let mut prev_backslash = false;
            for ch in c.trim().chars() {
                if matches!(ch, '|' | '\n' | '\r') && !prev_backslash {
                    if ch == '|' {
                        out.push_str("\\|");
                    } else {
                        out.push(' ');
                    }
                } else {
                    out.push(ch);
                }
                prev_backslash = ch == '\\' && !prev_backslash;
            }
            out
        };
        let row = |cells: &[String]| {
            let inner: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            format!("| {} |", inner.join(" | "))
        };
        let mut lines = Vec::new();
        let has_header = self.header.iter().any(|h| !h.trim().is_empty());
        if has_header {
            lines.push(row(&self.header));
        }
        let specs: Vec<String> = self
            .columns
            .iter()
            .map(|c| {
                let dashes = "-".repeat(if c.dashes == 0 { 3 } else { c.dashes.min(60) });
                match c.align {
                    CellAlign::Left => dashes,
                    CellAlign::Right => format!("{dashes}:"),
                    CellAlign::Center => format!(":{dashes}:"),
                }
            })
            .collect();
        if has_header || self.columns.iter().any(|c| c.dashes > 0) {
            lines.push(format!("|{}|", specs.join("|")));
        }
        for r in &self.rows {
            if r.group {
                lines.push(row(&r.cells[..r.cells.len().min(1)]));
            } else {
                lines.push(row(&r.cells));
            }
        }
        lines.join("\n")
    }
}

/// The byte range of the table holding the line of byte `at` in `text`, if any.
pub fn table_around(text: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let at = at.min(text.len());
    let line_start = |b: usize| text[..b].rfind('\n').map_or(0, |i| i + 1);
    let is_table = |start: usize| text[start..].trim_start().starts_with('|');
    let mut start = line_start(at);
    if !is_table(start) {
        return None;
    }
    while start > 0 {
        let prev = line_start(start - 1);
        if !is_table(prev) || text[prev..start - 1].trim().is_empty() {
            break;
        }
        start = prev;
    }
    let mut end = start;
    loop {
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        if !is_table(end) || text[end..line_end].trim().is_empty() {
            break;
        }
        end = line_end;
        if end >= text.len() {
            break;
        }
        end += 1;
    }
    let end = if end > start
        && text[..end].ends_with('\n')
        && end <= text.len()
        && !is_table(end.min(text.len()))
    {
        end - 1
    } else {
        end
    };
    (end > start).then_some(start..end)
}
