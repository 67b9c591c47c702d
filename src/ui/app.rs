//! The application: state, the commands panels emit, and how they are applied after
//! drawing. Compose and layout re-run only when the document's revision moved.

use std::path::{Path, PathBuf};
use std::time::Instant;

use eframe::egui;

use super::dialogs::{Dialogs, NativeDialogs};
use super::document::{OpenDocument, ReadOnlyReason, recovery_offer};
use super::editor::{self, EditorState};
use super::indicators::IndicatorsPanel;
use super::info::{self, InfoState};
use super::preview::{PreviewState, show_preview};
use super::review_panel::{self, ReviewPanelState, ReviewView};
use super::tasks::TasksPanel;
use crate::compose::{ComposeOptions, SourceRef, compose};
use crate::edit::{Edit, ReviewEdit};
use crate::guide::Step;
use crate::import::{ImportKind, ImportPreview};
use crate::layout::{Fonts, Pages, layout};
use crate::model::{Period, PeriodKind, Project, Report};
use crate::model::{ReportStatus, ReviewRole};
use crate::review::{Actor, ReviewOp};

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
    Print,
    Quit,
    SelectStep(Step),
    SelectReport(String),
    /// Show the dialog for a new report.
    AskNewReport,
    NewReport {
        period: Period,
        from_previous: bool,
    },
    /// Ask before removing a sub-section.
    ConfirmRemoveSection(String),
    InsertPhrase {
        section: String,
        field: egui::Id,
        phrase: String,
    },
    /// Insert a figure placeholder at the cursor of a section's text.
    InsertFigure {
        section: String,
        field: egui::Id,
        text: String,
    },
    /// The preview was clicked on a part of the report.
    Jump(SourceRef),
    /// Save to this path (typed when the desktop has no file chooser).
    SaveTo(PathBuf),
    /// Export the report (or its review copy) as PDF to this path.
    ExportTo(PathBuf, PdfKind),
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
    /// A review step on the current report, by the current user.
    Review(ReviewEdit),
    /// Show the preferences (the user's name and role).
    AskPreferences,
    /// The preferences were confirmed.
    SetUser(Actor),
    /// Merge the review files found beside the project.
    MergeReviewFiles,
    /// Take over the lock of a file somebody left open (after confirming).
    TakeOverLock,
    /// Export the review copy: the draft with its open comments listed at the end.
    ExportReviewCopy,
    /// Show a message.
    Message(String),
}

/// What a typed path is for, when the desktop shows no file chooser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    OpenProject,
    SaveProject,
    SavePdf(PdfKind),
    ImportTable,
}

/// Which PDF of the report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfKind {
    /// The report as it prints: DỰ THẢO unless approved with unchanged content.
    Report,
    /// The draft followed by every open comment, for reviewing on paper.
    ReviewCopy,
}

/// What happens after the user answers the unsaved-changes question.
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    New,
    Open(Option<PathBuf>),
    Quit,
}

/// A dialog over the window.
#[derive(Clone, Debug)]
pub enum Modal {
    Unsaved(Then),
    Recover {
        path: PathBuf,
        project: Box<Project>,
    },
    Message {
        title: String,
        text: String,
    },
    Exported {
        path: PathBuf,
    },
    RemoveSection(String),
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
    },
    /// Type a path (no file chooser on this desktop).
    AskPath {
        purpose: PathPurpose,
        text: String,
    },
}

/// Laid-out pages of the current report at a given revision.
struct Rendered {
    revision: u64,
    report_id: String,
    pages: Pages,
    /// Figures in the text that cannot be resolved, then the layout's warnings.
    warnings: Vec<String>,
    /// Every section against the review baseline (empty before the first review).
    changes: Vec<crate::review::SectionChange>,
    /// Whether an approval still covers the content (see `review::approval_holds`).
    approval_holds: bool,
    /// Open comments per part of the report, for the preview's margin tabs.
    markers: std::collections::BTreeMap<String, usize>,
}

/// The window's state.
pub struct BaocaoApp {
    pub doc: Option<OpenDocument>,
    pub report_id: Option<String>,
    pub step: Step,
    pub modal: Option<Modal>,
    /// The last message for the status bar: (text, is an error).
    pub status: Option<(String, bool)>,
    pub recent: Vec<PathBuf>,
    pub dialogs: Box<dyn Dialogs>,
    /// Set when the app may close (after the unsaved-changes question).
    pub quit_confirmed: bool,
    pending: Vec<Command>,
    /// The title last sent to the window (sending it every frame would keep repainting).
    window_title: String,
    rendered: Option<Rendered>,
    preview: PreviewState,
    focus: Option<SourceRef>,
    editor: EditorState,
    info: InfoState,
    indicators: IndicatorsPanel,
    /// At the Chỉ tiêu step: the overview and charts instead of the entry table.
    show_charts: bool,
    charts: super::charts::ChartsState,
    tasks: TasksPanel,
    /// Who is working: recorded on every review step and in the lock file.
    pub user: Actor,
    review: ReviewPanelState,
    /// Reports the user agreed to edit although approved (asked once per report).
    approved_edit_ok: std::collections::BTreeSet<String>,
    /// When the lock was last renewed.
    last_lock_beat: Option<Instant>,
}

/// Where the preferences keep the user.
pub const USER_KEY: &str = "nguoi-dung";

const RECENT_KEY: &str = "tep-gan-day";
const MAX_RECENT: usize = 8;

impl BaocaoApp {
    /// The app on `path`, with native dialogs.
    pub fn new(path: &Path) -> Self {
        Self::with_dialogs(path, Box::new(NativeDialogs::default()))
    }

    /// The app on `path` with the given dialogs (tests answer for the user).
    pub fn with_dialogs(path: &Path, dialogs: Box<dyn Dialogs>) -> Self {
        Self::with_user(path, dialogs, Actor::default())
    }

