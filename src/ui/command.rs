//! ui: the commands panels record and the small types they share (the dialog over the
//! window, what a typed path is for, which PDF). At the bottom of `ui/` with `forms.rs`:
//! it names no other module of `ui/` (`tests/it/layering.rs` checks), so every panel
//! imports it without an import circle.
//!
//! Panels and dialogs only record commands; `App::logic` applies them (see
//! `app/command_handling.rs`) after the frame, where files are read and written.

use std::path::PathBuf;

use crate::compose::SourceRef;
use crate::edit::{Edit, ReviewEdit};
use crate::guide::Step;
use crate::import::{ImportKind, ImportPreview, PreviewRow};
use crate::layout::ImageKind;
use crate::model::{Period, PeriodKind, Project, ReportId, ReviewRole, SectionId};
use crate::review::Actor;
use crate::session::ReadOnlyReason;

/// Something the user asked for; applied after the frame is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Edit(Edit),
    /// Ends a typing run: the next edit is a new undo step.
    SealTyping,
    Undo,
    Redo,
    New,
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    ExportPdf,
    /// Show the print dialog.
    Print,
    /// Size of the whole window's text and widgets: larger, smaller, or back to 100 %.
    ZoomUi(Zoom),
    /// Send the pages the print dialog asks for to its printer.
    PrintNow,
    /// Hand the report's PDF to the system's viewer to print from there.
    PrintWithViewer,
    Quit,
    SelectStep(Step),
    /// Open the find and replace bar (Ctrl+F, Ctrl+H), the cursor in Tìm.
    ShowFind,
    /// Sửa › Chọn tất cả: select the whole text of the text box last written in.
    SelectAll,
    /// A message in the status bar.
    Notify(String),
    SelectReport(ReportId),
    /// Show the dialog for a new report.
    AskNewReport,
    /// Show Kế hoạch › Điều chỉnh kế hoạch….
    AskPlanRevision,
    /// Add the Thông báo of revision N (from 1; the latest when `None`) and open it.
    NewNotice(Option<usize>),
    /// Open the step holding a printed text and select `sentence` in it (empty: just
    /// the step).
    ShowText {
        field: crate::edit::find::Field,
        sentence: String,
    },
    /// Put back period words a new report moved on (one undo step).
    PutBackMoved(Vec<crate::session::reports::MovedWord>),
    NewReport {
        period: Period,
        from_previous: bool,
    },
    /// Ask before removing a sub-section.
    ConfirmRemoveSection(SectionId),
    /// Insert a suggested sentence on a new line after the line holding `cursor` (a
    /// character index in the section's text; `None`: at the end).
    InsertPhrase {
        section: SectionId,
        cursor: Option<usize>,
        phrase: String,
    },
    /// Insert a figure placeholder at `cursor` (a character index; `None`: at the end).
    InsertFigure {
        section: SectionId,
        cursor: Option<usize>,
        text: String,
    },
    /// The preview was clicked on a part of the report.
    Jump(SourceRef),
    /// Save to this path (typed when the desktop has no file chooser).
    SaveTo(PathBuf),
    /// Export the report (or its review copy) as PDF to this path.
    ExportTo(PathBuf, PdfKind),
    /// Ask where to write the report (or its review copy, with the open comments as
    /// Word comments) as a Word file, then write it.
    ExportDocx(PdfKind),
    /// Export the report (or its review copy) as a Word file to this path.
    ExportDocxTo(PathBuf, PdfKind),
    /// Choose a CSV or XLSX table of indicators or tasks to import.
    ImportTable,
    /// Read this table and show what importing it would add (`kind` forces
    /// indicators or tasks).
    ImportFrom {
        path: PathBuf,
        kind: Option<ImportKind>,
    },
    /// The clerk confirmed the import preview.
    ConfirmImport(Box<ImportPreview>),
    /// Tệp › Nhập kế hoạch…: choose a plan document (.docx or .txt).
    ImportPlan,
    /// Read this plan document and show what importing it would add.
    ImportPlanFrom(PathBuf),
    /// The clerk confirmed the plan import.
    ConfirmPlanImport(Box<crate::import::plan::PlanImport>),
    /// Choose a Word report (.docx) to read as a new report (Tệp › Mở báo cáo Word…).
    OpenWordReport,
    /// Read this Word file and show the report recognised in it.
    WordReportFrom(PathBuf),
    /// Choose a Word file whose comments become review comments.
    ImportWordComments,
    /// Read the comments of this Word file and show where they would go.
    WordCommentsFrom(PathBuf),
    /// A review step on the current report, by the current user.
    Review(ReviewEdit),
    /// Show the preferences (the user's name and role).
    AskPreferences,
    /// The preferences were confirmed.
    SetUser(Actor),
    /// Merge the review files found beside the project.
    MergeReviewFiles,
    /// Góp ý và duyệt › Kiểm tra bản đã ký…: check a signed PDF against the project.
    VerifySigned,
    /// Check this signed PDF (a typed path).
    VerifySignedFrom(PathBuf),
    /// Use this PNG (a typed path) as the signature or seal image.
    SigningImageFrom {
        image: ImageKind,
        path: PathBuf,
    },
    /// Take over the lock of a file somebody left open (after confirming).
    TakeOverLock,
    /// Export the review copy: the draft with its open comments listed at the end.
    ExportReviewCopy,
    /// Tệp › Xuất bản ký số…: the sign-ready final PDF.
    ExportSignReady,
    /// Xuất bản › Chọn ảnh chữ ký… or Chọn ảnh con dấu…: a PNG kept beside the
    /// project for the sign-ready version.
    ChooseSigningImage(ImageKind),
    /// Show a message that something could not be done.
    Message(String),
    /// Show a message with its own title (help, about).
    ShowMessage {
        title: String,
        text: String,
    },
    /// The answer to "Lưu thay đổi?": save first (`Some(true)`), discard
    /// (`Some(false)`) or cancel (`None`).
    AnswerUnsaved(Option<bool>),
    /// The answer to "Khôi phục bản tự lưu?".
    AnswerRecover(RecoverAnswer),
    /// The clerk agreed to edit an approved report: apply the edit.
    ConfirmApprovedEdit(Box<Edit>),
    /// Open a file or folder with the system's program (the exported PDF).
    OpenExternally(PathBuf),
    /// Close the dialog over the window.
    CloseModal,
    /// Tệp › Tổng hợp nhiều xã…: choose a folder of communes' files and sum them.
    OpenAggregate,
    /// Sum the communes' files under this folder.
    AggregateFrom(PathBuf),
    /// Ask where to write the aggregation's workbook or summary, then write it.
    ExportAggregate(crate::aggregate::SummaryFormat),
    /// Write the aggregation's workbook or summary to this path.
    ExportAggregateTo(PathBuf, crate::aggregate::SummaryFormat),
    /// Sum the same folder again for another period.
    AggregatePeriod(crate::model::Period),
    /// Close the aggregation window.
    CloseAggregate,
    /// Write what `PathPurpose` says to this path, replacing the plain output there
    /// (PDF, Word file, workbook): the clerk agreed (“Ghi đè”, or the system's save
    /// chooser asked). The project, the files being read and other project files are
    /// still never replaced.
    WriteReplacing(PathBuf, PathPurpose),
}

