//! The page preview driven headlessly with egui_kittest: zoom, page navigation,
//! click-to-jump, following the focus, and the empty state.

use baocao::compose::{ComposeOptions, SourceRef, compose};
use baocao::layout::{Fonts, Pages, layout};
use baocao::ui::fonts::install_fonts;
use baocao::ui::preview::{PreviewState, show_preview};
use baocao::units::Pt;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

struct App {
    pages: Pages,
    state: PreviewState,
    focus: Option<SourceRef>,
    clicked: Vec<SourceRef>,
}

fn sample_pages() -> Pages {
    let path = std::path::Path::new(crate::support::SAMPLE_PATH);
    let project = baocao::storage::load(path).expect("sample loads");
    let doc = compose(&project, &project.reports[0], ComposeOptions::default());
    layout(&doc, Fonts::bundled().expect("fonts"))
}

fn harness(pages: Pages) -> Harness<'static, App> {
    let app = App {
        pages,
        state: PreviewState::default(),
        focus: None,
        clicked: Vec::new(),
    };
    Harness::builder()
        .with_size(egui::vec2(900.0, 700.0))
        .with_context_setup(install_fonts)
        .build_ui_state(
            |ui, app: &mut App| {
                if let Some(s) = show_preview(
                    ui,
                    &app.pages,
                    &Default::default(),
                    &mut app.state,
                    app.focus.as_ref(),
                ) {
                    app.clicked.push(s);
                }
            },
            app,
        )
}

#[test]
fn the_preview_opens_fitted_to_the_width_on_the_first_page() {
    let mut h = harness(sample_pages());
    h.run();
    let n = h.state().pages.pages.len();
    assert!(n > 1, "the sample has several pages");
    assert!(h.state().state.fit_width);
    // 900 points of panel for a 794-point page: a little over 100 %.
    let zoom = h.state().state.zoom;
    assert!(zoom > 1.0 && zoom < 1.1, "{zoom}");
    h.get_by_label(&format!("Trang 1/{n}"));
}

#[test]
fn the_zoom_buttons_step_the_zoom_and_leave_fit_width() {
    let mut h = harness(sample_pages());
    h.run();
    let fitted = h.state().state.zoom;

    h.get_by_label("Phóng to").click();
    h.run();
    let bigger = h.state().state.zoom;
    assert!(bigger > fitted, "{bigger} > {fitted}");
    assert!(!h.state().state.fit_width);
    h.get_by_label(&format!("{:.0}%", bigger * 100.0));

    h.get_by_label("Thu nhỏ").click();
    h.run();
    h.get_by_label("Thu nhỏ").click();
    h.run();
    assert!(h.state().state.zoom < fitted);

    h.get_by_label("Vừa chiều rộng").click();
    h.run();
    assert!(h.state().state.fit_width);
    assert_eq!(h.state().state.zoom, fitted);
}

#[test]
fn zooming_stops_at_two_hundred_percent() {
    let mut h = harness(sample_pages());
    h.run();
    for _ in 0..12 {
        h.get_by_label("Phóng to").click();
        h.run();
    }
    assert_eq!(h.state().state.zoom, 2.0);
    h.get_by_label("200%");
}

#[test]
fn the_page_buttons_move_between_pages_and_update_the_label() {
    let mut h = harness(sample_pages());
    h.run();
    let n = h.state().pages.pages.len();

    h.get_by_label("Trang sau").click();
    h.run();
    assert_eq!(h.state().state.current_page, 1);
    h.get_by_label(&format!("Trang 2/{n}"));

    h.get_by_label("Trang sau").click();
    h.run();
    h.get_by_label(&format!("Trang 3/{n}"));

    h.get_by_label("Trang trước").click();
    h.run();
    h.get_by_label(&format!("Trang 2/{n}"));
    assert_eq!(h.state().state.current_page, 1);
}

#[test]
fn a_click_inside_a_section_returns_that_section() {
    let pages = sample_pages();
    // The first section region on the first page, and a point in its middle.
    let region = pages.pages[0]
        .regions
        .iter()
        .find(|r| r.source.section_id().is_some())
        .expect("a section on page 1")
        .clone();
    let mut h = harness(pages);
    h.run();
    let pos = h
        .state()
        .state
        .screen_pos(0, region.x + region.w / 2.0, region.y + region.h / 2.0)
        .expect("page 1 is painted");
    h.hover_at(pos);
    h.run();
    h.drag_at(pos);
    h.run();
    h.drop_at(pos);
    h.run();
    assert_eq!(h.state().clicked, vec![region.source]);
}

#[test]
fn hovering_a_region_shows_a_pointing_hand() {
    let pages = sample_pages();
    let r = pages.pages[0].regions[0].clone();
    let mut h = harness(pages);
    h.run();
    let pos = h
        .state()
        .state
        .screen_pos(0, r.x + r.w / 2.0, r.y + r.h / 2.0)
        .expect("page 1 is painted");
    h.hover_at(pos);
    h.run();
    let cursor = h.output().platform_output.cursor_icon;
    assert_eq!(cursor, egui::CursorIcon::PointingHand);
}

#[test]
fn zooming_in_on_a_later_page_stays_on_that_page() {
    let mut h = harness(sample_pages());
    h.run();
    h.get_by_label("Trang sau").click();
    h.run();
    h.get_by_label("Trang sau").click();
    h.run();
    assert_eq!(h.state().state.current_page, 2);
    h.get_by_label("Phóng to").click();
    h.run();
    h.get_by_label("Phóng to").click();
    h.run();
    assert_eq!(h.state().state.current_page, 2);
    h.get_by_label("Thu nhỏ").click();
    h.run();
    assert_eq!(h.state().state.current_page, 2);
}

#[test]
fn a_click_in_the_grey_margin_returns_nothing() {
    let mut h = harness(sample_pages());
    h.run();
    let pos = h
        .state()
        .state
        .screen_pos(0, Pt(-4.0), Pt(100.0))
        .expect("page 1");
    h.drag_at(pos);
    h.run();
    h.drop_at(pos);
    h.run();
    assert!(h.state().clicked.is_empty());
}

#[test]
fn focusing_a_section_on_a_later_page_scrolls_there() {
    let pages = sample_pages();
    // A section that starts on page 4 or later (the first region is where it scrolls).
    let all = || {
        pages
            .pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.regions.iter().map(move |r| (i, &r.source)))
    };
    let (page, source) = all()
        .find(|(i, s)| {
            *i >= 3 && s.section_id().is_some() && all().all(|(j, t)| t != *s || j >= *i)
        })
        .map(|(i, s)| (i, s.clone()))
        .expect("a section starting on page 4 or later");
    let mut h = harness(pages);
    h.run();
    h.state_mut().focus = Some(source);
    h.run();
    let target = h.state().state.last_scroll.clone().expect("a scroll");
    assert_eq!(target.page, page);
    assert_eq!(h.state().state.current_page, page);
    assert!(
        h.state()
            .state
            .screen_pos(page, Pt(0.0), target.y)
            .is_some()
    );
    let n = h.state().pages.pages.len();
    h.get_by_label(&format!("Trang {}/{n}", page + 1));

    // The same focus again does not scroll again.
    h.state_mut().state.last_scroll = None;
    h.run();
    assert_eq!(h.state().state.last_scroll, None);
}

#[test]
fn without_pages_the_preview_says_so_in_vietnamese() {
    let mut h = harness(Pages::default());
    h.run();
    h.get_by_label("Chưa có trang để xem trước");
    assert!(h.state().clicked.is_empty());
}
