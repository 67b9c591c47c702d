//! cli: `baocao import-plan FILE.ron KE-HOACH.docx|.txt [--yes]`: a plan document is
//! read ([`crate::import::plan`]), every task row, indicator and note shown, confirmed,
//! and added to the project's plan, saved atomically under the project's lock. Where
//! FILE.ron does not exist, a project is created from the plan (commune, offices and
//! signer from its header and signature).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{ForWriting, confirm, lock_for_writing, open_for_writing};
use crate::import::plan::{self, MatchedKind, PlanImport};
use crate::model::{Project, Target, target_label};
use crate::storage;

/// Arguments of `baocao import-plan`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanImportArgs {
    /// The project file; created when it does not exist.
    pub file: PathBuf,
    /// The plan document (`.docx` or `.txt`).
    pub plan: PathBuf,
    /// Import without asking.
    pub yes: bool,
    /// `--decided-by "Công văn số …"`: the document is a revision of the project's plan;
    /// rows the project has change to read as the document writes them, and what
    /// changed is recorded as a revision.
    pub decided_by: Option<String>,
    /// `--effective 2026-07-01`: the day that revision applies from (default: today).
    pub effective: Option<chrono::NaiveDate>,
}

/// Reads the arguments after `import-plan`.
pub(super) fn parse_import_plan(args: &[String]) -> Result<PlanImportArgs, String> {
    let mut yes = false;
    let mut files = Vec::new();
    let mut decided_by = None;
    let mut effective = None;
    let mut it = super::args::Args::new("import-plan", args);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--yes" | "-y" => yes = true,
            "--decided-by" => decided_by = Some(it.decided_by()?),
            "--effective" => effective = Some(it.effective()?),
            other => it.file(other, &mut files, usize::MAX)?,
        }
    }
    if effective.is_some() && decided_by.is_none() {
        return Err("--effective chỉ dùng kèm --decided-by.".to_owned());
    }
    match <[PathBuf; 2]>::try_from(files) {
        Ok([file, plan]) => Ok(PlanImportArgs {
            file,
            plan,
            yes,
            decided_by,
            effective,
        }),
        Err(_) => Err(
            "Lệnh import-plan cần một tệp dự án (.ron, tạo mới nếu chưa có) và một tệp kế hoạch (.docx hoặc .txt)."
                .to_owned(),
        ),
    }
}

/// Runs `baocao import-plan`. Exit status 0 when imported or declined, 1 on errors;
/// the project file is not touched unless the clerk confirms.
pub fn run_plan_import(
    args: &PlanImportArgs,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let doc = match plan::read_file(&args.plan) {
        Ok(d) => d,
        Err(e) => return super::unchanged(err, e),
    };
    if args.file.exists() {
        let ForWriting {
            _lock,
            mut project,
            stamp,
        } = match open_for_writing(&args.file, err) {
            Ok(w) => w,
            Err(code) => return code,
        };
        let import = plan::preview(&doc, &project);
        print_import(&import, &project, &args.plan, false, out);
        if let Some(decided_by) = &args.decided_by {
            let revision = Revision {
                decided_by,
                effective: args.effective,
                yes: args.yes,
            };
            return revise(
                &import,
                project,
                &revision,
                (&args.file, &stamp),
                (input, out, err),
            );
        }
        if import.adds_nothing(&project) {
            let _ = writeln!(
                out,
                "Kế hoạch không có gì mới so với dự án; tệp dự án không thay đổi."
            );
            return ExitCode::SUCCESS;
        }
        if !args.yes
            && let Err(code) = confirm(&question(&import), input, out, err)
        {
            return code;
        }
        plan::apply(&import, &mut project);
        if let Err(code) = super::save::save_or_keep(&args.file, &project, &stamp, err) {
            return code;
        }
        done(&import, &args.file, false, out);
        return ExitCode::SUCCESS;
    }
    if args.decided_by.is_some() {
        let _ = writeln!(
            err,
            "--decided-by ghi một lần điều chỉnh kế hoạch của dự án đã có; tệp dự án {} chưa có. Hãy nhập kế hoạch trước (không kèm --decided-by).",
            args.file.display()
        );
        return ExitCode::from(1);
    }
    let _lock = match lock_for_writing(&args.file) {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(err, "{e}\nChưa tạo tệp dự án.");
            return ExitCode::from(1);
        }
    };
    let (project, import) = plan::new_project(&doc);
    print_import(&import, &Project::default(), &args.plan, true, out);
    let _ = writeln!(
        out,
        "Tệp dự án {} chưa có: sẽ tạo dự án mới từ kế hoạch ({}).",
        args.file.display(),
        describe_organisation(&project)
    );
    if !args.yes
        && let Err(code) = confirm(&question(&import), input, out, err)
    {
        return code;
    }
    if let Err(e) = storage::save_checked(&args.file, &project, None) {
        let _ = writeln!(err, "{e}");
        return ExitCode::from(1);
    }
    done(&import, &args.file, true, out);
    ExitCode::SUCCESS
}

