//! Plan revisions and the Thông báo of adjustments (issue 25), end to end: a revision
//! recorded through the session API and through `baocao import … --decided-by`, each
//! report judged against the plan of its own period, `baocao new-notice`, the notice
//! exported to PDF and read back by pdftotext and the Decree 30 checker; old files and
//! their approvals untouched; a notice without a revision refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use baocao::compose::facts;
use baocao::edit::{Edit, apply};
use baocao::model::{
    Comparison, Deadline, DocumentType, IndicatorStatus, Period, PeriodKind, Project, Target, Task,
    Value,
};
use baocao::session::plan_revisions::{notice, revise};
use chrono::NaiveDate;

use crate::support::SAMPLE_PATH;
use crate::support::cli::tool;

const DECIDED_BY: &str = "Công văn số 125/UBND-VP ngày 12/6/2026 của UBND Thành phố";
const NEW_TASK: &str = "Vận hành thử nghiệm nền tảng phản ánh hiện trường trên thiết bị di động";

fn sample() -> Project {
    baocao::storage::load(Path::new(SAMPLE_PATH)).unwrap()
}

fn q(n: u8) -> Period {
    Period::new(2026, PeriodKind::Quarter(n))
}

fn july_first() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 7, 1)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .output()
        .unwrap()
}

/// Two percentage indicators met in the sample's quarter-II report, with their value:
/// raising their targets above the value makes them not met.
fn two_met_rates(p: &Project) -> Vec<(String, String, f64)> {
    let report = &p.reports[0];
    let found: Vec<(String, String, f64)> = facts::indicators(p, report)
        .into_iter()
        .filter(|(i, _, s)| {
            s.is_achieved()
                && i.unit.trim() == "%"
                && !i.accrues_over_year
                && matches!(
                    i.target,
                    Target::Number {
                        cmp: Comparison::AtLeast,
                        ..
                    }
                )
        })
        .filter_map(|(i, v, _)| match v {
            Some(Value::Number(x)) if x < 99.0 => Some((i.id.clone(), i.name.clone(), x)),
            _ => None,
        })
        .take(2)
        .collect();
    assert_eq!(found.len(), 2, "the sample has two met rates below 99 %");
    found
}

/// The sample with a quarter-III report whose figures equal quarter II's.
fn with_third_quarter(mut p: Project) -> Project {
    let q2 = q(2);
    let values: Vec<(String, Option<Value>)> = p
        .plan
        .indicators
        .iter()
        .map(|i| (i.id.clone(), p.indicator_value(q2, &i.id).cloned()))
        .collect();
    for (id, value) in values {
        apply(
            &mut p,
            Edit::IndicatorValue {
                period: q(3),
                indicator: id,
                value,
            },
        )
        .unwrap();
    }
    let mut r3 = baocao::session::reports::report_for_period(&p, q(3), false);
    r3.id = "bc-q3".into();
    apply(&mut p, Edit::AddReport(Box::new(r3))).unwrap();
    p
}

fn status_of(p: &Project, report_id: &str, indicator: &str) -> IndicatorStatus {
    let r = p.report(report_id).unwrap();
    facts::indicators(p, r)
        .into_iter()
        .find(|(i, _, _)| i.id == indicator)
        .map(|(_, _, s)| s)
        .unwrap()
}

