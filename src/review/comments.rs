//! Comments (góp ý) anchored to a section or one of its paragraphs, with a thread of
//! replies, resolved and reopened by either role.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::diff::section_label;
use super::{Actor, ReviewError, ascii_slug};
use crate::model::{Comment, Reply, Report, SectionId, new_id};
use crate::vi;

/// The paragraphs of a section text as printed: one per non-empty line, trimmed
/// (the same split as the composer's). A comment's `paragraph` indexes this list.
pub fn paragraphs(body: &str) -> Vec<&str> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn named(actor: &Actor, doing: &'static str) -> Result<String, ReviewError> {
    let name = actor.recorded_name();
    if name.is_empty() {
        Err(ReviewError::NoName { doing })
    } else {
        Ok(name)
    }
}

/// An id that stays unique when comments written on different machines are merged:
/// `gy-20260701093000-nguyen-van-binh`, with `-1`, `-2`, … when already taken.
pub(crate) fn comment_id<'a>(
    author: &str,
    at: NaiveDateTime,
    taken: impl IntoIterator<Item = &'a str>,
) -> String {
    let slug = ascii_slug(author);
    let base = format!(
        "gy-{}{}{}",
        at.format("%Y%m%d%H%M%S"),
        if slug.is_empty() { "" } else { "-" },
        slug
    );
    let taken: Vec<&str> = taken.into_iter().collect();
    if taken.contains(&base.as_str()) {
        new_id(&format!("{base}-"), taken)
    } else {
        base
    }
}

/// Adds a comment by `actor` on `section` (and, when given, its paragraph at that
/// 0-based index in [`paragraphs`]); returns the new comment's id.
pub fn add_comment(
    report: &mut Report,
    section_id: &str,
    paragraph: Option<usize>,
    text: &str,
    actor: &Actor,
    at: NaiveDateTime,
) -> Result<String, ReviewError> {
    let author = named(actor, "góp ý")?;
    let text = vi::nfc(text.trim());
    if text.is_empty() {
        return Err(ReviewError::EmptyComment);
    }
    let section = report
        .section(section_id)
        .ok_or_else(|| ReviewError::NoSection(section_id.to_owned()))?;
    if let Some(p) = paragraph {
        let count = paragraphs(&section.body).len();
        if p >= count {
            return Err(ReviewError::NoParagraph {
                section: vi::nfc(section.title.trim()),
                paragraph: p + 1,
                count,
            });
        }
    }
    let id = comment_id(
        &author,
        at,
        report.review.comments.iter().map(|c| c.id.as_str()),
    );
    report.review.comments.push(Comment {
        id: id.clone(),
        section: section_id.to_owned(),
        paragraph,
        author,
        role: actor.role,
        at,
        text,
        replies: Vec::new(),
        resolved: false,
        resolved_by: None,
        resolved_at: None,
        reopened_at: None,
    });
    Ok(id)
}

fn comment_mut<'a>(report: &'a mut Report, id: &str) -> Result<&'a mut Comment, ReviewError> {
    report
        .review
        .comments
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or_else(|| ReviewError::NoComment(id.to_owned()))
}

/// Adds `actor`'s reply to the thread of comment `comment_id`; a resolved comment may
/// still be answered.
pub fn reply(
    report: &mut Report,
    comment_id: &str,
    text: &str,
    actor: &Actor,
    at: NaiveDateTime,
) -> Result<(), ReviewError> {
    let author = named(actor, "trả lời góp ý")?;
    let text = vi::nfc(text.trim());
    if text.is_empty() {
        return Err(ReviewError::EmptyReply);
    }
    let comment = comment_mut(report, comment_id)?;
    comment.replies.push(Reply {
        author,
        role: actor.role,
        at,
        text,
    });
    Ok(())
}

/// Marks comment `id` as dealt with, by `actor` at `at`.
pub fn resolve(
    report: &mut Report,
    id: &str,
    actor: &Actor,
    at: NaiveDateTime,
) -> Result<(), ReviewError> {
    let by = named(actor, "đánh dấu góp ý đã xử lý")?;
    let comment = comment_mut(report, id)?;
    if comment.resolved {
        return Err(ReviewError::AlreadyResolved);
    }
    comment.resolved = true;
    comment.resolved_by = Some(by);
    comment.resolved_at = Some(at);
    Ok(())
}

/// Opens a resolved comment `id` again.
pub fn reopen(
    report: &mut Report,
    id: &str,
    actor: &Actor,
    at: NaiveDateTime,
) -> Result<(), ReviewError> {
    named(actor, "mở lại góp ý")?;
    let comment = comment_mut(report, id)?;
    if !comment.resolved {
        return Err(ReviewError::NotResolved);
    }
    comment.resolved = false;
    comment.resolved_by = None;
    comment.resolved_at = None;
    comment.reopened_at = Some(at);
    Ok(())
}

/// The comments not yet resolved, in reading order (see [`Report::open_comments`]).
pub fn open_comments(report: &Report) -> Vec<&Comment> {
    report.open_comments()
}

