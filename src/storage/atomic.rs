//! storage: writing a file so that a crash, a full disk or a kill at any moment leaves
//! either the old file or the new one, never a torn one, and a good `.bak` is only
//! ever replaced by another good one. Temporary files left by a program that died
//! are removed at the next save or open.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::error::io_reason;
use super::{StorageError, backup_path};

/// The temporary files of `path` this process writes: `.NAME.tmp-PID` for the new
/// content, `.NAME.bak-tmp-PID` for the next backup.
fn temp_paths(path: &Path) -> (PathBuf, PathBuf) {
    let name = file_name(path);
    let pid = std::process::id();
    (
        path.with_file_name(format!(".{name}.tmp-{pid}")),
        path.with_file_name(format!(".{name}.bak-tmp-{pid}")),
    )
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "baocao".to_owned())
}

/// How the final step of a save is done: the renames, and the pause between tries.
/// Tests swap them to act like Windows when another program holds the file open.
pub(super) struct Replacer<'a> {
    pub rename: &'a dyn Fn(&Path, &Path) -> io::Result<()>,
    pub pause: &'a dyn Fn(Duration),
}

fn system_rename(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)
}

/// The real renames and pauses.
const SYSTEM: Replacer<'static> = Replacer {
    rename: &system_rename,
    pause: &std::thread::sleep,
};

/// The pauses between tries when another program holds the file: ten tries over
/// about two seconds, long enough for an antivirus or a sync client to let go, short
/// enough that a clerk waiting on Ctrl+S is not left wondering.
const RETRY_PAUSES_MS: [u64; 9] = [50, 100, 150, 200, 250, 300, 300, 300, 300];

/// Whether `e` says another program holds the file (Windows refuses to replace or
/// even read a file opened without sharing; Linux never does, except `EBUSY`).
fn held_by_another_program(e: &io::Error) -> bool {
    // ERROR_ACCESS_DENIED (5) is what a rename over a file open without
    // FILE_SHARE_DELETE answers; ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33).
    (cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33)))
        || e.kind() == io::ErrorKind::ResourceBusy
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed
/// and synced, renamed over the target. With `keep_backup` the previous content
/// becomes `path.bak`, itself replaced atomically (a hard link, or a synced copy
/// where the file system has none, renamed into place). On any failure the target
/// and its `.bak` are as they were and the temporary files are removed. When another
/// program holds the file (Windows), the replace is tried again for about two
/// seconds before [`StorageError::HeldOpen`].
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), StorageError> {
    write_atomic_with(path, bytes, keep_backup, &SYSTEM)
}

/// [`write_atomic`] with the renames and pauses of `replacer`.
pub(super) fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    replacer: &Replacer<'_>,
) -> Result<(), StorageError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    remove_stale_temps(path);
    let (tmp, bak_tmp) = temp_paths(path);
    let result = (|| -> io::Result<()> {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        Ok(())
    })();
    if let Err(e) = result {
        remove_quietly(&tmp);
        return Err(StorageError::Write {
            path: path.to_owned(),
            reason: io_reason(&e),
        });
    }
    let mut pauses = RETRY_PAUSES_MS.iter();
    while let Err((stage, e)) = replace_once(path, &tmp, &bak_tmp, keep_backup, replacer) {
        let held = held_by_another_program(&e);
        if held && let Some(ms) = pauses.next() {
            (replacer.pause)(Duration::from_millis(*ms));
            continue;
        }
        remove_quietly(&tmp);
        remove_quietly(&bak_tmp);
        let path = path.to_owned();
        return Err(match stage {
            _ if held => StorageError::HeldOpen { path },
            Stage::Backup => StorageError::Write {
                path,
                reason: format!("không tạo được bản sao lưu .bak: {}", io_reason(&e)),
            },
            Stage::Rename => StorageError::Write {
                path,
                reason: io_reason(&e),
            },
        });
    }
    sync_dir(&dir);
    Ok(())
}

/// Which step of replacing failed.
#[derive(Clone, Copy, Debug)]
enum Stage {
    Backup,
    Rename,
}

