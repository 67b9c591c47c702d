//! import, text: writes the lines of one section (or of the opening) in the section
//! text format (format 2, `model::rich`): list items get their level from the
//! indentation and the markers around them, `* …:` lines become lead lines, runs of
//! tab-separated lines become tables, and every literal markup character is escaped.

use super::lines::{Class, Item, Line, ends_sentence, markup_from, starts_lowercase};
use super::{Note, NoteKind};
use crate::model::rich::{self, escape};

/// Deepest list level the recogniser writes: the model's, so that a list pasted from
/// Word keeps every level the editor and the Word import have.
pub(crate) const MAX_LEVEL: u8 = rich::MAX_LEVEL;

/// The last line written, when it may still be continued by the next one.
#[derive(Clone, Copy, Debug)]
struct Open {
    line: usize,
}

/// Builds the text of one section.
#[derive(Debug)]
pub(crate) struct Writer {
    out: Vec<String>,
    /// The open list items: levels come from indentation and markers by the section
    /// text's rule, or from the document (Word list levels).
    nesting: rich::Nesting,
    open: Option<Open>,
    /// Indentation every line of the body has (a Word first-line indent, say).
    base_indent: usize,
}

impl Writer {
    pub fn new(base_indent: usize) -> Self {
        Self {
            out: Vec::new(),
            nesting: rich::Nesting::pasted(),
            open: None,
            base_indent,
        }
    }

    /// The text, one paragraph per line.
    pub fn finish(self) -> String {
        let mut out = self.out.join("\n");
        let kept = out.trim_end().len();
        out.truncate(kept);
        out
    }

    /// A line that is a list item.
    pub fn item(&mut self, line: &Line, item: &Item<'_>, notes: &mut Vec<Note>) {
        let indent = line.indent.saturating_sub(self.base_indent);
        if item.marker == "*" && indent == 0 && item.text.trim_end().ends_with(':') {
            self.lead(item.text);
            return;
        }
        let level = self.level(indent, item.class, line.no, notes);
        let mut s = String::with_capacity(item.text.len() + 8);
        for _ in 1..level {
            s.push_str("  ");
        }
        s.push_str(&item.marker);
        s.push(' ');
        s.push_str(&part(line, item.text));
        self.out.push(s);
        self.open = (!ends_sentence(item.text)).then_some(Open { line: line.no });
    }

    /// `* Đề nghị UBND thành phố:` → `* ***Đề nghị UBND thành phố:***`.
    fn lead(&mut self, text: &str) {
        self.close_list();
        self.out.push(format!("* ***{}***", escape(text.trim())));
        self.open = None;
    }

    /// A line that is an ordinary paragraph. A paragraph that starts with a small letter
    /// right after a line that did not end its sentence continues that line (a
    /// paragraph Word broke in two).
    pub fn paragraph(&mut self, line: &Line, notes: &mut Vec<Note>) {
        let text = line.text.replace('\t', " ");
        if let (Some(open), Some(last)) = (self.open, self.out.last_mut())
            && line.spans.is_none()
            && starts_lowercase(&text)
        {
            last.push(' ');
            last.push_str(&escape(&text));
            notes.push(Note::new(
                line.no,
                NoteKind::Changed,
                format!(
                    "dòng bắt đầu bằng chữ thường, tiếp nối câu chưa hết ở dòng {}; đã nối vào dòng đó.",
                    open.line
                ),
            ));
            self.open = (!ends_sentence(&text)).then_some(Open { line: open.line });
            return;
        }
        self.close_list();
        self.out.push(part(line, &line.text).replace('\t', " "));
        self.open = (!ends_sentence(&text)).then_some(Open { line: line.no });
    }

    /// A list item whose level and marker the document gives. A level more than one
    /// below the item above is raised to one below it, as the section format reads it.
    pub fn hinted_item(&mut self, line: &Line, level: u8, marker: &str, notes: &mut Vec<Note>) {
        let above = self.nesting.innermost();
        let mut at = level.max(1);
        if at > above + 1 {
            notes.push(Note::new(
                line.no,
                NoteKind::Changed,
                format!(
                    "ý liệt kê ở cấp {at} ngay sau ý cấp {above}; đã đặt ở cấp {}.",
                    above + 1
                ),
            ));
            at = above + 1;
        }
        if at > rich::MAX_LEVEL {
            notes.push(Note::new(
                line.no,
                NoteKind::Changed,
                format!(
                    "danh sách chỉ có tối đa {} cấp; ý này đặt ở cấp {}.",
                    rich::MAX_LEVEL,
                    rich::MAX_LEVEL
                ),
            ));
            at = rich::MAX_LEVEL;
        }
        self.nesting
            .given(line.indent, rich::MarkerClass::Major, at);
        let body = markup_from(line, marker.len() + 1);
        let mut s = "  ".repeat(usize::from(at - 1));
        s.push_str(marker);
        s.push(' ');
        s.push_str(&body.replace('\t', " "));
        self.out.push(s);
        self.open = None;
    }

