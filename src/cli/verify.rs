//! `baocao verify SIGNED.pdf [FILE.ron]`: lists the signatures of a signed PDF and
//! tells whether the signed content is exactly the approved report (see
//! [`crate::issue::verify`]). Reads only; the exit status is 0 only when it matches.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::issue::verify::{Against, verify};
use crate::storage;

/// What `baocao verify` was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyArgs {
    /// The signed PDF.
    pub pdf: PathBuf,
    /// The project to compare with; the source attached to the PDF when not given.
    pub project: Option<PathBuf>,
}

/// Reads the arguments after `verify`.
pub(super) fn parse_verify(args: &[String]) -> Result<VerifyArgs, String> {
    let mut files = Vec::new();
    let it = super::args::Args::new("verify", args);
    for a in args {
        it.file(a, &mut files, usize::MAX)?;
    }
    let mut files = files.into_iter();
    match (files.next(), files.next(), files.next()) {
        (Some(pdf), project, None) => Ok(VerifyArgs { pdf, project }),
        _ => Err("Lệnh verify cần tệp PDF đã ký, và có thể thêm tệp dự án (.ron).".to_owned()),
    }
}

/// Runs `baocao verify`: the verdict goes to `out`; 0 only when the signed content
/// matches.
pub fn run_verify(args: &VerifyArgs, out: &mut dyn Write) -> ExitCode {
    let _ = writeln!(out, "Tệp đã ký: {}", args.pdf.display());
    let bytes = match crate::issue::read_pdf_file(&args.pdf) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(out, "Kết luận: không đối chiếu được. {e}");
            return ExitCode::from(1);
        }
    };
    let project = match &args.project {
        None => None,
        Some(path) => match storage::load(path) {
            Ok(p) => Some((p, path.as_path())),
            Err(e) => {
                let _ = writeln!(out, "Kết luận: không đối chiếu được. {e}");
                return ExitCode::from(1);
            }
        },
    };
    let against = project
        .as_ref()
        .map(|(project, path)| Against { project, path });
    match verify(&bytes, &args.pdf, against) {
        Ok(v) => {
            let _ = write!(out, "{}", v.text());
            if v.matches {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            let _ = writeln!(out, "Kết luận: không đối chiếu được. {e}");
            ExitCode::from(1)
        }
    }
}
