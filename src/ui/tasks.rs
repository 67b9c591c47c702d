//! ui: the tasks panel (Nhiệm vụ) of a period. The clerk picks each task's progress and
//! writes a short note; whether a task is overdue follows from its deadline and the
//! date it is judged on, never from what is typed. The panel draws and records
//! [`Edit`]s; the app applies them after drawing.

use chrono::NaiveDate;
use eframe::egui::{self, Color32, RichText, Ui};

use super::field_buffers::FieldBuffers;
use super::period_table::{self, Column, Widths};
use crate::edit::Edit;
use crate::model::grouped;
use crate::model::{
    Period, Project, Task, TaskCounts, TaskProgress, TaskState, TaskStatus, task_status,
};
use crate::vi;

/// The states a clerk can pick, in the order offered.
const STATES: [TaskState; 4] = [
    TaskState::NotStarted,
    TaskState::InProgress,
    TaskState::Done,
    TaskState::Dropped,
];

/// The tasks panel. It keeps only the notes being typed; everything else is read from
/// the project each frame.
#[derive(Debug, Default)]
pub struct TasksPanel {
    notes: FieldBuffers<(Period, String)>,
}

impl TasksPanel {
    pub fn new() -> Self {
        Self::default()
    }

    /// Draws the tasks of `project` for `period`, judged on `on` (the report's date or
    /// the end of the period), and pushes what the clerk changes to `edits`.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        period: Period,
        on: NaiveDate,
        edits: &mut Vec<Edit>,
    ) {
        ui.heading(format!("Nhiệm vụ — tiến độ {}", period.label()));
        ui.label(format!(
            "Chọn tiến độ của từng nhiệm vụ. Nhiệm vụ đã quá thời hạn mà chưa hoàn thành \
             được tính là quá hạn (tính đến ngày {}).",
            vi::date_short(on)
        ));
        let summary = TaskCounts::of(project, period, on);
        ui.add(egui::Label::new(RichText::new(summary.label()).strong()).wrap());
        ui.add_space(4.0);

        let plan = &project.plan;
        let org = &project.organisation;
        let columns = [
            // Minimums that fit the middle column at 1366×768 (about 620 points), so
            // that Tình trạng is never cut off behind a sideways scroll.
            Column::new("TT", 22.0, 0.0),
            Column::new("Nhiệm vụ", 96.0, 3.0),
            Column::new("Chủ trì", 62.0, 0.6),
            Column::new("Thời hạn", 58.0, 0.3),
            Column::new("Tiến độ", 112.0, 0.0),
            Column::new("Ghi chú", 64.0, 2.0),
            Column::new("Tình trạng", 72.0, 0.3),
        ];
        period_table::show(ui, "nhiem-vu", &columns, |ui, widths| {
            let group_fill = ui.visuals().faint_bg_color;
            let mut roman = 0;
            for (group, members) in grouped(&plan.task_groups, &plan.tasks, |t| t.group.as_str()) {
                if let Some(g) = group {
                    roman += 1;
                    let title = format!("{}. {}", vi::roman(roman), g.title.trim());
                    period_table::row(ui, widths, Some(group_fill), None, |r| {
                        r.rest(|ui| ui.add(egui::Label::new(RichText::new(title).strong()).wrap()));
                    });
                }
                for (n, task) in members.into_iter().enumerate() {
                    let lead = task
                        .lead
                        .iter()
                        .map(|o| org.office_label(o))
                        .collect::<Vec<_>>()
                        .join("; ");
                    let row = Row {
                        period,
                        on,
                        number: n + 1,
                        task,
                        lead,
                        progress: project.task_progress(period, &task.id),
                    };
                    self.task_row(ui, widths, &row, edits);
                }
            }
        });
    }

    fn task_row(&mut self, ui: &mut Ui, widths: &Widths, row: &Row<'_>, edits: &mut Vec<Edit>) {
        let task = row.task;
        let state = row.progress.map_or(TaskState::NotStarted, |p| p.state);
        let status = task_status(task, state, row.on);
        let dark = ui.visuals().dark_mode;
        let fill = (status == TaskStatus::Overdue).then(|| overdue_fill(dark));
        let name = Some(format!("Nhiệm vụ {}", task.id));
        period_table::row(ui, widths, fill, name, |r| {
            r.cell(|ui| ui.label(row.number.to_string()));
            r.cell(|ui| ui.add(egui::Label::new(task.name.trim()).wrap()));
            r.cell(|ui| ui.add(egui::Label::new(row.lead.as_str()).wrap()));
            r.cell(|ui| ui.add(egui::Label::new(task.deadline_text()).wrap()));
            r.cell(|ui| {
                let mut chosen = state;
                egui::ComboBox::from_id_salt(("tien-do", row.period, &task.id))
                    .selected_text(state.label())
                    .width(ui.available_width())
                    .show_ui(ui, |ui| {
                        for s in STATES {
                            ui.selectable_value(&mut chosen, s, s.label());
                        }
                    })
                    .response
                    .accessible_name(format!("Tiến độ {}", task.id));
                if chosen != state {
                    edits.push(Edit::TaskState {
                        period: row.period,
                        task: task.id.clone(),
                        state: chosen,
                    });
                }
            });
            r.cell(|ui| {
                let note = row.progress.map_or("", |p| p.note.as_str());
                self.note_field(ui, row.period, task, note, edits);
            });
            r.cell(|ui| {
                let text = RichText::new(status.label()).color(status_color(status, dark));
                let text = if status == TaskStatus::Overdue {
                    text.strong()
                } else {
                    text
                };
                ui.add(egui::Label::new(text).wrap());
            });
        });
    }

    fn note_field(
        &mut self,
        ui: &mut Ui,
        period: Period,
        task: &Task,
        stored: &str,
        edits: &mut Vec<Edit>,
    ) {
        let key = (period, task.id.clone());
        let field = (
            ("ghi-chu", period, &task.id),
            "Kết quả, vướng mắc",
            format!("Ghi chú {}", task.id),
        );
        if let Some(line) = period_table::note_line(ui, &mut self.notes, key, stored, field) {
            edits.push(Edit::TaskNote {
                period,
                task: task.id.clone(),
                text: line,
            });
        }
    }
}

