//! The command line: the same program without a window, for scripts and tests.
//!
//! `baocao check FILE.ron` lists a project's problems in Vietnamese; its exit status is
//! 0 only when the project is usable. `baocao export FILE.ron -o OUT.pdf` writes a
//! report as PDF through the same pipeline the window uses: the draft, the final version
//! (only once the report is approved) or the review copy with the open comments listed
//! after the draft. `baocao import FILE.ron
//! TABLE.csv|xlsx` adds indicators or tasks from a table after showing what it read;
//! `baocao import FILE.ron REPORT.txt` adds a report recognised from its plain text.
//! `baocao import-plan FILE.ron PLAN.docx|txt` reads a Kế hoạch into the project's plan.

mod aggregate;
mod args;
mod batch;
mod docx_import;
mod export;
mod new_notice;
mod new_report;
mod plan_import;
mod plan_revision;
mod print;
mod save;
mod sign_ready;
mod text_import;
mod usage;
mod verify;
mod word_changes;

pub use aggregate::{AggregateArgs, run_aggregate};
pub use batch::{run_check_folder, run_export_folder};
pub use docx_import::run_docx_import;
pub use export::run_export;
pub(crate) use export::{creation_date, export_into, render_asked};
pub use new_notice::{NewNoticeArgs, run_new_notice};
pub use new_report::{NewReportArgs, run_new_report};
pub use plan_import::{PlanImportArgs, run_plan_import};
pub use print::{PrintArgs, run_print};
pub use sign_ready::SignReadyArgs;
pub use text_import::run_text_import;
pub use usage::{USAGE, UsageError, usage_for, usage_of};
pub use verify::{VerifyArgs, run_verify};

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::check::{Severity, check, is_usable};
use crate::import::{self, ImportKind, ImportPreview};
use crate::model::{Period, Project};
use crate::storage;

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open the window, optionally on a file.
    Window(Option<PathBuf>),
    Check(PathBuf),
    Export(ExportArgs),
    /// `baocao import`: add indicators or tasks from a table.
    Import(ImportArgs),
    NewReport(NewReportArgs),
    /// `baocao import-plan`: a plan document into the project's plan.
    ImportPlan(PlanImportArgs),
    /// `baocao new-notice`: the Thông báo of a plan revision's adjustments.
    NewNotice(NewNoticeArgs),
    /// `baocao print`: the report's pages to a printer.
    Print(PrintArgs),
    /// `baocao verify SIGNED.pdf [FILE.ron]`: check a signed PDF.
    Verify(VerifyArgs),
    /// `baocao aggregate`: many communes' files summed into one table.
    Aggregate(AggregateArgs),
    Help,
    /// `baocao SUBCOMMAND --help`: that subcommand's lines of the usage.
    HelpFor(String),
}

/// Arguments of `baocao import`.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportArgs {
    /// The project file to add to.
    pub file: PathBuf,
    /// The CSV or XLSX table, or the `.txt` text of a report.
    pub table: PathBuf,
    /// Indicators or tasks; decided from the columns when not given. Given with a
    /// `.txt` file, the file is read as a table.
    pub kind: Option<ImportKind>,
    /// The period of a report imported from text; else the one its text names, else
    /// the project's latest.
    pub period: Option<Period>,
    /// Import without asking.
    pub yes: bool,
    /// `--comments`: the Word file's comments become review comments, and its edited
    /// paragraphs proposed changes.
    pub comments: bool,
    /// `--compare`: only the Word file's edited paragraphs, as proposed changes.
    pub compare: bool,
    /// `--report MÃ`: the report the comments go to (default: the last one).
    pub report: Option<String>,
    /// `--project-words`: an imported report prints the project's header and signature
    /// words where its document's differ (default: the document's).
    pub project_words: bool,
    /// `--decided-by "Công văn số …"`: on a project that has a plan, what the table
    /// changes is recorded as a revision of the plan asked for by that document.
    pub decided_by: Option<String>,
    /// `--effective 2026-07-01`: the day the revision applies from (with `--decided-by`;
    /// today when not given).
    pub effective: Option<chrono::NaiveDate>,
}

impl ImportArgs {
    /// Whether the file is a Word document (`.docx`, or an old `.doc` to refuse).
    pub fn is_word(&self) -> bool {
        self.kind.is_none() && crate::import::docx::is_docx(&self.table)
    }

