//! Any bytes as a project file: loading never panics, and a project that loads is
//! saved and loaded back unchanged.
#![no_main]

mod common;

use std::path::Path;

use baocao::model::Project;
use baocao::storage;
use libfuzzer_sys::fuzz_target;

fn round_trip(project: &Project) {
    let text = storage::to_string(project)
        .unwrap_or_else(|e| panic!("a loaded project must serialise: {e}"));
    let again = storage::parse(&text, Path::new("lai.ron"))
        .unwrap_or_else(|e| panic!("a saved project must load back: {e}\n--- text ---\n{text}"));
    common::assert_same("save → load round trip", project, &again);
    let text2 = storage::to_string(&again)
        .unwrap_or_else(|e| panic!("a reloaded project must serialise: {e}"));
    assert_eq!(text, text2, "saving twice gives the same text");
}

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(text) => match storage::parse(text, Path::new("du-an.ron")) {
            Ok(project) => round_trip(&project),
            Err(e) => {
                let _ = (e.to_string(), e.position());
            }
        },
        // Not UTF-8: through the file, where loading names the first bad byte.
        Err(_) => {
            let path = common::write_temp("du-an.ron", data);
            match storage::load_noting(&path) {
                Ok(loaded) => {
                    let _ = loaded.note();
                    round_trip(&loaded.project);
                }
                Err(e) => {
                    let _ = (e.to_string(), e.position());
                }
            }
        }
    }
});
