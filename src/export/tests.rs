//! Tests of the review copy's pipeline: the comments part is appended without moving
//! the draft's pages, and the pages it lists are where the commented text is.
// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;
use crate::compose::{Block, COMMENTS_HEADING};
use crate::layout::{Item, Page};
use crate::model::{Comment, ReviewRole};

fn fonts() -> &'static Fonts {
    Fonts::bundled().unwrap_or_else(|| panic!("bundled fonts"))
}

fn comment(id: &str, section: &str, paragraph: Option<usize>, text: &str) -> Comment {
    Comment {
        id: id.into(),
        section: section.into(),
        paragraph,
        author: "Nguyễn Văn A".into(),
        role: ReviewRole::Reviewer,
        at: chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .and_then(|d| d.and_hms_opt(10, 5, 0))
            .unwrap_or_default(),
        text: text.into(),
        replies: Vec::new(),
        resolved: false,
        resolved_by: None,
        resolved_at: None,
        reopened_at: None,
    }
}

/// The sample with comments on every section, one more on the fourth paragraph of
/// "Hạn chế".
fn commented_sample() -> (Project, Report) {
    let project = crate::test_support::sample();
    let mut report = project.reports[0].clone();
    let ids: Vec<String> = report.all_sections().iter().map(|s| s.id.clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        report
            .review
            .comments
            .push(comment(&format!("c{i}"), id, None, "Xem lại."));
    }
    report
        .review
        .comments
        .push(comment("p", "han-che", Some(3), "Nêu rõ thiết bị nào."));
    (project, report)
}

fn page_text(page: &Page) -> String {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn the_comments_part_is_appended_without_moving_the_drafts_pages() {
    let (project, report) = commented_sample();
    let (doc, pages) = review_copy(&project, &report, fonts());
    let draft = layout(
        &compose(&project, &report, ComposeOptions::default()),
        fonts(),
    );
    let n = draft.pages.len();
    assert!(pages.pages.len() > n);
    assert_eq!(pages.pages[..n], draft.pages[..], "the draft's pages moved");
    assert!(doc.draft, "the review copy keeps the DỰ THẢO marking");
    let comments_part = doc.parts.len() - 1;
    let first = &pages.pages[n];
    assert_eq!((first.part, first.number_in_part), (comments_part, 1));
    assert!(page_text(first).contains(COMMENTS_HEADING));
    assert!(pages.pages[n..].iter().all(|p| p.part == comments_part));
}

#[test]
fn every_listed_page_is_where_the_commented_section_or_paragraph_starts() {
    let (project, report) = commented_sample();
    let draft = layout(
        &compose(&project, &report, ComposeOptions::default()),
        fonts(),
    );
    let found = draft.draft_pages();
    let numbers = crate::compose::section_numbers(&report);
    let body: Vec<&Page> = draft.pages.iter().filter(|p| p.part == 0).collect();
    assert!(body.len() >= 4);
    let mut later_pages = 0;
    for section in report.all_sections() {
        let page = found.sections[&section.id];
        later_pages += usize::from(page > 1);
        // The heading is printed on that page, and on no page before it.
        let heading = squash(&format!("{} {}", numbers[&section.id], section.title));
        let on = |p: &Page| {
            squash(&page_text(p))
                .to_lowercase()
                .contains(&heading.to_lowercase())
        };
        assert!(on(body[page - 1]), "{} not on page {page}", section.id);
        assert!(!body[..page - 1].iter().any(|p| on(p)), "{}", section.id);
    }
    assert!(
        later_pages > 5,
        "the sample spreads its sections over pages"
    );
    // The fourth paragraph of "Hạn chế" starts on the page listed for it.
    let page = found.paragraphs[&("han-che".to_owned(), 3)];
    assert!(squash(&page_text(body[page - 1])).contains(&squash("Một số trang thiết bị")));

    // And the part lists those pages.
    let part = review_comments_part(&project, &report, &found);
    let lines: Vec<String> = part
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text()),
            _ => None,
        })
        .collect();
    let entry = lines
        .iter()
        .find(|l| l.contains("Hạn chế, đoạn 4"))
        .unwrap_or_else(|| panic!("{lines:?}"));
    assert!(entry.ends_with(&format!("— trang {page}")), "{entry}");
    let last = report
        .all_sections()
        .last()
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let last_page = found.sections[&last];
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "{}. Mục {}",
            report.review.comments.len(),
            numbers[&last]
        )) && l.ends_with(&format!("— trang {last_page}"))),
        "{lines:?}"
    );
}

#[test]
fn the_review_copy_pdf_is_written_with_its_warnings() {
    let (project, report) = commented_sample();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .unwrap_or_default();
    let (bytes, warnings) =
        render_review_copy(&project, &report, date).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"%PDF-"));
    let (again, _) = render_review_copy(&project, &report, date).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bytes, again, "deterministic");
    let (_, draft_warnings) = render_pdf(&project, &report, ComposeOptions::default(), date)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(warnings, draft_warnings);
}
