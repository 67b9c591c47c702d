//! Find and replace across a report's texts (issue 15, item 3): match case, whole
//! words, and an option to ignore tone marks and diacritics (Vietnamese-aware: `đ`
//! matches `d`, `hoà` matches `hòa`). Pure: hits are character ranges in the section
//! texts; replacing returns the new texts, applied as one undo step.

use unicode_normalization::UnicodeNormalization;

use crate::model::{Report, SectionId};

/// How to match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FindOptions {
    pub match_case: bool,
    pub whole_word: bool,
    /// Tone marks and other diacritics do not count (`hòa` finds `hoà`, `Hoa`…).
    pub ignore_marks: bool,
}

/// One match: the section and its characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub section: SectionId,
    pub start: usize,
    pub end: usize,
}

/// A character as compared: case and marks folded as asked, one char for one char so
/// that positions stay the same.
fn fold(c: char, opts: FindOptions) -> char {
    let c = if opts.ignore_marks {
        match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => std::iter::once(c).nfd().next().unwrap_or(c),
        }
    } else {
        c
    };
    if opts.match_case {
        c
    } else {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            _ => c,
        }
    }
}

/// The matches of `query` in `text`, as character ranges, not overlapping.
pub fn find_in(text: &str, query: &str, opts: FindOptions) -> Vec<(usize, usize)> {
    let hay: Vec<char> = crate::vi::nfc(text).chars().collect();
    let needle: Vec<char> = crate::vi::nfc(query)
        .chars()
        .map(|c| fold(c, opts))
        .collect();
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    let folded: Vec<char> = hay.iter().map(|c| fold(*c, opts)).collect();
    let word = |i: usize| hay.get(i).is_some_and(|c| c.is_alphanumeric());
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= folded.len() {
        if folded[i..i + needle.len()] == needle[..]
            && (!opts.whole_word || !(word(i + needle.len()) || (i > 0 && word(i - 1))))
        {
            out.push((i, i + needle.len()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// Every match in the report's section texts, in print order.
pub fn find_all(report: &Report, query: &str, opts: FindOptions) -> Vec<Hit> {
    report
        .all_sections()
        .into_iter()
        .flat_map(|s| {
            find_in(&s.body, query, opts)
                .into_iter()
                .map(|(start, end)| Hit {
                    section: s.id.clone(),
                    start,
                    end,
                })
        })
        .collect()
}

/// `text` with the characters `start..end` replaced by `with`.
pub fn replace_at(text: &str, start: usize, end: usize, with: &str) -> String {
    let text = crate::vi::nfc(text);
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    let (a, b) = (byte(start), byte(end.max(start)));
    format!("{}{with}{}", &text[..a], &text[b..])
}

/// The new texts of the sections where `query` is replaced by `with` everywhere, and
/// how many replacements that makes.
pub fn replace_all(
    report: &Report,
    query: &str,
    with: &str,
    opts: FindOptions,
) -> (Vec<(SectionId, String)>, usize) {
    let mut count = 0;
    let mut out = Vec::new();
    for s in report.all_sections() {
        let hits = find_in(&s.body, query, opts);
        if hits.is_empty() {
            continue;
        }
        count += hits.len();
        let mut text = crate::vi::nfc(&s.body);
        // Last first, so earlier positions stay right.
        for (start, end) in hits.into_iter().rev() {
            text = replace_at(&text, start, end, with);
        }
        out.push((s.id.clone(), text));
    }
    (out, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_words_and_marks_are_matched_as_asked() {
        let t = "Hòa bình, hoà hợp; HOA; hoan nghênh; Đề án";
        let o = FindOptions::default();
        assert_eq!(find_in(t, "hòa", o), vec![(0, 3)]);
        let marks = FindOptions {
            ignore_marks: true,
            ..o
        };
        assert_eq!(find_in(t, "hoa", marks).len(), 4, "hòa, hoà, HOA, hoa(n)");
        let whole = FindOptions {
            whole_word: true,
            ..marks
        };
        assert_eq!(find_in(t, "hoa", whole).len(), 3);
        let case = FindOptions {
            match_case: true,
            ..marks
        };
        assert_eq!(find_in(t, "HOA", case), vec![(19, 22)]);
        assert_eq!(find_in(t, "de an", marks).len(), 1, "đ matches d");
        assert!(find_in(t, "", o).is_empty());
    }

    #[test]
    fn replace_all_changes_every_section_and_counts() {
        let mut r = crate::session::reports::skeleton_report();
        r.sections[0].body = "quý II, quý II".into();
        r.sections[1].body = "Trong quý II.".into();
        let (bodies, n) = replace_all(&r, "quý II", "quý III", FindOptions::default());
        assert_eq!(n, 3);
        assert_eq!(bodies[0].1, "quý III, quý III");
        assert_eq!(bodies[1].1, "Trong quý III.");
    }
}
