//! Tests of the preview's pure parts: page ↔ screen conversion, hit testing, word
//! placement and zoom steps.
// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;
use crate::layout::FontStyle;

fn region(x: f32, y: f32, w: f32, h: f32, source: &str) -> Region {
    Region {
        x: Pt(x),
        y: Pt(y),
        w: Pt(w),
        h: Pt(h),
        source: SourceRef::section(source),
    }
}

fn text(s: &str, word_spacing_pt: f32) -> TextItem {
    TextItem {
        x: Pt(85.0),
        baseline: Pt(100.0),
        size: Pt(14.0),
        style: FontStyle::Regular,
        text: s.to_owned(),
        word_spacing: Pt(word_spacing_pt),
        width: Pt(0.0),
        flagged: false,
    }
}

#[test]
fn the_page_origin_lands_on_the_screen_origin_and_points_scale_by_the_zoom() {
    let tf = PageToScreen {
        origin: pos2(20.0, 300.0),
        scale: 1.5,
    };
    assert_eq!(tf.to_screen(Pt(0.0), Pt(0.0)), pos2(20.0, 300.0));
    assert_eq!(tf.to_screen(Pt(10.0), Pt(20.0)), pos2(35.0, 330.0));
    let r = tf.rect_to_screen(Pt(10.0), Pt(20.0), Pt(100.0), Pt(40.0));
    assert_eq!(r, Rect::from_min_max(pos2(35.0, 330.0), pos2(185.0, 390.0)));
}

#[test]
fn screen_to_page_undoes_page_to_screen() {
    let tf = PageToScreen {
        origin: pos2(-12.5, 1234.0),
        scale: 0.93,
    };
    for (x, y) in [(0.0, 0.0), (595.28, 841.89), (85.04, 56.69)] {
        let (Pt(bx), Pt(by)) = tf.to_page(tf.to_screen(Pt(x), Pt(y)));
        assert!(
            (bx - x).abs() < 1e-3 && (by - y).abs() < 1e-3,
            "{x},{y} -> {bx},{by}"
        );
    }
}

#[test]
fn a_hundred_percent_shows_a4_at_its_printed_size_on_a_96_dpi_screen() {
    // 210 mm at 96 dpi is 793.7 px.
    assert!((595.28 * SCREEN_PER_PT - 793.7).abs() < 0.1);
}

#[test]
fn a_click_picks_the_smallest_region_around_it() {
    let regions = vec![
        region(0.0, 0.0, 595.0, 842.0, "body"),
        region(85.0, 200.0, 450.0, 120.0, "a"),
        region(85.0, 230.0, 450.0, 30.0, "a.1"),
    ];
    let at = |x, y| region_at(&regions, Pt(x), Pt(y)).and_then(|r| r.source.section_id());
    assert_eq!(at(100.0, 240.0), Some("a.1"));
    assert_eq!(at(100.0, 210.0), Some("a"));
    assert_eq!(at(20.0, 20.0), Some("body"));
    assert_eq!(at(-1.0, 20.0), None);
}

#[test]
fn a_click_outside_every_region_hits_nothing() {
    let regions = vec![region(85.0, 200.0, 450.0, 120.0, "header")];
    assert!(region_at(&regions, Pt(84.9), Pt(250.0)).is_none());
    assert!(region_at(&regions, Pt(100.0), Pt(320.1)).is_none());
    assert!(region_at(&[], Pt(1.0), Pt(1.0)).is_none());
}

#[test]
fn words_advance_by_the_layout_width_plus_the_word_spacing_after_each_space() {
    let fonts = Fonts::bundled().expect("fonts");
    let t = text("Xã Bình  Minh", 2.5);
    let got: Vec<(f32, &str)> = words(fonts, &t).map(|(x, w)| (x.0, w)).collect();
    let w = |s: &str| fonts.text_width_pt(FontStyle::Regular, s, 14.0);
    let x1 = 85.0 + w("Xã ") + 2.5;
    // The double space: the second space is its own piece and gets spacing too.
    let x2 = x1 + w("Bình ") + 2.5 + w(" ") + 2.5;
    assert_eq!(got.len(), 3);
    assert_eq!(got[0], (85.0, "Xã"));
    assert!((got[1].0 - x1).abs() < 1e-4 && got[1].1 == "Bình");
    assert!((got[2].0 - x2).abs() < 1e-4 && got[2].1 == "Minh");
}

