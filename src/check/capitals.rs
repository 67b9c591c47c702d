//! Names written with the capitals of Decree 30 Appendix II (issue 14, item 5): part of
//! proofing (`check/proof.rs`), which asks at each word of a paragraph whether a name
//! starts there written otherwise than the decree writes it. Pure; tables made once.

use super::proof::{Finding, ProofRule};
use crate::vi::{is_letter_or_digit, lower_keeps_length};

/// Names written with the capitals of Decree 30 Appendix II (bodies, offices, Party and
/// mass organisations) and document kinds before their number ("Nghị quyết số 57-…").
const CAPITALS: [&str; 49] = [
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Thường trực Hội đồng nhân dân",
    "Mặt trận Tổ quốc Việt Nam",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Chấp hành Trung ương",
    "Ban Thường vụ Đảng ủy",
    "Văn phòng Trung ương Đảng",
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Văn phòng Chính phủ",
    "Bộ Khoa học và Công nghệ",
    "Bộ Thông tin và Truyền thông",
    "Bộ Nội vụ",
    "Bộ Tài chính",
    "Bộ Công an",
    "Sở Khoa học và Công nghệ",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Trung tâm Phục vụ hành chính công",
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
    "Hội Nông dân",
    "Tòa án nhân dân",
    "Viện Kiểm sát nhân dân",
    "Kiểm toán nhà nước",
    "Ngân hàng Nhà nước Việt Nam",
    "Nghị quyết số",
    "Nghị định số",
    "Thông tư số",
    "Kế hoạch số",
    "Quyết định số",
    "Công văn số",
    "Chỉ thị số",
    "Thông báo số",
    "Kết luận số",
    "Chương trình số",
    "Đề án số",
    "Báo cáo số",
    "Tờ trình số",
    "Hướng dẫn số",
    "Quy định số",
    "Thông tri số",
];

/// A first word of [`CAPITALS`] in lower case, and the names it starts: (index in
/// [`CAPITALS`], the name in lower case).
type FirstWord = (String, Vec<(usize, String)>);

/// [`CAPITALS`] in lower case by their first word, sorted: the names that may start
/// at a word of a paragraph are found by looking that word up, made once.
static CAPITALS_BY_FIRST_WORD: std::sync::LazyLock<Vec<FirstWord>> =
    std::sync::LazyLock::new(|| {
        let mut out: Vec<FirstWord> = Vec::new();
        for (k, name) in CAPITALS.iter().enumerate() {
            let lower = name.to_lowercase();
            let (first, _) = lower.split_once(' ').unwrap_or((&lower, ""));
            let first = first.to_owned();
            match out.iter_mut().find(|(f, _)| *f == first) {
                Some((_, names)) => names.push((k, lower)),
                None => out.push((first, vec![(k, lower)])),
            }
        }
        out.sort_by(|a, b| by_length(a.0.as_bytes()).cmp(&by_length(b.0.as_bytes())));
        out
    });

/// The order of [`CAPITALS_BY_FIRST_WORD`]: by length, then by bytes, so that most
/// words are told apart without comparing bytes.
fn by_length(word: &[u8]) -> (usize, &[u8]) {
    (word.len(), word)
}

/// The first bytes of the names of [`CAPITALS`] in lower case, sorted: a word whose
/// lower case starts with another byte starts no name.
static FIRST_BYTES: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    let mut out: Vec<u8> = CAPITALS_BY_FIRST_WORD
        .iter()
        .filter_map(|(f, _)| f.bytes().next())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
});

/// The names of [`CAPITALS`] that start at word `w` (byte `i` of `text`) written
/// otherwise than the decree writes them: (end, start, finding) into `out`.
pub(super) fn capitals(
    text: &str,
    i: usize,
    w: &str,
    p: usize,
    out: &mut Vec<(usize, usize, Finding)>,
) {
    // Most words start with a letter no name starts with.
    let Some(c) = w.chars().next() else {
        return;
    };
    let mut start = [0u8; 4];
    if !FIRST_BYTES.contains(&crate::vi::lower(c).encode_utf8(&mut start).as_bytes()[0]) {
        return;
    }
    // The word in lower case on the stack; no first word of a name is longer.
    let mut buf = [0u8; 24];
    let mut len = 0;
    for c in w.chars() {
        let l = crate::vi::lower(c);
        let Some(slot) = buf.get_mut(len..len + l.len_utf8()) else {
            return;
        };
        l.encode_utf8(slot);
        len += l.len_utf8();
    }
    let table = &*CAPITALS_BY_FIRST_WORD;
    let first = &buf[..len];
    let Ok(k) = table.binary_search_by(|(f, _)| by_length(f.as_bytes()).cmp(&by_length(first)))
    else {
        return;
    };
    // A name starts a word: not after a digit either.
    if text[..i]
        .chars()
        .next_back()
        .is_some_and(is_letter_or_digit)
    {
        return;
    }
    for (n, lower) in &table[k].1 {
        let Some(&name) = CAPITALS.get(*n) else {
            continue;
        };
        // The rest of the name, character by character in lower case.
        let mut rest = text[i..].chars();
        let mut end = i;
        let same = lower.chars().all(|want| {
            rest.next().is_some_and(|c| {
                end += c.len_utf8();
                crate::vi::lower(c) == want && lower_keeps_length(c)
            })
        });
        if !same {
            continue;
        }
        let written = &text[i..end];
        // A heading in capitals is fine; so is the name as the decree writes it.
        let all_caps = written.chars().all(|c| !c.is_lowercase());
        // A document kind counts only before its number: "kế hoạch số hóa" is not one.
        let numbered = !name.ends_with(" số")
            || text[end..]
                .trim_start_matches(' ')
                .starts_with(|c: char| c.is_ascii_digit());
        let ends_word = !text[end..].chars().next().is_some_and(is_letter_or_digit);
        if written != name && !all_caps && ends_word && numbered {
            // The first word may be lower case inside a sentence for documents only
            // when quoting; the decree writes "Nghị quyết số", so flag it.
            let finding = Finding {
                rule: ProofRule::Capitals,
                paragraph: p,
                message: format!(
                    "đoạn {}: “{written}” viết hoa theo Nghị định 30 là “{name}”",
                    p + 1
                ),
                fix: Some((written.to_owned(), name.to_owned())),
            };
            out.push((end, i, finding));
        }
    }
}
