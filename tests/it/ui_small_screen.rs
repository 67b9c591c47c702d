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

pub fn window(path: PathBuf, zoom: f32) -> Harness<'static, BaocaoApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            let mut app = BaocaoApp::with_dialogs(&path, Box::new(Answers::default()));
            app.ui_zoom = zoom;
            cc.egui_ctx.set_zoom_factor(zoom);
            app
        });
    h.run();
    h
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
        if r.max.y < middle.min.y || r.min.y > middle.max.y {
            continue; // scrolled out of view
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
