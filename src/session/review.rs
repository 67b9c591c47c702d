//! session: review steps on the open document. A reviewer who has the file read-only
//! records each step in their own review file; the drafter merges the review files
//! found beside the project. No egui here.

use std::path::Path;

use chrono::NaiveDateTime;

use super::OpenDocument;
use crate::edit::{Edit, EditError, ReviewEdit};
use crate::review::{Actor, ReviewError, ReviewOp};
use crate::storage::{self, ReviewFileError};

/// Why a review step could not be recorded in the reviewer's review file.
#[derive(Debug, thiserror::Error)]
pub enum ReviewStepError {
    #[error(
        "Tệp góp ý của anh/chị đang ghi cho báo cáo “{0}”; khi tệp dự án chỉ mở để xem, mỗi lần chỉ góp ý được cho một báo cáo."
    )]
    OtherReport(String),
    #[error("Tệp dự án đang mở chỉ để xem và không ghi được tệp góp ý ở thư mục này.")]
    NoReviewFile,
    #[error("{0}")]
    Edit(#[from] EditError),
    #[error("Không ghi được góp ý vào tệp góp ý.")]
    NotRecorded,
    #[error("{0}")]
    File(#[from] ReviewFileError),
}

/// What merging one review file did.
#[derive(Debug)]
pub struct MergedFile {
    /// The review file's name.
    pub name: String,
    pub outcome: MergeOutcome,
}

/// The outcome of merging one review file.
#[derive(Debug)]
pub enum MergeOutcome {
    /// Merged: what was taken and what was left out, with the reason.
    Merged {
        applied: Vec<String>,
        skipped: Vec<String>,
    },
    Unreadable(ReviewFileError),
    Refused(ReviewError),
    NotApplied(EditError),
}

impl MergedFile {
    /// The lines that describe this file's merge, in Vietnamese.
    pub fn lines(&self) -> Vec<String> {
        let name = &self.name;
        match &self.outcome {
            MergeOutcome::Merged { applied, skipped } => {
                let mut lines = vec![format!("Tệp {name}:")];
                lines.extend(applied.iter().map(|l| format!("  + {l}")));
                lines.extend(skipped.iter().map(|l| format!("  – {l}")));
                lines
            }
            MergeOutcome::Unreadable(e) => vec![format!("Tệp {name}: {e}")],
            MergeOutcome::Refused(e) => vec![format!("Tệp {name}: {e}")],
            MergeOutcome::NotApplied(e) => vec![format!("Tệp {name}: {e}")],
        }
    }
}

impl OpenDocument {
    /// Applies a review step to the in-memory project of a read-only document and
    /// records it in the user's review file for the drafter to merge. On failure the
    /// project is as before.
    pub fn review_as_reader(
        &mut self,
        report_id: &str,
        actor: &Actor,
        at: NaiveDateTime,
        edit: ReviewEdit,
    ) -> Result<(), ReviewStepError> {
        match &mut self.review_file {
            Some((_, f)) if f.ops.is_empty() => report_id.clone_into(&mut f.report),
            Some((_, f)) if f.report != report_id => {
                return Err(ReviewStepError::OtherReport(f.report.clone()));
            }
            Some(_) => {}
            None => return Err(ReviewStepError::NoReviewFile),
        }
        let before = self.project.clone();
        let Some(before_report) = before.report(report_id) else {
            return Err(EditError::NoReport(report_id.to_owned()).into());
        };
        crate::edit::apply(
            &mut self.project,
            Edit::Review {
                report: report_id.to_owned(),
                actor: actor.clone(),
                at,
                edit: edit.clone(),
            },
        )?;
        let op = self.op_of(&before, before_report, report_id, actor, at, edit);
        let recorded = match op {
            Some(op) => self.record_review_op(op),
            None => Err(ReviewStepError::NotRecorded),
        };
        if recorded.is_err() {
            self.project = before;
        }
        self.touch_stored();
        recorded
    }

    /// The review-file operation that records `edit`, just applied to the project.
    fn op_of(
        &self,
        before: &crate::model::Project,
        before_report: &crate::model::Report,
        report_id: &str,
        actor: &Actor,
        at: NaiveDateTime,
        edit: ReviewEdit,
    ) -> Option<ReviewOp> {
        let after = self.project.report(report_id)?;
        let find = |cid: &str| after.review.comments.iter().find(|c| c.id == cid);
        Some(match edit {
            ReviewEdit::Action {
                kind,
                issue,
                remark,
            } => ReviewOp::action(before, before_report, kind, issue, actor, at, &remark),
            ReviewEdit::Comment { .. } => {
                let new = after
                    .review
                    .comments
                    .iter()
                    .find(|c| !before_report.review.comments.iter().any(|b| b.id == c.id))?;
                ReviewOp::Comment(new.clone())
            }
            ReviewEdit::Reply { comment, .. } => {
                let reply = find(&comment).and_then(|c| c.replies.last())?.clone();
                ReviewOp::Reply { comment, reply }
            }
            ReviewEdit::Resolve { comment } => ReviewOp::Resolve {
                comment,
                by: actor.recorded_name(),
                at,
            },
            ReviewEdit::Reopen { comment } => ReviewOp::Reopen {
                comment,
                by: actor.recorded_name(),
                at,
            },
        })
    }

    /// Records a review step taken while read-only in the reviewer's review file.
    pub fn record_review_op(&mut self, op: ReviewOp) -> Result<(), ReviewStepError> {
        let Some((path, file)) = &mut self.review_file else {
            return Err(ReviewStepError::NoReviewFile);
        };
        file.ops.push(op);
        storage::save_review_file(path, file)?;
        Ok(())
    }

    /// Merges every review file found beside the project, each as one undo step.
    /// Merged files are deleted when the project is next saved.
    pub fn merge_review_files(&mut self) -> Vec<MergedFile> {
        self.rescan_review_files();
        let mut out = Vec::new();
        for path in std::mem::take(&mut self.review_files) {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let outcome = self.merge_one(&path);
            if matches!(outcome, MergeOutcome::Merged { .. }) {
                self.merged_review_files.push(path);
            }
            out.push(MergedFile { name, outcome });
        }
        out
    }

    fn merge_one(&mut self, path: &Path) -> MergeOutcome {
        let file = match storage::load_review_file(path) {
            Ok(f) => f,
            Err(e) => return MergeOutcome::Unreadable(e),
        };
        // Tried on a copy first, to say what it takes and leaves out.
        let mut trial = self.project.clone();
        let report = match crate::review::merge(&mut trial, &file) {
            Ok(r) => r,
            Err(e) => return MergeOutcome::Refused(e),
        };
        self.history.seal();
        if let Err(e) = self.apply(Edit::MergeReview(Box::new(file))) {
            return MergeOutcome::NotApplied(e);
        }
        self.history.seal();
        MergeOutcome::Merged {
            applied: report.applied,
            skipped: report.skipped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ReviewRole;
    use crate::session::ReadOnlyReason;

    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default()
    }

    fn reviewer() -> Actor {
        Actor {
            name: "Trần Thị Hoa".into(),
            role: ReviewRole::Reviewer,
        }
    }

    /// The sample saved in `dir`, opened read-only by the reviewer as when somebody
    /// else holds the lock.
    fn read_only_copy(dir: &Path) -> OpenDocument {
        let path = dir.join("p.ron");
        storage::save(&path, &crate::test_support::sample()).unwrap();
        let mut doc = OpenDocument::open(&path).unwrap();
        doc.set_read_only(ReadOnlyReason::OtherWindow, &reviewer());
        doc
    }

    fn comment(section: &str, text: &str) -> ReviewEdit {
        ReviewEdit::Comment {
            section: section.into(),
            paragraph: None,
            text: text.into(),
        }
    }

    #[test]
    fn a_comment_in_a_read_only_view_goes_to_the_review_file_and_the_drafter_merges_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut reader = read_only_copy(dir.path());
        let report = reader.project.reports[0].id.clone();
        let project_file = storage::load(reader.path.as_deref().unwrap()).unwrap();
        reader
            .review_as_reader(&report, &reviewer(), at(), comment("han-che", "Nêu rõ."))
            .unwrap();
        assert_eq!(reader.project.reports[0].review.comments.len(), 1);
        assert!(
            !reader.is_dirty(),
            "stored in the review file, not the project"
        );
        assert_eq!(
            storage::load(reader.path.as_deref().unwrap()).unwrap(),
            project_file,
            "the project file is not written"
        );
        let (review_path, _) = reader.review_file.clone().unwrap();
        assert!(review_path.is_file());

        let mut drafter = OpenDocument::open(reader.path.as_deref().unwrap()).unwrap();
        let merged = drafter.merge_review_files();
        assert_eq!(merged.len(), 1);
        assert!(matches!(merged[0].outcome, MergeOutcome::Merged { .. }));
        assert!(merged[0].lines()[0].starts_with("Tệp p.gop-y-"));
        assert_eq!(drafter.project.reports[0].review.comments.len(), 1);
        assert!(drafter.is_dirty());
        assert_eq!(drafter.merged_review_files, vec![review_path]);
        // Merging again finds nothing new beside the project.
        assert!(drafter.merge_review_files().is_empty());
        assert!(drafter.undo(), "a merge is one undo step");
        assert!(drafter.project.reports[0].review.comments.is_empty());
    }

    #[test]
    fn a_read_only_view_comments_on_one_report_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let mut reader = read_only_copy(dir.path());
        let report = reader.project.reports[0].id.clone();
        reader
            .review_as_reader(&report, &reviewer(), at(), comment("han-che", "Một."))
            .unwrap();
        let err = reader
            .review_as_reader(
                "bao-cao-khac",
                &reviewer(),
                at(),
                comment("han-che", "Hai."),
            )
            .unwrap_err();
        assert!(matches!(err, ReviewStepError::OtherReport(ref r) if *r == report));
        assert_eq!(reader.project.reports[0].review.comments.len(), 1);
    }

    #[test]
    fn a_step_that_cannot_be_applied_leaves_the_project_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let mut reader = read_only_copy(dir.path());
        let before = reader.project.clone();
        let err = reader
            .review_as_reader("khong-co", &reviewer(), at(), comment("han-che", "X"))
            .unwrap_err();
        assert!(matches!(err, ReviewStepError::Edit(_)), "{err}");
        assert_eq!(reader.project, before);
    }

    #[test]
    fn an_unreadable_review_file_is_reported_and_not_merged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        storage::save(&path, &crate::test_support::sample()).unwrap();
        std::fs::write(
            dir.path().join("p.gop-y-hoa.ron"),
            "(format_version: 1, ops: [",
        )
        .unwrap();
        let mut drafter = OpenDocument::open(&path).unwrap();
        let merged = drafter.merge_review_files();
        assert_eq!(merged.len(), 1);
        assert!(matches!(merged[0].outcome, MergeOutcome::Unreadable(_)));
        assert!(
            merged[0].lines()[0].contains("dòng"),
            "{:?}",
            merged[0].lines()
        );
        assert!(!drafter.is_dirty());
        assert!(drafter.merged_review_files.is_empty());
    }
}
