//! storage: where an output (PDF, DOCX, CSV, XLSX, PNG) may be written. One guard for
//! every writer of the program: an output never replaces the project, a file the same
//! command reads, a project or review file, a folder or a device; an existing plain
//! output only when the user said so, and then its previous bytes are kept as `.bak`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{StorageError, write_atomic};

/// What one write may replace: the files the command reads (never replaced) and
/// whether the user agreed to replace an existing plain output (`--force`, or the
/// window's question answered).
#[derive(Clone, Debug, Default)]
pub struct OutputGuard {
    /// The files being read, each with what it is in the clerk's words.
    inputs: Vec<(PathBuf, &'static str)>,
    force: bool,
}

/// What writing to a target that passed the guard does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Nothing is there yet.
    New,
    /// A plain output is there and the user agreed to replace it; it becomes `.bak`.
    Replace,
}

/// Why an output was not written. Every message names the file and says what it is.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The target is (through any link or `..`) a file this command reads.
    #[error(
        "Không ghi tệp kết quả vào đây: đó chính là {what} mà lệnh đang đọc, ghi vào sẽ làm mất nó. Hãy chọn tên khác cho tệp kết quả; tệp không bị thay đổi.\nTệp: {path}"
    )]
    IsInput { path: PathBuf, what: &'static str },
    /// An existing project, backup, autosave, lock or review file.
    #[error(
        "Không ghi tệp kết quả đè lên {what}: tệp này chứa công việc của bạn. Hãy chọn tên khác cho tệp kết quả; tệp không bị thay đổi.\nTệp: {path}"
    )]
    KeepsWork { path: PathBuf, what: &'static str },
    /// A folder, a device, a FIFO: nothing a document can be written to.
    #[error(
        "Không ghi được tệp kết quả vào đây: {}. Hãy chọn một tên tệp thông thường.\nTệp: {path}",
        if *.folder { "đây là một thư mục" } else { "đây không phải tệp thông thường (thiết bị, ống dẫn hoặc tệp đặc biệt của hệ thống)" }
    )]
    NotAFile { path: PathBuf, folder: bool },
    /// A plain output is there and replacing it was not asked for.
    #[error(
        "Tệp kết quả đã có. Để thay thế, hãy thêm --force vào lệnh (trong cửa sổ: bấm “Ghi đè”); tệp cũ sẽ được giữ thành bản .bak.\nTệp: {path}"
    )]
    Exists { path: PathBuf },
    #[error(transparent)]
    Write(#[from] StorageError),
}

impl OutputGuard {
    /// A guard that reads nothing and replaces nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether an existing plain output may be replaced (kept as `.bak`).
    pub fn forced(mut self, force: bool) -> Self {
        self.force = force;
        self
    }

    /// Notes a file the command reads (`what`: "tệp dự án", "ảnh chữ ký"…).
    pub fn reading(mut self, path: &Path, what: &'static str) -> Self {
        self.inputs.push((path.to_owned(), what));
        self
    }

    /// Notes every file of `paths` as read.
    pub fn reading_all<'a>(
        mut self,
        paths: impl IntoIterator<Item = &'a Path>,
        what: &'static str,
    ) -> Self {
        self.inputs
            .extend(paths.into_iter().map(|p| (p.to_owned(), what)));
        self
    }

    /// Decides whether `target` may be written, without writing anything.
    pub fn check(&self, target: &Path) -> Result<Target, OutputError> {
        // `metadata` follows links: what counts is the file that would be lost.
        let meta = match fs::metadata(target) {
            Ok(m) => m,
            // Nothing there (or a dangling link): a new file.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::New),
            // Cannot even look: writing will say why.
            Err(_) => return Ok(Target::New),
        };
        let path = target.to_owned();
        if meta.is_dir() {
            return Err(OutputError::NotAFile { path, folder: true });
        }
        if !meta.is_file() {
            return Err(OutputError::NotAFile {
                path,
                folder: false,
            });
        }
        if let Some((_, what)) = self
            .inputs
            .iter()
            .find(|(input, _)| same_file(target, &meta, input))
        {
            return Err(OutputError::IsInput { path, what });
        }
        if let Some(what) = keeps_work(target) {
            return Err(OutputError::KeepsWork { path, what });
        }
        if self.force {
            Ok(Target::Replace)
        } else {
            Err(OutputError::Exists { path })
        }
    }
}

