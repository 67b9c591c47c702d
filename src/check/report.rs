//! The problems of one report, each with the step, section and paragraph it concerns:
//! one list read by `baocao check`, the step marks, the step Xem lại và xuất and the
//! status bar, so that they never disagree.

use super::{Problem, Severity};
use crate::compose::placeholders::{Piece, resolve, split};
use crate::guide::Step;
use crate::model::{Project, Report, Section, SectionId, rich};

/// Where a problem is: the step that fixes it, and the section and paragraph (the
/// n-th non-empty line of its text, from 0) when it is in one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At {
    pub step: Step,
    pub section: Option<SectionId>,
    pub paragraph: Option<usize>,
}

impl At {
    fn step(step: Step) -> Option<At> {
        Some(At {
            step,
            section: None,
            paragraph: None,
        })
    }
}

/// The step whose editor shows section `id`: the step of its nearest part of the
/// skeleton, or for a top-level section of the report's own, of the part before it
/// (else after it); Căn cứ when the report has no part of the skeleton at all.
pub fn step_of_section(report: &Report, id: &str) -> Step {
    fn walk(
        list: &[Section],
        id: &str,
        role: Option<crate::model::SectionRole>,
    ) -> Option<Option<crate::model::SectionRole>> {
        for s in list {
            let r = s.role.or(role);
            if s.id == id {
                return Some(r);
            }
            if let Some(found) = walk(&s.children, id, r) {
                return Some(found);
            }
        }
        None
    }
    if let Some(Some(role)) = walk(&report.sections, id, None) {
        return Step::for_role(role);
    }
    // A top-level section of the report's own making, or inside one.
    let top = report
        .sections
        .iter()
        .position(|s| s.walk().iter().any(|d| d.id == id));
    let anchor = top.and_then(|i| {
        report.sections[..i]
            .iter()
            .rev()
            .chain(report.sections.get(i + 1..).into_iter().flatten())
            .find_map(|s| s.role)
    });
    anchor.map_or(Step::CanCu, Step::for_role)
}

/// Proofing findings of section texts kept between revisions: typing changes one
/// section, so the others are not proofed again. A finding depends only on the text,
/// the document's tone style and the rules turned off, which make the key.
#[derive(Clone, Debug, Default)]
pub struct ProofCache {
    entries: std::collections::HashMap<u64, Vec<super::proof::Finding>>,
}

impl ProofCache {
    fn findings(
        &mut self,
        text: &str,
        style: Option<bool>,
        off: &[crate::model::ProofRule],
    ) -> Vec<super::proof::Finding> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (text, style, off).hash(&mut h);
        let key = h.finish();
        if let Some(f) = self.entries.get(&key) {
            return f.clone();
        }
        let f = super::proof::proof(text, style, off);
        // Only what a report still holds is worth keeping.
        if self.entries.len() > 4096 {
            self.entries.clear();
        }
        self.entries.insert(key, f.clone());
        f
    }
}

/// The marks a carry-over left in `text` (of `section`, or of the report's own texts)
/// whose sentence still reads as it did: (paragraph, message, key for "Bỏ qua").
fn carried_marks(r: &Report, section: Option<&String>, text: &str) -> Vec<(usize, String, String)> {
    if r.carried.is_empty() {
        return Vec::new();
    }
    let paragraphs: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    r.carried
        .iter()
        .filter(|m| m.section.as_ref() == section)
        .filter_map(|m| {
            let p = paragraphs
                .iter()
                .position(|l| l.contains(m.sentence.as_str()))?;
            let message = format!("đoạn {}: “{}” — {}", p + 1, m.said, m.why.text());
            let key = format!(
                "Carried|{}|{:?}|{}",
                section.map_or("", String::as_str),
                m.why,
                m.sentence
            );
            Some((p, message, key))
        })
        .collect()
}

