//! Who may move a report from one status to the next, what each move records, and the
//! fingerprint that ties an approval to the exact content that was approved.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::ReviewError;
use super::diff::{split_label, take_snapshot};
use crate::model::{
    Organisation, PageSetup, PeriodRecord, Plan, Project, Report, ReportStatus, ReviewRole,
    SnapshotSection, Transition,
};
use crate::vi;

/// The person taking a step: the name from the preferences and the role they act in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    pub role: ReviewRole,
}

impl Actor {
    pub fn new(name: impl Into<String>, role: ReviewRole) -> Self {
        Self {
            name: name.into(),
            role,
        }
    }

    /// The name as recorded: trimmed and NFC; empty when none was entered.
    pub fn recorded_name(&self) -> String {
        vi::nfc(self.name.trim())
    }
}

/// A step of the review loop, offered as a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionKind {
    SendForReview,
    Withdraw,
    RequestChanges,
    Approve,
    RevokeApproval,
    Issue,
}

impl ActionKind {
    /// Every action, in the order buttons are shown.
    pub const ALL: [ActionKind; 6] = [
        ActionKind::SendForReview,
        ActionKind::Withdraw,
        ActionKind::RequestChanges,
        ActionKind::Approve,
        ActionKind::RevokeApproval,
        ActionKind::Issue,
    ];

    /// The button text.
    pub fn label(self) -> &'static str {
        match self {
            ActionKind::SendForReview => "Gửi duyệt",
            ActionKind::Withdraw => "Rút lại để sửa",
            ActionKind::RequestChanges => "Yêu cầu sửa",
            ActionKind::Approve => "Duyệt",
            ActionKind::RevokeApproval => "Hủy duyệt",
            ActionKind::Issue => "Ban hành",
        }
    }

    /// The status the report has after this action.
    pub fn target(self) -> ReportStatus {
        match self {
            ActionKind::SendForReview => ReportStatus::AwaitingReview,
            ActionKind::Withdraw => ReportStatus::Drafting,
            ActionKind::RequestChanges | ActionKind::RevokeApproval => ReportStatus::NeedsChanges,
            ActionKind::Approve => ReportStatus::Approved,
            ActionKind::Issue => ReportStatus::Issued,
        }
    }

    /// What the user was doing, to finish "Hãy nhập họ tên … trước khi …".
    fn doing(self) -> &'static str {
        match self {
            ActionKind::SendForReview => "gửi duyệt",
            ActionKind::Withdraw => "rút báo cáo lại để sửa",
            ActionKind::RequestChanges => "yêu cầu sửa",
            ActionKind::Approve => "duyệt báo cáo",
            ActionKind::RevokeApproval => "hủy duyệt",
            ActionKind::Issue => "ban hành báo cáo",
        }
    }
}

/// The workflow table: the roles that may take `action` from `status`, or `None` when
/// nobody may.
fn roles_for(status: ReportStatus, action: ActionKind) -> Option<&'static [ReviewRole]> {
    use ActionKind as A;
    use ReportStatus as S;
    const DRAFTER: &[ReviewRole] = &[ReviewRole::Drafter];
    const REVIEWER: &[ReviewRole] = &[ReviewRole::Reviewer];
    const BOTH: &[ReviewRole] = &[ReviewRole::Drafter, ReviewRole::Reviewer];
    match (status, action) {
        (S::Drafting | S::NeedsChanges, A::SendForReview) => Some(DRAFTER),
        (S::AwaitingReview, A::Withdraw) => Some(DRAFTER),
        (S::AwaitingReview, A::RequestChanges | A::Approve) => Some(REVIEWER),
        (S::Approved, A::RevokeApproval) => Some(REVIEWER),
        (S::Approved, A::Issue) => Some(BOTH),
        _ => None,
    }
}

/// The actions `role` may take on a report in `status`, in button order.
pub fn allowed_actions(status: ReportStatus, role: ReviewRole) -> Vec<ActionKind> {
    ActionKind::ALL
        .into_iter()
        .filter(|a| roles_for(status, *a).is_some_and(|roles| roles.contains(&role)))
        .collect()
}

fn roles_in_words(roles: &[ReviewRole]) -> &'static str {
    match roles {
        [ReviewRole::Drafter] => "người soạn",
        [ReviewRole::Reviewer] => "người duyệt",
        _ => "người soạn hoặc người duyệt",
    }
}

