//! Electronic issuance in the window, driven through its widgets: Tệp › Xuất bản ký số…
//! writes the same sign-ready PDF as `baocao export --final`; Góp ý và duyệt › Kiểm tra
//! bản đã ký… shows the verdict of `baocao verify`; a PDF the program wrote opens as its
//! report, restored into a new unsaved project.

use crate::support::window::go_to;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use baocao::guide::Step;
use baocao::review::Actor;
use baocao::ui::BaocaoApp;
use baocao::ui::command::{Modal, PathPurpose};
use baocao::ui::dialogs::Dialogs;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::sign_verify::{approved_sample, export_final, ring_png, sign};
use crate::support::cli::tool;

/// Dialogs that answer with fixed paths and record the suggested PDF names.
#[derive(Clone, Default)]
struct Answers {
    pdf: Option<PathBuf>,
    signed: Option<PathBuf>,
    png: Option<PathBuf>,
    suggested: Arc<Mutex<Vec<String>>>,
    /// The desktop shows no file chooser at all.
    no_chooser: bool,
}

impl Dialogs for Answers {
    fn choose(&mut self, purpose: PathPurpose, suggested: &str) -> Option<PathBuf> {
        match purpose {
            PathPurpose::SavePdf(_) => {
                self.suggested.lock().unwrap().push(suggested.to_owned());
                self.pdf.clone()
            }
            PathPurpose::SigningImage { .. } => self.png.clone(),
            PathPurpose::SignedPdf => self.signed.clone(),
            _ => None,
        }
    }
    fn open_externally(&mut self, _path: &Path) -> Result<(), String> {
        Ok(())
    }
    fn available(&self) -> bool {
        !self.no_chooser
    }
}

fn window(path: &Path, answers: Answers) -> Harness<'static, BaocaoApp> {
    let mut h = crate::support::window::window(path)
        .dialogs(answers)
        .user(Actor::default())
        .max_steps(12)
        .build();
    h.run();
    h
}

fn message(h: &Harness<'_, BaocaoApp>) -> (String, String) {
    match &h.state().modal {
        Some(Modal::Message { title, text }) => (title.clone(), text.clone()),
        other => panic!("no message: {other:?}"),
    }
}

#[test]
fn the_file_menu_exports_the_sign_ready_pdf_the_command_line_makes() {
    let dir = tempfile::tempdir().unwrap();
    let project = approved_sample(dir.path());
    let from_window = dir.path().join("cua-so.pdf");
    let answers = Answers {
        pdf: Some(from_window.clone()),
        ..Answers::default()
    };
    let suggested = answers.suggested.clone();
    let mut h = window(&project, answers);
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Xuất bản ký số…").click();
    h.run();
    let from_cli = dir.path().join("dong-lenh.pdf");
    export_final(&project, &from_cli);
    assert_eq!(
        std::fs::read(&from_window).unwrap(),
        std::fs::read(&from_cli).unwrap()
    );
    assert!(
        !suggested.lock().unwrap()[0].contains("du-thao"),
        "{suggested:?}"
    );
}

#[test]
fn a_report_still_being_drafted_gets_no_sign_ready_pdf_and_is_told_why() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("nhap.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &project).unwrap();
    let pdf = dir.path().join("x.pdf");
    let mut h = window(
        &project,
        Answers {
            pdf: Some(pdf.clone()),
            ..Answers::default()
        },
    );
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Xuất bản ký số…").click();
    h.run();
    let (title, text) = message(&h);
    assert_eq!(title, "Không xuất được bản ký số");
    assert!(text.contains("Chỉ báo cáo đã duyệt"), "{text}");
    assert!(!pdf.exists());
}

/// Opens `project`, clicks Góp ý và duyệt › Kiểm tra bản đã ký… answering `signed`, and
/// returns the message shown; the window is closed again (letting go of the file).
fn check_in_review_step(project: &Path, signed: PathBuf) -> (String, String) {
    let answers = Answers {
        signed: Some(signed),
        ..Answers::default()
    };
    let mut h = window(project, answers);
    go_to(&mut h, Step::Duyet);
    h.get_by_label("Kiểm tra bản đã ký…").click();
    h.run();
    message(&h)
}

#[test]
fn the_review_step_checks_a_signed_pdf_against_the_open_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = approved_sample(dir.path());
    let pdf = dir.path().join("bao-cao.pdf");
    export_final(&project, &pdf);
    let signed = dir.path().join("da-ky.pdf");
    sign(dir.path(), &pdf, &signed, "Đỗ Thị Minh Huyền", "ChuKy1");
    let (title, text) = check_in_review_step(&project, signed);
    assert_eq!(title, "Kiểm tra bản đã ký");
    assert!(text.contains("khớp bản đã duyệt"), "{text}");
    assert!(text.contains("Đỗ Thị Minh Huyền"), "{text}");
    // The unsigned export: told so.
    let (_, text) = check_in_review_step(&project, pdf);
    assert!(text.contains("chưa được ký số"), "{text}");
}

