//! Revisions of the year's plan (điều chỉnh kế hoạch): what changed, when it took
//! effect and which document asked for it, and the plan as it stood on a date.
//!
//! Part of the model (root of the pipeline). [`Plan`] always holds the plan as it is
//! now, every revision applied; [`Plan::as_of`] undoes the revisions that were not yet
//! in force, so that a report is judged against the plan of its own period.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Indicator, Plan, Project, Report, Task};

/// One revision of the plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanRevision {
    /// The day from which the revised plan applies.
    pub effective: Option<NaiveDate>,
    /// The document that asked for it, e.g. `Công văn số 125/UBND-VP ngày 12/6/2026 của
    /// UBND Thành phố`.
    pub decided_by: String,
    /// What changed, in the order it was recorded.
    pub changes: Vec<PlanChange>,
}

/// One change of a revision: an indicator or a task before and after. `before` empty
/// means added, `after` empty means removed, both set means changed (target, lead,
/// deadline …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PlanChange {
    Indicator {
        before: Option<Indicator>,
        after: Option<Indicator>,
    },
    Task {
        before: Option<Task>,
        after: Option<Task>,
    },
}

/// What a change did, in a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl PlanChange {
    /// Added, removed or changed; `None` for a change with neither side.
    pub fn kind(&self) -> Option<ChangeKind> {
        let (before, after) = match self {
            PlanChange::Indicator { before, after } => (before.is_some(), after.is_some()),
            PlanChange::Task { before, after } => (before.is_some(), after.is_some()),
        };
        match (before, after) {
            (false, true) => Some(ChangeKind::Added),
            (true, false) => Some(ChangeKind::Removed),
            (true, true) => Some(ChangeKind::Changed),
            (false, false) => None,
        }
    }
}

impl PlanRevision {
    /// Whether this revision is in force on `date`: it is when it has no date.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.effective.is_none_or(|d| d <= date)
    }

    /// The indicator changes, before and after.
    pub fn indicator_changes(&self) -> Vec<(Option<&Indicator>, Option<&Indicator>)> {
        self.changes
            .iter()
            .filter_map(|c| match c {
                PlanChange::Indicator { before, after } => Some((before.as_ref(), after.as_ref())),
                PlanChange::Task { .. } => None,
            })
            .collect()
    }

    /// The task changes, before and after.
    pub fn task_changes(&self) -> Vec<(Option<&Task>, Option<&Task>)> {
        self.changes
            .iter()
            .filter_map(|c| match c {
                PlanChange::Task { before, after } => Some((before.as_ref(), after.as_ref())),
                PlanChange::Indicator { .. } => None,
            })
            .collect()
    }

    /// The changes that turn `before` into `after`: indicators and tasks added,
    /// removed or changed, compared by id; nothing else of the plan counts.
    pub fn between(before: &Plan, after: &Plan) -> Vec<PlanChange> {
        let indicators = changed(&before.indicators, &after.indicators, |i| &i.id)
            .map(|(before, after)| PlanChange::Indicator { before, after });
        let tasks = changed(&before.tasks, &after.tasks, |t| &t.id)
            .map(|(before, after)| PlanChange::Task { before, after });
        indicators.chain(tasks).collect()
    }
}

/// The items of `before` changed or gone in `after`, then those `after` adds, as
/// (before, after) pairs; items are the same item when `id` gives the same id.
fn changed<'a, T: Clone + PartialEq>(
    before: &'a [T],
    after: &'a [T],
    id: fn(&T) -> &str,
) -> impl Iterator<Item = (Option<T>, Option<T>)> + 'a {
    let find = move |list: &'a [T], x: &T| list.iter().find(|y| id(y) == id(x));
    let changed_or_gone = before.iter().filter_map(move |b| match find(after, b) {
        Some(a) if a == b => None,
        a => Some((Some(b.clone()), a.cloned())),
    });
    let added = after
        .iter()
        .filter(move |a| find(before, a).is_none())
        .map(|a| (None, Some(a.clone())));
    changed_or_gone.chain(added)
}

impl Plan {
    /// The plan as it stood on `date`: the revisions in force then stay applied (and
    /// listed), those taking effect later are undone, the latest recorded first. The
    /// plan itself, borrowed, when no revision takes effect after `date`.
    ///
    /// Undoing a change puts back what was there before: a changed item takes its old
    /// form, an added one is taken out, a removed one comes back at the end of the list
    /// (the tables group items by their group, so only the order inside it can move).
    pub fn as_of(&self, date: NaiveDate) -> Cow<'_, Plan> {
        if self.revisions.iter().all(|r| r.in_force_on(date)) {
            return Cow::Borrowed(self);
        }
        let mut plan = self.clone();
        let revisions = std::mem::take(&mut plan.revisions);
        for rev in revisions.iter().rev() {
            if rev.in_force_on(date) {
                continue;
            }
            for change in rev.changes.iter().rev() {
                undo(&mut plan, change);
            }
        }
        plan.revisions = revisions
            .into_iter()
            .filter(|r| r.in_force_on(date))
            .collect();
        Cow::Owned(plan)
    }
}

