//! The lock file beside a project (`NAME.ron.lock`) that tells a second person opening
//! the same file — on a shared folder, or on a USB stick passed around — that someone
//! is already editing it, so that two people never silently overwrite each other.
//!
//! Part of `storage`. The clock is always a parameter (`now`), never read here.
//!
//! The protocol: [`acquire`] creates the lock with `create_new`, so of two programs
//! racing for it exactly one wins; the holder rewrites the heartbeat every
//! [`REFRESH_EVERY`] with [`ProjectLock::refresh`], which also notices when somebody
//! took the file over; a lock whose heartbeat is older than [`STALE_AFTER`], or whose
//! program is no longer running on this machine, is *stale* and may be taken over with
//! [`take_over`] once the user confirms. Lock files are plain advisory files: they work
//! on every file system, including FAT sticks and network shares without OS locks.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::error::io_reason;

/// A lock whose heartbeat is older than this belongs to a program that probably quit
/// without closing the file (crash, power cut, USB stick pulled out).
pub const STALE_AFTER: TimeDelta = TimeDelta::minutes(10);

/// How often the holder should call [`ProjectLock::refresh`]; well inside [`STALE_AFTER`].
pub const REFRESH_EVERY: Duration = Duration::from_secs(60);

/// Stands for the user and machine of a lock file that cannot be read.
pub const UNKNOWN: &str = "không rõ";

/// The machine name when the system does not tell it.
pub const UNKNOWN_MACHINE: &str = "máy không rõ tên";

/// The user name when the system does not tell it.
pub const UNKNOWN_USER: &str = "người dùng không rõ tên";

/// A lock file larger than this is not ours; only its beginning is read.
const MAX_LOCK_BYTES: u64 = 64 * 1024;

/// Who holds a project file, as written in its lock file (small pretty RON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    /// The name the holder gave, shown to whoever else opens the file.
    pub user: String,
    /// The holder's computer, from [`this_machine`].
    pub machine: String,
    /// The holder's process id; with `machine` it tells whose lock this is.
    pub pid: u32,
    /// When the holder opened the file.
    pub since: NaiveDateTime,
    /// When the holder last said it is still there.
    pub heartbeat: NaiveDateTime,
}

impl LockInfo {
    /// What stands for a lock file that exists but cannot be understood.
    fn unknown(written: NaiveDateTime) -> Self {
        Self {
            user: UNKNOWN.to_owned(),
            machine: UNKNOWN.to_owned(),
            pid: 0,
            since: written,
            heartbeat: written,
        }
    }

    /// Whether this stands for an unreadable or garbled lock file.
    pub fn is_unknown(&self) -> bool {
        self.pid == 0 && self.machine == UNKNOWN
    }

    /// Whether the holder has probably gone: the lock file is garbled, its heartbeat is
    /// older than [`STALE_AFTER`], or it was taken on this machine by a program that is
    /// no longer running. A heartbeat in the future (another machine's clock is ahead)
    /// is not stale.
    pub fn is_stale(&self, now: NaiveDateTime) -> bool {
        self.is_stale_for(&this_machine(), now)
    }

    /// Whether the program that wrote the lock is certainly gone: it ran on this
    /// machine and its process no longer exists (after a crash). Such a lock can be
    /// taken back without asking anybody.
    pub fn holder_gone(&self) -> bool {
        self.machine == this_machine() && process_running(self.pid) == Some(false)
    }

    fn is_stale_for(&self, here: &str, now: NaiveDateTime) -> bool {
        self.is_unknown()
            || now.signed_duration_since(self.heartbeat) > STALE_AFTER
            || (self.machine == here && process_running(self.pid) == Some(false))
    }

    fn is_owned_by(&self, owner: &Owner) -> bool {
        self.machine == owner.machine && self.pid == owner.pid
    }

    fn owner(&self) -> Owner {
        Owner {
            machine: self.machine.clone(),
            pid: self.pid,
        }
    }
}

/// Which program a lock belongs to. Tests pretend to be other programs with their own.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Owner {
    machine: String,
    pid: u32,
}

