//! Vietnamese proofing that needs no dictionary (issue 14, item 5, in part): one
//! tone-mark style per document (hòa / hoà, khỏe / khoẻ, thủy / thuỷ), and spacing and
//! punctuation (double spaces, a space before `, . ; :`, none after `,` `;` `:`,
//! unmatched brackets and quotes). Findings carry a one-click fix where there is one.

use unicode_normalization::UnicodeNormalization;

pub use super::citations::{Citation, citation_problems, citations};
pub use crate::model::ProofRule;

/// One finding in a paragraph: what, the text as it is and its fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: ProofRule,
    pub paragraph: usize,
    pub message: String,
    /// (as written, replacement) when a click can fix it.
    pub fix: Option<(String, String)>,
}

/// Where the tone mark of a word ending in `oa`, `oe` or `uy` sits: `Some(true)` on the
/// first vowel (hòa, the older style), `Some(false)` on the second (hoà), `None` when
/// the word has no such ending with a tone.
fn tone_style(word: &str) -> Option<bool> {
    // Only words ending in o/u + a/e/y (with tone marks) can be ambiguous: look at the
    // last two characters before decomposing anything.
    let mut last = word.chars().rev();
    let (Some(b), Some(a)) = (last.next(), last.next()) else {
        return None;
    };
    // Most words end in a consonant or another vowel: settled without lower-casing.
    if b.is_ascii() && !matches!(b, 'a' | 'e' | 'y' | 'A' | 'E' | 'Y')
        || a.is_ascii() && !matches!(a, 'o' | 'u' | 'O' | 'U')
    {
        return None;
    }
    let (a, b) = (crate::vi::lower(a), crate::vi::lower(b));
    let first_ok = matches!(
        a,
        'o' | 'ó' | 'ò' | 'ỏ' | 'õ' | 'ọ' | 'u' | 'ú' | 'ù' | 'ủ' | 'ũ' | 'ụ'
    );
    let second_ok = matches!(
        b,
        'a' | 'á'
            | 'à'
            | 'ả'
            | 'ã'
            | 'ạ'
            | 'e'
            | 'é'
            | 'è'
            | 'ẻ'
            | 'ẽ'
            | 'ẹ'
            | 'y'
            | 'ý'
            | 'ỳ'
            | 'ỷ'
            | 'ỹ'
            | 'ỵ'
    );
    if !(first_ok && second_ok) {
        return None;
    }
    // Letters of the word with their tone mark apart.
    let mut letters: Vec<(char, Option<char>)> = Vec::new();
    for c in word.nfd() {
        if TONES.contains(&c) {
            if let Some(last) = letters.last_mut() {
                last.1 = Some(c);
            }
        } else if unicode_normalization::char::is_combining_mark(c) {
            // Circumflex, breve, horn: part of the letter.
            if let Some(last) = letters.last_mut() {
                last.0 = std::iter::once(last.0)
                    .chain(std::iter::once(c))
                    .nfc()
                    .next()
                    .unwrap_or(last.0);
            }
        } else {
            letters.push((c.to_lowercase().next().unwrap_or(c), None));
        }
    }
    let n = letters.len();
    if n < 2 {
        return None;
    }
    let (a, b) = (letters[n - 2], letters[n - 1]);
    let pair = matches!((a.0, b.0), ('o', 'a') | ('o', 'e') | ('u', 'y'));
    // "quy" (quý, quỳ): the u belongs to the consonant; "gia"-like onsets do not occur.
    let qu = a.0 == 'u' && n >= 3 && letters[n - 3].0 == 'q';
    if !pair || qu {
        return None;
    }
    match (a.1, b.1) {
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        _ => None,
    }
}

/// `word` with its tone mark moved to the other vowel of its `oa`/`oe`/`uy` ending.
fn restyle(word: &str) -> String {
    let chars: Vec<char> = word.nfd().collect();
    let Some(pos) = chars.iter().position(|c| TONES.contains(c)) else {
        return word.to_owned();
    };
    let tone = chars[pos];
    let mut rest: Vec<char> = chars.clone();
    rest.remove(pos);
    // Base letters (non-combining) and their indices.
    let bases: Vec<usize> = rest
        .iter()
        .enumerate()
        .filter(|(_, c)| !unicode_normalization::char::is_combining_mark(**c))
        .map(|(i, _)| i)
        .collect();
    let n = bases.len();
    if n < 2 {
        return word.to_owned();
    }
    // The tone was on the first vowel of the ending when it sat before the last letter.
    let last = bases[n - 1];
    let on_first = pos <= last;
    let target = if on_first { rest.len() } else { bases[n - 1] };
    let insert_at = if on_first {
        target
    } else {
        // After the second-to-last letter and its own marks.
        bases[n - 1]
    };
    rest.insert(insert_at, tone);
    rest.into_iter().nfc().collect()
}