#[test]
fn text_of_only_spaces_has_no_words() {
    let fonts = Fonts::bundled().expect("fonts");
    assert_eq!(words(fonts, &text("   ", 1.0)).count(), 0);
    assert_eq!(words(fonts, &text("", 1.0)).count(), 0);
}

#[test]
fn zoom_steps_go_from_fifty_to_two_hundred_percent_and_reset_goes_back_to_a_hundred() {
    assert_eq!(Zoom::In.from(1.0), 1.1);
    assert_eq!(Zoom::Out.from(1.0), 0.9);
    assert_eq!(Zoom::In.from(0.93), 1.0);
    assert_eq!(Zoom::Out.from(0.93), 0.9);
    assert_eq!(Zoom::In.from(2.0), 2.0);
    assert_eq!(Zoom::Out.from(0.5), 0.5);
    assert_eq!(Zoom::Reset.from(1.7), 1.0);
    assert_eq!(Zoom::Reset.from(0.5), 1.0);
}

#[test]
fn fit_width_rounds_down_to_whole_percents() {
    // An A4 page in 700 screen points: 700 / 793.7 = 0.8819.
    assert_eq!(fit_zoom(700.0, Pt(595.28)), 0.88);
    assert_eq!(fit_zoom(10.0, Pt(595.28)), MIN_FIT_ZOOM);
    assert_eq!(fit_zoom(10_000.0, Pt(595.28)), 2.0);
}

#[test]
fn pages_stack_with_a_gap_and_a_point_between_them_belongs_to_the_page_above() {
    let page = Page {
        width: Pt(595.28),
        height: Pt(841.89),
        ..Page::default()
    };
    let pages = vec![page.clone(), page.clone(), page];
    let geo = Geometry::new(&pages, 0.75, 300.0);
    let h = 841.89 * 0.75 * SCREEN_PER_PT;
    assert_eq!(geo.top(0), PAGE_GAP);
    assert!((geo.top(1) - (2.0 * PAGE_GAP + h)).abs() < 1e-3);
    assert_eq!(geo.page_at_y(0.0), 0);
    assert_eq!(geo.page_at_y(geo.top(1) - 1.0), 0);
    assert_eq!(geo.page_at_y(geo.top(1) + 1.0), 1);
    assert_eq!(geo.page_at_y(1e9), 2);
}

#[test]
fn a_scroll_target_puts_its_point_the_asked_distance_below_the_viewport_top() {
    let page = Page {
        width: Pt(595.28),
        height: Pt(841.89),
        ..Page::default()
    };
    let geo = Geometry::new(&[page.clone(), page], 1.0, 800.0);
    let target = ScrollTarget {
        page: 1,
        y: Pt(300.0),
        from_top: 1.0 / 3.0,
        margin: 0.0,
    };
    let offset = geo.offset_of(&target, 600.0);
    let point = geo.top(1) + 300.0 * geo.scale;
    assert!((point - offset - 200.0).abs() < 1e-3);
    // Never above the content's top.
    let first = ScrollTarget {
        page: 0,
        y: Pt(0.0),
        from_top: 0.0,
        margin: 100.0,
    };
    assert_eq!(geo.offset_of(&first, 600.0), 0.0);
}

#[test]
fn changing_the_zoom_keeps_the_page_point_at_the_top_in_place() {
    let mut state = PreviewState {
        top_anchor: Some((2, Pt(120.0), 1.0)),
        ..PreviewState::default()
    };
    state.keep_top_in_place();
    assert_eq!(state.pending_scroll, None, "same zoom: no scroll");
    state.zoom_in();
    state.keep_top_in_place();
    let t = state.pending_scroll.expect("a scroll");
    assert_eq!((t.page, t.y, t.from_top), (2, Pt(120.0), 0.0));
}
