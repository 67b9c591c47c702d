//! Figures typed in the text checked against the data (issue 14, item 1): a rate typed
//! next to an indicator's name that is not its value for the period, a count of
//! indicators or tasks that contradicts the computed total, a counted list whose items
//! do not match its count. Each finding offers the field that always says the truth.

use std::borrow::Cow;

use crate::model::{IndicatorStatus, Project, Report, TaskStatus, Value};
use crate::vi;

mod counts;
mod numbers;
use counts::{counted_list, typed_counts};
use numbers::{number_tokens, typed_numbers, typed_rates, typed_rates_in};

/// A typed figure that disagrees with the data, and the field that would replace it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stale {
    /// 0-based paragraph of the text.
    pub paragraph: usize,
    pub message: String,
    /// The text as typed (`96,8%`, `02`) and the field to put in its place.
    pub fix: Option<(String, String)>,
}

/// Words that say nothing about which indicator a clause names.
const STOP: [&str; 14] = [
    "tỷ", "lệ", "của", "và", "các", "được", "trên", "tổng", "có", "đã", "trong", "với", "cho",
    "khi",
];

/// The words of `text` in lower case but [`STOP`]'s, borrowed when already in
/// lower case (most are).
fn words(text: &str) -> Vec<Cow<'_, str>> {
    text.split(|c: char| !crate::vi::is_letter_or_digit(c))
        .filter(|w| w.chars().nth(1).is_some())
        .map(|w| {
            match w
                .chars()
                .all(|c| crate::vi::lower(c) == c && crate::vi::lower_keeps_length(c))
            {
                true => Cow::Borrowed(w),
                false => Cow::Owned(w.to_lowercase()),
            }
        })
        .filter(|w| !STOP.contains(&w.as_ref()))
        .collect()
}

/// How many of `name`'s words are among `words`.
fn shared(name: &[String], words: &[Cow<'_, str>]) -> usize {
    name.iter()
        .filter(|w| words.iter().any(|x| x.as_ref() == w.as_str()))
        .count()
}

/// The indicator a clause names, by the words of its name; `None` when unclear.
fn indicator_named<'a>(
    project: &'a Project,
    names: &[Vec<String>],
    clause: &str,
) -> Option<&'a crate::model::Indicator> {
    let clause_words = words(clause);
    if clause_words.len() < 2 {
        return None;
    }
    let mut best: Option<(f32, &crate::model::Indicator)> = None;
    let mut tie = false;
    for (ind, name) in project.plan.indicators.iter().zip(names) {
        let common = shared(name, &clause_words);
        if common < 3 {
            continue;
        }
        let score = common as f32 / name.len().min(clause_words.len()).max(1) as f32;
        if score < 0.6 {
            continue;
        }
        match best {
            Some((b, _)) if (score - b).abs() < 1e-6 => tie = true,
            Some((b, _)) if score < b => {}
            _ => {
                best = Some((score, ind));
                tie = false;
            }
        }
    }
    if tie { None } else { best.map(|(_, i)| i) }
}