/// What one task row shows.
struct Row<'a> {
    period: Period,
    on: NaiveDate,
    /// Number within its group (TT), from 1.
    number: usize,
    task: &'a Task,
    /// Lead offices, short names.
    lead: String,
    progress: Option<&'a TaskProgress>,
}

/// Background of an overdue row: light red, or dark red in the dark theme.
fn overdue_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(80, 28, 28)
    } else {
        Color32::from_rgb(253, 226, 226)
    }
}

/// Colour of a task's standing: done green, overdue red, dropped grey.
fn status_color(status: TaskStatus, dark: bool) -> Color32 {
    match (status, dark) {
        (TaskStatus::Done, false) => Color32::from_rgb(0, 120, 40),
        (TaskStatus::Done, true) => Color32::from_rgb(110, 200, 120),
        (TaskStatus::Overdue, false) => Color32::from_rgb(190, 30, 30),
        (TaskStatus::Overdue, true) => Color32::from_rgb(255, 110, 100),
        (TaskStatus::InProgress, false) => Color32::from_rgb(20, 90, 200),
        (TaskStatus::InProgress, true) => Color32::from_rgb(120, 170, 255),
        (TaskStatus::NotStarted | TaskStatus::Dropped, false) => Color32::from_rgb(110, 110, 110),
        (TaskStatus::NotStarted | TaskStatus::Dropped, true) => Color32::from_rgb(150, 150, 150),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Deadline, PeriodKind};

    fn task(id: &str, name: &str, deadline: Deadline) -> Task {
        Task {
            id: id.into(),
            name: name.into(),
            deadline,
            ..Task::default()
        }
    }

    #[test]
    fn the_summary_names_the_overdue_tasks() {
        let q2 = Period::new(2026, PeriodKind::Quarter(2));
        let mut p = Project::default();
        p.plan.tasks = vec![
            task(
                "NV01",
                "Ban hành kế hoạch",
                Deadline::Month {
                    year: 2026,
                    month: 2,
                },
            ),
            task(
                "NV02",
                "Số hóa sổ hộ tịch",
                Deadline::Month {
                    year: 2026,
                    month: 5,
                },
            ),
            task("NV03", "Tuyên truyền", Deadline::Ongoing),
            task(
                "NV04",
                "Trang thông tin",
                Deadline::Month {
                    year: 2026,
                    month: 4,
                },
            ),
        ];
        let rec = p.period_record_mut(q2);
        for (id, state) in [
            ("NV01", TaskState::Done),
            ("NV02", TaskState::InProgress),
            ("NV03", TaskState::InProgress),
            ("NV04", TaskState::Dropped),
        ] {
            rec.tasks.insert(
                id.into(),
                TaskProgress {
                    state,
                    note: String::new(),
                },
            );
        }
        let on = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default();
        let s = TaskCounts::of(&p, q2, on);
        assert_eq!(s.done, 1);
        assert_eq!(s.in_progress, 1);
        assert_eq!(s.dropped, 1);
        assert_eq!(
            s.label(),
            "Hoàn thành: 1/4 · Đang thực hiện: 1 · Dừng thực hiện: 1 · Quá hạn: 1 (Số hóa sổ hộ tịch)"
        );
    }

    #[test]
    fn a_task_without_a_record_counts_as_not_started() {
        let q2 = Period::new(2026, PeriodKind::Quarter(2));
        let mut p = Project::default();
        p.plan.tasks = vec![task("NV01", "A", Deadline::Ongoing)];
        let on = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default();
        assert_eq!(
            TaskCounts::of(&p, q2, on).label(),
            "Hoàn thành: 0/1 · Chưa triển khai: 1 · Quá hạn: 0"
        );
    }
}
