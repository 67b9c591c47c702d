//! Hostile PDFs handed to `baocao verify` (and to the window, which reads PDFs with the
//! same reader): each made here by a small generator, never kept as a file, and each
//! refused (or read) quickly with a reason in Vietnamese — an object stream inflating to
//! 4.2 GB, a 32 MiB attachment, a page listed 1,000 times, an attachment tree pointing
//! back at itself, 100,000 `%%EOF` markers. The time bound is a generous sanity check;
//! the real figures (`/usr/bin/time -v`) are in the report of the change.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::sign_verify::{s, verify};

/// A PDF of the given objects (numbered from 1; object 1 is the catalog), with a
/// correct cross-reference table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn obj(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// A zlib stream that inflates to about `size` zero bytes: one fixed-Huffman block of a
/// literal 0 and then copies of 258 bytes at distance 1 (13 bits each), never ended.
fn zlib_bomb(size: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        used: u32,
    }
    impl Bits {
        fn lsb(&mut self, value: u32, n: u32) {
            for i in 0..n {
                self.bit((value >> i) & 1);
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, value: u32, n: u32) {
            for i in (0..n).rev() {
                self.bit((value >> i) & 1);
            }
        }
        fn bit(&mut self, b: u32) {
            if self.used.is_multiple_of(8) {
                self.out.push(0);
            }
            *self.out.last_mut().unwrap() |= (b as u8) << (self.used % 8);
            self.used += 1;
        }
    }
    let mut w = Bits {
        out: vec![0x78, 0x01],
        used: 0,
    };
    w.lsb(1, 1); // last block
    w.lsb(1, 2); // fixed Huffman codes
    w.code(0x30, 8); // literal 0
    for _ in 0..40 {
        w.code(0b1100_0101, 8); // length 258
        w.code(0, 5); // distance 1
    }
    // From the third byte on the bits repeat every 8 copies (104 bits, 13 bytes).
    let mut out = w.out;
    out.truncate(2 + 2 + 13);
    let copies = size / 258;
    let len = usize::try_from(copies * 13 / 8).unwrap() + 4;
    while out.len() < len {
        let end = (len - out.len()).min(13);
        out.extend_from_within(4..4 + end);
    }
    out
}

/// Runs `verify` on `bytes` written to a file: it must fail within the time bound
/// saying `reason`.
fn refused_quickly(dir: &Path, name: &str, bytes: &[u8], reason: &str) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let start = Instant::now();
    let (ok, out) = verify(&[s(&path)]);
    let took = start.elapsed();
    assert!(!ok, "{name}: {out}");
    assert!(
        out.contains(reason),
        "{name}: «{reason}» missing in:\n{out}"
    );
    assert!(took < Duration::from_secs(2), "{name}: {took:?}");
}

#[test]
fn an_object_stream_inflating_to_gigabytes_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = zlib_bomb(4_200_000_000);
    let bytes = pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [] /Count 0 >>"),
        stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &bomb),
    ]);
    refused_quickly(
        dir.path(),
        "bom.pdf",
        &bytes,
        "luồng đối tượng lớn hơn 8 MB",
    );
}

#[test]
fn a_32_mib_attachment_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let big = deflate(&vec![b'a'; 32 * 1024 * 1024]);
    let bytes = pdf(&[
        obj(
            "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(bao-cao.ron) 3 0 R] >> >> >>",
        ),
        obj("<< /Type /Pages /Kids [] /Count 0 >>"),
        obj("<< /Type /Filespec /F (bao-cao.ron) /EF << /F 4 0 R >> >>"),
        stream("/Type /EmbeddedFile /Filter /FlateDecode", &big),
    ]);
    refused_quickly(
        dir.path(),
        "dinh-kem.pdf",
        &bytes,
        "tệp đính kèm lớn hơn 8 MB",
    );
}

#[test]
fn a_page_listed_a_thousand_times_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let kids = "3 0 R ".repeat(1000);
    let content = deflate(&b"0 0 m 1 1 l S\n".repeat(500_000));
    let bytes = pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj(&format!("<< /Type /Pages /Kids [{kids}] /Count 1000 >>")),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"),
        stream("/Filter /FlateDecode", &content),
    ]);
    refused_quickly(
        dir.path(),
        "trang-lap.pdf",
        &bytes,
        "được liệt kê nhiều lần",
    );
}

#[test]
fn an_attachment_tree_pointing_back_at_itself_is_read_once_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let kids = "3 0 R ".repeat(20);
    let bytes = pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>"),
        obj("<< /Type /Pages /Kids [] /Count 0 >>"),
        obj(&format!("<< /Kids [{kids}] >>")),
    ]);
    refused_quickly(
        dir.path(),
        "cay-vong.pdf",
        &bytes,
        "không do chương trình baocao xuất ra",
    );
}

#[test]
fn a_hundred_thousand_end_of_file_markers_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [] /Count 0 >>"),
    ]);
    bytes.extend(b"%%EOF\n".repeat(100_000));
    refused_quickly(dir.path(), "eof.pdf", &bytes, "lần cập nhật");
}

#[test]
fn the_window_reads_the_same_hostile_files_with_the_same_refusals() {
    let big = deflate(&vec![b'a'; 32 * 1024 * 1024]);
    let attachment = pdf(&[
        obj(
            "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(bao-cao.ron) 3 0 R] >> >> >>",
        ),
        obj("<< /Type /Pages /Kids [] /Count 0 >>"),
        obj("<< /Type /Filespec /F (bao-cao.ron) /EF << /F 4 0 R >> >>"),
        stream("/Type /EmbeddedFile /Filter /FlateDecode", &big),
    ]);
    let start = Instant::now();
    let e = baocao::issue::read_source(&attachment, Path::new("x.pdf")).unwrap_err();
    assert!(e.to_string().contains("tệp đính kèm lớn hơn 8 MB"), "{e}");
    assert!(start.elapsed() < Duration::from_secs(2));
}
