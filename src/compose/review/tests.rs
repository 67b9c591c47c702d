// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;
use crate::model::{
    Appendices, Period, PeriodKind, Reply, ReportKind, Review, Section, Snapshot, SnapshotSection,
};
use chrono::{NaiveDate, NaiveDateTime};

fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .unwrap_or_default()
}

fn comment(id: &str, section: &str, paragraph: Option<usize>, text: &str) -> Comment {
    Comment {
        id: id.into(),
        section: section.into(),
        paragraph,
        author: "Nguyễn Văn A".into(),
        role: ReviewRole::Reviewer,
        at: at(22, 10, 5),
        text: text.into(),
        replies: Vec::new(),
        resolved: false,
        resolved_by: None,
        resolved_at: None,
        reopened_at: None,
        anchor: None,
    }
}

/// Sections I. Kết quả (1. Ưu điểm, 2. Hạn chế with three paragraphs), II. Kiến nghị.
fn report(comments: Vec<Comment>) -> Report {
    let mut results = Section::new("kq", "Kết quả");
    let mut good = Section::new("ud", "Ưu điểm");
    good.body = "Hoàn thành kế hoạch.".into();
    let mut weak = Section::new("hc", "Hạn chế");
    weak.body = "Đoạn một.\n\n  Đoạn hai.\nĐoạn ba.".into();
    results.children = vec![good, weak];
    Report {
        id: "r".into(),
        kind: ReportKind::SoKet,
        period: Period::new(2026, PeriodKind::Quarter(4)),
        number: None,
        date: None,
        summary: String::new(),
        recipients: Vec::new(),
        opening: String::new(),
        sections: vec![results, Section::new("kn", "Kiến nghị")],
        closing: String::new(),
        distribution: Vec::new(),
        signer: String::new(),
        appendices: Appendices::default(),
        review: Review {
            comments,
            ..Review::default()
        },
        proofing: Default::default(),
        carried: Vec::new(),
        document_words: None,
        document: Default::default(),
        summary_tables: Vec::new(),
    }
}

fn pages() -> DraftPages {
    let mut p = DraftPages::default();
    for (id, page) in [("kq", 1), ("ud", 2), ("hc", 3), ("kn", 5)] {
        p.sections.insert(id.into(), page);
    }
    p.paragraphs.insert(("hc".into(), 1), 4);
    p
}

fn texts(part: &Part) -> Vec<String> {
    part.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text()),
            _ => None,
        })
        .collect()
}

fn paragraph<'a>(part: &'a Part, text: &str) -> &'a Paragraph {
    part.blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(p) if p.text() == text => Some(p),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no paragraph “{text}” in {:?}", texts(part)))
}

fn part_of(report: &Report) -> Part {
    review_comments_part(&Project::default(), report, &pages())
}

#[test]
fn the_part_opens_with_a_centred_bold_heading_and_the_count() {
    let part = part_of(&report(vec![
        comment("c1", "hc", None, "Một."),
        comment("c2", "kn", None, "Hai."),
    ]));
    let t = texts(&part);
    assert_eq!(t[0], "Ý KIẾN GÓP Ý CHƯA XỬ LÝ");
    assert!(t[1].starts_with("Có 2 góp ý chưa xử lý"), "{t:?}");
    let heading = paragraph(&part, COMMENTS_HEADING);
    assert_eq!(heading.align, Align::Center);
    assert!(heading.runs.iter().all(|r| r.bold));
    assert!((13.0..=14.0).contains(&heading.size_pt));
}

#[test]
fn each_entry_names_the_section_paragraph_and_page_then_author_and_text() {
    let part = part_of(&report(vec![comment(
        "c1",
        "hc",
        Some(1),
        "Đề nghị nêu rõ nguyên nhân.",
    )]));
    let t = texts(&part);
    assert_eq!(
        t[2..],
        [
            "1. Mục 2. Hạn chế, đoạn 2 — trang 4",
            "Nguyễn Văn A (người duyệt), 10:05 ngày 22/11/2026:",
            "Đề nghị nêu rõ nguyên nhân.",
        ]
    );
    let locator = paragraph(&part, "1. Mục 2. Hạn chế, đoạn 2 — trang 4");
    assert!(locator.runs.iter().all(|r| r.bold) && locator.keep_with_next);
    assert_eq!(locator.source, SourceRef::Comment("c1".into()));
    assert!(locator.source.section_id().is_none());
}

