//! cli: the paragraphs a leader changed in a returned Word file, listed word by word
//! and stored as proposed changes of the report (`baocao import … --comments`, and
//! `--compare` for the changes alone); the report's text changes only when the clerk
//! accepts them in the window.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use super::{ImportArgs, confirm};
use crate::import::docx;
use crate::model::{Project, ProposedChange, Report};
use crate::review::{self, Span};

/// Prints what comparing `word` with `report` found and returns the new changes.
pub(super) fn list(
    word: &docx_rs::Docx,
    project: &Project,
    report: &Report,
    out: &mut dyn Write,
) -> Vec<ProposedChange> {
    let found = docx::compare(word, project, report);
    if found.changes.is_empty() {
        let _ = writeln!(
            out,
            "Không có đoạn nào khác báo cáo {} (mới so với các đề xuất đã có).",
            report.id
        );
    } else {
        let _ = writeln!(
            out,
            "Đoạn đã sửa trong tệp Word ({} đề xuất sửa, chưa áp dụng):",
            found.changes.len()
        );
    }
    for c in &found.changes {
        describe(report, c, out);
    }
    for n in &found.notes {
        let _ = writeln!(out, "  Lưu ý: {n}");
    }
    found.changes
}

/// One change: where, what kind, who, and the words removed `[-…-]` and added `{+…+}`.
fn describe(report: &Report, c: &ProposedChange, out: &mut dyn Write) {
    let _ = writeln!(out, "  {}:", review::change_caption(report, c));
    let spans = review::change_spans(c);
    let text: String = spans
        .iter()
        .map(|s| match s {
            Span::Same(t) => t.clone(),
            Span::Removed(t) => format!("[-{t}-]"),
            Span::Added(t) => format!("{{+{t}+}}"),
        })
        .collect();
    let _ = writeln!(out, "    {text}");
}

/// `--compare`: stores the changes as proposed changes of the report; `Ok(None)` when
/// declined or when there is nothing new.
pub(super) fn compare_only(
    args: &ImportArgs,
    word: &docx_rs::Docx,
    project: &mut Project,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Option<String>, ExitCode> {
    let report = super::docx_import::target_report(args, project, "so sánh", err)?;
    let _ = writeln!(
        out,
        "So sánh {} với báo cáo {}:",
        args.table.display(),
        report.id
    );
    let changes = list(word, project, report, out);
    if changes.is_empty() {
        let _ = writeln!(out, "Tệp dự án không thay đổi.");
        return Ok(None);
    }
    let id = report.id.clone();
    if !args.yes {
        let question = format!(
            "Lưu {} đề xuất sửa vào báo cáo {id} (chưa áp dụng, chấp nhận hoặc bỏ qua ở bước Góp ý và duyệt)?",
            changes.len()
        );
        confirm(&question, input, out, err)?;
    }
    let count = store(project, &id, changes);
    Ok(Some(format!(
        "Đã lưu {count} đề xuất sửa vào báo cáo {id} trong {}.",
        args.file.display()
    )))
}

/// Adds `changes` to report `id`; returns how many were new.
pub(super) fn store(project: &mut Project, id: &str, changes: Vec<ProposedChange>) -> usize {
    project
        .reports
        .iter_mut()
        .find(|r| r.id == id)
        .map_or(0, |r| review::add_proposed(r, changes))
}