    /// Whether the file is the text of a report (`.txt` without `--kind`).
    pub fn is_report_text(&self) -> bool {
        self.kind.is_none()
            && self
                .table
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
    }
}

/// Arguments of `baocao export`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportArgs {
    pub file: PathBuf,
    /// Id of the report; the last report of the file when not given.
    pub report: Option<String>,
    /// `--period`: the report of this period (`2026-Q2`, `2026-05-15` for a thematic
    /// report cut off on that day); the last one when several cover it.
    pub period: Option<Period>,
    /// Draft, final version or review copy.
    pub kind: ExportKind,
    /// Where to write; `FILE-<report id>.pdf` (`.docx`) beside the project when not given.
    pub output: Option<PathBuf>,
    /// `--format pdf|docx`; PDF unless asked for or the output file ends in `.docx`.
    pub format: ExportFormat,
    /// The sign-ready version's images and blank number (`--final` only).
    pub sign_ready: SignReadyArgs,
    /// `--force`: replace an existing output (kept as `.bak`); never the project, an
    /// image being read or another project file.
    pub force: bool,
}

/// The file format `baocao export` writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportFormat {
    /// The laid-out pages as PDF.
    #[default]
    Pdf,
    /// The document as a Word file; Word lays it out.
    Docx,
}

impl ExportFormat {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Docx => "docx",
        }
    }
}

/// Which PDF `baocao export` writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportKind {
    /// The draft, marked `DỰ THẢO`.
    #[default]
    Draft,
    /// `--final`: the signed version without the marking; only for an approved or
    /// issued report.
    Final,
    /// `--review-copy`: the draft followed by the open comments, for review on paper.
    ReviewCopy,
}

/// Reads the arguments (without the program name).
pub fn parse_args(args: &[String]) -> Result<Command, UsageError> {
    command_of(args).map_err(UsageError)
}

fn command_of(args: &[String]) -> Result<Command, String> {
    match args {
        [] => Ok(Command::Window(None)),
        [h] if h == "--help" || h == "-h" || h == "help" => Ok(Command::Help),
        [cmd, rest @ ..]
            if usage_of(cmd).is_some() && rest.iter().any(|a| a == "--help" || a == "-h") =>
        {
            Ok(Command::HelpFor(cmd.clone()))
        }
        [cmd, file] if cmd == "check" => Ok(Command::Check(PathBuf::from(file))),
        [cmd, ..] if cmd == "check" => Err("Lệnh check cần đúng một tệp dự án.".to_owned()),
        [cmd, rest @ ..] => match cmd.as_str() {
            "export" => parse_export("export", rest).map(Command::Export),
            "import" => parse_import(rest).map(Command::Import),
            "import-plan" => plan_import::parse_import_plan(rest).map(Command::ImportPlan),
            "print" => print::parse_print(rest).map(Command::Print),
            "verify" => verify::parse_verify(rest).map(Command::Verify),
            "aggregate" => aggregate::parse_aggregate(rest).map(Command::Aggregate),
            "new-notice" => new_notice::parse_new_notice(rest).map(Command::NewNotice),
            "new-report" => new_report::parse_new_report(rest).map(Command::NewReport),
            file if rest.is_empty() && !file.starts_with('-') => {
                Ok(Command::Window(Some(PathBuf::from(file))))
            }
            other => Err(format!("Không hiểu lệnh “{other}”.")),
        },
    }
}

