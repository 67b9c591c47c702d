//! Sửa and the text boxes (issue 26 item 2): the find bar's fields and buttons never
//! draw over each other, the cursor is in Tìm when it opens (Ctrl+F, Ctrl+H, Sửa ›
//! Tìm… / Thay thế…), Sửa › Chọn tất cả selects the text box being written, and every
//! text box has the right-click menu Cắt / Chép / Dán / Chọn tất cả.

use baocao::guide::Step;
use baocao::ui::BaocaoApp;
use eframe::egui;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::ui_small_screen::{go_to, window};

fn sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &path).unwrap();
    (dir, path)
}

/// The find bar's widgets, by name, with their rects.
fn bar_rects(h: &Harness<'_, BaocaoApp>) -> Vec<(String, egui::Rect)> {
    let mut out = vec![
        (
            "Tìm".to_owned(),
            h.get_by_role_and_label(Role::TextInput, "Tìm").rect(),
        ),
        (
            "Thay bằng".to_owned(),
            h.get_by_role_and_label(Role::TextInput, "Thay bằng").rect(),
        ),
    ];
    for name in ["Phân biệt hoa thường", "Cả từ", "Bỏ qua dấu"] {
        out.push((name.to_owned(), h.get_by_label(name).rect()));
    }
    for name in ["Trước", "Sau", "Thay", "Thay tất cả", "Đóng"] {
        out.push((
            name.to_owned(),
            h.get_by_role_and_label(Role::Button, name).rect(),
        ));
    }
    out
}

fn assert_apart(h: &Harness<'_, BaocaoApp>, what: &str) {
    let rects = bar_rects(h);
    let middle = h.state().middle;
    for (i, (a, ra)) in rects.iter().enumerate() {
        assert!(
            ra.min.x >= middle.min.x - 1.0 && ra.max.x <= middle.max.x + 1.0,
            "{what}: {a} {ra:?} outside the column {middle:?}"
        );
        for (b, rb) in rects.iter().skip(i + 1) {
            let overlap = ra.intersect(*rb);
            assert!(
                !overlap.is_positive() || overlap.area() < 1.0,
                "{what}: {a} {ra:?} and {b} {rb:?} overlap"
            );
        }
    }
}

fn focused_in_find(h: &Harness<'_, BaocaoApp>) -> bool {
    h.get_by_role_and_label(Role::TextInput, "Tìm").is_focused()
}

#[test]
fn the_find_bar_opens_with_the_cursor_in_tim_and_nothing_drawn_over_anything() {
    let (_d, path) = sample();
    let mut h = window(path.clone(), 1.0);
    go_to(&mut h, Step::UuDiem);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::H);
    h.run();
    h.run();
    assert!(focused_in_find(&h), "Ctrl+H puts the cursor in Tìm");
    assert_apart(&h, "1366×768");
    // Typing goes to Tìm.
    h.get_by_role_and_label(Role::TextInput, "Tìm")
        .type_text("xã");
    h.run();
    assert!(
        h.query_all_by_label_contains(" chỗ").next().is_some(),
        "the bar counts the hits of what was typed in Tìm"
    );

    // A narrow window, the preview as wide as it goes (the first window lets go of
    // the file).
    drop(h);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1000.0, 600.0))
        .build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            BaocaoApp::with_dialogs(&path, Box::new(crate::support::answers::Answers::default()))
                .derive_on_frame()
        });
    h.run();
    go_to(&mut h, Step::UuDiem);
    let edge = h.state().middle.max.x + 2.0;
    h.drag_at(egui::pos2(edge, 300.0));
    h.run();
    h.hover_at(egui::pos2(10.0, 300.0));
    h.run_steps(5);
    h.drop_at(egui::pos2(10.0, 300.0));
    h.run_steps(5);
    h.hover_at(egui::pos2(300.0, 500.0));
    h.run_steps(50);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.run();
    assert!(
        focused_in_find(&h),
        "Ctrl+F puts the cursor in Tìm; focus on {:?}, step {:?}, Tìm at {:?}, middle {:?}",
        h.ctx.memory(|m| m.focused()),
        h.state().step,
        h.get_by_role_and_label(Role::TextInput, "Tìm").rect(),
        h.state().middle
    );
    assert!(h.state().middle.width() < 480.0, "{:?}", h.state().middle);
    assert_apart(&h, "1000×600, preview at its widest");
}

