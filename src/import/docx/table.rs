//! import, docx: Word tables. A layout table (the header block of an administrative
//! document: agency and number beside the national title and the date; or `Nơi nhận`
//! beside the signature) is read as the lines it holds, left cell first, for the
//! recogniser; any other table becomes a table in the section text format, a row
//! merged across the whole table (or holding only a heading like `I. NHIỆM VỤ TRỌNG
//! TÂM`) a group row, a repeat of the header row (a table split over pages by hand)
//! left out with a note, Word's column widths kept as the delimiter row's dashes (the
//! layout widens a column narrower than its longest word). A table that looks like a
//! plan's task table is noted as such, pointing to the plan import.

use docx_rs::{Table, TableCell, TableCellContent, TableChild, TableRowChild};

use super::body::{Found, Reader, paragraph_spans};
use super::style::CharStyles;
use crate::import::text::{Hint, NoteKind, SourceLine, appendix};
use crate::model::rich::Span;
use crate::model::rich::emphasis_markup;
use crate::vi::fold;

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
                    let (span, merged_below) = super::style::cell_merge(cell);
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

/// Reads table `t`, `depth` tables deep (1 for a table of the body), into `r`: layout
/// tables inside layout tables are read as lines, down to
/// [`crate::limits::MAX_TABLE_NESTING`] (the package was refused before if deeper; the
/// bound keeps this recursion finite by itself).
pub(crate) fn read_nested(r: &mut Reader<'_>, t: &Table, depth: usize) {
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
    let mut repeats = 0;
    let mut out: Vec<String> = Vec::new();
    let mut plain: Vec<String> = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut any_text = false;
    for row in &rows {
        let texts: Vec<(String, String, usize, bool)> = row
            .iter()
            .map(|c| {
                let spans = cell_spans(c.cell, &r.chars, &mut found, &mut nested);
                let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                (emphasis_markup(&spans, 0), text, c.span, c.merged_below)
            })
            .collect();
        let cell_texts: Vec<String> = texts.iter().map(|t| t.1.trim().to_owned()).collect();
        any_text |= cell_texts.iter().any(|t| !t.is_empty());
        match &header {
            None => header = Some(cell_texts.clone()),
            Some(h) if *h == cell_texts && cell_texts.iter().any(|t| !t.is_empty()) => {
                repeats += 1;
                continue;
            }
            Some(_) => {}
        }
        if plain.len() < 2 {
            plain.push(cell_texts.join(" | "));
        }
        let filled: Vec<&(String, String, usize, bool)> =
            texts.iter().filter(|t| !t.1.trim().is_empty()).collect();
        let group = width > 1
            && !out.is_empty()
            && ((texts.len() == 1 && texts.first().is_some_and(|t| t.2 >= width))
                || (width > 2
                    && filled.len() == 1
                    && filled.first().is_some_and(|t| group_heading(&t.1))));
        let mut line = String::from("|");
        if group {
            line.push(' ');
            line.push_str(filled.first().map_or("", |t| t.0.trim()));
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
        if out.len() == 1 {
            out.push(delimiter(&t.grid, width));
        }
    }
    if !any_text && nested == 0 && found.images + found.text_boxes == 0 {
        r.note(
            NoteKind::Skipped,
            "bảng không có chữ nào (bảng trống); bỏ qua.".to_owned(),
        );
        return;
    }
    r.lines.push(SourceLine {
        text: plain.join(" / "),
        hint: Hint::Table(out.join("\n")),
        spans: Vec::new(),
    });
    let at = r.lines.len();
    if repeats > 0 {
        r.notes.push((
            at,
            NoteKind::Changed,
            format!(
                "bảng lặp lại hàng tiêu đề {repeats} lần (bảng sang trang); chỉ giữ hàng tiêu đề đầu, khi in chương trình tự lặp lại ở mỗi trang."
            ),
        ));
    }
    if header
        .as_ref()
        .is_some_and(|h| appendix::looks_like_plan_tasks(h.iter().map(String::as_str)))
    {
        r.notes
            .push((at, NoteKind::Changed, appendix::PLAN_TABLE.to_owned()));
    }
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

/// Whether the only text of a row reads like a group heading spanning the table:
/// `I. NHIỆM VỤ TRỌNG TÂM`, `II. Nhiệm vụ thường xuyên`, `A. …`, or words in capitals.
fn group_heading(text: &str) -> bool {
    let t = text.trim();
    let marker = t.split_once(['.', ')']).is_some_and(|(m, rest)| {
        !m.is_empty()
            && m.chars().count() <= 5
            && (m.chars().all(|c| "IVXLC".contains(c))
                || (m.chars().count() == 1 && m.chars().all(|c| c.is_ascii_uppercase())))
            && !rest.trim().is_empty()
    });
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = letters.len() >= 6
        && letters.iter().all(|c| !c.is_lowercase())
        && t.split_whitespace().count() >= 2;
    marker || caps
}

/// The delimiter row under the header: Word's column widths as dashes (the widest
/// column 40), or three dashes a column when Word gives no usable widths or all
/// columns the same width (the widths then follow the content).
fn delimiter(grid: &[usize], width: usize) -> String {
    let widest = grid.iter().copied().max().unwrap_or(0);
    let narrowest = grid.iter().copied().min().unwrap_or(0);
    if grid.len() != width || narrowest == 0 || (widest - narrowest) * 50 <= widest {
        return format!("|{}", "---|".repeat(width));
    }
    let mut out = String::from("|");
    for w in grid {
        let dashes = ((w * 40 + widest / 2) / widest).max(1);
        out.push_str(&"-".repeat(dashes));
        out.push('|');
    }
    out
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
        read_nested(&mut r, &table, 1);
        let Hint::Table(t) = &r.lines[0].hint else {
            panic!("{:?}", r.lines)
        };
        assert_eq!(
            t,
            "| Nội dung | Số lượng |\n|---|---|\n| Nhóm A |\n| Hồ sơ | 12 |"
        );
        assert!(r.notes.is_empty(), "{:?}", r.notes);
    }

    #[test]
    fn word_column_widths_become_dashes_and_equal_or_missing_ones_do_not() {
        assert_eq!(
            delimiter(&[340, 5102, 2268, 1984], 4),
            "|---|----------------------------------------|------------------|----------------|"
        );
        assert_eq!(delimiter(&[3000, 3000, 3010], 3), "|---|---|---|");
        assert_eq!(delimiter(&[], 2), "|---|---|");
        assert_eq!(delimiter(&[100, 0], 2), "|---|---|");
        assert_eq!(delimiter(&[100, 200, 300], 2), "|---|---|");
    }

    #[test]
    fn a_heading_alone_in_a_row_is_a_group_heading_but_a_figure_or_a_word_is_not() {
        for t in [
            "I. NHIỆM VỤ TRỌNG TÂM",
            "II. Nhiệm vụ thường xuyên",
            "A. Chỉ tiêu",
            "NHIỆM VỤ KHÁC",
        ] {
            assert!(group_heading(t), "{t}");
        }
        for t in [
            "12",
            "Đạt",
            "Tổng cộng",
            "x",
            "UBND",
            "3.5",
            "TP. Hải Phòng",
        ] {
            assert!(!group_heading(t), "{t}");
        }
    }
}
