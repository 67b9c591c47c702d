//! The tables of a Thông báo of plan adjustments (issue 25): Phụ lục số 01, the
//! indicators added or changed, and Phụ lục số 02, the tasks, each grouped as the plan
//! groups them, with a Ghi chú saying what was done.
//!
//! Part of compose (model → **compose** → layout): generated from the revision the
//! notice was made from, never typed.

use super::{Align, Ctx, Run, Table, TableRow};
use crate::model::{Indicator, Organisation, PlanRevision, Task, grouped, target_label};
use crate::vi;

/// Ghi chú of an indicator change: `Bổ sung`, `Điều chỉnh từ ≥ 80%`, `Không tiếp tục
/// thực hiện`, or the other things changed.
pub fn indicator_note(before: Option<&Indicator>, after: Option<&Indicator>) -> String {
    match (before, after) {
        (None, Some(_)) => "Bổ sung".to_owned(),
        (Some(_), None) => "Không tiếp tục thực hiện".to_owned(),
        (Some(b), Some(a)) => {
            let mut parts = Vec::new();
            if target_label(b) != target_label(a) || b.target != a.target {
                parts.push(format!("Điều chỉnh từ {}", target_label(b)));
            }
            if b.name.trim() != a.name.trim() {
                parts.push(format!("Điều chỉnh tên từ “{}”", b.name.trim()));
            }
            if b.lead != a.lead {
                parts.push("Điều chỉnh đơn vị chủ trì".to_owned());
            }
            if parts.is_empty() {
                "Điều chỉnh".to_owned()
            } else {
                parts.join("; ")
            }
        }
        (None, None) => String::new(),
    }
}

/// Ghi chú of a task change: `Bổ sung`, `Điều chỉnh thời hạn từ Quý II/2026`, ….
pub fn task_note(org: &Organisation, before: Option<&Task>, after: Option<&Task>) -> String {
    match (before, after) {
        (None, Some(_)) => "Bổ sung".to_owned(),
        (Some(_), None) => "Không tiếp tục thực hiện".to_owned(),
        (Some(b), Some(a)) => {
            let mut parts = Vec::new();
            if b.name.trim() != a.name.trim() {
                parts.push(format!("Điều chỉnh nội dung từ “{}”", b.name.trim()));
            }
            if b.deadline != a.deadline {
                parts.push(format!("Điều chỉnh thời hạn từ {}", b.deadline_text()));
            }
            if b.lead != a.lead {
                parts.push(format!(
                    "Điều chỉnh đơn vị chủ trì từ {}",
                    offices(org, &b.lead)
                ));
            }
            if b.coordinating != a.coordinating {
                parts.push("Điều chỉnh đơn vị phối hợp".to_owned());
            }
            if b.output.trim() != a.output.trim() {
                parts.push(format!("Điều chỉnh sản phẩm từ “{}”", b.output.trim()));
            }
            if parts.is_empty() {
                "Điều chỉnh".to_owned()
            } else {
                parts.join("; ")
            }
        }
        (None, None) => String::new(),
    }
}

fn offices(org: &Organisation, ids: &[String]) -> String {
    ids.iter()
        .map(|o| org.office_label(o))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Header, alignment, widest wanted width (em), whether it takes the rest of the width.
type Spec = (&'static str, Align, f32, bool);

fn cell(text: impl Into<String>) -> Vec<Run> {
    vec![Run::plain(text)]
}

/// Rows under the plan's group headings (I., II. …), numbered from 1 in each group.
fn rows<T>(
    groups: Vec<(Option<&crate::model::Group>, Vec<&T>)>,
    row: impl Fn(usize, &T) -> Vec<Vec<Run>>,
) -> Vec<TableRow> {
    let mut out = Vec::new();
    let mut roman = 0;
    for (group, members) in groups {
        if let Some(g) = group {
            roman += 1;
            out.push(TableRow::Group(vec![Run::bold(format!(
                "{}. {}",
                vi::roman(roman),
                g.title.trim()
            ))]));
        }
        for (n, m) in members.into_iter().enumerate() {
            out.push(TableRow::Cells(row(n + 1, m)));
        }
    }
    out
}

/// Phụ lục số 01: the indicators the revision added, changed or dropped, with the
/// target as it now is.
pub(crate) fn indicator_table(ctx: &Ctx, rev: &PlanRevision) -> Table {
    let org = &ctx.project.organisation;
    let items: Vec<(Indicator, String)> = rev
        .indicator_changes()
        .into_iter()
        .filter_map(|(b, a)| {
            let shown = a.or(b)?;
            Some((shown.clone(), indicator_note(b, a)))
        })
        .collect();
    let groups = grouped(&ctx.project.plan.indicator_groups, &items, |(i, _)| {
        i.group.as_str()
    });
    let rows = rows(groups, |n, (ind, note)| {
        vec![
            cell(n.to_string()),
            cell(ind.name.trim()),
            cell(target_label(ind)),
            cell(offices(org, &ind.lead)),
            cell(note.clone()),
        ]
    });
    let specs: [Spec; 5] = [
        ("TT", Align::Center, 3.0, false),
        ("Chỉ tiêu", Align::Left, f32::INFINITY, true),
        ("Mục tiêu sau điều chỉnh", Align::Center, 8.0, false),
        ("Đơn vị chủ trì", Align::Center, 8.0, false),
        ("Ghi chú", Align::Left, 10.0, false),
    ];
    super::tables::fitted(ctx, &specs, rows, false)
}

/// Phụ lục số 02: the tasks the revision added, changed or dropped, as they now are,
/// on a page turned sideways (`landscape`) for its eight columns.
pub(crate) fn task_table(ctx: &Ctx, rev: &PlanRevision, landscape: bool) -> Table {
    let org = &ctx.project.organisation;
    let items: Vec<(Task, String)> = rev
        .task_changes()
        .into_iter()
        .filter_map(|(b, a)| {
            let shown = a.or(b)?;
            Some((shown.clone(), task_note(org, b, a)))
        })
        .collect();
    let groups = grouped(&ctx.project.plan.task_groups, &items, |(t, _)| {
        t.group.as_str()
    });
    let rows = rows(groups, |n, (task, note)| {
        vec![
            cell(n.to_string()),
            cell(task.name.trim()),
            cell(task.directing.trim()),
            cell(offices(org, &task.lead)),
            cell(offices(org, &task.coordinating)),
            cell(task.output.trim()),
            cell(task.deadline_text()),
            cell(note.clone()),
        ]
    });
    let specs: [Spec; 8] = [
        ("STT", Align::Center, 3.0, false),
        ("Nhiệm vụ", Align::Left, f32::INFINITY, true),
        ("Chủ trì chỉ đạo", Align::Center, 8.0, false),
        ("Đơn vị chủ trì", Align::Center, 9.0, false),
        ("Đơn vị phối hợp", Align::Center, 9.0, false),
        ("Sản phẩm", Align::Center, 8.0, false),
        ("Thời hạn", Align::Center, 7.0, false),
        ("Ghi chú", Align::Left, 11.0, false),
    ];
    super::tables::fitted(ctx, &specs, rows, landscape)
}
