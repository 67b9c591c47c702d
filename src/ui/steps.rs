//! The left column: the steps of the report, each marked done / needs attention /
//! empty with the reason on hover. The states are derived once per revision
//! (`session::steps`); this only draws them.

use eframe::egui;

use crate::guide::Step;
use crate::session::StepSummary;
use crate::session::steps::StepState;

fn mark(state: StepState) -> (&'static str, egui::Color32) {
    match state {
        StepState::Done => ("●", egui::Color32::from_rgb(0x2e, 0x8b, 0x3a)),
        StepState::NeedsAttention => ("!", egui::Color32::from_rgb(0xd0, 0x7a, 0x00)),
        StepState::Empty => ("○", egui::Color32::GRAY),
    }
}

/// Draws the step list; returns the step the user picked.
pub fn show_steps(ui: &mut egui::Ui, steps: &[StepSummary], current: Step) -> Option<Step> {
    let mut picked = None;
    ui.add_space(4.0);
    ui.strong("Các bước soạn báo cáo");
    ui.add_space(4.0);
    for (i, summary) in steps.iter().enumerate() {
        let (step, reason) = (&summary.step, &summary.reason);
        let (mark, colour) = mark(summary.state);
        ui.horizontal(|ui| {
            ui.colored_label(colour, mark).on_hover_text(reason);
            let text = format!("{}. {}", i + 1, step.label());
            let r = ui
                .selectable_label(*step == current, text)
                .on_hover_text(reason);
            if r.clicked() {
                picked = Some(*step);
            }
            let open = summary.open_comments;
            if open > 0 {
                ui.label(
                    egui::RichText::new(format!("{open} góp ý"))
                        .small()
                        .color(egui::Color32::from_gray(0x20))
                        .background_color(egui::Color32::from_rgb(0xff, 0xe0, 0x70)),
                )
                .on_hover_text("Góp ý chưa xử lý ở bước này");
            }
        });
    }
    picked
}
