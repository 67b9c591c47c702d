//! A read-only overview of a project file: organisation, plan, period values and
//! reports. The guided editor replaces it as the main view; it stays as the
//! "Tổng quan" panel.

use std::path::PathBuf;

use eframe::egui;

use crate::model::{Project, Target, Value};
use crate::storage;

/// The window's state: the open file, or the error that kept it from opening.
pub struct OverviewApp {
    pub path: PathBuf,
    pub project: Result<Project, String>,
}

impl OverviewApp {
    pub fn open(path: PathBuf) -> Self {
        let project = storage::load(&path).map_err(|e| e.to_string());
        Self { path, project }
    }
}

impl eframe::App for OverviewApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::top("tep").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong("Tệp:");
                ui.label(self.path.display().to_string());
            });
        });
        egui::CentralPanel::default().show(ui, |ui| match &self.project {
            Err(msg) => {
                ui.heading("Không mở được tệp dự án");
                ui.label(msg);
            }
            Ok(p) => {
                egui::ScrollArea::vertical().show(ui, |ui| show_project(ui, p));
            }
        });
    }
}

fn show_project(ui: &mut egui::Ui, p: &Project) {
    let org = &p.organisation;
    ui.heading(org.issuing_body.join(" "));
    if !org.parent_body.is_empty() {
        ui.label(&org.parent_body);
    }
    ui.label(format!("Kế hoạch: {} ({})", p.plan.title, p.plan.reference));
    ui.separator();

    ui.heading(format!("Chỉ tiêu ({})", p.plan.indicators.len()));
    egui::Grid::new("chi-tieu").striped(true).show(ui, |ui| {
        ui.strong("Mã");
        ui.strong("Tên chỉ tiêu");
        ui.strong("Mục tiêu");
        for rec in &p.periods {
            ui.strong(rec.period.short_label());
        }
        ui.end_row();
        for i in &p.plan.indicators {
            ui.label(&i.id);
            ui.label(&i.name);
            ui.label(match &i.target {
                Target::Number { cmp, value } => format!(
                    "{} {} {}",
                    cmp.symbol(),
                    crate::vi::format_number(*value, 2),
                    i.unit
                ),
                Target::Text { expected } => expected.clone(),
            });
            for rec in &p.periods {
                let v = rec.indicators.get(&i.id).and_then(|v| v.value.as_ref());
                ui.label(match v {
                    Some(Value::Number(x)) => crate::vi::format_number(*x, 2),
                    Some(Value::Text(t)) => t.clone(),
                    None => "—".to_owned(),
                });
            }
            ui.end_row();
        }
    });
    ui.separator();

    ui.heading(format!("Nhiệm vụ ({})", p.plan.tasks.len()));
    egui::Grid::new("nhiem-vu").striped(true).show(ui, |ui| {
        ui.strong("Mã");
        ui.strong("Nhiệm vụ");
        ui.strong("Chủ trì");
        ui.strong("Thời hạn");
        ui.end_row();
        for t in &p.plan.tasks {
            ui.label(&t.id);
            ui.label(&t.name);
            ui.label(
                t.lead
                    .iter()
                    .map(|o| org.office_label(o))
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            ui.label(t.deadline.label());
            ui.end_row();
        }
    });
    ui.separator();

    ui.heading(format!("Báo cáo ({})", p.reports.len()));
    for r in &p.reports {
        ui.collapsing(
            format!("{} — {}", r.period.short_label(), r.summary),
            |ui| {
                ui.label(format!("Trạng thái: {}", r.review.status.label()));
                for s in r.all_sections() {
                    ui.label(format!("• {}", s.title));
                }
            },
        );
    }
}
