//! aggregate: the city's view. Many communes' project files under one folder are
//! read (in parallel, each reduced to a small summary and dropped at once), checked,
//! and summed into one table: per indicator, per commune, and the files not taken.
//!
//! Sits beside `cli` and `ui` on top of the pipeline: storage → model → check and
//! `compose::facts` (the statuses a report prints) → this summary → XLSX ([`xlsx`])
//! or a composed document ([`document`]) rendered as PDF. No egui and no PDF library here.

pub mod appendix;
mod build;
pub mod document;
pub mod names;
mod output;
mod read;
pub mod totals;
mod walk;
pub mod xlsx;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

pub use build::{Commune, IndicatorRow, Stats};
pub use names::{Mapping, MappingError, MappingProblem};
pub use output::{SummaryFormat, summary_bytes};
pub use read::{
    CommuneFile, IndicatorEntry, Outcome, PeriodSummary, SkipReason, commune_name, is_review_file,
    read_file, relative, sort_name, summarise,
};
pub use totals::{Total, TotalKind};
pub use walk::{Found, WalkError, find};

use crate::model::Period;

/// A commune's file larger than this is not read: the loader's own bound, so that a
/// file the window opens is never skipped here (see [`crate::limits`]).
pub const MAX_FILE_BYTES: u64 = crate::limits::MAX_PROJECT_BYTES;

/// The one rule `baocao check FOLDER`, `baocao aggregate` and the window's Tổng hợp
/// share, said in their output: a file with errors is left out of the sums, because a
/// figure the check calls impossible (109,8% of a “= 100%” target) would be carried
/// into totals and counts of a document the city signs; it is listed with its first
/// error so that the commune can correct it and send it again.
pub const VALIDITY_RULE: &str = "Quy tắc: tệp còn lỗi khi kiểm tra (như lệnh baocao check) không được tổng hợp, vì số liệu sai sẽ đi vào các tổng và số đếm của văn bản tổng hợp; tệp được liệt kê kèm lỗi đầu tiên để xã, phường sửa và gửi lại. Tệp chỉ có lưu ý vẫn được tổng hợp.";

/// What the user asks of an aggregation.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The period; the latest one most files report on when `None`.
    pub period: Option<Period>,
    /// Corrections to the matching of indicator names.
    pub mapping: Mapping,
}

/// How the period was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodChoice {
    /// Asked for (`--period`).
    Asked,
    /// Not asked: the latest period that more than half of the readable files have a
    /// report of (else the one most of them have); `files` of `of` have it.
    Majority { files: usize, of: usize },
}

/// A file not taken into the table, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Relative to the folder.
    pub file: PathBuf,
    pub reason: SkipReason,
    /// In Vietnamese: what is wrong, or which periods it has.
    pub detail: String,
}

/// The city's table.
#[derive(Clone, Debug)]
pub struct Aggregate {
    pub folder: PathBuf,
    pub period: Period,
    pub choice: PeriodChoice,
    /// The body the communes report to, as most of their headers write it
    /// (`UBND THÀNH PHỐ HẢI PHÒNG`); empty when none says.
    pub city: String,
    /// How many files were looked at.
    pub files: usize,
    /// The communes taken, in Vietnamese order of their names.
    pub communes: Vec<Commune>,
    /// The indicators, most reported first.
    pub indicators: Vec<IndicatorRow>,
    /// The files not taken, in path order.
    pub skipped: Vec<Skipped>,
    /// Every indicator name found → the name it is counted under (for the mapping
    /// file), in Vietnamese order of the common names.
    pub names: Vec<(String, String)>,
    /// Every period the readable files have a report of, with how many files have
    /// one, in time order (for choosing another period).
    pub periods: Vec<(Period, usize)>,
}

/// Why there is no table at all.
#[derive(Debug, thiserror::Error)]
pub enum AggregateError {
    #[error(transparent)]
    Walk(#[from] WalkError),
    #[error("Không có tệp dự án (.ron) nào trong thư mục.\nThư mục: {0}")]
    NoFiles(String),
    #[error(
        "Không tệp nào có báo cáo để tổng hợp ({0} tệp không lấy được; xem danh sách ở trên).\nThư mục: {1}"
    )]
    NoReports(usize, String),
}

impl Aggregate {
    /// Every project file the aggregation read (taken or not), under its folder.
    pub fn files_read(&self) -> Vec<PathBuf> {
        self.communes
            .iter()
            .map(|c| &c.file)
            .chain(self.skipped.iter().map(|s| &s.file))
            .map(|f| self.folder.join(f))
            .collect()
    }

    /// The sentence saying which period this is and why.
    pub fn period_note(&self) -> String {
        match self.choice {
            PeriodChoice::Asked => format!("Kỳ tổng hợp: {} (theo yêu cầu).", self.period.label()),
            PeriodChoice::Majority { files, of } => format!(
                "Kỳ tổng hợp: {} — kỳ gần nhất có báo cáo ở {files}/{of} tệp đọc được.",
                self.period.label()
            ),
        }
    }
}

