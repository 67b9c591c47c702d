//! Consistency checks of a loaded project: duplicate ids, dangling references, values
//! that cannot be right, page settings outside the decree. Pure; used by
//! `baocao check`, by the window's status bar and before export.

use std::collections::BTreeSet;

use crate::model::{Project, Section, Target, Value};

mod capitals;
pub mod carry;
mod citations;
pub mod figures;
pub mod periods;
pub mod proof;
mod report;
mod revised;

pub use report::{
    At, ProofCache, check_report, check_report_cached, problems_of_step, step_of_section,
};
pub use revised::revised_since_previous;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// For the clerk's information (overdue tasks to name in Hạn chế); marks no step.
    Note,
    /// Worth a look; the project is still usable.
    Warning,
    /// The project cannot be used as it is.
    Error,
}

/// One problem, described in Vietnamese, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// Where: `Chỉ tiêu CT03`, `Báo cáo bc-q2`, …
    pub place: String,
    pub message: String,
    /// The part of a report it concerns, for the step marks and a click to go there.
    pub at: Option<At>,
    /// A one-click fix in the paragraph `at` names: the text as typed and what
    /// replaces it (a field that always says the truth).
    pub fix: Option<(String, String)>,
    /// For a proofing finding, the key "Bỏ qua" remembers in the report.
    pub ignore: Option<String>,
}

impl Problem {
    /// A problem at `place` that points nowhere in the editor and has no fix.
    pub fn new(severity: Severity, place: String, message: String) -> Self {
        Self {
            severity,
            place,
            message,
            at: None,
            fix: None,
            ignore: None,
        }
    }

    /// What only printing finds: placed at "Bản in".
    pub fn printing(severity: Severity, message: String) -> Self {
        Self::new(severity, "Bản in".to_owned(), message)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Error => "Lỗi",
            Severity::Warning => "Lưu ý",
            Severity::Note => "Ghi chú",
        };
        write!(f, "{level} — {}: {}", self.place, self.message)
    }
}

/// Lists every problem of `project` and of each of its reports, errors first: what
/// `baocao check` prints.
pub fn check(project: &Project) -> Vec<Problem> {
    let mut out = project_problems(project);
    for r in &project.reports {
        out.extend(report::report_problems(project, r));
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.severity));
    out
}

/// The errors among [`check`]'s problems, in the same order, found without the
/// warnings' work (proofing, figures): what rendering needs to hold a final version
/// back, at a fraction of the cost.
pub fn errors(project: &Project) -> Vec<Problem> {
    let mut out = project_problems(project);
    for r in &project.reports {
        out.extend(report::report_errors(project, r));
    }
    out.retain(|p| p.severity == Severity::Error);
    out
}

