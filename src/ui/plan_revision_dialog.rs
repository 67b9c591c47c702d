//! ui: Kế hoạch › Điều chỉnh kế hoạch…: the revisions recorded so far (when, by which
//! document, what changed, a button drafting the Thông báo of each), and a form that
//! records a new one: the targets and deadlines as they now read, a task to add, the
//! document that asked and the day it applies from. What changed is computed by
//! comparing the plan before and after (`session::plan_revisions`); it goes in as one
//! undoable edit.

use eframe::egui;

use super::command::Command;
use crate::model::Project;
use crate::session::plan_revisions::{describe, revise};

pub use super::forms::RevisionForm;

/// Draws the dialog; true when it should close.
pub fn show(
    ctx: &egui::Context,
    form: &mut RevisionForm,
    project: Option<&Project>,
    out: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    let width = (ctx.content_rect().width() - 80.0).clamp(400.0, 900.0);
    egui::Modal::new(egui::Id::unique("dieu-chinh-ke-hoach")).show(ctx, |ui| {
        ui.set_width(width);
        ui.heading("Điều chỉnh kế hoạch");
        let Some(project) = project else {
            ui.label("Chưa mở tệp dự án.");
            close = ui.button("Đóng").clicked();
            return;
        };
        egui::ScrollArea::vertical()
            .id_salt("dieu-chinh")
            .max_height((ctx.content_rect().height() - 240.0).max(160.0))
            .show(ui, |ui| {
                ui.strong("Các lần đã điều chỉnh");
                if project.plan.revisions.is_empty() {
                    ui.label("Kế hoạch chưa được điều chỉnh lần nào.");
                }
                for (i, rev) in project.plan.revisions.iter().enumerate() {
                    let from = rev
                        .effective
                        .map_or("(không ghi ngày)".to_owned(), crate::vi::date_short);
                    ui.horizontal_wrapped(|ui| {
                        ui.label(format!("Lần {}: áp dụng từ {from}, theo {}", i + 1, rev.decided_by));
                        if ui.button("Soạn thông báo điều chỉnh").clicked() {
                            out.push(Command::NewNotice(Some(i + 1)));
                            close = true;
                        }
                    });
                    for line in describe(project, rev) {
                        ui.label(format!("    • {line}"));
                    }
                }
                ui.separator();
                ui.strong("Ghi một lần điều chỉnh mới");
                ui.label("Sửa mục tiêu, thời hạn như văn bản yêu cầu; chỉ những gì khác đi được ghi là điều chỉnh.");
                egui::Grid::new("muc-tieu-moi").num_columns(2).striped(true).show(ui, |ui| {
                    for (_, name, text) in &mut form.targets {
                        ui.label(name.as_str());
                        ui.add(egui::TextEdit::singleline(text).desired_width(200.0))
                            .accessible_name(format!("Mục tiêu: {name}"));
                        ui.end_row();
                    }
                    for (_, name, text) in &mut form.deadlines {
                        ui.label(name.as_str());
                        ui.add(egui::TextEdit::singleline(text).desired_width(200.0))
                            .accessible_name(format!("Thời hạn: {name}"));
                        ui.end_row();
                    }
                });
                ui.label("Bổ sung nhiệm vụ (để trống nếu không có):");
                egui::Grid::new("nhiem-vu-moi").num_columns(2).show(ui, |ui| {
                    ui.label("Nhiệm vụ:");
                    ui.add(egui::TextEdit::singleline(&mut form.new_task).desired_width(420.0))
                        .accessible_name("Nhiệm vụ bổ sung");
                    ui.end_row();
                    ui.label("Đơn vị chủ trì:");
                    egui::ComboBox::from_id_salt("chu-tri-moi")
                        .selected_text(if form.new_task_lead.is_empty() {
                            "(chưa chọn)".to_owned()
                        } else {
                            project.organisation.office_label(&form.new_task_lead)
                        })
                        .show_ui(ui, |ui| {
                            for o in &project.organisation.offices {
                                ui.selectable_value(&mut form.new_task_lead, o.id.clone(), o.name.trim());
                            }
                        })
                        .response
                        .accessible_name("Đơn vị chủ trì nhiệm vụ bổ sung");
                    ui.end_row();
                    ui.label("Thời hạn:");
                    ui.add(egui::TextEdit::singleline(&mut form.new_task_deadline).desired_width(200.0))
                        .accessible_name("Thời hạn nhiệm vụ bổ sung");
                    ui.end_row();
                });
            });
        egui::Grid::new("van-ban-dieu-chinh").num_columns(2).show(ui, |ui| {
            ui.label("Theo văn bản:");
            ui.add(
                egui::TextEdit::singleline(&mut form.decided_by)
                    .hint_text("Công văn số …/UBND-VP ngày … của …")
                    .desired_width(420.0),
            )
            .accessible_name("Văn bản yêu cầu điều chỉnh");
            ui.end_row();
            ui.label("Áp dụng từ ngày:");
            ui.add(egui::TextEdit::singleline(&mut form.effective).desired_width(120.0))
                .accessible_name("Ngày áp dụng");
            ui.end_row();
        });
        if let Some(e) = &form.error {
            ui.colored_label(ui.visuals().error_fg_color, e.as_str());
        }
        ui.horizontal(|ui| {
            if ui.button("Ghi là điều chỉnh kế hoạch").clicked() {
                let recorded = form.effective_date().and_then(|effective| {
                    revise(project, form.plan_after(project), &form.decided_by, effective)
                        .map_err(|e| e.to_string())
                });
                match recorded {
                    Ok(edit) => {
                        out.push(Command::Edit(edit));
                        out.push(Command::Notify(
                            "Đã ghi điều chỉnh kế hoạch; Tệp › Soạn thông báo điều chỉnh… để soạn thông báo. Ctrl+Z để bỏ.".to_owned(),
                        ));
                        close = true;
                    }
                    Err(e) => form.error = Some(e),
                }
            }
            if ui.button("Đóng").clicked() {
                close = true;
            }
        });
    });
    close
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_unchanged_gives_the_plan_as_it_is() {
        let p = crate::test_support::sample();
        let form = RevisionForm::of(&p);
        assert_eq!(form.plan_after(&p), p.plan);
    }

    #[test]
    fn a_typed_target_and_a_new_task_make_a_revision_with_two_changes() {
        let p = crate::test_support::sample();
        let mut form = RevisionForm::of(&p);
        form.targets[0].2 = "≥ 77%".into();
        form.new_task = "Tập huấn kỹ năng số cho cán bộ".into();
        form.new_task_deadline = "Quý IV/2026".into();
        form.decided_by = "Công văn số 7/UBND".into();
        let after = form.plan_after(&p);
        assert_eq!(after.tasks.len(), p.plan.tasks.len() + 1);
        let changes = crate::model::PlanRevision::between(&p.plan, &after);
        assert_eq!(changes.len(), 2);
        form.effective = "31/02/2026".into();
        assert!(form.effective_date().is_err());
        form.effective = "01/07/2026".into();
        assert_eq!(
            form.effective_date(),
            Ok(chrono::NaiveDate::from_ymd_opt(2026, 7, 1))
        );
    }
}
