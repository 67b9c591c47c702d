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
//! - the header version: printpdf declares PDF 1.3, but `/Lang` is PDF 1.4.

use printpdf_lopdf::{Dictionary, Document, Object, StringFormat};

use super::fonts::Fnv;
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

    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| ExportError::Write(e.to_string()))?;
    Ok(bytes)
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
/// mark (PDFDocEncoding has no Vietnamese letters).
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::string_literal(s);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A 16-byte file identifier computed from the content (every stream, before
/// compression) and the Info dictionary: the same pages give the same ID, and any change
/// to them gives another one.
fn file_id(doc: &Document, info: &Dictionary) -> Vec<u8> {
    let mut a = Fnv::with_seed(1);
    let mut b = Fnv::with_seed(2);
    let mut feed = |bytes: &[u8]| {
        a.write(bytes);
        b.write(bytes);
    };
    for object in doc.objects.values() {
        if let Object::Stream(s) = object {
            feed(&s.content);
        }
    }
    for (key, value) in info.iter() {
        feed(key);
        if let Object::String(bytes, _) = value {
            feed(bytes);
        }
    }
    let mut id = a.finish().to_be_bytes().to_vec();
    id.extend_from_slice(&b.finish().to_be_bytes());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_stays_literal_and_vietnamese_becomes_utf16() {
        assert_eq!(text_string("baocao"), Object::string_literal("baocao"));
        let Object::String(bytes, StringFormat::Hexadecimal) = text_string("Xã") else {
            panic!("not a hex string");
        };
        assert_eq!(bytes, vec![0xFE, 0xFF, 0x00, b'X', 0x00, 0xE3]);
    }

    #[test]
    fn dates_are_written_without_a_zone() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 2, 5)
            .and_then(|d| d.and_hms_opt(9, 3, 7))
            .expect("date");
        assert_eq!(pdf_date(&PdfOptions::new(d)), "D:20260205090307");
    }
}
