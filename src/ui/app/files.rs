//! The commands that read or write files: open, save, export and import (printing
//! is in `printing.rs`).
//! Export and Print write the one rendered value of the current revision; nothing is
//! composed or laid out here.

use std::path::{Path, PathBuf};

use super::BaocaoApp;
use crate::edit::Edit;
use crate::guide::Step;
use crate::import::ImportKind;
use crate::layout::ImageKind;
use crate::render::{RenderError, Rendered};
use crate::session::{OpenDocument, now, recovery_offer};
use crate::ui::command::{Command, Modal, PathPurpose, PdfKind, StatusLine};
use crate::ui::dialogs::Chooser;

/// Why a PDF of the current report could not be written.
#[derive(Debug, thiserror::Error)]
pub(super) enum OutputError {
    #[error("Chưa mở tệp dự án hoặc chưa chọn báo cáo.")]
    NoReport,
    #[error("{0}")]
    Render(#[from] RenderError),
    #[error("{0}")]
    Export(#[from] crate::export::ExportError),
    #[error("{0}")]
    Write(#[from] crate::storage::StorageError),
    #[error("{0}")]
    Output(#[from] crate::storage::OutputError),
    #[error("{0}")]
    Open(String),
    #[error("{0}")]
    Issue(#[from] crate::issue::IssueError),
    /// Tệp › Xuất bản ký số… on a report that prints as a draft.
    #[error(
        "Chỉ báo cáo đã duyệt (nội dung không đổi sau khi duyệt, đủ số liệu, tệp dự án không còn lỗi) mới xuất được bản ký số. Hãy xem các lưu ý ở bước Góp ý và duyệt."
    )]
    NotFinal,
}

impl BaocaoApp {
    pub(super) fn open_path(&mut self, path: &Path) {
        if crate::issue::is_pdf_path(path) {
            self.open_pdf(path);
            return;
        }
        // Reopening the file in this window: let go of our own lock first.
        let same = self
            .doc
            .as_ref()
            .is_some_and(|d| d.path.as_deref() == Some(path));
        if same && let Some(d) = &mut self.doc {
            d.lock = None;
        }
        self.remember_report();
        match OpenDocument::open(path) {
            Ok(mut doc) => {
                if let Some(reason) = doc.lock_for(&self.user, now()) {
                    self.modal = Some(Modal::Locked(reason));
                }
                self.approved_edit_ok.clear();
                let offer = doc
                    .read_only
                    .is_none()
                    .then(|| recovery_offer(path))
                    .flatten();
                self.report_id = doc.project.reports.last().map(|r| r.id.clone());
                let doc_note = doc.load_note.clone();
                self.doc = Some(doc);
                self.return_to_last_report(path);
                self.derived = None;
                self.remember_recent(path);
                if let Some(dir) = path.parent() {
                    self.dialogs.start_in(dir);
                }
                self.status = Some(match &doc_note {
                    Some(note) => StatusLine::info(format!("Đã mở {}. {note}", path.display())),
                    None => StatusLine::info(format!("Đã mở {}", path.display())),
                });
                if let Some(offer) = offer {
                    self.modal = Some(Modal::Recover {
                        path: path.to_owned(),
                        project: Box::new(offer.project),
                        file_changed: offer.file_changed,
                        differences: None,
                    });
                }
            }
            Err(e) => {
                if same && let Some(d) = &mut self.doc {
                    d.lock_for(&self.user, now());
                }
                self.modal = Some(Modal::Message {
                    title: "Không mở được tệp".to_owned(),
                    text: e.to_string(),
                });
                self.status = Some(StatusLine::error("Không mở được tệp."));
            }
        }
    }

    /// Opens the bundled sample as a new unsaved project: no lock, no recent file, no
    /// recovery copy; the choosers start in the user's Documents folder.
    pub(super) fn open_sample(&mut self) {
        match OpenDocument::sample() {
            Ok(doc) => {
                self.report_id = doc.project.reports.last().map(|r| r.id.clone());
                self.doc = Some(doc);
                self.derived = None;
                self.approved_edit_ok.clear();
                self.step = Step::ThongTin;
                self.dialogs.start_in(&crate::session::documents_dir());
                self.status = Some(StatusLine::info(
                    "Đang mở dự án mẫu, chưa lưu ở đâu. Sửa thành báo cáo của xã rồi bấm Lưu để chọn nơi cất tệp.",
                ));
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Không mở được dự án mẫu".to_owned(),
                    text: e.to_string(),
                });
                self.status = Some(StatusLine::error("Không mở được dự án mẫu."));
            }
        }
    }

    /// Opens the report source attached to a PDF this program wrote, as a new unsaved
    /// project (one report), to be saved as a `.ron` file.
    fn open_pdf(&mut self, path: &Path) {
        let restored = crate::issue::read_pdf_file(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| crate::issue::read_source(&bytes, path).map_err(|e| e.to_string()));
        match restored {
            Ok((project, name)) => {
                self.report_id = project.reports.first().map(|r| r.id.clone());
                let mut doc = OpenDocument::new(None, project);
                doc.revision += 1; // restored, not saved yet
                self.doc = Some(doc);
                self.derived = None;
                self.approved_edit_ok.clear();
                self.step = Step::ThongTin;
                self.status = Some(StatusLine::info(format!(
                    "Đã khôi phục báo cáo từ {} (tệp nguồn đính kèm {name}). Đây là dự án mới chưa lưu: hãy Lưu thành tệp dự án (.ron).",
                    path.display()
                )));
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Không khôi phục được báo cáo từ PDF".to_owned(),
                    text: e,
                });
                self.status = Some(StatusLine::error("Không mở được tệp PDF."));
            }
        }
    }

    /// Asks for a signed PDF and shows whether its signed content is the approved
    /// report of the open project (the verdict of `baocao verify`). Reads only.
    pub(super) fn verify_signed(&mut self) {
        let Some(pdf) = self.choose(PathPurpose::SignedPdf, "") else {
            return;
        };
        self.push(Command::VerifySignedFrom(pdf));
    }

    /// Checks the signed PDF at `pdf` against the open project and shows the verdict.
    pub(super) fn verify_signed_at(&mut self, pdf: &Path) {
        let Some(doc) = &self.doc else { return };
        let unsaved = std::path::PathBuf::from(doc.display_name());
        let against = crate::issue::verify::Against {
            project: &doc.project,
            path: doc.path.as_deref().unwrap_or(&unsaved),
        };
        let text = crate::issue::read_pdf_file(pdf)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                crate::issue::verify::verify(&bytes, pdf, Some(against)).map_err(|e| e.to_string())
            })
            .map(|v| v.text())
            .unwrap_or_else(|e| format!("Kết luận: không đối chiếu được. {e}"));
        self.modal = Some(Modal::Message {
            title: "Kiểm tra bản đã ký".to_owned(),
            text: format!("Tệp đã ký: {}\n{text}", pdf.display()),
        });
    }

    /// Asks for the signature (or seal) PNG and keeps it beside the project: a file
    /// elsewhere is copied into the project's folder (never over another file), and the
    /// project names it by its file name. The project must have been saved once.
    pub(super) fn choose_signing_image(&mut self, image: ImageKind) {
        let what = image_words(image);
        // Asked before the chooser opens: an unsaved project has no folder to keep it in.
        let saved = self
            .doc
            .as_ref()
            .and_then(|d| d.path.as_deref())
            .and_then(Path::parent);
        if saved.is_none() {
            self.modal = Some(Modal::Message {
                title: format!("Chưa chọn được {what}"),
                text: "Hãy lưu dự án trước: ảnh được đặt cạnh tệp dự án.".to_owned(),
            });
            return;
        }
        let Some(picked) = self.choose(PathPurpose::SigningImage(image), "") else {
            return;
        };
        self.use_signing_image(image, &picked);
    }

    /// Keeps the PNG at `picked` beside the project (copied there when it is
    /// elsewhere) as the signature or seal image of the sign-ready version.
    pub(super) fn use_signing_image(&mut self, image: ImageKind, picked: &Path) {
        let what = image_words(image);
        let Some(folder) = self
            .doc
            .as_ref()
            .and_then(|d| d.path.as_deref())
            .and_then(Path::parent)
            .map(Path::to_owned)
        else {
            self.modal = Some(Modal::Message {
                title: format!("Chưa chọn được {what}"),
                text: "Hãy lưu dự án trước: ảnh được đặt cạnh tệp dự án.".to_owned(),
            });
            return;
        };
        match crate::issue::keep_beside(picked, &folder) {
            Ok(name) => {
                let Some(doc) = &mut self.doc else { return };
                let mut images = doc.project.signing.clone();
                match image {
                    ImageKind::Seal => images.seal_image = Some(name.clone()),
                    ImageKind::Signature => images.signature_image = Some(name.clone()),
                }
                doc.history.seal();
                match doc.apply(Edit::SigningImages(images)) {
                    Ok(_) => {
                        self.status = Some(StatusLine::info(format!(
                            "Đã chọn {what} {name} (cạnh tệp dự án) cho bản ký số."
                        )))
                    }
                    Err(e) => {
                        self.status = Some(StatusLine::error(e.to_string()));
                    }
                }
            }
            Err(text) => {
                self.modal = Some(Modal::Message {
                    title: format!("Không dùng được {what}"),
                    text: text.to_string(),
                });
            }
        }
    }

    /// Reads a table and shows what importing it would add; nothing changes yet.
    pub(super) fn import_preview(&mut self, path: PathBuf, kind: Option<ImportKind>) {
        let Some(doc) = &self.doc else { return };
        self.modal = Some(match crate::import::preview(&path, &doc.project, kind) {
            Ok(preview) => Modal::Import {
                rows: crate::import::describe(&preview, &doc.project),
                path,
                preview: Box::new(preview),
            },
            Err(e) => Modal::Message {
                title: "Không nhập được bảng".to_owned(),
                text: e.to_string(),
            },
        });
    }

    /// Adds a confirmed import as one undo step and shows the imported list.
    pub(super) fn confirm_import(&mut self, preview: crate::import::ImportPreview) {
        let Some(doc) = &mut self.doc else { return };
        if let Err(e) = doc.import_fits(&preview) {
            self.modal = Some(Modal::Message {
                title: "Không nhập được bảng".to_owned(),
                text: e.to_string(),
            });
            return;
        }
        let what = crate::import::summary(&preview);
        let kind = preview.kind;
        doc.history.seal();
        match doc.apply(Edit::Import(Box::new(preview))) {
            Ok(_) => {
                doc.history.seal();
                self.modal = None;
                self.step = match kind {
                    ImportKind::Indicators => Step::ChiTieu,
                    ImportKind::Tasks => Step::NhiemVu,
                };
                self.focus = self.focus_of_step(self.step);
                self.status = Some(StatusLine::info(format!(
                    "Đã nhập {what}. Có thể hoàn tác bằng Ctrl+Z."
                )));
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Không nhập được bảng".to_owned(),
                    text: e.to_string(),
                });
            }
        }
    }

    /// The one file-choice flow: the desktop's chooser for `purpose` (a save chooser
    /// starting from the `suggested` name). Where the desktop shows none, the typed-path
    /// dialog asks instead; its answer comes back as the command of `purpose`.
    pub(super) fn choose(&mut self, purpose: PathPurpose, suggested: &str) -> Option<PathBuf> {
        let picked = self.dialogs.choose(purpose, suggested);
        if picked.is_none() {
            self.ask_path_if_no_dialog(purpose, suggested);
        }
        picked
    }

    /// Asks the user for a path through the typed-path dialog, starting from the
    /// project's folder, when the desktop could not show a chooser.
    fn ask_path_if_no_dialog(&mut self, purpose: PathPurpose, suggested: &str) {
        if self.dialogs.available() {
            return;
        }
        let dir = self
            .doc
            .as_ref()
            .and_then(|d| d.path.as_ref())
            .and_then(|p| p.parent())
            .map(Path::to_owned)
            .unwrap_or_else(crate::session::documents_dir);
        self.modal = Some(Modal::AskPath {
            purpose,
            text: dir.join(suggested).display().to_string(),
        });
    }

    pub(super) fn save(&mut self, ask: bool) -> bool {
        let Some(doc) = &self.doc else { return false };
        let path = match (&doc.path, ask) {
            (Some(p), false) => Some(p.clone()),
            _ => {
                let suggested = doc.display_name();
                let suggested = if suggested.ends_with(".ron") {
                    suggested
                } else {
                    "du-an.ron".to_owned()
                };
                self.choose(PathPurpose::SaveProject, &suggested)
            }
        };
        let Some(path) = path else { return false };
        self.save_to(&path)
    }

    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        let user = self.actor();
        let Some(doc) = &mut self.doc else {
            return false;
        };
        match doc.save_to(path, &user, now()) {
            Ok(()) => {
                self.remember_recent(path);
                self.status = Some(StatusLine::info(format!("Đã lưu {}", path.display())));
                true
            }
            Err(e) => {
                // The work stays open and unsaved; a copy goes to the recovery file too,
                // in case the program is closed before the file can be saved.
                let keep = doc.owns_recovery() && doc.is_dirty();
                let kept = match keep.then(|| doc.autosave_now(std::time::Instant::now())) {
                    Some(None) => format!(
                        "\nMột bản sao công việc đã được lưu tự động vào: {}",
                        doc.recovery_file().display()
                    ),
                    _ => String::new(),
                };
                self.modal = Some(Modal::Message {
                    title: "Không lưu được".to_owned(),
                    text: format!("{e}{kept}"),
                });
                self.status = Some(StatusLine::error(
                    "Lưu không thành công; tệp cũ vẫn còn nguyên.",
                ));
                false
            }
        }
    }

    /// The rendered document of the current revision that `kind` writes: the report as
    /// the preview shows it, or its review copy (rendered once per revision).
    pub(super) fn rendered_for(&mut self, kind: PdfKind) -> Result<&Rendered, OutputError> {
        self.refresh();
        let (Some(doc), Some(id), Some(derived)) = (&self.doc, &self.report_id, &mut self.derived)
        else {
            return Err(OutputError::NoReport);
        };
        let report = doc.project.report(id).ok_or(OutputError::NoReport)?;
        let rendered = match kind {
            PdfKind::Report | PdfKind::SignReady => &derived.rendered,
            PdfKind::ReviewCopy => derived.review_copy(&doc.project, report),
        };
        rendered
            .as_ref()
            .map_err(|e| OutputError::Render(e.clone()))
    }

    pub(super) fn pdf_bytes(&mut self, kind: PdfKind) -> Result<Vec<u8>, OutputError> {
        let rendered = self.rendered_for(kind)?;
        if kind == PdfKind::SignReady {
            if rendered.draft {
                return Err(OutputError::NotFinal);
            }
            let rendered = rendered.clone();
            let (Some(doc), Some(id)) = (&self.doc, &self.report_id) else {
                return Err(OutputError::NoReport);
            };
            let report = doc.project.report(id).ok_or(OutputError::NoReport)?;
            let images = crate::issue::load_images(&doc.project.signing, doc.path.as_deref())
                .map_err(|e| OutputError::Open(e.to_string()))?;
            return Ok(crate::issue::sign_ready_from(
                &rendered,
                &doc.project,
                report,
                images,
            )?);
        }
        Ok(crate::export::write_pdf(
            rendered,
            &crate::export::PdfOptions::new(now()),
        )?)
    }

    /// Asks where to write the report's PDF (`SavePdf`) or Word file (`SaveDocx`) of a
    /// kind, then writes it.
    pub(super) fn export(&mut self, purpose: PathPurpose) {
        let (PathPurpose::SavePdf(kind) | PathPurpose::SaveDocx(kind)) = purpose else {
            return;
        };
        self.refresh();
        let Some(report) = self.report() else { return };
        let draft = kind != PdfKind::SignReady && self.rendered().is_none_or(|r| r.draft);
        let ext = Chooser::of(purpose).extension();
        let review_copy = kind == PdfKind::ReviewCopy;
        let suggested = crate::session::reports::output_name(report, draft, review_copy, ext);
        let Some(path) = self.choose(purpose, &suggested) else {
            return;
        };
        // The system's save chooser asked before naming a file that is there.
        self.push(Command::WriteReplacing(path, purpose));
    }

    /// Writes the report's PDF (`SavePdf`) or Word file (`SaveDocx`, from the document
    /// tree of the current revision's rendering) of a kind to `path` (its extension
    /// added); `replace`: the clerk agreed to replace the file `path` names.
    pub(super) fn export_to(&mut self, path: &Path, purpose: PathPurpose, replace: bool) {
        let (PathPurpose::SavePdf(kind) | PathPurpose::SaveDocx(kind)) = purpose else {
            return;
        };
        let pdf = matches!(purpose, PathPurpose::SavePdf(_));
        let ext = Chooser::of(purpose).extension();
        let Some((path, guard)) = self.output_target(path, ext, replace, purpose) else {
            return;
        };
        let bytes = if pdf {
            self.pdf_bytes(kind)
        } else {
            self.rendered_for(kind).and_then(|rendered| {
                let options = crate::export::DocxOptions {
                    creation_date: now(),
                };
                Ok(crate::export::write_docx(rendered, &options)?)
            })
        };
        let written = bytes
            .and_then(|bytes| Ok(crate::storage::write_output_guarded(&path, &bytes, &guard)?));
        match written {
            Ok(()) => {
                let what = if pdf {
                    super::busy::pdf_words(kind)
                } else {
                    "tệp Word"
                };
                self.status = Some(StatusLine::info(super::busy::written(what, &path)));
                self.modal = Some(Modal::Exported { path });
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: match (pdf, kind) {
                        (false, _) => "Không xuất được tệp Word",
                        (true, PdfKind::Report) => "Không xuất được PDF",
                        (true, PdfKind::ReviewCopy) => "Không xuất được bản xem xét",
                        (true, PdfKind::SignReady) => "Không xuất được bản ký số",
                    }
                    .to_owned(),
                    text: e.to_string(),
                });
            }
        }
    }

    /// Where an output asked for as `path` goes (`ext` added) and what guards it: the
    /// project and the signing images are never written over, an existing plain output
    /// only when `replace` (the clerk agreed to replace exactly that file). When the
    /// file is there and nobody asked, the typed-path dialog opens on it, whose
    /// “Ghi đè” button asks; `None` then.
    pub(super) fn output_target(
        &mut self,
        path: &Path,
        ext: &str,
        replace: bool,
        purpose: PathPurpose,
    ) -> Option<(PathBuf, crate::storage::OutputGuard)> {
        let target = crate::ui::dialogs::with_extension(path.to_owned(), ext);
        // Agreeing to replace `x` is not agreeing to replace `x.pdf`.
        let agreed = replace && target == path;
        let mut guard = crate::storage::OutputGuard::new().forced(agreed);
        if let Some(doc) = &self.doc {
            if let Some(project) = &doc.path {
                guard = guard.reading(project, "tệp dự án đang mở");
            }
            for (image, what) in
                crate::issue::image_paths(&doc.project.signing, doc.path.as_deref())
            {
                guard = guard.reading(&image, what);
            }
        }
        if let Err(crate::storage::OutputError::Exists { .. }) = guard.check(&target) {
            self.modal = Some(Modal::AskPath {
                purpose,
                text: target.display().to_string(),
            });
            return None;
        }
        Some((target, guard))
    }

    /// Writes the aggregation's workbook or summary to `path` (its extension added);
    /// never over a commune's file it read, over a plain file only when `replace`.
    pub(super) fn export_aggregate(
        &mut self,
        path: &Path,
        format: crate::aggregate::SummaryFormat,
        replace: bool,
    ) {
        let purpose = PathPurpose::SaveAggregate(format);
        let Some((target, guard)) = self.output_target(path, format.extension(), replace, purpose)
        else {
            return;
        };
        if let Some(view) = &mut self.aggregate {
            // Its window says what came of it, beside the table.
            view.export(&target, guard, format);
        }
    }
}

/// The image's name in messages (`Đã chọn ảnh chữ ký …`).
fn image_words(image: ImageKind) -> &'static str {
    match image {
        ImageKind::Signature => "ảnh chữ ký",
        ImageKind::Seal => "ảnh con dấu",
    }
}