/// Whether `a` and `b` are the same in lower case, compared without allocating.
fn same_lowercase(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Quantities typed with an indicator's unit ("1.846 hồ sơ", "12 sáng kiến") that are
/// an earlier period's value of that indicator and not this period's, in a sentence
/// naming it (issue 23, item 4): a figure carried over from the last report.
fn old_quantities(
    project: &Project,
    report: &Report,
    names: &[Vec<String>],
    plain: &str,
    tokens: &[(usize, usize)],
    paragraph: usize,
) -> Vec<Stale> {
    let mut out = Vec::new();
    for (start, end, value) in typed_numbers(plain, tokens) {
        let rest = plain[end..].trim_start_matches(' ');
        let close = |x: f64| (x - value).abs() < 0.005;
        for (ind, name) in project.plan.indicators.iter().zip(names) {
            let unit = ind.unit.trim();
            if unit.is_empty() || unit == "%" {
                continue;
            }
            let Some(after) = rest.get(..unit.len()) else {
                continue;
            };
            // Two ASCII first letters that differ in any case: not the unit.
            if let (Some(a), Some(u)) = (after.bytes().next(), unit.bytes().next())
                && a.is_ascii()
                && u.is_ascii()
                && !a.eq_ignore_ascii_case(&u)
            {
                continue;
            }
            if !same_lowercase(after, unit)
                || rest[unit.len()..].starts_with(crate::vi::is_letter_or_digit)
            {
                continue;
            }
            let Some(Value::Number(now)) = project.indicator_value(report.period, &ind.id) else {
                continue;
            };
            if close(*now) {
                continue;
            }
            let Some(q) = std::iter::successors(report.period.previous(), |q| q.previous())
                .take(8)
                .find(|q| matches!(project.indicator_value(*q, &ind.id), Some(Value::Number(x)) if close(*x)))
            else {
                continue;
            };
            if compares(sentence_before(plain, start)) {
                continue;
            }
            let sentence = words(sentence_before(plain, start));
            let named = shared(name, &sentence);
            if named < 2 {
                continue;
            }
            let typed_end = end + (plain[end..].len() - rest.len()) + unit.len();
            let typed = plain[start..typed_end].to_owned();
            out.push(Stale {
                paragraph,
                message: format!(
                    "đoạn {}: “{typed}” là kết quả {} của {}; {} là {}",
                    paragraph + 1,
                    q.label(),
                    ind.id,
                    report.period.label(),
                    crate::model::value_label(ind, Some(&Value::Number(*now)))
                ),
                fix: Some((typed, format!("{{{{{}.kết quả}}}}", ind.id))),
            });
        }
    }
    out
}

/// Whether a sentence compares with another period ("so với quý I", "tăng từ 12 lên
/// 15"): there an earlier period's figure is said on purpose.
fn compares(sentence: &str) -> bool {
    let s = sentence.to_lowercase();
    ["so với", "trước", "cùng kỳ", "tăng", "giảm", " lên "]
        .iter()
        .any(|w| s.contains(w))
}

/// The sentence before byte `at` of `line`: back to the last `. ` or the start.
fn sentence_before(line: &str, at: usize) -> &str {
    let before = &line[..at];
    before.rfind(". ").map_or(before, |i| &before[i + 2..])
}

/// The indicator a typed rate belongs to when its clause alone does not say (issue 23,
/// item 4: "…401/412 phiếu đánh giá hài lòng với … dịch vụ công trực tuyến, đạt 97,3%"):
/// found by value first — a % indicator whose value is not `value` now, and which was
/// `value` in an earlier period, named by at least two words of the sentence — else by
/// the sentence's words, where one indicator clearly stands out (at least four words of
/// its name and half of them, no other as close).
fn indicator_by_value<'a>(
    project: &'a Project,
    report: &Report,
    names: &[Vec<String>],
    sentence: &str,
    value: f64,
) -> Option<&'a crate::model::Indicator> {
    let sentence_words = words(sentence);
    if sentence_words.len() < 2 || compares(sentence) {
        return None;
    }
    // After another rate in the same sentence, the words before belong to that one
    // ("tỷ lệ số hóa … (96,8%), mức độ hài lòng (97,3%)"): only the value can tell.
    let first_rate = typed_rates(sentence).is_empty();
    let close = |x: f64| (x - value).abs() < 0.05;
    let mut by_value = project
        .plan
        .indicators
        .iter()
        .zip(names)
        .filter(|(ind, _)| ind.unit.trim() == "%")
        .filter(|(ind, _)| {
            !matches!(project.indicator_value(report.period, &ind.id), Some(Value::Number(x)) if close(*x))
        })
        .filter(|(ind, _)| {
            std::iter::successors(report.period.previous(), |q| q.previous())
                .take(8)
                .any(|q| matches!(project.indicator_value(q, &ind.id), Some(Value::Number(x)) if close(*x)))
        })
        .filter(|(_, name)| shared(name, &sentence_words) >= 2);
    if let (Some((ind, _)), None) = (by_value.next(), by_value.next()) {
        return Some(ind);
    }
    if !first_rate {
        return None;
    }
    let mut scored: Vec<(usize, f32, &crate::model::Indicator)> = project
        .plan
        .indicators
        .iter()
        .zip(names)
        .map(|(ind, name)| {
            let common = shared(name, &sentence_words);
            let score = common as f32 / name.len().min(sentence_words.len()).max(1) as f32;
            (common, score, ind)
        })
        .filter(|(common, score, _)| *common >= 4 && *score >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)));
    match scored.as_slice() {
        [(_, _, only)] => Some(*only),
        [(c0, s0, best), (c1, s1, _), ..] if c0 > c1 && s0 > s1 => Some(*best),
        _ => None,
    }
}

