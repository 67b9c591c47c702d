//! Vietnamese formatting rules shared by every layer: NFC text, numbers with a decimal
//! comma, dates as written in documents, Roman numerals, point letters, document
//! numbers, alphabetical order, folding (marks and case) for comparisons, capitals and
//! shortened quotes.
//!
//! Pure functions with no dependency on the rest of the crate.

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{UnicodeNormalization, is_nfc};

/// Whether `c` is a character a report never prints: zero-width spaces and joiners,
/// the byte order mark, bidirectional controls (U+202A–202E, U+2066–2069), the soft
/// hyphen, and control characters other than line breaks and tabs. Pasted from Word
/// or a web page they would print as □, a visible mark, or a hyphen mid-line.
pub fn is_invisible(c: char) -> bool {
    // Every file is scanned for these on loading: ASCII answers without the tables.
    if c.is_ascii() {
        return c.is_ascii_control() && !matches!(c, '\n' | '\t' | '\r');
    }
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    ) || (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
}

/// How many characters of `text` are [`is_invisible`].
pub fn invisible_count(text: &str) -> usize {
    text.chars().filter(|c| is_invisible(*c)).count()
}

/// Returns `text` in Unicode NFC (precomposed letters such as `ệ` as one code point),
/// without the characters a report never prints ([`is_invisible`]). Every text that
/// enters the program (typed, pasted, imported, loaded) goes through here.
pub fn nfc(text: &str) -> String {
    let clean = if text.chars().any(is_invisible) {
        std::borrow::Cow::Owned(
            text.chars()
                .filter(|c| !is_invisible(*c))
                .collect::<String>(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    if is_nfc(&clean) {
        clean.into_owned()
    } else {
        clean.nfc().collect()
    }
}

/// The first `max` characters of `text`, with "…" when it is longer: how a long text
/// is quoted in a note, a message or one line of a list.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", text.get(..i).unwrap_or(text)),
        None => text.to_owned(),
    }
}

/// `char::is_alphabetic`, answered without the Unicode tables for the Latin letters
/// Vietnamese text is made of (U+00C0–U+024F but × and ÷, U+1E00–U+1EFF): the checks
/// ask it of every character of every report, and the tables' slow path dominated
/// checking a folder of communes' files.
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{1E00}'..='\u{1EFF}' => true,
        '\u{C0}'..='\u{24F}' => c != '×' && c != '÷',
        c if c.is_ascii() => false,
        c => c.is_alphabetic(),
    }
}

/// [`is_letter`] or a digit: `char::is_alphanumeric` without the slow path.
pub fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || (!c.is_ascii() && c.is_numeric())
}

/// Upper-case Roman numeral for 1..=3999; other numbers are written in Arabic digits.
pub fn roman(n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    let mut rest = n;
    for (value, digits) in TABLE {
        while rest >= value {
            out.push_str(digits);
            rest -= value;
        }
    }
    out
}

/// The value of a Roman numeral from I to XXXIX written the usual way.
pub fn roman_value(s: &str) -> Option<u32> {
    (1..40).find(|&n| roman(n) == s)
}

/// A letter without its marks, one char for one char so that positions stay the same:
/// `ế` → `e`, `Ư` → `U`, `đ` → `d`.
pub fn base_letter(c: char) -> char {
    match c {
        'đ' => 'd',
        'Đ' => 'D',
        c if c.is_ascii() => c,
        c => std::iter::once(c).nfd().next().unwrap_or(c),
    }
}

/// `text` with a capital first letter: how a message or a list line starts.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lower case, without diacritics (`đ` → `d`), punctuation turned into single spaces:
/// `“Đơn vị chủ trì, theo dõi”` → `don vi chu tri theo doi`.
pub fn fold(text: &str) -> String {
    let plain: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .flat_map(char::to_lowercase)
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`fold`] of at most the first `chars` characters of `text`: enough to test how a
/// line starts without folding a long paragraph.
pub fn fold_start(text: &str, chars: usize) -> String {
    let end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i);
    fold(text.get(..end).unwrap_or(text))
}

