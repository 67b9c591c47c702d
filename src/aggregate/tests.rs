// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use std::collections::BTreeMap;
use std::path::Path;

use super::names::{Mapping, MappingProblem, group, key, similarity};
use super::*;
use crate::model::{PeriodKind, Project};

fn q(year: i32, n: u8) -> Period {
    Period::new(year, PeriodKind::Quarter(n))
}

#[test]
fn names_differing_in_case_tone_placement_spacing_and_punctuation_have_one_key() {
    let k = key("Tỷ lệ  hồ sơ được số hóa, kết quả");
    assert_eq!(key("TỶ LỆ HỒ SƠ ĐƯỢC SỐ HOÁ KẾT QUẢ."), k);
    assert_eq!(
        key("tỉ lệ hồ sơ được số hóa kết quả"),
        key("tỉ lệ hồ sơ được số hoá kết quả")
    );
    // The tone is part of the word: số is not sở.
    assert_ne!(key("Số cơ sở"), key("Sở cơ sở"));
    assert_eq!(
        key("Tỷ lệ hồ sơ TTHC"),
        key("tỷ lệ hồ sơ thủ tục hành chính")
    );
    assert_eq!(key("  "), "");
}

#[test]
fn similar_wordings_match_but_other_numbers_and_short_different_names_do_not() {
    let a = key("Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, xử lý trực tuyến");
    let b = key("Tỷ lệ hồ sơ TTHC được tiếp nhận và xử lý trực tuyến");
    assert!(similarity(&a, &b) >= names::SIMILAR_ENOUGH);
    assert_eq!(
        similarity(
            &key("Tổ chức 02 lớp bồi dưỡng"),
            &key("Tổ chức 03 lớp bồi dưỡng")
        ),
        0.0
    );
    assert_eq!(
        similarity(&key("Tổ chức 02 lớp"), &key("Tổ chức 2 lớp")),
        1.0
    );
    assert!(similarity(&key("Số sáng kiến"), &key("Số cơ sở")) < names::SIMILAR_ENOUGH);
    assert_eq!(similarity("", ""), 1.0);
    assert_eq!(similarity("a", ""), 0.0);
}

fn seen(names: &[(&str, usize)]) -> BTreeMap<String, usize> {
    names.iter().map(|(n, c)| (n.to_string(), *c)).collect()
}

#[test]
fn spellings_are_grouped_under_the_name_most_communes_write() {
    let s = seen(&[
        ("Tỷ lệ thôn được phủ sóng 4G", 5),
        ("TỶ LỆ THÔN ĐƯỢC PHỦ SÓNG 4G.", 2),
        ("Tỷ lệ các thôn được phủ sóng 4G", 1),
        ("Số sáng kiến được công nhận", 3),
    ]);
    let g = group(&s, &Mapping::default());
    assert_eq!(g.names.len(), 2, "{:?}", g.names);
    assert_eq!(g.names[0], "Tỷ lệ thôn được phủ sóng 4G");
    let of = |n: &str| g.of_key[&key(n)];
    assert_eq!(of("Tỷ lệ các thôn được phủ sóng 4G"), 0);
    assert_eq!(of("Số sáng kiến được công nhận"), 1);
}

#[test]
fn the_mapping_overrides_the_matching_and_can_join_or_split() {
    let s = seen(&[
        ("Tỷ lệ thôn được phủ sóng 4G", 5),
        ("Tỷ lệ các thôn được phủ sóng 4G", 1),
        ("Phủ sóng di động", 1),
    ]);
    let mapping = Mapping::parse(
        "Tên trong tệp;Tên chung\n\"Tỷ lệ các thôn được phủ sóng 4G\";Riêng\nphủ sóng di động;\"Tỷ lệ thôn được phủ sóng 4G\"\n",
    )
    .unwrap();
    let g = group(&s, &mapping);
    assert_eq!(g.names, ["Tỷ lệ thôn được phủ sóng 4G", "Riêng"]);
    assert_eq!(g.of_key[&key("Phủ sóng di động")], 0);
    assert_eq!(g.of_key[&key("Tỷ lệ các thôn được phủ sóng 4G")], 1);
}

#[test]
fn a_mapping_file_reads_back_what_its_template_wrote_and_refuses_extra_columns() {
    let pairs = vec![
        ("Tên \"A\", có dấu phẩy".to_owned(), "Chung".to_owned()),
        ("B".to_owned(), "Chung".to_owned()),
    ];
    let text = Mapping::template(&pairs);
    let m = Mapping::parse(&text).unwrap();
    assert_eq!(m.common.len(), 2);
    assert_eq!(m.common[&key("Tên \"A\", có dấu phẩy")], "Chung");
    assert_eq!(
        Mapping::parse("a,b\nc,d,e\n"),
        Err(MappingProblem::Columns(2, 3))
    );
    // Blank rows and rows without a common name change nothing.
    assert_eq!(Mapping::parse("\n\na,\n").unwrap(), Mapping::default());
}

#[test]
fn a_missing_mapping_file_is_a_vietnamese_error_naming_it() {
    let e = Mapping::read(Path::new("/khong/co/tep.csv")).unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("Không đọc được tệp đối chiếu") && text.contains("/khong/co/tep.csv"),
        "{text}"
    );
}

#[test]
fn statistics_have_the_middle_value_as_median_and_skip_non_numbers() {
    assert_eq!(Stats::of(vec![]), None);
    let s = Stats::of(vec![3.0, f64::NAN, 1.0, 2.0]).unwrap();
    assert_eq!((s.count, s.min, s.median, s.max), (3, 1.0, 2.0, 3.0));
    let s = Stats::of(vec![4.0, 1.0, 2.0, 3.0]).unwrap();
    assert_eq!(s.median, 2.5);
}

