//! export: the last touches on the document printpdf built, before it is saved.
//!
//! printpdf 0.12 cannot do these itself, so they are done on the lopdf document it
//! returns from `PdfDocument::to_lopdf_document`:
//! - the catalog's `/Lang` (printpdf has no field for it);
//! - the Info dictionary: printpdf writes dates as UTC with `+00'00'` (ours is a local
//!   time without zone) and adds PDF/X keys (`GTS_PDFXVersion`, `Trapped`,
//!   `Identifier`) that do not apply;
//! - the trailer `/ID`: printpdf draws it at random, which would make two exports of
//!   the same pages differ;
//! - the header version: printpdf declares PDF 1.3, but `/Lang` is PDF 1.4 and object
//!   streams PDF 1.5;
//! - compression: lopdf's `Document::compress` deflates at level 9 and sets up a new
//!   compressor for every stream (see [`compress_streams`]).
//! - saving: the dictionaries go into compressed object streams, indexed by a
//!   cross-reference stream (PDF 1.5), which keeps the sign-ready version of a report
//!   with its outline, metadata and attached source under 100 KB.

use libdeflater::{CompressionLvl, Compressor};
use printpdf_lopdf::{Dictionary, Document, Object, StringFormat};

use super::{ExportError, PdfOptions};
use crate::compose::Meta;

/// Sets the catalog, Info and ID, compresses every stream and saves to bytes.
pub(super) fn finish(
    doc: &mut Document,
    meta: &Meta,
    draft: bool,
    options: &PdfOptions,
) -> Result<Vec<u8>, ExportError> {
    doc.version = "1.7".to_string();

    let lang = if meta.language.trim().is_empty() {
        "vi"
    } else {
        meta.language.trim()
    };
    let catalog = doc
        .catalog_mut()
        .map_err(|e| ExportError::Library(e.to_string()))?;
    catalog.set("Lang", Object::string_literal(lang));
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );

    let info = info_dict(meta, draft, options);
    let id = file_id(doc, &info);
    // Replace printpdf's Info dictionary in place, keeping its object number.
    match doc.trailer.get(b"Info") {
        Ok(Object::Reference(info_id)) => {
            let info_id = *info_id;
            doc.objects.insert(info_id, Object::Dictionary(info));
        }
        _ => {
            let info_id = doc.add_object(info);
            doc.trailer.set("Info", Object::Reference(info_id));
        }
    }
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );

    compress_streams(doc)?;
    let mut bytes = Vec::new();
    // The dictionaries (pages, fonts, outline entries) go compressed into object
    // streams with a cross-reference stream (PDF 1.5): the outline's UTF-16 titles
    // alone would otherwise cost several kilobytes.
    let save = printpdf_lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .max_objects_per_stream(OBJECTS_PER_STREAM)
        .compression_level(OBJECT_STREAM_LEVEL)
        .build();
    doc.save_with_options(&mut bytes, save)
        .map_err(|e| ExportError::Write(e.to_string()))?;
    Ok(bytes)
}

/// Deflate levels (libdeflate's scale, 1–12). Level 1 is libdeflate's fastest matcher:
/// on the sample's font programs, content streams and CMaps it costs less than half of
/// level 4 for 1 % more bytes (see `benches/NOTES.md`).
const FONT_PROGRAM_LEVEL: i32 = 1;
const OTHER_LEVEL: i32 = 1;
/// lopdf deflates the object stream itself, with flate2 (a new compressor); 1 to 3
/// mean its fast level.
const OBJECT_STREAM_LEVEL: u32 = 1;
/// All of a report's dictionaries fit in one object stream.
const OBJECTS_PER_STREAM: usize = 1000;
/// An attached report source is one long text, deflated once: a lazy level saves
/// about a seventh of what level 1 gives, which keeps the sample's sign-ready PDF well
/// under 100 KB; level 9 would save another 1.5 % of it at twice the cost.
const EMBEDDED_FILE_LEVEL: i32 = 6;

