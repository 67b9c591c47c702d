//! Tests of rendering: the kinds of document and the review copy, whose comments part
//! is appended without moving the draft's pages and lists the pages where the commented
//! text is.
// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;
use crate::compose::{Block, COMMENTS_HEADING};
use crate::layout::{Item, Page};
use crate::model::ReportStatus;
use crate::model::{Comment, ReviewRole};
use crate::test_support::sample;

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
        anchor: None,
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
    let copy = render(&project, &report, RenderKind::ReviewCopy).unwrap_or_else(|e| panic!("{e}"));
    let pages = &copy.pages;
    let draft = layout(
        &compose(&project, &report, ComposeOptions::default()),
        fonts(),
    );
    let n = draft.pages.len();
    assert!(pages.pages.len() > n);
    assert_eq!(pages.pages[..n], draft.pages[..], "the draft's pages moved");
    assert!(copy.draft, "the review copy keeps the DỰ THẢO marking");
    let comments_part = pages.pages.last().map_or(0, |p| p.part);
    assert!(comments_part > 0);
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
fn the_review_copy_has_the_drafts_warnings() {
    let (project, report) = commented_sample();
    let copy = render(&project, &report, RenderKind::ReviewCopy).unwrap_or_else(|e| panic!("{e}"));
    let draft = render(&project, &report, RenderKind::Draft).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(copy.warnings, draft.warnings);
}

#[test]
fn the_sample_renders_as_a_draft_while_it_is_being_drafted() {
    let p = sample();
    let r = render(&p, &p.reports[0], RenderKind::AsItStands).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.draft);
    assert!(!r.pages.pages.is_empty());
    assert_eq!(r.report_id, p.reports[0].id);
}

#[test]
fn a_final_version_of_a_draft_is_refused_naming_its_status() {
    let p = sample();
    let err = render(&p, &p.reports[0], RenderKind::Final).unwrap_err();
    assert_eq!(err, RenderError::NotApproved(ReportStatus::Drafting));
    assert!(err.to_string().contains("“Đang soạn”"));
}

#[test]
fn an_approved_report_renders_final_as_it_stands_and_as_final() {
    let mut p = sample();
    let fp = crate::review::fingerprint(&p, &p.reports[0]);
    let r = &mut p.reports[0];
    r.review.status = ReportStatus::Approved;
    r.review.approved_fingerprint = Some(fp);
    let report = p.reports[0].clone();
    let now = render(&p, &report, RenderKind::AsItStands).unwrap_or_else(|e| panic!("{e}"));
    let fin = render(&p, &report, RenderKind::Final).unwrap_or_else(|e| panic!("{e}"));
    assert!(!now.draft && !fin.draft);
    assert_eq!(now.pages, fin.pages);
    let draft = render(&p, &report, RenderKind::Draft).unwrap_or_else(|e| panic!("{e}"));
    assert!(draft.draft);
}

#[test]
fn an_approval_without_a_fingerprint_counts_as_none_and_says_why() {
    for status in [ReportStatus::Approved, ReportStatus::Issued] {
        let mut p = sample();
        p.reports[0].review.status = status;
        p.reports[0].review.approved_fingerprint = None;
        let report = p.reports[0].clone();
        let now = render(&p, &report, RenderKind::AsItStands).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            now.draft,
            "{status:?} without a fingerprint prints as a draft"
        );
        assert!(now.warnings.contains(&Warning::ApprovalUnbound));
        let err = render(&p, &report, RenderKind::Final).unwrap_err();
        assert_eq!(err, RenderError::ApprovalUnbound);
        assert!(err.to_string().contains("không có dấu xác nhận"));
    }
}

#[test]
fn an_approved_report_with_an_unresolved_figure_stays_a_draft_and_says_why() {
    let mut p = sample();
    p.reports[0].sections[0]
        .body
        .push_str("\nĐạt {{CT99.kết quả}}.");
    let fp = crate::review::fingerprint(&p, &p.reports[0]);
    p.reports[0].review.status = ReportStatus::Approved;
    p.reports[0].review.approved_fingerprint = Some(fp);
    let report = p.reports[0].clone();
    let r = render(&p, &report, RenderKind::AsItStands).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.draft);
    assert!(r.warnings.contains(&Warning::FinalHeldBack));
    assert!(
        r.warnings
            .iter()
            .any(|w| matches!(w, Warning::Unresolved(t) if t.contains("CT99")))
    );
    assert!(matches!(
        render(&p, &report, RenderKind::Final),
        Err(RenderError::Unresolved(_))
    ));
}

