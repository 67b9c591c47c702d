//! review: changes a leader proposed in a returned Word file (read by
//! `import::docx::changes`), held in the report's review data until the clerk accepts
//! them (the paragraph takes the new text, its emphasis kept where the words are
//! unchanged) or rejects them (dropped). Pure: the caller records each call as one
//! undo step.

use super::ReviewError;
use super::diff::{Span as Diff, diff_words};
use crate::model::rich::{self, Span, split_marker};
use crate::model::{ChangePlace, Comment, ProposedChange, Report};
use crate::vi;

/// Adds `changes` to the report's proposed changes, each with a new id, leaving out
/// those it already holds; returns how many were added.
pub fn add_proposed(report: &mut Report, changes: Vec<ProposedChange>) -> usize {
    let mut added = 0;
    for mut c in changes {
        if report.review.proposed.iter().any(|p| p.same_change(&c)) {
            continue;
        }
        c.id = crate::model::new_id("dx-", report.review.proposed.iter().map(|p| p.id.as_str()));
        report.review.proposed.push(c);
        added += 1;
    }
    added
}

/// Where a change is, as the clerk reads it: `mục “Kết quả”, đoạn 2`.
pub fn place_label(report: &Report, c: &ProposedChange) -> String {
    let title = report
        .section(&c.section)
        .map_or_else(|| c.section.clone(), |s| vi::nfc(s.title.trim()));
    match c.place {
        ChangePlace::Body => format!("mục “{title}”, đoạn {}", c.paragraph + 1),
        ChangePlace::Title => format!("tên mục “{title}”"),
        ChangePlace::Opening | ChangePlace::Closing => {
            format!("{}, đoạn {}", c.place.label(), c.paragraph + 1)
        }
        ChangePlace::Summary => c.place.label().to_owned(),
    }
}

/// A change as its heading reads, in the window and on the command line: where, what
/// it does, who made it, how Word recorded it and when.
pub fn change_caption(report: &Report, c: &ProposedChange) -> String {
    let what = if c.is_insertion() {
        "thêm đoạn"
    } else if c.is_deletion() {
        "xóa đoạn"
    } else {
        "sửa"
    };
    let who = if c.author.is_empty() {
        "không rõ người sửa".to_owned()
    } else {
        c.author.clone()
    };
    let when =
        c.at.map(|t| format!(", {}", t.format("%d/%m/%Y %H:%M")))
            .unwrap_or_default();
    format!(
        "{} — {what} ({who}, {}{when})",
        place_label(report, c),
        c.source.label()
    )
}

/// The word diff of a change, from the old paragraph's plain text to the new one.
pub fn change_spans(c: &ProposedChange) -> Vec<Diff> {
    diff_words(&plain_of(c.place, &c.old), &c.new)
}

/// The text of a stored line without its list marker and emphasis markers.
fn plain_of(place: ChangePlace, line: &str) -> String {
    if line.is_empty() {
        return String::new();
    }
    match place {
        ChangePlace::Title | ChangePlace::Summary => vi::nfc(line.trim()),
        _ => {
            let line = line.trim();
            let body = split_marker(line).map_or(line, |(_, b)| b);
            rich::plain(&vi::nfc(body), 1, &mut Vec::new())
        }
    }
}

