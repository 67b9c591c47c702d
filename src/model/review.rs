//! Review data stored with a report: status, history, comments, snapshot, approval.
//! The workflow that changes these fields lives outside the model.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{IndicatorId, SectionId, TaskId};

/// Where a report stands in the review loop.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportStatus {
    /// Đang soạn.
    #[default]
    Drafting,
    /// Chờ duyệt.
    AwaitingReview,
    /// Cần sửa.
    NeedsChanges,
    /// Đã duyệt.
    Approved,
    /// Đã ban hành.
    Issued,
}

impl ReportStatus {
    pub fn label(self) -> &'static str {
        match self {
            ReportStatus::Drafting => "Đang soạn",
            ReportStatus::AwaitingReview => "Chờ duyệt",
            ReportStatus::NeedsChanges => "Cần sửa",
            ReportStatus::Approved => "Đã duyệt",
            ReportStatus::Issued => "Đã ban hành",
        }
    }

    /// Only an approved or issued report may be printed without the draft marking.
    pub fn allows_final(self) -> bool {
        matches!(self, ReportStatus::Approved | ReportStatus::Issued)
    }
}

/// The role of the person acting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewRole {
    #[default]
    Drafter,
    Reviewer,
}

impl ReviewRole {
    pub fn label(self) -> &'static str {
        match self {
            ReviewRole::Drafter => "Người soạn",
            ReviewRole::Reviewer => "Người duyệt",
        }
    }
}

/// Review state of a report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Review {
    pub status: ReportStatus,
    pub history: Vec<Transition>,
    pub comments: Vec<Comment>,
    /// Content as it was when last sent for review.
    pub snapshot: Option<Snapshot>,
    /// Fingerprint of the content that was approved.
    pub approved_fingerprint: Option<String>,
    /// Content as it was sent the time before: what the reviewer last reviewed while
    /// the current version awaits review.
    pub previous_snapshot: Option<Snapshot>,
    /// Changes a leader made in a returned Word file, waiting to be accepted or
    /// rejected (see `review::proposed`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub proposed: Vec<super::ProposedChange>,
}

/// A recorded status change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    pub from: ReportStatus,
    pub to: ReportStatus,
    pub by: String,
    pub role: ReviewRole,
    pub at: NaiveDateTime,
    #[serde(default)]
    pub remark: String,
}

/// A remark anchored to a section (and optionally a paragraph of it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub id: String,
    pub section: SectionId,
    #[serde(default)]
    pub paragraph: Option<usize>,
    pub author: String,
    pub role: ReviewRole,
    pub at: NaiveDateTime,
    pub text: String,
    #[serde(default)]
    pub replies: Vec<Reply>,
    #[serde(default)]
    pub resolved: bool,
    /// Who marked the comment resolved, while it is.
    #[serde(default)]
    pub resolved_by: Option<String>,
    /// When the comment was marked resolved, while it is.
    #[serde(default)]
    pub resolved_at: Option<NaiveDateTime>,
    /// When the comment was last reopened; orders a resolve and a reopen made on
    /// different machines when review files are merged.
    #[serde(default)]
    pub reopened_at: Option<NaiveDateTime>,
    /// The part the comment is on when it is not a section's heading or paragraph:
    /// the trích yếu, Kính gửi, opening, câu kết, signature, Nơi nhận, or a row of a
    /// table. Not written when `None`, so old files and their fingerprints stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<CommentAnchor>,
}

/// A part of the report outside the sections' text that a comment can be on. For the
/// opening, `Comment::paragraph` names its paragraph; a row of the indicator or task
/// table keeps the row's name as it was, to be named even when the row is gone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentAnchor {
    /// The trích yếu under the title.
    Summary,
    /// Kính gửi.
    Recipients,
    /// The opening paragraphs before the first section.
    Opening,
    /// The closing sentence.
    Closing,
    /// The signature block.
    Signature,
    /// Nơi nhận.
    Distribution,
    /// An indicator's row of the indicator table (in `Comment::section`, or the
    /// appendix when that is empty).
    Indicator { id: IndicatorId, name: String },
    /// A task's row of the task table.
    Task { id: TaskId, name: String },
}

impl CommentAnchor {
    /// Where the part comes in print: 0 before the sections, 1 the opening, 2 in the
    /// sections, then the closing, the signature, Nơi nhận.
    pub fn print_rank(&self) -> u8 {
        match self {
            Self::Summary | Self::Recipients => 0,
            Self::Opening => 1,
            Self::Indicator { .. } | Self::Task { .. } => 2,
            Self::Closing => 3,
            Self::Signature => 4,
            Self::Distribution => 5,
        }
    }

