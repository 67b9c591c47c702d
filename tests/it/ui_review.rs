//! The review loop driven through the real widgets of two windows on the same file:
//! the drafter holds the file, the reviewer opens it read-only and writes a review
//! file that the drafter merges. Only the approved report prints without DỰ THẢO.

use crate::support::window::go_to;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use crate::support::SAMPLE_PATH;
use baocao::guide::Step;
use baocao::model::{ReportStatus, ReviewRole};
use baocao::review::{self, Actor, ChangeKind};
use baocao::ui::BaocaoApp;
use baocao::ui::command::PathPurpose;
use baocao::ui::dialogs::Dialogs;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Dialogs that answer with a fixed PDF path and record what was opened.
#[derive(Clone, Default)]
struct Answers {
    pdf: Arc<Mutex<Option<PathBuf>>>,
}

impl Dialogs for Answers {
    fn choose(&mut self, purpose: PathPurpose, _suggested: &str) -> Option<PathBuf> {
        match purpose {
            PathPurpose::SavePdf(_) => self.pdf.lock().ok()?.clone(),
            _ => None,
        }
    }
    fn open_externally(&mut self, _path: &Path) -> Result<(), String> {
        Ok(())
    }
}

fn window(
    path: &Path,
    name: &str,
    role: ReviewRole,
    answers: Answers,
) -> Harness<'static, BaocaoApp> {
    let user = Actor {
        name: name.to_owned(),
        role,
    };
    let mut h = crate::support::window::window(path)
        .dialogs(answers)
        .user(user)
        .max_steps(12)
        .build();
    h.run();
    h
}

fn status(h: &Harness<'_, BaocaoApp>) -> ReportStatus {
    h.state().report().unwrap().review.status
}

fn save(h: &mut Harness<'_, BaocaoApp>) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(
        !h.state().doc.as_ref().unwrap().is_dirty(),
        "{:?}",
        h.state().status
    );
}

/// Clicks a button found by its exact label through accessibility.
fn press(h: &mut Harness<'_, BaocaoApp>, label: &str) {
    h.get_by_label(label).click_accesskit();
    h.run();
}

/// Merges the reviewer's file from the Góp ý và duyệt step and closes the report.
fn merge(h: &mut Harness<'_, BaocaoApp>) {
    go_to(h, Step::Duyet);
    press(h, "Gộp góp ý");
    h.get_by_label("Gộp góp ý");
    press(h, "Đóng");
    assert!(h.state().modal.is_none());
}

