//! `baocao print` to a real CUPS queue: the CUPS-PDF printer `PDF` that `.ci/run` sets up
//! (cups, printer-driver-cups-pdf). The printed file must hold exactly the pages asked,
//! compared by their looks with the exported document's pages, since CUPS-PDF redraws
//! the text as glyph outlines (its text cannot be read back).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The CUPS-PDF queue, or why this machine has none. In CI (`BAOCAO_CUPS_TEST` set by
/// `.ci/run`) a missing queue fails the test.
fn cups_pdf_queue() -> Option<PathBuf> {
    let ready = Command::new("lpstat")
        .args(["-p", "PDF"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ready {
        assert!(
            std::env::var_os("BAOCAO_CUPS_TEST").is_none(),
            "BAOCAO_CUPS_TEST is set but CUPS has no queue named PDF"
        );
        eprintln!("skipped: no CUPS queue named PDF (see .ci/run to set one up)");
        return None;
    }
    Some(PathBuf::from(std::env::var_os("HOME").unwrap()).join("PDF"))
}

/// Each page of `pdf` as a small grey picture (pdftoppm, 20 dpi).
fn page_pictures(pdf: &Path, dir: &Path, stem: &str) -> Vec<Vec<u8>> {
    let prefix = dir.join(stem);
    let status = Command::new("pdftoppm")
        .args(["-r", "20", "-gray"])
        .arg(pdf)
        .arg(&prefix)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{stem}-"))
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            // PGM: "P5\n<w> <h>\n<max>\n" then the pixels.
            let bytes = std::fs::read(f).unwrap();
            let mut fields = 0;
            let mut at = 0;
            while fields < 4 {
                while bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                while !bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                fields += 1;
            }
            bytes[at + 1..].to_vec()
        })
        .collect()
}

fn distance(a: &[u8], b: &[u8]) -> f64 {
    if a.len() != b.len() {
        return f64::MAX;
    }
    a.iter()
        .zip(b)
        .map(|(x, y)| f64::from(x.abs_diff(*y)))
        .sum::<f64>()
        / a.len() as f64
}

#[test]
fn printing_pages_two_to_three_to_a_cups_pdf_printer_prints_exactly_those_pages() {
    let Some(out_dir) = cups_pdf_queue() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("in-thu.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &project).unwrap();
    let before: Vec<PathBuf> = std::fs::read_dir(&out_dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect::<Vec<_>>())
        .unwrap_or_default();

    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["print"])
        .arg(&project)
        .args(["--printer", "PDF", "--pages", "2-3"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("trang 2-3") && said.contains("“PDF”"),
        "{said}"
    );

    // CUPS-PDF writes the file once the job has gone through its filters.
    let start = Instant::now();
    let printed = loop {
        let new: Vec<PathBuf> = std::fs::read_dir(&out_dir)
            .map(|d| d.map(|e| e.unwrap().path()).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .filter(|p| !before.contains(p) && p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        if let [one] = new.as_slice() {
            // Written in place: wait until its size holds still.
            let size = std::fs::metadata(one).unwrap().len();
            std::thread::sleep(Duration::from_millis(500));
            if size > 0 && std::fs::metadata(one).unwrap().len() == size {
                break one.clone();
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(90),
            "no printed file appeared in {}",
            out_dir.display()
        );
        std::thread::sleep(Duration::from_millis(300));
    };

    let whole = dir.path().join("ca-bao-cao.pdf");
    let export = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("export")
        .arg(&project)
        .arg("-o")
        .arg(&whole)
        .output()
        .unwrap();
    assert!(export.status.success());
    let originals = page_pictures(&whole, dir.path(), "anh-goc");
    let prints = page_pictures(&printed, dir.path(), "anh-in");
    std::fs::remove_file(&printed).unwrap();
    assert_eq!(
        prints.len(),
        2,
        "the printed file has {} pages",
        prints.len()
    );
    for (k, page) in prints.iter().enumerate() {
        let nearest = (0..originals.len())
            .min_by(|&a, &b| {
                distance(page, &originals[a]).total_cmp(&distance(page, &originals[b]))
            })
            .unwrap();
        assert_eq!(
            nearest + 1,
            k + 2,
            "printed page {} looks like page {}",
            k + 1,
            nearest + 1
        );
    }
}

#[test]
fn a_missing_printer_is_refused_in_vietnamese_and_nothing_is_said_to_be_sent() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("in-thu.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &project).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["print"])
        .arg(&project)
        .args(["--printer", "KhongCo", "--pages", "2-3"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}{err}");
    assert!(!said.contains("Đã gửi"), "{said}");
    // Which reason depends on the machine: a list of printers without KhongCo, none
    // at all, or no CUPS library; each is Vietnamese and keeps the pages as a PDF.
    assert!(
        err.contains("Không có máy in tên “KhongCo”")
            || err.contains("chưa có máy in nào")
            || err.contains("chưa có hệ thống in CUPS"),
        "{err}"
    );
    if cups_pdf_queue().is_some() {
        assert!(
            err.contains("Các máy in có:") && err.contains("PDF"),
            "{err}"
        );
    }
    assert!(err.contains("Bản in đã lưu thành tệp PDF"), "{err}");
}
