//! limits: the one set of bounds every reader of outside files keeps (projects, review
//! files, Word reports, CSV and Excel tables, report text, images, folders), and the
//! words a refusal says. No dependencies: storage, import, aggregate, export and cli
//! all read these numbers, so that a file one command accepts is not refused by
//! another.
//!
//! Each bound is sized from real files with room to spare: the sample project is 57 KB;
//! a 100-page report in Word is estimated at ~1.5 MB of `document.xml` (~3,000
//! paragraphs, ~500 bytes of markup each); a 5,000-row plan table imports into a
//! 2.0 MB project (~390 bytes a row, measured) and is ~1 MB as CSV; a city holds a few
//! hundred communes. The hostile files of issue 30 are refused within these bounds in
//! well under 2 s and 256 MB (`benches/hostile.sh`, figures in `benches/NOTES.md`).

/// A project file (and the `.bak`, recovery and review copies of it): the loader, the
/// savers, `check`, `aggregate` and batch export all use this one number. About ten
/// times a project holding a 5,000-row plan (2.0 MB) and ten 100-page reports; a
/// 90,000-row import (33 MB) is over it.
pub const MAX_PROJECT_BYTES: u64 = 32 * 1024 * 1024;

/// A review file: its comments and suggested edits are at most a report's text, far
/// below a project; the same bound, so that one number is tested.
pub const MAX_REVIEW_FILE_BYTES: u64 = MAX_PROJECT_BYTES;

/// A Word file on disk: a report with a few photos is well under this.
pub const MAX_DOCX_FILE_BYTES: u64 = 25 * 1024 * 1024;

/// Entries in a zip container (DOCX, XLSX): a Word report has ~20, a workbook ~15
/// plus one per sheet; thousands mean a file made to waste time.
pub const MAX_ZIP_ENTRIES: usize = 2_000;

/// One part of a Word file, inflated: `document.xml` of a 100-page report is ~1.5 MB;
/// ten times that still parses in well under 256 MB.
pub const MAX_DOCX_PART_BYTES: u64 = 16 * 1024 * 1024;

/// All the parts of a Word file that are read (pictures are not), inflated.
pub const MAX_DOCX_TOTAL_BYTES: u64 = 24 * 1024 * 1024;

/// Paragraphs in a Word file: a 100-page report has ~3,000.
pub const MAX_DOCX_PARAGRAPHS: usize = 100_000;

/// Tables inside tables in a Word file: reports nest one or two deep.
pub const MAX_TABLE_NESTING: usize = 32;

/// XML elements inside each other in any part read: a report's deepest is ~20 (a
/// run inside a paragraph inside a cell of a nested table); the parsers recurse once
/// per level.
pub const MAX_XML_DEPTH: usize = 256;

/// A CSV or XLSX file on disk: a 5,000-row plan table is ~1 MB as CSV.
pub const MAX_TABLE_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// One part of a workbook (a worksheet, the shared strings), inflated: a 5,000-row
/// sheet is ~2 MB of XML.
pub const MAX_WORKBOOK_PART_BYTES: u64 = 32 * 1024 * 1024;

/// All the parts of a workbook that are read, inflated.
pub const MAX_WORKBOOK_TOTAL_BYTES: u64 = 48 * 1024 * 1024;

/// Rows of a table (CSV or worksheet): twenty times a 5,000-row plan table.
pub const MAX_TABLE_ROWS: usize = 100_000;

/// Columns of a table: a plan table has about ten.
pub const MAX_TABLE_COLUMNS: usize = 256;

/// Characters in one cell: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;

/// A report's plain text on disk: a 100-page report is ~300 KB.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Lines of a report's plain text: a 100-page report has ~3,000.
pub const MAX_TEXT_LINES: usize = 200_000;

/// Pixels of a signature or seal image (a 300 dpi scan of an A5 sheet is ~9 million).
pub const MAX_PIXELS: u64 = 16_000_000;

/// Entries (files and folders) walked under a folder by `check`, `aggregate` and batch
/// export: a city's folder holds a few hundred communes' files.
pub const MAX_FOLDER_ENTRIES: usize = 200_000;

/// Folders inside the folder given: a city sorts its files a few levels deep.
pub const MAX_FOLDER_DEPTH: usize = 16;

/// `1.048.576`: a count as a Vietnamese reader writes it, for the refusals.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `32 MB`: a byte bound in whole megabytes, for the refusals.
pub fn megabytes(bytes: u64) -> String {
    format!("{} MB", thousands(bytes / (1024 * 1024)))
}

/// Which bound a file went over, said as what was too big.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Exceeded {
    #[error("bảng có hơn {} dòng", thousands(*.0 as u64))]
    Rows(usize),
    #[error("bảng có hơn {} cột", thousands(*.0 as u64))]
    Columns(usize),
    #[error("một ô của bảng có hơn {} ký tự", thousands(*.0 as u64))]
    Cell(usize),
    #[error("văn bản có hơn {} dòng", thousands(*.0 as u64))]
    Lines(usize),
    #[error("tệp nén chứa hơn {} phần", thousands(*.0 as u64))]
    Entries(usize),
    #[error("một phần của tệp giải nén ra hơn {}", megabytes(*.0))]
    Part(u64),
    #[error("tệp giải nén ra hơn {}", megabytes(*.0))]
    Inflated(u64),
    #[error("bảng lồng nhau quá {} cấp", .0)]
    TableNesting(usize),
    #[error("nội dung lồng nhau quá {} cấp", .0)]
    Depth(usize),
    #[error("tài liệu có hơn {} đoạn văn", thousands(*.0 as u64))]
    Paragraphs(usize),
    #[error("thư mục chứa hơn {} tệp và thư mục con", thousands(*.0 as u64))]
    FolderEntries(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_written_with_dots_between_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(100_000), "100.000");
        assert_eq!(thousands(1_048_576), "1.048.576");
        assert_eq!(megabytes(MAX_PROJECT_BYTES), "32 MB");
    }

    #[test]
    fn refusals_say_what_was_too_big_in_vietnamese() {
        assert_eq!(
            Exceeded::Rows(MAX_TABLE_ROWS).to_string(),
            "bảng có hơn 100.000 dòng"
        );
        assert_eq!(
            Exceeded::TableNesting(MAX_TABLE_NESTING).to_string(),
            "bảng lồng nhau quá 32 cấp"
        );
        assert_eq!(
            Exceeded::Inflated(MAX_DOCX_TOTAL_BYTES).to_string(),
            "tệp giải nén ra hơn 24 MB"
        );
    }
}
