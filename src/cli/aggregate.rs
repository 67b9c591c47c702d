//! cli: `baocao aggregate FOLDER [--period 2026-Q2] [--mapping FILE] [--write-mapping
//! FILE] [--project TỔNG-HỢP.ron] -o TỔNG-HỢP.xlsx|.pdf|.docx`: the city's table of many
//! communes' files (see `crate::aggregate`), written as an Excel workbook or the
//! summary report as PDF or Word. With `--project` the summary is a project file of
//! the issuing office, created or brought up to date here and then reviewed, approved,
//! exported final and verified as every report (`baocao export FILE --final`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::aggregate::{self, Aggregate, Mapping, Options, SummaryFormat};
use crate::model::Period;

/// Arguments of `baocao aggregate`.
#[derive(Clone, Debug, PartialEq)]
pub struct AggregateArgs {
    pub folder: PathBuf,
    /// `--period`; the latest period most files report on when not given.
    pub period: Option<Period>,
    /// `--mapping FILE`: the user's corrections to the matching of indicator names.
    pub mapping: Option<PathBuf>,
    /// `--write-mapping FILE`: write every name found and what it was counted under.
    pub write_mapping: Option<PathBuf>,
    /// `-o`: `.xlsx`, `.pdf` or `.docx`; `TỔNG-HỢP-<kỳ>.xlsx` in the folder when not
    /// given.
    pub output: Option<PathBuf>,
    /// `--project FILE`: the summary's own project file (issuer, number, signer,
    /// recipients, the user's text), created when missing, its generated parts updated.
    pub project: Option<PathBuf>,
    /// `--force`: replace an existing table or mapping file (kept as `.bak`).
    pub force: bool,
}

/// Reads the arguments after `aggregate`.
pub(super) fn parse_aggregate(args: &[String]) -> Result<AggregateArgs, String> {
    let mut folders = Vec::new();
    let mut period = None;
    let mut mapping = None;
    let mut write_mapping = None;
    let mut output = None;
    let mut project = None;
    let mut force = false;
    let mut it = super::args::Args::new("aggregate", args);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--force" => force = true,
            "--period" => {
                period = Some(it.period("Sau --period cần kỳ báo cáo, ví dụ 2026-Q2.")?);
            }
            "--mapping" => {
                mapping = Some(it.path("Sau --mapping cần tệp đối chiếu tên (.csv).")?);
            }
            "--write-mapping" => {
                write_mapping =
                    Some(it.path("Sau --write-mapping cần tên tệp đối chiếu sẽ ghi (.csv).")?);
            }
            "-o" | "--output" => {
                output = Some(it.path("Sau -o cần tên tệp .xlsx, .pdf hoặc .docx.")?);
            }
            "--project" => {
                project =
                    Some(it.path("Sau --project cần tên tệp dự án của bản tổng hợp (.ron).")?);
            }
            other => it.file(other, &mut folders, 1)?,
        }
    }
    let folder = folders
        .pop()
        .ok_or("Lệnh aggregate cần một thư mục chứa các tệp dự án.")?;
    if let Some(o) = &output
        && SummaryFormat::of_path(o).is_none()
    {
        return Err(format!(
            "Tệp kết quả “{}” phải có đuôi .xlsx (bảng Excel), .pdf hoặc .docx (Word).",
            o.display()
        ));
    }
    if let Some(p) = &project
        && !p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return Err(format!(
            "Tệp dự án của bản tổng hợp “{}” phải có đuôi .ron.",
            p.display()
        ));
    }
    Ok(AggregateArgs {
        folder,
        period,
        mapping,
        write_mapping,
        output,
        project,
        force,
    })
}

