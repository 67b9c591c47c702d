//! Any bytes as a review file: parsing never panics, and a review file that parses
//! is written and parsed back unchanged.
#![no_main]

mod common;

use std::path::Path;

use baocao::storage::{parse_review_file, review_file_to_string};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_review_file(text, Path::new("bao-cao.gop-y-a.ron")) {
        Ok(file) => {
            let text = review_file_to_string(&file)
                .unwrap_or_else(|e| panic!("a parsed review file must serialise: {e}"));
            let again = parse_review_file(&text, Path::new("lai.ron")).unwrap_or_else(|e| {
                panic!("a written review file must parse back: {e}\n--- text ---\n{text}")
            });
            common::assert_same("write → parse round trip", &file, &again);
        }
        Err(e) => {
            let _ = (e.to_string(), e.position());
        }
    }
});
