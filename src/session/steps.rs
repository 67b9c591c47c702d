//! session: how far each step of the report has come (done / needs attention / empty,
//! with the reason), and which sections and comments belong to a step.

use crate::guide::Step;
use crate::model::{Project, Report, Section, TaskStatus};

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

/// Open (unresolved) comments on the sections `step` edits, sub-sections included.
pub fn open_comments_of_step(report: &Report, step: Step) -> usize {
    let ids: Vec<&str> = step_sections(report, step)
        .into_iter()
        .flat_map(Section::walk)
        .map(|s| s.id.as_str())
        .collect();
    report
        .review
        .comments
        .iter()
        .filter(|c| !c.resolved && ids.contains(&c.section.as_str()))
        .count()
}

fn unfilled(text: &str) -> bool {
    text.contains('{') && text.contains('}') || text.contains('…')
}

/// The state of `step` and why, in Vietnamese.
pub fn step_state(
    step: Step,
    project: &Project,
    report: &Report,
    problems: &[crate::check::Problem],
) -> (StepState, String) {
    use StepState::*;
    let period = report.period;
    match step {
        Step::ThongTin => {
            if report.summary.trim().is_empty() {
                (
                    NeedsAttention,
                    "Chưa có trích yếu (dòng tóm tắt dưới chữ BÁO CÁO).".into(),
                )
            } else if unfilled(&report.summary) {
                (NeedsAttention, "Trích yếu còn chỗ cần điền.".into())
            } else {
                (Done, "Đã có kỳ báo cáo và trích yếu.".into())
            }
        }
        Step::ChiTieu => {
            let total = project.plan.indicators.len();
            let missing = project
                .plan
                .indicators
                .iter()
                .filter(|i| project.indicator_value(period, &i.id).is_none())
                .count();
            if total == 0 {
                (Empty, "Kế hoạch chưa có chỉ tiêu.".into())
            } else if missing == total {
                (Empty, "Chưa nhập số liệu chỉ tiêu của kỳ này.".into())
            } else if missing > 0 {
                (
                    NeedsAttention,
                    format!("{missing}/{total} chỉ tiêu chưa có số liệu."),
                )
            } else {
                (Done, format!("Đã có số liệu của cả {total} chỉ tiêu."))
            }
        }
        Step::NhiemVu => {
            let total = project.plan.tasks.len();
            let unrecorded = project
                .plan
                .tasks
                .iter()
                .filter(|t| project.task_progress(period, &t.id).is_none())
                .count();
            let overdue = crate::compose::facts::tasks(project, report)
                .iter()
                .filter(|(_, s)| *s == TaskStatus::Overdue)
                .count();
            if total == 0 {
                (Empty, "Kế hoạch chưa có nhiệm vụ.".into())
            } else if unrecorded == total {
                (Empty, "Chưa cập nhật tiến độ nhiệm vụ của kỳ này.".into())
            } else if overdue > 0 {
                (
                    NeedsAttention,
                    format!("{overdue} nhiệm vụ quá hạn: nêu rõ ở phần Hạn chế."),
                )
            } else if unrecorded > 0 {
                (
                    NeedsAttention,
                    format!("{unrecorded}/{total} nhiệm vụ chưa cập nhật tiến độ."),
                )
            } else {
                (Done, "Đã cập nhật tiến độ mọi nhiệm vụ.".into())
            }
        }
        Step::KyNhan => {
            if report.signer.is_empty() || project.organisation.signer(&report.signer).is_none() {
                (NeedsAttention, "Chưa chọn người ký.".into())
            } else if report.closing.trim().is_empty() {
                (NeedsAttention, "Chưa có câu kết (Trên đây là …).".into())
            } else if report.distribution.is_empty() {
                (NeedsAttention, "Chưa có nơi nhận.".into())
            } else {
                (Done, "Đã có câu kết, người ký và nơi nhận.".into())
            }
        }
        Step::Duyet => {
            use crate::model::ReportStatus as S;
            let open = report
                .review
                .comments
                .iter()
                .filter(|c| !c.resolved)
                .count();
            let status = report.review.status;
            match status {
                S::Approved | S::Issued if open == 0 => (Done, format!("{}.", status.label())),
                S::Drafting if open == 0 && report.review.history.is_empty() => {
                    (Empty, "Chưa gửi duyệt.".into())
                }
                _ if open > 0 => (
                    NeedsAttention,
                    format!("{}; {open} góp ý chưa xử lý.", status.label()),
                ),
                _ => (NeedsAttention, format!("{}.", status.label())),
            }
        }
        Step::XuatBan => {
            let errors = problems
                .iter()
                .filter(|p| p.severity == crate::check::Severity::Error)
                .count();
            if errors > 0 {
                (
                    NeedsAttention,
                    format!("Tệp có {errors} lỗi cần sửa trước khi xuất."),
                )
            } else {
                (Done, "Có thể xuất PDF.".into())
            }
        }
        _ => {
            let sections = step_sections(report, step);
            if sections.is_empty() {
                return (Empty, "Báo cáo không có mục này.".into());
            }
            let written = sections
                .iter()
                .filter(|s| !s.body.trim().is_empty())
                .count();
            if written == 0 && !sections.iter().any(|s| s.generated.is_some()) {
                (Empty, "Chưa viết nội dung.".into())
            } else if sections.iter().any(|s| unfilled(&s.body)) {
                (NeedsAttention, "Còn chỗ cần điền ({…} hoặc …).".into())
            } else if written < sections.len() && sections.iter().all(|s| s.generated.is_none()) {
                (
                    NeedsAttention,
                    format!(
                        "{}/{} mục chưa có nội dung.",
                        sections.len() - written,
                        sections.len()
                    ),
                )
            } else {
                (Done, "Đã có nội dung.".into())
            }
        }
    }
}