/// `text` reduced to lowercase ASCII letters, digits and single dashes, for ids and
/// file names: `Nguyễn Văn Đức` → `nguyen-van-duc`. Empty when nothing is left.
pub fn ascii_slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else if !is_combining_mark(c) {
            dash = true;
        }
    }
    out
}

/// The letters used for points `a)`, `b)` …: the Vietnamese alphabet without f, j, w, z.
pub const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// True for a letter used to number points (a, b, c, d, đ, e, …; no f, j, w, z).
pub fn is_point_letter(c: char) -> bool {
    let mut buf = [0u8; 4];
    POINT_LETTERS.contains(&&*c.encode_utf8(&mut buf))
}

/// The letter of the point at `index` (0 → `a`, 4 → `đ`); past `y` the letters double
/// (`aa`, `bb` …) as some documents do.
pub fn point_letter(index: usize) -> String {
    let n = POINT_LETTERS.len();
    let letter = POINT_LETTERS[index % n];
    letter.repeat(index / n + 1)
}

/// Formats a number with a decimal comma and a thousands dot, with at most
/// `max_decimals` decimals and no trailing zeros: `1250.0 → "1.250"`, `92.5 → "92,5"`.
pub fn format_number(value: f64, max_decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let fixed = format!("{:.*}", max_decimals, value.abs());
    let (int_part, frac_part) = match fixed.split_once('.') {
        Some((i, f)) => (i.to_owned(), f.trim_end_matches('0').to_owned()),
        None => (fixed.clone(), String::new()),
    };
    let mut grouped = String::new();
    let digits: Vec<char> = int_part.chars().collect();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(*d);
    }
    let negative =
        value < 0.0 && (grouped.chars().any(|c| c != '0' && c != '.') || !frac_part.is_empty());
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(&frac_part);
    }
    out
}

/// Why a typed number could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("chưa nhập số")]
    Empty,
    #[error("“{0}” không phải là số (dùng dấu phẩy cho phần thập phân, ví dụ 92,5)")]
    NotANumber(String),
}

/// Reads a number typed the Vietnamese way: `92,5`, `1.250`, `1.250,75`, `95 %`.
/// A lone dot followed by other than three digits is taken as a decimal point (`92.5`).
pub fn parse_number(text: &str) -> Result<f64, NumberError> {
    let t: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return Err(NumberError::Empty);
    }
    let bad = || NumberError::NotANumber(text.trim().to_owned());
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, t.as_str()),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(bad());
    }
    let machine = if body.contains(',') {
        if body.matches(',').count() > 1 {
            return Err(bad());
        }
        let (int_part, frac) = body.split_once(',').ok_or_else(bad)?;
        if int_part.contains('.') && !is_grouped(int_part) {
            return Err(bad());
        }
        format!("{}.{}", int_part.replace('.', ""), frac)
    } else if body.contains('.') {
        if is_grouped(body) {
            body.replace('.', "")
        } else if body.matches('.').count() == 1 {
            body.to_owned()
        } else {
            return Err(bad());
        }
    } else {
        body.to_owned()
    };
    if machine.starts_with('.') || machine.ends_with('.') {
        return Err(bad());
    }
    machine.parse::<f64>().map(|v| sign * v).map_err(|_| bad())
}

/// True for `1.250` or `12.345.678`: groups of three digits after the first group.
fn is_grouped(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() > 1
        && (1..=3).contains(&parts[0].len())
        && parts[1..].iter().all(|p| p.len() == 3)
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
}

/// `ngày 05 tháng 02 năm 2026`; without a date, day and month stay blank for a draft:
/// `ngày    tháng    năm 2026`.
pub fn date_long(date: Option<NaiveDate>, year: i32) -> String {
    match date {
        Some(d) => format!(
            "ngày {:02} tháng {} năm {}",
            d.day(),
            month_in_text(d.month()),
            d.year()
        ),
        None => format!("ngày      tháng      năm {year}"),
    }
}

