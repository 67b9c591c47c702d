//! Rich text in the window, driven through its real widgets: Ctrl+B on a selection,
//! Tab on a list item, a table inserted and edited as a grid, a section's layout.

use crate::support::window::{go_to, sample_copy, window};
use std::path::PathBuf;

use baocao::guide::Step;
use baocao::layout::{FontStyle, Item};
use baocao::ui::BaocaoApp;
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn app_on_copy() -> (tempfile::TempDir, PathBuf, Harness<'static, BaocaoApp>) {
    let (dir, path) = sample_copy();
    let harness = window(&path).build();
    (dir, path, harness)
}

fn body(h: &Harness<'_, BaocaoApp>, id: &str) -> String {
    h.state()
        .report()
        .and_then(|r| r.section(id))
        .map(|s| s.body.clone())
        .unwrap_or_default()
}

/// Puts the selection of a section's text field on characters `a..b`.
fn select(h: &mut Harness<'_, BaocaoApp>, section: &str, a: usize, b: usize) {
    let id = baocao::ui::body_id(section);
    let mut st = egui::TextEdit::load_state(&h.ctx, id).unwrap_or_default();
    st.cursor.set_char_range(Some(egui::text::CCursorRange::two(
        egui::text::CCursor::new(a),
        egui::text::CCursor::new(b),
    )));
    st.store(&h.ctx, id);
}

