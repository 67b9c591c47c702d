//! Reads targets and deadlines written the way plans write them ("Tối thiểu 10 sáng
//! kiến", "Trên 95%", "Quý III/2026", "Thường xuyên"). Used by migration and import.

use chrono::NaiveDate;

use super::{Comparison, Deadline, Target};

/// Reads a target; returns it with the unit found after the number (`%`, `sáng kiến`).
/// Text without a number is a qualitative target.
pub fn parse_target(text: &str) -> (Target, String) {
    let t = text.trim();
    let lower = t.to_lowercase();
    let Some((start, end, value)) = first_number(t) else {
        return (
            Target::Text {
                expected: t.to_owned(),
            },
            String::new(),
        );
    };
    let before = lower[..start.min(lower.len())].trim();
    let has = |words: &[&str]| words.iter().any(|w| before.contains(w));
    let cmp = if has(&["≥", ">=", "tối thiểu", "ít nhất"]) || lower.contains("trở lên")
    {
        Comparison::AtLeast
    } else if has(&["≤", "<=", "tối đa", "không quá", "không vượt quá"])
        || lower.contains("trở xuống")
    {
        Comparison::AtMost
    } else if has(&[">", "trên", "hơn", "vượt"]) {
        Comparison::MoreThan
    } else if has(&["<", "dưới"]) {
        Comparison::LessThan
    } else if has(&["="]) {
        Comparison::Equal
    } else {
        Comparison::AtLeast
    };
    let after = t[end..].trim();
    // `85% dân số`: the unit is the per cent; the rest belongs to the wording only.
    let unit = if after.starts_with('%') {
        "%".to_owned()
    } else {
        after
            .trim_end_matches(['.', ';'])
            .trim_end_matches("trở lên")
            .trim_end_matches("trở xuống")
            .trim()
            .to_owned()
    };
    (Target::Number { cmp, value }, unit)
}

/// Whether `lower` (lower-case) names a point in time rather than a level: a
/// quarter (`quý V/2026`), a month (`tháng 13/2026`) or a date (`31/02/2026`, `6/2026`).
/// A duration (`trong 3 ngày`, `6 tháng đầu năm`) is a level and does not count.
fn names_a_time(lower: &str) -> bool {
    let followed_by_number = |word: &str| {
        lower.match_indices(word).any(|(at, w)| {
            lower[at + w.len()..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit() || matches!(c, 'i' | 'v' | 'x'))
        })
    };
    let date_token = lower.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_ascii_digit());
        w.contains('/')
            && w.split('/')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
    });
    followed_by_number("quý") || followed_by_number("tháng") || date_token
}

/// Why a target read from a plan's table cannot be stored, in Vietnamese: a time
/// written where a level belongs, a rate outside 0–100, a figure that is negative or
/// too large.
pub fn target_problem(text: &str, target: &Target, unit: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    if names_a_time(&lower) {
        return Some(format!(
            "“{}” là một thời hạn, không phải mức chỉ tiêu cần đạt",
            text.trim()
        ));
    }
    let Target::Number { value, .. } = target else {
        return None;
    };
    if !value.is_finite() || *value < 0.0 || *value > 1e15 {
        return Some(format!(
            "chỉ tiêu “{}” không phải một số hợp lệ",
            text.trim()
        ));
    }
    if unit.trim() == "%" && *value > 100.0 {
        return Some(format!(
            "chỉ tiêu “{}” là một tỷ lệ ngoài 0–100%",
            text.trim()
        ));
    }
    None
}

/// Why a deadline read from a plan's table cannot be stored: it names a day, month or
/// quarter that does not exist (`31/02/2026`, `Tháng 13/2026`, `Quý V/2026`).
pub fn deadline_problem(text: &str, deadline: &Deadline) -> Option<String> {
    if !matches!(deadline, Deadline::Other(_)) {
        return None;
    }
    let lower = text.trim().to_lowercase();
    let has_digits = lower.chars().any(|c| c.is_ascii_digit());
    let what = if lower.contains("quý") && has_digits {
        "quý không có thật (chỉ có quý I–IV)"
    } else if lower.contains("tháng") && has_digits {
        "tháng không có thật (chỉ có tháng 1–12)"
    } else if names_a_time(&lower) {
        "ngày không có thật"
    } else {
        return None;
    };
    Some(format!("thời hạn “{}”: {what}", text.trim()))
}

/// Finds the first number in `text`: (byte start, byte end, value), reading a decimal
/// comma and a thousands dot.
fn first_number(text: &str) -> Option<(usize, usize, f64)> {
    let bytes = text.as_bytes();
    let start = bytes.iter().position(u8::is_ascii_digit)?;
    let mut end = start;
    while end < bytes.len() {
        let b = bytes[end];
        let continues = b.is_ascii_digit()
            || ((b == b',' || b == b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit));
        if !continues {
            break;
        }
        end += 1;
    }
    let value = crate::vi::parse_number(&text[start..end]).ok()?;
    Some((start, end, value))
}

