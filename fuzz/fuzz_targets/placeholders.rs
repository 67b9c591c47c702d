//! Any text with `{{…}}` fields: splitting gives back the text, and every field
//! resolves (to a value or a reason) without panicking, against the sample project.
#![no_main]

mod common;

use baocao::compose::placeholders::{Piece, problems, resolve, split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 4096 {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let project = common::sample();
    let Some(report) = project.reports.first() else {
        return;
    };
    let pieces = split(text);
    let mut joined = String::new();
    for piece in &pieces {
        match piece {
            Piece::Text(t) => {
                assert!(!t.is_empty(), "no empty text piece");
                joined.push_str(t);
            }
            Piece::Field { raw, inner } => {
                assert!(raw.starts_with("{{") && raw.ends_with("}}"), "{raw:?}");
                joined.push_str(raw);
                let _ = resolve(project, report, inner);
            }
        }
    }
    assert_eq!(joined, text, "the pieces make up the text");

    // The same text as typed into a report: every problem it raises can be named.
    let mut report = report.clone();
    report.opening = baocao::vi::nfc(text);
    for p in problems(project, &report) {
        let _ = p.to_string();
    }
});
