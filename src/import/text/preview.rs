//! import, text: one preview of a recognised report for every presenter (the paste
//! and Word dialogs, `baocao import`): the outline with its numbers and what each
//! section holds, what the text holds in all, and the period an imported report takes.

use super::Recognised;
use crate::model::rich::{self, Block};
use crate::model::{ChildNumbering, Period, PeriodKind, Project, Section, SectionRole};

/// One line of the outline of recognised sections.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineRow {
    /// 0 for a top section.
    pub depth: usize,
    /// The number as it prints: `I.`, `1.`, `a)`.
    pub number: String,
    /// The title as recognised.
    pub title: String,
    /// What the section's text holds (see [`contents`]).
    pub contents: String,
    /// The editor step the section belongs to, when recognised.
    pub role: Option<SectionRole>,
}

/// The sections as an outline, each line numbered as it prints.
pub fn outline(sections: &[Section]) -> Vec<OutlineRow> {
    let mut out = Vec::new();
    walk(sections, &[], false, &mut out);
    out
}

fn walk(list: &[Section], path: &[usize], letters: bool, out: &mut Vec<OutlineRow>) {
    for (i, s) in list.iter().enumerate() {
        let mut p = path.to_vec();
        p.push(i + 1);
        out.push(OutlineRow {
            depth: path.len(),
            number: crate::compose::section_number(&p, letters),
            title: s.title.clone(),
            contents: contents(&s.body),
            role: s.role,
        });
        walk(&s.children, &p, s.numbering == ChildNumbering::Letters, out);
    }
}

/// What a section's text holds: `2 đoạn, 7 ý, 1 bảng`, or `chưa có nội dung`.
pub fn contents(body: &str) -> String {
    let (mut paras, mut items, mut tables) = (0, 0, 0);
    for b in rich::parse(body).0 {
        match b {
            Block::Para { para, .. } if para.level == 0 => paras += 1,
            Block::Para { .. } => items += 1,
            Block::Table { .. } => tables += 1,
        }
    }
    let parts: Vec<String> = [(paras, "đoạn"), (items, "ý"), (tables, "bảng")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect();
    if parts.is_empty() {
        "chưa có nội dung".to_owned()
    } else {
        parts.join(", ")
    }
}

/// What a recognised text holds in all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Sections with a heading, at every depth.
    pub sections: usize,
    /// List items, and those at level 2 or deeper.
    pub items: usize,
    pub deep: usize,
    pub tables: usize,
    /// Lead lines (a line ending in `:` that opens a list).
    pub leads: usize,
}

/// The counts of `rec`'s opening and sections.
pub fn counts(rec: &Recognised) -> Counts {
    let mut c = Counts::default();
    let mut count = |text: &str| {
        for b in rich::parse(text).0 {
            match b {
                Block::Para { para, .. } => {
                    c.items += usize::from(para.level > 0);
                    c.deep += usize::from(para.level > 1);
                    c.leads += usize::from(para.lead);
                }
                Block::Table { .. } => c.tables += 1,
            }
        }
    };
    count(&rec.opening);
    let sections: Vec<&Section> = rec.sections.iter().flat_map(Section::walk).collect();
    for s in &sections {
        count(&s.body);
    }
    c.sections = sections.len();
    c
}

/// Where the period of a report made from a recognised text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodSource {
    /// Chosen by the clerk (`--period`).
    Asked,
    /// Named in the text (summary or closing).
    Written,
    /// The text names none: the project's latest period.
    LatestOfProject,
    /// Neither the text nor the project has one: quý I of the text's (or plan's) year.
    Guessed,
}

impl PeriodSource {
    /// Why the period was chosen, in the window's words.
    pub fn why(self) -> &'static str {
        match self {
            PeriodSource::Asked => "chọn bằng --period",
            PeriodSource::Written => "theo kỳ ghi trong văn bản",
            PeriodSource::LatestOfProject => "văn bản không ghi kỳ; lấy kỳ gần nhất của dự án",
            PeriodSource::Guessed => "văn bản và dự án đều chưa có kỳ nào; hãy kiểm tra",
        }
    }
}

/// The period of a report made from `rec` in `project`: the one `asked`, else the one
/// the text names, else the project's latest, else quý I of the text's year.
pub fn imported_period(
    asked: Option<Period>,
    rec: &Recognised,
    project: &Project,
) -> (Period, PeriodSource) {
    if let Some(p) = asked {
        return (p, PeriodSource::Asked);
    }
    if let Some(p) = rec.period {
        return (p, PeriodSource::Written);
    }
    let latest = project
        .periods
        .iter()
        .map(|r| r.period)
        .chain(project.reports.iter().map(|r| r.period))
        .max_by_key(|p| (p.year, p.end_month()));
    match latest {
        Some(p) => (p, PeriodSource::LatestOfProject),
        None => {
            let year = rec.year.unwrap_or(project.plan.year);
            (
                Period::new(year, PeriodKind::Quarter(1)),
                PeriodSource::Guessed,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outline_numbers_sections_as_they_print_and_says_what_each_holds() {
        let rec = super::super::recognise(
            "I. KẾT QUẢ\nMở đầu.\n1. Về hạ tầng\n- Ý một;\n- Ý hai.\nII. NHIỆM VỤ\n",
        );
        let rows = outline(&rec.sections);
        let shown: Vec<(usize, &str, &str)> = rows
            .iter()
            .map(|r| (r.depth, r.number.as_str(), r.contents.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (0, "I.", "1 đoạn"),
                (1, "1.", "2 ý"),
                (0, "II.", "chưa có nội dung")
            ]
        );
        let c = counts(&rec);
        assert_eq!((c.sections, c.items, c.tables), (3, 2, 0));
    }

    #[test]
    fn a_text_without_a_period_takes_the_projects_latest_or_quarter_one() {
        let project = crate::test_support::sample();
        let rec = super::super::recognise("I. KẾT QUẢ\nMở đầu.\n");
        assert_eq!(rec.period, None);
        let (p, why) = imported_period(None, &rec, &project);
        assert_eq!(why, PeriodSource::LatestOfProject);
        assert!(
            project
                .reports
                .iter()
                .all(|r| r.period.end_month() <= p.end_month() || r.period.year < p.year)
        );
        let mut empty = project.clone();
        empty.periods.clear();
        empty.reports.clear();
        let (p, why) = imported_period(None, &rec, &empty);
        assert_eq!(
            (p.kind, why),
            (PeriodKind::Quarter(1), PeriodSource::Guessed)
        );
        let q3 = Period::new(2026, PeriodKind::Quarter(3));
        assert_eq!(
            imported_period(Some(q3), &rec, &empty),
            (q3, PeriodSource::Asked)
        );
    }
}
