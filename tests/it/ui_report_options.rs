//! The window driven headlessly (egui_kittest) through the report's print options:
//! the columns of the indicator table at the Chỉ tiêu step, and a thematic report
//! with a cut-off date chosen at Thông tin chung.

use crate::support::window::{go_to, sample_copy, window};
use baocao::guide::Step;
use baocao::layout::{Item, Pages, TextItem};
use baocao::model::{IndicatorColumn, Period};
use baocao::ui::BaocaoApp;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::support::answers::Answers;

fn app_on_copy() -> (tempfile::TempDir, Harness<'static, BaocaoApp>) {
    let (dir, path) = sample_copy();
    (dir, window(&path).dialogs(Answers::default()).build())
}

fn texts(pages: &Pages) -> impl Iterator<Item = &TextItem> {
    pages.pages.iter().flat_map(|p| {
        p.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    })
}

/// The printed header of the results column: its lines joined, read on the pages.
fn result_header(pages: &Pages) -> String {
    for page in &pages.pages {
        let items: Vec<&TextItem> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        let header = |t: &&&TextItem| {
            t.style == baocao::layout::FontStyle::Bold && t.text.starts_with("Kết quả")
        };
        let Some(first) = items.iter().find(header) else {
            continue;
        };
        let centre = first.x.0 + first.width.0 / 2.0;
        return items
            .iter()
            .filter(|t| {
                (t.x.0 + t.width.0 / 2.0 - centre).abs() < 2.0
                    && t.baseline.0 >= first.baseline.0
                    && t.baseline.0 < first.baseline.0 + 30.0
            })
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
    }
    String::new()
}

#[test]
fn choosing_the_indicator_tables_columns_changes_the_printed_table() {
    let (_d, mut h) = app_on_copy();
    h.run();
    go_to(&mut h, Step::ChiTieu);
    // Bold lines of table headers holding `word` (a header may wrap).
    let count = |h: &Harness<'_, BaocaoApp>, word: &str| {
        texts(h.state().pages().unwrap())
            .filter(|t| t.style == baocao::layout::FontStyle::Bold && t.text.contains(word))
            .count()
    };
    let notes_before = count(&h, "Ghi chú");
    let leads_before = count(&h, "Đơn vị");
    assert!(leads_before > 0);
    h.get_by_label("Tùy chọn bảng chỉ tiêu khi in").click();
    h.run();

    h.get_by_label("Ghi chú").click();
    h.run();
    let options = |h: &Harness<'_, BaocaoApp>| {
        h.state()
            .report()
            .and_then(|r| r.section("chi-tieu"))
            .map(|s| s.indicator_table.clone())
            .unwrap()
    };
    assert!(options(&h).shows(IndicatorColumn::Note));
    // One header per page the table spans.
    assert!(
        count(&h, "Ghi chú") > notes_before,
        "the table has a Ghi chú column"
    );

    h.get_by_label("Đơn vị chủ trì").click();
    h.run();
    assert!(!options(&h).shows(IndicatorColumn::Lead));
    assert!(count(&h, "Đơn vị") < leads_before);

    h.get_by_label("Đánh số liên tục").click();
    h.run();
    let dump = baocao::layout::dump(h.state().pages().unwrap());
    assert!(
        texts(h.state().pages().unwrap()).any(|t| t.text == "11"),
        "the 11th indicator is numbered 11:\n{dump}"
    );

    h.get_by_label("Ghi chú").click();
    h.run();
    assert!(!options(&h).shows(IndicatorColumn::Note));
    assert_eq!(count(&h, "Ghi chú"), notes_before);

    // Each choice was one undoable step.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(options(&h).shows(IndicatorColumn::Note));
}

#[test]
fn a_thematic_report_with_a_cut_off_prints_results_up_to_that_date() {
    let (_d, mut h) = app_on_copy();
    h.run();
    assert_eq!(
        result_header(h.state().pages().unwrap()),
        "Kết quả quý II/2026"
    );

    h.get_by_label("Kỳ báo cáo").click();
    h.run();
    h.get_by_label("Chuyên đề (tính đến ngày …)").click();
    h.run();
    assert!(h.state().report().unwrap().period.cut_off().is_some());

    let field = h.get_by_label("Tính đến ngày");
    field.click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Tính đến ngày").type_text("31/02/2026");
    h.run();
    h.get_by_label("“31/02/2026” không phải ngày hợp lệ (dạng 15/05/2026).");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Tính đến ngày").type_text("15/05/2026");
    h.run();
    h.run();

    let app = h.state();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 5, 15).unwrap();
    assert_eq!(app.report().unwrap().period, Period::up_to(day));
    let pages = app.pages().unwrap();
    assert_eq!(result_header(pages), "Kết quả đến ngày 15/5/2026");
    let dump = baocao::layout::dump(pages);
    assert!(dump.contains("tính đến ngày 15/5/2026"), "{dump}");
}
