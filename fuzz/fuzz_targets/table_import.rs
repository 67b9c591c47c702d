//! Any bytes as an imported table: format detection, decoding (UTF-8, UTF-16, code
//! page 1258), CSV reading within the table bounds, the preview (as a .csv or, when the
//! bytes start with `P` like a ZIP, an .xlsx file: zip budgets, the ODS check) and
//! applying it to the sample project never panic, and stay within the run's
//! `-rss_limit_mb` and `-timeout`.
#![no_main]

mod common;

use std::path::Path;

use baocao::import;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 64 * 1024 {
        return;
    }
    for name in ["bang.csv", "bang.xlsx", "bang"] {
        let _ = import::detect_format(Path::new(name), data);
    }
    if let Some((text, _)) = import::decode(data)
        && let Ok(table) = import::read_csv(&text)
    {
        let _ = import::find_header(&table);
    }

    let name = if data.first() == Some(&b'P') {
        "bang.xlsx"
    } else {
        "bang.csv"
    };
    let path = common::write_temp(name, data);
    let project = common::sample();
    match import::preview(&path, project, None) {
        Ok(preview) => {
            let _ = import::describe(&preview, project);
            let _ = import::summary(&preview);
            let mut changed = project.clone();
            import::apply(&preview, &mut changed);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
