//! Tests of `edit`.
// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;
use crate::model::{Indicator, PeriodKind, SectionRole};

fn project() -> Project {
    let mut p = Project::default();
    p.plan.indicators.push(Indicator {
        id: "CT01".into(),
        ..Indicator::default()
    });
    let mut results = Section::new("kq", "Kết quả");
    results.role = Some(SectionRole::Results);
    results.children = vec![Section::new("a", "A"), Section::new("b", "B")];
    let mut hc = Section::new("hc", "Hạn chế");
    hc.role = Some(SectionRole::Shortcomings);
    p.reports.push(Report {
        id: "r".into(),
        kind: Default::default(),
        period: Q2,
        number: None,
        date: None,
        summary: String::new(),
        recipients: vec![],
        opening: String::new(),
        sections: vec![results, hc],
        closing: String::new(),
        distribution: vec![],
        signer: String::new(),
        appendices: Default::default(),
        review: Default::default(),
        proofing: Default::default(),
        carried: Vec::new(),
        document_words: None,
        document: Default::default(),
        summary_tables: Vec::new(),
    });
    p
}
const Q2: Period = Period {
    year: 2026,
    kind: PeriodKind::Quarter(2),
};

fn body(text: &str) -> Edit {
    Edit::SectionBody {
        report: "r".into(),
        section: "hc".into(),
        text: text.into(),
    }
}

#[test]
fn typed_text_is_stored_composed() {
    let mut p = project();
    apply(&mut p, body("Vie\u{302}\u{323}t")).unwrap();
    assert_eq!(p.reports[0].section("hc").unwrap().body, "Việt");
}

#[test]
fn typing_in_one_section_is_one_undo_step() {
    let mut p = project();
    let mut h = History::default();
    for t in ["M", "Mộ", "Một"] {
        h.apply(&mut p, body(t)).unwrap();
    }
    assert_eq!(h.undo_depth(), 1);
    assert!(h.undo(&mut p));
    assert_eq!(p.reports[0].section("hc").unwrap().body, "");
    assert!(h.redo(&mut p));
    assert_eq!(p.reports[0].section("hc").unwrap().body, "Một");
}

#[test]
fn typing_an_indicator_value_is_one_undo_step() {
    let mut p = project();
    let mut h = History::default();
    for v in [9.0, 93.0, 93.4] {
        let edit = Edit::IndicatorValue {
            period: Q2,
            indicator: "CT01".into(),
            value: Some(Value::Number(v)),
        };
        h.apply(&mut p, edit).unwrap();
    }
    assert_eq!(h.undo_depth(), 1);
    assert!(h.undo(&mut p));
    assert!(p.period_record(Q2).is_none());
}

#[test]
fn a_sealed_typing_run_starts_a_new_step() {
    let mut p = project();
    let mut h = History::default();
    h.apply(&mut p, body("a")).unwrap();
    h.seal();
    h.apply(&mut p, body("ab")).unwrap();
    assert_eq!(h.undo_depth(), 2);
}

#[test]
fn a_new_edit_clears_redo() {
    let mut p = project();
    let mut h = History::default();
    h.apply(&mut p, body("a")).unwrap();
    h.undo(&mut p);
    assert!(h.can_redo());
    h.apply(&mut p, body("b")).unwrap();
    assert!(!h.can_redo());
}

#[test]
fn two_hundred_steps_can_be_undone() {
    let mut p = project();
    let mut h = History::new(200);
    for i in 0..250u32 {
        h.apply(
            &mut p,
            Edit::ReportNumber {
                report: "r".into(),
                number: Some(i + 1),
            },
        )
        .unwrap();
    }
    let mut undone = 0;
    while h.undo(&mut p) {
        undone += 1;
    }
    assert_eq!(undone, 200);
    assert_eq!(p.reports[0].number, Some(50));
}

#[test]
fn an_edit_that_changes_nothing_records_no_step() {
    let mut p = project();
    let mut h = History::default();
    assert!(!h.apply(&mut p, body("")).unwrap());
    assert!(!h.can_undo());
}

#[test]
fn sub_sections_are_added_moved_and_removed() {
    let mut p = project();
    apply(
        &mut p,
        Edit::AddSection {
            report: "r".into(),
            parent: Some("kq".into()),
            title: "C".into(),
        },
    )
    .unwrap();
    let kids = |p: &Project| -> Vec<String> {
        p.reports[0]
            .section("kq")
            .unwrap()
            .children
            .iter()
            .map(|s| s.title.clone())
            .collect()
    };
    assert_eq!(kids(&p), ["A", "B", "C"]);
    let c_id = p.reports[0].section("kq").unwrap().children[2].id.clone();
    apply(
        &mut p,
        Edit::MoveSection {
            report: "r".into(),
            section: c_id.clone(),
            delta: -2,
        },
    )
    .unwrap();
    assert_eq!(kids(&p), ["C", "A", "B"]);
    apply(
        &mut p,
        Edit::RemoveSection {
            report: "r".into(),
            section: "a".into(),
        },
    )
    .unwrap();
    assert_eq!(kids(&p), ["C", "B"]);
}

