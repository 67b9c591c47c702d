//! check, carry-over: a report made from the previous period's (issue 23, item 1) has
//! the words naming the period moved on — only those that belong to the period. Never
//! inside a citation of another document, never in a table that compares periods over
//! figures that stay; what may be stale and is not changed is listed: sentences whose
//! figures are the old period's, month words, deadlines already passed. Pure text in,
//! text and lists out; the session says where each text is. The period words
//! themselves are found and rewritten in `model::period_words`.

use crate::model::{Period, PeriodKind};

use crate::model::period_words::{Mention, cumulative, ends, mentions, written};

/// A period word moved on, at `start` (bytes) of the new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub start: usize,
    pub before: String,
    pub after: String,
    /// The sentence it stands in, as it reads now.
    pub sentence: String,
    /// Where `after` starts in `sentence` (bytes).
    pub in_sentence: usize,
}

impl Moved {
    /// `text` with this word put back as it was, found by its sentence (the text may
    /// have been edited elsewhere since); `None` when the sentence no longer reads so.
    pub fn undo_in(&self, text: &str) -> Option<String> {
        let at = text.find(&self.sentence)? + self.in_sentence;
        let end = at + self.after.len();
        (text.get(at..end)? == self.after)
            .then(|| format!("{}{}{}", &text[..at], self.before, &text[end..]))
    }

    /// Keeps this word findable after `undone`, in the same sentence, was put back.
    pub fn after_undo_of(&mut self, undone: &Moved) {
        if undone.sentence != self.sentence {
            return;
        }
        let (a, b) = (undone.in_sentence, undone.in_sentence + undone.after.len());
        if let Some(old) = self.sentence.get(a..b)
            && old == undone.after
        {
            self.sentence = format!(
                "{}{}{}",
                &self.sentence[..a],
                undone.before,
                &self.sentence[b..]
            );
            if self.in_sentence >= b {
                self.in_sentence = self.in_sentence + undone.before.len() - undone.after.len();
            }
        }
    }
}

pub use crate::model::CarriedWhy as LeftWhy;

/// Something left as written that may be stale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Left {
    /// The words in question (a period word, a table's header row, a date).
    pub said: String,
    /// The sentence (or table row) it stands in, as it reads now.
    pub sentence: String,
    pub why: LeftWhy,
}

/// A text carried over to the next period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    pub text: String,
    pub moved: Vec<Moved>,
    pub left: Vec<Left>,
}

/// `text` of a report of `from` with its period words moved to `to`: the period
/// itself, the one before it after a comparison ("so với quý I"), the next one
/// (Nhiệm vụ thời gian tới) and the months since January ending with it ("6 tháng đầu
/// năm", "tiến độ 6 tháng"). `next_tasks`: the text is in Nhiệm vụ thời gian tới.
pub fn carry_over(text: &str, from: Period, to: Period, next_tasks: bool) -> Carried {
    let mut out = Carried::default();
    let mut in_table = false;
    for line in text.split_inclusive('\n') {
        let table_row = line.trim_start().starts_with('|');
        if table_row {
            // A table comparing periods keeps its header with its figures; the table is
            // listed once.
            if !in_table && !mentions(line, from.year).is_empty() {
                out.left.push(Left {
                    said: line.trim().to_owned(),
                    sentence: line.trim().to_owned(),
                    why: LeftWhy::Table,
                });
            }
            in_table = true;
            out.text.push_str(line);
            continue;
        }
        in_table = false;
        carry_line(line, from, to, next_tasks, &mut out);
    }
    out
}

