//! cli: saving a project that a command changed (import, new-report). When the file
//! cannot be replaced (another program holds it open on Windows, somebody changed it,
//! the disk is full), the command's work is not lost: it goes to the project's
//! recovery copy, which the window offers when the file is next opened, or to a new
//! file beside the project when a recovery copy is already there.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::model::Project;
use crate::storage::{self, DiskStamp};

/// Saves `project` over `path` (checked against `stamp`); on failure says why on
/// `err`, keeps the work (and says where) and gives the exit code.
pub(super) fn save_or_keep(
    path: &Path,
    project: &Project,
    stamp: &DiskStamp,
    err: &mut dyn Write,
) -> Result<(), ExitCode> {
    let Err(e) = storage::save_checked(path, project, Some(stamp)) else {
        return Ok(());
    };
    let _ = writeln!(err, "{e}");
    match keep(path, project, stamp) {
        Ok(KeptIn::Recovery(at)) => {
            let _ = writeln!(
                err,
                "Những gì lệnh này đã làm được giữ trong bản tự lưu; mở tệp dự án trong cửa sổ để khôi phục.\nBản tự lưu: {}",
                at.display()
            );
        }
        Ok(KeptIn::Beside(at)) => {
            let _ = writeln!(
                err,
                "Những gì lệnh này đã làm được lưu thành tệp dự án mới bên cạnh; mở tệp đó để tiếp tục.\nTệp mới: {}",
                at.display()
            );
        }
        Err(e) => {
            let _ = writeln!(err, "Cũng không giữ được bản sao công việc: {e}");
        }
    }
    Err(ExitCode::from(1))
}

/// Where the work went.
enum KeptIn {
    Recovery(PathBuf),
    Beside(PathBuf),
}

/// Writes the work to the recovery copy when there is none (one already there may
/// hold a window's unsaved work), else to a new file beside the project.
fn keep(
    path: &Path,
    project: &Project,
    stamp: &DiskStamp,
) -> Result<KeptIn, storage::StorageError> {
    let recovery = storage::recovery_path(path);
    if !recovery.exists() {
        storage::write_recovery(&recovery, project, Some(stamp))?;
        return Ok(KeptIn::Recovery(recovery));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "du-an".to_owned());
    let at = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let beside = (1..100)
        .map(|n| path.with_file_name(format!("{stem}-chua-luu-{at}-{n}.ron")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.with_file_name(format!("{stem}-chua-luu-{at}.ron")));
    storage::save(&beside, project)?;
    Ok(KeptIn::Beside(beside))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_changed_by_somebody_else_keeps_the_work_in_the_recovery_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("du-an.ron");
        let sample = crate::test_support::sample();
        storage::save(&path, &sample).unwrap();
        let (_, stamp) = storage::load_stamped(&path).unwrap();
        std::fs::write(&path, storage::to_string(&Project::default()).unwrap()).unwrap();
        let before = std::fs::read(&path).unwrap();
        let mut err = Vec::new();
        assert!(save_or_keep(&path, &sample, &stamp, &mut err).is_err());
        let said = String::from_utf8(err).unwrap();
        assert!(said.contains("Bản tự lưu"), "{said}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "the file stays");
        let (kept, _) = storage::read_recovery(&storage::recovery_path(&path)).unwrap();
        assert_eq!(kept, sample);
        // A second failure never writes over that copy: a new file beside instead.
        let mut err = Vec::new();
        assert!(save_or_keep(&path, &sample, &stamp, &mut err).is_err());
        let said = String::from_utf8(err).unwrap();
        assert!(said.contains("Tệp mới"), "{said}");
        let beside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("-chua-luu-"))
            .collect();
        assert_eq!(beside.len(), 1);
        assert_eq!(storage::load(&beside[0].path()).unwrap(), sample);
    }
}