/// Runs `baocao aggregate`: reads the folder, prints the period and the files not
/// taken, writes the table. Exit status 0 when the table was written.
pub fn run_aggregate(args: &AggregateArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let mapping = match &args.mapping {
        Some(path) => match Mapping::read(path) {
            Ok(m) => m,
            Err(e) => {
                let _ = writeln!(err, "{e}");
                return ExitCode::from(1);
            }
        },
        None => Mapping::default(),
    };
    let options = Options {
        period: args.period,
        mapping,
    };
    let progress = super::batch::Progress::new("Tổng hợp");
    let result = aggregate::aggregate(&args.folder, &options, &|d, t| progress.tick(d, t));
    progress.finish();
    let agg = match result {
        Ok(a) => a,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return ExitCode::from(1);
        }
    };
    print_summary(&agg, out);
    // Every commune's file and the mapping were read: none is ever written over.
    let files = agg.files_read();
    let guard = crate::storage::OutputGuard::new()
        .forced(args.force)
        .reading_all(files.iter().map(PathBuf::as_path), "tệp dự án của một xã")
        .reading_all(args.mapping.as_deref(), "tệp đối chiếu tên");
    if let Some(path) = &args.write_mapping {
        let text = Mapping::template(&agg.names);
        if let Err(e) = crate::storage::write_output_guarded(path, text.as_bytes(), &guard) {
            let _ = writeln!(err, "{e}");
            return ExitCode::from(1);
        }
        let _ = writeln!(
            out,
            "Đã ghi tệp đối chiếu tên ({} tên): {} — sửa cột “Tên chung” rồi chạy lại với --mapping.",
            agg.names.len(),
            path.display()
        );
    }
    let output = args.output.clone().unwrap_or_else(|| {
        args.folder
            .join(format!("TỔNG-HỢP-{}.xlsx", agg.period.code()))
    });
    let summary = match &args.project {
        Some(path) => match summary_project(path, &agg, &guard, out) {
            Ok(s) => s,
            Err(msg) => {
                let _ = writeln!(err, "{msg}");
                return ExitCode::from(1);
            }
        },
        None => aggregate::document::city_report(&agg),
    };
    let format = SummaryFormat::of_path(&output).unwrap_or(SummaryFormat::Xlsx);
    let bytes = aggregate::summary_bytes(
        &agg,
        (&summary.0, &summary.1),
        format,
        super::creation_date(),
    )
    .map_err(|e| e.to_string());
    let written = bytes.and_then(|b| {
        crate::storage::write_output_guarded(&output, &b, &guard).map_err(|e| e.to_string())
    });
    match written {
        Ok(()) => {
            let _ = writeln!(out, "Đã ghi: {}", output.display());
            ExitCode::SUCCESS
        }
        Err(msg) => {
            let _ = writeln!(err, "{msg}");
            ExitCode::from(1)
        }
    }
}

/// The summary's project at `path`: read and brought up to date (the previous version
/// kept as `.bak`), or made new; saved either way.
fn summary_project(
    path: &Path,
    agg: &Aggregate,
    guard: &crate::storage::OutputGuard,
    out: &mut dyn Write,
) -> Result<(crate::model::Project, crate::model::Report), String> {
    if let Err(e @ crate::storage::OutputError::IsInput { .. }) = guard.check(path) {
        return Err(e.to_string());
    }
    let (project, report, said) = if path.exists() {
        let mut project = crate::storage::load(path).map_err(|e| e.to_string())?;
        let report = aggregate::document::update(&mut project, agg);
        (project, report, "Đã cập nhật phần tổng hợp trong tệp")
    } else {
        let (project, report) = aggregate::document::city_report(agg);
        (project, report, "Đã tạo tệp dự án của bản tổng hợp")
    };
    crate::storage::save(path, &project).map_err(|e| e.to_string())?;
    let _ = writeln!(
        out,
        "{said}: {} — người ký, số, nơi nhận, mở đầu và đánh giá sửa trong tệp này; duyệt rồi xuất bản cuối bằng: baocao export {} --final -o TỔNG-HỢP.pdf",
        path.display(),
        path.display()
    );
    Ok((project, report))
}

/// The period, the counts and every file not taken, as the official reads them.
fn print_summary(agg: &Aggregate, out: &mut dyn Write) {
    let _ = writeln!(out, "{}", agg.period_note());
    if agg.choice != crate::aggregate::PeriodChoice::Asked {
        let _ = writeln!(out, "Chọn kỳ khác bằng --period, ví dụ --period 2026-Q1.");
    }
    let _ = writeln!(
        out,
        "Đã tổng hợp {} xã, phường; {} chỉ tiêu; {} tệp không lấy.",
        agg.communes.len(),
        agg.indicators.len(),
        agg.skipped.len()
    );
    if agg
        .skipped
        .iter()
        .any(|s| s.reason == aggregate::SkipReason::HasErrors)
    {
        let _ = writeln!(out, "{}", aggregate::VALIDITY_RULE);
    }
    for s in &agg.skipped {
        let _ = writeln!(
            out,
            "  Không lấy {}: {} — {}",
            s.file.display(),
            s.reason.label(),
            s.detail
        );
    }
}