/// One line (not a table row) carried over into `out`.
fn carry_line(line: &str, from: Period, to: Period, next_tasks: bool, out: &mut Carried) {
    let base = out.text.len();
    let mut new = String::with_capacity(line.len());
    let mut at = 0;
    // (start in `new`, end in `new`) of each word moved, to find their sentences after.
    let mut moved_at: Vec<(usize, usize, String, String)> = Vec::new();
    // Where each moved word stood in `line`, and how much longer it became.
    let mut growth: Vec<(usize, isize)> = Vec::new();
    let mut cited: Vec<(usize, usize)> = Vec::new();
    for m in mentions(line, from.year) {
        if m.start < at {
            continue;
        }
        let Some(target) = target_of(&m, from, to) else {
            continue;
        };
        let said = &line[m.start..m.end];
        let new_words = written(&m, said, target);
        if new_words == said {
            continue;
        }
        if in_citation(line, m.start) {
            cited.push((m.start, m.end));
            continue;
        }
        new.push_str(&line[at..m.start]);
        let start = new.len();
        new.push_str(&new_words);
        growth.push((m.start, new_words.len() as isize - said.len() as isize));
        moved_at.push((start, new.len(), said.to_owned(), new_words));
        at = m.end;
    }
    new.push_str(&line[at..]);
    // Positions in `line` of what was left, mapped into `new` by the shifts before them.
    let shift = |pos: usize| -> usize {
        let by: isize = growth
            .iter()
            .filter(|(s, _)| *s < pos)
            .map(|(_, g)| g)
            .sum();
        pos.saturating_add_signed(by)
    };
    let mut figures_noted: Vec<(usize, usize)> = Vec::new();
    for (s, e, before, after) in &moved_at {
        let (a, b) = sentence_bounds(&new, *s);
        let sentence = new[a..b].trim().to_owned();
        let trimmed_start = a + (new[a..b].len() - new[a..b].trim_start().len());
        out.moved.push(Moved {
            start: base + s,
            before: before.clone(),
            after: after.clone(),
            sentence: sentence.clone(),
            in_sentence: s - trimmed_start,
        });
        // Figures of the next-period section are aims, not results of the old period.
        if !next_tasks
            && !figures_noted.contains(&(a, b))
            && has_typed_figures(&new[a..b], &new[*s..*e])
        {
            figures_noted.push((a, b));
            out.left.push(Left {
                said: after.clone(),
                sentence,
                why: LeftWhy::Figures,
            });
        }
    }
    for (s, e) in cited {
        let (a, b) = sentence_bounds(&new, shift(s));
        out.left.push(Left {
            said: line[s..e].to_owned(),
            sentence: new[a..b].trim().to_owned(),
            why: LeftWhy::Citation,
        });
    }
    for (s, e, month) in months(&new) {
        if in_citation(&new, s) {
            continue;
        }
        let (a, b) = sentence_bounds(&new, s);
        let sentence = new[a..b].trim().to_owned();
        let (m, y) = month;
        let in_old = y == from.year && (from.start_month()..=from.end_month()).contains(&m);
        let passed = next_tasks && (y, m) <= ends(to);
        if passed {
            out.left.push(Left {
                said: new[s..e].to_owned(),
                sentence,
                why: LeftWhy::Deadline,
            });
        } else if in_old && !next_tasks {
            out.left.push(Left {
                said: new[s..e].to_owned(),
                sentence,
                why: LeftWhy::Month,
            });
        }
    }
    if next_tasks {
        for (s, e, date) in dates(&new) {
            let moved_here = moved_at.iter().any(|(ms, me, _, _)| *ms <= s && e <= *me);
            if moved_here || in_citation(&new, s) {
                continue;
            }
            if to.end_date().is_some_and(|end| date <= end) {
                let (a, b) = sentence_bounds(&new, s);
                out.left.push(Left {
                    said: new[s..e].to_owned(),
                    sentence: new[a..b].trim().to_owned(),
                    why: LeftWhy::Deadline,
                });
            }
        }
    }
    out.text.push_str(&new);
}

/// The period a mention of `from`'s report names in a report of `to`, if it moves.
fn target_of(m: &Mention, from: Period, to: Period) -> Option<Period> {
    let next_from = from.next();
    let next_to = to.next();
    if let (Some(pf), Some(pt)) = (from.previous(), to.previous())
        && ends(m.period) == ends(pf)
        && matches!(m.period.kind, PeriodKind::Quarter(_))
        && !m.date
    {
        // "so với quý I" in quý II is "so với quý II" in quý III.
        return Some(pt);
    }
    if ends(m.period) == ends(from) {
        // A quarter, or the months since January, ending with the period.
        return Some(match m.period.kind {
            PeriodKind::Quarter(_) => to,
            _ => cumulative(to),
        });
    }
    if ends(m.period) == ends(next_from) {
        return Some(match m.period.kind {
            PeriodKind::Quarter(_) => next_to,
            _ => cumulative(next_to),
        });
    }
    None
}

