//! Progress at a glance, at the Chỉ tiêu step: every indicator as a tile coloured by
//! its status in the period, and for the chosen one a bar chart of its values across
//! the recorded periods against its target. Drawn with egui's painter.

use eframe::egui;

use crate::model::{IndicatorStatus, Period, Project, Target, Value, indicator_status};
use crate::model::{target_label, value_label};

/// Which indicator the chart shows.
#[derive(Default)]
pub struct ChartsState {
    pub selected: Option<String>,
}

/// The colour of a status, the same in tiles and tables.
pub fn status_colour(s: IndicatorStatus) -> egui::Color32 {
    match s {
        IndicatorStatus::Exceeded | IndicatorStatus::Met => {
            egui::Color32::from_rgb(0x2e, 0x8b, 0x3a)
        }
        IndicatorStatus::OnTrack => egui::Color32::from_rgb(0x2a, 0x6f, 0xb8),
        IndicatorStatus::NotMet => egui::Color32::from_rgb(0xc0, 0x30, 0x30),
        IndicatorStatus::NoData => egui::Color32::from_gray(0x80),
    }
}

/// Draws the overview tiles and the chart of the selected indicator.
pub fn show(ui: &mut egui::Ui, project: &Project, period: Period, state: &mut ChartsState) {
    ui.label(format!(
        "Tình hình các chỉ tiêu {} — bấm vào một chỉ tiêu để xem biểu đồ qua các kỳ.",
        period.label()
    ));
    ui.horizontal_wrapped(|ui| {
        for s in [
            IndicatorStatus::Exceeded,
            IndicatorStatus::OnTrack,
            IndicatorStatus::NotMet,
            IndicatorStatus::NoData,
        ] {
            let label = if s == IndicatorStatus::Exceeded {
                "Đạt, vượt"
            } else {
                s.label()
            };
            ui.colored_label(status_colour(s), format!("■ {label}"));
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("tong-quan")
        .max_height(ui.available_height() * 0.5)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for ind in &project.plan.indicators {
                    let v = project.indicator_value(period, &ind.id);
                    let status = indicator_status(ind, v, period);
                    let selected = state.selected.as_deref() == Some(ind.id.as_str());
                    let text = format!("{}\n{}", ind.id, value_label(ind, v));
                    let button =
                        egui::Button::new(egui::RichText::new(text).color(egui::Color32::WHITE))
                            .fill(status_colour(status))
                            .selected(selected)
                            .min_size(egui::vec2(76.0, 40.0));
                    let r = ui
                        .add(button)
                        .on_hover_text(format!(
                            "{}\nMục tiêu: {}\nĐánh giá: {}",
                            ind.name.trim(),
                            target_label(ind),
                            status.label()
                        ))
                        .accessible_name(format!("Biểu đồ {}", ind.id));
                    if r.clicked() {
                        state.selected = Some(ind.id.clone());
                    }
                }
            });
        });
    ui.separator();
    let Some(ind) = state
        .selected
        .as_ref()
        .and_then(|id| project.plan.indicator(id))
    else {
        ui.label("Chọn một chỉ tiêu ở trên để xem biểu đồ.");
        return;
    };
    ui.strong(format!(
        "{} — {} (mục tiêu {})",
        ind.id,
        ind.name.trim(),
        target_label(ind)
    ));
    let series: Vec<(Period, Option<&Value>)> = project
        .periods
        .iter()
        .map(|r| {
            (
                r.period,
                r.indicators.get(&ind.id).and_then(|v| v.value.as_ref()),
            )
        })
        .collect();
    if series.is_empty() {
        ui.label("Chưa có kỳ nào được ghi số liệu.");
        return;
    }
    let target = match ind.target {
        Target::Number { value, .. } => Some(value),
        Target::Text { .. } => None,
    };
    if target.is_none() {
        for (p, v) in &series {
            ui.label(format!("{}: {}", p.short_label(), value_label(ind, *v)));
        }
        return;
    }
    bar_chart(ui, ind, &series, target, period);
}

fn bar_chart(
    ui: &mut egui::Ui,
    ind: &crate::model::Indicator,
    series: &[(Period, Option<&Value>)],
    target: Option<f64>,
    current: Period,
) {
    let numbers: Vec<Option<f64>> = series
        .iter()
        .map(|(_, v)| match v {
            Some(Value::Number(x)) if x.is_finite() => Some(*x),
            _ => None,
        })
        .collect();
    let top = numbers
        .iter()
        .flatten()
        .copied()
        .chain(target)
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.15;
    let height = ui.available_height().clamp(120.0, 220.0);
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    let plot = egui::Rect::from_min_max(
        rect.min + egui::vec2(8.0, 18.0),
        rect.max - egui::vec2(8.0, 22.0),
    );
    let y_of = |v: f64| plot.bottom() - (v / top) as f32 * plot.height();
    let text_colour = ui.visuals().text_color();
    let n = series.len().max(1) as f32;
    let slot = plot.width() / n;
    // The target line first: the values are written over it, on the panel's colour.
    if let Some(t) = target {
        let y = y_of(t);
        let stroke = egui::Stroke::new(1.5, egui::Color32::from_rgb(0xd0, 0x7a, 0x00));
        let mut x = plot.left();
        while x < plot.right() {
            painter.line_segment(
                [egui::pos2(x, y), egui::pos2((x + 6.0).min(plot.right()), y)],
                stroke,
            );
            x += 10.0;
        }
        painter.text(
            egui::pos2(plot.right(), y - 2.0),
            egui::Align2::RIGHT_BOTTOM,
            format!("Mục tiêu {}", target_label(ind)),
            egui::FontId::proportional(12.0),
            stroke.color,
        );
    }
    for (i, ((p, v), num)) in series.iter().zip(&numbers).enumerate() {
        let x = plot.left() + slot * (i as f32 + 0.5);
        if let Some(x_val) = num {
            let status = indicator_status(ind, *v, *p);
            let bar = egui::Rect::from_min_max(
                egui::pos2(x - slot * 0.3, y_of(*x_val)),
                egui::pos2(x + slot * 0.3, plot.bottom()),
            );
            let mut colour = status_colour(status);
            if *p != current {
                colour = colour.gamma_multiply(0.6);
            }
            painter.rect_filled(bar, 2.0, colour);
            let label = painter.layout_no_wrap(
                value_label(ind, *v),
                egui::FontId::proportional(12.0),
                text_colour,
            );
            let at = egui::Align2::CENTER_BOTTOM
                .anchor_size(egui::pos2(x, bar.top() - 2.0), label.size());
            painter.rect_filled(at.expand(1.0), 2.0, ui.visuals().panel_fill);
            painter.galley(at.min, label, text_colour);
        } else {
            painter.text(
                egui::pos2(x, plot.bottom() - 4.0),
                egui::Align2::CENTER_BOTTOM,
                "—",
                egui::FontId::proportional(12.0),
                text_colour,
            );
        }
        painter.text(
            egui::pos2(x, plot.bottom() + 4.0),
            egui::Align2::CENTER_TOP,
            p.short_label(),
            egui::FontId::proportional(12.0),
            text_colour,
        );
    }
    painter.line_segment(
        [plot.left_bottom(), plot.right_bottom()],
        egui::Stroke::new(1.0, text_colour),
    );
}