impl Owner {
    fn this_process() -> Self {
        Self {
            machine: this_machine(),
            pid: std::process::id(),
        }
    }
}

/// Why a project file could not be locked for editing, or stopped being ours.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Somebody else holds the file. With `stale`, they have probably gone and the user
    /// may be offered [`take_over`]; otherwise offer opening it read-only.
    #[error("{}", held_message(path, info, *stale))]
    Held {
        path: PathBuf,
        info: LockInfo,
        stale: bool,
    },

    /// Somebody took the file over while we had it open: the window must not save over
    /// it any more, only save under another name.
    #[error("{}", lost_message(path, info))]
    Lost { path: PathBuf, info: LockInfo },

    /// The lock file cannot be created (read-only folder or medium, no permission): the
    /// file can still be opened read-only.
    #[error(
        "Không tạo được tệp khóa {} ({reason}; thư mục chỉ đọc?). Tệp chỉ mở được để xem; muốn sửa, hãy chép tệp vào một thư mục bạn có quyền ghi.\nTệp: {path}",
        lock_name(path)
    )]
    CannotCreate { path: PathBuf, reason: String },

    /// This very program already has the file open (in another window).
    #[error(
        "Tệp này đang được mở trong một cửa sổ khác của chương trình; hãy dùng cửa sổ đó.\nTệp: {path}"
    )]
    AlreadyOpenHere { path: PathBuf },

    /// The lock file could not be read or rewritten (folder gone, network share lost).
    #[error(
        "Không đọc hoặc ghi được tệp khóa {} ({reason}). Hãy kiểm tra thư mục chứa tệp còn truy cập được (ổ mạng, USB).\nTệp: {path}",
        lock_name(path)
    )]
    Io { path: PathBuf, reason: String },
}

impl LockError {
    /// The project file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            LockError::Held { path, .. }
            | LockError::Lost { path, .. }
            | LockError::CannotCreate { path, .. }
            | LockError::AlreadyOpenHere { path }
            | LockError::Io { path, .. } => path,
        }
    }
}

impl LockInfo {
    /// Who has the file open for editing, on which machine, since when: the one
    /// wording of every message about a held lock (names made safe to show).
    pub fn held_by(&self) -> String {
        format!(
            "Tệp đang được mở để sửa bởi {} trên máy {} từ {}",
            shown(&self.user),
            shown(&self.machine),
            clock_and_date(self.since)
        )
    }

    /// Who took the file over, on which machine, since when.
    pub fn taken_by(&self) -> String {
        format!(
            "{} trên máy {} đã nhận quyền sửa tệp này từ {}",
            shown(&self.user),
            shown(&self.machine),
            clock_and_date(self.since)
        )
    }
}

fn held_message(path: &Path, info: &LockInfo, stale: bool) -> String {
    let lock = lock_name(path);
    let path = path.display();
    if info.is_unknown() {
        return format!(
            "Tệp đang bị khóa bởi một tệp khóa không đọc được ({lock}); có lẽ chương trình đã thoát mà không đóng tệp. Nếu chắc chắn không còn ai đang sửa, bạn có thể nhận quyền sửa tệp.\nTệp: {path}"
        );
    }
    let who = info.held_by();
    if stale {
        format!(
            "{who}, nhưng có lẽ đã thoát mà không đóng tệp (lần cuối còn hoạt động lúc {}). Nếu chắc chắn không còn ai đang sửa, bạn có thể nhận quyền sửa tệp.\nTệp: {path}",
            clock_and_date(info.heartbeat)
        )
    } else {
        format!(
            "{who}. Bạn có thể mở tệp để xem (chỉ đọc) hoặc đợi người đó đóng tệp.\nTệp: {path}"
        )
    }
}

fn lost_message(path: &Path, info: &LockInfo) -> String {
    let tail = "Các thay đổi của bạn chưa được lưu vào tệp; hãy lưu thành tệp khác.";
    if info.is_unknown() {
        format!(
            "Tệp khóa {} đã bị thay bằng nội dung không đọc được, nên không chắc còn ai khác đang sửa tệp này. {tail}\nTệp: {}",
            lock_name(path),
            path.display()
        )
    } else {
        format!("{}. {tail}\nTệp: {}", info.taken_by(), path.display())
    }
}