/// The PDF the drafter exports from Xem lại và xuất, as text.
fn export_text(h: &mut Harness<'_, BaocaoApp>, answers: &Answers, pdf: &Path) -> String {
    *answers.pdf.lock().unwrap() = Some(pdf.to_owned());
    go_to(h, Step::XuatBan);
    press(h, "Xuất PDF…");
    press(h, "Đóng");
    let out = Command::new("pdftotext")
        .args([pdf.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn drafter_and_reviewer_go_round_the_loop_until_the_final_export_has_no_draft_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();

    // The drafter opens the file (and holds it), exports before approval: DỰ THẢO.
    let answers = Answers::default();
    let mut d = window(&path, "Trần Thị Hoa", ReviewRole::Drafter, answers.clone());
    assert!(d.state().doc.as_ref().unwrap().read_only.is_none());
    let before = export_text(&mut d, &answers, &dir.path().join("truoc.pdf"));
    assert!(before.contains("DỰ THẢO"), "{before}");

    // … and sends it for review.
    go_to(&mut d, Step::Duyet);
    press(&mut d, "Gửi duyệt");
    assert_eq!(status(&d), ReportStatus::AwaitingReview);
    save(&mut d);

    // The reviewer opens the same file: read-only, with a clear message.
    let mut r = window(
        &path,
        "Lê Văn Nam",
        ReviewRole::Reviewer,
        Answers::default(),
    );
    assert!(r.state().doc.as_ref().unwrap().read_only.is_some());
    r.get_by_label("Tệp đang được người khác sửa");
    press(&mut r, "Xem và góp ý");
    // Typing into the text is refused; comments are not.
    go_to(&mut r, Step::HanChe);
    press(&mut r, "Thêm góp ý");
    let field = r.get_by_label("Góp ý cho mục b) Hạn chế");
    field.focus();
    field.type_text("Nêu rõ đơn vị chủ trì của từng nhiệm vụ quá hạn.");
    r.run();
    press(&mut r, "Gửi góp ý cho mục b) Hạn chế");
    let comment = r.state().report().unwrap().review.comments[0].clone();
    assert_eq!(comment.section, "han-che");
    assert_eq!(comment.author, "Lê Văn Nam");
    // The step list counts it and the preview marks it in the margin.
    assert!(r.query_all_by_label("1 góp ý").count() >= 1);
    assert!(
        r.state()
            .preview_markers()
            .iter()
            .any(|m| m.source == baocao::compose::SourceRef::section("han-che") && m.count == 1),
        "{:?}",
        r.state().preview_markers()
    );
    go_to(&mut r, Step::Duyet);
    let remark = r.get_by_label("Ý kiến kèm theo");
    remark.focus();
    remark.type_text("Sửa phần Hạn chế theo góp ý.");
    r.run();
    press(&mut r, "Yêu cầu sửa");
    assert_eq!(status(&r), ReportStatus::NeedsChanges);
    drop(r);

    // The drafter merges the review file: the comment and the status arrive.
    merge(&mut d);
    assert_eq!(status(&d), ReportStatus::NeedsChanges);
    assert_eq!(d.state().report().unwrap().review.comments.len(), 1);
    // … edits Hạn chế, answers and resolves the comment, sends it again.
    go_to(&mut d, Step::HanChe);
    let body = d.get_by_label("Nội dung: Hạn chế");
    body.focus();
    d.run();
    d.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    d.get_by_label("Nội dung: Hạn chế")
        .type_text("\nĐơn vị chủ trì: Phòng Văn hóa - Xã hội.");
    d.run();
    let reply_label = format!("Trả lời góp ý {}", comment.id);
    let reply = d.get_by_label(&reply_label);
    reply.focus();
    reply.type_text("Đã bổ sung đơn vị chủ trì.");
    d.run();
    press(&mut d, &format!("Gửi trả lời góp ý {}", comment.id));
    press(&mut d, &format!("Đã xử lý góp ý {}", comment.id));
    let c = &d.state().report().unwrap().review.comments[0];
    assert!(c.resolved);
    assert_eq!(c.replies.len(), 1);
    assert_eq!(c.resolved_by.as_deref(), Some("Trần Thị Hoa"));
    go_to(&mut d, Step::Duyet);
    press(&mut d, "Gửi duyệt");
    assert_eq!(status(&d), ReportStatus::AwaitingReview);
    save(&mut d);

    // The reviewer opens it again and reads only what changed: Hạn chế.
    let mut r = window(
        &path,
        "Lê Văn Nam",
        ReviewRole::Reviewer,
        Answers::default(),
    );
    press(&mut r, "Xem và góp ý");
    let report = r.state().report().unwrap().clone();
    let base = review::diff_baseline(&report.review).expect("a baseline");
    let changed: Vec<_> = review::changes(&report, base)
        .into_iter()
        .filter(|c| c.kind != ChangeKind::Unchanged)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].id, "han-che");
    assert!(
        changed[0]
            .body_spans
            .iter()
            .any(|s| matches!(s, review::Span::Added(t) if t.contains("Phòng Văn hóa")))
    );
    go_to(&mut r, Step::Duyet);
    r.get_by_label("b) Hạn chế (đã sửa)");
    assert!(r.query_by_label("a) Ưu điểm (đã sửa)").is_none());
    press(&mut r, "Duyệt");
    assert_eq!(status(&r), ReportStatus::Approved);
    drop(r);

    // The drafter merges the approval; the final export has no DỰ THẢO.
    merge(&mut d);
    assert_eq!(status(&d), ReportStatus::Approved);
    let after = export_text(&mut d, &answers, &dir.path().join("sau.pdf"));
    assert!(!after.contains("DỰ THẢO"), "{after}");
    assert!(after.contains("Phòng Văn hóa - Xã hội"));
    save(&mut d);
    let history = &d.state().report().unwrap().review.history;
    let steps: Vec<_> = history.iter().map(|t| (t.to, t.by.as_str())).collect();
    assert_eq!(
        steps,
        [
            (ReportStatus::AwaitingReview, "Trần Thị Hoa"),
            (ReportStatus::NeedsChanges, "Lê Văn Nam"),
            (ReportStatus::AwaitingReview, "Trần Thị Hoa"),
            (ReportStatus::Approved, "Lê Văn Nam"),
        ]
    );
    assert_eq!(history[1].remark, "Sửa phần Hạn chế theo góp ý.");
}

