//! The integration tests, as one test binary: a change to the library relinks one
//! binary instead of one per suite. Each suite is a module; its tests are named
//! `suite::test_name` (e.g. `cargo test --test it ui_review::`).
//!
//! Test code may unwrap and panic (a failing test says where); the crate-wide lints
//! that forbid it are for shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod aggregate;
mod bad_input;
mod city_summary;
mod cli_check;
mod cli_export;
mod docx_export;
mod docx_roundtrip;
mod hostile;
mod import;
mod import_docx;
mod import_text;
mod layering;
mod list_nesting;
mod outputs;
mod pdf_export;
mod plan_import;
mod plan_notice;
mod print_cups;
mod report_options;
mod safety;
mod sample_files;
mod sign_verify;
mod sign_verify_changes;
mod sign_verify_hostile;
mod support {
    /// The sample project's file in the source tree.
    pub const SAMPLE_PATH: &str =
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/mau-binh-minh-hai.ron");
    pub mod answers;
    pub mod cli;
    pub mod hostile;
    pub mod sample_pages;
    pub mod window;
}
mod ui_aggregate;
mod ui_app;
mod ui_edit_menu;
mod ui_fit;
mod ui_inline_table;
mod ui_long_work;
mod ui_navigation;
mod ui_period_panels;
mod ui_preview;
mod ui_print;
mod ui_problems;
mod ui_recovery;
mod ui_report_options;
mod ui_review;
mod ui_rich_text;
mod ui_sample;
mod ui_sign;
mod ui_small_screen;
mod ui_typing;
mod ui_word_import;
mod word_comments;
mod word_drafts;
mod word_edits;
mod word_tables;
