//! `baocao export FILE.ron`: one report composed, laid out and written as PDF (draft,
//! sign-ready final version, review copy) or DOCX; the report-choosing and rendering
//! that `print` and the batch export share.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{ExportArgs, ExportFormat, ExportKind, run_export_folder};
use crate::model::{Period, Project};
use crate::render::RenderKind;
use crate::storage;

/// Runs `baocao export`: composes, lays out and writes the PDF atomically.
/// Messages go to `err`; the path written goes to `out`.
pub fn run_export(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    if args.file.is_dir() {
        return run_export_folder(args, out, err);
    }
    match export(args) {
        Ok((path, warnings)) => {
            for w in warnings {
                let _ = writeln!(err, "Lưu ý: {w}");
            }
            let _ = writeln!(out, "Đã xuất: {}", path.display());
            ExitCode::SUCCESS
        }
        Err(msg) => {
            let _ = writeln!(err, "{msg}");
            ExitCode::from(1)
        }
    }
}

/// The report `args` asks for (by id, period, or the last one), rendered as asked.
/// Only that report is kept in memory, however many the file holds.
pub(crate) fn render_asked(
    args: &ExportArgs,
) -> Result<(Project, crate::render::Rendered), String> {
    let keep = match (&args.report, args.period) {
        (Some(id), _) => storage::Keep::Id(id.clone()),
        (None, Some(period)) => storage::Keep::Id(report_of_period(&args.file, period)?),
        (None, None) => storage::Keep::Last,
    };
    let mut loaded = storage::load_one_report(&args.file, keep).map_err(|e| e.to_string())?;
    args.sign_ready.apply(&args.file, &mut loaded.project);
    let project = &loaded.project;
    let report = project.reports.first().ok_or_else(|| match &args.report {
        Some(id) => format!(
            "Không có báo cáo mã “{id}” trong tệp. Các báo cáo có trong tệp: {}.\nTệp: {}",
            if loaded.ids.is_empty() {
                "(chưa có)".to_owned()
            } else {
                loaded.ids.join(", ")
            },
            args.file.display()
        ),
        None => format!(
            "Tệp chưa có báo cáo nào để xuất.\nTệp: {}",
            args.file.display()
        ),
    })?;
    let kind = match args.kind {
        ExportKind::Draft => RenderKind::Draft,
        ExportKind::Final => RenderKind::Final,
        ExportKind::ReviewCopy => RenderKind::ReviewCopy,
    };
    let rendered = crate::render::render(project, report, kind)
        .map_err(|e| format!("{e}\nTệp: {}", args.file.display()))?;
    Ok((loaded.project, rendered))
}

fn export(args: &ExportArgs) -> Result<(PathBuf, Vec<String>), String> {
    export_into(args, None)
}

/// Exports as [`run_export`] does. Without `-o` the file is named as the window names
/// it ([`crate::session::reports::output_name`]: `BC-so-ket-quy-II-2026-du-thao.pdf`),
/// beside the project; in a batch export (`batch`: the folder and the commune's name
/// that keeps files of several communes apart) it goes into that folder as
/// `xa-binh-minh-hai-BC-so-ket-quy-II-2026-du-thao.pdf`.
pub(crate) fn export_into(
    args: &ExportArgs,
    batch: Option<(&Path, &str)>,
) -> Result<(PathBuf, Vec<String>), String> {
    let (project, rendered) = render_asked(args)?;
    let project = &project;
    // render_asked keeps exactly the report it rendered.
    let report = project
        .reports
        .first()
        .ok_or("Tệp chưa có báo cáo nào để xuất.")?;
    let output = args.output.clone().unwrap_or_else(|| {
        let name = crate::session::reports::output_name(
            report,
            rendered.draft,
            args.kind == ExportKind::ReviewCopy,
            args.format.extension(),
        );
        match batch {
            Some((dir, commune)) if !commune.is_empty() => dir.join(format!("{commune}-{name}")),
            Some((dir, _)) => dir.join(name),
            None => args.file.with_file_name(name),
        }
    });
    let bytes = match args.format {
        // The sign-ready version: dated by its approval, its source attached.
        ExportFormat::Pdf if args.kind == ExportKind::Final => {
            let images = crate::issue::load_images(&project.signing, Some(&args.file))
                .map_err(|e| e.to_string())?;
            crate::issue::sign_ready_from(&rendered, project, report, images)
                .map_err(|e| format!("{e}\nTệp: {}", output.display()))?
        }
        ExportFormat::Pdf => {
            crate::export::write_pdf(&rendered, &crate::export::PdfOptions::new(creation_date()))
                .map_err(|e| format!("{e}\nTệp: {}", output.display()))?
        }
        ExportFormat::Docx => crate::export::write_docx(
            &rendered,
            &crate::export::DocxOptions {
                creation_date: creation_date(),
            },
        )
        .map_err(|e| format!("{e}\nTệp: {}", output.display()))?,
    };
    storage::write_output_guarded(&output, &bytes, &guard_of(args, project))
        .map_err(|e| e.to_string())?;
    let warnings = rendered.warnings.iter().map(ToString::to_string).collect();
    Ok((output, warnings))
}

/// What an export of `args` reads and so must never write over: the project and the
/// signature and seal images it names.
pub(crate) fn guard_of(args: &ExportArgs, project: &Project) -> storage::OutputGuard {
    let guard = storage::OutputGuard::new()
        .forced(args.force)
        .reading(&args.file, "tệp dự án");
    crate::issue::image_paths(&project.signing, Some(&args.file))
        .into_iter()
        .fold(guard, |g, (path, what)| g.reading(&path, what))
}

/// The id of the last report of `period` in the project file at `path`; the error
/// names the periods the file has.
fn report_of_period(path: &Path, period: Period) -> Result<String, String> {
    let project = storage::load(path).map_err(|e| e.to_string())?;
    project
        .reports
        .iter()
        .rev()
        .find(|r| r.period == period && r.document.is_report())
        .map(|r| r.id.clone())
        .ok_or_else(|| {
            let there: Vec<String> = project.reports.iter().map(|r| r.period.code()).collect();
            format!(
                "Không có báo cáo {} trong tệp. Các kỳ có báo cáo: {}.\nTệp: {}",
                period.label(),
                if there.is_empty() {
                    "(chưa có)".to_owned()
                } else {
                    there.join(", ")
                },
                path.display()
            )
        })
}

/// The creation date written into the PDF: `SOURCE_DATE_EPOCH` when set (reproducible
/// output), otherwise the local time now.
pub(crate) fn creation_date() -> chrono::NaiveDateTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|d| d.naive_utc())
        .unwrap_or_else(|| chrono::Local::now().naive_local())
}
