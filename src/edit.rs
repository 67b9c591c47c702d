//! Edits of a project: every change the window makes is an [`Edit`], applied here to
//! the model (text NFC-normalised on the way in) and recorded in a [`History`] for
//! undo and redo. Pure: no egui, no I/O.

use chrono::NaiveDate;

use crate::model::{
    ChildNumbering, Generated, IndicatorId, IndicatorTableOptions, Period, Project, Report,
    ReportId, Section, SectionId, TaskId, TaskState, Value, new_id,
};
use crate::vi;

pub mod find;
mod history;
pub mod rich_ops;
mod tree;

pub use history::History;
use tree::{nest, renumber_ids, siblings_of};

/// A text field of a report other than section text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportText {
    Summary,
    Opening,
    Closing,
    /// `Kính gửi`, one recipient per line.
    Recipients,
    /// `Nơi nhận`, one entry per line.
    Distribution,
}

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SectionBody {
        report: ReportId,
        section: SectionId,
        text: String,
    },
    SectionTitle {
        report: ReportId,
        section: SectionId,
        title: String,
    },
    /// Adds a user sub-section as the last child of `parent` (or at the top level).
    AddSection {
        report: ReportId,
        parent: Option<SectionId>,
        title: String,
    },
    RemoveSection {
        report: ReportId,
        section: SectionId,
    },
    /// Moves a section among its siblings by `delta` places (−1 up, +1 down).
    MoveSection {
        report: ReportId,
        section: SectionId,
        delta: i32,
    },
    /// Moves a section one level deeper (the last child of the section before it) or
    /// one level out (right after its parent).
    NestSection {
        report: ReportId,
        section: SectionId,
        deeper: bool,
    },
    /// Several section texts at once (Thay tất cả): one undo step.
    SectionBodies {
        report: ReportId,
        bodies: Vec<(SectionId, String)>,
    },
    /// Texts that print with a report, written at once (Tìm và thay thế's "Thay tất
    /// cả"): report texts, headings, section texts, and the project's header and
    /// signer words.
    PrintedTexts {
        report: ReportId,
        texts: Vec<(find::Field, String)>,
    },
    /// Proofing rules turned off for a report.
    ProofingRules {
        report: ReportId,
        off: Vec<crate::model::ProofRule>,
    },
    /// A proofing finding left as it is ("Bỏ qua"), remembered in the report.
    IgnoreFinding {
        report: ReportId,
        key: String,
    },
    /// How a section numbers its children, whether it starts a new page, and which
    /// generated table it holds.
    SectionLayout {
        report: ReportId,
        section: SectionId,
        numbering: ChildNumbering,
        new_page: bool,
        generated: Option<Generated>,
    },
    ReportText {
        report: ReportId,
        field: ReportText,
        text: String,
    },
    ReportNumber {
        report: ReportId,
        number: Option<u32>,
    },
    ReportDate {
        report: ReportId,
        date: Option<NaiveDate>,
    },
    ReportSigner {
        report: ReportId,
        signer: String,
    },
    Appendices {
        report: ReportId,
        indicators: bool,
        tasks: bool,
    },
    /// The signature and seal images of the sign-ready version (paths beside the
    /// project file).
    SigningImages(crate::model::SigningImages),
    /// The period a report covers; the old period's name in its summary and closing
    /// sentence becomes the new one (as for a report made from the previous one).
    ReportPeriod {
        report: ReportId,
        period: Period,
    },
    /// How the indicator table of `section` prints (columns, numbering).
    IndicatorTable {
        report: ReportId,
        section: SectionId,
        options: IndicatorTableOptions,
    },
    IndicatorValue {
        period: Period,
        indicator: IndicatorId,
        value: Option<Value>,
    },
    IndicatorEvidence {
        period: Period,
        indicator: IndicatorId,
        text: String,
    },
    TaskState {
        period: Period,
        task: TaskId,
        state: TaskState,
    },
    TaskNote {
        period: Period,
        task: TaskId,
        text: String,
    },
    AddReport(Box<Report>),
    /// Text pasted into a section with its structure recognised: `body` (section
    /// format) goes in as new lines after the line of character `cursor`, `children`
    /// become the section's last sub-sections (their ids made unique).
    PasteIntoSection {
        report: ReportId,
        section: SectionId,
        cursor: Option<usize>,
        body: String,
        children: Vec<Section>,
    },
    /// A whole report pasted or imported as text replaces the content of `report`:
    /// its sections, and the summary, recipients, opening, closing, distribution and
    /// signer the text gives. Id, period, number, date, appendices and review stay.
    ReplaceReportContent {
        report: ReportId,
        with: Box<Report>,
    },
    /// Adds what an import preview found (new offices, groups, indicators or tasks).
    Import(Box<crate::import::ImportPreview>),
    /// Adds what a plan document's import found (reference when the project has none,
    /// offices, groups, tasks, indicators): Tệp › Nhập kế hoạch….
    ImportPlan(Box<crate::import::plan::PlanImport>),
    /// A review step on a report by `actor` at `at` (the window reads the clock).
    Review {
        report: ReportId,
        actor: crate::review::Actor,
        at: chrono::NaiveDateTime,
        edit: ReviewEdit,
    },
    /// Merges a reviewer's separate review file.
    MergeReview(Box<crate::review::ReviewFile>),
    /// Adds review comments read from elsewhere (Word) to `report`, and replies to
    /// comments it holds (by comment id), all at once.
    AddComments {
        report: ReportId,
        comments: Vec<crate::model::Comment>,
        replies: Vec<(String, crate::model::Reply)>,
    },
    /// Adds changes a leader made in a Word file to `report`'s proposed changes.
    AddProposed {
        report: ReportId,
        changes: Vec<crate::model::ProposedChange>,
    },
    /// Accepts or rejects proposed changes of `report` (one undo step).
    Proposed {
        report: ReportId,
        step: ProposedStep,
    },
    /// The plan as revised, its new revision already listed (see
    /// [`crate::session::plan_revisions::revise`]).
    RevisePlan(Box<crate::model::Plan>),
}

