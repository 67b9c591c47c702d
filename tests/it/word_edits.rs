//! A leader's edits in a returned Word file (issue 24, item 1): paragraphs typed over
//! in the exported review copy and Track Changes (`w:ins` / `w:del`) come back as
//! proposed changes, listed word by word, applied only when accepted; importing the
//! same file again adds nothing; the program's own text is never offered as a change.
//! The window's review step lists them with Chấp nhận / Bỏ qua.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::import_docx::python;
use crate::support::SAMPLE_PATH;
use baocao::guide::Step;
use baocao::model::{ChangeSource, Project, ProposedChange, Report};
use baocao::review;
use baocao::ui::BaocaoApp;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const REPORT: &str = "bc-q2-2026";

fn baocao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .output()
        .unwrap()
}

/// The sample copied to `dir` and exported as a review copy in Word.
fn sample_and_review_copy(dir: &Path) -> (PathBuf, PathBuf) {
    let project = dir.join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &project).unwrap();
    let docx = dir.join("ban-gop-y.docx");
    let out = baocao(&[
        "export",
        project.to_str().unwrap(),
        "--review-copy",
        "--format",
        "docx",
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (project, docx)
}

fn import(project: &Path, docx: &Path, extra: &[&str]) -> (Output, String) {
    let out = crate::support::cli::import(&[project, docx], extra, "");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out, text)
}

fn report(project: &Path) -> Report {
    let p: Project = baocao::storage::load(project).unwrap();
    p.report(REPORT).unwrap().clone()
}

fn body_of(r: &Report, title: &str) -> String {
    r.all_sections()
        .into_iter()
        .find(|s| s.title == title)
        .unwrap()
        .body
        .clone()
}

const HA_TANG: &str = "Về hạ tầng số và bảo đảm an toàn thông tin";

/// Types over two sentences of the review copy `argv[1]` (one of them under a new
/// comment on its unchanged words), saving to `argv[2]`.
const TWO_EDITS: &str = r#"
import sys, docx
d = docx.Document(sys.argv[1])
def find(start):
    return next(p for p in d.paragraphs if p.text.startswith(start))
p = find("Mạng nội bộ tại trụ sở")
p.clear()
keep = p.add_run("Mạng nội bộ tại trụ sở Ủy ban nhân dân xã được rà soát")
p.add_run(", thay thế 08 thiết bị chuyển mạch đã xuống cấp; 100% máy tính của cán bộ, công chức được cài đặt phần mềm phòng, chống mã độc có bản quyền.")
d.add_comment(keep, text="Ghi rõ nguồn kinh phí thay thiết bị.", author="Nguyễn Văn Chủ Tịch", initials="NVCT")
q = find("Công an xã duy trì nắm tình hình")
for r in q.runs:
    r.text = r.text.replace("09 trường hợp", "11 trường hợp")
d.save(sys.argv[2])
"#;

#[test]
fn two_sentences_typed_over_in_the_review_copy_are_offered_and_applied_only_when_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let (project, copy) = sample_and_review_copy(dir.path());
    let edited = dir.path().join("da-sua.docx");
    python(TWO_EDITS, &[&copy, &edited]);
    let before = report(&project);

    let (out, text) = import(&project, &edited, &["--comments", "--yes"]);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("[-06-]{+08+}"), "word diff shown: {text}");
    assert!(text.contains("[-09-]{+11+}"), "word diff shown: {text}");
    let after = report(&project);
    let proposed = &after.review.proposed;
    assert_eq!(
        proposed.len(),
        2,
        "exactly the two edits, nothing the program generated: {proposed:#?}"
    );
    assert!(proposed.iter().all(|c| c.source == ChangeSource::Word));
    assert_eq!(
        after.review.comments.len(),
        before.review.comments.len() + 1,
        "exactly the new comment, the review copy's own not again: {text}"
    );
    assert_eq!(
        body_of(&after, HA_TANG),
        body_of(&before, HA_TANG),
        "nothing changes before accepting"
    );
    // The comment on the edited paragraph is placed on it.
    let section = after
        .all_sections()
        .into_iter()
        .find(|s| s.title == HA_TANG)
        .unwrap()
        .id
        .clone();
    let comment = after
        .review
        .comments
        .iter()
        .find(|c| c.text == "Ghi rõ nguồn kinh phí thay thiết bị.")
        .unwrap_or_else(|| panic!("comment placed: {text}"));
    assert_eq!(
        (comment.section.as_str(), comment.paragraph),
        (section.as_str(), Some(1))
    );

    // The same file again, either way: no new change, no new comment.
    for mode in ["--compare", "--comments"] {
        let (again, text) = import(&project, &edited, &[mode, "--yes"]);
        assert!(again.status.success(), "{mode}: {text}");
        let r = report(&project);
        assert_eq!(r.review.proposed.len(), 2, "{mode}: {text}");
        assert_eq!(
            r.review.comments.len(),
            after.review.comments.len(),
            "{mode}: {text}"
        );
    }

    let mut r = report(&project);
    assert_eq!(review::accept_all_proposed(&mut r), 2);
    let body = body_of(&r, HA_TANG);
    assert!(body.contains("thay thế 08 thiết bị"), "{body}");
    assert!(body.contains("cảnh báo 11 trường hợp"), "{body}");
    assert!(!body.contains("06 thiết bị") && !body.contains("09 trường hợp"));
    assert_eq!(
        body.lines().count(),
        body_of(&before, HA_TANG).lines().count()
    );
}

