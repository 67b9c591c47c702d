//! The tables of a Thông báo of plan adjustments (issue 25): Phụ lục số 01, the
//! indicators added or changed, and Phụ lục số 02, the tasks, each grouped as the plan
//! groups them, with a Ghi chú saying what was done.
//!
//! Part of compose (model → **compose** → layout): generated from the revision the
//! notice was made from, never typed.

use super::{Align, Ctx, Run, SourceRef, Table, TableColumn, TableRow};
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
                parts.push(format!("Điều chỉnh thời hạn từ {}", b.deadline.label()));
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

fn col(header: &str, weight: f32, align: Align) -> TableColumn {
    TableColumn {
        header: header.to_owned(),
        weight,
        align,
    }
}

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
    Table {
        columns: vec![
            col("TT", 0.5, Align::Center),
            col("Chỉ tiêu", 3.6, Align::Left),
            col("Mục tiêu sau điều chỉnh", 1.6, Align::Center),
            col("Đơn vị chủ trì", 1.5, Align::Center),
            col("Ghi chú", 1.8, Align::Left),
        ],
        rows,
        size_pt: super::TABLE_PT,
        space_after_pt: ctx.setup.paragraph_spacing_pt,
        source: SourceRef::default(),
    }
}

/// Phụ lục số 02: the tasks the revision added, changed or dropped, as they now are.
pub(crate) fn task_table(ctx: &Ctx, rev: &PlanRevision) -> Table {
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
            cell(offices(org, &task.lead)),
            cell(offices(org, &task.coordinating)),
            cell(task.output.trim()),
            cell(task.deadline.label()),
            cell(note.clone()),
        ]
    });
    Table {
        columns: vec![
            col("STT", 0.5, Align::Center),
            col("Nhiệm vụ", 3.4, Align::Left),
            col("Đơn vị chủ trì", 1.4, Align::Center),
            col("Đơn vị phối hợp", 1.5, Align::Center),
            col("Sản phẩm", 1.2, Align::Center),
            col("Thời hạn", 1.1, Align::Center),
            col("Ghi chú", 1.7, Align::Left),
        ],
        rows,
        size_pt: super::TABLE_PT,
        space_after_pt: ctx.setup.paragraph_spacing_pt,
        source: SourceRef::default(),
    }
}
