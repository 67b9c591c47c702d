//! session: how far each step of the report has come (done / needs attention / empty,
//! with the reason), and which sections and comments belong to a step.

use crate::guide::Step;
use crate::model::{Project, Report, Section};

/// How far a step has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepState {
    Done,
    NeedsAttention,
    Empty,
}

/// Sections of `report` that `step` edits, with their descendants.
pub fn step_sections(report: &Report, step: Step) -> Vec<&Section> {
    report
        .all_sections()
        .into_iter()
        .filter(|s| s.role.is_some_and(|r| step.roles().contains(&r)))
        .collect()
}

/// Open (unresolved) comments on the sections of `step`: each comment counts on the
/// one step its section belongs to ([`crate::check::step_of_section`]), even when that
/// section sits inside another step's part (Ưu điểm under Kết quả's Đánh giá chung);
/// a comment on a part outside the sections on the step that edits that part.
pub fn open_comments_of_step(report: &Report, step: Step) -> usize {
    report
        .review
        .comments
        .iter()
        .filter(|c| !c.resolved && comment_step(report, c) == Some(step))
        .count()
}

/// The step that edits what comment `c` is on; `None` for a deleted section.
fn comment_step(report: &Report, c: &crate::model::Comment) -> Option<Step> {
    use crate::model::CommentAnchor as A;
    match &c.anchor {
        Some(A::Summary | A::Recipients | A::Opening | A::Closing) => Some(Step::ThongTin),
        Some(A::Signature | A::Distribution) => Some(Step::KyNhan),
        Some(A::Indicator { .. }) => Some(Step::ChiTieu),
        Some(A::Task { .. }) => Some(Step::NhiemVu),
        None => report
            .section(&c.section)
            .map(|_| crate::check::step_of_section(report, &c.section)),
    }
}

/// The state of `step` and why, in Vietnamese. `problems` is the one list of the
/// report ([`crate::check::check_report`]): a step needs attention exactly when that
/// list has a problem in it, and its reason lists those problems; otherwise it is
/// empty (nothing written or entered yet) or done.
pub fn step_state(
    step: Step,
    project: &Project,
    report: &Report,
    problems: &[crate::check::Problem],
) -> (StepState, String) {
    use StepState::*;
    let mine = crate::check::problems_of_step(problems, step);
    if !mine.is_empty() {
        let lines: Vec<String> = mine.iter().map(|p| sentence(&p.message)).collect();
        return (NeedsAttention, lines.join("\n"));
    }
    if let Some(why) = empty_reason(step, project, report) {
        return (Empty, why);
    }
    let mut reason = done_reason(step, project, report);
    for note in problems.iter().filter(|p| {
        p.severity == crate::check::Severity::Note && p.at.as_ref().is_some_and(|a| a.step == step)
    }) {
        reason.push('\n');
        reason.push_str(&sentence(&note.message));
    }
    (Done, reason)
}

/// A message as a sentence: capital first letter, final full stop.
fn sentence(message: &str) -> String {
    let mut out = crate::vi::capitalise(message.trim());
    if !out.ends_with(['.', '!', '?', ':']) {
        out.push('.');
    }
    out
}