/// The line `old` becomes with the plain text `new`: its list marker and the emphasis
/// of the words left unchanged are kept; added words take the emphasis of the words
/// they replace when those were all in one style, otherwise none.
pub fn merged_line(old: &str, new: &str) -> String {
    let old = vi::nfc(old.trim());
    let (marker, body) = match split_marker(&old) {
        Some((m, b)) => (Some(m), b),
        None => (None, old.as_str()),
    };
    let (spans, _) = rich::inline(body, 1, &mut Vec::new());
    // Style of each byte of the old plain text.
    let mut styles: Vec<(bool, bool, bool)> = Vec::new();
    let mut plain = String::new();
    for s in &spans {
        plain.push_str(&s.text);
        styles.extend(std::iter::repeat_n(
            (s.bold, s.italic, s.underline),
            s.text.len(),
        ));
    }
    let style_at = |i: usize| styles.get(i).copied().unwrap_or_default();
    let uniform = |from: usize, to: usize| -> Option<(bool, bool, bool)> {
        let first = style_at(from);
        (from..to).all(|i| style_at(i) == first).then_some(first)
    };
    let mut out: Vec<Span> = Vec::new();
    let mut push = |text: &str, (bold, italic, underline): (bool, bool, bool)| match out.last_mut()
    {
        Some(l) if (l.bold, l.italic, l.underline) == (bold, italic, underline) => {
            l.text.push_str(text)
        }
        _ => out.push(Span {
            text: text.to_owned(),
            bold,
            italic,
            underline,
        }),
    };
    let mut pos = 0usize;
    let mut replaced: Option<(bool, bool, bool)> = None;
    for d in diff_words(&plain, new) {
        match d {
            Diff::Same(t) => {
                let mut start = 0;
                for (i, ch) in t.char_indices() {
                    let end = i + ch.len_utf8();
                    push(t.get(start..end).unwrap_or(""), style_at(pos + i));
                    start = end;
                }
                pos += t.len();
                replaced = None;
            }
            Diff::Removed(t) => {
                replaced = uniform(pos, pos + t.trim_end().len());
                pos += t.len();
            }
            Diff::Added(t) => {
                let style = replaced.take().unwrap_or_else(|| {
                    // Inside one emphasised stretch: the words before and after agree.
                    let before = pos.checked_sub(1).map(style_at);
                    match before {
                        Some(b) if pos < plain.len() && style_at(pos) == b => b,
                        _ => (false, false, false),
                    }
                });
                push(&t, style);
            }
        }
    }
    let written = crate::model::rich::emphasis_markup(&out, 0);
    match marker {
        Some(m) => format!("{m} {written}"),
        None => written,
    }
}

/// The lines of a text and, for each non-empty one, its index among them.
fn find_line(text: &str, wanted: &str, near: usize) -> Option<usize> {
    let wanted = vi::nfc(wanted.trim());
    let mut best: Option<(usize, usize)> = None;
    let mut k = 0usize;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if vi::nfc(line.trim()) == wanted {
            let distance = k.abs_diff(near);
            if best.is_none_or(|(_, d)| distance < d) {
                best = Some((i, distance));
            }
        }
        k += 1;
    }
    best.map(|(i, _)| i)
}

/// The 0-based index among non-empty lines of line `line` of `text`.
fn paragraph_index(text: &str, line: usize) -> usize {
    text.lines()
        .take(line)
        .filter(|l| !l.trim().is_empty())
        .count()
}

/// `text` with line `at` replaced (`Some`) or removed (`None`), or `new` inserted
/// after line `at` (`insert`).
fn edit_lines(text: &str, at: Option<usize>, new: Option<String>, insert: bool) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    match (at, new, insert) {
        (None, Some(n), true) => lines.insert(0, n),
        (Some(i), Some(n), true) => lines.insert((i + 1).min(lines.len()), n),
        (Some(i), Some(n), false) => {
            if let Some(l) = lines.get_mut(i) {
                // Keep the indentation that gives a list item its level.
                let indent = &l[..l.len() - l.trim_start().len()];
                *l = format!("{indent}{n}");
            }
        }
        (Some(i), None, _) if i < lines.len() => {
            lines.remove(i);
        }
        _ => {}
    }
    lines.join("\n")
}

fn stale(report: &Report, c: &ProposedChange) -> ReviewError {
    let wanted = if c.is_insertion() { &c.after } else { &c.old };
    ReviewError::ProposedStale {
        place: place_label(report, c),
        old: crate::vi::shorten(&plain_of(c.place, wanted), 60),
    }
}

/// Applies the change `id` to the report and drops it from the list. Refused (the
/// report unchanged) when the paragraph no longer reads as when the change was read.
pub fn accept(report: &mut Report, id: &str) -> Result<(), ReviewError> {
    let c = report
        .review
        .proposed
        .iter()
        .find(|c| c.id == id)
        .cloned()
        .ok_or_else(|| ReviewError::NoProposed(id.to_owned()))?;
    apply(report, &c)?;
    report.review.proposed.retain(|p| p.id != id);
    Ok(())
}

/// Rejects (drops) the change `id`; the report's text is not touched.
pub fn reject(report: &mut Report, id: &str) -> Result<(), ReviewError> {
    let before = report.review.proposed.len();
    report.review.proposed.retain(|p| p.id != id);
    if report.review.proposed.len() == before {
        return Err(ReviewError::NoProposed(id.to_owned()));
    }
    Ok(())
}

