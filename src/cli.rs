//! The command line: the same program without a window, for scripts and tests.
//!
//! `baocao check FILE.ron` lists a project's problems in Vietnamese; its exit status is
//! 0 only when the project is usable.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::check::{Severity, check, is_usable};
use crate::storage;

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open the window, optionally on a file.
    Window(Option<PathBuf>),
    Check(PathBuf),
    Help,
}

/// Usage text shown by `baocao --help` and after a wrong command.
pub const USAGE: &str = "Cách dùng:
  baocao                      mở cửa sổ với dự án mẫu
  baocao TỆP.ron              mở cửa sổ với tệp dự án
  baocao check TỆP.ron        kiểm tra tệp dự án và liệt kê các lỗi
  baocao --help               hiện hướng dẫn này";

/// Reads the arguments (without the program name).
pub fn parse_args(args: &[String]) -> Result<Command, String> {
    match args {
        [] => Ok(Command::Window(None)),
        [h] if h == "--help" || h == "-h" || h == "help" => Ok(Command::Help),
        [cmd, file] if cmd == "check" => Ok(Command::Check(PathBuf::from(file))),
        [cmd, ..] if cmd == "check" => Err("Lệnh check cần đúng một tệp dự án.".to_owned()),
        [file] if !file.starts_with('-') => Ok(Command::Window(Some(PathBuf::from(file)))),
        [other, ..] => Err(format!("Không hiểu lệnh “{other}”.")),
    }
}

/// Runs `baocao check FILE`: prints the problems and returns the exit status.
pub fn run_check(path: &Path, out: &mut dyn Write) -> ExitCode {
    let project = match storage::load(path) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(out, "{e}");
            return ExitCode::from(1);
        }
    };
    let problems = check(&project);
    for p in &problems {
        let _ = writeln!(out, "{p}");
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let _ = writeln!(
        out,
        "{}: {} chỉ tiêu, {} nhiệm vụ, {} báo cáo; {errors} lỗi, {warnings} lưu ý.",
        path.display(),
        project.plan.indicators.len(),
        project.plan.tasks.len(),
        project.reports.len()
    );
    if is_usable(&problems) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn no_argument_opens_the_window_on_the_sample() {
        assert_eq!(parse_args(&[]), Ok(Command::Window(None)));
    }

    #[test]
    fn a_file_argument_opens_that_file() {
        assert_eq!(
            parse_args(&args(&["du-an.ron"])),
            Ok(Command::Window(Some("du-an.ron".into())))
        );
    }

    #[test]
    fn check_takes_exactly_one_file() {
        assert_eq!(
            parse_args(&args(&["check", "a.ron"])),
            Ok(Command::Check("a.ron".into()))
        );
        assert!(parse_args(&args(&["check"])).is_err());
        assert!(parse_args(&args(&["--xyz"])).is_err());
    }
}