/// How many open comments each section has (deleted sections included).
pub fn open_count_by_section(report: &Report) -> BTreeMap<SectionId, usize> {
    let mut counts = BTreeMap::new();
    for c in report.review.comments.iter().filter(|c| !c.resolved) {
        *counts.entry(c.section.clone()).or_insert(0) += 1;
    }
    counts
}

/// The first words of paragraph `p` (0-based) of `body` as they print (no markup),
/// with "…" when cut: how a paragraph is named to a reviewer.
pub fn paragraph_gist(body: &str, p: usize) -> Option<String> {
    const WORDS: usize = 8;
    let line = paragraphs(body).get(p).copied()?;
    let plain = crate::model::rich::plain_text(line);
    let words: Vec<&str> = plain
        .trim_start_matches(['-', '+', '*', '•', ' '])
        .split_whitespace()
        .collect();
    let mut gist = words
        .iter()
        .take(WORDS)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > WORDS {
        gist.push('…');
    }
    Some(gist)
}

/// Where a comment points, in words: `mục 2.1. Kết quả (đoạn 2)`, or `mục đã xóa` when
/// its section no longer exists.
pub fn comment_anchor_label(report: &Report, comment: &Comment) -> String {
    let Some(section) = report.section(&comment.section) else {
        return "mục đã xóa".to_owned();
    };
    let numbers = crate::compose::section_numbers(report);
    let number = numbers.get(&section.id).map_or("", String::as_str);
    let label = format!("mục {}", section_label(number, &section.title));
    match comment.paragraph {
        Some(p) => format!("{label} (đoạn {})", p + 1),
        None => label,
    }
}

