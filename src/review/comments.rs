//! Comments (góp ý) anchored to a section or one of its paragraphs, with a thread of
//! replies, resolved and reopened by either role.

use chrono::NaiveDateTime;

use super::diff::section_label;
use super::{Actor, ReviewError};
use crate::model::{Comment, CommentAnchor, Reply, Report, new_id};
use crate::vi;
use crate::vi::ascii_slug;

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
    let id = comment_id(
        &author,
        at,
        report.review.comments.iter().map(|c| c.id.as_str()),
    );
    let comment = Comment {
        id: id.clone(),
        section: section_id.to_owned(),
        paragraph,
        author,
        role: actor.role,
        at,
        text,
        ..Comment::default()
    };
    check_place(report, &comment)?;
    report.review.comments.push(comment);
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

/// Where a comment points, in words: `mục 2.1. Kết quả (đoạn 2)`, `trích yếu`,
/// `Nơi nhận`, `mục 3. … (bảng, dòng 2)`, `bảng chỉ tiêu, dòng “Tỷ lệ …”`, or
/// `mục đã xóa` when its section no longer exists.
pub fn comment_anchor_label(report: &Report, comment: &Comment) -> String {
    if let Some(part) = part_label(comment) {
        return part;
    }
    let row = match &comment.anchor {
        Some(CommentAnchor::Indicator { name, .. }) => {
            Some(format!("bảng chỉ tiêu, dòng “{}”", vi::nfc(name.trim())))
        }
        Some(CommentAnchor::Task { name, .. }) => {
            Some(format!("bảng nhiệm vụ, dòng “{}”", vi::nfc(name.trim())))
        }
        _ => None,
    };
    let Some(section) = report.section(&comment.section) else {
        return row.unwrap_or_else(|| "mục đã xóa".to_owned());
    };
    let numbers = crate::compose::section_numbers(report);
    let number = numbers.get(&section.id).map_or("", String::as_str);
    let label = format!("mục {}", section_label(number, &section.title));
    if let Some(row) = row {
        return format!("{label}, {row}");
    }
    match comment.paragraph {
        Some(p) => match table_row(&section.body, p) {
            Some((table, row)) if table > 1 => format!("{label} (bảng {table}, dòng {row})"),
            Some((_, row)) => format!("{label} (bảng, dòng {row})"),
            None => format!("{label} (đoạn {})", p + 1),
        },
        None => label,
    }
}

/// The name of a part outside the sections a comment is on, with the opening's
/// paragraph: `phần mở đầu (đoạn 2)`.
pub fn part_label(comment: &Comment) -> Option<String> {
    let name = match comment.anchor.as_ref()? {
        CommentAnchor::Summary => "trích yếu",
        CommentAnchor::Recipients => "Kính gửi",
        CommentAnchor::Opening => "phần mở đầu",
        CommentAnchor::Closing => "câu kết",
        CommentAnchor::Signature => "phần ký",
        CommentAnchor::Distribution => "Nơi nhận",
        CommentAnchor::Indicator { .. } | CommentAnchor::Task { .. } => return None,
    };
    Some(match (comment.anchor.as_ref(), comment.paragraph) {
        (Some(CommentAnchor::Opening), Some(p)) => format!("{name} (đoạn {})", p + 1),
        _ => name.to_owned(),
    })
}

/// When paragraph `p` of `body` is a row of a table typed in the text (`| … |`
/// lines): which table of the text (from 1) and which of its rows (from 1).
pub fn table_row(body: &str, p: usize) -> Option<(usize, usize)> {
    let lines = paragraphs(body);
    if !lines.get(p)?.starts_with('|') {
        return None;
    }
    let (mut table, mut row) = (0, 0);
    let mut previous_row = false;
    for line in lines.iter().take(p + 1) {
        let is_row = line.starts_with('|');
        if is_row && !previous_row {
            table += 1;
            row = 0;
        }
        // The `|---|` line under a header is not a row.
        if is_row && !line.chars().all(|c| "|-: ".contains(c)) {
            row += 1;
        }
        previous_row = is_row;
    }
    Some((table, row.max(1)))
}

/// Text compared when deciding whether a comment is already held: composed, lower
/// case, spaces collapsed (a round trip through Word may rewrap or recompose it).
fn same_text(a: &str, b: &str) -> bool {
    let key = |t: &str| {
        vi::nfc(t)
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    key(a) == key(b)
}

/// The comment of `report` that a comment read back from elsewhere (Word) already
/// is: same text, and the same author or the same time (the two parts of its id).
pub fn held_comment<'a>(
    report: &'a Report,
    author: &str,
    at: NaiveDateTime,
    text: &str,
) -> Option<&'a Comment> {
    report
        .review
        .comments
        .iter()
        .find(|c| same_text(&c.text, text) && (same_text(&c.author, author) || c.at == at))
}

/// Whether `comment` already has this reply, or is itself a comment with this text by
/// this author (a reply read back twice, or a Word reply that lost its parent).
pub fn holds_reply(comment: &Comment, reply: &Reply) -> bool {
    comment.replies.iter().any(|r| {
        same_text(&r.text, &reply.text) && (same_text(&r.author, &reply.author) || r.at == reply.at)
    })
}

