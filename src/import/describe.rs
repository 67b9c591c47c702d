//! What an import preview would add, one line per row, in the words the clerk reads:
//! shared by the command line and the window's import dialog.

use super::{ImportKind, ImportPreview};
use crate::model::{Project, Target};

/// One indicator or task of a preview, ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewRow {
    /// 1-based spreadsheet row.
    pub row: usize,
    /// The id it will get (`CT16`, `NV19`).
    pub id: String,
    /// Title of its group, or empty.
    pub group: String,
    pub name: String,
    /// The target of an indicator (`≥ 90 %`), the deadline of a task.
    pub target_or_deadline: String,
    /// Lead offices, short names, `; `-separated.
    pub lead: String,
    /// Coordinating offices (tasks only).
    pub coordinating: String,
    /// Expected output (tasks only).
    pub output: String,
}

/// The rows `preview` would add to `project`, in table order.
pub fn describe(p: &ImportPreview, project: &Project) -> Vec<PreviewRow> {
    let office = |id: &String| -> String {
        project
            .organisation
            .office(id)
            .or_else(|| p.new_offices.iter().find(|o| &o.id == id))
            .map_or_else(|| id.clone(), |o| o.short.clone())
    };
    let offices = |ids: &[String]| ids.iter().map(office).collect::<Vec<_>>().join("; ");
    let groups = match p.kind {
        ImportKind::Indicators => &project.plan.indicator_groups,
        ImportKind::Tasks => &project.plan.task_groups,
    };
    let group = |id: &str| -> String {
        groups
            .iter()
            .chain(p.groups.iter())
            .find(|g| g.id == id)
            .map_or_else(String::new, |g| g.title.clone())
    };
    let row = |i: usize| p.item_rows.get(i).copied().unwrap_or(0);
    let indicators = p.indicators.iter().enumerate().map(|(i, ind)| {
        let target = match &ind.target {
            Target::Number { cmp, value } => format!(
                "{} {} {}",
                cmp.symbol(),
                crate::vi::format_number(*value, 2),
                ind.unit
            ),
            Target::Text { expected } => expected.clone(),
        };
        PreviewRow {
            row: row(i),
            id: ind.id.clone(),
            group: group(&ind.group),
            name: ind.name.clone(),
            target_or_deadline: target.trim().to_owned(),
            lead: offices(&ind.lead),
            coordinating: String::new(),
            output: String::new(),
        }
    });
    let tasks = p.tasks.iter().enumerate().map(|(i, t)| PreviewRow {
        row: row(i),
        id: t.id.clone(),
        group: group(&t.group),
        name: t.name.clone(),
        target_or_deadline: t.deadline.label(),
        lead: offices(&t.lead),
        coordinating: offices(&t.coordinating),
        output: t.output.clone(),
    });
    indicators.chain(tasks).collect()
}

/// `7 chỉ tiêu, 2 nhóm mới, 1 đơn vị mới` — what confirming would add.
pub fn summary(p: &ImportPreview) -> String {
    let mut parts = vec![format!(
        "{} {}",
        p.indicators.len() + p.tasks.len(),
        p.kind.label()
    )];
    if !p.groups.is_empty() {
        parts.push(format!("{} nhóm mới", p.groups.len()));
    }
    if !p.new_offices.is_empty() {
        parts.push(format!("{} đơn vị mới", p.new_offices.len()));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_name_groups_and_offices_in_words() {
        let project = crate::test_support::sample();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/chi-tieu.csv");
        let p = crate::import::preview(&path, &project, None).unwrap();
        let rows = describe(&p, &project);
        assert_eq!(rows.len(), p.indicators.len());
        assert_eq!(rows[0].id, p.indicators[0].id);
        assert_eq!(rows[0].row, p.item_rows[0]);
        assert!(rows.iter().all(|r| !r.group.is_empty()), "{rows:?}");
        assert!(
            rows.iter().any(|r| r.target_or_deadline.contains('%')),
            "{rows:?}"
        );
        assert!(summary(&p).starts_with(&format!("{} chỉ tiêu", rows.len())));
    }
}