/// Reads `baocao export`'s arguments, or those of `baocao print` (`command`) that name
/// the report.
fn parse_export(command: &'static str, args: &[String]) -> Result<ExportArgs, String> {
    let mut files = Vec::new();
    let mut report = None;
    let mut period = None;
    let mut kind: Option<ExportKind> = None;
    let mut output = None;
    let mut format = None;
    let mut sign_ready = SignReadyArgs::default();
    let mut force = false;
    let mut it = args::Args::new(command, args);
    while let Some(a) = it.next() {
        if sign_ready.take(a, &mut it)? {
            continue;
        }
        match a.as_str() {
            "--format" => {
                let f = it.value("Sau --format cần “pdf” hoặc “docx”.")?;
                format = Some(match f.to_lowercase().as_str() {
                    "pdf" => ExportFormat::Pdf,
                    "docx" | "word" => ExportFormat::Docx,
                    other => {
                        return Err(format!(
                            "Định dạng “{other}” không có; dùng “pdf” hoặc “docx”."
                        ));
                    }
                });
            }
            "--final" | "--review-copy" => {
                let asked = if a == "--final" {
                    ExportKind::Final
                } else {
                    ExportKind::ReviewCopy
                };
                if kind.is_some_and(|k| k != asked) {
                    return Err(
                        "Chỉ chọn một trong hai: --final (bản chính thức) hoặc --review-copy (bản xem xét)."
                            .to_owned(),
                    );
                }
                kind = Some(asked);
            }
            "--force" => force = true,
            "--report" | "-r" => report = Some(it.value("Sau --report cần mã báo cáo.")?.clone()),
            "--period" => {
                period =
                    Some(it.period("Sau --period cần kỳ báo cáo, ví dụ 2026-Q2 hoặc 2026-05-15.")?);
            }
            "-o" | "--output" | "--out" => output = Some(it.path("Sau -o cần tên tệp PDF.")?),
            other => it.file(other, &mut files, 1)?,
        }
    }
    let file = files
        .pop()
        .ok_or_else(|| format!("Lệnh {command} cần một tệp dự án."))?;
    if sign_ready.any() && kind != Some(ExportKind::Final) {
        return Err(
            "--signature-image, --seal-image và --blank-number chỉ dùng với --final (bản ký số)."
                .to_owned(),
        );
    }
    if report.is_some() && period.is_some() {
        return Err(
            "Chỉ chọn một trong hai: --report (mã báo cáo) hoặc --period (kỳ báo cáo).".to_owned(),
        );
    }
    let format = format.unwrap_or_else(|| {
        let docx = output.as_ref().is_some_and(|o: &PathBuf| {
            o.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
        });
        if docx {
            ExportFormat::Docx
        } else {
            ExportFormat::Pdf
        }
    });
    Ok(ExportArgs {
        file,
        report,
        period,
        kind: kind.unwrap_or_default(),
        output,
        format,
        sign_ready,
        force,
    })
}

fn parse_import(args: &[String]) -> Result<ImportArgs, String> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut kind = None;
    let mut period = None;
    let mut yes = false;
    let mut comments = false;
    let mut compare = false;
    let mut report = None;
    let mut project_words = false;
    let mut decided_by = None;
    let mut effective = None;
    let mut it = args::Args::new("import", args);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--yes" | "-y" => yes = true,
            "--project-words" => project_words = true,
            "--comments" => comments = true,
            "--compare" => compare = true,
            "--report" => report = Some(it.value("Sau --report cần mã báo cáo.")?.clone()),
            "--decided-by" => decided_by = Some(it.decided_by()?),
            "--effective" => effective = Some(it.effective()?),
            "--period" => {
                let code = it.value("Sau --period cần kỳ báo cáo, ví dụ 2026-Q2.")?;
                period = Some(Period::parse_code(code).ok_or_else(|| {
                    format!(
                        "Kỳ báo cáo “{code}” không đọc được; hãy viết như 2026-Q2, 2026-6T, 2026-9T hoặc 2026-NAM."
                    )
                })?);
            }
            "--kind" => {
                let k = it.value("Sau --kind cần “chi-tieu” hoặc “nhiem-vu”.")?;
                kind = Some(match k.as_str() {
                    "chi-tieu" => ImportKind::Indicators,
                    "nhiem-vu" => ImportKind::Tasks,
                    other => {
                        return Err(format!(
                            "Loại bảng “{other}” không có; dùng “chi-tieu” hoặc “nhiem-vu”."
                        ));
                    }
                });
            }
            other => it.file(other, &mut files, 2)?,
        }
    }
    let parsed = match <[PathBuf; 2]>::try_from(files) {
        Ok([file, table]) => ImportArgs {
            file,
            table,
            kind,
            period,
            yes,
            comments,
            compare,
            report,
            project_words,
            decided_by,
            effective,
        },
        Err(_) => {
            return Err(
                "Lệnh import cần một tệp dự án và một tệp bảng (.csv hoặc .xlsx) hoặc văn bản báo cáo (.txt)."
                    .to_owned(),
            );
        }
    };
    if parsed.project_words && !parsed.is_word() && !parsed.is_report_text() {
        return Err(
            "--project-words chỉ dùng khi nhập báo cáo từ văn bản .txt hoặc tệp Word.".to_owned(),
        );
    }
    if (parsed.comments || parsed.compare || parsed.report.is_some()) && !parsed.is_word() {
        return Err(
            "--comments, --compare và --report chỉ dùng khi nhập từ tệp Word (.docx).".to_owned(),
        );
    }
    if parsed.comments && parsed.compare {
        return Err("Chọn một trong hai: --comments (góp ý và đoạn đã sửa) hoặc --compare (chỉ đoạn đã sửa).".to_owned());
    }
    if parsed.effective.is_some() && parsed.decided_by.is_none() {
        return Err("--effective chỉ dùng kèm --decided-by.".to_owned());
    }
    if parsed.decided_by.is_some() && (parsed.is_report_text() || parsed.is_word()) {
        return Err(
            "--decided-by chỉ dùng khi nhập bảng chỉ tiêu, nhiệm vụ (.csv, .xlsx hoặc --kind)."
                .to_owned(),
        );
    }
    if parsed.period.is_some() && !parsed.is_report_text() && !parsed.is_word() {
        return Err(
            "--period chỉ dùng khi nhập báo cáo từ văn bản .txt (không kèm --kind).".to_owned(),
        );
    }
    Ok(parsed)
}

