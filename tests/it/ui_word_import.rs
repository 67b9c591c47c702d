//! The Word import flows in the window (egui_kittest): Tệp › Mở báo cáo Word… shows
//! what was recognised and adds the report as one undo step; Góp ý › Nhập góp ý từ
//! tệp Word… lists where each comment goes before adding them.

use std::path::{Path, PathBuf};

use crate::support::SAMPLE_PATH;
use baocao::ui::BaocaoApp;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::import_docx::{HAND_WRITTEN, python};
use crate::support::answers::Answers;

fn app_with_word(dir: &Path, word: PathBuf) -> Harness<'static, BaocaoApp> {
    let path = dir.join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    crate::support::window::window(&path)
        .dialogs(Answers {
            word: Some(word),
            ..Answers::default()
        })
        .instant_scroll()
        .build()
}

#[test]
fn a_word_report_is_previewed_then_added_as_one_undo_step_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let word = dir.path().join("bao-cao.docx");
    python(HAND_WRITTEN, &[&word]);
    let mut h = app_with_word(dir.path(), word);
    h.run();
    let before = h.state().project().unwrap().reports.len();
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Mở báo cáo Word…").click();
    // The preview window sizes itself over its first frames.
    h.run_steps(8);
    // What was recognised, and what the clerk should look at, before anything changes.
    h.get_by_label("Kết quả thực hiện Nghị quyết 57-NQ/TW quý II năm 2026");
    h.get_by_label_contains("1. Về thể chế và chính sách — 2 đoạn, 5 ý, 1 bảng");
    h.get_by_label_contains("Cần xem lại");
    h.get_by_label_contains("Đoạn 5: “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”");
    assert_eq!(h.state().project().unwrap().reports.len(), before);

    h.get_by_label("Thêm báo cáo").click_accesskit();
    h.run_steps(8);
    assert!(h.state().modal.is_none());
    let app = h.state();
    assert_eq!(app.project().unwrap().reports.len(), before + 1);
    let report = app.report().unwrap();
    assert_eq!(report.number, Some(5));
    assert_eq!(report.sections[0].children.len(), 2);
    assert_eq!(
        report.id,
        app.project().unwrap().reports.last().unwrap().id,
        "the new report is shown"
    );

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().project().unwrap().reports.len(),
        before,
        "one Ctrl+Z takes the report back"
    );
}

#[test]
fn word_comments_are_listed_with_their_places_then_added_and_undone_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let word = dir.path().join("bao-cao.docx");
    python(HAND_WRITTEN, &[&word]);
    let mut h = app_with_word(dir.path(), word.clone());
    h.run();
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Mở báo cáo Word…").click();
    // The preview window sizes itself over its first frames.
    h.run_steps(8);
    h.get_by_label("Thêm báo cáo").click_accesskit();
    h.run_steps(8);
    // The reviewer's copy of the same report comes back with one comment.
    python(
        r#"
import sys, docx
d = docx.Document(sys.argv[1])
p = [p for p in d.paragraphs if p.text.startswith("Đã lắp đặt")][0]
d.add_comment(p.runs, text="Ghi rõ tên các thôn.", author="Nguyễn Văn Bình")
d.save(sys.argv[1])
"#,
        &[&word],
    );
    h.get_by_label("Góp ý").click();
    h.run();
    h.get_by_label("Nhập góp ý từ tệp Word…").click();
    h.run_steps(8);
    h.get_by_label_contains("Gắn được 1 góp ý");
    h.get_by_label_contains("Về hạ tầng số (đoạn 1) — Nguyễn Văn Bình");
    assert!(h.state().report().unwrap().review.comments.is_empty());
    h.get_by_label("Thêm 1 góp ý").click_accesskit();
    h.run_steps(8);
    let comments = &h.state().report().unwrap().review.comments;
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].paragraph, Some(0));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.state().report().unwrap().review.comments.is_empty());
}

#[test]
fn the_window_survives_a_word_file_with_tables_nested_a_thousand_deep_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let word = dir.path().join("long.docx");
    std::fs::write(&word, crate::support::hostile::nested_tables_docx(1000)).unwrap();
    let mut h = app_with_word(dir.path(), word);
    h.run();
    let before = h.state().project().unwrap().reports.len();
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Mở báo cáo Word…").click();
    h.run_steps(4);
    h.get_by_label("Không đọc được tệp Word");
    h.get_by_label_contains("bảng lồng nhau quá 32 cấp");
    h.get_by_label("Đóng").click();
    h.run_steps(2);
    assert!(h.state().modal.is_none());
    assert_eq!(h.state().project().unwrap().reports.len(), before);
}
