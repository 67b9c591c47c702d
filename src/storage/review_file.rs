//! Reading and writing review files (`TÊN.gop-y-<người>.ron`) kept beside a project
//! by a reviewer who could only open it read-only. The format is in `review::file`.

use std::fs;
use std::path::{Path, PathBuf};

use super::versioned::{self, ReadFailure};
use super::{StorageError, write_atomic};
use crate::review::{REVIEW_FORMAT_VERSION, ReviewFile};
use crate::vi::ascii_slug;

/// Why a review file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ReviewFileError {
    #[error(
        "Không đọc được tệp góp ý ({reason}). Hãy kiểm tra tệp còn đó và bạn có quyền đọc.\nTệp: {path}"
    )]
    Read { path: PathBuf, reason: String },

    #[error(
        "Tệp góp ý bị lỗi ở dòng {line}, cột {column}: {message}. Chưa gộp gì từ tệp này; hãy nhờ người góp ý gửi lại tệp.\nTệp: {path}"
    )]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error(
        "Tệp góp ý được tạo bởi phiên bản mới hơn của chương trình (định dạng {found}, phiên bản này đọc được đến {supported}). Hãy cập nhật chương trình.\nTệp: {path}"
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    /// Where the review file goes there is a file that is not this reviewer's review
    /// file (another reviewer's whose name gives the same file name, a project, a
    /// damaged file): it is never written over.
    #[error(
        "Chỗ lưu tệp góp ý của bạn đã có một tệp khác (tệp góp ý của người khác, tệp dự án hoặc tệp bị hỏng); chương trình không ghi đè lên tệp đó. Góp ý của bạn vẫn còn trong cửa sổ; hãy báo người soạn báo cáo.\nTệp: {path}"
    )]
    NotOurs { path: PathBuf },

    #[error(transparent)]
    Save(#[from] StorageError),
}

impl ReviewFileError {
    /// A review file that could not be read, in the words of a review file.
    fn from_failure(path: &Path, failure: ReadFailure) -> Self {
        let path = path.to_owned();
        match failure {
            ReadFailure::Io(reason) => ReviewFileError::Read { path, reason },
            ReadFailure::Syntax {
                line,
                column,
                message,
            } => ReviewFileError::Parse {
                path,
                line,
                column,
                message,
            },
            ReadFailure::Newer {
                found, supported, ..
            } => ReviewFileError::NewerVersion {
                path,
                found,
                supported,
            },
        }
    }

    /// The (line, column) of a parse error.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            ReviewFileError::Parse { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

const MARK: &str = ".gop-y-";

/// The project's file name without its extension (`bao-cao` for `bao-cao.ron`).
fn stem(project_path: &Path) -> String {
    project_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "baocao".to_owned())
}

/// Where `author`'s review file of the project at `project_path` goes:
/// `TÊN.gop-y-nguyen-van-binh.ron` in the same folder.
pub fn review_file_path(project_path: &Path, author: &str) -> PathBuf {
    let mut slug = ascii_slug(author);
    if slug.is_empty() {
        slug = "khong-ten".to_owned();
    }
    project_path.with_file_name(format!("{}{MARK}{slug}.ron", stem(project_path)))
}

/// The review files beside the project at `project_path`, sorted by name; none when
/// the folder cannot be read.
pub fn find_review_files(project_path: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}{MARK}", stem(project_path));
    let dir = match project_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && name.ends_with(".ron") && name.len() > prefix.len() + 4
        })
        .map(|e| project_path.with_file_name(e.file_name()))
        .collect();
    found.sort();
    found
}

/// Reads and NFC-normalises the review file at `path`.
pub fn load_review_file(path: &Path) -> Result<ReviewFile, ReviewFileError> {
    let fail = |f| ReviewFileError::from_failure(path, f);
    let (bytes, _) =
        versioned::read_bytes(path, crate::limits::MAX_REVIEW_FILE_BYTES).map_err(fail)?;
    let text = versioned::utf8(bytes).map_err(fail)?;
    parse_review_file(&text, path)
}

