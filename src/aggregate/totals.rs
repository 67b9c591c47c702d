//! aggregate: the city's totals of one indicator. Counts (lượt, người, sáng kiến, cơ
//! sở, sản phẩm …) are summed over the communes; a rate (%) is recomputed from the
//! summed numerators and denominators where the communes' evidence notes carry both
//! (`1.684/1.846 hồ sơ`), never averaged. Pure arithmetic over the read summaries.

use super::read::IndicatorEntry;

/// How an indicator's values add up across communes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TotalKind {
    /// A count: the total is the sum of the values.
    Sum,
    /// A rate: the total is Σ numerators / Σ denominators.
    Rate,
}

/// The city's total of one indicator.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Total {
    pub kind: TotalKind,
    /// The sum, or the recomputed rate in percent.
    pub value: f64,
    /// How many communes' figures went into it.
    pub communes: usize,
    /// For a rate: the summed numerator and denominator.
    pub parts: Option<(f64, f64)>,
}

/// The note printed under the tables, saying how totals are made.
pub const TOTAL_NOTE: &str = "Cột “Tổng”: với chỉ tiêu đếm được (lượt, người, sáng kiến, cơ sở, sản phẩm…) là tổng giá trị của các xã, phường có số liệu; với chỉ tiêu tỷ lệ (%) là tỷ lệ tính lại từ tổng tử số và tổng mẫu số mà các xã, phường ghi ở nguồn số liệu (dạng 1.684/1.846), không phải trung bình các tỷ lệ; “—” khi không cộng được. Cột “Số xã, phường cộng” là số xã, phường có số liệu được đưa vào tổng.";

/// Units that are not counts of things, even without a `%`: scores, ranks, durations.
const NOT_COUNTS: [&str; 12] = [
    "diem", "hang", "thu hang", "xep hang", "ngay", "gio", "phut", "thang", "nam", "muc", "cap do",
    "sao",
];

/// Whether values in `unit` add up across communes: a count of things or people.
pub fn is_count_unit(unit: &str) -> bool {
    let folded = crate::vi::fold(unit.trim());
    !folded.is_empty()
        && !unit.contains('%')
        && !unit.contains('‰')
        && !NOT_COUNTS.contains(&folded.as_str())
}

/// Whether values in `unit` are rates in percent.
pub fn is_percent_unit(unit: &str) -> bool {
    unit.trim() == "%"
}

/// The numerator and denominator an evidence note gives for a rate of `value` %:
/// the first `a/b` in it (Vietnamese digits, `1.684/1.846`) whose quotient rounds to
/// the value (within 0,15 point), so that dates (`29/6/2026`) are never taken.
pub fn fraction(evidence: &str, value: f64) -> Option<(f64, f64)> {
    let chars: Vec<char> = evidence.chars().collect();
    let is_num = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    let mut i = 0;
    while i < chars.len() {
        if chars.get(i) != Some(&'/') {
            i += 1;
            continue;
        }
        // The number just before the slash, and just after it.
        let mut start = i;
        while start > 0 && chars.get(start - 1).is_some_and(|c| is_num(*c)) {
            start -= 1;
        }
        let mut end = i + 1;
        while chars.get(end).is_some_and(|c| is_num(*c)) {
            end += 1;
        }
        let before_free = start == 0 || chars.get(start - 1) != Some(&'/');
        let after_free = chars.get(end) != Some(&'/');
        if start < i && end > i + 1 && before_free && after_free {
            let a: String = chars[start..i].iter().collect();
            let b: String = chars[i + 1..end].iter().collect();
            let a = a.trim_end_matches(['.', ',']);
            let b = b.trim_end_matches(['.', ',']);
            if let (Ok(a), Ok(b)) = (crate::vi::parse_number(a), crate::vi::parse_number(b))
                && b > 0.0
                && a >= 0.0
                && (100.0 * a / b - value).abs() <= 0.15
            {
                return Some((a, b));
            }
        }
        i = end.max(i + 1);
    }
    None
}

/// The total of one indicator over the communes' entries given in `unit` (the unit
/// most of them use); `None` when it does not add up or no commune has a figure.
pub fn total<'a>(unit: &str, entries: impl Iterator<Item = &'a IndicatorEntry>) -> Option<Total> {
    if is_count_unit(unit) {
        let values: Vec<f64> = entries.filter_map(|e| e.value).collect();
        if values.is_empty() {
            return None;
        }
        return Some(Total {
            kind: TotalKind::Sum,
            value: values.iter().sum(),
            communes: values.len(),
            parts: None,
        });
    }
    if !is_percent_unit(unit) {
        return None;
    }
    let (mut num, mut den, mut n) = (0.0, 0.0, 0);
    for (a, b) in entries.filter_map(|e| e.fraction) {
        num += a;
        den += b;
        n += 1;
    }
    (n > 0 && den > 0.0).then(|| Total {
        kind: TotalKind::Rate,
        value: 100.0 * num / den,
        communes: n,
        parts: Some((num, den)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_rates_scores_and_words_do_not() {
        for unit in ["lượt người", "sáng kiến", "cơ sở", "sản phẩm", "người"] {
            assert!(is_count_unit(unit), "{unit}");
        }
        for unit in ["%", "", "điểm", "Ngày", "‰"] {
            assert!(!is_count_unit(unit), "{unit}");
        }
    }

    #[test]
    fn a_fraction_is_read_when_it_gives_the_value_and_a_date_is_not() {
        let e = "Báo cáo của TT PVHCC ngày 29/6/2026: 1.684/1.846 hồ sơ";
        assert_eq!(fraction(e, 91.2), Some((1684.0, 1846.0)));
        assert_eq!(fraction("Báo cáo ngày 29/6/2026", 91.2), None);
        assert_eq!(
            fraction("42/42 cán bộ, công chức", 100.0),
            Some((42.0, 42.0))
        );
        // A fraction that does not give the value is someone else's figure.
        assert_eq!(fraction("Lũy kế 33/42 người", 50.0), None);
        assert_eq!(fraction("", 10.0), None);
        assert_eq!(fraction("/ 0/0 /", 0.0), None);
    }

    fn entry(value: Option<f64>, fraction: Option<(f64, f64)>) -> IndicatorEntry {
        IndicatorEntry {
            name: "x".into(),
            unit: String::new(),
            target: String::new(),
            value,
            value_label: String::new(),
            status: crate::model::IndicatorStatus::NoData,
            fraction,
        }
    }

    #[test]
    fn a_rate_total_is_the_rate_of_the_sums_not_the_mean_of_the_rates() {
        let e = [
            entry(Some(50.0), Some((1.0, 2.0))),
            entry(Some(100.0), Some((98.0, 98.0))),
            entry(Some(70.0), None),
        ];
        let t = total("%", e.iter()).unwrap();
        assert_eq!(t.kind, TotalKind::Rate);
        assert_eq!(t.communes, 2);
        assert!((t.value - 99.0).abs() < 1e-9, "{}", t.value);
        let counts = [
            entry(Some(3.0), None),
            entry(None, None),
            entry(Some(4.5), None),
        ];
        let t = total("sáng kiến", counts.iter()).unwrap();
        assert_eq!((t.kind, t.value, t.communes), (TotalKind::Sum, 7.5, 2));
        assert_eq!(total("điểm", counts.iter()), None);
        assert_eq!(total("%", counts.iter()), None);
    }
}
