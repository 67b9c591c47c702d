//! Tables inside a section's text (#26 item 12), at 1366×768: shown as a grid of cells
//! in place of their `|` lines, each cell a text box; a cell typed in changes the
//! report's table, Tab goes cell to cell, rows added or removed come back with Ctrl+Z,
//! the text around the table stays text, and “Hiện mã bảng” shows the pipes again.

use std::path::PathBuf;

use crate::support::SAMPLE_PATH;
use baocao::edit::Edit;
use baocao::guide::Step;
use baocao::model::rich::{Block, Row, parse};
use baocao::ui::{BaocaoApp, Command};
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const TEXT: &str = "Mở đầu trước bảng.\n| Nội dung | Số |\n|---|---:|\n| Hồ sơ | 120 |\n| Giấy tờ | 45 |\nKết thúc sau bảng.";

/// The sample with Hạn chế holding [`TEXT`], open on that step.
fn with_table() -> (tempfile::TempDir, Harness<'static, BaocaoApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    let p: PathBuf = path.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            BaocaoApp::new(&p).derive_on_frame()
        });
    h.run();
    let report = h.state().report().unwrap().id.clone();
    h.state_mut().push(Command::Edit(Edit::SectionBody {
        report,
        section: "han-che".into(),
        text: TEXT.into(),
    }));
    h.state_mut().push(Command::SealTyping);
    h.run();
    let index = Step::ALL.iter().position(|s| *s == Step::HanChe).unwrap() + 1;
    h.get_by_label(&format!("{index}. {}", Step::HanChe.label()))
        .click();
    h.run();
    (dir, h)
}

fn body(h: &Harness<'_, BaocaoApp>) -> String {
    h.state()
        .report()
        .and_then(|r| r.section("han-che"))
        .map(|s| s.body.clone())
        .unwrap_or_default()
}

/// The cells of the section's one table, row by row, as the report prints them.
fn rows(h: &Harness<'_, BaocaoApp>) -> Vec<Vec<String>> {
    let (blocks, _) = parse(&body(h));
    let table = blocks
        .iter()
        .find_map(|b| match b {
            Block::Table { table, .. } => Some(table.clone()),
            _ => None,
        })
        .expect("a table");
    table
        .rows
        .iter()
        .map(|r| match r {
            Row::Cells(cells) => cells
                .iter()
                .map(|c| c.iter().map(|s| s.text.as_str()).collect())
                .collect(),
            Row::Group(c) => vec![c.iter().map(|s| s.text.as_str()).collect()],
        })
        .collect()
}

#[test]
fn a_table_shows_as_cells_in_place_and_the_text_around_it_as_text() {
    let (_d, h) = with_table();
    assert_eq!(
        h.get_by_label("Bảng 1, ô hàng 1 cột 1").value().as_deref(),
        Some("Hồ sơ")
    );
    assert_eq!(
        h.get_by_label("Bảng 1, ô hàng 2 cột 2").value().as_deref(),
        Some("45")
    );
    assert_eq!(
        h.get_by_label("Bảng 1, tiêu đề cột 2").value().as_deref(),
        Some("Số")
    );
    assert_eq!(
        h.get_by_label("Nội dung: Hạn chế").value().as_deref(),
        Some("Mở đầu trước bảng.")
    );
    assert_eq!(
        h.get_by_label("Nội dung: Hạn chế, đoạn 2")
            .value()
            .as_deref(),
        Some("Kết thúc sau bảng.")
    );
    // No box shows the table's pipes.
    assert!(h.query_by_value("| Hồ sơ | 120 |").is_none());
    assert!(
        h.query_all_by_label_contains("Nội dung: Hạn chế")
            .all(|n| !n.value().unwrap_or_default().contains('|'))
    );
}

#[test]
fn typing_in_a_cell_changes_the_reports_table_and_tab_goes_to_the_next_cell() {
    let (_d, mut h) = with_table();
    h.get_by_label("Bảng 1, ô hàng 1 cột 1").focus();
    h.run();
    // Typed key by key: a space typed at the end of a cell stays for the next word.
    for piece in [" ", "trực", " ", "tuyến"] {
        h.get_by_label("Bảng 1, ô hàng 1 cột 1").type_text(piece);
        h.run();
    }
    assert_eq!(rows(&h)[0], ["Hồ sơ trực tuyến", "120"]);
    let text = body(&h);
    assert!(text.starts_with("Mở đầu trước bảng.\n|"), "{text}");
    assert!(text.ends_with("|\nKết thúc sau bảng."), "{text}");
    h.key_press(Key::Tab);
    h.run();
    assert!(h.get_by_label("Bảng 1, ô hàng 1 cột 2").is_focused());
    h.key_press(Key::Tab);
    h.run();
    assert!(
        h.get_by_label("Bảng 1, ô hàng 2 cột 1").is_focused(),
        "Tab skips the row's Xóa button"
    );
    h.get_by_label("Bảng 1, ô hàng 2 cột 1").type_text(" cũ");
    h.run();
    assert_eq!(rows(&h)[1], ["Giấy tờ cũ", "45"]);
}

