//! Helpers shared by the fuzz targets (each target uses only some of them).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use baocao::model::Project;

/// The bundled sample project, loaded once per process.
pub fn sample() -> &'static Project {
    static SAMPLE: OnceLock<Project> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        baocao::storage::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/mau-binh-minh-hai.ron")))
            .unwrap_or_else(|e| panic!("the sample project must load: {e}"))
    })
}

/// Writes `bytes` to `name` in a folder of this process's own under the temp dir and
/// returns its path (the same path every time for the same name).
pub fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("baocao-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        dir
    });
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

/// Panics, naming the first line where the pretty Debug forms of `a` and `b` differ.
pub fn assert_same<T: std::fmt::Debug + PartialEq>(what: &str, a: &T, b: &T) {
    if a == b {
        return;
    }
    let (da, db) = (format!("{a:#?}"), format!("{b:#?}"));
    let at = da
        .lines()
        .zip(db.lines())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| da.lines().count().min(db.lines().count()));
    let line = |d: &str| d.lines().nth(at).unwrap_or("<end>").to_owned();
    panic!(
        "{what}: values differ at Debug line {}:\n  before: {:?}\n  after:  {:?}",
        at + 1,
        line(&da),
        line(&db)
    );
}