/// Whether byte `at` of `line` stands in a citation of another document: its number
/// (`số 1152/SKHCN-KHTC`, `số 57-NQ/TW`), its date and body (`ngày 12/6/2026 của Sở …`),
/// and its title after `về` / `về việc`, to the end of the sentence.
pub(super) fn in_citation(line: &str, at: usize) -> bool {
    citation_spans(line)
        .iter()
        .any(|(s, e)| (*s..*e).contains(&at))
}

/// `số ` as the bytes of a line.
static SO: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("số "));

/// The byte ranges of `line` that cite other documents.
pub(super) fn citation_spans(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in SO.find_iter(line.as_bytes()) {
        let after_word = i + "số ".len();
        let rest = &line[after_word..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || !rest[digits..].starts_with(['/', '-']) {
            continue;
        }
        let code = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')'))
            .unwrap_or(rest.len());
        let mut end = after_word + code;
        if let Some(t) = line[end..].strip_prefix(" ngày ") {
            let date = t
                .find(|c: char| !(c.is_ascii_digit() || c == '/'))
                .unwrap_or(t.len());
            if date > 0 {
                end += " ngày ".len() + date;
            }
        }
        let (_, sentence_end) = sentence_bounds(line, end);
        let tail = &line[end..sentence_end];
        // "… của Sở … về việc báo cáo kết quả quý II năm 2026": the title is quoted.
        let titled =
            tail.starts_with(" về ") || (tail.starts_with(" của ") && tail.contains(" về "));
        if titled {
            end = sentence_end;
        }
        out.push((i, end));
    }
    out
}

/// The sentence around byte `at` of `text`: from after the last `. `, `; `, `! `, `? `
/// or line break before it, to the next one (or the end).
fn sentence_bounds(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let ends_at = |s: &str| -> Option<usize> {
        [". ", "; ", "! ", "? ", "\n"]
            .iter()
            .filter_map(|sep| s.find(sep).map(|i| i + 1))
            .min()
    };
    let start = [". ", "; ", "! ", "? ", "\n"]
        .iter()
        .filter_map(|sep| text[..at].rfind(sep).map(|i| i + sep.len()))
        .max()
        .unwrap_or(0);
    let end = ends_at(&text[at..]).map_or(text.len(), |i| at + i);
    (start, end.max(start))
}

/// Whether `sentence` has figures typed in it besides the period words `moved`: counts,
/// rates, quantities — not dates, years, document numbers or codes, or fields.
fn has_typed_figures(sentence: &str, moved: &str) -> bool {
    let masked = crate::compose::placeholders::mask_fields(sentence, ' ');
    let masked = masked.replacen(moved, &" ".repeat(moved.len()), 1);
    let bytes = masked.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_digit() || matches!(bytes[i], b'.' | b',' | b'/' | b'-'))
        {
            i += 1;
        }
        let raw = &masked[start..i];
        let token = raw.trim_end_matches(['.', ',']);
        let before = masked[..start].trim_end();
        let after = masked[start + token.len()..].trim_start();
        let numbers: Vec<Option<u32>> = token.split('/').map(|n| n.parse().ok()).collect();
        let is_date = match numbers.as_slice() {
            [Some(d), Some(m)] => {
                (1..=31).contains(d) && (1..=12).contains(m) || (1..=12).contains(d) && *m >= 1900
            }
            [Some(d), Some(m), Some(y)] => {
                (1..=31).contains(d) && (1..=12).contains(m) && *y >= 1900
            }
            _ => false,
        };
        let is_year = token.len() == 4 && token.starts_with("20") && !after.starts_with(['%']);
        // "số 18/KH-UBND", "57-NQ/TW": numbers of documents and codes.
        let is_code = before.ends_with("số")
            || token.ends_with(['/', '-'])
            || after.starts_with(|c: char| c.is_uppercase());
        // "6 tháng", "9 tháng": period words of their own, moved or not.
        let is_months = matches!(token, "3" | "6" | "9" | "12") && after.starts_with("tháng");
        // Numbering at the start of the sentence ("1.", "2.1.") is not a figure.
        let is_numbering = before.is_empty() && raw.ends_with('.') && token.len() <= 4;
        if !(is_date || is_year || is_code || is_months || is_numbering) {
            return true;
        }
    }
    false
}

