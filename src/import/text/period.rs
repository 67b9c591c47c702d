//! import, text: the reporting period a report's summary or closing names
//! (`quý II năm 2026`, `6 tháng đầu năm 2026`, `tổng kết năm 2026`).

use crate::model::{Period, PeriodKind};
use crate::vi::fold;

/// The first reporting period named in `text`, if any.
pub fn period_named(text: &str) -> Option<Period> {
    let f = fold(text);
    let w: Vec<&str> = f.split(' ').collect();
    let year_after = |from: usize| -> Option<i32> {
        w.iter()
            .skip(from)
            .take(3)
            .find(|t| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|t| t.parse().ok())
            .filter(|y| (1900..=2200).contains(y))
    };
    let whole_year = f.contains("tong ket");
    for i in 0..w.len() {
        let next = w.get(i + 1).copied().unwrap_or("");
        let kind = match (w[i], next) {
            ("quy", q) => match q {
                "i" | "1" => Some(PeriodKind::Quarter(1)),
                "ii" | "2" => Some(PeriodKind::Quarter(2)),
                "iii" | "3" => Some(PeriodKind::Quarter(3)),
                "iv" | "4" => Some(PeriodKind::Quarter(4)),
                _ => None,
            },
            ("6" | "sau", "thang") => Some(PeriodKind::FirstHalf),
            ("9" | "chin", "thang") => Some(PeriodKind::NineMonths),
            ("nam", _) if whole_year => Some(PeriodKind::Year),
            _ => None,
        };
        let Some(kind) = kind else { continue };
        let from = if kind == PeriodKind::Year {
            i + 1
        } else {
            i + 2
        };
        if let Some(year) = year_after(from) {
            return Some(Period::new(year, kind));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_halves_and_years_are_found_in_running_text() {
        let q2 = Some(Period::new(2026, PeriodKind::Quarter(2)));
        assert_eq!(period_named("Sơ kết … quý II năm 2026"), q2);
        assert_eq!(period_named("kết quả Quý II/2026"), q2);
        assert_eq!(
            period_named("Sơ kết 6 tháng đầu năm 2026"),
            Some(Period::new(2026, PeriodKind::FirstHalf))
        );
        assert_eq!(
            period_named("Báo cáo 9 tháng năm 2025"),
            Some(Period::new(2025, PeriodKind::NineMonths))
        );
        assert_eq!(
            period_named("Tổng kết năm 2026 và phương hướng"),
            Some(Period::new(2026, PeriodKind::Year))
        );
        assert_eq!(
            period_named("theo Báo cáo số 77-BC/VPTW ngày 13/4/2026"),
            None
        );
        assert_eq!(period_named(""), None);
    }
}