/// Accepts every change that still applies, in order; those that do not stay in the
/// list (accepting one alone says why). Returns how many were applied.
pub fn accept_all(report: &mut Report) -> usize {
    let ids: Vec<String> = report
        .review
        .proposed
        .iter()
        .map(|c| c.id.clone())
        .collect();
    ids.iter().filter(|id| accept(report, id).is_ok()).count()
}

/// Rejects every change; returns how many there were.
pub fn reject_all(report: &mut Report) -> usize {
    std::mem::take(&mut report.review.proposed).len()
}

fn apply(report: &mut Report, c: &ProposedChange) -> Result<(), ReviewError> {
    match c.place {
        ChangePlace::Title => {
            let section = report
                .section_mut(&c.section)
                .ok_or_else(|| ReviewError::NoSection(c.section.clone()))?;
            if vi::nfc(section.title.trim()) != vi::nfc(c.old.trim()) {
                return Err(stale_title(c));
            }
            section.title = c.new.trim().to_owned();
            Ok(())
        }
        ChangePlace::Summary => {
            if vi::nfc(report.summary.trim()) != vi::nfc(c.old.trim()) {
                return Err(stale(report, c));
            }
            report.summary = c.new.trim().to_owned();
            Ok(())
        }
        ChangePlace::Body => {
            let text = report
                .section(&c.section)
                .map(|s| s.body.clone())
                .ok_or_else(|| ReviewError::NoSection(c.section.clone()))?;
            let (body, shift) = edited(&text, c).ok_or_else(|| stale(report, c))?;
            if let Some(s) = report.section_mut(&c.section) {
                s.body = body;
            }
            if let Some((at, by)) = shift {
                shift_comments(&mut report.review.comments, &c.section, at, by);
            }
            Ok(())
        }
        ChangePlace::Opening | ChangePlace::Closing => {
            let text = if c.place == ChangePlace::Opening {
                &report.opening
            } else {
                &report.closing
            };
            let (new, _) = edited(text, c).ok_or_else(|| stale(report, c))?;
            if c.place == ChangePlace::Opening {
                report.opening = new;
            } else {
                report.closing = new;
            }
            Ok(())
        }
    }
}

fn stale_title(c: &ProposedChange) -> ReviewError {
    ReviewError::ProposedStale {
        place: format!("tên mục “{}”", vi::nfc(c.old.trim())),
        old: vi::nfc(c.old.trim()),
    }
}

/// The text with the change made, and where paragraphs moved (first index, +1 / -1);
/// `None` when the paragraph it is about is no longer there.
fn edited(text: &str, c: &ProposedChange) -> Option<(String, Option<(usize, i8)>)> {
    if c.is_insertion() {
        let line = rich::escape(c.new.trim());
        if c.after.trim().is_empty() {
            return Some((edit_lines(text, None, Some(line), true), Some((0, 1))));
        }
        let at = find_line(text, &c.after, c.paragraph.saturating_sub(1))?;
        let index = paragraph_index(text, at) + 1;
        return Some((
            edit_lines(text, Some(at), Some(line), true),
            Some((index, 1)),
        ));
    }
    let at = find_line(text, &c.old, c.paragraph)?;
    let index = paragraph_index(text, at);
    if c.is_deletion() {
        return Some((edit_lines(text, Some(at), None, false), Some((index, -1))));
    }
    let line = merged_line(&c.old, c.new.trim());
    Some((edit_lines(text, Some(at), Some(line), false), None))
}

