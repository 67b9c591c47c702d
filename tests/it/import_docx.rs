//! `baocao import FILE.ron X.docx` and the Word reader behind it: Word files written
//! by python-docx the ordinary way (heading styles, list styles, bold runs, tables,
//! the header and signature tables) read back with their structure; Word comments
//! placed on the right section and paragraph; bad files refused with a message and
//! the project untouched.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use baocao::import::docx;
use baocao::import::text;
use baocao::storage;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a python-docx script with `args`; the script ends by saving its document.
pub(crate) fn python(script: &str, args: &[&Path]) {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python-docx failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A report written in Word the ordinary way: header table, title and summary,
/// Heading 1/2 styles, a bold run, List Bullet / List Bullet 2 / List Number items, a
/// bold italic lead line, a run in the Strong character style, a bordered table with a merged row, Nơi nhận and signer in a
/// borderless table. `sys.argv[1]` is where it is saved.
pub(crate) const HAND_WRITTEN: &str = r#"
import sys, docx
d = docx.Document()
hdr = d.add_table(rows=1, cols=2)
l, r = hdr.rows[0].cells
l.paragraphs[0].text = "UBND THÀNH PHỐ HẢI PHÒNG"
l.add_paragraph("ỦY BAN NHÂN DÂN")
l.add_paragraph("XÃ NAM THANH MIỆN")
l.add_paragraph("Số: 05/BC-UBND")
r.paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
r.add_paragraph("Độc lập - Tự do - Hạnh phúc")
r.add_paragraph("Nam Thanh Miện, ngày 15 tháng 6 năm 2026")
d.add_paragraph("BÁO CÁO")
d.add_paragraph("Kết quả thực hiện Nghị quyết 57-NQ/TW quý II năm 2026")
d.add_paragraph("Thực hiện Kế hoạch số 12/KH-UBND, UBND xã báo cáo như sau:")
d.add_heading("KẾT QUẢ THỰC HIỆN", level=1)
d.add_heading("Về thể chế và chính sách", level=2)
p = d.add_paragraph("Đã ban hành ")
p.add_run("03 kế hoạch").bold = True
p.add_run(" triển khai ")
p.add_run("đúng hạn", style="Strong")
p.add_run("; dấu * giữ nguyên.")
d.add_paragraph("Kết quả cụ thể:", style="List Bullet")
d.add_paragraph("Cấp 120 hồ sơ trực tuyến;", style="List Bullet 2")
d.add_paragraph("Số hóa 80% hồ sơ.", style="List Bullet 2")
d.add_paragraph("Bước thứ nhất;", style="List Number")
d.add_paragraph("Bước thứ hai.", style="List Number")
lead = d.add_paragraph()
rr = lead.add_run("Đề nghị UBND thành phố:"); rr.bold = True; rr.italic = True
t = d.add_table(rows=3, cols=3); t.style = "Table Grid"
for i, row in enumerate([["Nội dung", "Quý I", "Quý II"], ["Hồ sơ", "120", "150"], ["", "", ""]]):
    for j, v in enumerate(row): t.cell(i, j).text = v
t.cell(2, 0).merge(t.cell(2, 2)).text = "Nhóm khác"
d.add_heading("Về hạ tầng số", level=2)
d.add_paragraph("Đã lắp đặt 05 điểm wifi công cộng tại nhà văn hóa các thôn.")
d.add_heading("NHIỆM VỤ QUÝ III", level=1)
d.add_paragraph("Tiếp tục triển khai các nhiệm vụ còn lại của kế hoạch.")
d.add_paragraph("Trên đây là báo cáo kết quả thực hiện quý II năm 2026 của UBND xã Nam Thanh Miện./.")
sig = d.add_table(rows=1, cols=2)
a, b = sig.rows[0].cells
a.paragraphs[0].text = "Nơi nhận:"
a.add_paragraph("- UBND thành phố;")
a.add_paragraph("- Đảng ủy xã;")
a.add_paragraph("- Lưu: VT.")
b.paragraphs[0].text = "TM. ỦY BAN NHÂN DÂN"
b.add_paragraph("CHỦ TỊCH")
b.add_paragraph("Nguyễn Văn An")
d.save(sys.argv[1])
"#;

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    std::fs::copy(root().join("assets/mau-binh-minh-hai.ron"), &project).unwrap();
    (dir, project)
}

fn run(project: &Path, file: &Path, extra: &[&str], stdin: &str) -> Output {
    crate::support::cli::import(&[project, file], extra, stdin)
}

