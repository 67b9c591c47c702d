//! import, plan: what the plan read adds to a project that may already have a plan:
//! a task or indicator of the same name is matched (not added again) and what differs
//! is listed; the rest is new. Nothing the project has is changed.

use std::collections::HashMap;

use super::PlanImport;
use super::targets::Found;
use crate::model::{Group, Indicator, Project, Task, new_id, next_number, target_label};
use crate::vi::fold;

/// Whether a matched row is a task or an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchedKind {
    Task,
    Indicator,
}

/// A row of the plan that the project already has.
#[derive(Clone, Debug, PartialEq)]
pub struct Matched {
    pub kind: MatchedKind,
    /// Id of the project's task or indicator.
    pub id: String,
    pub name: String,
    /// Source row.
    pub row: usize,
    /// What differs, one line each (`thời hạn: “Tháng 6/2026” trong dự án, “Tháng
    /// 12/2026” trong kế hoạch`); empty when the same.
    pub differences: Vec<String>,
    /// The task as the plan document writes it (its offices among the project's and
    /// [`PlanImport::new_offices`] / [`PlanImport::revised_offices`]); a plain import
    /// leaves the project's as it is, a revision (`--decided-by`) takes this.
    pub task: Option<Task>,
    /// The indicator as the plan document writes it.
    pub indicator: Option<Indicator>,
}

/// Adds the indicators found in the text to `scratch`, in their groups.
pub(super) fn add_text_targets(
    found: Vec<Found>,
    scratch: &mut Project,
    rows_of: &mut HashMap<String, usize>,
) {
    let mut next = next_number("CT", scratch.plan.indicators.iter().map(|i| i.id.as_str()));
    for f in found {
        let group = if f.group.is_empty() {
            String::new()
        } else {
            let key = fold(&f.group);
            let groups = &mut scratch.plan.indicator_groups;
            match groups.iter().find(|g| fold(&g.title) == key) {
                Some(g) => g.id.clone(),
                None => {
                    let id = new_id("NCT", groups.iter().map(|g| g.id.as_str()));
                    groups.push(Group {
                        id: id.clone(),
                        title: f.group.clone(),
                    });
                    id
                }
            }
        };
        let id = loop {
            let id = format!("CT{next:02}");
            next += 1;
            if scratch.plan.indicator(&id).is_none() {
                break id;
            }
        };
        rows_of.insert(id.clone(), f.row);
        scratch.plan.indicators.push(Indicator {
            id,
            group,
            ..f.indicator
        });
    }
}

