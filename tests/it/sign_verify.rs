//! Electronic issuance end to end: the sample's sign-ready final PDF (outline, XMP,
//! attached source) read back by qpdf, pdfinfo, pdfdetach and lopdf; signed with
//! pyHanko and a certificate made here with openssl, then checked by `baocao verify`,
//! also after the report or the signed file was changed. Needs poppler-utils, qpdf,
//! openssl and pyHanko (.ci/run installs them); a missing tool fails the test saying
//! what to install.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::cli::tool;

use baocao::model::{ReportStatus, ReviewRole, Transition};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn baocao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .output()
        .expect("the program runs")
}

pub(crate) fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A copy of the sample whose report was approved on 1 July 2026 at 9:00.
pub(crate) fn approved_sample(dir: &Path) -> PathBuf {
    approved_sample_with(dir, |_| {})
}

/// [`approved_sample`] with the report changed by `edit` before the approval.
fn approved_sample_with(dir: &Path, edit: impl Fn(&mut baocao::model::Report)) -> PathBuf {
    let path = dir.join("du-an.ron");
    let mut project = baocao::storage::load(&root().join("assets/mau-binh-minh-hai.ron")).unwrap();
    edit(&mut project.reports[0]);
    let at = chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    approve(&mut project, "Đỗ Thị Minh Huyền", at);
    baocao::storage::save(&path, &project).unwrap();
    path
}

/// Approves the project's first report as it stands, by `by` at `at`.
pub(crate) fn approve(project: &mut baocao::model::Project, by: &str, at: chrono::NaiveDateTime) {
    let fp = baocao::review::fingerprint(project, &project.reports[0]);
    let review = &mut project.reports[0].review;
    review.status = ReportStatus::Approved;
    review.approved_fingerprint = Some(fp);
    review.history.push(Transition {
        from: ReportStatus::AwaitingReview,
        to: ReportStatus::Approved,
        by: by.into(),
        role: ReviewRole::Reviewer,
        at,
        remark: String::new(),
    });
}

