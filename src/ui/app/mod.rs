//! The application, split as rerun's viewer is: this file holds the state (every field
//! documented) and forwards `eframe::App`; `logic.rs` applies the queued commands,
//! re-derives what a new revision needs and does the timed work (autosave, lock),
//! with no widgets; `ui.rs` lays out the panels, which only draw and record
//! commands; `command_handling.rs` (and `files.rs` for what reads or writes files)
//! carries each command out.

mod busy;
mod carry_over;
mod command_handling;
mod files;
mod layout;
mod logic;
mod plan_import;
mod printing;
mod ui;
mod word_import;

use std::path::{Path, PathBuf};
use std::time::Instant;

use eframe::egui;

use super::command::{Command, Modal, StatusLine};
use super::dialogs::{Dialogs, NativeDialogs};
use super::editor::EditorState;
use super::indicators::IndicatorsPanel;
use super::info::InfoState;
use super::preview::{PaintedMarker, PreviewState};
use super::review_panel::ReviewPanelState;
use super::tasks::TasksPanel;
use crate::compose::SourceRef;
use crate::guide::Step;
use crate::layout::Pages;
use crate::model::{Project, Report};
use crate::render::Rendered;
use crate::review::Actor;
use crate::session::{Derived, OpenDocument};

/// The window's state.
pub struct BaocaoApp {
    /// The open project, if any.
    pub doc: Option<OpenDocument>,
    /// The report being edited.
    pub report_id: Option<String>,
    /// The step shown in the middle.
    pub step: Step,
    /// The dialog over the window.
    pub modal: Option<Modal>,
    /// The last message for the status bar.
    pub status: Option<StatusLine>,
    /// The message the status bar last began to show and when (egui's clock, seconds):
    /// a message that only says what was done fades after [`STATUS_SECONDS`].
    pub status_shown: Option<(StatusLine, f64)>,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// The report last edited in each project file, so that reopening a file goes back
    /// to it rather than to the file's last report.
    pub last_reports: std::collections::BTreeMap<PathBuf, String>,
    /// File choosers and the system's opener (tests answer for the user).
    pub dialogs: Box<dyn Dialogs>,
    /// Set when the app may close (after the unsaved-changes question).
    pub quit_confirmed: bool,
    /// Who is working: recorded on every review step and in the lock file.
    pub user: Actor,
    /// The window of Tệp › Tổng hợp nhiều xã…, while open.
    pub aggregate: Option<crate::ui::aggregate_view::AggregateView>,
    /// What Báo cáo mới changed and left to look at, while its window is open.
    pub carry: Option<crate::ui::carry_dialog::CarryDialog>,
    /// Commands recorded by the panels, applied by `logic` before the next frame.
    pending: Vec<Command>,
    /// A long command announced in the status bar, carried out in the next frame.
    announced: Option<Command>,
    /// The aggregation's thread was still reading at the last frame.
    aggregating: bool,
    /// The title last sent to the window (sending it every frame would keep repainting).
    window_title: String,
    /// Everything derived from the current revision of the current report: the
    /// rendered pages (the one value the preview paints and every output writes),
    /// problems, step states, suggestions, figures, review changes.
    derived: Option<Derived>,
    /// New revisions are derived on a thread of their own ([`Self::background`]) and
    /// the window shows the last one derived meanwhile; off, each frame that follows
    /// a change derives it before drawing (tests that read the preview right away).
    derive_off_frame: bool,
    /// The thread that derives, started with the first frame.
    background: Option<crate::session::Background>,
    /// The part of the report being edited, highlighted in the preview.
    focus: Option<SourceRef>,
    preview: PreviewState,
    editor: EditorState,
    info: InfoState,
    indicators: IndicatorsPanel,
    /// At the Chỉ tiêu step: the overview and charts instead of the entry table.
    show_charts: bool,
    charts: super::charts::ChartsState,
    tasks: TasksPanel,
    review: ReviewPanelState,
    /// Reports the user agreed to edit although approved (asked once per report).
    approved_edit_ok: std::collections::BTreeSet<String>,
    /// When the lock was last renewed.
    last_lock_beat: Option<Instant>,
    /// Size of the window's text and widgets (egui's zoom factor), remembered.
    pub ui_zoom: f32,
    /// The preview's share of the window's width, remembered.
    preview_width: layout::PreviewWidth,
    /// The text boxes' right-click menu and the one last written in.
    text_boxes: super::text_menu::TextBoxes,
    /// Where the middle column (the step being written) was drawn last: everything of a
    /// step must fit inside it.
    pub middle: egui::Rect,
}

