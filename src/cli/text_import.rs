//! cli: `baocao import FILE.ron REPORT.txt`: the text of a report is recognised, shown
//! section by section with the notes, confirmed, and added to the project as a new
//! report, under the project's lock and saved atomically like a table import.

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{ImportArgs, confirm};
use crate::import::text::preview::{self, PeriodSource};
use crate::import::text::{self, Note, Recognised};
use crate::model::{Period, Project, Report, Section};
use crate::storage;

/// Largest text file read (see [`crate::limits::MAX_TEXT_BYTES`]).
const MAX_TEXT_BYTES: u64 = crate::limits::MAX_TEXT_BYTES;

/// Runs `baocao import FILE.ron REPORT.txt`: prints what was recognised and the notes,
/// asks on `input` unless `--yes`, then adds the report and saves the project. Exit
/// status 0 when added or declined, 1 on errors or when the text holds no report.
pub fn run_text_import(
    args: &ImportArgs,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    super::change_project(&args.file, out, err, |project, out, err| {
        let text = read_text(&args.table).map_err(|msg| super::unchanged(err, msg))?;
        let rec = text::recognise(&text);
        add_recognised(args, rec, project, input, out, err, Note::to_string)
    })
}

/// Adds the report recognised in a text or Word file (`rec`) to `project` once the
/// clerk agrees, after printing it and the notes (each as `describe` words it); `Ok(None)`
/// when the clerk declined. A plan or a file without a report is refused.
pub(super) fn add_recognised(
    args: &ImportArgs,
    rec: Recognised,
    project: &mut Project,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
    describe: fn(&Note) -> String,
) -> Result<Option<String>, ExitCode> {
    if crate::import::plan::looks_like_plan(&rec) {
        return Err(super::plan_import::refuse_plan(args, err));
    }
    if rec.is_empty() {
        print_notes(&rec.notes, describe, out);
        let _ = writeln!(
            err,
            "Không nhận ra nội dung báo cáo nào trong tệp {}; tệp dự án không thay đổi.",
            args.table.display()
        );
        return Err(ExitCode::from(1));
    }
    let (period, why) = choose_period(args.period, &rec, project);
    let id = crate::session::reports::new_report_id(project, period);
    let (mut report, more) = text::into_report(&rec, id, period, project);
    print_document_words(&mut report, project, args.project_words, out);
    print_report(&report, project, &args.table, why, out);
    let notes: Vec<Note> = rec.notes.iter().cloned().chain(more).collect();
    print_notes(&notes, describe, out);
    if !args.yes {
        let question = format!("Thêm báo cáo {} vào dự án?", report.id);
        confirm(&question, input, out, err)?;
    }
    let (id, count) = (report.id.clone(), report.all_sections().len());
    project.reports.push(report);
    Ok(Some(format!(
        "Đã thêm báo cáo {id} ({count} mục, kỳ {}) vào {}.",
        period.short_label(),
        args.file.display()
    )))
}

/// The text of the file: UTF-8 (with or without a byte order mark) or UTF-16 with one
/// (Word's "Unicode" text); anything else is refused with what to do.
fn read_text(path: &Path) -> Result<String, String> {
    let (bytes, _) = storage::read_limited(path, MAX_TEXT_BYTES).map_err(|reason| {
        format!(
            "Không đọc được tệp văn bản ({reason}). Hãy kiểm tra tệp còn đó và bạn có quyền đọc.\nTệp: {}",
            path.display()
        )
    })?;
    // What the table import reads, without its guess of Windows-1258 for bytes that
    // are no UTF-8: a text saved so is refused with what to do in Word.
    let text = match crate::import::decode(&bytes) {
        Some((text, encoding)) if encoding != crate::import::Encoding::Windows1258 => text,
        _ => {
            return Err(format!(
                "Tệp {} không phải văn bản thuần UTF-8. Trong Word hãy chọn Lưu thành › Văn bản thuần (*.txt), mã hóa Unicode (UTF-8), rồi nhập lại.",
                path.display()
            ));
        }
    };
    if text
        .split('\n')
        .nth(crate::limits::MAX_TEXT_LINES)
        .is_some()
    {
        return Err(format!(
            "Không nhập văn bản này: {} (giới hạn để chương trình không bị treo). Hãy chia văn bản thành các tệp nhỏ hơn.\nTệp: {}",
            crate::limits::Exceeded::Lines(crate::limits::MAX_TEXT_LINES),
            path.display()
        ));
    }
    Ok(text)
}