/// Why `step` counts as not started, if it does.
fn empty_reason(step: Step, project: &Project, report: &Report) -> Option<String> {
    let period = report.period;
    let view = project.as_of_report(report);
    let project: &Project = &view;
    match step {
        Step::ChiTieu | Step::NhiemVu if !report.document.is_report() => Some(format!(
            "{} không có số liệu của kỳ báo cáo.",
            report.document.name()
        )),
        Step::ChiTieu | Step::NhiemVu => {
            let plan = &project.plan;
            let (recorded, no_plan, nothing): (Vec<bool>, _, _) = if step == Step::ChiTieu {
                let of = |i: &crate::model::Indicator| project.indicator_value(period, &i.id);
                (
                    plan.indicators.iter().map(|i| of(i).is_some()).collect(),
                    "Kế hoạch chưa có chỉ tiêu.",
                    "Chưa nhập số liệu chỉ tiêu của kỳ này.",
                )
            } else {
                let of = |t: &crate::model::Task| project.task_progress(period, &t.id);
                (
                    plan.tasks.iter().map(|t| of(t).is_some()).collect(),
                    "Kế hoạch chưa có nhiệm vụ.",
                    "Chưa cập nhật tiến độ nhiệm vụ của kỳ này.",
                )
            };
            if recorded.is_empty() {
                Some(no_plan.into())
            } else {
                (!recorded.contains(&true)).then(|| nothing.into())
            }
        }
        Step::Duyet => (report.review.status == crate::model::ReportStatus::Drafting
            && report.review.history.is_empty())
        .then(|| "Chưa gửi duyệt.".into()),
        Step::ThongTin | Step::KyNhan | Step::XuatBan => None,
        _ => {
            let sections = step_sections(report, step);
            if sections.is_empty() {
                return Some(format!("{} không có mục này.", report.document.name()));
            }
            let written = sections.iter().any(|s| !s.body.trim().is_empty())
                || sections.iter().any(|s| s.generated.is_some());
            (!written).then(|| "Chưa viết nội dung.".into())
        }
    }
}

/// What a step without problems has: the words of its mark.
fn done_reason(step: Step, project: &Project, report: &Report) -> String {
    match step {
        Step::ThongTin => "Đã có kỳ báo cáo và trích yếu.".into(),
        Step::ChiTieu => format!(
            "Đã có số liệu của cả {} chỉ tiêu.",
            project.plan_for(report).indicators.len()
        ),
        Step::NhiemVu => "Đã cập nhật tiến độ mọi nhiệm vụ.".into(),
        Step::KyNhan => "Đã có câu kết, người ký và nơi nhận.".into(),
        Step::Duyet => format!("{}.", report.review.status.label()),
        Step::XuatBan => "Có thể xuất PDF.".into(),
        _ => "Đã có nội dung.".into(),
    }
}

#[cfg(test)]
mod comment_count_tests {
    use super::*;

    #[test]
    fn a_comment_on_any_section_counts_on_exactly_one_step() {
        let mut project = crate::test_support::sample();
        let report = &mut project.reports[0];
        let ids: Vec<String> = report.all_sections().iter().map(|s| s.id.clone()).collect();
        let actor = crate::review::Actor {
            name: "Người duyệt".into(),
            role: crate::model::ReviewRole::Reviewer,
        };
        let at = chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        for id in &ids {
            crate::review::add_comment(report, id, None, "Xem lại.", &actor, at).unwrap();
        }
        let open = report
            .review
            .comments
            .iter()
            .filter(|c| !c.resolved)
            .count();
        assert!(open >= ids.len());
        let counted: usize = Step::ALL
            .iter()
            .map(|s| open_comments_of_step(report, *s))
            .sum();
        assert_eq!(counted, open, "every open comment counted once");
    }

    #[test]
    fn a_comment_on_a_part_outside_the_sections_counts_on_the_step_that_edits_it() {
        use crate::model::CommentAnchor;
        let mut project = crate::test_support::sample();
        let report = &mut project.reports[0];
        let actor = crate::review::Actor {
            name: "Người duyệt".into(),
            role: crate::model::ReviewRole::Reviewer,
        };
        let at = chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        let id = report.sections[0].id.clone();
        crate::review::add_comment(report, &id, None, "Xem lại.", &actor, at).unwrap();
        let mut on_part = report.review.comments[0].clone();
        for (anchor, step) in [
            (CommentAnchor::Distribution, Step::KyNhan),
            (CommentAnchor::Summary, Step::ThongTin),
            (
                CommentAnchor::Indicator {
                    id: "CT01".into(),
                    name: "x".into(),
                },
                Step::ChiTieu,
            ),
        ] {
            on_part.section = String::new();
            on_part.anchor = Some(anchor);
            report.review.comments = vec![on_part.clone()];
            assert_eq!(open_comments_of_step(report, step), 1);
            let all: usize = Step::ALL
                .iter()
                .map(|s| open_comments_of_step(report, *s))
                .sum();
            assert_eq!(all, 1);
        }
    }
}
