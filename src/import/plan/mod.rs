//! import, plan: a commune's Kế hoạch (plan) document, as plain text or Word, read
//! into the project's plan: its number, date, issuer and title become the plan's
//! reference; the task tables of its Phụ lục become tasks in their groups, with lead
//! and co-offices, product and deadline (as written, and what it means); the targets
//! of its objectives become indicators. What did not become data is quoted in a note.
//!
//! Two steps like the other imports: [`preview`] builds what would be added to a
//! project (new, matched, differing), [`apply`] adds it. Pure apart from reading the
//! file; the header and signature are read by the report recogniser
//! ([`crate::import::text`]), the tables by the table import's rules.

mod deadline;
mod front;
mod merge;
mod offices;
mod source;
mod table;
mod targets;

use std::path::{Path, PathBuf};

use crate::import::docx::{self as word, DocxError};
use crate::import::text::{self, Recognised};
use crate::model::{Group, Indicator, Office, Organisation, Project, Task};

pub use deadline::{describe as describe_deadline, is_conditional, meaning as deadline_meaning};
pub use front::Head;
pub use merge::{Matched, MatchedKind};
pub use source::Row;

/// Something the clerk should know about the plan or one of its rows, in Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanNote {
    /// 1-based line (text) or paragraph/row (Word); 0 for the document as a whole.
    pub row: usize,
    pub message: String,
}

impl PlanNote {
    pub fn new(row: usize, message: String) -> Self {
        Self { row, message }
    }
}

impl std::fmt::Display for PlanNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.row == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "Dòng {}: {}", self.row, self.message)
        }
    }
}

/// A plan document as read, before it is compared with a project.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanDocument {
    pub head: Head,
    pub rows: Vec<Row>,
    /// Notes of the header recogniser worth showing (dates that do not exist …).
    pub notes: Vec<PlanNote>,
}

/// What importing a plan document into a project would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanImport {
    pub head: Head,
    /// The organisation read from the header and signature, for a new project.
    pub organisation: Organisation,
    /// Offices named in the tables that the project does not have yet.
    pub new_offices: Vec<Office>,
    /// Offices named only by the document's version of rows the project already has;
    /// added when that version is taken as a revision ([`revised`]).
    pub revised_offices: Vec<Office>,
    pub task_groups: Vec<Group>,
    pub indicator_groups: Vec<Group>,
    /// Tasks to add, ids continuing the project's.
    pub tasks: Vec<Task>,
    /// Indicators to add, ids continuing the project's.
    pub indicators: Vec<Indicator>,
    /// Source row of each task and indicator to add, by id.
    pub rows_of: std::collections::HashMap<String, usize>,
    /// Rows that matched a task or indicator the project has (not added again), with
    /// what differs.
    pub matched: Vec<Matched>,
    /// Number of tables read as tasks or indicators.
    pub tables: usize,
    /// What did not become data, what the document lacked, what was joined.
    pub notes: Vec<PlanNote>,
}

impl PlanImport {
    /// The plan's group title of a task or indicator group id, among the new groups
    /// and the project's.
    pub fn group_title<'a>(&'a self, project: &'a Project, id: &str) -> &'a str {
        self.task_groups
            .iter()
            .chain(self.indicator_groups.iter())
            .chain(project.plan.task_groups.iter())
            .chain(project.plan.indicator_groups.iter())
            .find(|g| g.id == id)
            .map_or("", |g| g.title.as_str())
    }

    /// An office's name among the new offices and the project's.
    pub fn office_name(&self, project: &Project, id: &str) -> String {
        self.new_offices
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| project.organisation.office_label(id))
    }

    /// Whether nothing would be added or changed.
    pub fn adds_nothing(&self, project: &Project) -> bool {
        let sets_reference =
            project.plan.reference.trim().is_empty() && !self.head.reference.is_empty();
        self.tasks.is_empty() && self.indicators.is_empty() && !sets_reference
    }
}

/// Why a plan document could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum PlanImportError {
    #[error(
        "Không đọc được tệp ({reason}). Hãy kiểm tra tệp còn đó và bạn có quyền đọc.\nTệp: {}",
        path.display()
    )]
    Unreadable {
        path: PathBuf,
        reason: crate::storage::LimitedReadError,
    },
    #[error(
        "Tệp {} không phải văn bản thuần. Trong Word hãy chọn Lưu thành › Văn bản thuần (*.txt), mã hóa Unicode (UTF-8), hoặc nhập thẳng tệp .docx.",
        path.display()
    )]
    NotText { path: PathBuf },
    #[error(transparent)]
    Word(#[from] DocxError),
    #[error("Tệp {} không có chữ nào; không có kế hoạch để nhập.", path.display())]
    Empty { path: PathBuf },
}