/// The clause before byte `at` of `line`: back to the last `, ` `; ` `: ` or `(`-less
/// start, so that a rate is read with the words just before it.
fn clause_before(line: &str, at: usize) -> &str {
    // The last `, ` `; ` `: ` or `. ` wholly before `end`.
    let cut_before = |end: usize| {
        let b = line.as_bytes().get(..end)?;
        (0..b.len().saturating_sub(1))
            .rev()
            .find(|&i| matches!(b[i], b',' | b';' | b':' | b'.') && b[i + 1] == b' ')
    };
    let mut start = cut_before(at).map_or(0, |i| i + 2);
    // "… hồ sơ được số hóa kết quả, đạt 96,8%": a clause of a word or two reads on
    // into the one before it.
    let short = |clause: &str| words(clause).len() < 3;
    if short(&line[start..at])
        && let Some(prev) = start.checked_sub(2).and_then(cut_before)
    {
        start = prev + 2;
    } else if short(&line[start..at]) {
        start = 0;
    }
    &line[start..at]
}

/// The totals a report's typed counts are checked against, and the words of each
/// indicator's name, computed once per report.
#[derive(Clone, Debug)]
pub struct Totals {
    not_met: usize,
    achieved: usize,
    overdue: usize,
    done: usize,
    names: Vec<Vec<String>>,
}

impl Totals {
    /// How many tasks are overdue in the report's period.
    pub fn overdue(&self) -> usize {
        self.overdue
    }

    /// The totals of `report`'s period.
    pub fn of(project: &Project, report: &Report) -> Self {
        let view = project.as_of_report(report);
        let project: &Project = &view;
        let statuses = crate::compose::facts::indicators(project, report);
        let tasks = crate::compose::facts::tasks(project, report);
        Self {
            not_met: statuses
                .iter()
                .filter(|(_, _, s)| *s == IndicatorStatus::NotMet)
                .count(),
            achieved: statuses.iter().filter(|(_, _, s)| s.is_achieved()).count(),
            overdue: tasks
                .iter()
                .filter(|(_, s)| *s == TaskStatus::Overdue)
                .count(),
            done: tasks.iter().filter(|(_, s)| *s == TaskStatus::Done).count(),
            names: project
                .plan
                .indicators
                .iter()
                .map(|i| words(&i.name).into_iter().map(Cow::into_owned).collect())
                .collect(),
        }
    }
}

/// What the typed figures of `text` (a section body) get wrong, by paragraph.
pub fn stale_figures(project: &Project, report: &Report, text: &str) -> Vec<Stale> {
    stale_figures_with(project, report, text, &Totals::of(project, report))
}

/// [`stale_figures`] with the report's totals already computed.
pub fn stale_figures_with(
    project: &Project,
    report: &Report,
    text: &str,
    totals: &Totals,
) -> Vec<Stale> {
    let view = project.as_of_report(report);
    let project: &Project = &view;
    let mut out = Vec::new();
    // Nothing typed to check: no digit in the whole text.
    if !text.contains(|c: char| c.is_ascii_digit()) {
        return out;
    }
    let Totals {
        not_met,
        achieved,
        overdue,
        done,
        ref names,
    } = *totals;
    let lines: Vec<&str> = super::paragraphs(text).collect();
    let mut blocks = None;
    for (p, line) in lines.iter().enumerate() {
        // Every finding below is about a number typed in this paragraph.
        if !line.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        // Only what is typed counts: fields are the data itself.
        let plain = super::prose(line, ' ');
        let tokens = number_tokens(&plain);
        for (at, typed, value) in typed_rates_in(&plain, &tokens) {
            let Some(ind) =
                indicator_named(project, names, clause_before(&plain, at)).or_else(|| {
                    indicator_by_value(project, report, names, sentence_before(&plain, at), value)
                })
            else {
                continue;
            };
            if ind.unit.trim() != "%" {
                continue;
            }
            // A target quoted ("đạt chỉ tiêu 80%", "phấn đấu 95%") is not a result.
            let just_before: String = plain[..at]
                .split_whitespace()
                .rev()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let is_target = matches!(&ind.target, crate::model::Target::Number { value: t, .. } if (t - value).abs() < 0.05)
                || ["tiêu", "mục", "phấn", "hoạch", "tối"]
                    .iter()
                    .any(|w| just_before.contains(w));
            if is_target {
                continue;
            }
            let Some(Value::Number(now)) = project.indicator_value(report.period, &ind.id) else {
                continue;
            };
            if (now - value).abs() < 0.05 {
                continue;
            }
            let earlier = std::iter::successors(report.period.previous(), |q| q.previous())
                .take(8)
                .find(|q| {
                    matches!(project.indicator_value(*q, &ind.id),
                        Some(Value::Number(x)) if (x - value).abs() < 0.05)
                });
            let now_text = format!("{}%", vi::format_number(*now, 2));
            let message = match earlier {
                Some(q) => format!(
                    "đoạn {}: “{typed}” là kết quả {} của {}; {} là {now_text}",
                    p + 1,
                    q.label(),
                    ind.id,
                    report.period.label()
                ),
                None => format!(
                    "đoạn {}: “{typed}” khác kết quả {} của {} ({now_text})",
                    p + 1,
                    report.period.label(),
                    ind.id
                ),
            };
            out.push(Stale {
                paragraph: p,
                message,
                fix: Some((typed, format!("{{{{{}.kết quả}}}}", ind.id))),
            });
        }
        out.extend(old_quantities(project, report, names, &plain, &tokens, p));
        for (typed, noun, said, field, actual) in
            typed_counts(&plain, not_met, achieved, overdue, done)
        {
            out.push(Stale {
                paragraph: p,
                message: format!(
                    "đoạn {}: “{typed} {noun} {said}” nhưng kỳ này có {actual:02} {noun} {said}",
                    p + 1
                ),
                fix: Some((typed, field.to_owned())),
            });
        }
        if plain.trim_end().ends_with(':')
            && let Some(k) = counted_list(&lines, &mut blocks, p, &plain)
        {
            out.push(Stale {
                paragraph: p,
                message: format!("đoạn {}: nêu {} nhưng liệt kê {} ý", p + 1, k.0, k.1),
                fix: None,
            });
        }
    }
    out
}