/// Where the preferences keep the user.
pub const USER_KEY: &str = "nguoi-dung";

const RECENT_KEY: &str = "tep-gan-day";
const ZOOM_KEY: &str = "co-giao-dien";
const PREVIEW_KEY: &str = "phan-xem-truoc";
const FOLDS_KEY: &str = "gap-huong-dan";
/// Whether tables in a section's text show as their `|` lines (Hiện mã bảng).
const TABLE_CODES_KEY: &str = "hien-ma-bang";
const LAST_REPORTS_KEY: &str = "bao-cao-dang-soan";
/// How long a message saying what was done stays in the status bar; a message saying
/// what could not be done stays until the next one.
pub const STATUS_SECONDS: f64 = 10.0;
/// How many files' last reports are remembered.
const MAX_LAST_REPORTS: usize = 50;
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
        let mut app = Self::empty(dialogs, user);
        app.open_path(path);
        app.refresh();
        app
    }

    /// The app started without a file: the bundled sample as a new project, which
    /// writes nothing until the clerk saves it (Save asks where, in Documents first).
    pub fn on_sample(dialogs: Box<dyn Dialogs>, user: Actor) -> Self {
        let mut app = Self::empty(dialogs, user);
        app.open_sample();
        app.refresh();
        app
    }

    /// The app with no project open yet.
    fn empty(dialogs: Box<dyn Dialogs>, user: Actor) -> Self {
        Self {
            doc: None,
            report_id: None,
            step: Step::ThongTin,
            modal: None,
            status: None,
            status_shown: None,
            recent: Vec::new(),
            last_reports: Default::default(),
            dialogs,
            quit_confirmed: false,
            user,
            aggregate: None,
            carry: None,
            pending: Vec::new(),
            announced: None,
            aggregating: false,
            window_title: String::new(),
            derived: None,
            derive_off_frame: true,
            background: None,
            focus: None,
            preview: PreviewState::default(),
            editor: EditorState::default(),
            info: InfoState::default(),
            indicators: IndicatorsPanel::default(),
            show_charts: false,
            charts: Default::default(),
            tasks: TasksPanel::default(),
            review: ReviewPanelState::default(),
            approved_edit_ok: Default::default(),
            last_lock_beat: None,
            ui_zoom: 1.0,
            text_boxes: Default::default(),
            preview_width: Default::default(),
            middle: egui::Rect::NOTHING,
        }
    }

    /// Reads the recent files from eframe's storage.
    pub fn restore(&mut self, storage: Option<&dyn eframe::Storage>) {
        if let Some(zoom) = storage.and_then(|s| eframe::get_value::<f32>(s, ZOOM_KEY))
            && (0.5..=2.0).contains(&zoom)
        {
            self.ui_zoom = zoom;
        }
        if let Some(folds) = storage.and_then(|s| eframe::get_value(s, FOLDS_KEY)) {
            self.editor.folds = folds;
        }
        if let Some(codes) = storage.and_then(|s| eframe::get_value::<bool>(s, TABLE_CODES_KEY)) {
            self.editor.show_table_codes = codes;
        }
        if let Some(share) = storage.and_then(|s| eframe::get_value::<f32>(s, PREVIEW_KEY)) {
            self.preview_width = layout::PreviewWidth::with_share(share);
        }
        if let Some(s) = storage
            && let Some(list) = eframe::get_value::<Vec<PathBuf>>(s, RECENT_KEY)
        {
            for p in list.into_iter().rev() {
                self.remember_recent(&p);
            }
        }
        if let Some(s) = storage
            && let Some(map) = eframe::get_value(s, LAST_REPORTS_KEY)
        {
            self.last_reports = map;
        }
        // The file opened before the preferences were read: back to its last report.
        if let Some(path) = self.doc.as_ref().and_then(|d| d.path.clone()) {
            self.return_to_last_report(&path);
        }
    }

    /// Notes the report being edited as the one to reopen `path` at.
    pub(super) fn remember_report(&mut self) {
        let (Some(path), Some(id)) = (
            self.doc.as_ref().and_then(|d| d.path.as_deref()),
            self.report_id.clone(),
        ) else {
            return;
        };
        let key = canonical(path);
        self.last_reports.insert(key, id);
        while self.last_reports.len() > MAX_LAST_REPORTS {
            let Some(first) = self.last_reports.keys().next().cloned() else {
                break;
            };
            self.last_reports.remove(&first);
        }
    }

    /// Selects the report last edited in `path`, when the project still has it.
    pub(super) fn return_to_last_report(&mut self, path: &Path) {
        let Some(id) = self.last_reports.get(&canonical(path)) else {
            return;
        };
        if self.project().is_some_and(|p| p.report(id).is_some()) {
            self.report_id = Some(id.clone());
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = canonical(path);
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// The comment markers the preview painted in the last frame.
    pub fn preview_markers(&self) -> &[PaintedMarker] {
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
        self.derived.as_ref().map_or(&[], |d| &d.warnings)
    }

    /// The current report as rendered for the current revision: what the preview
    /// paints and what Export and Print write.
    pub fn rendered(&self) -> Option<&Rendered> {
        self.derived.as_ref().and_then(|d| d.rendered.as_ref().ok())
    }

    /// What was derived from the current revision (problems, step marks, …).
    pub fn derived(&self) -> Option<&Derived> {
        self.derived.as_ref()
    }

    /// Derives every change before the next frame draws, never on a thread of its own
    /// (tests that read the preview and the problems right after an edit).
    pub fn derive_on_frame(mut self) -> Self {
        self.derive_off_frame = false;
        self.background = None;
        self
    }

    /// What is shown was derived from the current revision (the thread that derives
    /// has caught up).
    pub fn is_current(&self) -> bool {
        match (&self.doc, &self.report_id, &self.derived) {
            (Some(doc), Some(id), Some(d)) => d.is_for(doc.revision, id),
            (Some(_), Some(_), None) => false,
            _ => true,
        }
    }

    /// The laid-out pages of the current report, as the preview shows them.
    pub fn pages(&self) -> Option<&Pages> {
        self.rendered().map(|r| &r.pages)
    }

    /// Queues a command as if a panel had emitted it.
    pub fn push(&mut self, c: Command) {
        self.pending.push(c);
    }

    fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(OpenDocument::is_dirty)
    }
}

