// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;

fn sample() -> Project {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/mau-binh-minh-hai.ron");
    crate::storage::load(std::path::Path::new(path)).expect("sample")
}

#[test]
fn the_same_report_has_no_difference() {
    let p = sample();
    let d = between((&p, &p.reports[0]), (&p, &p.reports[0]));
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn an_edited_section_is_named_with_its_number_and_its_pages() {
    let p = sample();
    let mut edited = p.clone();
    let report = &mut edited.reports[0];
    let id = report.sections[0].id.clone();
    report
        .section_mut(&id)
        .expect("section")
        .body
        .push_str("\nMột đoạn thêm.");
    let d = between((&p, &p.reports[0]), (&edited, &edited.reports[0]));
    assert_eq!(d.sections.len(), 1, "{d:?}");
    assert!(d.sections[0].starts_with("I. "), "{d:?}");
    assert!(d.sections[0].ends_with("(nội dung khác)"), "{d:?}");
    assert!(d.pages.contains(&1), "{d:?}");
    assert!(d.other.is_empty(), "{d:?}");
}

#[test]
fn added_and_removed_sections_and_other_parts_are_named() {
    let p = sample();
    let mut edited = p.clone();
    let report = &mut edited.reports[0];
    let removed = report.sections.pop().expect("a section");
    report.number = Some(7);
    report
        .sections
        .push(crate::model::Section::new("moi", "Mục mới"));
    edited.plan.indicators.truncate(1);
    let d = between((&p, &p.reports[0]), (&edited, &edited.reports[0]));
    assert!(
        d.sections
            .iter()
            .any(|s| s.contains(removed.title.trim()) && s.contains("dự án không còn")),
        "{d:?}"
    );
    assert!(
        d.sections
            .iter()
            .any(|s| s.contains("Mục mới") && s.contains("bản đã ký không có")),
        "{d:?}"
    );
    assert!(d.other.contains(&"số và ngày văn bản".to_owned()), "{d:?}");
    assert!(d.other.iter().any(|o| o.starts_with("kế hoạch")), "{d:?}");
}
