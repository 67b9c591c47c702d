//! Word comments read back exactly once: the review copy's own comments (and replies)
//! are not added again, also after python-docx and LibreOffice saved the file; a reply
//! written in Word becomes a reply; comments on a table cell, the trích yếu and Nơi
//! nhận land on that row or part; an edited paragraph still gets its comment.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use baocao::model::{Comment, CommentAnchor, Project, Reply, ReviewRole};

use crate::support::cli::import;

const REPORT: &str = "bc-q2-2026";

fn at(day: u32, h: u32, m: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 7, day)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .unwrap()
}

fn comment(id: &str, section: &str, paragraph: Option<usize>, text: &str, day: u32) -> Comment {
    Comment {
        id: id.into(),
        section: section.into(),
        paragraph,
        author: "Nguyễn Văn Chủ Tịch".into(),
        role: ReviewRole::Reviewer,
        at: at(day, 9, 30),
        text: text.into(),
        replies: Vec::new(),
        resolved: false,
        resolved_by: None,
        resolved_at: None,
        reopened_at: None,
        anchor: None,
    }
}

/// The sample with two open comments (one answered), saved in `dir`.
fn project(dir: &Path) -> PathBuf {
    let mut p = baocao::storage::load(Path::new(crate::support::SAMPLE_PATH)).unwrap();
    let mut first = comment(
        "gy-1",
        "lanh-dao",
        Some(0),
        "Nêu rõ số, ngày của văn bản chỉ đạo.",
        1,
    );
    first.replies.push(Reply {
        author: "Trần Thị Hoa".into(),
        role: ReviewRole::Drafter,
        at: at(2, 8, 0),
        text: "Đã bổ sung số văn bản.".into(),
    });
    let second = comment("gy-2", "can-cu", None, "Thêm căn cứ của tỉnh.", 3);
    let r = p.reports.iter_mut().find(|r| r.id == REPORT).unwrap();
    r.review.comments = vec![first, second];
    let path = dir.join("du-an.ron");
    baocao::storage::save(&path, &p).unwrap();
    path
}

fn load(path: &Path) -> Project {
    baocao::storage::load(path).unwrap()
}

fn comments(path: &Path) -> Vec<Comment> {
    load(path).report(REPORT).unwrap().review.comments.clone()
}

