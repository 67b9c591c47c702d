//! import, plan: the document as rows of cells, the same whether it came as plain text
//! (a line; its tab-separated pieces are cells) or as a Word document (a paragraph is
//! a row of one cell; a table row is a row of its cells, a cell merged down repeating
//! the text above it, a cell merged across taking the columns it covers).

use docx_rs::{DocumentChild, Table, TableCellContent, TableChild, TableRowChild};

use crate::import::docx::{cell_merge, paragraph_text};

/// One row of the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// 1-based line (text) or paragraph/table row (Word), for notes.
    pub no: usize,
    /// The cells, trimmed; a paragraph or a line without tabs has one.
    pub cells: Vec<String>,
    /// True for a line with tabs or a row of a Word table.
    pub tabular: bool,
}

impl Row {
    /// The row's words, cells joined with ` | `, for notes that quote it.
    pub fn quoted(&self) -> String {
        self.cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" | ")
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    /// The filled cells with their column.
    pub fn filled(&self) -> Vec<(usize, &str)> {
        self.cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.trim()))
            .filter(|(_, c)| !c.is_empty())
            .collect()
    }
}

/// Plain text without the emphasis marks (`**`) a converter leaves: where a mark glues
/// a heading to the text before it (`Các chỉ tiêu**a) Nhóm …**`), a line break.
pub fn without_markup(text: &str) -> String {
    let pieces: Vec<&str> = text.split("**").collect();
    let mut out = String::with_capacity(text.len());
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            let before = pieces.get(i - 1).copied().unwrap_or("");
            let glued = before.ends_with(|c: char| !c.is_whitespace())
                && super::targets::starts_with_heading(piece);
            if glued {
                out.push('\n');
            }
        }
        out.push_str(piece);
    }
    out
}

/// The rows of plain text: one per line (a line [`without_markup`] splits gives rows of
/// the same number), cells split at tabs.
pub fn text_rows(text: &str) -> Vec<Row> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for line in without_markup(&crate::vi::nfc(line)).split('\n') {
            let tabular = line.trim_end().contains('\t');
            let cells = if tabular {
                line.trim_end()
                    .split('\t')
                    .map(|c| c.trim().to_owned())
                    .collect()
            } else {
                vec![line.trim().to_owned()]
            };
            out.push(Row {
                no: i + 1,
                cells,
                tabular,
            });
        }
    }
    out
}

/// The rows of a Word document's body, in order.
pub fn docx_rows(docx: &docx_rs::Docx) -> Vec<Row> {
    let mut out = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => push_paragraph(&mut out, &paragraph_text(p)),
            DocumentChild::Table(t) => table_rows(t, &mut out),
            _ => {}
        }
    }
    out
}

fn push_paragraph(out: &mut Vec<Row>, text: &str) {
    let no = out.len() + 1;
    out.push(Row {
        no,
        cells: vec![crate::vi::nfc(text).trim().to_owned()],
        tabular: false,
    });
}

/// The rows of a Word table; a table nested in a cell gives its text to that cell.
fn table_rows(t: &Table, out: &mut Vec<Row>) {
    let mut above: Vec<String> = Vec::new();
    for TableChild::TableRow(row) in &t.rows {
        let mut cells: Vec<String> = Vec::new();
        for TableRowChild::TableCell(cell) in &row.cells {
            let (span, merged_from_above) = cell_merge(cell);
            let span = span.min(64);
            let column = cells.len();
            let text = if merged_from_above {
                above.get(column).cloned().unwrap_or_default()
            } else {
                cell_text(&cell.children)
            };
            cells.push(text);
            cells.extend(std::iter::repeat_n(String::new(), span - 1));
        }
        above = cells.clone();
        let no = out.len() + 1;
        out.push(Row {
            no,
            cells,
            tabular: true,
        });
    }
}

/// A cell's paragraphs joined by a space (Word wraps a cell's text; a paragraph break
/// in a cell is a line of the same value), nested tables' cells likewise.
fn cell_text(children: &[TableCellContent]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in children {
        match c {
            TableCellContent::Paragraph(p) => parts.push(paragraph_text(p)),
            TableCellContent::Table(t) => {
                let mut nested = Vec::new();
                table_rows(t, &mut nested);
                parts.extend(nested.iter().map(Row::quoted));
            }
            _ => {}
        }
    }
    let joined: Vec<String> = parts
        .iter()
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    crate::vi::nfc(&joined.join("\n"))
}