pub(crate) fn export_final(project: &Path, out: &Path) {
    let o = baocao(&["export", s(project), "--final", "-o", s(out)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Signs `pdf` into `signed` with a new self-signed certificate for `name`.
pub(crate) fn sign(dir: &Path, pdf: &Path, signed: &Path, name: &str, field: &str) {
    let (key, cert) = (
        dir.join(format!("{field}.key")),
        dir.join(format!("{field}.pem")),
    );
    tool(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-utf8",
            "-days",
            "30",
            "-keyout",
            s(&key),
            "-out",
            s(&cert),
            "-subj",
            &format!("/CN={name}/O=UBND xã Bình Minh Hải"),
        ],
    );
    tool(
        "pyhanko",
        &[
            "sign",
            "addsig",
            "--field",
            field,
            "pemder",
            "--key",
            s(&key),
            "--cert",
            s(&cert),
            "--no-pass",
            s(pdf),
            s(signed),
        ],
    );
}

pub(crate) fn verify(args: &[&str]) -> (bool, String) {
    let mut all = vec!["verify"];
    all.extend_from_slice(args);
    let o = baocao(&all);
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    (o.status.success(), text)
}

/// A folder with the approved sample, its final PDF and that PDF signed once.
pub(crate) struct Signed {
    pub dir: tempfile::TempDir,
    pub project: PathBuf,
    pub pdf: PathBuf,
    pub signed: PathBuf,
}

pub(crate) fn signed_sample() -> Signed {
    let dir = tempfile::tempdir().unwrap();
    let project = approved_sample(dir.path());
    let pdf = dir.path().join("bao-cao.pdf");
    export_final(&project, &pdf);
    let signed = dir.path().join("bao-cao-da-ky.pdf");
    sign(dir.path(), &pdf, &signed, "Đỗ Thị Minh Huyền", "ChuKy1");
    Signed {
        dir,
        project,
        pdf,
        signed,
    }
}

#[test]
fn a_signed_final_pdf_matches_the_approved_report_and_names_the_signer() {
    let t = signed_sample();
    for args in [vec![s(&t.signed), s(&t.project)], vec![s(&t.signed)]] {
        let (ok, out) = verify(&args);
        assert!(ok, "{out}");
        assert!(out.contains("khớp bản đã duyệt"), "{out}");
        assert!(out.contains("Đỗ Thị Minh Huyền"), "{out}");
        assert!(out.contains("chứng thư số"), "{out}");
        assert!(out.contains("phần mềm ký số"), "{out}");
    }
    // Nothing was modified.
    assert!(
        std::fs::read(&t.signed)
            .unwrap()
            .starts_with(&std::fs::read(&t.pdf).unwrap())
    );
}

#[test]
fn after_the_report_is_edited_verify_names_the_section_that_differs_and_fails() {
    let t = signed_sample();
    let mut project = baocao::storage::load(&t.project).unwrap();
    let report = &mut project.reports[0];
    let section = report.sections[1].children[0].clone();
    report
        .section_mut(&section.id)
        .unwrap()
        .body
        .push_str("\nMột câu thêm sau khi ký.");
    baocao::storage::save(&t.project, &project).unwrap();
    let (ok, out) = verify(&[s(&t.signed), s(&t.project)]);
    assert!(!ok, "{out}");
    assert!(out.contains("KHÔNG khớp"), "{out}");
    assert!(out.contains(section.title.trim()), "{out}");
    assert!(out.contains("Các trang in khác nhau"), "{out}");
}

#[test]
fn an_update_after_signing_that_changes_a_page_is_caught() {
    let t = signed_sample();
    // qpdf rewrites the signed file with a page's text changed: the signature then
    // covers less than the file, and the page differs from what was signed.
    let changed = t.dir.path().join("da-sua.pdf");
    let qdf = t.dir.path().join("qdf.pdf");
    tool(
        "qpdf",
        &["--qdf", "--object-streams=disable", s(&t.signed), s(&qdf)],
    );
    let mut bytes = std::fs::read(&qdf).unwrap();
    let at = bytes.windows(2).position(|w| w == b"Tj").unwrap();
    bytes.splice(at..at, b" 0 Tw ".iter().copied());
    std::fs::write(&changed, &bytes).unwrap();
    let (ok, out) = verify(&[s(&changed), s(&t.project)]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("KHÔNG khớp") || out.contains("không đối chiếu"),
        "{out}"
    );

    // An incremental update appended after the signature that replaces page 2's text.
    let appended = t.dir.path().join("sua-them.pdf");
    tool(
        "python3",
        &["-c", REPLACE_PAGE, s(&t.signed), s(&appended), "2"],
    );
    let (ok, out) = verify(&[s(&appended), s(&t.project)]);
    assert!(!ok, "{out}");
    assert!(out.contains("thay đổi nội dung ở trang 2 "), "{out}");
    assert!(out.contains("byte được thêm vào"), "{out}");
    assert!(out.contains("KHÔNG khớp"), "{out}");

    // An incremental update appended by pyHanko's own tools keeps the text: a second
    // signature is listed and the content still matches.
    let twice = t.dir.path().join("ky-hai-lan.pdf");
    sign(t.dir.path(), &t.signed, &twice, "Nguyễn Văn An", "ChuKy2");
    let (ok, out) = verify(&[s(&twice), s(&t.project)]);
    assert!(ok, "{out}");
    assert!(out.contains("Chữ ký số trong tệp: 2"), "{out}");
    assert!(out.contains("Nguyễn Văn An"), "{out}");
}

/// Appends an incremental update to argv[1] (written to argv[2]) that gives page
/// argv[3] a new content stream, with pyHanko's incremental writer.
const REPLACE_PAGE: &str = r#"
import sys
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils import generic
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, 'rb') as f:
    w = IncrementalPdfFileWriter(f)
    pages = []
    def walk(ref):
        node = ref.get_object()
        if node['/Type'] == '/Pages':
            for k in node['/Kids']:
                walk(k)
        else:
            pages.append(node)
    walk(w.root.raw_get('/Pages'))
    page = pages[n - 1]
    page['/Contents'] = w.add_object(generic.StreamObject(stream_data=b"BT 100 700 Td (Sua) Tj ET"))
    w.update_container(page)
    with open(dst, 'wb') as out:
        w.write(out)
"#;

/// Appends an incremental update to argv[1] (written to argv[2]) that swaps the
/// attached source's bytes for argv[3].
const REPLACE_SOURCE: &str = r#"
import sys
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils import generic
src, dst, text = sys.argv[1], sys.argv[2], sys.argv[3]
with open(src, 'rb') as f:
    w = IncrementalPdfFileWriter(f)
    names = w.root['/Names']['/EmbeddedFiles']['/Names']
    spec = names[1].get_object()
    ef = spec['/EF']
    new = w.add_object(generic.StreamObject({generic.NameObject('/Type'): generic.NameObject('/EmbeddedFile')}, stream_data=text.encode()))
    ef['/F'] = new
    ef['/UF'] = new
    w.update_container(spec)
    with open(dst, 'wb') as out:
        w.write(out)
"#;

#[test]
fn an_update_that_swaps_the_attached_source_after_signing_is_caught() {
    let t = signed_sample();
    let swapped = t.dir.path().join("doi-nguon.pdf");
    tool(
        "python3",
        &[
            "-c",
            REPLACE_SOURCE,
            s(&t.signed),
            s(&swapped),
            "(format_version: 2)",
        ],
    );
    let (ok, out) = verify(&[s(&swapped)]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("tệp nguồn báo cáo đính kèm đã bị thay"),
        "{out}"
    );
    // Restoring the PDF in the window reads the swapped source: it has no report.
    let restored = baocao::issue::read_source(&std::fs::read(&swapped).unwrap(), &swapped);
    assert!(restored.is_err());
}

#[test]
fn bad_input_gets_a_vietnamese_verdict_and_a_failing_status() {
    let t = signed_sample();
    let damaged = t.dir.path().join("hong.pdf");
    std::fs::write(&damaged, b"%PDF-1.7\nkhong phai pdf").unwrap();
    let (ok, out) = verify(&[s(&damaged)]);
    assert!(!ok);
    assert!(out.contains("đã bị hỏng"), "{out}");

    // A PDF this program did not write: no attached source.
    let other = t.dir.path().join("khac.pdf");
    tool(
        "qpdf",
        &["--empty", "--pages", s(&t.pdf), "1", "--", s(&other)],
    );
    let (ok, out) = verify(&[s(&other)]);
    assert!(!ok);
    assert!(
        out.contains("không do chương trình baocao xuất ra"),
        "{out}"
    );

    // The unsigned export: nothing signed to compare.
    let (ok, out) = verify(&[s(&t.pdf)]);
    assert!(!ok);
    assert!(out.contains("chưa được ký số"), "{out}");

    // A missing file and a project file that does not load.
    let (ok, out) = verify(&[s(&t.dir.path().join("khong-co.pdf"))]);
    assert!(!ok);
    assert!(out.contains("Không đọc được tệp PDF"), "{out}");
    let bad = t.dir.path().join("hong.ron");
    std::fs::write(&bad, "(format_version: 2,").unwrap();
    let (ok, _) = verify(&[s(&t.signed), s(&bad)]);
    assert!(!ok);
}

#[test]
fn the_sign_ready_pdf_passes_qpdf_and_carries_the_xmp_fields_and_the_source() {
    let t = signed_sample();
    for pdf in [&t.pdf, &t.signed] {
        let check = tool("qpdf", &["--check", s(pdf)]);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
    }
    let kb = std::fs::metadata(&t.pdf).unwrap().len() as f64 / 1024.0;
    assert!(kb < 100.0, "{kb:.1} KB");

    let meta = tool("pdfinfo", &["-meta", s(&t.pdf)]);
    for field in [
        "<nd30:CodeNotation>BC-UBND</nd30:CodeNotation>",
        "<nd30:OrganName>Ủy ban nhân dân xã Bình Minh Hải</nd30:OrganName>",
        "<nd30:Language>vi</nd30:Language>",
        "<nd30:FullName>Đỗ Thị Minh Huyền</nd30:FullName>",
        "<nd30:Position>PHÓ CHỦ TỊCH</nd30:Position>",
        "<rdf:li>Sở Khoa học và Công nghệ thành phố Hải Phòng</rdf:li>",
        "<nd30:Subject>Sơ kết tình hình triển khai",
        "<xmp:CreateDate>2026-07-01T09:00:00</xmp:CreateDate>",
    ] {
        assert!(meta.contains(field), "{field} missing in:\n{meta}");
    }
    let pages = tool("pdfinfo", &[s(&t.pdf)]);
    let count = pages
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .to_owned();
    assert!(
        meta.contains(&format!("<nd30:PageAmount>{count}</nd30:PageAmount>")),
        "{meta}"
    );

    let list = tool("pdfdetach", &["-list", s(&t.signed)]);
    assert!(list.contains("1 embedded files"), "{list}");
    assert!(list.contains("bc-q2-2026.ron"), "{list}");
}

#[test]
fn the_attached_source_restores_a_report_equal_to_the_original() {
    let t = signed_sample();
    let original = baocao::storage::load(&t.project).unwrap();
    let (restored, name) =
        baocao::issue::read_source(&std::fs::read(&t.signed).unwrap(), &t.signed).unwrap();
    assert_eq!(name, "bc-q2-2026.ron");
    assert_eq!(restored.reports, original.reports);
    assert_eq!(restored.organisation, original.organisation);
    assert_eq!(restored.plan, original.plan);
    assert_eq!(
        baocao::review::fingerprint(&restored, &restored.reports[0]),
        baocao::review::fingerprint(&original, &original.reports[0])
    );
    // The attachment pdfdetach saves is a project file `baocao check` accepts.
    let saved = t.dir.path().join("nguon.ron");
    tool("pdfdetach", &["-save", "1", "-o", s(&saved), s(&t.pdf)]);
    let o = baocao(&["check", s(&saved)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn the_outline_has_one_entry_per_heading_pointing_at_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = approved_sample_with(dir.path(), |r| {
        r.appendices.indicators = true;
        r.appendices.tasks = true;
    });
    let pdf = dir.path().join("phu-luc.pdf");
    export_final(&path, &pdf);
    let project = baocao::storage::load(&path).unwrap();
    let report = &project.reports[0];
    let rendered =
        baocao::render::render(&project, report, baocao::render::RenderKind::Final).unwrap();
    let headings: Vec<(usize, String)> = rendered
        .pages
        .pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.headings.iter().map(move |h| (i, h.title.clone())))
        .collect();
    // Every section, and each appendix.
    let appendices =
        usize::from(report.appendices.indicators) + usize::from(report.appendices.tasks);
    assert_eq!(headings.len(), report.all_sections().len() + appendices);

    let doc = lopdf::Document::load(&pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut found = Vec::new();
    fn walk(
        doc: &lopdf::Document,
        first: Option<lopdf::ObjectId>,
        pages: &[lopdf::ObjectId],
        out: &mut Vec<(usize, String)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let item = doc.get_dictionary(id).unwrap();
            let title = lopdf::decode_text_string(item.get(b"Title").unwrap()).unwrap();
            let dest = item.get(b"Dest").unwrap().as_array().unwrap();
            let page = pages
                .iter()
                .position(|p| *p == dest[0].as_reference().unwrap())
                .unwrap();
            out.push((page, title));
            walk(
                doc,
                item.get(b"First").and_then(|f| f.as_reference()).ok(),
                pages,
                out,
            );
            next = item.get(b"Next").and_then(|n| n.as_reference()).ok();
        }
    }
    let first = doc
        .get_dictionary(root)
        .unwrap()
        .get(b"First")
        .unwrap()
        .as_reference()
        .ok();
    walk(&doc, first, &pages, &mut found);
    assert_eq!(found, headings);
    assert!(found.iter().any(|(_, t)| t.starts_with("I. ")), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(_, t)| t.starts_with("Phụ lục I. KẾT QUẢ")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(_, t)| t.starts_with("Phụ lục II. TIẾN ĐỘ")),
        "{found:?}"
    );
    let check = tool("qpdf", &["--check", s(&pdf)]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
}

#[test]
fn the_sign_ready_pdf_is_the_same_bytes_whenever_it_is_made() {
    let t = signed_sample();
    let again = t.dir.path().join("lan-hai.pdf");
    // A different clock must not matter: the date comes from the approval.
    let o = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["export", s(&t.project), "--final", "-o", s(&again)])
        .env("SOURCE_DATE_EPOCH", "1900000000")
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&t.pdf).unwrap()
    );
}