fn role_in_words(role: ReviewRole) -> &'static str {
    roles_in_words(std::slice::from_ref(&role))
}

/// Takes `action` on `report` as `actor` at `at`, recording the transition with
/// `remark`. `issue` is the document number and date, required by `Issue` only.
///
/// Side effects: sending keeps the previous submission in `previous_snapshot` and
/// snapshots the content; approving records the content's fingerprint, revoking
/// clears it; issuing fills the report's number and date. On error nothing changes.
pub fn apply_action(
    project: &Project,
    report: &mut Report,
    action: ActionKind,
    issue: Option<(u32, NaiveDate)>,
    actor: &Actor,
    at: NaiveDateTime,
    remark: &str,
) -> Result<(), ReviewError> {
    let from = report.review.status;
    let Some(roles) = roles_for(from, action) else {
        return Err(ReviewError::NotAllowed {
            action: action.label(),
            status: from.label(),
        });
    };
    if !roles.contains(&actor.role) {
        return Err(ReviewError::WrongRole {
            action: action.label(),
            allowed: roles_in_words(roles),
            role: role_in_words(actor.role),
        });
    }
    let by = actor.recorded_name();
    if by.is_empty() {
        return Err(ReviewError::NoName {
            doing: action.doing(),
        });
    }
    let issue = match action {
        ActionKind::Issue => match issue {
            Some((number, date)) if number > 0 => Some((number, date)),
            _ => return Err(ReviewError::IssueDataMissing),
        },
        _ => None,
    };
    if action == ActionKind::Issue {
        match approval_of(project, report) {
            Approval::Changed => return Err(ReviewError::ChangedSinceApproval),
            Approval::Unbound => return Err(ReviewError::ApprovalUnbound),
            Approval::NotGiven | Approval::Holds => {}
        }
    }

    match action {
        ActionKind::SendForReview => {
            report.review.previous_snapshot = report.review.snapshot.take();
            report.review.snapshot = Some(take_snapshot(report, at));
        }
        ActionKind::Approve => {
            report.review.approved_fingerprint = Some(fingerprint(project, report));
        }
        ActionKind::RevokeApproval => report.review.approved_fingerprint = None,
        ActionKind::Issue => {
            if let Some((number, date)) = issue {
                report.number = Some(number);
                report.date = Some(date);
            }
        }
        ActionKind::Withdraw | ActionKind::RequestChanges => {}
    }
    report.review.status = action.target();
    report.review.history.push(Transition {
        from,
        to: action.target(),
        by,
        role: actor.role,
        at,
        remark: vi::nfc(remark.trim()),
    });
    Ok(())
}

/// Everything that affects the printed report, borrowed for serialisation.
#[derive(Serialize)]
struct Printed<'a> {
    organisation: &'a Organisation,
    plan: &'a Plan,
    periods: Vec<&'a PeriodRecord>,
    page_setup: &'a PageSetup,
    report: &'a Report,
}

/// Hex SHA-256 of everything that affects how `report` prints: the organisation, the
/// plan, the period records, the page setup and the report itself — without its review
/// data and without the number and date that issuing fills in. Other reports of the
/// project do not count. The model holds no hash maps, so the RON text (and therefore
/// the fingerprint) is the same for the same content on every machine.
pub fn fingerprint(project: &Project, report: &Report) -> String {
    let mut printed_report = report.clone();
    printed_report.review = Default::default();
    printed_report.number = None;
    printed_report.date = None;
    // What a carry-over left to look at does not print.
    printed_report.carried = Vec::new();
    // The plan as the report is judged against: a revision taking effect after its
    // period does not touch an approval.
    let plan = project.plan_for(report);
    let printed = Printed {
        organisation: &project.organisation,
        plan: &plan,
        periods: printed_periods(project, report),
        page_setup: &project.page_setup,
        report: &printed_report,
    };
    // Serialising plain data cannot fail; should it ever, the Debug text is just as
    // deterministic and still changes with the content.
    let text = ron::to_string(&printed).unwrap_or_else(|_| {
        format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}",
            printed.organisation, printed.plan, printed.periods, printed.page_setup, printed.report
        )
    });
    Sha256::digest(text.as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

/// The period records whose values `report` can print: values of periods that begin
/// after the report's period ends cannot print in it (entering next quarter's figures
/// must not undo this quarter's approval).
pub fn printed_periods<'a>(project: &'a Project, report: &Report) -> Vec<&'a PeriodRecord> {
    project
        .periods
        .iter()
        .filter(|r| {
            (r.period.year, r.period.start_month())
                <= (report.period.year, report.period.end_month())
        })
        .collect()
}

