//! The year's plan (Kế hoạch): indicators (chỉ tiêu) with targets and tasks (nhiệm vụ)
//! with lead offices and deadlines, as in the appendices of the seed plans.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{IndicatorId, OfficeId, TaskId, Value};

/// The plan a report follows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Plan {
    /// Title of the plan, e.g. `Kế hoạch thực hiện Nghị quyết số 57-NQ/TW năm 2026`.
    pub title: String,
    /// Reference of the plan document, e.g. `Kế hoạch số 15/KH-UBND ngày 20/01/2026`.
    pub reference: String,
    pub year: i32,
    /// Groups of indicators in print order (`Về chuyển đổi số`, …); numbered I, II … when printed.
    pub indicator_groups: Vec<Group>,
    pub indicators: Vec<Indicator>,
    /// Groups of tasks in print order (`Nhiệm vụ trọng tâm`, `Nhiệm vụ thường xuyên`).
    pub task_groups: Vec<Group>,
    pub tasks: Vec<Task>,
    /// Revisions after the plan was issued, in the order they were recorded; the
    /// lists above already have them applied (see [`Plan::as_of`]). Not written when
    /// empty, so files (and approval fingerprints) without revisions stay as they were.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<super::PlanRevision>,
}

/// A titled group of indicators or tasks; the title carries no number.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub title: String,
}

/// An indicator of the plan with its target.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Indicator {
    pub id: IndicatorId,
    /// Id of a group in [`Plan::indicator_groups`]; empty for none.
    pub group: String,
    /// Name as printed, e.g. `Tỷ lệ hồ sơ TTHC được xử lý trực tuyến`.
    pub name: String,
    /// Unit of the values: `%`, `sáng kiến`, `cơ sở` …; empty for qualitative indicators.
    pub unit: String,
    /// The number and comparison statuses are computed from.
    pub target: Target,
    /// The target as the plan wrote it (`Đạt 85% dân số`, `100%`), printed as it is;
    /// empty to print it from [`Self::target`] (`≥ 90%`). Not written when empty, so
    /// files (and approval fingerprints) from before this field stay as they were.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub target_as_written: String,
    /// True when the value accumulates over the year (a count of initiatives), so that
    /// before year end it is judged against a pro-rated target.
    pub accrues_over_year: bool,
    pub lead: Vec<OfficeId>,
    pub note: String,
}

/// How a value is compared with the target number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparison {
    /// `≥` (đạt tối thiểu).
    #[default]
    AtLeast,
    /// `>` (trên).
    MoreThan,
    /// `=` (đúng bằng).
    Equal,
    /// `≤` (tối đa).
    AtMost,
    /// `<` (dưới).
    LessThan,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::MoreThan => ">",
            Comparison::Equal => "=",
            Comparison::AtMost => "≤",
            Comparison::LessThan => "<",
        }
    }
}

/// The target of an indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Target {
    /// A number to compare with, in the indicator's unit: `≥ 90 %`, `tối thiểu 10 sáng kiến`.
    Number { cmp: Comparison, value: f64 },
    /// A qualitative target met by a value equal to `expected` (e.g. `Hoàn thành`).
    Text { expected: String },
}

impl Default for Target {
    fn default() -> Self {
        Target::Text {
            expected: "Hoàn thành".to_owned(),
        }
    }
}

/// A task of the plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Task {
    pub id: TaskId,
    /// Id of a group in [`Plan::task_groups`]; empty for none.
    pub group: String,
    pub name: String,
    pub lead: Vec<OfficeId>,
    pub coordinating: Vec<OfficeId>,
    /// Who directs it (`Chủ trì chỉ đạo`: `Chủ tịch UBND`, `Đ/c Phó Chủ tịch …`), as the
    /// plan wrote it; empty when the plan names nobody. Not written when empty, so files
    /// (and approval fingerprints) from before this field stay as they were.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub directing: String,
    /// Expected output (sản phẩm đầu ra), e.g. `Báo cáo`, `Kế hoạch`.
    pub output: String,
    pub deadline: Deadline,
    /// The deadline as the plan wrote it (`Cả năm`, `trước 30/6/2026`, `Sau khi Thành
    /// phố ban hành Kế hoạch`), printed as it is; [`Self::deadline`] is its meaning.
    /// Empty when typed in the program. Not written when empty, so older files (and
    /// approval fingerprints) stay as they were.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub deadline_as_written: String,
    pub note: String,
}

/// When a task is due.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Deadline {
    /// Ongoing (`Thường xuyên`): never overdue.
    #[default]
    Ongoing,
    /// A day.
    Date(NaiveDate),
    /// The end of a month.
    Month { year: i32, month: u32 },
    /// The end of a quarter.
    Quarter { year: i32, quarter: u8 },
    /// Free wording that has no date (`Sau khi Thành phố ban hành Kế hoạch`): never overdue.
    Other(String),
}