/// The review copy of the report in Word, as `dir/name`.
fn review_copy_as(project: &Path, dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    let o = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args([
            "export",
            project.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .args(["--review-copy", "--format", "docx"])
        .env("SOURCE_DATE_EPOCH", "1782000000")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn review_copy(project: &Path, dir: &Path) -> PathBuf {
    review_copy_as(project, dir, "xem-xet.docx")
}

fn python(script: &str, args: &[&str]) -> String {
    let o = Command::new("python3")
        .args(["-c", script])
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        o.status.success(),
        "python failed (pip install python-docx):\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Adds a comment (`argv[4]`, by `argv[5]` at `argv[6]`) to the first paragraph, in the
/// body or in a table cell, whose text holds `argv[3]` (`cell=TEXT`: the first table
/// cell paragraph that is TEXT); saves `argv[1]` as `argv[2]`.
/// With `argv[7]`, the paragraph's text is first replaced by it (an edit in Word).
/// Prints the cells of the row when the paragraph is in a table.
const ADD_COMMENT: &str = r#"
import sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
def paragraphs(container):
    for p in container.paragraphs:
        yield p, None
    for t in container.tables:
        for row in t.rows:
            for cell in row.cells:
                for p, r in paragraphs(cell):
                    yield p, r or row
want = sys.argv[3]
cell = want.startswith("cell=")
for p, row in paragraphs(d):
    if (cell and row is not None and p.text.strip() == want[5:]) or (not cell and want in p.text):
        if len(sys.argv) > 7:
            for r in p.runs[1:]:
                r._r.getparent().remove(r._r)
            p.runs[0].text = sys.argv[7]
        c = d.add_comment(p.runs, text=sys.argv[4], author=sys.argv[5], initials="X")
        c._comment_elm.set(qn("w:date"), sys.argv[6])
        if row is not None:
            print("|".join(cell.text for cell in row.cells))
        break
else:
    raise SystemExit("no paragraph holds " + sys.argv[3])
d.save(sys.argv[2])
"#;

/// Adds a Word reply (`argv[4]`, by `argv[5]` at `argv[6]`) to the comment whose text
/// holds `argv[3]`, on the same text, linked in commentsExtended as Word does; saves
/// `argv[1]` as `argv[2]`.
const ADD_REPLY: &str = r#"
import sys, zipfile, docx, io
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
parent = next(c for c in d.comments if sys.argv[3] in c.text)
pid = parent.paragraphs[0]._p.get(qn("w14:paraId"))
assert pid, "the exported comment has a paragraph id"
body = d.element.body
start = next(s for s in body.iter(qn("w:commentRangeStart")) if s.get(qn("w:id")) == str(parent.comment_id))
p = docx.text.paragraph.Paragraph(start.getparent(), d)
c = d.add_comment(p.runs, text=sys.argv[4], author=sys.argv[5], initials="X")
c._comment_elm.set(qn("w:date"), sys.argv[6])
c.paragraphs[0]._p.set(qn("w14:paraId"), "7E57AB1E")
buf = io.BytesIO()
d.save(buf)
src = zipfile.ZipFile(buf)
out = zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for item in src.infolist():
    data = src.read(item.filename)
    if item.filename == "word/commentsExtended.xml":
        entry = '<w15:commentEx w15:paraId="7E57AB1E" w15:paraIdParent="%s" w15:done="0"/>' % pid
        data = data.replace(b"</w15:commentsEx>", entry.encode() + b"</w15:commentsEx>")
        assert entry.encode() in data
    out.writestr(item, data)
out.close()
"#;

fn add_comment(from: &Path, to: &Path, holding: &str, text: &str, edit: Option<&str>) -> String {
    let mut args = vec![
        path(from),
        path(to),
        holding,
        text,
        "Phạm Thị Duyệt",
        "2026-07-05T10:15:00Z",
    ];
    args.extend(edit);
    python(ADD_COMMENT, &args)
}

fn import_comments(project: &Path, docx: &Path) -> (Output, String) {
    let out = import(
        &[project, docx],
        &["--comments", "--report", REPORT, "--yes"],
        "",
    );
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out, text)
}

#[test]
fn the_review_copy_with_one_new_comment_adds_exactly_that_one_and_again_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let copy = review_copy(&project, dir.path());
    let commented = dir.path().join("gop-y.docx");
    add_comment(
        &copy,
        &commented,
        "Kính gửi",
        "Ghi rõ tên cơ quan nhận.",
        None,
    );

    let (out, text) = import_comments(&project, &commented);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Đã thêm 1 góp ý"), "{text}");
    assert!(text.contains("2 góp ý đã có từ trước"), "{text}");
    let after = comments(&project);
    assert_eq!(after.len(), 3, "{after:#?}");
    let new = after
        .iter()
        .find(|c| c.text == "Ghi rõ tên cơ quan nhận.")
        .unwrap();
    assert_eq!(new.author, "Phạm Thị Duyệt");
    assert_eq!(new.anchor, Some(CommentAnchor::Recipients));
    // The old ones are untouched: no role in the name, no location in the text, one
    // reply each as before.
    let old = after.iter().find(|c| c.id == "gy-1").unwrap();
    assert_eq!(old.replies.len(), 1);
    assert!(after.iter().all(|c| !c.author.contains("người duyệt")));
    assert!(after.iter().all(|c| !c.text.starts_with("Mục ")));

    let (out, text) = import_comments(&project, &commented);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Không có góp ý mới"), "{text}");
    assert_eq!(comments(&project).len(), 3);
}

#[test]
fn the_file_saved_again_by_libreoffice_brings_back_no_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let copy = review_copy(&project, dir.path());
    let commented = dir.path().join("gop-y.docx");
    add_comment(
        &copy,
        &commented,
        "Kính gửi",
        "Ghi rõ tên cơ quan nhận.",
        None,
    );
    let lo = dir.path().join("lo");
    let converted = Command::new("soffice")
        .args(["--headless", "--convert-to", "docx", "--outdir", path(&lo)])
        .arg(&commented)
        .env("HOME", dir.path())
        .output();
    let Ok(converted) = converted else {
        eprintln!("BỎ QUA: không có soffice (LibreOffice).");
        return;
    };
    assert!(converted.status.success(), "{converted:?}");
    let saved = lo.join("gop-y.docx");
    let (out, text) = import_comments(&project, &saved);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Đã thêm 1 góp ý"), "{text}");
    let (_, text) = import_comments(&project, &saved);
    assert!(text.contains("Không có góp ý mới"), "{text}");
    let after = comments(&project);
    assert_eq!(after.len(), 3, "{after:#?}");
    assert_eq!(
        after.iter().map(|c| c.replies.len()).sum::<usize>(),
        1,
        "{after:#?}"
    );
}

#[test]
fn a_comment_on_an_indicator_table_cell_lands_on_that_indicators_row() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let copy = review_copy(&project, dir.path());
    let commented = dir.path().join("gop-y.docx");
    let row = add_comment(
        &copy,
        &commented,
        "cell=78,6%",
        "Số liệu này lấy ở đâu?",
        None,
    );
    assert!(!row.trim().is_empty(), "the cell is in a table");
    let (out, text) = import_comments(&project, &commented);
    assert!(out.status.success(), "{text}");
    let p = load(&project);
    let c = p
        .report(REPORT)
        .unwrap()
        .review
        .comments
        .iter()
        .find(|c| c.text == "Số liệu này lấy ở đâu?")
        .unwrap()
        .clone();
    let Some(CommentAnchor::Indicator { id, name }) = &c.anchor else {
        panic!("not on an indicator row: {c:#?}");
    };
    let indicator = p.plan.indicators.iter().find(|i| i.id == *id).unwrap();
    assert_eq!(*name, indicator.name);
    assert!(row.contains(indicator.name.as_str()), "{row} / {name}");
    let table = p.report(REPORT).unwrap().section(&c.section).unwrap();
    assert_eq!(
        table.generated,
        Some(baocao::model::Generated::IndicatorTable)
    );
    assert!(text.contains("bảng chỉ tiêu"), "{text}");

    // The next review copy puts it on that row, and reading it back adds nothing.
    let again = review_copy_as(&project, dir.path(), "xem-xet-lan-2.docx");
    let anchored = python(ANCHORED, &[path(&again)]);
    assert!(
        anchored
            .lines()
            .any(|l| l == format!("Số liệu này lấy ở đâu?\t{}", indicator.name)),
        "{anchored}"
    );
    let (_, text) = import_comments(&project, &again);
    assert!(text.contains("Không có góp ý mới"), "{text}");
}