/// Parses review file text; `path` only names the file in errors.
pub fn parse_review_file(text: &str, path: &Path) -> Result<ReviewFile, ReviewFileError> {
    let fail = |f| ReviewFileError::from_failure(path, f);
    let text = versioned::normalise(text);
    versioned::version(&text, REVIEW_FORMAT_VERSION).map_err(fail)?;
    let file = versioned::de::<ReviewFile>(&text).map_err(fail)?;
    versioned::renormalise_escapes(file, &text).map_err(fail)
}

/// Whether the file at `path` is a review file written by `author`.
pub fn is_review_file_of(path: &Path, author: &str) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
        && load_review_file(path).is_ok_and(|f| f.author == author)
}

/// The review file as pretty RON, strings written literally.
pub fn review_file_to_string(file: &ReviewFile) -> Result<String, ReviewFileError> {
    versioned::pretty(file).map_err(|e| ReviewFileError::Save(StorageError::Serialize(e)))
}

/// Saves the review file atomically (no backup: the file only ever grows). A file
/// already there is replaced only when it is the same reviewer's review file.
pub fn save_review_file(path: &Path, file: &ReviewFile) -> Result<(), ReviewFileError> {
    if fs::symlink_metadata(path).is_ok() && !is_review_file_of(path, &file.author) {
        return Err(ReviewFileError::NotOurs {
            path: path.to_owned(),
        });
    }
    let text = review_file_to_string(file)?;
    write_atomic(path, text.as_bytes(), false)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comment, ReviewRole};
    use crate::review::{Actor, ReviewOp};
    use chrono::NaiveDate;

    fn file() -> ReviewFile {
        let at = NaiveDate::from_ymd_opt(2026, 7, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        let mut f = ReviewFile::new(
            "bc-q2-2026",
            &Actor::new("Nguyễn Văn Bình", ReviewRole::Reviewer),
        );
        f.ops.push(ReviewOp::Comment(Comment {
            id: "gy-20260701090000-nguyen-van-binh".into(),
            section: "lanh-dao".into(),
            paragraph: Some(0),
            author: "Nguyễn Văn Bình".into(),
            role: ReviewRole::Reviewer,
            at,
            text: "Nêu rõ “số văn bản”.\nDòng hai.".into(),
            replies: vec![],
            resolved: false,
            resolved_by: None,
            resolved_at: None,
            reopened_at: None,
            anchor: None,
        }));
        f.ops.push(ReviewOp::Action {
            kind: crate::review::ActionKind::Issue,
            by: "Nguyễn Văn Bình".into(),
            role: ReviewRole::Reviewer,
            at,
            remark: String::new(),
            fingerprint: "ab".into(),
            issue: Some((12, NaiveDate::from_ymd_opt(2026, 7, 5).unwrap())),
        });
        f
    }

    #[test]
    fn a_review_file_goes_beside_the_project_named_after_its_author() {
        let p = Path::new("/tmp/du-an/Báo cáo Q2.ron");
        assert_eq!(
            review_file_path(p, "Nguyễn Văn Bình"),
            Path::new("/tmp/du-an/Báo cáo Q2.gop-y-nguyen-van-binh.ron")
        );
        assert_eq!(
            review_file_path(p, " "),
            Path::new("/tmp/du-an/Báo cáo Q2.gop-y-khong-ten.ron")
        );
    }

    #[test]
    fn a_saved_review_file_loads_back_and_is_found_beside_the_project() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("bao-cao.ron");
        fs::write(&project, "()").unwrap();
        let path = review_file_path(&project, "Nguyễn Văn Bình");
        save_review_file(&path, &file()).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("Nêu rõ “số văn bản”"),
            "strings stay readable:\n{text}"
        );
        assert_eq!(load_review_file(&path).unwrap(), file());

        fs::write(dir.path().join("bao-cao.gop-y-tran-thi-hoa.ron"), "x").unwrap();
        fs::write(dir.path().join("bao-cao.gop-y-tran-thi-hoa.ron.bak"), "x").unwrap();
        fs::write(dir.path().join("khac.gop-y-a.ron"), "x").unwrap();
        let found = find_review_files(&project);
        assert_eq!(
            found,
            [
                dir.path().join("bao-cao.gop-y-nguyen-van-binh.ron"),
                dir.path().join("bao-cao.gop-y-tran-thi-hoa.ron"),
            ]
        );
    }

    #[test]
    fn a_truncated_review_file_is_refused_with_its_position() {
        let text = review_file_to_string(&file()).unwrap();
        let cut = &text[..text.len() / 2];
        let err = parse_review_file(cut, Path::new("g.ron")).unwrap_err();
        assert!(matches!(err, ReviewFileError::Parse { .. }), "{err}");
        let (line, _) = err.position().unwrap();
        assert!(line > 1, "{err}");
        let msg = err.to_string();
        assert!(msg.starts_with("Tệp góp ý bị lỗi ở dòng"), "{msg}");
        assert!(msg.ends_with("Tệp: g.ron"), "{msg}");
    }

    #[test]
    fn a_malformed_review_file_names_the_line_and_column() {
        let text =
            review_file_to_string(&file())
                .unwrap()
                .replacen("role: Reviewer", "role: Leader", 1);
        let err = parse_review_file(&text, Path::new("g.ron")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("“Leader” không hợp lệ"), "{msg}");
        let line = text.lines().position(|l| l.contains("Leader")).unwrap() + 1;
        assert_eq!(err.position().map(|p| p.0), Some(line), "{msg}");

        let err = parse_review_file("(format_version: 1, report: \"r\")", Path::new("g.ron"))
            .unwrap_err();
        assert!(err.to_string().contains("thiếu trường “author”"), "{err}");
    }

    #[test]
    fn a_review_file_from_a_newer_program_is_refused() {
        let text = review_file_to_string(&file()).unwrap().replacen(
            "format_version: 1",
            "format_version: 9",
            1,
        );
        let err = parse_review_file(&text, Path::new("g.ron")).unwrap_err();
        assert!(
            matches!(err, ReviewFileError::NewerVersion { found: 9, .. }),
            "{err}"
        );
    }

    #[test]
    fn a_review_file_that_is_not_utf8_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.ron");
        fs::write(
            &path,
            b"(\n    format_version: 1,\n    author: \"B\xffnh\",\n)",
        )
        .unwrap();
        let err = load_review_file(&path).unwrap_err();
        assert_eq!(err.position(), Some((3, 15)), "{err}");
        assert!(
            err.to_string().contains("không phải văn bản UTF-8"),
            "{err}"
        );
    }

    #[test]
    fn a_review_file_is_saved_over_its_own_author_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bao-cao.gop-y-nguyen-van-binh.ron");
        save_review_file(&path, &file()).unwrap();
        save_review_file(&path, &file()).unwrap();
        // Another reviewer whose name gives the same file name keeps theirs.
        let mut other = file();
        other.author = "Nguyen Van Binh".to_owned();
        let before = fs::read(&path).unwrap();
        let err = save_review_file(&path, &other).unwrap_err();
        assert!(matches!(err, ReviewFileError::NotOurs { .. }), "{err}");
        assert!(err.to_string().contains("không ghi đè"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), before);
        // A project or a damaged file under that name is never replaced either.
        fs::write(&path, "(format_version: 3, plan: ())").unwrap();
        assert!(save_review_file(&path, &file()).is_err());
        assert_eq!(fs::read(&path).unwrap(), b"(format_version: 3, plan: ())");
    }

    #[test]
    fn a_missing_review_file_is_a_read_error() {
        let err = load_review_file(Path::new("/khong/co/tep.ron")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Không đọc được tệp góp ý (không tìm thấy"),
            "{err}"
        );
    }

    /// Found by fuzzing: characters written as escapes only appear after parsing, so
    /// they must be normalised then, or the file changes when written and read again.
    #[test]
    fn escaped_characters_are_normalised_and_a_review_file_reads_back_the_same() {
        for (text, author) in [
            (
                "(format_version: 1, report: \"r\", author: \"A\\u{301}\", role: Reviewer)",
                "Á",
            ),
            (
                "(format_version: 1, report: \"r\", author: \"B\\u{1}ình\", role: Drafter)",
                "Bình",
            ),
        ] {
            let file = parse_review_file(text, Path::new("g.ron")).unwrap();
            assert_eq!(file.author, author);
            let again =
                parse_review_file(&review_file_to_string(&file).unwrap(), Path::new("g.ron"))
                    .unwrap();
            assert_eq!(again, file);
        }
    }
}
