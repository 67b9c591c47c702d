//! `baocao import FILE.ron REPORT.txt` end to end: the real report of seed 003 added to
//! a copy of the bundled sample project, the file reloaded; declining, empty and
//! undecodable files leave the project untouched.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use baocao::model::{ChildNumbering, Period, PeriodKind};
use baocao::storage;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A folder with a copy of the sample project (`p.ron`) and of seed 003 (`seed003.txt`).
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    std::fs::copy(root().join("assets/mau-binh-minh-hai.ron"), &project).unwrap();
    let text = dir.path().join("seed003.txt");
    std::fs::copy(
        root().join("../shared/seeds/003_8a9ce08749d756e0.txt"),
        &text,
    )
    .unwrap();
    (dir, project, text)
}

fn run(project: &Path, text: &Path, extra: &[&str], stdin: &str) -> Output {
    crate::support::cli::import(&[project, text], extra, stdin)
}

#[test]
fn the_seed_report_is_added_and_the_project_reloads() {
    let (_dir, project, text) = setup();
    let original = std::fs::read(&project).unwrap();
    let before = storage::load(&project).unwrap();
    let out = run(&project, &text, &["--yes"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    for shown in [
        "Mã báo cáo: bc-q2-2026-1",
        "I. CĂN CỨ XÂY DỰNG BÁO CÁO — 3 ý",
        "2.4. Về phát triển hạ tầng và nền tảng số — 10 ý",
        "c) Nguyên nhân — 9 ý",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT — 12 ý",
        "Dòng 46: có 27 dòng mang hai dấu đầu dòng",
        "Người ký: văn bản ghi “TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Vũ Văn Nguyễn”",
        "Đã thêm báo cáo bc-q2-2026-1 (19 mục, kỳ Quý II/2026)",
    ] {
        assert!(stdout.contains(shown), "“{shown}” not in:\n{stdout}");
    }

    let saved = storage::load(&project).unwrap();
    assert_eq!(saved.reports.len(), before.reports.len() + 1);
    assert_eq!(saved.reports[..before.reports.len()], before.reports[..]);
    let r = saved.report("bc-q2-2026-1").unwrap();
    assert_eq!(r.period, Period::new(2026, PeriodKind::Quarter(2)));
    assert_eq!(r.sections.len(), 4);
    assert_eq!(r.sections[1].children[2].numbering, ChildNumbering::Letters);
    assert_eq!(r.signer, "PCT");
    assert!(
        r.sections[3]
            .body
            .starts_with("* ***Đề nghị UBND thành phố:***\n- ")
    );
    let file = std::fs::read_to_string(&project).unwrap();
    assert_eq!(
        storage::to_string(&saved).unwrap(),
        file,
        "the file round-trips"
    );
    assert_eq!(
        std::fs::read(storage::backup_path(&project)).unwrap(),
        original
    );
    let errors: Vec<String> = baocao::check::check(&saved)
        .iter()
        .filter(|p| p.severity == baocao::check::Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");

    // A second import gets the next free id, in the period asked for.
    let out = run(&project, &text, &["--yes", "--period", "2026-6T"], "");
    assert!(out.status.success());
    let saved = storage::load(&project).unwrap();
    let r = saved.reports.last().unwrap();
    assert_eq!(
        (r.id.as_str(), r.period.kind),
        ("bc-6t-2026", PeriodKind::FirstHalf)
    );
}

#[test]
fn declining_or_a_text_without_a_report_leaves_the_project_untouched() {
    let (dir, project, text) = setup();
    let original = std::fs::read(&project).unwrap();
    let out = run(&project, &text, &[], "k\n");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("Thêm báo cáo bc-q2-2026-1 vào dự án? (c/k)"),
        "{stdout}"
    );
    assert!(stdout.contains("Đã hủy"), "{stdout}");

    let empty = dir.path().join("trong.txt");
    std::fs::write(&empty, "\n  \n").unwrap();
    let out = run(&project, &empty, &["--yes"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Không nhận ra nội dung báo cáo"));

    // Windows-1258 bytes are not UTF-8: refused with what to do in Word.
    let legacy = dir.path().join("cu.txt");
    std::fs::write(&legacy, b"I. C\xc3N C\xd2\n- C\xe3n c\xf2\n").unwrap();
    let out = run(&project, &legacy, &["--yes"], "");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("UTF-8") && stderr.contains("cu.txt"),
        "{stderr}"
    );

    assert_eq!(std::fs::read(&project).unwrap(), original);
    assert!(!storage::backup_path(&project).exists());
}

#[test]
fn word_unicode_text_in_utf16_is_read() {
    let (dir, project, _) = setup();
    let text = "BÁO CÁO\r\nSơ kết quý III năm 2026\r\n\r\nI. CĂN CỨ\r\n- Căn cứ Kế hoạch\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let path = dir.path().join("unicode.txt");
    std::fs::write(&path, bytes).unwrap();
    let out = run(&project, &path, &["--yes"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = storage::load(&project).unwrap();
    let r = saved.reports.last().unwrap();
    assert_eq!(r.id, "bc-q3-2026");
    assert_eq!(r.sections[0].title, "Căn cứ");
    assert_eq!(r.sections[0].body, "- Căn cứ Kế hoạch");
}

/// Issue 12's acceptance: seed 003 imported into a project of its own commune prints
/// as a Decree 30 document (nd30check) and `pdftotext` gives back every word of the
/// seed, in order, with its structure (nested items, lead lines, numbering).
#[test]
fn the_seed_report_exports_passing_nd30check_with_every_word_in_order() {
    let (dir, project_path, text) = setup();
    // The seed's commune, signer and archive, so that what prints is the seed's own.
    let mut p = storage::load(&project_path).unwrap();
    p.organisation.place = "Nam Thanh Miện".into();
    p.organisation.issuing_body = vec!["ỦY BAN NHÂN DÂN".into(), "XÃ NAM THANH MIỆN".into()];
    p.organisation.archive = "VT, VHXX".into();
    if let Some(s) = p.organisation.signers.iter_mut().find(|s| s.id == "PCT") {
        s.full_name = "Vũ Văn Nguyễn".into();
    }
    storage::save(&project_path, &p).unwrap();
    let o = run(&project_path, &text, &["--yes"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let p = storage::load(&project_path).unwrap();
    let id = p.reports.last().unwrap().id.clone();
    let pdf = dir.path().join("seed003.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["export"])
        .arg(&project_path)
        .args(["--report", &id, "-o"])
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let check = Command::new("python3")
        .arg(root().join("../shared/tools/nd30check.py"))
        .arg(&pdf)
        .arg("--draft")
        .output()
        .expect("python3 runs");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{report}");

    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let seed = std::fs::read_to_string(&text).unwrap();
    let printed = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    let printed = words(&String::from_utf8_lossy(&printed.stdout));
    // Every word of the seed appears in the printed text, in the seed's order (the
    // printed text has more: the national name, the motto, Kính gửi …).
    let mut at = 0;
    for w in words(&seed) {
        match printed[at..].iter().position(|p| *p == w) {
            Some(k) => at += k + 1,
            None => panic!("“{w}” missing or out of order after word {at}"),
        }
    }
    let report = &p.reports.last().unwrap();
    let body = |title: &str| {
        report
            .all_sections()
            .into_iter()
            .find(|s| s.title.contains(title))
            .map(|s| s.body.clone())
            .unwrap_or_default()
    };
    assert!(body("Kiến nghị").contains("* ***Đề nghị UBND thành phố:***"));
    assert!(body("lãnh đạo, chỉ đạo").contains("\n  - Ban hành"));
}

/// Issue 23: seed 003 pasted into a project of another commune prints the document's
/// own signer, place and archive line by default, both are listed, and the project's
/// print when asked.
#[test]
fn a_report_of_another_commune_prints_its_own_signer_unless_the_projects_words_are_chosen() {
    for (extra, signer, place) in [
        (&[][..], "Vũ Văn Nguyễn", "Nam Thanh Miện"),
        (
            &["--project-words"][..],
            "Đỗ Thị Minh Huyền",
            "Bình Minh Hải",
        ),
    ] {
        let (dir, project_path, text) = setup();
        let mut args = vec!["--yes"];
        args.extend_from_slice(extra);
        let o = run(&project_path, &text, &args, "");
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            stdout.contains("Vũ Văn Nguyễn") && stdout.contains("Đỗ Thị Minh Huyền"),
            "both named: {stdout}"
        );
        let p = storage::load(&project_path).unwrap();
        let id = p.reports.last().unwrap().id.clone();
        let pdf = dir.path().join("in.pdf");
        let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
            .args(["export"])
            .arg(&project_path)
            .args(["--report", &id, "-o"])
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let printed = crate::support::cli::tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        assert!(printed.contains(signer), "{signer} prints");
        assert!(
            printed.contains(&format!("{place}, ngày")),
            "{place} prints"
        );
        let other = if signer == "Vũ Văn Nguyễn" {
            "Đỗ Thị Minh Huyền"
        } else {
            "Vũ Văn Nguyễn"
        };
        assert!(!printed.contains(other), "{other} does not print");
    }
}

/// xMin of the first word `word` in `pdftotext -bbox` output.
fn x_of(bbox: &str, word: &str) -> f64 {
    let tail = format!(">{word}</word>");
    let line = bbox
        .lines()
        .find(|l| l.trim_end().ends_with(&tail))
        .unwrap_or_else(|| panic!("{word} not in the PDF"));
    let at = line.find("xMin=\"").unwrap() + 6;
    line[at..].split('"').next().unwrap().parse().unwrap()
}

#[test]
fn a_four_level_list_pasted_as_text_keeps_its_fourth_level_in_the_pdf() {
    let (dir, project, _) = setup();
    let text = dir.path().join("bon-cap.txt");
    std::fs::write(
        &text,
        "BÁO CÁO\nSơ kết công tác chuyển đổi số quý II năm 2026\n\
         I. KẾT QUẢ THỰC HIỆN\n\
         - Alphaone về hạ tầng số.\n\
         \t- Bravotwo về mạng cáp quang.\n\
         \t\t- Charliethree về thôn Đông.\n\
         \t\t\t- Deltafour về cụm dân cư số 4.\n\
         II. KIẾN NGHỊ\nKhông có.\n",
    )
    .unwrap();
    let o = run(&project, &text, &["--yes"], "");
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!said.contains("tối đa"), "{said}");
    let p = storage::load(&project).unwrap();
    let id = p.reports.last().unwrap().id.clone();
    let body = &p.reports.last().unwrap().sections[0].body;
    assert!(body.contains("\n      - Deltafour"), "{body}");
    let pdf = dir.path().join("bon-cap.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("export")
        .arg(&project)
        .args(["--report", &id, "-o"])
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bbox = crate::support::cli::tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let xs: Vec<f64> = ["Alphaone", "Bravotwo", "Charliethree", "Deltafour"]
        .iter()
        .map(|w| x_of(&bbox, w))
        .collect();
    for pair in xs.windows(2) {
        assert!(
            pair[1] > pair[0] + 1.0,
            "each level prints further in: {xs:?}"
        );
    }
}