#[test]
fn rows_added_or_removed_in_the_grid_come_back_with_undo() {
    let (_d, mut h) = with_table();
    let before = body(&h);
    h.get_by_label("Bảng 1, thêm hàng").click();
    h.run();
    assert_eq!(rows(&h).len(), 3);
    h.get_by_label("Bảng 1, xóa hàng 1").click();
    h.run();
    assert_eq!(rows(&h), [vec!["Giấy tờ", "45"], vec!["", ""]]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(rows(&h)[0], ["Hồ sơ", "120"], "the row removed is back");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(body(&h), before, "and the row added is gone");
}

#[test]
fn hien_ma_bang_shows_the_pipes_and_no_cells() {
    let (_d, mut h) = with_table();
    h.get_by_label("Hiện mã bảng").click();
    h.run();
    assert_eq!(
        h.get_by_label("Nội dung: Hạn chế").value().as_deref(),
        Some(TEXT)
    );
    assert!(h.query_by_label("Bảng 1, ô hàng 1 cột 1").is_none());
    h.get_by_label("Hiện mã bảng").click();
    h.run();
    h.get_by_label("Bảng 1, ô hàng 1 cột 1");
}

#[test]
fn chen_bang_three_by_three_makes_three_rows_in_all_shown_as_a_grid() {
    let (_d, mut h) = with_table();
    let report = h.state().report().unwrap().id.clone();
    h.state_mut().push(Command::Edit(Edit::SectionBody {
        report,
        section: "han-che".into(),
        text: "Chỉ có chữ.".into(),
    }));
    h.run();
    h.get_by_label("Nội dung: Hạn chế").focus();
    h.run();
    h.get_by_label("Chèn bảng…").click();
    h.run();
    h.get_by_label("Chèn").click();
    h.run();
    assert_eq!(rows(&h).len(), 2, "the header and two rows: three in all");
    assert_eq!(
        h.get_by_label("Bảng 1, tiêu đề cột 3").value().as_deref(),
        Some("Cột 3")
    );
    h.get_by_label("Bảng 1, ô hàng 2 cột 3");
    assert!(h.query_by_label("Bảng 1, ô hàng 3 cột 1").is_none());
    assert!(
        body(&h).starts_with("Chỉ có chữ.\n| Cột 1 |"),
        "{}",
        body(&h)
    );
}

#[test]
fn a_find_hit_after_the_table_is_selected_in_the_text_that_holds_it() {
    let (_d, mut h) = with_table();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Tìm")
        .type_text("Kết thúc");
    h.run();
    h.get_by_label("Sau").click();
    h.run();
    h.run();
    let after = h.get_by_role_and_label(
        egui::accesskit::Role::MultilineTextInput,
        "Nội dung: Hạn chế, đoạn 2",
    );
    assert!(
        after.is_focused(),
        "the text after the table has the cursor"
    );
    // What is selected is the hit: typing replaces it.
    after.type_text("Phần cuối");
    h.run();
    assert!(body(&h).ends_with("\nPhần cuối sau bảng."), "{}", body(&h));
}

#[test]
fn word_bullets_pasted_after_a_table_are_shown_first_then_go_in_after_it() {
    let (_d, mut h) = with_table();
    let after = h.get_by_role_and_label(
        egui::accesskit::Role::MultilineTextInput,
        "Nội dung: Hạn chế, đoạn 2",
    );
    after.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.run();
    let before = body(&h);
    let table = rows(&h);
    h.event(egui::Event::Paste(
        "•\tThiết bị cũ, cấu hình thấp;\n\to\tmáy chủ quá hạn bảo hành;\n•\tThiếu nhân lực.".into(),
    ));
    h.run();
    // Nothing goes in before the clerk has seen what was recognised.
    assert_eq!(body(&h), before);
    h.get_by_label("Dán theo cấu trúc").click();
    h.run();
    let text = body(&h);
    assert!(
        text.ends_with(
            "Kết thúc sau bảng.\n- Thiết bị cũ, cấu hình thấp;\n  + máy chủ quá hạn bảo hành;\n- Thiếu nhân lực."
        ),
        "{text}"
    );
    assert_eq!(rows(&h), table, "the table is left as it was");
}

#[test]
fn hien_ma_bang_stays_as_left_after_a_restart() {
    let (dir, mut h) = with_table();
    // Saved, so that the section still holds its table when the window opens again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Hiện mã bảng").click();
    h.run();
    assert!(
        h.query_by_label("Nội dung: Hạn chế, đoạn 2").is_none(),
        "one text box with the pipes"
    );
    let mut prefs = crate::ui_navigation::Prefs::default();
    eframe::App::save(h.state_mut(), &mut prefs);
    drop(h);
    let p = dir.path().join("mau.ron");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            BaocaoApp::new(&p).derive_on_frame()
        });
    h.state_mut().restore(Some(&prefs as &dyn eframe::Storage));
    h.run();
    let index = Step::ALL.iter().position(|s| *s == Step::HanChe).unwrap() + 1;
    h.get_by_label(&format!("{index}. {}", Step::HanChe.label()))
        .click();
    h.run();
    assert!(
        h.query_by_label("Nội dung: Hạn chế, đoạn 2").is_none(),
        "still the pipes after the restart"
    );
    assert!(
        h.state()
            .report()
            .unwrap()
            .section("han-che")
            .unwrap()
            .body
            .contains("| Hồ sơ |")
    );
}

#[test]
fn a_suggested_sentence_goes_in_where_the_clerk_was_writing_before_the_table() {
    let (_d, mut h) = with_table();
    // The cursor at the end of the text before the table.
    let first = h.get_by_role_and_label(
        egui::accesskit::Role::MultilineTextInput,
        "Nội dung: Hạn chế",
    );
    first.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.run();
    h.get_by_label_contains("còn chậm tiến độ so với kế hoạch")
        .click();
    h.run();
    let text = body(&h);
    let phrase = text
        .find("còn chậm tiến độ so với kế hoạch")
        .unwrap_or_else(|| panic!("the sentence went in: {text}"));
    let table = text.find("| Nội dung").unwrap();
    assert!(
        phrase < table,
        "before the table, where the cursor was:\n{text}"
    );
    assert!(text.starts_with("Mở đầu trước bảng.\n"), "{text}");
}
