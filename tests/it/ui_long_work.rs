//! Long work in the window (#26 item 14): an export, a print or an import is announced
//! in the status bar (“Đang …”, with a spinner) in the frame before it runs, and its
//! result names the file written; the result fades, a failure leaves no stale
//! announcement.

use std::path::{Path, PathBuf};

use crate::support::SAMPLE_PATH;
use crate::support::answers::Answers;
use baocao::ui::BaocaoApp;
use baocao::ui::command::{Command, Modal, PdfKind};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn window() -> (tempfile::TempDir, Harness<'static, BaocaoApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    let p: PathBuf = path.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            BaocaoApp::with_user(&p, Box::new(Answers::default()), Default::default())
                .derive_on_frame()
        });
    h.run();
    (dir, h)
}

fn status_text(h: &Harness<'_, BaocaoApp>) -> Option<String> {
    h.state().status.as_ref().map(|s| s.text.clone())
}

/// Runs `c` as the typed-path dialog sends it: one frame announces it, the next ones
/// do it. Returns the announcement the first frame drew.
fn announced_then_done(h: &mut Harness<'_, BaocaoApp>, c: Command, file: &Path) -> String {
    h.state_mut().push(c);
    h.step();
    let said = status_text(h).unwrap();
    assert!(h.state().status.as_ref().unwrap().busy, "{said}");
    h.get_by_label(&said);
    assert!(
        !file.exists(),
        "the message is drawn before the work starts"
    );
    h.run();
    said
}

#[test]
fn an_export_is_announced_then_its_message_names_the_file_and_its_folder() {
    let (d, mut h) = window();
    let pdf = d.path().join("bao-cao-quy-ba.pdf");
    let said = announced_then_done(
        &mut h,
        Command::ExportTo(pdf.clone(), PdfKind::Report),
        &pdf,
    );
    assert_eq!(said, "Đang xuất PDF “bao-cao-quy-ba.pdf”…");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let done = format!(
        "Đã xuất PDF “bao-cao-quy-ba.pdf” vào thư mục {}",
        d.path().display()
    );
    assert_eq!(status_text(&h).as_deref(), Some(done.as_str()));
    h.get_by_label(&done);
    assert!(!h.state().status.as_ref().unwrap().busy);
    assert!(matches!(h.state().modal, Some(Modal::Exported { .. })));

    // The Word file and the sign-ready copy say what they are.
    h.state_mut().modal = None;
    let docx = d.path().join("ban-word.docx");
    let said = announced_then_done(
        &mut h,
        Command::ExportDocxTo(docx.clone(), PdfKind::Report),
        &docx,
    );
    assert_eq!(said, "Đang xuất tệp Word “ban-word.docx”…");
    let done = status_text(&h).unwrap();
    assert!(
        done.starts_with("Đã xuất tệp Word “ban-word.docx”"),
        "{done}"
    );
    h.get_by_label(&done);

    // Shown long enough ago, the message is gone.
    let shown = h.state().status_shown.clone().unwrap();
    h.state_mut().status_shown = Some((shown.0, shown.1 - baocao::ui::app::STATUS_SECONDS - 1.0));
    h.run();
    assert!(h.query_by_label(&done).is_none());
}

#[test]
fn an_export_that_fails_leaves_its_reason_and_no_stale_announcement() {
    let (d, mut h) = window();
    let pdf = d.path().join("khong-co-thu-muc").join("ban.pdf");
    announced_then_done(
        &mut h,
        Command::ExportTo(pdf.clone(), PdfKind::Report),
        &pdf,
    );
    assert!(!pdf.exists());
    match &h.state().modal {
        Some(Modal::Message { title, .. }) => assert_eq!(title, "Không xuất được PDF"),
        other => panic!("the failure is shown: {other:?}"),
    }
    assert!(
        h.state().status.as_ref().is_none_or(|s| !s.busy),
        "{:?}",
        h.state().status
    );
    assert!(h.query_by_label_contains("Đang xuất").is_none());
}

#[test]
fn reading_a_word_file_is_announced_before_its_preview() {
    let (d, mut h) = window();
    let word = d.path().join("khong-phai-word.docx");
    std::fs::write(&word, b"day khong phai tep Word").unwrap();
    h.state_mut().push(Command::WordReportFrom(word.clone()));
    h.step();
    assert_eq!(
        status_text(&h).as_deref(),
        Some("Đang đọc tệp Word “khong-phai-word.docx”…")
    );
    h.run();
    assert!(
        h.state().modal.is_some(),
        "the preview or its failure is shown"
    );
    assert!(h.state().status.as_ref().is_none_or(|s| !s.busy));
}