/// Months 1 and 2 get a leading zero in a date line (the decree's rule), others do not.
fn month_in_text(month: u32) -> String {
    if month < 3 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

/// A date in running text and headers: `15/5/2026`, `05/02/2026` (the day always with
/// two digits, months 1 and 2 too, as in a date line).
pub fn date_in_text(date: NaiveDate) -> String {
    format!(
        "{:02}/{}/{}",
        date.day(),
        month_in_text(date.month()),
        date.year()
    )
}

/// The place and date line: `An Lãm, ngày 05 tháng 02 năm 2026`.
pub fn date_line(place: &str, date: Option<NaiveDate>, year: i32) -> String {
    format!("{place}, {}", date_long(date, year))
}

/// A date as written in tables: `05/02/2026`.
pub fn date_short(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

/// A moment as written in a review note: `10:05 ngày 22/11/2026`.
pub fn time_and_date(at: NaiveDateTime) -> String {
    format!(
        "{:02}:{:02} ngày {}",
        at.hour(),
        at.minute(),
        date_short(at.date())
    )
}

/// The document number line: `Số: 05/BC-UBND`, or `Số:      /BC-UBND` for a draft.
pub fn doc_number(number: Option<u32>, type_code: &str, org_code: &str) -> String {
    let code = if org_code.is_empty() {
        type_code.to_uppercase()
    } else {
        format!("{}-{}", type_code.to_uppercase(), org_code.to_uppercase())
    };
    match number {
        Some(n) => format!("Số: {n:02}/{code}"),
        None => format!("Số:       /{code}"),
    }
}

/// Base letters in Vietnamese alphabetical order, with their letter marks composed.
const ALPHABET: [&str; 29] = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ",
    "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
];

/// The five tone marks as combining characters, in their traditional order after
/// ngang (none): huyền, hỏi, ngã, sắc, nặng. Alphabetical order ranks them so, the
/// city's name keys write a word's rank, and proofing looks for them in a word.
pub const TONES: [char; 5] = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];

/// The lower case of `c` when it is one character (else `c`), answered without the
/// Unicode tables for ASCII and the Vietnamese letters: Latin-1's capitals are 0x20
/// below their small letters, Latin Extended Additional's (Ạ … Ỹ) one below.
pub fn lower(c: char) -> char {
    match c {
        'A'..='Z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' => {
            char::from_u32(u32::from(c) + 0x20).unwrap_or(c)
        }
        c if c.is_ascii() => c,
        '\u{1EA0}'..='\u{1EFF}' => char::from_u32(u32::from(c) | 1).unwrap_or(c),
        c => {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(one), None) => one,
                _ => c,
            }
        }
    }
}

/// Whether `c` written in lower case takes as many bytes as `c`: true of every letter
/// Vietnamese uses, so that a position in a lower-cased text is one in the text.
/// Answered without the Unicode tables for ASCII and the Latin ranges of
/// [`is_letter`] (the proofing asks it of every character of a paragraph).
pub fn lower_keeps_length(c: char) -> bool {
    match c {
        c if c.is_ascii() => true,
        // İ (i and a dot above), Ⱥ, Ⱦ (lower case outside the range) and ẞ (ß).
        '\u{130}' | '\u{23A}' | '\u{23E}' | '\u{1E9E}' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => true,
        c => c.to_lowercase().map(char::len_utf8).sum::<usize>() == c.len_utf8(),
    }
}

