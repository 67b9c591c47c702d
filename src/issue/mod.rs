//! issue: electronic issuance (Decree 30, Art. 5, 13, 15). Sits beside `cli` and
//! `session`, above render, export and storage: it makes the sign-ready final PDF of
//! an approved report — with the report's source attached, so the project travels with
//! the PDF — and reads such a PDF back, to restore its source or to check a signed copy
//! against the project ([`verify`]).
//!
//! The final PDF must come out byte for byte the same whenever it is made again from
//! the same report, or a signed copy could never be matched: its date is therefore
//! taken from the report's approval, never from the clock.

pub mod differences;
pub mod signer;
pub mod verify;

use std::path::{Path, PathBuf};

use crate::export::{Attachment, PdfOptions, SignatureImages};
use crate::model::{Project, Report, ReportStatus};
use crate::render::{RenderKind, render};
use crate::storage;

/// The description of the attached source, shown by PDF readers.
pub const SOURCE_DESCRIPTION: &str = "Nguồn báo cáo (tệp dự án baocao chỉ chứa báo cáo này)";

/// Why a sign-ready PDF could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error("{0}")]
    Render(#[from] crate::render::RenderError),
    #[error("{0}")]
    Export(#[from] crate::export::ExportError),
    #[error("{0}")]
    Storage(#[from] storage::StorageError),
    #[error("{0}")]
    Read(#[from] crate::export::ReadError),
    /// A PDF without the source this program attaches.
    #[error(
        "Tệp PDF này không do chương trình baocao xuất ra (không có tệp nguồn báo cáo đính kèm), nên không khôi phục hay đối chiếu được."
    )]
    NoSource,
    /// The attached source is not a project file this program reads.
    #[error("Tệp nguồn đính kèm trong PDF bị hỏng, không đọc được:\n{0}")]
    BadSource(String),
}

/// Why a file the clerk picked (a seal or signature image, a signed PDF) cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PickedFileError {
    #[error("Không đọc được ảnh: {reason}.\nTệp: {}", path.display())]
    ImageUnreadable { path: PathBuf, reason: String },
    #[error("Ảnh không dùng được: {reason}.\nTệp: {}", path.display())]
    ImageUnusable { path: PathBuf, reason: String },
    /// The image could not be copied beside the project.
    #[error("{0}")]
    NotCopied(String),
    #[error("Thư mục dự án đã có quá nhiều ảnh cùng tên {0}; hãy đổi tên ảnh rồi chọn lại.")]
    TooManyNamed(String),
    #[error("Không đọc được tệp PDF: {reason}.\nTệp: {}", path.display())]
    PdfUnreadable { path: PathBuf, reason: String },
    /// The signature or seal image the project names (`what`: chữ ký, con dấu).
    #[error(
        "Không đọc được ảnh {what}: {reason}. Hãy đặt tệp ảnh PNG cạnh tệp dự án hoặc chọn lại.\nTệp: {}",
        path.display()
    )]
    SigningImageUnreadable {
        what: &'static str,
        path: PathBuf,
        reason: String,
    },
    #[error("Ảnh {what} không dùng được: {reason}\nTệp: {}", path.display())]
    SigningImageUnusable {
        what: &'static str,
        path: PathBuf,
        reason: String,
    },
}

/// The project file attached to a sign-ready PDF: the organisation, the plan, the
/// period records the report can print, the page setup and the report alone — what
/// the approval fingerprint covers, so the fingerprint of the attached report equals
/// the project's. The report's internal review stays home: its comments, the texts
/// sent for review and the remarks are left out; its status, approval fingerprint and
/// the approvals and issuing (who, when) travel, since the date of the PDF is the
/// approval's.
pub fn source_project(project: &Project, report: &Report) -> Project {
    let periods = crate::review::printed_periods(project, report)
        .into_iter()
        .cloned()
        .collect();
    let mut report = report.clone();
    let review = &mut report.review;
    review.comments.clear();
    review.snapshot = None;
    review.previous_snapshot = None;
    review
        .history
        .retain(|t| matches!(t.to, ReportStatus::Approved | ReportStatus::Issued));
    for t in &mut review.history {
        t.remark.clear();
    }
    Project {
        format_version: project.format_version,
        organisation: project.organisation.clone(),
        plan: project.plan.clone(),
        periods,
        reports: vec![report],
        page_setup: project.page_setup.clone(),
        signing: project.signing.clone(),
    }
}

