//! import, docx: Word tables. A layout table (the header block of an administrative
//! document: agency and number beside the national title and the date; or `Nơi nhận`
//! beside the signature) is read as the lines it holds, left cell first, for the
//! recogniser; any other table becomes a table in the section text format, a row
//! merged across the whole table a group row.

use docx_rs::{Table, TableCell, TableCellContent, TableChild, TableRowChild};

use super::body::{Found, Reader, paragraph_spans};
use super::style::CharStyles;
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
fn cell_spans(
    cell: &TableCell,
    chars: &CharStyles,
    found: &mut Found,
    nested: &mut usize,
) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for c in &cell.children {
        match c {
            TableCellContent::Paragraph(p) => {
                let mut spans = Vec::new();
                paragraph_spans(&p.children, chars, &mut spans, found);
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
/// administrative document: the national title or motto, `Số: 05/BC-…`, `Nơi nhận`,
/// or a signing authority (`TM.`, `KT.`, …). An agency's name alone is not enough: a
/// content table may list `UBND xã` in its first column.
fn layout_cell(cell: &TableCell) -> bool {
    let f = first_text(cell);
    const STARTS: [&str; 10] = [
        "cong hoa xa hoi chu nghia",
        "doc lap tu do hanh phuc",
        "noi nhan",
        "tm ",
        "kt ",
        "tl ",
        "tuq ",
        "t m ",
        "k t ",
        "t l ",
    ];
    let number = f.starts_with("so ") && f.contains(" bc ");
    number || STARTS.iter().any(|s| f.starts_with(s))
}

/// Reads table `t` into `r`.
pub(crate) fn read(r: &mut Reader<'_>, t: &Table) {
    read_nested(r, t, 1);
}

/// [`read`] for a table `depth` tables deep: layout tables inside layout tables are
/// read as lines, down to [`crate::limits::MAX_TABLE_NESTING`] (the package was
/// refused before if deeper; the bound keeps this recursion finite by itself).
fn read_nested(r: &mut Reader<'_>, t: &Table, depth: usize) {
    if depth > crate::limits::MAX_TABLE_NESTING {
        return;
    }
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
                        TableCellContent::Table(inner) => read_nested(r, inner, depth + 1),
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
                let spans = cell_spans(c.cell, &r.chars, &mut found, &mut nested);
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

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{Paragraph, Run, TableRow};

    fn cell(text: &str) -> TableCell {
        TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(text)))
    }

    #[test]
    fn header_and_signature_cells_are_layout_but_content_cells_are_not() {
        for text in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số: 05/BC-UBND",
            "Số:    /BC-UBND",
            "Nơi nhận:",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
        ] {
            assert!(layout_cell(&cell(text)), "{text}");
        }
        for text in ["Số hồ sơ", "UBND xã", "Nội dung", "Tổng số", "Kết quả"] {
            assert!(!layout_cell(&cell(text)), "{text}");
        }
    }

    #[test]
    fn a_table_row_merged_across_is_a_group_row() {
        let table = Table::new(vec![
            TableRow::new(vec![cell("Nội dung"), cell("Số lượng")]),
            TableRow::new(vec![cell("Nhóm A").grid_span(2)]),
            TableRow::new(vec![cell("Hồ sơ"), cell("12")]),
        ]);
        let styles_docx = docx_rs::Docx::new();
        let mut r = Reader::new(
            super::super::style::Styles::new(&styles_docx),
            CharStyles::new(),
        );
        read(&mut r, &table);
        let Hint::Table(t) = &r.lines[0].hint else {
            panic!("{:?}", r.lines)
        };
        assert_eq!(
            t,
            "| Nội dung | Số lượng |\n|---|---|\n| Nhóm A |\n| Hồ sơ | 12 |"
        );
        assert!(r.notes.is_empty(), "{:?}", r.notes);
    }
}