/// Whether the report has comment `c`'s place: its section and paragraph, or the
/// opening's paragraph; parts outside the sections always exist.
fn check_place(report: &Report, c: &Comment) -> Result<(), ReviewError> {
    match &c.anchor {
        Some(CommentAnchor::Opening) => {
            let count = paragraphs(&report.opening).len();
            match c.paragraph {
                Some(p) if p >= count => Err(ReviewError::NoParagraph {
                    section: "Phần mở đầu".to_owned(),
                    paragraph: p + 1,
                    count,
                }),
                _ => Ok(()),
            }
        }
        Some(a) if !a.is_row() => Ok(()),
        Some(_) if c.section.is_empty() => Ok(()),
        _ => {
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
            Ok(())
        }
    }
}

/// Adds comments imported from elsewhere (a reviewer's Word file) as they are, their
/// ids made unique in the report, and replies to comments the report holds; every
/// comment's place must exist. A comment or reply the report already holds is not
/// added again. Returns how many comments were added.
pub fn add_imported(
    report: &mut Report,
    comments: Vec<Comment>,
    replies: Vec<(String, Reply)>,
) -> Result<usize, ReviewError> {
    for c in &comments {
        check_place(report, c)?;
    }
    for (id, _) in &replies {
        if !report.review.comments.iter().any(|c| c.id == *id) {
            return Err(ReviewError::NoComment(id.clone()));
        }
    }
    let mut count = 0;
    for mut c in comments {
        if held_comment(report, &c.author, c.at, &c.text).is_some() {
            continue;
        }
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
        count += 1;
    }
    for (id, r) in replies {
        if let Some(c) = report.review.comments.iter_mut().find(|c| c.id == id)
            && !holds_reply(c, &r)
        {
            c.replies.push(r);
        }
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

    #[test]
    fn imported_comments_already_held_come_in_once_and_replies_once() {
        let mut r = report();
        let id = add_comment(
            &mut r,
            "lanh-dao",
            Some(0),
            "Nêu rõ số.",
            &reviewer(),
            at(9, 0),
        )
        .unwrap();
        let held = r.review.comments[0].clone();
        // The same comment read back: rewrapped text, a different time.
        let mut back = held.clone();
        back.text = "Nêu  rõ\nsố.".into();
        back.at = at(12, 0);
        back.id = "gy-khac".into();
        let mut new = held.clone();
        new.text = "Góp ý mới.".into();
        new.id = "gy-moi".into();
        let answer = Reply {
            author: "Trần Thị Hoa".into(),
            role: ReviewRole::Drafter,
            at: at(10, 0),
            text: "Đã sửa.".into(),
        };
        let added = add_imported(
            &mut r,
            vec![back, new.clone()],
            vec![(id.clone(), answer.clone())],
        )
        .unwrap();
        assert_eq!(added, 1);
        assert_eq!(r.review.comments.len(), 2);
        assert_eq!(r.review.comments[0].replies, std::slice::from_ref(&answer));
        let again = add_imported(&mut r, vec![new], vec![(id.clone(), answer)]).unwrap();
        assert_eq!(again, 0);
        assert_eq!(r.review.comments.len(), 2);
        assert_eq!(r.review.comments[0].replies.len(), 1);
        let reply = r.review.comments[0].replies[0].clone();
        assert_eq!(
            add_imported(&mut r, Vec::new(), vec![("gy-x".into(), reply)]),
            Err(ReviewError::NoComment("gy-x".into()))
        );
    }

    #[test]
    fn parts_outside_the_sections_and_table_rows_are_named_in_words() {
        let mut r = report();
        r.sections[0].body =
            "Mở đầu.\n| TT | Nội dung |\n|---|---|\n| 1 | Một |\n| 2 | Hai |\nGiữa.\n| A |".into();
        let id = r.sections[0].id.clone();
        let mut c = Comment {
            id: "c".into(),
            section: String::new(),
            paragraph: None,
            author: "A".into(),
            role: ReviewRole::Reviewer,
            at: at(9, 0),
            text: "x".into(),
            replies: Vec::new(),
            resolved: false,
            resolved_by: None,
            resolved_at: None,
            reopened_at: None,
            anchor: Some(CommentAnchor::Distribution),
        };
        assert_eq!(comment_anchor_label(&r, &c), "Nơi nhận");
        c.anchor = Some(CommentAnchor::Opening);
        c.paragraph = Some(1);
        assert_eq!(comment_anchor_label(&r, &c), "phần mở đầu (đoạn 2)");
        c.anchor = Some(CommentAnchor::Task {
            id: "NV01".into(),
            name: "Số hóa hồ sơ".into(),
        });
        c.paragraph = None;
        assert_eq!(
            comment_anchor_label(&r, &c),
            "bảng nhiệm vụ, dòng “Số hóa hồ sơ”"
        );
        c.anchor = None;
        c.section = id.clone();
        c.paragraph = Some(4);
        assert!(
            comment_anchor_label(&r, &c).ends_with("(bảng, dòng 3)"),
            "{}",
            comment_anchor_label(&r, &c)
        );
        c.paragraph = Some(6);
        assert!(comment_anchor_label(&r, &c).ends_with("(bảng 2, dòng 1)"));
        c.paragraph = Some(5);
        assert!(comment_anchor_label(&r, &c).ends_with("(đoạn 6)"));
        assert_eq!(table_row("| a |", 1), None);
    }
}
