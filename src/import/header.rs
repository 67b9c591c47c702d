//! Finds the header row of a table and maps its columns to fields by their Vietnamese
//! titles, tolerant of case, diacritics, punctuation and a two-row merged header.

use crate::vi::fold;

use super::read::Table;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `TT` / `STT`: the row number, or a Roman numeral on a group row.
    Number,
    /// `Tên chỉ tiêu` / `Chỉ tiêu` / `Nội dung`.
    IndicatorName,
    /// `Nhiệm vụ`.
    TaskName,
    /// `Chỉ tiêu năm` / `Mục tiêu`.
    Target,
    /// `Đơn vị tính`.
    Unit,
    /// `Đơn vị chủ trì` / `Cơ quan chủ trì` / `Chủ trì`.
    Lead,
    /// `Đơn vị phối hợp` / `Phối hợp`.
    Coordinating,
    /// `Chủ trì chỉ đạo`: the leader who directs a task.
    Directing,
    /// `Sản phẩm đầu ra` / `Kết quả/sản phẩm`.
    Output,
    /// `Thời hạn` / `Thời gian thực hiện` / `Thời gian hoàn thành`.
    Deadline,
    /// `Ghi chú`.
    Note,
}

impl Field {
    /// The field's name as shown to the clerk.
    pub fn label(self) -> &'static str {
        match self {
            Field::Number => "số thứ tự",
            Field::IndicatorName => "tên chỉ tiêu",
            Field::TaskName => "tên nhiệm vụ",
            Field::Target => "chỉ tiêu năm",
            Field::Unit => "đơn vị tính",
            Field::Lead => "đơn vị chủ trì",
            Field::Coordinating => "đơn vị phối hợp",
            Field::Output => "sản phẩm đầu ra",
            Field::Directing => "chủ trì chỉ đạo",
            Field::Deadline => "thời hạn",
            Field::Note => "ghi chú",
        }
    }
}

/// The field a column title stands for, if it is one this import knows.
pub fn recognise(title: &str) -> Option<Field> {
    let t = fold(title);
    let starts = |p: &str| t == p || t.starts_with(&format!("{p} "));
    if t.is_empty() {
        return None;
    }
    if matches!(t.as_str(), "tt" | "stt" | "so tt" | "so thu tu" | "thu tu") {
        return Some(Field::Number);
    }
    if starts("chi tieu nam") || starts("muc tieu") || starts("chi tieu ke hoach") {
        return Some(Field::Target);
    }
    if t.starts_with("chi tieu 20") || t.starts_with("chi tieu giao") {
        return Some(Field::Target);
    }
    if starts("ten chi tieu") || t == "chi tieu" || starts("noi dung") {
        return Some(Field::IndicatorName);
    }
    if starts("nhiem vu") || starts("ten nhiem vu") {
        return Some(Field::TaskName);
    }
    if t == "don vi tinh" || t == "dvt" {
        return Some(Field::Unit);
    }
    // `Chủ trì chỉ đạo` names the leader who directs, not the office that leads.
    if t.contains("chi dao") {
        return Some(Field::Directing);
    }
    if t.contains("chu tri") {
        return Some(Field::Lead);
    }
    if t.contains("phoi hop") {
        return Some(Field::Coordinating);
    }
    if starts("san pham") || starts("ket qua") {
        return Some(Field::Output);
    }
    if starts("thoi han") || starts("thoi gian") {
        return Some(Field::Deadline);
    }
    if t == "ghi chu" {
        return Some(Field::Note);
    }
    None
}

/// How many cells of `row` are column titles this import knows.
pub fn recognised_count(row: &[String]) -> usize {
    row.iter().filter(|c| recognise(c).is_some()).count()
}

/// The header found in a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// Index in [`Table::rows`] of the first row after the header.
    pub data_start: usize,
    /// Number of columns the header spans.
    pub width: usize,
    /// The columns read, in column order; each field at most once.
    pub mapping: Vec<ColumnMapping>,
}

impl Header {
    /// The column read as `field`, if the header has one.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.mapping
            .iter()
            .find(|m| m.field == field)
            .map(|m| m.column)
    }
}

/// One column of a table and what it is read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnMapping {
    /// 0-based column index.
    pub column: usize,
    /// The header text as typed.
    pub title: String,
    pub field: Field,
}

