//! Typing in the window as `baocao` runs it (issue 28 item 4): each revision is
//! derived on a thread of its own while the frames go on; the preview and the
//! problems catch up with what was typed, and an output written before they do is
//! still made from the current revision.

use std::time::{Duration, Instant};

use crate::support::answers::Answers;
use crate::support::cli::tool;
use crate::support::window::{go_to, sample_copy, window};
use baocao::guide::Step;
use baocao::model::SectionRole;
use baocao::ui::BaocaoApp;
use baocao::ui::command::{Command, PdfKind};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Steps frames until what is shown was derived from the current revision.
fn until_current(h: &mut Harness<'_, BaocaoApp>) {
    let start = Instant::now();
    while !h.state().is_current() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the thread that derives never caught up"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
}

fn typing_window() -> (tempfile::TempDir, Harness<'static, BaocaoApp>) {
    let (dir, path) = sample_copy();
    let mut h = window(&path)
        .dialogs(Answers::default())
        .derive_off_frame()
        .build();
    h.run();
    go_to(&mut h, Step::HanChe);
    let field = h.get_by_label("Nội dung: Hạn chế");
    field.focus();
    (dir, h)
}

#[test]
fn what_is_typed_reaches_the_preview_and_matches_a_derivation_on_the_spot() {
    let (_dir, mut h) = typing_window();
    for words in ["Tồn tại mới: ", "thiếu nhân lực số. ", "Còn chậm."] {
        h.get_by_label("Nội dung: Hạn chế").type_text(words);
        h.run();
    }
    until_current(&mut h);
    let app = h.state();
    let report = app.report().unwrap();
    let body = &report
        .section_by_role(SectionRole::Shortcomings)
        .unwrap()
        .body;
    assert!(
        body.contains("Tồn tại mới: thiếu nhân lực số. Còn chậm."),
        "{body}"
    );
    let dump = baocao::layout::dump(app.pages().unwrap());
    assert!(dump.contains("thiếu nhân lực số"), "the preview shows it");
    // What the thread derived is what the window derives on the spot.
    let doc = app.doc.as_ref().unwrap();
    let spot = baocao::session::Derived::compute(&doc.project, report, doc.revision);
    let shown = app.derived().unwrap();
    assert_eq!(shown.rendered, spot.rendered);
    assert_eq!(shown.problems, spot.problems);
    assert_eq!(shown.steps, spot.steps);
    assert_eq!(shown.numbers, spot.numbers);
}

#[test]
fn an_export_right_after_typing_writes_the_current_revision() {
    let (dir, mut h) = typing_window();
    h.get_by_label("Nội dung: Hạn chế")
        .type_text("Đề nghị bổ sung máy quét tài liệu.");
    h.run();
    let pdf = dir.path().join("ngay-sau-khi-go.pdf");
    h.state_mut()
        .push(Command::ExportTo(pdf.clone(), PdfKind::Report));
    // One frame announces the export, the next writes it (the thread may wake more).
    h.run_steps(2);
    assert!(pdf.exists(), "written on the second frame");
    assert!(h.state().is_current(), "an output derives on the spot");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("máy quét tài liệu"), "{text}");
}