#[test]
fn comments_on_the_trich_yeu_and_noi_nhan_attach_to_those_parts() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let copy = review_copy(&project, dir.path());
    let one = dir.path().join("mot.docx");
    let two = dir.path().join("hai.docx");
    add_comment(&copy, &one, "Sơ kết tình hình", "Trích yếu dài quá.", None);
    add_comment(&one, &two, "Nơi nhận", "Thêm Văn phòng HĐND.", None);
    let (out, text) = import_comments(&project, &two);
    assert!(out.status.success(), "{text}");
    let after = comments(&project);
    let anchor = |t: &str| {
        after
            .iter()
            .find(|c| c.text == t)
            .and_then(|c| c.anchor.clone())
    };
    assert_eq!(anchor("Trích yếu dài quá."), Some(CommentAnchor::Summary));
    assert_eq!(
        anchor("Thêm Văn phòng HĐND."),
        Some(CommentAnchor::Distribution)
    );
    assert!(
        text.contains("trích yếu") && text.contains("Nơi nhận"),
        "{text}"
    );

    // The next review copy shows them there: Word anchors them on those parts.
    let again = review_copy_as(&project, dir.path(), "xem-xet-lan-2.docx");
    let anchored = python(ANCHORED, &[path(&again)]);
    assert!(
        anchored
            .lines()
            .any(|l| l.starts_with("Trích yếu dài quá.\t") && l.contains("Sơ kết tình hình")),
        "{anchored}"
    );
    assert!(
        anchored
            .lines()
            .any(|l| l.starts_with("Thêm Văn phòng HĐND.\t") && l.contains("Nơi nhận")),
        "{anchored}"
    );
}

