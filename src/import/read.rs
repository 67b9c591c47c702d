//! Reads a CSV or XLSX file into a [`Table`] of NFC text cells.
//!
//! CSV follows RFC 4180 (quoted cells may hold the delimiter, doubled quotes and line
//! breaks); the delimiter (`,`, `;` or tab) is the one that makes a header row appear.
//! XLSX is read with calamine; cells come as shown, merged cells as the value of their
//! first cell.

use std::path::Path;

use calamine::{Data, Reader};

use super::ImportError;
use super::header::recognised_count;
use crate::vi;

/// The cells of one worksheet or CSV file. `rows[i]` is spreadsheet row `i + 1`, empty
/// rows included, so that problems can name the row the clerk sees.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Cells of each row, NFC; trailing empty cells may be missing.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The 1-based spreadsheet row number of `rows[index]`.
    pub fn row_number(index: usize) -> usize {
        index + 1
    }

    /// True when no cell holds any text.
    pub fn is_empty(&self) -> bool {
        self.rows
            .iter()
            .all(|r| r.iter().all(|c| c.trim().is_empty()))
    }
}

/// The formats this import reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma, semicolon or tab separated UTF-8 text.
    Csv,
    /// An Excel workbook (read by calamine).
    Xlsx,
}

/// Decides the format from the extension, or from the first bytes when the extension
/// says nothing: a ZIP container is a workbook, UTF-8 text without NUL bytes is CSV.
pub fn detect_format(path: &Path, bytes: &[u8]) -> Option<Format> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let zip = bytes.starts_with(b"PK\x03\x04");
    match ext.as_str() {
        "xlsx" | "xlsm" if zip => Some(Format::Xlsx),
        "xlsx" | "xlsm" => None,
        "csv" | "tsv" | "txt" if !zip && !bytes.contains(&0) => Some(Format::Csv),
        "csv" | "tsv" | "txt" => None,
        _ if zip => Some(Format::Xlsx),
        _ if !bytes.is_empty() && !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok() => {
            Some(Format::Csv)
        }
        _ => None,
    }
}

/// Reads a CSV or XLSX file; `sheet` names the worksheet (the first one when `None`).
pub fn read_table(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    let (bytes, _) = crate::storage::read_limited(path, MAX_TABLE_BYTES).map_err(|reason| {
        ImportError::Unreadable {
            path: path.to_path_buf(),
            reason,
        }
    })?;
    match detect_format(path, &bytes) {
        Some(Format::Csv) => {
            let text = std::str::from_utf8(&bytes).map_err(|_| ImportError::NotUtf8 {
                path: path.to_path_buf(),
            })?;
            Ok(read_csv(text))
        }
        Some(Format::Xlsx) => xlsx_from_bytes(bytes, path, sheet),
        None => Err(ImportError::NotATable {
            path: path.to_path_buf(),
        }),
    }
}

/// Reads CSV text (with or without a BOM), choosing the delimiter that yields a header.
pub fn read_csv(text: &str) -> Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut best: Option<(usize, usize, Table)> = None;
    for delimiter in ['\t', ';', ','] {
        let table = parse_csv(text, delimiter);
        let score = table
            .rows
            .iter()
            .take(50)
            .map(|r| recognised_count(r))
            .find(|n| *n >= 2)
            .unwrap_or(0);
        let width = table.rows.iter().take(50).map(Vec::len).max().unwrap_or(0);
        // A header decides; without one, the delimiter that splits rows the most.
        let key = (score, width);
        let better = match &best {
            None => true,
            Some((s, w, _)) => key > (*s, *w),
        };
        if better {
            best = Some((score, width, table));
        }
    }
    best.map(|(_, _, t)| t).unwrap_or_default()
}

/// RFC 4180 with a given delimiter; a record per row, every cell NFC and trimmed of the
/// line's `\r`.
pub fn parse_csv(text: &str, delimiter: char) -> Table {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut row_has_content = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => {
                quoted = true;
                row_has_content = true;
            }
            c if c == delimiter => {
                row.push(vi::nfc(&std::mem::take(&mut cell)));
                row_has_content = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                if row_has_content || !cell.is_empty() {
                    row.push(vi::nfc(&std::mem::take(&mut cell)));
                }
                rows.push(std::mem::take(&mut row));
                row_has_content = false;
            }
            c => {
                cell.push(c);
                row_has_content = true;
            }
        }
    }
    if row_has_content || !cell.is_empty() {
        row.push(vi::nfc(&cell));
        rows.push(row);
    }
    Table { rows }
}

