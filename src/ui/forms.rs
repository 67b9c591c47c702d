//! ui: the forms the dialogs edit and the commands carry (the print dialog's choices, a
//! Word file's recognised report). They sit below `command.rs` with it: they import no
//! other module of `ui/`, so the dialogs can import the commands and the commands these
//! forms without an import circle.

use std::path::PathBuf;

use crate::import::docx;
use crate::import::text::{self, Recognised};
use crate::model::{
    Deadline, IndicatorId, Plan, Task, TaskId, new_id, parse_deadline, parse_target, target_label,
};
use crate::model::{Project, Report};
use crate::print::PrinterInfo;
use chrono::NaiveDate;

/// What the print dialog edits.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintForm {
    /// The system's printers when the dialog opened, the default first.
    pub printers: Vec<PrinterInfo>,
    /// The chosen printer's name.
    pub printer: String,
    pub copies: u32,
    /// Pages as typed; blank for every page.
    pub pages: String,
    pub two_sided: bool,
    /// Pages of the report as it prints now.
    pub page_count: usize,
    /// Why the last try did not print, shown in red.
    pub error: Option<String>,
}

impl PrintForm {
    /// The form for a report of `page_count` pages: the default printer, one copy, every
    /// page, one side.
    pub fn new(printers: Vec<PrinterInfo>, page_count: usize) -> Self {
        let printer = crate::print::choose_printer(&printers, None).unwrap_or_default();
        Self {
            printers,
            printer,
            copies: 1,
            pages: String::new(),
            two_sided: false,
            page_count,
            error: None,
        }
    }
}

/// A report read from a Word file, ready to add.
#[derive(Clone, Debug)]
pub struct WordReportPreview {
    pub path: PathBuf,
    pub rec: Recognised,
    /// The report that would be added.
    pub report: Report,
    /// Every note, as the clerk reads it.
    pub notes: Vec<String>,
    /// Why the report's period was chosen.
    pub period_why: &'static str,
    /// Print the project's header and signature words rather than the document's.
    pub project_words: bool,
}

impl WordReportPreview {
    /// The report `rec` would make in `project`.
    pub fn new(path: PathBuf, rec: Recognised, project: &Project) -> Self {
        let (period, source) = text::preview::imported_period(None, &rec, project);
        let period_why = source.why();
        let id = crate::session::reports::new_report_id(project, period);
        let (report, more) = text::into_report(&rec, id, period, project);
        let notes = rec
            .notes
            .iter()
            .chain(more.iter())
            .map(docx::describe_note)
            .collect();
        Self {
            path,
            rec,
            report,
            notes,
            period_why,
            project_words: false,
        }
    }
}

/// What the clerk types in the dialog.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RevisionForm {
    /// `Công văn số … ngày … của …`.
    pub decided_by: String,
    /// The day it applies from, `dd/mm/yyyy`.
    pub effective: String,
    /// Each indicator's target as it reads (changed where the clerk typed).
    pub targets: Vec<(IndicatorId, String, String)>,
    /// Each task's deadline as it reads.
    pub deadlines: Vec<(TaskId, String, String)>,
    /// A task to add: its name, lead office id and deadline.
    pub new_task: String,
    pub new_task_lead: String,
    pub new_task_deadline: String,
    /// Why the last press recorded nothing.
    pub error: Option<String>,
}

impl RevisionForm {
    /// The form over the plan of `project`, every field as the plan reads now.
    pub fn of(project: &Project) -> Self {
        Self {
            targets: project
                .plan
                .indicators
                .iter()
                .map(|i| (i.id.clone(), i.name.trim().to_owned(), target_label(i)))
                .collect(),
            deadlines: project
                .plan
                .tasks
                .iter()
                .map(|t| (t.id.clone(), t.name.trim().to_owned(), t.deadline.label()))
                .collect(),
            effective: chrono::Local::now()
                .date_naive()
                .format("%d/%m/%Y")
                .to_string(),
            ..Self::default()
        }
    }

    /// The plan as the form reads: typed targets and deadlines read as the import reads
    /// them, the new task added.
    pub fn plan_after(&self, project: &Project) -> Plan {
        let mut plan = project.plan.clone();
        for (id, _, text) in &self.targets {
            if let Some(ind) = plan.indicators.iter_mut().find(|i| &i.id == id)
                && text.trim() != target_label(ind)
            {
                let (target, unit) = parse_target(text);
                ind.target = target;
                if !unit.trim().is_empty() {
                    ind.unit = unit;
                }
                ind.target_as_written = text.trim().to_owned();
            }
        }
        let year = plan.year;
        for (id, _, text) in &self.deadlines {
            if let Some(task) = plan.tasks.iter_mut().find(|t| &t.id == id)
                && text.trim() != task.deadline.label()
            {
                task.deadline = parse_deadline(text, year);
            }
        }
        let name = self.new_task.trim();
        if !name.is_empty() {
            let taken: Vec<&str> = project.plan.tasks.iter().map(|t| t.id.as_str()).collect();
            let deadline = if self.new_task_deadline.trim().is_empty() {
                Deadline::Ongoing
            } else {
                parse_deadline(&self.new_task_deadline, year)
            };
            let lead = self.new_task_lead.trim();
            plan.tasks.push(Task {
                id: new_id("NV-DC", taken),
                group: plan
                    .task_groups
                    .first()
                    .map(|g| g.id.clone())
                    .unwrap_or_default(),
                name: name.to_owned(),
                lead: if lead.is_empty() {
                    Vec::new()
                } else {
                    vec![lead.to_owned()]
                },
                deadline,
                ..Task::default()
            });
        }
        plan
    }

    /// The day typed, `None` when the field is empty; an error when it does not read.
    pub(crate) fn effective_date(&self) -> Result<Option<NaiveDate>, String> {
        let t = self.effective.trim();
        if t.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(t, "%d/%m/%Y")
            .map(Some)
            .map_err(|_| format!("Ngày áp dụng “{t}” không đọc được; hãy gõ như 01/07/2026."))
    }
}