fn bold_texts(h: &Harness<'_, BaocaoApp>) -> Vec<String> {
    h.state()
        .pages()
        .unwrap()
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text(t) if t.style == FontStyle::Bold => Some(t.text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn ctrl_b_on_a_selection_makes_it_bold_in_the_text_and_on_the_page() {
    let (_d, _p, mut h) = app_on_copy();
    h.run();
    go_to(&mut h, Step::HanChe);
    h.get_by_label("Nội dung: Hạn chế").focus();
    h.run();
    // "- Còn {{tổng.chỉ tiêu chưa đạt}} chỉ tiêu": select "Còn".
    select(&mut h, "han-che", 2, 5);
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    let text = body(&h, "han-che");
    assert!(text.starts_with("- **Còn** {{"), "{text}");
    assert!(
        bold_texts(&h).iter().any(|t| t.contains("Còn")),
        "the page prints the words bold, without the stars"
    );
    // Pressed again on the same words, the emphasis comes off; one undo brings it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    assert!(body(&h, "han-che").starts_with("- Còn {{"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(body(&h, "han-che").starts_with("- **Còn** {{"));
}

#[test]
fn tab_on_a_list_item_moves_it_one_level_deeper_and_shift_tab_back() {
    let (_d, _p, mut h) = app_on_copy();
    h.run();
    go_to(&mut h, Step::HanChe);
    let before = body(&h, "han-che");
    let second_line = before.lines().next().unwrap().chars().count() + 1;
    h.get_by_label("Nội dung: Hạn chế").focus();
    h.run();
    select(&mut h, "han-che", second_line + 3, second_line + 3);
    h.key_press(Key::Tab);
    h.run();
    let after = body(&h, "han-che");
    let line = after.lines().nth(1).unwrap();
    assert!(line.starts_with("  + "), "{line}");
    assert!(
        h.state().step == Step::HanChe,
        "Tab did not move the focus away"
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(body(&h, "han-che"), before);
}

/// A copy of the sample with a new 3 × 3 table inserted at the start of Hạn chế.
fn with_new_table() -> (tempfile::TempDir, PathBuf, Harness<'static, BaocaoApp>) {
    let (d, p, mut h) = app_on_copy();
    h.run();
    go_to(&mut h, Step::HanChe);
    h.get_by_label("Nội dung: Hạn chế").focus();
    h.run();
    select(&mut h, "han-che", 0, 0);
    h.get_by_label("Chèn bảng…").click();
    h.run();
    h.get_by_label("Chèn").click();
    h.run();
    (d, p, h)
}

#[test]
fn a_table_is_inserted_then_edited_as_a_grid_and_prints() {
    let (_d, _p, mut h) = with_new_table();
    let text = body(&h, "han-che");
    assert!(text.contains("| Cột 1 | Cột 2 | Cột 3 |"), "{text}");
    // The cursor is now in the table: open the grid editor.
    h.get_by_label("Sửa bảng: Hạn chế").click();
    h.run();
    h.get_by_label("Tiêu đề cột 1").focus();
    h.get_by_label("Tiêu đề cột 1").type_text(" Nội dung");
    h.get_by_label("Ô hàng 1 cột 1").focus();
    h.get_by_label("Ô hàng 1 cột 1")
        .type_text("Hồ sơ trực tuyến");
    h.run();
    h.get_by_label("+ Thêm hàng").click();
    h.run();
    h.get_by_label("Xong").click();
    h.run();
    let text = body(&h, "han-che");
    assert!(
        text.contains("| Cột 1 Nội dung | Cột 2 | Cột 3 |"),
        "{text}"
    );
    assert!(text.contains("| Hồ sơ trực tuyến |  |  |"), "{text}");
    let (blocks, _) = baocao::model::rich::parse(&text);
    let table = blocks
        .iter()
        .find_map(|b| match b {
            baocao::model::rich::Block::Table { table, .. } => Some(table),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        table.rows.len(),
        3,
        "three rows in all (the header and two), one added"
    );
    assert!(bold_texts(&h).iter().any(|t| t.contains("Cột 1 Nội dung")));
}

#[test]
fn a_section_can_start_a_new_page_and_number_its_children_with_letters() {
    let (_d, _p, mut h) = app_on_copy();
    h.run();
    go_to(&mut h, Step::KetQua);
    let pages_before = h.state().pages().unwrap().pages.len();
    h.get_all_by_label("Bố cục").next().unwrap().click();
    h.run();
    h.get_by_label("Chữ cái a), b), c)").click();
    h.run();
    let r = h.state().report().unwrap();
    assert_eq!(
        r.section("ket-qua").unwrap().numbering,
        baocao::model::ChildNumbering::Letters
    );
    let dump = baocao::layout::dump(h.state().pages().unwrap());
    assert!(dump.contains("a) Công tác lãnh đạo, chỉ đạo"), "{dump}");
    h.get_all_by_label("Bố cục").next().unwrap().click();
    h.run();
    h.get_by_label("Bắt đầu mục này ở trang mới").click();
    h.run();
    assert!(
        h.state()
            .report()
            .unwrap()
            .section("ket-qua")
            .unwrap()
            .new_page
    );
    assert!(h.state().pages().unwrap().pages.len() >= pages_before);
}

#[test]
fn word_bullets_pasted_into_a_section_are_shown_then_become_list_items() {
    let (_d, _p, mut h) = app_on_copy();
    h.run();
    go_to(&mut h, Step::HanChe);
    h.get_by_label("Nội dung: Hạn chế").focus();
    h.run();
    let before = body(&h, "han-che");
    let n = before.chars().count();
    select(&mut h, "han-che", n, n);
    h.event(egui::Event::Paste(
        "•\tThiết bị cũ, cấu hình thấp;\n\to\tmáy chủ quá hạn bảo hành;\n•\tThiếu nhân lực.".into(),
    ));
    h.run();
    // Nothing goes in before the clerk has seen what was recognised.
    assert_eq!(body(&h, "han-che"), before);
    h.get_by_label("Dán theo cấu trúc").click();
    h.run();
    let after = body(&h, "han-che");
    assert!(
        after.ends_with(
            "- Thiết bị cũ, cấu hình thấp;\n  + máy chủ quá hạn bảo hành;\n- Thiếu nhân lực."
        ),
        "{after}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(body(&h, "han-che"), before, "one undo takes the paste back");
}

#[test]
fn a_whole_report_pasted_replaces_the_content_with_its_own_structure() {
    let (_d, _p, mut h) = app_on_copy();
    h.run();
    go_to(&mut h, Step::HanChe);
    h.get_by_label("Nội dung: Hạn chế").focus();
    h.run();
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/seeds/003_8a9ce08749d756e0.txt"),
    )
    .unwrap();
    h.event(egui::Event::Paste(seed));
    h.run();
    h.get_by_label("Thay nội dung báo cáo bằng văn bản đã dán")
        .click();
    h.run();
    let r = h.state().report().unwrap();
    let tops: Vec<&str> = r.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(tops.len(), 4, "{tops:?}");
    let numbers = baocao::compose::section_numbers(r);
    let assessment = r
        .all_sections()
        .into_iter()
        .find(|s| s.title == "Đánh giá chung")
        .unwrap();
    assert_eq!(numbers[&assessment.id], "3.");
    let dump = baocao::layout::dump(h.state().pages().unwrap());
    assert!(dump.contains("3. Đánh giá chung"), "the preview shows it");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().report().unwrap().section("han-che").is_some());
}

#[test]
fn backspace_after_a_field_removes_it_whole_and_undo_brings_it_back() {
    let (_d, _p, mut h) = app_on_copy();
    h.run();
    go_to(&mut h, Step::HanChe);
    h.get_by_label("Nội dung: Hạn chế").focus();
    h.run();
    let before = body(&h, "han-che");
    let end = "- Còn {{tổng.chỉ tiêu chưa đạt}}".chars().count();
    assert!(before.starts_with("- Còn {{tổng.chỉ tiêu chưa đạt}}"));
    select(&mut h, "han-che", end, end);
    h.key_press(Key::Backspace);
    h.run();
    assert!(
        body(&h, "han-che").starts_with("- Còn  chỉ tiêu"),
        "{}",
        body(&h, "han-che")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(body(&h, "han-che"), before);
}

#[test]
fn find_goes_from_hit_to_hit_across_sections_and_replace_all_is_one_undo_step() {
    let (_d, _p, mut h) = app_on_copy();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::H);
    h.run();
    h.get_by_label("Tìm").focus();
    h.get_by_label("Tìm").type_text("tổ công nghệ số cộng đồng");
    h.run();
    // The text writes "Tổ"; case does not count unless asked.
    h.get_by_label("Sau").click();
    h.run();
    let step = h.state().step;
    assert_ne!(step, Step::ThongTin, "the hit's step is shown");
    let before: Vec<String> = h
        .state()
        .report()
        .unwrap()
        .all_sections()
        .iter()
        .map(|s| s.body.clone())
        .collect();
    h.get_by_label("Thay bằng").focus();
    h.get_by_label("Thay bằng").type_text("Tổ CNSCĐ");
    h.run();
    h.get_by_label("Thay tất cả").click();
    h.run();
    let all: String = h
        .state()
        .report()
        .unwrap()
        .all_sections()
        .iter()
        .map(|s| s.body.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!all.to_lowercase().contains("tổ công nghệ số cộng đồng"));
    assert!(all.contains("Tổ CNSCĐ"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let after_undo: Vec<String> = h
        .state()
        .report()
        .unwrap()
        .all_sections()
        .iter()
        .map(|s| s.body.clone())
        .collect();
    assert_eq!(
        after_undo, before,
        "one Ctrl+Z takes every replacement back"
    );
}

#[test]
fn in_the_grid_editor_tab_goes_cell_to_cell_and_a_deleted_row_comes_back() {
    let (_d, _p, mut h) = with_new_table();
    h.get_by_label("Sửa bảng: Hạn chế").click();
    h.run();
    let rows = |h: &Harness<'_, BaocaoApp>| {
        (1..=50)
            .take_while(|n| h.query_by_label(&format!("Ô hàng {n} cột 1")).is_some())
            .count()
    };
    let before = rows(&h);
    assert!(before >= 2, "{before}");
    // From the last header cell, Tab lands in the first cell of the first row, and
    // typing there (space included) deletes nothing.
    h.get_by_label("Tiêu đề cột 3").focus();
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(
        h.get_by_label("Ô hàng 1 cột 1").is_focused(),
        "Tab moves to the next cell"
    );
    h.get_by_label("Ô hàng 1 cột 1").type_text(" a b");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(h.get_by_label("Ô hàng 1 cột 2").is_focused());
    h.key_press(egui::Key::Space);
    h.run();
    assert_eq!(rows(&h), before, "no row deleted by typing");
    // A row deleted by mistake comes back where it stood.
    h.get_by_label("Ô hàng 2 cột 1").focus();
    h.get_by_label("Ô hàng 2 cột 1").type_text("Hàng hai");
    h.run();
    h.get_by_label("Xóa hàng 2").click();
    h.run();
    assert_eq!(rows(&h), before - 1);
    h.get_by_label("Hoàn lại hàng vừa xóa").click();
    h.run();
    assert_eq!(rows(&h), before);
    let cell = format!("{:?}", h.get_by_label("Ô hàng 2 cột 1"));
    assert!(cell.contains("Hàng hai"), "{cell}");
}
