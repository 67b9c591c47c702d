//! The plan import dialog (Tệp › Nhập kế hoạch…): what reading a Kế hoạch found — its
//! reference, every task row with its offices and deadline (as written, and what it
//! means), every indicator, what the project already has, and every note — and the
//! clerk's answer. Nothing changes in the project until "Nhập" is pressed.

use std::path::Path;

use eframe::egui;

use super::command::Command;
use crate::import::plan::{self, MatchedKind, PlanImport};
use crate::model::{Project, target_label};

/// Draws the dialog; true when it should close.
pub fn show(
    ctx: &egui::Context,
    path: &Path,
    import: &PlanImport,
    project: Option<&Project>,
    out: &mut Vec<Command>,
) -> bool {
    let empty = Project::default();
    let project = project.unwrap_or(&empty);
    let mut close = false;
    let width = (ctx.content_rect().width() - 80.0).clamp(400.0, 1100.0);
    egui::Modal::new(egui::Id::unique("nhap-ke-hoach")).show(ctx, |ui| {
        ui.set_width(width);
        ui.heading("Nhập kế hoạch");
        ui.label(path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ));
        let h = &import.head;
        ui.label(format!("Tham chiếu: {}", h.reference));
        ui.label(format!("Tên: {}", h.title));
        if !h.issuer.is_empty() {
            ui.label(format!("Cơ quan ban hành: {}", h.issuer));
        }
        let kept = project.plan.reference.trim();
        if !kept.is_empty() && kept != h.reference {
            ui.label(format!(
                "Dự án đã có kế hoạch “{kept}”: giữ tham chiếu đó, chỉ thêm nhiệm vụ và chỉ tiêu mới."
            ));
        }
        egui::ScrollArea::vertical()
            .id_salt("ke-hoach-nhap")
            .max_height((ctx.content_rect().height() - 240.0).max(160.0))
            .show(ui, |ui| {
                tasks(ui, import, project);
                indicators(ui, import, project);
                if !import.new_offices.is_empty() {
                    ui.separator();
                    for o in &import.new_offices {
                        ui.label(format!("Đơn vị mới: {}", o.name));
                    }
                }
                if !import.matched.is_empty() {
                    ui.separator();
                    ui.strong(format!(
                        "Đã có trong dự án ({}), không thêm lại:",
                        import.matched.len()
                    ));
                    for m in &import.matched {
                        let kind = match m.kind {
                            MatchedKind::Task => "nhiệm vụ",
                            MatchedKind::Indicator => "chỉ tiêu",
                        };
                        let same = if m.differences.is_empty() {
                            "giống nhau".to_owned()
                        } else {
                            format!("khác: {}", m.differences.join("; "))
                        };
                        ui.add(
                            egui::Label::new(format!(
                                "Dòng {} · {kind} {} · {} — {same}",
                                m.row, m.id, m.name
                            ))
                            .wrap(),
                        );
                    }
                }
                if !import.notes.is_empty() {
                    ui.separator();
                    let warn = ui.visuals().warn_fg_color;
                    ui.colored_label(warn, format!("Cần xem lại ({} lưu ý):", import.notes.len()));
                    for n in &import.notes {
                        ui.add(egui::Label::new(egui::RichText::new(n.to_string()).color(warn)).wrap());
                    }
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let nothing = import.adds_nothing(project);
            let label = format!(
                "Nhập {} nhiệm vụ, {} chỉ tiêu",
                import.tasks.len(),
                import.indicators.len()
            );
            if ui.add_enabled(!nothing, egui::Button::new(label)).clicked() {
                out.push(Command::ConfirmPlanImport(Box::new(import.clone())));
                close = true;
            }
            if ui.button("Hủy").clicked() {
                close = true;
            }
            if nothing {
                ui.label("Kế hoạch không có gì mới so với dự án.");
            }
        });
    });
    close
}

fn tasks(ui: &mut egui::Ui, import: &PlanImport, project: &Project) {
    ui.separator();
    ui.strong(format!("Nhiệm vụ mới ({})", import.tasks.len()));
    if import.tasks.is_empty() {
        return;
    }
    let offices = |ids: &[String]| {
        ids.iter()
            .map(|id| import.office_name(project, id))
            .collect::<Vec<_>>()
            .join("; ")
    };
    egui::Grid::new("nhiem-vu-ke-hoach")
        .striped(true)
        .num_columns(9)
        .show(ui, |ui| {
            for title in [
                "Dòng",
                "Mã",
                "Nhóm",
                "Nhiệm vụ",
                "Chủ trì chỉ đạo",
                "Chủ trì",
                "Phối hợp",
                "Sản phẩm",
                "Thời hạn",
            ] {
                ui.label(title);
            }
            ui.end_row();
            for t in &import.tasks {
                ui.label(import.rows_of.get(&t.id).copied().unwrap_or(0).to_string());
                ui.label(&t.id);
                ui.add(egui::Label::new(import.group_title(project, &t.group)).wrap());
                ui.add(egui::Label::new(&t.name).wrap());
                ui.add(egui::Label::new(&t.directing).wrap());
                ui.add(egui::Label::new(offices(&t.lead)).wrap());
                ui.add(egui::Label::new(offices(&t.coordinating)).wrap());
                ui.add(egui::Label::new(&t.output).wrap());
                let written = t.deadline_text();
                ui.add(
                    egui::Label::new(format!(
                        "{written} ({})",
                        plan::describe_deadline(&t.deadline)
                    ))
                    .wrap(),
                );
                ui.end_row();
            }
        });
}

fn indicators(ui: &mut egui::Ui, import: &PlanImport, project: &Project) {
    ui.separator();
    ui.strong(format!("Chỉ tiêu mới ({})", import.indicators.len()));
    if import.indicators.is_empty() {
        return;
    }
    egui::Grid::new("chi-tieu-ke-hoach")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for title in ["Dòng", "Mã", "Nhóm", "Tên chỉ tiêu", "Chỉ tiêu"] {
                ui.label(title);
            }
            ui.end_row();
            for i in &import.indicators {
                ui.label(import.rows_of.get(&i.id).copied().unwrap_or(0).to_string());
                ui.label(&i.id);
                ui.add(egui::Label::new(import.group_title(project, &i.group)).wrap());
                ui.add(egui::Label::new(&i.name).wrap());
                let computed = target_label(&crate::model::Indicator {
                    target_as_written: String::new(),
                    ..i.clone()
                });
                ui.label(format!("{} ({computed})", i.target_as_written));
                ui.end_row();
            }
        });
}
