//! The period panels driven headlessly with egui_kittest over the bundled sample
//! (quý II năm 2026): widgets are found by their Vietnamese accessible names, typed
//! into and clicked; the test checks the edits they record and, once applied, what
//! they show.

use baocao::edit::{Edit, apply};
use baocao::model::{Period, PeriodKind, Project, TaskState, Value};
use baocao::ui::indicators::IndicatorsPanel;
use baocao::ui::tasks::TasksPanel;
use chrono::NaiveDate;
use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const Q2: Period = Period {
    year: 2026,
    kind: PeriodKind::Quarter(2),
};

fn sample() -> Project {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mau-binh-minh-hai.ron");
    baocao::storage::load(&path).expect("the sample project loads")
}

/// The window's text face, so that every Vietnamese letter has a glyph.
fn fonts(ctx: &egui::Context) {
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "LiberationSans",
        egui::FontData::from_static(include_bytes!("../../fonts/LiberationSans-Regular.ttf")),
        vec![egui::epaint::text::InsertFontFamily {
            family: egui::FontFamily::Proportional,
            priority: egui::epaint::text::FontPriority::Highest,
        }],
    ));
}

struct Indicators {
    project: Project,
    panel: IndicatorsPanel,
    edits: Vec<Edit>,
}

struct Tasks {
    project: Project,
    panel: TasksPanel,
    on: NaiveDate,
    edits: Vec<Edit>,
}

fn indicators_at(size: egui::Vec2) -> Harness<'static, Indicators> {
    Harness::builder()
        .with_size(size)
        .with_context_setup(fonts)
        .build_ui_state(
            |ui, s: &mut Indicators| s.panel.show(ui, &s.project, Q2, &mut s.edits),
            Indicators {
                project: sample(),
                panel: IndicatorsPanel::new(),
                edits: Vec::new(),
            },
        )
}

/// The room the panels get in a 1366 × 768 window.
fn indicators() -> Harness<'static, Indicators> {
    indicators_at(egui::vec2(700.0, 600.0))
}

fn tasks_on(on: NaiveDate) -> Harness<'static, Tasks> {
    Harness::builder()
        .with_size(egui::vec2(700.0, 600.0))
        .with_context_setup(fonts)
        .build_ui_state(
            |ui, s: &mut Tasks| s.panel.show(ui, &s.project, Q2, s.on, &mut s.edits),
            Tasks {
                project: sample(),
                panel: TasksPanel::new(),
                on,
                edits: Vec::new(),
            },
        )
}

fn end_of_june() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("a real date")
}

/// Clicks into a field, selects all it holds and types `text` over it.
fn replace_text<S>(harness: &mut Harness<'_, S>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    if text.is_empty() {
        harness.key_press(Key::Backspace);
    } else {
        harness.get_by_label(label).type_text(text);
    }
    harness.run();
}

/// Checks that the table row named `row` (`Chỉ tiêu CT03`) shows `status`.
#[track_caller]
fn assert_status<S>(harness: &Harness<'_, S>, row: &str, status: &str) {
    harness
        .get_by_role_and_label(Role::Row, row)
        .get_by_label(status);
}

/// Applies the recorded edits to the harness's project, as the app does after drawing.
fn apply_edits(project: &mut Project, edits: &mut Vec<Edit>) {
    for edit in edits.drain(..) {
        apply(project, edit).expect("the edit applies");
    }
}

fn value_edit(indicator: &str, value: Option<Value>) -> Edit {
    Edit::IndicatorValue {
        period: Q2,
        indicator: indicator.into(),
        value,
    }
}

#[test]
fn the_panel_shows_the_period_heading_the_hint_and_the_summary() {
    let harness = indicators();
    harness.get_by_label("Chỉ tiêu — số liệu quý II năm 2026");
    harness
        .get_by_label("Nhập số với dấu phẩy thập phân, ví dụ 92,5. Để trống nếu chưa có số liệu.");
    harness.get_by_label(
        "Đạt và vượt: 9/15 chỉ tiêu · Đúng tiến độ: 3 · Chưa đạt: 3 · Chưa có số liệu: 0",
    );
    harness.get_by_label("I. Về chuyển đổi số");
    assert_eq!(
        harness.get_by_label("Giá trị CT01").value().as_deref(),
        Some("91,2")
    );
    assert_eq!(
        harness.get_by_label("Giá trị CT10").value().as_deref(),
        Some("1.315")
    );
}

