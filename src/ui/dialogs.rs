//! File choosers and the system viewer, behind a trait so that tests can answer for
//! the user. What each chooser shows (its title, the files it lists, open or save) is
//! written once, in [`Chooser::of`]; the native implementation shows it with rfd.

use std::path::{Path, PathBuf};

use super::command::PathPurpose;
use crate::aggregate::SummaryFormat;
use crate::layout::ImageKind;

/// What the app asks the desktop for.
pub trait Dialogs {
    /// The path the user picks for `purpose` ([`Chooser::of`] says what the chooser
    /// shows); a save chooser starts from `suggested` (a file name). `None` when
    /// cancelled.
    fn choose(&mut self, purpose: PathPurpose, suggested: &str) -> Option<PathBuf>;
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

/// What a chooser asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asks {
    /// A file that is there.
    Open,
    /// Where to write; this extension is added when the name typed has none.
    Save(&'static str),
    /// A folder.
    Folder,
}

/// A kind of file a chooser lists: its name and its extensions.
type Filter = (&'static str, &'static [&'static str]);

const PROJECT: Filter = ("Tệp dự án baocao (.ron)", &["ron"]);
const WORD: Filter = ("Tài liệu Word (.docx)", &["docx", "DOCX"]);
const PNG: Filter = ("Ảnh PNG nền trong suốt (.png)", &["png", "PNG"]);
const SAVE_PDF: (&str, &[Filter], Asks) = (
    "Xuất báo cáo ra PDF",
    &[("Tệp PDF", &["pdf"])],
    Asks::Save("pdf"),
);
const SAVE_DOCX: (&str, &[Filter], Asks) = (
    "Xuất báo cáo ra tệp Word",
    &[("Tệp Word (.docx)", &["docx"])],
    Asks::Save("docx"),
);

/// What the chooser of one purpose shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chooser {
    pub title: &'static str,
    /// The kinds of file listed; none for a folder.
    pub filters: &'static [Filter],
    pub asks: Asks,
}

impl Chooser {
    /// The chooser of `purpose`.
    pub fn of(purpose: PathPurpose) -> Self {
        use PathPurpose as P;
        let (title, filters, asks): (_, &'static [Filter], _) = match purpose {
            P::OpenProject => (
                "Mở tệp dự án",
                const {
                    &[
                        PROJECT,
                        (
                            "Báo cáo PDF do baocao xuất (.pdf), để khôi phục",
                            &["pdf", "PDF"],
                        ),
                    ]
                },
                Asks::Open,
            ),
            P::SaveProject => ("Lưu tệp dự án", &[PROJECT], Asks::Save("ron")),
            P::SavePdf(_) | P::SaveAggregate(SummaryFormat::Pdf) => SAVE_PDF,
            P::SaveDocx(_) | P::SaveAggregate(SummaryFormat::Docx) => SAVE_DOCX,
            P::SaveAggregate(SummaryFormat::Xlsx) => (
                "Xuất bảng tổng hợp ra Excel",
                &[("Bảng Excel (.xlsx)", &["xlsx"])],
                Asks::Save("xlsx"),
            ),
            P::ImportTable => (
                "Chọn bảng chỉ tiêu hoặc nhiệm vụ",
                &[(
                    "Bảng CSV hoặc Excel (.csv, .xlsx)",
                    &["csv", "xlsx", "CSV", "XLSX"],
                )],
                Asks::Open,
            ),
            P::PlanDocument => (
                "Chọn kế hoạch (Kế hoạch và Phụ lục nhiệm vụ)",
                &[(
                    "Kế hoạch: Word (.docx) hoặc văn bản thuần (.txt)",
                    &["docx", "DOCX", "txt", "TXT"],
                )],
                Asks::Open,
            ),
            P::WordReport => ("Mở báo cáo Word", &[WORD], Asks::Open),
            P::WordComments => ("Nhập góp ý từ tệp Word", &[WORD], Asks::Open),
            P::AggregateFolder => (
                "Chọn thư mục chứa tệp của các xã, phường",
                &[],
                Asks::Folder,
            ),
            P::SignedPdf => (
                "Chọn bản PDF đã ký số để kiểm tra",
                &[("Tệp PDF", &["pdf", "PDF"])],
                Asks::Open,
            ),
            P::SigningImage(ImageKind::Seal) => (
                "Chọn ảnh con dấu (PNG màu đỏ, nền trong suốt)",
                &[PNG],
                Asks::Open,
            ),
            P::SigningImage(ImageKind::Signature) => (
                "Chọn ảnh chữ ký (PNG màu xanh, nền trong suốt)",
                &[PNG],
                Asks::Open,
            ),
        };
        Self {
            title,
            filters,
            asks,
        }
    }
    /// The extension a save chooser adds; empty for the others.
    pub fn extension(self) -> &'static str {
        match self.asks {
            Asks::Save(ext) => ext,
            Asks::Open | Asks::Folder => "",
        }
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
}

impl Dialogs for NativeDialogs {
    fn start_in(&mut self, dir: &Path) {
        if dir.is_dir() {
            self.last_dir = Some(dir.to_owned());
        }
    }

    fn choose(&mut self, purpose: PathPurpose, suggested: &str) -> Option<PathBuf> {
        let chooser = Chooser::of(purpose);
        let start = std::time::Instant::now();
        let mut d = rfd::FileDialog::new().set_title(chooser.title);
        if let Some(dir) = &self.last_dir {
            d = d.set_directory(dir);
        }
        for (name, extensions) in chooser.filters {
            d = d.add_filter(*name, extensions);
        }
        let picked = match chooser.asks {
            Asks::Open => d.pick_file(),
            Asks::Save(ext) => d
                .set_file_name(suggested)
                .save_file()
                .map(|p| with_extension(p, ext)),
            Asks::Folder => d.pick_folder(),
        };
        if picked.is_none() && start.elapsed() < NO_DIALOG_WITHIN {
            self.unavailable = true;
        }
        // The next chooser starts where this one ended: in a folder picked, itself.
        let dir = match chooser.asks {
            Asks::Folder => picked.clone(),
            _ => picked.as_ref().and_then(|p| p.parent()).map(Path::to_owned),
        };
        if dir.is_some() {
            self.last_dir = dir;
        }
        picked
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