/// Runs `baocao import`: shows the mapping, the rows to import and the bad rows, asks
/// for confirmation on `input` unless `--yes`, then adds them and saves the project
/// (atomically, keeping a `.bak`). Exit status 0 when imported or declined, 1 on errors.
/// A `.txt` file is the text of a report: see [`run_text_import`].
pub fn run_import(
    args: &ImportArgs,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    if args.is_report_text() {
        return run_text_import(args, input, out, err);
    }
    if args.is_word() {
        return run_docx_import(args, input, out, err);
    }
    // The lock is held until the project is saved (the end of this command).
    let ForWriting {
        _lock,
        mut project,
        stamp,
    } = match open_for_writing(&args.file, err) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let preview = match import::preview(&args.table, &project, args.kind) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return ExitCode::from(1);
        }
    };
    if let Some(decided_by) = &args.decided_by {
        return plan_revision::revise_by_import(
            args, decided_by, &preview, project, &stamp, input, out, err,
        );
    }
    print_preview(&preview, &project, out);
    let (n_ind, n_task) = (preview.indicators.len(), preview.tasks.len());
    if n_ind + n_task == 0 {
        let _ = writeln!(
            err,
            "Không có dòng nào nhập được; tệp dự án không thay đổi."
        );
        return ExitCode::from(1);
    }
    if !args.yes {
        let question = format!("Nhập {n_ind} chỉ tiêu, {n_task} nhiệm vụ?");
        if let Err(code) = confirm(&question, input, out, err) {
            return code;
        }
    }
    import::apply(&preview, &mut project);
    if let Err(code) = save::save_or_keep(&args.file, &project, &stamp, err) {
        return code;
    }
    let _ = writeln!(
        out,
        "Đã nhập {n_ind} chỉ tiêu, {n_task} nhiệm vụ vào {}.",
        args.file.display()
    );
    ExitCode::SUCCESS
}

/// Asks `question` on `out` and reads the answer from `input`: `Ok` to go on; the exit
/// code otherwise (declined: success, nothing changed; no answer: failure).
fn confirm(
    question: &str,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), ExitCode> {
    let _ = write!(out, "{question} (c/k) ");
    let _ = out.flush();
    let mut answer = String::new();
    let read = input.read_line(&mut answer).unwrap_or(0);
    let answer = crate::vi::nfc(answer.trim()).to_lowercase();
    if read == 0 {
        let _ = writeln!(out);
        let _ = writeln!(err, "Không nhận được câu trả lời; chưa nhập gì.");
        return Err(ExitCode::from(1));
    }
    if !matches!(answer.as_str(), "c" | "có" | "co" | "y" | "yes") {
        let _ = writeln!(out, "Đã hủy; tệp dự án không thay đổi.");
        return Err(ExitCode::SUCCESS);
    }
    Ok(())
}

