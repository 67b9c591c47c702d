//! Any bytes as a "signed PDF" handed to `baocao verify`: reading the file, its
//! signatures, revisions and attached source, checking the signature values, analysing
//! the updates after a signature, and comparing it with the sample project or with the
//! source it carries, gives a verdict or an error, never a panic. Run with
//! `-rss_limit_mb=512 -timeout=5`: the reader is bounded, so a slow or hungry input is
//! a finding too.
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
    // The update analysis from every revision on, as if a signature ended there.
    for end in baocao::export::read::revision_ends(data).into_iter().take(4) {
        let _ = baocao::export::read::changes_after(data, end);
    }
    // The signature-value check on the bytes as a CMS structure over themselves.
    let (a, b) = data.split_at(data.len() / 2);
    let _ = baocao::issue::signer::check_value(a, &[b]);
});
