//! import, docx: Word tables. A layout table (the header block of an administrative
//! document: agency and number beside the national title and the date; or `Nơi nhận`
//! beside the signature) is read as the lines it holds, left cell first, for the
//! recogniser; any other table becomes a table in the section text format, a row
//! merged across the whole table a group row.

use docx_rs::{Table, TableCell, TableCellContent, TableChild, TableRowChild};

use super::body::{Found, Reader, paragraph_spans};
use crate::import::fold;
use crate::import::text::{Hint, NoteKind, SourceLine, emphasis_markup};
use crate::model::rich::Span;

/// Widest table taken for a layout table.
const LAYOUT_MAX_COLUMNS: usize = 3;

/// A cell as read: its paragraphs' spans, the columns it spans, whether it continues
/// a vertical merge.
struct Cell<'t> {
    cell: &'t TableCell,
    span: usize,
    merged_below: bool,
}

fn cells(t: &Table) -> Vec<Vec<Cell<'_>>> {
    t.rows
        .iter()
        .map(|TableChild::TableRow(row)| {
            row.cells
                .iter()
                .map(|TableRowChild::TableCell(cell)| {
                    let prop = serde_json::to_value(&cell.property).unwrap_or_default();
                    let span = prop
                        .get("gridSpan")
                        .and_then(serde_json::Value::as_u64)
                        .and_then(|v| usize::try_from(v).ok())
                        .unwrap_or(1)
                        .max(1);
                    let merged_below = prop
                        .get("verticalMerge")
                        .and_then(serde_json::Value::as_str)
                        .is_some_and(|v| v == "continue");
                    Cell {
                        cell,
                        span,
                        merged_below,
                    }
                })
                .collect()
        })
        .collect()
}

/// The spans of a cell's paragraphs, paragraphs joined by a space; nested tables
/// counted in `nested`.
fn cell_spans(cell: &TableCell, found: &mut Found, nested: &mut usize) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for c in &cell.children {
        match c {
            TableCellContent::Paragraph(p) => {
                let mut spans = Vec::new();
                paragraph_spans(&p.children, &mut spans, found);
                if spans.iter().all(|s| s.text.trim().is_empty()) {
                    continue;
                }
                if !out.is_empty() {
                    out.push(Span {
                        text: " ".to_owned(),
                        ..Span::default()
                    });
                }
                out.extend(spans);
            }
            TableCellContent::Table(_) => *nested += 1,
            _ => {}
        }
    }
    for s in &mut out {
        s.text = s.text.replace(['\n', '\t'], " ");
    }
    out
}

/// Plain text of a cell's first paragraph with text, folded.
fn first_text(cell: &TableCell) -> String {
    cell.children
        .iter()
        .filter_map(|c| match c {
            TableCellContent::Paragraph(p) => Some(super::body::paragraph_text(p)),
            _ => None,
        })
        .find(|t| !t.trim().is_empty())
        .map(|t| fold(t.trim()))
        .unwrap_or_default()
}

/// Whether a cell's paragraphs begin like the header block or the end block of an
/// administrative document.
fn layout_cell(cell: &TableCell) -> bool {
    let f = first_text(cell);
    const STARTS: [&str; 12] = [
        "cong hoa xa hoi",
        "doc lap",
        "so:",
        "so ",
        "noi nhan",
        "tm.",
        "kt.",
        "tl.",
        "tuq.",
        "q.",
        "t/m",
        "k/t",
    ];
    STARTS.iter().any(|s| f.starts_with(s))
        || f.starts_with("uy ban nhan dan")
        || f.starts_with("ubnd")
}

/// Reads table `t` into `r`.
pub(crate) fn read(r: &mut Reader<'_>, t: &Table) {
    let rows = cells(t);
    let width = rows
        .iter()
        .map(|row| row.iter().map(|c| c.span).sum::<usize>())
        .max()
        .unwrap_or(0);
    let layout = width <= LAYOUT_MAX_COLUMNS && rows.iter().flatten().any(|c| layout_cell(c.cell));
    if layout {
        for row in &rows {
            for c in row {
                for child in &c.cell.children {
                    match child {
                        TableCellContent::Paragraph(p) => r.paragraph(p),
                        TableCellContent::Table(inner) => read(r, inner),
                        _ => {}
                    }
                }
            }
        }
        return;
    }
    if width == 0 {
        return;
    }
    let mut found = Found::default();
    let mut nested = 0;
    let mut merged = false;
    let mut out: Vec<String> = Vec::new();
    let mut plain: Vec<String> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let texts: Vec<(String, String, usize, bool)> = row
            .iter()
            .map(|c| {
                let spans = cell_spans(c.cell, &mut found, &mut nested);
                let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                (emphasis_markup(&spans), text, c.span, c.merged_below)
            })
            .collect();
        if plain.len() < 2 {
            plain.push(
                texts
                    .iter()
                    .map(|t| t.1.trim().to_owned())
                    .collect::<Vec<_>>()
                    .join(" | "),
            );
        }
        let group = width > 1 && texts.len() == 1 && texts[0].2 >= width;
        let mut line = String::from("|");
        if group {
            line.push(' ');
            line.push_str(texts[0].0.trim());
            line.push_str(" |");
        } else {
            let mut filled = 0;
            for (markup, _, span, below) in &texts {
                merged |= *span > 1 || *below;
                line.push(' ');
                if !below {
                    line.push_str(markup.trim());
                }
                line.push_str(" |");
                for _ in 1..*span {
                    line.push_str("  |");
                }
                filled += span;
            }
            for _ in filled..width {
                line.push_str("  |");
            }
        }
        out.push(line);
        if i == 0 {
            out.push(format!("|{}", "---|".repeat(width)));
        }
    }
    r.lines.push(SourceLine {
        text: plain.join(" / "),
        hint: Hint::Table(out.join("\n")),
        spans: Vec::new(),
    });
    let at = r.lines.len();
    if merged {
        r.notes.push((
            at,
            NoteKind::Changed,
            "bảng có ô gộp (không phải cả hàng); chữ đặt ở ô đầu, các ô gộp còn lại để trống."
                .to_owned(),
        ));
    }
    if nested > 0 {
        r.notes.push((
            at,
            NoteKind::NotRecognised,
            format!("bảng có {nested} bảng lồng trong ô; bảng lồng chưa nhập."),
        ));
    }
    if found.images + found.text_boxes > 0 {
        r.notes.push((
            at,
            NoteKind::NotRecognised,
            "bảng có ảnh hoặc hộp văn bản trong ô; phần đó chưa nhập.".to_owned(),
        ));
    }
    if found.deleted || found.inserted || found.fields {
        r.notes.push((
            at,
            NoteKind::Changed,
            "bảng có trường tự động hoặc thay đổi đang theo dõi; đã lấy chữ đang hiển thị, bỏ phần bị xóa."
                .to_owned(),
        ));
    }
}
