//! render: one call from a report to its finished pages, `(project, report, kind) ->
//! Rendered`, read by every output. The window keeps one `Rendered` per revision and
//! its preview paints it; the PDF writer ([`crate::export::write_pdf`]), the printer and
//! the review copy write that same value and never compose or lay out again (as
//! typst's `PagedDocument` is read by `typst-pdf` and `typst-render`).
//!
//! This is also the one place that decides whether a report prints as DỰ THẢO and
//! that gathers the warnings a clerk sees before printing.

use crate::check::{At, Problem, Severity};
use crate::compose::{
    Annotation, ComposeOptions, Document, Meta, SourceRef, annotations, compose,
    review_comments_part,
};
use crate::guide::Step;
use crate::layout::{Fonts, LayoutWarning, Pages, layout};
use crate::model::{PageSetupError, Project, Report, ReportStatus};

/// Which document of a report is rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RenderKind {
    /// The report as it prints now: the final version (no DỰ THẢO) when it is approved
    /// or issued, its content unchanged since and every figure resolved; otherwise the
    /// draft. What the window previews, exports and prints.
    AsItStands,
    /// Always the draft, marked DỰ THẢO.
    Draft,
    /// The final version; refused ([`RenderError`]) when the report may not print
    /// without DỰ THẢO.
    Final,
    /// The draft followed by every open comment with the section, paragraph and page
    /// of the draft it points to ("bản xem xét").
    ReviewCopy,
}

/// A report laid out into pages, with everything an output needs besides them.
#[derive(Clone, Debug, PartialEq)]
pub struct Rendered {
    /// What was asked for.
    pub kind: RenderKind,
    /// The report's id.
    pub report_id: String,
    /// The laid-out pages, exactly as they print.
    pub pages: Pages,
    /// Title, author, subject, keywords and language of the document.
    pub meta: Meta,
    /// The pages carry the DỰ THẢO marking.
    pub draft: bool,
    /// What the clerk should look at before printing, in Vietnamese.
    pub warnings: Vec<Warning>,
    /// The document tree the pages were laid out from, read by outputs that lay out
    /// themselves (the DOCX writer: Word lays the tree out).
    pub document: Document,
    /// The review copy's open comments as margin notes (Word comments); empty for the
    /// other kinds.
    pub annotations: Vec<Annotation>,
}

impl Rendered {
    /// Pages laid out elsewhere (hand-built in tests and demos) as a rendered document.
    pub fn of_pages(pages: Pages, meta: Meta, draft: bool) -> Self {
        Self {
            document: Document {
                meta: meta.clone(),
                setup: crate::model::PageSetup::default(),
                draft,
                parts: Vec::new(),
            },
            annotations: Vec::new(),
            kind: if draft {
                RenderKind::Draft
            } else {
                RenderKind::Final
            },
            report_id: String::new(),
            warnings: pages
                .warnings
                .iter()
                .cloned()
                .map(Warning::Layout)
                .collect(),
            pages,
            meta,
            draft,
        }
    }
}

/// Something to look at before printing; the pages are still made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Warning {
    /// A figure in the text (`{{CT03.kết quả}}`) that cannot be resolved; it prints as
    /// written.
    #[error("Số liệu chưa xác định: {0}")]
    Unresolved(String),
    /// The report is approved but prints as a draft because a figure is unresolved.
    #[error(
        "Báo cáo đã duyệt nhưng còn số liệu chưa xác định nên vẫn in kèm chữ DỰ THẢO; hãy sửa số liệu để in bản chính thức."
    )]
    FinalHeldBack,
    /// Found by layout: a character the font lacks, a line too long to break, … with
    /// the piece of the report it was met in.
    #[error("{0}")]
    Layout(LayoutWarning),
    /// An error of the project file (`baocao check`): the draft is made, the final
    /// version is not.
    #[error("Lỗi trong tệp dự án: {}: {}", .0.place, .0.message)]
    Project(Problem),
    /// The report is approved but prints as a draft because the project file has
    /// errors.
    #[error(
        "Báo cáo đã duyệt nhưng tệp dự án còn lỗi nên vẫn in kèm chữ DỰ THẢO; hãy sửa các lỗi để in bản chính thức."
    )]
    FinalHeldBackByErrors,
    /// Marked approved without the fingerprint of the approved content: prints as a
    /// draft.
    #[error("{} Bản in vẫn kèm chữ DỰ THẢO.", crate::review::UNBOUND_APPROVAL)]
    ApprovalUnbound,
}

