//! Lays out the window: menu, status bar, the step list, the preview of the rendered
//! pages and the current step, then the dialog. Panels read the document and the data
//! derived from its revision and record commands; nothing here reads or writes a
//! file, composes, lays out or checks.

use eframe::egui;

use super::BaocaoApp;
use crate::guide::Step;
use crate::ui::command::Command;
use crate::ui::review_panel::ReviewView;
use crate::ui::{
    charts, editor, info, menu, modals, preview, review_panel, status_bar, steps, table_options,
};

impl BaocaoApp {
    /// The whole frame: panels, then the dialog. The commands recorded are applied by
    /// `logic` before the next frame.
    /// The message to show now: a new one starts its time; one that only says what was
    /// done is gone after [`super::STATUS_SECONDS`], an error stays.
    fn fresh_status(&mut self, ctx: &egui::Context) -> Option<crate::ui::command::StatusLine> {
        let now = ctx.input(|i| i.time);
        let Some(status) = &self.status else {
            self.status_shown = None;
            return None;
        };
        let since = match &self.status_shown {
            Some((shown, at)) if shown == status => *at,
            _ => {
                self.status_shown = Some((status.clone(), now));
                now
            }
        };
        let left = super::STATUS_SECONDS - (now - since);
        if status.is_error || status.busy || left > 0.0 {
            if !status.is_error && !status.busy {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(left.max(0.1)));
            }
            self.status.clone()
        } else {
            None
        }
    }

    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.text_boxes.before_panels(&ctx);
        let mut out = Vec::new();
        let project = self.doc.as_ref().map(|d| &d.project);
        menu::show_menu(
            ui,
            &menu::MenuView {
                recent: &self.recent,
                project,
                report_id: self.report_id.as_deref(),
                can_undo: self.doc.as_ref().is_some_and(|d| d.history.can_undo()),
                can_redo: self.doc.as_ref().is_some_and(|d| d.history.can_redo()),
            },
            &mut out,
        );
        let message = self.fresh_status(&ctx);
        status_bar::show(
            ui,
            &status_bar::StatusView {
                doc: self.doc.as_ref(),
                report: self.report(),
                pages: self.pages().map(|p| p.pages.len()),
                warnings: self.warnings(),
                warnings_text: self.derived.as_ref().map_or("", |d| &d.warnings_text),
                message: message.as_ref(),
                zoom: self.ui_zoom,
            },
            &mut out,
        );
        self.panels(ui, &mut out);
        if let Some(view) = &self.aggregate {
            view.show(&ctx, &mut out);
        }
        if let Some(carry) = &mut self.carry
            && !crate::ui::carry_dialog::show(&ctx, carry, &mut out)
        {
            self.carry = None;
        }
        if let Some(modal) = &mut self.modal
            && modals::show(
                &ctx,
                modal,
                self.doc.as_ref(),
                self.report_id.as_deref(),
                &mut out,
            )
        {
            self.modal = None;
        }
        self.text_boxes.after_panels(&ctx);
        if !out.is_empty() {
            // Applied by `logic` at the start of the next frame.
            ctx.request_repaint();
        }
        self.pending.extend(out);
    }

    fn panels(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let Some(doc) = self.doc.as_ref() else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading("Chưa mở tệp dự án");
                ui.label("Dùng Tệp › Mở… hoặc kéo một tệp .ron vào cửa sổ.");
            });
            return;
        };
        let report = self
            .report_id
            .as_ref()
            .and_then(|id| doc.project.report(id));
        let (Some(report), Some(derived)) = (report, &self.derived) else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading("Tệp chưa có báo cáo");
                if ui.button("Tạo báo cáo mới…").clicked() {
                    out.push(Command::AskNewReport);
                }
            });
            return;
        };
        let whole = ui.available_width();
        egui::Panel::left("cac-buoc")
            .resizable(false)
            .exact_size(super::layout::step_list_width(whole))
            .show(ui, |ui| {
                // At a large zoom the thirteen steps are taller than the window.
                egui::ScrollArea::vertical()
                    .id_salt("cac-buoc-cuon")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if let Some(s) = steps::show_steps(ui, &derived.steps, self.step) {
                            out.push(Command::SelectStep(s));
                        }
                    });
            });
        let width = ui.available_width();
        let preview_id = ui.scope_id().with_salt(egui::IdSalt::new("xem-truoc"));
        let range = self.preview_width.before_show(ui.ctx(), preview_id, width);
        let shown = egui::Panel::right("xem-truoc")
            .resizable(true)
            .default_size(range.min.max(self.preview_width.width(width)))
            .size_range(range)
            .show(ui, |ui| match &derived.rendered {
                Ok(r) => {
                    if let Some(src) = preview::show_preview(
                        ui,
                        &r.pages,
                        &derived.markers,
                        &mut self.preview,
                        self.focus.as_ref(),
                    ) {
                        out.push(Command::Jump(src));
                    }
                }
                Err(e) => {
                    ui.colored_label(egui::Color32::from_rgb(0xc0, 0x10, 0x10), e.to_string());
                }
            });
        self.preview_width
            .after_show(width, shown.response.rect.width());
        let period = report.period;
        let middle = egui::CentralPanel::default().show(ui, |ui| {
            if let Some(find) = &mut self.editor.find
                && !super::super::find_bar::show(
                    ui,
                    (&doc.project, doc.revision),
                    report,
                    find,
                    out,
                )
            {
                self.editor.find = None;
            }
            let chips_of = |step| derived.step(step).map_or(&[][..], |s| s.chips.as_slice());
            let chips = info::PhraseChips {
                header: chips_of(Step::ThongTin),
                signature: chips_of(Step::KyNhan),
            };
            match self.step {
                Step::ThongTin => info::show_general(ui, report, &chips, &mut self.info, out),
                Step::KyNhan => info::show_signature(ui, &doc.project, report, &chips, out),
                Step::Duyet => {
                    let read_only = doc.read_only.as_ref().map(|r| r.message());
                    review_panel::show(
                        ui,
                        &ReviewView {
                            report,
                            changes: &derived.changes,
                            approval: derived.approval,
                            user: &self.user,
                            read_only: read_only.as_deref(),
                            review_files: &doc.review_files,
                        },
                        &mut self.review,
                        out,
                    )
                }
                Step::XuatBan => info::show_review(ui, report, &doc.project.signing, derived, out),
                Step::ChiTieu => {
                    ui.horizontal(|ui| {
                        ui.selectable_value(&mut self.show_charts, false, "Nhập số liệu");
                        ui.selectable_value(&mut self.show_charts, true, "Tổng quan và biểu đồ");
                    });
                    ui.separator();
                    let mut options = Vec::new();
                    table_options::show(ui, report, &mut options);
                    out.extend(options.into_iter().map(Command::Edit));
                    // The targets of the plan as it stood for this report's period.
                    let judged = doc.project.as_of_report(report);
                    if let Some(line) = crate::check::revised_since_previous(&doc.project, report) {
                        let shown = crate::vi::capitalise(&line);
                        ui.label(egui::RichText::new(format!("{shown}.")).strong());
                    }
                    if self.show_charts {
                        charts::show(ui, &judged, period, &mut self.charts);
                    } else {
                        let mut edits = Vec::new();
                        self.indicators.show(ui, &judged, period, &mut edits);
                        out.extend(edits.into_iter().map(Command::Edit));
                    }
                }
                Step::NhiemVu => {
                    let on = report
                        .date
                        .or_else(|| period.end_date())
                        .unwrap_or_default();
                    let mut edits = Vec::new();
                    let judged = doc.project.as_of_report(report);
                    self.tasks.show(ui, &judged, period, on, &mut edits);
                    out.extend(edits.into_iter().map(Command::Edit));
                }
                step => {
                    self.editor.read_only = doc.read_only.is_some();
                    editor::show_editor(
                        ui,
                        step,
                        &editor::View {
                            project: &doc.project,
                            report,
                            derived,
                        },
                        &mut self.editor,
                        out,
                    )
                }
            }
        });
        self.middle = middle.response.rect;
    }
}
