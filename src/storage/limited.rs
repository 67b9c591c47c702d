//! storage: reading a file the user named, safely: only a regular file (a FIFO would
//! block forever, a link to `/dev/zero` would never end), and never more than a limit
//! counted in bytes actually read, not in the size the file system reports.

use std::fs;
use std::io::{self, Read};
use std::path::Path;
use std::time::SystemTime;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LimitedReadError {
    /// A folder, a device, a FIFO, a socket: not a file the program can read.
    #[error("{}", what_it_is(.0))]
    NotAFile(FileKind),
    /// Longer than the limit (the count is at least this many bytes).
    #[error("tệp quá lớn (trên {} MB)", .0 / (1024 * 1024))]
    TooLarge(u64),
    #[error("{}", super::io_reason(.0))]
    Io(#[from] io::Error),
}

/// What a path that is not a regular file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Folder,
    Other,
}

fn what_it_is(kind: &FileKind) -> &'static str {
    match kind {
        FileKind::Folder => "đây là một thư mục, không phải tệp",
        FileKind::Other => {
            "đây không phải tệp thông thường (thiết bị, ống dẫn hoặc tệp đặc biệt của hệ thống)"
        }
    }
}

/// Refuses anything that is not a regular file (links are followed), before opening
/// it: opening a FIFO for reading blocks until somebody writes to it.
pub fn ensure_regular(path: &Path) -> Result<fs::Metadata, LimitedReadError> {
    let meta = fs::metadata(path)?;
    if meta.is_dir() {
        return Err(LimitedReadError::NotAFile(FileKind::Folder));
    }
    if !meta.is_file() {
        return Err(LimitedReadError::NotAFile(FileKind::Other));
    }
    Ok(meta)
}

/// The bytes of the regular file at `path` and its modification time; at most `max`
/// bytes, counted as they are read.
pub fn read_limited(
    path: &Path,
    max: u64,
) -> Result<(Vec<u8>, Option<SystemTime>), LimitedReadError> {
    let meta = ensure_regular(path)?;
    if meta.len() > max {
        return Err(LimitedReadError::TooLarge(max));
    }
    let file = fs::File::open(path)?;
    // The file may have been swapped for something else since the check above.
    if !file.metadata()?.is_file() {
        return Err(LimitedReadError::NotAFile(FileKind::Other));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(LimitedReadError::TooLarge(max));
    }
    Ok((bytes, meta.modified().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        fs::write(&p, "()").unwrap();
        assert_eq!(read_limited(&p, 10).unwrap().0, b"()");
    }

    #[test]
    fn a_folder_is_refused_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_limited(dir.path(), 10).unwrap_err();
        assert!(matches!(err, LimitedReadError::NotAFile(FileKind::Folder)));
        assert!(err.to_string().contains("thư mục"));
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        fs::write(&p, "0123456789").unwrap();
        assert!(matches!(
            read_limited(&p, 9),
            Err(LimitedReadError::TooLarge(9))
        ));
        assert!(read_limited(&p, 10).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_device_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("zero.ron");
        std::os::unix::fs::symlink("/dev/zero", &p).unwrap();
        let err = read_limited(&p, 1024).unwrap_err();
        assert!(
            matches!(err, LimitedReadError::NotAFile(FileKind::Other)),
            "{err}"
        );
        assert!(err.to_string().contains("không phải tệp thông thường"));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ong.ron");
        let made = std::process::Command::new("mkfifo").arg(&p).status();
        if !made.is_ok_and(|s| s.success()) {
            panic!("mkfifo is needed for this test");
        }
        let err = read_limited(&p, 1024).unwrap_err();
        assert!(
            matches!(err, LimitedReadError::NotAFile(FileKind::Other)),
            "{err}"
        );
    }
}
