//! Tệp › Tổng hợp nhiều xã… in the window (egui_kittest): the folder chosen is read
//! without stopping the window, the communes are listed with their statuses, and
//! the same workbook as `baocao aggregate` is exported.

use std::path::{Path, PathBuf};

use baocao::ui::dialogs::Dialogs;
use baocao::ui::{BaocaoApp, SAMPLE_PATH};
use calamine::{Reader, Xlsx};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Dialogs that pick the test's folder and workbook.
struct FolderAnswers {
    folder: PathBuf,
    xlsx: PathBuf,
}

impl Dialogs for FolderAnswers {
    fn open_project(&mut self) -> Option<PathBuf> {
        None
    }
    fn save_project(&mut self, _suggested: &str) -> Option<PathBuf> {
        None
    }
    fn save_pdf(&mut self, _suggested: &str) -> Option<PathBuf> {
        None
    }
    fn save_docx(&mut self, _suggested: &str) -> Option<PathBuf> {
        None
    }
    fn open_table(&mut self) -> Option<PathBuf> {
        None
    }
    fn pick_folder(&mut self, _title: &str) -> Option<PathBuf> {
        Some(self.folder.clone())
    }
    fn save_xlsx(&mut self, _suggested: &str) -> Option<PathBuf> {
        Some(self.xlsx.clone())
    }
    fn open_externally(&mut self, _path: &Path) -> Result<(), String> {
        Ok(())
    }
}

fn commune(dir: &Path, file: &str, name: &str) {
    let mut p = baocao::storage::load(Path::new(SAMPLE_PATH)).unwrap();
    p.organisation.full_name = format!("Ủy ban nhân dân {name}");
    std::fs::write(dir.join(file), baocao::storage::to_string(&p).unwrap()).unwrap();
}

#[test]
fn the_aggregation_window_lists_the_communes_of_a_folder_and_exports_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("cac-xa");
    std::fs::create_dir(&folder).unwrap();
    commune(&folder, "a.ron", "xã Tiên Lãng");
    commune(&folder, "b.ron", "phường Lê Chân");
    std::fs::write(folder.join("hong.ron"), "(").unwrap();
    let xlsx = dir.path().join("tong-hop.xlsx");
    let answers = FolderAnswers {
        folder: folder.clone(),
        xlsx: xlsx.clone(),
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            BaocaoApp::with_dialogs(Path::new(SAMPLE_PATH), Box::new(answers))
        });
    h.run();
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Tổng hợp nhiều xã…").click();
    // The folder is read on a thread of its own; the window keeps drawing meanwhile.
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
