//! The files shipped with the program and the test fixtures: they load, pass `check`,
//! survive a save, and hold what the sample promises (a full plan, two quarters of
//! figures, a draft report following the sơ kết skeleton).

use std::path::{Path, PathBuf};

use baocao::check::{Severity, check};
use baocao::model::{
    ChildNumbering, Comparison, Deadline, Generated, Period, PeriodKind, Project, Report, Section,
    SectionRole, Target, TaskState, Value,
};
use baocao::storage;
use chrono::NaiveDate;

const SKELETON: &str = "khung-bao-cao.ron";
const SAMPLE: &str = "assets/mau-binh-minh-hai.ron";
const V0: &str = "tests/fixtures/v0-phuong-hong-duong.ron";
const MINIMAL: &str = "tests/fixtures/xa-tan-lap-toi-gian.ron";

const ALL_ROLES: [SectionRole; 11] = [
    SectionRole::Bases,
    SectionRole::Results,
    SectionRole::Leadership,
    SectionRole::KeyTasks,
    SectionRole::IndicatorResults,
    SectionRole::Assessment,
    SectionRole::Strengths,
    SectionRole::Shortcomings,
    SectionRole::Causes,
    SectionRole::NextTasks,
    SectionRole::Proposals,
];

fn path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn ron_files_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(path(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        // The skeleton is a report and the guide holds the editor's texts.
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n != SKELETON && n != "huong-dan.ron")
        })
        .collect();
    files.sort();
    files
}

/// Every project file: the samples in `assets/` (not the skeleton) and the fixtures.
fn project_files() -> Vec<PathBuf> {
    let mut files = ron_files_in("assets");
    files.extend(ron_files_in("tests/fixtures"));
    files
}