impl Warning {
    /// The warning in the window's one list of problems, placed at "Bản in" and, for
    /// what layout met in a piece of `report`, at that piece (the step and section
    /// that edit it); `None` for what `check` lists already (project errors and
    /// unresolved figures).
    pub fn problem(&self, report: &Report) -> Option<Problem> {
        let severity = match self {
            Self::Layout(_) | Self::ApprovalUnbound => Severity::Warning,
            Self::FinalHeldBack | Self::FinalHeldBackByErrors => Severity::Note,
            Self::Unresolved(_) | Self::Project(_) => return None,
        };
        let mut problem = Problem::printing(severity, self.to_string());
        if let Self::Layout(w) = self {
            problem.at = step_of_source(report, &w.source).map(|step| At {
                step,
                section: w.source.section_id().map(str::to_owned),
                paragraph: None,
            });
            if let Some(piece) = piece_label(report, &w.source) {
                problem.place = format!("{}, {piece}", problem.place);
            }
        }
        Some(problem)
    }
}

/// The editor step that edits a piece of `report`; `None` for what the program made
/// and for a section the report does not have.
pub fn step_of_source(report: &Report, source: &SourceRef) -> Option<Step> {
    match source {
        SourceRef::Header | SourceRef::Info | SourceRef::Opening => Some(Step::ThongTin),
        SourceRef::Closing | SourceRef::Signature => Some(Step::KyNhan),
        SourceRef::Appendix(_) => Some(Step::XuatBan),
        SourceRef::ReviewHeading | SourceRef::Comment(_) => Some(Step::Duyet),
        SourceRef::None => None,
        SourceRef::Section(id) => report
            .section(id)
            .map(|_| crate::check::step_of_section(report, id)),
    }
}

/// A piece of `report` as the list of problems names it after "Bản in".
fn piece_label(report: &Report, source: &SourceRef) -> Option<String> {
    Some(match source {
        SourceRef::Section(id) => format!("mục “{}”", report.section(id)?.title.trim()),
        SourceRef::Header => "phần đầu văn bản".to_owned(),
        SourceRef::Info => "tên loại và trích yếu".to_owned(),
        SourceRef::Opening => "phần mở đầu".to_owned(),
        SourceRef::Closing => "câu kết".to_owned(),
        SourceRef::Signature => "chữ ký và nơi nhận".to_owned(),
        SourceRef::Appendix(_) => "phụ lục".to_owned(),
        SourceRef::ReviewHeading | SourceRef::Comment(_) => "phần góp ý".to_owned(),
        SourceRef::None => return None,
    })
}

/// Why a report could not be rendered.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RenderError {
    /// The project's page setup breaks Decree 30.
    #[error(
        "Không xuất được: định dạng trang trong tệp dự án không đúng Nghị định 30/2020:\n{}",
        .0.iter().map(|e| format!("- {e}")).collect::<Vec<_>>().join("\n")
    )]
    PageSetup(Vec<PageSetupError>),
    /// The final version of a report that is neither approved nor issued.
    #[error(
        "Báo cáo đang ở trạng thái “{}”: chỉ bản đã duyệt hoặc đã ban hành mới được in bản chính thức, không có dấu DỰ THẢO. Hãy xuất bản dự thảo hoặc bản xem xét.",
        .0.label()
    )]
    NotApproved(ReportStatus),
    /// The final version of an approved report whose content changed since.
    #[error(
        "Nội dung báo cáo đã thay đổi sau khi được duyệt nên không in được bản chính thức. Hãy gửi duyệt lại, hoặc xuất bản dự thảo."
    )]
    ChangedSinceApproval,
    /// The final version of a report marked approved without the fingerprint of the
    /// approved content.
    #[error("Không in được bản chính thức. {}", crate::review::UNBOUND_APPROVAL)]
    ApprovalUnbound,
    /// The final version of a project file with errors (`baocao check`).
    #[error(
        "Chưa xuất được bản chính thức: tệp dự án còn lỗi. Hãy sửa rồi xuất lại:\n{}",
        .0.iter().map(|p| format!("- {}: {}", p.place, p.message)).collect::<Vec<_>>().join("\n")
    )]
    ProjectErrors(Vec<Problem>),
    /// The final version while figures in the text cannot be resolved.
    #[error(
        "Chưa xuất được bản chính thức: còn số liệu trong văn bản chưa xác định được. Hãy sửa ở bước tương ứng rồi xuất lại:\n{}",
        .0.iter().map(|p| format!("- {p}")).collect::<Vec<_>>().join("\n")
    )]
    Unresolved(Vec<String>),
    /// The fonts bundled in the program could not be read.
    #[error("Không đọc được phông chữ đi kèm chương trình. Hãy cài đặt lại chương trình.")]
    Fonts,
}