/// Why a workbook could not be read, in words a clerk understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkbookProblem {
    #[error("tệp .xlsx bị hỏng (không giải nén được)")]
    Damaged,
    #[error("bảng tính được đặt mật khẩu")]
    Password,
    #[error("nội dung bảng tính không đúng định dạng Excel")]
    Malformed,
    #[error("định dạng bảng tính này chưa được hỗ trợ")]
    Unsupported,
    #[error(
        "bảng tính có ô nằm quá xa (quá 100.000 hàng hoặc 256 cột); hãy chép phần bảng cần nhập sang một trang tính mới rồi nhập lại"
    )]
    TooFar,
}

impl WorkbookProblem {
    fn of(e: &calamine::Error) -> Self {
        use calamine::XlsxError as X;
        match e {
            // `Msg`: calamine could not tell the format of what starts like a zip file.
            calamine::Error::Xlsx(X::Zip(_) | X::Io(_))
            | calamine::Error::Io(_)
            | calamine::Error::Msg(_) => WorkbookProblem::Damaged,
            calamine::Error::Xlsx(X::Password) => WorkbookProblem::Password,
            calamine::Error::Xlsx(_) => WorkbookProblem::Malformed,
            _ => WorkbookProblem::Unsupported,
        }
    }
}

/// The largest table read (a plan's appendix is a few hundred KB).
pub const MAX_TABLE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a worksheet of a workbook (the first when `sheet` is `None`).
pub fn read_xlsx(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    let (bytes, _) = crate::storage::read_limited(path, MAX_TABLE_BYTES).map_err(|reason| {
        ImportError::Unreadable {
            path: path.to_path_buf(),
            reason,
        }
    })?;
    xlsx_from_bytes(bytes, path, sheet)
}

fn xlsx_from_bytes(bytes: Vec<u8>, path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    let bad = |e: &calamine::Error| ImportError::Workbook {
        path: path.to_path_buf(),
        reason: WorkbookProblem::of(e),
    };
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| vi::nfc(n).to_lowercase() == vi::nfc(wanted).to_lowercase())
            .cloned()
            .ok_or_else(|| ImportError::NoSheet {
                path: path.to_path_buf(),
                sheet: wanted.to_owned(),
                available: names.join(", "),
            })?,
        None => names.first().cloned().ok_or_else(|| ImportError::Empty {
            path: path.to_path_buf(),
        })?,
    };
    let cells = match &mut book {
        calamine::Sheets::Xlsx(x) => xlsx_cells(x, &name),
        other => range_cells(other, &name),
    };
    let cells = match cells {
        Ok(c) => c,
        Err(CellsError::Calamine(e)) => return Err(bad(&e)),
        Err(CellsError::TooFar) => {
            return Err(ImportError::Workbook {
                path: path.to_path_buf(),
                reason: WorkbookProblem::TooFar,
            });
        }
    };
    let height = cells
        .iter()
        .map(|(r, ..)| *r as usize + 1)
        .max()
        .unwrap_or(0);
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); height];
    for (r, c, text) in cells {
        if let Some(row) = rows.get_mut(r as usize) {
            let c = c as usize;
            if row.len() <= c {
                row.resize(c + 1, String::new());
            }
            row[c] = text;
        }
    }
    for row in &mut rows {
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
    }
    Ok(Table { rows })
}

/// Rows and columns beyond which a worksheet is not read: a plan's table is a few
/// hundred rows; a cell a million rows down is a damaged or hostile file, and laying
/// the sheet out densely would take gigabytes.
const MAX_ROWS: u32 = 100_000;
const MAX_COLUMNS: u32 = 256;

enum CellsError {
    Calamine(calamine::Error),
    /// A cell lies beyond [`MAX_ROWS`] or [`MAX_COLUMNS`].
    TooFar,
}

