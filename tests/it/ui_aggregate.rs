//! Tệp › Tổng hợp nhiều xã… in the window (egui_kittest, 1366×768): the folder chosen
//! is read without stopping the window; the indicator table (sortable, with totals and
//! progress) and the communes are shown; another period can be chosen; the same
//! workbook, PDF and Word summary as `baocao aggregate` are exported.

use std::path::{Path, PathBuf};

use crate::support::SAMPLE_PATH;
use baocao::ui::BaocaoApp;
use calamine::{Reader, Xlsx};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

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
    h.get_by_label_contains("2 xã, phường; 15 chỉ tiêu; 1 tệp không lấy.");
    h.get_by_label("Bảng xã, phường").click();
    h.run_steps(2);
    h.get_by_label("Xã Tiên Lãng");
    h.get_by_label("Phường Lê Chân");

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
    h.get_by_label("Bảng xã, phường").click();
    h.run_steps(2);
    h.get_by_label("Xã Tiên Lãng");
}

/// A commune of the sample with a quarter-I report too, its counts scaled by `k`.
fn commune_with_q1(dir: &Path, file: &str, name: &str, k: f64) {
    use baocao::model::{Period, PeriodKind, Value};
    let mut p = baocao::storage::load(Path::new(SAMPLE_PATH)).unwrap();
    p.organisation.full_name = format!("Ủy ban nhân dân {name}");
    let q2 = Period::new(2026, PeriodKind::Quarter(2));
    for v in p.period_record_mut(q2).indicators.values_mut() {
        if let Some(Value::Number(x)) = &mut v.value {
            *x = (*x * k).round();
        }
    }
    let mut q1 = p.reports[0].clone();
    q1.id = "bc-q1".into();
    q1.period = Period::new(2026, PeriodKind::Quarter(1));
    p.reports.insert(0, q1);
    std::fs::write(dir.join(file), baocao::storage::to_string(&p).unwrap()).unwrap();
}

#[test]
fn the_indicator_table_sorts_by_a_column_shows_totals_changes_period_and_exports_pdf_and_word() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("du-an.ron");
    std::fs::copy(SAMPLE_PATH, &project).unwrap();
    let folder = dir.path().join("cac-xa");
    std::fs::create_dir(&folder).unwrap();
    commune_with_q1(&folder, "a.ron", "xã Tiên Lãng", 1.0);
    commune_with_q1(&folder, "b.ron", "phường Lê Chân", 0.5);
    let (pdf, docx) = (
        dir.path().join("tong-hop.pdf"),
        dir.path().join("tong-hop.docx"),
    );
    let answers = Answers {
        folder: Some(folder.clone()),
        pdf: Some(pdf.clone()),
        docx: Some(docx.clone()),
        ..Answers::default()
    };
    let mut h = window(project, answers);
    h.run();
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Tổng hợp nhiều xã…").click();
    wait_for_the_table(&mut h);

    // Totals: the sample's 1.315 lượt người and half of it, summed.
    let agg = h
        .state()
        .aggregate
        .as_ref()
        .unwrap()
        .result
        .clone()
        .unwrap()
        .unwrap();
    let people = agg
        .indicators
        .iter()
        .find(|r| r.unit == "lượt người")
        .unwrap();
    let total = people.total.unwrap();
    assert_eq!((total.value, total.communes), (1315.0 + 658.0, 2));
    h.get_by_label("1.973");
    let first_name = baocao::storage::load(Path::new(SAMPLE_PATH))
        .unwrap()
        .plan
        .indicators[0]
        .name
        .clone();
    let y = |h: &Harness<'_, BaocaoApp>, label: &str| h.get_by_label(label).rect().min.y;
    // Plan order first: the people count (10th) is below the first indicator.
    assert!(y(&h, "1.973") > y(&h, &first_name));
    h.get_by_label("Tổng").click();
    h.run_steps(2);
    h.get_by_label("Tổng ▲").click();
    h.run_steps(2);
    h.get_by_label("Tổng ▼");
    // Sorted by the total, largest first: the count of people leads the table.
    assert!(y(&h, "1.973") < y(&h, &first_name));

    // Another period: quý I, which both files also have.
    assert_eq!(agg.periods.len(), 2);
    h.query_all_by_role(egui::accesskit::Role::ComboBox)
        .find(|n| {
            let n = n.accesskit_node();
            n.value()
                .or(n.label())
                .is_some_and(|v| v.contains("quý II năm 2026"))
        })
        .expect("the period chooser")
        .click();
    h.run_steps(2);
    h.get_by_label("quý I năm 2026 (2 tệp)").click();
    wait_for_the_table(&mut h);
    for _ in 0..100 {
        h.run_steps(2);
        if let Some(Some(Ok(a))) = h.state().aggregate.as_ref().map(|v| v.result.as_ref())
            && a.period.kind == baocao::model::PeriodKind::Quarter(1)
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let view = h.state().aggregate.as_ref().unwrap();
    let a = view.result.as_ref().unwrap().as_ref().unwrap();
    assert_eq!(a.period.kind, baocao::model::PeriodKind::Quarter(1));
    assert_eq!(a.communes.len(), 2);

    h.get_by_label("Xuất bản tổng hợp PDF…").click();
    h.run_steps(4);
    h.get_by_label_contains("Đã ghi bản tổng hợp (dự thảo)");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    h.get_by_label("Xuất bản tổng hợp Word…").click();
    h.run_steps(4);
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
}