/// Finds the header: the first row with at least two known titles, merged with the row
/// under it when that row holds sub-titles (a parent title spanning several columns).
pub fn find_header(table: &Table) -> Option<Header> {
    let at = table
        .rows
        .iter()
        .position(|row| recognised_count(row) >= 2)?;
    let top = &table.rows[at];
    let mut titles: Vec<String> = top.clone();
    let mut data_start = at + 1;
    if let Some(sub) = table.rows.get(at + 1)
        && is_sub_header(sub)
    {
        if titles.len() < sub.len() {
            titles.resize(sub.len(), String::new());
        }
        for (i, s) in sub.iter().enumerate() {
            if recognise(s).is_some() || (titles[i].trim().is_empty() && !s.trim().is_empty()) {
                titles[i] = s.clone();
            }
        }
        data_start += 1;
    }
    let width = titles
        .iter()
        .rposition(|t| !t.trim().is_empty())
        .map_or(0, |i| i + 1);
    let mut mapping: Vec<ColumnMapping> = Vec::new();
    for (i, title) in titles.iter().enumerate() {
        if let Some(field) = recognise(title)
            && !mapping.iter().any(|m| m.field == field)
        {
            mapping.push(ColumnMapping {
                column: i,
                title: title.trim().to_owned(),
                field,
            });
        }
    }
    Some(Header {
        data_start,
        width,
        mapping,
    })
}

/// A second header row: at least one known title and no row number.
fn is_sub_header(row: &[String]) -> bool {
    let known = recognised_count(row);
    let has_number = row.first().is_some_and(|c| {
        c.trim()
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_digit())
    });
    known >= 1 && !has_number
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect(),
            source: None,
        }
    }

    #[test]
    fn titles_are_recognised_whatever_the_case_and_diacritics() {
        assert_eq!(recognise("STT"), Some(Field::Number));
        assert_eq!(recognise("tt"), Some(Field::Number));
        assert_eq!(recognise("TÊN CHỈ TIÊU"), Some(Field::IndicatorName));
        assert_eq!(recognise("Chỉ tiêu"), Some(Field::IndicatorName));
        assert_eq!(recognise("Chỉ tiêu năm 2026"), Some(Field::Target));
        assert_eq!(recognise("Muc tieu"), Some(Field::Target));
        assert_eq!(recognise("Nhiệm vụ"), Some(Field::TaskName));
        assert_eq!(recognise("Đơn vị chủ trì, theo dõi"), Some(Field::Lead));
        assert_eq!(recognise("Chủ trì"), Some(Field::Lead));
        assert_eq!(recognise("Đơn vị phối hợp"), Some(Field::Coordinating));
        assert_eq!(recognise("Kết quả/sản phẩm"), Some(Field::Output));
        assert_eq!(
            recognise("Thời gian thực hiện/ hoàn thành"),
            Some(Field::Deadline)
        );
        assert_eq!(recognise("Đơn vị tính"), Some(Field::Unit));
        assert_eq!(recognise("Ghi chú"), Some(Field::Note));
        assert_eq!(recognise("Chủ trì chỉ đạo"), Some(Field::Directing));
        assert_eq!(recognise("Đơn vị chủ trì"), Some(Field::Lead));
        assert_eq!(recognise("KẾ HOẠCH"), None);
    }

    #[test]
    fn the_header_comes_after_title_lines() {
        let t = table(&[
            &["Phụ lục I", "", ""],
            &["STT", "Nhiệm vụ", "Đơn vị chủ trì"],
            &["1", "Việc", "Phòng"],
        ]);
        let h = find_header(&t).unwrap();
        assert_eq!(h.data_start, 2);
        assert_eq!(h.width, 3);
        let fields: Vec<Field> = h.mapping.iter().map(|m| m.field).collect();
        assert_eq!(fields, [Field::Number, Field::TaskName, Field::Lead]);
    }

    #[test]
    fn a_two_row_merged_header_maps_its_sub_titles() {
        let t = table(&[
            &["TT", "Chỉ tiêu", "", "Đơn vị chủ trì"],
            &["", "Tên chỉ tiêu", "Chỉ tiêu năm 2026", ""],
            &["1", "Tỷ lệ", "≥ 90%", "Phòng VH-XH"],
        ]);
        let h = find_header(&t).unwrap();
        assert_eq!(h.data_start, 2);
        assert_eq!(
            h.mapping,
            vec![
                ColumnMapping {
                    column: 0,
                    title: "TT".to_owned(),
                    field: Field::Number
                },
                ColumnMapping {
                    column: 1,
                    title: "Tên chỉ tiêu".to_owned(),
                    field: Field::IndicatorName
                },
                ColumnMapping {
                    column: 2,
                    title: "Chỉ tiêu năm 2026".to_owned(),
                    field: Field::Target
                },
                ColumnMapping {
                    column: 3,
                    title: "Đơn vị chủ trì".to_owned(),
                    field: Field::Lead
                },
            ]
        );
    }
}
