//! Import of indicator and task tables (CSV or XLSX) into a project's plan, and of
//! the plain text of a report ([`text`]) as a new report.
//!
//! Two steps, so that nothing changes before the clerk has seen it: [`preview`] reads
//! the file, finds the header, maps the columns and builds the indicators or tasks
//! (with new offices and groups) against the project, listing the rows it could not
//! read; [`apply`] then adds them. Pure apart from reading the file; no egui here.

mod csv;
mod describe;
pub mod docx;
mod header;
pub mod plan;
mod read;
mod rows;
pub mod text;
pub mod zipped;

use std::path::{Path, PathBuf};

use crate::model::{Group, Indicator, Office, Project, Task};

/// Kept for the city summary (`aggregate`), which names folding through `import`.
pub use crate::vi::fold;
pub use csv::{CsvSource, Encoding, decode, parse_csv, read_csv};
pub use describe::{PreviewRow, describe, summary};
pub use header::{ColumnMapping, Field, Header, find_header, recognise};
pub use read::{Format, Table, WorkbookProblem, detect_format, read_table};

/// Whether a table lists indicators (chỉ tiêu) or tasks (nhiệm vụ).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    /// Chỉ tiêu, added to [`crate::model::Plan::indicators`].
    Indicators,
    /// Nhiệm vụ, added to [`crate::model::Plan::tasks`].
    Tasks,
}

impl ImportKind {
    /// `chỉ tiêu` or `nhiệm vụ`.
    pub fn label(self) -> &'static str {
        match self {
            ImportKind::Indicators => "chỉ tiêu",
            ImportKind::Tasks => "nhiệm vụ",
        }
    }
}

/// A row that could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    /// 1-based row number, as the spreadsheet shows it.
    pub row: usize,
    /// Why, in Vietnamese.
    pub reason: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Dòng {}: {}", self.row, self.reason)
    }
}

/// What an import would add, for the clerk to confirm.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPreview {
    /// Indicators or tasks, as decided from the columns or forced by the caller.
    pub kind: ImportKind,
    /// Every recognised column and what it is read as.
    pub mapping: Vec<ColumnMapping>,
    /// Indicators to add (empty for a task table), ids continuing the project's.
    pub indicators: Vec<Indicator>,
    /// Tasks to add (empty for an indicator table), ids continuing the project's.
    pub tasks: Vec<Task>,
    /// Spreadsheet row of each indicator or task, in the same order.
    pub item_rows: Vec<usize>,
    /// New groups to add (groups whose title the project already has are reused).
    pub groups: Vec<Group>,
    /// Offices named in the table that the project does not have yet.
    pub new_offices: Vec<Office>,
    /// Rows left out, with the reason.
    pub problems: Vec<ImportProblem>,
    /// For a CSV file, the encoding and separator detected (shown in the preview).
    pub source: Option<CsvSource>,
}

impl ImportPreview {
    /// How the file was read, for the preview: `CSV, mã hóa …, phân cách bằng …` or
    /// `bảng tính Excel (.xlsx)`.
    pub fn source_label(&self) -> String {
        self.source
            .map(|s| s.describe())
            .unwrap_or_else(|| "bảng tính Excel (.xlsx)".to_owned())
    }
}

/// Why a file could not be read as a table at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("Không đọc được tệp ({reason}). Hãy kiểm tra tệp còn đó và bạn có quyền đọc.\nTệp: {}", path.display())]
    Unreadable {
        path: PathBuf,
        reason: crate::storage::LimitedReadError,
    },
    /// Neither CSV text nor an XLSX workbook.
    #[error(
        "Tệp {} không phải bảng CSV hoặc Excel (.xlsx); hãy lưu bảng dưới dạng .csv (UTF-8) hoặc .xlsx.",
        path.display()
    )]
    NotATable { path: PathBuf },
    /// Over one of the bounds of [`crate::limits`].
    #[error(
        "Không nhập bảng này: {what} (giới hạn để chương trình không bị treo hay hết bộ nhớ). Hãy chép phần bảng cần nhập sang một tệp mới rồi nhập lại.\nTệp: {}",
        path.display()
    )]
    TooBig {
        path: PathBuf,
        what: crate::limits::Exceeded,
    },
    /// The workbook could not be opened or its sheet read.
    #[error("Không mở được bảng tính: {reason}. Hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dưới dạng .xlsx hoặc .csv.\nTệp: {}", path.display())]
    Workbook {
        path: PathBuf,
        reason: read::WorkbookProblem,
    },
    /// The named worksheet is not in the workbook.
    #[error("Bảng tính {} không có trang “{sheet}”. Các trang có: {available}.", path.display())]
    NoSheet {
        path: PathBuf,
        sheet: String,
        available: String,
    },
    /// No cell holds any text.
    #[error("Tệp {} không có dữ liệu.", path.display())]
    Empty { path: PathBuf },
    /// No row with at least two known column titles.
    #[error(
        "Không tìm thấy dòng tiêu đề trong tệp {}: cần ít nhất hai cột có tiêu đề như “STT”, “Tên chỉ tiêu” hoặc “Nhiệm vụ”, “Chỉ tiêu năm”, “Đơn vị chủ trì”.",
        path.display()
    )]
    NoHeader { path: PathBuf },
    /// A header without a name column.
    #[error(
        "Bảng trong tệp {} không có cột tên {kind}: cần cột “Tên chỉ tiêu”, “Nội dung” hoặc “Nhiệm vụ”.",
        path.display()
    )]
    NoNameColumn { path: PathBuf, kind: &'static str },
}

/// Reads `path` (CSV or the first worksheet of an XLSX) and builds what importing it
/// into `project` would add. `kind` forces indicators or tasks; otherwise a `Nhiệm vụ`
/// column means tasks and anything else indicators.
pub fn preview(
    path: &Path,
    project: &Project,
    kind: Option<ImportKind>,
) -> Result<ImportPreview, ImportError> {
    let table = read_table(path, None)?;
    if table.is_empty() {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    let header = find_header(&table).ok_or_else(|| ImportError::NoHeader {
        path: path.to_path_buf(),
    })?;
    let has = |f: Field| header.column(f).is_some();
    let kind = kind.unwrap_or(if has(Field::TaskName) {
        ImportKind::Tasks
    } else {
        ImportKind::Indicators
    });
    if !has(Field::TaskName) && !has(Field::IndicatorName) {
        return Err(ImportError::NoNameColumn {
            path: path.to_path_buf(),
            kind: kind.label(),
        });
    }
    let mut preview = rows::build(&table, &header, project, kind);
    preview.source = table.source;
    Ok(preview)
}

/// Adds what `preview` found to `project`: new groups and offices, then the indicators
/// or tasks. The preview must have been built against this project.
pub fn apply(preview: &ImportPreview, project: &mut Project) {
    project
        .organisation
        .offices
        .extend(preview.new_offices.iter().cloned());
    let plan = &mut project.plan;
    match preview.kind {
        ImportKind::Indicators => plan.indicator_groups.extend(preview.groups.iter().cloned()),
        ImportKind::Tasks => plan.task_groups.extend(preview.groups.iter().cloned()),
    }
    plan.indicators.extend(preview.indicators.iter().cloned());
    plan.tasks.extend(preview.tasks.iter().cloned());
}
