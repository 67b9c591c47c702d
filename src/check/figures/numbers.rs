//! Numbers typed in a paragraph of a report (`96,8%`, `1.846`): found and read for the
//! figure checks (`check/figures.rs`); pure, positions in bytes of the paragraph.

/// A number as typed in Vietnamese (`96,8`, `1.846`), if `text` is one.
fn parse_vi_number(text: &str) -> Option<f64> {
    if !text.bytes().any(|b| matches!(b, b'.' | b',')) {
        return text.parse().ok();
    }
    let t: String = text
        .chars()
        .filter(|c| *c != '.')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    t.parse().ok()
}

/// The typed rates (`96,8%`) of a line outside its fields: (start byte, text, value).
pub(super) fn typed_rates(line: &str) -> Vec<(usize, String, f64)> {
    typed_rates_in(line, &number_tokens(line))
}

/// [`typed_rates`] among the [`number_tokens`] of `line` already found.
pub(super) fn typed_rates_in(line: &str, tokens: &[(usize, usize)]) -> Vec<(usize, String, f64)> {
    tokens
        .iter()
        .filter_map(|&(start, end)| {
            let rest = &line[end..];
            let pct = rest.trim_start_matches(' ');
            if !pct.starts_with('%') {
                return None;
            }
            let pct_end = end + (rest.len() - pct.len()) + 1;
            let v = parse_vi_number(&line[start..end])?;
            Some((start, line[start..pct_end].to_owned(), v))
        })
        .collect()
}

/// The runs of digits, `.` and `,` of `line` that start a number (not inside a word),
/// without trailing separators: (start byte, end byte).
pub(super) fn number_tokens(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
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
            out.push((start, end));
        } else {
            i += 1;
        }
    }
    out
}

/// The numbers typed in `line` (`1.846`, `12,5`) among its [`number_tokens`]: (start
/// byte, end byte, value).
pub(super) fn typed_numbers(line: &str, tokens: &[(usize, usize)]) -> Vec<(usize, usize, f64)> {
    let bytes = line.as_bytes();
    // "401/412", "6/2026": parts of a fraction or a date are not quantities.
    let slash = |b: Option<&u8>| b == Some(&b'/');
    tokens
        .iter()
        .copied()
        .filter(|&(start, end)| {
            !(slash(bytes.get(end)) || (start > 0 && slash(bytes.get(start - 1))))
        })
        .filter_map(|(start, end)| Some((start, end, parse_vi_number(&line[start..end])?)))
        .collect()
}