/// Opens menu Sửa and clicks `entry`.
fn sua(h: &mut Harness<'_, BaocaoApp>, entry: &str) {
    h.get_by_role_and_label(Role::Button, "Sửa").click();
    h.run();
    h.get_by_label_contains(entry).click();
    h.run();
    h.run();
}

/// The characters selected in the text of section `id`.
fn selection(h: &Harness<'_, BaocaoApp>, id: &str) -> Option<std::ops::Range<usize>> {
    egui::TextEdit::load_state(&h.ctx, baocao::ui::body_id(id))
        .and_then(|s| s.cursor.char_range())
        .map(|r| {
            let [a, b] = r.sorted_cursors();
            a.index.0..b.index.0
        })
}

/// The text of Ưu điểm and the name of its text box.
fn uu_diem(h: &Harness<'_, BaocaoApp>) -> (String, String) {
    let s = h.state().report().unwrap().section("uu-diem").unwrap();
    (s.body.clone(), format!("Nội dung: {}", s.title.trim()))
}

#[test]
fn menu_sua_finds_replaces_and_selects_all_of_the_text_being_written() {
    let (_d, path) = sample();
    let mut h = window(path, 1.0);
    go_to(&mut h, Step::UuDiem);
    // The menu shows each entry with its key.
    h.get_by_role_and_label(Role::Button, "Sửa").click();
    h.run();
    for (entry, key) in [
        ("Tìm…", "Ctrl+F"),
        ("Thay thế…", "Ctrl+H"),
        ("Chọn tất cả", "Ctrl+A"),
    ] {
        let node = h.get_by_label_contains(entry);
        let words = format!("{:?}", node.accesskit_node());
        assert!(words.contains(key), "{entry}: {key} in {words}");
    }
    h.key_press(egui::Key::Escape);
    h.run();
    sua(&mut h, "Thay thế…");
    assert!(focused_in_find(&h), "Sửa › Thay thế… opens the bar at Tìm");
    h.get_by_role_and_label(Role::Button, "Đóng").click();
    h.run();
    assert!(h.query_by_role_and_label(Role::TextInput, "Tìm").is_none());
    sua(&mut h, "Tìm…");
    assert!(focused_in_find(&h));
    h.get_by_role_and_label(Role::Button, "Đóng").click();
    h.run();

    // Write in Ưu điểm, then Sửa › Chọn tất cả selects its whole text.
    let (body, name) = uu_diem(&h);
    h.get_by_label(&name).click();
    h.run();
    let before = selection(&h, "uu-diem").unwrap();
    assert!(before.is_empty());
    sua(&mut h, "Chọn tất cả");
    let all = selection(&h, "uu-diem").unwrap();
    assert_eq!(all, 0..body.chars().count(), "the whole text is selected");
    assert!(
        h.get_by_label(&name).is_focused(),
        "the text box keeps the focus"
    );
}

#[test]
fn a_right_click_in_a_text_box_offers_cut_copy_paste_and_select_all_and_they_act() {
    let (_d, path) = sample();
    let mut h = window(path, 1.0);
    go_to(&mut h, Step::UuDiem);
    let (body, name) = uu_diem(&h);
    h.get_by_label(&name).click_secondary();
    h.run();
    for entry in ["Cắt", "Chép", "Dán", "Chọn tất cả"] {
        assert!(h.query_by_label(entry).is_some(), "{entry}");
    }
    h.get_by_label("Chọn tất cả").click();
    h.run();
    h.run();
    assert_eq!(
        selection(&h, "uu-diem"),
        Some(0..body.chars().count()),
        "Chọn tất cả selects the whole text"
    );
    assert!(h.query_by_label("Dán").is_none(), "the menu closed");
    // Chép puts the selection on the clipboard.
    h.get_by_label(&name).click_secondary();
    h.run();
    h.get_by_label("Chép").click();
    h.step();
    h.step();
    let copied = h.output().platform_output.commands.iter().any(|c| {
        matches!(c, egui::OutputCommand::CopyText(t) if !t.is_empty() && body.contains(t.as_str()))
    });
    assert!(copied, "{:?}", h.output().platform_output.commands);
    // Dán asks the system's clipboard for its text (the window sends it to the box).
    h.get_by_label(&name).click_secondary();
    h.run();
    h.get_by_label("Dán").click();
    h.step();
    let asked = h
        .output()
        .viewport_output
        .values()
        .any(|v| v.commands.contains(&egui::ViewportCommand::RequestPaste));
    assert!(asked);
}
