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
    /// Opens a file or folder with the system's program (PDF viewer, file manager).
    fn open_externally(&mut self, path: &Path) -> Result<(), String>;
}

/// Native dialogs (rfd) and the system opener.
#[derive(Default)]
pub struct NativeDialogs {
    /// The folder the last dialog ended in.
    last_dir: Option<PathBuf>,
}

impl NativeDialogs {
    fn dialog(&self) -> rfd::FileDialog {
        let d = rfd::FileDialog::new();
        match &self.last_dir {
            Some(dir) => d.set_directory(dir),
            None => d,
        }
    }

    fn remember(&mut self, picked: Option<PathBuf>) -> Option<PathBuf> {
        if let Some(dir) = picked.as_ref().and_then(|p| p.parent()) {
            self.last_dir = Some(dir.to_owned());
        }
        picked
    }
}

impl Dialogs for NativeDialogs {
    fn open_project(&mut self) -> Option<PathBuf> {
        let picked = self
            .dialog()
            .set_title("Mở tệp dự án")
            .add_filter("Tệp dự án baocao (.ron)", &["ron"])
            .pick_file();
        self.remember(picked)
    }

    fn save_project(&mut self, suggested: &str) -> Option<PathBuf> {
        let picked = self
            .dialog()
            .set_title("Lưu tệp dự án")
            .add_filter("Tệp dự án baocao (.ron)", &["ron"])
            .set_file_name(suggested)
            .save_file()
            .map(|p| with_extension(p, "ron"));
        self.remember(picked)
    }

    fn save_pdf(&mut self, suggested: &str) -> Option<PathBuf> {
        let picked = self
            .dialog()
            .set_title("Xuất báo cáo ra PDF")
            .add_filter("Tệp PDF", &["pdf"])
            .set_file_name(suggested)
            .save_file()
            .map(|p| with_extension(p, "pdf"));
        self.remember(picked)
    }

    fn open_externally(&mut self, path: &Path) -> Result<(), String> {
        open_with_system(path)
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
pub fn open_with_system(path: &Path) -> Result<(), String> {
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
    cmd.spawn().map(|_| ()).map_err(|e| {
        format!(
            "Không mở được {} bằng chương trình của máy: {e}",
            path.display()
        )
    })
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
