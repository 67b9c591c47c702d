// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;

#[test]
fn pdf_times_read_as_a_clerk_writes_them() {
    assert_eq!(
        pdf_time("D:20260701093005+07'00'"),
        "01/07/2026 09:30:05 (+07:00)"
    );
    assert_eq!(pdf_time("D:20260701093005Z"), "01/07/2026 09:30:05 (UTC)");
    assert_eq!(pdf_time("D:20260701"), "01/07/2026 00:00:00");
    assert_eq!(pdf_time("hôm qua"), "hôm qua");
    assert_eq!(pdf_time(""), "");
}

/// A file of `len` bytes with a signature value `<00…>` at `hole`.
fn file_with_hole(len: usize, hole: std::ops::Range<usize>) -> Vec<u8> {
    let mut bytes = vec![b' '; len];
    bytes[hole.start] = b'<';
    bytes[hole.end - 1] = b'>';
    bytes
}

fn sig(range: &[i64]) -> SignatureField {
    SignatureField {
        byte_range: range.to_vec(),
        ..SignatureField::default()
    }
}

fn coverage(bytes: &[u8], s: &SignatureField, original_end: usize) -> (bool, Vec<String>) {
    let all = PdfFacts {
        signatures: vec![s.clone()],
        ..PdfFacts::default()
    };
    let mut lines = Vec::new();
    let ok = signature_coverage(bytes, s, original_end, &all, &mut lines);
    (ok, lines)
}

#[test]
fn a_signature_over_the_whole_file_but_its_value_is_accepted() {
    let bytes = file_with_hole(1000, 600..700);
    let (ok, lines) = coverage(&bytes, &sig(&[0, 600, 700, 300]), 500);
    assert!(ok, "{lines:?}");
    assert!(lines.is_empty(), "{lines:?}");
}

#[test]
fn a_signature_that_leaves_out_more_than_its_value_or_skips_the_start_is_refused() {
    let bytes = file_with_hole(1000, 600..700);
    for range in [
        vec![10, 590, 700, 300],
        vec![0, 550, 700, 300],
        vec![0, 600, 700, 900],
        vec![0, 600],
        vec![0, 700, 600, 300],
    ] {
        let (ok, lines) = coverage(&bytes, &sig(&range), 500);
        assert!(!ok, "{range:?}");
        assert!(lines[0].contains("ByteRange"), "{lines:?}");
    }
}

#[test]
fn a_signature_that_covers_only_part_of_the_exported_document_is_named() {
    let bytes = file_with_hole(1000, 600..700);
    let (ok, lines) = coverage(&bytes, &sig(&[0, 600, 700, 300]), 800);
    assert!(!ok);
    assert!(lines[0].contains("chỉ phủ một phần tệp"), "{lines:?}");
}

#[test]
fn bytes_appended_after_the_last_signature_are_reported() {
    let mut bytes = file_with_hole(1000, 600..700);
    bytes.extend_from_slice(b"\n9 0 obj\n<< >>\nendobj\n");
    let (ok, lines) = coverage(&bytes, &sig(&[0, 600, 700, 300]), 500);
    assert!(ok, "the signed part itself is whole");
    assert!(lines[0].contains("byte được thêm vào"), "{lines:?}");
}

#[test]
fn the_verdict_text_lists_the_signatures_and_always_says_who_checks_certificates() {
    let v = Verdict {
        signatures: vec!["người ký theo chứng thư số: A".into()],
        lines: vec!["Kết luận: x".into()],
        matches: false,
    };
    let text = v.text();
    assert!(
        text.starts_with("Chữ ký số trong tệp: 1\n  1. người ký"),
        "{text}"
    );
    assert!(text.ends_with(&format!("{CERTIFICATE_NOTE}\n")));
    assert!(
        Verdict::default()
            .text()
            .starts_with("Chữ ký số: không có.")
    );
}

#[test]
fn a_damaged_or_foreign_pdf_is_an_error_or_says_it_is_not_ours() {
    let here = Path::new("x.pdf");
    assert!(matches!(
        verify(b"not a pdf", here, None),
        Err(IssueError::Read(_))
    ));
    let v = verify(b"%PDF-1.4\n%%EOF\n", here, None);
    assert!(v.is_err() || v.is_ok_and(|v| !v.matches));
}