/// `text` with the first `typed` of paragraph `paragraph` (the n-th non-empty line)
/// replaced by `replacement`, outside fields; `None` when it is no longer there.
pub fn apply_fix(text: &str, paragraph: usize, typed: &str, replacement: &str) -> Option<String> {
    let mut seen = 0usize;
    let mut out = String::with_capacity(text.len() + replacement.len());
    let mut done = false;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !done && !line.trim().is_empty() {
            if seen == paragraph {
                let plain = crate::compose::placeholders::mask_fields(line, ' ');
                if let Some(at) = plain.find(typed) {
                    out.push_str(&line[..at]);
                    out.push_str(replacement);
                    out.push_str(&line[at + typed.len()..]);
                    done = true;
                    seen += 1;
                    continue;
                }
            }
            seen += 1;
        }
        out.push_str(line);
    }
    done.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    #[test]
    fn a_rate_typed_next_to_an_indicator_that_changed_is_flagged_with_its_field() {
        let mut p = sample();
        let period = p.reports[0].period;
        if let Some(rec) = p.periods.iter_mut().find(|r| r.period == period)
            && let Some(v) = rec.indicators.get_mut("CT02")
        {
            v.value = Some(Value::Number(94.5));
        }
        let r = p.reports[0].clone();
        let text = "- Nổi bật là tỷ lệ số hóa kết quả giải quyết thủ tục hành chính (96,8%), mức độ hài lòng (97,3%).";
        let stale = stale_figures(&p, &r, text);
        assert_eq!(stale.len(), 1, "{stale:?}");
        assert!(stale[0].message.contains("96,8%") && stale[0].message.contains("94,5%"));
        assert_eq!(
            stale[0].fix,
            Some(("96,8%".to_owned(), "{{CT02.kết quả}}".to_owned()))
        );
        // The value as it is now is not flagged; a field never is.
        assert!(
            stale_figures(
                &p,
                &r,
                "tỷ lệ số hóa kết quả giải quyết thủ tục hành chính (94,5%)"
            )
            .is_empty()
        );
        assert!(
            stale_figures(&p, &r, "tỷ lệ số hóa kết quả giải quyết ({{CT02.kết quả}})").is_empty()
        );
        // A target quoted is not a result.
        let target = "nâng tỷ lệ số hóa kết quả giải quyết thủ tục hành chính đạt chỉ tiêu 95%";
        assert!(stale_figures(&p, &r, target).is_empty());
    }

    #[test]
    fn a_rate_in_a_sentence_about_an_indicator_is_flagged_however_it_is_worded() {
        // Issue 23: after CT04 became 98,1, the survey sentence of 2.1 still said 97,3%.
        let mut p = sample();
        let period = p.reports[0].period;
        if let Some(rec) = p.periods.iter_mut().find(|r| r.period == period)
            && let Some(v) = rec.indicators.get_mut("CT04")
        {
            v.value = Some(Value::Number(98.1));
        }
        let r = p.reports[0].clone();
        let text = "Kết quả khảo sát trong tháng 6/2026 cho thấy 401/412 phiếu đánh giá hài lòng với chất lượng dịch vụ công trực tuyến, đạt **97,3%**, vượt chỉ tiêu kế hoạch.";
        let stale = stale_figures(&p, &r, text);
        assert_eq!(stale.len(), 1, "{stale:?}");
        assert!(stale[0].message.contains("97,3%") && stale[0].message.contains("98,1%"));
        assert_eq!(
            stale[0].fix,
            Some(("97,3%".to_owned(), "{{CT04.kết quả}}".to_owned()))
        );
        // The same sentence with today's value, and a rate of a sentence about nothing
        // the plan measures, are left alone.
        let now = text.replace("97,3", "98,1");
        assert!(
            stale_figures(&p, &r, &now).is_empty(),
            "{:?}",
            stale_figures(&p, &r, &now)
        );
        let other = "Kết quả khảo sát cho thấy 80% hộ gia đình có điện thoại thông minh.";
        assert!(stale_figures(&p, &r, other).is_empty());
    }

    #[test]
    fn a_quantity_carried_over_from_an_earlier_period_is_flagged_with_its_unit() {
        let mut p = sample();
        let period = p.reports[0].period;
        let Some(prev) = period.previous() else {
            panic!("the sample's report has an earlier period")
        };
        let ind = p
            .plan
            .indicators
            .iter()
            .find(|i| !i.unit.trim().is_empty() && i.unit.trim() != "%")
            .cloned()
            .unwrap();
        for (q, v) in [(prev, 14.0), (period, 21.0)] {
            if let Some(rec) = p.periods.iter_mut().find(|r| r.period == q) {
                rec.indicators.entry(ind.id.clone()).or_default().value = Some(Value::Number(v));
            }
        }
        let r = p.reports[0].clone();
        let about = ind.name.to_lowercase();
        let text = format!("Về {about}, trong kỳ có 14 {} được ghi nhận.", ind.unit);
        let stale = stale_figures(&p, &r, &text);
        let typed = format!("14 {}", ind.unit);
        assert!(
            stale
                .iter()
                .any(|s| s.fix == Some((typed.clone(), format!("{{{{{}.kết quả}}}}", ind.id)))),
            "{stale:?}"
        );
        // Today's figure, a date and a fraction are left alone.
        let now = text.replace("14 ", "21 ");
        assert!(stale_figures(&p, &r, &now).iter().all(|s| {
            s.fix
                .as_ref()
                .is_none_or(|f| f.0 != format!("21 {}", ind.unit))
        }));
        let fraction = format!("Về {about}: 14/{} {}", 20, ind.unit);
        assert!(
            stale_figures(&p, &r, &fraction)
                .iter()
                .all(|s| !s.message.contains("14"))
        );
    }

    #[test]
    fn a_count_that_contradicts_the_computed_total_is_flagged() {
        let p = sample();
        let r = p.reports[0].clone();
        let statuses = crate::compose::facts::indicators(&p, &r);
        let not_met = statuses
            .iter()
            .filter(|(_, _, s)| *s == IndicatorStatus::NotMet)
            .count();
        let wrong = not_met + 1;
        let text = format!("- Còn {wrong:02} chỉ tiêu chưa đạt: a, b.");
        let stale = stale_figures(&p, &r, &text);
        assert_eq!(stale.len(), 1, "{stale:?}");
        assert_eq!(
            stale[0].fix.as_ref().map(|f| f.1.as_str()),
            Some("{{tổng.chỉ tiêu chưa đạt}}")
        );
        let right = format!("- Còn {not_met:02} chỉ tiêu chưa đạt.");
        assert!(stale_figures(&p, &r, &right).is_empty());
    }

    #[test]
    fn a_fix_replaces_the_typed_figure_of_its_paragraph_only() {
        let text = "Đạt 96,8%.\n\n- Số hóa (96,8%), {{CT01.kết quả}}.";
        assert_eq!(
            apply_fix(text, 1, "96,8%", "{{CT02.kết quả}}").as_deref(),
            Some("Đạt 96,8%.\n\n- Số hóa ({{CT02.kết quả}}), {{CT01.kết quả}}.")
        );
        assert_eq!(apply_fix(text, 1, "50%", "x"), None);
    }

    #[test]
    fn a_counted_list_with_a_different_number_of_items_is_flagged() {
        let p = sample();
        let r = p.reports[0].clone();
        let text = "- 08 nhiệm vụ còn chậm tiến độ:\n  + một;\n  + hai;\n  + ba.";
        let stale = stale_figures(&p, &r, text);
        assert!(
            stale.iter().any(|s| s.message.contains("liệt kê 3 ý")),
            "{stale:?}"
        );
        let ok = "- 03 nhiệm vụ còn chậm tiến độ:\n  + một;\n  + hai;\n  + ba.";
        assert!(
            stale_figures(&p, &r, ok)
                .iter()
                .all(|s| !s.message.contains("liệt kê"))
        );
    }
}
