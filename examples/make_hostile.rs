//! Writes the hostile files of issue 30 into a folder (default `/tmp/baocao-hostile`),
//! for `benches/hostile.sh` to time the command line against: Word files nested
//! 1,000 deep, declaring 1 TiB and inflating to 1 GiB and 100 MiB; a workbook with a
//! 3 GiB shared string; an OpenDocument sheet renamed `.xlsx`; a 1,000,000-row CSV; a
//! 90,000-row CSV (fits the table, not the project); Excel's CP1258 and UTF-16 CSV;
//! and a folder with links to `/` and to its parent. The generators are the tests'.
//!
//! `cargo run --example make_hostile -- DIR`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/it/support/hostile.rs"]
#[allow(dead_code)]
mod hostile;

use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/baocao-hostile".to_owned()),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let files: [(&str, Vec<u8>); 10] = [
        ("long-1000.docx", hostile::nested_tables_docx(1000)),
        ("khai-1tib.docx", hostile::terabyte_docx()),
        ("bom-1gib.docx", hostile::inflating_docx(1024)),
        ("bom-100mib.docx", hostile::inflating_docx(100)),
        (
            "chuoi-3gib.xlsx",
            hostile::huge_shared_string_xlsx(3 * 1024),
        ),
        ("ods-doi-duoi.xlsx", hostile::ods_posing_as_xlsx()),
        ("trieu-dong.csv", hostile::many_rows_csv(1_000_000)),
        ("chin-muoi-nghin-dong.csv", hostile::many_rows_csv(90_000)),
        ("excel-1258.csv", hostile::cp1258_csv()),
        ("excel-unicode.csv", hostile::utf16_tab_csv()),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let folder = dir.join("thu-muc");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/mau-binh-minh-hai.ron"),
        folder.join("a.ron"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/", folder.join("goc")).unwrap();
        std::os::unix::fs::symlink(&dir, folder.join("cha")).unwrap();
    }
    println!("{}", dir.display());
}