/// The errors of `report` (what makes a final version impossible): the first
/// problems [`report_problems`] lists, found without proofing anything.
pub(super) fn report_errors(project: &Project, r: &Report) -> Vec<Problem> {
    let place = format!("{} {}", r.document.name(), r.id);
    let error = |at: Option<At>, message: String| Problem {
        at,
        ..Problem::new(Severity::Error, place.clone(), message)
    };
    let mut out = Vec::new();
    if !r.period.is_valid() {
        out.push(error(
            At::step(Step::ThongTin),
            "kỳ báo cáo không hợp lệ".into(),
        ));
    }
    if !r.signer.is_empty() && project.organisation.signer(&r.signer).is_none() {
        out.push(error(
            At::step(Step::KyNhan),
            format!("người ký “{}” không có trong danh sách người ký", r.signer),
        ));
    }
    let ids: Vec<&str> = r.all_sections().iter().map(|s| s.id.as_str()).collect();
    for d in super::duplicates(ids.iter().copied()) {
        out.push(error(None, format!("mã mục “{d}” bị trùng")));
    }
    out
}

/// Problems of `report` that `check` of the whole project also lists.
pub(super) fn report_problems(project: &Project, r: &Report) -> Vec<Problem> {
    report_problems_cached(project, r, &mut ProofCache::default())
}