/// The problems of the project itself: organisation, plan, period records.
fn project_problems(project: &Project) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut err =
        |place: String, message: String| out.push(Problem::new(Severity::Error, place, message));
    let org = &project.organisation;
    let plan = &project.plan;

    if org.issuing_body.iter().all(|l| l.trim().is_empty()) {
        err("Cơ quan".into(), "chưa có tên cơ quan ban hành".into());
    }
    for d in duplicates(org.offices.iter().map(|o| o.id.as_str())) {
        err("Cơ quan".into(), format!("mã phòng, đơn vị “{d}” bị trùng"));
    }
    for d in duplicates(org.signers.iter().map(|s| s.id.as_str())) {
        err("Cơ quan".into(), format!("mã người ký “{d}” bị trùng"));
    }
    for d in duplicates(plan.indicators.iter().map(|i| i.id.as_str())) {
        err("Kế hoạch".into(), format!("mã chỉ tiêu “{d}” bị trùng"));
    }
    for d in duplicates(plan.tasks.iter().map(|t| t.id.as_str())) {
        err("Kế hoạch".into(), format!("mã nhiệm vụ “{d}” bị trùng"));
    }
    for d in duplicates(project.reports.iter().map(|r| r.id.as_str())) {
        err("Dự án".into(), format!("mã báo cáo “{d}” bị trùng"));
    }
    for d in duplicates(
        project
            .periods
            .iter()
            .map(|p| p.period.short_label())
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    ) {
        err("Số liệu".into(), format!("kỳ {d} được ghi hai lần"));
    }
    for e in project.page_setup.validate() {
        err("Định dạng trang".into(), e.to_string());
    }

    let offices: BTreeSet<&str> = org.offices.iter().map(|o| o.id.as_str()).collect();
    let ind_groups: BTreeSet<&str> = plan
        .indicator_groups
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    let task_groups: BTreeSet<&str> = plan.task_groups.iter().map(|g| g.id.as_str()).collect();

    for i in &plan.indicators {
        let place = format!("Chỉ tiêu {}", i.id);
        if i.id.trim().is_empty() {
            err(format!("Chỉ tiêu “{}”", i.name), "chưa có mã".into());
        }
        if !i.group.is_empty() && !ind_groups.contains(i.group.as_str()) {
            err(
                place.clone(),
                format!("nhóm “{}” không có trong kế hoạch", i.group),
            );
        }
        for o in &i.lead {
            if !offices.contains(o.as_str()) {
                err(
                    place.clone(),
                    format!("đơn vị chủ trì “{o}” không có trong danh sách phòng, đơn vị"),
                );
            }
        }
        if let Target::Number { value, .. } = i.target {
            if !value.is_finite() {
                err(place.clone(), "chỉ tiêu không phải là số hợp lệ".into());
            } else if i.unit.trim() == "%" && !(0.0..=100.0).contains(&value) {
                err(
                    place.clone(),
                    format!(
                        "tỷ lệ mục tiêu {} % nằm ngoài 0–100",
                        crate::vi::format_number(value, 2)
                    ),
                );
            }
        }
    }
    for t in &plan.tasks {
        let place = format!("Nhiệm vụ {}", t.id);
        if !t.group.is_empty() && !task_groups.contains(t.group.as_str()) {
            err(
                place.clone(),
                format!("nhóm “{}” không có trong kế hoạch", t.group),
            );
        }
        for o in t.lead.iter().chain(&t.coordinating) {
            if !offices.contains(o.as_str()) {
                err(
                    place.clone(),
                    format!("đơn vị “{o}” không có trong danh sách phòng, đơn vị"),
                );
            }
        }
    }
    for rec in &project.periods {
        let label = rec.period.short_label();
        if !rec.period.is_valid() {
            err(
                format!("Số liệu kỳ {label}"),
                "kỳ báo cáo không hợp lệ".into(),
            );
        }
        for (id, v) in &rec.indicators {
            let place = format!("Số liệu {label}, chỉ tiêu {id}");
            let Some(ind) = plan.indicator(id) else {
                err(place, "chỉ tiêu không có trong kế hoạch".into());
                continue;
            };
            if let Some(Value::Number(x)) = v.value {
                if !x.is_finite() {
                    err(place, "giá trị không phải là số hợp lệ".into());
                } else if ind.unit.trim() == "%" && !(0.0..=100.0).contains(&x) {
                    err(
                        place,
                        format!("tỷ lệ {} % nằm ngoài 0–100", crate::vi::format_number(x, 2)),
                    );
                }
            }
        }
        for id in rec.tasks.keys() {
            if plan.task(id).is_none() {
                err(
                    format!("Số liệu {label}, nhiệm vụ {id}"),
                    "nhiệm vụ không có trong kế hoạch".into(),
                );
            }
        }
    }

    out.sort_by_key(|p| std::cmp::Reverse(p.severity));
    out
}

/// The paragraphs of a text: its non-empty lines, numbered from 0 by every check.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| !l.trim().is_empty())
}

/// Whether `line` may hold a `{{…}}` field: it has `{{`.
fn has_field(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr_iter(b'{', b).any(|i| b.get(i + 1) == Some(&b'{'))
}

/// `line` with its `{{…}}` fields masked by `fill` (positions kept), borrowed when it
/// has none: what the checks of typed text read.
fn prose(line: &str, fill: char) -> std::borrow::Cow<'_, str> {
    if has_field(line) {
        std::borrow::Cow::Owned(crate::compose::placeholders::mask_fields(line, fill))
    } else {
        std::borrow::Cow::Borrowed(line)
    }
}

fn is_blank(s: &Section) -> bool {
    s.body.trim().is_empty() && s.generated.is_none() && s.children.iter().all(is_blank)
}

