//! import, plan: the targets a plan writes in its text (`Tỷ lệ … đạt 95%`, `tối thiểu
//! 10 sáng kiến`, `≥ 80%`) under its objectives (MỤC TIÊU, CHỈ TIÊU) read as
//! indicators with target, unit and direction. A sentence with more than one target,
//! or one that cannot be a level, is listed for the clerk instead.

use super::PlanNote;
use super::source::Row;
use crate::model::{Indicator, Target, parse_target, target_problem};
use crate::vi::fold;

/// An indicator found in the text, with the line it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub row: usize,
    /// Title of the group (`Nhóm chỉ tiêu về sở hữu trí tuệ`); empty for none.
    pub group: String,
    pub indicator: Indicator,
}

/// Words before a number that make it a target.
const KEYWORDS: [&str; 12] = [
    "tối thiểu",
    "ít nhất",
    "đạt",
    "phấn đấu",
    "trên",
    "dưới",
    "tối đa",
    "không quá",
    "≥",
    "≤",
    ">",
    "<",
];

/// Words that end a unit (`10 sáng kiến được áp dụng` → `sáng kiến`).
const UNIT_STOPS: [&str; 14] = [
    "được", "có", "trên", "tại", "của", "cho", "đề", "cấp", "về", "và", "trở", "hoặc", "đạt",
    "trong",
];

/// A heading: its depth (Roman 0, `2.` 1, `2.1.` 2 …; `a)` 9) and its text.
fn heading(text: &str) -> Option<(usize, &str)> {
    let roman = text
        .char_indices()
        .find(|(_, c)| !matches!(c, 'I' | 'V' | 'X'))
        .map_or(0, |(i, _)| i);
    if roman > 0 && text[roman..].starts_with(". ") {
        return Some((0, text[roman + 2..].trim()));
    }
    let mut depth = 0;
    let mut rest = text;
    loop {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 2 || !rest[digits..].starts_with('.') {
            break;
        }
        depth += 1;
        rest = &rest[digits + 1..];
    }
    if depth > 0 && rest.starts_with(' ') {
        return Some((depth, rest.trim()));
    }
    let mut chars = text.chars();
    if let (Some(c), Some(')')) = (chars.next(), chars.next())
        && c.is_lowercase()
    {
        return Some((9, chars.as_str().trim()));
    }
    None
}

/// Whether `text` starts with a heading number (`a) `, `2. `, `II. `).
pub fn starts_with_heading(text: &str) -> bool {
    heading(text).is_some()
}

/// The body's paragraphs: a line that starts in lower case after a line without a
/// final stop continues it (a page break inside a sentence).
fn paragraphs(rows: &[Row]) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for row in rows.iter().filter(|r| !r.tabular) {
        let text = row.cells.join(" ");
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let continues = text.chars().next().is_some_and(char::is_lowercase)
            && heading(text).is_none()
            && out
                .last()
                .is_some_and(|(_, last)| !last.ends_with(['.', ';', ':', '!', '?']));
        match out.last_mut() {
            Some((_, last)) if continues => {
                last.push(' ');
                last.push_str(text);
            }
            _ => out.push((row.no, text.to_owned())),
        }
    }
    out
}

fn names_targets(text: &str) -> bool {
    let f = fold(text);
    f.contains("muc tieu") || f.contains("chi tieu")
}

/// Reads the targets in the body `rows` (the text before the appendix).
pub fn read(rows: &[Row], notes: &mut Vec<PlanNote>) -> Vec<Found> {
    let mut out = Vec::new();
    // Depth of the heading that opened the objectives, while inside them.
    let mut open: Option<usize> = None;
    let mut group = String::new();
    for (no, text) in paragraphs(rows) {
        let text = text.as_str();
        if let Some((depth, title)) = heading(text)
            && title.chars().count() < 160
        {
            if names_targets(title) && open.is_none_or(|d| depth <= d) {
                open = Some(depth);
                group.clear();
            } else if open.is_some_and(|d| depth <= d) {
                open = None;
            } else if open.is_some() {
                let f = fold(title);
                if f.starts_with("nhom") || f.starts_with("ve ") || names_targets(title) {
                    group = title.trim_end_matches([':', '.']).to_owned();
                }
            }
            // A heading with its first sentence on the same line (`a) … : 10 …`).
            if !text.contains(':') {
                continue;
            }
        }
        if open.is_none() {
            continue;
        }
        let body = text.trim_start_matches(['-', '+', '•', '*']).trim();
        for sentence in sentences(body) {
            let found = candidates(sentence);
            match found.as_slice() {
                [] => {}
                [one] => match indicator(sentence, one) {
                    Ok(indicator) => out.push(Found {
                        row: no,
                        group: group.clone(),
                        indicator,
                    }),
                    Err(why) => notes.push(PlanNote::new(
                        no,
                        format!("chỉ tiêu chưa rõ ({why}), chưa nhập: “{sentence}”"),
                    )),
                },
                many => notes.push(PlanNote::new(
                    no,
                    format!(
                        "câu có {} mức chỉ tiêu ({}); chưa nhập, hãy tách thành từng chỉ tiêu: “{sentence}”",
                        many.len(),
                        many.iter()
                            .map(|c| format!("“{}”", sentence.get(c.0..c.1).unwrap_or("")))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )),
            }
        }
    }
    out
}

/// Sentences of a line: split at `. ` or `; ` before a capital or a digit.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(at, a), (_, b), (_, c)] = w else {
            continue;
        };
        let ends = *a == ';' || (*a == '.' && (c.is_uppercase() || c.is_ascii_digit()));
        if ends && *b == ' ' {
            let s = text.get(start..*at).unwrap_or("").trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = at + a.len_utf8();
        }
    }
    let s = text
        .get(start..)
        .unwrap_or("")
        .trim()
        .trim_end_matches(['.', ';'])
        .trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// The target phrases of a sentence as byte ranges: a number with `%`, or a number
