//! import, plan: the tables of a plan's Phụ lục (tasks, or indicators) read into a
//! scratch copy of the project through the table import's rules ([`crate::import`]:
//! header recognition, group rows, office names, targets), after joining what a page
//! or a line break split: a header repeated on the next page, a row continued on the
//! next line, a page number between the parts.

use std::collections::HashMap;

use super::PlanNote;
use super::deadline;
use super::source::Row;
use crate::import::header::{Field, find_header, recognise, recognised_count};
use crate::import::read::Table;
use crate::import::{ImportKind, apply, rows};
use crate::model::Project;

/// What the tables gave, beside what went into the scratch project.
#[derive(Debug, Default)]
pub(super) struct Tables {
    /// Source row of each task and indicator added, by id.
    pub rows_of: HashMap<String, usize>,
    /// Number of tables read as tasks or indicators.
    pub read: usize,
    /// Index (in the document's rows) of the first table's header, if any.
    pub first_header: Option<usize>,
}

/// A header row: a tabular row with at least two known column titles, one of them a
/// name (task or indicator).
fn header_fields(row: &Row) -> Option<Vec<Field>> {
    if !row.tabular || recognised_count(&row.cells) < 2 {
        return None;
    }
    let fields: Vec<Field> = row.cells.iter().filter_map(|c| recognise(c)).collect();
    fields
        .iter()
        .any(|f| matches!(f, Field::TaskName | Field::IndicatorName))
        .then_some(fields)
}

/// A row made of rule characters only (`----\t---`): a text table's underline.
fn is_rule(row: &Row) -> bool {
    row.filled().iter().all(|(_, c)| {
        c.chars()
            .all(|ch| matches!(ch, '-' | ':' | '|' | '=' | '+'))
    })
}

/// A page number between the parts of a table (`2`, `- 3 -`).
fn is_page_number(row: &Row) -> bool {
    let filled = row.filled();
    let [(_, text)] = filled.as_slice() else {
        return false;
    };
    let digits = text.trim_matches(|c: char| c == '-' || c.is_whitespace());
    !row.tabular
        && !digits.is_empty()
        && digits.len() <= 3
        && digits.chars().all(|c| c.is_ascii_digit())
}

/// A group title: capitals (`I. NHIỆM VỤ TRỌNG TÂM`, `NHIỆM VỤ THƯỜNG XUYÊN`).
fn is_group_title(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

/// Reads every task or indicator table of `rows` into `scratch` (new offices and groups
/// too), noting what did not become data.
pub(super) fn read(rows: &[Row], scratch: &mut Project, notes: &mut Vec<PlanNote>) -> Tables {
    let mut found = Tables::default();
    let mut i = 0;
    while i < rows.len() {
        let Some(fields) = header_fields(&rows[i]) else {
            i += 1;
            continue;
        };
        found.first_header.get_or_insert(i);
        let (segment, next) = segment(rows, i, &fields, notes);
        read_segment(&segment, scratch, notes, &mut found);
        i = next;
    }
    found
}

/// The rows of the table whose header is `rows[start]`: its cells as the table import
/// reads them, each with the source row it came from; and where the table ends.
fn segment(
    rows: &[Row],
    start: usize,
    fields: &[Field],
    notes: &mut Vec<PlanNote>,
) -> (Vec<(usize, Vec<String>)>, usize) {
    let header = &rows[start];
    let number_col = header
        .cells
        .iter()
        .position(|c| recognise(c) == Some(Field::Number));
    let name_col = header
        .cells
        .iter()
        .position(|c| matches!(recognise(c), Some(Field::TaskName | Field::IndicatorName)))
        .unwrap_or(1);
    let mut out: Vec<(usize, Vec<String>)> = vec![(header.no, header.cells.clone())];
    // Whether the last row taken is a task or indicator row (something to continue).
    let mut last_is_item = false;
    let mut j = start + 1;
    while j < rows.len() {
        let row = &rows[j];
        if row.is_blank() || is_rule(row) {
            j += 1;
            continue;
        }
        if is_page_number(row) {
            notes.push(PlanNote::new(
                row.no,
                format!(
                    "“{}” giữa hai phần của bảng là số trang; bỏ qua.",
                    row.quoted()
                ),
            ));
            j += 1;
            continue;
        }
        if let Some(other) = header_fields(row) {
            if other != fields {
                break;
            }
            // The header repeated on the next page.
            out.push((row.no, row.cells.clone()));
            last_is_item = false;
            j += 1;
            continue;
        }
        let filled = row.filled();
        let first = filled.first().map_or("", |(_, c)| *c);
        let starts_lower = first
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || matches!(c, '(' | ',' | ';' | '…' | '.'));
        if !row.tabular {
            if is_group_title(first) {
                out.push((row.no, vec![first.to_owned()]));
                last_is_item = false;
            } else if last_is_item && starts_lower {
                let mut cells = vec![String::new(); name_col + 1];
                cells[name_col] = first.to_owned();
                continue_row(&mut out, &cells, row.no, notes);
            } else {
                break;
            }
            j += 1;
            continue;
        }
        let number_empty =
            number_col.is_some_and(|c| row.cells.get(c).is_none_or(|s| s.trim().is_empty()));
        let continues = last_is_item
            && number_empty
            && !is_group_title(first)
            && (starts_lower || filled.len() >= 2);
        if continues {
            continue_row(&mut out, &row.cells, row.no, notes);
        } else {
            last_is_item = !is_group_title(first) && filled.len() >= 2;
            out.push((row.no, row.cells.clone()));
        }
        j += 1;
    }
    (out, j)
}

