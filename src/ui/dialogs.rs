//! File choosers and the system viewer, behind a trait so that tests can answer for
//! the user. The native implementation uses rfd.

use std::path::{Path, PathBuf};

/// What the app asks the desktop for.
pub trait Dialogs {
    /// A project file to open.
    fn open_project(&mut self) -> Option<PathBuf>;
    /// Where to save a project, starting from `suggested` (a file name).
    fn save_project(&mut self, suggested: &str) -> Option<PathBuf>;
    /// Where to write a PDF, starting from `suggested` (a file name).
    fn save_pdf(&mut self, suggested: &str) -> Option<PathBuf>;
    /// Where to write a Word file, starting from `suggested` (a file name).
    fn save_docx(&mut self, suggested: &str) -> Option<PathBuf>;
    /// A CSV or XLSX table of indicators or tasks to import.
    fn open_table(&mut self) -> Option<PathBuf>;
    /// A Word document (.docx) to read: a report, or a reviewer's comments (`title`
    /// says which). Desktops without it answer nothing.
    fn open_word(&mut self, _title: &str) -> Option<PathBuf> {
        None
    }
    /// A PNG image (the signature or the seal, `title` says which). Desktops without
    /// it answer nothing.
    fn open_png(&mut self, _title: &str) -> Option<PathBuf> {
        None
    }
    /// A plan document (Kế hoạch, .docx or .txt) to import. Desktops without it
    /// answer nothing.
    fn open_plan(&mut self) -> Option<PathBuf> {
        None
    }
    /// A signed PDF to check against the open project. Desktops without it answer
    /// nothing.
    fn open_signed_pdf(&mut self) -> Option<PathBuf> {
        None
    }
    /// A folder of communes' project files to sum (Tổng hợp nhiều xã…).
    fn pick_folder(&mut self, _title: &str) -> Option<PathBuf> {
        None
    }
    /// Where to write the aggregation's workbook, starting from `suggested`.
    fn save_xlsx(&mut self, _suggested: &str) -> Option<PathBuf> {
        None
    }
    /// Opens a file or folder with the system's program (PDF viewer, file manager).
    fn open_externally(&mut self, path: &Path) -> Result<(), String>;
    /// The folder the next chooser starts in: the open project's.
    fn start_in(&mut self, _dir: &Path) {}
    /// The printers of this computer; none where the desktop is not asked (tests list
    /// their own).
    fn printers(&mut self) -> Vec<crate::print::PrinterInfo> {
        Vec::new()
    }
    /// Sends the job's pages to the job's printer: `pages` as laid out, `pdf` the same
    /// pages written as PDF (see [`crate::print::submit`]).
    fn print(
        &mut self,
        _pdf: &Path,
        _pages: &crate::layout::Pages,
        _job: &crate::print::PrintJob,
    ) -> Result<(), crate::print::PrintError> {
        Err(crate::print::PrintError::NoPrinter)
    }
    /// False once the desktop showed no chooser at all (no file-chooser portal):
    /// the app then asks for the path itself.
    fn available(&self) -> bool {
        true
    }
}

/// Native dialogs (rfd) and the system opener.
#[derive(Default)]
pub struct NativeDialogs {
    /// The folder the last dialog ended in.
    last_dir: Option<PathBuf>,
    /// Set when a chooser returned at once without showing anything.
    unavailable: bool,
}

/// A chooser that comes back faster than this showed nothing to the user.
const NO_DIALOG_WITHIN: std::time::Duration = std::time::Duration::from_millis(150);

impl NativeDialogs {
    /// The folder choosers start in.
    pub fn start_dir(&self) -> Option<&Path> {
        self.last_dir.as_deref()
    }

    fn dialog(&self) -> rfd::FileDialog {
        let d = rfd::FileDialog::new();
        match &self.last_dir {
            Some(dir) => d.set_directory(dir),
            None => d,
        }
    }

