//! Status rules: an indicator's value against its target, a task's progress against
//! its deadline. Status is always computed, never typed. Pure functions.

use chrono::NaiveDate;

use super::{Comparison, Indicator, Period, Target, Task, TaskState, Value};

/// How an indicator stands at the end of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IndicatorStatus {
    /// Better than the target (vượt).
    Exceeded,
    /// The target is reached (đạt).
    Met,
    /// Below the year's target but at or above the share due by this period (đúng tiến độ);
    /// only for indicators that accrue over the year, before year end.
    OnTrack,
    /// Not reached (chưa đạt).
    NotMet,
    /// No value recorded yet (chưa có số liệu).
    NoData,
}

impl IndicatorStatus {
    pub fn label(self) -> &'static str {
        match self {
            IndicatorStatus::Exceeded => "Vượt",
            IndicatorStatus::Met => "Đạt",
            IndicatorStatus::OnTrack => "Đúng tiến độ",
            IndicatorStatus::NotMet => "Chưa đạt",
            IndicatorStatus::NoData => "Chưa có số liệu",
        }
    }

    /// Met or exceeded: counts towards "đạt và vượt".
    pub fn is_achieved(self) -> bool {
        matches!(self, IndicatorStatus::Exceeded | IndicatorStatus::Met)
    }
}

/// Tolerance for "exactly at target" with values typed with a decimal comma.
const EPS: f64 = 1e-9;

/// Judges `value` of `indicator` at the end of `period`.
pub fn indicator_status(
    indicator: &Indicator,
    value: Option<&Value>,
    period: Period,
) -> IndicatorStatus {
    let Some(value) = value else {
        return IndicatorStatus::NoData;
    };
    match (&indicator.target, value) {
        (Target::Number { cmp, value: target }, Value::Number(v)) => {
            if !v.is_finite() || !target.is_finite() {
                return IndicatorStatus::NoData;
            }
            let full = compare(*cmp, *v, *target);
            if full != IndicatorStatus::NotMet {
                return full;
            }
            let accrues_up = matches!(cmp, Comparison::AtLeast | Comparison::MoreThan);
            if indicator.accrues_over_year && accrues_up && !period.ends_year() {
                let due = target * period.year_fraction();
                if compare(*cmp, *v, due) != IndicatorStatus::NotMet {
                    return IndicatorStatus::OnTrack;
                }
            }
            IndicatorStatus::NotMet
        }
        (Target::Number { .. }, Value::Text(t)) => match crate::vi::parse_number(t) {
            Ok(v) => indicator_status(indicator, Some(&Value::Number(v)), period),
            Err(_) => IndicatorStatus::NoData,
        },
        (Target::Text { expected }, Value::Text(t)) => {
            if same_words(expected, t) || is_yes(t) && is_yes(expected) {
                IndicatorStatus::Met
            } else if t.trim().is_empty() {
                IndicatorStatus::NoData
            } else {
                IndicatorStatus::NotMet
            }
        }
        (Target::Text { .. }, Value::Number(_)) => IndicatorStatus::NotMet,
    }
}

/// One rule for every kind of target: a result beyond the target's figure, in the
/// direction the target asks for, is Vượt; one exactly at the figure, where the target
/// allows it (≥, =, ≤), is Đạt. So 91,2 against ≥ 90 and 97,3 against > 95 are both
/// Vượt, 90 against ≥ 90 is Đạt. See [`RULE`].
fn compare(cmp: Comparison, v: f64, target: f64) -> IndicatorStatus {
    use IndicatorStatus::*;
    let above = v > target + EPS;
    let below = v < target - EPS;
    let at = !above && !below;
    match cmp {
        Comparison::AtLeast | Comparison::MoreThan if above => Exceeded,
        Comparison::AtMost | Comparison::LessThan if below => Exceeded,
        Comparison::AtLeast | Comparison::AtMost | Comparison::Equal if at => Met,
        _ => NotMet,
    }
}

