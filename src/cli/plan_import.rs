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
}

/// Reads the arguments after `import-plan`.
pub fn parse_import_plan(args: &[String]) -> Result<PlanImportArgs, String> {
    let mut yes = false;
    let mut files = Vec::new();
    for a in args {
        match a.as_str() {
            "--yes" | "-y" => yes = true,
            other if other.starts_with('-') => {
                return Err(format!("Lệnh import-plan không có tùy chọn “{other}”."));
            }
            other => files.push(PathBuf::from(other)),
        }
    }
    match <[PathBuf; 2]>::try_from(files) {
        Ok([file, plan]) => Ok(PlanImportArgs { file, plan, yes }),
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
        Err(e) => {
            let _ = writeln!(err, "{e}\nTệp dự án không thay đổi.");
            return ExitCode::from(1);
        }
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
            "      nhóm: {}; chủ trì: {}; phối hợp: {}; sản phẩm: {}; thời hạn: “{written}” ({})",
            if group.is_empty() { "—" } else { group },
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
                yes: true
            })
        );
        assert!(parse_import_plan(&args(&["a.ron"])).is_err());
        assert!(parse_import_plan(&args(&["a.ron", "b.txt", "c.txt"])).is_err());
        assert!(parse_import_plan(&args(&["a.ron", "b.txt", "--kind"])).is_err());
    }
}
