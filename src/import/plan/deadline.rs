//! import, plan: what a deadline written in a plan means (`Cả năm` is the end of the
//! year; `Sau khi Thành phố ban hành Kế hoạch` has no date and is conditional).

use crate::model::{Deadline, parse_deadline};
use crate::vi::fold;

/// The meaning of `text`; `year` is the plan's, for a month or quarter without one.
pub fn meaning(text: &str, year: i32) -> Deadline {
    let f = fold(text);
    let whole_year = ["ca nam", "trong nam", "nam nay", "het nam", "cuoi nam"];
    if whole_year.iter().any(|w| f == *w) {
        return Deadline::Month { year, month: 12 };
    }
    parse_deadline(text, year)
}

/// Whether a deadline waits on something else (`Sau khi …`, `Khi có hướng dẫn`): it has
/// no date, so it is never overdue, and it is listed as conditional.
pub fn is_conditional(d: &Deadline) -> bool {
    matches!(d, Deadline::Other(_))
}

/// The meaning of a deadline in words, for the preview.
pub fn describe(d: &Deadline) -> String {
    match d {
        Deadline::Ongoing => "thường xuyên, không quá hạn".to_owned(),
        Deadline::Other(_) => "có điều kiện, không có ngày: không bao giờ quá hạn".to_owned(),
        other => match other.due_date() {
            Some(day) => format!("hạn {}", crate::vi::date_short(day)),
            None => "không có ngày".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_deadlines_plans_write_get_their_meaning() {
        assert_eq!(
            meaning("Tháng 12/2026", 2026),
            Deadline::Month {
                year: 2026,
                month: 12
            }
        );
        assert_eq!(
            meaning("Quý II/2026", 2026),
            Deadline::Quarter {
                year: 2026,
                quarter: 2
            }
        );
        assert_eq!(
            meaning("trước 30/6/2026", 2026),
            Deadline::Date(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap())
        );
        assert_eq!(
            meaning("Cả năm", 2027),
            Deadline::Month {
                year: 2027,
                month: 12
            }
        );
        assert_eq!(meaning("Thường xuyên", 2026), Deadline::Ongoing);
        let later = meaning("Sau khi Thành phố ban hành Kế hoạch", 2026);
        assert!(is_conditional(&later));
        assert_eq!(later.due_date(), None);
        assert!(describe(&later).contains("có điều kiện"));
        assert!(!is_conditional(&meaning("Năm 2026", 2026)));
    }
}