/// Deflates every stream that may be compressed and is not yet, as lopdf's
/// `Document::compress` does (same filter, same "only if it saves more than the filter
/// entry costs" rule), but at the levels above and with libdeflate, which compresses
/// a whole buffer at once: zlib (lopdf's and flate2's) clears a 128 KB table for each
/// stream and costs about twice the instructions per byte at the same size.
fn compress_streams(doc: &mut Document) -> Result<(), ExportError> {
    let mut compressors: Vec<(i32, Compressor)> = Vec::new();
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        // TrueType font programs (`/FontFile2`) are the streams with a `/Length1`.
        let embedded_file = stream
            .dict
            .get(b"Type")
            .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"EmbeddedFile"));
        let level = if stream.dict.has(b"Length1") {
            FONT_PROGRAM_LEVEL
        } else if embedded_file {
            EMBEDDED_FILE_LEVEL
        } else {
            OTHER_LEVEL
        };
        let compressed = deflate(&mut compressors, level, &stream.content)?;
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
    Ok(())
}

/// `input` as one complete zlib stream at `level`, with the compressor of that level
/// made on first use.
fn deflate(
    compressors: &mut Vec<(i32, Compressor)>,
    level: i32,
    input: &[u8],
) -> Result<Vec<u8>, ExportError> {
    let index = match compressors.iter().position(|(l, _)| *l == level) {
        Some(i) => i,
        None => {
            let lvl = CompressionLvl::new(level)
                .map_err(|e| ExportError::Write(format!("deflate level {level}: {e:?}")))?;
            compressors.push((level, Compressor::new(lvl)));
            compressors.len() - 1
        }
    };
    let Some((_, compressor)) = compressors.get_mut(index) else {
        return Err(ExportError::Write("deflate: no compressor".to_string()));
    };
    let mut out = vec![0; compressor.zlib_compress_bound(input.len())];
    let written = compressor
        .zlib_compress(input, &mut out)
        .map_err(|e| ExportError::Write(format!("deflate: {e:?}")))?;
    out.truncate(written);
    Ok(out)
}

fn info_dict(meta: &Meta, draft: bool, options: &PdfOptions) -> Dictionary {
    let mut keywords = meta.keywords.trim().to_string();
    if draft && !keywords.contains("dự thảo") {
        if !keywords.is_empty() {
            keywords.push_str(", ");
        }
        keywords.push_str("dự thảo");
    }
    let date = pdf_date(options);
    let mut info = Dictionary::new();
    let fields = [
        ("Title", meta.title.trim()),
        ("Author", meta.author.trim()),
        ("Subject", meta.subject.trim()),
        ("Keywords", keywords.as_str()),
        ("Creator", options.creator.trim()),
        ("Producer", options.producer.trim()),
    ];
    for (key, value) in fields {
        if !value.is_empty() {
            info.set(key, text_string(value));
        }
    }
    info.set("CreationDate", Object::string_literal(date.clone()));
    info.set("ModDate", Object::string_literal(date));
    info
}

/// A PDF date, `D:YYYYMMDDHHmmSS`. The time is the clerk's local time; with no zone
/// known, none is written (ISO 32000-1, 7.9.4 allows that).
fn pdf_date(options: &PdfOptions) -> String {
    options.creation_date.format("D:%Y%m%d%H%M%S").to_string()
}

/// A PDF text string: plain bytes when ASCII, otherwise UTF-16BE with a byte order
/// mark (PDFDocEncoding has no Vietnamese letters). Both are literal strings: lopdf
/// escapes what must be escaped in them, and writes a hexadecimal string a byte at a
/// time through `fmt` (the outline's titles made that a tenth of the writer's cost).
pub(super) fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::string_literal(s);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Literal)
}

/// A 16-byte file identifier computed from the content (every stream, before
/// compression) and the Info dictionary: the same pages give the same ID, and any change
/// to them gives another one.
fn file_id(doc: &Document, info: &Dictionary) -> Vec<u8> {
    let mut hash = IdHash::default();
    for object in doc.objects.values() {
        if let Object::Stream(s) = object {
            hash.write(&s.content);
        }
    }
    for (key, value) in info.iter() {
        hash.write(key);
        if let Object::String(bytes, _) = value {
            hash.write(bytes);
        }
    }
    hash.finish()
}