/// Writes an output (PDF, DOCX, CSV, XLSX, PNG) to `path` atomically once `guard`
/// allows it; a replaced plain output is kept as `.bak`.
pub fn write_output_guarded(
    path: &Path,
    bytes: &[u8],
    guard: &OutputGuard,
) -> Result<(), OutputError> {
    let keep_backup = guard.check(path)? == Target::Replace;
    write_atomic(path, bytes, keep_backup).map_err(|e| match e {
        StorageError::Write { path, reason } => {
            OutputError::Write(StorageError::WriteOutput { path, reason })
        }
        other => OutputError::Write(other),
    })
}

/// Whether `target` (whose metadata is `meta`) is the very file `input` names.
fn same_file(target: &Path, meta: &fs::Metadata, input: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = target;
        fs::metadata(input).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        // Volume serial number and file index: hard links and junctions included.
        same_file::is_same_file(target, input).unwrap_or(false)
            || matches!(
                (fs::canonicalize(target), fs::canonicalize(input)),
                (Ok(a), Ok(b)) if a == b
            )
    }
}

/// What `path` is when it holds the clerk's work (by its name, or the name of the
/// file a link points to, or by its content); `None` for a plain output.
fn keeps_work(path: &Path) -> Option<&'static str> {
    let by_name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .and_then(|n| kind_by_name(&n))
    };
    by_name(path)
        .or_else(|| fs::canonicalize(path).ok().as_deref().and_then(by_name))
        .or_else(|| kind_by_content(path))
}

fn kind_by_name(name: &str) -> Option<&'static str> {
    if name.ends_with(".ron.bak") {
        Some("bản sao lưu (.bak) của tệp dự án")
    } else if name.ends_with(".recovery") {
        Some("bản tự lưu của tệp dự án")
    } else if name.ends_with(".ron.lock") {
        Some("tệp khóa của tệp dự án")
    } else if name.ends_with(".ron") && name.contains(".gop-y-") {
        Some("tệp góp ý")
    } else if name.ends_with(".ron") {
        Some("tệp dự án")
    } else {
        None
    }
}

/// How much of a file is looked at to recognise a project written under another name.
const SNIFF_BYTES: u64 = 64 * 1024;

