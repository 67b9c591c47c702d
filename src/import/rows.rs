//! Turns the rows under the header into groups, indicators or tasks, resolving office
//! names against the project and giving fresh ids; rows it cannot read become problems.

use crate::model::{
    Group, Indicator, Office, OfficeId, Project, Target, Task, deadline_problem, new_id,
    parse_deadline, parse_target, target_problem,
};

use super::header::{Field, Header, recognised_count};
use super::read::Table;
use super::{ImportKind, ImportPreview, ImportProblem};
use crate::vi::fold;

/// Builds the preview from the rows after the header.
pub(super) fn build(
    table: &Table,
    header: &Header,
    project: &Project,
    kind: ImportKind,
) -> ImportPreview {
    let mut b = Builder::new(header, project, kind);
    for (index, cells) in table.rows.iter().enumerate().skip(header.data_start) {
        // `rows[i]` is spreadsheet row `i + 1`.
        b.row(index + 1, cells);
    }
    b.preview
}

struct Builder<'a> {
    project: &'a Project,
    kind: ImportKind,
    width: usize,
    name: Option<usize>,
    /// The header: which column holds what.
    header: Header,
    /// Id of the group rows now belong to.
    group: String,
    /// Whether the previous non-empty row was an imported item (for wrapped names).
    last_was_item: bool,
    next_number: u32,
    /// Every office known so far (the project's and those this import adds) by
    /// [`office_key`] of its name and short name: one lookup per cell, however many.
    office_index: std::collections::HashMap<String, OfficeId>,
    /// The number of the next new office id (`DV07`), and the ids taken.
    next_office: u32,
    office_ids: std::collections::HashSet<OfficeId>,
    preview: ImportPreview,
}

impl<'a> Builder<'a> {
    fn new(header: &Header, project: &'a Project, kind: ImportKind) -> Self {
        let (own, other) = match kind {
            ImportKind::Indicators => (Field::IndicatorName, Field::TaskName),
            ImportKind::Tasks => (Field::TaskName, Field::IndicatorName),
        };
        let prefix = match kind {
            ImportKind::Indicators => "CT",
            ImportKind::Tasks => "NV",
        };
        let existing: Vec<&str> = match kind {
            ImportKind::Indicators => project
                .plan
                .indicators
                .iter()
                .map(|i| i.id.as_str())
                .collect(),
            ImportKind::Tasks => project.plan.tasks.iter().map(|t| t.id.as_str()).collect(),
        };
        let next_number = crate::model::next_number(prefix, existing);
        let offices = &project.organisation.offices;
        let mut office_index = std::collections::HashMap::new();
        for o in offices {
            for name in [&o.name, &o.short] {
                let key = office_key(name);
                if !key.is_empty() {
                    office_index.entry(key).or_insert_with(|| o.id.clone());
                }
            }
        }
        let next_office = crate::model::next_number("DV", offices.iter().map(|o| o.id.as_str()));
        Builder {
            project,
            kind,
            office_index,
            next_office,
            office_ids: offices.iter().map(|o| o.id.clone()).collect(),
            width: header.width,
            name: header.column(own).or_else(|| header.column(other)),
            header: header.clone(),
            group: String::new(),
            last_was_item: false,
            next_number,
            preview: ImportPreview {
                kind,
                mapping: header.mapping.clone(),
                indicators: Vec::new(),
                tasks: Vec::new(),
                item_rows: Vec::new(),
                groups: Vec::new(),
                new_offices: Vec::new(),
                problems: Vec::new(),
                source: None,
            },
        }
    }

    fn problem(&mut self, row: usize, reason: String) {
        self.preview.problems.push(ImportProblem { row, reason });
        self.last_was_item = false;
    }