/// The attached file's name: `<report id>.ron`, with characters that file systems
/// refuse replaced.
pub fn source_name(report: &Report) -> String {
    let id: String = report
        .id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{}.ron", if id.is_empty() { "bao-cao" } else { &id })
}

/// The sign-ready final PDF of `report`: no DỰ THẢO, a text layer, the outline and
/// metadata, the report's source attached, and the signature and seal images when
/// given. Refused (as `baocao export --final` is) unless the report is approved or
/// issued and unchanged since.
pub fn sign_ready_pdf(
    project: &Project,
    report: &Report,
    images: SignatureImages,
) -> Result<Vec<u8>, IssueError> {
    let rendered = render(project, report, RenderKind::Final)?;
    sign_ready_from(&rendered, project, report, images)
}

/// [`sign_ready_pdf`] from the final version already rendered.
pub fn sign_ready_from(
    rendered: &crate::render::Rendered,
    project: &Project,
    report: &Report,
    images: SignatureImages,
) -> Result<Vec<u8>, IssueError> {
    let source = storage::to_string(&source_project(project, report))?;
    let mut options = PdfOptions::new(report.final_date());
    options.attachments.push(Attachment {
        name: source_name(report),
        description: SOURCE_DESCRIPTION.to_owned(),
        mime: "text/plain".to_owned(),
        data: source.into_bytes(),
    });
    options.signature_images = images;
    Ok(crate::export::write_pdf(rendered, &options)?)
}

/// The report source attached to a PDF this program wrote: the project it holds (one
/// report) and the attachment's name. `path` only names the file in errors.
pub fn read_source(bytes: &[u8], path: &Path) -> Result<(Project, String), IssueError> {
    let facts = crate::export::read_pdf(bytes)?;
    source_of(&facts, path)
}

/// [`read_source`] on a PDF already read.
pub fn source_of(
    facts: &crate::export::PdfFacts,
    path: &Path,
) -> Result<(Project, String), IssueError> {
    let (name, data) = facts
        .attachments
        .iter()
        .find(|(name, _)| name.to_lowercase().ends_with(".ron"))
        .ok_or(IssueError::NoSource)?;
    let text = std::str::from_utf8(data)
        .map_err(|_| IssueError::BadSource("không phải văn bản UTF-8".to_owned()))?;
    let source_path = path.join(name);
    let project =
        storage::parse(text, &source_path).map_err(|e| IssueError::BadSource(e.to_string()))?;
    if project.reports.len() != 1 {
        return Err(IssueError::BadSource(format!(
            "tệp nguồn phải có đúng một báo cáo, nhưng có {}",
            project.reports.len()
        )));
    }
    Ok((project, name.clone()))
}

/// Largest image read (a signature or seal PNG is a few hundred kilobytes).
const MAX_IMAGE: u64 = 8 * 1024 * 1024;

/// Reads the signature and seal images the project names, relative to the folder of
/// the project file at `project_path` (the current folder for an unsaved project).
/// The error names the image and says what to do, in Vietnamese.
pub fn load_images(
    signing: &crate::model::SigningImages,
    project_path: Option<&Path>,
) -> Result<SignatureImages, PickedFileError> {
    let base = project_path
        .and_then(Path::parent)
        .map(Path::to_owned)
        .unwrap_or_default();
    let read = |rel: &Option<String>, what: &'static str| {
        let Some(rel) = rel.as_deref().filter(|r| !r.trim().is_empty()) else {
            return Ok(None);
        };
        let path = base.join(rel);
        let (bytes, _) = storage::read_limited(&path, MAX_IMAGE).map_err(|e| {
            PickedFileError::SigningImageUnreadable {
                what,
                path: path.clone(),
                reason: e.to_string(),
            }
        })?;
        crate::export::images::check_png(&bytes).map_err(|reason| {
            PickedFileError::SigningImageUnusable {
                what,
                path: path.clone(),
                reason,
            }
        })?;
        Ok::<_, PickedFileError>(Some(bytes))
    };
    Ok(SignatureImages {
        signature: read(&signing.signature_image, "chữ ký")?,
        seal: read(&signing.seal_image, "con dấu")?,
    })
}