/// Replaces, in the review copy `argv[1]`, one paragraph's words by real Track Changes
/// (a deletion and an insertion by Lê Văn Tâm), deletes another paragraph whole with
/// Track Changes and types a new paragraph after a third; saves to `argv[2]`.
const TRACKED: &str = r#"
import sys, docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
d = docx.Document(sys.argv[1])
def find(start):
    return next(p for p in d.paragraphs if p.text.startswith(start))
W = nsdecls("w")
who = 'w:author="Lê Văn Tâm" w:date="2026-07-02T08:15:00Z"'
p = find("Hồ sơ đề xuất cấp độ an toàn thông tin")
for r in list(p._p):
    if not r.tag.endswith("}pPr"):
        p._p.remove(r)
p._p.append(parse_xml(f'<w:r {W}><w:t xml:space="preserve">Hồ sơ đề xuất cấp độ an toàn thông tin cho hệ thống mạng nội bộ đã được </w:t></w:r>'))
p._p.append(parse_xml(f'<w:del {W} w:id="9001" {who}><w:r><w:delText xml:space="preserve">lập dự thảo nhưng chưa hoàn thành</w:delText></w:r></w:del>'))
p._p.append(parse_xml(f'<w:ins {W} w:id="9002" {who}><w:r><w:t xml:space="preserve">trình thẩm định lần 2, sẽ hoàn thành</w:t></w:r></w:ins>'))
p._p.append(parse_xml(f'<w:r {W}><w:t xml:space="preserve"> theo thời hạn tháng 5/2026, do phải chờ ý kiến thẩm định về phương án kỹ thuật.</w:t></w:r>'))
gone = find("Nhiệm vụ lắp đặt camera giám sát")
text = gone.text
for r in list(gone._p):
    if not r.tag.endswith("}pPr"):
        gone._p.remove(r)
gone._p.append(parse_xml(f'<w:del {W} w:id="9003" {who}><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'))
after = find("Hạ tầng viễn thông cơ bản")
new = after.insert_paragraph_before(after.text)
after.text = "Xã đã khảo sát nhu cầu wifi công cộng tại nhà văn hóa các thôn để đề xuất lắp đặt trong năm 2027."
d.save(sys.argv[2])
"#;