/// Keeps comments on the paragraphs they were written on when paragraphs are added
/// or deleted before them; a comment on a deleted paragraph stays on its section.
fn shift_comments(comments: &mut [Comment], section: &str, at: usize, by: i8) {
    // A comment on another part (a table row, Nơi nhận …) is not on a paragraph here.
    let on_paragraphs = |c: &Comment| {
        c.anchor
            .as_ref()
            .is_none_or(|a| *a == crate::model::CommentAnchor::Opening)
    };
    for c in comments
        .iter_mut()
        .filter(|c| c.section == section && on_paragraphs(c))
    {
        let Some(p) = c.paragraph else { continue };
        c.paragraph = match by {
            1 if p >= at => Some(p + 1),
            -1 if p == at => None,
            -1 if p > at => Some(p - 1),
            _ => Some(p),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ChangeSource;
    use crate::test_support::sample;

    fn change(section: &str, paragraph: usize, old: &str, new: &str) -> ProposedChange {
        ProposedChange {
            place: ChangePlace::Body,
            section: section.into(),
            paragraph,
            old: old.into(),
            new: new.into(),
            author: "Lê Văn Tâm".into(),
            source: ChangeSource::TrackChanges,
            ..ProposedChange::default()
        }
    }

    #[test]
    fn changed_words_keep_the_emphasis_of_the_words_around_them() {
        let line = merged_line(
            "- Đã cấp **120 hồ sơ** trực tuyến, đạt *91%*.",
            "Đã cấp 125 hồ sơ trực tuyến, đạt 91%.",
        );
        assert_eq!(line, "- Đã cấp **125 hồ sơ** trực tuyến, đạt *91%*.");
        let plain = merged_line("Đoạn **đậm** ở giữa.", "Đoạn đậm ở giữa, thêm câu.");
        assert!(plain.starts_with("Đoạn **đậm** ở"), "{plain}");
        assert!(plain.contains("thêm câu."), "{plain}");
    }

    #[test]
    fn accepting_changes_the_paragraph_and_rejecting_leaves_it() {
        let mut r = sample().reports[0].clone();
        let body = r.sections[0].body.clone();
        let id = r.sections[0].id.clone();
        let first = crate::review::paragraphs(&body)[0].to_owned();
        let n = add_proposed(
            &mut r,
            vec![
                change(&id, 0, &first, "Câu mới do lãnh đạo viết."),
                change(&id, 0, &first, "Một đề xuất khác."),
            ],
        );
        assert_eq!(n, 2);
        assert_eq!(
            add_proposed(&mut r, vec![change(&id, 0, &first, "Một đề xuất khác.")]),
            0,
            "held changes are not added twice"
        );
        let ids: Vec<String> = r.review.proposed.iter().map(|c| c.id.clone()).collect();
        reject(&mut r, &ids[1]).unwrap();
        assert_eq!(r.sections[0].body, body, "rejecting changes no text");
        accept(&mut r, &ids[0]).unwrap();
        let marker = split_marker(&first).map(|(m, _)| m.to_owned());
        let now = crate::review::paragraphs(&r.sections[0].body)[0].to_owned();
        assert_eq!(
            split_marker(&now).map(|(m, _)| m.to_owned()),
            marker,
            "the list marker stays"
        );
        assert!(now.ends_with("Câu mới do lãnh đạo viết."), "{now}");
        assert!(r.review.proposed.is_empty());
        assert!(matches!(
            accept(&mut r, &ids[0]),
            Err(ReviewError::NoProposed(_))
        ));
    }

    #[test]
    fn a_change_to_a_paragraph_edited_since_is_refused_in_vietnamese() {
        let mut r = sample().reports[0].clone();
        let id = r.sections[0].id.clone();
        add_proposed(
            &mut r,
            vec![change(&id, 0, "Đoạn không còn trong báo cáo.", "Mới.")],
        );
        let before = r.clone();
        let cid = r.review.proposed[0].id.clone();
        let err = accept(&mut r, &cid).unwrap_err();
        assert!(err.to_string().contains("không còn"), "{err}");
        assert_eq!(r, before);
    }

    #[test]
    fn added_and_deleted_paragraphs_move_the_comments_after_them() {
        let mut r = sample().reports[0].clone();
        let id = r.sections[0].id.clone();
        r.sections[0].body = "Một.\nHai.\nBa.".into();
        let mut comment = r
            .review
            .comments
            .first()
            .cloned()
            .unwrap_or_else(|| Comment {
                id: "gy-1".into(),
                section: id.clone(),
                paragraph: None,
                author: "A".into(),
                role: crate::model::ReviewRole::Reviewer,
                at: chrono::NaiveDateTime::default(),
                text: "x".into(),
                replies: Vec::new(),
                resolved: false,
                resolved_by: None,
                resolved_at: None,
                reopened_at: None,
                anchor: None,
            });
        comment.section = id.clone();
        comment.paragraph = Some(2);
        r.review.comments = vec![comment];
        let mut add = change(&id, 1, "", "Mới.");
        add.after = "Một.".into();
        add_proposed(&mut r, vec![add, change(&id, 0, "Một.", "")]);
        assert_eq!(accept_all(&mut r), 2);
        assert_eq!(r.sections[0].body, "Mới.\nHai.\nBa.");
        assert_eq!(r.review.comments[0].paragraph, Some(2), "still on “Ba.”");
    }
}
