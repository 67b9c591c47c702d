//! The domain model: plain serde data for a commune's Resolution 57 project file.
//!
//! Sits at the root of the pipeline (model → compose → layout → PDF / preview).
//! No egui, no PDF library and no file I/O here; `storage` reads and writes these types.

mod figures;
mod ids;
mod organisation;
mod page_setup;
mod parse;
mod period;
pub(crate) mod period_words;
mod plan;
mod progress;
mod project;
mod proofing;
mod proposed;
mod report;
mod review;
mod revision;
pub mod rich;
mod status;
mod summary_table;
mod table_options;

pub use figures::Figure;
pub use ids::{IndicatorId, OfficeId, ReportId, SectionId, SignerId, TaskId, new_id, next_number};
pub use organisation::{Office, Organisation, Signer};
pub use page_setup::{PageSetup, PageSetupError};
pub use parse::{deadline_problem, parse_deadline, parse_target, target_problem};
pub use period::{Period, PeriodKind, PeriodParseError, quarter_of};
pub use period_words::fill_periods;
pub use plan::{
    Comparison, Deadline, Group, Indicator, Plan, Target, Task, grouped, target_label, value_label,
};
pub use progress::{IndicatorValue, PeriodRecord, TaskProgress, TaskState, Value};
pub use project::{FORMAT_VERSION, Project, SigningImages};
pub use proofing::{ProofRule, Proofing};
pub use proposed::{ChangePlace, ChangeSource, ProposedChange};
pub use report::{
    Appendices, CarriedMark, CarriedWhy, ChildNumbering, DocumentType, DocumentWords, Generated,
    Report, ReportKind, Section, SectionRole,
};
pub use review::{
    Comment, CommentAnchor, Reply, ReportStatus, Review, ReviewRole, Snapshot, SnapshotSection,
    Transition,
};
pub use revision::{ChangeKind, PlanChange, PlanRevision};
pub use status::{
    IndicatorCounts, IndicatorStatus, RULE as STATUS_RULE, TaskCounts, TaskStatus,
    indicator_status, task_status,
};
pub use summary_table::{SummaryColumn, SummaryTable};
pub use table_options::{IndicatorColumn, IndicatorTableOptions, TableNumbering};
