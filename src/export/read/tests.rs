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