/// Collation key of one character: (primary, tone, case).
fn char_key(c: char) -> (u32, u8, u8) {
    let lower: String = c.to_lowercase().collect();
    let case = u8::from(c.is_uppercase());
    let mut decomposed: Vec<char> = lower.nfd().collect();
    let tone = decomposed
        .iter()
        .position(|m| TONES.contains(m))
        .map(|pos| decomposed.remove(pos));
    let tone_rank = tone
        .and_then(|t| TONES.iter().position(|x| *x == t))
        .map_or(0, |p| p as u8 + 1);
    let base: String = decomposed.into_iter().collect::<String>().nfc().collect();
    let primary = match ALPHABET.iter().position(|l| *l == base) {
        Some(i) => 0x1_0000 + i as u32 * 4,
        // Letters outside the Vietnamese alphabet (f, j, w, z) sort beside their neighbours.
        None if matches!(base.as_str(), "f" | "j" | "w" | "z") => {
            let after = match base.as_str() {
                "f" => "e",
                "j" => "i",
                "w" => "v",
                _ => "y",
            };
            let i = ALPHABET.iter().position(|l| *l == after).unwrap_or(0);
            0x1_0000 + i as u32 * 4 + 3
        }
        None => base.chars().next().map_or(0, u32::from),
    };
    (primary, tone_rank, case)
}