/// Joins a row written on the next line (or page) to the row above, cell by cell.
fn continue_row(
    out: &mut [(usize, Vec<String>)],
    cells: &[String],
    no: usize,
    notes: &mut Vec<PlanNote>,
) {
    let Some((above_no, above)) = out.last_mut() else {
        return;
    };
    if above.len() < cells.len() {
        above.resize(cells.len(), String::new());
    }
    for (to, piece) in above.iter_mut().zip(cells) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        if !to.trim().is_empty() {
            to.push(' ');
        }
        to.push_str(piece);
    }
    notes.push(PlanNote::new(
        no,
        format!("dòng viết tiếp dòng {above_no} của bảng; đã nối vào dòng đó."),
    ));
}

/// Reads one table into `scratch`.
fn read_segment(
    segment: &[(usize, Vec<String>)],
    scratch: &mut Project,
    notes: &mut Vec<PlanNote>,
    found: &mut Tables,
) {
    let Some((header_no, header_cells)) = segment.first() else {
        return;
    };
    // Office columns keep a cell's lines apart (one office a line); other cells read
    // as one line.
    let office_cols: Vec<usize> = header_cells
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(recognise(c), Some(Field::Lead | Field::Coordinating)))
        .map(|(i, _)| i)
        .collect();
    let table = Table {
        rows: segment
            .iter()
            .map(|(_, cells)| {
                cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        if office_cols.contains(&i) {
                            c.clone()
                        } else {
                            c.replace('\n', " ")
                        }
                    })
                    .collect()
            })
            .collect(),
        source: None,
    };
    let Some(header) = find_header(&table) else {
        return;
    };
    let has = |f: Field| header.column(f).is_some();
    // `Nội dung` with an office, product or deadline column and no target is a list
    // of tasks.
    let task_like = [Field::Coordinating, Field::Output, Field::Deadline]
        .into_iter()
        .any(&has);
    let kind = if has(Field::TaskName) || (task_like && !has(Field::Target)) {
        ImportKind::Tasks
    } else {
        ImportKind::Indicators
    };
    let source_no = |table_row: usize| {
        segment
            .get(table_row.saturating_sub(1))
            .map_or(*header_no, |(no, _)| *no)
    };
    let preview = rows::build(&table, &header, scratch, kind);
    found.read += 1;
    for p in &preview.problems {
        let no = source_no(p.row);
        let quoted = segment
            .get(p.row.saturating_sub(1))
            .map(|(_, cells)| Row {
                no,
                cells: cells.clone(),
                tabular: true,
            })
            .map(|r| r.quoted())
            .unwrap_or_default();
        notes.push(PlanNote::new(
            no,
            format!("dòng bảng chưa nhập ({}): “{quoted}”", p.reason),
        ));
    }
    // Columns the import has no field for: their words are quoted, never dropped.
    let unmapped: Vec<(usize, &String)> = header_cells
        .iter()
        .enumerate()
        .filter(|(i, t)| !t.trim().is_empty() && !header.mapping.iter().any(|m| m.column == *i))
        .collect();
    let deadline_col = header
        .mapping
        .iter()
        .find(|m| m.field == Field::Deadline)
        .map(|m| m.column);
    let year = scratch.plan.year;
    let mut preview = preview;
    for (k, task) in preview.tasks.iter_mut().enumerate() {
        let Some(table_row) = preview.item_rows.get(k).copied() else {
            continue;
        };
        let cells = table.rows.get(table_row.saturating_sub(1));
        let raw = deadline_col
            .and_then(|c| cells.and_then(|r| r.get(c)))
            .map_or("", |c| c.trim());
        task.deadline = deadline::meaning(raw, year);
        task.deadline_as_written = raw.to_owned();
        found.rows_of.insert(task.id.clone(), source_no(table_row));
    }
    for (k, ind) in preview.indicators.iter().enumerate() {
        if let Some(table_row) = preview.item_rows.get(k) {
            found.rows_of.insert(ind.id.clone(), source_no(*table_row));
        }
    }
    for table_row in &preview.item_rows {
        let Some(cells) = table.rows.get(table_row.saturating_sub(1)) else {
            continue;
        };
        for (col, title) in &unmapped {
            if let Some(text) = cells.get(*col).map(|c| c.trim()).filter(|c| !c.is_empty()) {
                notes.push(PlanNote::new(
                    source_no(*table_row),
                    format!(
                        "cột “{}” không có chỗ trong {}; chưa nhập: “{text}”",
                        title.trim(),
                        kind.label()
                    ),
                ));
            }
        }
    }
    note_respelled_offices(&table, &preview, &office_cols, scratch, &source_no, notes);
    apply(&preview, scratch);
}

