//! Counts typed in a report's text (issue 14, item 1): "03 chỉ tiêu chưa đạt" against
//! the computed totals, and a paragraph announcing "08 nhiệm vụ:" against the items
//! listed under it. Part of the figure checks (`check/figures.rs`); pure.

use crate::model::rich;

/// What `chỉ` and `nhiệm` contain in any case.
static NOUN_LETTERS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 8]> =
    std::sync::LazyLock::new(|| {
        ["hỉ", "Hỉ", "hỈ", "HỈ", "ệm", "ệM", "Ệm", "ỆM"].map(memchr::memmem::Finder::new)
    });

/// Counts typed before "chỉ tiêu … chưa đạt", "chỉ tiêu … đạt", "nhiệm vụ … quá hạn",
/// "nhiệm vụ … hoàn thành" that differ from the computed ones.
pub(super) fn typed_counts(
    line: &str,
    not_met: usize,
    achieved: usize,
    overdue: usize,
    done: usize,
) -> Vec<(String, &'static str, &'static str, &'static str, usize)> {
    let mut out = Vec::new();
    // Both nouns are written with `hỉ` (chỉ) or `ệm` (nhiệm), in any case.
    if !NOUN_LETTERS
        .iter()
        .any(|f| f.find(line.as_bytes()).is_some())
    {
        return out;
    }
    // Tokens read in lower case only after a count: most are not one.
    let mut tokens = line.split_whitespace();
    while let Some(t) = tokens.next() {
        let digits = t.trim_start_matches(['(', '“']);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(n) = digits.parse::<usize>() else {
            continue;
        };
        let mut next = tokens.clone();
        let (Some(first), Some(second)) = (next.next(), next.next()) else {
            continue;
        };
        let lower = |w: &str| w.to_lowercase();
        let noun = match (lower(first).as_str(), lower(second)) {
            ("chỉ", t) if t.starts_with("tiêu") => "chỉ tiêu",
            ("nhiệm", t) if t.starts_with("vụ") => "nhiệm vụ",
            _ => continue,
        };
        let rest = next.take(6).map(lower).collect::<Vec<_>>().join(" ");
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
            out.push((digits.to_owned(), noun, said, field, actual));
        }
    }
    out
}

/// A paragraph ending with `:` that counts its items ("08 nhiệm vụ … :") followed by a
/// different number of list items one level deeper: (what it says, items listed).
/// `blocks` are the paragraphs `lines` read as rich text, made once per text.
pub(super) fn counted_list(
    lines: &[&str],
    blocks: &mut Option<Vec<rich::Block>>,
    p: usize,
    plain: &str,
) -> Option<(String, usize)> {
    let line = plain.trim_end();
    if !line.ends_with(':') {
        return None;
    }
    let blocks = blocks.get_or_insert_with(|| rich::parse(&lines.join("\n")).0);
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