/// Compares two names in Vietnamese alphabetical order (a ă â b c d đ e ê …), tones
/// second and case last, so that `Đặng` sorts after `Dương` and before `Hà`.
pub fn compare(a: &str, b: &str) -> Ordering {
    let ka: Vec<_> = a.chars().map(char_key).collect();
    let kb: Vec<_> = b.chars().map(char_key).collect();
    let primary = |k: &[(u32, u8, u8)]| k.iter().map(|x| x.0).collect::<Vec<_>>();
    let tone = |k: &[(u32, u8, u8)]| k.iter().map(|x| x.1).collect::<Vec<_>>();
    let case = |k: &[(u32, u8, u8)]| k.iter().map(|x| x.2).collect::<Vec<_>>();
    primary(&ka)
        .cmp(&primary(&kb))
        .then_with(|| tone(&ka).cmp(&tone(&kb)))
        .then_with(|| case(&ka).cmp(&case(&kb)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_letter_tests_agree_with_unicode_on_every_latin_character() {
        for c in ('\0'..='\u{2FF}')
            .chain('\u{1E00}'..='\u{1EFF}')
            .chain(['“', '–', 'đ', 'Ư', '\u{301}', '٣', '½'])
        {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
        for c in '\0'..='\u{7f}' {
            let control = c.is_control() && !matches!(c, '\n' | '\t' | '\r');
            assert_eq!(is_invisible(c), control, "{c:?}");
        }
    }

    #[test]
    fn the_quick_lower_case_agrees_with_unicode_on_every_latin_character() {
        for c in ('\0'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            let mut l = c.to_lowercase();
            let want = match (l.next(), l.next()) {
                (Some(one), None) => one,
                _ => c,
            };
            assert_eq!(lower(c), want, "{c:?}");
        }
        assert_eq!(lower('Ữ'), 'ữ');
        assert_eq!(lower('Đ'), 'đ');
    }

    #[test]
    fn the_quick_length_test_agrees_with_lower_casing_on_every_latin_character() {
        for c in ('\0'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            let lower: String = c.to_lowercase().collect();
            assert_eq!(lower_keeps_length(c), lower.len() == c.len_utf8(), "{c:?}");
        }
    }

    #[test]
    fn decomposed_text_becomes_precomposed() {
        let decomposed = "Vie\u{302}\u{323}t Nam";
        let composed = nfc(decomposed);
        assert_eq!(composed, "Việt Nam");
        assert_eq!(composed.chars().count(), 8);
        assert_eq!(nfc(&composed), composed);
    }

    #[test]
    fn roman_numerals_cover_section_numbers() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(0), "0");
    }

    #[test]
    fn point_letters_skip_f_j_w_z_and_include_dd() {
        let letters: Vec<String> = (0..7).map(point_letter).collect();
        assert_eq!(letters, ["a", "b", "c", "d", "đ", "e", "g"]);
        assert_eq!(point_letter(22), "y");
        assert_eq!(point_letter(23), "aa");
    }

    #[test]
    fn numbers_use_a_decimal_comma_and_a_thousands_dot() {
        assert_eq!(format_number(92.5, 2), "92,5");
        assert_eq!(format_number(1250.0, 2), "1.250");
        assert_eq!(format_number(1234567.891, 2), "1.234.567,89");
        assert_eq!(format_number(100.0, 1), "100");
        assert_eq!(format_number(-3.25, 1), "-3,2");
        assert_eq!(format_number(0.0, 1), "0");
        assert_eq!(format_number(f64::NAN, 1), "—");
    }

    #[test]
    fn typed_numbers_are_read_the_vietnamese_way() {
        assert_eq!(parse_number("92,5"), Ok(92.5));
        assert_eq!(parse_number(" 1.250 "), Ok(1250.0));
        assert_eq!(parse_number("1.250,75"), Ok(1250.75));
        assert_eq!(parse_number("95%"), Ok(95.0));
        assert_eq!(parse_number("92.5"), Ok(92.5));
        assert_eq!(parse_number("-4"), Ok(-4.0));
        assert_eq!(parse_number(""), Err(NumberError::Empty));
        assert!(parse_number("9x").is_err());
        assert!(parse_number("1,2,3").is_err());
        assert!(parse_number(",").is_err());
        assert!(parse_number("12.34.5").is_err());
        assert!(parse_number("mười").is_err());
    }

    #[test]
    fn the_date_line_pads_day_and_first_months() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 5);
        assert_eq!(date_long(d, 2026), "ngày 05 tháng 02 năm 2026");
        let d = NaiveDate::from_ymd_opt(2026, 7, 15);
        assert_eq!(
            date_line("An Lãm", d, 2026),
            "An Lãm, ngày 15 tháng 7 năm 2026"
        );
        assert!(date_long(None, 2026).starts_with("ngày "));
        assert!(date_long(None, 2026).ends_with("tháng      năm 2026"));
    }

    #[test]
    fn table_dates_are_day_month_year() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 5).unwrap_or_default();
        assert_eq!(date_short(d), "05/02/2026");
    }

    #[test]
    fn a_review_moment_is_hours_minutes_then_the_table_date() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 2)
            .and_then(|d| d.and_hms_opt(9, 5, 30))
            .unwrap_or_default();
        assert_eq!(time_and_date(at), "09:05 ngày 02/11/2026");
    }

    #[test]
    fn document_numbers_get_a_leading_zero_or_a_blank() {
        assert_eq!(doc_number(Some(5), "BC", "UBND"), "Số: 05/BC-UBND");
        assert_eq!(doc_number(Some(123), "bc", "UBND"), "Số: 123/BC-UBND");
        assert!(doc_number(None, "BC", "UBND").ends_with("/BC-UBND"));
        assert!(doc_number(None, "BC", "UBND").starts_with("Số:  "));
    }

    #[test]
    fn names_sort_in_vietnamese_alphabetical_order() {
        let mut names: Vec<String> = ["Hà", "Đặng", "Dương", "Ân", "An", "Ăn", "Bình", "an"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(
            names,
            ["an", "An", "Ăn", "Ân", "Bình", "Dương", "Đặng", "Hà"]
        );
    }

    #[test]
    fn tones_order_after_the_letters() {
        assert_eq!(compare("ma", "mà"), Ordering::Less);
        assert_eq!(compare("mà", "mả"), Ordering::Less);
        assert_eq!(compare("mả", "mã"), Ordering::Less);
        assert_eq!(compare("mã", "má"), Ordering::Less);
        assert_eq!(compare("má", "mạ"), Ordering::Less);
        assert_eq!(compare("mạ", "mb"), Ordering::Less);
        assert_eq!(compare("Ơ", "ơ"), Ordering::Greater);
    }

    #[test]
    fn input_loses_invisible_and_control_characters_but_keeps_lines_and_tabs() {
        let pasted = "Xa\u{0303}\u{200b} hội\u{ad}\u{202a}\n\tchủ\u{2060} nghĩa\u{feff}\u{7}";
        assert_eq!(nfc(pasted), "Xã hội\n\tchủ nghĩa");
        assert_eq!(invisible_count(pasted), 6);
        assert_eq!(nfc(&nfc(pasted)), "Xã hội\n\tchủ nghĩa");
    }
}
