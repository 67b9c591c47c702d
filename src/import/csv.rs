//! import, csv: a CSV table as Excel on a clerk's Windows PC saves it, read into a
//! [`Table`] of NFC text cells within the table bounds of [`crate::limits`].
//!
//! Encodings: UTF-8 (with or without a byte order mark), UTF-16 LE/BE with a byte
//! order mark ("Unicode Text", tab-separated) and, when the bytes are not UTF-8, code
//! page 1258 (Excel on a Vietnamese Windows; its tone marks are combining characters,
//! so the text is NFC-normalised after decoding). Separators: comma, semicolon or tab,
//! the one that makes a header row appear. Cells follow RFC 4180 (quoted cells may hold
//! the separator, doubled quotes and line breaks).

use super::header::recognised_count;
use super::read::Table;
use crate::limits::{self, Exceeded};
use crate::vi;

/// How the bytes of a CSV file were decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark ("CSV UTF-8" in Excel).
    Utf8Bom,
    /// UTF-16 little-endian with a byte order mark ("Unicode Text" in Excel).
    Utf16Le,
    /// UTF-16 big-endian with a byte order mark.
    Utf16Be,
    /// Windows code page 1258 (plain "CSV" from Excel on a Vietnamese Windows).
    Windows1258,
}

impl Encoding {
    /// The encoding as the import preview names it.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (có BOM)",
            Encoding::Utf16Le => "UTF-16 LE (Unicode Text của Excel)",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1258 => "Windows-1258 (CSV của Excel tiếng Việt)",
        }
    }
}

/// Where a table read from CSV came from: its encoding and separator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvSource {
    pub encoding: Encoding,
    pub separator: char,
}

impl CsvSource {
    /// `CSV, mã hóa UTF-8, phân cách bằng dấu chấm phẩy`, for the import preview.
    pub fn describe(&self) -> String {
        let separator = match self.separator {
            '\t' => "ký tự tab",
            ';' => "dấu chấm phẩy",
            ',' => "dấu phẩy",
            _ => "ký tự khác",
        };
        format!(
            "CSV, mã hóa {}, phân cách bằng {separator}",
            self.encoding.label()
        )
    }
}

/// Whether `bytes` start with a UTF-16 byte order mark.
pub fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

/// The text of a CSV file and how it was decoded; `None` for bytes that are no text
/// in any of the encodings read (NUL bytes outside UTF-16).
pub fn decode(bytes: &[u8]) -> Option<(String, Encoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).ok()?;
        return Some((vi::nfc(text), Encoding::Utf8Bom));
    }
    for (bom, encoding, ours) in [
        (b"\xFF\xFE", encoding_rs::UTF_16LE, Encoding::Utf16Le),
        (b"\xFE\xFF", encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            return (!had_errors && !text.contains('\0')).then(|| (vi::nfc(&text), ours));
        }
    }
    if bytes.contains(&0) {
        return None;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((vi::nfc(text), Encoding::Utf8));
    }
    // Every byte means something in code page 1258; its tone marks come as combining
    // characters after the vowel, which NFC composes into the letters Vietnamese uses.
    let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
    Some((vi::nfc(&text), Encoding::Windows1258))
}

/// Reads CSV text (with or without a BOM), choosing the separator that yields a header
/// within the first 50 lines; the whole text is then parsed once.
pub fn read_csv(text: &str) -> Result<Table, Exceeded> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The first 50 lines decide; the rest is parsed only with the separator chosen.
    let head_end = text
        .match_indices('\n')
        .nth(49)
        .map(|(i, _)| i + 1)
        .unwrap_or(text.len());
    let head = &text[..head_end];
    let mut best: Option<((usize, usize), char)> = None;
    for separator in ['\t', ';', ','] {
        let key = match parse_csv(head, separator) {
            Ok(table) => {
                let score = table
                    .rows
                    .iter()
                    .map(|r| recognised_count(r))
                    .find(|n| *n >= 2)
                    .unwrap_or(0);
                let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
                // A header decides; without one, the separator that splits rows most.
                (score, width)
            }
            Err(_) => (0, 0),
        };
        if best.is_none_or(|(k, _)| key > k) {
            best = Some((key, separator));
        }
    }
    let separator = best.map(|(_, s)| s).unwrap_or(',');
    let mut table = parse_csv(text, separator)?;
    table.source = Some(CsvSource {
        encoding: Encoding::Utf8,
        separator,
    });
    Ok(table)
}