/// What to do with an autosave copy found after a crash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoverAnswer {
    /// Take the copy's work in place of the file (offered only when the file has not
    /// changed since the work began).
    Restore,
    /// Save the copy's work as a new file beside the project; the project stays.
    KeepBoth,
    /// Show what differs between the file and the copy.
    ShowDifferences,
    /// Delete the copy.
    Discard,
}

/// What a typed path is for, when the desktop shows no file chooser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    OpenProject,
    SaveProject,
    SavePdf(PdfKind),
    SaveDocx(PdfKind),
    ImportTable,
    PlanDocument,
    WordReport,
    WordComments,
    /// The folder of communes' files to sum.
    AggregateFolder,
    /// Where the city's workbook or summary goes.
    SaveAggregate(crate::aggregate::SummaryFormat),
    /// A signed PDF to check against the approved report.
    SignedPdf,
    /// The signature or the seal image for the sign-ready version.
    SigningImage(ImageKind),
}

/// A change of zoom: a step of the preview's zoom steps up or down, or back to 100 %
/// (the steps are taken in `ui::preview`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zoom {
    In,
    Out,
    Reset,
}

/// Which PDF of the report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfKind {
    /// The report as it prints: DỰ THẢO unless approved with unchanged content.
    Report,
    /// The draft followed by every open comment, for reviewing on paper.
    ReviewCopy,
    /// The final version ready to be signed digitally (Tệp › Xuất bản ký số…): dated
    /// by its approval, with the report's source attached.
    SignReady,
}