/// What the clerk does with proposed changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProposedStep {
    Accept(String),
    Reject(String),
    /// Every change that still applies.
    AcceptAll,
    RejectAll,
}

/// A review step: a status change, or a comment and its thread.
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewEdit {
    Action {
        kind: crate::review::ActionKind,
        /// Number and date, for issuing.
        issue: Option<(u32, NaiveDate)>,
        remark: String,
    },
    Comment {
        section: SectionId,
        /// 0-based among the section's paragraphs; `None` for the whole section.
        paragraph: Option<usize>,
        text: String,
    },
    Reply {
        comment: String,
        text: String,
    },
    Resolve {
        comment: String,
    },
    Reopen {
        comment: String,
    },
}

/// Why an edit could not be applied; the project is then unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("Không tìm thấy báo cáo “{0}”.")]
    NoReport(ReportId),
    #[error("Không tìm thấy mục “{0}” trong báo cáo.")]
    NoSection(SectionId),
    #[error(
        "Không lùi được mục “{0}”: mục đầu tiên không có mục nào phía trên để làm mục cha, và mục ở cấp cao nhất không lùi ra được nữa."
    )]
    CannotNest(SectionId),
    #[error("Chỉ tiêu “{0}” không có trong kế hoạch.")]
    NoIndicator(IndicatorId),
    #[error("Nhiệm vụ “{0}” không có trong kế hoạch.")]
    NoTask(TaskId),
    #[error("Kết quả của chỉ tiêu “{0}” phải là một số không âm và không quá lớn.")]
    NotAFigure(IndicatorId),
    #[error("Mã báo cáo “{0}” đã có trong tệp.")]
    DuplicateReport(ReportId),
    #[error("Kế hoạch đã có mã “{0}”: tệp đã thay đổi sau khi xem trước. Hãy nhập lại bảng.")]
    ImportOutdated(String),
    #[error("{0}")]
    Review(String),
    #[error("Kỳ báo cáo “{0}” không hợp lệ (năm từ 1900 đến 2200, quý từ I đến IV).")]
    BadPeriod(String),
}