#[test]
fn a_pdf_signed_with_the_number_left_blank_still_matches_once_the_report_is_issued() {
    let dir = tempfile::tempdir().unwrap();
    let path = approved_sample_with(dir.path(), |r| {
        r.number = Some(3);
        r.date = chrono::NaiveDate::from_ymd_opt(2026, 7, 2);
    });
    let pdf = dir.path().join("de-trong.pdf");
    let o = baocao(&[
        "export",
        s(&path),
        "--final",
        "--blank-number",
        "-o",
        s(&pdf),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = tool("pdftotext", &["-layout", s(&pdf), "-"]);
    assert!(!text.contains("03/BC"), "{text}");
    assert!(!text.contains("ngày 02 tháng 7"), "{text}");
    let signed = dir.path().join("da-ky.pdf");
    sign(dir.path(), &pdf, &signed, "Đỗ Thị Minh Huyền", "ChuKy1");
    // The document system gave number 5 on issuing: the content is still the approved one.
    let mut project = baocao::storage::load(&path).unwrap();
    project.reports[0].number = Some(5);
    project.reports[0].review.status = ReportStatus::Issued;
    baocao::storage::save(&path, &project).unwrap();
    let (ok, out) = verify(&[s(&signed), s(&path)]);
    assert!(ok, "{out}");
    assert!(out.contains("khớp bản đã duyệt"), "{out}");
    // --blank-number belongs to the final version only.
    let o = baocao(&["export", s(&path), "--blank-number", "-o", s(&pdf)]);
    assert!(!o.status.success());
}

/// A PNG of `w` × `h` pixels: a ring of `rgb` on a transparent background, with its
/// resolution recorded when `dpi` is given.
pub(crate) fn ring_png(path: &Path, w: u32, h: u32, rgb: [u8; 3], dpi: Option<u32>) {
    let file = std::fs::File::create(path).unwrap();
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    if let Some(dpi) = dpi {
        let ppm = (dpi as f64 / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: png::Unit::Meter,
        }));
    }
    let mut data = Vec::with_capacity((w * h * 4) as usize);
    let (cx, cy, r) = (w as f32 / 2.0, h as f32 / 2.0, w.min(h) as f32 / 2.0 - 2.0);
    for y in 0..h {
        for x in 0..w {
            let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
            let on = (d - r * 0.9).abs() < r * 0.08;
            data.extend_from_slice(&rgb);
            data.push(if on { 255 } else { 0 });
        }
    }
    enc.write_header().unwrap().write_image_data(&data).unwrap();
}

