//! One list of problems: `baocao check`, the marks of the step list, the step Xem lại
//! và xuất and the status bar read the same problems and never disagree (issue 14).

use std::path::PathBuf;
use std::process::Command;

use baocao::check::{Severity, problems_of_step};
use baocao::guide::Step;
use baocao::session::steps::StepState;
use egui_kittest::kittest::Queryable;

/// The sample with one problem of each kind a clerk makes: a gap left from a phrase,
/// a figure that cannot be found, an indicator without a value, an open comment.
fn troubled_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut p = baocao::storage::load(std::path::Path::new(crate::support::SAMPLE_PATH)).unwrap();
    let r = &mut p.reports[0];
    if let Some(s) = r.section_mut("han-che") {
        s.body
            .push_str("\n- Kinh phí cho {nội dung} chưa được bố trí.");
    }
    if let Some(s) = r.section_mut("uu-diem") {
        s.body.push_str("\n- Đạt {{CT99.kết quả}}.");
    }
    r.review.comments.push(baocao::model::Comment {
        id: "gy-1".into(),
        section: "han-che".into(),
        paragraph: None,
        author: "Nguyễn Văn A".into(),
        role: baocao::model::ReviewRole::Reviewer,
        at: chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap(),
        text: "Bổ sung số liệu.".into(),
        replies: Vec::new(),
        resolved: false,
        resolved_by: None,
        resolved_at: None,
        reopened_at: None,
        anchor: None,
    });
    let period = p.reports[0].period;
    if let Some(rec) = p.periods.iter_mut().find(|x| x.period == period) {
        rec.indicators.remove("CT01");
    }
    baocao::storage::save(&path, &p).unwrap();
    (dir, path)
}

#[test]
fn check_the_step_marks_the_review_step_and_the_status_bar_agree() {
    let (_d, path) = troubled_copy();
    // The command line.
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let cli: Vec<&str> = stdout
        .lines()
        .filter(|l| {
            l.starts_with("Lỗi — ") || l.starts_with("Lưu ý — ") || l.starts_with("Ghi chú — ")
        })
        .collect();
    assert!(cli.len() >= 4, "{stdout}");

    // The window.
    let p = path.clone();
    let mut h = crate::support::window::window(&p).build();
    h.run();
    let derived = h.state().derived().unwrap();
    let window: Vec<String> = derived.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        cli,
        window.iter().map(String::as_str).collect::<Vec<_>>(),
        "the command line and the window list the same problems"
    );
    for needle in ["{nội dung}", "{{CT99.kết quả}}", "1/15 chỉ tiêu", "1 góp ý"] {
        assert!(
            window.iter().any(|w| w.contains(needle)),
            "{needle}: {window:#?}"
        );
    }
    // Every mark says exactly its problems, and a step with none is not marked.
    for s in &derived.steps {
        let mine = problems_of_step(&derived.problems, s.step);
        if mine.is_empty() {
            assert_ne!(
                s.state,
                StepState::NeedsAttention,
                "{:?}: {}",
                s.step,
                s.reason
            );
        } else {
            assert_eq!(s.state, StepState::NeedsAttention, "{:?}", s.step);
            for p in mine {
                let m = &p.message;
                assert!(
                    s.reason.to_lowercase().contains(&m.to_lowercase()),
                    "{:?}: “{}” not in “{}”",
                    s.step,
                    m,
                    s.reason
                );
            }
        }
    }
    let marked: Vec<Step> = derived
        .steps
        .iter()
        .filter(|s| s.state == StepState::NeedsAttention)
        .map(|s| s.step)
        .collect();
    for step in [Step::HanChe, Step::UuDiem, Step::ChiTieu, Step::Duyet] {
        assert!(marked.contains(&step), "{step:?} marked: {marked:?}");
    }
    // The status bar counts the errors and warnings of the same list.
    let serious = derived
        .problems
        .iter()
        .filter(|p| p.severity >= Severity::Warning)
        .count();
    h.get_by_label(&format!("{serious} vấn đề cần xem lại"))
        .click();
    h.run();
    assert_eq!(
        h.state().step,
        Step::XuatBan,
        "a click opens Xem lại và xuất"
    );
    // Xem lại và xuất lists them: the problem itself, then where it is.
    let listed: Vec<(String, String)> = h
        .state()
        .derived()
        .unwrap()
        .problems
        .iter()
        .map(|p| {
            (
                p.message.chars().skip(1).collect(),
                format!("Ở: {}", p.place),
            )
        })
        .collect();
    for (message, place) in &listed {
        assert!(
            h.query_all_by_label_contains(message).next().is_some(),
            "{message}"
        );
        assert!(h.query_all_by_label(place).next().is_some(), "{place}");
    }
    assert!(
        h.query_by_label("Không phát hiện vấn đề nào trong tệp.")
            .is_none()
    );
    // "Đến chỗ này" goes to the step of the problem.
    let k = window
        .iter()
        .position(|w| w.contains("{nội dung}"))
        .unwrap();
    let go = format!("Đến chỗ vấn đề {}", k + 1);
    h.get_by_label(&go).scroll_to_me();
    h.run();
    h.get_by_label(&go).click();
    h.run();
    assert_eq!(h.state().step, Step::HanChe);
}

