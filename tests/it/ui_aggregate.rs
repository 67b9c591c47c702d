//! Tệp › Tổng hợp nhiều xã… in the window (egui_kittest): the folder chosen is read
//! without stopping the window, the communes are listed with their statuses, and
//! the same workbook as `baocao aggregate` is exported.

use std::path::{Path, PathBuf};

use crate::support::SAMPLE_PATH;
use baocao::ui::BaocaoApp;
use calamine::{Reader, Xlsx};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::support::answers::Answers;

fn commune(dir: &Path, file: &str, name: &str) {
    let mut p = baocao::storage::load(Path::new(SAMPLE_PATH)).unwrap();
    p.organisation.full_name = format!("Ủy ban nhân dân {name}");
    std::fs::write(dir.join(file), baocao::storage::to_string(&p).unwrap()).unwrap();
}

fn window(project: PathBuf, answers: Answers) -> Harness<'static, BaocaoApp> {
    crate::support::window::window(&project)
        .dialogs(answers)
        .build()
}

/// The folder is read on a thread of its own; the window keeps drawing meanwhile.
fn wait_for_the_table(h: &mut Harness<'_, BaocaoApp>) {
    for _ in 0..200 {
        h.run_steps(2);
        if h.state()
            .aggregate
            .as_ref()
            .is_some_and(|v| v.result.is_some())
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run_steps(4);
}

#[test]
fn the_aggregation_window_lists_the_communes_of_a_folder_and_exports_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    // A copy: tests run side by side and each window locks the project it opens.
    let project = dir.path().join("du-an.ron");
    std::fs::copy(SAMPLE_PATH, &project).unwrap();
    let folder = dir.path().join("cac-xa");
    std::fs::create_dir(&folder).unwrap();
    commune(&folder, "a.ron", "xã Tiên Lãng");
    commune(&folder, "b.ron", "phường Lê Chân");
    std::fs::write(folder.join("hong.ron"), "(").unwrap();
    let xlsx = dir.path().join("tong-hop.xlsx");
    let answers = Answers {
        folder: Some(folder.clone()),
        xlsx: Some(xlsx.clone()),
        ..Answers::default()
    };
    let mut h = window(project, answers);
    h.run();
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Tổng hợp nhiều xã…").click();
    wait_for_the_table(&mut h);
    h.get_by_label("Xã Tiên Lãng");
    h.get_by_label("Phường Lê Chân");
    h.get_by_label_contains("2 xã, phường; 15 chỉ tiêu; 1 tệp không lấy.");

    h.get_by_label("Xuất bảng Excel…").click();
    h.run_steps(4);
    h.get_by_label_contains("Đã ghi bảng tổng hợp");
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("Xã phường").unwrap();
    let names: Vec<String> = range.rows().skip(3).map(|r| r[1].to_string()).collect();
    assert_eq!(names, ["Phường Lê Chân", "Xã Tiên Lãng"]);

    h.get_by_label("Đóng").click();
    h.run_steps(2);
    assert!(h.state().aggregate.is_none());
}

#[test]
fn without_a_folder_chooser_the_folder_is_typed_and_summed() {
    let dir = tempfile::tempdir().unwrap();
    // A copy: tests run side by side and each window locks the project it opens.
    let project = dir.path().join("du-an.ron");
    std::fs::copy(SAMPLE_PATH, &project).unwrap();
    let folder = dir.path().join("cac-xa");
    std::fs::create_dir(&folder).unwrap();
    commune(&folder, "a.ron", "xã Tiên Lãng");
    let answers = Answers {
        no_chooser: true,
        ..Answers::default()
    };
    let mut h = window(project, answers);
    h.run();
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Tổng hợp nhiều xã…").click();
    h.run();
    h.get_by_label_contains("không mở được hộp chọn thư mục");
    h.get_by_label("Đường dẫn tệp").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Đường dẫn tệp")
        .type_text(&folder.display().to_string());
    h.run();
    h.get_by_label("Tổng hợp").click();
    wait_for_the_table(&mut h);
    h.get_by_label("Xã Tiên Lãng");
}