fn file(periods: &[Period], year: i32) -> CommuneFile {
    CommuneFile {
        commune: "Xã A".into(),
        parent_body: String::new(),
        plan_year: year,
        report_periods: periods.to_vec(),
        errors: 0,
        first_error: None,
        periods: Vec::new(),
    }
}

#[test]
fn the_default_period_is_the_latest_most_files_report_on() {
    let files = [
        file(&[q(2026, 1), q(2026, 2)], 2026),
        file(&[q(2026, 2)], 2026),
        file(&[q(2026, 1), q(2026, 3)], 2026),
    ];
    let (p, choice) = choose_period(files.iter()).unwrap();
    assert_eq!(p, q(2026, 2));
    assert_eq!(choice, PeriodChoice::Majority { files: 2, of: 3 });
    // No majority: the period most files have, the latest of a tie.
    let files = [
        file(&[q(2026, 1)], 2026),
        file(&[q(2026, 2)], 2026),
        file(&[q(2026, 3)], 2026),
        file(&[], 2026),
    ];
    assert_eq!(choose_period(files.iter()).unwrap().0, q(2026, 3));
    assert_eq!(choose_period([file(&[], 2026)].iter()), None);
}

#[test]
fn a_file_without_the_period_says_whether_it_is_of_another_year_or_period() {
    let (reason, detail) = take(&file(&[q(2026, 1)], 2026), q(2026, 2)).unwrap_err();
    assert_eq!(reason, SkipReason::OtherPeriod);
    assert!(detail.contains("Quý I/2026"), "{detail}");
    let (reason, detail) = take(&file(&[q(2025, 2)], 2025), q(2026, 2)).unwrap_err();
    assert_eq!(reason, SkipReason::OtherYear);
    assert!(detail.contains("năm 2025"), "{detail}");
    assert_eq!(
        take(&file(&[], 2026), q(2026, 2)).unwrap_err().0,
        SkipReason::NoReport
    );
}

#[test]
fn a_commune_is_named_from_its_organisation_and_sorted_by_the_place_name() {
    let mut p = Project::default();
    p.organisation.full_name = "Ủy ban nhân dân phường Đồ Sơn".into();
    assert_eq!(commune_name(&p), "Phường Đồ Sơn");
    p.organisation.full_name = String::new();
    p.organisation.issuing_body = vec![
        "ỦY BAN NHÂN DÂN".into(),
        "XÃ BÌNH MINH HẢI".into(),
        " ".into(),
    ];
    assert_eq!(commune_name(&p), "Xã Bình Minh Hải");
    assert_eq!(sort_name("Phường Đồ Sơn"), "Đồ Sơn");
    assert_eq!(sort_name("Thị trấn Núi Đèo"), "Núi Đèo");
    assert_eq!(sort_name("Đặc khu Cát Hải"), "Cát Hải");
    assert_eq!(sort_name("Xã"), "Xã");
    assert_eq!(sort_name("Hải An"), "Hải An");
}

#[test]
fn the_sample_is_summarised_with_the_statuses_its_report_prints() {
    let p = crate::test_support::sample();
    let c = summarise(&p, None);
    assert_eq!(c.periods.len(), 1);
    let s = &c.periods[0];
    let report = &p.reports[0];
    let facts = crate::compose::facts::indicators(&p, report);
    assert_eq!(s.indicators.len(), facts.len());
    for (e, (_, _, status)) in s.indicators.iter().zip(facts) {
        assert_eq!(e.status, status);
    }
    assert_eq!(s.tasks.total, p.plan.tasks.len());
    // Asked for a period it has no report of, nothing is summarised.
    assert!(summarise(&p, Some(q(2026, 3))).periods.is_empty());
}

#[test]
fn a_folder_of_a_good_file_a_fifo_and_a_link_loop_gives_one_commune() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let sample = std::fs::read(crate::test_support::SAMPLE_PATH).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("a.ron"), sample).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(dir.path(), dir.path().join("vong"))
        .unwrap_or_else(|e| panic!("{e}"));
    let fifo = dir.path().join("ong.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let agg =
        aggregate(dir.path(), &Options::default(), &|_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(agg.communes.len(), 1);
    if made.is_ok_and(|s| s.success()) {
        assert_eq!(agg.skipped.len(), 1, "{:?}", agg.skipped);
        assert_eq!(agg.skipped[0].reason, SkipReason::Unreadable);
    }
    assert_eq!(agg.names.len(), agg.indicators.len());
}

#[test]
fn a_file_read_for_the_city_counts_the_errors_check_finds_without_its_prose() {
    use crate::check::{Severity, check};
    let mut p = crate::test_support::sample();
    // A wording slip proofing finds, and a data error (a figure above 100%).
    if let Some(s) = p.reports[0].sections.first_mut() {
        s.body.push_str("\nCác xã  đã triển khai ,kịp thời.");
    }
    let q2 = q(2026, 2);
    if let Some(v) = p.period_record_mut(q2).indicators.values_mut().next() {
        v.value = Some(crate::model::Value::Number(109.8));
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("xa.ron");
    crate::storage::save(&path, &p).unwrap_or_else(|e| panic!("{e}"));
    let Outcome::Read(c) = read_file(&path, Some(q2), MAX_FILE_BYTES) else {
        panic!("the file reads");
    };
    let all = check(&p);
    let errors: Vec<String> = all
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(!errors.is_empty());
    assert_eq!(c.errors, errors.len());
    assert_eq!(c.first_error.as_ref(), errors.first());
    // The statuses are those of the whole file.
    assert_eq!(c.periods[0].indicators.len(), p.plan.indicators.len());
}
