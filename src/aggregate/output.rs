//! aggregate: the city's summary written out, for `baocao aggregate` and the window's
//! Tổng hợp alike: the workbook ([`super::xlsx`]), or the summary report (a project of
//! the issuing office, see [`super::document`]) rendered as every report is — the
//! final version without DỰ THẢO once it is approved and unchanged — as PDF or DOCX.

use std::path::Path;

use super::Aggregate;
use crate::model::{Project, Report};
use crate::render::{RenderKind, render};

/// What the summary is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryFormat {
    Xlsx,
    Pdf,
    Docx,
}

impl SummaryFormat {
    /// The format a file name asks for; `None` for any other extension.
    pub fn of_path(path: &Path) -> Option<SummaryFormat> {
        let ext = path.extension()?.to_string_lossy().to_lowercase();
        match ext.as_str() {
            "xlsx" => Some(SummaryFormat::Xlsx),
            "pdf" => Some(SummaryFormat::Pdf),
            "docx" => Some(SummaryFormat::Docx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            SummaryFormat::Xlsx => "xlsx",
            SummaryFormat::Pdf => "pdf",
            SummaryFormat::Docx => "docx",
        }
    }
}

/// The bytes of the summary in `format`: the workbook of `agg`, or the report of
/// `summary` (made by [`super::document::city_report`] or kept up to date by
/// [`super::document::update`]) as it stands. `created` dates the workbook and a draft.
pub fn summary_bytes(
    agg: &Aggregate,
    summary: (&Project, &Report),
    format: SummaryFormat,
    created: chrono::NaiveDateTime,
) -> Result<Vec<u8>, SummaryError> {
    let (project, report) = summary;
    match format {
        SummaryFormat::Xlsx => {
            super::xlsx::write_xlsx(agg, created).map_err(SummaryError::Workbook)
        }
        SummaryFormat::Pdf => {
            let rendered =
                render(project, report, RenderKind::AsItStands).map_err(SummaryError::Render)?;
            // An approved summary is dated by its approval, never by the clock.
            let date = if rendered.draft {
                created
            } else {
                report.final_date()
            };
            crate::export::write_pdf(&rendered, &crate::export::PdfOptions::new(date))
                .map_err(SummaryError::Export)
        }
        SummaryFormat::Docx => {
            let rendered =
                render(project, report, RenderKind::AsItStands).map_err(SummaryError::Render)?;
            crate::export::write_docx(
                &rendered,
                &crate::export::DocxOptions {
                    creation_date: created,
                },
            )
            .map_err(SummaryError::Export)
        }
    }
}

/// Why the summary could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    #[error("{0}")]
    Workbook(super::xlsx::XlsxWriteError),
    #[error("{0}")]
    Render(crate::render::RenderError),
    #[error("{0}")]
    Export(crate::export::ExportError),
}
