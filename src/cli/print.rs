//! `baocao print FILE.ron [--report MÃ | --period KỲ] [--final] [--printer TÊN]
//! [--pages 2-3] [--copies N] [--two-sided]`: the report's pages to a printer of the
//! system through the same [`crate::print`] the window's print dialog uses.
//! `baocao print --printers` lists the printers.

use std::io::Write;
use std::process::ExitCode;

use super::{ExportArgs, parse_export, render_asked};
use crate::print::{self, PrintJob};

/// Arguments of `baocao print`.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintArgs {
    /// Which report, and draft or final (the output and format are not used).
    pub report: Option<ExportArgs>,
    /// `--printer`: the queue; the system's default when not given.
    pub printer: Option<String>,
    /// `--pages`: as typed ("2-3, 7"); every page when not given.
    pub pages: String,
    /// `--copies`.
    pub copies: u32,
    /// `--two-sided`.
    pub two_sided: bool,
}

pub(super) fn parse_print(args: &[String]) -> Result<PrintArgs, String> {
    let mut rest = Vec::new();
    let mut printer = None;
    let mut pages = String::new();
    let mut copies = 1;
    let mut two_sided = false;
    let mut list = false;
    let mut it = super::args::Args::new("print", args);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--printer" => printer = Some(it.value("Sau --printer cần tên máy in.")?.clone()),
            "--pages" => pages = it.value("Sau --pages cần các trang, ví dụ 2-3.")?.clone(),
            "--copies" => {
                let n = it.value("Sau --copies cần số bản in.")?;
                copies = n
                    .parse()
                    .ok()
                    .filter(|n| (1..=99).contains(n))
                    .ok_or_else(|| {
                        format!("Số bản in “{n}” không hợp lệ: ghi một số từ 1 đến 99.")
                    })?;
            }
            "--two-sided" => two_sided = true,
            "--printers" => list = true,
            "-o" | "--output" | "--format" | "--review-copy" => return Err(it.unknown(a)),
            _ => rest.push(a.clone()),
        }
    }
    let report = if list && rest.is_empty() {
        None
    } else {
        Some(parse_export("print", &rest)?)
    };
    Ok(PrintArgs {
        report,
        printer,
        pages,
        copies,
        two_sided,
    })
}

/// Prints, or lists the printers; exit status 0 only when the job reached the printer.
pub fn run_print(args: &PrintArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    // Why the system has no printer to offer (no CUPS library) is said as the reason.
    let listed = print::list_printers();
    let printers = listed.as_ref().map(Vec::clone).unwrap_or_default();
    let Some(report_args) = &args.report else {
        if printers.is_empty() {
            let why = listed.err().unwrap_or(print::PrintError::NoPrinter);
            let _ = writeln!(err, "{why}");
            return ExitCode::from(1);
        }
        for p in &printers {
            let default = if p.is_default { " (mặc định)" } else { "" };
            let _ = writeln!(out, "{}{default}  {}", p.name, p.description);
        }
        return ExitCode::SUCCESS;
    };
    let unavailable = listed.err();
    match run(args, report_args, &printers, unavailable) {
        Ok(message) => {
            let _ = writeln!(out, "{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            let _ = writeln!(err, "{message}");
            ExitCode::from(1)
        }
    }
}

fn run(
    args: &PrintArgs,
    report_args: &ExportArgs,
    printers: &[print::PrinterInfo],
    unavailable: Option<print::PrintError>,
) -> Result<String, String> {
    let (project, rendered) = render_asked(report_args)?;
    let report = project
        .reports
        .first()
        .ok_or("Tệp chưa có báo cáo nào để in.")?;
    let pages =
        print::parse_pages(&args.pages, rendered.pages.pages.len()).map_err(|e| e.to_string())?;
    let name = crate::session::reports::output_name(report, rendered.draft, false, "pdf");
    let chosen = match unavailable {
        Some(why) => Err(why),
        None => print::choose_printer(printers, args.printer.as_deref()),
    };
    let printer = match chosen {
        Ok(p) => p,
        Err(e) => {
            // Nothing to print on: the clerk still gets the pages, and where they are.
            let path = report_args.file.with_file_name(&name);
            let kept = crate::export::write_pdf(
                &print::select_pages(&rendered, &pages),
                &crate::export::PdfOptions::new(super::creation_date()),
            )
            .map_err(|e| e.to_string())
            .and_then(|b| {
                let guard = super::export::guard_of(report_args, &project);
                crate::storage::write_output_guarded(&path, &b, &guard).map_err(|e| e.to_string())
            });
            return Err(match kept {
                Ok(()) => format!("{e}\nBản in đã lưu thành tệp PDF: {}", path.display()),
                Err(why) => format!("{e}\nBản in cũng không lưu được thành tệp PDF: {why}"),
            });
        }
    };
    let job = PrintJob {
        printer: printer.clone(),
        copies: args.copies,
        two_sided: args.two_sided,
        title: name.clone(),
        pages,
    };
    let dir = print::spool_dir();
    let options = crate::export::PdfOptions::new(super::creation_date());
    print::print(&rendered, &job, &options, &dir, &name).map_err(|e| e.to_string())?;
    Ok(job.sent_message(rendered.pages.pages.len()))
}