/// Adds comments imported from elsewhere (a reviewer's Word file) as they are, their
/// ids made unique in the report; every comment's section (and paragraph) must exist.
/// Returns how many were added.
pub fn add_imported(report: &mut Report, comments: Vec<Comment>) -> Result<usize, ReviewError> {
    for c in &comments {
        let section = report
            .section(&c.section)
            .ok_or_else(|| ReviewError::NoSection(c.section.clone()))?;
        if let Some(p) = c.paragraph {
            let count = paragraphs(&section.body).len();
            if p >= count {
                return Err(ReviewError::NoParagraph {
                    section: vi::nfc(section.title.trim()),
                    paragraph: p + 1,
                    count,
                });
            }
        }
    }
    let count = comments.len();
    for mut c in comments {
        let taken: Vec<String> = report
            .review
            .comments
            .iter()
            .map(|c| c.id.clone())
            .collect();
        if taken.contains(&c.id) {
            c.id = comment_id(&c.author, c.at, taken.iter().map(String::as_str));
        }
        report.review.comments.push(c);
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ReviewRole, Section};
    use crate::test_support::sample;

    use crate::review::test_util::{at, drafter, reviewer};

    fn report() -> Report {
        sample().reports[0].clone()
    }

    #[test]
    fn paragraphs_are_the_non_empty_lines_trimmed() {
        assert_eq!(
            paragraphs("  Một \n\n- Hai\n   \nBa"),
            ["Một", "- Hai", "Ba"]
        );
        assert!(paragraphs("\n \n").is_empty());
    }

    #[test]
    fn a_comment_lives_through_reply_resolve_and_reopen() {
        let mut r = report();
        let id = add_comment(
            &mut r,
            "lanh-dao",
            Some(1),
            "  Nêu rõ số văn bản. ",
            &reviewer(),
            at(9, 30),
        )
        .unwrap();
        assert_eq!(id, "gy-20260701093000-nguyen-van-binh");
        let c = &r.review.comments[0];
        assert_eq!(
            (c.text.as_str(), c.author.as_str(), c.role, c.paragraph),
            (
                "Nêu rõ số văn bản.",
                "Nguyễn Văn Bình",
                ReviewRole::Reviewer,
                Some(1)
            )
        );
        assert_eq!(open_comments(&r).len(), 1);

        reply(&mut r, &id, "Đã bổ sung.", &drafter(), at(10, 0)).unwrap();
        assert_eq!(r.review.comments[0].replies[0].author, "Trần Thị Hoa");

        resolve(&mut r, &id, &drafter(), at(10, 5)).unwrap();
        let c = &r.review.comments[0];
        assert!(c.resolved);
        assert_eq!(c.resolved_by.as_deref(), Some("Trần Thị Hoa"));
        assert_eq!(c.resolved_at, Some(at(10, 5)));
        assert!(open_comments(&r).is_empty());
        assert_eq!(
            resolve(&mut r, &id, &reviewer(), at(10, 6)),
            Err(ReviewError::AlreadyResolved)
        );

        reply(&mut r, &id, "Vẫn thiếu ngày.", &reviewer(), at(11, 0)).unwrap();
        reopen(&mut r, &id, &reviewer(), at(11, 1)).unwrap();
        let c = &r.review.comments[0];
        assert!(!c.resolved);
        assert_eq!((c.resolved_by.clone(), c.resolved_at), (None, None));
        assert_eq!(c.reopened_at, Some(at(11, 1)));
        assert_eq!(c.replies.len(), 2);
        assert_eq!(
            reopen(&mut r, &id, &reviewer(), at(11, 2)),
            Err(ReviewError::NotResolved)
        );
    }

    #[test]
    fn comments_at_the_same_second_by_the_same_person_get_distinct_ids() {
        let mut r = report();
        let a = add_comment(&mut r, "can-cu", None, "Một", &reviewer(), at(9, 0)).unwrap();
        let b = add_comment(&mut r, "can-cu", None, "Hai", &reviewer(), at(9, 0)).unwrap();
        let c = add_comment(&mut r, "can-cu", None, "Ba", &reviewer(), at(9, 0)).unwrap();
        assert_eq!(b, format!("{a}-1"));
        assert_eq!(c, format!("{a}-2"));
    }

    #[test]
    fn bad_comments_are_refused_with_a_reason() {
        let mut r = report();
        let n = paragraphs(&r.section("lanh-dao").unwrap().body).len();
        assert_eq!(
            add_comment(&mut r, "lanh-dao", None, "  \n", &reviewer(), at(9, 0)),
            Err(ReviewError::EmptyComment)
        );
        assert_eq!(
            add_comment(&mut r, "khong-co", None, "X", &reviewer(), at(9, 0)),
            Err(ReviewError::NoSection("khong-co".into()))
        );
        let err = add_comment(&mut r, "lanh-dao", Some(n), "X", &reviewer(), at(9, 0)).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "Mục “Công tác lãnh đạo, chỉ đạo” chỉ có {n} đoạn, không có đoạn {}.",
                n + 1
            )
        );
        assert!(matches!(
            add_comment(
                &mut r,
                "lanh-dao",
                None,
                "X",
                &Actor::new("", ReviewRole::Reviewer),
                at(9, 0)
            ),
            Err(ReviewError::NoName { .. })
        ));
        assert!(r.review.comments.is_empty());

        assert_eq!(
            reply(&mut r, "gy-x", "Trả lời", &drafter(), at(9, 0)),
            Err(ReviewError::NoComment("gy-x".into()))
        );
        let id = add_comment(&mut r, "lanh-dao", None, "X", &reviewer(), at(9, 0)).unwrap();
        assert_eq!(
            reply(&mut r, &id, " ", &drafter(), at(9, 1)),
            Err(ReviewError::EmptyReply)
        );
        assert_eq!(
            resolve(&mut r, "gy-x", &drafter(), at(9, 1)),
            Err(ReviewError::NoComment("gy-x".into()))
        );
    }

    #[test]
    fn open_comments_follow_print_order_then_paragraph_then_time_and_keep_orphans() {
        let mut r = report();
        r.sections.push(Section::new("tam", "Mục tạm"));
        let late = add_comment(&mut r, "can-cu", None, "Sau", &reviewer(), at(10, 0)).unwrap();
        let orphan = add_comment(&mut r, "tam", None, "Mồ côi", &reviewer(), at(8, 0)).unwrap();
        let deep = add_comment(&mut r, "uu-diem", Some(0), "Sâu", &drafter(), at(7, 0)).unwrap();
        let early = add_comment(&mut r, "can-cu", Some(2), "Trước", &reviewer(), at(9, 0)).unwrap();
        let done = add_comment(&mut r, "can-cu", None, "Xong", &reviewer(), at(6, 0)).unwrap();
        resolve(&mut r, &done, &drafter(), at(11, 0)).unwrap();
        r.sections.pop();

        let ids: Vec<_> = open_comments(&r).iter().map(|c| c.id.clone()).collect();
        // The whole-section remark comes before the one on its third paragraph.
        assert_eq!(ids, [late, early.clone(), deep.clone(), orphan.clone()]);

        let counts = open_count_by_section(&r);
        assert_eq!(counts.get("can-cu"), Some(&2));
        assert_eq!(counts.get("uu-diem"), Some(&1));
        assert_eq!(counts.get("tam"), Some(&1));

        let find = |id: &str| r.review.comments.iter().find(|c| c.id == id).unwrap();
        assert_eq!(comment_anchor_label(&r, find(&orphan)), "mục đã xóa");
        assert_eq!(
            paragraph_gist("Mở đầu.\n\n- **Một** hai ba bốn năm sáu bảy tám chín", 1).as_deref(),
            Some("Một hai ba bốn năm sáu bảy tám…")
        );
        assert_eq!(paragraph_gist("Một dòng", 1), None);
        assert_eq!(
            comment_anchor_label(&r, find(&early)),
            "mục I. CĂN CỨ XÂY DỰNG BÁO CÁO (đoạn 3)"
        );
        assert_eq!(
            comment_anchor_label(&r, find(&deep)),
            "mục a) Ưu điểm (đoạn 1)"
        );
    }
}
