//! cli: `baocao check FOLDER` and `baocao export FOLDER --out DIR`: every project file
//! under a folder, in parallel on every core, with a progress bar on the terminal and
//! a summary. One bad file never stops the batch; the exit status says whether every
//! file went through.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::ExportArgs;
use crate::aggregate;
use crate::check::{Severity, check, is_usable};

/// A progress bar on standard error, only when it is a terminal (scripts and tests
/// get no escape codes). Created on the first report, once the total is known.
pub(crate) struct Progress {
    bar: OnceLock<Option<indicatif::ProgressBar>>,
    message: &'static str,
}

impl Progress {
    pub(crate) fn new(message: &'static str) -> Self {
        Progress {
            bar: OnceLock::new(),
            message,
        }
    }

    /// Tells the bar `done` of `total` files are read.
    pub(crate) fn tick(&self, done: usize, total: usize) {
        let bar = self.bar.get_or_init(|| {
            std::io::stderr().is_terminal().then(|| {
                let bar = indicatif::ProgressBar::new(total as u64);
                if let Ok(style) = indicatif::ProgressStyle::with_template(
                    "{msg} [{bar:40}] {pos}/{len} tệp ({per_sec}, còn {eta})",
                ) {
                    bar.set_style(style.progress_chars("=> "));
                }
                bar.set_message(self.message);
                bar
            })
        });
        if let Some(bar) = bar {
            bar.set_position(done as u64);
        }
    }