#[test]
fn editing_an_approved_report_asks_first_and_sends_it_back_to_can_sua() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    let mut d = window(
        &path,
        "Trần Thị Hoa",
        ReviewRole::Drafter,
        Answers::default(),
    );
    go_to(&mut d, Step::Duyet);
    press(&mut d, "Gửi duyệt");
    // The same person switches to the reviewer's role and approves.
    d.state_mut().push(baocao::ui::Command::SetUser(Actor {
        name: "Lê Văn Nam".into(),
        role: ReviewRole::Reviewer,
    }));
    d.run();
    press(&mut d, "Duyệt");
    assert_eq!(status(&d), ReportStatus::Approved);

    go_to(&mut d, Step::HanChe);
    let body = d.get_by_label("Nội dung: Hạn chế");
    body.focus();
    body.type_text("x");
    d.run();
    d.get_by_label("Sửa báo cáo đã duyệt?");
    press(&mut d, "Không sửa");
    assert_eq!(status(&d), ReportStatus::Approved, "nothing changed");

    let body = d.get_by_label("Nội dung: Hạn chế");
    body.focus();
    body.type_text("y");
    d.run();
    press(&mut d, "Vẫn sửa");
    assert_eq!(status(&d), ReportStatus::NeedsChanges);
    let last = d
        .state()
        .report()
        .unwrap()
        .review
        .history
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (last.from, last.to),
        (ReportStatus::Approved, ReportStatus::NeedsChanges)
    );
    assert!(last.remark.contains("Hạn chế"), "{}", last.remark);
}

#[test]
fn a_stale_lock_is_taken_over_after_confirming() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    // A lock left an hour ago by somebody on another machine.
    let since = chrono::Local::now().naive_local() - chrono::TimeDelta::hours(1);
    let info = baocao::storage::LockInfo {
        user: "Phạm Văn Tâm".into(),
        machine: "may-van-thu".into(),
        pid: 4242,
        since,
        heartbeat: since,
    };
    std::fs::write(
        baocao::storage::lock::lock_path(&path),
        ron::ser::to_string_pretty(&info, Default::default()).unwrap(),
    )
    .unwrap();
    let mut d = window(
        &path,
        "Trần Thị Hoa",
        ReviewRole::Drafter,
        Answers::default(),
    );
    assert!(d.state().doc.as_ref().unwrap().read_only.is_some());
    assert!(d.query_by_label_contains("Phạm Văn Tâm").is_some());
    press(&mut d, "Nhận quyền sửa");
    assert!(d.state().doc.as_ref().unwrap().read_only.is_none());
    let text = std::fs::read_to_string(baocao::storage::lock::lock_path(&path)).unwrap();
    assert!(text.contains("Trần Thị Hoa"), "{text}");
    drop(d);
    assert!(
        !baocao::storage::lock::lock_path(&path).exists(),
        "closing the window lets go of the lock"
    );
}

