//! What happened in a period: indicator values and task progress, keyed by stable ids.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{IndicatorId, Period, TaskId};

/// Everything recorded for one reporting period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodRecord {
    pub period: Period,
    #[serde(default)]
    pub indicators: BTreeMap<IndicatorId, IndicatorValue>,
    #[serde(default)]
    pub tasks: BTreeMap<TaskId, TaskProgress>,
}

impl PeriodRecord {
    pub fn new(period: Period) -> Self {
        Self {
            period,
            indicators: BTreeMap::new(),
            tasks: BTreeMap::new(),
        }
    }
}

/// The value of an indicator at the end of a period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IndicatorValue {
    /// `None` while no figure has been collected.
    pub value: Option<Value>,
    /// Where the figure comes from (evidence note), e.g. `Báo cáo của TT PVHCC ngày 25/6`.
    pub evidence: String,
}

/// A measured value: a number in the indicator's unit or a qualitative word.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Number(f64),
    Text(String),
}

/// Progress of a task in a period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TaskProgress {
    pub state: TaskState,
    pub note: String,
}

/// The state a clerk records; "overdue" is never recorded, it follows from the deadline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskState {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Dropped,
}

impl TaskState {
    pub fn label(self) -> &'static str {
        match self {
            TaskState::NotStarted => "Chưa triển khai",
            TaskState::InProgress => "Đang thực hiện",
            TaskState::Done => "Hoàn thành",
            TaskState::Dropped => "Dừng thực hiện",
        }
    }
}