/// Values that occur more than once, each listed once, in first-seen order.
fn duplicates<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut dup = Vec::new();
    for i in items {
        if !seen.insert(i) && !dup.iter().any(|d: &String| d == i) {
            dup.push(i.to_owned());
        }
    }
    dup
}

/// True when no problem is an error.
pub fn is_usable(problems: &[Problem]) -> bool {
    problems.iter().all(|p| p.severity != Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, IndicatorValue, Period, PeriodKind, PeriodRecord};

    fn project() -> Project {
        let mut p = Project::default();
        p.organisation.issuing_body = vec!["ỦY BAN NHÂN DÂN".into(), "XÃ AN LÃM".into()];
        p.plan.indicators.push(Indicator {
            id: "CT01".into(),
            unit: "%".into(),
            target: Target::Number {
                cmp: crate::model::Comparison::AtLeast,
                value: 90.0,
            },
            ..Indicator::default()
        });
        p
    }

    #[test]
    fn text_that_cannot_be_read_as_written_is_a_warning_naming_its_section_and_line() {
        let mut p = crate::test_support::sample();
        if let Some(s) = p.reports[0].section_mut("lanh-dao") {
            s.body = "Đoạn đầu\n- ý\n      + nhảy hai cấp **chưa đóng".into();
        }
        let problems = check(&p);
        let mine: Vec<&Problem> = problems
            .iter()
            .filter(|x| x.place.contains("Công tác lãnh đạo"))
            .collect();
        assert_eq!(mine.len(), 2, "{mine:?}");
        assert!(mine.iter().all(|x| x.severity == Severity::Warning));
        assert!(
            mine.iter().all(|x| x.message.contains("Dòng 3")),
            "{mine:?}"
        );
    }

    #[test]
    fn the_errors_alone_are_checks_errors_in_the_same_order() {
        let errors_of = |p: &Project| -> Vec<Problem> {
            check(p)
                .into_iter()
                .filter(|x| x.severity == Severity::Error)
                .collect()
        };
        let sample = crate::test_support::sample();
        assert_eq!(errors(&sample), errors_of(&sample));
        assert!(errors(&sample).is_empty());
        // Errors of the project and of two reports at once, among warnings.
        let mut p = sample.clone();
        let copy = p.plan.indicators[0].clone();
        p.plan.indicators.push(copy);
        let mut second = p.reports[0].clone();
        second.id = "bc-khac".into();
        second.signer = "khong-co".into();
        p.reports[0].period.year = 0;
        if let Some(first) = second.sections.first().cloned() {
            second.sections.push(first);
        }
        p.reports.push(second);
        let found = errors(&p);
        assert!(found.len() >= 4, "{found:#?}");
        assert_eq!(found, errors_of(&p));
    }

    #[test]
    fn a_minimal_project_has_no_errors() {
        assert!(is_usable(&check(&project())));
    }

    #[test]
    fn duplicate_indicator_ids_are_an_error() {
        let mut p = project();
        let copy = p.plan.indicators[0].clone();
        p.plan.indicators.push(copy);
        let problems = check(&p);
        assert!(!is_usable(&problems));
        assert!(
            problems
                .iter()
                .any(|x| x.message.contains("CT01") && x.message.contains("trùng"))
        );
    }

    #[test]
    fn a_rate_over_one_hundred_percent_is_an_error() {
        let mut p = project();
        let mut rec = PeriodRecord::new(Period::new(2026, PeriodKind::Quarter(1)));
        rec.indicators.insert(
            "CT01".into(),
            IndicatorValue {
                value: Some(Value::Number(120.0)),
                evidence: String::new(),
            },
        );
        p.periods.push(rec);
        let problems = check(&p);
        assert!(
            problems.iter().any(|x| x.message.contains("0–100")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_value_for_an_unknown_indicator_is_an_error() {
        let mut p = project();
        let mut rec = PeriodRecord::new(Period::new(2026, PeriodKind::Quarter(1)));
        rec.indicators
            .insert("CT99".into(), IndicatorValue::default());
        p.periods.push(rec);
        assert!(check(&p).iter().any(|x| x.place.contains("CT99")));
    }

    #[test]
    fn an_unknown_lead_office_is_an_error() {
        let mut p = project();
        p.plan.indicators[0].lead = vec!["PX".into()];
        assert!(check(&p).iter().any(|x| x.message.contains("PX")));
    }
}
