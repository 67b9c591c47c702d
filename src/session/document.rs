//! session: the open project: the model, where it lives on disk, its lock, its undo
//! history, and what has been saved or autosaved. No egui here; the window drives it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use super::ReadOnlyReason;
use crate::edit::{Edit, EditError, History};
use crate::model::Project;
use crate::review::{Actor, ReviewFile};
use crate::storage::{self, DiskStamp, LockError, ProjectLock, StorageError};

/// Why saving failed.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{0}")]
    Storage(#[from] StorageError),
    #[error("{0}")]
    Lock(#[from] LockError),
    #[error("{0}")]
    ReadOnly(String),
}

/// How often unsaved changes are copied to the recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

/// A project open in the window.
pub struct OpenDocument {
    /// `None` for a project not saved yet.
    pub path: Option<PathBuf>,
    pub project: Project,
    pub history: History,
    /// Bumped on every change; compose and layout re-run only when it moves.
    pub revision: u64,
    saved_revision: u64,
    autosaved_revision: u64,
    last_autosave: Option<Instant>,
    /// When the last autosave happened, for the status bar.
    pub last_autosave_at: Option<chrono::NaiveDateTime>,
    /// How often unsaved changes are copied to the recovery file.
    pub autosave_every: Duration,
    /// The lock held on the file while it is open for editing.
    pub lock: Option<ProjectLock>,
    /// The file as it was read or last written, to notice changes made by others.
    pub stamp: Option<DiskStamp>,
    /// Set when the file is open for reading (and review comments) only.
    pub read_only: Option<ReadOnlyReason>,
    /// The reviewer's own review file while read-only: where and what.
    pub review_file: Option<(PathBuf, ReviewFile)>,
    /// Review files beside the project not merged yet.
    pub review_files: Vec<PathBuf>,
    /// Review files merged into the project, removed once it is saved.
    pub merged_review_files: Vec<PathBuf>,
    /// What loading changed in the file (invisible characters left out), to tell.
    pub load_note: Option<String>,
    /// The bundled sample, opened when the program starts without a file: it writes
    /// nothing anywhere (no recovery copy) until the clerk saves it somewhere.
    from_sample: bool,
}

/// The bundled sample project (a commune's filled-in report), inside the program so
/// that it opens on any computer, wherever the program was built.
pub const SAMPLE: &str = include_str!("../../assets/mau-binh-minh-hai.ron");

/// The name the sample goes by in messages: no file of this name is read.
const SAMPLE_NAME: &str = "mau-binh-minh-hai.ron";

impl OpenDocument {
    pub fn new(path: Option<PathBuf>, project: Project) -> Self {
        Self {
            path,
            project,
            history: History::new(500),
            revision: 1,
            saved_revision: 1,
            autosaved_revision: 1,
            last_autosave: None,
            last_autosave_at: None,
            autosave_every: AUTOSAVE_EVERY,
            lock: None,
            stamp: None,
            read_only: None,
            review_file: None,
            review_files: Vec::new(),
            merged_review_files: Vec::new(),
            load_note: None,
            from_sample: false,
        }
    }

    /// The bundled sample as a new project not saved yet: Save asks where to put it.
    pub fn sample() -> Result<Self, StorageError> {
        let project = storage::parse(SAMPLE, Path::new(SAMPLE_NAME))?;
        let mut doc = Self::new(None, project);
        doc.from_sample = true;
        Ok(doc)
    }

    /// Whether this is the bundled sample, not saved anywhere yet.
    pub fn is_unsaved_sample(&self) -> bool {
        self.from_sample && self.path.is_none()
    }

    /// Opens `path`; never writes anything (the lock is taken by [`Self::lock_for`]).
    pub fn open(path: &Path) -> Result<Self, StorageError> {
        let loaded = storage::load_noting(path)?;
        let note = loaded.note();
        let mut doc = Self::new(Some(path.to_owned()), loaded.project);
        doc.stamp = Some(loaded.stamp);
        doc.load_note = note;
        doc.review_files = storage::find_review_files(path);
        Ok(doc)
    }

    /// Takes the lock for editing as `user`; when somebody else has the file, the
    /// document becomes read-only and the reason is returned.
    pub fn lock_for(&mut self, user: &Actor, now: NaiveDateTime) -> Option<ReadOnlyReason> {
        let path = self.path.clone()?;
        let reason = match storage::lock::acquire(&path, &lock_name(user), now) {
            Ok(lock) => {
                self.lock = Some(lock);
                self.read_only = None;
                return None;
            }
            // Left by a program on this machine that is gone (a crash): nobody else
            // can be editing, so take it back without asking.
            Err(LockError::Held { info, .. }) if info.holder_gone() => {
                match storage::lock::take_over(&path, &lock_name(user), now) {
                    Ok(lock) => {
                        self.lock = Some(lock);
                        self.read_only = None;
                        return None;
                    }
                    Err(e) => ReadOnlyReason::CannotLock(e.to_string()),
                }
            }
            Err(LockError::Held { info, stale, .. }) => ReadOnlyReason::Held { info, stale },
            Err(LockError::AlreadyOpenHere { .. }) => ReadOnlyReason::OtherWindow,
            Err(LockError::Lost { info, .. }) => ReadOnlyReason::Lost(info),
            Err(e) => ReadOnlyReason::CannotLock(e.to_string()),
        };
        self.set_read_only(reason.clone(), user);
        Some(reason)
    }

    /// Looks again for review files beside the project (not those merged already).
    pub fn rescan_review_files(&mut self) {
        if self.read_only.is_some() {
            return;
        }
        if let Some(path) = &self.path {
            self.review_files = storage::find_review_files(path)
                .into_iter()
                .filter(|p| !self.merged_review_files.contains(p))
                .collect();
        }
    }

    /// Takes over a lock left by somebody else, after the user confirmed.
    pub fn take_over(&mut self, user: &Actor, now: NaiveDateTime) -> Result<(), LockError> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        self.lock = Some(storage::lock::take_over(&path, &lock_name(user), now)?);
        self.read_only = None;
        self.review_file = None;
        Ok(())
    }

    /// Makes the document read-only; comments then go to `user`'s review file.
    pub fn set_read_only(&mut self, reason: ReadOnlyReason, user: &Actor) {
        self.lock = None;
        if reason.takes_review_file()
            && let (Some(path), Some(report)) = (&self.path, self.project.reports.last())
        {
            // The reviewer's own file, or a free name: another reviewer whose name
            // gives the same file name keeps theirs.
            let author = user.recorded_name();
            let review_path = (1..10)
                .map(|n| match n {
                    1 => storage::review_file_path(path, &user.name),
                    n => storage::review_file_path(path, &format!("{} {n}", user.name)),
                })
                .find(|p| !p.exists() || storage::is_review_file_of(p, &author))
                .unwrap_or_else(|| storage::review_file_path(path, &user.name));
            let file = storage::load_review_file(&review_path)
                .ok()
                .filter(|f| f.author == author)
                .unwrap_or_else(|| ReviewFile::new(report.id.clone(), user));
            self.review_file = Some((review_path, file));
        }
        self.read_only = Some(reason);
    }

    /// Renews the lock's heartbeat; when somebody took the file over, the document
    /// turns read-only and the reason is returned.
    pub fn keep_lock(&mut self, user: &Actor, now: NaiveDateTime) -> Option<ReadOnlyReason> {
        let lock = self.lock.as_mut()?;
        match lock.refresh(now) {
            Ok(()) => {
                self.rescan_review_files();
                None
            }
            Err(LockError::Lost { info, .. }) => {
                let reason = ReadOnlyReason::Lost(info);
                self.set_read_only(reason.clone(), user);
                Some(reason)
            }
            // A passing network error: try again at the next beat.
            Err(_) => None,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// The file name for titles and messages.
    pub fn display_name(&self) -> String {
        if self.is_unsaved_sample() {
            return "Dự án mẫu (mới, chưa lưu)".to_owned();
        }
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Dự án mới".to_owned())
    }

    /// Whether the project with `preview` imported would still open once saved (the
    /// loader refuses files over [`storage::MAX_FILE_BYTES`]); the import is refused
    /// before it is applied rather than leave a project that can never be saved.
    pub fn import_fits(&self, preview: &crate::import::ImportPreview) -> Result<(), StorageError> {
        let mut after = self.project.clone();
        crate::import::apply(preview, &mut after);
        storage::fits(&after)
    }

    /// Applies an edit through the history; returns whether the project changed.
    pub fn apply(&mut self, edit: Edit) -> Result<bool, EditError> {
        let changed = self.history.apply(&mut self.project, edit)?;
        if changed {
            self.revision += 1;
        }
        Ok(changed)
    }

    pub fn undo(&mut self) -> bool {
        let done = self.history.undo(&mut self.project);
        if done {
            self.revision += 1;
        }
        done
    }

    pub fn redo(&mut self) -> bool {
        let done = self.history.redo(&mut self.project);
        if done {
            self.revision += 1;
        }
        done
    }

    /// Saves to `path` (atomically, keeping a `.bak`), then forgets the recovery copy.
    /// Refuses to overwrite the file when somebody else changed it or holds it.
    pub fn save_to(
        &mut self,
        path: &Path,
        user: &Actor,
        now: NaiveDateTime,
    ) -> Result<(), SaveError> {
        let same_file = self.path.as_deref() == Some(path);
        if same_file && let Some(reason) = &self.read_only {
            return Err(SaveError::ReadOnly(format!(
                "{} Muốn giữ bản đang xem, hãy dùng Lưu thành… để lưu sang tệp khác.",
                reason.message()
            )));
        }
        if same_file {
            if let Some(lock) = &mut self.lock {
                lock.refresh(now)?;
            }
        } else {
            // Save as: the new file must be free; the old one is let go after writing.
            let new_lock = storage::lock::acquire(path, &lock_name(user), now)?;
            self.lock = Some(new_lock);
            self.read_only = None;
            self.review_file = None;
        }
        let expected = if same_file { self.stamp.as_ref() } else { None };
        let stamp = storage::save_checked(path, &self.project, expected)?;
        self.stamp = Some(stamp);
        for merged in self.merged_review_files.drain(..) {
            let _ = std::fs::remove_file(merged);
        }
        if let Some(old) = &self.path
            && old != path
        {
            let _ = std::fs::remove_file(storage::recovery_path(old));
        }
        let _ = std::fs::remove_file(storage::recovery_path(path));
        self.path = Some(path.to_owned());
        self.saved_revision = self.revision;
        self.autosaved_revision = self.revision;
        Ok(())
    }

    /// Where the recovery copy goes: beside the file, or in the user's data folder
    /// for a project never saved.
    pub fn recovery_file(&self) -> PathBuf {
        match &self.path {
            Some(p) => storage::recovery_path(p),
            None => unsaved_recovery_path(),
        }
    }

    /// Copies unsaved changes to the recovery file when `autosave_every` has passed
    /// since the last copy. Returns an error message to show, if writing failed.
    pub fn autosave_if_due(&mut self, now: Instant) -> Option<String> {
        let due = self
            .last_autosave
            .is_none_or(|t| now.duration_since(t) >= self.autosave_every);
        if !due || !self.is_dirty() || self.autosaved_revision == self.revision {
            if self.last_autosave.is_none() {
                self.last_autosave = Some(now);
            }
            return None;
        }
        self.autosave_now(now)
    }

    /// Writes the recovery copy now.
    pub fn autosave_now(&mut self, now: Instant) -> Option<String> {
        self.last_autosave = Some(now);
        if self.is_unsaved_sample() {
            // Opening the program must leave no file behind, on a computer that may be
            // shared; the work is kept once the clerk has chosen where.
            return None;
        }
        let target = self.recovery_file();
        if let Some(dir) = target.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        // The copy notes which version of the file this work started from, so that a
        // later restore never silently replaces changes made to the file since.
        let result = storage::write_recovery(&target, &self.project, self.stamp.as_ref());
        match result {
            Ok(()) => {
                self.autosaved_revision = self.revision;
                self.last_autosave_at = Some(chrono::Local::now().naive_local());
                None
            }
            Err(e) => Some(format!("Không tự lưu được: {e}")),
        }
    }

    /// Whether this window may touch the file's recovery copy: only the one that
    /// holds the lock (a read-only view must never delete the drafter's autosave), or
    /// a project never saved (its copy is in the user's own data folder).
    pub fn owns_recovery(&self) -> bool {
        if self.is_unsaved_sample() {
            // The unsaved-project copy in the data folder is another project's.
            return false;
        }
        self.path.is_none() || (self.lock.is_some() && self.read_only.is_none())
    }

    /// Removes the recovery copy (after the user discards changes or closes cleanly),
    /// when this window owns it.
    pub fn forget_recovery(&self) {
        let file = self.recovery_file();
        if self.owns_recovery() && file.exists() {
            // A copy that cannot be removed is offered again next time; nothing is lost.
            std::fs::remove_file(file).ok();
        }
    }

    /// Drops unsaved changes: reads the file again, keeping the lock.
    pub fn revert_to_disk(&mut self) -> Result<(), StorageError> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let (project, stamp) = storage::load_stamped(&path)?;
        self.project = project;
        self.stamp = Some(stamp);
        self.history.clear();
        self.revision += 1;
        self.saved_revision = self.revision;
        self.autosaved_revision = self.revision;
        Ok(())
    }

    /// Marks a change that is already stored elsewhere (a review step written to the
    /// review file): the preview refreshes, and a clean document stays clean.
    pub fn touch_stored(&mut self) {
        let clean = !self.is_dirty();
        self.revision += 1;
        if clean {
            self.saved_revision = self.revision;
            self.autosaved_revision = self.revision;
        }
    }

    /// Replaces the project with a recovered one, marked as unsaved.
    pub fn adopt_recovered(&mut self, project: Project) {
        self.project = project;
        self.history.clear();
        self.revision += 1;
    }
}

/// The name written into the lock file.
fn lock_name(user: &Actor) -> String {
    if user.name.trim().is_empty() {
        storage::lock::this_user()
    } else {
        user.name.trim().to_owned()
    }
}

/// The recovery file of a project that was never saved.
pub fn unsaved_recovery_path() -> PathBuf {
    data_dir().join("du-an-chua-luu.ron.recovery")
}

/// Where Save first offers to put a project that has no file yet: the user's
/// Documents folder, else the home folder, else the working folder.
pub fn documents_dir() -> PathBuf {
    dirs::document_dir()
        .filter(|d| d.is_dir())
        .or_else(dirs::home_dir)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}

/// The program's data folder (`$XDG_DATA_HOME/baocao`, `~/.local/share/baocao`, or
/// `%APPDATA%\baocao`), falling back to the temporary folder.
pub fn data_dir() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("baocao")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    fn doc_in(dir: &Path) -> OpenDocument {
        let path = dir.join("p.ron");
        let sample = storage::load(Path::new(crate::test_support::SAMPLE_PATH)).unwrap();
        storage::save(&path, &sample).unwrap();
        OpenDocument::open(&path).unwrap()
    }

    fn edit_summary(doc: &mut OpenDocument, text: &str) {
        let report = doc.project.reports[0].id.clone();
        doc.apply(Edit::ReportText {
            report,
            field: crate::edit::ReportText::Summary,
            text: text.into(),
        })
        .unwrap();
    }

    #[test]
    fn the_bundled_sample_opens_as_a_new_unsaved_project_equal_to_the_assets_file() {
        let doc = OpenDocument::sample().unwrap();
        assert_eq!(doc.path, None);
        assert!(doc.is_unsaved_sample());
        assert!(
            !doc.is_dirty(),
            "an untouched sample asks nothing on closing"
        );
        assert_eq!(doc.display_name(), "Dự án mẫu (mới, chưa lưu)");
        let on_disk = storage::load(Path::new(crate::test_support::SAMPLE_PATH)).unwrap();
        assert_eq!(doc.project, on_disk);
    }

    #[test]
    fn the_unsaved_sample_writes_no_recovery_copy_until_the_clerk_saves_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = OpenDocument::sample().unwrap();
        edit_summary(&mut doc, "Báo cáo của xã An Phú");
        assert!(doc.is_dirty());
        assert_eq!(doc.autosave_now(Instant::now()), None);
        assert_eq!(doc.last_autosave_at, None, "nothing was written");
        assert!(
            !doc.owns_recovery(),
            "another unsaved project's copy is not ours"
        );

        let path = dir.path().join("xã An Phú.ron");
        doc.save_to(&path, &Actor::default(), now()).unwrap();
        assert!(!doc.is_unsaved_sample());
        assert_eq!(doc.display_name(), "xã An Phú.ron");
        edit_summary(&mut doc, "Báo cáo của xã An Phú, sửa lại");
        assert_eq!(doc.autosave_now(Instant::now()), None);
        assert!(doc.last_autosave_at.is_some());
        assert!(storage::recovery_path(&path).exists());
    }

    #[test]
    fn the_folder_save_offers_first_exists() {
        assert!(documents_dir().is_dir());
    }

    #[test]
    fn an_edit_makes_the_document_dirty_and_saving_cleans_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path());
        assert!(!doc.is_dirty());
        edit_summary(&mut doc, "Báo cáo mới");
        assert!(doc.is_dirty());
        let path = doc.path.clone().unwrap();
        doc.save_to(&path, &Actor::default(), now()).unwrap();
        assert!(!doc.is_dirty());
        assert_eq!(
            storage::load(&path).unwrap().reports[0].summary,
            "Báo cáo mới"
        );
    }

    #[test]
    fn undo_back_to_the_saved_state_is_still_a_change_to_save() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path());
        edit_summary(&mut doc, "x");
        doc.undo();
        assert!(
            doc.is_dirty(),
            "revisions only grow; saving again is harmless"
        );
    }

    #[test]
    fn autosave_writes_the_recovery_file_after_thirty_seconds_of_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path());
        let t0 = Instant::now();
        assert!(doc.autosave_if_due(t0).is_none());
        edit_summary(&mut doc, "Đang sửa");
        doc.autosave_if_due(t0 + Duration::from_secs(5));
        assert!(!doc.recovery_file().exists(), "not yet due");
        doc.autosave_if_due(t0 + AUTOSAVE_EVERY);
        assert!(doc.recovery_file().exists());
        let offered = super::super::recovery_offer(doc.path.as_ref().unwrap()).unwrap();
        assert_eq!(offered.project.reports[0].summary, "Đang sửa");
        assert!(!offered.file_changed);
    }

    #[test]
    fn saving_forgets_the_recovery_copy() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path());
        edit_summary(&mut doc, "x");
        doc.autosave_now(Instant::now());
        let path = doc.path.clone().unwrap();
        doc.save_to(&path, &Actor::default(), now()).unwrap();
        assert!(!storage::recovery_path(&path).exists());
        assert!(super::super::recovery_offer(&path).is_none());
    }

    #[test]
    fn a_recovery_copy_equal_to_the_file_is_not_offered() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path());
        doc.autosave_now(Instant::now());
        assert!(super::super::recovery_offer(doc.path.as_ref().unwrap()).is_none());
    }
}
