//! The project file's root: everything a commune keeps for its plan and reports.

use serde::{Deserialize, Serialize};

use super::{Organisation, PageSetup, Period, PeriodRecord, Plan, Report};

/// The format version this program writes. Older files are migrated on load.
pub const FORMAT_VERSION: u32 = 2;

/// One project file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Project {
    pub format_version: u32,
    pub organisation: Organisation,
    pub plan: Plan,
    /// Values and progress per reporting period, in time order.
    pub periods: Vec<PeriodRecord>,
    pub reports: Vec<Report>,
    /// Page format overrides; defaults follow Decree 30/2020.
    pub page_setup: PageSetup,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            format_version: FORMAT_VERSION,
            organisation: Organisation::default(),
            plan: Plan::default(),
            periods: Vec::new(),
            reports: Vec::new(),
            page_setup: PageSetup::default(),
        }
    }
}

impl Project {
    pub fn report(&self, id: &str) -> Option<&Report> {
        self.reports.iter().find(|r| r.id == id)
    }

    pub fn report_mut(&mut self, id: &str) -> Option<&mut Report> {
        self.reports.iter_mut().find(|r| r.id == id)
    }

    /// The record of exactly `period`. What a report prints comes from
    /// [`Project::figure`] and [`Project::task_progress`], which also serve thematic periods.
    pub fn period_record(&self, period: Period) -> Option<&PeriodRecord> {
        self.periods.iter().find(|p| p.period == period)
    }

    /// The record of `period`, created (in time order) when missing.
    pub fn period_record_mut(&mut self, period: Period) -> &mut PeriodRecord {
        let pos = match self.periods.iter().position(|p| p.period == period) {
            Some(pos) => pos,
            None => {
                let at = self
                    .periods
                    .iter()
                    .position(|p| p.period.end_date() > period.end_date())
                    .unwrap_or(self.periods.len());
                self.periods.insert(at, PeriodRecord::new(period));
                at
            }
        };
        &mut self.periods[pos]
    }
}
