//! Format version 0: the pilot files written by hand before `format_version` existed.
//! A flat plan with targets, offices and deadlines as free text; no reports.
//! Migrated on load to the current model; never written.

use serde::Deserialize;

use crate::model::{
    Group, Indicator, Office, Organisation, Plan, Project, Signer, Task, parse_deadline,
    parse_target,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct ProjectV0 {
    /// `format_version: 0` written out: the same as leaving it away.
    #[serde(rename = "format_version")]
    _format_version: u32,
    organisation: OrganisationV0,
    year: i32,
    plan_title: String,
    indicators: Vec<IndicatorV0>,
    tasks: Vec<TaskV0>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct OrganisationV0 {
    parent: String,
    /// Issuing body lines separated by a line break.
    name: String,
    code: String,
    place: String,
    signer: String,
    signer_position: String,
    /// Authority lines separated by a line break.
    signer_authority: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct IndicatorV0 {
    id: String,
    group: String,
    name: String,
    target: String,
    lead: String,
    note: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct TaskV0 {
    id: String,
    group: String,
    name: String,
    lead: String,
    coordinating: String,
    output: String,
    deadline: String,
}

/// Builds the current model from a version-0 file.
pub(super) fn migrate(old: ProjectV0) -> Project {
    let mut offices: Vec<Office> = Vec::new();
    let mut office_ids = |names: &str| -> Vec<String> {
        names
            .split(';')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|name| {
                if let Some(o) = offices.iter().find(|o| o.name == name) {
                    return o.id.clone();
                }
                let id = format!("DV{:02}", offices.len() + 1);
                offices.push(Office {
                    id: id.clone(),
                    name: name.to_owned(),
                    short: name.to_owned(),
                });
                id
            })
            .collect()
    };
    let group_id = |groups: &mut Vec<Group>, prefix: &str, title: &str| -> String {
        let title = title.trim();
        if title.is_empty() {
            return String::new();
        }
        if let Some(g) = groups.iter().find(|g| g.title == title) {
            return g.id.clone();
        }
        let id = format!("{prefix}{}", groups.len() + 1);
        groups.push(Group {
            id: id.clone(),
            title: title.to_owned(),
        });
        id
    };

    let mut plan = Plan {
        title: old.plan_title,
        year: old.year,
        ..Plan::default()
    };
    for i in old.indicators {
        let (target, unit) = parse_target(&i.target);
        let group = group_id(&mut plan.indicator_groups, "NCT", &i.group);
        plan.indicators.push(Indicator {
            id: i.id,
            group,
            name: i.name,
            unit,
            target,
            target_as_written: i.target.trim().to_owned(),
            accrues_over_year: false,
            lead: office_ids(&i.lead),
            note: i.note,
        });
    }
    for t in old.tasks {
        let group = group_id(&mut plan.task_groups, "NNV", &t.group);
        plan.tasks.push(Task {
            id: t.id,
            group,
            name: t.name,
            lead: office_ids(&t.lead),
            coordinating: office_ids(&t.coordinating),
            output: t.output,
            deadline: parse_deadline(&t.deadline, old.year),
            deadline_as_written: String::new(),
            directing: String::new(),
            note: String::new(),
        });
    }

    let o = old.organisation;
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let signers = if o.signer.trim().is_empty() {
        Vec::new()
    } else {
        vec![Signer {
            id: "KY1".to_owned(),
            authority: lines(&o.signer_authority),
            position: o.signer_position.trim().to_owned(),
            full_name: o.signer.trim().to_owned(),
        }]
    };
    let issuing_body = lines(&o.name);
    Project {
        organisation: Organisation {
            parent_body: o.parent,
            full_name: issuing_body.join(" "),
            short_name: o.code.clone(),
            issuing_body,
            doc_code: o.code,
            place: o.place,
            offices,
            signers,
            default_recipients: Vec::new(),
            archive: "VT".to_owned(),
        },
        plan,
        ..Project::default()
    }
}