/// A project, review or recovery file renamed (`du-an.txt`, `ban-cu`): RON text that
/// names its `format_version`. PDFs, Word files and images are never taken for one,
/// even when a PDF carries the report's source inside.
fn kind_by_content(path: &Path) -> Option<&'static str> {
    let mut head = Vec::new();
    fs::File::open(path)
        .ok()?
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .ok()?;
    const BINARY: [&[u8]; 4] = [b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"\xd0\xcf\x11\xe0"];
    if BINARY.iter().any(|magic| head.starts_with(magic)) {
        return None;
    }
    let text = match std::str::from_utf8(&head) {
        Ok(t) => t,
        // Cut inside a character at the end of the sample: the part before counts.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let ron_like = body.starts_with('(') || body.starts_with("//") || body.starts_with("#!");
    (ron_like && text.contains("format_version")).then_some("tệp dự án (hoặc tệp góp ý)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn a_new_file_is_written_without_a_backup() {
        let d = dir();
        let out = d.path().join("bao-cao.pdf");
        write_output_guarded(&out, b"%PDF-1", &OutputGuard::new()).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"%PDF-1");
        assert!(!d.path().join("bao-cao.pdf.bak").exists());
    }

    #[test]
    fn the_project_being_read_is_refused_also_through_dots_and_links() {
        let d = dir();
        let project = d.path().join("du-an.ron");
        fs::write(&project, "(format_version: 3)").unwrap();
        let guard = OutputGuard::new()
            .forced(true)
            .reading(&project, "tệp dự án");
        let dotted = d.path().join("sub/../du-an.ron");
        fs::create_dir(d.path().join("sub")).unwrap();
        for target in [project.clone(), dotted] {
            let e = guard.check(&target).unwrap_err();
            assert!(matches!(e, OutputError::IsInput { .. }), "{e:?}");
            assert!(e.to_string().contains("tệp dự án"), "{e}");
        }
        #[cfg(unix)]
        {
            let link = d.path().join("ket-qua.pdf");
            std::os::unix::fs::symlink(&project, &link).unwrap();
            let hard = d.path().join("cung-tep.pdf");
            fs::hard_link(&project, &hard).unwrap();
            for target in [link, hard] {
                let e = write_output_guarded(&target, b"%PDF-1", &guard).unwrap_err();
                assert!(matches!(e, OutputError::IsInput { .. }), "{e:?}");
            }
        }
        assert_eq!(fs::read(&project).unwrap(), b"(format_version: 3)");
    }

    #[test]
    fn an_input_image_is_refused_even_when_forced() {
        let d = dir();
        let png = d.path().join("chu-ky.png");
        fs::write(&png, b"\x89PNG....").unwrap();
        let guard = OutputGuard::new().forced(true).reading(&png, "ảnh chữ ký");
        let e = write_output_guarded(&png, b"%PDF-1", &guard).unwrap_err();
        assert!(e.to_string().contains("ảnh chữ ký"), "{e}");
        assert_eq!(fs::read(&png).unwrap(), b"\x89PNG....");
    }

    #[test]
    fn project_backup_autosave_and_review_files_are_refused_by_name_and_by_content() {
        let d = dir();
        for name in [
            "khac.ron",
            "khac.RON",
            "khac.ron.bak",
            "khac.ron.recovery",
            "khac.gop-y-an.ron",
        ] {
            let p = d.path().join(name);
            fs::write(&p, "không cần đúng cú pháp").unwrap();
            let e = OutputGuard::new().forced(true).check(&p).unwrap_err();
            assert!(matches!(e, OutputError::KeepsWork { .. }), "{name}: {e:?}");
        }
        let renamed = d.path().join("ban-cu.csv");
        fs::write(
            &renamed,
            "\u{feff}// baocao-ban-goc: x\n(\n  format_version: 3,\n)",
        )
        .unwrap();
        let e = OutputGuard::new().forced(true).check(&renamed).unwrap_err();
        assert!(e.to_string().contains("tệp dự án"), "{e}");
    }

    #[test]
    fn a_pdf_carrying_its_source_is_still_a_plain_output() {
        let d = dir();
        let pdf = d.path().join("ky-so.pdf");
        fs::write(&pdf, b"%PDF-1.7\n(format_version: 3)").unwrap();
        assert_eq!(
            OutputGuard::new().forced(true).check(&pdf).unwrap(),
            Target::Replace
        );
    }

    #[test]
    fn an_existing_output_needs_force_and_then_keeps_a_backup() {
        let d = dir();
        let out = d.path().join("bao-cao.pdf");
        fs::write(&out, b"%PDF-old").unwrap();
        let e = write_output_guarded(&out, b"%PDF-new", &OutputGuard::new()).unwrap_err();
        assert!(matches!(e, OutputError::Exists { .. }));
        assert!(e.to_string().contains("--force"), "{e}");
        assert_eq!(fs::read(&out).unwrap(), b"%PDF-old");
        write_output_guarded(&out, b"%PDF-new", &OutputGuard::new().forced(true)).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"%PDF-new");
        assert_eq!(
            fs::read(d.path().join("bao-cao.pdf.bak")).unwrap(),
            b"%PDF-old"
        );
    }

    #[test]
    fn folders_and_devices_are_refused() {
        let d = dir();
        let e = OutputGuard::new().forced(true).check(d.path()).unwrap_err();
        assert!(matches!(e, OutputError::NotAFile { folder: true, .. }));
        assert!(e.to_string().contains("thư mục"), "{e}");
        #[cfg(unix)]
        {
            let e = OutputGuard::new()
                .forced(true)
                .check(Path::new("/dev/null"))
                .unwrap_err();
            assert!(matches!(e, OutputError::NotAFile { folder: false, .. }));
        }
    }
}
