//! baocao drafts, reviews and prints a commune's periodic reports on Resolution 57.
//!
//! One pipeline, read in one direction:
//!
//! ```text
//! project file (.ron) ─storage─▶ model ─compose─▶ document tree ─layout─▶ pages ─render─▶ Rendered
//!  .txt / .docx ─import─────────▶  ▲                  │                                    ├─▶ PDF (export)
//!                                  │                  └─▶ DOCX (export; Word lays it out)  ├─▶ preview (ui)
//!                 ui / cli edit the model through session and edit                         └─▶ printer (print)
//! ```
//!
//! The modules below are listed floor by floor, lowest first. A module names (through
//! `crate::`) only modules on floors below its own; `tests/it/layering.rs` checks it.
//!
//! 0. Text and bounds every floor uses:
//!    [`vi`] Vietnamese numbers, dates, numerals, folding, alphabetical order, NFC;
//!    [`units`] millimetres and points in types, and the A4 sheet;
//!    [`limits`] the one set of bounds every reader of outside files keeps.
//! 1. [`model`]: plain serde data (project, plan, periods and their words, reports,
//!    review fields). No I/O.
//! 2. [`compose`]: report → document tree (numbering, placeholders, tables, signature);
//!    [`guide`] the editor's steps, guidance texts and phrases.
//! 3. [`layout`]: document tree → pages of positioned items, pure;
//!    [`review`] the review workflow, comments, what changed, merging review files;
//!    [`check`] the problems of a project a clerk must fix, in Vietnamese.
//! 4. [`render`]: one report → its pages, metadata and warnings, read by every output;
//!    [`storage`] load / save / migrate the RON file, atomically; review files.
//! 5. [`export`]: laid-out pages → PDF (fonts embedded and subset); document tree → DOCX;
//!    [`import`] indicator and task tables (CSV, XLSX) and reports and plans from text
//!    or Word, recognised and previewed before they are applied.
//! 6. [`print`] the pages asked for → the system's printer;
//!    [`issue`] the sign-ready final PDF with its source attached, and the check of a
//!    signed copy; [`edit`] every change as an edit, with undo and redo;
//!    [`aggregate`] many communes' files summed into the city's table (XLSX, PDF).
//! 7. [`session`]: the open document (load, save, lock, autosave, recovery, review
//!    files) and what is derived from it once per revision.
//! 8. [`ui`] the eframe window (the only module that imports egui) and [`cli`] the
//!    commands without a window.

pub mod limits;
pub mod units;
pub mod vi;

pub mod model;

pub mod compose;
pub mod guide;

pub mod check;
pub mod layout;
pub mod review;

pub mod render;
pub mod storage;

pub mod export;
pub mod import;

pub mod aggregate;
pub mod edit;
pub mod issue;
pub mod print;

pub mod session;

pub mod cli;
pub mod ui;

/// Helpers shared by the unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    /// The sample project's file in the source tree; the program itself embeds it.
    pub const SAMPLE_PATH: &str =
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/mau-binh-minh-hai.ron");

    /// The bundled sample project.
    pub fn sample() -> crate::model::Project {
        crate::storage::load(std::path::Path::new(crate::test_support::SAMPLE_PATH))
            .unwrap_or_else(|e| panic!("{e}"))
    }
}
