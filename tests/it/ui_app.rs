//! The window driven headlessly through its real widgets (egui_kittest), the way a
//! clerk uses it: switch steps, type Vietnamese text, add and reorder sub-sections,
//! enter an indicator value, undo and redo, save and reload, export.

use crate::support::window::{go_to, sample_copy, window};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use baocao::guide::Step;
use baocao::ui::BaocaoApp;
use baocao::ui::command::PathPurpose;
use baocao::ui::dialogs::Dialogs;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Dialogs that answer as the test says and record what was opened externally.
#[derive(Clone, Default)]
struct Answers {
    open: Option<PathBuf>,
    save: Option<PathBuf>,
    pdf: Option<PathBuf>,
    docx: Option<PathBuf>,
    /// The file names suggested for Word files.
    docx_names: Arc<Mutex<Vec<String>>>,
    table: Option<PathBuf>,
    opened: Arc<Mutex<Vec<PathBuf>>>,
    /// Behave like a desktop without a file-chooser portal.
    no_chooser: bool,
}

impl Dialogs for Answers {
    fn choose(&mut self, purpose: PathPurpose, suggested: &str) -> Option<PathBuf> {
        match purpose {
            PathPurpose::OpenProject => self.open.clone(),
            PathPurpose::SaveProject => self.save.clone(),
            PathPurpose::SavePdf(_) => self.pdf.clone(),
            PathPurpose::SaveDocx(_) => {
                self.docx_names.lock().ok()?.push(suggested.to_owned());
                self.docx.clone()
            }
            PathPurpose::ImportTable => self.table.clone(),
            _ => None,
        }
    }
    fn open_externally(&mut self, path: &Path) -> Result<(), String> {
        self.opened
            .lock()
            .map_err(|e| e.to_string())?
            .push(path.to_owned());
        Ok(())
    }
    fn available(&self) -> bool {
        !self.no_chooser
    }
}

/// A copy of the sample in a temporary folder, and a harness of the app on it.
fn app_on_copy(answers: Answers) -> (tempfile::TempDir, PathBuf, Harness<'static, BaocaoApp>) {
    let (dir, path) = sample_copy();
    let harness = window(&path).dialogs(answers).instant_scroll().build();
    (dir, path, harness)
}

fn body_of(app: &BaocaoApp, role: baocao::model::SectionRole) -> String {
    app.report()
        .and_then(|r| r.section_by_role(role))
        .map(|s| s.body.clone())
        .unwrap_or_default()
}

#[test]
fn the_sample_opens_on_general_information_with_its_pages_laid_out() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    let app = h.state();
    assert_eq!(app.step, Step::ThongTin);
    assert!(app.pages().is_some_and(|p| p.pages.len() >= 5));
    h.get_by_role_and_label(
        egui::accesskit::Role::MultilineTextInput,
        "Trích yếu (dòng tóm tắt dưới chữ BÁO CÁO)",
    );
}

#[test]
fn typing_in_han_che_changes_the_report_and_the_preview_on_the_next_frame() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    go_to(&mut h, Step::HanChe);
    let field = h.get_by_label("Nội dung: Hạn chế");
    field.focus();
    field.type_text("Tồn tại mới: thiếu nhân lực số.");
    h.run();
    let body = body_of(h.state(), baocao::model::SectionRole::Shortcomings);
    assert!(body.contains("Tồn tại mới: thiếu nhân lực số."), "{body}");
    let dump = baocao::layout::dump(h.state().pages().unwrap());
    assert!(
        dump.contains("thiếu nhân lực số"),
        "the preview shows the new text"
    );
}

