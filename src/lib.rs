//! baocao drafts, reviews and prints a commune's periodic reports on Resolution 57.
//!
//! One pipeline, read in one direction:
//!
//! ```text
//! project file (.ron) ─load─▶ model ─compose─▶ document tree ─layout─▶ pages ─▶ PDF
//!                               ▲                                           └─▶ preview
//!                       ui edits the model through commands
//! ```
//!
//! - [`model`]: plain serde data (project, plan, periods, reports, review fields);
//! - [`storage`]: load / save / migrate the RON file, atomically; review files;
//! - [`review`]: the review workflow, comments, what changed, merging review files;
//! - [`vi`]: Vietnamese numbers, dates, numerals, alphabetical order, NFC;
//! - [`export`]: laid-out pages → PDF, fonts embedded and subset;
//! - [`print`]: the pages asked for → the system's printer;
//! - [`aggregate`]: many communes' files summed into the city's table (XLSX, PDF);
//! - [`check`]: the problems of a project a clerk must fix, in Vietnamese;
//! - [`edit`]: every change as an edit, with undo and redo;
//! - [`guide`]: the editor's steps, guidance texts and phrases;
//! - [`import`]: indicator and task tables from CSV or XLSX, previewed then applied;
//! - [`limits`]: the one set of bounds every reader of outside files keeps;
//! - [`compose`], [`layout`]: report → document tree → pages;
//! - [`render`]: one report → its pages, metadata and warnings, read by every output;
//! - [`session`]: the open document (load, save, lock, autosave, recovery, review files);
//! - [`units`]: millimetres and points in types, and the A4 sheet;
//! - [`issue`]: the sign-ready final PDF with its source attached, and the check of a
//!   signed copy;
//! - [`cli`]: the commands without a window;
//! - [`ui`]: the eframe window.

pub mod aggregate;
pub mod check;
pub mod cli;
pub mod compose;
pub mod edit;
pub mod export;
pub mod guide;
pub mod import;
pub mod issue;
pub mod layout;
pub mod limits;
pub mod model;
pub mod print;
pub mod render;
pub mod review;
pub mod session;
pub mod storage;
pub mod ui;
pub mod units;
pub mod vi;

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
