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
    /// The signature and seal images of the sign-ready version, when the clerk chose
    /// them. Not written while unset, so files without them stay as they were; not part
    /// of the approval fingerprint (they print only on the version to be signed).
    #[serde(skip_serializing_if = "SigningImages::is_unset")]
    pub signing: SigningImages,
}

/// Image files beside the project, as paths relative to the project file's folder
/// (Decree 30, Appendix I part II): never embedded in the project file itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SigningImages {
    /// The signer's handwritten signature: blue, PNG with a transparent background.
    pub signature_image: Option<String>,
    /// The organisation's seal: red, actual size, PNG with a transparent background.
    pub seal_image: Option<String>,
}

impl SigningImages {
    /// Whether no image is chosen.
    pub fn is_unset(&self) -> bool {
        self.signature_image.is_none() && self.seal_image.is_none()
    }
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
            signing: SigningImages::default(),
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
