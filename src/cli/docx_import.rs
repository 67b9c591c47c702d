//! cli: `baocao import FILE.ron BÁO-CÁO.docx`: a report written in Word is read
//! (headings, list levels, emphasis, tables, header and signature blocks), shown with
//! what could not be placed, confirmed, and added as a new report; with `--comments`
//! the Word file's comments are placed on a report as review comments instead, and its
//! edited paragraphs stored as proposed changes (`--compare`: the changes alone).

use std::io::{BufRead, Write};
use std::process::ExitCode;

use super::text_import::add_recognised;
use super::{ImportArgs, confirm};
use crate::import::docx;
use crate::model::Project;

/// Runs `baocao import FILE.ron FILE.docx [--comments]`. Exit status 0 when added or
/// declined, 1 on errors or when nothing could be read; the project file is not
/// touched unless the clerk confirms.
pub fn run_docx_import(
    args: &ImportArgs,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    super::change_project(&args.file, out, err, |project, out, err| {
        let word = docx::read_file(&args.table)
            .and_then(|b| docx::open(&b, &args.table))
            .map_err(|e| super::unchanged(err, e))?;
        if args.compare {
            super::word_changes::compare_only(args, &word, project, input, out, err)
        } else if args.comments {
            comments(args, &word, project, input, out, err)
        } else {
            report(args, &word, project, input, out, err)
        }
    })
}

/// Adds the report of the Word file; `Ok(None)` when the clerk declined.
fn report(
    args: &ImportArgs,
    word: &docx_rs::Docx,
    project: &mut Project,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Option<String>, ExitCode> {
    let rec = docx::recognise(word).rec;
    add_recognised(args, rec, project, input, out, err, docx::describe_note)
}

/// The report a Word file's comments or edits go to (`--report`, else the last one);
/// said in Vietnamese when there is none. `purpose` ends "Dự án chưa có báo cáo nào để …".
pub(super) fn target_report<'a>(
    args: &ImportArgs,
    project: &'a Project,
    purpose: &str,
    err: &mut dyn Write,
) -> Result<&'a crate::model::Report, ExitCode> {
    let report = match &args.report {
        Some(id) => project.report(id),
        None => project.reports.last(),
    };
    report.ok_or_else(|| {
        let _ = writeln!(
            err,
            "{}; tệp dự án không thay đổi.",
            args.report.as_ref().map_or_else(
                || format!("Dự án chưa có báo cáo nào để {purpose}"),
                |id| format!("Không tìm thấy báo cáo “{id}”")
            )
        );
        ExitCode::from(1)
    })
}

/// Adds the comments of the Word file to a report; `Ok(None)` when declined.
fn comments(
    args: &ImportArgs,
    word: &docx_rs::Docx,
    project: &mut Project,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Option<String>, ExitCode> {
    let report = target_report(args, project, "gắn góp ý", err)?;
    let now = chrono::Local::now().naive_local();
    let found = docx::place_comments_in(word, Some(project), report, now);
    let _ = writeln!(
        out,
        "Góp ý trong {} cho báo cáo {}:",
        args.table.display(),
        report.id
    );
    for p in &found.placed {
        let c = &p.comment;
        let _ = writeln!(
            out,
            "  {} — {} ({}): {}",
            crate::review::comment_anchor_label(report, c),
            c.author,
            c.at.format("%d/%m/%Y %H:%M"),
            c.text
        );
    }
    for (id, r) in &found.replies {
        let about = report
            .review
            .comments
            .iter()
            .find(|c| c.id == *id)
            .map_or_else(
                || id.clone(),
                |c| crate::review::comment_anchor_label(report, c),
            );
        let _ = writeln!(
            out,
            "  Trả lời góp ý ở {about} — {} ({}): {}",
            r.author,
            r.at.format("%d/%m/%Y %H:%M"),
            r.text
        );
    }
    if found.already > 0 {
        let _ = writeln!(
            out,
            "{} góp ý trong tệp đã có trong báo cáo, không thêm lại.",
            found.already
        );
    }
    if !found.unplaced.is_empty() {
        let _ = writeln!(
            out,
            "Không gắn được ({} góp ý, sẽ không được thêm):",
            found.unplaced.len()
        );
        for u in &found.unplaced {
            let _ = writeln!(out, "  {}: “{}” — {}", u.author, u.text, u.reason);
        }
    }
    let edits = super::word_changes::list(word, project, report, out);
    if found.placed.is_empty() && found.replies.is_empty() && edits.is_empty() {
        if found.already > 0 && found.unplaced.is_empty() {
            let _ = writeln!(
                out,
                "Không có góp ý mới và không có đoạn nào đã sửa; tệp dự án không thay đổi."
            );
            return Ok(None);
        }
        let _ = writeln!(
            err,
            "Không có góp ý nào gắn được vào báo cáo và không có đoạn nào đã sửa; tệp dự án không thay đổi."
        );
        return Err(ExitCode::from(1));
    }
    if !args.yes {
        let question = format!(
            "Thêm {} góp ý, {} trả lời và lưu {} đề xuất sửa vào báo cáo {}?",
            found.placed.len(),
            found.replies.len(),
            edits.len(),
            report.id
        );
        confirm(&question, input, out, err)?;
    }
    let id = report.id.clone();
    let already = found.already;
    let comments = found.placed.into_iter().map(|p| p.comment).collect();
    let Some(target) = project.reports.iter_mut().find(|r| r.id == id) else {
        return Err(ExitCode::from(1));
    };
    let replies_before: usize = target.review.comments.iter().map(|c| c.replies.len()).sum();
    let count = crate::review::add_imported(target, comments, found.replies)
        .map_err(|e| super::unchanged(err, e))?;
    let replies_after: usize = target.review.comments.iter().map(|c| c.replies.len()).sum();
    let replies = replies_after.saturating_sub(replies_before);
    let mut extra = String::new();
    if replies > 0 {
        extra.push_str(&format!(", {replies} trả lời"));
    }
    if already > 0 {
        extra.push_str(&format!("; {already} góp ý đã có từ trước, không thêm lại"));
    }
    let stored = super::word_changes::store(project, &id, edits);
    Ok(Some(format!(
        "Đã thêm {count} góp ý{extra}, lưu {stored} đề xuất sửa vào báo cáo {id} trong {}.",
        args.file.display()
    )))
}