/// after a target word with a unit after it.
fn candidates(s: &str) -> Vec<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_digit()
                || (matches!(bytes[i], b',' | b'.')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let end = i;
        let before = start.checked_sub(1).and_then(|b| bytes.get(b)).copied();
        let after = bytes.get(end).copied();
        // Part of a reference, a date, a code or a word: `57-NQ`, `22/12`, `5G`, `9001:2015`.
        if matches!(before, Some(b'/' | b'-' | b':' | b'.'))
            || matches!(after, Some(b'/' | b'-' | b':'))
            || after.is_some_and(|b| b.is_ascii_alphabetic())
            || before.is_some_and(|b| b.is_ascii_alphabetic())
        {
            continue;
        }
        let rest = s.get(end..).unwrap_or("");
        let percent = rest.trim_start().starts_with('%');
        // Lower case keeps the byte length of Vietnamese letters; a text where it does
        // not gets no keyword (the number alone is the phrase).
        let head_orig = s.get(..start).unwrap_or("");
        let head = head_orig.to_lowercase();
        let head = if head.len() == head_orig.len() {
            head
        } else {
            String::new()
        };
        let keyword = keyword_start(head.trim_end().trim_end_matches(':'));
        let after_colon = head.trim_end().ends_with(':');
        if percent {
            let mut stop = end + rest.find('%').map_or(0, |p| p + 1);
            let tail = s.get(stop..).unwrap_or("").trim_start();
            if tail.starts_with("trở lên") {
                stop = s.len() - tail.len() + "trở lên".len();
            }
            let from = keyword.unwrap_or(start);
            out.push((from, stop));
            continue;
        }
        let unit_end = unit_end(s, end);
        if unit_end == end {
            continue;
        }
        let year_like = s
            .get(start..end)
            .unwrap_or("")
            .parse::<u32>()
            .is_ok_and(|n| (1900..=2100).contains(&n));
        if year_like {
            continue;
        }
        if let Some(from) = keyword {
            out.push((from, unit_end));
        } else if after_colon {
            out.push((start, unit_end));
        }
    }
    out
}

/// Where the target words before a number start (`đạt trên`, `tối thiểu có`, `đạt
/// từ`), in `head` (the lower-case text before the number); `None` without one.
fn keyword_start(head: &str) -> Option<usize> {
    let mut from = None;
    let mut h = head.trim_end();
    loop {
        let bare = h
            .strip_suffix(" có")
            .or_else(|| h.strip_suffix(" từ"))
            .unwrap_or(h)
            .trim_end();
        let found = KEYWORDS.iter().find_map(|k| {
            bare.strip_suffix(*k)
                .filter(|rest| rest.is_empty() || rest.ends_with([' ', '(', ',', ':']))
        });
        match found {
            Some(rest) => {
                from = Some(rest.len());
                h = rest.trim_end();
            }
            None => return from,
        }
    }
}

/// End of the unit after a number ending at `end`: at most two lower-case words,
/// stopping at punctuation and at [`UNIT_STOPS`]; `end` when there is none.
fn unit_end(s: &str, end: usize) -> usize {
    let mut at = end;
    for _ in 0..2 {
        let rest = s.get(at..).unwrap_or("");
        if !rest.starts_with(' ') {
            break;
        }
        let trimmed = rest.trim_start_matches(' ');
        let word = trimmed
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | '(' | ')' | ':'))
            .next()
            .unwrap_or("");
        if word.is_empty()
            || !word.chars().next().is_some_and(char::is_lowercase)
            || UNIT_STOPS.contains(&word)
        {
            break;
        }
        at += rest.len() - trimmed.len() + word.len();
    }
    at
}