use crate::vi::{TONES, is_letter, is_letter_or_digit, lower_keeps_length};

/// Words of `text` (runs of letters) with their byte positions, found without
/// allocating; an ASCII byte is tested without decoding.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    // Whether the character at byte `at` is a letter, and its length.
    let letter_at = move |at: usize| match bytes.get(at) {
        Some(&b) if b < 0x80 => Some((b.is_ascii_alphabetic(), 1)),
        Some(_) => text
            .get(at..)
            .and_then(|t| t.chars().next())
            .map(|c| (is_letter(c), c.len_utf8())),
        None => None,
    };
    std::iter::from_fn(move || {
        loop {
            let (letter, len) = letter_at(i)?;
            if letter {
                break;
            }
            i += len;
        }
        let start = i;
        while let Some((true, len)) = letter_at(i) {
            i += len;
        }
        Some((start, &text[start..i]))
    })
}

/// The document's tone style: the one most of its ambiguous words use (`true` for
/// hòa), `None` when it has no such word.
pub fn majority_style(texts: &[&str]) -> Option<bool> {
    let (mut old, mut new) = (0usize, 0usize);
    for t in texts {
        for (_, w) in words(t) {
            match tone_style(w) {
                Some(true) => old += 1,
                Some(false) => new += 1,
                None => {}
            }
        }
    }
    match (old, new) {
        (0, 0) => None,
        (o, n) => Some(o >= n),
    }
}

/// The findings of one text (a section body) under the document's tone `style`: one
/// pass over each paragraph's words for the tone style, capitals and spelling, one
/// over its bytes for spacing; listed rule by rule within a paragraph.
pub fn proof(text: &str, style: Option<bool>, off: &[ProofRule]) -> Vec<Finding> {
    let style = style.filter(|_| !off.contains(&ProofRule::ToneStyle));
    let (spacing_on, capitals_on, spelling_on) = (
        !off.contains(&ProofRule::Spacing),
        !off.contains(&ProofRule::Capitals),
        !off.contains(&ProofRule::Spelling),
    );
    let mut out = Vec::new();
    for (p, line) in super::paragraphs(text).enumerate() {
        let body = line.trim_start();
        // Fields and table bars are not prose.
        let prose = super::prose(body, 'x');
        let (mut names, mut spelling) = (Vec::new(), Vec::new());
        for (i, w) in words(&prose) {
            if let Some(style) = style
                && tone_style(w).is_some_and(|s| s != style)
            {
                let fixed = restyle(w);
                out.push(Finding {
                    rule: ProofRule::ToneStyle,
                    paragraph: p,
                    message: format!(
                        "đoạn {}: “{w}” khác kiểu bỏ dấu của cả văn bản (“{fixed}”)",
                        p + 1
                    ),
                    fix: Some((w.to_owned(), fixed)),
                });
            }
            if capitals_on {
                super::capitals::capitals(&prose, i, w, p, &mut names);
            }
            if spelling_on && let Some((message, fix)) = misspelt(w) {
                spelling.push(Finding {
                    rule: ProofRule::Spelling,
                    paragraph: p,
                    message: format!("đoạn {}: {message}", p + 1),
                    fix,
                });
            }
        }
        if spacing_on && !body.starts_with('|') {
            spacing(&prose, p, &mut out);
        }
        // Positions in the lower-cased paragraph are those of the paragraph only when
        // no character changes length: otherwise no name is looked for.
        if !names.is_empty() && prose.chars().all(lower_keeps_length) {
            // In the order the names end (the longer first): as they are read.
            names.sort_by_key(|&(end, start, _)| (end, start));
            out.extend(names.into_iter().map(|(_, _, f)| f));
        }
        out.append(&mut spelling);
    }
    out
}