#[test]
fn entries_follow_the_report_order_and_are_numbered_from_one() {
    let mut late = comment("c1", "kn", None, "Về kiến nghị.");
    late.at = at(1, 8, 0);
    let part = part_of(&report(vec![
        late,
        comment("c2", "hc", Some(2), "Đoạn ba."),
        comment("c3", "hc", None, "Cả mục."),
        comment("c4", "kq", None, "Mục lớn."),
    ]));
    let entries: Vec<String> = texts(&part)
        .into_iter()
        .filter(|t| t.contains(". Mục "))
        .collect();
    assert_eq!(
        entries,
        [
            "1. Mục I. Kết quả — trang 1",
            "2. Mục 2. Hạn chế — trang 3",
            // No anchor for paragraph 3 in the pages: the section's page.
            "3. Mục 2. Hạn chế, đoạn 3 — trang 3",
            "4. Mục II. Kiến nghị — trang 5",
        ]
    );
}

#[test]
fn a_comment_on_a_deleted_section_or_paragraph_says_so() {
    let mut r = report(vec![
        comment("c1", "da-xoa", None, "Mục này?"),
        comment("c2", "hc", Some(7), "Đoạn tám?"),
        comment("c3", "cu", Some(0), "Mục cũ?"),
    ]);
    r.review.snapshot = Some(Snapshot {
        taken: None,
        sections: vec![SnapshotSection {
            id: "cu".into(),
            label: "Tồn tại".into(),
            body: String::new(),
        }],
    });
    let t = texts(&part_of(&r));
    assert!(
        t.contains(&"1. Mục 2. Hạn chế, đoạn 8 (không còn) — trang 3".to_owned()),
        "{t:?}"
    );
    // Deleted sections come last, in the order they were written.
    assert!(t.contains(&"2. Mục đã xóa".to_owned()), "{t:?}");
    assert!(
        t.contains(&"3. Mục đã xóa (trước đây là “Tồn tại”)".to_owned()),
        "{t:?}"
    );
}

#[test]
fn replies_follow_their_comment_indented_in_the_same_form() {
    let mut c = comment("c1", "ud", None, "Thiếu số liệu.\nBổ sung tỷ lệ.");
    c.replies = vec![Reply {
        author: "Trần Thị B".into(),
        role: ReviewRole::Drafter,
        at: at(23, 14, 30),
        text: "Đã bổ sung.".into(),
    }];
    let part = part_of(&report(vec![c]));
    let t = texts(&part);
    assert_eq!(
        t[2..],
        [
            "1. Mục 1. Ưu điểm — trang 2",
            "Nguyễn Văn A (người duyệt), 10:05 ngày 22/11/2026:",
            "Thiếu số liệu.",
            "Bổ sung tỷ lệ.",
            "Trần Thị B (người soạn), 14:30 ngày 23/11/2026:",
            "Đã bổ sung.",
        ]
    );
    let comment_text = paragraph(&part, "Thiếu số liệu.");
    let reply_who = paragraph(&part, "Trần Thị B (người soạn), 14:30 ngày 23/11/2026:");
    let reply_text = paragraph(&part, "Đã bổ sung.");
    assert_eq!(comment_text.left_indent_pt, 0.0);
    assert!(reply_who.left_indent_pt > 20.0);
    assert_eq!(reply_text.left_indent_pt, reply_who.left_indent_pt);
    assert!(reply_who.runs.iter().all(|r| r.italic));
}

#[test]
fn resolved_comments_are_left_out() {
    let mut done = comment("c1", "ud", None, "Đã xong.");
    done.resolved = true;
    let part = part_of(&report(vec![done, comment("c2", "kn", None, "Còn mở.")]));
    let t = texts(&part);
    assert!(t[1].starts_with("Có 1 góp ý"), "{t:?}");
    assert!(t.contains(&"1. Mục II. Kiến nghị — trang 5".to_owned()));
    assert!(!t.iter().any(|l| l.contains("Đã xong.")));
}

