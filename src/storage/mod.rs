//! Reads and writes project files (pretty RON), migrates older formats, and saves
//! atomically so that no failure ever leaves a half-written or lost file.
//!
//! Sits beside `compose` on top of `model`: model ← storage.

mod atomic;
mod error;
mod limited;
pub mod lock;
mod numbers;
mod one_report;
mod output;
mod process;
mod review_file;
mod stamp;
mod v0;
mod v1;
mod versioned;

use std::fs;
use std::path::{Path, PathBuf};

pub use atomic::{remove_stale_temps, write_atomic};
pub use error::StorageError;
pub(crate) use error::io_reason;
pub use limited::{FileKind, LimitedReadError, ensure_regular, read_limited};
pub use lock::{LockError, LockInfo, ProjectLock};
pub use numbers::{BadNumber, MAX_FIGURE, first_bad_number};
pub use one_report::{Keep, OneReport, load_one_report};
pub use output::{OutputError, OutputGuard, Target, write_output_guarded};
pub use review_file::{
    ReviewFileError, find_review_files, is_review_file_of, load_review_file, parse_review_file,
    review_file_path, review_file_to_string, save_review_file,
};
pub use stamp::{DiskStamp, changed_on_disk, content_is, stamp};

use crate::model::{FORMAT_VERSION, Project};

/// Project files larger than this are refused, counted as read: the one bound shared
/// by the loader, the savers, `check`, `aggregate` and batch export (see
/// [`crate::limits::MAX_PROJECT_BYTES`]).
pub const MAX_FILE_BYTES: u64 = crate::limits::MAX_PROJECT_BYTES;

/// Reads, migrates and NFC-normalises the project at `path`. Never writes anything.
pub fn load(path: &Path) -> Result<Project, StorageError> {
    load_stamped(path).map(|(project, _)| project)
}

/// Like [`load`], and also stamps the bytes it read, for [`save_checked`] to notice
/// later whether somebody changed the file meanwhile. The stamp describes exactly the
/// bytes the project came from, even if the file changes right after.
pub fn load_stamped(path: &Path) -> Result<(Project, DiskStamp), StorageError> {
    load_noting(path).map(|l| (l.project, l.stamp))
}

/// A project as loaded, with what loading changed.
#[derive(Debug)]
pub struct Loaded {
    pub project: Project,
    /// The bytes the project came from.
    pub stamp: DiskStamp,
    /// Characters a report never prints (zero-width, bidirectional controls, soft
    /// hyphens…) found in the file and left out; the clerk is told.
    pub removed_invisible: usize,
}

impl Loaded {
    /// What the clerk should know about the loaded file, in Vietnamese.
    pub fn note(&self) -> Option<String> {
        (self.removed_invisible > 0).then(|| {
            format!(
                "Đã bỏ {} ký tự ẩn (khoảng trắng không độ rộng, ký tự điều khiển, dấu gạch nối mềm…) trong tệp; chúng không được in. Lưu tệp để ghi lại bản đã làm sạch.",
                self.removed_invisible
            )
        })
    }
}

/// Like [`load_stamped`], also saying what loading changed.
pub fn load_noting(path: &Path) -> Result<Loaded, StorageError> {
    let fail = |f| StorageError::from_failure(path, f);
    let (bytes, modified) =
        read_limited(path, MAX_FILE_BYTES).map_err(|e| read_refusal(path, e))?;
    let stamp = DiskStamp::of_bytes(&bytes, modified);
    let text = versioned::utf8(bytes).map_err(fail)?;
    // The byte order mark at the very start is how editors mark UTF-8, not content.
    let removed_invisible =
        crate::vi::invisible_count(text.strip_prefix('\u{feff}').unwrap_or(&text));
    Ok(Loaded {
        project: parse(&text, path)?,
        stamp,
        removed_invisible,
    })
}

/// Like [`load`], refusing a file longer than `max` bytes (counted as read): the batch
/// commands read whole folders of files somebody else sent and keep each one small.
pub fn load_at_most(path: &Path, max: u64) -> Result<Project, StorageError> {
    let fail = |f| StorageError::from_failure(path, f);
    let (bytes, _) = read_limited(path, max).map_err(|e| read_refusal(path, e))?;
    let text = versioned::utf8(bytes).map_err(fail)?;
    parse(&text, path)
}

/// A project file that could not be read; one too large points at its `.bak`, which
/// holds the project as it was before the save that made it so.
fn read_refusal(path: &Path, e: LimitedReadError) -> StorageError {
    match e {
        LimitedReadError::TooLarge(max) => {
            let bak = backup_path(path);
            let hint = if fs::metadata(&bak).is_ok_and(|m| m.is_file()) {
                format!(
                    " Bản sao lưu trước lần lưu cuối vẫn còn: {}. Hãy đổi tên nó (bỏ đuôi .bak) để mở lại dự án như trước lần lưu đó.",
                    bak.display()
                )
            } else {
                String::new()
            };
            StorageError::TooLarge {
                path: path.to_owned(),
                max_mb: max / (1024 * 1024),
                hint,
            }
        }
        other => StorageError::from_failure(path, versioned::ReadFailure::Io(other.to_string())),
    }
}

