//! Reporting periods (kỳ báo cáo): quarters, six months, nine months, the year.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What part of the year a report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PeriodKind {
    /// Quarter 1–4 (Quý I … Quý IV).
    Quarter(u8),
    /// The first six months (6 tháng đầu năm).
    FirstHalf,
    /// The first nine months (9 tháng).
    NineMonths,
    /// The whole year (năm).
    Year,
}

/// A reporting period of a given year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    pub year: i32,
    pub kind: PeriodKind,
}

impl Period {
    pub fn new(year: i32, kind: PeriodKind) -> Self {
        Self { year, kind }
    }

    /// The last month the period covers (3, 6, 9 or 12); a bad quarter number counts as 12.
    pub fn end_month(&self) -> u32 {
        match self.kind {
            PeriodKind::Quarter(q @ 1..=4) => u32::from(q) * 3,
            PeriodKind::Quarter(_) => 12,
            PeriodKind::FirstHalf => 6,
            PeriodKind::NineMonths => 9,
            PeriodKind::Year => 12,
        }
    }

    /// The first month the period covers.
    pub fn start_month(&self) -> u32 {
        match self.kind {
            PeriodKind::Quarter(q @ 1..=4) => u32::from(q) * 3 - 2,
            _ => 1,
        }
    }

    /// The last day of the period.
    pub fn end_date(&self) -> Option<NaiveDate> {
        let m = self.end_month();
        let first_of_next = if m == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, m + 1, 1)
        };
        first_of_next.and_then(|d| d.pred_opt())
    }

    /// Share of the year elapsed at the end of the period (0.25, 0.5, 0.75, 1.0).
    pub fn year_fraction(&self) -> f64 {
        f64::from(self.end_month()) / 12.0
    }

    /// True when the period ends the year (Quý IV or năm).
    pub fn ends_year(&self) -> bool {
        self.end_month() == 12
    }

    /// Name in running text: `quý II năm 2026`, `6 tháng đầu năm 2026`, `năm 2026`.
    pub fn label(&self) -> String {
        match self.kind {
            PeriodKind::Quarter(q) => {
                format!("quý {} năm {}", crate::vi::roman(u32::from(q)), self.year)
            }
            PeriodKind::FirstHalf => format!("6 tháng đầu năm {}", self.year),
            PeriodKind::NineMonths => format!("9 tháng năm {}", self.year),
            PeriodKind::Year => format!("năm {}", self.year),
        }
    }

    /// Short name for lists and table headers: `Quý II/2026`, `6 tháng/2026`.
    pub fn short_label(&self) -> String {
        match self.kind {
            PeriodKind::Quarter(q) => {
                format!("Quý {}/{}", crate::vi::roman(u32::from(q)), self.year)
            }
            PeriodKind::FirstHalf => format!("6 tháng/{}", self.year),
            PeriodKind::NineMonths => format!("9 tháng/{}", self.year),
            PeriodKind::Year => format!("Năm {}", self.year),
        }
    }

    /// The period just before this one in the usual sequence, for comparisons.
    pub fn previous(&self) -> Option<Period> {
        let (year, kind) = match self.kind {
            PeriodKind::Quarter(1) => (self.year - 1, PeriodKind::Quarter(4)),
            PeriodKind::Quarter(q) => (self.year, PeriodKind::Quarter(q.saturating_sub(1))),
            PeriodKind::FirstHalf => (self.year, PeriodKind::Quarter(1)),
            PeriodKind::NineMonths => (self.year, PeriodKind::FirstHalf),
            PeriodKind::Year => (self.year, PeriodKind::NineMonths),
        };
        Some(Period { year, kind })
    }

    /// The period as written on a command line: `2026-Q2`, `2026-6T` (six months),
    /// `2026-9T` (nine months), `2026-NAM` (the year).
    pub fn code(&self) -> String {
        let kind = match self.kind {
            PeriodKind::Quarter(q) => format!("Q{q}"),
            PeriodKind::FirstHalf => "6T".to_owned(),
            PeriodKind::NineMonths => "9T".to_owned(),
            PeriodKind::Year => "NAM".to_owned(),
        };
        format!("{}-{kind}", self.year)
    }

    /// Reads [`Period::code`], in any letter case; `None` for anything else or an
    /// invalid period.
    pub fn parse_code(code: &str) -> Option<Period> {
        let (year, kind) = code.trim().split_once('-')?;
        let year: i32 = year.parse().ok()?;
        let kind = match kind.to_ascii_uppercase().as_str() {
            "Q1" => PeriodKind::Quarter(1),
            "Q2" => PeriodKind::Quarter(2),
            "Q3" => PeriodKind::Quarter(3),
            "Q4" => PeriodKind::Quarter(4),
            "6T" => PeriodKind::FirstHalf,
            "9T" => PeriodKind::NineMonths,
            "NAM" | "NĂM" => PeriodKind::Year,
            _ => return None,
        };
        Some(Period::new(year, kind)).filter(Period::is_valid)
    }

    /// Checks the period is well formed (quarter 1–4, a plausible year).
    pub fn is_valid(&self) -> bool {
        let kind_ok = !matches!(self.kind, PeriodKind::Quarter(q) if !(1..=4).contains(&q));
        kind_ok && (1900..=2200).contains(&self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_two_ends_on_the_thirtieth_of_june() {
        let p = Period::new(2026, PeriodKind::Quarter(2));
        assert_eq!(p.end_date(), NaiveDate::from_ymd_opt(2026, 6, 30));
        assert_eq!(p.start_month(), 4);
        assert_eq!(p.label(), "quý II năm 2026");
        assert_eq!(p.short_label(), "Quý II/2026");
    }

    #[test]
    fn the_year_ends_on_the_last_day_of_december() {
        let p = Period::new(2026, PeriodKind::Year);
        assert_eq!(p.end_date(), NaiveDate::from_ymd_opt(2026, 12, 31));
        assert!(p.ends_year());
        assert_eq!(p.year_fraction(), 1.0);
    }

    #[test]
    fn the_quarter_before_the_first_is_the_last_of_the_year_before() {
        let p = Period::new(2026, PeriodKind::Quarter(1));
        assert_eq!(
            p.previous(),
            Some(Period::new(2025, PeriodKind::Quarter(4)))
        );
    }

    #[test]
    fn period_codes_read_back_what_they_write() {
        for kind in [
            PeriodKind::Quarter(2),
            PeriodKind::FirstHalf,
            PeriodKind::NineMonths,
            PeriodKind::Year,
        ] {
            let p = Period::new(2026, kind);
            assert_eq!(Period::parse_code(&p.code()), Some(p));
        }
        assert_eq!(
            Period::parse_code("2026-q3"),
            Some(Period::new(2026, PeriodKind::Quarter(3)))
        );
        assert_eq!(Period::parse_code("2026-Q5"), None);
        assert_eq!(Period::parse_code("Q2-2026"), None);
        assert_eq!(Period::parse_code("99999-Q1"), None);
    }

    #[test]
    fn a_fifth_quarter_is_not_valid() {
        assert!(!Period::new(2026, PeriodKind::Quarter(5)).is_valid());
        assert!(Period::new(2026, PeriodKind::NineMonths).is_valid());
    }
}
