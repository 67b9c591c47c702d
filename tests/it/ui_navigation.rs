//! Going where a change is: undo and redo open the step of what they changed with the
//! changed words selected, and a status change is saved at once for the colleagues
//! who share the file.

use crate::support::SAMPLE_PATH;
use baocao::edit::Edit;
use baocao::guide::Step;
use baocao::ui::{BaocaoApp, Command};
use eframe::egui;
use egui_kittest::Harness;

use crate::support::answers::Answers;

fn app() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Harness<'static, BaocaoApp>,
) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    let p = path.clone();
    let h = crate::support::window::window(&p)
        .dialogs(Answers::default())
        .build();
    (dir, path, h)
}

#[test]
fn undo_on_another_step_goes_to_the_changed_words_and_says_what_it_undid() {
    let (_d, _p, mut h) = app();
    h.run();
    let report = h.state().report().unwrap().clone();
    let section = report
        .all_sections()
        .into_iter()
        .find(|s| s.title.contains("Hạn chế"))
        .unwrap()
        .clone();
    let text = format!("{}\nMột câu thêm vào.", section.body);
    h.state_mut().push(Command::Edit(Edit::SectionBody {
        report: report.id.clone(),
        section: section.id.clone(),
        text,
    }));
    h.state_mut().push(Command::SealTyping);
    h.state_mut().push(Command::SelectStep(Step::ChiTieu));
    h.run();
    assert_eq!(h.state().step, Step::ChiTieu);

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    h.run();
    assert_eq!(
        h.state().step,
        Step::HanChe,
        "undo opens the step of its change"
    );
    let status = h.state().status.clone().unwrap().text;
    assert!(
        status.contains("Đã hoàn tác") && status.contains("Hạn chế"),
        "{status}"
    );
    let body = h
        .state()
        .report()
        .unwrap()
        .section(&section.id)
        .unwrap()
        .body
        .clone();
    assert_eq!(body, section.body);

    // Redo: the added words are selected in the section's text field.
    h.state_mut().push(Command::SelectStep(Step::ThongTin));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    h.run();
    assert_eq!(h.state().step, Step::HanChe);
    let id = baocao::ui::body_id(&section.id);
    let state = egui::TextEdit::load_state(&h.ctx, id).unwrap();
    let range = state.cursor.char_range().unwrap();
    let [a, b] = range.sorted_cursors();
    let now = h
        .state()
        .report()
        .unwrap()
        .section(&section.id)
        .unwrap()
        .body
        .clone();
    let selected: String = now
        .chars()
        .skip(a.index.0)
        .take(b.index.0 - a.index.0)
        .collect();
    assert_eq!(selected, "\nMột câu thêm vào.");
}

#[test]
fn sending_for_review_is_saved_at_once_for_the_colleagues_sharing_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    let p = path.clone();
    let mut h = crate::support::window::window(&p)
        .dialogs(Answers::default())
        .user(baocao::review::Actor {
            name: "Trần Văn Soạn".into(),
            role: baocao::model::ReviewRole::Drafter,
        })
        .build();
    h.run();
    h.state_mut()
        .push(Command::Review(baocao::edit::ReviewEdit::Action {
            kind: baocao::review::ActionKind::SendForReview,
            issue: None,
            remark: String::new(),
        }));
    h.run();
    let status = h.state().status.clone().unwrap().text;
    assert!(status.contains("Đã lưu vào tệp"), "{status}");
    let on_disk = baocao::storage::load(&path).unwrap();
    assert_eq!(
        on_disk.reports[0].review.status,
        baocao::model::ReportStatus::AwaitingReview
    );
}

#[test]
fn each_writing_step_opens_with_its_own_section_in_view() {
    use egui_kittest::kittest::Queryable;
    let (_d, _p, mut h) = app();
    h.run();
    let report = h.state().report().unwrap().clone();
    for (i, step) in Step::ALL.iter().enumerate() {
        let sections = baocao::session::steps::step_sections(&report, *step);
        let Some(own) = sections.first() else {
            continue;
        };
        if own.generated.is_some() {
            continue;
        }
        h.get_by_label(&format!("{}. {}", i + 1, step.label()))
            .click();
        h.run();
        h.run();
        let label = format!("Nội dung: {}", own.title.trim());
        let r = h.get_by_label(&label).rect();
        assert!(
            r.min.y >= 40.0 && r.min.y < 700.0,
            "{step:?}: the text of “{}” starts at y = {}",
            own.title,
            r.min.y
        );
    }
}

