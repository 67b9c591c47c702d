//! session: new reports and projects: the bundled skeleton, the period the dialog
//! proposes (the one after the open report, [`crate::model::Period::next`]), a report for a new period (from the skeleton or the previous report), and
//! a new project for the same organisation.

use chrono::{Datelike, NaiveDate};

use crate::model::{Period, PeriodKind, Project, Report, ReportId, ReportKind};

/// The empty report skeleton bundled with the program.
pub fn skeleton_report() -> Report {
    const SKELETON: &str = include_str!("../../assets/khung-bao-cao.ron");
    ron::from_str::<Report>(SKELETON).unwrap_or_else(|_| Report {
        id: "moi".to_owned(),
        kind: Default::default(),
        period: Period::new(2026, PeriodKind::Quarter(1)),
        number: None,
        date: None,
        summary: String::new(),
        recipients: Vec::new(),
        opening: String::new(),
        sections: Vec::new(),
        closing: String::new(),
        distribution: Vec::new(),
        signer: String::new(),
        appendices: Default::default(),
        review: Default::default(),
        proofing: Default::default(),
        carried: Vec::new(),
        document_words: None,
        document: Default::default(),
        summary_tables: Vec::new(),
    })
}

/// The period the new-report dialog proposes: the one after the open report; in a
/// project without reports, the quarter of `today` when the plan is of this year (or
/// names no year), else the plan's first quarter.
pub fn proposed_period(current: Option<&Report>, plan_year: i32, today: NaiveDate) -> Period {
    if let Some(r) = current {
        return r.period.next();
    }
    let year = plan_year;
    if year <= 0 || year == today.year() {
        let q = crate::model::quarter_of(today);
        Period::new(today.year(), PeriodKind::Quarter(q))
    } else {
        Period::new(year, PeriodKind::Quarter(1))
    }
}

/// The skeleton with the organisation's recipients and last signer.
fn blank_report(project: &Project) -> Report {
    let mut r = skeleton_report();
    r.distribution = project.organisation.default_recipients.clone();
    r.signer = project
        .organisation
        .signers
        .last()
        .map(|s| s.id.clone())
        .unwrap_or_default();
    r
}

/// A report of `project` for `period`: a copy of the latest earlier report (number,
/// date and review dropped) when `from_previous` and there is one, otherwise the
/// skeleton. Its id is new in the project.
pub fn report_for_period(project: &Project, period: Period, from_previous: bool) -> Report {
    report_for_period_with_rewrites(project, period, from_previous).0
}

/// A period word moved on in a report made from the previous one, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovedWord {
    pub field: crate::edit::find::Field,
    /// Where, in words (`mục “1. Công tác lãnh đạo”`).
    pub place: String,
    pub moved: crate::check::carry::Moved,
}

/// What making a report from the previous one changed, and what it left to look at
/// (also kept in the report's `carried` marks, which the checks list).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CarryOver {
    pub moved: Vec<MovedWord>,
    /// (where, in words; the mark).
    pub left: Vec<(String, crate::model::CarriedMark)>,
}