/// Each comment's text and the text of the paragraph its range starts in.
const ANCHORED: &str = r#"
import sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
texts = {str(c.comment_id): c.text for c in d.comments}
for s in d.element.body.iter(qn("w:commentRangeStart")):
    p = s.getparent()
    words = "".join(t.text or "" for t in p.iter(qn("w:t")))
    print(texts[s.get(qn("w:id"))], words, sep="\t")
"#;

#[test]
fn a_word_reply_becomes_a_reply_of_its_comment_once() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let copy = review_copy(&project, dir.path());
    let replied = dir.path().join("tra-loi.docx");
    python(
        ADD_REPLY,
        &[
            path(&copy),
            path(&replied),
            "Thêm căn cứ của tỉnh.",
            "Căn cứ nào cũng được, miễn còn hiệu lực.",
            "Phạm Thị Duyệt",
            "2026-07-06T08:00:00Z",
        ],
    );
    let (out, text) = import_comments(&project, &replied);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("1 trả lời"), "{text}");
    let after = comments(&project);
    assert_eq!(after.len(), 2, "{after:#?}");
    let c = after.iter().find(|c| c.id == "gy-2").unwrap();
    assert_eq!(c.replies.len(), 1);
    assert_eq!(c.replies[0].author, "Phạm Thị Duyệt");
    assert_eq!(
        c.replies[0].text,
        "Căn cứ nào cũng được, miễn còn hiệu lực."
    );

    let (_, text) = import_comments(&project, &replied);
    assert!(text.contains("Không có góp ý mới"), "{text}");
    assert_eq!(
        comments(&project)
            .iter()
            .find(|c| c.id == "gy-2")
            .unwrap()
            .replies
            .len(),
        1
    );
}

#[test]
fn a_comment_on_a_paragraph_edited_in_word_still_lands_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let p = load(&project);
    let section = p.report(REPORT).unwrap().section("lanh-dao").unwrap();
    let body = baocao::review::paragraphs(&section.body)[1].to_owned();
    let plain = baocao::model::rich::plain_text(&body);
    let plain = plain.trim_start_matches(['-', '+', '*', ' ']).to_owned();
    // A fifth of the words changed: the start kept, a few words replaced at the end.
    let words: Vec<&str> = plain.split_whitespace().collect();
    let keep = words.len() * 4 / 5;
    let edited = format!("{} được sửa lại ở đây.", words[..keep].join(" "));
    let probe: String = words[..4].join(" ");
    let copy = review_copy(&project, dir.path());
    let commented = dir.path().join("sua.docx");
    add_comment(
        &copy,
        &commented,
        &probe,
        "Câu này cần viết gọn.",
        Some(&edited),
    );
    let (out, text) = import_comments(&project, &commented);
    assert!(out.status.success(), "{text}");
    let c = comments(&project)
        .into_iter()
        .find(|c| c.text == "Câu này cần viết gọn.")
        .unwrap_or_else(|| panic!("not placed: {text}"));
    assert_eq!((c.section.as_str(), c.paragraph), ("lanh-dao", Some(1)));
}

