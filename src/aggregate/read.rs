//! aggregate: one commune's project file reduced to the few numbers the city's table
//! needs, so that the project itself is dropped as soon as it is read. Loading goes
//! through `storage`, problems through `check`, statuses through `compose::facts` (the
//! same ones the commune's own report prints).

use std::path::{Path, PathBuf};

use crate::check::{Severity, check};
use crate::model::{IndicatorStatus, Period, Project, Report, TaskCounts, Value, value_label};
use crate::storage::{self, StorageError};
use crate::vi::capitalise;

/// What one file gave.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// The file was read; whether it is taken depends on the period.
    Read(Box<CommuneFile>),
    /// The file could not be used at all.
    Failed { reason: SkipReason, detail: String },
}

/// Why a file is not in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SkipReason {
    /// It could not be read (permissions, too large, not a regular file).
    Unreadable,
    /// It is not a project file the program can read (syntax, format, numbers).
    Broken,
    /// A reviewer's comments file (`…gop-y-….ron`), not a commune's project.
    ReviewFile,
    /// No report at all.
    NoReport,
    /// Its plan is of another year and it has no report of the period.
    OtherYear,
    /// It has reports, none of the period.
    OtherPeriod,
    /// Another file of the same commune was taken.
    Duplicate,
    /// The city's own summary, not a commune's report.
    Summary,
    /// `baocao check` finds errors in it (see [`super::VALIDITY_RULE`]).
    HasErrors,
}

impl SkipReason {
    /// The reason as the table prints it.
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::Unreadable => "Không đọc được",
            SkipReason::Broken => "Tệp hỏng",
            SkipReason::ReviewFile => "Tệp góp ý, không phải tệp dự án",
            SkipReason::NoReport => "Chưa có báo cáo",
            SkipReason::OtherYear => "Năm khác",
            SkipReason::OtherPeriod => "Kỳ khác",
            SkipReason::Duplicate => "Trùng xã, phường",
            SkipReason::HasErrors => "Còn lỗi khi kiểm tra",
            SkipReason::Summary => "Tệp tổng hợp",
        }
    }
}

/// What the city's table keeps of one commune's file.
#[derive(Clone, Debug)]
pub struct CommuneFile {
    /// The commune or ward (`Xã Bình Minh Hải`).
    pub commune: String,
    /// The body above it in the header (`UBND THÀNH PHỐ HẢI PHÒNG`).
    pub parent_body: String,
    /// The year of its plan.
    pub plan_year: i32,
    /// The periods of its reports, each once, in file order.
    pub report_periods: Vec<Period>,
    /// Errors `baocao check` finds in the file.
    pub errors: usize,
    /// The first error, for the table to show.
    pub first_error: Option<String>,
    /// The summarised periods (the one asked for, or every period with a report).
    pub periods: Vec<PeriodSummary>,
}

/// One commune's results in one period, from its last report of that period.
#[derive(Clone, Debug)]
pub struct PeriodSummary {
    pub period: Period,
    pub report_id: String,
    pub indicators: Vec<IndicatorEntry>,
    pub tasks: TaskCounts,
}

/// One indicator of one commune.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorEntry {
    /// The name as the commune wrote it.
    pub name: String,
    pub unit: String,
    /// The target as the report prints it (`≥ 90%`).
    pub target: String,
    /// The value as a number, when it is one.
    pub value: Option<f64>,
    /// The value as the report prints it (`92,5%`, `—`).
    pub value_label: String,
    pub status: IndicatorStatus,
    /// For a rate: the numerator and denominator its evidence note gives (see
    /// [`super::totals::fraction`]).
    pub fraction: Option<(f64, f64)>,
}

/// Whether `path` names a reviewer's comments file rather than a project.
pub fn is_review_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().contains(".gop-y-"))
}

/// Reads the file at `path` (at most `max_bytes`), checks it and summarises `period`,
/// or every period it has a report of when `period` is `None`.
pub fn read_file(path: &Path, period: Option<Period>, max_bytes: u64) -> Outcome {
    if is_review_file(path) {
        return Outcome::Failed {
            reason: SkipReason::ReviewFile,
            detail: "tệp góp ý đi kèm một tệp dự án".to_owned(),
        };
    }
    match storage::load_at_most(path, max_bytes) {
        // The city's own summary (made by `--project`) beside the communes' files.
        Ok(project) if project.reports.iter().any(|r| !r.summary_tables.is_empty()) => {
            Outcome::Failed {
                reason: SkipReason::Summary,
                detail: "tệp dự án của bản tổng hợp, không phải báo cáo của một xã, phường"
                    .to_owned(),
            }
        }
        Ok(mut project) => {
            without_prose(&mut project);
            Outcome::Read(Box::new(summarise(&project, period)))
        }
        Err(e) => {
            let reason = match e {
                StorageError::Read { .. } => SkipReason::Unreadable,
                _ => SkipReason::Broken,
            };
            Outcome::Failed {
                reason,
                detail: first_line(&e.to_string()),
            }
        }
    }
}

