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
    Transition,
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
    if action == ActionKind::Issue && !approval_holds(project, report) {
        return Err(ReviewError::ChangedSinceApproval);
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
    let printed = Printed {
        organisation: &project.organisation,
        plan: &project.plan,
        // Values of periods that begin after the report's period ends cannot print in
        // it: entering next quarter's figures must not undo this quarter's approval.
        periods: project
            .periods
            .iter()
            .filter(|r| {
                (r.period.year, r.period.start_month())
                    <= (report.period.year, report.period.end_month())
            })
            .collect(),
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

/// Whether the approval of an approved or issued report still covers its content.
/// True for any other status, and for an approval recorded without a fingerprint.
pub fn approval_holds(project: &Project, report: &Report) -> bool {
    match (&report.review.status, &report.review.approved_fingerprint) {
        (ReportStatus::Approved | ReportStatus::Issued, Some(approved)) => {
            *approved == fingerprint(project, report)
        }
        _ => true,
    }
}

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
    for (id, label, body) in &now.sections {
        match snapshot.sections.iter().find(|(old_id, ..)| old_id == id) {
            None => parts.push(format!("thêm mục {label}")),
            Some((_, old_label, old_body)) => {
                if split_label(old_label).1 != split_label(label).1 || old_body != body {
                    parts.push(format!("mục {label}"));
                }
            }
        }
    }
    for (id, label, _) in &snapshot.sections {
        if !now.sections.iter().any(|(new_id, ..)| new_id == id) {
            parts.push(format!("xóa mục {label}"));
        }
    }
    if parts.is_empty() {
        let kept = |list: &[(String, String, String)], other: &[(String, String, String)]| {
            list.iter()
                .filter(|(id, ..)| other.iter().any(|(o, ..)| o == id))
                .map(|(id, ..)| id.clone())
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
mod tests {
    use super::*;
    use crate::model::{Section, Value};
    use crate::test_support::sample;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 7, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap()
    }

    use crate::review::test_util::{drafter, reviewer};

    fn actor(role: ReviewRole) -> Actor {
        match role {
            ReviewRole::Drafter => drafter(),
            ReviewRole::Reviewer => reviewer(),
        }
    }

    const STATUSES: [ReportStatus; 5] = [
        ReportStatus::Drafting,
        ReportStatus::AwaitingReview,
        ReportStatus::NeedsChanges,
        ReportStatus::Approved,
        ReportStatus::Issued,
    ];
    const ROLES: [ReviewRole; 2] = [ReviewRole::Drafter, ReviewRole::Reviewer];

    /// The table of the brief, written out independently of `roles_for`.
    fn expected(status: ReportStatus, role: ReviewRole) -> Vec<ActionKind> {
        use ActionKind as A;
        use ReportStatus as S;
        use ReviewRole as R;
        match (status, role) {
            (S::Drafting | S::NeedsChanges, R::Drafter) => vec![A::SendForReview],
            (S::AwaitingReview, R::Drafter) => vec![A::Withdraw],
            (S::AwaitingReview, R::Reviewer) => vec![A::RequestChanges, A::Approve],
            (S::Approved, R::Reviewer) => vec![A::RevokeApproval, A::Issue],
            (S::Approved, R::Drafter) => vec![A::Issue],
            _ => vec![],
        }
    }

    fn project_and_report() -> (Project, Report) {
        let project = sample();
        let report = project.reports[0].clone();
        (project, report)
    }

    fn issue_data() -> Option<(u32, NaiveDate)> {
        Some((12, NaiveDate::from_ymd_opt(2026, 7, 5).unwrap()))
    }

    #[test]
    fn allowed_actions_follow_the_table_exactly() {
        for status in STATUSES {
            for role in ROLES {
                assert_eq!(
                    allowed_actions(status, role),
                    expected(status, role),
                    "{status:?} {role:?}"
                );
            }
        }
        assert!(allowed_actions(ReportStatus::Issued, ReviewRole::Reviewer).is_empty());
    }

    #[test]
    fn every_action_is_applied_or_refused_as_the_table_says() {
        let (project, base) = project_and_report();
        for status in STATUSES {
            for role in ROLES {
                for action in ActionKind::ALL {
                    let mut report = base.clone();
                    report.review.status = status;
                    let before = report.clone();
                    let result = apply_action(
                        &project,
                        &mut report,
                        action,
                        issue_data(),
                        &actor(role),
                        at(1, 9),
                        "ghi chú",
                    );
                    let case = format!("{status:?} {role:?} {action:?}");
                    if expected(status, role).contains(&action) {
                        assert_eq!(result, Ok(()), "{case}");
                        assert_eq!(report.review.status, action.target(), "{case}");
                        let last = report.review.history.last().unwrap();
                        assert_eq!(
                            (last.from, last.to, last.role, last.at),
                            (status, action.target(), role, at(1, 9)),
                            "{case}"
                        );
                        assert_eq!(last.by, actor(role).name, "{case}");
                        assert_eq!(last.remark, "ghi chú", "{case}");
                    } else {
                        let err = result.unwrap_err();
                        assert_eq!(report, before, "{case}: a refusal changes nothing");
                        if roles_for(status, action).is_none() {
                            assert_eq!(
                                err,
                                ReviewError::NotAllowed {
                                    action: action.label(),
                                    status: status.label()
                                },
                                "{case}"
                            );
                            let text = err.to_string();
                            assert!(text.contains(action.label()), "{text}");
                            assert!(text.contains(status.label()), "{text}");
                        } else {
                            assert!(
                                matches!(err, ReviewError::WrongRole { .. }),
                                "{case}: {err}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_wrong_role_is_told_who_may_act() {
        let (project, mut report) = project_and_report();
        report.review.status = ReportStatus::AwaitingReview;
        let err = apply_action(
            &project,
            &mut report,
            ActionKind::Approve,
            None,
            &drafter(),
            at(1, 9),
            "",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Chỉ người duyệt mới được “Duyệt”; bạn đang ở vai trò người soạn."
        );
    }

    #[test]
    fn an_actor_without_a_name_is_asked_to_enter_it() {
        let (project, mut report) = project_and_report();
        let err = apply_action(
            &project,
            &mut report,
            ActionKind::SendForReview,
            None,
            &Actor::new("   ", ReviewRole::Drafter),
            at(1, 9),
            "",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Hãy nhập họ tên của bạn trong Tùy chọn trước khi gửi duyệt."
        );
        assert!(report.review.history.is_empty());
    }

    #[test]
    fn sending_keeps_the_previous_submission_and_snapshots_the_content() {
        let (project, mut report) = project_and_report();
        let send = |report: &mut Report, day| {
            apply_action(
                &project,
                report,
                ActionKind::SendForReview,
                None,
                &drafter(),
                at(day, 8),
                "",
            )
        };
        send(&mut report, 1).unwrap();
        let first = report.review.snapshot.clone().unwrap();
        assert_eq!(first.taken, Some(at(1, 8)));
        assert_eq!(first.sections.len(), report.all_sections().len());
        assert!(report.review.previous_snapshot.is_none());

        report.review.status = ReportStatus::NeedsChanges;
        report.sections[0].body.push_str("\nThêm một đoạn.");
        send(&mut report, 2).unwrap();
        assert_eq!(report.review.previous_snapshot, Some(first));
        let second = report.review.snapshot.as_ref().unwrap();
        assert_eq!(second.taken, Some(at(2, 8)));
        assert!(second.sections[0].2.ends_with("Thêm một đoạn."));
    }

    #[test]
    fn approving_records_the_fingerprint_and_revoking_clears_it() {
        let (project, mut report) = project_and_report();
        report.review.status = ReportStatus::AwaitingReview;
        apply_action(
            &project,
            &mut report,
            ActionKind::Approve,
            None,
            &reviewer(),
            at(1, 10),
            "Đồng ý",
        )
        .unwrap();
        assert_eq!(
            report.review.approved_fingerprint,
            Some(fingerprint(&project, &report))
        );
        assert!(approval_holds(&project, &report));
        apply_action(
            &project,
            &mut report,
            ActionKind::RevokeApproval,
            None,
            &reviewer(),
            at(1, 11),
            "",
        )
        .unwrap();
        assert_eq!(report.review.approved_fingerprint, None);
        assert_eq!(report.review.status, ReportStatus::NeedsChanges);
    }

    fn approved() -> (Project, Report) {
        let (project, mut report) = project_and_report();
        for (action, who) in [
            (ActionKind::SendForReview, drafter()),
            (ActionKind::Approve, reviewer()),
        ] {
            apply_action(&project, &mut report, action, None, &who, at(1, 9), "").unwrap();
        }
        (project, report)
    }

    #[test]
    fn issuing_needs_a_number_and_a_date_and_fills_them_in() {
        let (project, mut report) = approved();
        let date = NaiveDate::from_ymd_opt(2026, 7, 5).unwrap();
        for bad in [None, Some((0, date))] {
            let err = apply_action(
                &project,
                &mut report,
                ActionKind::Issue,
                bad,
                &drafter(),
                at(2, 9),
                "",
            )
            .unwrap_err();
            assert_eq!(err, ReviewError::IssueDataMissing);
            assert_eq!(report.review.status, ReportStatus::Approved);
        }
        apply_action(
            &project,
            &mut report,
            ActionKind::Issue,
            Some((12, date)),
            &drafter(),
            at(2, 9),
            "",
        )
        .unwrap();
        assert_eq!((report.number, report.date), (Some(12), Some(date)));
        assert_eq!(report.review.status, ReportStatus::Issued);
        assert!(
            approval_holds(&project, &report),
            "issuing fills fields the fingerprint leaves out"
        );
    }

    #[test]
    fn issuing_is_refused_when_the_content_changed_after_approval() {
        let (project, mut report) = approved();
        report.sections[0].title.push('!');
        assert!(!approval_holds(&project, &report));
        let err = apply_action(
            &project,
            &mut report,
            ActionKind::Issue,
            issue_data(),
            &drafter(),
            at(2, 9),
            "",
        )
        .unwrap_err();
        assert_eq!(err, ReviewError::ChangedSinceApproval);
        assert_eq!(report.number, None);
    }

    #[test]
    fn the_fingerprint_is_stable_and_ignores_review_number_date_and_other_reports() {
        let (mut project, mut report) = project_and_report();
        let fp = fingerprint(&project, &report);
        assert_eq!(fp.len(), 64);
        assert!(fp.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(fp, fingerprint(&project.clone(), &report.clone()));

        report.review.status = ReportStatus::Approved;
        report.review.approved_fingerprint = Some("x".into());
        report.review.history.push(Transition {
            from: ReportStatus::Drafting,
            to: ReportStatus::Approved,
            by: "A".into(),
            role: ReviewRole::Reviewer,
            at: at(1, 1),
            remark: String::new(),
        });
        report.number = Some(7);
        report.date = NaiveDate::from_ymd_opt(2026, 7, 1);
        assert_eq!(fingerprint(&project, &report), fp);

        let mut other = project.reports[0].clone();
        other.id = "khac".into();
        other.sections.clear();
        project.reports.push(other);
        project.reports[0].summary = "Báo cáo khác hẳn".into();
        assert_eq!(fingerprint(&project, &report), fp);
    }

    #[test]
    fn the_fingerprint_changes_with_a_section_edit_and_with_an_indicator_value() {
        let (mut project, mut report) = project_and_report();
        let fp = fingerprint(&project, &report);

        let id = report.all_sections()[1].id.clone();
        report.section_mut(&id).unwrap().body.push_str(" thêm");
        assert_ne!(fingerprint(&project, &report), fp);
        let body = &mut report.section_mut(&id).unwrap().body;
        body.truncate(body.len() - " thêm".len());
        assert_eq!(fingerprint(&project, &report), fp);

        let period = report.period;
        let record = project.period_record_mut(period);
        let (indicator, value) = record.indicators.iter_mut().next().unwrap();
        let indicator = indicator.clone();
        value.value = Some(Value::Number(12345.5));
        assert_ne!(fingerprint(&project, &report), fp, "{indicator}");
    }

    #[test]
    fn values_of_a_later_period_leave_the_fingerprint_alone() {
        let (mut project, report) = project_and_report();
        let fp = fingerprint(&project, &report);
        let later =
            crate::model::Period::new(report.period.year, crate::model::PeriodKind::Quarter(4));
        assert!(later.start_month() > report.period.end_month());
        let id = project.plan.indicators[0].id.clone();
        project
            .period_record_mut(later)
            .indicators
            .entry(id)
            .or_default()
            .value = Some(Value::Number(7.0));
        assert_eq!(fingerprint(&project, &report), fp);
        let earlier =
            crate::model::Period::new(report.period.year, crate::model::PeriodKind::Quarter(1));
        let first = project.period_record_mut(earlier);
        first.indicators.values_mut().for_each(|v| v.value = None);
        assert_ne!(
            fingerprint(&project, &report),
            fp,
            "the previous period prints"
        );
    }

    #[test]
    fn an_edit_after_approval_sends_the_report_back_naming_the_section() {
        let (project, mut report) = approved();
        let id = "uu-diem";
        report
            .section_mut(id)
            .unwrap()
            .body
            .push_str("\nMột ưu điểm nữa.");
        let t = check_after_edit(&project, &mut report, &drafter(), at(3, 9)).unwrap();
        assert_eq!(
            (t.from, t.to),
            (ReportStatus::Approved, ReportStatus::NeedsChanges)
        );
        assert_eq!(t.by, "Trần Thị Hoa");
        assert_eq!(t.at, at(3, 9));
        let numbers = crate::compose::section_numbers(&report);
        let expected = format!("Nội dung đã sửa sau khi duyệt: mục {} Ưu điểm", numbers[id]);
        assert_eq!(t.remark, expected);
        assert_eq!(report.review.status, ReportStatus::NeedsChanges);
        assert_eq!(report.review.approved_fingerprint, None);
        assert_eq!(report.review.history.last(), Some(&t));
        assert_eq!(
            check_after_edit(&project, &mut report, &drafter(), at(3, 10)),
            None,
            "only an approved report goes back"
        );
    }

    #[test]
    fn a_change_outside_the_sections_is_named_as_general_data() {
        let (mut project, mut report) = approved();
        project.organisation.place = "Hải Phòng mới".into();
        let t = check_after_edit(&project, &mut report, &drafter(), at(3, 9)).unwrap();
        assert_eq!(
            t.remark,
            "Nội dung đã sửa sau khi duyệt: số liệu hoặc thông tin chung"
        );
    }

    #[test]
    fn added_and_removed_sections_are_named() {
        let (project, mut report) = approved();
        let removed = report.sections.pop().unwrap();
        report.sections[0]
            .children
            .push(Section::new("moi", "Mục mới"));
        let t = check_after_edit(&project, &mut report, &drafter(), at(3, 9)).unwrap();
        assert!(t.remark.contains("thêm mục 1. Mục mới"), "{}", t.remark);
        assert!(
            t.remark.contains(&format!("xóa mục {}", {
                let n = project.reports[0].sections.len();
                format!("{}. {}", crate::vi::roman(n as u32), removed.title)
            })),
            "{}",
            t.remark
        );
    }

    #[test]
    fn a_no_op_edit_keeps_the_approval() {
        let (project, mut report) = approved();
        let before = report.clone();
        let s = report.section_mut("uu-diem").unwrap();
        s.body.push('x');
        s.body.pop();
        assert_eq!(
            check_after_edit(&project, &mut report, &drafter(), at(3, 9)),
            None
        );
        assert_eq!(report, before);
    }
}
