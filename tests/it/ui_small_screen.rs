//! The clerk's afternoon at 1366×768 (issue 26 items 1, 3, 4): the problems of Xem lại
//! và xuất wrap with their buttons in view whatever the divider, the window zooms from
//! 100 % to 200 % without cutting the middle column, and folding the guidance gives the
//! text box its room.

use std::path::PathBuf;

use baocao::guide::Step;
use baocao::ui::BaocaoApp;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::support::answers::Answers;

/// A section title far longer than the middle column.
const LONG_TITLE: &str = "Về xây dựng chính quyền số và cải cách thủ tục hành chính gắn với chuyển đổi số toàn diện trên địa bàn xã trong giai đoạn mới";

/// The sample with at least ten proofing findings (each with Bỏ qua) in sections whose
/// titles are long.
pub fn copy_with_problems() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nhieu-van-de.ron");
    let mut p = baocao::storage::load(std::path::Path::new(crate::support::SAMPLE_PATH)).unwrap();
    let r = &mut p.reports[0];
    for id in ["uu-diem", "han-che"] {
        let s = r.section_mut(id).unwrap();
        s.title = LONG_TITLE.to_owned();
        s.body = "- Hòa giải, hòa hợp, thủy lợi, thủy sản.\n- Hoà nhập và khoẻ mạnh.\n- Làm  tốt ,đúng hạn;kịp thời (phần lớn.".to_owned();
    }
    baocao::storage::save(&path, &p).unwrap();
    (dir, path)
}

/// The window at 1366×768 pixels with the app's zoom at `zoom`: egui then has
/// 1366/zoom × 768/zoom points, as on the desktop.
pub fn window(path: PathBuf, zoom: f32) -> Harness<'static, BaocaoApp> {
    let mut h = Harness::builder()
        .with_size(screen(zoom))
        .build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            let mut app =
                BaocaoApp::with_dialogs(&path, Box::new(Answers::default())).derive_on_frame();
            app.ui_zoom = zoom;
            cc.egui_ctx.set_zoom_factor(zoom);
            app
        });
    h.run();
    h
}

/// The screen in points at `zoom`.
fn screen(zoom: f32) -> egui::Vec2 {
    egui::vec2(1366.0, 768.0) / zoom
}

pub fn go_to(h: &mut Harness<'_, BaocaoApp>, step: Step) {
    h.state_mut().push(baocao::ui::Command::SelectStep(step));
    h.run();
    h.run();
    assert_eq!(h.state().step, step);
}

/// Every visible Bỏ qua button lies inside the window and the middle column; returns
/// how many there are.
fn ignore_buttons_inside(h: &Harness<'_, BaocaoApp>, what: &str) -> usize {
    let middle = h.state().middle;
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1366.0, 768.0));
    let mut n = 0;
    for b in h.query_all_by_label_contains("Bỏ qua vấn đề ") {
        let r = b.rect();
        if r.min.y < middle.min.y || r.max.y > middle.max.y {
            continue; // scrolled (partly) out of view
        }
        assert!(screen.contains_rect(r), "{what}: {r:?} outside the window");
        assert!(
            middle.expand(1.0).contains_rect(r),
            "{what}: {r:?} outside the middle column {middle:?}"
        );
        n += 1;
    }
    n
}

#[test]
fn every_problem_wraps_with_its_bo_qua_button_in_view_whatever_the_divider() {
    let (_d, path) = copy_with_problems();
    let mut h = window(path, 1.0);
    go_to(&mut h, Step::XuatBan);
    let problems = h.state().derived().unwrap().problems.clone();
    let ignorable = problems.iter().filter(|p| p.ignore.is_some()).count();
    assert!(ignorable >= 10, "{problems:#?}");
    // The problem itself is a label of its own, its place another.
    for p in &problems {
        let tail: String = p.message.chars().skip(1).collect();
        assert!(
            h.query_all_by_label_contains(&tail).next().is_some(),
            "{}",
            p.message
        );
    }
    assert!(
        h.query_all_by_label_contains(LONG_TITLE).next().is_some(),
        "the long title is shown whole, wrapped"
    );
    assert!(ignore_buttons_inside(&h, "default divider") >= 1);

    // The divider dragged as far left as it goes: the preview at its widest.
    let edge = h.state().middle.max.x + 2.0;
    let y = 400.0;
    h.drag_at(egui::pos2(edge, y));
    h.run();
    h.hover_at(egui::pos2(50.0, y));
    h.run();
    h.drop_at(egui::pos2(50.0, y));
    h.run();
    h.run();
    let middle = h.state().middle;
    assert!(
        middle.max.x < edge - 100.0,
        "the divider moved: {middle:?} (edge was {edge})"
    );
    assert!(ignore_buttons_inside(&h, "divider at its limit") >= 1);
    // A click on the last one still acts.
    let last = h.query_all_by_label_contains("Bỏ qua vấn đề ").count();
    let name = format!("Bỏ qua vấn đề {last}");
    h.get_by_label(&name).scroll_to_me();
    h.run();
    h.get_by_label(&name).click();
    h.run();
    h.run();
    let after = h.state().derived().unwrap().problems.len();
    assert_eq!(after, problems.len() - 1);
}

/// The preview's width in points: what lies right of the middle column.
fn preview_width(h: &Harness<'_, BaocaoApp>) -> f32 {
    h.ctx.content_rect().width() - h.state().middle.max.x
}