#[test]
fn a_word_report_written_by_hand_imports_with_its_structure() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bao-cao.docx");
    python(HAND_WRITTEN, &[&file]);
    let rec = docx::recognise_file(&file).unwrap().rec;
    assert_eq!(rec.number, Some(5));
    assert_eq!(
        rec.date.map(|d| d.to_string()).as_deref(),
        Some("2026-06-15")
    );
    assert_eq!(rec.place.as_deref(), Some("Nam Thanh Miện"));
    assert_eq!(
        rec.summary,
        "Kết quả thực hiện Nghị quyết 57-NQ/TW quý II năm 2026"
    );
    assert!(
        rec.organisation_lines
            .contains(&"XÃ NAM THANH MIỆN".to_owned())
    );
    assert_eq!(
        rec.opening,
        "Thực hiện Kế hoạch số 12/KH-UBND, UBND xã báo cáo như sau:"
    );
    let titles: Vec<(&str, Vec<&str>)> = rec
        .sections
        .iter()
        .map(|s| {
            (
                s.title.as_str(),
                s.children.iter().map(|c| c.title.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        titles,
        vec![
            (
                "Kết quả thực hiện",
                vec!["Về thể chế và chính sách", "Về hạ tầng số"]
            ),
            ("Nhiệm vụ quý III", vec![]),
        ]
    );
    let body = &rec.sections[0].children[0].body;
    assert_eq!(
        body,
        "Đã ban hành **03 kế hoạch** triển khai **đúng hạn**; dấu \\* giữ nguyên.\n\
         - Kết quả cụ thể:\n\
         \x20 + Cấp 120 hồ sơ trực tuyến;\n\
         \x20 + Số hóa 80% hồ sơ.\n\
         1. Bước thứ nhất;\n\
         2. Bước thứ hai.\n\
         ***Đề nghị UBND thành phố:***\n\
         | Nội dung | Quý I | Quý II |\n\
         |---|---|---|\n\
         | Hồ sơ | 120 | 150 |\n\
         | Nhóm khác |"
    );
    let (blocks, notes) = baocao::model::rich::parse(body);
    assert!(notes.is_empty(), "{notes:?}");
    assert!(blocks.iter().any(|b| matches!(b,
        baocao::model::rich::Block::Para { para, .. } if para.lead)));
    assert!(rec.closing.starts_with("Trên đây là báo cáo"));
    assert_eq!(rec.distribution, vec!["UBND thành phố", "Đảng ủy xã"]);
    assert_eq!(rec.archive.as_deref(), Some("VT"));
    assert_eq!(
        rec.signer_lines,
        vec!["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]
    );
    // Only the national title and motto are skipped; nothing is left unread.
    let unread: Vec<String> = rec
        .notes
        .iter()
        .filter(|n| n.kind != text::NoteKind::Skipped)
        .map(docx::describe_note)
        .collect();
    assert!(unread.is_empty(), "{unread:#?}");
}

#[test]
fn the_cli_adds_the_word_report_only_when_confirmed_and_the_project_reloads() {
    let (dir, project) = setup();
    let file = dir.path().join("bao-cao.docx");
    python(HAND_WRITTEN, &[&file]);
    let before = std::fs::read(&project).unwrap();
    let declined = run(&project, &file, &[], "k\n");
    assert!(declined.status.success());
    let out = String::from_utf8_lossy(&declined.stdout);
    assert!(
        out.contains("Về thể chế và chính sách — 2 đoạn, 5 ý, 1 bảng"),
        "{out}"
    );
    assert!(
        out.contains("Đoạn 5: “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”"),
        "{out}"
    );
    assert_eq!(std::fs::read(&project).unwrap(), before);

    let added = run(&project, &file, &["--period", "2026-Q2"], "c\n");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let p = storage::load(&project).unwrap();
    let r = p.reports.last().unwrap();
    assert_eq!(r.number, Some(5));
    assert_eq!(r.sections.len(), 2);
    assert_eq!(r.distribution, vec!["UBND thành phố", "Đảng ủy xã"]);
}

/// Adds comments to the report of [`HAND_WRITTEN`] (`sys.argv[1]`), saving to
/// `sys.argv[2]`: one on a paragraph, one on a heading, one on the opening (which
/// belongs to no section), with fixed dates.
const COMMENTED: &str = r#"
import sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
def note(prefix, text, author, date):
    for p in d.paragraphs:
        if p.text.startswith(prefix):
            c = d.add_comment(p.runs, text=text, author=author, initials="GY")
            c._comment_elm.set(qn("w:date"), date)
            return
    raise SystemExit("no paragraph " + prefix)
note("Đã lắp đặt", "Ghi rõ tên các thôn đã lắp.", "Nguyễn Văn Bình", "2026-07-01T09:30:00Z")
note("Về thể chế", "Mục này nên nêu số văn bản.", "Lê Thị Cúc", "2026-07-02T14:05:00Z")
note("Thực hiện Kế hoạch", "Bỏ câu này.", "Nguyễn Văn Bình", "2026-07-01T09:31:00Z")
d.save(sys.argv[2])
"#;

#[test]
fn a_word_comment_comes_back_on_its_section_and_paragraph_with_author_and_time() {
    let (dir, project) = setup();
    let file = dir.path().join("bao-cao.docx");
    let commented = dir.path().join("gop-y.docx");
    python(HAND_WRITTEN, &[&file]);
    python(COMMENTED, &[&file, &commented]);
    assert!(run(&project, &file, &["--yes"], "").status.success());
    let p = storage::load(&project).unwrap();
    let report = p.reports.last().unwrap();
    let bytes = docx::read_file(&commented).unwrap();
    let word = docx::open(&bytes, &commented).unwrap();
    let now = chrono::NaiveDate::from_ymd_opt(2026, 8, 1)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let found = docx::place_comments(&word, report, now);
    let placed: Vec<(String, Option<usize>, String, String, String)> = found
        .placed
        .iter()
        .filter(|p| p.comment.anchor.is_none())
        .map(|p| {
            let c = &p.comment;
            (
                report.section(&c.section).unwrap().title.clone(),
                c.paragraph,
                c.author.clone(),
                c.at.format("%Y-%m-%d %H:%M").to_string(),
                c.text.clone(),
            )
        })
        .collect();
    assert_eq!(
        placed,
        vec![
            (
                "Về thể chế và chính sách".to_owned(),
                None,
                "Lê Thị Cúc".to_owned(),
                "2026-07-02 14:05".to_owned(),
                "Mục này nên nêu số văn bản.".to_owned()
            ),
            (
                "Về hạ tầng số".to_owned(),
                Some(0),
                "Nguyễn Văn Bình".to_owned(),
                "2026-07-01 09:30".to_owned(),
                "Ghi rõ tên các thôn đã lắp.".to_owned()
            ),
        ]
    );
    // The opening belongs to no section: the comment goes on the opening's paragraph.
    assert!(found.unplaced.is_empty(), "{:?}", found.unplaced);
    let opening = found
        .placed
        .iter()
        .find(|p| p.comment.text == "Bỏ câu này.")
        .unwrap();
    assert_eq!(
        (opening.comment.anchor.clone(), opening.comment.paragraph),
        (Some(baocao::model::CommentAnchor::Opening), Some(0))
    );

    // The CLI lists them and adds them.
    let out = run(&project, &commented, &["--comments", "--yes"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("phần mở đầu (đoạn 1)"), "{stdout}");
    let p = storage::load(&project).unwrap();
    let comments = &p.reports.last().unwrap().review.comments;
    assert_eq!(comments.len(), 3);
    assert!(comments.iter().all(|c| !c.resolved));
}

/// Writes the lines of a text file as paragraphs (`sys.argv[1]` → `sys.argv[2]`):
/// `- ` lines as List Bullet, `- + `, `+ ` and indented `- ` lines as List Bullet 2,
/// others as typed.
const SEED_TO_DOCX: &str = r#"
import sys, docx
d = docx.Document()
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    t = line.strip()
    indented = line[:1] in (" ", "\t")
    if t.startswith("- + "):
        d.add_paragraph(t[4:], style="List Bullet 2")
    elif t.startswith("+ "):
        d.add_paragraph(t[2:], style="List Bullet 2")
    elif t.startswith("- "):
        d.add_paragraph(t[2:], style="List Bullet 2" if indented else "List Bullet")
    else:
        d.add_paragraph(line)
d.save(sys.argv[2])
"#;

fn outline(sections: &[baocao::model::Section], out: &mut Vec<String>, depth: usize) {
    for s in sections {
        out.push(format!("{}{} ({:?})", "  ".repeat(depth), s.title, s.role));
        outline(&s.children, out, depth + 1);
    }
}

#[test]
fn seed_003_written_into_word_imports_with_the_structure_of_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join("../shared/seeds/003_8a9ce08749d756e0.txt");
    let file = dir.path().join("seed003.docx");
    python(SEED_TO_DOCX, &[&seed, &file]);
    let from_word = docx::recognise_file(&file).unwrap().rec;
    let from_text = text::recognise(&std::fs::read_to_string(&seed).unwrap());
    let (mut a, mut b) = (Vec::new(), Vec::new());
    outline(&from_word.sections, &mut a, 0);
    outline(&from_text.sections, &mut b, 0);
    assert_eq!(a, b);
    assert_eq!(from_word.summary, from_text.summary);
    assert_eq!(from_word.year, from_text.year);
    assert_eq!(from_word.place, from_text.place);
    assert_eq!(from_word.distribution, from_text.distribution);
    assert_eq!(from_word.signer_lines, from_text.signer_lines);
    assert_eq!(from_word.period, from_text.period);
    // Each section holds the same paragraphs and items, at the same levels.
    let shape = |body: &str| -> Vec<(u8, String)> {
        baocao::model::rich::parse(body)
            .0
            .into_iter()
            .filter_map(|b| match b {
                baocao::model::rich::Block::Para { para, .. } => Some((para.level, para.text())),
                baocao::model::rich::Block::Table { .. } => None,
            })
            .collect()
    };
    fn flat<'a>(list: &'a [baocao::model::Section], out: &mut Vec<&'a baocao::model::Section>) {
        for s in list {
            out.push(s);
            flat(&s.children, out);
        }
    }
    let (mut word_sections, mut text_sections) = (Vec::new(), Vec::new());
    flat(&from_word.sections, &mut word_sections);
    flat(&from_text.sections, &mut text_sections);
    assert_eq!(shape(&from_word.opening), shape(&from_text.opening));
    for (w, t) in word_sections.iter().zip(&text_sections) {
        assert_eq!(shape(&w.body), shape(&t.body), "section {}", t.title);
    }
}

#[test]
fn bad_word_files_are_refused_with_a_message_and_the_project_untouched() {
    let (dir, project) = setup();
    let before = std::fs::read(&project).unwrap();
    let doc = dir.path().join("cu.doc");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    std::fs::write(&doc, &ole).unwrap();
    let corrupt = dir.path().join("hong.docx");
    std::fs::write(&corrupt, b"PK\x03\x04 not really a zip at all").unwrap();
    let not_zip = dir.path().join("doi-duoi.docx");
    std::fs::write(&not_zip, "Đây là văn bản thường, đổi đuôi thành .docx").unwrap();
    let huge = dir.path().join("to.docx");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let empty = dir.path().join("trong.docx");
    python(
        "import sys, docx\ndocx.Document().save(sys.argv[1])",
        &[&empty],
    );
    let cases: [(&Path, &str); 5] = [
        (&doc, "Word cũ (.doc"),
        (&corrupt, "không phải tài liệu Word .docx hợp lệ"),
        (&not_zip, "không phải tài liệu Word .docx hợp lệ"),
        (&huge, "quá lớn"),
        (&empty, "Không nhận ra nội dung báo cáo"),
    ];
    for (file, message) in cases {
        let out = run(&project, file, &["--yes"], "");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {err}", file.display());
        assert!(err.contains(message), "{}: {err}", file.display());
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(std::fs::read(&project).unwrap(), before);
        let comments = run(&project, file, &["--comments", "--yes"], "");
        assert_eq!(comments.status.code(), Some(1));
        assert_eq!(std::fs::read(&project).unwrap(), before);
    }
}

/// A 1×1 PNG, for a picture in a document.
const PIXEL: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";

#[test]
fn a_word_report_with_an_image_and_tracked_changes_imports_its_text_and_lists_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("a.png");
    std::fs::write(&png, decode(PIXEL)).unwrap();
    let file = dir.path().join("anh.docx");
    python(
        r#"
import sys, docx, copy
from docx.oxml import parse_xml
d = docx.Document()
d.add_paragraph("BÁO CÁO")
d.add_paragraph("Kết quả chuyển đổi số quý II năm 2026")
d.add_heading("KẾT QUẢ", level=1)
d.add_paragraph("Ảnh hội nghị:")
d.add_paragraph().add_run().add_picture(sys.argv[1])
p = d.add_paragraph("Đã tổ chức ")
w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
p._p.append(parse_xml('<w:ins %s w:id="1" w:author="A" w:date="2026-07-01T00:00:00Z"><w:r><w:t>02 hội nghị</w:t></w:r></w:ins>' % w))
p._p.append(parse_xml('<w:del %s w:id="2" w:author="A" w:date="2026-07-01T00:00:00Z"><w:r><w:delText>01 hội nghị</w:delText></w:r></w:del>' % w))
d.save(sys.argv[2])
"#,
        &[&png, &file],
    );
    let rec = docx::recognise_file(&file).unwrap().rec;
    assert_eq!(
        rec.sections[0].body,
        "Ảnh hội nghị:\nĐã tổ chức 02 hội nghị"
    );
    let notes: Vec<String> = rec.notes.iter().map(docx::describe_note).collect();
    let all = notes.join("\n");
    assert!(all.contains("ảnh"), "{all}");
    assert!(all.contains("đã nhận phần thêm"), "{all}");
    assert!(all.contains("đã bỏ phần bị xóa"), "{all}");
}

fn decode(b64: &str) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in b64.bytes().filter(|&c| c != b'=') {
        let v = A.iter().position(|&a| a == c).unwrap() as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}