#[test]
fn changing_an_indicator_flags_the_figures_typed_from_its_old_value_with_their_sections() {
    let mut p = baocao::storage::load(std::path::Path::new(crate::support::SAMPLE_PATH)).unwrap();
    let period = p.reports[0].period;
    let rec = p.periods.iter_mut().find(|x| x.period == period).unwrap();
    rec.indicators.get_mut("CT02").unwrap().value = Some(baocao::model::Value::Number(94.5));
    let problems = baocao::check::check_report(&p, &p.reports[0]);
    let stale: Vec<(&str, String)> = problems
        .iter()
        .filter(|x| x.message.contains("96,8%"))
        .map(|x| {
            (
                x.at.as_ref()
                    .and_then(|a| a.section.as_deref())
                    .unwrap_or(""),
                x.message.clone(),
            )
        })
        .collect();
    let sections: Vec<&str> = stale.iter().map(|s| s.0).collect();
    assert_eq!(sections, ["nv-chinh-quyen-so", "uu-diem"], "{stale:#?}");
    assert!(stale.iter().all(|s| s.1.contains("94,5%")));
    // Before the change the sample has none.
    let sample = baocao::storage::load(std::path::Path::new(crate::support::SAMPLE_PATH)).unwrap();
    let none = baocao::check::check_report(&sample, &sample.reports[0]);
    assert!(
        none.iter().all(|x| x.severity < Severity::Warning),
        "{none:#?}"
    );
}

#[test]
fn the_quarter_three_report_made_from_quarter_two_has_its_period_words_moved_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &path).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["new-report"])
        .arg(&path)
        .args(["--period", "2026-Q3"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("“30/6/2026” → “30/9/2026”"), "{stdout}");
    assert!(stdout.contains("“6 tháng đầu năm” → “9 tháng”"), "{stdout}");
    let p = baocao::storage::load(&path).unwrap();
    let q3 = p.reports.iter().find(|r| r.id == "bc-q3-2026").unwrap();
    let next = q3
        .section_by_role(baocao::model::SectionRole::NextTasks)
        .unwrap();
    assert!(next.body.contains("quý IV"), "the next period moved on too");
    let all: String = q3
        .all_sections()
        .iter()
        .map(|s| s.body.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!all.contains("30/6/2026"));
    // What could not be moved is in the one list, and its step is not green.
    let problems = baocao::check::check_report(&p, q3);
    let periods: Vec<_> = problems
        .iter()
        .filter(|x| x.message.contains("không khớp kỳ báo cáo"))
        .collect();
    assert!(periods.is_empty(), "{periods:#?}");
    // A "quý II" left by hand is flagged, with its step marked.
    let mut p2 = p.clone();
    let r = p2
        .reports
        .iter_mut()
        .find(|r| r.id == "bc-q3-2026")
        .unwrap();
    r.section_mut("han-che")
        .unwrap()
        .body
        .push_str("\n- Trong quý II còn chậm.");
    let r = p2
        .reports
        .iter()
        .find(|r| r.id == "bc-q3-2026")
        .unwrap()
        .clone();
    let d = baocao::session::Derived::compute(&p2, &r, 1);
    let han_che = d.steps.iter().find(|s| s.step == Step::HanChe).unwrap();
    assert_eq!(han_che.state, StepState::NeedsAttention);
    assert!(han_che.reason.contains("“quý II”"), "{}", han_che.reason);
}