/// One try at putting the written temporary file in place (its backup first).
fn replace_once(
    path: &Path,
    tmp: &Path,
    bak_tmp: &Path,
    keep_backup: bool,
    replacer: &Replacer<'_>,
) -> Result<(), (Stage, io::Error)> {
    if keep_backup && path.is_file() {
        replace_backup(path, bak_tmp, replacer).map_err(|e| (Stage::Backup, e))?;
    }
    (replacer.rename)(tmp, path).map_err(|e| (Stage::Rename, e))
}

/// Makes the current content of `path` its `.bak`: first complete under `bak_tmp`,
/// then renamed over the old backup, so the old backup stays until the new one is whole.
fn replace_backup(path: &Path, bak_tmp: &Path, replacer: &Replacer<'_>) -> io::Result<()> {
    remove_quietly(bak_tmp);
    if fs::hard_link(path, bak_tmp).is_err() {
        // No hard links here (FAT on a USB stick): a copy, synced before it counts.
        fs::copy(path, bak_tmp)?;
        fs::File::open(bak_tmp)?.sync_all()?;
    }
    (replacer.rename)(bak_tmp, &backup_path(path))
}

/// Makes renames in `dir` durable where the platform allows syncing a folder.
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        // Not every platform can sync a folder; the rename itself has happened.
        d.sync_all().ok();
    }
}

/// Removes a temporary file of ours; it may not exist.
fn remove_quietly(path: &Path) {
    if path.exists() {
        // Left behind at worst, and removed by the next save's clean-up.
        fs::remove_file(path).ok();
    }
}

/// Removes the temporary files of `path` left by programs that are no longer running
/// (killed during a save). Where it cannot tell whether a process runs, a temporary
/// file older than a day is taken as left behind.
pub fn remove_stale_temps(path: &Path) {
    let name = file_name(path);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = fs::read_dir(&dir) else {
        return;
    };
    let me = std::process::id();
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        // `.p.ron.tmp-PID`, `.p.ron.bak-tmp-PID` and the lock's `.p.ron.lock.tmp-PID-N`.
        let Some(pid) = [".tmp-", ".bak-tmp-", ".lock.tmp-"].iter().find_map(|tag| {
            let rest = file.strip_prefix(&format!(".{name}{tag}"))?;
            rest.split('-').next()?.parse::<u32>().ok()
        }) else {
            continue;
        };
        let gone = match super::lock::process_running(pid) {
            Some(running) => pid != me && !running,
            None => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600),
        };
        if gone && entry.file_type().is_ok_and(|t| t.is_file()) {
            remove_quietly(&entry.path());
        }
    }
}

