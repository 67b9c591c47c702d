//! Reads a CSV or XLSX file into a [`Table`] of NFC text cells, within the table
//! bounds of [`crate::limits`].
//!
//! CSV is read by [`super::csv`] (Excel's encodings and separators). XLSX is read with
//! calamine after [`super::zipped`] has inflated the parts within budget; cells come
//! as shown, merged cells as the value of their first cell. An OpenDocument sheet
//! renamed `.xlsx` is refused with what to do.

use std::path::Path;

use calamine::{Data, Reader};

use super::ImportError;
use super::csv::{self, CsvSource};
use super::zipped::{self, Budget, ZipProblem};
use crate::limits;
use crate::vi;

/// The cells of one worksheet or CSV file. `rows[i]` is spreadsheet row `i + 1`, empty
/// rows included, so that problems can name the row the clerk sees.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Cells of each row, NFC; trailing empty cells may be missing.
    pub rows: Vec<Vec<String>>,
    /// For a CSV file, the encoding and separator it was read with.
    pub source: Option<CsvSource>,
}

impl Table {
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
    /// Comma, semicolon or tab separated text (UTF-8, UTF-16, code page 1258).
    Csv,
    /// An Excel workbook (read by calamine).
    Xlsx,
}

/// Decides the format from the extension, or from the first bytes when the extension
/// says nothing: a ZIP container is a workbook, text (UTF-8 without NUL bytes, or
/// UTF-16 with a byte order mark) is CSV.
pub fn detect_format(path: &Path, bytes: &[u8]) -> Option<Format> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let zip = bytes.starts_with(b"PK\x03\x04");
    match ext.as_str() {
        "xlsx" | "xlsm" if zip => Some(Format::Xlsx),
        "xlsx" | "xlsm" => None,
        "csv" | "tsv" | "txt" if !zip && (!bytes.contains(&0) || csv::is_utf16(bytes)) => {
            Some(Format::Csv)
        }
        "csv" | "tsv" | "txt" => None,
        _ if zip => Some(Format::Xlsx),
        _ if csv::is_utf16(bytes) => Some(Format::Csv),
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
            let (text, encoding) = csv::decode(&bytes).ok_or_else(|| ImportError::NotATable {
                path: path.to_path_buf(),
            })?;
            drop(bytes);
            let mut table = csv::read_csv(&text).map_err(|what| ImportError::TooBig {
                path: path.to_path_buf(),
                what,
            })?;
            if let Some(source) = &mut table.source {
                source.encoding = encoding;
            }
            Ok(table)
        }
        Some(Format::Xlsx) => xlsx_from_bytes(bytes, path, sheet),
        None => Err(ImportError::NotATable {
            path: path.to_path_buf(),
        }),
    }
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
        "đây là bảng tính OpenDocument (.ods) đổi đuôi thành .xlsx; hãy mở bằng LibreOffice và lưu lại dạng Excel (.xlsx) hoặc CSV"
    )]
    OpenDocument,
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

/// The largest table file read (see [`crate::limits::MAX_TABLE_FILE_BYTES`]).
pub const MAX_TABLE_BYTES: u64 = limits::MAX_TABLE_FILE_BYTES;

fn xlsx_from_bytes(bytes: Vec<u8>, path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    let bad = |e: &calamine::Error| ImportError::Workbook {
        path: path.to_path_buf(),
        reason: WorkbookProblem::of(e),
    };
    let bytes = guarded(&bytes, path)?;
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
    Ok(Table { rows, source: None })
}

/// The parts of an OOXML workbook calamine reads (XML and relationships; pictures and
/// embedded objects are left out), inflated within [`Budget::WORKBOOK`] and repacked
/// with true sizes. An OpenDocument sheet (its ODS reader expands repeated rows and
/// columns densely) or a binary workbook renamed `.xlsx` is refused.
fn guarded(bytes: &[u8], path: &Path) -> Result<Vec<u8>, ImportError> {
    let fail = |reason| ImportError::Workbook {
        path: path.to_path_buf(),
        reason,
    };
    if zipped::mimetype(bytes).is_some_and(|m| m.contains("opendocument")) {
        return Err(fail(WorkbookProblem::OpenDocument));
    }
    // A zip or XML problem; `damaged` is what a damaged part means at that step.
    let problem = |damaged| {
        move |p| match p {
            ZipProblem::Damaged => fail(damaged),
            ZipProblem::TooBig(what) => ImportError::TooBig {
                path: path.to_path_buf(),
                what,
            },
        }
    };
    let parts = zipped::read_parts(bytes, Budget::WORKBOOK, zipped::is_xml_part)
        .map_err(problem(WorkbookProblem::Damaged))?;
    if !parts
        .iter()
        .any(|p| p.name.eq_ignore_ascii_case("xl/workbook.xml"))
    {
        return Err(fail(WorkbookProblem::Unsupported));
    }
    for part in &parts {
        zipped::scan_xml(&part.bytes, limits::MAX_XML_DEPTH, usize::MAX, usize::MAX)
            .map_err(problem(WorkbookProblem::Malformed))?;
    }
    zipped::repack(&parts).map_err(|_| fail(WorkbookProblem::Damaged))
}

/// Rows and columns beyond which a worksheet is not read: a plan's table is a few
/// hundred rows; a cell a million rows down is a damaged or hostile file, and laying
/// the sheet out densely would take gigabytes.
const MAX_ROWS: u32 = limits::MAX_TABLE_ROWS as u32;
const MAX_COLUMNS: u32 = limits::MAX_TABLE_COLUMNS as u32;

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