/// `baocao import` given a plan: says so and points to `import-plan`; exit status 1.
pub(super) fn refuse_plan(args: &super::ImportArgs, err: &mut dyn Write) -> ExitCode {
    let _ = writeln!(
        err,
        "Tệp {} là một kế hoạch (KẾ HOẠCH), không phải báo cáo; tệp dự án không thay đổi.\nĐể nhập kế hoạch vào dự án (bảng nhiệm vụ của Phụ lục, chỉ tiêu, số và ngày kế hoạch), dùng:\n  baocao import-plan {} {}",
        args.table.display(),
        args.file.display(),
        args.table.display()
    );
    ExitCode::from(1)
}

fn question(import: &PlanImport) -> String {
    format!(
        "Nhập {} nhiệm vụ, {} chỉ tiêu vào kế hoạch của dự án?",
        import.tasks.len(),
        import.indicators.len()
    )
}

fn done(import: &PlanImport, file: &Path, created: bool, out: &mut dyn Write) {
    let what = if created {
        "Đã tạo dự án"
    } else {
        "Đã nhập vào"
    };
    let _ = writeln!(
        out,
        "{what} {}: {} nhiệm vụ, {} chỉ tiêu, {} đơn vị mới.",
        file.display(),
        import.tasks.len(),
        import.indicators.len(),
        import.new_offices.len()
    );
}

fn describe_organisation(project: &Project) -> String {
    let o = &project.organisation;
    let mut parts = vec![if o.full_name.is_empty() {
        "chưa rõ tên cơ quan".to_owned()
    } else {
        o.full_name.clone()
    }];
    if let Some(s) = o.signers.first() {
        parts.push(format!("người ký: {} {}", s.position, s.full_name));
    }
    parts.push(format!("{} đơn vị", o.offices.len()));
    parts.join("; ")
}

/// The import as the clerk reads it: the plan's details, every task row, every
/// indicator, what matched the project, the new offices and every note.
pub fn print_import(
    import: &PlanImport,
    project: &Project,
    file: &Path,
    creating: bool,
    out: &mut dyn Write,
) {
    let h = &import.head;
    let _ = writeln!(out, "Kế hoạch trong {}:", file.display());
    let _ = writeln!(out, "  Tham chiếu: {}", h.reference);
    let _ = writeln!(out, "  Tên: {}", h.title);
    if !h.issuer.is_empty() {
        let _ = writeln!(out, "  Cơ quan ban hành: {}", h.issuer);
    }
    if let Some(year) = h.year {
        let _ = writeln!(out, "  Năm: {year}");
    }
    if !creating
        && !project.plan.reference.trim().is_empty()
        && project.plan.reference != h.reference
    {
        let _ = writeln!(
            out,
            "  Dự án đã có kế hoạch “{}”; giữ tham chiếu đó, chỉ thêm nhiệm vụ và chỉ tiêu mới.",
            project.plan.reference
        );
    }
    let row_of = |id: &str| import.rows_of.get(id).copied().unwrap_or(0);
    let _ = writeln!(out, "Nhiệm vụ mới ({}):", import.tasks.len());
    for t in &import.tasks {
        let group = import.group_title(project, &t.group);
        let offices = |ids: &[String]| {
            ids.iter()
                .map(|id| import.office_name(project, id))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let _ = writeln!(out, "  Dòng {} · {} · {}", row_of(&t.id), t.id, t.name);
        let written = t.deadline_text();
        let _ = writeln!(
            out,
            "      nhóm: {}; chủ trì chỉ đạo: {}; chủ trì: {}; phối hợp: {}; sản phẩm: {}; thời hạn: “{written}” ({})",
            if group.is_empty() { "—" } else { group },
            or_dash(&t.directing),
            or_dash(&offices(&t.lead)),
            or_dash(&offices(&t.coordinating)),
            or_dash(&t.output),
            plan::describe_deadline(&t.deadline)
        );
    }
    let conditional: Vec<&str> = import
        .tasks
        .iter()
        .filter(|t| plan::is_conditional(&t.deadline))
        .map(|t| t.id.as_str())
        .collect();
    if !conditional.is_empty() {
        let _ = writeln!(
            out,
            "Nhiệm vụ có thời hạn theo điều kiện, không có ngày (không bao giờ tính quá hạn): {}",
            conditional.join(", ")
        );
    }
    let _ = writeln!(out, "Chỉ tiêu mới ({}):", import.indicators.len());
    for i in &import.indicators {
        let group = import.group_title(project, &i.group);
        let meaning = match &i.target {
            Target::Number { .. } => target_label(&crate::model::Indicator {
                target_as_written: String::new(),
                ..i.clone()
            }),
            Target::Text { expected } => expected.clone(),
        };
        let _ = writeln!(
            out,
            "  Dòng {} · {} · {} — “{}” ({meaning}{})",
            row_of(&i.id),
            i.id,
            i.name,
            i.target_as_written,
            if group.is_empty() {
                String::new()
            } else {
                format!("; nhóm: {group}")
            }
        );
    }
    if !import.new_offices.is_empty() {
        let names: Vec<&str> = import.new_offices.iter().map(|o| o.name.as_str()).collect();
        let _ = writeln!(out, "Đơn vị mới ({}): {}", names.len(), names.join("; "));
    }
    if !import.matched.is_empty() {
        let _ = writeln!(
            out,
            "Đã có trong dự án ({}), không thêm lại:",
            import.matched.len()
        );
        for m in &import.matched {
            let kind = match m.kind {
                MatchedKind::Task => "nhiệm vụ",
                MatchedKind::Indicator => "chỉ tiêu",
            };
            let same = if m.differences.is_empty() {
                "giống nhau".to_owned()
            } else {
                format!("khác: {}", m.differences.join("; "))
            };
            let _ = writeln!(
                out,
                "  Dòng {} · {kind} {} · {} — {same}",
                m.row, m.id, m.name
            );
        }
    }
    if !import.notes.is_empty() {
        let _ = writeln!(out, "Cần xem lại ({} lưu ý):", import.notes.len());
        for n in &import.notes {
            let _ = writeln!(out, "  {n}");
        }
    }
}

fn or_dash(s: &str) -> &str {
    if s.trim().is_empty() { "—" } else { s }
}

/// What `--decided-by` asks for.
struct Revision<'a> {
    decided_by: &'a str,
    effective: Option<chrono::NaiveDate>,
    yes: bool,
}