#[test]
fn typing_a_value_with_a_decimal_comma_records_it_and_the_status_follows() {
    let mut harness = indicators();
    assert_status(&harness, "Chỉ tiêu CT03", "Chưa đạt");
    replace_text(&mut harness, "Giá trị CT03", "93,4");
    assert_eq!(
        harness.state().edits,
        [value_edit("CT03", Some(Value::Number(93.4)))]
    );

    let s = harness.state_mut();
    apply_edits(&mut s.project, &mut s.edits);
    harness.run();
    assert_status(&harness, "Chỉ tiêu CT03", "Vượt");
    harness.get_by_label_contains("Đạt và vượt: 10/15 chỉ tiêu");
    assert_eq!(
        harness.get_by_label("Giá trị CT03").value().as_deref(),
        Some("93,4")
    );
}

#[test]
fn letters_are_refused_with_the_reason_and_nothing_is_recorded() {
    let mut harness = indicators();
    replace_text(&mut harness, "Giá trị CT03", "9x");
    assert!(harness.state().edits.is_empty());
    harness.get_by_label_contains(
        "“9x” không phải là số (dùng dấu phẩy cho phần thập phân, ví dụ 92,5)",
    );
    harness.get_by_label_contains("vẫn giữ số liệu cũ: 72,4");
    assert_status(&harness, "Chỉ tiêu CT03", "Chưa đạt");
}

#[test]
fn two_decimal_commas_are_refused() {
    let mut harness = indicators();
    replace_text(&mut harness, "Giá trị CT03", "1,2,3");
    assert!(harness.state().edits.is_empty());
    harness.get_by_label_contains("“1,2,3” không phải là số");
}

#[test]
fn a_percentage_over_a_hundred_is_refused() {
    let mut harness = indicators();
    replace_text(&mut harness, "Giá trị CT01", "120");
    assert!(harness.state().edits.is_empty());
    harness.get_by_label_contains("Tỷ lệ phải từ 0 đến 100%");
}

#[test]
fn refused_text_stays_with_its_reason_after_the_field_is_left() {
    let mut harness = indicators();
    replace_text(&mut harness, "Giá trị CT01", "120");
    harness.get_by_label("Minh chứng CT02").click();
    harness.run();
    assert_eq!(
        harness.get_by_label("Giá trị CT01").value().as_deref(),
        Some("120")
    );
    harness.get_by_label_contains("Tỷ lệ phải từ 0 đến 100%");
    assert!(harness.state().edits.is_empty());
}

#[test]
fn a_value_stored_on_the_way_to_refused_text_is_taken_back() {
    let mut harness = indicators();
    replace_text(&mut harness, "Giá trị CT03", "9");
    let s = harness.state_mut();
    assert_eq!(s.edits, [value_edit("CT03", Some(Value::Number(9.0)))]);
    apply_edits(&mut s.project, &mut s.edits);
    harness.run();

    harness.get_by_label("Giá trị CT03").type_text("x");
    harness.run();
    assert_eq!(
        harness.state().edits,
        [value_edit("CT03", Some(Value::Number(72.4)))]
    );
    harness.get_by_label_contains("“9x” không phải là số");
}

#[test]
fn clearing_the_field_records_no_value() {
    let mut harness = indicators();
    replace_text(&mut harness, "Giá trị CT01", "");
    assert_eq!(harness.state().edits, [value_edit("CT01", None)]);

    let s = harness.state_mut();
    apply_edits(&mut s.project, &mut s.edits);
    harness.run();
    assert_status(&harness, "Chỉ tiêu CT01", "Chưa có số liệu");
}

#[test]
fn a_value_changed_elsewhere_shows_once_the_field_is_left() {
    let mut harness = indicators();
    replace_text(&mut harness, "Giá trị CT03", "93,40");
    let s = harness.state_mut();
    apply_edits(&mut s.project, &mut s.edits);
    harness.run();
    // Still typing: the field keeps the clerk's own text.
    assert_eq!(
        harness.get_by_label("Giá trị CT03").value().as_deref(),
        Some("93,40")
    );

    harness.get_by_label("Minh chứng CT02").click();
    harness.run();
    // Undo, as the app would do it.
    apply(
        &mut harness.state_mut().project,
        value_edit("CT03", Some(Value::Number(72.4))),
    )
    .expect("the edit applies");
    harness.run();
    assert_eq!(
        harness.get_by_label("Giá trị CT03").value().as_deref(),
        Some("72,4")
    );
    assert_status(&harness, "Chỉ tiêu CT03", "Chưa đạt");
}

