//! aggregate: the city's tables as the summary report carries them
//! ([`crate::model::SummaryTable`]): Phụ lục I (indicators, with progress and totals),
//! II (communes) and, when some files were not taken, III. `compose` prints them on A4
//! turned sideways after the report.

use super::{Aggregate, IndicatorRow, TotalKind};
use crate::model::{SummaryColumn, SummaryTable};
use crate::vi::format_number;

/// A numbered table: the `TT` column, then `columns` (header, width weight, left
/// aligned), one row per item with the texts `row` gives.
fn numbered<T>(
    title: String,
    columns: &[(&str, f32, bool)],
    items: &[T],
    row: impl Fn(&T) -> Vec<String>,
) -> SummaryTable {
    let columns = std::iter::once(("TT", 4.0, false))
        .chain(columns.iter().copied())
        .map(|(header, weight, left)| SummaryColumn::new(header, weight, left))
        .collect();
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            std::iter::once((i + 1).to_string())
                .chain(row(item))
                .collect()
        })
        .collect();
    SummaryTable {
        title,
        columns,
        rows,
        notes: Vec::new(),
    }
}

/// The total as the table prints it: a sum with its unit's decimals, a rate in percent.
pub fn total_label(r: &IndicatorRow) -> String {
    match r.total {
        Some(t) if t.kind == TotalKind::Rate => format_number(t.value, 1),
        Some(t) => format_number(t.value, 2),
        None => "—".to_owned(),
    }
}

/// The share of communes on course (met, exceeded or on track), in percent.
pub fn on_course_label(r: &IndicatorRow) -> String {
    if r.communes() == 0 {
        "—".to_owned()
    } else {
        format_number(100.0 * r.on_course_share(), 1)
    }
}

fn indicator_table(agg: &Aggregate, period: &str) -> SummaryTable {
    let columns = [
        ("Chỉ tiêu", 26.0, true),
        ("Đơn vị tính", 6.5, false),
        ("Số xã, phường", 6.5, false),
        ("Đạt, vượt", 5.5, false),
        ("Đúng tiến độ", 5.5, false),
        ("Chưa đạt", 5.5, false),
        ("Chưa có số liệu", 6.0, false),
        ("Đạt hoặc đúng tiến độ (%)", 7.0, false),
        ("Nhỏ nhất", 6.0, false),
        ("Trung vị", 6.0, false),
        ("Lớn nhất", 6.0, false),
        ("Tổng", 7.0, false),
        ("Số xã, phường cộng", 6.5, false),
    ];
    let mut t = numbered(
        format!("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA CÁC XÃ, PHƯỜNG {period}"),
        &columns,
        &agg.indicators,
        |r| {
            let stat = |f: fn(&super::Stats) -> f64| {
                r.stats
                    .as_ref()
                    .map_or("—".to_owned(), |s| format_number(f(s), 2))
            };
            vec![
                r.name.clone(),
                r.unit.clone(),
                r.communes().to_string(),
                r.met.to_string(),
                r.on_track.to_string(),
                r.not_met.to_string(),
                r.no_data.to_string(),
                on_course_label(r),
                stat(|s| s.min),
                stat(|s| s.median),
                stat(|s| s.max),
                total_label(r),
                r.total.map_or("—".to_owned(), |t| t.communes.to_string()),
            ]
        },
    );
    t.notes = vec![
        super::xlsx::ON_COURSE_NOTE.to_owned(),
        super::totals::TOTAL_NOTE.to_owned(),
    ];
    t
}

fn commune_table(agg: &Aggregate, period: &str) -> SummaryTable {
    let columns = [
        ("Xã, phường", 18.0, true),
        ("Số chỉ tiêu", 6.0, false),
        ("Đạt, vượt", 6.0, false),
        ("Đúng tiến độ", 6.0, false),
        ("Chưa đạt", 6.0, false),
        ("Chưa có số liệu", 6.0, false),
        ("Số nhiệm vụ", 6.0, false),
        ("Hoàn thành", 6.5, false),
        ("Quá hạn", 6.0, false),
    ];
    numbered(
        format!("KẾT QUẢ THEO TỪNG XÃ, PHƯỜNG {period}"),
        &columns,
        &agg.communes,
        |m| {
            let counts = [
                m.indicators.len(),
                m.met,
                m.on_track,
                m.not_met,
                m.no_data,
                m.tasks.total,
                m.tasks.done,
                m.tasks.overdue.len(),
            ];
            std::iter::once(m.name.clone())
                .chain(counts.iter().map(ToString::to_string))
                .collect()
        },
    )
}

fn skipped_table(agg: &Aggregate) -> SummaryTable {
    let columns = [
        ("Tệp", 20.0, true),
        ("Lý do", 10.0, true),
        ("Chi tiết", 40.0, true),
    ];
    let mut t = numbered(
        "CÁC TỆP KHÔNG ĐƯỢC TỔNG HỢP".to_owned(),
        &columns,
        &agg.skipped,
        |s| {
            vec![
                s.file.display().to_string(),
                s.reason.label().to_owned(),
                s.detail.clone(),
            ]
        },
    );
    t.notes = vec![super::VALIDITY_RULE.to_owned()];
    t
}

/// The summary's appendix tables: indicators, communes and, when some files were not
/// taken, those files.
pub fn tables(agg: &Aggregate) -> Vec<SummaryTable> {
    let period = agg.period.label().to_uppercase();
    let mut tables = vec![indicator_table(agg, &period), commune_table(agg, &period)];
    if !agg.skipped.is_empty() {
        tables.push(skipped_table(agg));
    }
    tables
}
