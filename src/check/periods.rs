//! check: period words that do not fit the report's period (issue 14, item 2): a
//! quarter, "6 tháng đầu năm" or a period-end date naming another period is flagged.
//! Finding and rewriting the words is model knowledge (`model::period_words`).

use crate::model::period_words::{ends, mentions};
use crate::model::{Period, PeriodKind};

/// What the period words of `text` (a section of `report`) get wrong: (paragraph,
/// message). In Nhiệm vụ thời gian tới the next period is expected; elsewhere the
/// report's own, or an earlier one after "so với", "cùng kỳ", "hơn", "từ".
///
/// [`crate::model::fill_periods`] writes suggested sentences by the same rule.
pub fn stale_periods(period: Period, text: &str, next_tasks: bool) -> Vec<(usize, String)> {
    if !matches!(
        period.kind,
        PeriodKind::Quarter(_) | PeriodKind::FirstHalf | PeriodKind::NineMonths
    ) {
        return Vec::new();
    }
    let expected = if next_tasks { period.next() } else { period };
    let mut out = Vec::new();
    for (p, line) in super::paragraphs(text).enumerate() {
        // A table compares periods side by side: its columns name earlier ones.
        if line.trim_start().starts_with('|') {
            continue;
        }
        if !may_name_a_period(line) {
            continue;
        }
        // Read once per paragraph, when it names a period.
        let mut cited = None;
        for m in mentions(line, period.year) {
            // A period quoted from another document's title is that document's.
            let cited = cited.get_or_insert_with(|| super::carry::citation_spans(line));
            if cited.iter().any(|(s, e)| (*s..*e).contains(&m.start)) {
                continue;
            }
            // Outside the next-period section, the next period may be named too ("để
            // xét trong quý III"); inside it, only the next period.
            let next = period.next();
            let fits =
                ends(m.period) == ends(expected) || (!next_tasks && ends(m.period) == ends(next));
            if fits {
                continue;
            }
            let before: String = line[..m.start]
                .split_whitespace()
                .rev()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let comparison = ["với", "kỳ", "hơn", "từ", "trước"]
                .iter()
                .any(|w| before.contains(w));
            if comparison && ends(m.period) < ends(period) {
                continue;
            }
            let said = &line[m.start..m.end];
            let want = if m.date {
                expected
                    .end_date()
                    .map(crate::vi::date_in_text)
                    .unwrap_or_default()
            } else {
                expected.label()
            };
            out.push((
                p,
                format!(
                    "đoạn {}: “{said}” không khớp kỳ báo cáo (ở đây là {want})",
                    p + 1
                ),
            ));
        }
    }
    out
}

/// What every period phrase `mentions` finds contains: `quý `, `Quý `, `QUÝ `, `6 tháng`,
/// `9 tháng`, or a period-end date after `đến ngày`, `hết ngày`.
static PERIOD_WORDS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 6]> =
    std::sync::LazyLock::new(|| {
        ["uý ", "UÝ ", "6 tháng", "9 tháng", "n ngày ", "t ngày "].map(memchr::memmem::Finder::new)
    });

/// Whether `line` may name a period: a few byte searches spare most paragraphs the
/// phrase-by-phrase reading.
fn may_name_a_period(line: &str) -> bool {
    PERIOD_WORDS
        .iter()
        .any(|f| f.find(line.as_bytes()).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fill_periods;

    #[test]
    fn suggested_sentences_name_the_periods_the_check_expects() {
        let q2 = Period::new(2026, PeriodKind::Quarter(2));
        let phrase = "Trong {kỳ}, so với {kỳ trước}; đến {kỳ tới}.";
        let filled = fill_periods(phrase, q2, false);
        assert_eq!(
            filled,
            "Trong quý II năm 2026, so với quý I năm 2026; đến quý III năm 2026."
        );
        assert!(stale_periods(q2, &filled, false).is_empty(), "{filled}");
        let next = fill_periods("Trong {kỳ}, tập trung hoàn thành các chỉ tiêu.", q2, true);
        assert_eq!(
            next,
            "Trong quý III năm 2026, tập trung hoàn thành các chỉ tiêu."
        );
        assert!(stale_periods(q2, &next, true).is_empty());
    }

    const Q3: Period = Period {
        year: 2026,
        kind: PeriodKind::Quarter(3),
    };

    #[test]
    fn words_of_another_period_are_flagged_except_comparisons() {
        let text = "Trong quý II, đến hết ngày 30/6/2026.\nTăng so với quý II.\nQuý III đạt; dự kiến xong trong quý IV.";
        let stale = stale_periods(Q3, text, false);
        let paragraphs: Vec<usize> = stale.iter().map(|s| s.0).collect();
        assert_eq!(paragraphs, [0, 0], "{stale:?}");
        assert!(stale[0].1.contains("quý III năm 2026"));
        // Next tasks speak of the next period.
        let next = stale_periods(
            Q3,
            "Trong quý III tới, tập trung:\nTrong quý IV, hoàn thành.",
            true,
        );
        assert_eq!(next.len(), 1, "{next:?}");
        assert_eq!(next[0].0, 0);
    }
}