impl Edit {
    /// Consecutive edits with the same key merge into one undo step (typing a word
    /// is one step, not one per letter).
    pub fn merge_key(&self) -> Option<String> {
        match self {
            Edit::SectionBody {
                report, section, ..
            } => Some(format!("body/{report}/{section}")),
            Edit::SectionTitle {
                report, section, ..
            } => Some(format!("title/{report}/{section}")),
            Edit::ReportText { report, field, .. } => Some(format!("text/{report}/{field:?}")),
            Edit::IndicatorValue {
                period, indicator, ..
            } => Some(format!("value/{period:?}/{indicator}")),
            Edit::IndicatorEvidence {
                period, indicator, ..
            } => Some(format!("evidence/{period:?}/{indicator}")),
            Edit::TaskNote { period, task, .. } => Some(format!("note/{period:?}/{task}")),
            // Typing a cut-off date is one step, whatever dates it passes through.
            Edit::ReportPeriod { report, .. } => Some(format!("period/{report}")),
            _ => None,
        }
    }
}

fn report_mut<'a>(p: &'a mut Project, id: &str) -> Result<&'a mut Report, EditError> {
    p.report_mut(id)
        .ok_or_else(|| EditError::NoReport(id.to_owned()))
}

fn section_mut<'a>(r: &'a mut Report, id: &str) -> Result<&'a mut Section, EditError> {
    r.section_mut(id)
        .ok_or_else(|| EditError::NoSection(id.to_owned()))
}

/// A list typed one entry a line (Kính gửi, Nơi nhận) as it is stored: each line
/// trimmed and composed (NFC), blank lines left out.
pub fn list_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| vi::nfc(l.trim()))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The value of a plan indicator in `period`, created when missing.
fn indicator_entry(
    project: &mut Project,
    period: Period,
    id: IndicatorId,
) -> Result<&mut crate::model::IndicatorValue, EditError> {
    if project.plan.indicator(&id).is_none() {
        return Err(EditError::NoIndicator(id));
    }
    Ok(project
        .period_record_mut(period)
        .indicators
        .entry(id)
        .or_default())
}

/// The progress of a plan task in `period`, created when missing.
fn task_entry(
    project: &mut Project,
    period: Period,
    id: TaskId,
) -> Result<&mut crate::model::TaskProgress, EditError> {
    if project.plan.task(&id).is_none() {
        return Err(EditError::NoTask(id));
    }
    Ok(project
        .period_record_mut(period)
        .tasks
        .entry(id)
        .or_default())
}