/// Puts back what `change` replaced.
fn undo(plan: &mut Plan, change: &PlanChange) {
    match change {
        PlanChange::Indicator { before, after } => {
            let id = after.as_ref().or(before.as_ref()).map(|i| i.id.clone());
            let Some(id) = id else { return };
            restore(&mut plan.indicators, before.clone(), |i| i.id == id);
        }
        PlanChange::Task { before, after } => {
            let id = after.as_ref().or(before.as_ref()).map(|t| t.id.clone());
            let Some(id) = id else { return };
            restore(&mut plan.tasks, before.clone(), |t| t.id == id);
        }
    }
}

fn restore<T>(items: &mut Vec<T>, before: Option<T>, is_it: impl Fn(&T) -> bool) {
    match (items.iter().position(is_it), before) {
        (Some(at), Some(old)) => {
            if let Some(slot) = items.get_mut(at) {
                *slot = old;
            }
        }
        (Some(at), None) => {
            items.remove(at);
        }
        (None, Some(old)) => items.push(old),
        (None, None) => {}
    }
}

impl Project {
    /// The plan a report is judged against: the plan as it stood at the end of the
    /// report's period ([`Plan::as_of`]): a revision taking effect on or before the
    /// last day of the period applies to it, a later one does not. A period without an
    /// end (cannot happen for a valid period) reads the plan as it is now.
    pub fn plan_for(&self, report: &Report) -> Cow<'_, Plan> {
        match report.period.end_date() {
            Some(end) => self.plan.as_of(end),
            None => Cow::Borrowed(&self.plan),
        }
    }

    /// This project with its plan as `report` is judged against ([`Self::plan_for`]),
    /// for code that reads `project.plan` throughout (composing, checking); borrowed
    /// when that is the plan as it is now.
    pub fn as_of_report(&self, report: &Report) -> Cow<'_, Project> {
        match self.plan_for(report) {
            Cow::Borrowed(_) => Cow::Borrowed(self),
            Cow::Owned(plan) => {
                let mut p = self.clone();
                p.plan = plan;
                Cow::Owned(p)
            }
        }
    }

    /// The revisions that took effect after the period of the report before `report`
    /// ended and by the end of `report`'s: what the reviewer should know changed since
    /// the last report. All revisions in force when there is no earlier report.
    pub fn revisions_since_previous(&self, report: &Report) -> Vec<&PlanRevision> {
        let Some(end) = report.period.end_date() else {
            return Vec::new();
        };
        let previous_end = self
            .reports
            .iter()
            .filter(|r| r.id != report.id && r.document == super::DocumentType::BaoCao)
            .filter_map(|r| r.period.end_date())
            .filter(|d| *d < end)
            .max();
        self.plan
            .revisions
            .iter()
            .filter(|r| r.in_force_on(end))
            .filter(|r| match (previous_end, r.effective) {
                (Some(prev), Some(eff)) => eff > prev,
                _ => previous_end.is_none(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comparison, Target};

    fn ind(id: &str, target: f64) -> Indicator {
        Indicator {
            id: id.into(),
            name: format!("Chỉ tiêu {id}"),
            unit: "%".into(),
            target: Target::Number {
                cmp: Comparison::AtLeast,
                value: target,
            },
            ..Indicator::default()
        }
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
    }

    fn revised() -> Plan {
        let before = Plan {
            indicators: vec![ind("CT01", 80.0), ind("CT02", 50.0)],
            tasks: vec![Task {
                id: "NV01".into(),
                name: "Nhiệm vụ một".into(),
                ..Task::default()
            }],
            ..Plan::default()
        };
        let mut after = before.clone();
        after.indicators[0] = ind("CT01", 90.0);
        after.indicators.remove(1);
        after.tasks.push(Task {
            id: "NV02".into(),
            name: "Nhiệm vụ hai".into(),
            ..Task::default()
        });
        let changes = PlanRevision::between(&before, &after);
        after.revisions.push(PlanRevision {
            effective: Some(day(7, 1)),
            decided_by: "Công văn số 1".into(),
            changes,
        });
        after
    }

    #[test]
    fn the_changes_between_two_plans_name_what_was_changed_removed_and_added() {
        let plan = revised();
        let kinds: Vec<_> = plan.revisions[0].changes.iter().map(|c| c.kind()).collect();
        assert_eq!(
            kinds,
            [
                Some(ChangeKind::Changed),
                Some(ChangeKind::Removed),
                Some(ChangeKind::Added)
            ]
        );
    }

    #[test]
    fn before_its_effective_day_the_plan_reads_as_it_was() {
        let plan = revised();
        let old = plan.as_of(day(6, 30));
        assert!(matches!(old, Cow::Owned(_)));
        assert_eq!(old.indicators.len(), 2);
        assert_eq!(old.indicators[0], ind("CT01", 80.0));
        assert!(old.task("NV02").is_none());
        assert!(old.revisions.is_empty());
        let now = plan.as_of(day(7, 1));
        assert!(matches!(now, Cow::Borrowed(_)));
        assert_eq!(now.indicators[0], ind("CT01", 90.0));
        assert!(now.indicator("CT02").is_none());
    }

    #[test]
    fn a_plan_without_revisions_is_the_same_on_every_day() {
        let plan = Plan {
            indicators: vec![ind("CT01", 80.0)],
            ..Plan::default()
        };
        assert!(matches!(plan.as_of(day(1, 1)), Cow::Borrowed(_)));
    }
}
