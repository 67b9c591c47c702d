//! Find and replace across a report's texts (issue 15, item 3): match case, whole
//! words, and an option to ignore tone marks and diacritics (Vietnamese-aware: `đ`
//! matches `d`, `hoà` matches `hòa`). Pure: hits are character ranges in the section
//! texts; replacing returns the new texts, applied as one undo step. Everything that
//! prints with a report is searched (issue 23, item 3): trích yếu, Kính gửi, opening,
//! headings, section texts with their tables, câu kết, the signature block, Nơi nhận,
//! and the project's words of the header.

use crate::model::{IndicatorId, Project, Report, SectionId, TaskId};

/// How to match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FindOptions {
    pub match_case: bool,
    pub whole_word: bool,
    /// Tone marks and other diacritics do not count (`hòa` finds `hoà`, `Hoa`…).
    pub ignore_marks: bool,
}

impl FindOptions {
    /// The same options, whole words only.
    pub fn with_whole_word(self) -> Self {
        Self {
            whole_word: true,
            ..self
        }
    }
}

/// One match: the section and its characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub section: SectionId,
    pub start: usize,
    pub end: usize,
}

/// A character as compared: case and marks folded as asked, one char for one char so
/// that positions stay the same.
fn fold(c: char, opts: FindOptions) -> char {
    let c = if opts.ignore_marks {
        crate::vi::base_letter(c)
    } else {
        c
    };
    if opts.match_case {
        c
    } else {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            _ => c,
        }
    }
}

/// The matches of `query` in `text`, as character ranges, not overlapping.
pub fn find_in(text: &str, query: &str, opts: FindOptions) -> Vec<(usize, usize)> {
    let hay: Vec<char> = crate::vi::nfc(text).chars().collect();
    let needle: Vec<char> = crate::vi::nfc(query)
        .chars()
        .map(|c| fold(c, opts))
        .collect();
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    let folded: Vec<char> = hay.iter().map(|c| fold(*c, opts)).collect();
    let word = |i: usize| hay.get(i).is_some_and(|c| c.is_alphanumeric());
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= folded.len() {
        if folded[i..i + needle.len()] == needle[..]
            && (!opts.whole_word || !(word(i + needle.len()) || (i > 0 && word(i - 1))))
        {
            out.push((i, i + needle.len()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// `text` with the characters `start..end` replaced by `with`.
pub fn replace_at(text: &str, start: usize, end: usize, with: &str) -> String {
    let text = crate::vi::nfc(text);
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    let (a, b) = (byte(start), byte(end.max(start)));
    format!("{}{with}{}", &text[..a], &text[b..])
}

/// A text that prints with the report, where a match can be: the report's own texts
/// and the project's words its header and signature block print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// Trích yếu.
    Summary,
    /// Kính gửi, one recipient a line.
    Recipients,
    Opening,
    SectionTitle(SectionId),
    SectionBody(SectionId),
    /// Câu kết.
    Closing,
    /// Nơi nhận, one entry a line.
    Distribution,
    /// Words of the project's organisation or of the report's signer: they print in
    /// every report of the project.
    Org(OrgField),
    /// Words of the plan that the report's generated tables print (and every other
    /// report's).
    Plan(PlanField),
}

/// The plan's words a generated table prints, by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanField {
    IndicatorGroup(String),
    Indicator(IndicatorId),
    TaskGroup(String),
    Task(TaskId),
}

/// The project's words a report prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgField {
    /// The body above the issuing one (`UBND HUYỆN …`).
    ParentBody,
    /// The issuing body's lines (`ỦY BAN NHÂN DÂN`, `XÃ …`).
    IssuingBody,
    /// The place of the date line.
    Place,
    /// The signer's authority lines (`TM. ỦY BAN NHÂN DÂN`).
    SignerAuthority,
    SignerPosition,
    SignerName,
    /// The `Lưu:` line.
    Archive,
}

impl Field {
    /// Where the field is, in words, for the find bar.
    pub fn label(&self, report: &Report) -> String {
        let section = |id: &SectionId| {
            report
                .section(id)
                .map(|s| s.title.trim().to_owned())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "mục không tên".to_owned())
        };
        match self {
            Field::Summary => "trích yếu".to_owned(),
            Field::Recipients => "Kính gửi".to_owned(),
            Field::Opening => "đoạn mở đầu".to_owned(),
            Field::SectionTitle(id) => format!("tiêu đề mục “{}”", section(id)),
            Field::SectionBody(id) => format!("mục “{}”", section(id)),
            Field::Closing => "câu kết".to_owned(),
            Field::Distribution => "Nơi nhận".to_owned(),
            Field::Org(f) => match f {
                OrgField::ParentBody => "tên cơ quan cấp trên (đầu văn bản)",
                OrgField::IssuingBody => "tên cơ quan ban hành (đầu văn bản)",
                OrgField::Place => "địa danh (dòng ngày tháng)",
                OrgField::SignerAuthority => "thẩm quyền ký",
                OrgField::SignerPosition => "chức vụ người ký",
                OrgField::SignerName => "họ tên người ký",
                OrgField::Archive => "dòng Lưu",
            }
            .to_owned(),
            Field::Plan(f) => match f {
                PlanField::IndicatorGroup(_) => "bảng chỉ tiêu: tên nhóm".to_owned(),
                PlanField::Indicator(id) => format!("bảng chỉ tiêu: tên chỉ tiêu {id}"),
                PlanField::TaskGroup(_) => "bảng nhiệm vụ: tên nhóm".to_owned(),
                PlanField::Task(id) => format!("bảng nhiệm vụ: nhiệm vụ {id}"),
            },
        }
    }

    /// The section whose text this is, for selecting a hit in the editor.
    pub fn section(&self) -> Option<&SectionId> {
        match self {
            Field::SectionBody(id) | Field::SectionTitle(id) => Some(id),
            _ => None,
        }
    }
}

/// One match in the printed texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub field: Field,
    pub start: usize,
    pub end: usize,
}

