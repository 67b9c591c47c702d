//! Outputs never replace inputs: every writing command of the real binary (export as
//! PDF and Word, the sign-ready version with its images, batch export, aggregate and
//! its mapping file) refuses a target that is the project, a file it reads, another
//! project file, a folder or a device, leaving the input byte-identical; an existing
//! plain output is replaced only with `--force`, and then kept as `.bak`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn baocao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1782000000")
        .output()
        .expect("the program runs")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn said(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A copy of the bundled sample in a fresh folder.
fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mau-binh-minh-hai.ron"),
        &path,
    )
    .unwrap();
    (dir, path)
}

/// Runs `args`, expects a refusal (exit ≠ 0, a Vietnamese reason naming `kept`), and
/// checks `kept` still holds `before` and got no `.bak` from this.
fn refused(args: &[&str], kept: &Path, before: &[u8], reason: &str) {
    let o = baocao(args);
    assert!(
        !o.status.success(),
        "{args:?} must be refused: {}",
        said(&o)
    );
    let text = said(&o);
    assert!(text.contains(reason), "{args:?}: {text}");
    assert!(text.contains(s(kept)), "the file is named: {text}");
    assert_eq!(std::fs::read(kept).unwrap(), before, "{args:?} changed it");
}

#[test]
fn an_export_over_its_own_project_is_refused_as_pdf_and_as_word() {
    let (_d, a) = project();
    let before = std::fs::read(&a).unwrap();
    refused(&["export", s(&a), "-o", s(&a)], &a, &before, "tệp dự án");
    refused(
        &["export", s(&a), "--format", "docx", "-o", s(&a)],
        &a,
        &before,
        "tệp dự án",
    );
    // Forcing changes nothing: the project is never an output.
    refused(
        &["export", s(&a), "--force", "-o", s(&a)],
        &a,
        &before,
        "tệp dự án",
    );
    assert!(!a.with_file_name("a.ron.bak").exists());
}

#[test]
fn the_project_reached_through_dots_or_a_link_is_refused_too() {
    let (d, a) = project();
    let before = std::fs::read(&a).unwrap();
    std::fs::create_dir(d.path().join("con")).unwrap();
    let dotted = d.path().join("con/../a.ron");
    refused(
        &["export", s(&a), "--force", "-o", s(&dotted)],
        &dotted,
        &before,
        "tệp dự án",
    );
    #[cfg(unix)]
    {
        let link = d.path().join("ket-qua.pdf");
        std::os::unix::fs::symlink(&a, &link).unwrap();
        refused(
            &["export", s(&a), "--force", "-o", s(&link)],
            &link,
            &before,
            "tệp dự án",
        );
        assert_eq!(std::fs::read(&a).unwrap(), before);
    }
}

#[test]
fn the_signature_image_being_read_is_never_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let a = crate::sign_verify::approved_sample(dir.path());
    let sig = dir.path().join("sig.png");
    crate::sign_verify::ring_png(&sig, 400, 160, [20, 40, 200], None);
    let before = std::fs::read(&sig).unwrap();
    refused(
        &[
            "export",
            s(&a),
            "--final",
            "--signature-image",
            s(&sig),
            "--force",
            "-o",
            s(&sig),
        ],
        &sig,
        &before,
        "ảnh chữ ký",
    );
}

#[test]
fn another_project_a_backup_or_a_renamed_project_is_refused_even_when_forced() {
    let (d, a) = project();
    let other = d.path().join("b.ron");
    std::fs::copy(&a, &other).unwrap();
    let bak = d.path().join("b.ron.bak");
    std::fs::copy(&a, &bak).unwrap();
    let renamed = d.path().join("ban-cu.pdf");
    std::fs::copy(&a, &renamed).unwrap();
    let before = std::fs::read(&a).unwrap();
    for target in [&other, &bak, &renamed] {
        refused(
            &["export", s(&a), "--force", "-o", s(target)],
            target,
            &before,
            "công việc của bạn",
        );
    }
}

#[test]
fn an_existing_pdf_needs_force_and_is_then_kept_as_bak() {
    let (d, a) = project();
    let pdf = d.path().join("bao-cao.pdf");
    std::fs::write(&pdf, b"%PDF-1.4 ban cu").unwrap();
    refused(
        &["export", s(&a), "-o", s(&pdf)],
        &pdf,
        b"%PDF-1.4 ban cu",
        "--force",
    );
    let o = baocao(&["export", s(&a), "-o", s(&pdf), "--force"]);
    assert!(o.status.success(), "{}", said(&o));
    let new = std::fs::read(&pdf).unwrap();
    assert!(new.starts_with(b"%PDF-") && new.len() > 1000);
    assert_eq!(
        std::fs::read(d.path().join("bao-cao.pdf.bak")).unwrap(),
        b"%PDF-1.4 ban cu"
    );
}

#[test]
fn devices_fifos_and_folders_are_refused() {
    let (d, a) = project();
    let before = std::fs::read(&a).unwrap();
    let check = |target: &Path| {
        let o = baocao(&["export", s(&a), "--force", "-o", s(target)]);
        assert!(!o.status.success(), "{target:?}: {}", said(&o));
        assert!(said(&o).contains(s(target)), "{}", said(&o));
        assert_eq!(std::fs::read(&a).unwrap(), before);
    };
    check(d.path());
    #[cfg(unix)]
    {
        check(Path::new("/dev/null"));
        let fifo = d.path().join("ong.pdf");
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        check(&fifo);
        assert!(fifo.exists(), "the FIFO is left as it was");
    }
}