/// The files of the signature and seal images the project names, as [`load_images`]
/// reads them, each with what it is; for the output guard, which never writes over them.
pub fn image_paths(
    signing: &crate::model::SigningImages,
    project_path: Option<&Path>,
) -> Vec<(std::path::PathBuf, &'static str)> {
    let base = project_path
        .and_then(Path::parent)
        .map(Path::to_owned)
        .unwrap_or_default();
    [
        (&signing.signature_image, "ảnh chữ ký"),
        (&signing.seal_image, "ảnh con dấu"),
    ]
    .into_iter()
    .filter_map(|(rel, what)| {
        let rel = rel.as_deref().filter(|r| !r.trim().is_empty())?;
        Some((base.join(rel), what))
    })
    .collect()
}

/// Keeps the PNG at `picked` beside the project in `folder` (copied there unless it is
/// already in it, under a free name) and returns its name there. The image is checked
/// first; the error says why not, in Vietnamese.
pub fn keep_beside(picked: &Path, folder: &Path) -> Result<String, PickedFileError> {
    let (bytes, _) =
        storage::read_limited(picked, MAX_IMAGE).map_err(|e| PickedFileError::ImageUnreadable {
            path: picked.to_owned(),
            reason: e.to_string(),
        })?;
    crate::export::images::check_png(&bytes).map_err(|reason| PickedFileError::ImageUnusable {
        path: picked.to_owned(),
        reason,
    })?;
    let name = picked
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "anh.png".to_owned());
    if picked.parent().is_some_and(|p| same_folder(p, folder)) {
        return Ok(name);
    }
    let stem = Path::new(&name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    for n in 1..1000 {
        let candidate = if n == 1 {
            name.clone()
        } else {
            format!("{stem}-{n}.png")
        };
        let target = folder.join(&candidate);
        // Only a free name is written; whatever is there (another image, the project,
        // a folder, a device) is never replaced.
        let guard = storage::OutputGuard::new().reading(picked, "ảnh đang chọn");
        match guard.check(&target) {
            Ok(_) => {
                storage::write_output_guarded(&target, &bytes, &guard)
                    .map_err(|e| PickedFileError::NotCopied(e.to_string()))?;
                return Ok(candidate);
            }
            Err(storage::OutputError::Exists { .. }) => {
                let same = storage::read_limited(&target, MAX_IMAGE)
                    .is_ok_and(|(existing, _)| existing == bytes);
                if same {
                    return Ok(candidate);
                }
            }
            Err(_) => {}
        }
    }
    Err(PickedFileError::TooManyNamed(name))
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Largest PDF read (a report's PDF is about 100 KB; a signed one a little more).
const MAX_PDF: u64 = 64 * 1024 * 1024;

/// The bytes of the PDF at `path`; the error says why not, in Vietnamese, naming it.
pub fn read_pdf_file(path: &Path) -> Result<Vec<u8>, PickedFileError> {
    storage::read_limited(path, MAX_PDF)
        .map(|(bytes, _)| bytes)
        .map_err(|e| PickedFileError::PdfUnreadable {
            path: path.to_owned(),
            reason: e.to_string(),
        })
}

/// Whether `path` names a PDF (by its extension), which the window opens by restoring
/// the report attached to it.
pub fn is_pdf_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

#[cfg(test)]
mod tests;