fn load(relative: &str) -> Project {
    storage::load(&path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn skeleton() -> Report {
    let text = std::fs::read_to_string(path(&format!("assets/{SKELETON}"))).unwrap();
    ron::from_str(&text).unwrap_or_else(|e| panic!("{SKELETON}: {e}"))
}

fn roles(sections: &[&Section]) -> Vec<SectionRole> {
    sections.iter().filter_map(|s| s.role).collect()
}

/// All the text of a report a reader sees, section titles and bodies included.
fn report_text(r: &Report) -> String {
    let mut parts = vec![r.summary.clone(), r.opening.clone(), r.closing.clone()];
    parts.extend(r.recipients.iter().cloned());
    parts.extend(r.distribution.iter().cloned());
    for s in r.all_sections() {
        parts.push(s.title.clone());
        parts.push(s.body.clone());
    }
    parts.join("\n")
}

fn q(n: u8) -> Period {
    Period::new(2026, PeriodKind::Quarter(n))
}

#[test]
fn there_are_project_files_to_test() {
    let files = project_files();
    assert!(files.len() >= 3, "{files:?}");
    assert!(files.contains(&path(SAMPLE)));
}

#[test]
fn every_project_file_loads_without_check_errors() {
    for file in project_files() {
        let project = storage::load(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let errors: Vec<String> = check(&project)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
}

#[test]
fn every_project_file_loads_back_equal_after_saving() {
    let dir = tempfile::tempdir().unwrap();
    for file in project_files() {
        let project = storage::load(&file).unwrap();
        let copy = dir.path().join(file.file_name().unwrap());
        storage::save(&copy, &project).unwrap();
        let again = storage::load(&copy).unwrap();
        assert_eq!(again, project, "{}", file.display());
    }
}

#[test]
fn the_skeleton_is_a_report_with_every_section_role() {
    let r = skeleton();
    let present = roles(&r.all_sections());
    for role in ALL_ROLES {
        assert_eq!(
            present.iter().filter(|&&p| p == role).count(),
            1,
            "{role:?} in {present:?}"
        );
    }
    assert_eq!(present, ALL_ROLES);
}

#[test]
fn the_skeleton_is_empty_apart_from_titles_and_generated_content() {
    let r = skeleton();
    assert_eq!(r.id, "moi");
    assert!(r.summary.is_empty() && r.closing.is_empty() && r.opening.is_empty());
    assert_eq!((r.number, r.date), (None, None));
    for s in r.all_sections() {
        assert!(!s.title.trim().is_empty(), "{}", s.id);
        assert!(s.body.is_empty(), "{}", s.id);
        assert!(
            !s.title.chars().next().unwrap().is_ascii_digit(),
            "{}",
            s.title
        );
    }
    let table = r.section_by_role(SectionRole::IndicatorResults).unwrap();
    assert_eq!(table.generated, Some(Generated::IndicatorTable));
    let assessment = r.section_by_role(SectionRole::Assessment).unwrap();
    assert_eq!(assessment.numbering, ChildNumbering::Letters);
    assert_eq!(
        roles(&assessment.children.iter().collect::<Vec<_>>()),
        [
            SectionRole::Strengths,
            SectionRole::Shortcomings,
            SectionRole::Causes
        ]
    );
}

#[test]
fn the_sample_plan_has_at_least_twelve_indicators_in_two_groups() {
    let p = load(SAMPLE);
    let plan = &p.plan;
    assert!(plan.indicators.len() >= 12, "{}", plan.indicators.len());
    assert_eq!(plan.indicator_groups.len(), 2);
    for g in &plan.indicator_groups {
        assert!(plan.indicators.iter().any(|i| i.group == g.id), "{}", g.id);
    }
    assert!(plan.indicators.iter().all(|i| !i.lead.is_empty()));
    let cmps: Vec<Comparison> = plan
        .indicators
        .iter()
        .filter_map(|i| match i.target {
            Target::Number { cmp, .. } => Some(cmp),
            Target::Text { .. } => None,
        })
        .collect();
    for cmp in [Comparison::AtLeast, Comparison::MoreThan, Comparison::Equal] {
        assert!(cmps.contains(&cmp), "{cmp:?}");
    }
    assert!(
        plan.indicators
            .iter()
            .any(|i| matches!(&i.target, Target::Text { expected } if expected == "Hoàn thành"))
    );
    assert!(plan.indicators.iter().any(|i| i.accrues_over_year));
}

#[test]
fn the_sample_plan_has_at_least_fifteen_tasks_with_every_kind_of_deadline() {
    let p = load(SAMPLE);
    let plan = &p.plan;
    assert!(plan.tasks.len() >= 15, "{}", plan.tasks.len());
    assert_eq!(plan.task_groups.len(), 2);
    let has = |f: fn(&Deadline) -> bool| plan.tasks.iter().any(|t| f(&t.deadline));
    assert!(has(|d| matches!(d, Deadline::Month { .. })));
    assert!(has(|d| matches!(d, Deadline::Quarter { .. })));
    assert!(has(|d| matches!(d, Deadline::Date(_))));
    assert!(has(|d| matches!(d, Deadline::Ongoing)));
    assert!(has(|d| matches!(d, Deadline::Other(_))));
    assert!(plan.tasks.iter().all(|t| !t.lead.is_empty()));
}

#[test]
fn the_sample_records_the_first_and_second_quarters() {
    let p = load(SAMPLE);
    let periods: Vec<Period> = p.periods.iter().map(|r| r.period).collect();
    assert_eq!(periods, [q(1), q(2)]);
    let q1 = p.period_record(q(1)).unwrap();
    let q2 = p.period_record(q(2)).unwrap();
    // One figure is still missing in Q1; every indicator has a value in Q2.
    assert_eq!(
        q1.indicators.values().filter(|v| v.value.is_none()).count(),
        1
    );
    assert_eq!(q2.indicators.len(), p.plan.indicators.len());
    assert!(q2.indicators.values().all(|v| v.value.is_some()));
    assert!(
        q2.indicators
            .values()
            .any(|v| matches!(v.value, Some(Value::Text(_))))
    );
    assert_eq!(q2.tasks.len(), p.plan.tasks.len());
    for state in [
        TaskState::NotStarted,
        TaskState::InProgress,
        TaskState::Done,
        TaskState::Dropped,
    ] {
        assert!(q2.tasks.values().any(|t| t.state == state), "{state:?}");
    }
}

#[test]
fn two_or_three_sample_tasks_are_overdue_at_the_end_of_the_second_quarter() {
    let p = load(SAMPLE);
    let end = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let q2 = p.period_record(q(2)).unwrap();
    let overdue = p
        .plan
        .tasks
        .iter()
        .filter(|t| t.deadline.due_date().is_some_and(|d| d < end))
        .filter(|t| {
            !matches!(
                q2.tasks.get(&t.id).map(|x| x.state),
                Some(TaskState::Done | TaskState::Dropped)
            )
        })
        .count();
    assert!((2..=3).contains(&overdue), "{overdue}");
}

#[test]
fn the_sample_report_is_a_draft_of_the_second_quarter_following_the_skeleton() {
    let p = load(SAMPLE);
    assert_eq!(p.reports.len(), 1);
    let r = &p.reports[0];
    assert_eq!(r.id, "bc-q2-2026");
    assert_eq!(r.period, q(2));
    assert_eq!((r.number, r.date), (None, None));
    assert!(p.organisation.signer(&r.signer).is_some());
    assert_eq!(r.distribution, p.organisation.default_recipients);
    assert_eq!(roles(&r.all_sections()), ALL_ROLES);
    let key = r.section_by_role(SectionRole::KeyTasks).unwrap();
    assert!((4..=5).contains(&key.children.len()));
    assert!(key.children.iter().all(|c| c.role.is_none()));
    assert_eq!(
        r.section_by_role(SectionRole::IndicatorResults)
            .unwrap()
            .generated,
        Some(Generated::IndicatorTable)
    );
    assert!(r.closing.starts_with("Trên đây là Báo cáo sơ kết"));
    assert!(r.closing.ends_with("./."));
}

#[test]
fn the_sample_report_text_is_nfc_in_the_file_and_after_loading() {
    let raw = std::fs::read_to_string(path(SAMPLE)).unwrap();
    assert!(unicode_normalization::is_nfc(&raw));
    let p = load(SAMPLE);
    let text = report_text(&p.reports[0]);
    assert!(unicode_normalization::is_nfc(&text));
    assert!(text.contains("Bình Minh Hải"));
}

#[test]
fn the_sample_report_is_about_five_pages_long() {
    let p = load(SAMPLE);
    let r = &p.reports[0];
    let words: usize = r
        .all_sections()
        .iter()
        .map(|s| s.body.split_whitespace().count())
        .sum::<usize>()
        + r.closing.split_whitespace().count();
    assert!((2300..=2800).contains(&words), "{words} words");
}

#[test]
fn the_version_0_fixture_is_migrated_to_the_current_model() {
    let raw = std::fs::read_to_string(path(V0)).unwrap();
    assert!(!raw.contains("format_version:"));
    let p = load(V0);
    assert_eq!(p.format_version, baocao::model::FORMAT_VERSION);
    assert_eq!(
        p.organisation.issuing_body,
        ["ỦY BAN NHÂN DÂN", "PHƯỜNG HỒNG DƯƠNG"]
    );
    assert_eq!(
        p.organisation.signers[0].authority,
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    );

    let plan = &p.plan;
    let ind = |id: &str| plan.indicator(id).unwrap();
    let number = |cmp, value| Target::Number { cmp, value };
    assert_eq!(ind("CT01").target, number(Comparison::MoreThan, 90.0));
    assert_eq!(ind("CT01").unit, "%");
    assert_eq!(ind("CT03").target, number(Comparison::AtLeast, 100.0));
    assert_eq!(ind("CT04").target, number(Comparison::AtLeast, 10.0));
    assert_eq!(ind("CT04").unit, "sáng kiến");
    assert_eq!(
        ind("CT05").target,
        Target::Text {
            expected: "Hoàn thành".into()
        }
    );
    assert_eq!(plan.indicator_groups.len(), 2);
    assert_eq!(plan.task_groups.len(), 2);

    // Offices named in free text become offices with ids, each name once.
    let office = |name: &str| {
        p.organisation
            .offices
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("{name}"))
            .id
            .clone()
    };
    assert_eq!(ind("CT05").lead.len(), 2);
    assert_eq!(ind("CT05").lead[0], office("Phòng Văn hóa - Xã hội"));
    assert_eq!(ind("CT04").lead, [office("Phòng Văn hóa - Xã hội")]);
    let names: Vec<&str> = p
        .organisation
        .offices
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{names:?}");

    let deadline = |id: &str| plan.task(id).unwrap().deadline.clone();
    assert_eq!(
        deadline("NV01"),
        Deadline::Month {
            year: 2026,
            month: 6
        }
    );
    assert_eq!(
        deadline("NV02"),
        Deadline::Quarter {
            year: 2026,
            quarter: 3
        }
    );
    assert_eq!(
        deadline("NV03"),
        Deadline::Date(NaiveDate::from_ymd_opt(2026, 9, 30).unwrap())
    );
    assert_eq!(deadline("NV04"), Deadline::Ongoing);
    assert!(matches!(deadline("NV05"), Deadline::Other(_)));
    assert_eq!(plan.task("NV01").unwrap().coordinating.len(), 2);
}

#[test]
fn the_minimal_fixture_keeps_its_number_date_review_and_page_setup() {
    let p = load(MINIMAL);
    assert_eq!(p.plan.indicators.len(), 3);
    assert_eq!(p.plan.tasks.len(), 3);
    let r = &p.reports[0];
    assert_eq!(r.number, Some(5));
    assert_eq!(r.date, NaiveDate::from_ymd_opt(2026, 4, 6));
    assert!(
        r.all_sections()
            .iter()
            .any(|s| s.body.is_empty() && s.generated.is_none())
    );
    assert_eq!(r.review.comments.len(), 1);
    assert_eq!(p.page_setup.margin_left_mm, 32.0);
    assert_eq!(p.page_setup.margin_top_mm, 20.0);
    // The decomposed `a` + combining tilde written as an escape is normalised on load.
    let note = &p.period_record(q(1)).unwrap().tasks["NV1"].note;
    assert!(note.starts_with("Đã "), "{note:?}");
    assert!(unicode_normalization::is_nfc(note));
}