#[test]
fn a_file_changed_on_disk_by_somebody_else_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    let mut d = window(
        &path,
        "Trần Thị Hoa",
        ReviewRole::Drafter,
        Answers::default(),
    );
    go_to(&mut d, Step::HanChe);
    let body = d.get_by_label("Nội dung: Hạn chế");
    body.focus();
    body.type_text("x");
    d.run();
    // Somebody copies another version over the file meanwhile (USB, shared folder).
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Bình Minh Hải", "Bình Minh Hải (bản khác)");
    std::fs::write(&path, &theirs).unwrap();
    d.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    d.run();
    d.get_by_label("Không lưu được");
    assert!(d.query_by_label_contains("lưu thành tệp khác").is_some());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    assert!(
        d.state().doc.as_ref().unwrap().is_dirty(),
        "the edit is kept"
    );
}

#[test]
fn a_read_only_window_keeps_the_text_and_never_writes_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let _d = window(
        &path,
        "Trần Thị Hoa",
        ReviewRole::Drafter,
        Answers::default(),
    );
    let mut r = window(
        &path,
        "Lê Văn Nam",
        ReviewRole::Reviewer,
        Answers::default(),
    );
    press(&mut r, "Xem và góp ý");
    let text = r.state().report().unwrap().clone();
    go_to(&mut r, Step::HanChe);
    let body = r.get_by_label("Nội dung: Hạn chế");
    body.focus();
    body.type_text("thêm chữ");
    r.run();
    assert_eq!(
        r.state().report().unwrap(),
        &text,
        "the text is not editable"
    );
    r.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    r.run();
    r.get_by_label("Không lưu được");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn approving_with_open_comments_and_revoking_an_approval_ask_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    let mut project = baocao::storage::load(Path::new(SAMPLE_PATH)).unwrap();
    let open_before = review::open_comments(&project.reports[0]).len();
    if open_before == 0 {
        let section = project.reports[0].sections[0].id.clone();
        project.reports[0]
            .review
            .comments
            .push(baocao::model::Comment {
                id: "gy-mo".into(),
                section,
                paragraph: None,
                author: "Lê Văn Nam".into(),
                role: ReviewRole::Reviewer,
                at: chrono::NaiveDateTime::default(),
                text: "Chưa xử lý.".into(),
                replies: Vec::new(),
                resolved: false,
                resolved_by: None,
                resolved_at: None,
                reopened_at: None,
                anchor: None,
            });
    }
    let open = review::open_comments(&project.reports[0]).len();
    baocao::storage::save(&path, &project).unwrap();
    let mut d = window(
        &path,
        "Trần Thị Hoa",
        ReviewRole::Drafter,
        Answers::default(),
    );
    go_to(&mut d, Step::Duyet);
    press(&mut d, "Gửi duyệt");
    d.state_mut().push(baocao::ui::Command::SetUser(Actor {
        name: "Lê Văn Nam".into(),
        role: ReviewRole::Reviewer,
    }));
    d.run();
    press(&mut d, "Duyệt");
    assert_eq!(
        status(&d),
        ReportStatus::AwaitingReview,
        "asked, not approved"
    );
    d.get_by_label(&format!("Còn {open} góp ý chưa xử lý. Vẫn duyệt báo cáo?"));
    press(&mut d, "Thôi");
    assert_eq!(status(&d), ReportStatus::AwaitingReview);
    press(&mut d, "Duyệt");
    press(&mut d, "Vẫn duyệt");
    assert_eq!(status(&d), ReportStatus::Approved);
    press(&mut d, "Hủy duyệt");
    assert_eq!(status(&d), ReportStatus::Approved, "asked, not revoked");
    press(&mut d, "Vẫn hủy duyệt");
    assert_ne!(status(&d), ReportStatus::Approved);
}