#[test]
fn a_new_sub_section_is_numbered_and_moves_up() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    go_to(&mut h, Step::KetQua);
    let key_tasks = h
        .state()
        .report()
        .and_then(|r| r.section_by_role(baocao::model::SectionRole::KeyTasks))
        .map(|s| (s.title.clone(), s.children.len()))
        .unwrap();
    let add = format!("+ Thêm mục con vào “{}”", key_tasks.0);
    h.get_by_label(&add).scroll_to_me();
    h.run();
    h.get_by_label(&add).click();
    h.run();
    let n = key_tasks.1 + 1;
    let numbers = |h: &Harness<'_, BaocaoApp>| {
        let r = h.state().report().unwrap();
        let nums = baocao::compose::section_numbers(r);
        let kt = r
            .section_by_role(baocao::model::SectionRole::KeyTasks)
            .unwrap();
        kt.children
            .iter()
            .map(|c| (c.title.clone(), nums[&c.id].clone()))
            .collect::<Vec<_>>()
    };
    let list = numbers(&h);
    assert_eq!(list.len(), n);
    assert_eq!(list[n - 1], ("Mục mới".to_owned(), format!("2.{n}.")));
    let up = format!("Đưa mục 2.{n}. lên trên");
    h.get_by_label(&up).scroll_to_me();
    h.run();
    h.get_by_label(&up).click();
    h.run();
    let list = numbers(&h);
    assert_eq!(list[n - 2], ("Mục mới".to_owned(), format!("2.{}.", n - 1)));
}

#[test]
fn undo_and_redo_follow_the_keyboard_shortcuts() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    go_to(&mut h, Step::UuDiem);
    let before = body_of(h.state(), baocao::model::SectionRole::Strengths);
    let field = h.get_by_label("Nội dung: Ưu điểm");
    field.focus();
    field.type_text("Thêm một ý.");
    h.run();
    assert_ne!(
        body_of(h.state(), baocao::model::SectionRole::Strengths),
        before
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        body_of(h.state(), baocao::model::SectionRole::Strengths),
        before
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert!(body_of(h.state(), baocao::model::SectionRole::Strengths).contains("Thêm một ý."));
}

#[test]
fn ctrl_s_saves_and_the_file_reloads_with_the_change() {
    let (_d, path, mut h) = app_on_copy(Answers::default());
    h.run();
    go_to(&mut h, Step::KienNghi);
    let field = h.get_by_label("Nội dung: KIẾN NGHỊ, ĐỀ XUẤT");
    field.focus();
    field.type_text("Đề nghị hỗ trợ máy quét.");
    h.run();
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
    let reloaded = baocao::storage::load(&path).unwrap();
    assert_eq!(&reloaded, &h.state().doc.as_ref().unwrap().project);
    assert!(baocao::storage::backup_path(&path).exists());
}

#[test]
fn export_writes_the_pdf_of_the_preview_and_offers_to_open_it() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("bao-cao.pdf");
    let answers = Answers {
        pdf: Some(pdf.clone()),
        ..Answers::default()
    };
    let opened = answers.opened.clone();
    let (_d, _p, mut h) = app_on_copy(answers);
    h.run();
    go_to(&mut h, Step::XuatBan);
    h.get_by_label("Xuất PDF…").click();
    h.run();
    let bytes = std::fs::read(&pdf).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    assert_eq!(
        doc.get_pages().len(),
        h.state().pages().unwrap().pages.len()
    );
    h.get_by_label("Mở tệp PDF").click();
    h.run();
    assert_eq!(opened.lock().unwrap().as_slice(), [pdf]);
}

#[test]
fn tep_xuat_word_writes_a_valid_word_file_and_offers_to_open_it() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("bao-cao.docx");
    let answers = Answers {
        docx: Some(docx.clone()),
        ..Answers::default()
    };
    let names = answers.docx_names.clone();
    let opened = answers.opened.clone();
    let (_d, _p, mut h) = app_on_copy(answers);
    h.run();
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Xuất Word…").click();
    h.run();
    // The name says what the file is: the draft of the quý II sơ kết.
    assert_eq!(
        names.lock().unwrap().as_slice(),
        ["BC-so-ket-quy-II-2026-du-thao.docx".to_owned()]
    );
    let bytes = std::fs::read(&docx).unwrap();
    let read = docx_rs::read_docx(&bytes).unwrap();
    assert!(!read.document.children.is_empty());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for part in [
        "[Content_Types].xml",
        "word/document.xml",
        "word/styles.xml",
        "docProps/core.xml",
    ] {
        assert!(zip.by_name(part).is_ok(), "{part} missing");
    }
    h.get_by_label("Đã xuất tệp Word");
    h.get_by_label("Mở tệp Word").click();
    h.run();
    assert_eq!(opened.lock().unwrap().as_slice(), [docx]);
}