/// Applies `edit` to `project`; on error nothing is changed.
pub fn apply(project: &mut Project, edit: Edit) -> Result<(), EditError> {
    match edit {
        Edit::SectionBody {
            report,
            section,
            text,
        } => section_mut(report_mut(project, &report)?, &section)?.body = vi::nfc(&text),
        Edit::SectionTitle {
            report,
            section,
            title,
        } => section_mut(report_mut(project, &report)?, &section)?.title = vi::nfc(&title),
        Edit::AddSection {
            report,
            parent,
            title,
        } => {
            let r = report_mut(project, &report)?;
            let id = {
                let taken: Vec<String> = r.all_sections().iter().map(|s| s.id.clone()).collect();
                new_id("muc-", taken.iter().map(String::as_str))
            };
            let section = Section::new(id, vi::nfc(&title));
            match parent {
                Some(p) => section_mut(r, &p)?.children.push(section),
                None => r.sections.push(section),
            }
        }
        Edit::RemoveSection { report, section } => {
            let r = report_mut(project, &report)?;
            let (list, pos) = siblings_of(&mut r.sections, &section)
                .ok_or_else(|| EditError::NoSection(section.clone()))?;
            // Skeleton parts are hints, not a cage: a report may leave one out.
            list.remove(pos);
        }
        Edit::MoveSection {
            report,
            section,
            delta,
        } => {
            let r = report_mut(project, &report)?;
            let (list, pos) = siblings_of(&mut r.sections, &section)
                .ok_or_else(|| EditError::NoSection(section.clone()))?;
            let target = (pos as i64 + i64::from(delta)).clamp(0, list.len() as i64 - 1) as usize;
            let moved = list.remove(pos);
            list.insert(target, moved);
        }
        Edit::SectionBodies { report, bodies } => {
            let r = report_mut(project, &report)?;
            // Every section first, so that a missing one changes nothing.
            if let Some((id, _)) = bodies.iter().find(|(id, _)| r.section(id).is_none()) {
                return Err(EditError::NoSection(id.clone()));
            }
            for (id, text) in bodies {
                section_mut(r, &id)?.body = vi::nfc(&text);
            }
        }
        Edit::PrintedTexts { report, texts } => find::write_printed(project, &report, texts)?,
        Edit::ProofingRules { report, off } => report_mut(project, &report)?.proofing.off = off,
        Edit::IgnoreFinding { report, key } => {
            let p = &mut report_mut(project, &report)?.proofing;
            if !p.ignored.contains(&key) {
                p.ignored.push(key);
            }
        }
        Edit::NestSection {
            report,
            section,
            deeper,
        } => nest(report_mut(project, &report)?, &section, deeper)?,
        Edit::SectionLayout {
            report,
            section,
            numbering,
            new_page,
            generated,
        } => {
            let s = section_mut(report_mut(project, &report)?, &section)?;
            s.numbering = numbering;
            s.new_page = new_page;
            s.generated = generated;
        }
        Edit::ReportText {
            report,
            field,
            text,
        } => {
            let r = report_mut(project, &report)?;
            match field {
                ReportText::Summary => r.summary = vi::nfc(text.trim_end_matches('\n')),
                ReportText::Opening => r.opening = vi::nfc(&text),
                ReportText::Closing => r.closing = vi::nfc(&text),
                ReportText::Recipients => r.recipients = list_lines(&text),
                ReportText::Distribution => r.distribution = list_lines(&text),
            }
        }
        Edit::ReportNumber { report, number } => report_mut(project, &report)?.number = number,
        Edit::ReportDate { report, date } => report_mut(project, &report)?.date = date,
        Edit::ReportSigner { report, signer } => report_mut(project, &report)?.signer = signer,
        Edit::Appendices {
            report,
            indicators,
            tasks,
        } => {
            let a = &mut report_mut(project, &report)?.appendices;
            a.indicators = indicators;
            a.tasks = tasks;
        }
        Edit::SigningImages(images) => project.signing = images,
        Edit::ReportPeriod { report, period } => {
            if !period.is_valid() {
                return Err(EditError::BadPeriod(period.short_label()));
            }
            let r = report_mut(project, &report)?;
            let (old, new) = (r.period.label(), period.label());
            if old != new {
                r.summary = r.summary.replace(&old, &new);
                r.closing = r.closing.replace(&old, &new);
            }
            r.period = period;
        }
        Edit::IndicatorTable {
            report,
            section,
            options,
        } => section_mut(report_mut(project, &report)?, &section)?.indicator_table = options,
        Edit::IndicatorValue {
            period,
            indicator,
            value,
        } => {
            if let Some(Value::Number(n)) = value
                && !(n.is_finite() && (0.0..=crate::storage::MAX_FIGURE).contains(&n))
            {
                return Err(EditError::NotAFigure(indicator));
            }
            let value = value.map(|v| match v {
                Value::Text(t) => Value::Text(vi::nfc(t.trim())),
                n => n,
            });
            indicator_entry(project, period, indicator)?.value = value;
        }
        Edit::IndicatorEvidence {
            period,
            indicator,
            text,
        } => {
            indicator_entry(project, period, indicator)?.evidence = vi::nfc(&text);
        }
        Edit::TaskState {
            period,
            task,
            state,
        } => {
            task_entry(project, period, task)?.state = state;
        }
        Edit::TaskNote { period, task, text } => {
            task_entry(project, period, task)?.note = vi::nfc(&text);
        }
        Edit::PasteIntoSection {
            report,
            section,
            cursor,
            body,
            children,
        } => {
            let r = report_mut(project, &report)?;
            let mut taken: Vec<String> = r.all_sections().iter().map(|s| s.id.clone()).collect();
            let mut children = children;
            for c in &mut children {
                renumber_ids(c, &mut taken);
            }
            let s = section_mut(r, &section)?;
            if !body.trim().is_empty() {
                s.body = vi::nfc(&rich_ops::insert_block(&s.body, cursor, &body));
            }
            s.children.extend(children);
        }
        Edit::ReplaceReportContent { report, with } => {
            let r = report_mut(project, &report)?;
            let with = *with;
            if !with.summary.trim().is_empty() {
                r.summary = vi::nfc(&with.summary);
            }
            if !with.recipients.is_empty() {
                r.recipients = with.recipients;
            }
            r.opening = vi::nfc(&with.opening);
            r.sections = with.sections;
            if !with.closing.trim().is_empty() {
                r.closing = vi::nfc(&with.closing);
            }
            if !with.distribution.is_empty() {
                r.distribution = with.distribution;
            }
            if !with.signer.is_empty() {
                r.signer = with.signer;
            }
            r.document_words = with.document_words;
        }
        Edit::AddReport(report) => {
            if project.report(&report.id).is_some() {
                return Err(EditError::DuplicateReport(report.id));
            }
            project.reports.push(*report);
        }
        Edit::Import(preview) => {
            let (indicators, tasks) = (&preview.indicators, &preview.tasks);
            refuse_taken(project, indicators, tasks, &preview.new_offices)?;
            crate::import::apply(&preview, project);
        }
        Edit::ImportPlan(import) => {
            let (indicators, tasks) = (&import.indicators, &import.tasks);
            refuse_taken(project, indicators, tasks, &import.new_offices)?;
            crate::import::plan::apply(&import, project);
        }
        Edit::Review {
            report,
            actor,
            at,
            edit,
        } => review(project, &report, &actor, at, edit)?,
        Edit::MergeReview(file) => {
            crate::review::merge(project, &file).map_err(|e| EditError::Review(e.to_string()))?;
        }
        Edit::AddComments {
            report,
            comments,
            replies,
        } => {
            let r = report_mut(project, &report)?;
            crate::review::add_imported(r, comments, replies)
                .map_err(|e| EditError::Review(e.to_string()))?;
        }
        Edit::AddProposed { report, changes } => {
            crate::review::add_proposed(report_mut(project, &report)?, changes);
        }
        Edit::Proposed { report, step } => {
            use crate::review as rv;
            let r = report_mut(project, &report)?;
            let done = match step {
                ProposedStep::Accept(id) => rv::accept_proposed(r, &id),
                ProposedStep::Reject(id) => rv::reject_proposed(r, &id),
                ProposedStep::AcceptAll => {
                    rv::accept_all_proposed(r);
                    Ok(())
                }
                ProposedStep::RejectAll => {
                    rv::reject_all_proposed(r);
                    Ok(())
                }
            };
            done.map_err(|e| EditError::Review(e.to_string()))?;
        }
        Edit::RevisePlan(plan) => project.plan = *plan,
    }
    Ok(())
}