/// `import-plan --decided-by`: the plan document taken as a revision of the project's
/// plan. Lists what changes, asks unless `--yes`, records the revision and saves.
fn revise(
    import: &PlanImport,
    mut project: Project,
    revision: &Revision<'_>,
    (file, stamp): (&Path, &storage::DiskStamp),
    (input, out, err): (&mut dyn BufRead, &mut dyn Write, &mut dyn Write),
) -> ExitCode {
    use crate::session::plan_revisions;
    if project.plan.tasks.is_empty() && project.plan.indicators.is_empty() {
        let _ = writeln!(
            err,
            "Dự án chưa có kế hoạch để điều chỉnh; hãy nhập kế hoạch trước (không kèm --decided-by). Tệp dự án không thay đổi."
        );
        return ExitCode::from(1);
    }
    let after = plan::revised(import, &project);
    // Without --effective the revision applies from today, never to reports whose
    // period ended before it was recorded.
    let effective = revision
        .effective
        .or_else(|| Some(chrono::Local::now().date_naive()));
    let edit = match plan_revisions::revise(
        &project,
        after.plan.clone(),
        revision.decided_by,
        effective,
    ) {
        Ok(e) => e,
        Err(e) => {
            let _ = writeln!(out, "{e}\nTệp dự án không thay đổi.");
            return ExitCode::SUCCESS;
        }
    };
    let n = project.plan.revisions.len() + 1;
    if let crate::edit::Edit::RevisePlan(revised) = &edit
        && let Some(rev) = revised.revisions.last()
    {
        let _ = writeln!(out, "Điều chỉnh kế hoạch lần {n} theo {}:", rev.decided_by);
        // Described against the plan after, which names the offices the change adds.
        for line in plan_revisions::describe(&after, rev) {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !revision.yes
        && let Err(code) = confirm("Ghi điều chỉnh kế hoạch này?", input, out, err)
    {
        return code;
    }
    project.organisation = after.organisation;
    if let Err(e) = crate::edit::apply(&mut project, edit) {
        return super::unchanged(err, e);
    }
    if let Err(code) = super::save::save_or_keep(file, &project, stamp, err) {
        return code;
    }
    let _ = writeln!(
        out,
        "Đã ghi điều chỉnh kế hoạch lần {n} vào {}; soạn thông báo điều chỉnh bằng: baocao new-notice {}",
        file.display(),
        file.display()
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn import_plan_takes_a_project_a_plan_and_yes() {
        assert_eq!(
            parse_import_plan(&args(&["a.ron", "kh.docx", "--yes"])),
            Ok(PlanImportArgs {
                file: "a.ron".into(),
                plan: "kh.docx".into(),
                yes: true,
                decided_by: None,
                effective: None,
            })
        );
        let revision = parse_import_plan(&args(&[
            "a.ron",
            "kh.docx",
            "--decided-by",
            " Công văn số 125/UBND-VP ",
            "--effective",
            "2026-07-01",
        ]))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            revision.decided_by.as_deref(),
            Some("Công văn số 125/UBND-VP")
        );
        assert_eq!(
            revision.effective,
            chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
        );
        assert!(
            parse_import_plan(&args(&["a.ron", "b.txt", "--effective", "2026-07-01"])).is_err()
        );
        assert!(parse_import_plan(&args(&["a.ron", "b.txt", "--decided-by"])).is_err());
        assert!(
            parse_import_plan(&args(&[
                "a.ron",
                "b.txt",
                "--decided-by",
                "x",
                "--effective",
                "1/7"
            ]))
            .is_err()
        );
        assert!(parse_import_plan(&args(&["a.ron"])).is_err());
        assert!(parse_import_plan(&args(&["a.ron", "b.txt", "c.txt"])).is_err());
        assert!(parse_import_plan(&args(&["a.ron", "b.txt", "--kind"])).is_err());
    }
}