#[test]
fn opening_another_file_with_unsaved_changes_asks_first() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    go_to(&mut h, Step::CanCu);
    let field = h.get_by_label("Nội dung: CĂN CỨ XÂY DỰNG BÁO CÁO");
    field.focus();
    field.type_text("x");
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    h.get_by_label("Lưu thay đổi?");
    h.get_by_label("Hủy").click();
    h.run();
    assert!(h.state().modal.is_none());
    assert!(
        h.state().doc.as_ref().unwrap().is_dirty(),
        "nothing was lost"
    );
}

#[test]
fn an_indicator_value_typed_in_chi_tieu_changes_its_status_and_the_printed_table() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    go_to(&mut h, Step::ChiTieu);
    h.get_by_label("Giá trị CT03").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Giá trị CT03").type_text("85,5");
    h.run();
    let app = h.state();
    let project = &app.doc.as_ref().unwrap().project;
    let period = app.report().unwrap().period;
    let value = &project.period_record(period).unwrap().indicators["CT03"].value;
    assert_eq!(value, &Some(baocao::model::Value::Number(85.5)));
    let dump = baocao::layout::dump(app.pages().unwrap());
    assert!(
        dump.contains("85,5%"),
        "the results table shows the new value"
    );
}

#[test]
fn a_click_on_a_page_part_opens_the_step_that_writes_it() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    let id = h
        .state()
        .report()
        .and_then(|r| r.section_by_role(baocao::model::SectionRole::Causes))
        .map(|s| s.id.clone())
        .unwrap();
    h.state_mut().push(baocao::ui::Command::Jump(
        baocao::compose::SourceRef::section(&id),
    ));
    // The preview scrolls smoothly to the part: let the animation finish.
    h.run_steps(30);
    assert_eq!(h.state().step, Step::NguyenNhan);
    h.state_mut().push(baocao::ui::Command::Jump(
        baocao::compose::SourceRef::Signature,
    ));
    h.run_steps(30);
    assert_eq!(h.state().step, Step::KyNhan);
}

#[test]
fn without_a_file_chooser_the_clerk_types_where_the_pdf_goes() {
    let (dir, _p, mut h) = app_on_copy(Answers {
        no_chooser: true,
        ..Answers::default()
    });
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    assert!(
        matches!(
            h.state().modal,
            Some(baocao::ui::command::Modal::AskPath { .. })
        ),
        "{:?} / {:?}",
        h.state().modal,
        h.state().status
    );
    h.get_by_label("Xuất báo cáo ra PDF");
    let target = dir.path().join("ban-in");
    h.get_by_label("Đường dẫn tệp").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Đường dẫn tệp")
        .type_text(target.to_str().unwrap());
    h.run();
    h.get_by_label("Xuất").click();
    h.run();
    let pdf = dir.path().join("ban-in.pdf");
    assert!(pdf.is_file(), "the .pdf extension is added");
    // The same file again: the button says it will write over it. The file is first
    // made something else, so that writing it again shows (two exports made in
    // different seconds differ in their dates, and so in size once compressed).
    let before = std::fs::metadata(&pdf).unwrap().len();
    std::fs::write(&pdf, b"ban cu").unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_label("Đường dẫn tệp").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Đường dẫn tệp")
        .type_text(pdf.to_str().unwrap());
    h.run();
    assert!(
        h.query_by_label("Xuất").is_none(),
        "not a plain Xuất any more"
    );
    h.get_by_label("Ghi đè").click();
    h.run();
    let again = std::fs::read(&pdf).unwrap();
    assert!(again.starts_with(b"%PDF-"), "written again");
    let ratio = again.len() as f64 / before as f64;
    assert!(
        (0.95..1.05).contains(&ratio),
        "{} against {before}",
        again.len()
    );
}