/// Lists where the document's header and signature words differ from the project's,
/// saying which print; with `project_words` the report drops the document's.
fn print_document_words(
    report: &mut crate::model::Report,
    project: &crate::model::Project,
    project_words: bool,
    out: &mut dyn Write,
) {
    let differences = text::document_differences(report, project);
    if differences.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "Đầu văn bản và chữ ký khác thông tin của dự án; báo cáo in theo {}:",
        if project_words {
            "thông tin của dự án (--project-words)"
        } else {
            "văn bản (thêm --project-words để in theo dự án)"
        }
    );
    for (what, document, theirs) in &differences {
        let _ = writeln!(
            out,
            "  {what}: văn bản ghi “{document}”, dự án ghi “{theirs}”"
        );
    }
    if project_words {
        report.document_words = None;
    }
}

fn print_report(report: &Report, project: &Project, file: &Path, why: &str, out: &mut dyn Write) {
    let blank = "(để trống)";
    let _ = writeln!(out, "Báo cáo nhận ra từ {}:", file.display());
    let _ = writeln!(out, "  Mã báo cáo: {}", report.id);
    let _ = writeln!(out, "  Kỳ báo cáo: {} ({why})", report.period.short_label());
    let _ = writeln!(
        out,
        "  Số: {} — ngày: {}",
        report
            .number
            .map_or_else(|| blank.to_owned(), |n| format!("{n:02}")),
        report
            .date
            .map_or_else(|| blank.to_owned(), crate::vi::date_short)
    );
    let summary = if report.summary.is_empty() {
        blank
    } else {
        &report.summary
    };
    let _ = writeln!(out, "  Trích yếu: {summary}");
    if !report.recipients.is_empty() {
        let _ = writeln!(out, "  Kính gửi: {}", report.recipients.join("; "));
    }
    if !report.opening.trim().is_empty() {
        let _ = writeln!(out, "  Mở đầu: {}", preview::contents(&report.opening));
    }
    let _ = writeln!(out, "  Các mục:");
    print_sections(&report.sections, out);
    if !report.closing.is_empty() {
        let first = crate::vi::shorten(&report.closing, 90);
        let _ = writeln!(out, "  Câu kết: {first}");
    }
    let _ = writeln!(out, "  Nơi nhận: {} nơi", report.distribution.len());
    let signer = project.organisation.signer(&report.signer).map_or_else(
        || blank.to_owned(),
        |s| format!("{} ({})", s.full_name, s.position),
    );
    let _ = writeln!(out, "  Người ký: {signer}");
}

fn print_sections(list: &[Section], out: &mut dyn Write) {
    for row in preview::outline(list) {
        let title = if row.depth == 0 {
            row.title.to_uppercase()
        } else {
            row.title
        };
        let step = row
            .role
            .map(|r| format!(" [bước {}]", crate::guide::Step::for_role(r).label()))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    {}{} {title} — {}{step}",
            "  ".repeat(row.depth),
            row.number,
            row.contents
        );
    }
}

/// The period of the new report and why it was chosen, with the `--period` hint.
fn choose_period(
    asked: Option<Period>,
    rec: &Recognised,
    project: &Project,
) -> (Period, &'static str) {
    let (period, source) = preview::imported_period(asked, rec, project);
    let why = match source {
        PeriodSource::Asked => source.why(),
        PeriodSource::Written => "theo kỳ ghi trong văn bản; dùng --period để chọn kỳ khác",
        PeriodSource::LatestOfProject => {
            "văn bản không ghi kỳ; lấy kỳ gần nhất của dự án, dùng --period để chọn kỳ khác"
        }
        PeriodSource::Guessed => {
            "văn bản và dự án đều chưa có kỳ nào; hãy kiểm tra, dùng --period để chọn kỳ"
        }
    };
    (period, why)
}

fn print_notes(notes: &[Note], describe: fn(&Note) -> String, out: &mut dyn Write) {
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "Cần xem lại ({} lưu ý):", notes.len());
    for n in notes {
        let _ = writeln!(out, "  {}", describe(n));
    }
}