    /// A table already written in the section text format.
    pub fn raw_table(&mut self, table: &str) {
        self.close_list();
        self.open = None;
        if self.out.last().is_some_and(|l| l.starts_with('|')) {
            self.out.push(String::new());
        }
        self.out.extend(table.lines().map(str::to_owned));
        self.out.push(String::new());
    }

    /// Consecutive lines with the same number of tab-separated cells: a table whose
    /// first line is the header.
    pub fn table(&mut self, rows: &[Line]) {
        self.close_list();
        self.open = None;
        if self.out.last().is_some_and(|l| l.starts_with('|')) {
            self.out.push(String::new());
        }
        for (i, row) in rows.iter().enumerate() {
            let cells = table_cells(row);
            let mut s = String::with_capacity(row.text.len() + 4 * cells.len());
            s.push('|');
            for c in &cells {
                s.push(' ');
                s.push_str(&escape(c.trim()));
                s.push_str(" |");
            }
            self.out.push(s);
            if i == 0 {
                let mut d = String::from("|");
                for _ in &cells {
                    d.push_str("---|");
                }
                self.out.push(d);
            }
        }
        // A blank line ends the table, so that a table right after it stays apart.
        self.out.push(String::new());
    }

    /// The level of a list item indented `indent` columns (beyond the base) with a
    /// marker of `class`, from the items above it: the section text's own rule
    /// ([`rich::Nesting`]), so a pasted list nests as the same list typed.
    fn level(&mut self, indent: usize, class: Class, line_no: usize, notes: &mut Vec<Note>) -> u8 {
        let class = match class {
            Class::Major => rich::MarkerClass::Major,
            Class::Minor => rich::MarkerClass::Minor,
        };
        let (level, adjusted) = self.nesting.level(indent, class);
        match adjusted {
            Some(rich::Adjusted::Jumped { .. }) => notes.push(Note::new(
                line_no,
                NoteKind::Changed,
                "ý liệt kê thụt vào sâu hơn hai cấp so với ý ở trên; đã đặt sâu hơn một cấp."
                    .to_owned(),
            )),
            Some(rich::Adjusted::TooDeep) => notes.push(Note::new(
                line_no,
                NoteKind::Changed,
                format!("danh sách chỉ có tối đa {MAX_LEVEL} cấp; ý này đặt ở cấp {MAX_LEVEL}."),
            )),
            None => {}
        }
        level
    }

    /// Ends the open list: a paragraph, a lead line or a table comes between.
    fn close_list(&mut self) {
        self.nesting.close();
    }

    /// A line that only holds a bullet, with no text: nothing to print.
    pub fn lone_marker(&mut self, line: &Line, notes: &mut Vec<Note>) {
        notes.push(Note::new(
            line.no,
            NoteKind::Skipped,
            format!(
                "dòng chỉ có dấu đầu dòng “{}”, không có chữ; bỏ qua.",
                crate::vi::shorten(&line.text, 10)
            ),
        ));
    }
}

/// The section text of `part`, a piece at the end of `line`'s text: with the
/// emphasis of the line's spans when it has them.
fn part(line: &Line, part: &str) -> String {
    let start = (part.as_ptr() as usize).wrapping_sub(line.text.as_ptr() as usize);
    if start + part.len() == line.text.len() {
        markup_from(line, start)
    } else {
        escape(part)
    }
}

/// The cells of a table line: the text split at tabs, with the cells its
/// indentation stood for (a line starting with a tab has an empty first cell).
pub(crate) fn table_cells(line: &Line) -> Vec<&str> {
    // Leading tabs were measured as indentation; each stands for an empty cell.
    let mut cells: Vec<&str> = vec![""; line.tabs];
    cells.extend(line.text.split('\t'));
    cells
}

/// The number of cells of `line` when it can be a table row: at least two cells and
/// a tab inside the text; a bullet or a number followed by a tab is a list item.
pub(crate) fn cell_count(line: &Line) -> usize {
    if !line.text.contains('\t') {
        return 0;
    }
    let cells = table_cells(line);
    let first = cells
        .iter()
        .find(|c| !c.trim().is_empty())
        .copied()
        .unwrap_or("");
    let rest_has_tab = line
        .text
        .split_once('\t')
        .is_some_and(|(_, rest)| rest.contains('\t'));
    let probe = format!("{} X", first.trim());
    let marker_first = first.chars().count() <= 4
        && (super::lines::bullet(&probe).is_some()
            || super::lines::heading_number(&probe).is_some());
    if marker_first && !rest_has_tab {
        return 0;
    }
    if cells.len() >= 2 { cells.len() } else { 0 }
}
