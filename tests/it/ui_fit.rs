//! The window on a commune office's screen: 1366×768 at 100 % and at 125 % system
//! scaling. On every step, each widget of the middle column lies inside that column
//! (nothing runs under the preview or off the window), and the text boxes of a
//! writing step keep a usable width.

use crate::support::SAMPLE_PATH;
use baocao::guide::Step;
use baocao::ui::BaocaoApp;
use eframe::egui;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

use crate::support::answers::Answers;

/// Widgets of the middle column that reach outside it, as "label: rect" lines.
pub fn outside(h: &Harness<'_, BaocaoApp>, scale: f32) -> Vec<String> {
    let middle = h.state().middle;
    let mut out = Vec::new();
    for node in h.query_all(by().predicate(|_| true)) {
        let Some(b) = node.accesskit_node().bounding_box() else {
            continue;
        };
        let r = egui::Rect::from_min_max(
            egui::pos2(b.x0 as f32 / scale, b.y0 as f32 / scale),
            egui::pos2(b.x1 as f32 / scale, b.y1 as f32 / scale),
        );
        // The panel's own resize handle sits on its edge; text runs are inside their
        // widget, which is checked itself.
        let role = node.accesskit_node().role();
        if !r.is_positive() || matches!(role, Role::Splitter | Role::TextRun | Role::Unknown) {
            continue;
        }
        // A widget of the middle column: it starts inside it (scrolled-away rows too).
        let starts_inside = r.min.x >= middle.min.x - 0.5
            && r.min.x < middle.max.x - 1.0
            && r.min.y >= middle.min.y - 0.5;
        if starts_inside && r.max.x > middle.max.x + 1.0 {
            let label = node
                .accesskit_node()
                .label()
                .or_else(|| node.accesskit_node().value())
                .unwrap_or_default();
            out.push(format!(
                "{label:?} {:?}: {r:?}",
                node.accesskit_node().role()
            ));
        }
    }
    out
}

fn check_every_step(scale: f32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0 / scale, 768.0 / scale))
        .with_pixels_per_point(scale)
        .build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            BaocaoApp::with_dialogs(&path, Box::new(Answers::default())).derive_on_frame()
        });
    h.run();
    let mut problems = Vec::new();
    for (i, step) in Step::ALL.iter().enumerate() {
        h.get_by_label(&format!("{}. {}", i + 1, step.label()))
            .click();
        h.run();
        h.run();
        assert_eq!(h.state().step, *step);
        let middle = h.state().middle;
        assert!(
            middle.width() > 380.0,
            "{step:?}: the middle column is {middle:?}"
        );
        for line in outside(&h, scale) {
            problems.push(format!("{} (middle {middle:?}): {line}", step.label()));
        }
    }
    assert!(
        problems.is_empty(),
        "at {scale}× these reach outside the middle column:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_step_fits_the_middle_column_at_1366_by_768() {
    check_every_step(1.0);
}

#[test]
fn every_step_fits_the_middle_column_at_125_percent_scaling() {
    check_every_step(1.25);
}