/// The session API: two targets raised and one task added, in force from 1/7/2026.
fn revised_by_session() -> (Project, Vec<(String, String, f64)>) {
    let mut p = with_third_quarter(sample());
    let rates = two_met_rates(&p);
    let mut after = p.plan.clone();
    for (id, _, v) in &rates {
        let ind = after.indicators.iter_mut().find(|i| &i.id == id).unwrap();
        ind.target = Target::Number {
            cmp: Comparison::AtLeast,
            value: (v + 0.5).min(100.0),
        };
        ind.target_as_written.clear();
    }
    after.tasks.push(Task {
        id: "NV-MOI".into(),
        group: p
            .plan
            .task_groups
            .first()
            .map(|g| g.id.clone())
            .unwrap_or_default(),
        name: NEW_TASK.into(),
        lead: p
            .organisation
            .offices
            .first()
            .map(|o| vec![o.id.clone()])
            .unwrap_or_default(),
        output: "Nền tảng vận hành".into(),
        directing: "Phó Chủ tịch UBND".into(),
        deadline: Deadline::Quarter {
            year: 2026,
            quarter: 4,
        },
        ..Task::default()
    });
    let edit = revise(&p, after, DECIDED_BY, july_first()).unwrap();
    apply(&mut p, edit).unwrap();
    (p, rates)
}

#[test]
fn a_report_after_the_revision_is_judged_against_the_new_targets_and_one_before_against_the_old() {
    let before = with_third_quarter(sample());
    let (p, rates) = revised_by_session();
    let q2_id = p.reports[0].id.clone();
    for (id, _, _) in &rates {
        // Before the revision, both quarters met the target with the same figure.
        assert!(status_of(&before, "bc-q3", id).is_achieved());
        assert_eq!(status_of(&p, &q2_id, id), status_of(&before, &q2_id, id));
        assert!(status_of(&p, &q2_id, id).is_achieved());
        assert_eq!(status_of(&p, "bc-q3", id), IndicatorStatus::NotMet);
    }
    // The new task is in quarter III's plan, not in quarter II's.
    let tasks_of = |id: &str| -> Vec<String> {
        facts::tasks(&p, p.report(id).unwrap())
            .into_iter()
            .map(|(t, _)| t.name)
            .collect()
    };
    assert!(tasks_of("bc-q3").iter().any(|n| n == NEW_TASK));
    assert!(!tasks_of(&q2_id).iter().any(|n| n == NEW_TASK));
    // The reviewer of quarter III is told which targets changed since quarter II.
    let notes: Vec<String> = baocao::check::check_report(&p, p.report("bc-q3").unwrap())
        .into_iter()
        .map(|x| x.message)
        .filter(|m| m.contains("đã điều chỉnh từ kỳ trước"))
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    for (_, name, _) in &rates {
        assert!(notes[0].contains(name.trim()), "{}", notes[0]);
    }
    assert!(notes[0].contains("Công văn số 125/UBND-VP"));
}

#[test]
fn an_approval_of_the_earlier_quarter_holds_after_a_later_revision() {
    let plain = with_third_quarter(sample());
    let (p, _) = revised_by_session();
    let q2 = &p.reports[0];
    assert_eq!(
        baocao::review::fingerprint(&plain, &plain.reports[0]),
        baocao::review::fingerprint(&p, q2),
        "the plan of quarter II did not change"
    );
    assert_ne!(
        baocao::review::fingerprint(&plain, plain.report("bc-q3").unwrap()),
        baocao::review::fingerprint(&p, p.report("bc-q3").unwrap()),
        "the plan of quarter III did"
    );
}

#[test]
fn old_project_files_load_and_keep_their_fingerprints_and_their_text() {
    let text = std::fs::read_to_string(SAMPLE_PATH).unwrap();
    let p = sample();
    assert!(p.plan.revisions.is_empty());
    assert!(p.reports.iter().all(|r| r.document == DocumentType::BaoCao));
    let written = baocao::storage::to_string(&p).unwrap();
    assert!(!written.contains("revisions"), "nothing new is written");
    assert!(!written.contains("document:"));
    let again = baocao::storage::parse(&written, Path::new(SAMPLE_PATH)).unwrap();
    assert_eq!(
        baocao::review::fingerprint(&p, &p.reports[0]),
        baocao::review::fingerprint(&again, &again.reports[0])
    );
    assert!(!text.contains("revisions"));
}

/// Saves `p` into a fresh folder and returns the folder and the file.
fn saved(p: &Project) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("du-an.ron");
    baocao::storage::save(&path, p).unwrap();
    (dir, path)
}