impl Found {
    /// The hit as a selection in a section's text, when it is in one.
    pub fn in_body(&self) -> Option<Hit> {
        match &self.field {
            Field::SectionBody(id) => Some(Hit {
                section: id.clone(),
                start: self.start,
                end: self.end,
            }),
            _ => None,
        }
    }
}

/// Every text that prints with `report`, in print order (lists as lines).
pub fn printed_texts(project: &Project, report: &Report) -> Vec<(Field, String)> {
    let printed = report.printed_organisation(&project.organisation);
    let org = printed.as_ref();
    let mut out = vec![
        (Field::Org(OrgField::ParentBody), org.parent_body.clone()),
        (
            Field::Org(OrgField::IssuingBody),
            org.issuing_body.join("\n"),
        ),
        (Field::Org(OrgField::Place), org.place.clone()),
        (Field::Summary, report.summary.clone()),
        (Field::Recipients, report.recipients.join("\n")),
        (Field::Opening, report.opening.clone()),
    ];
    let plan = &project.plan;
    let indicators = |out: &mut Vec<(Field, String)>| {
        for g in &plan.indicator_groups {
            out.push((
                Field::Plan(PlanField::IndicatorGroup(g.id.clone())),
                g.title.clone(),
            ));
        }
        for i in &plan.indicators {
            out.push((
                Field::Plan(PlanField::Indicator(i.id.clone())),
                i.name.clone(),
            ));
        }
    };
    let tasks = |out: &mut Vec<(Field, String)>| {
        for g in &plan.task_groups {
            out.push((
                Field::Plan(PlanField::TaskGroup(g.id.clone())),
                g.title.clone(),
            ));
        }
        for t in &plan.tasks {
            out.push((Field::Plan(PlanField::Task(t.id.clone())), t.name.clone()));
        }
    };
    for s in report.all_sections() {
        out.push((Field::SectionTitle(s.id.clone()), s.title.clone()));
        out.push((Field::SectionBody(s.id.clone()), s.body.clone()));
        match s.generated {
            Some(crate::model::Generated::IndicatorTable) => indicators(&mut out),
            Some(crate::model::Generated::TaskTable) => tasks(&mut out),
            None => {}
        }
    }
    out.push((Field::Closing, report.closing.clone()));
    if let Some(signer) = org.signer(&report.signer) {
        out.push((
            Field::Org(OrgField::SignerAuthority),
            signer.authority.join("\n"),
        ));
        out.push((
            Field::Org(OrgField::SignerPosition),
            signer.position.clone(),
        ));
        out.push((Field::Org(OrgField::SignerName), signer.full_name.clone()));
    }
    out.push((Field::Distribution, report.distribution.join("\n")));
    out.push((Field::Org(OrgField::Archive), org.archive.clone()));
    // The appendices follow the signature.
    if report.appendices.indicators {
        indicators(&mut out);
    }
    if report.appendices.tasks {
        tasks(&mut out);
    }
    out
}

/// Every match in what prints with `report`, in print order.
pub fn find_printed(
    project: &Project,
    report: &Report,
    query: &str,
    opts: FindOptions,
) -> Vec<Found> {
    printed_texts(project, report)
        .into_iter()
        .flat_map(|(field, text)| {
            find_in(&text, query, opts)
                .into_iter()
                .map(move |(start, end)| Found {
                    field: field.clone(),
                    start,
                    end,
                })
        })
        .collect()
}