/// The rule of [`indicator_status`] in the clerk's words, for tooltips.
pub const RULE: &str = "Vượt: kết quả vượt con số mục tiêu theo chiều chỉ tiêu yêu cầu (ví dụ 91,2% với chỉ tiêu ≥ 90%, 97,3% với chỉ tiêu > 95%, 3% với chỉ tiêu ≤ 5%). Đạt: kết quả đúng bằng con số mục tiêu khi chỉ tiêu cho phép (≥, =, ≤). Đúng tiến độ: chỉ tiêu tính lũy kế cả năm, chưa đạt mục tiêu năm nhưng đã đạt phần của kỳ. Chưa đạt: các trường hợp còn lại.";

fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| crate::vi::nfc(s.trim()).to_lowercase();
    norm(a) == norm(b)
}

fn is_yes(s: &str) -> bool {
    matches!(
        crate::vi::nfc(s.trim()).to_lowercase().as_str(),
        "có" | "đạt" | "hoàn thành" | "đã hoàn thành" | "x"
    )
}

/// A task's standing on a date: the recorded state, or overdue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Done,
    Dropped,
    /// Not done nor dropped after its deadline (quá hạn).
    Overdue,
}

impl TaskStatus {
    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => TaskState::NotStarted.label(),
            TaskStatus::InProgress => TaskState::InProgress.label(),
            TaskStatus::Done => TaskState::Done.label(),
            TaskStatus::Dropped => TaskState::Dropped.label(),
            TaskStatus::Overdue => "Quá hạn",
        }
    }
}

/// Judges a task in `state` on `on` (the report date, or the end of its period).
/// An ongoing task, or one whose deadline is worded without a date, is never overdue.
pub fn task_status(task: &Task, state: TaskState, on: NaiveDate) -> TaskStatus {
    match state {
        TaskState::Done => TaskStatus::Done,
        TaskState::Dropped => TaskStatus::Dropped,
        TaskState::NotStarted | TaskState::InProgress => match task.deadline.due_date() {
            Some(due) if due < on => TaskStatus::Overdue,
            _ if state == TaskState::InProgress => TaskStatus::InProgress,
            _ => TaskStatus::NotStarted,
        },
    }
}

/// How indicators stand, counted once for every summary: the line above the table of
/// Chỉ tiêu and the report's `{{tổng.chỉ tiêu …}}` figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IndicatorCounts {
    pub total: usize,
    /// Met or exceeded.
    pub achieved: usize,
    pub on_track: usize,
    pub not_met: usize,
    pub no_data: usize,
}

impl IndicatorCounts {
    /// Counts the plan's indicators of `project` by their status in `period`.
    pub fn of(project: &super::Project, period: Period) -> Self {
        project
            .plan
            .indicators
            .iter()
            .map(|ind| indicator_status(ind, project.indicator_value(period, &ind.id), period))
            .collect()
    }

    /// `Đạt và vượt: 9/15 chỉ tiêu · Chưa đạt: 2 · Chưa có số liệu: 1`, with the
    /// count on track when there is one.
    pub fn label(&self) -> String {
        let mut parts = vec![format!(
            "Đạt và vượt: {}/{} chỉ tiêu",
            self.achieved, self.total
        )];
        if self.on_track > 0 {
            parts.push(format!("Đúng tiến độ: {}", self.on_track));
        }
        parts.push(format!("Chưa đạt: {}", self.not_met));
        parts.push(format!("Chưa có số liệu: {}", self.no_data));
        parts.join(" · ")
    }
}

impl FromIterator<IndicatorStatus> for IndicatorCounts {
    fn from_iter<I: IntoIterator<Item = IndicatorStatus>>(statuses: I) -> Self {
        let mut s = Self::default();
        for status in statuses {
            s.total += 1;
            match status {
                IndicatorStatus::Exceeded | IndicatorStatus::Met => s.achieved += 1,
                IndicatorStatus::OnTrack => s.on_track += 1,
                IndicatorStatus::NotMet => s.not_met += 1,
                IndicatorStatus::NoData => s.no_data += 1,
            }
        }
        s
    }
}

/// How the period's tasks stand on a date, counted for the line above the table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskCounts {
    pub total: usize,
    pub done: usize,
    /// In progress and not overdue.
    pub in_progress: usize,
    /// Not started and not overdue.
    pub not_started: usize,
    pub dropped: usize,
    /// Names of the overdue tasks, in plan order.
    pub overdue: Vec<String>,
}

