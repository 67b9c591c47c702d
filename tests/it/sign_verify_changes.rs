//! `baocao verify` as a signature validator: a pyHanko-signed export changed afterwards
//! by incremental updates made with pyHanko's own writer (an annotation painting over
//! page 1, a cut page box, a swapped font, a signature dictionary no field points to)
//! is "changed after signing" and names the change; a second genuine signature in a
//! new field still verifies. Needs openssl and pyHanko, as sign_verify.rs.

use std::path::Path;

use crate::sign_verify::{s, sign, signed_sample, verify};
use crate::support::cli::tool;

/// The pyHanko helpers every script below starts with: the page dictionaries in order.
const PAGES: &str = r#"
import sys
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import NameObject as N, NumberObject as I
def pages_of(w):
    out = []
    def walk(ref):
        node = ref.get_object()
        if node['/Type'] == '/Pages':
            for k in node['/Kids']:
                walk(k)
        else:
            out.append(node)
    walk(w.root.raw_get('/Pages'))
    return out
def box(*v):
    return generic.ArrayObject([I(x) for x in v])
"#;

/// argv[1] → argv[2]: an annotation on page 1 whose appearance paints a white box and
/// new words over the text.
const ANNOTATE: &str = r#"
with open(sys.argv[1], 'rb') as f:
    w = IncrementalPdfFileWriter(f)
    page = pages_of(w)[0]
    font = generic.DictionaryObject({N('/Type'): N('/Font'), N('/Subtype'): N('/Type1'), N('/BaseFont'): N('/Helvetica')})
    ap = w.add_object(generic.StreamObject({
        N('/Type'): N('/XObject'), N('/Subtype'): N('/Form'), N('/BBox'): box(0, 0, 300, 100),
        N('/Resources'): generic.DictionaryObject({N('/Font'): generic.DictionaryObject({N('/F1'): font})}),
    }, stream_data=b"1 1 1 rg 0 0 300 100 re f 0 0 0 rg BT /F1 14 Tf 10 40 Td (Da sua) Tj ET"))
    annot = w.add_object(generic.DictionaryObject({
        N('/Type'): N('/Annot'), N('/Subtype'): N('/Square'), N('/Rect'): box(100, 600, 400, 700),
        N('/F'): I(4), N('/AP'): generic.DictionaryObject({N('/N'): ap}),
    }))
    raw = page.raw_get('/Annots') if '/Annots' in page else None
    if raw is None:
        page['/Annots'] = generic.ArrayObject([annot])
        w.update_container(page)
    elif isinstance(raw, generic.IndirectObject):
        raw.get_object().append(annot)
        w.mark_update(raw)
    else:
        raw.append(annot)
        w.update_container(page)
    with open(sys.argv[2], 'wb') as out:
        w.write(out)
"#;

/// argv[1] → argv[2]: page 1's MediaBox cut to a corner, page 2 turned upside down.
const CUT_PAGE: &str = r#"
with open(sys.argv[1], 'rb') as f:
    w = IncrementalPdfFileWriter(f)
    page, second = pages_of(w)[:2]
    page['/MediaBox'] = box(0, 400, 300, 842)
    w.update_container(page)
    second['/Rotate'] = I(180)
    w.update_container(second)
    with open(sys.argv[2], 'wb') as out:
        w.write(out)
"#;

/// argv[1] → argv[2]: page 1's first font resource replaced by Helvetica.
const SWAP_FONT: &str = r#"
with open(sys.argv[1], 'rb') as f:
    w = IncrementalPdfFileWriter(f)
    page = pages_of(w)[0]
    fonts = page['/Resources']['/Font']
    key = list(fonts.keys())[0]
    fonts[N(key)] = w.add_object(generic.DictionaryObject({N('/Type'): N('/Font'), N('/Subtype'): N('/Type1'), N('/BaseFont'): N('/Helvetica')}))
    w.update_container(fonts)
    with open(sys.argv[2], 'wb') as out:
        w.write(out)
"#;

/// argv[1] → argv[3]: a signature dictionary, with the CMS and range of the first
/// signature of argv[2], that no field points to.
const ORPHAN_SIG: &str = r#"
from pyhanko.pdf_utils.reader import PdfFileReader
with open(sys.argv[2], 'rb') as f:
    donor = PdfFileReader(f).embedded_signatures[0].sig_object
    contents, byte_range = donor['/Contents'], [int(x) for x in donor['/ByteRange']]
with open(sys.argv[1], 'rb') as f:
    w = IncrementalPdfFileWriter(f)
    sig = w.add_object(generic.DictionaryObject({
        N('/Type'): N('/Sig'), N('/Filter'): N('/Adobe.PPKLite'), N('/SubFilter'): N('/adbe.pkcs7.detached'),
        N('/ByteRange'): box(*byte_range), N('/Contents'): generic.ByteStringObject(contents),
        N('/Name'): generic.TextStringObject('Đỗ Thị Minh Huyền'),
    }))
    # Referenced from the Info dictionary, so that every writer keeps it.
    info = w.trailer['/Info']
    info[N('/Baocao')] = sig
    w.update_container(info)
    with open(sys.argv[3], 'wb') as out:
        w.write(out)