#[test]
fn from_100_to_200_percent_every_step_fits_the_middle_column_and_step_13_is_reachable() {
    for zoom in [1.0, 1.25, 1.5, 2.0] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mau.ron");
        std::fs::copy(crate::support::SAMPLE_PATH, &path).unwrap();
        let mut h = window(path, zoom);
        let percent = format!("Cỡ chữ {}%", (zoom * 100.0).round());
        h.get_by_label(&percent);
        let mut problems = Vec::new();
        for (i, step) in Step::ALL.iter().enumerate() {
            // The step list scrolls: every step, the last too, can be reached and
            // lies above the status bar.
            let name = format!("{}. {}", i + 1, step.label());
            h.get_by_label(&name).scroll_to_me();
            h.run();
            let r = h.get_by_label(&name).rect();
            let bottom = h.state().middle.max.y;
            assert!(
                r.max.y <= bottom + 1.0,
                "{zoom}: “{name}” at {r:?} under the status bar (from {bottom})"
            );
            h.get_by_label(&name).click();
            h.run();
            h.run();
            assert_eq!(h.state().step, *step, "{zoom}");
            let middle = h.state().middle;
            let beside = h.ctx.content_rect().width() - middle.min.x;
            assert!(
                middle.width() >= MIDDLE_MIN.min(beside * 0.8) - 1.0,
                "{zoom} {step:?}: the middle column is {middle:?}"
            );
            let cut = crate::ui_fit::outside(&h, zoom);
            if middle.width() < MIDDLE_MIN - 1.0
                && let Some(last) = last_column(*step)
                && !cut.is_empty()
            {
                // Narrower than its table (200 %): the table scrolls sideways, and
                // its last column comes into the column.
                h.get_by_label(last).scroll_to_me();
                h.run();
                let r = h.get_by_label(last).rect();
                assert!(
                    middle.expand(1.0).contains_rect(r),
                    "{zoom} {step:?}: “{last}” {r:?} cannot be scrolled into {middle:?}"
                );
                continue;
            }
            for line in cut {
                problems.push(format!("{zoom} {} {middle:?}: {line}", step.label()));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

/// The narrowest middle column the window keeps while the preview can give way.
const MIDDLE_MIN: f32 = 580.0;

/// The header of the last column of a step's table, if the step is a table.
fn last_column(step: Step) -> Option<&'static str> {
    match step {
        Step::ChiTieu => Some("Đánh giá"),
        Step::NhiemVu => Some("Tình trạng"),
        _ => None,
    }
}

#[test]
fn after_zooming_to_200_percent_and_back_the_preview_is_as_wide_as_before() {
    let (_d, path) = copy_with_problems();
    let mut h = window(path, 1.0);
    let before = preview_width(&h);
    assert!(before > 400.0, "{before}");
    for _ in 0..8 {
        h.state_mut()
            .push(baocao::ui::Command::ZoomUi(baocao::ui::command::Zoom::In));
        h.run();
        // The desktop window keeps its pixels: fewer points.
        let zoom = h.ctx.zoom_factor();
        h.set_size(screen(zoom));
        h.run();
    }
    assert!(
        (h.ctx.zoom_factor() - 2.0).abs() < 1e-3,
        "{}",
        h.ctx.zoom_factor()
    );
    h.get_by_label("Cỡ chữ 200%");
    let squeezed = preview_width(&h);
    assert!(squeezed < before / 2.0, "{squeezed}");
    h.state_mut().push(baocao::ui::Command::ZoomUi(
        baocao::ui::command::Zoom::Reset,
    ));
    h.run();
    h.set_size(screen(1.0));
    h.run();
    h.run();
    let after = preview_width(&h);
    assert!(
        (after - before).abs() < 2.0,
        "{before} → {squeezed} → {after}"
    );
    h.get_by_label("Cỡ chữ 100%");
}

/// The height of the text box of Ưu điểm.
fn text_box_height(h: &Harness<'_, BaocaoApp>) -> f32 {
    let title = h
        .state()
        .report()
        .unwrap()
        .section("uu-diem")
        .unwrap()
        .title
        .clone();
    h.get_by_label(&format!("Nội dung: {}", title.trim()))
        .rect()
        .height()
}

#[test]
fn folding_the_guidance_and_the_suggestions_gives_the_text_box_their_room_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &path).unwrap();
    let mut h = window(path.clone(), 1.0);
    go_to(&mut h, Step::UuDiem);
    let open = text_box_height(&h);
    let line = 18.0;
    h.get_by_label("Hướng dẫn").click();
    h.run_steps(20);
    h.get_by_label("Câu gợi ý — bấm để chèn vào chỗ đang viết")
        .click();
    h.run_steps(20);
    let folded = text_box_height(&h);
    assert!(
        folded >= open + 3.0 * line,
        "the text box grows by at least three lines: {open} → {folded}"
    );
    // The window closes and opens again: both stay folded.
    let mut prefs = crate::ui_navigation::Prefs::default();
    eframe::App::save(h.state_mut(), &mut prefs);
    drop(h);
    let p = path.clone();
    let mut h = Harness::builder()
        .with_size(screen(1.0))
        .build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            BaocaoApp::with_dialogs(&p, Box::new(Answers::default())).derive_on_frame()
        });
    h.state_mut().restore(Some(&prefs as &dyn eframe::Storage));
    h.run();
    go_to(&mut h, Step::UuDiem);
    h.run_steps(5);
    let again = text_box_height(&h);
    assert!(
        (again - folded).abs() < 1.0,
        "{folded} → {again} after a restart"
    );
    // Opened again, the text box gives the room back.
    h.get_by_label("Hướng dẫn").click();
    h.run_steps(20);
    assert!(text_box_height(&h) < again);
}
