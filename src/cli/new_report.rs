//! `baocao new-report FILE.ron [--from MÃ] [--period 2026-Q3]`: the report of the next
//! period made from an earlier one, its period words moved on (quý II → quý III,
//! 30/6 → 30/9, and the next-period section one period on), the rewrites printed,
//! saved under the project's lock.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

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
    let mut files = Vec::new();
    let mut from = None;
    let mut period = None;
    let mut it = super::args::Args::new("new-report", args);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--from" => from = Some(it.value("Sau --from cần mã báo cáo làm gốc.")?.clone()),
            "--period" => {
                period = Some(it.period("Sau --period cần kỳ báo cáo, ví dụ 2026-Q3.")?);
            }
            other => it.file(other, &mut files, 1)?,
        }
    }
    Ok(NewReportArgs {
        file: files.pop().ok_or("Lệnh new-report cần tệp dự án.")?,
        from,
        period,
    })
}

/// Adds the new report and prints the period words moved on.
pub fn run_new_report(args: &NewReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    super::change_project(&args.file, out, err, |project, out, err| {
        add_next(args, project, out, err)
    })
}

/// Adds the report of the next period to `project`, printing the period words moved
/// on; the message to print once it is saved.
fn add_next(
    args: &NewReportArgs,
    project: &mut crate::model::Project,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Option<String>, ExitCode> {
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
        return Err(ExitCode::from(1));
    };
    let period = args.period.unwrap_or_else(|| source.period.next());
    if period <= source.period {
        let _ = writeln!(
            err,
            "Kỳ {} không sau kỳ của báo cáo gốc ({}); tệp dự án không thay đổi.",
            period.short_label(),
            source.period.short_label()
        );
        return Err(ExitCode::from(1));
    }
    // Start from the chosen report: the others are left out of the choice.
    let mut from_only = project.clone();
    from_only.reports.retain(|r| r.id == source.id);
    let (mut report, carry) = report_for_period_with_rewrites(&from_only, period, true);
    report.id = crate::session::reports::new_report_id(project, period);
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
    let leftovers = crate::check::check_report(project, &report)
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
    Ok(Some(format!(
        "Đã thêm báo cáo {id} vào {}.",
        args.file.display()
    )))
}
