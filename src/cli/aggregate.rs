//! cli: `baocao aggregate FOLDER [--period 2026-Q2] [--mapping FILE] [--write-mapping
//! FILE] -o TỔNG-HỢP.xlsx|.pdf`: the city's table of many communes' files (see
//! `crate::aggregate`), written as an Excel workbook or a PDF summary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::aggregate::{self, Aggregate, Mapping, Options};
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
    /// `-o`: `.xlsx` or `.pdf`; `TỔNG-HỢP-<kỳ>.xlsx` in the folder when not given.
    pub output: Option<PathBuf>,
    /// `--force`: replace an existing table or mapping file (kept as `.bak`).
    pub force: bool,
}

/// Reads the arguments after `aggregate`.
pub(super) fn parse_aggregate(args: &[String]) -> Result<AggregateArgs, String> {
    let mut folder = None;
    let mut period = None;
    let mut mapping = None;
    let mut write_mapping = None;
    let mut output = None;
    let mut force = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--force" => force = true,
            "--period" => {
                let text = it
                    .next()
                    .ok_or("Sau --period cần kỳ báo cáo, ví dụ 2026-Q2.")?;
                period = Some(Period::parse(text)?);
            }
            "--mapping" => {
                let f = it
                    .next()
                    .ok_or("Sau --mapping cần tệp đối chiếu tên (.csv).")?;
                mapping = Some(PathBuf::from(f));
            }
            "--write-mapping" => {
                let f = it
                    .next()
                    .ok_or("Sau --write-mapping cần tên tệp đối chiếu sẽ ghi (.csv).")?;
                write_mapping = Some(PathBuf::from(f));
            }
            "-o" | "--output" => {
                let f = it.next().ok_or("Sau -o cần tên tệp .xlsx hoặc .pdf.")?;
                output = Some(PathBuf::from(f));
            }
            other if other.starts_with('-') => {
                return Err(format!("Lệnh aggregate không có tùy chọn “{other}”."));
            }
            other if folder.is_none() => folder = Some(PathBuf::from(other)),
            other => return Err(format!("Thừa tham số “{other}”.")),
        }
    }
    let folder = folder.ok_or("Lệnh aggregate cần một thư mục chứa các tệp dự án.")?;
    if let Some(o) = &output
        && output_kind(o).is_none()
    {
        return Err(format!(
            "Tệp kết quả “{}” phải có đuôi .xlsx (bảng Excel) hoặc .pdf.",
            o.display()
        ));
    }
    Ok(AggregateArgs {
        folder,
        period,
        mapping,
        write_mapping,
        output,
        force,
    })
}

/// What the output file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OutputKind {
    Xlsx,
    Pdf,
}

fn output_kind(path: &Path) -> Option<OutputKind> {
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    match ext.as_str() {
        "xlsx" => Some(OutputKind::Xlsx),
        "pdf" => Some(OutputKind::Pdf),
        _ => None,
    }
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
    let bytes = match output_kind(&output) {
        Some(OutputKind::Pdf) => summary_pdf(&agg),
        _ => aggregate::xlsx::write_xlsx(&agg, super::creation_date()).map_err(|e| e.to_string()),
    };
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

/// The city's summary as PDF: its document tree laid out and written as every
/// report is (see `aggregate::document`).
fn summary_pdf(agg: &Aggregate) -> Result<Vec<u8>, String> {
    let doc = aggregate::document::document(agg);
    let fonts = crate::layout::Fonts::bundled()
        .ok_or_else(|| crate::render::RenderError::Fonts.to_string())?;
    let pages = crate::layout::layout(&doc, fonts);
    let mut rendered = crate::render::Rendered::of_pages(pages, doc.meta.clone(), doc.draft);
    rendered.document = doc;
    crate::export::write_pdf(
        &rendered,
        &crate::export::PdfOptions::new(super::creation_date()),
    )
    .map_err(|e| e.to_string())
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
