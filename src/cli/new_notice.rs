//! `baocao new-notice FILE.ron [--revision N]`: the Thông báo of the adjustments of a
//! plan revision (the latest by default) added to the project, its id printed, saved
//! under the project's lock (issue 25). Command line over `session::plan_revisions`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{ForWriting, open_for_writing};
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
    let mut file = None;
    let mut revision = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--revision" => {
                let n = it
                    .next()
                    .ok_or("Sau --revision cần số thứ tự lần điều chỉnh, ví dụ 1.")?;
                revision = Some(n.trim().parse::<usize>().map_err(|_| {
                    format!("Lần điều chỉnh “{n}” không phải là số; hãy viết như --revision 1.")
                })?);
            }
            other if other.starts_with('-') => {
                return Err(format!("Lệnh new-notice không có tùy chọn “{other}”."));
            }
            other if file.is_none() => file = Some(PathBuf::from(other)),
            other => return Err(format!("Thừa tham số “{other}”.")),
        }
    }
    Ok(NewNoticeArgs {
        file: file.ok_or("Lệnh new-notice cần tệp dự án.")?,
        revision,
    })
}

/// Adds the notice and prints its id.
pub fn run_new_notice(args: &NewNoticeArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let ForWriting {
        _lock,
        mut project,
        stamp,
    } = match open_for_writing(&args.file, err) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let report = match notice(&project, args.revision) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "{e}\nTệp dự án không thay đổi.");
            return ExitCode::from(1);
        }
    };
    let id = report.id.clone();
    if let Err(e) = crate::edit::apply(&mut project, crate::edit::Edit::AddReport(Box::new(report)))
    {
        let _ = writeln!(err, "{e}\nTệp dự án không thay đổi.");
        return ExitCode::from(1);
    }
    if let Err(code) = super::save::save_or_keep(&args.file, &project, &stamp, err) {
        return code;
    }
    let _ = writeln!(
        out,
        "Đã thêm thông báo điều chỉnh {id} vào {}; xuất bằng: baocao export {} --report {id}",
        args.file.display(),
        args.file.display()
    );
    let _ = writeln!(out, "{id}");
    ExitCode::SUCCESS
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
