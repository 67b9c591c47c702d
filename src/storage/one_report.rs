//! storage: loading a project for one of its reports only (what `baocao export`
//! needs). Every other report is read and dropped at once, so memory grows with the
//! largest report and the shared data (plan, periods), not with the whole file.

use std::cell::RefCell;
use std::path::Path;

use serde::Deserialize;

use super::{StorageError, versioned};
use crate::model::{FORMAT_VERSION, Organisation, PageSetup, PeriodRecord, Plan, Project, Report};

/// Which report to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Keep {
    /// The report with this id.
    Id(String),
    /// The last report of the file (the newest).
    Last,
}

thread_local! {
    /// What the reports being read are filtered by (set only around one parse).
    static KEEP: RefCell<Keep> = const { RefCell::new(Keep::Last) };
}

/// A project with one report, and the ids of every report of the file.
#[derive(Debug)]
pub struct OneReport {
    /// The project, holding only the kept report (none when there is no such report).
    pub project: Project,
    /// The ids of all the file's reports, in file order.
    pub ids: Vec<String>,
}

/// The reports of the file as they are read: only the kept one stays.
#[derive(Debug, Default)]
struct Filtered {
    kept: Option<Report>,
    ids: Vec<String>,
}

impl<'de> Deserialize<'de> for Filtered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Filtered;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of reports")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Filtered, A::Error> {
                let keep = KEEP.with(|k| k.borrow().clone());
                let mut out = Filtered::default();
                while let Some(report) = seq.next_element::<Report>()? {
                    out.ids.push(report.id.clone());
                    let wanted = match &keep {
                        Keep::Id(id) => report.id == *id,
                        Keep::Last => true,
                    };
                    if wanted {
                        out.kept = Some(report);
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_seq(Visitor)
    }
}

/// The top level of a project file, its reports filtered.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Shallow {
    format_version: u32,
    organisation: Organisation,
    plan: Plan,
    periods: Vec<PeriodRecord>,
    reports: Filtered,
    page_setup: PageSetup,
    signing: crate::model::SigningImages,
}

impl Default for Shallow {
    fn default() -> Self {
        let p = Project::default();
        Self {
            format_version: p.format_version,
            organisation: p.organisation,
            plan: p.plan,
            periods: p.periods,
            reports: Filtered::default(),
            page_setup: p.page_setup,
            signing: p.signing,
        }
    }
}

/// Loads `path` keeping one report, with the same checks as [`super::load`]. A file
/// of an older format, or with escaped characters, is loaded whole and then cut down.
pub fn load_one_report(path: &Path, keep: Keep) -> Result<OneReport, StorageError> {
    let fail = |f| StorageError::from_failure(path, f);
    let (bytes, _) = versioned::read_bytes(path, super::MAX_FILE_BYTES).map_err(fail)?;
    let text = versioned::utf8(bytes).map_err(fail)?;
    let text = versioned::normalise_cow(&text);
    let version = versioned::version(&text, FORMAT_VERSION).map_err(fail)?;
    if version != FORMAT_VERSION || text.contains('\\') {
        let mut project = super::parse(&text, path)?;
        let ids = project.reports.iter().map(|r| r.id.clone()).collect();
        let kept = match &keep {
            Keep::Id(id) => project.reports.iter().position(|r| r.id == *id),
            Keep::Last => project.reports.len().checked_sub(1),
        };
        project.reports = kept
            .map(|i| project.reports.swap_remove(i))
            .into_iter()
            .collect();
        return Ok(OneReport { project, ids });
    }
    KEEP.with(|k| *k.borrow_mut() = keep);
    let shallow = versioned::de::<Shallow>(&text).map_err(fail);
    KEEP.with(|k| *k.borrow_mut() = Keep::Last);
    let shallow = shallow?;
    let project = Project {
        format_version: FORMAT_VERSION,
        organisation: shallow.organisation,
        plan: shallow.plan,
        periods: shallow.periods,
        reports: shallow.reports.kept.into_iter().collect(),
        page_setup: shallow.page_setup,
        signing: shallow.signing,
    };
    super::refuse_bad_numbers(&project, path)?;
    Ok(OneReport {
        project,
        ids: shallow.reports.ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_report_is_kept_with_everything_else_and_every_id_is_known() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let mut full = crate::test_support::sample();
        let mut other = full.reports[0].clone();
        other.id = "bc-khac".into();
        other.summary = "Báo cáo khác".into();
        full.reports.insert(0, other.clone());
        super::super::save(&path, &full).unwrap();
        let last = load_one_report(&path, Keep::Last).unwrap();
        let first_id = full.reports[1].id.clone();
        assert_eq!(last.ids, vec!["bc-khac".to_owned(), first_id.clone()]);
        let mut expected = full.clone();
        expected.reports.remove(0);
        assert_eq!(last.project, expected);
        let chosen = load_one_report(&path, Keep::Id("bc-khac".into())).unwrap();
        assert_eq!(chosen.project.reports, vec![other]);
        let none = load_one_report(&path, Keep::Id("khong-co".into())).unwrap();
        assert!(none.project.reports.is_empty());
        assert_eq!(none.ids.len(), 2);
    }

    #[test]
    fn a_bad_figure_is_refused_as_on_a_full_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let text = std::fs::read_to_string(crate::test_support::SAMPLE_PATH)
            .unwrap()
            .replacen("value: Some(Number(86.4))", "value: Some(Number(NaN))", 1);
        std::fs::write(&path, text).unwrap();
        assert!(matches!(
            load_one_report(&path, Keep::Last),
            Err(StorageError::BadNumber { .. })
        ));
    }
}