impl TaskCounts {
    /// Counts the plan's tasks of `project` by their standing in `period` on `on`.
    pub fn of(project: &super::Project, period: Period, on: NaiveDate) -> Self {
        project
            .plan
            .tasks
            .iter()
            .map(|task| {
                let state = project
                    .task_progress(period, &task.id)
                    .map_or(TaskState::NotStarted, |p| p.state);
                (task, task_status(task, state, on))
            })
            .collect()
    }

    /// `Hoàn thành: 4/18 · Đang thực hiện: 9 · … · Quá hạn: 3 (tên; tên; tên)`; states
    /// no task is in are left out, except done and overdue.
    pub fn label(&self) -> String {
        let mut parts = vec![format!("Hoàn thành: {}/{}", self.done, self.total)];
        for (count, state) in [
            (self.in_progress, TaskState::InProgress),
            (self.not_started, TaskState::NotStarted),
            (self.dropped, TaskState::Dropped),
        ] {
            if count > 0 {
                parts.push(format!("{}: {count}", state.label()));
            }
        }
        if self.overdue.is_empty() {
            parts.push("Quá hạn: 0".to_owned());
        } else {
            parts.push(format!(
                "Quá hạn: {} ({})",
                self.overdue.len(),
                self.overdue.join("; ")
            ));
        }
        parts.join(" · ")
    }
}