#[test]
fn a_new_report_from_the_previous_one_gets_the_new_period_and_no_number() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    let next = baocao::model::Period::new(2026, baocao::model::PeriodKind::Quarter(3));
    h.state_mut().push(baocao::ui::Command::NewReport {
        period: next,
        from_previous: true,
    });
    h.run();
    let app = h.state();
    let r = app.report().unwrap();
    assert_eq!(r.period, next);
    assert_eq!(r.id, "bc-q3-2026");
    assert_eq!((r.number, r.date), (None, None));
    assert!(r.summary.ends_with("quý III năm 2026"), "{}", r.summary);
    assert_eq!(app.doc.as_ref().unwrap().project.reports.len(), 2);
    assert_eq!(app.step, Step::ThongTin);
}

#[test]
fn the_quarter_three_report_lists_what_it_moved_and_left_and_each_change_can_be_put_back() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    let next = baocao::model::Period::new(2026, baocao::model::PeriodKind::Quarter(3));
    h.state_mut().push(baocao::ui::Command::NewReport {
        period: next,
        from_previous: true,
    });
    h.run();
    h.run();
    let r = h.state().report().unwrap().clone();
    let all: String = std::iter::once(r.summary.clone())
        .chain(r.all_sections().iter().map(|s| s.body.clone()))
        .collect::<Vec<_>>()
        .join("\n");
    // A citation of another document keeps its words; the comparison table keeps its
    // header over its figures.
    assert!(all.contains("Công văn số 1152/SKHCN-KHTC ngày 12/6/2026 của Sở Khoa học và Công nghệ về việc báo cáo kết quả thực hiện Nghị quyết số 57-NQ/TW quý II năm 2026;"), "{all}");
    assert!(all.contains("| Nội dung | Quý I | Quý II |"));
    assert!(all.contains("tiến độ 9 tháng"), "progress wording moves on");
    // What was left is listed in the report and in the problems list.
    let said: Vec<&str> = r.carried.iter().map(|m| m.said.as_str()).collect();
    for left in ["tháng 6/2026", "31/7/2026", "tháng 7/2026"] {
        assert!(said.contains(&left), "{left} listed: {said:?}");
    }
    assert!(
        r.carried
            .iter()
            .any(|m| m.why == baocao::model::CarriedWhy::Table)
    );
    assert!(
        r.carried
            .iter()
            .any(|m| m.why == baocao::model::CarriedWhy::Figures)
    );
    let p = h.state().doc.as_ref().unwrap().project.clone();
    let problems = baocao::check::check_report(&p, &r);
    assert!(
        problems.iter().any(|x| x.message.contains("tháng 6/2026")),
        "{problems:#?}"
    );
    // The list is shown; one change is put back from it, then all the others.
    h.get_by_label("Hoàn lại mục 1").click();
    h.run();
    h.run();
    let first = h.state().carry.as_ref().unwrap().moved[0].clone();
    let now = h.state().report().unwrap().clone();
    let texts = baocao::edit::find::printed_texts(&p, &now);
    let text = &texts.iter().find(|(f, _)| *f == first.field).unwrap().1;
    assert!(
        !text.contains(&first.moved.sentence),
        "the sentence reads as before: {text}"
    );
    h.get_by_label("Hoàn lại tất cả").click();
    h.run();
    h.run();
    let back = h.state().report().unwrap().clone();
    let old = &p.reports[0];
    assert_eq!(back.summary, old.summary);
    for (a, b) in back.all_sections().iter().zip(old.all_sections()) {
        assert_eq!(a.body, b.body, "section {}", a.id);
    }
    // One Ctrl+Z takes "all" back again; the one put back first stays put back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let again = h.state().report().unwrap().clone();
    assert!(
        again
            .all_sections()
            .iter()
            .zip(old.all_sections())
            .any(|(a, b)| a.body != b.body)
    );
}

