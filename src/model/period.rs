//! Reporting periods (kỳ báo cáo): quarters, six months, nine months, the year, and
//! thematic reports cut off at a date (chuyên đề, tính đến ngày …).

use chrono::{Datelike, NaiveDate};
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
    /// A thematic report (báo cáo chuyên đề) on the year up to a cut-off date
    /// (`tính đến ngày 15/5/2026`), e.g. one a directive asks for. The period's year is
    /// the cut-off's year; its figures are looked up as [`crate::model::Project::records_for`]
    /// says.
    UpTo(NaiveDate),
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

    /// A thematic period cut off at `date` (`tính đến ngày …`), of the date's year.
    pub fn up_to(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            kind: PeriodKind::UpTo(date),
        }
    }

    /// The cut-off date of a thematic period; `None` for the periodic ones.
    pub fn cut_off(&self) -> Option<NaiveDate> {
        match self.kind {
            PeriodKind::UpTo(d) => Some(d),
            _ => None,
        }
    }

    /// The last month the period covers (3, 6, 9 or 12; the cut-off's month for a
    /// thematic period); a bad quarter number counts as 12.
    pub fn end_month(&self) -> u32 {
        match self.kind {
            PeriodKind::Quarter(q @ 1..=4) => u32::from(q) * 3,
            PeriodKind::Quarter(_) => 12,
            PeriodKind::FirstHalf => 6,
            PeriodKind::NineMonths => 9,
            PeriodKind::Year => 12,
            PeriodKind::UpTo(d) => d.month(),
        }
    }

    /// The first month the period covers (a thematic period covers the year from January).
    pub fn start_month(&self) -> u32 {
        match self.kind {
            PeriodKind::Quarter(q @ 1..=4) => u32::from(q) * 3 - 2,
            _ => 1,
        }
    }

    /// The first day of the period.
    pub fn start_date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.start_month(), 1)
    }

    /// The last day of the period: the cut-off of a thematic period.
    pub fn end_date(&self) -> Option<NaiveDate> {
        if let PeriodKind::UpTo(d) = self.kind {
            return Some(d);
        }
        NaiveDate::from_ymd_opt(self.year, self.end_month(), 1)?
            .checked_add_months(chrono::Months::new(1))?
            .pred_opt()
    }

    /// Share of the year elapsed at the end of the period (0.25, 0.5, 0.75, 1.0); for a
    /// thematic period, the cut-off's day of the year over the days of that year.
    pub fn year_fraction(&self) -> f64 {
        match self.kind {
            PeriodKind::UpTo(d) => {
                let days = if d.leap_year() { 366.0 } else { 365.0 };
                f64::from(d.ordinal()) / days
            }
            _ => f64::from(self.end_month()) / 12.0,
        }
    }

    /// True when the period ends the year (Quý IV, năm, or a cut-off on 31 December).
    pub fn ends_year(&self) -> bool {
        match self.kind {
            PeriodKind::UpTo(d) => d.month() == 12 && d.day() == 31,
            _ => self.end_month() == 12,
        }
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
            PeriodKind::UpTo(d) => format!("tính đến ngày {}", crate::vi::date_in_text(d)),
        }
    }

    /// The period after `Kết quả` in a table header: `quý II/2026`,
    /// `6 tháng đầu năm 2026`, `năm 2026`, `đến ngày 15/5/2026`.
    pub fn table_label(&self) -> String {
        match self.kind {
            PeriodKind::Quarter(q) => {
                format!("quý {}/{}", crate::vi::roman(u32::from(q)), self.year)
            }
            PeriodKind::UpTo(d) => format!("đến ngày {}", crate::vi::date_in_text(d)),
            _ => self.label(),
        }
    }

    /// Short name for lists and table headers: `Quý II/2026`, `6 tháng/2026`,
    /// `Đến ngày 15/5/2026`.
    pub fn short_label(&self) -> String {
        match self.kind {
            PeriodKind::Quarter(q) => {
                format!("Quý {}/{}", crate::vi::roman(u32::from(q)), self.year)
            }
            PeriodKind::FirstHalf => format!("6 tháng/{}", self.year),
            PeriodKind::NineMonths => format!("9 tháng/{}", self.year),
            PeriodKind::Year => format!("Năm {}", self.year),
            PeriodKind::UpTo(d) => format!("Đến ngày {}", crate::vi::date_in_text(d)),
        }
    }

    /// The period just before this one in the usual sequence, for comparisons; for a
    /// thematic period, the quarter before the one its cut-off falls in.
    pub fn previous(&self) -> Option<Period> {
        let (year, kind) = match self.kind {
            PeriodKind::Quarter(1) => (self.year - 1, PeriodKind::Quarter(4)),
            PeriodKind::Quarter(q) => (self.year, PeriodKind::Quarter(q.saturating_sub(1))),
            PeriodKind::FirstHalf => (self.year, PeriodKind::Quarter(1)),
            PeriodKind::NineMonths => (self.year, PeriodKind::FirstHalf),
            PeriodKind::Year => (self.year, PeriodKind::NineMonths),
            PeriodKind::UpTo(d) => match quarter_of(d) {
                1 => (d.year() - 1, PeriodKind::Quarter(4)),
                q => (d.year(), PeriodKind::Quarter(q - 1)),
            },
        };
        Some(Period { year, kind })
    }

    /// Checks the period is well formed (quarter 1–4, a plausible year, a cut-off in
    /// the period's year).
    pub fn is_valid(&self) -> bool {
        let kind_ok = match self.kind {
            PeriodKind::Quarter(q) => (1..=4).contains(&q),
            PeriodKind::UpTo(d) => d.year() == self.year,
            _ => true,
        };
        kind_ok && (1900..=2200).contains(&self.year)
    }

    /// The period as written on the command line: `2026-Q2`, `2026-6T`, `2026-9T`,
    /// `2026-NAM`, `2026-05-15` (a cut-off). [`Period::parse`] reads it back.
    pub fn code(&self) -> String {
        match self.kind {
            PeriodKind::Quarter(q) => format!("{}-Q{q}", self.year),
            PeriodKind::FirstHalf => format!("{}-6T", self.year),
            PeriodKind::NineMonths => format!("{}-9T", self.year),
            PeriodKind::Year => format!("{}-NAM", self.year),
            PeriodKind::UpTo(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// Reads a period as typed on the command line, in any case: `2026-Q2`, `2026-6T`
    /// (six months), `2026-9T`, `2026-NAM` (or `2026-năm`), and a thematic cut-off as
    /// `2026-05-15` or `den-2026-05-15`. The error says, in Vietnamese, what is accepted.
    pub fn parse(text: &str) -> Result<Period, PeriodParseError> {
        let t = crate::vi::nfc(text.trim()).to_lowercase();
        let date_part = t
            .strip_prefix("den-")
            .or_else(|| t.strip_prefix("đến-"))
            .unwrap_or(&t);
        if let Ok(d) = NaiveDate::parse_from_str(date_part, "%Y-%m-%d") {
            let p = Period::up_to(d);
            if p.is_valid() {
                return Ok(p);
            }
        }
        let wrong = || PeriodParseError(text.trim().to_owned());
        let (year, kind) = t.split_once('-').ok_or_else(wrong)?;
        let year: i32 = year.parse().map_err(|_| wrong())?;
        let kind = match kind {
            "q1" => PeriodKind::Quarter(1),
            "q2" => PeriodKind::Quarter(2),
            "q3" => PeriodKind::Quarter(3),
            "q4" => PeriodKind::Quarter(4),
            "6t" => PeriodKind::FirstHalf,
            "9t" => PeriodKind::NineMonths,
            "nam" | "năm" => PeriodKind::Year,
            _ => return Err(wrong()),
        };
        let p = Period::new(year, kind);
        if p.is_valid() { Ok(p) } else { Err(wrong()) }
    }
}

impl Period {
    /// The period usually reported after this one. After a thematic report cut off at a date,
    /// periodic reporting goes on: the first quarter that ends after the cut-off (15/5/2026
    /// → quý II/2026; 30/6/2026 → quý III/2026).
    pub fn next(self) -> Period {
        match self.kind {
            PeriodKind::UpTo(d) => {
                let q = quarter_of(d);
                let ends_quarter =
                    Period::new(d.year(), PeriodKind::Quarter(q)).end_date() == Some(d);
                match (ends_quarter, q) {
                    (false, q) => Period::new(d.year(), PeriodKind::Quarter(q)),
                    (true, 4) => Period::new(d.year() + 1, PeriodKind::Quarter(1)),
                    (true, q) => Period::new(d.year(), PeriodKind::Quarter(q + 1)),
                }
            }
            PeriodKind::Quarter(4) | PeriodKind::Year => {
                Period::new(self.year + 1, PeriodKind::Quarter(1))
            }
            PeriodKind::Quarter(q) => Period::new(self.year, PeriodKind::Quarter(q + 1)),
            PeriodKind::FirstHalf => Period::new(self.year, PeriodKind::Quarter(3)),
            PeriodKind::NineMonths => Period::new(self.year, PeriodKind::Quarter(4)),
        }
    }

    /// Reads [`Period::code`]; `None` for anything else or an invalid period.
    pub fn parse_code(code: &str) -> Option<Period> {
        Period::parse(code).ok()
    }
}

/// A period written in none of the forms [`Period::parse`] reads; it holds the text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "Không hiểu kỳ báo cáo “{0}”; dùng dạng 2026-Q2, 2026-6T, 2026-9T, 2026-NAM hoặc ngày chốt số liệu 2026-05-15."
)]
pub struct PeriodParseError(pub String);