/// How the approval of a report stands against its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approval {
    /// Neither approved nor issued: there is no approval to hold.
    NotGiven,
    /// Approved or issued, and the content is still the one approved.
    Holds,
    /// Approved or issued, but the content changed since.
    Changed,
    /// Marked approved or issued without the fingerprint of any content (a file edited
    /// by hand, or by another program): counts as not approved.
    Unbound,
}

/// How the approval of `report` stands: an approval is only as good as the fingerprint
/// of the content it was given to.
pub fn approval_of(project: &Project, report: &Report) -> Approval {
    match (&report.review.status, &report.review.approved_fingerprint) {
        (ReportStatus::Approved | ReportStatus::Issued, Some(approved)) => {
            if *approved == fingerprint(project, report) {
                Approval::Holds
            } else {
                Approval::Changed
            }
        }
        (ReportStatus::Approved | ReportStatus::Issued, None) => Approval::Unbound,
        _ => Approval::NotGiven,
    }
}

/// Whether the approval of an approved or issued report still covers its content.
/// True for any other status; false for an approval recorded without a fingerprint,
/// which is bound to no content.
pub fn approval_holds(project: &Project, report: &Report) -> bool {
    matches!(
        approval_of(project, report),
        Approval::NotGiven | Approval::Holds
    )
}

/// Said wherever an approval without a fingerprint is met (window, export, verify).
pub const UNBOUND_APPROVAL: &str = "Báo cáo ghi trạng thái đã duyệt nhưng trong tệp không có dấu xác nhận nội dung được duyệt (có thể tệp đã bị sửa bằng tay hoặc bằng chương trình khác), nên được coi là chưa duyệt. Hãy gửi duyệt lại để lãnh đạo duyệt nội dung hiện tại.";

/// To be called after every edit of `report` (or of project data it prints): an
/// approved report whose content no longer matches the approval goes back to
/// "Cần sửa", recorded as done by `actor` with a remark naming what changed. An edit
/// that leaves the content as approved (typed, then undone) changes nothing.
pub fn check_after_edit(
    project: &Project,
    report: &mut Report,
    actor: &Actor,
    at: NaiveDateTime,
) -> Option<Transition> {
    if report.review.status != ReportStatus::Approved {
        return None;
    }
    let approved = report.review.approved_fingerprint.as_deref()?;
    if approved == fingerprint(project, report) {
        return None;
    }
    let mut by = actor.recorded_name();
    if by.is_empty() {
        by = actor.role.label().to_owned();
    }
    let transition = Transition {
        from: ReportStatus::Approved,
        to: ReportStatus::NeedsChanges,
        by,
        role: actor.role,
        at,
        remark: format!("Nội dung đã sửa sau khi duyệt: {}", what_changed(report)),
    };
    report.review.status = ReportStatus::NeedsChanges;
    report.review.approved_fingerprint = None;
    report.review.history.push(transition.clone());
    Some(transition)
}

/// The sections whose title or text differ from the last submission, in words.
fn what_changed(report: &Report) -> String {
    const GENERAL: &str = "số liệu hoặc thông tin chung";
    let Some(snapshot) = &report.review.snapshot else {
        return GENERAL.to_owned();
    };
    let now = take_snapshot(report, snapshot.taken.unwrap_or_default());
    let mut parts = Vec::new();
    for SnapshotSection { id, label, body } in &now.sections {
        match snapshot.sections.iter().find(|old| old.id == *id) {
            None => parts.push(format!("thêm mục {label}")),
            Some(old) => {
                if split_label(&old.label).1 != split_label(label).1 || old.body != *body {
                    parts.push(format!("mục {label}"));
                }
            }
        }
    }
    for SnapshotSection { id, label, .. } in &snapshot.sections {
        if !now.sections.iter().any(|new| new.id == *id) {
            parts.push(format!("xóa mục {label}"));
        }
    }
    if parts.is_empty() {
        let kept = |list: &[SnapshotSection], other: &[SnapshotSection]| {
            list.iter()
                .filter(|s| other.iter().any(|o| o.id == s.id))
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
        };
        if kept(&now.sections, &snapshot.sections) != kept(&snapshot.sections, &now.sections) {
            parts.push("thứ tự các mục".to_owned());
        }
    }
    if parts.is_empty() {
        GENERAL.to_owned()
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests;