fn spacing(text: &str, p: usize, out: &mut Vec<Finding>) {
    let mut push = |message: String, fix: Option<(String, String)>| {
        out.push(Finding {
            rule: ProofRule::Spacing,
            paragraph: p,
            message: format!("đoạn {}: {message}", p + 1),
            fix,
        })
    };
    let b = text.as_bytes();
    let (mut open, mut close, mut quote_open, mut quote_close) = (0usize, 0usize, 0usize, 0usize);
    // Every character looked at is ASCII but the quotes (E2 80 9C, E2 80 9D); the bytes
    // of other characters are never ASCII.
    for (i, &c) in b.iter().enumerate() {
        match c {
            b' ' if i > 0 && b[i - 1] != b' ' && b.get(i + 1) == Some(&b' ') => {
                // Six characters before, eight from here.
                let from = text[..i]
                    .char_indices()
                    .rev()
                    .take(6)
                    .last()
                    .map_or(i, |(j, _)| j);
                let to = text[i..]
                    .char_indices()
                    .nth(8)
                    .map_or(text.len(), |(j, _)| i + j);
                push(
                    format!("hai dấu cách liền nhau (“{}”)", text[from..to].trim()),
                    Some(("  ".into(), " ".into())),
                );
            }
            b',' | b'.' | b';' | b':' => {
                let c = char::from(c);
                if i >= 2 && b[i - 1] == b' ' && b[i - 2] != b' ' {
                    // "điện tử ." → "điện tử."
                    let before = &text[..i - 1];
                    let start = before
                        .char_indices()
                        .rev()
                        .take_while(|&(_, x)| is_letter_or_digit(x))
                        .last()
                        .map_or(before.len(), |(j, _)| j);
                    let word = &before[start..];
                    if !word.is_empty() {
                        push(
                            format!("dấu cách thừa trước dấu “{c}”"),
                            Some((format!("{word} {c}"), format!("{word}{c}"))),
                        );
                    }
                }
                if matches!(c, ',' | ';')
                    && let Some(prev) = text[..i].chars().next_back().filter(|x| is_letter(*x))
                    && let Some(next) = text[i + 1..].chars().next().filter(|x| is_letter(*x))
                {
                    push(
                        format!("thiếu dấu cách sau dấu “{c}”"),
                        Some((format!("{prev}{c}{next}"), format!("{prev}{c} {next}"))),
                    );
                }
            }
            b'(' => open += 1,
            b')' => close += 1,
            0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0x9C) => quote_open += 1,
                Some(0x9D) => quote_close += 1,
                _ => {}
            },
            _ => {}
        }
    }
    if open != close {
        push("ngoặc đơn “(” và “)” không khớp nhau".into(), None);
    }
    if quote_open != quote_close {
        push("ngoặc kép “ và ” không khớp nhau".into(), None);
    }
}

/// Words typed with Telex whose keys were never turned into letters ("vieetj",
/// "dduwowcj"), and tone marks on the wrong vowel of `oa`, `oe`, `uy` before a final
/// consonant ("tòan" for "toàn"). The app's own syllable rules, not a word list: no
/// Vietnamese syllable has a doubled `a`, `e`, `d` or the Telex keys `w`, `aw`, `ow`,
/// `uw`, or ends in `j`, `f`, `z`; loanwords in the text are left alone when they are
/// capitalised or listed.
fn misspelt(word: &str) -> Option<(String, Option<(String, String)>)> {
    const LOANWORDS: [&str; 8] = [
        "zoom", "xoong", "boong", "google", "facebook", "email", "wifi", "website",
    ];
    let ascii = word.is_ascii();
    // Telex keys are ASCII letters; a word with Vietnamese letters is past that stage
    // (`đ`, `Đ` are the bytes C4 91, C4 90). A word is letters only.
    let telex_candidate = ascii
        || word
            .as_bytes()
            .windows(2)
            .any(|b| matches!(b, [0xC4, 0x90 | 0x91]));
    if telex_candidate
        && !word.chars().next().is_some_and(char::is_uppercase)
        && (if ascii {
            word.len()
        } else {
            word.chars().count()
        }) >= 3
    {
        // Lower-cased on the stack: most words of a report are short and ASCII.
        let mut buf = [0u8; 32];
        let owned;
        let lower: &[u8] = match buf.get_mut(..word.len()) {
            Some(b) if ascii => {
                b.copy_from_slice(word.as_bytes());
                b.make_ascii_lowercase();
                b
            }
            _ => {
                owned = word.to_lowercase();
                owned.as_bytes()
            }
        };
        // Telex keys doubled or typed after a vowel: byte pairs, ASCII on both sides,
        // so the bytes of a Vietnamese letter never make one. The loanwords are looked
        // up only for a word that has them.
        let telex = (lower
            .windows(2)
            .any(|w| matches!(w, b"dd" | b"aa" | b"ee" | b"oo" | b"aw" | b"ow" | b"uw"))
            || (matches!(lower.last(), Some(b'j' | b'f' | b'z')) && lower.is_ascii()))
            && !LOANWORDS.iter().any(|l| l.as_bytes() == lower);
        if telex {
            return Some((
                format!("“{word}” có vẻ là chữ gõ Telex chưa chuyển thành tiếng Việt"),
                None,
            ));
        }
    }
    // A tone mark is never ASCII.
    if ascii {
        return None;
    }
    misplaced_tone(word).map(|fixed| {
        (
            format!("“{word}” đặt dấu thanh sai chỗ (“{fixed}”)"),
            Some((word.to_owned(), fixed)),
        )
    })
}

