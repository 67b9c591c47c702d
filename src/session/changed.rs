//! session: where an undo or redo changed the project, so that the window can go there
//! and show it (the step, the section and the characters of its text).

use std::ops::Range;

use crate::guide::Step;
use crate::model::{Project, Report};

/// The place of a change, as the window shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedPlace {
    /// The step that shows it.
    pub step: Step,
    /// The section whose text or title changed, with the changed characters of its
    /// text now (empty where words were only removed).
    pub section: Option<(String, Range<usize>)>,
    /// What changed, in words: `mục “a) Ưu điểm”`, `số liệu chỉ tiêu`.
    pub what: String,
}

/// The first thing that differs between `before` and `after` for the report `id`: a
/// section (text, title or layout), the report's other parts, the indicator values,
/// the tasks, or the plan and organisation. `None` when nothing differs.
pub fn changed_place(before: &Project, after: &Project, id: &str) -> Option<ChangedPlace> {
    let place = |step, what: &str| {
        Some(ChangedPlace {
            step,
            section: None,
            what: what.to_owned(),
        })
    };
    if let (Some(b), Some(a)) = (before.report(id), after.report(id))
        && b != a
    {
        return Some(in_report(b, a));
    }
    let records = |p: &Project| -> Vec<_> {
        p.periods
            .iter()
            .map(|r| (r.period, r.indicators.clone()))
            .collect()
    };
    if records(before) != records(after) || before.plan.indicators != after.plan.indicators {
        return place(Step::ChiTieu, "số liệu chỉ tiêu");
    }
    let tasks = |p: &Project| -> Vec<_> {
        p.periods
            .iter()
            .map(|r| (r.period, r.tasks.clone()))
            .collect()
    };
    if tasks(before) != tasks(after) || before.plan != after.plan {
        return place(Step::NhiemVu, "nhiệm vụ");
    }
    if before != after {
        return place(Step::ThongTin, "thông tin chung");
    }
    None
}

fn in_report(before: &Report, after: &Report) -> ChangedPlace {
    for s in after.all_sections() {
        let old = before.section(&s.id);
        if old == Some(s) {
            continue;
        }
        let old_body = old.map_or("", |o| o.body.as_str());
        // A section whose own fields are equal differs only in its children: go on.
        if old.is_some_and(|o| o.body == s.body && o.title == s.title && same_own(o, s)) {
            continue;
        }
        return ChangedPlace {
            step: crate::check::step_of_section(after, &s.id),
            section: Some((s.id.clone(), changed_chars(old_body, &s.body))),
            what: format!("mục “{}”", s.title.trim()),
        };
    }
    let removed = before
        .all_sections()
        .into_iter()
        .find(|s| after.section(&s.id).is_none());
    if let Some(s) = removed {
        return ChangedPlace {
            step: crate::check::step_of_section(before, &s.id),
            section: None,
            what: format!("mục “{}” (đã xóa)", s.title.trim()),
        };
    }
    let step = if before.signer != after.signer || before.distribution != after.distribution {
        Step::KyNhan
    } else if before.review != after.review {
        Step::Duyet
    } else {
        Step::ThongTin
    };
    ChangedPlace {
        step,
        section: None,
        what: step.label().to_lowercase(),
    }
}

/// Whether two versions of a section agree on everything but their children.
fn same_own(a: &crate::model::Section, b: &crate::model::Section) -> bool {
    let mut a = a.clone();
    let mut b = b.clone();
    a.children.clear();
    b.children.clear();
    a == b
}

/// The characters of `after` that differ from `before`: what lies between the common
/// beginning and the common end.
fn changed_chars(before: &str, after: &str) -> Range<usize> {
    let (b, a): (Vec<char>, Vec<char>) = (before.chars().collect(), after.chars().collect());
    let start = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let tail = b[start..]
        .iter()
        .rev()
        .zip(a[start..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    start..a.len() - tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_characters_lie_between_the_common_ends() {
        assert_eq!(changed_chars("Đạt tốt.", "Đạt rất tốt."), 4..8);
        assert_eq!(changed_chars("Đạt rất tốt.", "Đạt tốt."), 4..4);
        assert_eq!(changed_chars("", "Mới"), 0..3);
        assert_eq!(changed_chars("aaa", "aaaa"), 3..4);
    }

    #[test]
    fn an_undone_text_edit_is_found_in_its_section_and_step() {
        let before = crate::test_support::sample();
        let mut after = before.clone();
        let report = &mut after.reports[0];
        let id = report.id.clone();
        let target = report
            .all_sections()
            .into_iter()
            .find(|s| s.title.contains("Hạn chế"))
            .map(|s| s.id.clone())
            .unwrap();
        crate::edit::apply(
            &mut after,
            crate::edit::Edit::SectionBody {
                report: id.clone(),
                section: target.clone(),
                text: "Một câu mới.".to_owned(),
            },
        )
        .unwrap();
        let place = changed_place(&before, &after, &id).unwrap();
        assert_eq!(place.step, Step::HanChe);
        assert_eq!(
            place.section.as_ref().map(|(s, _)| s.as_str()),
            Some(target.as_str())
        );
        assert!(place.what.contains("Hạn chế"), "{}", place.what);
        assert_eq!(changed_place(&before, &before, &id), None);

        let mut values = before.clone();
        let record = values.periods.last_mut().unwrap();
        let first = record.indicators.keys().next().cloned().unwrap();
        record.indicators.remove(&first);
        assert_eq!(
            changed_place(&before, &values, &id).unwrap().step,
            Step::ChiTieu
        );
    }
}