/// `baocao export PROJECT --final` with the given signature and seal images.
fn export_with_images(project: &Path, out: &Path, signature: &str, seal: &str) -> Output {
    baocao(&[
        "export",
        s(project),
        "--final",
        "-o",
        s(out),
        "--signature-image",
        signature,
        "--seal-image",
        seal,
    ])
}

#[test]
fn signature_and_seal_images_are_drawn_the_seal_at_its_actual_size_and_still_verify() {
    let dir = tempfile::tempdir().unwrap();
    let project = approved_sample(dir.path());
    // A 36 mm seal scanned at 300 dpi: 425 pixels.
    ring_png(
        &dir.path().join("con-dau.png"),
        425,
        425,
        [220, 20, 20],
        Some(300),
    );
    ring_png(
        &dir.path().join("chu-ky.png"),
        400,
        160,
        [20, 40, 200],
        None,
    );
    let pdf = dir.path().join("co-anh.pdf");
    let (sig, seal) = (
        dir.path().join("chu-ky.png"),
        dir.path().join("con-dau.png"),
    );
    let o = export_with_images(&project, &pdf, s(&sig), s(&seal));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let check = tool("qpdf", &["--check", s(&pdf)]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let list = tool("pdfimages", &["-list", s(&pdf)]);
    let rows: Vec<&str> = list.lines().skip(2).collect();
    // Each image with its soft mask (the transparency).
    let kinds: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.split_whitespace().nth(2))
        .collect();
    assert_eq!(kinds, ["image", "smask", "image", "smask"], "{list}");
    let seal = rows
        .iter()
        .find(|r| r.contains(" 425   425 "))
        .expect(&list);
    assert!(
        seal.split_whitespace().any(|c| c == "300"),
        "the seal is drawn at 300 ppi: {seal}"
    );

    // Same bytes again, and the signed copy verifies with the images beside the project.
    let again = dir.path().join("lan-hai.pdf");
    let o = export_with_images(&project, &again, "chu-ky.png", "con-dau.png");
    // Relative paths are read from the current folder: here they do not exist.
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("Không đọc được ảnh chữ ký"));
    let signed = dir.path().join("da-ky.pdf");
    sign(dir.path(), &pdf, &signed, "Đỗ Thị Minh Huyền", "ChuKy1");
    let (ok, out) = verify(&[s(&signed)]);
    assert!(ok, "{out}");

    // A file that is not a PNG is refused, saying which image.
    std::fs::write(dir.path().join("hong.png"), b"not a png").unwrap();
    let o = baocao(&[
        "export",
        s(&project),
        "--final",
        "-o",
        s(&again),
        "--seal-image",
        s(&dir.path().join("hong.png")),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Ảnh con dấu không dùng được"), "{err}");
    assert!(!again.exists());
}
