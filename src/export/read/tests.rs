// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;

#[test]
fn revisions_end_after_each_eof_marker_and_its_line_end() {
    assert_eq!(revision_ends(b"a%%EOF\nb%%EOF\r\nc%%EOF"), vec![7, 15, 21]);
    assert_eq!(revision_ends(b"no marker"), Vec::<usize>::new());
}

#[test]
fn text_strings_are_read_in_utf16_and_in_pdfdocencoding() {
    let utf16 = Object::String(
        vec![0xFE, 0xFF, 0x00, b'X', 0x00, 0xE3],
        printpdf_lopdf::StringFormat::Hexadecimal,
    );
    assert_eq!(text(&utf16).as_deref(), Some("Xã"));
    assert_eq!(
        text(&Object::string_literal("Nguyen")).as_deref(),
        Some("Nguyen")
    );
    assert_eq!(text(&Object::Integer(3)), None);
}

#[test]
fn what_is_not_a_pdf_or_is_damaged_is_refused() {
    assert!(matches!(read_pdf(b"hello"), Err(ReadError::Damaged(_))));
    assert!(matches!(
        read_pdf(b"%PDF-1.7\n1 0 obj\n<<"),
        Err(ReadError::Damaged(_))
    ));
}

#[test]
fn a_malformed_byte_range_covers_nothing() {
    let s = |r: &[i64]| SignatureField {
        byte_range: r.to_vec(),
        ..SignatureField::default()
    };
    assert_eq!(s(&[0, 10, 20, 5]).covered_end(), 25);
    assert_eq!(s(&[]).covered_end(), 0);
    assert_eq!(s(&[0, 10, -30, 5]).covered_end(), 0);
}

#[test]
fn revisions_are_counted_only_up_to_one_past_the_limit() {
    let many = b"%%EOF\n".repeat(MAX_REVISIONS * 3);
    assert_eq!(revision_ends(&many).len(), MAX_REVISIONS + 1);
}

#[test]
fn pieces_of_an_object_stream_are_balanced_only_when_each_value_closes_in_it() {
    for whole in [
        &b"<< /Type /Font /W [1 [500 600]] >>"[..],
        b"(a string with ] and [ and \\) inside)",
        b"<48656C6C6F> 12 0 R",
        b"[1 2 3] % a comment with [\n",
        b"42",
    ] {
        assert!(walk::balanced(whole), "{}", String::from_utf8_lossy(whole));
    }
    for cut in [
        &b"[1 2"[..],
        b"<< /A [1 2] ",
        b"1 2]",
        b">>",
        b"(never closed",
        b"<4865",
    ] {
        assert!(!walk::balanced(cut), "{}", String::from_utf8_lossy(cut));
    }
}

#[test]
fn the_syntax_of_a_pdf_is_what_lies_outside_its_stream_data() {
    let pdf = b"1 0 obj << /Length 6 >>\nstream\nABCDEF\nendstream endobj";
    // From the line end after the keyword to `endstream`.
    let data = b"\nABCDEF\n".len();
    assert_eq!(syntax_bytes(pdf), pdf.len() - data);
    // A name that merely contains the word is syntax, not the start of data.
    let name = b"<< /streamlined true >> [0 0 0 0]";
    assert_eq!(syntax_bytes(name), name.len());
    // Stream data never closed: the rest is data.
    assert_eq!(syntax_bytes(b"<< >>stream\nxyz"), b"<< >>stream".len());
    // Stream data holding an object header counts from there: the table of offsets
    // could point into it.
    let hidden = b"<< >>stream\nxyz 3 0 obj [0 0 0]\nendstream";
    assert!(syntax_bytes(hidden) >= hidden.len() - b"\nxyz 3 0 ".len());
    let after_comment = b"<< >>stream\nxy%c\nobj [0 0 0] endstream";
    assert!(syntax_bytes(after_comment) >= after_comment.len() - b"\nxy%c\n".len());
    assert_eq!(syntax_bytes(b"<< >>stream\nendobj object\nendstream"), 20);
}