    /// Runs a chooser, noting when it could not be shown.
    fn run(&mut self, pick: impl FnOnce(rfd::FileDialog) -> Option<PathBuf>) -> Option<PathBuf> {
        let start = std::time::Instant::now();
        let picked = pick(self.dialog());
        if picked.is_none() && start.elapsed() < NO_DIALOG_WITHIN {
            self.unavailable = true;
        }
        self.remember(picked)
    }

    fn remember(&mut self, picked: Option<PathBuf>) -> Option<PathBuf> {
        if let Some(dir) = picked.as_ref().and_then(|p| p.parent()) {
            self.last_dir = Some(dir.to_owned());
        }
        picked
    }
}

impl Dialogs for NativeDialogs {
    fn start_in(&mut self, dir: &Path) {
        if dir.is_dir() {
            self.last_dir = Some(dir.to_owned());
        }
    }

    fn open_project(&mut self) -> Option<PathBuf> {
        self.run(|d| {
            d.set_title("Mở tệp dự án")
                .add_filter("Tệp dự án baocao (.ron)", &["ron"])
                .add_filter(
                    "Báo cáo PDF do baocao xuất (.pdf), để khôi phục",
                    &["pdf", "PDF"],
                )
                .pick_file()
        })
    }

    fn open_table(&mut self) -> Option<PathBuf> {
        self.run(|d| {
            d.set_title("Chọn bảng chỉ tiêu hoặc nhiệm vụ")
                .add_filter(
                    "Bảng CSV hoặc Excel (.csv, .xlsx)",
                    &["csv", "xlsx", "CSV", "XLSX"],
                )
                .pick_file()
        })
    }

    fn open_plan(&mut self) -> Option<PathBuf> {
        self.run(|d| {
            d.set_title("Chọn kế hoạch (Kế hoạch và Phụ lục nhiệm vụ)")
                .add_filter(
                    "Kế hoạch: Word (.docx) hoặc văn bản thuần (.txt)",
                    &["docx", "DOCX", "txt", "TXT"],
                )
                .pick_file()
        })
    }

    fn open_word(&mut self, title: &str) -> Option<PathBuf> {
        self.run(|d| {
            d.set_title(title)
                .add_filter("Tài liệu Word (.docx)", &["docx", "DOCX"])
                .pick_file()
        })
    }

    fn save_project(&mut self, suggested: &str) -> Option<PathBuf> {
        self.run(|d| {
            d.set_title("Lưu tệp dự án")
                .add_filter("Tệp dự án baocao (.ron)", &["ron"])
                .set_file_name(suggested)
                .save_file()
                .map(|p| with_extension(p, "ron"))
        })
    }

    fn open_png(&mut self, title: &str) -> Option<PathBuf> {
        self.run(|d| {
            d.set_title(title)
                .add_filter("Ảnh PNG nền trong suốt (.png)", &["png", "PNG"])
                .pick_file()
        })
    }

    fn open_signed_pdf(&mut self) -> Option<PathBuf> {
        self.run(|d| {
            d.set_title("Chọn bản PDF đã ký số để kiểm tra")
                .add_filter("Tệp PDF", &["pdf", "PDF"])
                .pick_file()
        })
    }

    fn save_pdf(&mut self, suggested: &str) -> Option<PathBuf> {
        self.run(|d| {
            d.set_title("Xuất báo cáo ra PDF")
                .add_filter("Tệp PDF", &["pdf"])
                .set_file_name(suggested)
                .save_file()
                .map(|p| with_extension(p, "pdf"))
        })
    }

    fn pick_folder(&mut self, title: &str) -> Option<PathBuf> {
        let picked = self.run(|d| d.set_title(title).pick_folder());
        // The folder itself is where the next chooser starts.
        if let Some(dir) = &picked {
            self.last_dir = Some(dir.clone());
        }
        picked
    }