#[cfg(test)]
pub(super) fn temp_path(path: &Path) -> PathBuf {
    temp_paths(path).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_replaces_the_old_one_only_once_it_is_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        fs::write(&p, "một").unwrap();
        write_atomic(&p, "hai".as_bytes(), true).unwrap();
        assert_eq!(fs::read_to_string(backup_path(&p)).unwrap(), "một");
        write_atomic(&p, "ba".as_bytes(), true).unwrap();
        assert_eq!(fs::read_to_string(backup_path(&p)).unwrap(), "hai");
        assert_eq!(fs::read_to_string(&p).unwrap(), "ba");
        let left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_backup_that_cannot_be_made_leaves_the_file_and_the_old_backup() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        fs::write(&p, "một").unwrap();
        fs::write(backup_path(&p), "cũ").unwrap();
        // A folder where the backup's temporary file goes: neither link nor copy works.
        let (_, bak_tmp) = temp_paths(&p);
        fs::create_dir(&bak_tmp).unwrap();
        fs::write(bak_tmp.join("x"), "x").unwrap();
        assert!(write_atomic(&p, "hai".as_bytes(), true).is_err());
        assert_eq!(fs::read_to_string(&p).unwrap(), "một");
        assert_eq!(fs::read_to_string(backup_path(&p)).unwrap(), "cũ");
        assert!(!temp_paths(&p).0.exists());
    }

    /// A replacer whose renames fail with `EBUSY` (what Windows' sharing violation
    /// stands for here) the first `failures` times, counting tries and pauses.
    struct Held {
        failures: usize,
        tries: std::cell::Cell<usize>,
        paused: std::cell::Cell<Duration>,
    }

    impl Held {
        fn new(failures: usize) -> Self {
            Held {
                failures,
                tries: std::cell::Cell::new(0),
                paused: std::cell::Cell::new(Duration::ZERO),
            }
        }

        fn save(&self, path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), StorageError> {
            let rename = |from: &Path, to: &Path| {
                let n = self.tries.get() + 1;
                self.tries.set(n);
                if n <= self.failures {
                    Err(io::Error::from(io::ErrorKind::ResourceBusy))
                } else {
                    fs::rename(from, to)
                }
            };
            let pause = |d: Duration| self.paused.set(self.paused.get() + d);
            let replacer = Replacer {
                rename: &rename,
                pause: &pause,
            };
            write_atomic_with(path, bytes, keep_backup, &replacer)
        }
    }

    #[test]
    fn a_file_held_for_two_tries_is_saved_on_the_third() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        fs::write(&p, "một").unwrap();
        let held = Held::new(2);
        held.save(&p, "hai".as_bytes(), false).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "hai");
        assert_eq!(held.tries.get(), 3);
        assert_eq!(held.paused.get(), Duration::from_millis(150));
        assert!(!temp_paths(&p).0.exists());
    }

    #[test]
    fn a_file_held_all_along_stays_as_it_was_and_the_message_says_why_in_vietnamese() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        fs::write(&p, "một").unwrap();
        fs::write(backup_path(&p), "cũ").unwrap();
        let held = Held::new(usize::MAX);
        let e = held.save(&p, "hai".as_bytes(), true).unwrap_err();
        assert!(matches!(e, StorageError::HeldOpen { .. }), "{e:?}");
        let text = e.to_string();
        assert!(
            text.contains("chương trình khác") && text.contains("chưa bị mất"),
            "{text}"
        );
        assert_eq!(held.tries.get(), RETRY_PAUSES_MS.len() + 1);
        let waited = held.paused.get();
        assert!(
            waited >= Duration::from_millis(1500) && waited <= Duration::from_millis(2500),
            "{waited:?}"
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "một");
        assert_eq!(fs::read_to_string(backup_path(&p)).unwrap(), "cũ");
        let (tmp, bak_tmp) = temp_paths(&p);
        assert!(!tmp.exists() && !bak_tmp.exists());
    }

    #[test]
    fn other_failures_are_not_tried_again() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        fs::write(&p, "một").unwrap();
        let tries = std::cell::Cell::new(0);
        let rename = |_: &Path, _: &Path| {
            tries.set(tries.get() + 1);
            Err(io::Error::from(io::ErrorKind::PermissionDenied))
        };
        let replacer = Replacer {
            rename: &rename,
            pause: &|_| {},
        };
        let e = write_atomic_with(&p, b"hai", false, &replacer).unwrap_err();
        assert!(matches!(e, StorageError::Write { .. }), "{e:?}");
        assert_eq!(tries.get(), 1);
        assert_eq!(fs::read_to_string(&p).unwrap(), "một");
    }

    #[test]
    fn temporaries_of_dead_programs_go_and_others_stay() {
        if super::super::lock::process_running(std::process::id()).is_none() {
            return; // cannot tell which processes run on this platform
        }
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        fs::write(&p, "x").unwrap();
        // Process ids above the kernel's maximum (4194304) never run.
        let dead = [
            ".p.ron.tmp-4999999",
            ".p.ron.bak-tmp-4999998",
            ".p.ron.lock.tmp-4999997-3",
        ];
        for n in dead {
            fs::write(dir.path().join(n), "x").unwrap();
        }
        let mine = format!(".p.ron.tmp-{}", std::process::id());
        let other = ".q.ron.tmp-4999999";
        fs::write(dir.path().join(&mine), "x").unwrap();
        fs::write(dir.path().join(other), "x").unwrap();
        remove_stale_temps(&p);
        for n in dead {
            assert!(!dir.path().join(n).exists(), "{n}");
        }
        assert!(
            dir.path().join(&mine).exists(),
            "a save of ours may be under way"
        );
        assert!(dir.path().join(other).exists(), "another project's file");
    }
}