/// The command line reports a period it cannot read as its usage error.
impl From<PeriodParseError> for String {
    fn from(e: PeriodParseError) -> String {
        e.to_string()
    }
}

/// The quarter (1–4) a date falls in.
pub fn quarter_of(date: NaiveDate) -> u8 {
    // month0 is 0–11, so the quotient is 0–3.
    (date.month0() / 3) as u8 + 1
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

    fn may15() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, 15).unwrap()
    }

    #[test]
    fn a_thematic_period_is_named_by_its_cut_off() {
        let p = Period::up_to(may15());
        assert_eq!(p.year, 2026);
        assert_eq!(p.label(), "tính đến ngày 15/5/2026");
        assert_eq!(p.table_label(), "đến ngày 15/5/2026");
        assert_eq!(p.short_label(), "Đến ngày 15/5/2026");
        assert_eq!(p.end_date(), Some(may15()));
        assert_eq!(p.start_date(), NaiveDate::from_ymd_opt(2026, 1, 1));
        let feb = Period::up_to(NaiveDate::from_ymd_opt(2026, 2, 5).unwrap());
        assert_eq!(feb.label(), "tính đến ngày 05/02/2026");
    }

    #[test]
    fn a_thematic_period_has_passed_the_share_of_the_year_its_cut_off_has() {
        let p = Period::up_to(may15());
        assert!((p.year_fraction() - 135.0 / 365.0).abs() < 1e-12);
        assert!(!p.ends_year());
        let dec31 = Period::up_to(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert!(dec31.ends_year());
        assert_eq!(dec31.year_fraction(), 1.0);
        let dec1 = Period::up_to(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert!(!dec1.ends_year());
    }

    #[test]
    fn before_a_thematic_period_comes_the_quarter_before_its_cut_off() {
        assert_eq!(
            Period::up_to(may15()).previous(),
            Some(Period::new(2026, PeriodKind::Quarter(1)))
        );
        let feb = Period::up_to(NaiveDate::from_ymd_opt(2026, 2, 5).unwrap());
        assert_eq!(
            feb.previous(),
            Some(Period::new(2025, PeriodKind::Quarter(4)))
        );
    }

    #[test]
    fn a_cut_off_outside_the_period_year_is_not_valid() {
        assert!(Period::up_to(may15()).is_valid());
        let odd = Period {
            year: 2025,
            kind: PeriodKind::UpTo(may15()),
        };
        assert!(!odd.is_valid());
    }

    #[test]
    fn periods_are_read_from_their_command_line_codes() {
        let q2 = Period::new(2026, PeriodKind::Quarter(2));
        assert_eq!(Period::parse("2026-Q2"), Ok(q2));
        assert_eq!(Period::parse(" 2026-q2 "), Ok(q2));
        assert_eq!(
            Period::parse("2026-6T"),
            Ok(Period::new(2026, PeriodKind::FirstHalf))
        );
        assert_eq!(
            Period::parse("2026-năm"),
            Ok(Period::new(2026, PeriodKind::Year))
        );
        assert_eq!(Period::parse("2026-05-15"), Ok(Period::up_to(may15())));
        assert_eq!(Period::parse("den-2026-05-15"), Ok(Period::up_to(may15())));
        for p in [
            q2,
            Period::up_to(may15()),
            Period::new(2026, PeriodKind::Year),
        ] {
            assert_eq!(Period::parse(&p.code()), Ok(p));
        }
        for bad in ["2026-Q5", "2026-02-30", "Q2", "hôm nay", ""] {
            let err = Period::parse(bad).unwrap_err().to_string();
            assert!(err.contains("2026-Q2"), "{err}");
        }
    }

    #[test]
    fn a_thematic_period_survives_a_ron_round_trip() {
        let p = Period::up_to(may15());
        let text = ron::to_string(&p).unwrap();
        assert_eq!(ron::from_str::<Period>(&text).unwrap(), p);
        let old = "(year: 2026, kind: Quarter(2))";
        assert_eq!(
            ron::from_str::<Period>(old).unwrap(),
            Period::new(2026, PeriodKind::Quarter(2))
        );
    }

    #[test]
    fn a_fifth_quarter_is_not_valid() {
        assert!(!Period::new(2026, PeriodKind::Quarter(5)).is_valid());
        assert!(Period::new(2026, PeriodKind::NineMonths).is_valid());
    }
}