#[test]
fn an_array_far_larger_than_a_report_has_is_refused_before_it_is_parsed() {
    let mut pdf = b"%PDF-1.7\n1 0 obj\n[".to_vec();
    pdf.extend(b"0 ".repeat(MAX_SYNTAX_BYTES / 2 + 1));
    pdf.extend_from_slice(b"]\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    assert!(matches!(read_pdf(&pdf), Err(ReadError::TooLarge(_))));
}

/// A PDF of `objects` (numbered from 1, the first the catalog) with a correct table.
fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let n = objects.len() + 1;
    out.extend_from_slice(format!("xref\n0 {n}\n0000000000 65535 f \n").as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {n} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

const CATALOG: &[u8] = b"<< /Type /Catalog /Pages 2 0 R >>";
const NO_PAGES: &[u8] = b"<< /Type /Pages /Kids [] /Count 0 >>";

#[test]
fn a_huge_array_hidden_in_stream_data_the_table_points_into_is_refused_unparsed() {
    // Object 3's offset points inside object 4's stream data: without counting that
    // data as syntax, lopdf would parse 4 million numbers (~500 MB).
    let mut body = b"3 0 obj\n[".to_vec();
    body.extend(b"0 ".repeat(4_000_000));
    body.extend_from_slice(b"]\nendobj\n");
    let mut objects = vec![CATALOG.to_vec(), NO_PAGES.to_vec()];
    let mut stream = format!("<< /Length {} >>\nstream\n", body.len()).into_bytes();
    stream.extend_from_slice(&body);
    stream.extend_from_slice(b"\nendstream");
    objects.push(stream);
    let mut bytes = pdf_of(&objects);
    // Point object 3 at the hidden header instead of at the stream.
    let hidden = bytes.windows(9).position(|w| w == b"3 0 obj\n[").unwrap();
    let table = bytes.windows(6).rposition(|w| w == b"\nxref\n").unwrap() + 1;
    let entry = table + b"xref\n0 4\n".len() + 3 * 20;
    bytes.splice(entry..entry + 10, format!("{hidden:010}").bytes());
    let start = std::time::Instant::now();
    match read_pdf(&bytes) {
        // Refused by its size before parsing, not after by its count of values.
        Err(ReadError::TooLarge(why)) => assert!(why.contains("phần cấu trúc"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert!(start.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn an_object_stream_whose_objects_overlap_is_refused() {
    // Two objects at offsets 0 and 1 of one nested array: lopdf would parse the array
    // once for each offset.
    let data = b"[[[1 2 3]]]";
    let header = b"5 0 6 1 ";
    let mut content = header.to_vec();
    content.extend_from_slice(data);
    let mut objstm = format!(
        "<< /Type /ObjStm /N 2 /First {} /Length {} >>\nstream\n",
        header.len(),
        content.len()
    )
    .into_bytes();
    objstm.extend_from_slice(&content);
    objstm.extend_from_slice(b"\nendstream");
    let bytes = pdf_of(&[CATALOG.to_vec(), NO_PAGES.to_vec(), objstm]);
    match read_pdf(&bytes) {
        Err(ReadError::TooLarge(why)) => assert!(why.contains("chồng lên nhau"), "{why}"),
        other => panic!("{other:?}"),
    }
    // The same objects one after the other are read.
    let header = b"5 0 6 9 ";
    let data = b"[1 2 3]  [4]";
    let mut content = header.to_vec();
    content.extend_from_slice(data);
    let mut objstm = format!(
        "<< /Type /ObjStm /N 2 /First {} /Length {} >>\nstream\n",
        header.len(),
        content.len()
    )
    .into_bytes();
    objstm.extend_from_slice(&content);
    objstm.extend_from_slice(b"\nendstream");
    let bytes = pdf_of(&[CATALOG.to_vec(), NO_PAGES.to_vec(), objstm]);
    let facts = read_pdf(&bytes).unwrap();
    assert!(facts.pages.is_empty());
}