fn report_problems_cached(project: &Project, r: &Report, cache: &mut ProofCache) -> Vec<Problem> {
    // Judged against the plan as it stood for the report's period.
    let view = project.as_of_report(r);
    let project: &Project = &view;
    let mut out = Vec::new();
    let place = format!("{} {}", r.document.name(), r.id);
    let mut stale = Vec::new();
    let totals = super::figures::Totals::of(project, r);
    // Documents cited may be dated up to the report's date (or a while after the period).
    let cited_by = r.date.or_else(|| {
        r.period
            .end_date()
            .and_then(|d| d.checked_add_days(chrono::Days::new(45)))
    });
    // One tone-mark style per document: the majority of all its texts.
    let style = if r.proofing.off.contains(&crate::model::ProofRule::ToneStyle) {
        None
    } else {
        let mut texts: Vec<&str> = vec![&r.summary, &r.opening, &r.closing];
        texts.extend(r.all_sections().iter().map(|s| s.body.as_str()));
        super::proof::majority_style(&texts)
    };
    out.extend(report_errors(project, r));
    let mut add = |severity, at: Option<At>, where_: &str, message: String| {
        let place = match where_ {
            "" => place.clone(),
            _ => format!("{place}, {where_}"),
        };
        out.push(Problem {
            at,
            ..Problem::new(severity, place, message)
        })
    };
    if r.summary.trim().is_empty() {
        add(
            Severity::Warning,
            At::step(Step::ThongTin),
            "",
            "chưa có trích yếu (dòng tóm tắt dưới chữ BÁO CÁO)".into(),
        );
    } else if let Some(gap) = template_gap(&r.summary) {
        add(
            Severity::Warning,
            At::step(Step::ThongTin),
            "trích yếu",
            format!("còn chỗ cần điền “{gap}”"),
        );
    }
    if r.signer.is_empty() {
        add(
            Severity::Warning,
            At::step(Step::KyNhan),
            "",
            "chưa chọn người ký".into(),
        );
    }
    // A notice ends with its tổ chức thực hiện, not with `Trên đây là …`.
    if r.closing.trim().is_empty() && r.document.is_report() {
        add(
            Severity::Warning,
            At::step(Step::KyNhan),
            "",
            "chưa có câu kết (Trên đây là …)".into(),
        );
    }
    if r.distribution.is_empty() {
        add(
            Severity::Warning,
            At::step(Step::KyNhan),
            "",
            "chưa có nơi nhận".into(),
        );
    }
    // Why each field written in the report cannot be filled, found once per field.
    let mut fields = Fields::new();
    for (text, name, step) in [
        (&r.opening, "đoạn mở đầu", Step::ThongTin),
        (&r.closing, "câu kết", Step::KyNhan),
    ] {
        for p in text_problems(project, r, &mut fields, text, None, step) {
            add(p.0, p.1, name, p.2);
        }
    }
    for s in r.all_sections() {
        // A notice's căn cứ and decision print without a heading, by design.
        let headless = matches!(
            s.role,
            Some(
                crate::model::SectionRole::NoticeBases | crate::model::SectionRole::NoticeDecision
            )
        );
        let name = if s.title.trim().is_empty() {
            format!("mục “{}”", s.id)
        } else {
            format!("mục “{}”", s.title.trim())
        };
        let step = step_of_section(r, &s.id);
        let at = Some(At {
            step,
            section: Some(s.id.clone()),
            paragraph: None,
        });
        if s.title.trim().is_empty() && !headless {
            add(
                Severity::Warning,
                at.clone(),
                &name,
                "chưa có tiêu đề".into(),
            );
        }
        if super::is_blank(s) && r.sections.iter().any(|t| !super::is_blank(t)) {
            add(Severity::Warning, at, &name, "chưa có nội dung".into());
        }
        for p in text_problems(project, r, &mut fields, &s.body, Some(&s.id), step) {
            add(p.0, p.1, &name, p.2);
        }
        // A problem in one paragraph of this section.
        let in_paragraph = |paragraph: usize,
                            message: String,
                            fix: Option<(String, String)>,
                            ignore: Option<String>| Problem {
            severity: Severity::Warning,
            place: format!("{place}, {name}"),
            message,
            at: Some(At {
                step,
                section: Some(s.id.clone()),
                paragraph: Some(paragraph),
            }),
            fix,
            ignore,
        };
        let next_tasks = step == Step::NhiemVuToi;
        for (paragraph, message) in super::periods::stale_periods(r.period, &s.body, next_tasks) {
            stale.push(in_paragraph(paragraph, message, None, None));
        }
        for f in cache.findings(&s.body, style, &r.proofing.off) {
            let words = f.fix.as_ref().map_or_else(
                || {
                    f.message
                        .split_once(": ")
                        .map_or(f.message.as_str(), |x| x.1)
                        .to_owned()
                },
                |x| x.0.clone(),
            );
            let key = format!("{:?}|{}|{words}", f.rule, s.id);
            if !r.proofing.ignored.contains(&key) {
                stale.push(in_paragraph(f.paragraph, f.message, f.fix, Some(key)));
            }
        }
        if !r.proofing.off.contains(&crate::model::ProofRule::Citations) {
            for (paragraph, message) in
                super::proof::citation_problems(&s.body, cited_by, &project.plan.reference)
            {
                let key = format!("Citations|{}|{message}", s.id);
                if !r.proofing.ignored.contains(&key) {
                    stale.push(in_paragraph(paragraph, message, None, Some(key)));
                }
            }
        }
        for f in super::figures::stale_figures_with(project, r, &s.body, &totals) {
            stale.push(in_paragraph(f.paragraph, f.message, f.fix, None));
        }
        for (paragraph, message, key) in carried_marks(r, Some(&s.id), &s.body) {
            let ignore = (!r.proofing.ignored.contains(&key)).then_some(key);
            if ignore.is_some() {
                stale.push(in_paragraph(paragraph, message, None, ignore));
            }
        }
    }
    if r.sections.iter().all(super::is_blank) {
        add(
            Severity::Warning,
            None,
            "",
            "báo cáo chưa có nội dung".into(),
        );
    }
    // The period's figures and progress.
    let total = project.plan.indicators.len();
    let missing = project
        .plan
        .indicators
        .iter()
        .filter(|i| project.indicator_value(r.period, &i.id).is_none())
        .count();
    if r.document.is_report() && missing > 0 && missing < total {
        add(
            Severity::Warning,
            At::step(Step::ChiTieu),
            "",
            format!("{missing}/{total} chỉ tiêu chưa có số liệu của kỳ này"),
        );
    }
    let tasks = project.plan.tasks.len();
    let unrecorded = project
        .plan
        .tasks
        .iter()
        .filter(|t| project.task_progress(r.period, &t.id).is_none())
        .count();
    if r.document.is_report() && unrecorded > 0 && unrecorded < tasks {
        add(
            Severity::Warning,
            At::step(Step::NhiemVu),
            "",
            format!("{unrecorded}/{tasks} nhiệm vụ chưa cập nhật tiến độ của kỳ này"),
        );
    }
    let overdue = totals.overdue();
    if r.document.is_report() && overdue > 0 {
        add(
            Severity::Note,
            At::step(Step::NhiemVu),
            "",
            format!("{overdue} nhiệm vụ quá hạn; nêu rõ ở phần Hạn chế"),
        );
    }
    if r.document.is_report()
        && let Some(line) = super::revised::revised_since_previous(project, r)
    {
        add(Severity::Note, At::step(Step::ChiTieu), "", line);
    }
    let open = r.review.comments.iter().filter(|c| !c.resolved).count();
    if open > 0 {
        add(
            Severity::Warning,
            At::step(Step::Duyet),
            "",
            format!("{open} góp ý chưa xử lý"),
        );
    }
    for (text, name, step) in [
        (&r.summary, "trích yếu", Step::ThongTin),
        (&r.opening, "đoạn mở đầu", Step::ThongTin),
        (&r.closing, "câu kết", Step::KyNhan),
    ] {
        for (paragraph, message, key) in carried_marks(r, None, text) {
            if r.proofing.ignored.contains(&key) {
                continue;
            }
            stale.push(Problem {
                severity: Severity::Warning,
                place: format!("{} {}, {name}", r.document.name(), r.id),
                message,
                at: Some(At {
                    step,
                    section: None,
                    paragraph: Some(paragraph),
                }),
                fix: None,
                ignore: Some(key),
            });
        }
    }
    out.extend(stale);
    out
}

