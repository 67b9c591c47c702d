//! What changed between a submission and the content now: snapshots of the section
//! texts, a word diff, and the per-section changes a reviewer reads.

use chrono::NaiveDateTime;
use similar::{Algorithm, ChangeTag, TextDiff};

use crate::model::{Report, ReportStatus, Review, SectionId, Snapshot, SnapshotSection};
use crate::vi;

/// The sections of `report` in print order: id, printed label (`2.1. Kết quả`), text.
pub fn take_snapshot(report: &Report, at: NaiveDateTime) -> Snapshot {
    let numbers = crate::compose::section_numbers(report);
    let sections = report
        .all_sections()
        .into_iter()
        .map(|s| {
            let number = numbers.get(&s.id).map_or("", String::as_str);
            SnapshotSection {
                id: s.id.clone(),
                label: section_label(number, &s.title),
                body: s.body.clone(),
            }
        })
        .collect();
    Snapshot {
        taken: Some(at),
        sections,
    }
}

/// `2.1. Kết quả`: the printed number, a space, the title as typed.
pub(crate) fn section_label(number: &str, title: &str) -> String {
    let title = vi::nfc(title.trim());
    match (number.is_empty(), title.is_empty()) {
        (true, _) => title,
        (false, true) => number.to_owned(),
        (false, false) => format!("{number} {title}"),
    }
}

/// A snapshot label split into its number and its title; numbers never hold a space.
pub(crate) fn split_label(label: &str) -> (&str, &str) {
    label.split_once(' ').unwrap_or((label, ""))
}

/// A run of text in a word diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Same(String),
    Added(String),
    Removed(String),
}

impl Span {
    pub fn text(&self) -> &str {
        match self {
            Span::Same(t) | Span::Added(t) | Span::Removed(t) => t,
        }
    }
}