#[test]
fn a_second_batch_export_needs_force() {
    let (d, _a) = project();
    let out = tempfile::tempdir().unwrap();
    let o = baocao(&["export", s(d.path()), "--out", s(out.path())]);
    assert!(o.status.success(), "{}", said(&o));
    let o = baocao(&["export", s(d.path()), "--out", s(out.path())]);
    assert!(!o.status.success(), "{}", said(&o));
    assert!(said(&o).contains("--force"), "{}", said(&o));
    let o = baocao(&["export", s(d.path()), "--out", s(out.path()), "--force"]);
    assert!(o.status.success(), "{}", said(&o));
}

#[test]
fn aggregate_never_writes_its_mapping_or_table_over_a_communes_file() {
    let (d, a) = project();
    let xa1 = d.path().join("xa1.ron");
    std::fs::rename(&a, &xa1).unwrap();
    let before = std::fs::read(&xa1).unwrap();
    let table = d.path().join("th.xlsx");
    refused(
        &[
            "aggregate",
            s(d.path()),
            "--write-mapping",
            s(&xa1),
            "--force",
            "-o",
            s(&table),
        ],
        &xa1,
        &before,
        "tệp dự án",
    );
    // A project renamed .xlsx is recognised by its content.
    let renamed = d.path().join("ban-cu.xlsx");
    std::fs::copy(&xa1, &renamed).unwrap();
    refused(
        &["aggregate", s(d.path()), "--force", "-o", s(&renamed)],
        &renamed,
        &before,
        "công việc của bạn",
    );
    // The table itself: written once, then only with --force.
    let o = baocao(&["aggregate", s(d.path()), "-o", s(&table)]);
    assert!(o.status.success(), "{}", said(&o));
    let o = baocao(&["aggregate", s(d.path()), "-o", s(&table)]);
    assert!(
        !o.status.success() && said(&o).contains("--force"),
        "{}",
        said(&o)
    );
    let o = baocao(&["aggregate", s(d.path()), "-o", s(&table), "--force"]);
    assert!(o.status.success(), "{}", said(&o));
    assert!(d.path().join("th.xlsx.bak").is_file());
}

/// The window on a copy of the sample, its choosers answering nothing (as on a
/// desktop without a file chooser, where the clerk types paths).
fn window() -> (
    tempfile::TempDir,
    PathBuf,
    egui_kittest::Harness<'static, baocao::ui::BaocaoApp>,
) {
    let (dir, path) = project();
    let p = path.clone();
    let harness = {
        let answers = crate::support::answers::Answers {
            no_chooser: true,
            ..Default::default()
        };
        crate::support::window::window(&p).dialogs(answers).build()
    };
    (dir, path, harness)
}

#[test]
fn the_window_asks_before_replacing_a_typed_pdf_and_keeps_the_old_one_as_bak() {
    use baocao::ui::command::{Modal, PathPurpose, PdfKind};
    use egui_kittest::kittest::Queryable;
    let (d, _a, mut h) = window();
    h.run();
    let pdf = d.path().join("ban-in.pdf");
    std::fs::write(&pdf, b"%PDF-1.4 ban cu").unwrap();
    // Typed without the extension: the file written would be ban-in.pdf, which is there.
    h.state_mut().push(baocao::ui::Command::ExportTo(
        d.path().join("ban-in"),
        PdfKind::Report,
    ));
    h.run();
    assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF-1.4 ban cu");
    match &h.state().modal {
        Some(Modal::AskPath { text, .. }) => assert_eq!(Path::new(text), pdf),
        other => panic!("the typed-path dialog asks again: {other:?}"),
    }
    // The dialog's “Ghi đè” button is the clerk's agreement.
    h.get_by_label("Ghi đè").click();
    h.run();
    let new = std::fs::read(&pdf).unwrap();
    assert!(new.starts_with(b"%PDF-") && new.len() > 1000, "replaced");
    assert_eq!(
        std::fs::read(d.path().join("ban-in.pdf.bak")).unwrap(),
        b"%PDF-1.4 ban cu"
    );
    // Even agreed, another project file is never replaced.
    let other = d.path().join("khac.pdf");
    std::fs::copy(d.path().join("a.ron"), &other).unwrap();
    let before = std::fs::read(&other).unwrap();
    h.state_mut().push(baocao::ui::Command::WriteReplacing(
        other.clone(),
        PathPurpose::SavePdf(PdfKind::Report),
    ));
    h.run();
    assert_eq!(std::fs::read(&other).unwrap(), before);
    match &h.state().modal {
        Some(Modal::Message { text, .. }) => assert!(text.contains("công việc của bạn"), "{text}"),
        other => panic!("a message says why: {other:?}"),
    }
}

#[test]
fn a_batch_export_names_files_after_the_commune_and_keeps_two_copies_of_one_commune_apart() {
    let (d, a) = project();
    std::fs::copy(&a, d.path().join("b.ron")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = baocao(&["export", s(d.path()), "--out", s(out.path())]);
    assert!(o.status.success(), "{}", said(&o));
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "xa-binh-minh-hai-a-BC-so-ket-quy-II-2026-du-thao.pdf",
            "xa-binh-minh-hai-b-BC-so-ket-quy-II-2026-du-thao.pdf"
        ]
    );
}
