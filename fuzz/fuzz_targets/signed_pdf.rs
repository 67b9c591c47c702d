//! Any bytes as a "signed PDF" handed to `baocao verify`: reading the file, its
//! signatures, revisions and attached source, and comparing it with the sample project
//! or with the source it carries, gives a verdict or an error, never a panic.
#![no_main]

mod common;

use std::path::Path;

use baocao::issue::verify::{Against, verify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 400_000 {
        return;
    }
    let project = common::sample();
    let _ = verify(data, Path::new("da-ky.pdf"), None);
    let _ = verify(
        data,
        Path::new("da-ky.pdf"),
        Some(Against {
            project: &project,
            path: Path::new("du-an.ron"),
        }),
    );
    let _ = baocao::export::read::revision_ends(data);
});