#[test]
fn opening_a_pdf_the_program_wrote_restores_its_report_as_an_unsaved_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = approved_sample(dir.path());
    let pdf = dir.path().join("bao-cao.pdf");
    export_final(&project, &pdf);
    let h = window(&pdf, Answers::default());
    let original = baocao::storage::load(&project).unwrap();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.path, None);
    assert!(doc.is_dirty());
    assert_eq!(doc.project.reports, original.reports);
    assert_eq!(doc.project.plan, original.plan);
    assert_eq!(
        h.state().report().unwrap().id,
        original.reports[0].id,
        "the restored report is the one shown"
    );

    // A PDF without the source: a message, and nothing opened in its place.
    let other = dir.path().join("khac.pdf");
    std::fs::write(&other, b"%PDF-1.4\n%%EOF\n").unwrap();
    let h = window(&other, Answers::default());
    let (title, _) = message(&h);
    assert_eq!(title, "Không khôi phục được báo cáo từ PDF");
}

#[test]
fn images_chosen_in_the_export_step_are_kept_beside_the_project_and_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let project = approved_sample(dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let png = elsewhere.path().join("chu-ky.png");
    ring_png(&png, 300, 120, [20, 40, 200], None);
    let pdf = dir.path().join("ky-so.pdf");
    let mut h = window(
        &project,
        Answers {
            png: Some(png),
            pdf: Some(pdf.clone()),
            ..Answers::default()
        },
    );
    go_to(&mut h, Step::XuatBan);
    h.get_by_label("Chọn ảnh chữ ký…").click();
    h.run();
    let signing = &h.state().doc.as_ref().unwrap().project.signing;
    assert_eq!(signing.signature_image.as_deref(), Some("chu-ky.png"));
    assert!(dir.path().join("chu-ky.png").exists());
    h.get_by_label("Xuất bản ký số…").click();
    h.run();
    let list = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    assert!(list.contains(" 300   120 "), "{list}");

    // A file that is not a PNG: told so, nothing chosen.
    let bad = elsewhere.path().join("dau.png");
    std::fs::write(&bad, b"not a png").unwrap();
    drop(h);
    let mut h = window(
        &project,
        Answers {
            png: Some(bad),
            ..Answers::default()
        },
    );
    go_to(&mut h, Step::XuatBan);
    h.get_by_label("Chọn ảnh con dấu…").click();
    h.run();
    let (title, text) = message(&h);
    assert_eq!(title, "Không dùng được ảnh con dấu");
    assert!(text.contains("không phải tệp ảnh PNG"), "{text}");
    assert_eq!(
        h.state().doc.as_ref().unwrap().project.signing.seal_image,
        None
    );
}

/// Types `path` into the typed-path dialog and clicks its button `action`.
fn type_path(h: &mut Harness<'_, BaocaoApp>, path: &Path, action: &str) {
    match &mut h.state_mut().modal {
        Some(Modal::AskPath { text, .. }) => *text = path.display().to_string(),
        other => panic!("no typed-path dialog: {other:?}"),
    }
    h.run();
    h.get_by_label(action).click();
    h.run();
}

#[test]
fn without_a_file_chooser_the_signed_pdf_and_the_images_are_typed_as_paths() {
    let dir = tempfile::tempdir().unwrap();
    let project = approved_sample(dir.path());
    let png = dir.path().join("anh-goc.png");
    ring_png(&png, 300, 120, [20, 40, 200], None);
    let answers = Answers {
        no_chooser: true,
        ..Answers::default()
    };
    let mut h = window(&project, answers);
    go_to(&mut h, Step::XuatBan);
    h.get_by_label("Chọn ảnh chữ ký…").click();
    h.run();
    type_path(&mut h, &png, "Chọn");
    let signing = &h.state().doc.as_ref().unwrap().project.signing;
    assert_eq!(signing.signature_image.as_deref(), Some("anh-goc.png"));

    let signed = dir.path().join("khong-phai-pdf.pdf");
    std::fs::write(&signed, b"not a pdf").unwrap();
    go_to(&mut h, Step::Duyet);
    h.get_by_label("Kiểm tra bản đã ký…").click();
    h.run();
    type_path(&mut h, &signed, "Kiểm tra");
    let (title, text) = message(&h);
    assert_eq!(title, "Kiểm tra bản đã ký");
    assert!(text.contains("khong-phai-pdf.pdf"), "{text}");
}