#[test]
fn a_proofing_file_reports_exactly_its_errors_and_remembers_what_is_ignored() {
    let mut p = baocao::storage::load(std::path::Path::new(crate::support::SAMPLE_PATH)).unwrap();
    // The sample itself has no finding.
    let none = baocao::check::check_report(&p, &p.reports[0]);
    assert!(none.iter().all(|x| x.ignore.is_none()), "{none:#?}");
    // Known errors: the document writes hòa / thủy (older style) four times, then two
    // words in the other style; one double space, one space before a comma, one
    // missing space after a semicolon, one unmatched bracket.
    let text = "- Hòa giải, hòa hợp, thủy lợi, thủy sản.\n- Hoà nhập và khoẻ mạnh.\n- Làm  tốt ,đúng hạn;kịp thời (phần lớn.\n- Theo Kế hoạch số 18/KH-UBND ngày 25/01/2026 và Quyết định số 45/QĐ-UBND ngày 31/02/2026.";
    p.reports[0].section_mut("uu-diem").unwrap().body = text.to_owned();
    let found = |p: &baocao::model::Project| -> Vec<baocao::check::Problem> {
        baocao::check::check_report(p, &p.reports[0])
            .into_iter()
            .filter(|x| x.ignore.is_some())
            .collect()
    };
    let all = found(&p);
    let tone = all
        .iter()
        .filter(|x| x.message.contains("kiểu bỏ dấu"))
        .count();
    let citations = all
        .iter()
        .filter(|x| x.message.contains("khác kế hoạch") || x.message.contains("không có thật"))
        .count();
    let spacing = all.len() - tone - citations;
    assert_eq!((tone, spacing, citations), (2, 4, 2), "{all:#?}");
    let hoa = all.iter().find(|x| x.message.contains("Hoà")).unwrap();
    assert_eq!(hoa.fix, Some(("Hoà".to_owned(), "Hòa".to_owned())));
    // "Bỏ qua" is remembered in the report (and the file).
    let key = hoa.ignore.clone().unwrap();
    let rid = p.reports[0].id.clone();
    baocao::edit::apply(
        &mut p,
        baocao::edit::Edit::IgnoreFinding {
            report: rid.clone(),
            key,
        },
    )
    .unwrap();
    assert_eq!(found(&p).len(), 7);
    let saved = baocao::storage::to_string(&p).unwrap();
    assert!(saved.contains("ignored: ["), "the choice is in the file");
    // A rule turned off for the document.
    baocao::edit::apply(
        &mut p,
        baocao::edit::Edit::ProofingRules {
            report: rid.clone(),
            off: vec![
                baocao::model::ProofRule::Spacing,
                baocao::model::ProofRule::Citations,
            ],
        },
    )
    .unwrap();
    assert_eq!(found(&p).len(), 1);
}

#[test]
fn a_one_click_fix_says_what_it_changed_and_can_be_undone() {
    use baocao::guide::Step;

    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sua.ron");
    let mut p = baocao::storage::load(std::path::Path::new(crate::support::SAMPLE_PATH)).unwrap();
    p.reports[0].section_mut("uu-diem").unwrap().body =
        "- Hòa giải, hòa hợp.\n- Hoà nhập tốt.".into();
    baocao::storage::save(&path, &p).unwrap();
    let file = path.clone();
    let mut h = crate::support::window::window(&file)
        .dialogs(crate::support::answers::Answers::default())
        .user(Default::default())
        .build();
    h.run();
    crate::support::window::go_to(&mut h, Step::XuatBan);
    let n = h
        .state()
        .derived()
        .unwrap()
        .problems
        .iter()
        .position(|x| x.fix.as_ref().is_some_and(|(typed, _)| typed == "Hoà"))
        .expect("the tone finding has a fix")
        + 1;
    h.get_by_label(&format!("Sửa vấn đề {n}")).click();
    h.run();
    let body = &h.state().report().unwrap().section("uu-diem").unwrap().body;
    assert!(body.contains("Hòa nhập"), "{body}");
    h.get_by_label_contains("Đã thay “Hoà” bằng “Hòa”");
    h.get_by_label_contains("Ctrl+Z");
    h.state_mut().push(baocao::ui::Command::Undo);
    h.run();
    let body = &h.state().report().unwrap().section("uu-diem").unwrap().body;
    assert!(body.contains("Hoà nhập"), "undone in one step: {body}");
}