#[test]
fn track_changes_deleted_and_added_paragraphs_are_offered_with_their_author() {
    let dir = tempfile::tempdir().unwrap();
    let (project, copy) = sample_and_review_copy(dir.path());
    let tracked = dir.path().join("theo-doi.docx");
    python(TRACKED, &[&copy, &tracked]);
    let before = report(&project);

    let (out, text) = import(&project, &tracked, &["--compare", "--yes"]);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Lê Văn Tâm"), "{text}");
    assert!(text.contains("Theo dõi thay đổi"), "{text}");
    let after = report(&project);
    let proposed: &[ProposedChange] = &after.review.proposed;
    assert_eq!(proposed.len(), 3, "{proposed:#?}");
    let edit = proposed
        .iter()
        .find(|c| c.new.contains("trình thẩm định lần 2"))
        .unwrap();
    assert_eq!(edit.source, ChangeSource::TrackChanges);
    assert_eq!(edit.author, "Lê Văn Tâm");
    assert_eq!(
        edit.at.map(|t| t.format("%d/%m/%Y %H:%M").to_string()),
        Some("02/07/2026 08:15".to_owned())
    );
    assert!(!edit.new.contains("lập dự thảo"), "deletions removed");
    let deleted = proposed.iter().find(|c| c.is_deletion()).unwrap();
    assert!(deleted.old.starts_with("Nhiệm vụ lắp đặt camera"));
    assert_eq!(deleted.source, ChangeSource::TrackChanges);
    let added = proposed.iter().find(|c| c.is_insertion()).unwrap();
    assert!(added.new.starts_with("Xã đã khảo sát nhu cầu wifi"));
    assert!(added.after.starts_with("Hạ tầng viễn thông cơ bản"));
    assert_eq!(body_of(&after, HA_TANG), body_of(&before, HA_TANG));

    let mut r = after.clone();
    let ids: Vec<String> = proposed.iter().map(|c| c.id.clone()).collect();
    for id in &ids {
        review::accept_proposed(&mut r, id).unwrap();
    }
    let body = body_of(&r, HA_TANG);
    let lines: Vec<&str> = body.lines().collect();
    assert!(lines[0].starts_with("Hạ tầng viễn thông cơ bản"), "{body}");
    assert!(
        lines[1].starts_with("Xã đã khảo sát nhu cầu wifi"),
        "{body}"
    );
    assert!(body.contains("trình thẩm định lần 2, sẽ hoàn thành theo thời hạn"));
    assert!(!body.contains("Nhiệm vụ lắp đặt camera"), "{body}");
    assert_eq!(lines.len(), body_of(&before, HA_TANG).lines().count());

    // Accepted, the file reads as the report: comparing again finds nothing.
    let mut p: Project = baocao::storage::load(&project).unwrap();
    *p.report_mut(REPORT).unwrap() = r;
    baocao::storage::save(&project, &p).unwrap();
    let (again, text) = import(&project, &tracked, &["--compare", "--yes"]);
    assert!(again.status.success(), "{text}");
    assert!(report(&project).review.proposed.is_empty(), "{text}");
}

const DECOMPOSED: &str = r#"
import sys, docx, unicodedata
d = docx.Document(sys.argv[1])
for p in d.paragraphs:
    if p.text.startswith("Công an xã duy trì nắm tình hình"):
        for r in p.runs:
            r.text = unicodedata.normalize("NFD", r.text)
d.save(sys.argv[2])
"#;

#[test]
fn text_in_decomposed_unicode_equal_to_the_report_is_not_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let (project, copy) = sample_and_review_copy(dir.path());
    let nfd = dir.path().join("nfd.docx");
    python(DECOMPOSED, &[&copy, &nfd]);
    let (out, text) = import(&project, &nfd, &["--compare", "--yes"]);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Không có đoạn nào khác"), "{text}");
    assert!(report(&project).review.proposed.is_empty());
}

#[test]
fn an_unrelated_word_file_offers_no_change_and_the_modes_do_not_mix() {
    let dir = tempfile::tempdir().unwrap();
    let (project, _) = sample_and_review_copy(dir.path());
    let other = dir.path().join("khac.docx");
    python(crate::import_docx::HAND_WRITTEN, &[&other]);
    let (out, text) = import(&project, &other, &["--compare", "--yes"]);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("rất khác báo cáo"), "{text}");
    assert!(report(&project).review.proposed.is_empty());

    let (both, text) = import(&project, &other, &["--compare", "--comments", "--yes"]);
    assert!(!both.status.success());
    assert!(text.contains("Chọn một trong hai"), "{text}");
    let missing = dir.path().join("khong-co.docx");
    let (none, text) = import(&project, &missing, &["--compare", "--yes"]);
    assert!(!none.status.success());
    assert!(text.contains("Không đọc được tệp Word"), "{text}");
}