/// Like [`report_for_period`], and the period words it moved on in a copy of the
/// previous report — "quý II" → "quý III", "6 tháng đầu năm" → "9 tháng", "đến hết ngày
/// 30/6/2026" → "30/9/2026", in Nhiệm vụ thời gian tới the next period on again — and
/// what it left as written that may be stale (citations, comparison tables, sentences
/// with the old period's figures, months, deadlines passed).
pub fn report_for_period_with_rewrites(
    project: &Project,
    period: Period,
    from_previous: bool,
) -> (Report, CarryOver) {
    use crate::edit::find::Field;
    let previous = from_previous
        .then(|| {
            project
                .reports
                .iter()
                .filter(|r| r.period < period && r.document.is_report())
                .max_by_key(|r| r.period)
                .or(project
                    .reports
                    .iter()
                    .rev()
                    .find(|r| r.document.is_report()))
        })
        .flatten();
    let mut carry = CarryOver::default();
    let mut report = match previous {
        Some(prev) => {
            let mut r = prev.clone();
            let from = prev.period;
            let mut texts: Vec<(Field, String, bool)> = vec![
                (Field::Summary, r.summary.clone(), false),
                (Field::Opening, r.opening.clone(), false),
            ];
            for s in r.all_sections() {
                let next =
                    crate::check::step_of_section(&r, &s.id) == crate::guide::Step::NhiemVuToi;
                texts.push((Field::SectionTitle(s.id.clone()), s.title.clone(), next));
                texts.push((Field::SectionBody(s.id.clone()), s.body.clone(), next));
            }
            texts.push((Field::Closing, r.closing.clone(), false));
            let mut written = Vec::new();
            for (field, text, next) in texts {
                let c = crate::check::carry::carry_over(&text, from, period, next);
                let place = field.label(&r);
                let section = field.section().cloned();
                carry
                    .moved
                    .extend(c.moved.into_iter().map(|moved| MovedWord {
                        field: field.clone(),
                        place: place.clone(),
                        moved,
                    }));
                for l in c.left {
                    carry.left.push((
                        place.clone(),
                        crate::model::CarriedMark {
                            section: section.clone(),
                            said: l.said,
                            sentence: l.sentence,
                            why: l.why,
                        },
                    ));
                }
                if c.text != text {
                    written.push((field, c.text));
                }
            }
            let id = r.id.clone();
            let mut one = Project {
                reports: vec![r],
                ..Project::default()
            };
            // Every field was read from this very report: writing them back cannot fail.
            let _ = crate::edit::find::write_printed(&mut one, &id, written);
            r = one.reports.pop().unwrap_or_else(|| prev.clone());
            r.carried = carry.left.iter().map(|(_, m)| m.clone()).collect();
            r
        }
        None => {
            let mut r = blank_report(project);
            r.summary = format!(
                "Sơ kết tình hình triển khai thực hiện nhiệm vụ phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số {}",
                period.label()
            );
            r
        }
    };
    report.id = new_report_id(project, period);
    report.period = period;
    report.kind = if period.kind == PeriodKind::Year {
        ReportKind::TongKet
    } else {
        ReportKind::SoKet
    };
    report.number = None;
    report.date = None;
    report.review = Default::default();
    (report, carry)
}

/// An id for a new report of `period` that `project` does not use yet: `bc-q2-2026`,
/// else `bc-q2-2026-1`, `bc-q2-2026-2`, …
pub fn new_report_id(project: &Project, period: Period) -> ReportId {
    let base = format!(
        "bc-{}-{}",
        match period.kind {
            PeriodKind::Quarter(q) => format!("q{q}"),
            PeriodKind::FirstHalf => "6t".to_owned(),
            PeriodKind::NineMonths => "9t".to_owned(),
            PeriodKind::Year => "nam".to_owned(),
            PeriodKind::UpTo(d) => d.format("den-%d-%m").to_string(),
        },
        period.year
    );
    let taken: Vec<&str> = project.reports.iter().map(|r| r.id.as_str()).collect();
    if taken.contains(&base.as_str()) {
        crate::model::new_id(&format!("{base}-"), taken)
    } else {
        base
    }
}