impl<'a> FromIterator<(&'a Task, TaskStatus)> for TaskCounts {
    fn from_iter<I: IntoIterator<Item = (&'a Task, TaskStatus)>>(tasks: I) -> Self {
        let mut s = Self::default();
        for (task, status) in tasks {
            s.total += 1;
            match status {
                TaskStatus::Done => s.done += 1,
                TaskStatus::InProgress => s.in_progress += 1,
                TaskStatus::NotStarted => s.not_started += 1,
                TaskStatus::Dropped => s.dropped += 1,
                TaskStatus::Overdue => s.overdue.push(task.name.trim().to_owned()),
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Deadline, PeriodKind};

    fn ind(cmp: Comparison, target: f64, accrues: bool) -> Indicator {
        Indicator {
            id: "CT".into(),
            unit: "%".into(),
            target: Target::Number { cmp, value: target },
            accrues_over_year: accrues,
            ..Indicator::default()
        }
    }
    const Q2: Period = Period {
        year: 2026,
        kind: PeriodKind::Quarter(2),
    };
    const YEAR: Period = Period {
        year: 2026,
        kind: PeriodKind::Year,
    };
    fn n(v: f64) -> Option<Value> {
        Some(Value::Number(v))
    }
    fn st(i: &Indicator, v: Option<Value>, p: Period) -> IndicatorStatus {
        indicator_status(i, v.as_ref(), p)
    }

    #[test]
    fn at_least_is_met_exactly_at_the_target_and_exceeded_above_it() {
        let i = ind(Comparison::AtLeast, 90.0, false);
        assert_eq!(st(&i, n(90.0), Q2), IndicatorStatus::Met);
        assert_eq!(st(&i, n(92.5), Q2), IndicatorStatus::Exceeded);
        assert_eq!(st(&i, n(89.99), Q2), IndicatorStatus::NotMet);
    }

    #[test]
    fn more_than_is_not_met_exactly_at_the_target_and_exceeded_above_it_as_at_least_is() {
        let i = ind(Comparison::MoreThan, 95.0, false);
        assert_eq!(st(&i, n(95.0), Q2), IndicatorStatus::NotMet);
        assert_eq!(st(&i, n(97.3), Q2), IndicatorStatus::Exceeded);
        // The same result beyond the same figure reads the same under ≥ and >.
        let at_least = ind(Comparison::AtLeast, 95.0, false);
        assert_eq!(st(&at_least, n(97.3), Q2), st(&i, n(97.3), Q2));
    }

    #[test]
    fn equal_at_most_and_less_than_compare_as_written() {
        assert_eq!(
            st(&ind(Comparison::Equal, 100.0, false), n(100.0), Q2),
            IndicatorStatus::Met
        );
        assert_eq!(
            st(&ind(Comparison::Equal, 100.0, false), n(99.0), Q2),
            IndicatorStatus::NotMet
        );
        assert_eq!(
            st(&ind(Comparison::AtMost, 5.0, false), n(5.0), Q2),
            IndicatorStatus::Met
        );
        assert_eq!(
            st(&ind(Comparison::AtMost, 5.0, false), n(5.5), Q2),
            IndicatorStatus::NotMet
        );
        // Below a ceiling is beyond it in the direction the target asks for.
        assert_eq!(
            st(&ind(Comparison::AtMost, 5.0, false), n(3.0), Q2),
            IndicatorStatus::Exceeded
        );
        assert_eq!(
            st(&ind(Comparison::LessThan, 5.0, false), n(5.0), Q2),
            IndicatorStatus::NotMet
        );
        assert_eq!(
            st(&ind(Comparison::LessThan, 5.0, false), n(4.0), Q2),
            IndicatorStatus::Exceeded
        );
    }

    #[test]
    fn a_missing_value_has_no_data() {
        assert_eq!(
            st(&ind(Comparison::AtLeast, 90.0, false), None, Q2),
            IndicatorStatus::NoData
        );
    }

    #[test]
    fn a_value_typed_as_text_with_a_decimal_comma_is_read_as_a_number() {
        let i = ind(Comparison::AtLeast, 90.0, false);
        assert_eq!(
            st(&i, Some(Value::Text("90,5".into())), Q2),
            IndicatorStatus::Exceeded
        );
        assert_eq!(
            st(&i, Some(Value::Text("chưa rõ".into())), Q2),
            IndicatorStatus::NoData
        );
    }

    #[test]
    fn an_accruing_count_is_on_track_when_it_reaches_the_share_due() {
        let i = ind(Comparison::AtLeast, 10.0, true);
        assert_eq!(st(&i, n(5.0), Q2), IndicatorStatus::OnTrack);
        assert_eq!(st(&i, n(4.0), Q2), IndicatorStatus::NotMet);
        assert_eq!(st(&i, n(5.0), YEAR), IndicatorStatus::NotMet);
        assert_eq!(
            st(&ind(Comparison::AtLeast, 10.0, false), n(5.0), Q2),
            IndicatorStatus::NotMet
        );
    }

    #[test]
    fn a_qualitative_target_is_met_by_the_same_words() {
        let i = Indicator {
            target: Target::Text {
                expected: "Hoàn thành".into(),
            },
            ..Indicator::default()
        };
        assert_eq!(
            st(&i, Some(Value::Text("hoàn thành ".into())), Q2),
            IndicatorStatus::Met
        );
        assert_eq!(
            st(&i, Some(Value::Text("Đạt".into())), Q2),
            IndicatorStatus::Met
        );
        assert_eq!(
            st(&i, Some(Value::Text("Đang triển khai".into())), Q2),
            IndicatorStatus::NotMet
        );
    }

    fn task(deadline: Deadline) -> Task {
        Task {
            deadline,
            ..Task::default()
        }
    }
    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
    }

    #[test]
    fn a_task_past_its_deadline_and_not_done_is_overdue() {
        let t = task(Deadline::Month {
            year: 2026,
            month: 3,
        });
        assert_eq!(
            task_status(&t, TaskState::InProgress, day(6, 30)),
            TaskStatus::Overdue
        );
        assert_eq!(
            task_status(&t, TaskState::NotStarted, day(6, 30)),
            TaskStatus::Overdue
        );
        assert_eq!(
            task_status(&t, TaskState::Done, day(6, 30)),
            TaskStatus::Done
        );
        assert_eq!(
            task_status(&t, TaskState::Dropped, day(6, 30)),
            TaskStatus::Dropped
        );
    }

    #[test]
    fn a_task_is_on_time_on_its_deadline_day() {
        let t = task(Deadline::Date(day(6, 30)));
        assert_eq!(
            task_status(&t, TaskState::InProgress, day(6, 30)),
            TaskStatus::InProgress
        );
        assert_eq!(
            task_status(&t, TaskState::InProgress, day(7, 1)),
            TaskStatus::Overdue
        );
    }

    #[test]
    fn an_ongoing_task_is_never_overdue() {
        let t = task(Deadline::Ongoing);
        assert_eq!(
            task_status(&t, TaskState::NotStarted, day(12, 31)),
            TaskStatus::NotStarted
        );
        let t = task(Deadline::Other("Sau khi có hướng dẫn".into()));
        assert_eq!(
            task_status(&t, TaskState::InProgress, day(12, 31)),
            TaskStatus::InProgress
        );
    }
}