/// What happens after the user answers the unsaved-changes question.
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    New,
    Open(Option<PathBuf>),
    Quit,
}

/// A dialog over the window. Its fields are what the dialog's widgets edit.
#[derive(Clone, Debug)]
pub enum Modal {
    Unsaved(Then),
    Recover {
        path: PathBuf,
        project: Box<Project>,
        /// The file changed since the work in the copy began: restoring over it would
        /// lose that change, so only keeping both is offered.
        file_changed: bool,
        /// What differs, once asked for.
        differences: Option<Vec<String>>,
    },
    Message {
        title: String,
        text: String,
    },
    Exported {
        path: PathBuf,
    },
    RemoveSection(SectionId),
    NewReport {
        kind: PeriodKind,
        year: i32,
        from_previous: bool,
    },
    /// The user's name and role; `pending` runs once they are set.
    Preferences {
        name: String,
        role: ReviewRole,
        pending: Option<ReviewEdit>,
    },
    /// An edit that would change the content of an approved report: confirm first.
    EditApproved(Box<Edit>),
    /// The file is held by somebody else: read-only, or take it over.
    Locked(ReadOnlyReason),
    /// What importing a table would add, for the clerk to confirm.
    Import {
        path: PathBuf,
        preview: Box<ImportPreview>,
        /// Every row to add, described once when the table was read.
        rows: Vec<PreviewRow>,
    },
    /// What importing a plan document would add, for the clerk to confirm.
    PlanImport {
        path: PathBuf,
        import: Box<crate::import::plan::PlanImport>,
    },
    /// A report read from a Word file, for the clerk to confirm before it is added.
    WordReport(Box<crate::ui::forms::WordReportPreview>),
    /// Comments read from a Word file and placed on a report, for the clerk to confirm.
    WordComments {
        path: PathBuf,
        found: Box<crate::import::docx::CommentImport>,
        /// The paragraphs the Word file changes, to store as proposed changes.
        changes: Box<crate::import::docx::ChangeImport>,
    },
    /// The print dialog: printer, copies, pages, sides.
    Print(Box<crate::ui::forms::PrintForm>),
    /// The plan's revisions and the form recording a new one.
    PlanRevision(Box<crate::ui::forms::RevisionForm>),
    /// Type a path (no file chooser on this desktop).
    AskPath {
        purpose: PathPurpose,
        text: String,
    },
}

/// The last message, shown in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    /// Shown in red: something did not happen.
    pub is_error: bool,
    /// Work going on (“Đang …”), shown with a spinner until its result replaces it.
    pub busy: bool,
}

impl StatusLine {
    /// What just happened.
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: false,
            busy: false,
        }
    }

    /// Work that is going on.
    pub fn busy(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: false,
            busy: true,
        }
    }

    /// What could not be done.
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: true,
            busy: false,
        }
    }
}