/// `word` with its tone moved to the second vowel when it sits on the first of
/// `oa`/`oe`/`uy` followed by a final consonant ("tòan" → "toàn").
fn misplaced_tone(word: &str) -> Option<String> {
    // Only a tone on o or u (óòỏõọ úùủũụ) can be misplaced this way.
    if !word.chars().any(|c| {
        matches!(
            c,
            'ó' | 'ò'
                | 'ỏ'
                | 'õ'
                | 'ọ'
                | 'ú'
                | 'ù'
                | 'ủ'
                | 'ũ'
                | 'ụ'
                | 'Ó'
                | 'Ò'
                | 'Ỏ'
                | 'Õ'
                | 'Ọ'
                | 'Ú'
                | 'Ù'
                | 'Ủ'
                | 'Ũ'
                | 'Ụ'
        )
    }) {
        return None;
    }
    let letters: Vec<char> = word.nfd().collect();
    let tone_at = letters.iter().position(|c| TONES.contains(c))?;
    let base = |i: usize| {
        letters
            .get(i)
            .map(|c| c.to_lowercase().next().unwrap_or(*c))
    };
    // The letter the tone belongs to, then the next base letter.
    let vowel = base(tone_at.checked_sub(1)?)?;
    let next = letters
        .iter()
        .enumerate()
        .skip(tone_at + 1)
        .find(|(_, c)| !unicode_normalization::char::is_combining_mark(**c))
        .map(|(i, c)| (i, c.to_lowercase().next().unwrap_or(*c)))?;
    let pair = matches!((vowel, next.1), ('o', 'a') | ('o', 'e') | ('u', 'y'));
    let q = tone_at >= 2 && base(tone_at - 2) == Some('q');
    let has_final = letters
        .iter()
        .skip(next.0 + 1)
        .any(|c| c.is_alphabetic() && !unicode_normalization::char::is_combining_mark(*c));
    if !pair || q || !has_final {
        return None;
    }
    let mut moved = letters.clone();
    let tone = moved.remove(tone_at);
    // After the second vowel (and its own marks).
    let mut at = next.0; // shifted by one after the removal
    while moved
        .get(at)
        .is_some_and(|c| unicode_normalization::char::is_combining_mark(*c))
    {
        at += 1;
    }
    moved.insert(at, tone);
    Some(moved.into_iter().nfc().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tone_style_of_a_word_is_read_and_moved() {
        assert_eq!(tone_style("hòa"), Some(true));
        assert_eq!(tone_style("hoà"), Some(false));
        assert_eq!(tone_style("khỏe"), Some(true));
        assert_eq!(tone_style("thuỷ"), Some(false));
        assert_eq!(tone_style("quý"), None, "qu is a consonant");
        assert_eq!(tone_style("hoàn"), None, "a final consonant decides");
        assert_eq!(tone_style("hoa"), None);
        assert_eq!(restyle("hòa"), "hoà");
        assert_eq!(restyle("hoà"), "hòa");
        assert_eq!(restyle("thủy"), "thuỷ");
        assert_eq!(restyle("Khoẻ"), "Khỏe");
    }

    #[test]
    fn the_minority_style_is_flagged_with_the_majority_as_fix() {
        let texts = ["Hòa bình, hòa hợp và thủy lợi.", "Khoẻ mạnh."];
        let style = majority_style(&texts);
        assert_eq!(style, Some(true));
        let f = proof(texts[1], style, &[]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].fix, Some(("Khoẻ".into(), "Khỏe".into())));
        assert!(proof(texts[1], style, &[ProofRule::ToneStyle]).is_empty());
    }

    #[test]
    fn citations_are_read_and_checked_against_the_plan_and_the_report_date() {
        let plan = "Kế hoạch số 18/KH-UBND ngày 23/01/2026";
        let by = chrono::NaiveDate::from_ymd_opt(2026, 6, 30);
        assert!(
            citation_problems(
                "Thực hiện Kế hoạch số 18/KH-UBND ngày 23/01/2026 của UBND xã.",
                by,
                plan
            )
            .is_empty()
        );
        let party = "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024; Kế hoạch số 49/KH-UBND ngày 12/02/2026 của thành phố.";
        assert!(
            citation_problems(party, by, plan).is_empty(),
            "{:?}",
            citation_problems(party, by, plan)
        );
        let bad = "Theo Kế hoạch số 18/KH-UBND ngày 25/01/2026; Quyết định số 45/qđ-ubnd ngày 31/02/2026; Công văn số 214/UBND-VHXH ngày 19/8/2026.";
        let found = citation_problems(bad, by, plan);
        let m: Vec<&str> = found.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(found.len(), 4, "{m:#?}");
        assert!(m.iter().any(|x| x.contains("khác kế hoạch")));
        assert!(m.iter().any(|x| x.contains("viết hoa")));
        assert!(m.iter().any(|x| x.contains("không có thật")));
        assert!(m.iter().any(|x| x.contains("muộn hơn")));
    }

    #[test]
    fn capitals_telex_and_misplaced_tones_are_flagged_and_correct_text_is_not() {
        let good = "Ủy ban nhân dân xã đã ban hành Nghị quyết số 12/NQ-HĐND; ỦY BAN NHÂN DÂN; toàn bộ, khuyến khích, quý, Zalo và email.";
        assert!(
            proof(good, None, &[]).is_empty(),
            "{:?}",
            proof(good, None, &[])
        );
        let bad = "ủy ban nhân dân xã theo nghị quyết số 5; việc vieetj dduwowcj tòan bộ.";
        let f = proof(bad, None, &[]);
        let m: Vec<&str> = f.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(f.len(), 5, "{m:#?}");
        assert!(
            f.iter()
                .any(|x| x.fix == Some(("tòan".into(), "toàn".into())))
        );
        assert!(
            f.iter()
                .any(|x| x.fix == Some(("ủy ban nhân dân".into(), "Ủy ban nhân dân".into())))
        );
        assert_eq!(misplaced_tone("hòang").as_deref(), Some("hoàng"));
    }

    #[test]
    fn a_document_kind_needs_its_number_and_a_name_its_whole_words() {
        let fine =
            "Đẩy mạnh kế hoạch số hóa hồ sơ, báo cáo số liệu hằng tháng; xã hội hóa nguồn lực.";
        assert!(
            proof(fine, None, &[]).is_empty(),
            "{:?}",
            proof(fine, None, &[])
        );
        let bad = "Theo kế hoạch số 18/KH-UBND và báo cáo số 7 của sở khoa học và công nghệ, đoàn thanh niên cộng sản Hồ Chí Minh.";
        let fixes: Vec<_> = proof(bad, None, &[])
            .into_iter()
            .filter_map(|f| f.fix.map(|(_, to)| to))
            .collect();
        assert_eq!(
            fixes,
            // In the order they are written.
            [
                "Kế hoạch số",
                "Báo cáo số",
                "Sở Khoa học và Công nghệ",
                "Đoàn Thanh niên Cộng sản Hồ Chí Minh"
            ],
            "{fixes:?}"
        );
    }

    #[test]
    fn spacing_and_punctuation_are_flagged_and_fields_are_not_prose() {
        let text = "Đạt  kết quả tốt ,chưa đạt;còn lại (một phần.\nSố liệu {{CT01.kết quả}} ổn, 1,5 triệu; “trích dẫn”.";
        let f = proof(text, None, &[]);
        let messages: Vec<&str> = f.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(f.len(), 4, "{messages:#?}");
        assert!(messages.iter().any(|m| m.contains("hai dấu cách")));
        assert!(messages.iter().any(|m| m.contains("thừa trước dấu “,”")));
        assert!(
            messages
                .iter()
                .any(|m| m.contains("thiếu dấu cách sau dấu “;”"))
        );
        assert!(messages.iter().any(|m| m.contains("ngoặc đơn")));
        assert!(
            f.iter().all(|x| x.paragraph == 0),
            "the second line is clean"
        );
    }
}
