//! `baocao new-report FILE.ron [--from MÃ] [--period 2026-Q3]`: the report of the next
//! period made from an earlier one, its period words moved on (quý II → quý III,
//! 30/6 → 30/9, and the next-period section one period on), the rewrites printed,
//! saved under the project's lock.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{ForWriting, open_for_writing};
use crate::model::Period;
use crate::session::reports::report_for_period_with_rewrites;

/// What `baocao new-report` was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewReportArgs {
    pub file: PathBuf,
    /// The report to start from (default: the latest).
    pub from: Option<String>,
    /// The period of the new report (default: the one after the report started from).
    pub period: Option<Period>,
}

/// Reads the arguments after `new-report`.
pub(super) fn parse_new_report(args: &[String]) -> Result<NewReportArgs, String> {
    let mut file = None;
    let mut from = None;
    let mut period = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--from" => {
                from = Some(
                    it.next()
                        .ok_or("Sau --from cần mã báo cáo làm gốc.")?
                        .clone(),
                )
            }
            "--period" => {
                let p = it
                    .next()
                    .ok_or("Sau --period cần kỳ báo cáo, ví dụ 2026-Q3.")?;
                period = Some(Period::parse(p)?);
            }
            other if other.starts_with('-') => {
                return Err(format!("Lệnh new-report không có tùy chọn “{other}”."));
            }
            other if file.is_none() => file = Some(PathBuf::from(other)),
            other => return Err(format!("Thừa tham số “{other}”.")),
        }
    }
    Ok(NewReportArgs {
        file: file.ok_or("Lệnh new-report cần tệp dự án.")?,
        from,
        period,
    })
}

/// Adds the new report and prints the period words moved on.
pub fn run_new_report(args: &NewReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    // The lock is held until the project is saved (the end of this command).
    let ForWriting {
        _lock,
        mut project,
        stamp,
    } = match open_for_writing(&args.file, err) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let source = match &args.from {
        Some(id) => project.reports.iter().find(|r| &r.id == id),
        None => project
            .reports
            .iter()
            .filter(|r| r.document.is_report())
            .max_by_key(|r| r.period),
    };
    let Some(source) = source.cloned() else {
        let _ = writeln!(
            err,
            "{}; tệp dự án không thay đổi.",
            match &args.from {
                Some(id) => format!("Không có báo cáo “{id}” trong tệp"),
                None => "Tệp chưa có báo cáo nào để làm gốc".to_owned(),
            }
        );
        return ExitCode::from(1);
    };
    let period = args.period.unwrap_or_else(|| source.period.next());
    if period <= source.period {
        let _ = writeln!(
            err,
            "Kỳ {} không sau kỳ của báo cáo gốc ({}); tệp dự án không thay đổi.",
            period.short_label(),
            source.period.short_label()
        );
        return ExitCode::from(1);
    }
    // Start from the chosen report: the others are left out of the choice.
    let mut from_only = project.clone();
    from_only.reports.retain(|r| r.id == source.id);
    let (mut report, carry) = report_for_period_with_rewrites(&from_only, period, true);
    report.id = crate::session::reports::new_report_id(&project, period);
    let _ = writeln!(
        out,
        "Báo cáo mới {} (kỳ {}) từ báo cáo {}; đã chuyển {} cụm từ chỉ kỳ báo cáo:",
        report.id,
        period.short_label(),
        source.id,
        carry.moved.len()
    );
    for m in &carry.moved {
        let _ = writeln!(
            out,
            "  {}: “{}” → “{}” — câu: “{}”",
            m.place, m.moved.before, m.moved.after, m.moved.sentence
        );
    }
    let leftovers = crate::check::check_report(&project, &report)
        .into_iter()
        .filter(|p| p.message.contains("không khớp kỳ báo cáo"))
        .collect::<Vec<_>>();
    let remaining = carry.left.len() + leftovers.len();
    if remaining == 0 {
        let _ = writeln!(out, "Còn lại: không có chỗ nào cần xem thêm.");
    } else {
        let _ = writeln!(
            out,
            "Còn lại {remaining} chỗ có thể đã cũ, chưa sửa (cần xem lại):"
        );
        for (place, m) in &carry.left {
            let _ = writeln!(
                out,
                "  {place}: “{}” — {} — câu: “{}”",
                m.said,
                m.why.text(),
                m.sentence
            );
        }
        for p in &leftovers {
            let _ = writeln!(out, "  {p}");
        }
    }
    let id = report.id.clone();
    project.reports.push(report);
    if let Err(code) = super::save::save_or_keep(&args.file, &project, &stamp, err) {
        return code;
    }
    let _ = writeln!(out, "Đã thêm báo cáo {id} vào {}.", args.file.display());
    ExitCode::SUCCESS
}
