//! Any section text: parsing, highlighting for the editor, the editor's operations
//! (emphasis, list levels) and escaping never panic; highlighting covers every byte
//! once in order; escaped text reads back as itself; v1 migration keeps the words.
#![no_main]

use baocao::edit::rich_ops::{Emphasis, shift_level, toggle_emphasis};
use baocao::model::rich;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 || data.len() > 8192 {
        return;
    }
    let (a, b) = (usize::from(data[0]), usize::from(data[1]));
    let Ok(text) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    let _ = rich::parse(text);
    let looks = rich::highlight(text);
    let mut at = 0;
    for (r, _) in &looks {
        assert_eq!(r.start, at, "highlighting is contiguous");
        assert!(text.is_char_boundary(r.end), "on a character boundary");
        at = r.end;
    }
    assert_eq!(at, text.len(), "highlighting covers the text");
    let n = text.chars().count();
    let sel = a.min(n)..b.min(n);
    for kind in [Emphasis::Bold, Emphasis::Italic, Emphasis::Underline] {
        let (t, s) = toggle_emphasis(text, sel.clone(), kind);
        assert!(s.start <= s.end && s.end <= t.chars().count());
    }
    for deeper in [true, false] {
        let (t, s) = shift_level(text, sel.clone(), deeper);
        assert!(s.end <= t.chars().count());
    }
    let one_line: String = text.chars().filter(|c| !matches!(c, '\n' | '\r')).collect();
    let escaped = rich::escape(&one_line);
    let trimmed = one_line.trim();
    if !trimmed.is_empty() && rich::split_marker(trimmed).is_none() {
        let (blocks, _) = rich::parse(&escaped);
        if let Some(rich::Block::Para { para, .. }) = blocks.first() {
            assert_eq!(para.text(), trimmed, "escaped text reads back");
        }
    }
    let _ = rich::migrate_v1(text);

    // The checks of a section's text never panic on any text either.
    let _ = baocao::check::proof::proof(text, Some(a % 2 == 0), &[]);
    let _ = baocao::check::proof::citation_problems(text, None, "Kế hoạch số 18/KH-UBND ngày 23/01/2026");
    let period = baocao::model::Period::new(2026, baocao::model::PeriodKind::Quarter(2));
    let _ = baocao::check::periods::stale_periods(period, text, b % 2 == 0);
    let next = baocao::model::Period::new(2026, baocao::model::PeriodKind::Quarter(3));
    let _ = baocao::check::periods::carry_over(text, period, next, "mục");
    let opts = baocao::edit::find::FindOptions {
        match_case: a % 2 == 0,
        whole_word: b % 2 == 0,
        ignore_marks: a % 3 == 0,
    };
    let query: String = text.chars().take(a % 7 + 1).collect();
    for (s, e) in baocao::edit::find::find_in(text, &query, opts) {
        let _ = baocao::edit::find::replace_at(text, s, e, "x");
    }
});