#[test]
fn without_open_comments_the_part_says_there_are_none() {
    let mut done = comment("c1", "ud", None, "Đã xong.");
    done.resolved = true;
    for r in [report(vec![]), report(vec![done])] {
        assert_eq!(
            texts(&part_of(&r)),
            [COMMENTS_HEADING, "Không có góp ý nào chưa xử lý."]
        );
    }
}

#[test]
fn without_pages_an_entry_leaves_the_page_out() {
    let r = report(vec![comment("c1", "ud", None, "Một.")]);
    let part = review_comments_part(&Project::default(), &r, &DraftPages::default());
    assert!(texts(&part).contains(&"1. Mục 1. Ưu điểm".to_owned()));
}

#[test]
fn a_paragraph_page_falls_back_to_its_section() {
    let p = pages();
    assert_eq!(p.page_of("hc", Some(1)), Some(4));
    assert_eq!(p.page_of("hc", Some(2)), Some(3));
    assert_eq!(p.page_of("hc", None), Some(3));
    assert_eq!(p.page_of("khong-co", Some(0)), None);
}

#[test]
fn comments_on_parts_outside_the_sections_and_on_table_rows_are_listed_where_they_print() {
    let on = |id: &str, section: &str, anchor: CommentAnchor, text: &str| {
        let mut c = comment(id, section, None, text);
        c.anchor = Some(anchor);
        c
    };
    let row = CommentAnchor::Indicator {
        id: "CT01".into(),
        name: "Tỷ lệ hồ sơ trực tuyến".into(),
    };
    let part = part_of(&report(vec![
        on("c1", "", CommentAnchor::Distribution, "Thêm nơi nhận."),
        on("c2", "hc", row.clone(), "Số liệu?"),
        on("c3", "", CommentAnchor::Summary, "Trích yếu dài."),
        on("c4", "", row, "Phụ lục?"),
    ]));
    let locators: Vec<String> = texts(&part)
        .into_iter()
        .filter(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(
        locators,
        [
            "1. Trích yếu — trang 1",
            "2. Mục 2. Hạn chế, bảng chỉ tiêu, dòng “Tỷ lệ hồ sơ trực tuyến” — trang 3",
            "3. Nơi nhận",
            "4. Phụ lục, bảng chỉ tiêu, dòng “Tỷ lệ hồ sơ trực tuyến”",
        ]
    );
    let sources: Vec<SourceRef> = report(Vec::new())
        .review
        .comments
        .iter()
        .map(comment_source)
        .collect();
    assert!(sources.is_empty());
    let mut summary = comment("c", "", None, "x");
    summary.anchor = Some(CommentAnchor::Summary);
    assert_eq!(comment_source(&summary), SourceRef::Info);
    summary.anchor = Some(CommentAnchor::Distribution);
    assert_eq!(comment_source(&summary), SourceRef::Signature);
    assert_eq!(
        comment_source(&comment("c", "hc", Some(1), "x")),
        SourceRef::section("hc")
    );
}

#[test]
fn a_margin_note_holds_the_comment_text_and_the_name_as_written_its_replies_apart() {
    let mut c = comment("c1", "hc", Some(1), "Một.\nHai.");
    c.replies.push(Reply {
        author: "Trần Thị B".into(),
        role: ReviewRole::Drafter,
        at: at(23, 8, 0),
        text: "Đã sửa.".into(),
    });
    let notes = annotations(&report(vec![c]));
    assert_eq!(notes.len(), 1);
    let n = &notes[0];
    assert_eq!(
        (n.id.as_str(), n.author.as_str(), n.paragraphs.clone()),
        (
            "c1",
            "Nguyễn Văn A",
            vec!["Một.".to_owned(), "Hai.".to_owned()]
        )
    );
    assert_eq!(n.paragraph, Some(1));
    assert_eq!(n.replies.len(), 1);
    assert_eq!(n.replies[0].author, "Trần Thị B");
    assert_eq!(n.replies[0].paragraphs, ["Đã sửa."]);
}