/// A stable 128-bit hash for the file ID: two multiply–rotate lanes fed eight bytes at
/// a time (a byte-at-a-time hash over every stream cost a noticeable share of an
/// export). Not for security; the ID only has to follow the content.
struct IdHash {
    lanes: [u64; 2],
}

impl Default for IdHash {
    fn default() -> Self {
        Self {
            lanes: [0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344],
        }
    }
}

impl IdHash {
    fn word(&mut self, w: u64) {
        let [a, b] = &mut self.lanes;
        *a = (*a ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
        *b = (*b ^ w).wrapping_mul(0xC2B2_AE3D_27D4_EB4F).rotate_left(31);
    }

    /// Feeds `bytes` and their length, so that pieces fed one after the other cannot
    /// be confused with a different split of the same bytes.
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            self.word(u64::from_le_bytes(w));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.word(u64::from_le_bytes(last));
        self.word(bytes.len() as u64);
    }

    fn finish(&self) -> Vec<u8> {
        let [a, b] = self.lanes;
        // A final mix, so every input bit reaches every output bit.
        let mix = |x: u64, y: u64| {
            let z = (x ^ y.rotate_left(17)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
            z ^ (z >> 33)
        };
        let mut id = mix(a, b).to_be_bytes().to_vec();
        id.extend_from_slice(&mix(b, a).to_be_bytes());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_stays_literal_and_vietnamese_becomes_utf16() {
        assert_eq!(text_string("baocao"), Object::string_literal("baocao"));
        let Object::String(bytes, StringFormat::Literal) = text_string("Xã") else {
            panic!("not a literal string");
        };
        assert_eq!(bytes, vec![0xFE, 0xFF, 0x00, b'X', 0x00, 0xE3]);
    }

    #[test]
    fn the_id_follows_every_byte_and_the_split_of_the_pieces() {
        let id = |pieces: &[&[u8]]| {
            let mut h = IdHash::default();
            for p in pieces {
                h.write(p);
            }
            h.finish()
        };
        let base = id(&[b"stream one, long enough to fill words", b"two"]);
        assert_eq!(base.len(), 16);
        assert_eq!(
            base,
            id(&[b"stream one, long enough to fill words", b"two"])
        );
        assert_ne!(
            base,
            id(&[b"stream one, long enough to fill words", b"twO"])
        );
        assert_ne!(
            base,
            id(&[b"stream one, long enough to fill word", b"stwo"])
        );
        assert_ne!(id(&[b"ab"]), id(&[b"ab\0"]));
    }

    #[test]
    fn streams_are_deflated_to_what_they_were() {
        use std::io::Read;
        let text: Vec<u8> = (0..20_000u32)
            .flat_map(|i| format!("BT /F1 12 Tf {i} 700 Td <0012> Tj ET\n").into_bytes())
            .collect();
        let mut compressors = Vec::new();
        let levels = [FONT_PROGRAM_LEVEL, OTHER_LEVEL, EMBEDDED_FILE_LEVEL];
        for level in levels {
            for input in [&text[..], b"", &text[..100]] {
                let packed = deflate(&mut compressors, level, input).expect("deflate");
                let mut unpacked = Vec::new();
                flate2::read::ZlibDecoder::new(&packed[..])
                    .read_to_end(&mut unpacked)
                    .expect("inflate");
                assert_eq!(unpacked, input);
                if input.len() > 1000 {
                    assert!(packed.len() * 10 < input.len(), "level {level}");
                }
            }
        }
        // One compressor per level, reused.
        let mut distinct = levels.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(compressors.len(), distinct.len());
        assert!(deflate(&mut compressors, 13, b"x").is_err());
    }

    #[test]
    fn dates_are_written_without_a_zone() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 2, 5)
            .and_then(|d| d.and_hms_opt(9, 3, 7))
            .expect("date");
        assert_eq!(pdf_date(&PdfOptions::new(d)), "D:20260205090307");
    }
}