    fn save_xlsx(&mut self, suggested: &str) -> Option<PathBuf> {
        self.run(|d| {
            d.set_title("Xuất bảng tổng hợp ra Excel")
                .add_filter("Bảng Excel (.xlsx)", &["xlsx"])
                .set_file_name(suggested)
                .save_file()
                .map(|p| with_extension(p, "xlsx"))
        })
    }

    fn save_docx(&mut self, suggested: &str) -> Option<PathBuf> {
        self.run(|d| {
            d.set_title("Xuất báo cáo ra tệp Word")
                .add_filter("Tệp Word (.docx)", &["docx"])
                .set_file_name(suggested)
                .save_file()
                .map(|p| with_extension(p, "docx"))
        })
    }

    fn open_externally(&mut self, path: &Path) -> Result<(), String> {
        open_with_system(path)
    }

    fn printers(&mut self) -> Vec<crate::print::PrinterInfo> {
        crate::print::system_printers()
    }

    fn print(
        &mut self,
        pdf: &Path,
        pages: &crate::layout::Pages,
        job: &crate::print::PrintJob,
    ) -> Result<(), crate::print::PrintError> {
        crate::print::submit(pdf, pages, job)
    }

    fn available(&self) -> bool {
        !self.unavailable
    }
}

/// Adds `ext` when the user typed a name without it.
pub fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    let has = path
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext));
    if has {
        path
    } else {
        let mut name = path
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        name.push(".");
        name.push(ext);
        path.with_file_name(name)
    }
}

/// Opens `path` with the desktop's default program.
fn open_with_system(path: &Path) -> Result<(), String> {
    let mut cmd = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]).arg(path);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    cmd.spawn()
        .map(|_| ())
        .map_err(|e| no_opener_message(path, &e))
}

/// What to tell the clerk when the system cannot open `path`: why, in Vietnamese, and
/// where the file is so that it can be opened by hand.
pub fn no_opener_message(path: &Path, err: &std::io::Error) -> String {
    let why = if err.kind() == std::io::ErrorKind::NotFound {
        "máy này chưa có chương trình mở loại tệp này".to_owned()
    } else {
        crate::storage::io_reason(err)
    };
    let folder = path
        .parent()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    format!(
        "Không mở được tệp: {why}. Tệp đã được ghi ở {}; hãy mở thư mục {folder} rồi mở tệp bằng chương trình đọc PDF hoặc Word.",
        path.display()
    )
}

#[cfg(test)]
mod start_dir_tests {
    use super::*;

    #[test]
    fn without_an_opener_the_message_says_where_the_file_is_in_vietnamese() {
        let err = std::io::Error::from(std::io::ErrorKind::NotFound);
        let m = no_opener_message(Path::new("/tmp/bao-cao/BC.pdf"), &err);
        assert!(
            m.contains("/tmp/bao-cao/BC.pdf") && m.contains("thư mục /tmp/bao-cao"),
            "{m}"
        );
        assert!(m.contains("chưa có chương trình"), "{m}");
        assert!(!m.contains("os error"), "{m}");
    }

    #[test]
    fn choosers_start_in_the_open_projects_folder() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut d = NativeDialogs::default();
        assert_eq!(d.start_dir(), None);
        d.start_in(dir.path());
        assert_eq!(d.start_dir(), Some(dir.path()));
        d.start_in(&dir.path().join("khong-co"));
        assert_eq!(
            d.start_dir(),
            Some(dir.path()),
            "a folder that is not there is ignored"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_extension_is_added_and_a_present_one_kept() {
        assert_eq!(
            with_extension("a/bao-cao".into(), "pdf"),
            PathBuf::from("a/bao-cao.pdf")
        );
        assert_eq!(
            with_extension("a/b.PDF".into(), "pdf"),
            PathBuf::from("a/b.PDF")
        );
        assert_eq!(
            with_extension("a/b.ron".into(), "pdf"),
            PathBuf::from("a/b.ron.pdf")
        );
    }
}