#[test]
fn typing_evidence_records_it() {
    let mut harness = indicators();
    replace_text(&mut harness, "Minh chứng CT05", "Số liệu Cổng Dịch vụ công");
    assert_eq!(
        harness.state().edits,
        [Edit::IndicatorEvidence {
            period: Q2,
            indicator: "CT05".into(),
            text: "Số liệu Cổng Dịch vụ công".into(),
        }]
    );
}

#[test]
fn a_qualitative_result_can_be_picked_from_the_list() {
    // Tall enough for the last rows to be on screen.
    let mut harness = indicators_at(egui::vec2(700.0, 2000.0));
    assert_status(&harness, "Chỉ tiêu CT15", "Đạt");
    harness.get_by_label("Chọn kết quả CT15").click();
    harness.run();
    harness.get_by_label("Chưa hoàn thành").click();
    harness.run();
    assert_eq!(
        harness.state().edits,
        [value_edit(
            "CT15",
            Some(Value::Text("Chưa hoàn thành".into()))
        )]
    );
    let s = harness.state_mut();
    apply_edits(&mut s.project, &mut s.edits);
    harness.run();
    assert_status(&harness, "Chỉ tiêu CT15", "Chưa đạt");
}

#[test]
fn the_indicator_fields_fit_a_seven_hundred_point_panel_without_overlapping() {
    let harness = indicators();
    let rects: Vec<egui::Rect> = harness
        .get_all_by_role(Role::TextInput)
        .chain(harness.get_all_by_role(Role::MultilineTextInput))
        .map(|n| n.rect())
        .collect();
    // Value and evidence of the first eight indicators or so.
    assert!(rects.len() >= 16, "{} fields on screen", rects.len());
    for (i, a) in rects.iter().enumerate() {
        assert!(a.right() <= 700.0, "a field ends at {}", a.right());
        for b in &rects[i + 1..] {
            assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn choosing_done_for_a_task_records_its_new_state() {
    let mut harness = tasks_on(end_of_june());
    harness.get_by_label("Nhiệm vụ — tiến độ quý II năm 2026");
    harness.get_by_label("Tiến độ NV04").click();
    harness.run();
    harness
        .get_by_role(Role::ListBox)
        .get_by_label("Hoàn thành")
        .click();
    harness.run();
    assert_eq!(
        harness.state().edits,
        [Edit::TaskState {
            period: Q2,
            task: "NV04".into(),
            state: TaskState::Done,
        }]
    );

    let s = harness.state_mut();
    apply_edits(&mut s.project, &mut s.edits);
    harness.run();
    assert_status(&harness, "Nhiệm vụ NV04", "Hoàn thành");
}

#[test]
fn a_task_past_its_deadline_and_not_done_shows_overdue() {
    let harness = tasks_on(end_of_june());
    assert_status(&harness, "Nhiệm vụ NV04", "Quá hạn");
    assert_status(&harness, "Nhiệm vụ NV05", "Quá hạn");
    assert_status(&harness, "Nhiệm vụ NV03", "Hoàn thành");
    harness.get_by_label_contains("Quá hạn: 3 (Số hóa sổ hộ tịch lưu trữ");
}

#[test]
fn a_task_is_not_overdue_before_its_deadline() {
    let harness = tasks_on(NaiveDate::from_ymd_opt(2026, 6, 10).expect("a real date"));
    assert_status(&harness, "Nhiệm vụ NV04", "Đang thực hiện");
}

#[test]
fn typing_a_task_note_records_it() {
    let mut harness = tasks_on(end_of_june());
    replace_text(&mut harness, "Ghi chú NV05", "Đã trình thẩm định");
    assert_eq!(
        harness.state().edits,
        [Edit::TaskNote {
            period: Q2,
            task: "NV05".into(),
            text: "Đã trình thẩm định".into(),
        }]
    );
}
