// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;
use crate::model::{Period, PeriodKind, PeriodRecord, ReviewRole};
use chrono::{NaiveDate, NaiveDateTime};

fn sample() -> Project {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/mau-binh-minh-hai.ron");
    storage::load(Path::new(path)).expect("sample")
}

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, 0, 0))
        .expect("date")
}

/// The sample with its report sent for review, then approved on 1 July 2026 at 9:00.
fn approved() -> Project {
    use crate::review::{ActionKind, Actor, apply_action};
    let mut p = sample();
    let mut report = p.reports[0].clone();
    for (action, role, hour) in [
        (ActionKind::SendForReview, ReviewRole::Drafter, 8),
        (ActionKind::Approve, ReviewRole::Reviewer, 9),
    ] {
        let actor = Actor::new("Người dùng", role);
        apply_action(
            &p,
            &mut report,
            action,
            None,
            &actor,
            at(2026, 7, 1, hour),
            "",
        )
        .expect("allowed");
    }
    p.reports[0] = report;
    p
}

#[test]
fn the_source_holds_the_report_alone_and_the_periods_it_can_print() {
    let mut p = sample();
    let later = Period::new(2027, PeriodKind::Quarter(1));
    p.periods.push(PeriodRecord::new(later));
    let mut other = p.reports[0].clone();
    other.id = "khac".into();
    p.reports.push(other);
    let source = source_project(&p, &p.reports[0]);
    assert_eq!(source.reports.len(), 1);
    assert_eq!(source.reports[0].sections, p.reports[0].sections);
    assert!(source.periods.iter().all(|r| r.period != later));
    assert_eq!(source.periods.len(), p.periods.len() - 1);
    assert_eq!(
        crate::review::fingerprint(&source, &source.reports[0]),
        crate::review::fingerprint(&p, &p.reports[0])
    );
}

#[test]
fn review_comments_and_remarks_stay_out_of_the_source() {
    let mut p = approved();
    let section = p.reports[0].sections[0].id.clone();
    p.reports[0].review.comments.push(crate::model::Comment {
        id: "c1".into(),
        section,
        paragraph: None,
        author: "Người duyệt".into(),
        role: ReviewRole::Reviewer,
        at: at(2026, 6, 30, 10),
        text: "Ghi chú nội bộ 4711.".into(),
        replies: Vec::new(),
        resolved: true,
        resolved_by: None,
        resolved_at: None,
        reopened_at: None,
        anchor: None,
    });
    p.reports[0].review.history[1].remark = "Lưu ý riêng 4712".into();
    let source = source_project(&p, &p.reports[0]);
    let review = &source.reports[0].review;
    assert!(review.comments.is_empty());
    assert!(review.history.iter().all(|t| t.remark.is_empty()));
    assert_eq!(source.reports[0].final_date(), p.reports[0].final_date());
    let text = storage::to_string(&source).expect("ron");
    assert!(!text.contains("4711") && !text.contains("4712"));
}

#[test]
fn the_final_date_is_the_approval_else_the_issue_date_else_the_period_end() {
    let p = approved();
    assert_eq!(p.reports[0].final_date(), at(2026, 7, 1, 9));
    let mut r = sample().reports[0].clone();
    r.date = NaiveDate::from_ymd_opt(2026, 7, 5);
    assert_eq!(r.final_date(), at(2026, 7, 5, 0));
    r.date = None;
    assert_eq!(r.final_date(), at(2026, 6, 30, 0));
}

#[test]
fn the_source_name_is_the_report_id_made_safe_for_file_systems() {
    let mut r = sample().reports[0].clone();
    assert_eq!(source_name(&r), "bc-q2-2026.ron");
    r.id = "a/b:c".into();
    assert_eq!(source_name(&r), "a-b-c.ron");
    r.id = String::new();
    assert_eq!(source_name(&r), "bao-cao.ron");
}