#[test]
fn the_review_copy_keeps_the_draft_pages_and_adds_the_comments_part() {
    let p = sample();
    let report = &p.reports[0];
    let draft = render(&p, report, RenderKind::Draft).unwrap_or_else(|e| panic!("{e}"));
    let copy = render(&p, report, RenderKind::ReviewCopy).unwrap_or_else(|e| panic!("{e}"));
    assert!(copy.draft);
    assert!(copy.meta.title.ends_with("(bản xem xét)"));
    assert_eq!(
        &copy.pages.pages[..draft.pages.pages.len()],
        &draft.pages.pages[..]
    );
}

#[test]
fn a_page_setup_against_the_decree_is_refused() {
    let mut p = sample();
    p.page_setup.margin_left_mm = 5.0;
    let report = p.reports[0].clone();
    assert!(matches!(
        render(&p, &report, RenderKind::Draft),
        Err(RenderError::PageSetup(_))
    ));
}

#[test]
fn a_project_with_errors_exports_a_draft_that_lists_them_and_no_final_version() {
    let mut p = sample();
    let twin = p.plan.indicators[0].clone();
    p.plan.indicators.push(twin);
    let fp = crate::review::fingerprint(&p, &p.reports[0]);
    p.reports[0].review.status = ReportStatus::Approved;
    p.reports[0].review.approved_fingerprint = Some(fp);
    let report = p.reports[0].clone();
    let draft = render(&p, &report, RenderKind::Draft).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        draft
            .warnings
            .iter()
            .any(|w| matches!(w, Warning::Project(p) if p.message.contains("bị trùng"))),
        "{:?}",
        draft.warnings
    );
    let carried: Vec<_> = draft
        .warnings
        .iter()
        .filter_map(|w| match w {
            Warning::Project(problem) => Some(problem.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        carried,
        crate::check::errors(&p),
        "check's errors travel as found, place and all"
    );
    let now = render(&p, &report, RenderKind::AsItStands).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        now.draft,
        "an approved report of a broken file still prints DỰ THẢO"
    );
    assert!(now.warnings.contains(&Warning::FinalHeldBackByErrors));
    assert!(matches!(
        render(&p, &report, RenderKind::Final),
        Err(RenderError::ProjectErrors(_))
    ));
}

#[test]
fn a_character_the_font_lacks_is_placed_at_its_section_and_one_in_the_summary_at_the_info_step() {
    let project = sample();
    let mut report = project.reports[0].clone();
    let id = report.sections[1].id.clone();
    let title = report.sections[1].title.trim().to_owned();
    report.sections[1].body.push_str("\nĐã lắp 3 camera 😀.");
    report.summary.push_str(" \u{E000}");
    let rendered = render(&project, &report, RenderKind::Draft).unwrap();
    let problems: Vec<Problem> = rendered
        .warnings
        .iter()
        .filter_map(|w| w.problem(&report))
        .collect();
    let glyph = |code: &str| {
        problems
            .iter()
            .find(|p| p.message.contains(code))
            .unwrap_or_else(|| panic!("no problem for {code}: {problems:?}"))
    };
    let emoji = glyph("U+1F600");
    let at = emoji.at.as_ref().unwrap();
    assert_eq!(at.section.as_deref(), Some(id.as_str()));
    assert_eq!(at.step, crate::check::step_of_section(&report, &id));
    assert_eq!(emoji.place, format!("Bản in, mục “{title}”"));
    let private = glyph("U+E000");
    assert_eq!(private.at.as_ref().map(|a| a.step), Some(Step::ThongTin));
    assert_eq!(private.at.as_ref().and_then(|a| a.section.clone()), None);
    assert_eq!(private.place, "Bản in, tên loại và trích yếu");
}

#[test]
fn a_warning_about_the_whole_document_stays_at_the_print_with_no_place_to_go() {
    let project = sample();
    let report = project.reports[0].clone();
    let margins = Warning::Layout(LayoutWarning {
        message: "Lề trang không hợp lệ.".to_owned(),
        source: SourceRef::None,
    });
    let p = margins.problem(&report).unwrap();
    assert_eq!((p.place.as_str(), p.at), ("Bản in", None));
    let gone = Warning::Layout(LayoutWarning {
        message: "x".to_owned(),
        source: SourceRef::section("khong-co"),
    });
    let p = gone.problem(&report).unwrap();
    assert_eq!((p.place.as_str(), p.at), ("Bản in", None));
}