/// Parses project text; `path` only names the file in errors.
pub fn parse(text: &str, path: &Path) -> Result<Project, StorageError> {
    let fail = |f| StorageError::from_failure(path, f);
    let text = versioned::normalise_cow(text);
    let mut project = match versioned::version(&text, FORMAT_VERSION).map_err(fail)? {
        0 => v0::migrate(versioned::de(&text).map_err(fail)?),
        1 => {
            let mut p = versioned::de::<Project>(&text).map_err(fail)?;
            v1::migrate(&mut p);
            p
        }
        _ => versioned::de::<Project>(&text).map_err(fail)?,
    };
    project.format_version = FORMAT_VERSION;
    refuse_bad_numbers(&project, path)?;
    project = versioned::renormalise_escapes(project, &text).map_err(fail)?;
    Ok(project)
}

/// Refuses a project with a number that is not a figure (see [`first_bad_number`]).
fn refuse_bad_numbers(project: &Project, path: &Path) -> Result<(), StorageError> {
    match first_bad_number(project) {
        Some(bad) => Err(StorageError::BadNumber {
            path: path.to_owned(),
            place: bad.place.clone(),
            reason: bad.reason(),
        }),
        None => Ok(()),
    }
}

/// The project as pretty RON, strings written literally so the file stays readable.
pub fn to_string(project: &Project) -> Result<String, StorageError> {
    versioned::pretty(project).map_err(StorageError::Serialize)
}

/// Refuses project text the loader would refuse to open again (over
/// [`MAX_FILE_BYTES`]): nothing is ever saved that cannot be read back.
pub fn ensure_loadable(text: &str) -> Result<(), StorageError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(StorageError::TooLargeToSave {
            size_mb: text.len() as u64 / (1024 * 1024),
            max_mb: MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    Ok(())
}

/// [`ensure_loadable`] for a project: whether it would still open once saved.
pub fn fits(project: &Project) -> Result<(), StorageError> {
    ensure_loadable(&to_string(project)?)
}

/// The backup kept beside a saved file: `FILE.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

/// The autosave file beside a project: `FILE.ron.recovery`.
pub fn recovery_path(path: &Path) -> PathBuf {
    with_suffix(path, ".recovery")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// Saves atomically: writes a temporary file in the same folder, flushes and syncs it,
/// keeps the previous file as `FILE.ron.bak`, then renames over the target. On any
/// failure the original file is left byte-identical and the temporary file removed.
pub fn save(path: &Path, project: &Project) -> Result<(), StorageError> {
    let text = to_string(project)?;
    ensure_loadable(&text)?;
    write_atomic(path, text.as_bytes(), true)
}

/// Saves like [`save`], but first makes sure the file on disk is still the one
/// `expected` describes (from [`load_stamped`] or the previous `save_checked`); if
/// somebody changed or removed it meanwhile, refuses with
/// [`StorageError::ChangedOnDisk`] and writes nothing. `None` skips the check (a new
/// file, or "save as" where the user already confirmed overwriting). Returns the stamp
/// of what was written, for the next save.
pub fn save_checked(
    path: &Path,
    project: &Project,
    expected: Option<&DiskStamp>,
) -> Result<DiskStamp, StorageError> {
    if let Some(expected) = expected {
        let changed =
            stamp::changed_on_disk_strict(path, expected).map_err(|e| StorageError::Write {
                path: path.to_owned(),
                reason: format!(
                    "không đọc lại được tệp để kiểm tra trước khi ghi: {}",
                    io_reason(&e)
                ),
            })?;
        if changed {
            return Err(StorageError::ChangedOnDisk {
                path: path.to_owned(),
            });
        }
    }
    let text = to_string(project)?;
    ensure_loadable(&text)?;
    write_atomic(path, text.as_bytes(), true)?;
    let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(DiskStamp::of_bytes(text.as_bytes(), modified))
}

/// The first line of a recovery file: which version of the project file the work in
/// it started from (a RON comment, so the file still loads as a project).
const RECOVERY_BASE: &str = "// baocao-ban-goc: ";

/// Writes the autosave copy to `target` (atomically, without touching any backup),
/// noting the version of the project file the work started from (`base`).
pub fn write_recovery(
    target: &Path,
    project: &Project,
    base: Option<&DiskStamp>,
) -> Result<(), StorageError> {
    let mut text = String::new();
    if let Some(base) = base {
        text.push_str(RECOVERY_BASE);
        text.push_str(&base.content_key());
        text.push('\n');
    }
    text.push_str(&to_string(project)?);
    write_atomic(target, text.as_bytes(), false)
}

/// Reads a recovery file: the project in it and, when it says, the content key of the
/// project file version the work started from.
pub fn read_recovery(target: &Path) -> Result<(Project, Option<String>), StorageError> {
    let fail = |f| StorageError::from_failure(target, f);
    let (bytes, _) = versioned::read_bytes(target, MAX_FILE_BYTES).map_err(fail)?;
    let text = versioned::utf8(bytes).map_err(fail)?;
    let base = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix(RECOVERY_BASE))
        .map(|k| k.trim().to_owned());
    Ok((parse(&text, target)?, base))
}

#[cfg(test)]
mod tests;