/// RFC 4180 with a given separator; a record per row, every cell NFC and trimmed of the
/// line's `\r`. Refused as soon as the table has more rows, columns or characters in
/// a cell than [`crate::limits`] allows.
pub fn parse_csv(text: &str, delimiter: char) -> Result<Table, Exceeded> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut cell_chars = 0usize;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut row_has_content = false;
    let end_cell = |row: &mut Vec<String>, cell: &mut String| {
        row.push(vi::nfc(&std::mem::take(cell)));
        if row.len() > limits::MAX_TABLE_COLUMNS {
            return Err(Exceeded::Columns(limits::MAX_TABLE_COLUMNS));
        }
        Ok(())
    };
    let end_row = |rows: &mut Vec<Vec<String>>, row: &mut Vec<String>| {
        rows.push(std::mem::take(row));
        if rows.len() > limits::MAX_TABLE_ROWS {
            return Err(Exceeded::Rows(limits::MAX_TABLE_ROWS));
        }
        Ok(())
    };
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    push_char(&mut cell, &mut cell_chars, '"')?;
                } else {
                    quoted = false;
                }
            } else {
                push_char(&mut cell, &mut cell_chars, c)?;
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => {
                quoted = true;
                row_has_content = true;
            }
            c if c == delimiter => {
                end_cell(&mut row, &mut cell)?;
                cell_chars = 0;
                row_has_content = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                if row_has_content || !cell.is_empty() {
                    end_cell(&mut row, &mut cell)?;
                }
                cell_chars = 0;
                end_row(&mut rows, &mut row)?;
                row_has_content = false;
            }
            c => {
                push_char(&mut cell, &mut cell_chars, c)?;
                row_has_content = true;
            }
        }
    }
    if row_has_content || !cell.is_empty() {
        end_cell(&mut row, &mut cell)?;
        end_row(&mut rows, &mut row)?;
    }
    Ok(Table { rows, source: None })
}

fn push_char(cell: &mut String, count: &mut usize, c: char) -> Result<(), Exceeded> {
    *count += 1;
    if *count > limits::MAX_CELL_CHARS {
        return Err(Exceeded::Cell(limits::MAX_CELL_CHARS));
    }
    cell.push(c);
    Ok(())
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
        let t = parse_csv("a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\n", ',').unwrap();
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
        let t = parse_csv("a,b\n\n1,2", ',').unwrap();
        assert_eq!(cells(&t), vec![vec!["a", "b"], vec![], vec!["1", "2"]]);
    }

    #[test]
    fn the_delimiter_is_the_one_that_reveals_the_header() {
        let text = "Phụ lục, năm 2026\nSTT;Nhiệm vụ;Đơn vị chủ trì\n1;Việc, một;Phòng\n";
        let t = read_csv(text).unwrap();
        assert_eq!(t.rows[1], ["STT", "Nhiệm vụ", "Đơn vị chủ trì"]);
        assert_eq!(t.rows[2], ["1", "Việc, một", "Phòng"]);
        assert_eq!(t.source.map(|s| s.separator), Some(';'));
        let tab = read_csv("\u{feff}STT\tNhiệm vụ\tChủ trì\n1\tA, B\tC\n").unwrap();
        assert_eq!(tab.rows[0], ["STT", "Nhiệm vụ", "Chủ trì"]);
    }

    #[test]
    fn decomposed_text_is_normalised() {
        let t = parse_csv("Vie\u{302}\u{323}t,x\n", ',').unwrap();
        assert_eq!(t.rows[0][0], "Việt");
    }

    #[test]
    fn rows_columns_and_cells_over_the_limits_are_refused_while_parsing() {
        let rows = "a\n".repeat(limits::MAX_TABLE_ROWS + 1);
        assert_eq!(
            parse_csv(&rows, ','),
            Err(Exceeded::Rows(limits::MAX_TABLE_ROWS))
        );
        assert!(parse_csv(&"a\n".repeat(limits::MAX_TABLE_ROWS), ',').is_ok());
        let wide = ",".repeat(limits::MAX_TABLE_COLUMNS + 1);
        assert_eq!(
            parse_csv(&wide, ','),
            Err(Exceeded::Columns(limits::MAX_TABLE_COLUMNS))
        );
        let long = format!("\"{}\"", "x".repeat(limits::MAX_CELL_CHARS + 1));
        assert_eq!(
            parse_csv(&long, ','),
            Err(Exceeded::Cell(limits::MAX_CELL_CHARS))
        );
    }

    #[test]
    fn excel_encodings_are_decoded_to_the_right_letters() {
        // "Ủy ban" in code page 1258: U + combining hook above (0xD2), y, space, ban.
        let cp1258 = b"\x55\xD2y ban nh\xE2n d\xE2n";
        let (text, enc) = decode(cp1258).unwrap();
        assert_eq!(text, "Ủy ban nhân dân");
        assert_eq!(enc, Encoding::Windows1258);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Chuyển đổi số\tx".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(
            decode(&utf16),
            Some(("Chuyển đổi số\tx".to_owned(), Encoding::Utf16Le))
        );
        assert_eq!(
            decode("\u{feff}Việt".as_bytes()),
            Some(("Việt".to_owned(), Encoding::Utf8Bom))
        );
        assert_eq!(decode(b"a\0b"), None);
    }
}