    /// The app on `path` for `user` (from the preferences), with the given dialogs.
    pub fn with_user(path: &Path, dialogs: Box<dyn Dialogs>, user: Actor) -> Self {
        let mut app = Self {
            doc: None,
            report_id: None,
            step: Step::ThongTin,
            modal: None,
            status: None,
            recent: Vec::new(),
            dialogs,
            quit_confirmed: false,
            pending: Vec::new(),
            window_title: String::new(),
            rendered: None,
            preview: PreviewState::default(),
            focus: None,
            editor: EditorState::default(),
            info: InfoState::default(),
            indicators: IndicatorsPanel::default(),
            show_charts: false,
            charts: Default::default(),
            tasks: TasksPanel::default(),
            user,
            review: ReviewPanelState::default(),
            approved_edit_ok: Default::default(),
            last_lock_beat: None,
        };
        app.open_path(path);
        app
    }

    /// Reads the recent files from eframe's storage.
    pub fn restore(&mut self, storage: Option<&dyn eframe::Storage>) {
        if let Some(s) = storage
            && let Some(list) = eframe::get_value::<Vec<PathBuf>>(s, RECENT_KEY)
        {
            for p in list.into_iter().rev() {
                self.remember_recent(&p);
            }
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// The user agreed to edit the current report although it is approved.
    pub fn allow_approved_edit(&mut self) {
        if let Some(id) = &self.report_id {
            self.approved_edit_ok.insert(id.clone());
        }
    }

    /// The comment markers the preview painted in the last frame: (page index,
    /// source, count).
    pub fn preview_markers(&self) -> &[(usize, String, usize)] {
        &self.preview.painted_markers
    }

    /// The open project.
    pub fn project(&self) -> Option<&Project> {
        self.doc.as_ref().map(|d| &d.project)
    }

    /// The report being edited.
    pub fn report(&self) -> Option<&Report> {
        let doc = self.doc.as_ref()?;
        let id = self.report_id.as_ref()?;
        doc.project.report(id)
    }

    /// What the clerk should fix before printing: unresolved figures, missing glyphs.
    pub fn warnings(&self) -> &[String] {
        self.rendered.as_ref().map_or(&[], |r| &r.warnings)
    }

    /// The laid-out pages of the current report, as the preview shows them.
    pub fn pages(&self) -> Option<&Pages> {
        self.rendered.as_ref().map(|r| &r.pages)
    }

    fn open_path(&mut self, path: &Path) {
        // Reopening the file in this window: let go of our own lock first.
        let same = self
            .doc
            .as_ref()
            .is_some_and(|d| d.path.as_deref() == Some(path));
        if same && let Some(d) = &mut self.doc {
            d.lock = None;
        }
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
                self.doc = Some(doc);
                self.rendered = None;
                self.remember_recent(path);
                self.status = Some((format!("Đã mở {}", path.display()), false));
                if let Some(project) = offer {
                    self.modal = Some(Modal::Recover {
                        path: path.to_owned(),
                        project: Box::new(project),
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
                self.status = Some(("Không mở được tệp.".to_owned(), true));
            }
        }
    }

    fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(OpenDocument::is_dirty)
    }

    /// Re-runs compose and layout when the document changed.
    fn refresh(&mut self) {
        let (Some(doc), Some(id)) = (&self.doc, &self.report_id) else {
            self.rendered = None;
            return;
        };
        let fresh = self
            .rendered
            .as_ref()
            .is_some_and(|r| r.revision == doc.revision && &r.report_id == id);
        if fresh {
            return;
        }
        let (Some(report), Some(fonts)) = (doc.project.report(id), Fonts::bundled()) else {
            self.rendered = None;
            return;
        };
        let options = ComposeOptions {
            final_version: final_allowed(&doc.project, report),
        };
        let pages = layout(&compose(&doc.project, report, options), fonts);
        let mut warnings: Vec<String> =
            crate::compose::placeholders::problems(&doc.project, report)
                .iter()
                .map(|p| format!("Số liệu chưa xác định: {p}"))
                .collect();
        warnings.extend(pages.warnings.iter().cloned());
        self.rendered = Some(Rendered {
            revision: doc.revision,
            report_id: id.clone(),
            pages,
            warnings,
            changes: crate::review::diff_baseline(&report.review)
                .map(|base| crate::review::changes(report, base))
                .unwrap_or_default(),
            approval_holds: crate::review::approval_holds(&doc.project, report),
            markers: crate::review::open_count_by_section(report)
                .into_iter()
                .map(|(id, n)| (format!("section:{id}"), n))
                .collect(),
        });
    }

    /// Queues a command as if a panel had emitted it.
    pub fn push(&mut self, c: Command) {
        self.pending.push(c);
    }

    /// Applies the queued commands.
    pub fn apply_pending(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.pending);
        if !commands.is_empty() {
            // What the commands changed (a dialog, the preview) shows on the next frame.
            ctx.request_repaint();
        }
        for c in commands {
            self.apply(c, ctx);
        }
    }

    fn apply(&mut self, c: Command, ctx: &egui::Context) {
        match c {
            Command::Edit(e) => self.edit(e),
            Command::SealTyping => {
                if let Some(doc) = &mut self.doc {
                    doc.history.seal();
                }
            }
            Command::Undo => {
                if let Some(doc) = &mut self.doc
                    && !doc.undo()
                {
                    self.status = Some(("Không còn gì để hoàn tác.".into(), false));
                }
            }
            Command::Redo => {
                if let Some(doc) = &mut self.doc
                    && !doc.redo()
                {
                    self.status = Some(("Không còn gì để làm lại.".into(), false));
                }
            }
            Command::New => self.guard(Then::New),
            Command::Open => self.guard(Then::Open(None)),
            Command::OpenPath(p) => self.guard(Then::Open(Some(p))),
            Command::Save => {
                self.save(false);
            }
            Command::SaveAs => {
                self.save(true);
            }
            Command::ExportPdf => self.export_pdf(PdfKind::Report),
            Command::Print => self.print(),
            Command::Quit => self.guard(Then::Quit),
            Command::SelectStep(s) => {
                if s == Step::Duyet
                    && let Some(doc) = &mut self.doc
                {
                    doc.rescan_review_files();
                }
                self.step = s;
                self.focus = self.focus_of_step(s);
                if let Some(doc) = &mut self.doc {
                    doc.history.seal();
                }
            }
            Command::SelectReport(id) => {
                self.report_id = Some(id);
                self.rendered = None;
            }
            Command::AskNewReport => {
                let (kind, year) = self
                    .report()
                    .map(|r| next_period(r.period))
                    .map_or((PeriodKind::Quarter(1), 2026), |p| (p.kind, p.year));
                self.modal = Some(Modal::NewReport {
                    kind,
                    year,
                    from_previous: self.report().is_some(),
                });
            }
            Command::NewReport {
                period,
                from_previous,
            } => self.new_report(period, from_previous),
            Command::ConfirmRemoveSection(id) => self.modal = Some(Modal::RemoveSection(id)),
            Command::InsertPhrase {
                section,
                field,
                phrase,
            } => self.insert_phrase(ctx, &section, field, &phrase),
            Command::InsertFigure {
                section,
                field,
                text,
            } => self.insert_figure(ctx, &section, field, &text),
            Command::SaveTo(path) => {
                self.save_to(&super::dialogs::with_extension(path, "ron"));
            }
            Command::ExportTo(path, kind) => self.export_to(&path, kind),
            Command::ImportTable => match self.dialogs.open_table() {
                Some(path) => self.import_preview(path, None),
                None => self.ask_path_if_no_dialog(PathPurpose::ImportTable, ""),
            },
            Command::ImportFrom { path, kind } => self.import_preview(path, kind),
            Command::ConfirmImport(preview) => self.confirm_import(*preview),
            Command::Review(edit) => self.review_step(edit),
            Command::AskPreferences => {
                self.modal = Some(Modal::Preferences {
                    name: self.user.name.clone(),
                    role: self.user.role,
                    pending: None,
                });
            }
            Command::SetUser(user) => {
                self.user = user;
                self.status = Some((
                    format!(
                        "Người dùng: {} ({}).",
                        self.user.name,
                        super::comments::role_word(self.user.role)
                    ),
                    false,
                ));
            }
            Command::MergeReviewFiles => self.merge_review_files(),
            Command::TakeOverLock => {
                if let Some(doc) = &mut self.doc {
                    match doc.take_over(&self.user, now()) {
                        Ok(()) => {
                            self.status = Some(("Đã nhận quyền sửa tệp.".into(), false));
                        }
                        Err(e) => {
                            self.modal = Some(Modal::Message {
                                title: "Không nhận được quyền sửa".to_owned(),
                                text: e.to_string(),
                            });
                        }
                    }
                }
            }
            Command::ExportReviewCopy => self.export_pdf(PdfKind::ReviewCopy),
            Command::Message(text) => {
                self.modal = Some(Modal::Message {
                    title: "Chưa thực hiện được".to_owned(),
                    text,
                });
            }
            Command::Jump(source) => {
                if let Some(step) = self.step_of_source(&source) {
                    self.step = step;
                }
                self.focus = Some(source);
            }
        }
    }

    /// The user as recorded: the preferences, or the system's user name.
    fn actor(&self) -> Actor {
        let mut a = self.user.clone();
        if a.name.trim().is_empty() {
            a.name = crate::storage::lock::this_user();
        }
        a
    }

    /// Applies an edit, asking first when it would change an approved report, and
    /// sends any approved report whose content changed back to Cần sửa.
    fn edit(&mut self, e: Edit) {
        let current = self.report_id.clone().unwrap_or_default();
        let Some(doc) = &mut self.doc else { return };
        if let Some(reason) = &doc.read_only {
            self.status = Some((format!("Không sửa được. {}", reason.message()), true));
            return;
        }
        let guarded = doc.project.report(&current).is_some_and(|r| {
            matches!(
                r.review.status,
                ReportStatus::Approved | ReportStatus::Issued
            )
        }) && !self.approved_edit_ok.contains(&current);
        if guarded {
            let mut trial = doc.project.clone();
            let breaks = crate::edit::apply(&mut trial, e.clone()).is_ok()
                && trial
                    .report(&current)
                    .is_some_and(|r| !crate::review::approval_holds(&trial, r));
            if breaks {
                self.modal = Some(Modal::EditApproved(Box::new(e)));
                return;
            }
        }
        match doc.apply(e) {
            Ok(true) => self.check_approvals(),
            Ok(false) => {}
            Err(err) => self.status = Some((err.to_string(), true)),
        }
    }

    /// After an edit: approved reports whose content changed go back to Cần sửa,
    /// with the change recorded in their history.
    fn check_approvals(&mut self) {
        let actor = self.actor();
        let Some(doc) = &mut self.doc else { return };
        if !doc
            .project
            .reports
            .iter()
            .any(|r| r.review.status == ReportStatus::Approved)
        {
            return;
        }
        let before = doc.project.clone();
        let at = now();
        let mut reverted = Vec::new();
        for r in &mut doc.project.reports {
            if let Some(t) = crate::review::check_after_edit(&before, r, &actor, at) {
                reverted.push(format!("{}: {}", r.period.label(), t.remark));
            }
        }
        if !reverted.is_empty() {
            self.status = Some((
                format!(
                    "Báo cáo đã duyệt bị sửa nên chuyển về “Cần sửa” — {}",
                    reverted.join("; ")
                ),
                true,
            ));
        }
    }

    /// A review step by the current user: into the project, or into the user's
    /// review file when the project is open read-only.
    fn review_step(&mut self, edit: ReviewEdit) {
        if self.user.name.trim().is_empty() {
            self.modal = Some(Modal::Preferences {
                name: String::new(),
                role: self.user.role,
                pending: Some(edit),
            });
            return;
        }
        let Some(id) = self.report_id.clone() else {
            return;
        };
        let actor = self.user.clone();
        let at = now();
        let Some(doc) = &mut self.doc else { return };
        let message = match &edit {
            ReviewEdit::Action { kind, .. } => {
                Some(format!("Báo cáo chuyển sang “{}”.", kind.target().label()))
            }
            _ => None,
        };
        if doc.read_only.is_some() {
            let result = review_into_file(doc, &id, &actor, at, edit);
            match result {
                Ok(()) => {
                    let file = doc
                        .review_file
                        .as_ref()
                        .and_then(|(p, _)| p.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    self.status = Some((format!("Đã ghi vào tệp góp ý {file}."), false));
                }
                Err(e) => {
                    self.modal = Some(Modal::Message {
                        title: "Không ghi được góp ý".to_owned(),
                        text: e,
                    });
                }
            }
            return;
        }
        doc.history.seal();
        let applied = doc.apply(Edit::Review {
            report: id.clone(),
            actor,
            at,
            edit,
        });
        doc.history.seal();
        match applied {
            Ok(_) => {
                if let Some(m) = message {
                    self.approved_edit_ok.remove(&id);
                    self.status = Some((m, false));
                }
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Chưa thực hiện được".to_owned(),
                    text: e.to_string(),
                });
            }
        }
    }

