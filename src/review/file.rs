//! Review files: a reviewer who can only open the project read-only (someone else has
//! it open) records their comments, replies and decisions as operations in a separate
//! file beside the project; the drafter merges it. Merging is idempotent, so a file
//! merged twice, or merged and then written on further, never duplicates anything.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::comments::comment_id;
use super::{ActionKind, Actor, ReviewError, apply_action, comment_anchor_label, fingerprint};
use crate::model::{Comment, Project, Reply, Report, ReportId, ReviewRole, Transition};

/// The review file format this program writes.
pub const REVIEW_FORMAT_VERSION: u32 = 1;

/// What one person did to one report while unable to save the project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewFile {
    pub format_version: u32,
    pub report: ReportId,
    pub author: String,
    pub role: ReviewRole,
    /// In the order they were done.
    #[serde(default)]
    pub ops: Vec<ReviewOp>,
}

impl ReviewFile {
    /// An empty review file of `actor` for `report`.
    pub fn new(report: impl Into<ReportId>, actor: &Actor) -> Self {
        Self {
            format_version: REVIEW_FORMAT_VERSION,
            report: report.into(),
            author: actor.recorded_name(),
            role: actor.role,
            ops: Vec::new(),
        }
    }
}

/// One recorded step. Comments are referred to by the id they have in this file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ReviewOp {
    /// A new comment (its replies and resolution normally follow as separate ops).
    Comment(Comment),
    Reply {
        comment: String,
        reply: Reply,
    },
    Resolve {
        comment: String,
        by: String,
        at: NaiveDateTime,
    },
    Reopen {
        comment: String,
        by: String,
        at: NaiveDateTime,
    },
    /// A workflow action; `fingerprint` is that of the content the actor saw.
    Action {
        kind: ActionKind,
        by: String,
        role: ReviewRole,
        at: NaiveDateTime,
        #[serde(default)]
        remark: String,
        fingerprint: String,
        #[serde(default)]
        issue: Option<(u32, NaiveDate)>,
    },
}

impl ReviewOp {
    /// Records `kind` taken by `actor` on `report` as seen now (with its fingerprint).
    pub fn action(
        project: &Project,
        report: &Report,
        kind: ActionKind,
        issue: Option<(u32, NaiveDate)>,
        actor: &Actor,
        at: NaiveDateTime,
        remark: &str,
    ) -> Self {
        ReviewOp::Action {
            kind,
            by: actor.recorded_name(),
            role: actor.role,
            at,
            remark: crate::vi::nfc(remark.trim()),
            fingerprint: fingerprint(project, report),
            issue,
        }
    }
}

/// What a merge did, one Vietnamese line per operation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub applied: Vec<String>,
    /// Each with the reason it was left out.
    pub skipped: Vec<String>,
}

/// The same comment, whatever id it carries.
fn same_comment(a: &Comment, b: &Comment) -> bool {
    a.author == b.author
        && a.at == b.at
        && a.text == b.text
        && a.section == b.section
        && a.paragraph == b.paragraph
}

fn when(at: NaiveDateTime) -> String {
    at.format("%d/%m/%Y %H:%M").to_string()
}

/// The start of a text, for naming a comment in a line of the merge report.
fn quote(text: &str) -> String {
    format!("“{}”", crate::vi::shorten(text, 60))
}

fn comment_words(report: &Report, id: &str) -> String {
    report
        .review
        .comments
        .iter()
        .find(|c| c.id == id)
        .map_or_else(
            || format!("“{id}”"),
            |c| format!("{} ({})", quote(&c.text), comment_anchor_label(report, c)),
        )
}