#[test]
fn skeleton_sections_are_hints_a_report_may_move_or_leave_them_out() {
    let mut p = project();
    let edit = |section: &str| Edit::MoveSection {
        report: "r".into(),
        section: section.into(),
        delta: 1,
    };
    apply(&mut p, edit("kq")).unwrap();
    let ids: Vec<&str> = p.reports[0]
        .sections
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, ["hc", "kq"]);
    apply(
        &mut p,
        Edit::RemoveSection {
            report: "r".into(),
            section: "hc".into(),
        },
    )
    .unwrap();
    assert!(p.reports[0].section("hc").is_none());
}

#[test]
fn a_section_moves_one_level_in_and_out_and_refuses_what_cannot_be() {
    let mut p = project();
    let nest = |section: &str, deeper: bool| Edit::NestSection {
        report: "r".into(),
        section: section.into(),
        deeper,
    };
    apply(&mut p, nest("b", true)).unwrap();
    let kq = p.reports[0].section("kq").unwrap();
    assert_eq!(kq.children.len(), 1);
    assert_eq!(kq.children[0].children[0].id, "b");
    apply(&mut p, nest("b", false)).unwrap();
    apply(&mut p, nest("b", false)).unwrap();
    let ids: Vec<&str> = p.reports[0]
        .sections
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, ["kq", "b", "hc"]);
    let before = p.clone();
    let err = apply(&mut p, nest("kq", true)).unwrap_err();
    assert!(matches!(err, EditError::CannotNest(_)));
    assert!(apply(&mut p, nest("kq", false)).is_err());
    assert!(apply(&mut p, nest("zz", false)).is_err());
    assert_eq!(p, before, "a refused edit changes nothing");
}

#[test]
fn a_section_layout_sets_numbering_new_page_and_generated_table() {
    let mut p = project();
    apply(
        &mut p,
        Edit::SectionLayout {
            report: "r".into(),
            section: "kq".into(),
            numbering: crate::model::ChildNumbering::Letters,
            new_page: true,
            generated: Some(crate::model::Generated::IndicatorTable),
        },
    )
    .unwrap();
    let kq = p.reports[0].section("kq").unwrap();
    assert!(kq.new_page);
    assert_eq!(kq.numbering, crate::model::ChildNumbering::Letters);
    assert_eq!(kq.generated, Some(crate::model::Generated::IndicatorTable));
}

#[test]
fn a_value_for_an_unknown_indicator_is_refused() {
    let mut p = project();
    let err = apply(
        &mut p,
        Edit::IndicatorValue {
            period: Q2,
            indicator: "CT99".into(),
            value: Some(Value::Number(1.0)),
        },
    )
    .unwrap_err();
    assert_eq!(err, EditError::NoIndicator("CT99".into()));
    assert!(p.periods.is_empty());
}

#[test]
fn a_value_creates_the_period_record_when_missing() {
    let mut p = project();
    apply(
        &mut p,
        Edit::IndicatorValue {
            period: Q2,
            indicator: "CT01".into(),
            value: Some(Value::Number(92.5)),
        },
    )
    .unwrap();
    let v = &p.period_record(Q2).unwrap().indicators["CT01"];
    assert_eq!(v.value, Some(Value::Number(92.5)));
}

#[test]
fn recipients_are_stored_one_per_line_without_blanks() {
    let mut p = project();
    apply(
        &mut p,
        Edit::ReportText {
            report: "r".into(),
            field: ReportText::Recipients,
            text: "Sở KH&CN\n\n  UBND thành phố  \n".into(),
        },
    )
    .unwrap();
    assert_eq!(p.reports[0].recipients, ["Sở KH&CN", "UBND thành phố"]);
}

fn import_preview(p: &Project) -> crate::import::ImportPreview {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/chi-tieu.csv");
    crate::import::preview(&path, p, None).unwrap()
}