/// Runs a command that changes the project: opens it for writing (the lock held until
/// it is saved), lets `change` change it, saves it and prints the message `change`
/// returns. `change` gives `Ok(None)` when there is nothing to save (declined, nothing
/// new) and the exit code once it has written why it stopped.
fn change_project(
    file: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
    change: impl FnOnce(
        &mut Project,
        &mut dyn Write,
        &mut dyn Write,
    ) -> Result<Option<String>, ExitCode>,
) -> ExitCode {
    let ForWriting {
        _lock,
        mut project,
        stamp,
    } = match open_for_writing(file, err) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let message = match change(&mut project, out, err) {
        Ok(Some(message)) => message,
        Ok(None) => return ExitCode::SUCCESS,
        Err(code) => return code,
    };
    if let Err(code) = save::save_or_keep(file, &project, &stamp, err) {
        return code;
    }
    let _ = writeln!(out, "{message}");
    ExitCode::SUCCESS
}

/// Writes why a command that changes the project stopped, and that the file is as it
/// was; the exit code of a failure.
fn unchanged(err: &mut dyn Write, why: impl std::fmt::Display) -> ExitCode {
    let _ = writeln!(err, "{why}\nTệp dự án không thay đổi.");
    ExitCode::from(1)
}

/// A project opened for a command that writes it: the lock (held until dropped, so no
/// window overwrites the file or is overwritten), the project and the stamp of the
/// bytes it came from. On failure the reason is written to `err` and the exit code
/// returned.
struct ForWriting {
    _lock: storage::ProjectLock,
    project: Project,
    stamp: storage::DiskStamp,
}

fn open_for_writing(path: &Path, err: &mut dyn Write) -> Result<ForWriting, ExitCode> {
    let lock = lock_for_writing(path).map_err(|e| unchanged(err, e))?;
    let (project, stamp) = storage::load_stamped(path).map_err(|e| {
        let _ = writeln!(err, "{e}");
        ExitCode::from(1)
    })?;
    Ok(ForWriting {
        _lock: lock,
        project,
        stamp,
    })
}

/// Takes the project's lock for a command that writes it, as the window does: a lock
/// held by a running program refuses (naming who and where); one left by a program of
/// this machine that is gone is taken back.
fn lock_for_writing(path: &Path) -> Result<storage::ProjectLock, storage::LockError> {
    let user = storage::lock::this_user();
    let now = chrono::Local::now().naive_local();
    match storage::lock::acquire(path, &user, now) {
        Err(storage::LockError::Held { info, .. }) if info.holder_gone() => {
            storage::lock::take_over(path, &user, now)
        }
        other => other,
    }
}

/// The mapping, every row to import and every bad row, as the clerk reads them.
fn print_preview(p: &ImportPreview, project: &Project, out: &mut dyn Write) {
    print_mapping(p, out);
    let _ = writeln!(out, "Sẽ nhập:");
    print_rows(p, project, out);
}

/// How the file was read and what each column is read as.
fn print_mapping(p: &ImportPreview, out: &mut dyn Write) {
    let _ = writeln!(out, "Đọc dạng: {}.", p.source_label());
    let _ = writeln!(out, "Bảng {}; các cột:", p.kind.label());
    for m in &p.mapping {
        let _ = writeln!(
            out,
            "  cột {} “{}” → {}",
            m.column + 1,
            m.title,
            m.field.label()
        );
    }
}

/// The preview's rows to add, new groups and offices, and the rows left out.
fn print_rows(p: &ImportPreview, project: &Project, out: &mut dyn Write) {
    for r in import::describe(p, project) {
        let group = if r.group.is_empty() {
            String::new()
        } else {
            format!(" [{}]", r.group)
        };
        let _ = match p.kind {
            ImportKind::Indicators => writeln!(
                out,
                "  dòng {}: {}{group} {} — chỉ tiêu: {} — chủ trì: {}",
                r.row, r.id, r.name, r.target_or_deadline, r.lead
            ),
            ImportKind::Tasks => writeln!(
                out,
                "  dòng {}: {}{group} {} — chủ trì: {} — phối hợp: {} — sản phẩm: {} — thời hạn: {}",
                r.row, r.id, r.name, r.lead, r.coordinating, r.output, r.target_or_deadline
            ),
        };
    }
    for g in &p.groups {
        let _ = writeln!(out, "Nhóm mới: {}", g.title);
    }
    for o in &p.new_offices {
        let _ = writeln!(out, "Đơn vị mới: {} ({})", o.name, o.id);
    }
    if !p.problems.is_empty() {
        let _ = writeln!(out, "Không nhập được {} dòng:", p.problems.len());
        for problem in &p.problems {
            let _ = writeln!(out, "  {problem}");
        }
    }
}

