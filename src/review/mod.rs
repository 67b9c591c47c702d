//! The review workflow: who may move a report between statuses, comments and their
//! threads, what changed since the last submission, and review files that a reviewer
//! without write access leaves beside the project for the drafter to merge.
//!
//! Pure logic on top of `model` (and `compose` for section numbers): no egui, no I/O
//! (reading and writing review files is in `storage::review_file`), no clock — every
//! function that records something takes the time as `at`.

mod comments;
mod diff;
mod error;
mod file;
mod proposed;
mod workflow;

/// People and times shared by the review tests.
#[cfg(test)]
pub(crate) mod test_util {
    use super::Actor;
    use crate::model::ReviewRole;
    use chrono::{NaiveDate, NaiveDateTime};

    /// 1 July 2026 at `hour`:`min`.
    pub fn at(hour: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 7, 1)
            .and_then(|d| d.and_hms_opt(hour, min, 0))
            .unwrap()
    }

    pub fn reviewer() -> Actor {
        Actor::new("Nguyễn Văn Bình", ReviewRole::Reviewer)
    }

    pub fn drafter() -> Actor {
        Actor::new("Trần Thị Hoa", ReviewRole::Drafter)
    }
}

pub(crate) use comments::comment_id;
pub use comments::{
    add_comment, add_imported, comment_anchor_label, held_comment, holds_reply, open_comments,
    paragraph_gist, paragraphs, part_label, reopen, reply, resolve, table_row,
};
pub use diff::{
    ChangeKind, SectionChange, Span, changes, diff_baseline, diff_words, take_snapshot,
};
pub use error::ReviewError;
pub use file::{MergeReport, REVIEW_FORMAT_VERSION, ReviewFile, ReviewOp, merge};
pub use proposed::{
    accept as accept_proposed, accept_all as accept_all_proposed, add_proposed, change_caption,
    change_spans, merged_line, place_label, reject as reject_proposed,
    reject_all as reject_all_proposed,
};
pub use workflow::{
    ActionKind, Actor, Approval, UNBOUND_APPROVAL, allowed_actions, apply_action, approval_holds,
    approval_of, check_after_edit, fingerprint, printed_periods,
};

#[cfg(test)]
mod tests {
    use crate::vi::ascii_slug;

    #[test]
    fn a_vietnamese_name_becomes_a_plain_ascii_slug() {
        assert_eq!(ascii_slug("Nguyễn Văn Đức"), "nguyen-van-duc");
        assert_eq!(ascii_slug("  Trần Thị Hồng  Nhung "), "tran-thi-hong-nhung");
        assert_eq!(ascii_slug("Lê (P.CT)"), "le-p-ct");
        assert_eq!(ascii_slug("…"), "");
    }
}