#[test]
fn an_import_is_one_undo_step() {
    let mut p = project();
    let preview = import_preview(&p);
    assert!(!preview.indicators.is_empty());
    let before = p.clone();
    let mut h = History::default();
    assert!(
        h.apply(&mut p, Edit::Import(Box::new(preview.clone())))
            .unwrap()
    );
    assert_eq!(
        p.plan.indicators.len(),
        before.plan.indicators.len() + preview.indicators.len()
    );
    assert_eq!(p.plan.indicators[1].id, preview.indicators[0].id);
    assert!(h.undo(&mut p));
    assert_eq!(p, before);
}

#[test]
fn an_import_built_against_an_older_project_is_refused() {
    let mut p = project();
    let preview = import_preview(&p);
    apply(&mut p, Edit::Import(Box::new(preview.clone()))).unwrap();
    let after_first = p.clone();
    let err = apply(&mut p, Edit::Import(Box::new(preview.clone()))).unwrap_err();
    assert_eq!(
        err,
        EditError::ImportOutdated(preview.indicators[0].id.clone())
    );
    assert!(err.to_string().contains("nhập lại"));
    assert_eq!(p, after_first);
}

#[test]
fn a_plan_import_built_against_an_older_project_is_refused_like_a_table_import() {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds/002_51b16cee60833e56.txt");
    let doc = crate::import::plan::read_file(&seed).unwrap();
    let mut p = project();
    let import = crate::import::plan::preview(&doc, &p);
    assert!(!import.tasks.is_empty());
    apply(&mut p, Edit::ImportPlan(Box::new(import.clone()))).unwrap();
    let after_first = p.clone();
    let err = apply(&mut p, Edit::ImportPlan(Box::new(import.clone()))).unwrap_err();
    let first_taken = import
        .indicators
        .first()
        .map_or(&import.tasks[0].id, |i| &i.id);
    assert_eq!(err, EditError::ImportOutdated(first_taken.clone()));
    assert_eq!(p, after_first);
}

#[test]
fn a_value_that_is_not_a_figure_is_refused_and_nothing_changes() {
    let mut p = crate::test_support::sample();
    let period = p.periods[0].period;
    let id = p.plan.indicators[0].id.clone();
    let before = p.clone();
    for bad in [f64::NAN, f64::NEG_INFINITY, -1.0, 1e300] {
        let e = apply(
            &mut p,
            Edit::IndicatorValue {
                period,
                indicator: id.clone(),
                value: Some(Value::Number(bad)),
            },
        );
        assert_eq!(e, Err(EditError::NotAFigure(id.clone())));
        assert_eq!(p, before);
    }
}

#[test]
fn the_indicator_table_options_change_in_one_undoable_step() {
    use crate::model::{IndicatorColumn, IndicatorTableOptions};
    let mut p = project();
    let mut h = History::default();
    let options = IndicatorTableOptions::default().with_column(IndicatorColumn::Note, true);
    let edit = |options: IndicatorTableOptions| Edit::IndicatorTable {
        report: "r".into(),
        section: "a".into(),
        options,
    };
    h.apply(&mut p, edit(options.clone())).unwrap();
    let unit = options.with_column(IndicatorColumn::Unit, true);
    h.apply(&mut p, edit(unit.clone())).unwrap();
    assert_eq!(h.undo_depth(), 2);
    assert_eq!(p.reports[0].section("a").unwrap().indicator_table, unit);
    assert!(h.undo(&mut p));
    assert_eq!(p.reports[0].section("a").unwrap().indicator_table, options);
    assert_eq!(
        apply(
            &mut p,
            Edit::IndicatorTable {
                report: "r".into(),
                section: "zz".into(),
                options,
            }
        ),
        Err(EditError::NoSection("zz".into()))
    );
}

#[test]
fn a_new_period_renames_it_in_the_summary_and_typing_a_date_is_one_step() {
    let mut p = project();
    p.reports[0].summary = "Sơ kết quý II năm 2026".into();
    let mut h = History::default();
    let day = |d| Period::up_to(chrono::NaiveDate::from_ymd_opt(2026, 5, d).unwrap());
    for d in [1, 15] {
        let edit = Edit::ReportPeriod {
            report: "r".into(),
            period: day(d),
        };
        h.apply(&mut p, edit).unwrap();
    }
    assert_eq!(h.undo_depth(), 1);
    assert_eq!(p.reports[0].period, day(15));
    assert_eq!(p.reports[0].summary, "Sơ kết tính đến ngày 15/5/2026");
    assert!(h.undo(&mut p));
    assert_eq!(p.reports[0].period, Q2);
    assert_eq!(p.reports[0].summary, "Sơ kết quý II năm 2026");
    let bad = Edit::ReportPeriod {
        report: "r".into(),
        period: Period::new(2026, PeriodKind::Quarter(7)),
    };
    assert!(matches!(apply(&mut p, bad), Err(EditError::BadPeriod(_))));
}