/// A new project for the organisation of `like` (if any), with an empty plan for
/// `year` and one report of its first quarter from the skeleton.
pub fn new_project(like: Option<&Project>, year: i32) -> Project {
    let mut project = Project::default();
    if let Some(old) = like {
        project.organisation = old.organisation.clone();
        project.page_setup = old.page_setup.clone();
    }
    let mut report = blank_report(&project);
    report.id = "bc-moi".to_owned();
    report.period = Period::new(year, PeriodKind::Quarter(1));
    project.plan.year = year;
    project.reports.push(report);
    project
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_skeleton_parses_with_every_role() {
        let r = skeleton_report();
        assert!(r.all_sections().len() >= 11);
    }

    #[test]
    fn a_project_without_reports_proposes_a_period_of_its_plan_or_of_today() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        let q = |y, n| Period::new(y, PeriodKind::Quarter(n));
        assert_eq!(proposed_period(None, 2027, day(2026, 12, 7)), q(2027, 1));
        assert_eq!(proposed_period(None, 2027, day(2027, 8, 2)), q(2027, 3));
        assert_eq!(proposed_period(None, 0, day(2028, 5, 1)), q(2028, 2));
        let mut r = skeleton_report();
        r.period = q(2029, 4);
        assert_eq!(proposed_period(Some(&r), 2027, day(2026, 1, 1)), q(2030, 1));
    }

    #[test]
    fn the_next_period_follows_the_reporting_calendar() {
        assert_eq!(
            (Period::new(2026, PeriodKind::Quarter(1))).next(),
            Period::new(2026, PeriodKind::Quarter(2))
        );
        assert_eq!(
            (Period::new(2026, PeriodKind::Quarter(4))).next(),
            Period::new(2027, PeriodKind::Quarter(1))
        );
    }

    #[test]
    fn after_a_thematic_report_comes_the_first_quarter_ending_after_its_cut_off() {
        let day = |m, d| Period::up_to(chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap());
        assert_eq!(
            (day(5, 15)).next(),
            Period::new(2026, PeriodKind::Quarter(2))
        );
        assert_eq!(
            (day(6, 30)).next(),
            Period::new(2026, PeriodKind::Quarter(3))
        );
        assert_eq!(
            (day(12, 31)).next(),
            Period::new(2027, PeriodKind::Quarter(1))
        );
        let p = crate::test_support::sample();
        let r = report_for_period(&p, day(5, 15), false);
        assert_eq!(r.id, "bc-den-15-05-2026");
        assert!(
            r.summary.ends_with("tính đến ngày 15/5/2026"),
            "{}",
            r.summary
        );
    }

    #[test]
    fn the_next_report_copies_the_previous_one_with_a_new_id_and_no_review() {
        let p = crate::test_support::sample();
        let q3 = Period::new(2026, PeriodKind::Quarter(3));
        let r = report_for_period(&p, q3, true);
        assert_eq!(r.id, "bc-q3-2026");
        assert_eq!(r.period, q3);
        assert!(r.number.is_none() && r.review == Default::default());
        assert_eq!(r.sections.len(), p.reports[0].sections.len());
        let blank = report_for_period(&p, q3, false);
        assert!(
            blank.summary.ends_with("quý III năm 2026"),
            "{}",
            blank.summary
        );
    }

    #[test]
    fn a_new_report_id_is_free_in_the_project() {
        let p = crate::test_support::sample();
        let q2 = Period::new(2026, PeriodKind::Quarter(2));
        assert_eq!(
            new_report_id(&p, q2),
            "bc-q2-2026-1",
            "the sample has bc-q2-2026"
        );
        assert_eq!(
            new_report_id(&p, Period::new(2026, PeriodKind::Year)),
            "bc-nam-2026"
        );
    }

    #[test]
    fn a_new_project_keeps_the_organisation_and_starts_one_report() {
        let p = crate::test_support::sample();
        let n = new_project(Some(&p), 2027);
        assert_eq!(n.organisation, p.organisation);
        assert_eq!(n.reports.len(), 1);
        assert_eq!(n.plan.year, 2027);
        assert!(n.plan.indicators.is_empty());
    }
}

/// The file name an export of `report` suggests, saying what the file is:
/// `BC-so-ket-quy-II-2026-du-thao.pdf`, `…-ban-chinh-thuc.docx`, `…-xem-xet.pdf`.
/// `draft` says whether the report prints as a draft; `review_copy` for the copy with
/// the open comments; `extension` without its dot.
pub fn output_name(report: &Report, draft: bool, review_copy: bool, extension: &str) -> String {
    let kind = match report.kind {
        ReportKind::SoKet => "so-ket",
        ReportKind::TongKet => "tong-ket",
    };
    let p = report.period;
    let period = match p.kind {
        PeriodKind::Quarter(q) => format!("quy-{}-{}", crate::vi::roman(u32::from(q)), p.year),
        PeriodKind::FirstHalf => format!("6-thang-{}", p.year),
        PeriodKind::NineMonths => format!("9-thang-{}", p.year),
        PeriodKind::Year => format!("nam-{}", p.year),
        PeriodKind::UpTo(d) => format!("den-{}", d.format("%d-%m-%Y")),
    };
    let version = if review_copy {
        "xem-xet"
    } else if draft {
        "du-thao"
    } else {
        "ban-chinh-thuc"
    };
    format!("BC-{kind}-{period}-{version}.{extension}")
}

#[cfg(test)]
mod output_name_tests {
    use super::*;

    #[test]
    fn export_names_say_what_the_file_is() {
        let mut r = skeleton_report();
        r.period = Period::new(2026, PeriodKind::Quarter(2));
        assert_eq!(
            output_name(&r, true, false, "pdf"),
            "BC-so-ket-quy-II-2026-du-thao.pdf"
        );
        assert_eq!(
            output_name(&r, false, false, "pdf"),
            "BC-so-ket-quy-II-2026-ban-chinh-thuc.pdf"
        );
        assert_eq!(
            output_name(&r, true, true, "docx"),
            "BC-so-ket-quy-II-2026-xem-xet.docx"
        );
        r.kind = ReportKind::TongKet;
        r.period = Period::new(2026, PeriodKind::Year);
        assert_eq!(
            output_name(&r, false, false, "pdf"),
            "BC-tong-ket-nam-2026-ban-chinh-thuc.pdf"
        );
        // The draft and the final version never share a name.
        assert_ne!(
            output_name(&r, true, false, "pdf"),
            output_name(&r, false, false, "pdf")
        );
    }
}