/// Reads every project file under `folder` and builds the table. `progress` is told
/// `(done, total)` after each file, from any thread.
pub fn aggregate(
    folder: &Path,
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Aggregate, AggregateError> {
    let found = find(folder)?;
    let total = found.files.len();
    if total == 0 && found.unreadable.is_empty() {
        return Err(AggregateError::NoFiles(folder.display().to_string()));
    }
    let done = AtomicUsize::new(0);
    let outcomes: Vec<Outcome> = found
        .files
        .par_iter()
        .map(|path| {
            let outcome = read_file(path, options.period, MAX_FILE_BYTES);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            outcome
        })
        .collect();
    let skipped_unreadable = found.unreadable.len();
    let mut skipped: Vec<Skipped> = found
        .unreadable
        .into_iter()
        .map(|(path, reason, detail)| Skipped {
            file: read::relative(&path, folder),
            reason,
            detail,
        })
        .collect();
    let mut read_files = Vec::new();
    for (path, outcome) in found.files.iter().zip(outcomes) {
        let file = read::relative(path, folder);
        match outcome {
            Outcome::Read(c) => read_files.push((file, *c)),
            Outcome::Failed { reason, detail } => skipped.push(Skipped {
                file,
                reason,
                detail,
            }),
        }
    }
    let mut periods: std::collections::BTreeMap<Period, usize> = Default::default();
    for (_, c) in &read_files {
        for p in &c.report_periods {
            *periods.entry(*p).or_default() += 1;
        }
    }
    let mut periods: Vec<(Period, usize)> = periods.into_iter().collect();
    periods.sort_by_key(|(p, _)| (p.end_date(), *p));
    let (period, choice) = match options.period {
        Some(p) => (p, PeriodChoice::Asked),
        None => match choose_period(read_files.iter().map(|(_, c)| c)) {
            Some(chosen) => chosen,
            None => {
                return Err(AggregateError::NoReports(
                    skipped.len() + read_files.len(),
                    folder.display().to_string(),
                ));
            }
        },
    };
    let mut taken = Vec::new();
    for (file, c) in read_files {
        match take(&c, period) {
            Ok(()) => taken.push((file, c)),
            Err((reason, detail)) => skipped.push(Skipped {
                file,
                reason,
                detail,
            }),
        }
    }
    let city = most_common(taken.iter().map(|(_, c)| c.parent_body.as_str()));
    let built = build::build(taken, period, &options.mapping);
    skipped.extend(built.duplicates);
    skipped.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(Aggregate {
        folder: folder.to_path_buf(),
        period,
        choice,
        city,
        files: total + skipped_unreadable,
        communes: built.communes,
        indicators: built.indicators,
        skipped,
        names: built.names,
        periods,
    })
}

/// The most common non-empty text (the first in Vietnamese order of a tie).
fn most_common<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for t in texts.filter(|t| !t.is_empty()) {
        *counts.entry(t).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| crate::vi::compare(b.0, a.0)))
        .map(|(t, _)| t.to_owned())
        .unwrap_or_default()
}

/// Whether a read file is taken for `period`, or why not.
fn take(c: &CommuneFile, period: Period) -> Result<(), (SkipReason, String)> {
    if c.periods.iter().any(|p| p.period == period) {
        // One rule with `baocao check FOLDER`: a file it calls unusable is not summed.
        if c.errors > 0 {
            return Err((
                SkipReason::HasErrors,
                format!(
                    "{} lỗi khi kiểm tra; lỗi đầu tiên: {}",
                    c.errors,
                    c.first_error.as_deref().unwrap_or_default()
                ),
            ));
        }
        return Ok(());
    }
    let has = if c.report_periods.is_empty() {
        return Err((SkipReason::NoReport, "tệp chưa có báo cáo nào".to_owned()));
    } else {
        c.report_periods
            .iter()
            .map(Period::short_label)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if c.plan_year != period.year && c.report_periods.iter().all(|p| p.year != period.year) {
        return Err((
            SkipReason::OtherYear,
            format!(
                "kế hoạch năm {}, không có báo cáo năm {} (có: {has})",
                c.plan_year, period.year
            ),
        ));
    }
    Err((
        SkipReason::OtherPeriod,
        format!("không có báo cáo {} (có: {has})", period.short_label()),
    ))
}

/// The latest period more than half of the files have a report of; else the one most
/// of them have (the latest of those tied). `None` when no file has a report.
fn choose_period<'a>(
    files: impl Iterator<Item = &'a CommuneFile>,
) -> Option<(Period, PeriodChoice)> {
    let mut counts: std::collections::BTreeMap<Period, usize> = Default::default();
    let mut of = 0;
    for c in files {
        of += 1;
        for p in &c.report_periods {
            *counts.entry(*p).or_default() += 1;
        }
    }
    let chronological = |p: &Period| (p.end_date(), *p);
    let majority = counts
        .iter()
        .filter(|(_, n)| 2 * **n > of)
        .max_by_key(|(p, _)| chronological(p));
    let (period, files) = match majority {
        Some((p, n)) => (*p, *n),
        None => counts
            .iter()
            .max_by_key(|(p, n)| (**n, chronological(p)))
            .map(|(p, n)| (*p, *n))?,
    };
    Some((period, PeriodChoice::Majority { files, of }))
}

#[cfg(test)]
mod tests;