    /// Merges the review files found beside the project and says what each did.
    fn merge_review_files(&mut self) {
        let Some(doc) = &mut self.doc else { return };
        doc.rescan_review_files();
        let mut lines = Vec::new();
        for path in std::mem::take(&mut doc.review_files) {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let file = match crate::storage::load_review_file(&path) {
                Ok(f) => f,
                Err(e) => {
                    lines.push(format!("Tệp {name}: {e}"));
                    continue;
                }
            };
            let mut trial = doc.project.clone();
            match crate::review::merge(&mut trial, &file) {
                Ok(report) => {
                    doc.history.seal();
                    if let Err(e) = doc.apply(Edit::MergeReview(Box::new(file))) {
                        lines.push(format!("Tệp {name}: {e}"));
                        continue;
                    }
                    doc.history.seal();
                    lines.push(format!("Tệp {name}:"));
                    lines.extend(report.applied.iter().map(|l| format!("  + {l}")));
                    lines.extend(report.skipped.iter().map(|l| format!("  – {l}")));
                    doc.merged_review_files.push(path);
                }
                Err(e) => lines.push(format!("Tệp {name}: {e}")),
            }
        }
        self.modal = Some(Modal::Message {
            title: "Gộp góp ý".to_owned(),
            text: if lines.is_empty() {
                "Không có tệp góp ý nào để gộp.".to_owned()
            } else {
                format!(
                    "{}\n\nTệp góp ý đã gộp sẽ được xóa khi lưu dự án.",
                    lines.join("\n")
                )
            },
        });
    }

