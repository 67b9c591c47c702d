//! `baocao new-notice FILE.ron [--revision N]`: the Thông báo of the adjustments of a
//! plan revision (the latest by default) added to the project, its id printed, saved
//! under the project's lock (issue 25). Command line over `session::plan_revisions`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::session::plan_revisions::notice;

/// What `baocao new-notice` was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewNoticeArgs {
    pub file: PathBuf,
    /// The revision, counted from 1 (default: the latest).
    pub revision: Option<usize>,
}

/// Reads the arguments after `new-notice`.
pub(super) fn parse_new_notice(args: &[String]) -> Result<NewNoticeArgs, String> {
    let mut files = Vec::new();
    let mut revision = None;
    let mut it = super::args::Args::new("new-notice", args);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--revision" => {
                let n = it.value("Sau --revision cần số thứ tự lần điều chỉnh, ví dụ 1.")?;
                revision = Some(n.trim().parse::<usize>().map_err(|_| {
                    format!("Lần điều chỉnh “{n}” không phải là số; hãy viết như --revision 1.")
                })?);
            }
            other => it.file(other, &mut files, 1)?,
        }
    }
    Ok(NewNoticeArgs {
        file: files.pop().ok_or("Lệnh new-notice cần tệp dự án.")?,
        revision,
    })
}

/// Adds the notice and prints its id.
pub fn run_new_notice(args: &NewNoticeArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    super::change_project(&args.file, out, err, |project, _, err| {
        let report = notice(project, args.revision).map_err(|e| super::unchanged(err, e))?;
        let id = report.id.clone();
        crate::edit::apply(project, crate::edit::Edit::AddReport(Box::new(report)))
            .map_err(|e| super::unchanged(err, e))?;
        Ok(Some(format!(
            "Đã thêm thông báo điều chỉnh {id} vào {}; xuất bằng: baocao export {} --report {id}\n{id}",
            args.file.display(),
            args.file.display()
        )))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn new_notice_takes_a_file_and_an_optional_revision_number() {
        assert_eq!(
            parse_new_notice(&args(&["a.ron", "--revision", "2"])),
            Ok(NewNoticeArgs {
                file: "a.ron".into(),
                revision: Some(2)
            })
        );
        assert!(parse_new_notice(&args(&["a.ron", "--revision", "hai"])).is_err());
        assert!(parse_new_notice(&args(&[])).is_err());
        assert!(parse_new_notice(&args(&["a.ron", "--x"])).is_err());
    }
}