impl Deadline {
    /// The last day on which the task is still on time, or `None` when it has no date.
    pub fn due_date(&self) -> Option<NaiveDate> {
        let end_of_month = |year: i32, month: u32| {
            NaiveDate::from_ymd_opt(year, month, 1)?
                .checked_add_months(chrono::Months::new(1))?
                .pred_opt()
        };
        match self {
            Deadline::Ongoing | Deadline::Other(_) => None,
            Deadline::Date(d) => Some(*d),
            Deadline::Month { year, month } if (1..=12).contains(month) => {
                end_of_month(*year, *month)
            }
            Deadline::Quarter { year, quarter } if (1..=4).contains(quarter) => {
                end_of_month(*year, u32::from(*quarter) * 3)
            }
            Deadline::Month { .. } | Deadline::Quarter { .. } => None,
        }
    }

    /// As printed in tables: `30/06/2026`, `Tháng 6/2026`, `Quý III/2026`, `Thường xuyên`.
    pub fn label(&self) -> String {
        match self {
            Deadline::Ongoing => "Thường xuyên".to_owned(),
            Deadline::Date(d) => crate::vi::date_short(*d),
            Deadline::Month { year, month } => format!("Tháng {month}/{year}"),
            Deadline::Quarter { year, quarter } => {
                format!("Quý {}/{}", crate::vi::roman(u32::from(*quarter)), year)
            }
            Deadline::Other(text) => text.clone(),
        }
    }
}

impl Task {
    /// The deadline as printed: as the plan wrote it when known (`Cả năm`), otherwise
    /// from its meaning (`Tháng 12/2026`).
    pub fn deadline_text(&self) -> String {
        let written = self.deadline_as_written.trim();
        if written.is_empty() {
            self.deadline.label()
        } else {
            written.to_owned()
        }
    }
}

impl Plan {
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }
}

/// A target as printed: as the plan wrote it when known (`Đạt 85% dân số`), otherwise
/// from its number (`≥ 90%`, `≥ 10 sáng kiến`, `Hoàn thành`).
pub fn target_label(ind: &Indicator) -> String {
    let written = ind.target_as_written.trim();
    if !written.is_empty() {
        return written.to_owned();
    }
    match &ind.target {
        Target::Number { cmp, value } => {
            format!("{} {}", cmp.symbol(), quantity(*value, &ind.unit))
        }
        Target::Text { expected } => expected.clone(),
    }
}

/// A value with its unit: `92,5%`, `12 sáng kiến`; `—` when missing.
pub fn value_label(ind: &Indicator, value: Option<&Value>) -> String {
    match value {
        Some(Value::Number(v)) => quantity(*v, &ind.unit),
        Some(Value::Text(t)) if !t.trim().is_empty() => t.trim().to_owned(),
        _ => "—".to_owned(),
    }
}

fn quantity(v: f64, unit: &str) -> String {
    let n = crate::vi::format_number(v, 2);
    match unit.trim() {
        "" => n,
        "%" => format!("{n}%"),
        u => format!("{n} {u}"),
    }
}

/// Items in group order: each known group with its members (empty groups left out),
/// then those without a known group.
pub fn grouped<'a, T>(
    groups: &'a [Group],
    items: &'a [T],
    group_of: impl Fn(&T) -> &str,
) -> Vec<(Option<&'a Group>, Vec<&'a T>)> {
    let mut out: Vec<(Option<&Group>, Vec<&T>)> = groups
        .iter()
        .map(|g| {
            (
                Some(g),
                items.iter().filter(|i| group_of(i) == g.id).collect(),
            )
        })
        .filter(|(_, members): &(Option<&Group>, Vec<&T>)| !members.is_empty())
        .collect();
    let loose: Vec<&T> = items
        .iter()
        .filter(|i| !groups.iter().any(|g| g.id == group_of(i)))
        .collect();
    if !loose.is_empty() {
        out.push((None, loose));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_deadline_falls_on_the_last_day_of_that_month() {
        let d = Deadline::Month {
            year: 2026,
            month: 2,
        };
        assert_eq!(d.due_date(), NaiveDate::from_ymd_opt(2026, 2, 28));
        assert_eq!(d.label(), "Tháng 2/2026");
    }

    #[test]
    fn a_third_quarter_deadline_falls_on_the_thirtieth_of_september() {
        let d = Deadline::Quarter {
            year: 2026,
            quarter: 3,
        };
        assert_eq!(d.due_date(), NaiveDate::from_ymd_opt(2026, 9, 30));
        assert_eq!(d.label(), "Quý III/2026");
    }

    #[test]
    fn ongoing_and_worded_deadlines_have_no_date() {
        assert_eq!(Deadline::Ongoing.due_date(), None);
        assert_eq!(
            Deadline::Other("Sau khi có hướng dẫn".into()).due_date(),
            None
        );
        assert_eq!(
            Deadline::Month {
                year: 2026,
                month: 13
            }
            .due_date(),
            None
        );
    }
}