#[test]
fn the_review_step_lists_a_proposed_change_word_by_word_and_accepts_it_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    let mut p: Project = baocao::storage::load(Path::new(SAMPLE_PATH)).unwrap();
    let r = p.report_mut(REPORT).unwrap();
    let section = r
        .all_sections()
        .into_iter()
        .find(|s| s.title == HA_TANG)
        .unwrap()
        .id
        .clone();
    let old = review::paragraphs(&r.section(&section).unwrap().body)[0].to_owned();
    let new = old.replace("02 trạm 5G", "03 trạm 5G");
    review::add_proposed(
        r,
        vec![ProposedChange {
            section: section.clone(),
            old: old.clone(),
            new: new.clone(),
            author: "Lê Văn Tâm".into(),
            ..ProposedChange::default()
        }],
    );
    baocao::storage::save(&path, &p).unwrap();

    let mut h = crate::support::window::window(&path).max_steps(12).build();
    h.run();
    crate::support::window::go_to(&mut h, Step::Duyet);
    h.get_by_label_contains("Đề xuất sửa từ Word (1)");
    h.get_by_label_contains("sửa (Lê Văn Tâm, Word)");
    h.get_by_label("Chấp nhận đề xuất sửa 1").click_accesskit();
    h.run();
    let body = |h: &Harness<'_, BaocaoApp>| {
        h.state()
            .report()
            .unwrap()
            .section(&section)
            .unwrap()
            .body
            .clone()
    };
    assert!(body(&h).starts_with(&new), "{}", body(&h));
    assert!(h.state().report().unwrap().review.proposed.is_empty());

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(body(&h).starts_with(&old), "one Ctrl+Z takes it back");
    assert_eq!(h.state().report().unwrap().review.proposed.len(), 1);
}

const FIGURE_AND_LEAD: &str = r#"
import sys, docx
d = docx.Document(sys.argv[1])
for p in d.paragraphs:
    if p.text.startswith("Trong quý II, Trung tâm Phục vụ hành chính công"):
        for r in p.runs:
            r.text = r.text.replace("1.846 hồ sơ", "1.850 hồ sơ")
    if p.text == "Đề nghị Ủy ban nhân dân thành phố:":
        for r in p.runs:
            r.text = r.text.replace("Đề nghị", "Kính đề nghị")
d.save(sys.argv[2])
"#;

#[test]
fn accepting_keeps_the_figures_and_the_emphasis_of_the_words_left_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let (project, copy) = sample_and_review_copy(dir.path());
    let edited = dir.path().join("so-lieu.docx");
    python(FIGURE_AND_LEAD, &[&copy, &edited]);
    let (out, text) = import(&project, &edited, &["--compare", "--yes"]);
    assert!(out.status.success(), "{text}");
    let mut r = report(&project);
    assert_eq!(r.review.proposed.len(), 2, "{text}");
    let figure = r
        .review
        .proposed
        .iter()
        .find(|c| c.new.contains("1.850"))
        .unwrap();
    assert!(figure.new.contains("{{CT01.kết quả}}"), "{}", figure.new);
    let spans = review::change_spans(figure);
    let changed: Vec<&review::Span> = spans
        .iter()
        .filter(|s| !matches!(s, review::Span::Same(_)))
        .collect();
    assert_eq!(
        changed,
        [
            &review::Span::Removed("1.846".into()),
            &review::Span::Added("1.850".into())
        ],
        "only the typed number shows as changed"
    );
    assert_eq!(review::accept_all_proposed(&mut r), 2);
    let all: String = r
        .all_sections()
        .iter()
        .map(|s| s.body.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        all.contains("tiếp nhận 1.850 hồ sơ") && all.contains("đạt {{CT01.kết quả}}"),
        "the figure stays a figure"
    );
    assert!(
        all.lines()
            .any(|l| l == "* ***Kính đề nghị Ủy ban nhân dân thành phố:***"),
        "the lead line stays bold italic: {all}"
    );
}

#[test]
fn the_word_comments_window_lists_the_edits_too_and_stores_them_unapplied() {
    let dir = tempfile::tempdir().unwrap();
    let (project, copy) = sample_and_review_copy(dir.path());
    let edited = dir.path().join("da-sua.docx");
    python(TWO_EDITS, &[&copy, &edited]);
    let before = report(&project);
    let p = project.clone();
    let mut h = crate::support::window::window(&p)
        .dialogs(crate::support::answers::Answers {
            word: Some(edited),
            ..Default::default()
        })
        .build();
    h.run();
    h.get_by_label("Góp ý").click();
    h.run();
    h.get_by_label("Nhập góp ý từ tệp Word…").click();
    h.run_steps(8);
    h.get_by_label_contains("Đoạn đã sửa trong tệp Word (2 đề xuất sửa, chưa áp dụng)");
    assert!(h.state().report().unwrap().review.proposed.is_empty());
    h.get_by_label_contains("và 2 đề xuất sửa")
        .click_accesskit();
    h.run_steps(8);
    let r = h.state().report().unwrap();
    assert_eq!(r.review.proposed.len(), 2);
    assert_eq!(body_of(r, HA_TANG), body_of(&before, HA_TANG));
}