    fn row(&mut self, row: usize, cells: &[String]) {
        let cell =
            |i: Option<usize>| -> &str { i.and_then(|i| cells.get(i)).map_or("", |c| c.trim()) };
        let filled: Vec<(usize, &str)> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.trim()))
            .filter(|(_, c)| !c.is_empty())
            .collect();
        let Some(&(first_col, first)) = filled.first() else {
            return;
        };
        if filled.len() >= 3 && filled.iter().all(|(_, c)| is_column_number(c)) {
            return;
        }
        // The header again: a Word table that broke across pages repeats it.
        if recognised_count(cells) >= 2 {
            self.last_was_item = false;
            return;
        }
        // A group: a Roman numeral first, alone or before the title.
        if let Some(rest) = strip_roman(first) {
            let title = if rest.is_empty() {
                filled.get(1).map_or("", |(_, c)| *c)
            } else {
                rest
            };
            if !title.is_empty() && filled.len() <= 2 {
                self.start_group(title);
                return;
            }
        }
        if filled.len() == 1 {
            let starts_upper = first.chars().next().is_some_and(char::is_uppercase);
            if Some(first_col) == self.name && !starts_upper {
                if self.last_was_item {
                    self.continue_name(first);
                    return;
                }
                let reason =
                    "chỉ có phần tên viết tiếp, nhưng dòng trên không nhập được".to_owned();
                return self.problem(row, reason);
            }
            if first_col < self.width && !is_column_number(first) {
                self.start_group(first);
                return;
            }
        }
        if let Some((col, _)) = filled.iter().find(|(i, _)| *i >= self.width) {
            let reason = format!(
                "dòng có nội dung ở cột {} nằm ngoài bảng (bảng có {} cột); có thể một ô chứa dấu phân cách mà không đặt trong ngoặc kép",
                col + 1,
                self.width
            );
            return self.problem(row, reason);
        }
        let name = cell(self.name);
        if name.is_empty() {
            let reason = format!("thiếu tên {}", self.kind.label());
            return self.problem(row, reason);
        }
        let directing = cell(self.header.column(Field::Directing)).to_owned();
        let result = match self.kind {
            ImportKind::Indicators => self.indicator(
                name,
                cell(self.header.column(Field::Target)),
                cell(self.header.column(Field::Unit)),
                cell(self.header.column(Field::Lead)),
                cell(self.header.column(Field::Note)),
            ),
            ImportKind::Tasks => self
                .task(
                    name,
                    cell(self.header.column(Field::Lead)),
                    cell(self.header.column(Field::Coordinating)),
                    cell(self.header.column(Field::Output)),
                    cell(self.header.column(Field::Deadline)),
                    cell(self.header.column(Field::Note)),
                )
                .map(|task| self.preview.tasks.push(Task { directing, ..task })),
        };
        match result {
            Ok(()) => {
                self.preview.item_rows.push(row);
                self.last_was_item = true;
            }
            Err(reason) => self.problem(row, reason),
        }
    }

    fn indicator(
        &mut self,
        name: &str,
        target_text: &str,
        unit_text: &str,
        lead: &str,
        note: &str,
    ) -> Result<(), String> {
        let (target, unit) = if self.header.column(Field::Target).is_none() {
            (Target::default(), String::new())
        } else if target_text.is_empty() {
            return Err(
                "thiếu chỉ tiêu năm (ví dụ “≥ 90%”, “Tối thiểu 10 sáng kiến”, “Hoàn thành”)"
                    .to_owned(),
            );
        } else {
            parse_target(target_text)
        };
        if matches!(target, Target::Text { .. }) && expects_number(target_text, unit_text) {
            return Err(format!(
                "không đọc được chỉ tiêu “{target_text}”: cần một con số (ví dụ “≥ 90%”, “Tối thiểu 10 sáng kiến”)"
            ));
        }
        let unit = if unit.is_empty() {
            unit_text.to_owned()
        } else {
            unit
        };
        if self.header.column(Field::Target).is_some()
            && let Some(reason) = target_problem(target_text, &target, &unit)
        {
            return Err(reason);
        }
        let id = self.next_id("CT");
        let lead = self.offices(lead);
        self.preview.indicators.push(Indicator {
            id,
            group: self.group.clone(),
            name: name.to_owned(),
            unit,
            target,
            target_as_written: target_text.to_owned(),
            accrues_over_year: false,
            lead,
            note: note.to_owned(),
        });
        Ok(())
    }

    fn task(
        &mut self,
        name: &str,
        lead: &str,
        coordinating: &str,
        output: &str,
        deadline: &str,
        note: &str,
    ) -> Result<Task, String> {
        let parsed = parse_deadline(deadline, self.project.plan.year);
        if let Some(reason) = deadline_problem(deadline, &parsed) {
            return Err(reason);
        }
        Ok(Task {
            id: self.next_id("NV"),
            group: self.group.clone(),
            name: name.to_owned(),
            lead: self.offices(lead),
            coordinating: self.offices(coordinating),
            output: output.to_owned(),
            deadline: parsed,
            deadline_as_written: String::new(),
            directing: String::new(),
            note: note.to_owned(),
        })
    }

    fn next_id(&mut self, prefix: &str) -> String {
        let id = format!("{prefix}{:02}", self.next_number);
        self.next_number += 1;
        id
    }

    /// Appends a wrapped line to the name of the item just read.
    fn continue_name(&mut self, text: &str) {
        let name = match self.kind {
            ImportKind::Indicators => self.preview.indicators.last_mut().map(|i| &mut i.name),
            ImportKind::Tasks => self.preview.tasks.last_mut().map(|t| &mut t.name),
        };
        if let Some(name) = name {
            name.push(' ');
            name.push_str(text);
        }
    }

    /// Rows from here on belong to the group titled `title` (reused when the project or
    /// this import already has a group of that title).
    fn start_group(&mut self, title: &str) {
        self.last_was_item = false;
        let existing = match self.kind {
            ImportKind::Indicators => &self.project.plan.indicator_groups,
            ImportKind::Tasks => &self.project.plan.task_groups,
        };
        let key = fold(title);
        if let Some(g) = existing
            .iter()
            .chain(self.preview.groups.iter())
            .find(|g| fold(&g.title) == key)
        {
            self.group = g.id.clone();
            return;
        }
        let prefix = match self.kind {
            ImportKind::Indicators => "NCT",
            ImportKind::Tasks => "NNV",
        };
        let id = new_id(
            prefix,
            existing
                .iter()
                .chain(self.preview.groups.iter())
                .map(|g| g.id.as_str()),
        );
        self.preview.groups.push(Group {
            id: id.clone(),
            title: title.to_owned(),
        });
        self.group = id;
    }

    /// Office ids for a cell naming one or more offices, creating the offices the
    /// project does not have. Offices are separated by `;`, line breaks and commas
    /// (`Đảng ủy, HĐND, UBND, MTTQ Việt Nam`); a comma inside one office's name
    /// (`Phòng Văn hóa, Thể thao và Du lịch`) is kept when the text after it does not
    /// start like an office.
    fn offices(&mut self, text: &str) -> Vec<OfficeId> {
        let mut ids: Vec<OfficeId> = Vec::new();
        for name in split_offices(text, |name| self.find_office(name).is_some()) {
            let id = match self.find_office(&name) {
                Some(id) => id,
                None => self.new_office(&name),
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    fn find_office(&self, name: &str) -> Option<OfficeId> {
        let key = office_key(name);
        if key.is_empty() {
            return None;
        }
        self.office_index.get(&key).cloned()
    }

    fn new_office(&mut self, name: &str) -> OfficeId {
        let id = loop {
            let id = format!("DV{:02}", self.next_office);
            self.next_office += 1;
            if !self.office_ids.contains(&id) {
                break id;
            }
        };
        self.office_ids.insert(id.clone());
        self.office_index.insert(office_key(name), id.clone());
        self.preview.new_offices.push(Office {
            id: id.clone(),
            name: name.to_owned(),
            short: name.to_owned(),
        });
        id
    }
}

/// The words an office's name starts with in communes' plans.
const OFFICE_HEADS: [&str; 40] = [
    "phòng",
    "ban",
    "văn phòng",
    "trung tâm",
    "đảng ủy",
    "đảng uỷ",
    "ủy ban",
    "uỷ ban",
    "hội đồng",
    "mặt trận",
    "hội",
    "đoàn",
    "công an",
    "quân sự",
    "ban chỉ huy",
    "trạm",
    "trường",
    "bưu điện",
    "chi nhánh",
    "công chức",
    "bộ phận",
    "tổ",
    "các",
    "hợp tác xã",
    "ngân hàng",
    "bệnh viện",
    "chi bộ",
    "đài",
    "thôn",
    "khu",
    "tổ dân phố",
    "cơ quan",
    "doanh nghiệp",
    "sở",
    "ubnd",
    "hđnd",
    "mttq",
    "đảng",
    "y tế",
    "chi hội",
];

/// Whether `part` (the text after a comma) starts like an office: a known head word,
/// an abbreviation in capitals (`HĐND`, `MTTQ`), or a name `known` recognises.
fn starts_like_office(part: &str, known: &impl Fn(&str) -> bool) -> bool {
    let lower = part.to_lowercase();
    let first = part.split_whitespace().next().unwrap_or_default();
    known(part)
        || OFFICE_HEADS
            .iter()
            .any(|h| lower == *h || lower.starts_with(&format!("{h} ")))
        || (first.chars().count() >= 2
            && first
                .chars()
                .all(|c| c.is_uppercase() || c == '-' || c == '.'))
}

/// The office names of a cell (see [`Builder::offices`]), trimmed of list marks.
pub(crate) fn split_offices(text: &str, known: impl Fn(&str) -> bool) -> Vec<String> {
    let mut names = Vec::new();
    for part in text.split([';', '\n']) {
        let part = part.trim().trim_start_matches(['-', '+', '•']).trim();
        if part.is_empty() {
            continue;
        }
        if known(part) {
            names.push(part.to_owned());
            continue;
        }
        let mut current = String::new();
        for piece in part.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let piece = piece.trim_start_matches("và ").trim();
            // `Các phòng, ban, đơn vị`: a phrase naming a group of offices is one
            // office; its lower-case pieces continue it.
            let continues_group = current.to_lowercase().starts_with("các ")
                && piece.chars().next().is_some_and(char::is_lowercase);
            if current.is_empty() {
                current = piece.to_owned();
            } else if !continues_group && starts_like_office(piece, &known) {
                names.push(std::mem::take(&mut current));
                current = piece.to_owned();
            } else {
                current.push_str(", ");
                current.push_str(piece);
            }
        }
        if !current.is_empty() {
            names.push(current);
        }
    }
    names
}

/// Office names compare in NFC, case-insensitively, with spaces collapsed, dashes and
/// `&` taken as spaces (`Văn hóa - Xã hội` = `Văn hóa Xã hội`, `HĐND&UBND` = `HĐND &
/// UBND`) and the old and new placement of the tone mark taken as one (`Văn hoá` =
/// `Văn hóa`).
pub(crate) fn office_key(name: &str) -> String {
    let lower = crate::vi::nfc(name)
        .to_lowercase()
        .replace(['-', '–', '&'], " ");
    let mut key = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    for (old, new) in [
        ("oá", "óa"),
        ("oà", "òa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("oé", "óe"),
        ("oè", "òe"),
        ("uý", "úy"),
        ("uỳ", "ùy"),
        ("uỷ", "ủy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
    ] {
        key = key.replace(old, new);
    }
    key
}

/// `I`, `II.`, `IV)` or `III. NHIỆM VỤ …`: the text after the numeral, or `None` when
/// the cell does not start with a Roman numeral.
fn strip_roman(cell: &str) -> Option<&str> {
    let end = cell
        .char_indices()
        .find(|(_, c)| !matches!(c, 'I' | 'V' | 'X'))
        .map_or(cell.len(), |(i, _)| i);
    if end == 0 || end > 5 {
        return None;
    }
    let rest = &cell[end..];
    if rest.is_empty() {
        return Some("");
    }
    let after = rest.strip_prefix(['.', ')', '/'])?;
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(after.trim())
}

/// `1`, `(2)`, `3.`: the numbering row some tables carry under the header.
fn is_column_number(cell: &str) -> bool {
    let t = cell.trim_start_matches('(').trim_end_matches([')', '.']);
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

/// True when a target is written as a comparison or percentage (or the table gives a
/// unit), so that a target without a number is a mistake rather than a qualitative one.
fn expects_number(target: &str, unit: &str) -> bool {
    let t = fold(target);
    target.contains(['%', '≥', '≤', '>', '<', '='])
        || [
            "toi thieu",
            "it nhat",
            "toi da",
            "tren",
            "duoi",
            "khong qua",
        ]
        .iter()
        .any(|w| t == *w || t.starts_with(&format!("{w} ")))
        || !unit.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_start_groups() {
        assert_eq!(
            strip_roman("I. NHIỆM VỤ TRỌNG TÂM"),
            Some("NHIỆM VỤ TRỌNG TÂM")
        );
        assert_eq!(strip_roman("II"), Some(""));
        assert_eq!(
            strip_roman("IV) Về chuyển đổi số"),
            Some("Về chuyển đổi số")
        );
        assert_eq!(strip_roman("IoT"), None);
        assert_eq!(strip_roman("1"), None);
        assert_eq!(strip_roman("Việc"), None);
    }

    #[test]
    fn a_phrase_naming_a_group_of_offices_is_one_office_and_a_list_is_several() {
        let none = |_: &str| false;
        assert_eq!(
            split_offices("Các phòng, ban, đơn vị", none),
            ["Các phòng, ban, đơn vị"]
        );
        assert_eq!(
            split_offices("Các phòng, cơ quan, đơn vị", none),
            ["Các phòng, cơ quan, đơn vị"]
        );
        assert_eq!(
            split_offices("Đảng ủy, HĐND, UBND", none),
            ["Đảng ủy", "HĐND", "UBND"]
        );
        assert_eq!(
            split_offices("Phòng Văn hóa - Xã hội, Trung tâm DVSNC", none),
            ["Phòng Văn hóa - Xã hội", "Trung tâm DVSNC"]
        );
        assert_eq!(
            office_key("Phòng Văn hoá -  Xã hội"),
            office_key("Phòng Văn hóa Xã hội")
        );
        assert_eq!(office_key("HĐND&UBND"), office_key("HĐND & UBND"));
    }

    #[test]
    fn a_number_is_expected_after_a_comparison_or_a_percent_sign() {
        assert!(expects_number("abc%", ""));
        assert!(expects_number("Tối thiểu", ""));
        assert!(expects_number("nhiều", "sáng kiến"));
        assert!(!expects_number("Hoàn thành", ""));
    }
}
