//! `baocao import TABLE --decided-by "Công văn số …" [--effective DATE]`: a table that
//! changes the plan, recorded as a revision of it (issue 25). Command line over
//! `session::plan_revisions`; the table is read by `import` as for any import.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use super::ImportArgs;
use crate::import::ImportPreview;
use crate::model::Project;
use crate::storage;

/// `import … --decided-by`: the table's rows change the plan (a row naming an
/// indicator or task of the plan changes it, the others are added) and the change is
/// recorded as a revision; what would change is printed with the rows left out, and
/// asked about unless `--yes`.
#[allow(clippy::too_many_arguments)]
pub(super) fn revise_by_import(
    args: &ImportArgs,
    decided_by: &str,
    preview: &ImportPreview,
    mut project: Project,
    stamp: &storage::DiskStamp,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    use crate::session::plan_revisions::{revise, revised_by_import};
    let after = revised_by_import(&project, preview);
    project
        .organisation
        .offices
        .extend(preview.new_offices.iter().cloned());
    // Without --effective the revision applies from today, never to reports whose
    // period ended before it was recorded.
    let effective = args
        .effective
        .or_else(|| Some(chrono::Local::now().date_naive()));
    let edit = match revise(&project, after, decided_by, effective) {
        Ok(e) => e,
        Err(e) => return super::unchanged(err, e),
    };
    super::print_mapping(preview, out);
    let n = project.plan.revisions.len() + 1;
    if let crate::edit::Edit::RevisePlan(plan) = &edit
        && let Some(rev) = plan.revisions.last()
    {
        let _ = writeln!(out, "Điều chỉnh kế hoạch lần {n} theo {}:", rev.decided_by);
        for line in crate::session::plan_revisions::describe(&project, rev) {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !preview.problems.is_empty() {
        let _ = writeln!(out, "Không đọc được {} dòng:", preview.problems.len());
        for problem in &preview.problems {
            let _ = writeln!(out, "  {problem}");
        }
    }
    if !args.yes
        && let Err(code) = super::confirm("Ghi điều chỉnh kế hoạch này?", input, out, err)
    {
        return code;
    }
    if let Err(e) = crate::edit::apply(&mut project, edit) {
        return super::unchanged(err, e);
    }
    let _ = writeln!(out, "Đã ghi điều chỉnh kế hoạch lần {n}.");
    if let Err(code) = super::save::save_or_keep(&args.file, &project, stamp, err) {
        return code;
    }
    let _ = writeln!(
        out,
        "Đã lưu {}; soạn thông báo điều chỉnh bằng: baocao new-notice {}",
        args.file.display(),
        args.file.display()
    );
    ExitCode::SUCCESS
}