/// Refuses an import whose indicators, tasks or offices take an id the project has
/// since given out: the import numbered its ids after the project's as it was, and
/// would otherwise add a second CT16.
fn refuse_taken(
    project: &Project,
    indicators: &[crate::model::Indicator],
    tasks: &[crate::model::Task],
    offices: &[crate::model::Office],
) -> Result<(), EditError> {
    let plan = &project.plan;
    let held = &project.organisation.offices;
    let taken = indicators
        .iter()
        .map(|i| &i.id)
        .find(|id| plan.indicators.iter().any(|x| &x.id == *id))
        .or_else(|| {
            tasks
                .iter()
                .map(|t| &t.id)
                .find(|id| plan.tasks.iter().any(|x| &x.id == *id))
        })
        .or_else(|| {
            offices
                .iter()
                .map(|o| &o.id)
                .find(|id| held.iter().any(|x| &x.id == *id))
        });
    taken.map_or(Ok(()), |id| Err(EditError::ImportOutdated(id.clone())))
}

/// Applies a review step to the report `id`.
fn review(
    project: &mut Project,
    id: &str,
    actor: &crate::review::Actor,
    at: chrono::NaiveDateTime,
    edit: ReviewEdit,
) -> Result<(), EditError> {
    use crate::review as r;
    let mut report = report_mut(project, id)?.clone();
    let done = match edit {
        ReviewEdit::Action {
            kind,
            issue,
            remark,
        } => r::apply_action(project, &mut report, kind, issue, actor, at, &remark),
        ReviewEdit::Comment {
            section,
            paragraph,
            text,
        } => r::add_comment(&mut report, &section, paragraph, &text, actor, at).map(|_| ()),
        ReviewEdit::Reply { comment, text } => r::reply(&mut report, &comment, &text, actor, at),
        ReviewEdit::Resolve { comment } => r::resolve(&mut report, &comment, actor, at),
        ReviewEdit::Reopen { comment } => r::reopen(&mut report, &comment, actor, at),
    };
    done.map_err(|e| EditError::Review(e.to_string()))?;
    *report_mut(project, id)? = report;
    Ok(())
}

#[cfg(test)]
mod tests;
