//! Tests of `workflow`.
// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

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
                if status.allows_final() {
                    // An approval is bound to the content it was given to.
                    report.review.approved_fingerprint = Some(fingerprint(&project, &report));
                }
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
    assert!(second.sections[0].body.ends_with("Thêm một đoạn."));
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
fn an_approval_written_by_hand_without_a_fingerprint_is_no_approval() {
    let (project, mut report) = approved();
    assert_eq!(approval_of(&project, &report), Approval::Holds);
    report.review.approved_fingerprint = None;
    assert_eq!(approval_of(&project, &report), Approval::Unbound);
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
    assert_eq!(err, ReviewError::ApprovalUnbound);
    assert_eq!(report.review.status, ReportStatus::Approved);
    report.review.status = ReportStatus::Drafting;
    assert_eq!(approval_of(&project, &report), Approval::NotGiven);
    assert!(approval_holds(&project, &report));
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
    let later = crate::model::Period::new(report.period.year, crate::model::PeriodKind::Quarter(4));
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