/// Merges the operations of `file` into its report in `project`. Each operation is
/// applied only if it still makes sense (and was not merged before); the report says
/// which were applied and why the others were left out. A comment whose id is taken
/// by a different comment gets a new id, and later operations of the file follow it.
/// Workflow actions go through [`apply_action`] with the rules of the current status;
/// an approval (or issue) of content that has changed since is left out.
pub fn merge(project: &mut Project, file: &ReviewFile) -> Result<MergeReport, ReviewError> {
    let mut report = project
        .report(&file.report)
        .cloned()
        .ok_or_else(|| ReviewError::NoReport(file.report.clone()))?;
    let mut out = MergeReport::default();
    // Comment ids of the file → ids in the report.
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for op in &file.ops {
        match op {
            ReviewOp::Comment(c) => merge_comment(&mut report, c, &mut ids, &mut out),
            ReviewOp::Reply { comment, reply } => {
                let id = ids.get(comment).unwrap_or(comment).clone();
                merge_reply(&mut report, &id, reply, &mut out);
            }
            ReviewOp::Resolve { comment, by, at } => {
                let id = ids.get(comment).unwrap_or(comment).clone();
                merge_resolve(&mut report, &id, by, *at, true, &mut out);
            }
            ReviewOp::Reopen { comment, by, at } => {
                let id = ids.get(comment).unwrap_or(comment).clone();
                merge_resolve(&mut report, &id, by, *at, false, &mut out);
            }
            ReviewOp::Action {
                kind,
                by,
                role,
                at,
                remark,
                fingerprint: seen,
                issue,
            } => {
                let what = format!("“{}” của {by} ({})", kind.label(), when(*at));
                let done = |t: &Transition| {
                    t.by == *by && t.role == *role && t.at == *at && t.to == kind.target()
                };
                if report.review.history.iter().any(done) {
                    out.skipped.push(format!("{what}: đã gộp từ trước"));
                    continue;
                }
                if matches!(kind, ActionKind::Approve | ActionKind::Issue)
                    && *seen != fingerprint(project, &report)
                {
                    out.skipped.push(format!(
                        "{what}: nội dung đã thay đổi sau khi {by} xem, cần duyệt lại"
                    ));
                    continue;
                }
                let actor = Actor::new(by.clone(), *role);
                match apply_action(project, &mut report, *kind, *issue, &actor, *at, remark) {
                    Ok(()) => out.applied.push(what),
                    Err(e) => out.skipped.push(format!("{what}: {e}")),
                }
            }
        }
    }
    if let Some(slot) = project.report_mut(&file.report) {
        *slot = report;
    }
    Ok(out)
}

fn merge_comment(
    report: &mut Report,
    c: &Comment,
    ids: &mut BTreeMap<String, String>,
    out: &mut MergeReport,
) {
    let what = format!("Góp ý của {} {}", c.author, quote(&c.text));
    if c.text.trim().is_empty() {
        out.skipped.push(format!("{what}: nội dung trống"));
        return;
    }
    if let Some(existing) = report.review.comments.iter().find(|e| same_comment(e, c)) {
        ids.insert(c.id.clone(), existing.id.clone());
        out.skipped.push(format!("{what}: đã có trong báo cáo"));
        return;
    }
    let mut comment = c.clone();
    let taken =
        |r: &Report, id: &str| id.is_empty() || r.review.comments.iter().any(|e| e.id == id);
    if taken(report, &comment.id) {
        comment.id = comment_id(
            &c.author,
            c.at,
            report.review.comments.iter().map(|e| e.id.as_str()),
        );
        ids.insert(c.id.clone(), comment.id.clone());
    }
    let anchor = comment_anchor_label(report, &comment);
    report.review.comments.push(comment);
    out.applied.push(format!("{what} tại {anchor}"));
}

fn merge_reply(report: &mut Report, id: &str, reply: &Reply, out: &mut MergeReport) {
    let what = format!(
        "Trả lời của {} cho góp ý {}",
        reply.author,
        comment_words(report, id)
    );
    if reply.text.trim().is_empty() {
        out.skipped.push(format!("{what}: nội dung trống"));
        return;
    }
    let Some(comment) = report.review.comments.iter_mut().find(|c| c.id == id) else {
        out.skipped.push(format!("{what}: không tìm thấy góp ý"));
        return;
    };
    let same = |r: &Reply| r.author == reply.author && r.at == reply.at && r.text == reply.text;
    if comment.replies.iter().any(same) {
        out.skipped.push(format!("{what}: đã có trong báo cáo"));
        return;
    }
    let at = comment
        .replies
        .iter()
        .position(|r| r.at > reply.at)
        .unwrap_or(comment.replies.len());
    comment.replies.insert(at, reply.clone());
    out.applied.push(what);
}