/// Whether `report` may print without DỰ THẢO as far as its review goes: approved or
/// issued, and the content is still the approved one.
pub fn final_allowed(project: &Project, report: &Report) -> bool {
    report.review.status.allows_final() && crate::review::approval_holds(project, report)
}

/// Composes and lays out one document of `report`.
pub fn render(
    project: &Project,
    report: &Report,
    kind: RenderKind,
) -> Result<Rendered, RenderError> {
    render_checked(project, report, kind, &crate::check::errors(project))
}

/// [`render`] with the project's problems already found (`check`, or only its
/// errors: nothing else is read), for a caller that needs them too: the window
/// derives both once per revision.
pub fn render_checked(
    project: &Project,
    report: &Report,
    kind: RenderKind,
    problems: &[Problem],
) -> Result<Rendered, RenderError> {
    let setup = project.page_setup.validate();
    if !setup.is_empty() {
        return Err(RenderError::PageSetup(setup));
    }
    let fonts = Fonts::bundled().ok_or(RenderError::Fonts)?;
    let unresolved: Vec<String> = crate::compose::placeholders::problems(project, report)
        .iter()
        .map(ToString::to_string)
        .collect();
    // The project's errors (what `baocao check` refuses), as `check` found them.
    let errors: Vec<Problem> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .cloned()
        .collect();
    let mut warnings: Vec<Warning> = errors.iter().cloned().map(Warning::Project).collect();
    warnings.extend(unresolved.iter().cloned().map(Warning::Unresolved));
    let final_version = match kind {
        RenderKind::Draft | RenderKind::ReviewCopy => false,
        RenderKind::AsItStands => {
            let allowed = final_allowed(project, report);
            if crate::review::approval_of(project, report) == crate::review::Approval::Unbound {
                warnings.push(Warning::ApprovalUnbound);
            }
            if allowed && !unresolved.is_empty() {
                warnings.push(Warning::FinalHeldBack);
            }
            if allowed && !errors.is_empty() {
                warnings.push(Warning::FinalHeldBackByErrors);
            }
            allowed && unresolved.is_empty() && errors.is_empty()
        }
        RenderKind::Final => {
            let status = report.review.status;
            if !status.allows_final() {
                return Err(RenderError::NotApproved(status));
            }
            match crate::review::approval_of(project, report) {
                crate::review::Approval::Changed => {
                    return Err(RenderError::ChangedSinceApproval);
                }
                crate::review::Approval::Unbound => return Err(RenderError::ApprovalUnbound),
                crate::review::Approval::NotGiven | crate::review::Approval::Holds => {}
            }
            if !errors.is_empty() {
                return Err(RenderError::ProjectErrors(errors));
            }
            if !unresolved.is_empty() {
                return Err(RenderError::Unresolved(unresolved));
            }
            true
        }
    };
    let mut doc = compose(project, report, ComposeOptions { final_version });
    let pages = if kind == RenderKind::ReviewCopy {
        // The draft is laid out once to find the page where each commented section and
        // paragraph starts; the comments part is composed from those pages and
        // appended. Parts are laid out on their own, so the draft's pages come out
        // exactly as in the draft alone and the page numbers listed stay true.
        let draft = layout(&doc, fonts);
        doc.parts
            .push(review_comments_part(project, report, &draft.draft_pages()));
        doc.meta.title = format!("{} (bản xem xét)", doc.meta.title);
        doc.meta.keywords = format!("{}; bản xem xét", doc.meta.keywords);
        layout(&doc, fonts)
    } else {
        layout(&doc, fonts)
    };
    warnings.extend(pages.warnings.iter().cloned().map(Warning::Layout));
    Ok(Rendered {
        kind,
        report_id: report.id.clone(),
        pages,
        meta: doc.meta.clone(),
        draft: doc.draft,
        warnings,
        document: doc,
        annotations: if kind == RenderKind::ReviewCopy {
            annotations(report)
        } else {
            Vec::new()
        },
    })
}

#[cfg(test)]
mod tests;
