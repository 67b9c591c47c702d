//! aggregate: finding the project files under a folder. Sub-folders are walked, links
//! followed but never round a loop, and only regular `.ron` files are kept; special
//! files named `.ron` (a FIFO would block the reader) are listed as unreadable.

use std::path::{Path, PathBuf};

use super::read::SkipReason;

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
    let mut found = Found::default();
    let walker = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(e) => {
                let path = e.path();
                if e.file_type().is_dir() || !is_ron(path) {
                    continue;
                }
                if e.file_type().is_file() {
                    found.files.push(path.to_path_buf());
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
    found.files.sort();
    Ok(found)
}