/// Reads a deadline; `year` fills in a month or quarter written without one.
pub fn parse_deadline(text: &str, year: i32) -> Deadline {
    let t = text.trim();
    let lower = t.to_lowercase();
    if lower.is_empty() || lower.contains("thường xuyên") || lower.contains("hằng năm") {
        return Deadline::Ongoing;
    }
    let numbers: Vec<i64> = lower
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    let year_in = |default: i32| {
        numbers
            .iter()
            .find(|n| (1900..=2200).contains(*n))
            .map_or(default, |n| *n as i32)
    };
    if let Some(pos) = lower.find("quý") {
        let after = &lower[pos + "quý".len()..];
        let word = after
            .trim_start()
            .split(|c: char| c == '/' || c.is_whitespace())
            .next();
        let quarter = match word.unwrap_or("") {
            "i" | "1" => Some(1),
            "ii" | "2" => Some(2),
            "iii" | "3" => Some(3),
            "iv" | "4" => Some(4),
            _ => None,
        };
        if let Some(quarter) = quarter {
            return Deadline::Quarter {
                year: year_in(year),
                quarter,
            };
        }
    }
    if let [d, m, y] = numbers.as_slice()
        && lower.contains('/')
        && !lower.contains("tháng")
        && let Some(date) = NaiveDate::from_ymd_opt(*y as i32, *m as u32, *d as u32)
    {
        return Deadline::Date(date);
    }
    if lower.contains("tháng")
        && let Some(m) = numbers.iter().find(|n| (1..=12).contains(*n))
    {
        return Deadline::Month {
            year: year_in(year),
            month: *m as u32,
        };
    }
    if (lower.starts_with("năm") || lower.starts_with("trong năm")) && numbers.len() == 1 {
        return Deadline::Month {
            year: year_in(year),
            month: 12,
        };
    }
    Deadline::Other(t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(cmp: Comparison, value: f64) -> Target {
        Target::Number { cmp, value }
    }

    #[test]
    fn targets_are_read_with_their_comparison_and_unit() {
        assert_eq!(
            parse_target("≥ 90%"),
            (num(Comparison::AtLeast, 90.0), "%".into())
        );
        assert_eq!(
            parse_target("Trên 95%"),
            (num(Comparison::MoreThan, 95.0), "%".into())
        );
        assert_eq!(
            parse_target("Tối thiểu 10 sáng kiến"),
            (num(Comparison::AtLeast, 10.0), "sáng kiến".into())
        );
        assert_eq!(
            parse_target("Ít nhất 02 cơ sở"),
            (num(Comparison::AtLeast, 2.0), "cơ sở".into())
        );
        assert_eq!(
            parse_target("100%"),
            (num(Comparison::AtLeast, 100.0), "%".into())
        );
        assert_eq!(
            parse_target("= 100%"),
            (num(Comparison::Equal, 100.0), "%".into())
        );
        assert_eq!(
            parse_target("Dưới 5%"),
            (num(Comparison::LessThan, 5.0), "%".into())
        );
        assert_eq!(
            parse_target("Tối đa 3 ngày"),
            (num(Comparison::AtMost, 3.0), "ngày".into())
        );
        assert_eq!(
            parse_target("92,5%"),
            (num(Comparison::AtLeast, 92.5), "%".into())
        );
    }

    #[test]
    fn a_target_without_a_number_is_qualitative() {
        assert_eq!(
            parse_target("Hoàn thành"),
            (
                Target::Text {
                    expected: "Hoàn thành".into()
                },
                String::new()
            )
        );
    }

    #[test]
    fn deadlines_are_read_in_their_usual_wordings() {
        assert_eq!(parse_deadline("Thường xuyên", 2026), Deadline::Ongoing);
        assert_eq!(
            parse_deadline("Tháng 12/2026", 2026),
            Deadline::Month {
                year: 2026,
                month: 12
            }
        );
        assert_eq!(
            parse_deadline("Tháng 6", 2026),
            Deadline::Month {
                year: 2026,
                month: 6
            }
        );
        assert_eq!(
            parse_deadline("Quý III/2026", 2025),
            Deadline::Quarter {
                year: 2026,
                quarter: 3
            }
        );
        assert_eq!(
            parse_deadline("Hoàn thành trong Quý 2 năm 2026", 2026),
            Deadline::Quarter {
                year: 2026,
                quarter: 2
            }
        );
        assert_eq!(
            parse_deadline("30/06/2026", 2026),
            Deadline::Date(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default())
        );
        assert_eq!(
            parse_deadline("Trong năm 2026", 2026),
            Deadline::Month {
                year: 2026,
                month: 12
            }
        );
        assert_eq!(
            parse_deadline("Sau khi Thành phố ban hành Kế hoạch", 2026),
            Deadline::Other("Sau khi Thành phố ban hành Kế hoạch".into())
        );
    }

    #[test]
    fn a_time_where_a_level_belongs_is_told_apart_from_a_duration() {
        for time in [
            "quý v/2026",
            "tháng 13/2026",
            "31/02/2026",
            "trước 6/2026",
            "quý iii",
        ] {
            assert!(names_a_time(time), "{time}");
        }
        for level in [
            "giải quyết trong 3 ngày",
            "6 tháng đầu năm",
            "≥ 90%",
            "100%",
            "tối thiểu 10 sáng kiến",
        ] {
            assert!(!names_a_time(level), "{level}");
        }
        let (target, unit) = parse_target("Trong 3 ngày");
        assert_eq!(target_problem("Trong 3 ngày", &target, &unit), None);
    }
}
