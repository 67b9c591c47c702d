//! `baocao export --final`'s options for the sign-ready version: the signature and
//! seal images (`--signature-image`, `--seal-image`) and `--blank-number`, read here and
//! applied to the project in memory before it is rendered (see [`crate::issue`]).

use std::path::Path;

use super::args::Args;
use crate::model::{Project, SigningImages};

/// The sign-ready options of `baocao export`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignReadyArgs {
    /// `--signature-image PNG`, `--seal-image PNG`: the images, instead of those the
    /// project names.
    pub signing: SigningImages,
    /// `--blank-number`: `Số:` and the date left blank, for the document system to fill
    /// in at issuance (Decree 30, Art. 15.3).
    pub blank_number: bool,
}

impl SignReadyArgs {
    /// Whether any of these options was given.
    pub fn any(&self) -> bool {
        !self.signing.is_unset() || self.blank_number
    }

    /// Reads `arg` (and its value from `rest`) when it is one of these options; false
    /// when it is not.
    pub(super) fn take(&mut self, arg: &str, rest: &mut Args) -> Result<bool, String> {
        match arg {
            "--blank-number" => self.blank_number = true,
            "--signature-image" | "--seal-image" => {
                let png = rest
                    .value(&format!("Sau {arg} cần tên tệp ảnh PNG."))?
                    .clone();
                if arg == "--seal-image" {
                    self.signing.seal_image = Some(png);
                } else {
                    self.signing.signature_image = Some(png);
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Applies the options to `project` (loaded from `file`, its report first): the
    /// images as paths from the project's folder when they are in it (else absolute),
    /// the number and date cleared.
    pub(super) fn apply(&self, file: &Path, project: &mut Project) {
        let cwd = std::env::current_dir().unwrap_or_default();
        let folder = cwd.join(file.parent().unwrap_or(Path::new("")));
        let from_project = |png: &String| {
            let full = cwd.join(png);
            full.strip_prefix(&folder)
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_else(|_| full.to_string_lossy().into_owned())
        };
        if let Some(png) = &self.signing.signature_image {
            project.signing.signature_image = Some(from_project(png));
        }
        if let Some(png) = &self.signing.seal_image {
            project.signing.seal_image = Some(from_project(png));
        }
        if self.blank_number
            && let Some(r) = project.reports.first_mut()
        {
            r.number = None;
            r.date = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take(args: &[&str]) -> Result<SignReadyArgs, String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let mut out = SignReadyArgs::default();
        let mut it = Args::new("export", &args);
        while let Some(a) = it.next() {
            assert!(out.take(a, &mut it)?, "{a} not taken");
        }
        Ok(out)
    }

    #[test]
    fn images_and_the_blank_number_are_read_and_a_missing_file_name_is_refused() {
        let got = take(&["--seal-image", "dau.png", "--blank-number"]).unwrap();
        assert_eq!(got.signing.seal_image.as_deref(), Some("dau.png"));
        assert!(got.blank_number && got.any());
        let e = take(&["--signature-image"]).unwrap_err();
        assert!(e.contains("--signature-image") && e.contains("PNG"), "{e}");
        assert!(!SignReadyArgs::default().any());
    }

    #[test]
    fn images_in_the_project_folder_are_kept_as_paths_from_it_and_the_number_cleared() {
        let cwd = std::env::current_dir().unwrap();
        let args = take(&["--signature-image", "du-an/chu-ky.png", "--blank-number"]).unwrap();
        let mut project = Project {
            reports: vec![crate::model::Report {
                number: Some(5),
                ..crate::session::reports::new_project(None, 2026).reports[0].clone()
            }],
            ..Project::default()
        };
        args.apply(&cwd.join("du-an/x.ron"), &mut project);
        assert_eq!(
            project.signing.signature_image.as_deref(),
            Some("chu-ky.png")
        );
        assert_eq!(project.reports[0].number, None);
        let elsewhere = take(&["--seal-image", "/tmp/dau.png"]).unwrap();
        elsewhere.apply(&cwd.join("du-an/x.ron"), &mut project);
        assert_eq!(project.signing.seal_image.as_deref(), Some("/tmp/dau.png"));
    }
}