    /// Whether the comment is on a row of a section's generated table.
    pub fn is_row(&self) -> bool {
        matches!(self, Self::Indicator { .. } | Self::Task { .. })
    }
}

/// An answer in a comment's thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub author: String,
    pub role: ReviewRole,
    pub at: NaiveDateTime,
    pub text: String,
}

/// The text of each section at the moment of sending for review.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Snapshot {
    pub taken: Option<NaiveDateTime>,
    /// The sections in print order.
    pub sections: Vec<SnapshotSection>,
}

/// One section as it was sent for review.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "SavedSection")]
pub struct SnapshotSection {
    pub id: SectionId,
    /// The printed label: number and title (`2.1. Kết quả`).
    pub label: String,
    pub body: String,
}

/// A snapshot section as files hold it: named fields, or the positional
/// `(id, label, body)` of files written before the fields had names.
#[derive(Deserialize)]
#[serde(untagged)]
enum SavedSection {
    Named {
        id: SectionId,
        label: String,
        body: String,
    },
    Positional(SectionId, String, String),
}

impl From<SavedSection> for SnapshotSection {
    fn from(saved: SavedSection) -> Self {
        let (SavedSection::Named { id, label, body } | SavedSection::Positional(id, label, body)) =
            saved;
        SnapshotSection { id, label, body }
    }
}

impl super::Report {
    /// The comments not yet resolved, in the order a reader meets them: by the
    /// position of their section in the report, then paragraph (the whole section
    /// first), then time; comments on a deleted section come last. The window and the
    /// review copy list them in this order.
    pub fn open_comments(&self) -> Vec<&Comment> {
        let order: std::collections::BTreeMap<&str, usize> = self
            .all_sections()
            .into_iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut open: Vec<&Comment> = self
            .review
            .comments
            .iter()
            .filter(|c| !c.resolved)
            .collect();
        // Stable: comments equal on every key keep the order they were written in.
        // Parts outside the sections come where they print; rows of a section's table
        // after its paragraphs; comments on a deleted section last.
        open.sort_by_key(|c| {
            let section = order.get(c.section.as_str()).copied();
            let rank = match (&c.anchor, section) {
                (Some(a), None) if a.is_row() => 6,
                (Some(a), _) => a.print_rank(),
                (None, Some(_)) => 2,
                (None, None) => 7,
            };
            (
                rank,
                section.filter(|_| rank == 2).unwrap_or(0),
                c.anchor.as_ref().is_some_and(CommentAnchor::is_row),
                c.paragraph.map_or(0, |p| p + 1),
                c.at,
            )
        });
        open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_written_with_positional_sections_loads_with_named_ones() {
        let old = r#"(taken: None, sections: [("can-cu", "I. CĂN CỨ", "Căn cứ…"), ("b", "", "")])"#;
        let snap: Snapshot = ron::from_str(old).unwrap();
        assert_eq!(snap.sections.len(), 2);
        assert_eq!(snap.sections[0].id, "can-cu");
        assert_eq!(snap.sections[0].label, "I. CĂN CỨ");
        assert_eq!(snap.sections[0].body, "Căn cứ…");
        assert_eq!(snap.sections[1].id, "b");
    }

    #[test]
    fn a_snapshot_is_saved_with_named_sections_and_reads_back_the_same() {
        let snap = Snapshot {
            taken: None,
            sections: vec![SnapshotSection {
                id: "kq".into(),
                label: "II. KẾT QUẢ".into(),
                body: "Đạt".into(),
            }],
        };
        let text = ron::to_string(&snap).unwrap();
        assert!(text.contains("id:\"kq\""), "{text}");
        assert!(text.contains("label:\"II. KẾT QUẢ\""), "{text}");
        assert_eq!(ron::from_str::<Snapshot>(&text).unwrap(), snap);
    }

    #[test]
    fn a_snapshot_section_of_the_wrong_shape_is_refused() {
        for bad in [
            r#"(sections: [("a", "b")])"#,
            r#"(sections: [(id: "a", label: "b")])"#,
            r#"(sections: [(1, 2, 3)])"#,
        ] {
            assert!(ron::from_str::<Snapshot>(bad).is_err(), "{bad}");
        }
    }
}