    /// Removes the bar before the summary is printed.
    pub(crate) fn finish(&self) {
        if let Some(Some(bar)) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

/// The project files under `folder`; files that cannot even be looked at are written
/// to `out` and counted as failures.
fn files_of(folder: &Path, out: &mut dyn Write) -> Result<(Vec<PathBuf>, usize), ExitCode> {
    let found = aggregate::find(folder).map_err(|e| {
        let _ = writeln!(out, "{e}");
        ExitCode::from(1)
    })?;
    for (path, _, reason) in &found.unreadable {
        let _ = writeln!(out, "{}: không đọc được ({reason}).", path.display());
    }
    if found.files.is_empty() && found.unreadable.is_empty() {
        let _ = writeln!(
            out,
            "Không có tệp dự án (.ron) nào trong thư mục.\nThư mục: {}",
            folder.display()
        );
        return Err(ExitCode::from(1));
    }
    let files = found
        .files
        .into_iter()
        .filter(|f| !aggregate::is_review_file(f))
        .collect();
    Ok((files, found.unreadable.len()))
}

/// One file's result of `check`: its summary line and whether it is usable.
struct Checked {
    line: String,
    usable: bool,
}

fn check_one(path: &Path, folder: &Path) -> Checked {
    let shown = aggregate::relative(path, folder).display().to_string();
    match crate::storage::load_at_most(path, aggregate::MAX_FILE_BYTES) {
        Ok(project) => {
            let problems = check(&project);
            let count = |sev| problems.iter().filter(|p| p.severity == sev).count();
            let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
            let first = problems
                .iter()
                .find(|p| p.severity == Severity::Error)
                .map(|p| format!(" Lỗi đầu tiên: {p}"))
                .unwrap_or_default();
            Checked {
                line: format!(
                    "{shown}: {} — {errors} lỗi, {warnings} lưu ý.{first}",
                    aggregate::commune_name(&project)
                ),
                usable: is_usable(&problems),
            }
        }
        Err(e) => Checked {
            line: format!(
                "{shown}: không dùng được — {}",
                e.to_string().lines().next().unwrap_or_default()
            ),
            usable: false,
        },
    }
}

/// Runs `baocao check FOLDER`: one line per file, a summary, exit status 1 when any
/// file cannot be used.
pub fn run_check_folder(folder: &Path, out: &mut dyn Write) -> ExitCode {
    let (files, unreadable) = match files_of(folder, out) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let progress = Progress::new("Kiểm tra");
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Checked> = files
        .par_iter()
        .map(|f| {
            let r = check_one(f, folder);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress.tick(n, files.len());
            r
        })
        .collect();
    progress.finish();
    for r in &results {
        let _ = writeln!(out, "{}", r.line);
    }
    let bad = results.iter().filter(|r| !r.usable).count() + unreadable;
    let total = results.len() + unreadable;
    let _ = writeln!(
        out,
        "Đã kiểm tra {total} tệp: {} dùng được, {bad} không dùng được.",
        total - bad
    );
    if bad > 0 {
        let _ = writeln!(out, "{}", aggregate::VALIDITY_RULE);
    }
    if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Runs `baocao export FOLDER --out DIR`: each project's report exported into `DIR`
/// (sub-folders kept), with the options of a single export. Exit status 1 when any
/// file could not be exported.
pub fn run_export_folder(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let folder = &args.file;
    let Some(dir) = args.output.as_deref() else {
        let _ = writeln!(
            err,
            "Xuất cả thư mục cần thư mục đích: baocao export THƯ-MỤC --out THƯ-MỤC-ĐÍCH."
        );
        return ExitCode::from(2);
    };
    if dir.exists() && !dir.is_dir() {
        let _ = writeln!(
            err,
            "“{}” là một tệp; khi xuất cả thư mục, --out phải là một thư mục.",
            dir.display()
        );
        return ExitCode::from(2);
    }
    let (files, unreadable) = match files_of(folder, err) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let prefixes = commune_prefixes(&files, folder);
    let progress = Progress::new("Xuất");
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<PathBuf, String>> = files
        .par_iter()
        .zip(&prefixes)
        .map(|(f, commune)| {
            let r = export_one(args, f, folder, dir, commune);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress.tick(n, files.len());
            r
        })
        .collect();
    progress.finish();
    let mut failed = unreadable;
    for (file, r) in files.iter().zip(&results) {
        match r {
            Ok(path) => {
                let _ = writeln!(out, "Đã xuất: {}", path.display());
            }
            Err(msg) => {
                failed += 1;
                let shown = aggregate::relative(file, folder);
                let _ = writeln!(
                    err,
                    "{}: không xuất được — {}",
                    shown.display(),
                    msg.lines().next().unwrap_or_default()
                );
            }
        }
    }
    let total = results.len() + unreadable;
    let _ = writeln!(
        out,
        "Đã xuất {} / {total} tệp vào {}; {failed} tệp không xuất được.",
        total - failed,
        dir.display()
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The name part that keeps each file's export apart in the target folder: the
/// commune's name (`xa-binh-minh-hai`), with the project file's name added where two
/// files of one sub-folder are of the same commune; empty for a file that cannot be read
/// (its export fails anyway).
fn commune_prefixes(files: &[PathBuf], folder: &Path) -> Vec<String> {
    let slugs: Vec<String> = files
        .par_iter()
        .map(|f| {
            crate::storage::load_at_most(f, aggregate::MAX_FILE_BYTES)
                .map(|p| crate::vi::ascii_slug(&aggregate::commune_name(&p)))
                .unwrap_or_default()
        })
        .collect();
    let place = |f: &PathBuf| {
        aggregate::relative(f, folder)
            .parent()
            .map(Path::to_path_buf)
    };
    files
        .iter()
        .zip(&slugs)
        .map(|(f, slug)| {
            let shared = files
                .iter()
                .zip(&slugs)
                .filter(|(g, other)| *other == slug && place(g) == place(f))
                .count()
                > 1;
            if shared {
                let stem = f
                    .file_stem()
                    .map(|s| crate::vi::ascii_slug(&s.to_string_lossy()))
                    .unwrap_or_default();
                format!("{slug}-{stem}")
            } else {
                slug.clone()
            }
        })
        .collect()
}

fn export_one(
    args: &ExportArgs,
    file: &Path,
    folder: &Path,
    dir: &Path,
    commune: &str,
) -> Result<PathBuf, String> {
    let relative = aggregate::relative(file, folder);
    let target_dir = match relative.parent() {
        Some(p) => dir.join(p),
        None => dir.to_path_buf(),
    };
    std::fs::create_dir_all(&target_dir).map_err(|e| {
        format!(
            "không tạo được thư mục ({}): {}",
            crate::storage::io_reason(&e),
            target_dir.display()
        )
    })?;
    let one = ExportArgs {
        file: file.to_path_buf(),
        output: None,
        ..args.clone()
    };
    super::export_into(&one, Some((&target_dir, commune))).map(|(path, _)| path)
}