#[test]
fn a_new_report_from_the_skeleton_has_every_part_and_empty_text() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    let year = baocao::model::Period::new(2026, baocao::model::PeriodKind::Year);
    h.state_mut().push(baocao::ui::Command::NewReport {
        period: year,
        from_previous: false,
    });
    h.run();
    let r = h.state().report().unwrap();
    assert_eq!(r.kind, baocao::model::ReportKind::TongKet);
    assert!(r.all_sections().len() >= 11);
    assert!(r.all_sections().iter().all(|s| s.body.is_empty()));
    assert!(h.state().pages().is_some_and(|p| !p.pages.is_empty()));
}

#[test]
fn the_print_dialog_can_hand_the_pdf_to_the_system_viewer_instead() {
    let answers = Answers::default();
    let opened = answers.opened.clone();
    let (_d, _p, mut h) = app_on_copy(answers);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    h.run();
    h.get_by_label("Mở bằng trình xem PDF").click();
    h.run();
    let opened = opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 1, "{:?}", h.state().modal);
    let bytes = std::fs::read(&opened[0]).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}

#[test]
fn one_indicator_value_changes_the_text_the_table_and_the_appendix_on_the_next_frame() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    let report = h.state().report().unwrap().id.clone();
    h.state_mut()
        .push(baocao::ui::Command::Edit(baocao::edit::Edit::Appendices {
            report,
            indicators: true,
            tasks: false,
        }));
    h.run();
    let count = |h: &Harness<'_, BaocaoApp>, needle: &str| {
        baocao::layout::dump(h.state().pages().unwrap())
            .matches(needle)
            .count()
    };
    assert!(
        count(&h, "72,4%") >= 4,
        "text (twice), results table and appendix"
    );
    go_to(&mut h, Step::ChiTieu);
    h.get_by_label("Giá trị CT03").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Giá trị CT03").type_text("81,3");
    h.run();
    assert_eq!(count(&h, "72,4%"), 0);
    assert!(count(&h, "81,3%") >= 4, "{}", count(&h, "81,3%"));
}

#[test]
fn a_sentence_built_from_the_figures_is_inserted_into_han_che_and_resolves() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    go_to(&mut h, Step::HanChe);
    h.get_by_label("Nội dung: Hạn chế").focus();
    h.run();
    let (sentence, shown) = {
        let app = h.state();
        let doc = app.doc.as_ref().unwrap();
        let report = app.report().unwrap();
        let sentence = baocao::compose::suggest::shortcomings(&doc.project, report)[0].clone();
        // The chip reads as the sentence will print: its figures as values.
        let values = baocao::compose::placeholders::with_values(&doc.project, report, &sentence);
        let shown = baocao::model::rich::plain_text(&values)
            .trim_end()
            .to_owned();
        (sentence, shown)
    };
    assert!(!shown.contains("{{"), "{shown}");
    h.get_by_label(&shown).click();
    h.run();
    let body = body_of(h.state(), baocao::model::SectionRole::Shortcomings);
    assert!(body.contains(&sentence), "{body}");
    let dump = baocao::layout::dump(h.state().pages().unwrap());
    assert!(
        dump.contains("Còn 03 chỉ tiêu chưa đạt"),
        "the preview prints it resolved"
    );
    assert!(
        h.state().warnings().is_empty(),
        "{:?}",
        h.state().warnings()
    );
}

#[test]
fn the_overview_colours_every_indicator_and_charts_the_chosen_one() {
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    go_to(&mut h, Step::ChiTieu);
    h.get_by_label("Tổng quan và biểu đồ").click();
    h.run();
    let tiles = h.get_all_by_label_contains("Biểu đồ CT").count();
    assert_eq!(tiles, 15, "one tile per indicator");
    h.get_by_label("Biểu đồ CT03").click();
    h.run();
    h.get_by_label_contains("CT03 — Tỷ lệ khai thác");
}

fn import_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// Opens Tệp › Nhập chỉ tiêu, nhiệm vụ từ bảng… the way a clerk does.
fn open_import_from_menu(h: &mut Harness<'_, BaocaoApp>) {
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Nhập chỉ tiêu, nhiệm vụ từ bảng…").click();
    h.run();
}

