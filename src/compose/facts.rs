//! The period's facts every generated part reads: each indicator with its value and
//! status, each task with its status on the report's date. Computed in one place so
//! the text, the tables, the suggestions and the step list never disagree.

use chrono::NaiveDate;

use crate::model::{
    Indicator, IndicatorStatus, Project, Report, Task, TaskState, TaskStatus, Value,
    indicator_status, task_status,
};

/// The date tasks are judged on: the report's date, else the end of its period.
pub fn judgement_date(report: &Report) -> NaiveDate {
    report
        .date
        .or_else(|| report.period.end_date())
        .unwrap_or_default()
}

/// Every indicator of the plan the report is judged against
/// ([`Project::plan_for`]) with its value in the report's period (as
/// [`Project::figure`] finds it) and its status.
pub fn indicators(
    project: &Project,
    report: &Report,
) -> Vec<(Indicator, Option<Value>, IndicatorStatus)> {
    project
        .plan_for(report)
        .indicators
        .iter()
        .map(|i| {
            let v = project.indicator_value(report.period, &i.id);
            (i.clone(), v.cloned(), indicator_status(i, v, report.period))
        })
        .collect()
}

/// Every task of the plan the report is judged against with its status on the
/// judgement date.
pub fn tasks(project: &Project, report: &Report) -> Vec<(Task, TaskStatus)> {
    let on = judgement_date(report);
    project
        .plan_for(report)
        .tasks
        .iter()
        .map(|t| {
            let state = project
                .task_progress(report.period, &t.id)
                .map_or(TaskState::NotStarted, |p| p.state);
            (t.clone(), task_status(t, state, on))
        })
        .collect()
}