/// Reads the plan at `path`: a Word document (`.docx`) or plain text.
pub fn read_file(path: &Path) -> Result<PlanDocument, PlanImportError> {
    let doc = if word::is_docx(path) {
        let bytes = word::read_file(path)?;
        let docx = word::open(&bytes, path)?;
        let rec = word::recognise(&docx).rec;
        document(source::docx_rows(&docx), &rec)
    } else {
        let (bytes, _) = crate::storage::read_limited(path, crate::limits::MAX_TEXT_BYTES)
            .map_err(|reason| PlanImportError::Unreadable {
                path: path.to_path_buf(),
                reason,
            })?;
        let (text, _) = crate::import::decode(&bytes).ok_or_else(|| PlanImportError::NotText {
            path: path.to_path_buf(),
        })?;
        read_text(&text)
    };
    if doc.rows.iter().all(Row::is_blank) {
        return Err(PlanImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(doc)
}

/// Reads a plan from its plain text (tab-separated tables as Word copies them).
pub fn read_text(text: &str) -> PlanDocument {
    let rec = text::recognise(&source::without_markup(text));
    document(source::text_rows(text), &rec)
}

fn document(rows: Vec<Row>, rec: &Recognised) -> PlanDocument {
    let head = front::read(&rows, rec);
    let notes = rec
        .notes
        .iter()
        .filter(|n| n.message.contains("không có thật"))
        .map(|n| PlanNote::new(n.line, n.message.clone()))
        .collect();
    PlanDocument { head, rows, notes }
}

/// What importing `doc` into `project` would add, match and leave out.
pub fn preview(doc: &PlanDocument, project: &Project) -> PlanImport {
    let mut notes = doc.notes.clone();
    let mut scratch = project.clone();
    if scratch.plan.year == 0 {
        scratch.plan.year = doc
            .head
            .year
            .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    }
    let tables = table::read(&doc.rows, &mut scratch, &mut notes);
    offices::unify_abbreviations(&mut scratch, project.organisation.offices.len(), &mut notes);
    let body_end = tables
        .first_header
        .or_else(|| doc.rows.iter().position(front::is_appendix_title))
        .unwrap_or(doc.rows.len());
    let found = targets::read(doc.rows.get(..body_end).unwrap_or(&[]), &mut notes);
    let mut rows_of = tables.rows_of;
    merge::add_text_targets(found, &mut scratch, &mut rows_of);
    let mut import = merge::compare(project, scratch, rows_of);
    import.head = doc.head.clone();
    import.organisation = front::organisation(&doc.head);
    import.tables = tables.read;
    notes.extend(lacks(&import, &doc.head));
    notes.sort_by_key(|n| n.row);
    import.notes = notes;
    import
}

/// What the document lacked, as notes on the document as a whole.
fn lacks(import: &PlanImport, head: &Head) -> Vec<PlanNote> {
    let mut out = Vec::new();
    let mut say = |m: &str| out.push(PlanNote::new(0, m.to_owned()));
    if !head.is_plan {
        say("văn bản không mang tên “KẾ HOẠCH” hay số ký hiệu KH; vẫn đọc như một kế hoạch.");
    }
    if !head.resolution57 {
        say(
            "kế hoạch không nhắc đến Nghị quyết số 57-NQ/TW; đây có thể không phải kế hoạch thực hiện Nghị quyết 57 — hãy xem lại trước khi dùng làm kế hoạch của dự án.",
        );
    }
    if head.number.is_none() {
        say(
            "kế hoạch chưa có số (Số: …/KH-…); tham chiếu kế hoạch để trống số, hãy điền khi kế hoạch được ban hành.",
        );
    }
    if head.date.is_none() {
        say("kế hoạch chưa ghi đủ ngày ban hành; tham chiếu kế hoạch không có ngày.");
    }
    if head.year.is_none() {
        say("không tìm thấy năm của kế hoạch; các thời hạn không ghi năm được hiểu theo năm nay.");
    }
    if import.tables == 0 {
        say(
            "văn bản không có bảng nhiệm vụ (Phụ lục với các cột STT, Nhiệm vụ, Đơn vị chủ trì, …); chưa nhập nhiệm vụ nào. Nếu Phụ lục là tệp riêng, hãy nhập tệp đó.",
        );
    }
    if import.tasks.is_empty() && import.tables > 0 && import.matched.is_empty() {
        say("các bảng không có dòng nhiệm vụ nào đọc được.");
    }
    if import.indicators.is_empty()
        && !import
            .matched
            .iter()
            .any(|m| m.kind == MatchedKind::Indicator)
    {
        say(
            "không tìm thấy chỉ tiêu có con số (như “đạt 95%”, “tối thiểu 10 sáng kiến”) trong phần mục tiêu, chỉ tiêu.",
        );
    }
    if head.signer.is_none() {
        say("không đọc được người ký ở cuối kế hoạch.");
    }
    out
}

/// Adds what `import` found to `project`: the plan's reference, title and year when the
/// project has none, then new offices, groups, tasks and indicators. The import must
/// have been built against this project. Matched rows are not added again; nothing the
/// project has is changed.
pub fn apply(import: &PlanImport, project: &mut Project) {
    let plan = &mut project.plan;
    if plan.reference.trim().is_empty() {
        plan.reference = import.head.reference.clone();
    }
    if plan.title.trim().is_empty() {
        plan.title = import.head.title.clone();
    }
    if plan.year == 0
        && let Some(year) = import.head.year
    {
        plan.year = year;
    }
    plan.task_groups.extend(import.task_groups.iter().cloned());
    plan.indicator_groups
        .extend(import.indicator_groups.iter().cloned());
    plan.tasks.extend(import.tasks.iter().cloned());
    plan.indicators.extend(import.indicators.iter().cloned());
    fill_organisation(&mut project.organisation, &import.organisation);
    project
        .organisation
        .offices
        .extend(import.new_offices.iter().cloned());
}

/// The project as it would be were the plan document taken as a revision of its plan
/// (`import-plan --decided-by`): what is new added as [`apply`] adds it, and each row the
/// project already has changed to read as the document writes it (its offices, output,
/// deadline and directing leader; an indicator's target and unit). Names, ids, groups
/// and notes of those rows stay the project's. The revision itself is recorded by
/// `session::plan_revisions::revise` from the plan before and after.
pub fn revised(import: &PlanImport, project: &Project) -> Project {
    let mut after = project.clone();
    apply(import, &mut after);
    after
        .organisation
        .offices
        .extend(import.revised_offices.iter().cloned());
    for m in &import.matched {
        if let Some(theirs) = &m.task
            && let Some(ours) = after.plan.tasks.iter_mut().find(|t| t.id == m.id)
        {
            ours.lead.clone_from(&theirs.lead);
            ours.coordinating.clone_from(&theirs.coordinating);
            ours.output.clone_from(&theirs.output);
            ours.deadline = theirs.deadline.clone();
            ours.deadline_as_written
                .clone_from(&theirs.deadline_as_written);
            if !theirs.directing.trim().is_empty() {
                ours.directing.clone_from(&theirs.directing);
            }
        }
        if let Some(theirs) = &m.indicator
            && let Some(ours) = after.plan.indicators.iter_mut().find(|i| i.id == m.id)
        {
            ours.target = theirs.target.clone();
            ours.target_as_written.clone_from(&theirs.target_as_written);
            ours.unit.clone_from(&theirs.unit);
        }
    }
    after
}

/// Fills what the project's organisation leaves empty (a new project) from the plan's
/// header and signature; what the project has stays.
fn fill_organisation(ours: &mut Organisation, plan: &Organisation) {
    let fill = |to: &mut String, from: &String| {
        if to.trim().is_empty() {
            to.clone_from(from);
        }
    };
    fill(&mut ours.parent_body, &plan.parent_body);
    fill(&mut ours.full_name, &plan.full_name);
    fill(&mut ours.short_name, &plan.short_name);
    fill(&mut ours.doc_code, &plan.doc_code);
    fill(&mut ours.place, &plan.place);
    fill(&mut ours.archive, &plan.archive);
    if ours.issuing_body.iter().all(|l| l.trim().is_empty()) {
        ours.issuing_body.clone_from(&plan.issuing_body);
    }
    if ours.signers.is_empty() {
        ours.signers.clone_from(&plan.signers);
    }
}

/// A new project from a plan: the organisation from its header and signature, then
/// the plan imported into it.
pub fn new_project(doc: &PlanDocument) -> (Project, PlanImport) {
    let mut project = Project::default();
    let import = preview(doc, &project);
    apply(&import, &mut project);
    (project, import)
}

/// Whether a report's recognised text is a plan (title `KẾ HOẠCH`, or a `KH` number
/// the recogniser noted): `baocao import` then points to `import-plan`.
pub fn looks_like_plan(rec: &Recognised) -> bool {
    front::is_plan_title(rec.title.as_deref().unwrap_or(""))
        || rec
            .notes
            .iter()
            .any(|n| n.message.starts_with("số văn bản") && n.message.contains("có loại “KH”"))
}

#[cfg(test)]
mod tests;
