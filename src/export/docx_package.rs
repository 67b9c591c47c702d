//! export (DOCX): the package docx-rs packed, rewritten once for what docx-rs 0.4.22
//! cannot say. Documented workarounds, each small:
//!
//! - `docProps/core.xml`: docx-rs offers no way to set the title, author, subject or
//!   keywords (its core properties are private), so the part is written here;
//! - `w:tblHeader`: docx-rs cannot mark a repeated header row; such rows carry a
//!   1-twip minimum height ([`HEADER_ROW_MARK`](super::docx_blocks::HEADER_ROW_MARK)),
//!   replaced here by `<w:tblHeader />`;
//! - every entry is written deflated with a fixed time (1980-01-01), so that the bytes
//!   depend on the input only.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::ExportError;
use crate::compose::Meta;

/// What docx-rs writes for a header row's mark (see `HEADER_ROW_MARK`).
const HEADER_ROW_XML: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

/// Rewrites the package: document properties, header rows, fixed times, deflated.
pub(super) fn finish(
    raw: Vec<u8>,
    meta: &Meta,
    draft: bool,
    stamp: &str,
) -> Result<Vec<u8>, ExportError> {
    let err = |e: &dyn std::fmt::Display| ExportError::Docx(e.to_string());
    let mut archive = ZipArchive::new(Cursor::new(raw)).map_err(|e| err(&e))?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| err(&e))?;
        let name = entry.name().to_owned();
        if entry.is_dir() {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(|e| err(&e))?;
        let bytes = match name.as_str() {
            "docProps/core.xml" => core_xml(meta, draft, stamp).into_bytes(),
            "word/document.xml" => String::from_utf8(bytes)
                .map_err(|e| err(&e))?
                .replace(HEADER_ROW_XML, "<w:tblHeader />")
                .into_bytes(),
            _ => bytes,
        };
        out.start_file(name, options).map_err(|e| err(&e))?;
        out.write_all(&bytes).map_err(|e| err(&e))?;
    }
    let cursor = out.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}

/// The core document properties, as the PDF's Info dictionary has them: a draft adds
/// the keyword `dự thảo`.
fn core_xml(meta: &Meta, draft: bool, stamp: &str) -> String {
    let mut keywords = meta.keywords.trim().to_owned();
    if draft && !keywords.contains("dự thảo") {
        if !keywords.is_empty() {
            keywords.push_str("; ");
        }
        keywords.push_str("dự thảo");
    }
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>",
            "<dc:creator>{author}</dc:creator><cp:keywords>{keywords}</cp:keywords>",
            "<dc:language>{language}</dc:language><cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
            "<cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(&meta.title),
        subject = escape(&meta.subject),
        author = escape(&meta.author),
        keywords = escape(&keywords),
        language = escape(&meta.language),
        stamp = escape(stamp),
    )
}

/// Text as XML character data (and attribute values); also written into the PDF's XMP.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot carry.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_escaped_and_a_draft_says_so() {
        let meta = Meta {
            title: "Báo cáo <quý II> & \"kết quả\"".to_owned(),
            author: "UBND xã".to_owned(),
            subject: "Sơ kết".to_owned(),
            keywords: "Nghị quyết 57-NQ/TW".to_owned(),
            language: "vi".to_owned(),
            ..Meta::default()
        };
        let xml = core_xml(&meta, true, "2026-06-30T00:00:00Z");
        assert!(
            xml.contains("<dc:title>Báo cáo &lt;quý II&gt; &amp; &quot;kết quả&quot;</dc:title>")
        );
        assert!(xml.contains("<cp:keywords>Nghị quyết 57-NQ/TW; dự thảo</cp:keywords>"));
        assert!(!core_xml(&meta, false, "x").contains("dự thảo"));
    }
}