/// Splits what `scratch` holds beyond `project` into new items and matched ones.
pub(super) fn compare(
    project: &Project,
    scratch: Project,
    rows_of: HashMap<String, usize>,
) -> PlanImport {
    let mut out = PlanImport::default();
    let plan = &project.plan;
    let offices = |ids: &[String], p: &Project| -> String {
        ids.iter()
            .map(|id| {
                p.organisation
                    .office(id)
                    .map_or_else(|| id.clone(), |o| o.name.clone())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for task in scratch.plan.tasks.iter().skip(plan.tasks.len()) {
        let row = rows_of.get(&task.id).copied().unwrap_or(0);
        let key = fold(&task.name);
        let Some(old) = plan.tasks.iter().find(|t| fold(&t.name) == key) else {
            out.tasks.push(task.clone());
            out.rows_of.insert(task.id.clone(), row);
            continue;
        };
        let mut differences = Vec::new();
        let mut differ = |what: &str, ours: String, theirs: String| {
            if fold(&ours) != fold(&theirs) {
                differences.push(format!(
                    "{what}: “{ours}” trong dự án, “{theirs}” trong kế hoạch"
                ));
            }
        };
        differ(
            "đơn vị chủ trì",
            offices(&old.lead, project),
            offices(&task.lead, &scratch),
        );
        differ(
            "đơn vị phối hợp",
            offices(&old.coordinating, project),
            offices(&task.coordinating, &scratch),
        );
        differ("sản phẩm", old.output.clone(), task.output.clone());
        if old.deadline != task.deadline {
            differ("thời hạn", old.deadline.label(), task.deadline.label());
        }
        out.matched.push(Matched {
            kind: MatchedKind::Task,
            id: old.id.clone(),
            name: old.name.clone(),
            row,
            differences,
            task: Some(task.clone()),
            indicator: None,
        });
    }
    for ind in scratch.plan.indicators.iter().skip(plan.indicators.len()) {
        let row = rows_of.get(&ind.id).copied().unwrap_or(0);
        let key = fold(&ind.name);
        let Some(old) = plan.indicators.iter().find(|i| fold(&i.name) == key) else {
            out.indicators.push(ind.clone());
            out.rows_of.insert(ind.id.clone(), row);
            continue;
        };
        let mut differences = Vec::new();
        if old.target != ind.target || old.unit.trim() != ind.unit.trim() {
            differences.push(format!(
                "chỉ tiêu: “{}” trong dự án, “{}” trong kế hoạch",
                target_label(old),
                target_label(ind)
            ));
        }
        out.matched.push(Matched {
            kind: MatchedKind::Indicator,
            id: old.id.clone(),
            name: old.name.clone(),
            row,
            differences,
            task: None,
            indicator: Some(ind.clone()),
        });
    }
    let used_office = |id: &String| {
        out.tasks
            .iter()
            .any(|t| t.lead.contains(id) || t.coordinating.contains(id))
            || out.indicators.iter().any(|i| i.lead.contains(id))
    };
    out.new_offices = scratch
        .organisation
        .offices
        .iter()
        .skip(project.organisation.offices.len())
        .filter(|o| used_office(&o.id))
        .cloned()
        .collect();
    // Offices only the document's version of a row the project has names: needed when
    // that version is taken as a revision.
    let in_matched = |id: &String| {
        out.matched.iter().any(|m| {
            m.task
                .as_ref()
                .is_some_and(|t| t.lead.contains(id) || t.coordinating.contains(id))
                || m.indicator.as_ref().is_some_and(|i| i.lead.contains(id))
        })
    };
    out.revised_offices = scratch
        .organisation
        .offices
        .iter()
        .skip(project.organisation.offices.len())
        .filter(|o| in_matched(&o.id) && !out.new_offices.iter().any(|n| n.id == o.id))
        .cloned()
        .collect();
    out.task_groups = scratch
        .plan
        .task_groups
        .iter()
        .skip(plan.task_groups.len())
        .filter(|g| out.tasks.iter().any(|t| t.group == g.id))
        .cloned()
        .collect();
    out.indicator_groups = scratch
        .plan
        .indicator_groups
        .iter()
        .skip(plan.indicator_groups.len())
        .filter(|g| out.indicators.iter().any(|i| i.group == g.id))
        .cloned()
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Deadline, Office, Task};

    #[test]
    fn a_task_the_project_has_is_matched_and_its_differences_listed() {
        let mut project = Project::default();
        project.organisation.offices.push(Office {
            id: "DV01".into(),
            name: "Phòng Văn hóa - Xã hội".into(),
            short: "Phòng VH-XH".into(),
        });
        project.plan.tasks.push(Task {
            id: "NV01".into(),
            name: "Triển khai kế hoạch chuyển đổi số".into(),
            lead: vec!["DV01".into()],
            deadline: Deadline::Month {
                year: 2026,
                month: 6,
            },
            ..Task::default()
        });
        let mut scratch = project.clone();
        scratch.plan.tasks.push(Task {
            id: "NV02".into(),
            name: "Triển khai Kế hoạch chuyển đổi số".into(),
            lead: vec!["DV01".into()],
            deadline: Deadline::Month {
                year: 2026,
                month: 12,
            },
            ..Task::default()
        });
        scratch.plan.tasks.push(Task {
            id: "NV03".into(),
            name: "Ban hành kế hoạch mới".into(),
            ..Task::default()
        });
        let out = compare(&project, scratch, HashMap::new());
        assert_eq!(out.tasks.len(), 1);
        assert_eq!(out.tasks[0].id, "NV03");
        assert_eq!(out.matched.len(), 1);
        assert_eq!(out.matched[0].id, "NV01");
        assert_eq!(out.matched[0].differences.len(), 1);
        assert!(out.matched[0].differences[0].starts_with("thời hạn"));
    }
}