/// Notes each office written otherwise than the office it was read as (`Phòng Văn hoá
/// - Xã hội` read as `Phòng Văn hóa - Xã hội`), once, at its first row.
fn note_respelled_offices(
    table: &Table,
    preview: &crate::import::ImportPreview,
    office_cols: &[usize],
    scratch: &Project,
    source_no: &dyn Fn(usize) -> usize,
    notes: &mut Vec<PlanNote>,
) {
    let known: Vec<&crate::model::Office> = scratch
        .organisation
        .offices
        .iter()
        .chain(preview.new_offices.iter())
        .collect();
    let find = |name: &str| {
        let key = rows::office_key(name);
        known
            .iter()
            .find(|o| rows::office_key(&o.name) == key || rows::office_key(&o.short) == key)
            .copied()
    };
    let mut seen: Vec<String> = Vec::new();
    for table_row in &preview.item_rows {
        let Some(cells) = table.rows.get(table_row.saturating_sub(1)) else {
            continue;
        };
        for col in office_cols {
            let Some(cell) = cells.get(*col) else {
                continue;
            };
            for piece in rows::split_offices(cell, |n| find(n).is_some()) {
                let Some(office) = find(&piece) else {
                    continue;
                };
                let written = crate::vi::nfc(piece.trim());
                if written == office.name || written == office.short || seen.contains(&written) {
                    continue;
                }
                notes.push(PlanNote::new(
                    source_no(*table_row),
                    format!("đơn vị “{written}” được hiểu là “{}”.", office.name),
                ));
                seen.push(written);
            }
        }
    }
}
