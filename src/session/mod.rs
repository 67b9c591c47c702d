//! session: the open document and everything derived from it, without a window.
//!
//! - [`OpenDocument`]: the project, where it lives, its lock, undo history, autosave
//!   and recovery, review files (`document.rs`, `review.rs`);
//! - [`Derived`]: what the window shows that is computed from a revision (pages,
//!   problems, step states, suggestions, figures, review changes), once per revision;
//!   [`Background`] derives it on a thread of its own, off the window's frame;
//! - [`steps`]: how far each step of the report has come;
//! - [`reports`]: the skeleton of a new report and the report of the next period.
//!
//! The window (`ui`) drives it through commands; the tests drive it directly.

mod background;
mod changed;
mod derived;
mod document;
pub mod phrases;
pub mod plan_revisions;
mod read_only;
mod recovery;
pub mod reports;
mod review;
pub mod steps;
pub mod termination;

pub use background::Background;
pub use changed::{ChangedPlace, changed_place};
pub use derived::{Derived, Figure, StepSummary};
pub use document::{
    AUTOSAVE_EVERY, OpenDocument, SAMPLE, SaveError, data_dir, documents_dir, unsaved_recovery_path,
};
pub use read_only::ReadOnlyReason;
pub use recovery::{RecoveryOffer, differences, recovery_offer, save_recovered_beside};
pub use review::{MergeOutcome, MergedFile, ReviewStepError};

/// The local time, for review steps and the lock.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}
