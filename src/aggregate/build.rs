//! aggregate: the communes' summaries of one period summed into the city's table:
//! one row per commune, one per indicator (matched by name across communes).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Skipped;
use super::names::{self, Mapping};
use super::read::{CommuneFile, IndicatorEntry, SkipReason, sort_name};
use crate::model::{IndicatorCounts, IndicatorStatus, Period, TaskCounts};

/// One commune's row.
#[derive(Clone, Debug)]
pub struct Commune {
    pub name: String,
    /// Relative to the folder.
    pub file: PathBuf,
    pub report_id: String,
    /// Its indicators in plan order, each with the row of the city's table it is in.
    pub indicators: Vec<(IndicatorEntry, usize)>,
    /// Met or exceeded.
    pub met: usize,
    /// Below the year's target but on track for the period.
    pub on_track: usize,
    pub not_met: usize,
    pub no_data: usize,
    pub tasks: TaskCounts,
}

/// Minimum, median and maximum of the numeric values reported in the indicator's unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    pub count: usize,
    pub min: f64,
    pub median: f64,
    pub max: f64,
}

impl Stats {
    /// The statistics of `values`; `None` when there is none.
    pub fn of(mut values: Vec<f64>) -> Option<Stats> {
        values.retain(|v| v.is_finite());
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let (first, last) = (*values.first()?, *values.last()?);
        let median = if n % 2 == 1 {
            values[n / 2]
        } else {
            (values[n / 2 - 1] + values[n / 2]) / 2.0
        };
        Some(Stats {
            count: n,
            min: first,
            median,
            max: last,
        })
    }
}

/// One indicator's row: how the communes that have it stand.
#[derive(Clone, Debug)]
pub struct IndicatorRow {
    /// The common name.
    pub name: String,
    /// The unit most communes give it.
    pub unit: String,
    /// `(commune, index in the commune's indicators)` of every commune that has it.
    pub entries: Vec<(usize, usize)>,
    pub met: usize,
    pub on_track: usize,
    pub not_met: usize,
    pub no_data: usize,
    /// Over the values given in [`Self::unit`].
    pub stats: Option<Stats>,
    /// The city's total over the values given in [`Self::unit`], when they add up.
    pub total: Option<super::totals::Total>,
}

impl IndicatorRow {
    /// How many communes have the indicator in their plan.
    pub fn communes(&self) -> usize {
        self.entries.len()
    }

    /// How many of them gave a value that could be judged.
    pub fn with_data(&self) -> usize {
        self.entries.len() - self.no_data
    }

    /// Met, exceeded or on track for the period: the communes the commune report's own
    /// rule ([`crate::model::indicator_status`]) does not call behind.
    pub fn on_course(&self) -> usize {
        self.met + self.on_track
    }

    /// The share of the communes having it that are [`Self::on_course`], 0–1.
    pub fn on_course_share(&self) -> f64 {
        if self.entries.is_empty() {
            return 0.0;
        }
        self.on_course() as f64 / self.entries.len() as f64
    }
}

/// What [`build`] makes.
pub(super) struct Built {
    pub communes: Vec<Commune>,
    pub indicators: Vec<IndicatorRow>,
    pub names: Vec<(String, String)>,
    pub duplicates: Vec<Skipped>,
}

