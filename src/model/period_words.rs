//! model: the words naming a period in running text ("quý II", "6 tháng đầu năm",
//! "9 tháng", "đến hết ngày 30/6/2026"): found, rewritten for another period, and the
//! `{kỳ}` words of suggested sentences filled. Read by `check` (stale and carried
//! period words) and the editor's phrases.

use super::{Period, PeriodKind};

/// A period named in running text, where it is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub period: Period,
    /// A period-end date (`30/6/2026`) rather than a name.
    pub date: bool,
}

/// The year written right after a period name (` năm 2026`, `/2026`), its length.
fn year_after(rest: &str) -> Option<(i32, usize)> {
    for prefix in [" năm ", "/", " "] {
        if let Some(r) = rest.strip_prefix(prefix) {
            let digits: String = r.chars().take_while(char::is_ascii_digit).collect();
            if digits.len() == 4
                && let Ok(y) = digits.parse()
            {
                return Some((y, prefix.len() + 4));
            }
        }
    }
    None
}

pub(crate) fn mentions(text: &str, year: i32) -> Vec<Mention> {
    let mut out = Vec::new();
    for (i, _) in text.char_indices() {
        let rest = &text[i..];
        // Every phrase below starts with one of these: most characters need no more look.
        if !rest.starts_with(['q', 'Q', '6', '9', 'đ', 'Đ', 'h']) {
            continue;
        }
        if i > 0
            && text[..i]
                .chars()
                .next_back()
                .is_some_and(crate::vi::is_letter_or_digit)
        {
            continue;
        }
        for word in ["quý ", "Quý ", "QUÝ "] {
            let Some(r) = rest.strip_prefix(word) else {
                continue;
            };
            let numeral: String = r.chars().take_while(|c| matches!(c, 'I' | 'V')).collect();
            let after = &r[numeral.len()..];
            if after
                .chars()
                .next()
                .is_some_and(crate::vi::is_letter_or_digit)
            {
                continue;
            }
            if let Some(q) = crate::vi::roman_value(&numeral).filter(|q| *q <= 4) {
                let (y, ylen) = year_after(after).unwrap_or((year, 0));
                out.push(Mention {
                    start: i,
                    end: i + word.len() + numeral.len() + ylen,
                    period: Period::new(y, PeriodKind::Quarter(q as u8)),
                    date: false,
                });
            }
        }
        for (words, kind) in [
            ("6 tháng đầu năm", PeriodKind::FirstHalf),
            ("9 tháng đầu năm", PeriodKind::NineMonths),
            ("9 tháng", PeriodKind::NineMonths),
        ] {
            if let Some(r) = rest.strip_prefix(words) {
                if kind == PeriodKind::NineMonths
                    && words == "9 tháng"
                    && out.last().is_some_and(|m: &Mention| m.start == i)
                {
                    continue;
                }
                let (y, ylen) = year_after(r).map_or((year, 0), |(y, l)| (y, l));
                out.push(Mention {
                    start: i,
                    end: i + words.len() + ylen,
                    period: Period::new(y, kind),
                    date: false,
                });
                break;
            }
        }
        // "tiến độ 6 tháng", "sơ kết 6 tháng": the half-year without "đầu năm".
        if let Some(r) = rest.strip_prefix("6 tháng")
            && !r.starts_with(" đầu năm")
            && !r.starts_with(|c: char| crate::vi::is_letter_or_digit(c))
            && [
                "tiến độ ",
                "Tiến độ ",
                "sơ kết ",
                "Sơ kết ",
                "kết quả ",
                "Kết quả ",
            ]
            .iter()
            .any(|w| text[..i].ends_with(w))
        {
            let (y, ylen) = year_after(r).unwrap_or((year, 0));
            out.push(Mention {
                start: i,
                end: i + "6 tháng".len() + ylen,
                period: Period::new(y, PeriodKind::FirstHalf),
                date: false,
            });
        }
        // A period-end date after "đến (hết) ngày".
        for lead in [
            "đến hết ngày ",
            "Đến hết ngày ",
            "đến ngày ",
            "Đến ngày ",
            "hết ngày ",
        ] {
            if let Some(r) = rest.strip_prefix(lead)
                && let Some((period, len)) = period_end_date(r)
                && !out
                    .iter()
                    .any(|m: &Mention| m.date && m.start == i + lead.len())
            {
                out.push(Mention {
                    start: i + lead.len(),
                    end: i + lead.len() + len,
                    period,
                    date: true,
                });
                break;
            }
        }
    }
    out
}

/// `30/6/2026` (or `30/06/2026`) at the start of `text`, when it ends a quarter.
fn period_end_date(text: &str) -> Option<(Period, usize)> {
    let token: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '/')
        .collect();
    let mut parts = token.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let (d, m, y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    let q = match (d, m) {
        (31, 3) => 1,
        (30, 6) => 2,
        (30, 9) => 3,
        (31, 12) => 4,
        _ => return None,
    };
    Some((Period::new(y, PeriodKind::Quarter(q)), token.len()))
}

/// The month a period ends in and its year, to compare a quarter with 6 or 9 months.
pub(crate) fn ends(p: Period) -> (i32, u32) {
    (p.year, p.end_month())
}

/// A suggested sentence with its period words filled as [`crate::check::periods::stale_periods`] expects them:
/// `{kỳ}` is the report's period, or the next one in Nhiệm vụ thời gian tới
/// (`next_tasks`); `{kỳ tới}` the next period; `{kỳ trước}` the previous one (left as
/// written when there is none).
pub fn fill_periods(phrase: &str, period: Period, next_tasks: bool) -> String {
    let next = period.next();
    let this = if next_tasks { next } else { period };
    let mut out = phrase
        .replace("{kỳ tới}", &next.label())
        .replace("{kỳ}", &this.label());
    if let Some(before) = period.previous() {
        out = out.replace("{kỳ trước}", &before.label());
    }
    out
}

/// The words naming `p` as the text wrote them, moved to `to`.
pub(crate) fn written(m: &Mention, said: &str, to: Period) -> String {
    let with_year = said.contains(&m.period.year.to_string());
    if m.date {
        return to
            .end_date()
            .map(crate::vi::date_in_text)
            .unwrap_or_else(|| said.to_owned());
    }
    let cap = said.starts_with('Q');
    let base = match to.kind {
        PeriodKind::Quarter(q) => {
            let roman = crate::vi::roman(u32::from(q.max(1)));
            if said.contains('/') {
                format!("quý {roman}/{}", to.year)
            } else if with_year {
                format!("quý {roman} năm {}", to.year)
            } else {
                format!("quý {roman}")
            }
        }
        PeriodKind::FirstHalf => {
            if with_year {
                format!("6 tháng đầu năm {}", to.year)
            } else {
                "6 tháng đầu năm".to_owned()
            }
        }
        PeriodKind::NineMonths => {
            if with_year {
                format!("9 tháng năm {}", to.year)
            } else {
                "9 tháng".to_owned()
            }
        }
        _ => to.label(),
    };
    if cap {
        crate::vi::capitalise(&base)
    } else {
        base
    }
}

/// The months since January ending with `p`: 6 tháng đầu năm for quý II, 9 tháng for
/// quý III; the quarter itself otherwise.
pub(crate) fn cumulative(p: Period) -> Period {
    match p.kind {
        PeriodKind::Quarter(2) => Period::new(p.year, PeriodKind::FirstHalf),
        PeriodKind::Quarter(3) => Period::new(p.year, PeriodKind::NineMonths),
        _ => p,
    }
}