/// Months written as `tháng 6/2026` or `tháng 6 năm 2026`: (start, end, (month, year)).
fn months(text: &str) -> Vec<(usize, usize, (u32, i32))> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("tháng ") {
        if i > 0
            && text[..i]
                .chars()
                .next_back()
                .is_some_and(crate::vi::is_letter_or_digit)
        {
            continue;
        }
        let rest = &text[i + "tháng ".len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(month) = digits.parse::<u32>() else {
            continue;
        };
        if !(1..=12).contains(&month) {
            continue;
        }
        let after = &rest[digits.len()..];
        for sep in ["/", " năm "] {
            if let Some(r) = after.strip_prefix(sep) {
                let year: String = r.chars().take_while(char::is_ascii_digit).collect();
                if year.len() == 4
                    && let Ok(y) = year.parse::<i32>()
                {
                    let end = i + "tháng ".len() + digits.len() + sep.len() + 4;
                    out.push((i, end, (month, y)));
                }
            }
        }
    }
    out
}

/// Dates written `31/7/2026` (or `31/07/2026`): (start, end, date).
fn dates(text: &str) -> Vec<(usize, usize, chrono::NaiveDate)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit()
            || (i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'/'))
        {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'/') {
            i += 1;
        }
        let token = &text[start..i];
        let parts: Vec<&str> = token.split('/').collect();
        if let [d, m, y] = parts.as_slice()
            && y.len() == 4
            && let (Ok(d), Ok(m), Ok(y)) = (d.parse(), m.parse(), y.parse())
            && let Some(date) = chrono::NaiveDate::from_ymd_opt(y, m, d)
        {
            out.push((start, i, date));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q2: Period = Period {
        year: 2026,
        kind: PeriodKind::Quarter(2),
    };
    const Q3: Period = Period {
        year: 2026,
        kind: PeriodKind::Quarter(3),
    };

    #[test]
    fn a_citation_of_another_document_is_kept_word_for_word_and_listed() {
        let text = "Công văn số 1152/SKHCN-KHTC ngày 12/6/2026 của Sở Khoa học và Công nghệ về việc báo cáo kết quả thực hiện quý II năm 2026;\nTrong quý II, xã tập trung chỉ đạo.";
        let c = carry_over(text, Q2, Q3, false);
        assert!(c.text.starts_with(
            "Công văn số 1152/SKHCN-KHTC ngày 12/6/2026 của Sở Khoa học và Công nghệ về việc báo cáo kết quả thực hiện quý II năm 2026;"
        ), "{}", c.text);
        assert!(c.text.ends_with("Trong quý III, xã tập trung chỉ đạo."));
        assert_eq!(c.moved.len(), 1);
        assert!(
            c.left
                .iter()
                .any(|l| l.why == LeftWhy::Citation && l.said == "quý II năm 2026")
        );
    }

    #[test]
    fn a_document_number_alone_does_not_hold_back_the_period_after_it() {
        let text = "Kết quả thực hiện 15 chỉ tiêu theo Kế hoạch số 18/KH-UBND đến hết ngày 30/6/2026 như sau (so sánh với tiến độ 6 tháng):";
        let c = carry_over(text, Q2, Q3, false);
        assert!(c.text.contains("đến hết ngày 30/9/2026"), "{}", c.text);
        assert!(c.text.contains("tiến độ 9 tháng"), "{}", c.text);
        assert!(
            c.left.iter().all(|l| l.why != LeftWhy::Citation),
            "{:?}",
            c.left
        );
    }

    #[test]
    fn a_table_comparing_periods_keeps_its_header_over_its_figures_and_is_listed() {
        let text = "So sánh:\n| Nội dung | Quý I | Quý II |\n|---|---|---|\n| Hồ sơ | 1.520 | 1.846 |\nTrong quý II đạt.";
        let c = carry_over(text, Q2, Q3, false);
        assert!(
            c.text.contains("| Nội dung | Quý I | Quý II |"),
            "{}",
            c.text
        );
        assert!(c.text.ends_with("Trong quý III đạt."));
        let tables: Vec<&Left> = c.left.iter().filter(|l| l.why == LeftWhy::Table).collect();
        assert_eq!(tables.len(), 1, "{:?}", c.left);
    }

    #[test]
    fn a_sentence_moved_with_the_old_periods_figures_is_marked() {
        let text = "Trong quý II, Trung tâm tiếp nhận 1.846 hồ sơ, đạt 72,4%.\nTrong quý II, tiếp tục triển khai.";
        let c = carry_over(text, Q2, Q3, false);
        assert!(
            c.text
                .starts_with("Trong quý III, Trung tâm tiếp nhận 1.846 hồ sơ")
        );
        let figures: Vec<&Left> = c
            .left
            .iter()
            .filter(|l| l.why == LeftWhy::Figures)
            .collect();
        assert_eq!(figures.len(), 1, "{:?}", c.left);
        assert!(figures[0].sentence.contains("1.846 hồ sơ"));
        assert!(
            figures[0].sentence.contains("quý III"),
            "the sentence as it reads now"
        );
    }

    #[test]
    fn months_progress_words_and_passed_deadlines_are_moved_or_listed() {
        let text = "Kết quả khảo sát trong tháng 6/2026 cho thấy; so sánh với tiến độ 6 tháng, đến hết ngày 30/6/2026 đạt.";
        let c = carry_over(text, Q2, Q3, false);
        assert!(c.text.contains("tiến độ 9 tháng"), "{}", c.text);
        assert!(c.text.contains("30/9/2026"));
        assert!(
            c.text.contains("tháng 6/2026"),
            "a month is a fact: listed, not moved"
        );
        assert!(
            c.left
                .iter()
                .any(|l| l.why == LeftWhy::Month && l.said == "tháng 6/2026")
        );
        let next = "Hoàn thành trước ngày 31/7/2026; triển khai trong tháng 7/2026; xong trước 31/12/2026.";
        let c = carry_over(next, Q2, Q3, true);
        let deadlines: Vec<&str> = c
            .left
            .iter()
            .filter(|l| l.why == LeftWhy::Deadline)
            .map(|l| l.said.as_str())
            .collect();
        assert_eq!(deadlines, ["tháng 7/2026", "31/7/2026"], "{:?}", c.left);
    }

    #[test]
    fn positions_of_moved_words_point_into_the_new_text() {
        let text = "Quý II: đạt.\nTrong quý II năm 2026 và 6 tháng đầu năm, so với quý I.";
        let c = carry_over(text, Q2, Q3, false);
        for m in &c.moved {
            assert_eq!(&c.text[m.start..m.start + m.after.len()], m.after, "{m:?}");
            assert!(c.text.contains(&m.sentence));
        }
        assert_eq!(c.moved.len(), 4, "{:?}", c.moved);
    }

    #[test]
    fn one_moved_word_is_put_back_by_its_sentence_and_the_others_stay_findable() {
        let text = "Mở đầu.\nTrong quý II và 6 tháng đầu năm, so với quý I đạt.";
        let c = carry_over(text, Q2, Q3, false);
        assert_eq!(c.moved.len(), 3);
        let edited = format!("Thêm một câu. {}", c.text);
        let mut moved = c.moved.clone();
        let back = moved[1].undo_in(&edited).unwrap();
        assert!(
            back.contains("Trong quý III và 6 tháng đầu năm, so với quý II đạt."),
            "{back}"
        );
        let undone = moved[1].clone();
        for m in &mut moved {
            m.after_undo_of(&undone);
        }
        let back = moved[2].undo_in(&back).unwrap();
        assert!(
            back.contains("Trong quý III và 6 tháng đầu năm, so với quý I đạt."),
            "{back}"
        );
        assert_eq!(moved[0].undo_in("văn bản khác"), None);
    }
}