fn unit_key(unit: &str) -> String {
    unit.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Sums the taken files (each with a summary of `period`) into the table.
pub(super) fn build(
    taken: Vec<(PathBuf, CommuneFile)>,
    period: Period,
    mapping: &Mapping,
) -> Built {
    // One file per commune: the first by path; later copies are listed as not taken.
    let mut duplicates = Vec::new();
    let mut first_file: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut communes: Vec<Commune> = Vec::new();
    for (file, c) in taken {
        let Some(summary) = c.periods.into_iter().find(|p| p.period == period) else {
            continue;
        };
        let who = crate::vi::fold(&c.commune);
        if let Some(first) = first_file.get(&who) {
            duplicates.push(Skipped {
                file,
                reason: SkipReason::Duplicate,
                detail: format!("{} đã được lấy từ tệp {}", c.commune, first.display()),
            });
            continue;
        }
        first_file.insert(who, file.clone());
        let counts: IndicatorCounts = summary.indicators.iter().map(|e| e.status).collect();
        communes.push(Commune {
            name: c.commune,
            file,
            report_id: summary.report_id,
            met: counts.achieved,
            on_track: counts.on_track,
            not_met: counts.not_met,
            no_data: counts.no_data,
            indicators: summary.indicators.into_iter().map(|e| (e, 0)).collect(),
            tasks: summary.tasks,
        });
    }
    communes.sort_by(|a, b| {
        crate::vi::compare(sort_name(&a.name), sort_name(&b.name))
            .then_with(|| crate::vi::compare(&a.name, &b.name))
            .then_with(|| a.file.cmp(&b.file))
    });

    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for c in &communes {
        for (e, _) in &c.indicators {
            *seen.entry(e.name.clone()).or_default() += 1;
        }
    }
    let groups = names::group(&seen, mapping);
    let mut rows: Vec<IndicatorRow> = groups
        .names
        .iter()
        .map(|name| IndicatorRow {
            name: name.clone(),
            unit: String::new(),
            entries: Vec::new(),
            met: 0,
            on_track: 0,
            not_met: 0,
            no_data: 0,
            stats: None,
            total: None,
        })
        .collect();
    // Where each indicator sits in the communes' plans, to print rows in plan order.
    let mut position_sum = vec![0.0f64; rows.len()];
    // Each distinct spelling's key, made once: a city's files share a few spellings.
    let keys: BTreeMap<&str, String> = seen.keys().map(|n| (n.as_str(), names::key(n))).collect();
    for (ci, c) in communes.iter_mut().enumerate() {
        let n = c.indicators.len().max(1) as f64;
        for (ei, (e, row)) in c.indicators.iter_mut().enumerate() {
            let key = match keys.get(e.name.as_str()) {
                Some(k) => std::borrow::Cow::Borrowed(k.as_str()),
                None => std::borrow::Cow::Owned(names::key(&e.name)),
            };
            let g = groups.of_key.get(key.as_ref()).copied().unwrap_or(0);
            *row = g;
            let Some(r) = rows.get_mut(g) else { continue };
            r.entries.push((ci, ei));
            match e.status {
                s if s.is_achieved() => r.met += 1,
                IndicatorStatus::OnTrack => r.on_track += 1,
                IndicatorStatus::NotMet => r.not_met += 1,
                _ => r.no_data += 1,
            }
            position_sum[g] += ei as f64 / n;
        }
    }
    for r in rows.iter_mut() {
        let mut units: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for (ci, ei) in &r.entries {
            let e = &communes[*ci].indicators[*ei].0;
            let u = units
                .entry(unit_key(&e.unit))
                .or_insert((0, e.unit.clone()));
            u.0 += 1;
        }
        let top = units
            .iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(a.0)))
            .map(|(k, (_, shown))| (k.clone(), shown.clone()))
            .unwrap_or_default();
        r.unit = top.1;
        let values = r
            .entries
            .iter()
            .map(|(ci, ei)| &communes[*ci].indicators[*ei].0)
            .filter(|e| unit_key(&e.unit) == top.0)
            .filter_map(|e| e.value)
            .collect();
        r.stats = Stats::of(values);
        r.total = super::totals::total(
            &r.unit,
            r.entries
                .iter()
                .map(|(ci, ei)| &communes[*ci].indicators[*ei].0)
                .filter(|e| unit_key(&e.unit) == top.0),
        );
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mean_position = |g: usize| position_sum[g] / rows[g].entries.len().max(1) as f64;
    order.sort_by(|a, b| {
        rows[*b]
            .entries
            .len()
            .cmp(&rows[*a].entries.len())
            .then_with(|| mean_position(*a).total_cmp(&mean_position(*b)))
            .then_with(|| crate::vi::compare(&rows[*a].name, &rows[*b].name))
    });
    let mut new_index = vec![0; rows.len()];
    for (new, old) in order.iter().enumerate() {
        new_index[*old] = new;
    }
    for c in communes.iter_mut() {
        for (_, row) in c.indicators.iter_mut() {
            *row = new_index.get(*row).copied().unwrap_or(0);
        }
    }
    let mut slots: Vec<Option<IndicatorRow>> = rows.into_iter().map(Some).collect();
    let indicators: Vec<IndicatorRow> = order.iter().filter_map(|i| slots[*i].take()).collect();

    // One line per key for the mapping file: its most written spelling.
    let mut spelling: BTreeMap<String, (&String, usize)> = BTreeMap::new();
    for (name, n) in &seen {
        let e = spelling.entry(names::key(name)).or_insert((name, *n));
        if *n > e.1 || (*n == e.1 && crate::vi::compare(name, e.0).is_lt()) {
            *e = (name, *n);
        }
    }
    let mut names: Vec<(String, String)> = spelling
        .iter()
        .map(|(k, (name, _))| {
            let g = groups.of_key.get(k).copied().unwrap_or(0);
            let common = indicators
                .get(new_index.get(g).copied().unwrap_or(0))
                .map(|r| r.name.clone())
                .unwrap_or_default();
            ((*name).clone(), common)
        })
        .collect();
    names.sort_by(|a, b| {
        crate::vi::compare(&a.1, &b.1).then_with(|| crate::vi::compare(&a.0, &b.0))
    });
    Built {
        communes,
        indicators,
        names,
        duplicates,
    }
}