#[test]
fn the_sign_ready_pdf_carries_its_source_and_reads_back_to_the_same_report() {
    let p = approved();
    let pdf = sign_ready_pdf(&p, &p.reports[0], SignatureImages::default()).expect("pdf");
    let (restored, name) = read_source(&pdf, Path::new("x.pdf")).expect("source");
    assert_eq!(name, "bc-q2-2026.ron");
    // The report as it prints and its approval; not the texts sent for review.
    let (r, original) = (&restored.reports[0], &p.reports[0]);
    assert_eq!(r.sections, original.sections);
    assert_eq!(r.review.status, original.review.status);
    assert_eq!(
        r.review.approved_fingerprint,
        original.review.approved_fingerprint
    );
    assert!(original.review.snapshot.is_some() && r.review.snapshot.is_none());
    let kinds: Vec<ReportStatus> = r.review.history.iter().map(|t| t.to).collect();
    assert_eq!(kinds, [ReportStatus::Approved]);
    assert_eq!(
        sign_ready_pdf(&p, &p.reports[0], SignatureImages::default()).expect("again"),
        pdf
    );
}

#[test]
fn a_draft_gets_no_sign_ready_pdf_and_a_pdf_without_source_restores_nothing() {
    let p = sample();
    assert!(matches!(
        sign_ready_pdf(&p, &p.reports[0], SignatureImages::default()),
        Err(IssueError::Render(_))
    ));
    let rendered = render(&p, &p.reports[0], RenderKind::Draft).expect("draft");
    let draft = crate::export::write_pdf(&rendered, &PdfOptions::new(at(2026, 7, 1, 9)))
        .expect("draft pdf");
    assert!(matches!(
        read_source(&draft, Path::new("x.pdf")),
        Err(IssueError::NoSource)
    ));
    assert!(matches!(
        read_source(b"garbage", Path::new("x.pdf")),
        Err(IssueError::Read(_))
    ));
}

#[test]
fn missing_or_broken_images_are_named_in_the_error() {
    let dir = std::env::temp_dir().join(format!("baocao-issue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let signing = crate::model::SigningImages {
        signature_image: Some("khong-co.png".into()),
        seal_image: None,
    };
    let e = load_images(&signing, Some(&dir.join("du-an.ron")))
        .expect_err("missing")
        .to_string();
    assert!(
        e.contains("ảnh chữ ký") && e.contains("khong-co.png"),
        "{e}"
    );
    std::fs::write(dir.join("dau.png"), b"not a png").expect("write");
    let signing = crate::model::SigningImages {
        signature_image: None,
        seal_image: Some("dau.png".into()),
    };
    let e = load_images(&signing, Some(&dir.join("du-an.ron")))
        .expect_err("broken")
        .to_string();
    assert!(e.contains("Ảnh con dấu không dùng được"), "{e}");
    assert_eq!(
        load_images(&Default::default(), None),
        Ok(SignatureImages::default())
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(is_pdf_path(Path::new("a/B.PDF")) && !is_pdf_path(Path::new("a.ron")));
}

#[test]
fn an_image_is_copied_beside_the_project_under_a_free_name_and_never_over_another() {
    let base = std::env::temp_dir().join(format!("baocao-keep-{}", std::process::id()));
    let (folder, elsewhere) = (base.join("du-an"), base.join("khac"));
    std::fs::create_dir_all(&folder).expect("dir");
    std::fs::create_dir_all(&elsewhere).expect("dir");
    let png = |w: u32| {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, w, 1);
        enc.set_color(png::ColorType::Grayscale);
        let mut writer = enc.write_header().expect("header");
        writer.write_image_data(&vec![0; w as usize]).expect("data");
        drop(writer);
        out
    };
    // Already beside the project: kept where it is.
    std::fs::write(folder.join("dau.png"), png(2)).expect("write");
    assert_eq!(
        keep_beside(&folder.join("dau.png"), &folder),
        Ok("dau.png".into())
    );
    // Another image of the same name elsewhere: copied under a new name.
    std::fs::write(elsewhere.join("dau.png"), png(3)).expect("write");
    assert_eq!(
        keep_beside(&elsewhere.join("dau.png"), &folder),
        Ok("dau-2.png".into())
    );
    assert_eq!(std::fs::read(folder.join("dau.png")).expect("read"), png(2));
    assert_eq!(
        std::fs::read(folder.join("dau-2.png")).expect("read"),
        png(3)
    );
    // The same image again: the copy already there is used.
    assert_eq!(
        keep_beside(&elsewhere.join("dau.png"), &folder),
        Ok("dau-2.png".into())
    );
    let _ = std::fs::remove_dir_all(&base);
}