/// `14:05 30/06/2026`, as times are written in the messages.
fn clock_and_date(t: NaiveDateTime) -> String {
    t.format("%H:%M %d/%m/%Y").to_string()
}

/// A name read from somebody else's file, made safe to show: one line, not too long.
fn shown(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(80)
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        UNKNOWN.to_owned()
    } else {
        clean.to_owned()
    }
}

fn lock_name(project: &Path) -> String {
    lock_path(project)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The lock file beside a project: `NAME.ron.lock`.
pub fn lock_path(project: &Path) -> PathBuf {
    super::with_suffix(project, ".lock")
}

/// This computer's name, as other people will see it in "opened by … on machine …".
pub fn this_machine() -> String {
    #[cfg(unix)]
    let from_files = ["/etc/hostname", "/proc/sys/kernel/hostname"]
        .into_iter()
        .find_map(|f| {
            fs::read_to_string(f).ok().and_then(|text| {
                text.lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_owned)
            })
        });
    #[cfg(not(unix))]
    let from_files: Option<String> = None;
    from_files
        .or_else(|| env_name("HOSTNAME"))
        .or_else(|| env_name("COMPUTERNAME"))
        .unwrap_or_else(|| UNKNOWN_MACHINE.to_owned())
}

/// The login name, a default for the `user` written into the lock when the program
/// knows no better name.
pub fn this_user() -> String {
    env_name("USER")
        .or_else(|| env_name("USERNAME"))
        .or_else(|| env_name("LOGNAME"))
        .unwrap_or_else(|| UNKNOWN_USER.to_owned())
}