/// The id `new-notice` printed: its last line.
fn printed_id(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_owned()
}

/// `export --report ID` to a PDF beside the project, and its text with the spaces
/// of wrapped lines made single.
fn export_text(dir: &Path, file: &Path, id: &str) -> (PathBuf, String) {
    let pdf = dir.join("thong-bao.pdf");
    let out = run(&[
        "export",
        file.to_str().unwrap(),
        "--report",
        id,
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    (pdf, text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The Decree 30 checker's failing rules.
fn nd30_failures(pdf: &Path) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/nd30check.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(pdf)
        .arg("--draft")
        .args(["--max-kb", "150"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!text.contains("needs pdfplumber"), "pip install pdfplumber");
    text.lines()
        .filter(|l| l.contains("FAIL"))
        .map(str::to_owned)
        .collect()
}

/// The first words of a name, enough to find it in a table cell that wraps.
fn head(name: &str) -> String {
    name.split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_notice_of_a_revision_lists_exactly_its_changes_in_its_two_appendices() {
    let (p, rates) = revised_by_session();
    let (dir, file) = saved(&p);
    let id = printed_id(&run(&["new-notice", file.to_str().unwrap()]));
    let stored = baocao::storage::load(&file).unwrap();
    let n = stored.report(&id).unwrap();
    assert_eq!(n.document, DocumentType::ThongBao { revision: 0 });
    let (pdf, text) = export_text(dir.path(), &file, &id);
    assert!(text.contains("THÔNG BÁO"), "{text}");
    assert!(text.contains("/TB-"), "the number carries TB");
    assert!(text.contains("Căn cứ Công văn số 125/UBND-VP"));
    // The appendices follow the body, each after its name and title.
    let one = text.find("DANH MỤC CHỈ TIÊU ĐIỀU CHỈNH, BỔ SUNG").unwrap();
    let two = text.find("DANH MỤC NHIỆM VỤ ĐIỀU CHỈNH, BỔ SUNG").unwrap();
    assert!(text[..one].ends_with("Phụ lục số 01 "), "{}", &text[..one]);
    assert!(text[..two].ends_with("Phụ lục số 02 "));
    let first_appendix = &text[one..two];
    let second_appendix = &text[two..];
    assert!(first_appendix.contains("Kèm theo Thông báo số"));
    for (_, name, _) in &rates {
        assert!(
            first_appendix.contains(&head(name)),
            "{name} in {first_appendix}"
        );
    }
    assert_eq!(first_appendix.matches("Điều chỉnh từ").count(), 2);
    // Exactly those: no other indicator of the plan is listed.
    let listed = p
        .plan
        .indicators
        .iter()
        .filter(|i| first_appendix.contains(&head(&i.name)))
        .count();
    assert_eq!(listed, 2, "{first_appendix}");
    assert!(second_appendix.contains(&head(NEW_TASK)));
    assert_eq!(second_appendix.matches("Bổ sung").count(), 1);
    // Its columns as a notice lists tasks, with the leader who directs each.
    assert!(
        second_appendix.contains("Chủ trì chỉ đạo"),
        "{second_appendix}"
    );
    assert!(
        second_appendix.contains("Phó Chủ tịch UBND"),
        "{second_appendix}"
    );
    let other_tasks = p
        .plan
        .tasks
        .iter()
        .filter(|t| t.name != NEW_TASK && second_appendix.contains(&t.name))
        .count();
    assert_eq!(other_tasks, 0);
    // The checker of Decree 30 finds nothing wrong but (in its version that knows only
    // reports) the document type word.
    let failures = nd30_failures(&pdf);
    assert!(
        failures
            .iter()
            .all(|f| f.contains("document type 'BÁO CÁO'")),
        "{failures:?}"
    );
}

#[test]
fn import_with_decided_by_records_the_targets_it_changes_as_a_revision() {
    let p = with_third_quarter(sample());
    let rates = two_met_rates(&p);
    let (dir, file) = saved(&p);
    let csv = dir.path().join("chi-tieu-moi.csv");
    let mut table = "STT;Tên chỉ tiêu;Chỉ tiêu năm 2026\n".to_owned();
    for (i, (_, name, v)) in rates.iter().enumerate() {
        let t = baocao::vi::format_number((v + 0.5).min(100.0), 2);
        table.push_str(&format!("{};{};{t}%\n", i + 1, name.trim()));
    }
    std::fs::write(&csv, table).unwrap();
    let out = run(&[
        "import",
        file.to_str().unwrap(),
        csv.to_str().unwrap(),
        "--kind",
        "chi-tieu",
        "--decided-by",
        DECIDED_BY,
        "--effective",
        "2026-07-01",
        "--yes",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Đã ghi điều chỉnh kế hoạch lần 1."));
    let after = baocao::storage::load(&file).unwrap();
    assert_eq!(
        after.plan.indicators.len(),
        p.plan.indicators.len(),
        "changed, not added"
    );
    let rev = &after.plan.revisions[0];
    assert_eq!(rev.decided_by, DECIDED_BY);
    assert_eq!(rev.effective, july_first());
    assert_eq!(rev.indicator_changes().len(), 2);
    for (id, _, _) in &rates {
        assert!(status_of(&after, &after.reports[0].id, id).is_achieved());
        assert_eq!(status_of(&after, "bc-q3", id), IndicatorStatus::NotMet);
    }
    // The same table again changes nothing: no second revision.
    let again = run(&[
        "import",
        file.to_str().unwrap(),
        csv.to_str().unwrap(),
        "--kind",
        "chi-tieu",
        "--decided-by",
        DECIDED_BY,
        "--yes",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("không thay đổi"));
    let id = printed_id(&run(&[
        "new-notice",
        file.to_str().unwrap(),
        "--revision",
        "1",
    ]));
    let (_, text) = export_text(dir.path(), &file, &id);
    assert!(text.contains("Phụ lục số 01") && !text.contains("Phụ lục số 02"));
}

#[test]
fn a_notice_without_a_revision_is_refused_in_vietnamese_and_the_file_is_kept() {
    let (_dir, file) = saved(&sample());
    let before = std::fs::read(&file).unwrap();
    let out = run(&["new-notice", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("chưa có lần điều chỉnh"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    let out = run(&["new-notice", file.to_str().unwrap(), "--revision", "x"]);
    assert_eq!(out.status.code(), Some(2));
    let (p, _) = revised_by_session();
    assert!(notice(&p, Some(3)).is_err());
}

#[test]
fn the_window_opens_a_notice_with_its_own_title_word_and_without_the_reports_phrases() {
    use baocao::guide::Step;
    use baocao::ui::Command as UiCommand;

    use egui_kittest::kittest::Queryable;
    let (p, _) = revised_by_session();
    let (_dir, file) = saved(&p);
    let id = printed_id(&run(&["new-notice", file.to_str().unwrap()]));
    let path = file.clone();
    let mut h = crate::support::window::window(&path)
        .dialogs(crate::support::answers::Answers::default())
        .user(Default::default())
        .build();
    h.state_mut().push(UiCommand::SelectReport(id));
    h.run();
    crate::support::window::go_to(&mut h, Step::ThongTin);
    assert!(
        h.query_all_by_label("Trích yếu (dòng tóm tắt dưới chữ THÔNG BÁO)")
            .next()
            .is_some()
    );
    h.get_by_label_contains("trích yếu của thông báo");
    assert!(
        h.query_all_by_label("Trích yếu (dòng tóm tắt dưới chữ BÁO CÁO)")
            .next()
            .is_none()
    );
    assert!(
        h.query_all_by_label_contains("Sơ kết tình hình triển khai")
            .next()
            .is_none(),
        "the report's phrases are not offered for a notice"
    );
}