#[test]
fn the_whole_window_zooms_from_the_xem_menu_and_back() {
    let (_d, _p, mut h) = app();
    h.run();
    h.state_mut()
        .push(Command::ZoomUi(baocao::ui::command::Zoom::In));
    h.run();
    h.run();
    assert!(h.ctx.zoom_factor() > 1.05, "{}", h.ctx.zoom_factor());
    assert_eq!(h.state().ui_zoom, h.ctx.zoom_factor());
    h.state_mut()
        .push(Command::ZoomUi(baocao::ui::command::Zoom::Reset));
    h.run();
    h.run();
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-3);
}

/// eframe's preferences, in memory.
#[derive(Default)]
pub struct Prefs(std::collections::HashMap<String, String>);

impl eframe::Storage for Prefs {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn reopening_a_file_goes_back_to_the_report_being_edited_also_after_a_restart() {
    use baocao::model::{Period, PeriodKind};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hai-bao-cao.ron");
    let mut project = baocao::storage::load(std::path::Path::new(SAMPLE_PATH)).unwrap();
    let first = project.reports[0].id.clone();
    let q3 = Period::new(2026, PeriodKind::Quarter(3));
    let later = baocao::session::reports::report_for_period(&project, q3, true);
    let second = later.id.clone();
    project.reports.push(later);
    baocao::storage::save(&path, &project).unwrap();
    let open = |prefs: Option<&Prefs>| {
        let p = path.clone();
        let mut h = crate::support::window::window(&p)
            .dialogs(Answers::default())
            .user(Default::default())
            .build();
        h.state_mut()
            .restore(prefs.map(|p| p as &dyn eframe::Storage));
        h.run();
        h
    };
    let mut h = open(None);
    assert_eq!(
        h.state().report().unwrap().id,
        second,
        "a first opening: the last report"
    );
    h.state_mut().push(Command::SelectReport(first.clone()));
    h.run();
    // Opened again in the same window: the report being edited, not the last one.
    h.state_mut().push(Command::OpenPath(path.clone()));
    h.run();
    assert_eq!(h.state().report().unwrap().id, first);
    // After a restart, from the preferences the window kept.
    let mut prefs = Prefs::default();
    eframe::App::save(h.state_mut(), &mut prefs);
    drop(h);
    let h = open(Some(&prefs));
    assert_eq!(h.state().report().unwrap().id, first);
}

#[test]
fn a_message_of_what_was_done_fades_and_one_of_what_failed_stays() {
    use baocao::ui::command::StatusLine;
    use egui_kittest::kittest::Queryable;
    let path = std::path::PathBuf::from(SAMPLE_PATH);
    let mut h = crate::support::window::window(&path)
        .dialogs(Answers::default())
        .user(Default::default())
        .build();
    h.run();
    h.state_mut()
        .push(Command::Notify("Đã làm xong việc thử.".into()));
    h.run();
    h.get_by_label("Đã làm xong việc thử.");
    // Shown long enough ago: gone from the status bar.
    let shown = h.state().status_shown.clone().unwrap();
    h.state_mut().status_shown = Some((shown.0, shown.1 - baocao::ui::app::STATUS_SECONDS - 1.0));
    h.run();
    assert!(h.query_by_label("Đã làm xong việc thử.").is_none());
    // A failure stays however long ago it was shown.
    h.state_mut().status = Some(StatusLine::error("Không làm được việc thử."));
    h.run();
    let shown = h.state().status_shown.clone().unwrap();
    h.state_mut().status_shown = Some((shown.0, shown.1 - 1000.0));
    h.run();
    h.get_by_label("Không làm được việc thử.");
}