fn env_name(key: &str) -> Option<String> {
    std::env::var(key)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

pub(super) use super::process::process_running;

/// Locks `project` for editing by `user`: creates `NAME.ron.lock` beside it, atomically,
/// so that of two programs racing exactly one wins. A lock left behind by this very
/// program (same machine and process) is taken again.
///
/// Errors: [`LockError::Held`] when somebody else holds it (with whether it looks
/// stale), [`LockError::CannotCreate`] when the folder cannot be written (open
/// read-only then), [`LockError::AlreadyOpenHere`] when another window of this program
/// has it.
pub fn acquire(project: &Path, user: &str, now: NaiveDateTime) -> Result<ProjectLock, LockError> {
    acquire_as(project, user, &Owner::this_process(), now)
}

/// Replaces whatever lock `project` has with ours, after the user confirmed that the
/// holder is gone (or agreed to take the file from them; their next
/// [`ProjectLock::refresh`] then reports [`LockError::Lost`]).
pub fn take_over(project: &Path, user: &str, now: NaiveDateTime) -> Result<ProjectLock, LockError> {
    take_over_as(project, user, &Owner::this_process(), now)
}

/// Registers `owner` as the holder of `project`'s lock in this process and makes the
/// lock's contents: the lock file path, the registration and the info to write.
fn claim(
    project: &Path,
    user: &str,
    owner: &Owner,
    now: NaiveDateTime,
) -> Result<(PathBuf, Registration, LockInfo), LockError> {
    let path = lock_path(project);
    let registration =
        Registration::claim(&path, owner).ok_or_else(|| LockError::AlreadyOpenHere {
            path: project.to_owned(),
        })?;
    let info = LockInfo {
        user: user.to_owned(),
        machine: owner.machine.clone(),
        pid: owner.pid,
        since: now,
        heartbeat: now,
    };
    Ok((path, registration, info))
}

fn acquire_as(
    project: &Path,
    user: &str,
    owner: &Owner,
    now: NaiveDateTime,
) -> Result<ProjectLock, LockError> {
    let (path, registration, info) = claim(project, user, owner, now)?;
    let cannot_create = |e: &io::Error| LockError::CannotCreate {
        path: project.to_owned(),
        reason: io_reason(e),
    };
    // A lock that vanishes between our failed create and our read is retried.
    for _ in 0..3 {
        match create_new(&path, &info) {
            Ok(()) => return Ok(ProjectLock::new(project, path, info, registration)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(cannot_create(&e)),
        }
        match read_lock(&path) {
            Ok(Some(existing)) if existing.is_owned_by(owner) => {
                // Left behind by this program (a handle that was never dropped).
                replace(&path, &info).map_err(|e| cannot_create(&e))?;
                return Ok(ProjectLock::new(project, path, info, registration));
            }
            Ok(Some(existing)) => {
                let stale = existing.is_stale_for(&owner.machine, now);
                return Err(LockError::Held {
                    path: project.to_owned(),
                    info: existing,
                    stale,
                });
            }
            Ok(None) => {}
            Err(e) => return Err(io_error(project, &e)),
        }
    }
    Err(LockError::Io {
        path: project.to_owned(),
        reason: "tệp khóa liên tục bị tạo rồi xóa".to_owned(),
    })
}

fn take_over_as(
    project: &Path,
    user: &str,
    owner: &Owner,
    now: NaiveDateTime,
) -> Result<ProjectLock, LockError> {
    let (path, registration, info) = claim(project, user, owner, now)?;
    replace(&path, &info).map_err(|e| LockError::CannotCreate {
        path: project.to_owned(),
        reason: io_reason(&e),
    })?;
    Ok(ProjectLock::new(project, path, info, registration))
}

fn io_error(project: &Path, e: &io::Error) -> LockError {
    LockError::Io {
        path: project.to_owned(),
        reason: io_reason(e),
    }
}

/// A project file locked for editing by this program. Dropping it removes the lock
/// file, but only while the file is still ours.
#[derive(Debug)]
pub struct ProjectLock {
    project: PathBuf,
    path: PathBuf,
    info: LockInfo,
    _registration: Registration,
}

impl ProjectLock {
    fn new(project: &Path, path: PathBuf, info: LockInfo, registration: Registration) -> Self {
        Self {
            project: project.to_owned(),
            path,
            info,
            _registration: registration,
        }
    }

    /// What our lock file says (user, machine, since, last heartbeat).
    pub fn info(&self) -> &LockInfo {
        &self.info
    }

    /// The project file this lock is for.
    pub fn project(&self) -> &Path {
        &self.project
    }

    /// The lock file itself.
    pub fn lock_file(&self) -> &Path {
        &self.path
    }

    /// Rewrites the heartbeat (call every [`REFRESH_EVERY`], and just before saving).
    /// A lock file that vanished is created again. When somebody else has taken the
    /// file over, returns [`LockError::Lost`] and leaves their lock alone.
    pub fn refresh(&mut self, now: NaiveDateTime) -> Result<(), LockError> {
        let next = LockInfo {
            heartbeat: now,
            ..self.info.clone()
        };
        let owner = self.info.owner();
        for _ in 0..3 {
            match read_lock(&self.path) {
                Ok(Some(current)) if current.is_owned_by(&owner) => {
                    replace(&self.path, &next).map_err(|e| io_error(&self.project, &e))?;
                    self.info = next;
                    return Ok(());
                }
                Ok(Some(current)) => {
                    return Err(LockError::Lost {
                        path: self.project.clone(),
                        info: current,
                    });
                }
                Ok(None) => match create_new(&self.path, &next) {
                    Ok(()) => {
                        self.info = next;
                        return Ok(());
                    }
                    // Somebody created it in between: read again to see whose it is.
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(io_error(&self.project, &e)),
                },
                Err(e) => return Err(io_error(&self.project, &e)),
            }
        }
        Err(LockError::Io {
            path: self.project.clone(),
            reason: "tệp khóa liên tục bị tạo rồi xóa".to_owned(),
        })
    }

    /// Whether the file is still ours, without writing anything: [`LockError::Lost`]
    /// when somebody else's lock (or garbage) is in its place. A lock file that merely
    /// vanished is not claimed by anybody, so that is fine; [`refresh`](Self::refresh)
    /// creates it again.
    pub fn check(&self) -> Result<(), LockError> {
        match read_lock(&self.path) {
            Ok(Some(current)) if current.is_owned_by(&self.info.owner()) => Ok(()),
            Ok(Some(current)) => Err(LockError::Lost {
                path: self.project.clone(),
                info: current,
            }),
            Ok(None) => Ok(()),
            Err(e) => Err(io_error(&self.project, &e)),
        }
    }

    /// Gives the file up (the same as dropping the lock).
    pub fn release(self) {}
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        if let Ok(Some(current)) = read_lock(&self.path)
            && current.is_owned_by(&self.info.owner())
        {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The lock file's text: a comment for whoever finds it in a folder, then the info.
fn render(info: &LockInfo) -> io::Result<Vec<u8>> {
    let config = ron::ser::PrettyConfig::new()
        .escape_strings(false)
        .struct_names(false)
        .indentor("    ");
    let body = ron::ser::to_string_pretty(info, config).map_err(io::Error::other)?;
    Ok(format!(
        "// Tệp khóa của chương trình soạn báo cáo: cho biết ai đang sửa tệp dự án bên cạnh.\n\
         // Chương trình tự xóa tệp này khi đóng dự án.\n{body}\n"
    )
    .into_bytes())
}

/// Creates the lock file only if none exists (the atomic step that decides a race).
fn create_new(path: &Path, info: &LockInfo) -> io::Result<()> {
    let bytes = render(info)?;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    let written = file.write_all(&bytes).and_then(|()| file.sync_all());
    if let Err(e) = written {
        drop(file);
        let _ = fs::remove_file(path);
        return Err(e);
    }
    Ok(())
}

/// Replaces the lock file atomically (temporary file, then rename), so that a reader
/// never sees half of it.
fn replace(path: &Path, info: &LockInfo) -> io::Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let bytes = render(info)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "baocao.lock".to_owned());
    let tmp = path.with_file_name(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Reads a lock file: `None` when there is none, an unknown holder when it cannot be
/// understood. A file just created by a racing program may still be empty, so an
/// unreadable one is read again a few times before it counts as garbage.
fn read_lock(path: &Path) -> io::Result<Option<LockInfo>> {
    for attempt in 0..5 {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(20));
        }
        let mut bytes = Vec::new();
        match fs::File::open(path) {
            Ok(file) => file.take(MAX_LOCK_BYTES).read_to_end(&mut bytes)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let parsed = String::from_utf8(bytes)
            .ok()
            .and_then(|text| ron::from_str::<LockInfo>(&text).ok());
        if let Some(info) = parsed {
            return Ok(Some(info));
        }
    }
    let written = fs::metadata(path)
        .and_then(|m| m.modified())
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).naive_local())
        .unwrap_or_default();
    Ok(Some(LockInfo::unknown(written)))
}

/// Lock files held by live [`ProjectLock`]s of this process, with their owner: a lock
/// file naming this process is only "left behind" (and may be taken again) when no
/// live handle holds it, and one process never holds the same file twice.
static HELD: Mutex<Vec<(PathBuf, Owner)>> = Mutex::new(Vec::new());

/// One entry in [`HELD`], removed when dropped.
#[derive(Debug)]
struct Registration {
    key: PathBuf,
    owner: Owner,
}

impl Registration {
    /// `None` when a live handle of this process already holds `lock` for `owner`.
    fn claim(lock: &Path, owner: &Owner) -> Option<Self> {
        let key = registry_key(lock);
        let mut held = HELD.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if held.iter().any(|(k, o)| *k == key && o == owner) {
            return None;
        }
        held.push((key.clone(), owner.clone()));
        Some(Self {
            key,
            owner: owner.clone(),
        })
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut held = HELD.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(at) = held
            .iter()
            .position(|(k, o)| *k == self.key && *o == self.owner)
        {
            held.swap_remove(at);
        }
    }
}

/// The same lock file reached through different spellings of its path gives one key.
fn registry_key(lock: &Path) -> PathBuf {
    let absolute = std::path::absolute(lock).unwrap_or_else(|_| lock.to_owned());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(absolute),
        _ => absolute,
    }
}

#[cfg(test)]
mod tests;