    /// Reads a table and shows what importing it would add; nothing changes yet.
    fn import_preview(&mut self, path: PathBuf, kind: Option<ImportKind>) {
        let Some(doc) = &self.doc else { return };
        self.modal = Some(match crate::import::preview(&path, &doc.project, kind) {
            Ok(preview) => Modal::Import {
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
    fn confirm_import(&mut self, preview: ImportPreview) {
        let Some(doc) = &mut self.doc else { return };
        let what = crate::import::summary(&preview);
        let kind = preview.kind;
        doc.history.seal();
        match doc.apply(Edit::Import(Box::new(preview))) {
            Ok(_) => {
                doc.history.seal();
                self.step = match kind {
                    ImportKind::Indicators => Step::ChiTieu,
                    ImportKind::Tasks => Step::NhiemVu,
                };
                self.focus = self.focus_of_step(self.step);
                self.status = Some((
                    format!("Đã nhập {what}. Có thể hoàn tác bằng Ctrl+Z."),
                    false,
                ));
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Không nhập được bảng".to_owned(),
                    text: e.to_string(),
                });
            }
        }
    }

    /// Runs `then` now, or first asks about unsaved changes.
    fn guard(&mut self, then: Then) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved(then));
        } else {
            self.proceed(then);
        }
    }

    fn proceed(&mut self, then: Then) {
        match then {
            Then::New => self.new_project(),
            Then::Open(path) => {
                let path = path.or_else(|| self.dialogs.open_project());
                if path.is_none() {
                    self.ask_path_if_no_dialog(PathPurpose::OpenProject, "");
                }
                if let Some(p) = path {
                    if let Some(doc) = &self.doc {
                        doc.forget_recovery();
                    }
                    self.open_path(&p);
                }
            }
            Then::Quit => {
                if let Some(doc) = &self.doc {
                    doc.forget_recovery();
                }
                self.quit_confirmed = true;
            }
        }
    }

    /// A new project for the same organisation, with an empty plan and one report
    /// from the skeleton.
    fn new_project(&mut self) {
        let mut project = Project::default();
        if let Some(doc) = &self.doc {
            project.organisation = doc.project.organisation.clone();
            project.page_setup = doc.project.page_setup.clone();
        }
        let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        let mut report = skeleton_report();
        report.id = "bc-moi".to_owned();
        report.period = Period::new(year, PeriodKind::Quarter(1));
        report.distribution = project.organisation.default_recipients.clone();
        report.signer = project
            .organisation
            .signers
            .last()
            .map(|s| s.id.clone())
            .unwrap_or_default();
        project.plan.year = year;
        project.reports.push(report);
        self.report_id = Some("bc-moi".to_owned());
        let mut doc = OpenDocument::new(None, project);
        doc.revision += 1; // a new project is unsaved
        self.doc = Some(doc);
        self.rendered = None;
        self.step = Step::ThongTin;
        self.status = Some(("Đã tạo dự án mới; hãy lưu tệp.".into(), false));
    }

    fn new_report(&mut self, period: Period, from_previous: bool) {
        let Some(doc) = &mut self.doc else { return };
        let previous = from_previous
            .then(|| {
                doc.project
                    .reports
                    .iter()
                    .filter(|r| r.period < period)
                    .max_by_key(|r| r.period)
                    .or(doc.project.reports.last())
                    .cloned()
            })
            .flatten();
        let mut report = match previous {
            Some(prev) => {
                let mut r = prev.clone();
                r.summary = r.summary.replace(&prev.period.label(), &period.label());
                r.closing = r.closing.replace(&prev.period.label(), &period.label());
                r
            }
            None => {
                let mut r = skeleton_report();
                r.distribution = doc.project.organisation.default_recipients.clone();
                r.signer = doc
                    .project
                    .organisation
                    .signers
                    .last()
                    .map(|s| s.id.clone())
                    .unwrap_or_default();
                r.summary = format!(
                    "Sơ kết tình hình triển khai thực hiện nhiệm vụ phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số {}",
                    period.label()
                );
                r
            }
        };
        let base = format!(
            "bc-{}-{}",
            match period.kind {
                PeriodKind::Quarter(q) => format!("q{q}"),
                PeriodKind::FirstHalf => "6t".to_owned(),
                PeriodKind::NineMonths => "9t".to_owned(),
                PeriodKind::Year => "nam".to_owned(),
            },
            period.year
        );
        let taken: Vec<&str> = doc.project.reports.iter().map(|r| r.id.as_str()).collect();
        report.id = if taken.contains(&base.as_str()) {
            crate::model::new_id(&format!("{base}-"), taken)
        } else {
            base
        };
        report.period = period;
        report.kind = if period.kind == PeriodKind::Year {
            crate::model::ReportKind::TongKet
        } else {
            crate::model::ReportKind::SoKet
        };
        report.number = None;
        report.date = None;
        report.review = Default::default();
        let id = report.id.clone();
        match doc.apply(Edit::AddReport(Box::new(report))) {
            Ok(_) => {
                self.report_id = Some(id);
                self.step = Step::ThongTin;
                self.status = Some((format!("Đã tạo báo cáo {}.", period.label()), false));
            }
            Err(e) => self.status = Some((e.to_string(), true)),
        }
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
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
        self.modal = Some(Modal::AskPath {
            purpose,
            text: dir.join(suggested).display().to_string(),
        });
    }

    fn save(&mut self, ask: bool) -> bool {
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
                let picked = self.dialogs.save_project(&suggested);
                if picked.is_none() {
                    self.ask_path_if_no_dialog(PathPurpose::SaveProject, &suggested);
                }
                picked
            }
        };
        let Some(path) = path else { return false };
        self.save_to(&path)
    }

    fn save_to(&mut self, path: &Path) -> bool {
        let path = path.to_owned();
        let user = self.actor();
        let Some(doc) = &mut self.doc else {
            return false;
        };
        match doc.save_to(&path, &user, now()) {
            Ok(()) => {
                self.remember_recent(&path);
                self.status = Some((format!("Đã lưu {}", path.display()), false));
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Không lưu được".to_owned(),
                    text: e.to_string(),
                });
                self.status = Some(("Lưu không thành công; tệp cũ vẫn còn nguyên.".into(), true));
                false
            }
        }
    }

    fn render_bytes(&self, kind: PdfKind) -> Result<(Vec<u8>, Report), String> {
        let doc = self.doc.as_ref().ok_or("Chưa mở tệp dự án.")?;
        let report = self.report().ok_or("Chưa chọn báo cáo.")?;
        let problems = doc.project.page_setup.validate();
        if let Some(p) = problems.first() {
            return Err(format!("Không xuất được: {p}"));
        }
        let rendered = match kind {
            PdfKind::Report => {
                let options = ComposeOptions {
                    final_version: final_allowed(&doc.project, report),
                };
                crate::export::render_pdf(&doc.project, report, options, now())
            }
            PdfKind::ReviewCopy => crate::export::render_review_copy(&doc.project, report, now()),
        };
        rendered
            .map(|(bytes, _)| (bytes, report.clone()))
            .map_err(|e| e.to_string())
    }

    /// Asks where to write the PDF, then writes it.
    fn export_pdf(&mut self, kind: PdfKind) {
        let Some(report) = self.report() else { return };
        let suggested = match kind {
            PdfKind::Report => format!("{}.pdf", report.id),
            PdfKind::ReviewCopy => format!("{}-xem-xet.pdf", report.id),
        };
        let Some(path) = self.dialogs.save_pdf(&suggested) else {
            self.ask_path_if_no_dialog(PathPurpose::SavePdf(kind), &suggested);
            return;
        };
        self.export_to(&path, kind);
    }

    fn export_to(&mut self, path: &Path, kind: PdfKind) {
        let path = super::dialogs::with_extension(path.to_owned(), "pdf");
        match self.render_bytes(kind).and_then(|(bytes, _)| {
            crate::storage::write_atomic(&path, &bytes, false).map_err(|e| {
                e.to_string()
                    .replacen("Không lưu được tệp", "Không ghi được tệp PDF", 1)
            })
        }) {
            Ok(()) => {
                let what = match kind {
                    PdfKind::Report => "Đã xuất",
                    PdfKind::ReviewCopy => "Đã xuất bản xem xét",
                };
                self.status = Some((format!("{what} {}", path.display()), false));
                self.modal = Some(Modal::Exported { path });
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: match kind {
                        PdfKind::Report => "Không xuất được PDF",
                        PdfKind::ReviewCopy => "Không xuất được bản xem xét",
                    }
                    .to_owned(),
                    text: e,
                });
            }
        }
    }

    fn print(&mut self) {
        let result = self
            .render_bytes(PdfKind::Report)
            .and_then(|(bytes, report)| {
                let dir = std::env::temp_dir().join("baocao-in");
                std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
                let path = dir.join(format!("{}.pdf", report.id));
                crate::storage::write_atomic(&path, &bytes, false).map_err(|e| e.to_string())?;
                self.dialogs.open_externally(&path)?;
                Ok(path)
            });
        match result {
            Ok(_) => {
                self.status = Some((
                    "Đã mở bản in trong trình xem PDF; hãy chọn In (Ctrl+P) ở đó.".into(),
                    false,
                ))
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Không in được".to_owned(),
                    text: e,
                })
            }
        }
    }

    fn insert_phrase(&mut self, ctx: &egui::Context, section: &str, field: egui::Id, phrase: &str) {
        let Some(report) = self.report() else { return };
        let Some(s) = report.section(section) else {
            return;
        };
        let cursor = egui::TextEdit::load_state(ctx, field)
            .and_then(|st| st.cursor.char_range())
            .map(|r| r.primary.index.0);
        let Some(doc) = self.doc.as_ref() else { return };
        let phrase = info::fill_known(phrase, &doc.project, report);
        let text = editor::insert_line(&s.body, cursor, &phrase);
        let edit = Edit::SectionBody {
            report: report.id.clone(),
            section: section.to_owned(),
            text,
        };
        if let Some(doc) = &mut self.doc {
            doc.history.seal();
            if let Err(e) = doc.apply(edit) {
                self.status = Some((e.to_string(), true));
            }
            doc.history.seal();
        }
    }

    fn insert_figure(&mut self, ctx: &egui::Context, section: &str, field: egui::Id, text: &str) {
        let Some(report) = self.report() else { return };
        let Some(s) = report.section(section) else {
            return;
        };
        let cursor = egui::TextEdit::load_state(ctx, field)
            .and_then(|st| st.cursor.char_range())
            .map(|r| r.primary.index.0);
        let edit = Edit::SectionBody {
            report: report.id.clone(),
            section: section.to_owned(),
            text: editor::insert_at(&s.body, cursor, text),
        };
        if let Some(doc) = &mut self.doc {
            doc.history.seal();
            if let Err(e) = doc.apply(edit) {
                self.status = Some((e.to_string(), true));
            }
            doc.history.seal();
        }
    }

    fn focus_of_step(&self, step: Step) -> Option<SourceRef> {
        let report = self.report()?;
        match step {
            Step::ThongTin => Some(SourceRef("info".to_owned())),
            Step::KyNhan => Some(SourceRef("signature".to_owned())),
            Step::ChiTieu | Step::NhiemVu | Step::XuatBan => report
                .section_by_role(crate::model::SectionRole::IndicatorResults)
                .map(|s| SourceRef(format!("section:{}", s.id))),
            _ => super::steps::step_sections(report, step)
                .first()
                .map(|s| SourceRef(format!("section:{}", s.id))),
        }
    }

    fn step_of_source(&self, source: &SourceRef) -> Option<Step> {
        let s = source.0.as_str();
        match s {
            "header" | "info" | "opening" => Some(Step::ThongTin),
            "closing" | "signature" => Some(Step::KyNhan),
            _ if s.starts_with("appendix:") => Some(Step::XuatBan),
            _ => {
                let id = s.strip_prefix("section:")?;
                let report = self.report()?;
                // The step of the nearest section (itself or an ancestor) with a role.
                let mut best = None;
                for top in &report.sections {
                    find_role_path(top, id, None, &mut best);
                }
                best.map(Step::for_role)
            }
        }
    }

    /// The whole frame: shortcuts, panels, dialogs, then the queued commands.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.refresh();
        self.handle_input(&ctx);
        super::menu::show_menu(ui, self);
        super::status_bar::show(ui, self);
        let Some(doc) = self.doc.as_ref() else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading("Chưa mở tệp dự án");
                ui.label("Dùng Tệp › Mở… hoặc kéo một tệp .ron vào cửa sổ.");
            });
            super::modals::show(&ctx, self);
            self.apply_pending(&ctx);
            return;
        };
        let Some(report) = self
            .report_id
            .as_ref()
            .and_then(|id| doc.project.report(id))
        else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading("Tệp chưa có báo cáo");
                if ui.button("Tạo báo cáo mới…").clicked() {
                    self.pending.push(Command::AskNewReport);
                }
            });
            super::modals::show(&ctx, self);
            self.apply_pending(&ctx);
            return;
        };
        let mut out = Vec::new();
        egui::Panel::left("cac-buoc")
            .resizable(false)
            .exact_size(210.0)
            .show(ui, |ui| {
                if let Some(s) = super::steps::show_steps(ui, &doc.project, report, self.step) {
                    out.push(Command::SelectStep(s));
                }
            });
        let width = ui.available_width();
        egui::Panel::right("xem-truoc")
            .resizable(true)
            .default_size((width * 0.45).max(320.0))
            .size_range(280.0..=width * 0.7)
            .show(ui, |ui| {
                if let Some(r) = &self.rendered
                    && self.preview.comment_markers != r.markers
                {
                    self.preview.comment_markers = r.markers.clone();
                }
                if let Some(r) = &self.rendered
                    && let Some(src) =
                        show_preview(ui, &r.pages, &mut self.preview, self.focus.as_ref())
                {
                    out.push(Command::Jump(src));
                }
            });
        let numbers = crate::compose::section_numbers(report);
        let period = report.period;
        let on = report
            .date
            .or_else(|| period.end_date())
            .unwrap_or_default();
        egui::CentralPanel::default().show(ui, |ui| match self.step {
            Step::ThongTin => {
                info::show_general(ui, &doc.project, report, &mut self.info, &mut out)
            }
            Step::KyNhan => info::show_signature(ui, &doc.project, report, &mut out),
            Step::Duyet => {
                let read_only = doc.read_only.as_ref().map(|r| r.message());
                review_panel::show(
                    ui,
                    &ReviewView {
                        report,
                        changes: self.rendered.as_ref().map_or(&[], |r| &r.changes),
                        approval_holds: self.rendered.as_ref().is_none_or(|r| r.approval_holds),
                        user: &self.user,
                        read_only: read_only.as_deref(),
                        review_files: &doc.review_files,
                    },
                    &mut self.review,
                    &mut out,
                )
            }
            Step::XuatBan => info::show_review(
                ui,
                &doc.project,
                report,
                self.rendered
                    .as_ref()
                    .map(|r| (&r.pages, r.warnings.as_slice())),
                &mut out,
            ),
            Step::ChiTieu => {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.show_charts, false, "Nhập số liệu");
                    ui.selectable_value(&mut self.show_charts, true, "Tổng quan và biểu đồ");
                });
                ui.separator();
                if self.show_charts {
                    super::charts::show(ui, &doc.project, period, &mut self.charts);
                } else {
                    let mut edits = Vec::new();
                    self.indicators.show(ui, &doc.project, period, &mut edits);
                    out.extend(edits.into_iter().map(Command::Edit));
                }
            }
            Step::NhiemVu => {
                let mut edits = Vec::new();
                self.tasks.show(ui, &doc.project, period, on, &mut edits);
                out.extend(edits.into_iter().map(Command::Edit));
            }
            step => {
                self.editor.read_only = doc.read_only.is_some();
                editor::show_editor(
                    ui,
                    step,
                    &editor::View {
                        project: &doc.project,
                        report,
                        numbers: &numbers,
                        changes: self.rendered.as_ref().map_or(&[], |r| &r.changes),
                    },
                    &mut self.editor,
                    &mut out,
                )
            }
        });
        self.pending.extend(out);
        super::modals::show(&ctx, self);
        self.apply_pending(&ctx);
        self.after_frame(&ctx);
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let sc = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
        let shortcuts = [
            (sc(Modifiers::COMMAND, Key::S), Command::Save),
            (
                sc(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
                Command::SaveAs,
            ),
            (sc(Modifiers::COMMAND, Key::O), Command::Open),
            (sc(Modifiers::COMMAND, Key::N), Command::New),
            (sc(Modifiers::COMMAND, Key::Z), Command::Undo),
            (sc(Modifiers::COMMAND, Key::Y), Command::Redo),
            (
                sc(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
                Command::Redo,
            ),
            (sc(Modifiers::COMMAND, Key::P), Command::Print),
            (sc(Modifiers::COMMAND, Key::E), Command::ExportPdf),
        ];
        for (shortcut, command) in shortcuts {
            // Longer shortcuts first would matter for Ctrl+Shift+S vs Ctrl+S; egui
            // matches modifiers exactly, so order is free.
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.pending.push(command);
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(p) = dropped.into_iter().find(|p| {
            p.extension()
                .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("ron"))
        }) {
            self.pending.push(Command::OpenPath(p));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.quit_confirmed {
            if self.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Then::Quit));
            } else if let Some(doc) = &self.doc {
                doc.forget_recovery();
            }
        }
    }

    fn after_frame(&mut self, ctx: &egui::Context) {
        if self.quit_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if let Some(doc) = &mut self.doc
            && doc.read_only.is_none()
            && let Some(err) = doc.autosave_if_due(Instant::now())
        {
            self.status = Some((err, true));
        }
        let beat_due = self
            .last_lock_beat
            .is_none_or(|t| t.elapsed() >= crate::storage::lock::REFRESH_EVERY);
        if beat_due {
            self.last_lock_beat = Some(Instant::now());
            let user = self.actor();
            if let Some(doc) = &mut self.doc
                && let Some(reason) = doc.keep_lock(&user, now())
            {
                self.modal = Some(Modal::Message {
                    title: "Mất quyền sửa tệp".to_owned(),
                    text: reason.message(),
                });
            }
        }
        let title = match &self.doc {
            Some(doc) => format!(
                "{}{} — baocao",
                if doc.is_dirty() { "● " } else { "" },
                doc.display_name()
            ),
            None => "baocao".to_owned(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
        ctx.request_repaint_after(std::time::Duration::from_secs(5));
    }

    /// Answers a modal: used by the modal panel and by tests.
    pub fn answer_unsaved(&mut self, save_first: Option<bool>) {
        let Some(Modal::Unsaved(then)) = self.modal.take() else {
            return;
        };
        match save_first {
            None => {}
            Some(true) if self.save(false) => self.proceed(then),
            Some(true) => {}
            Some(false) => {
                if let Some(doc) = &self.doc {
                    doc.forget_recovery();
                }
                if let Some(doc) = &mut self.doc {
                    // Discarding: make the document clean so the action proceeds.
                    let _ = doc.revert_to_disk();
                }
                self.proceed(then);
            }
        }
    }

    /// Accepts or discards an offered recovery copy.
    pub fn answer_recover(&mut self, accept: bool) {
        let Some(Modal::Recover { path, project }) = self.modal.take() else {
            return;
        };
        if accept {
            if let Some(doc) = &mut self.doc {
                doc.adopt_recovered(*project);
            }
            self.status = Some(("Đã khôi phục bản tự lưu; hãy lưu lại tệp.".into(), false));
        } else {
            let _ = std::fs::remove_file(crate::storage::recovery_path(&path));
        }
    }
}

impl eframe::App for BaocaoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        eframe::set_value(storage, USER_KEY, &self.user);
    }
}