#[test]
fn importing_a_csv_shows_columns_rows_and_bad_rows_then_adds_them_as_one_undo_step() {
    let answers = Answers {
        table: Some(import_fixture("chi-tieu.csv")),
        ..Answers::default()
    };
    let (_d, _p, mut h) = app_on_copy(answers);
    h.run();
    let before = h.state().project().unwrap().plan.indicators.len();
    open_import_from_menu(&mut h);
    // The mapping: the header text as typed and what it becomes.
    h.get_by_label("Các cột đọc được");
    h.get_by_label("Chỉ tiêu năm 2026");
    h.get_by_label("chỉ tiêu năm");
    // Every row, numbered as the spreadsheet numbers it, with the id it will get.
    h.get_by_label("Sẽ thêm: 7 chỉ tiêu, 1 nhóm mới, 1 đơn vị mới");
    h.get_by_label("CT16");
    h.get_by_label("CT22");
    h.get_by_label("Số buổi tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng");
    h.get_by_label("Đơn vị mới: Hội Nông dân xã");
    // The rows left out, with their row numbers.
    h.get_by_label("Không nhập được 2 dòng:");
    assert!(h.query_by_label_contains("Dòng 12:").is_some());
    assert!(h.query_by_label_contains("Dòng 14:").is_some());
    assert_eq!(
        h.state().project().unwrap().plan.indicators.len(),
        before,
        "nothing changes before the clerk confirms"
    );

    // The dialog's buttons are pressed through accessibility: the centred dialog
    // settles its size over the first frames, so a pointer position read from one
    // frame can miss in the next.
    h.get_by_label("Nhập 7 chỉ tiêu").click_accesskit();
    h.run();
    assert!(
        h.state().modal.is_none(),
        "{:?}",
        h.state()
            .modal
            .as_ref()
            .map(|m| format!("{m:?}").chars().take(300).collect::<String>())
    );
    let plan = &h.state().project().unwrap().plan;
    assert_eq!(plan.indicators.len(), before + 7);
    assert_eq!(plan.indicators[before].id, "CT16");
    assert!(
        plan.indicator_groups
            .iter()
            .any(|g| g.title == "Về phát triển kinh tế số")
    );
    assert_eq!(h.state().step, Step::ChiTieu, "the imported list is shown");
    assert!(h.state().doc.as_ref().unwrap().is_dirty());

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().project().unwrap().plan.indicators.len(),
        before,
        "one Ctrl+Z takes the whole import back"
    );
}

#[test]
fn an_xlsx_task_table_is_previewed_as_tasks_and_cancel_changes_nothing() {
    let answers = Answers {
        table: Some(import_fixture("nhiem-vu.xlsx")),
        ..Answers::default()
    };
    let (_d, _p, mut h) = app_on_copy(answers);
    h.run();
    let before = h.state().project().unwrap().clone();
    open_import_from_menu(&mut h);
    h.get_by_label("Nhập nhiệm vụ từ bảng");
    let n = match &h.state().modal {
        Some(baocao::ui::command::Modal::Import { preview, .. }) => preview.tasks.len(),
        other => panic!("no import dialog: {other:?}"),
    };
    assert!(n > 0);
    h.get_by_label(&format!("Nhập {n} nhiệm vụ"));
    h.get_by_label("Hủy").click_accesskit();
    h.run();
    assert!(h.state().modal.is_none());
    assert_eq!(h.state().project().unwrap(), &before);
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
}

#[test]
fn a_file_that_is_not_a_table_is_explained_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("anh.xlsx");
    std::fs::write(&bad, b"\x89PNG not a workbook").unwrap();
    let answers = Answers {
        table: Some(bad),
        ..Answers::default()
    };
    let (_d, _p, mut h) = app_on_copy(answers);
    h.run();
    open_import_from_menu(&mut h);
    h.get_by_label("Không nhập được bảng");
    assert!(h.query_by_label_contains("anh.xlsx").is_some());
    h.get_by_label("Đóng").click();
    h.run();
    assert!(h.state().modal.is_none());
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
}