/// Runs `baocao check FILE`: prints the problems and returns the exit status.
pub fn run_check(path: &Path, out: &mut dyn Write) -> ExitCode {
    if path.is_dir() {
        return run_check_folder(path, out);
    }
    let project = match storage::load_noting(path) {
        Ok(loaded) => {
            if let Some(note) = loaded.note() {
                let _ = writeln!(out, "Lưu ý: {note}");
            }
            loaded.project
        }
        Err(e) => {
            let _ = writeln!(out, "{e}");
            return ExitCode::from(1);
        }
    };
    let problems = check(&project);
    for p in &problems {
        let _ = writeln!(out, "{p}");
    }
    let count = |sev| problems.iter().filter(|p| p.severity == sev).count();
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    let _ = writeln!(
        out,
        "{}: {} chỉ tiêu, {} nhiệm vụ, {} báo cáo; {errors} lỗi, {warnings} lưu ý, {notes} ghi chú.",
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

    #[test]
    fn a_subcommand_with_help_asks_for_its_own_usage() {
        for cmd in [
            "export",
            "import",
            "print",
            "check",
            "verify",
            "aggregate",
            "new-report",
        ] {
            let parsed = parse_args(&args(&[cmd, "a.ron", "--help"]));
            assert_eq!(parsed, Ok(Command::HelpFor(cmd.to_owned())), "{cmd}");
            let usage = usage_of(cmd).unwrap_or_default();
            assert!(usage.starts_with("Cách dùng:\n  baocao "), "{cmd}: {usage}");
            let own = format!("  baocao {cmd} ");
            let lines_naming_a_command = usage.lines().filter(|l| l.starts_with("  baocao"));
            assert!(lines_naming_a_command.clone().count() >= 1);
            for line in lines_naming_a_command {
                assert!(line.starts_with(&own), "{cmd}: {line}");
            }
        }
        let export = usage_of("export").unwrap_or_default();
        assert!(export.contains("--review-copy") && export.contains("--force"));
        assert!(!export.contains("baocao import"));
        assert_eq!(
            parse_args(&args(&["export", "-h"])),
            Ok(Command::HelpFor("export".into()))
        );
    }

    #[test]
    fn a_wrong_subcommand_shows_the_whole_usage_and_a_known_one_its_own() {
        assert_eq!(usage_of("exprot"), None);
        assert_eq!(usage_for(&args(&["exprot", "--help"])), USAGE);
        assert!(parse_args(&args(&["exprot", "--help"])).is_err());
        assert_eq!(
            usage_for(&args(&["export", "--bad"])),
            usage_of("export").unwrap_or_default()
        );
        assert_eq!(usage_for(&[]), USAGE);
    }

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

    #[test]
    fn export_reads_its_options_in_any_order() {
        let cmd = parse_args(&args(&[
            "export", "-o", "x.pdf", "a.ron", "--final", "--report", "q2",
        ]));
        assert_eq!(
            cmd,
            Ok(Command::Export(ExportArgs {
                file: "a.ron".into(),
                report: Some("q2".into()),
                period: None,
                kind: ExportKind::Final,
                output: Some("x.pdf".into()),
                format: ExportFormat::Pdf,
                sign_ready: Default::default(),
                force: false,
            }))
        );
        assert_eq!(
            parse_args(&args(&["export", "a.ron", "--review-copy"])),
            Ok(Command::Export(ExportArgs {
                file: "a.ron".into(),
                report: None,
                period: None,
                kind: ExportKind::ReviewCopy,
                output: None,
                format: ExportFormat::Pdf,
                sign_ready: Default::default(),
                force: false,
            }))
        );
        let plain = parse_args(&args(&["export", "a.ron"]));
        assert!(matches!(plain, Ok(Command::Export(a)) if a.kind == ExportKind::Draft));
        let both = parse_args(&args(&["export", "a.ron", "--final", "--review-copy"]));
        assert!(both.is_err_and(
            |e| e.to_string().contains("--final") && e.to_string().contains("--review-copy")
        ));
        assert!(parse_args(&args(&["export"])).is_err());
        assert!(parse_args(&args(&["export", "a.ron", "-o"])).is_err());
        assert!(parse_args(&args(&["export", "a.ron", "--pdfa"])).is_err());
    }

    #[test]
    fn export_writes_word_when_asked_or_when_the_output_ends_in_docx() {
        let asked = parse_args(&args(&["export", "a.ron", "--format", "docx"]));
        assert!(matches!(asked, Ok(Command::Export(a)) if a.format == ExportFormat::Docx));
        let by_name = parse_args(&args(&["export", "a.ron", "-o", "b.DOCX"]));
        assert!(matches!(by_name, Ok(Command::Export(a)) if a.format == ExportFormat::Docx));
        let bad = parse_args(&args(&["export", "a.ron", "--format", "odt"]));
        assert!(bad.is_err_and(|e| e.to_string().contains("docx")));
    }

    #[test]
    fn export_takes_a_period_or_a_cut_off_date() {
        let cut = chrono::NaiveDate::from_ymd_opt(2026, 5, 15).unwrap();
        for (text, period) in [
            (
                "2026-Q2",
                Period::new(2026, crate::model::PeriodKind::Quarter(2)),
            ),
            ("2026-05-15", Period::up_to(cut)),
            ("den-2026-05-15", Period::up_to(cut)),
        ] {
            let cmd = parse_args(&args(&["export", "a.ron", "--period", text]));
            assert!(
                matches!(&cmd, Ok(Command::Export(a)) if a.period == Some(period)),
                "{cmd:?}"
            );
        }
        let bad = parse_args(&args(&["export", "a.ron", "--period", "2026-31-05"]));
        assert!(bad.is_err_and(|e| e.to_string().contains("2026-Q2")));
        let both = parse_args(&args(&[
            "export", "a.ron", "--report", "x", "--period", "2026-Q2",
        ]));
        assert!(both.is_err_and(|e| e.to_string().contains("--period")));
    }

    #[test]
    fn import_takes_a_project_a_table_and_options() {
        assert_eq!(
            parse_args(&args(&[
                "import", "a.ron", "b.csv", "--kind", "nhiem-vu", "--yes"
            ])),
            Ok(Command::Import(ImportArgs {
                file: "a.ron".into(),
                table: "b.csv".into(),
                kind: Some(ImportKind::Tasks),
                period: None,
                yes: true,
                comments: false,
                compare: false,
                report: None,
                project_words: false,
                decided_by: None,
                effective: None,
            }))
        );
        assert!(parse_args(&args(&["import", "a.ron"])).is_err());
        assert!(parse_args(&args(&["import", "a.ron", "b.csv", "c.csv"])).is_err());
        assert!(parse_args(&args(&["import", "a.ron", "b.csv", "--kind", "x"])).is_err());
        assert!(parse_args(&args(&["import", "a.ron", "b.csv", "--kind"])).is_err());
    }

    #[test]
    fn a_txt_file_is_the_text_of_a_report_unless_a_table_kind_is_given() {
        let cmd = parse_args(&args(&["import", "a.ron", "bc.TXT", "--period", "2026-q2"]));
        let Ok(Command::Import(a)) = cmd else {
            panic!("{cmd:?}");
        };
        assert!(a.is_report_text());
        assert_eq!(a.period, Period::parse_code("2026-Q2"));
        let cmd = parse_args(&args(&["import", "a.ron", "b.txt", "--kind", "chi-tieu"]));
        assert!(matches!(cmd, Ok(Command::Import(a)) if !a.is_report_text()));
        let bad = parse_args(&args(&["import", "a.ron", "b.txt", "--period", "quý 2"]));
        assert!(bad.is_err_and(|e| e.to_string().contains("2026-Q2")));
        let table = parse_args(&args(&["import", "a.ron", "b.csv", "--period", "2026-Q2"]));
        assert!(table.is_err_and(|e| e.to_string().contains(".txt")));
    }
}