/// Only an approved or issued report whose content is still the approved one prints
/// without the DỰ THẢO marking.
pub fn final_allowed(project: &Project, report: &Report) -> bool {
    report.review.status.allows_final() && crate::review::approval_holds(project, report)
}

/// The local time, for review steps and the lock.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Applies a review step to the in-memory project of a read-only document and
/// records it in the user's review file for the drafter to merge.
fn review_into_file(
    doc: &mut OpenDocument,
    id: &str,
    actor: &Actor,
    at: chrono::NaiveDateTime,
    edit: ReviewEdit,
) -> Result<(), String> {
    match &mut doc.review_file {
        Some((_, f)) if f.ops.is_empty() => f.report = id.to_owned(),
        Some((_, f)) if f.report != id => {
            return Err(format!(
                "Tệp góp ý của anh/chị đang ghi cho báo cáo “{}”; khi tệp dự án chỉ mở để xem, mỗi lần chỉ góp ý được cho một báo cáo.",
                f.report
            ));
        }
        Some(_) => {}
        None => {
            return Err(
                "Tệp dự án đang mở chỉ để xem và không ghi được tệp góp ý ở thư mục này."
                    .to_owned(),
            );
        }
    }
    let before = doc.project.clone();
    let before_report = before.report(id).ok_or("Không tìm thấy báo cáo.")?;
    crate::edit::apply(
        &mut doc.project,
        Edit::Review {
            report: id.to_owned(),
            actor: actor.clone(),
            at,
            edit: edit.clone(),
        },
    )
    .map_err(|e| e.to_string())?;
    let after = doc.project.report(id).ok_or("Không tìm thấy báo cáo.")?;
    let find = |cid: &str| after.review.comments.iter().find(|c| c.id == cid);
    let op = match edit {
        ReviewEdit::Action {
            kind,
            issue,
            remark,
        } => ReviewOp::action(&before, before_report, kind, issue, actor, at, &remark),
        ReviewEdit::Comment { .. } => {
            let new = after
                .review
                .comments
                .iter()
                .find(|c| !before_report.review.comments.iter().any(|b| b.id == c.id))
                .ok_or("Không ghi được góp ý.")?;
            ReviewOp::Comment(new.clone())
        }
        ReviewEdit::Reply { comment, .. } => {
            let reply = find(&comment)
                .and_then(|c| c.replies.last())
                .ok_or("Không ghi được trả lời.")?;
            ReviewOp::Reply {
                comment,
                reply: reply.clone(),
            }
        }
        ReviewEdit::Resolve { comment } => ReviewOp::Resolve {
            comment,
            by: actor.recorded_name(),
            at,
        },
        ReviewEdit::Reopen { comment } => ReviewOp::Reopen {
            comment,
            by: actor.recorded_name(),
            at,
        },
    };
    let recorded = doc.record_review_op(op);
    if recorded.is_err() {
        doc.project = before;
    }
    doc.touch_stored();
    recorded
}