/// A template gap left in text: `{nội dung}` (one brace, not a `{{…}}` field) or `…`.
fn template_gap(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if rest[open..].starts_with("{{") {
            match rest[open + 2..].find("}}") {
                Some(close) => {
                    rest = &rest[open + 2 + close + 2..];
                    continue;
                }
                None => return Some(rest[open..].chars().take(30).collect()),
            }
        }
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        return Some(rest[open..close].to_owned());
    }
    text.contains('…').then(|| "…".to_owned())
}

/// Why each field of a report's texts cannot be filled (`None`: it can), by what is
/// written between its braces.
type Fields = std::collections::HashMap<String, Option<String>>;

/// Problems in one text (a section's body, the opening, the closing): what the rich
/// text reader could not read as written, template gaps, figures that cannot be found.
fn text_problems(
    project: &Project,
    report: &Report,
    fields: &mut Fields,
    text: &str,
    section: Option<&SectionId>,
    step: Step,
) -> Vec<(Severity, Option<At>, String)> {
    let mut out = Vec::new();
    let at = |paragraph: Option<usize>| {
        Some(At {
            step,
            section: section.cloned(),
            paragraph,
        })
    };
    // The paragraph index of each line: the n-th non-empty line.
    let mut index_of_line = Vec::new();
    let mut n = 0usize;
    for line in text.lines() {
        index_of_line.push(n);
        if !line.trim().is_empty() {
            n += 1;
        }
    }
    for note in rich::parse(text).1 {
        let p = index_of_line.get(note.line.saturating_sub(1)).copied();
        out.push((Severity::Warning, at(p), note.message));
    }
    for (p, line) in super::paragraphs(text).enumerate() {
        if let Some(gap) = template_gap(line) {
            out.push((
                Severity::Warning,
                at(Some(p)),
                format!("đoạn {} còn chỗ cần điền “{gap}”", p + 1),
            ));
        }
        if !super::has_field(line) {
            continue;
        }
        for piece in split(line) {
            let Piece::Field { raw, inner } = piece else {
                continue;
            };
            let reason = fields
                .entry(inner.to_owned())
                .or_insert_with(|| resolve(project, report, inner).err().map(|e| e.to_string()));
            if let Some(reason) = reason {
                out.push((
                    Severity::Warning,
                    at(Some(p)),
                    format!("đoạn {}: số liệu {raw} chưa xác định: {reason}", p + 1),
                ));
            }
        }
    }
    out
}

/// Every problem that concerns `report`: the project's own (not tied to another
/// report) and the report's, errors first. The window shows this list.
pub fn check_report(project: &Project, report: &Report) -> Vec<Problem> {
    check_report_cached(project, report, &mut ProofCache::default())
}

/// [`check_report`] reusing the proofing of texts unchanged since `cache` was filled.
pub fn check_report_cached(
    project: &Project,
    report: &Report,
    cache: &mut ProofCache,
) -> Vec<Problem> {
    let mut out: Vec<Problem> = super::project_problems(project);
    out.extend(report_problems_cached(project, report, cache));
    out.sort_by_key(|p| std::cmp::Reverse(p.severity));
    out
}

/// The problems a step's mark stands for: those located in it (errors and warnings);
/// Xem lại và xuất also stands for every error and for what has no place.
pub fn problems_of_step(problems: &[Problem], step: Step) -> Vec<&Problem> {
    problems
        .iter()
        .filter(|p| p.severity >= Severity::Warning)
        .filter(|p| match &p.at {
            Some(at) => at.step == step || (step == Step::XuatBan && p.severity == Severity::Error),
            None => step == Step::XuatBan,
        })
        .collect()
}
