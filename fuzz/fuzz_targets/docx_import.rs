//! Any bytes as a Word file: the guard (zip budgets, the nesting pre-scan), docx-rs,
//! the recogniser and the placing of comments never panic, never overflow the stack
//! and stay within the run's `-rss_limit_mb` and `-timeout` (a hungry or slow input is
//! a finding).
#![no_main]

mod common;

use std::path::Path;

use baocao::import::docx;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 256 * 1024 {
        return;
    }
    let path = Path::new("bao-cao.docx");
    let Ok(word) = docx::open(data, path) else {
        return;
    };
    let found = docx::recognise(&word);
    for note in &found.rec.notes {
        let _ = docx::describe_note(note);
    }
    let project = common::sample();
    if let Some(report) = project.reports.first() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 6, 30)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default();
        let _ = docx::place_comments(&word, report, now);
    }
});