/// Resolves (or reopens) comment `id` unless it already is, or the opposite happened
/// later: between machines, the later of a resolve and a reopen wins.
fn merge_resolve(
    report: &mut Report,
    id: &str,
    by: &str,
    at: NaiveDateTime,
    resolve: bool,
    out: &mut MergeReport,
) {
    let what = format!(
        "{by} {} góp ý {}",
        if resolve {
            "đánh dấu đã xử lý"
        } else {
            "mở lại"
        },
        comment_words(report, id)
    );
    let Some(comment) = report.review.comments.iter_mut().find(|c| c.id == id) else {
        out.skipped.push(format!("{what}: không tìm thấy góp ý"));
        return;
    };
    let skip = if resolve {
        if comment.resolved {
            Some("góp ý đã được đánh dấu xử lý")
        } else if comment.reopened_at.is_some_and(|r| r >= at) {
            Some("góp ý đã được mở lại sau đó")
        } else {
            None
        }
    } else if !comment.resolved {
        Some("góp ý đang mở")
    } else if comment.resolved_at.is_some_and(|r| r >= at) {
        Some("góp ý đã được đánh dấu xử lý lại sau đó")
    } else {
        None
    };
    if let Some(reason) = skip {
        out.skipped.push(format!("{what}: {reason}"));
        return;
    }
    comment.resolved = resolve;
    if resolve {
        comment.resolved_by = Some(by.to_owned());
        comment.resolved_at = Some(at);
    } else {
        comment.resolved_by = None;
        comment.resolved_at = None;
        comment.reopened_at = Some(at);
    }
    out.applied.push(what);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ReportStatus;
    use crate::review::{add_comment, reopen, reply, resolve};
    use crate::test_support::sample;

    use crate::review::test_util::{at, drafter, reviewer};

    /// A project whose first report awaits review.
    fn awaiting() -> Project {
        let mut project = sample();
        let mut report = project.reports[0].clone();
        apply_action(
            &project,
            &mut report,
            ActionKind::SendForReview,
            None,
            &drafter(),
            at(8, 0),
            "",
        )
        .unwrap();
        project.reports[0] = report;
        project
    }

    /// What a reviewer working on a read-only copy records: a comment with a reply,
    /// resolved then reopened, a second comment, and an approval.
    fn reviewer_file(project: &Project) -> ReviewFile {
        let mut copy = project.reports[0].clone();
        let mut file = ReviewFile::new(copy.id.clone(), &reviewer());
        let id = add_comment(
            &mut copy,
            "lanh-dao",
            Some(0),
            "Nêu rõ số văn bản.",
            &reviewer(),
            at(9, 0),
        )
        .unwrap();
        let c = copy.review.comments.last().unwrap().clone();
        file.ops.push(ReviewOp::Comment(c));
        reply(&mut copy, &id, "Tôi sẽ xem lại.", &reviewer(), at(9, 1)).unwrap();
        file.ops.push(ReviewOp::Reply {
            comment: id.clone(),
            reply: copy.review.comments[0].replies[0].clone(),
        });
        resolve(&mut copy, &id, &reviewer(), at(9, 2)).unwrap();
        file.ops.push(ReviewOp::Resolve {
            comment: id.clone(),
            by: "Nguyễn Văn Bình".into(),
            at: at(9, 2),
        });
        reopen(&mut copy, &id, &reviewer(), at(9, 3)).unwrap();
        file.ops.push(ReviewOp::Reopen {
            comment: id.clone(),
            by: "Nguyễn Văn Bình".into(),
            at: at(9, 3),
        });
        let id2 = add_comment(
            &mut copy,
            "uu-diem",
            None,
            "Ưu điểm hơi dài.",
            &reviewer(),
            at(9, 5),
        )
        .unwrap();
        let c2 = copy
            .review
            .comments
            .iter()
            .find(|c| c.id == id2)
            .unwrap()
            .clone();
        file.ops.push(ReviewOp::Comment(c2));
        file.ops.push(ReviewOp::action(
            project,
            &copy,
            ActionKind::Approve,
            None,
            &reviewer(),
            at(9, 10),
            "Đồng ý ban hành",
        ));
        file
    }

    #[test]
    fn a_review_file_survives_a_round_trip_through_ron() {
        let project = awaiting();
        let file = reviewer_file(&project);
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new()).unwrap();
        let back: ReviewFile = ron::from_str(&text).unwrap();
        assert_eq!(back, file);
    }

    #[test]
    fn merging_applies_every_operation_and_twice_changes_nothing() {
        let mut project = awaiting();
        let file = reviewer_file(&project);
        let report = merge(&mut project, &file).unwrap();
        assert_eq!(report.skipped, Vec::<String>::new());
        assert_eq!(report.applied.len(), file.ops.len(), "{:?}", report.applied);

        let r = &project.reports[0];
        assert_eq!(r.review.status, ReportStatus::Approved);
        let t = r.review.history.last().unwrap();
        assert_eq!(
            (t.by.as_str(), t.role, t.at, t.remark.as_str()),
            (
                "Nguyễn Văn Bình",
                ReviewRole::Reviewer,
                at(9, 10),
                "Đồng ý ban hành"
            )
        );
        assert_eq!(
            r.review.approved_fingerprint,
            Some(fingerprint(&project, r))
        );
        assert_eq!(r.review.comments.len(), 2);
        let c = &r.review.comments[0];
        assert_eq!(c.replies.len(), 1);
        assert!(!c.resolved, "reopened after being resolved");
        assert_eq!(c.reopened_at, Some(at(9, 3)));

        let before = project.clone();
        let again = merge(&mut project, &file).unwrap();
        assert_eq!(project, before, "a second merge changes nothing");
        assert!(again.applied.is_empty(), "{:?}", again.applied);
        assert_eq!(again.skipped.len(), file.ops.len());
    }

    #[test]
    fn a_colliding_comment_id_gets_a_new_id_that_later_ops_follow() {
        let mut project = awaiting();
        let file = reviewer_file(&project);
        let ReviewOp::Comment(first) = &file.ops[0] else {
            panic!("the file starts with a comment")
        };
        // The drafter wrote a different comment that happens to carry the same id.
        let mut other = first.clone();
        other.text = "Một góp ý khác.".into();
        other.author = "Trần Thị Hoa".into();
        project.reports[0].review.comments.push(other.clone());

        let report = merge(&mut project, &file).unwrap();
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        let r = &project.reports[0];
        assert_eq!(r.review.comments.len(), 3);
        assert_eq!(
            r.review.comments[0], other,
            "the drafter's comment is untouched"
        );
        let moved = r
            .review
            .comments
            .iter()
            .find(|c| c.text == first.text)
            .unwrap();
        assert_ne!(moved.id, first.id);
        assert_eq!(moved.replies.len(), 1, "the reply followed the new id");
        assert_eq!(moved.reopened_at, Some(at(9, 3)));

        let before = project.clone();
        merge(&mut project, &file).unwrap();
        assert_eq!(project, before, "still idempotent after a collision");
    }

    #[test]
    fn an_approval_of_content_changed_since_is_skipped() {
        let mut project = awaiting();
        let file = reviewer_file(&project);
        project.reports[0].sections[0]
            .body
            .push_str("\nĐoạn viết thêm.");
        let report = merge(&mut project, &file).unwrap();
        assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
        assert!(
            report.skipped[0].contains("nội dung đã thay đổi sau khi Nguyễn Văn Bình xem"),
            "{}",
            report.skipped[0]
        );
        assert_eq!(
            project.reports[0].review.status,
            ReportStatus::AwaitingReview
        );
        assert_eq!(
            project.reports[0].review.comments.len(),
            2,
            "comments still merged"
        );
    }

    #[test]
    fn an_action_is_applied_only_where_the_current_status_allows_it() {
        let mut project = awaiting();
        let copy = project.reports[0].clone();
        let mut file = ReviewFile::new(copy.id.clone(), &reviewer());
        file.ops.push(ReviewOp::action(
            &project,
            &copy,
            ActionKind::RequestChanges,
            None,
            &reviewer(),
            at(10, 0),
            "Bổ sung số liệu quý I",
        ));
        // Meanwhile the drafter withdrew the report.
        let mut r = project.reports[0].clone();
        apply_action(
            &project,
            &mut r,
            ActionKind::Withdraw,
            None,
            &drafter(),
            at(9, 30),
            "",
        )
        .unwrap();
        project.reports[0] = r;
        let report = merge(&mut project, &file).unwrap();
        assert!(report.applied.is_empty());
        assert!(
            report.skipped[0].contains("Đang soạn"),
            "{}",
            report.skipped[0]
        );

        // Sent again: now the request applies, whatever the content.
        let mut r = project.reports[0].clone();
        r.sections[0].title.push_str(" (sửa)");
        apply_action(
            &project,
            &mut r,
            ActionKind::SendForReview,
            None,
            &drafter(),
            at(9, 45),
            "",
        )
        .unwrap();
        project.reports[0] = r;
        let report = merge(&mut project, &file).unwrap();
        assert_eq!(report.applied.len(), 1, "{:?}", report.skipped);
        let r = &project.reports[0];
        assert_eq!(r.review.status, ReportStatus::NeedsChanges);
        assert_eq!(
            r.review.history.last().unwrap().remark,
            "Bổ sung số liệu quý I"
        );
    }

    #[test]
    fn a_file_for_an_unknown_report_is_refused() {
        let mut project = awaiting();
        let file = ReviewFile::new("khong-co", &reviewer());
        assert_eq!(
            merge(&mut project, &file),
            Err(ReviewError::NoReport("khong-co".into()))
        );
    }

    #[test]
    fn a_later_reopen_by_the_drafter_is_not_undone_by_an_older_resolve() {
        let mut project = awaiting();
        let mut file = ReviewFile::new(project.reports[0].id.clone(), &reviewer());
        let mut r = project.reports[0].clone();
        let id = add_comment(
            &mut r,
            "can-cu",
            None,
            "Thiếu căn cứ.",
            &drafter(),
            at(8, 30),
        )
        .unwrap();
        resolve(&mut r, &id, &drafter(), at(8, 40)).unwrap();
        reopen(&mut r, &id, &drafter(), at(11, 0)).unwrap();
        project.reports[0] = r;
        file.ops.push(ReviewOp::Resolve {
            comment: id.clone(),
            by: "Nguyễn Văn Bình".into(),
            at: at(10, 0),
        });
        let report = merge(&mut project, &file).unwrap();
        assert!(report.applied.is_empty());
        assert!(
            report.skipped[0].contains("mở lại sau đó"),
            "{}",
            report.skipped[0]
        );
        assert!(!project.reports[0].review.comments[0].resolved);
    }
}