/// A canonical Windows path as the clerk knows it: `C:\Users\…`, not the
/// `\\?\C:\Users\…` that canonicalising gives, which the recent-files list would show
/// and keep (eframe saves it under `%APPDATA%\baocao\data`) as a different file.
fn without_verbatim_prefix(path: PathBuf) -> PathBuf {
    let Some(text) = path.to_str() else {
        return path;
    };
    if let Some(rest) = text.strip_prefix(r"\\?\UNC\") {
        return PathBuf::from(format!(r"\\{rest}"));
    }
    match text.strip_prefix(r"\\?\") {
        Some(rest) if rest.as_bytes().get(1) == Some(&b':') => PathBuf::from(rest),
        _ => path,
    }
}

impl eframe::App for BaocaoApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.run_logic(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_report();
        eframe::set_value(storage, LAST_REPORTS_KEY, &self.last_reports);
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        eframe::set_value(storage, USER_KEY, &self.user);
        eframe::set_value(storage, ZOOM_KEY, &self.ui_zoom);
        eframe::set_value(storage, FOLDS_KEY, &self.editor.folds);
        eframe::set_value(storage, TABLE_CODES_KEY, &self.editor.show_table_codes);
        if let Some(share) = self.preview_width.share {
            eframe::set_value(storage, PREVIEW_KEY, &share);
        }
    }
}

/// `path` as the recent list and the last reports keep it: absolute, without Windows'
/// `\\?\` prefix; as given when it cannot be resolved.
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize()
        .map(without_verbatim_prefix)
        .unwrap_or_else(|_| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_windows_paths_lose_the_verbatim_prefix_and_others_stay() {
        let cases = [
            (r"\\?\C:\Users\An\dự án.ron", r"C:\Users\An\dự án.ron"),
            (r"\\?\UNC\may-chu\chung\a.ron", r"\\may-chu\chung\a.ron"),
            (r"\\?\Volume{1234}\a.ron", r"\\?\Volume{1234}\a.ron"),
            ("/home/an/a.ron", "/home/an/a.ron"),
        ];
        for (given, shown) in cases {
            assert_eq!(
                without_verbatim_prefix(PathBuf::from(given)),
                PathBuf::from(shown)
            );
        }
    }
}