/// The word-level difference from `old` to `new` (both NFC-normalised first, so a
/// letter typed in another composition is not a change). Whitespace is kept, so the
/// spans put back together give `new` (without `Removed`) or `old` (without `Added`).
/// Within a changed stretch the removed words come first, then the added ones: a lone
/// space the two texts happen to share does not cut a rewritten sentence into
/// word-by-word pieces. Adjacent spans of the same kind are merged.
pub fn diff_words(old: &str, new: &str) -> Vec<Span> {
    let (old, new) = (vi::nfc(old), vi::nfc(new));
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_words(&old, &new);
    let changes: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    let mut out: Vec<Span> = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    let flush = |out: &mut Vec<Span>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push(Span::Removed(std::mem::take(removed)));
        }
        if !added.is_empty() {
            out.push(Span::Added(std::mem::take(added)));
        }
    };
    for (i, (tag, text)) in changes.iter().enumerate() {
        match tag {
            ChangeTag::Delete => removed.push_str(text),
            ChangeTag::Insert => added.push_str(text),
            ChangeTag::Equal => {
                let in_change = !(removed.is_empty() && added.is_empty());
                let change_follows = changes
                    .get(i + 1)
                    .is_some_and(|(t, _)| *t != ChangeTag::Equal);
                if in_change && change_follows && text.trim().is_empty() {
                    removed.push_str(text);
                    added.push_str(text);
                    continue;
                }
                flush(&mut out, &mut removed, &mut added);
                match out.last_mut() {
                    Some(Span::Same(t)) => t.push_str(text),
                    _ => out.push(Span::Same((*text).to_owned())),
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

/// How a section differs from the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    /// The label (number or title) or the text differs.
    Changed,
    Unchanged,
}

/// One section compared with the baseline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionChange {
    pub id: SectionId,
    /// The label now (`2.1. Kết quả`), or as it was for a removed section.
    pub title: String,
    pub kind: ChangeKind,
    pub title_spans: Vec<Span>,
    pub body_spans: Vec<Span>,
}

/// Every section of `report` compared with `baseline`, in print order; sections removed
/// since the baseline are placed where they stood, after the section that preceded them.
pub fn changes(report: &Report, baseline: &Snapshot) -> Vec<SectionChange> {
    let now = take_snapshot(report, baseline.taken.unwrap_or_default());
    let mut out: Vec<SectionChange> = now
        .sections
        .iter()
        .map(|SnapshotSection { id, label, body }| {
            match baseline.sections.iter().find(|old| old.id == *id) {
                None => SectionChange {
                    id: id.clone(),
                    title: label.clone(),
                    kind: ChangeKind::Added,
                    title_spans: diff_words("", label),
                    body_spans: diff_words("", body),
                },
                Some(SnapshotSection {
                    label: old_label,
                    body: old_body,
                    ..
                }) => {
                    let same =
                        vi::nfc(old_label) == vi::nfc(label) && vi::nfc(old_body) == vi::nfc(body);
                    SectionChange {
                        id: id.clone(),
                        title: label.clone(),
                        kind: if same {
                            ChangeKind::Unchanged
                        } else {
                            ChangeKind::Changed
                        },
                        title_spans: diff_words(old_label, label),
                        body_spans: diff_words(old_body, body),
                    }
                }
            }
        })
        .collect();
    for (i, SnapshotSection { id, label, body }) in baseline.sections.iter().enumerate() {
        if now.sections.iter().any(|new| new.id == *id) {
            continue;
        }
        // The previous baseline section is already in `out` (kept, or removed and
        // placed by an earlier turn of this loop).
        let at = i
            .checked_sub(1)
            .and_then(|prev| baseline.sections.get(prev))
            .and_then(|prev| out.iter().position(|c| c.id == prev.id))
            .map_or(0, |p| p + 1);
        out.insert(
            at,
            SectionChange {
                id: id.clone(),
                title: label.clone(),
                kind: ChangeKind::Removed,
                title_spans: diff_words(label, ""),
                body_spans: diff_words(body, ""),
            },
        );
    }
    out
}

/// The snapshot to compare the current content with, or `None` when there is nothing
/// to compare with yet.
///
/// While the report awaits review, the reviewer wants to see what changed since the
/// version they last reviewed, which is the submission before this one
/// (`previous_snapshot`). In every other status the drafter wants to see what they
/// changed since they last sent it (`snapshot`).
pub fn diff_baseline(review: &Review) -> Option<&Snapshot> {
    match review.status {
        ReportStatus::AwaitingReview => review.previous_snapshot.as_ref(),
        _ => review.snapshot.as_ref(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Section;
    use crate::test_support::sample;

    fn report() -> Report {
        sample().reports[0].clone()
    }

    fn join(spans: &[Span], keep: impl Fn(&Span) -> bool) -> String {
        spans.iter().filter(|s| keep(s)).map(Span::text).collect()
    }

    #[test]
    fn words_added_and_removed_in_vietnamese_text_are_found() {
        let old = "Tỷ lệ hồ sơ trực tuyến đạt 91,2%, tăng so với quý I.";
        let new = "Tỷ lệ hồ sơ được xử lý trực tuyến đạt 91,2%, so với quý I.";
        let spans = diff_words(old, new);
        let trimmed = |keep: fn(&Span) -> bool| -> Vec<String> {
            spans
                .iter()
                .filter(|s| keep(s))
                .map(|s| s.text().trim().to_owned())
                .collect()
        };
        assert_eq!(trimmed(|s| matches!(s, Span::Added(_))), ["được xử lý"]);
        assert_eq!(trimmed(|s| matches!(s, Span::Removed(_))), ["tăng"]);
        assert_eq!(
            spans.first(),
            Some(&Span::Same("Tỷ lệ hồ sơ ".into())),
            "{spans:?}"
        );
        assert_eq!(join(&spans, |s| !matches!(s, Span::Removed(_))), new);
        assert_eq!(join(&spans, |s| !matches!(s, Span::Added(_))), old);
        for pair in spans.windows(2) {
            assert_ne!(
                std::mem::discriminant(&pair[0]),
                std::mem::discriminant(&pair[1]),
                "adjacent spans of one kind are merged: {spans:?}"
            );
        }
    }

    #[test]
    fn a_rewritten_sentence_is_one_removal_then_one_addition() {
        let spans = diff_words(
            "Công tác chỉ đạo kịp thời, sát thực tế.",
            "Chỉ một ưu điểm nổi bật.",
        );
        assert_eq!(
            spans,
            vec![
                Span::Removed("Công tác chỉ đạo kịp thời, sát thực tế.".into()),
                Span::Added("Chỉ một ưu điểm nổi bật.".into()),
            ]
        );
    }

    #[test]
    fn text_in_another_unicode_composition_is_not_a_change() {
        let composed = "Hạn chế";
        let decomposed = "Ha\u{323}n che\u{302}\u{301}";
        assert_eq!(
            diff_words(composed, decomposed),
            vec![Span::Same(composed.into())]
        );
        assert!(diff_words("", "").is_empty());
    }

    #[test]
    fn a_snapshot_lists_sections_in_print_order_with_their_numbers() {
        let r = report();
        let snap = take_snapshot(&r, NaiveDateTime::default());
        let ids: Vec<_> = snap.sections.iter().map(|s| s.id.as_str()).collect();
        let walked: Vec<_> = r.all_sections().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, walked);
        assert_eq!(snap.sections[0].label, "I. CĂN CỨ XÂY DỰNG BÁO CÁO");
        let lanh_dao = snap.sections.iter().find(|s| s.id == "lanh-dao").unwrap();
        assert_eq!(lanh_dao.label, "1. Công tác lãnh đạo, chỉ đạo");
        let uu_diem = snap.sections.iter().find(|s| s.id == "uu-diem").unwrap();
        assert_eq!(uu_diem.label, "a) Ưu điểm");
    }

    #[test]
    fn changes_show_edited_added_and_removed_sections_in_place() {
        let mut r = report();
        let baseline = take_snapshot(&r, NaiveDateTime::default());
        // Remove the first child of "ket-qua", edit "uu-diem", add a section at the end.
        let removed = r.sections[1].children.remove(0);
        r.section_mut("uu-diem").unwrap().body = "Chỉ một ưu điểm.".into();
        r.sections.push(Section::new("moi", "Mục mới"));

        let list = changes(&r, &baseline);
        let kinds: Vec<_> = list.iter().map(|c| (c.id.as_str(), c.kind)).collect();
        let pos = |id: &str| kinds.iter().position(|(i, _)| *i == id).unwrap();
        assert_eq!(kinds[pos(&removed.id)].1, ChangeKind::Removed);
        assert_eq!(
            pos(&removed.id),
            pos("ket-qua") + 1,
            "kept at its old place"
        );
        assert_eq!(kinds[pos("uu-diem")].1, ChangeKind::Changed);
        assert_eq!(kinds.last(), Some(&("moi", ChangeKind::Added)));
        assert_eq!(kinds[pos("can-cu")].1, ChangeKind::Unchanged);
        assert_eq!(list.len(), baseline.sections.len() + 1);

        let uu = &list[pos("uu-diem")];
        assert!(
            uu.body_spans
                .iter()
                .any(|s| matches!(s, Span::Added(t) if t.contains("Chỉ một"))),
            "{:?}",
            uu.body_spans
        );
        assert_eq!(
            join(&uu.body_spans, |s| !matches!(s, Span::Removed(_))),
            "Chỉ một ưu điểm."
        );
        let gone = &list[pos(&removed.id)];
        assert_eq!(gone.title, format!("1. {}", removed.title));
        assert_eq!(gone.body_spans, vec![Span::Removed(removed.body.clone())]);
        let added = &list[pos("moi")];
        assert_eq!(added.title_spans, vec![Span::Added("V. Mục mới".into())]);
    }

    #[test]
    fn a_removed_first_section_goes_first() {
        let mut r = report();
        let baseline = take_snapshot(&r, NaiveDateTime::default());
        r.sections.remove(0);
        let list = changes(&r, &baseline);
        assert_eq!(
            (list[0].id.as_str(), list[0].kind),
            ("can-cu", ChangeKind::Removed)
        );
    }

    #[test]
    fn the_reviewer_compares_with_what_they_last_reviewed_and_the_drafter_with_what_was_sent() {
        let first = Snapshot {
            taken: Some(NaiveDateTime::default()),
            sections: vec![SnapshotSection {
                id: "a".into(),
                label: "I. A".into(),
                body: "một".into(),
            }],
        };
        let second = Snapshot {
            taken: Some(NaiveDateTime::default()),
            sections: vec![SnapshotSection {
                id: "a".into(),
                label: "I. A".into(),
                body: "hai".into(),
            }],
        };
        let mut review = Review {
            status: ReportStatus::AwaitingReview,
            snapshot: Some(second.clone()),
            previous_snapshot: Some(first.clone()),
            ..Review::default()
        };
        assert_eq!(diff_baseline(&review), Some(&first));
        for status in [
            ReportStatus::Drafting,
            ReportStatus::NeedsChanges,
            ReportStatus::Approved,
            ReportStatus::Issued,
        ] {
            review.status = status;
            assert_eq!(diff_baseline(&review), Some(&second), "{status:?}");
        }
        review.status = ReportStatus::AwaitingReview;
        review.previous_snapshot = None;
        assert_eq!(
            diff_baseline(&review),
            None,
            "a first submission has nothing to compare"
        );
    }
}