"#;

fn run(script: &str, args: &[&Path]) {
    let mut all = vec!["-c".to_owned(), format!("{PAGES}{script}")];
    all.extend(args.iter().map(|p| s(p).to_owned()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    tool("python3", &all);
}

/// Checks that `verify` fails on `pdf` (with and without the project), calls the file
/// changed after signing and names `change`.
fn changed(pdf: &Path, project: &Path, change: &str) {
    for args in [vec![s(pdf), s(project)], vec![s(pdf)]] {
        let (ok, out) = verify(&args);
        assert!(!ok, "{out}");
        assert!(out.contains("đã bị sửa sau khi ký"), "{out}");
        assert!(out.contains(change), "{change} missing in:\n{out}");
        assert!(!out.contains("nội dung đã ký khớp"), "{out}");
    }
}

#[test]
fn an_annotation_painting_over_page_one_after_signing_is_named() {
    let t = signed_sample();
    let out = t.dir.path().join("chu-thich.pdf");
    run(ANNOTATE, &[&t.signed, &out]);
    changed(&out, &t.project, "trang 1: thêm chú thích có hình hiển thị");
}

#[test]
fn a_page_box_cut_or_a_page_turned_after_signing_is_named() {
    let t = signed_sample();
    let out = t.dir.path().join("cat-trang.pdf");
    run(CUT_PAGE, &[&t.signed, &out]);
    changed(&out, &t.project, "trang 1: đổi khổ trang");
    changed(&out, &t.project, "trang 2: xoay trang");
}

#[test]
fn a_font_swapped_after_signing_is_named() {
    let t = signed_sample();
    let out = t.dir.path().join("doi-phong.pdf");
    run(SWAP_FONT, &[&t.signed, &out]);
    changed(&out, &t.project, "trang 1: đổi phông chữ");
}

#[test]
fn a_signature_dictionary_no_field_points_to_is_not_a_signature() {
    let t = signed_sample();
    // On the unsigned export: the file is still unsigned, and the forgery is said.
    let forged = t.dir.path().join("gia-ky.pdf");
    run(ORPHAN_SIG, &[&t.pdf, &t.signed, &forged]);
    let (ok, out) = verify(&[s(&forged), s(&t.project)]);
    assert!(!ok, "{out}");
    assert!(out.contains("Chữ ký số: không có."), "{out}");
    assert!(
        out.contains("đối tượng chữ ký không thuộc trường chữ ký nào"),
        "{out}"
    );
    assert!(out.contains("chưa được ký số"), "{out}");
    assert!(!out.contains("Đỗ Thị Minh Huyền"), "{out}");

    // Appended to the signed file: a change after signing, and the bytes added are said.
    let appended = t.dir.path().join("ky-them-gia.pdf");
    run(ORPHAN_SIG, &[&t.signed, &t.signed, &appended]);
    changed(
        &appended,
        &t.project,
        "thêm đối tượng chữ ký không thuộc trường chữ ký nào",
    );
    let (_, out) = verify(&[s(&appended)]);
    assert!(out.contains("byte được thêm vào"), "{out}");
}

#[test]
fn a_second_genuine_signature_in_a_new_field_still_verifies_and_both_values_hold() {
    let t = signed_sample();
    let twice = t.dir.path().join("ky-hai-lan.pdf");
    sign(t.dir.path(), &t.signed, &twice, "Nguyễn Văn An", "ChuKy2");
    let (ok, out) = verify(&[s(&twice), s(&t.project)]);
    assert!(ok, "{out}");
    assert!(out.contains("Chữ ký số trong tệp: 2"), "{out}");
    assert_eq!(out.matches("đúng các byte đã ký").count(), 2, "{out}");
    assert!(!out.contains("đã bị sửa sau khi ký"), "{out}");
}

#[test]
fn a_signature_over_changed_bytes_or_by_another_holder_is_said() {
    let t = signed_sample();
    // One byte inside the signed range changed (the version in the header): the
    // digest no longer matches.
    let mut bytes = std::fs::read(&t.signed).unwrap();
    assert!(bytes.starts_with(b"%PDF-1."));
    bytes[7] = if bytes[7] == b'4' { b'5' } else { b'4' };
    let tampered = t.dir.path().join("sua-byte.pdf");
    std::fs::write(&tampered, &bytes).unwrap();
    let (ok, out) = verify(&[s(&tampered)]);
    assert!(!ok, "{out}");
    assert!(out.contains("giá trị băm trong chữ ký không khớp"), "{out}");

    // Signed by someone else than the printed signer: said, the content still matches.
    let other = t.dir.path().join("nguoi-khac.pdf");
    sign(t.dir.path(), &t.pdf, &other, "Trần Văn Bình", "ChuKy1");
    let (ok, out) = verify(&[s(&other)]);
    assert!(ok, "{out}");
    assert!(
        out.contains("(Trần Văn Bình) khác người ký in trên văn bản (Đỗ Thị Minh Huyền)"),
        "{out}"
    );
}
