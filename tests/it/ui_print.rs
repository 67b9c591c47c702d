//! The print dialog driven headlessly (egui_kittest) with a printer list and a spooler
//! the test stands in for: Ctrl+P lists the printers, the pages typed are the pages
//! sent, a wrong range is explained in the dialog, and a computer without printers
//! says so and offers the PDF instead.

use std::cell::RefCell;
use std::rc::Rc;

use crate::support::SAMPLE_PATH;
use baocao::print::{PrintJob, PrinterInfo};
use baocao::ui::BaocaoApp;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::support::answers::Answers;

/// What the "spooler" received: each job with the pages of its PDF.
type Sent = Rc<RefCell<Vec<(PrintJob, usize)>>>;

fn printer(name: &str, is_default: bool) -> PrinterInfo {
    PrinterInfo {
        name: name.to_owned(),
        description: String::new(),
        is_default,
    }
}

fn app(list: Vec<PrinterInfo>) -> (tempfile::TempDir, Harness<'static, BaocaoApp>, Sent) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    let dialogs = Answers {
        printers: list,
        ..Answers::default()
    };
    let sent: Sent = dialogs.sent.clone();
    let harness = crate::support::window::window(&path)
        .dialogs(dialogs)
        .build();
    (dir, harness, sent)
}

fn press_ctrl_p(h: &mut Harness<'_, BaocaoApp>) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    h.run();
}

#[test]
fn the_pages_typed_in_the_print_dialog_are_the_pages_sent_to_the_chosen_printer() {
    let (_dir, mut h, sent) = app(vec![
        printer("May-in-tang-2", false),
        printer("Canon", true),
    ]);
    press_ctrl_p(&mut h);
    h.get_by_label("In báo cáo");
    // The default printer is chosen.
    assert_eq!(h.get_by_label("Máy in").value().as_deref(), Some("Canon"));

    h.get_by_label("Các trang").click();
    h.run();
    h.get_by_label("Các trang").type_text("9");
    h.run();
    h.get_by_label("In ngay").click();
    h.run();
    h.get_by_label_contains("Trang 9 không có");
    assert!(
        sent.borrow().is_empty(),
        "nothing is sent for a wrong range"
    );

    h.get_by_label("Các trang").click();
    h.run();
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_label("Các trang").type_text("2-3");
    h.run();
    h.get_by_label("In hai mặt giấy").click();
    h.run();
    h.get_by_label("In ngay").click();
    h.run();

    let sent = sent.borrow();
    assert_eq!(sent.len(), 1);
    let (job, pages) = &sent[0];
    assert_eq!(job.printer, "Canon");
    assert_eq!(job.pages, vec![2, 3]);
    assert!(job.two_sided);
    assert_eq!(job.copies, 1);
    assert_eq!(*pages, 2, "the PDF sent holds the two pages asked");
    assert!(job.title.starts_with("BC-so-ket-"), "{}", job.title);
    assert!(
        h.query_by_label("In báo cáo").is_none(),
        "the dialog closes once sent"
    );
    h.get_by_label_contains("Đã gửi trang 2-3 (1 bản) tới máy in “Canon”");
}

#[test]
fn a_computer_without_printers_says_so_and_offers_the_pdf() {
    let (_dir, mut h, sent) = app(Vec::new());
    press_ctrl_p(&mut h);
    h.get_by_label_contains("Không tìm thấy máy in nào");
    h.get_by_label("Xuất PDF…");
    h.get_by_label("Mở bằng trình xem PDF");
    h.get_by_label("Đóng").click();
    h.run();
    assert!(
        h.query_by_label_contains("Không tìm thấy máy in nào")
            .is_none()
    );
    assert!(sent.borrow().is_empty());
}