#[test]
fn a_comment_that_fits_nowhere_is_not_added_and_the_paragraph_it_sits_on_is_only_proposed() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let copy = review_copy(&project, dir.path());
    let commented = dir.path().join("la.docx");
    add_comment(
        &copy,
        &commented,
        "Kính gửi",
        "Góp ý lạc chỗ.",
        Some("Một câu hoàn toàn khác chẳng liên quan gì đến báo cáo này"),
    );
    let before = comments(&project);
    let body_before = baocao::storage::load(&project).unwrap().reports[0]
        .sections
        .clone();
    let (out, text) = import_comments(&project, &commented);
    // The paragraph the leader typed into the Word file comes back as a proposed
    // change (stored, not applied); the comment on it fits nowhere and is not added.
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Không gắn được (1 góp ý"), "{text}");
    assert!(text.contains("{+Một câu hoàn toàn khác"), "{text}");
    assert_eq!(comments(&project), before);
    let after = baocao::storage::load(&project).unwrap();
    assert_eq!(after.reports[0].sections, body_before, "nothing applied");
    assert_eq!(after.reports[0].review.proposed.len(), 1);
}

#[test]
fn the_window_lists_a_comment_on_noi_nhan_there_and_marks_the_signature_in_the_preview() {
    use egui_kittest::kittest::Queryable;

    let dir = tempfile::tempdir().unwrap();
    let path = project(dir.path());
    let mut p = load(&path);
    let r = p.reports.iter_mut().find(|r| r.id == REPORT).unwrap();
    let mut on_part = comment("gy-3", "", None, "Thêm Văn phòng HĐND.", 4);
    on_part.anchor = Some(CommentAnchor::Distribution);
    r.review.comments = vec![on_part];
    baocao::storage::save(&path, &p).unwrap();

    let mut h = crate::support::window::window(&path)
        .dialogs(crate::support::answers::Answers::default())
        .max_steps(12)
        .build();
    h.run();
    let step = baocao::guide::Step::Duyet;
    crate::support::window::go_to(&mut h, step);
    h.get_by_label("Nơi nhận");
    // The step that edits Nơi nhận counts it.
    assert!(h.query_all_by_label("1 góp ý").count() >= 1);
    // “Đến chỗ này” brings the signature into view, its margin marked.
    h.get_by_label("Đến mục của góp ý gy-3").click();
    h.run();
    let markers = h.state().preview_markers().to_vec();
    assert!(
        markers
            .iter()
            .any(|m| m.source == baocao::compose::SourceRef::Signature && m.count == 1),
        "{markers:?}"
    );
}

#[test]
fn a_comment_on_a_cell_of_a_table_typed_in_a_section_lands_on_that_row() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let copy = review_copy(&project, dir.path());
    let commented = dir.path().join("bang.docx");
    let row = add_comment(
        &copy,
        &commented,
        "cell=1.846",
        "Số này đã khớp chưa?",
        None,
    );
    assert!(row.contains("Hồ sơ tiếp nhận"), "{row}");
    let (out, text) = import_comments(&project, &commented);
    assert!(out.status.success(), "{text}");
    let p = load(&project);
    let report = p.report(REPORT).unwrap();
    let c = report
        .review
        .comments
        .iter()
        .find(|c| c.text == "Số này đã khớp chưa?")
        .unwrap();
    let section = report.section(&c.section).unwrap();
    let line = baocao::review::paragraphs(&section.body)[c.paragraph.unwrap()];
    assert!(line.starts_with("| Hồ sơ tiếp nhận |"), "{line}");
    assert!(text.contains("(bảng, dòng 2)"), "{text}");

    // The next review copy puts it on that row's first cell.
    let again = review_copy_as(&project, dir.path(), "xem-xet-lan-2.docx");
    let anchored = python(ANCHORED, &[path(&again)]);
    assert!(
        anchored
            .lines()
            .any(|l| l == "Số này đã khớp chưa?\tHồ sơ tiếp nhận"),
        "{anchored}"
    );
}