/// The indicator of a sentence with one target phrase at `range`.
fn indicator(sentence: &str, range: &(usize, usize)) -> Result<Indicator, String> {
    let phrase = sentence.get(range.0..range.1).unwrap_or(sentence).trim();
    let (target, unit) = parse_target(phrase);
    if let Some(why) = target_problem(phrase, &target, &unit) {
        return Err(why);
    }
    if !matches!(target, Target::Number { .. }) {
        return Err("không có con số".to_owned());
    }
    let tail = sentence
        .get(range.1..)
        .unwrap_or("")
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ';'));
    let before = sentence
        .get(..range.0)
        .unwrap_or("")
        .trim_end()
        .trim_end_matches([':', ','])
        .trim_end();
    let name = if range.0 > 0 && (tail.is_empty() || tail.starts_with('(')) && !before.is_empty() {
        before
    } else {
        sentence
    };
    let accrues = unit != "%";
    Ok(Indicator {
        name: name.trim_end_matches(['.', ';', ':']).trim().to_owned(),
        unit,
        target,
        target_as_written: phrase.to_owned(),
        accrues_over_year: accrues,
        ..Indicator::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Comparison;

    fn rows(lines: &[&str]) -> Vec<Row> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| Row {
                no: i + 1,
                cells: vec![(*l).to_owned()],
                tabular: false,
            })
            .collect()
    }

    fn number(ind: &Indicator) -> (Comparison, f64) {
        match ind.target {
            Target::Number { cmp, value } => (cmp, value),
            Target::Text { .. } => panic!("not a number: {ind:?}"),
        }
    }

    #[test]
    fn targets_under_the_objectives_become_indicators_with_unit_and_direction() {
        let mut notes = Vec::new();
        let found = read(
            &rows(&[
                "I. CĂN CỨ",
                "- Tỷ lệ hồ sơ đạt 95% theo Quyết định 5264/QĐ-UBND.",
                "II. MỤC TIÊU",
                "a) Nhóm chỉ tiêu về sở hữu trí tuệ",
                "- Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 95%.",
                "- Tối thiểu 90% hồ sơ TTHC được xử lý hoàn toàn trực tuyến.",
                "- Số doanh nghiệp được hỗ trợ: 02 doanh nghiệp.",
                "- Tỷ lệ hài lòng đạt trên 95%.",
                "- Đảm bảo tối thiểu có 10 sáng kiến được áp dụng; có ít nhất 01 sáng kiến cấp thành phố.",
                "- Tỷ lệ phủ sóng 5G ≥ 80%.",
                "- Tỷ lệ phủ sóng 4G trên địa bàn đạt từ 50% trở lên.",
                "- Triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 năm 2026.",
                "III. NHIỆM VỤ",
                "- Đạt 100% kế hoạch.",
            ]),
            &mut notes,
        );
        let names: Vec<&str> = found.iter().map(|f| f.indicator.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC",
                "Tối thiểu 90% hồ sơ TTHC được xử lý hoàn toàn trực tuyến",
                "Số doanh nghiệp được hỗ trợ",
                "Tỷ lệ hài lòng",
                "Đảm bảo tối thiểu có 10 sáng kiến được áp dụng",
                "có ít nhất 01 sáng kiến cấp thành phố",
                "Tỷ lệ phủ sóng 5G",
                "Tỷ lệ phủ sóng 4G trên địa bàn",
            ]
        );
        assert!(
            found
                .iter()
                .all(|f| f.group == "Nhóm chỉ tiêu về sở hữu trí tuệ")
        );
        assert_eq!(number(&found[0].indicator), (Comparison::AtLeast, 95.0));
        assert_eq!(found[0].indicator.unit, "%");
        assert_eq!(found[2].indicator.unit, "doanh nghiệp");
        assert_eq!(number(&found[2].indicator), (Comparison::AtLeast, 2.0));
        assert_eq!(number(&found[3].indicator), (Comparison::MoreThan, 95.0));
        assert_eq!(found[4].indicator.unit, "sáng kiến");
        assert_eq!(
            found[4].indicator.target_as_written,
            "tối thiểu có 10 sáng kiến"
        );
        assert_eq!(number(&found[6].indicator), (Comparison::AtLeast, 80.0));
        assert_eq!(found[7].indicator.target_as_written, "đạt từ 50% trở lên");
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn a_sentence_with_two_targets_is_listed_for_the_clerk() {
        let mut notes = Vec::new();
        let found = read(
            &rows(&[
                "2. Chỉ tiêu",
                "Hồ sơ điện tử đạt 90% và ký số đạt 80% trong năm.",
            ]),
            &mut notes,
        );
        assert!(found.is_empty());
        assert_eq!(notes.len(), 1);
        assert!(notes[0].message.contains("2 mức chỉ tiêu"), "{notes:?}");
    }
}