/// The non-empty cells of an XLSX worksheet, streamed (never a dense range), each
/// checked against the bounds before anything is allocated for it.
fn xlsx_cells<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Xlsx<RS>,
    name: &str,
) -> Result<Vec<(u32, u32, String)>, CellsError> {
    // calamine parses a cell reference with unchecked arithmetic: a reference like
    // `AAAAAAAA1` overflows (a panic in a debug build). Such a file is damaged.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut reader = book
            .worksheet_cells_reader(name)
            .map_err(|e| CellsError::Calamine(e.into()))?;
        let mut out = Vec::new();
        while let Some(cell) = reader
            .next_cell()
            .map_err(|e| CellsError::Calamine(e.into()))?
        {
            let (r, c) = cell.get_position();
            let data: Data = cell.get_value().clone().into();
            let text = cell_text(&data);
            if text.is_empty() {
                continue;
            }
            if r >= MAX_ROWS || c >= MAX_COLUMNS {
                return Err(CellsError::TooFar);
            }
            out.push((r, c, text));
        }
        Ok(out)
    }));
    read.unwrap_or(Err(CellsError::Calamine(calamine::Error::Msg(
        "tham chiếu ô không hợp lệ",
    ))))
}

/// The non-empty cells of a worksheet of another format (XLS, ODS), through its range.
fn range_cells<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    name: &str,
) -> Result<Vec<(u32, u32, String)>, CellsError> {
    let range = book.worksheet_range(name).map_err(CellsError::Calamine)?;
    if range
        .end()
        .is_some_and(|(r, c)| r >= MAX_ROWS || c >= MAX_COLUMNS)
    {
        return Err(CellsError::TooFar);
    }
    Ok(range
        .cells()
        .filter_map(|(r, c, d)| {
            let text = cell_text(d);
            let (r0, c0) = range.start().unwrap_or((0, 0));
            (!text.is_empty()).then(|| (r0 + r as u32, c0 + c as u32, text))
        })
        .collect())
}

/// A cell as a clerk sees it: numbers with a decimal comma, dates as `dd/mm/yyyy`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => vi::nfc(s.trim_end_matches(['\r', '\n'])),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => vi::format_number(*f, 10).replace('.', ""),
        Data::Bool(b) => if *b { "Có" } else { "Không" }.to_owned(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{day:02}/{m:02}/{y}")
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &Table) -> Vec<Vec<&str>> {
        t.rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn quoted_cells_keep_delimiters_quotes_and_line_breaks() {
        let t = parse_csv("a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\n", ',');
        assert_eq!(
            cells(&t),
            vec![
                vec!["a", "b, c", "say \"hi\""],
                vec!["1", "two\nlines", "3"]
            ]
        );
    }

    #[test]
    fn empty_lines_stay_as_empty_rows_so_numbers_match_the_file() {
        let t = parse_csv("a,b\n\n1,2", ',');
        assert_eq!(cells(&t), vec![vec!["a", "b"], vec![], vec!["1", "2"]]);
    }

    #[test]
    fn the_delimiter_is_the_one_that_reveals_the_header() {
        let text = "Phụ lục, năm 2026\nSTT;Nhiệm vụ;Đơn vị chủ trì\n1;Việc, một;Phòng\n";
        let t = read_csv(text);
        assert_eq!(t.rows[1], ["STT", "Nhiệm vụ", "Đơn vị chủ trì"]);
        assert_eq!(t.rows[2], ["1", "Việc, một", "Phòng"]);
        let tab = read_csv("\u{feff}STT\tNhiệm vụ\tChủ trì\n1\tA, B\tC\n");
        assert_eq!(tab.rows[0], ["STT", "Nhiệm vụ", "Chủ trì"]);
    }

    #[test]
    fn decomposed_text_is_normalised() {
        let t = parse_csv("Vie\u{302}\u{323}t,x\n", ',');
        assert_eq!(t.rows[0][0], "Việt");
    }

    #[test]
    fn formats_follow_extension_then_content() {
        assert_eq!(detect_format(Path::new("a.csv"), b"a,b"), Some(Format::Csv));
        assert_eq!(
            detect_format(Path::new("a.xlsx"), b"PK\x03\x04..."),
            Some(Format::Xlsx)
        );
        assert_eq!(detect_format(Path::new("a.xlsx"), b"a,b"), None);
        assert_eq!(detect_format(Path::new("a.pdf"), b"%PDF-1.7\0\x01"), None);
        assert_eq!(detect_format(Path::new("bang"), b"a;b"), Some(Format::Csv));
    }
}