/// Drops the reports' prose (opening, sections' text, closing) before the file is
/// checked and summarised: the city's table takes figures, statuses and tasks, and
/// the check's errors — what decides whether a file is summed — never come from the
/// prose (proofing and the figures quoted in the text give warnings only), while
/// checking it is most of a file's cost. Section ids stay, for their own check.
fn without_prose(project: &mut Project) {
    fn clear(sections: &mut [crate::model::Section]) {
        for s in sections {
            s.body = String::new();
            clear(&mut s.children);
        }
    }
    for r in &mut project.reports {
        r.opening = String::new();
        r.closing = String::new();
        clear(&mut r.sections);
    }
}

/// The first line of a message (the file is named in its own column).
fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or_default().to_owned()
}

/// The summary of a loaded project.
pub fn summarise(project: &Project, period: Option<Period>) -> CommuneFile {
    let problems = check(project);
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let first_error = problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .map(ToString::to_string);
    let mut report_periods: Vec<Period> = Vec::new();
    // Notices of plan adjustments report no period's figures.
    for r in project.reports.iter().filter(|r| r.document.is_report()) {
        if !report_periods.contains(&r.period) {
            report_periods.push(r.period);
        }
    }
    let wanted: Vec<Period> = match period {
        Some(p) => report_periods.iter().copied().filter(|x| *x == p).collect(),
        None => report_periods.clone(),
    };
    let periods = wanted
        .into_iter()
        .filter_map(|p| {
            project
                .reports
                .iter()
                .rev()
                .find(|r| r.period == p && r.document.is_report())
        })
        .map(|r| period_summary(project, r))
        .collect();
    CommuneFile {
        commune: commune_name(project),
        parent_body: project.organisation.parent_body.trim().to_owned(),
        plan_year: project.plan.year,
        report_periods,
        errors,
        first_error,
        periods,
    }
}

/// The statuses the report prints, counted.
fn period_summary(project: &Project, report: &Report) -> PeriodSummary {
    let indicators = crate::compose::facts::indicators(project, report)
        .into_iter()
        .map(|(ind, value, status)| {
            let number = value.as_ref().and_then(number);
            let fraction = number
                .filter(|_| super::totals::is_percent_unit(&ind.unit))
                .and_then(|v| {
                    super::totals::fraction(project.figure(report.period, &ind.id).evidence, v)
                });
            IndicatorEntry {
                name: crate::vi::nfc(ind.name.trim()),
                unit: ind.unit.trim().to_owned(),
                target: crate::model::target_label(&ind),
                value: number,
                value_label: value_label(&ind, value.as_ref()),
                status,
                fraction,
            }
        })
        .collect();
    let tasks: TaskCounts = crate::compose::facts::tasks(project, report)
        .iter()
        .map(|(t, s)| (t, *s))
        .collect();
    PeriodSummary {
        period: report.period,
        report_id: report.id.clone(),
        indicators,
        tasks,
    }
}

/// A value as a number: a number, or a text that reads as one (`92,5`).
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(x) if x.is_finite() => Some(*x),
        Value::Number(_) => None,
        Value::Text(t) => crate::vi::parse_number(t).ok().filter(|x| x.is_finite()),
    }
}

/// The commune's name: the organisation's full name without `Ủy ban nhân dân`
/// (`Xã Bình Minh Hải`), else its short name, else the last line of the issuing body.
pub fn commune_name(project: &Project) -> String {
    let org = &project.organisation;
    let full = org.full_name.trim();
    let folded = crate::vi::fold(full);
    let words_to_drop = ["uy ban nhan dan", "ubnd"]
        .into_iter()
        .find(|p| folded.starts_with(&format!("{p} ")))
        .map_or(0, |p| p.split(' ').count());
    let name = if !full.is_empty() {
        full.split_whitespace()
            .skip(words_to_drop)
            .collect::<Vec<_>>()
            .join(" ")
    } else if !org.short_name.trim().is_empty() {
        org.short_name.trim().to_owned()
    } else {
        org.issuing_body
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| title_case(l.trim()))
            .unwrap_or_default()
    };
    capitalise(&name)
}

/// `XÃ BÌNH MINH HẢI` → `Xã Bình Minh Hải`.
pub(crate) fn title_case(line: &str) -> String {
    line.split_whitespace()
        .map(|w| capitalise(&w.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The name a commune sorts by: without `Xã`, `Phường`, `Thị trấn`, `Đặc khu`, so that
/// the list reads alphabetically by the place's own name.
pub fn sort_name(commune: &str) -> &str {
    let folded = crate::vi::fold(commune);
    for prefix in ["xa ", "phuong ", "thi tran ", "dac khu "] {
        if folded.starts_with(prefix) {
            let words = prefix.trim().split(' ').count();
            let mut rest = commune;
            for _ in 0..words {
                rest = rest
                    .trim_start()
                    .split_once(char::is_whitespace)
                    .map_or("", |(_, r)| r);
            }
            return rest.trim_start();
        }
    }
    commune
}

/// A path shown relative to the folder aggregated.
pub fn relative(path: &Path, folder: &Path) -> PathBuf {
    path.strip_prefix(folder).unwrap_or(path).to_path_buf()
}
