//! Figures typed in the text checked against the data (issue 14, item 1): a rate typed
//! next to an indicator's name that is not its value for the period, a count of
//! indicators or tasks that contradicts the computed total, a counted list whose items
//! do not match its count. Each finding offers the field that always says the truth.

use crate::model::{IndicatorStatus, Project, Report, TaskStatus, Value, rich};
use crate::vi;

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

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !crate::vi::is_letter_or_digit(c))
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// A number as typed in Vietnamese (`96,8`, `1.846`), if `text` is one.
fn parse_vi_number(text: &str) -> Option<f64> {
    let t = text.replace('.', "").replace(',', ".");
    t.parse().ok()
}

/// The typed rates (`96,8%`) of a line outside its fields: (start byte, text, value).
fn typed_rates(line: &str) -> Vec<(usize, String, f64)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || matches!(bytes[i], b',' | b'.'))
            {
                i += 1;
            }
            let mut end = i;
            while end > start && matches!(bytes[end - 1], b',' | b'.') {
                end -= 1;
            }
            let rest = &line[end..];
            let pct = rest.trim_start_matches(' ');
            if pct.starts_with('%') {
                let pct_end = end + (rest.len() - pct.len()) + 1;
                if let Some(v) = parse_vi_number(&line[start..end]) {
                    out.push((start, line[start..pct_end].to_owned(), v));
                }
            }
        } else {
            i += 1;
        }
    }
    out
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
        let common = name.iter().filter(|w| clause_words.contains(w)).count();
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

/// The clause before byte `at` of `line`: back to the last `, ` `; ` `: ` or `(`-less
/// start, so that a rate is read with the words just before it.
fn clause_before(line: &str, at: usize) -> &str {
    let cut_before = |end: usize| {
        let before = &line[..end];
        [", ", "; ", ": ", ". "]
            .iter()
            .filter_map(|sep| before.rfind(sep))
            .max()
    };
    let mut start = cut_before(at).map_or(0, |i| i + 2);
    // "… hồ sơ được số hóa kết quả, đạt 96,8%": a clause of a word or two reads on
    // into the one before it.
    if words(&line[start..at]).len() < 3
        && let Some(prev) = start.checked_sub(2).and_then(cut_before)
    {
        start = prev + 2;
    } else if words(&line[start..at]).len() < 3 {
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
    /// The totals of `report`'s period.
    pub fn of(project: &Project, report: &Report) -> Self {
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
                .map(|i| words(&i.name))
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
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    for (p, line) in lines.iter().enumerate() {
        // Only what is typed counts: fields are the data itself.
        let plain = crate::compose::placeholders::mask_fields(line, ' ');
        for (at, typed, value) in typed_rates(&plain) {
            let Some(ind) = indicator_named(project, names, clause_before(&plain, at)) else {
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
            && let Some(k) = counted_list(&lines, p, &plain)
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

/// Counts typed before "chỉ tiêu … chưa đạt", "chỉ tiêu … đạt", "nhiệm vụ … quá hạn",
/// "nhiệm vụ … hoàn thành" that differ from the computed ones.
fn typed_counts(
    line: &str,
    not_met: usize,
    achieved: usize,
    overdue: usize,
    done: usize,
) -> Vec<(String, &'static str, &'static str, &'static str, usize)> {
    let mut out = Vec::new();
    let lower = line.to_lowercase();
    let tokens: Vec<&str> = lower.split_whitespace().collect();
    let original: Vec<&str> = line.split_whitespace().collect();
    for (k, t) in tokens.iter().enumerate() {
        let digits = t.trim_start_matches(['(', '“']);
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let Ok(n) = digits.parse::<usize>() else {
            continue;
        };
        let next: Vec<&str> = tokens.iter().skip(k + 1).take(8).copied().collect();
        let noun = match (next.first(), next.get(1)) {
            (Some(&"chỉ"), Some(t)) if t.starts_with("tiêu") => "chỉ tiêu",
            (Some(&"nhiệm"), Some(t)) if t.starts_with("vụ") => "nhiệm vụ",
            _ => continue,
        };
        let rest = next[2..].join(" ");
        let claim = if noun == "chỉ tiêu" {
            if rest.contains("chưa đạt") {
                Some(("chưa đạt", "{{tổng.chỉ tiêu chưa đạt}}", not_met))
            } else if rest.starts_with("đạt") || rest.starts_with("đã đạt") {
                Some(("đạt", "{{tổng.chỉ tiêu đạt}}", achieved))
            } else {
                None
            }
        } else if rest.contains("quá hạn") || rest.contains("quá thời hạn") {
            Some(("quá hạn", "{{tổng.nhiệm vụ quá hạn}}", overdue))
        } else if rest.starts_with("hoàn thành") || rest.starts_with("đã hoàn thành") {
            Some(("hoàn thành", "{{tổng.nhiệm vụ hoàn thành}}", done))
        } else {
            None
        };
        if let Some((said, field, actual)) = claim
            && n != actual
        {
            let typed = original
                .get(k)
                .map(|o| o.trim_start_matches(['(', '“']).to_owned())
                .unwrap_or_default();
            out.push((typed, noun, said, field, actual));
        }
    }
    out
}

/// A paragraph ending with `:` that counts its items ("08 nhiệm vụ … :") followed by a
/// different number of list items one level deeper: (what it says, items listed).
fn counted_list(lines: &[&str], p: usize, plain: &str) -> Option<(String, usize)> {
    let line = plain.trim_end();
    if !line.ends_with(':') {
        return None;
    }
    let (blocks, _) = rich::parse(&lines.join("\n"));
    let level_of = |i: usize| {
        blocks.iter().find_map(|b| match b {
            rich::Block::Para { para, index } if *index == i => Some(para.level),
            _ => None,
        })
    };
    let own = level_of(p)?;
    let mut k = 0;
    for i in p + 1..lines.len() {
        match level_of(i) {
            Some(l) if l > own && l >= 1 => {
                if l == own + 1 || (own == 0 && l == 1) {
                    k += 1;
                }
            }
            _ => break,
        }
    }
    if k == 0 {
        return None;
    }
    let body = rich::split_marker(line.trim_start()).map_or(line, |(_, b)| b);
    let first = body
        .split_whitespace()
        .find(|w| w.chars().all(|c| c.is_ascii_digit()))?;
    let n: usize = first.parse().ok()?;
    let counted = body
        .split_whitespace()
        .skip_while(|w| *w != first)
        .nth(1)
        .is_some_and(|w| matches!(w, "nhiệm" | "chỉ" | "ý" | "nội" | "văn" | "việc"));
    (counted && n != k).then(|| {
        (
            format!(
                "{first} {}",
                body.split_whitespace()
                    .skip_while(|w| *w != first)
                    .skip(1)
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            k,
        )
    })
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