/// The new texts of the fields where `query` is replaced by `with` everywhere it
/// prints, and how many replacements that makes.
pub fn replace_printed(
    project: &Project,
    report: &Report,
    query: &str,
    with: &str,
    opts: FindOptions,
) -> (Vec<(Field, String)>, usize) {
    let mut count = 0;
    let mut out = Vec::new();
    for (field, text) in printed_texts(project, report) {
        let hits = find_in(&text, query, opts);
        if hits.is_empty() {
            continue;
        }
        count += hits.len();
        let mut new = crate::vi::nfc(&text);
        // Last first, so earlier positions stay right.
        for (start, end) in hits.into_iter().rev() {
            new = replace_at(&new, start, end, with);
        }
        out.push((field, new));
    }
    (out, count)
}

/// The text of one printed field with the characters `start..end` replaced.
pub fn replace_one(
    project: &Project,
    report: &Report,
    found: &Found,
    with: &str,
) -> Option<(Field, String)> {
    printed_texts(project, report)
        .into_iter()
        .find(|(f, _)| *f == found.field)
        .map(|(f, text)| (f, replace_at(&text, found.start, found.end, with)))
}

/// Writes `text` into the report's own document words when the report prints its own
/// word there (rather than the project's); true when it did.
fn write_document_words(project: &mut Project, report: &str, f: OrgField, text: &str) -> bool {
    let lines = |t: &str| -> Vec<String> {
        t.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let Some(words) = project
        .reports
        .iter_mut()
        .find(|r| r.id == report)
        .and_then(|r| r.document_words.as_mut())
    else {
        return false;
    };
    match f {
        OrgField::ParentBody => words.parent_body.as_mut().map(|p| *p = text.to_owned()),
        OrgField::IssuingBody => words.issuing_body.as_mut().map(|p| *p = lines(text)),
        OrgField::Place => words.place.as_mut().map(|p| *p = text.to_owned()),
        OrgField::Archive => words.archive.as_mut().map(|p| *p = text.to_owned()),
        OrgField::SignerAuthority => words.signer.as_mut().map(|s| s.authority = lines(text)),
        OrgField::SignerPosition => words.signer.as_mut().map(|s| s.position = text.to_owned()),
        OrgField::SignerName => words.signer.as_mut().map(|s| s.full_name = text.to_owned()),
    }
    .is_some()
}

/// Writes printed texts back (one undo step for the caller): every place is checked
/// before anything changes.
pub fn write_printed(
    project: &mut Project,
    report: &str,
    texts: Vec<(Field, String)>,
) -> Result<(), super::EditError> {
    let lines = |t: &str| -> Vec<String> {
        t.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(crate::vi::nfc)
            .collect()
    };
    let r = project
        .report(report)
        .ok_or_else(|| super::EditError::NoReport(report.to_owned()))?;
    for (field, _) in &texts {
        match field {
            Field::SectionBody(id) | Field::SectionTitle(id) if r.section(id).is_none() => {
                return Err(super::EditError::NoSection(id.clone()));
            }
            _ => {}
        }
    }
    let signer = r.signer.clone();
    for (field, text) in texts {
        let text = crate::vi::nfc(&text);
        if let Field::Org(f) = field
            && write_document_words(project, report, f, &text)
        {
            continue;
        }
        if let Field::Org(f) = field {
            let org = &mut project.organisation;
            match f {
                OrgField::ParentBody => org.parent_body = text,
                OrgField::IssuingBody => org.issuing_body = lines(&text),
                OrgField::Place => org.place = text,
                OrgField::Archive => org.archive = text,
                OrgField::SignerAuthority | OrgField::SignerPosition | OrgField::SignerName => {
                    if let Some(s) = org.signers.iter_mut().find(|s| s.id == signer) {
                        match f {
                            OrgField::SignerAuthority => s.authority = lines(&text),
                            OrgField::SignerPosition => s.position = text,
                            _ => s.full_name = text,
                        }
                    }
                }
            }
            continue;
        }
        if let Field::Plan(f) = &field {
            let plan = &mut project.plan;
            match f {
                PlanField::IndicatorGroup(id) => {
                    if let Some(g) = plan.indicator_groups.iter_mut().find(|g| g.id == *id) {
                        g.title = text;
                    }
                }
                PlanField::Indicator(id) => {
                    if let Some(i) = plan.indicators.iter_mut().find(|i| i.id == *id) {
                        i.name = text;
                    }
                }
                PlanField::TaskGroup(id) => {
                    if let Some(g) = plan.task_groups.iter_mut().find(|g| g.id == *id) {
                        g.title = text;
                    }
                }
                PlanField::Task(id) => {
                    if let Some(t) = plan.tasks.iter_mut().find(|t| t.id == *id) {
                        t.name = text;
                    }
                }
            }
            continue;
        }
        let Some(r) = project.reports.iter_mut().find(|r| r.id == report) else {
            return Err(super::EditError::NoReport(report.to_owned()));
        };
        match field {
            Field::Summary => r.summary = text,
            Field::Recipients => r.recipients = lines(&text),
            Field::Opening => r.opening = text,
            Field::Closing => r.closing = text,
            Field::Distribution => r.distribution = lines(&text),
            Field::SectionTitle(id) => {
                if let Some(s) = r.section_mut(&id) {
                    s.title = text;
                }
            }
            Field::SectionBody(id) => {
                if let Some(s) = r.section_mut(&id) {
                    s.body = text;
                }
            }
            Field::Org(_) | Field::Plan(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_words_and_marks_are_matched_as_asked() {
        let t = "Hòa bình, hoà hợp; HOA; hoan nghênh; Đề án";
        let o = FindOptions::default();
        assert_eq!(find_in(t, "hòa", o), vec![(0, 3)]);
        let marks = FindOptions {
            ignore_marks: true,
            ..o
        };
        assert_eq!(find_in(t, "hoa", marks).len(), 4, "hòa, hoà, HOA, hoa(n)");
        let whole = FindOptions {
            whole_word: true,
            ..marks
        };
        assert_eq!(find_in(t, "hoa", whole).len(), 3);
        let case = FindOptions {
            match_case: true,
            ..marks
        };
        assert_eq!(find_in(t, "HOA", case), vec![(19, 22)]);
        assert_eq!(find_in(t, "de an", marks).len(), 1, "đ matches d");
        assert!(find_in(t, "", o).is_empty());
    }

    #[test]
    fn replace_all_changes_every_printed_text_and_counts() {
        let mut p = crate::test_support::sample();
        p.organisation.place = "Bình Minh Hải".into();
        let r = &mut p.reports[0];
        r.summary = "Báo cáo đợt Mười Ba của xã Bình Minh Hải".into();
        r.sections[0].title = "Kết quả đợt Mười Ba".into();
        r.sections[0].body = "đợt Mười Ba, đợt Mười Ba".into();
        r.sections[1].body = "Trong đợt Mười Ba.".into();
        r.closing = "Trên đây là báo cáo đợt Mười Ba.".into();
        r.distribution = vec!["UBND huyện".into(), "Phòng đợt Mười Ba".into()];
        let r = p.reports[0].clone();
        let o = FindOptions::default();
        let found = find_printed(&p, &r, "đợt Mười Ba", o);
        assert_eq!(found.len(), 7, "{found:?}");
        assert_eq!(found[0].field, Field::Summary, "in print order");
        assert_eq!(found.last().map(|f| &f.field), Some(&Field::Distribution));
        let (texts, n) = replace_printed(&p, &r, "đợt Mười Ba", "đợt Mười Bốn", o);
        assert_eq!(n, 7);
        let id = r.id.clone();
        write_printed(&mut p, &id, texts).unwrap();
        let r = &p.reports[0];
        assert_eq!(r.sections[0].body, "đợt Mười Bốn, đợt Mười Bốn");
        assert_eq!(r.sections[0].title, "Kết quả đợt Mười Bốn");
        assert_eq!(r.sections[1].body, "Trong đợt Mười Bốn.");
        assert_eq!(r.distribution[1], "Phòng đợt Mười Bốn");
        assert_eq!(r.closing, "Trên đây là báo cáo đợt Mười Bốn.");
        assert!(find_printed(&p, &p.reports[0], "Mười Ba", o.with_whole_word()).is_empty());
        // The project's words that print are found and replaced too.
        let r = p.reports[0].clone();
        let here = find_printed(&p, &r, "Bình Minh Hải", o);
        assert!(here.iter().any(|f| f.field == Field::Org(OrgField::Place)));
        assert!(here.iter().any(|f| f.field == Field::Summary));
        let (texts, _) = replace_printed(&p, &r, "Bình Minh Hải", "Hải Bình", o);
        write_printed(&mut p, &id, texts).unwrap();
        assert_eq!(p.organisation.place, "Hải Bình");
    }

    #[test]
    fn writing_to_a_section_that_is_gone_changes_nothing() {
        let mut p = crate::test_support::sample();
        let before = p.clone();
        let id = p.reports[0].id.clone();
        let texts = vec![
            (Field::Summary, "mới".to_owned()),
            (Field::SectionBody("khong-co".into()), "x".to_owned()),
        ];
        assert!(write_printed(&mut p, &id, texts).is_err());
        assert_eq!(p, before);
    }
}