/// The text of every page of a PDF, as lopdf reads it.
fn pdf_text(bytes: &[u8]) -> (usize, String) {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    (pages.len(), doc.extract_text(&pages).unwrap_or_default())
}

#[test]
fn the_exported_pdf_is_the_rendered_value_the_preview_paints_even_right_after_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("ngay-sau-khi-sua.pdf");
    let (_d, _path, mut h) = app_on_copy(Answers {
        pdf: Some(pdf.clone()),
        ..Answers::default()
    });
    h.run();
    let (report, section, body) = {
        let app = h.state();
        let r = app.report().unwrap();
        let s = r
            .section_by_role(baocao::model::SectionRole::Shortcomings)
            .unwrap();
        (r.id.clone(), s.id.clone(), s.body.clone())
    };
    let added = "Câu thêm ngay trước khi xuất, chưa kịp vẽ lại trang.";
    // The edit and the export in one batch: no frame is drawn between them.
    h.state_mut()
        .push(baocao::ui::Command::Edit(baocao::edit::Edit::SectionBody {
            report,
            section,
            text: format!("{body}\n{added}"),
        }));
    h.state_mut().push(baocao::ui::Command::ExportPdf);
    h.run();
    let exported = std::fs::read(&pdf).unwrap();
    let (pages, text) = pdf_text(&exported);
    assert!(text.contains(added), "the export has the edit");
    // The value the preview paints is the one that was written.
    let rendered = h.state().rendered().unwrap().clone();
    assert!(rendered.draft);
    assert_eq!(pages, rendered.pages.pages.len());
    let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap();
    let again =
        baocao::export::write_pdf(&rendered, &baocao::export::PdfOptions::new(date)).unwrap();
    assert_eq!(pdf_text(&again), (pages, text));
    assert_eq!(h.state().pages(), Some(&rendered.pages));
}

#[test]
fn the_pages_are_rendered_once_per_revision_not_once_per_frame() {
    let (_d, _path, mut h) = app_on_copy(Answers::default());
    h.run();
    go_to(&mut h, Step::HanChe);
    let first = h.state().pages().unwrap().pages.as_ptr();
    h.run_steps(10);
    assert_eq!(
        h.state().pages().unwrap().pages.as_ptr(),
        first,
        "drawing frames must not render again"
    );
    let field = h.get_by_label("Nội dung: Hạn chế");
    field.focus();
    field.type_text("x");
    h.run();
    assert_ne!(
        h.state().pages().unwrap().pages.as_ptr(),
        first,
        "an edit renders the new revision"
    );
}

#[test]
fn kinh_gui_and_noi_nhan_keep_a_space_and_a_new_line_typed_at_the_end() {
    // Typed key by key, as a clerk does: the space after a word and the new line after
    // an entry must still be there when the next letter comes, although the model keeps
    // the list trimmed.
    let (_d, _p, mut h) = app_on_copy(Answers::default());
    h.run();
    let label = "Kính gửi (mỗi nơi một dòng)";
    h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, label)
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    for piece in ["Phòng", " ", "Kinh", " ", "tế"] {
        h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, label)
            .type_text(piece);
        h.run();
    }
    let recipients = h.state().report().unwrap().recipients.clone();
    assert_eq!(
        recipients.last().map(String::as_str),
        Some("Phòng Kinh tế"),
        "{recipients:?}"
    );
    assert_eq!(recipients.len(), 2, "{recipients:?}");

    go_to(&mut h, Step::KyNhan);
    let label = "Nơi nhận (mỗi nơi một dòng; dòng “- Lưu: …” được thêm tự động)";
    let before = h.state().report().unwrap().distribution.len();
    h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, label)
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    for piece in ["Công", " ", "an", " ", "xã", " "] {
        h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, label)
            .type_text(piece);
        h.run();
    }
    let distribution = h.state().report().unwrap().distribution.clone();
    assert_eq!(distribution.len(), before + 1, "{distribution:?}");
    assert_eq!(distribution.last().map(String::as_str), Some("Công an xã"));
}
