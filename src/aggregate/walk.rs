//! aggregate: finding the project files under a folder (for `aggregate`, `check DIR`
//! and batch export). Sub-folders are walked; a link is followed only when it stays
//! inside the folder (its canonical path under the folder's), never round a loop, and
//! a file reached twice is read once; the walk stops at [`limits::MAX_FOLDER_ENTRIES`]
//! entries and [`limits::MAX_FOLDER_DEPTH`] levels. Only regular `.ron` files are
//! kept; special files named `.ron` (a FIFO would block the reader) and links leading
//! out of the folder are listed as unreadable.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::read::SkipReason;
use crate::limits;

/// The files to read, in path order, and what could not even be looked at.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub unreadable: Vec<(PathBuf, SkipReason, String)>,
}

/// Why a folder cannot be aggregated at all.
#[derive(Debug, thiserror::Error)]
pub enum WalkError {
    #[error(
        "Không mở được thư mục ({reason}). Hãy kiểm tra thư mục còn đó và bạn có quyền đọc.\nThư mục: {path}"
    )]
    Folder { path: String, reason: String },
    #[error(
        "Đây không phải là một thư mục. Hãy chọn thư mục chứa các tệp dự án (.ron).\nĐường dẫn: {0}"
    )]
    NotAFolder(String),
    #[error(
        "Không đọc hết thư mục: {what}. Hãy chọn thư mục chỉ chứa các tệp dự án cần đọc.\nThư mục: {path}"
    )]
    TooBig {
        path: String,
        what: limits::Exceeded,
    },
}

/// Whether `path` ends in `.ron` (any case).
fn is_ron(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// Every `.ron` file under `folder`, sorted by path.
pub fn find(folder: &Path) -> Result<Found, WalkError> {
    let meta = std::fs::metadata(folder).map_err(|e| WalkError::Folder {
        path: folder.display().to_string(),
        reason: crate::storage::io_reason(&e),
    })?;
    if !meta.is_dir() {
        return Err(WalkError::NotAFolder(folder.display().to_string()));
    }
    let root = std::fs::canonicalize(folder).map_err(|e| WalkError::Folder {
        path: folder.display().to_string(),
        reason: crate::storage::io_reason(&e),
    })?;
    let mut found = Found::default();
    let mut outside: Vec<PathBuf> = Vec::new();
    // A link is followed only when its target lies inside the folder; the ones leading
    // out are noted here (the filter cannot report) and listed afterwards.
    let walker = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .max_depth(limits::MAX_FOLDER_DEPTH)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if !e.path_is_symlink() {
                return true;
            }
            let inside = std::fs::canonicalize(e.path()).is_ok_and(|t| t.starts_with(&root));
            if !inside && (e.file_type().is_dir() || is_ron(e.path())) {
                outside.push(e.path().to_path_buf());
            }
            inside
        });
    // Files reached twice (through a link inside the folder) are read once.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut entries = 0usize;
    for entry in walker {
        entries += 1;
        if entries > limits::MAX_FOLDER_ENTRIES {
            return Err(WalkError::TooBig {
                path: folder.display().to_string(),
                what: limits::Exceeded::FolderEntries(limits::MAX_FOLDER_ENTRIES),
            });
        }
        match entry {
            Ok(e) => {
                let path = e.path();
                if e.file_type().is_dir() || !is_ron(path) {
                    continue;
                }
                if e.file_type().is_file() {
                    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                    if seen.insert(real) {
                        found.files.push(path.to_path_buf());
                    }
                } else {
                    found.unreadable.push((
                        path.to_path_buf(),
                        SkipReason::Unreadable,
                        "không phải tệp thông thường (thiết bị, ống dẫn hoặc tệp đặc biệt)"
                            .to_owned(),
                    ));
                }
            }
            // A link back to a folder above is walked once, not forever; nothing to say.
            Err(e) if e.loop_ancestor().is_some() => {}
            Err(e) => {
                let Some(path) = e.path().map(Path::to_path_buf) else {
                    continue;
                };
                // A broken link or a folder that cannot be listed: only said when it
                // could have held project files.
                if is_ron(&path) || std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
                    let reason = e
                        .io_error()
                        .map(crate::storage::io_reason)
                        .unwrap_or_else(|| "không đọc được".to_owned());
                    found
                        .unreadable
                        .push((path, SkipReason::Unreadable, reason));
                }
            }
        }
    }
    for path in outside {
        found.unreadable.push((
            path,
            SkipReason::Unreadable,
            "liên kết trỏ ra ngoài thư mục đã chọn; không đọc".to_owned(),
        ));
    }
    found.files.sort();
    Ok(found)
}