fn find_role_path(
    s: &crate::model::Section,
    id: &str,
    inherited: Option<crate::model::SectionRole>,
    best: &mut Option<crate::model::SectionRole>,
) {
    let role = s.role.or(inherited);
    if s.id == id {
        *best = role;
        return;
    }
    for c in &s.children {
        find_role_path(c, id, role, best);
    }
}

/// The empty report skeleton bundled with the program.
pub fn skeleton_report() -> Report {
    const SKELETON: &str = include_str!("../../assets/khung-bao-cao.ron");
    ron::from_str::<Report>(SKELETON).unwrap_or_else(|_| Report {
        id: "moi".to_owned(),
        kind: Default::default(),
        period: Period::new(2026, PeriodKind::Quarter(1)),
        number: None,
        date: None,
        summary: String::new(),
        recipients: Vec::new(),
        opening: String::new(),
        sections: Vec::new(),
        closing: String::new(),
        distribution: Vec::new(),
        signer: String::new(),
        appendices: Default::default(),
        review: Default::default(),
    })
}

/// The period usually reported after `p`.
pub fn next_period(p: Period) -> Period {
    match p.kind {
        PeriodKind::Quarter(4) | PeriodKind::Year => {
            Period::new(p.year + 1, PeriodKind::Quarter(1))
        }
        PeriodKind::Quarter(q) => Period::new(p.year, PeriodKind::Quarter(q + 1)),
        PeriodKind::FirstHalf => Period::new(p.year, PeriodKind::Quarter(3)),
        PeriodKind::NineMonths => Period::new(p.year, PeriodKind::Quarter(4)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_skeleton_parses_with_every_role() {
        let r = skeleton_report();
        assert!(r.all_sections().len() >= 11);
    }

    #[test]
    fn the_next_period_follows_the_reporting_calendar() {
        assert_eq!(
            next_period(Period::new(2026, PeriodKind::Quarter(1))),
            Period::new(2026, PeriodKind::Quarter(2))
        );
        assert_eq!(
            next_period(Period::new(2026, PeriodKind::Quarter(4))),
            Period::new(2027, PeriodKind::Quarter(1))
        );
    }
}
