//! Small generators of the hostile files of issue 30 (never committed: a 1 GiB
//! inflating Word file is made here in ~1 MB): Word files with tables nested 1,000
//! deep, a part declaring 1 TiB, a part inflating to 1 GiB; a workbook with a 3 GiB
//! shared string; an OpenDocument sheet renamed `.xlsx`; a 1,000,000-row CSV; and
//! the CSV files Excel writes on a Vietnamese Windows. Shared by the tests and by
//! `examples/make_hostile.rs`, which `benches/hostile.sh` measures.

use std::io::Write;

/// One entry of a hand-made zip: its bytes as stored, how, and the sizes it declares.
pub struct RawEntry {
    pub name: String,
    /// 0 stored, 8 deflated.
    pub method: u16,
    pub data: Vec<u8>,
    pub crc: u32,
    /// The inflated size the entry declares (true or not).
    pub declared: u64,
}

impl RawEntry {
    /// A stored entry with true sizes.
    pub fn stored(name: &str, bytes: &[u8]) -> RawEntry {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        RawEntry {
            name: name.to_owned(),
            method: 0,
            data: bytes.to_vec(),
            crc: crc.sum(),
            declared: bytes.len() as u64,
        }
    }
}

/// A zip written byte by byte, so that it can declare what it likes; sizes of 4 GiB
/// and more are declared through the zip64 extra field.
pub fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let big = e.declared >= 0xFFFF_FFFF;
        let (comp32, uncomp32) = if big {
            (0xFFFF_FFFFu32, 0xFFFF_FFFFu32)
        } else {
            (e.data.len() as u32, e.declared as u32)
        };
        let mut extra = Vec::new();
        if big {
            extra.extend(1u16.to_le_bytes());
            extra.extend(16u16.to_le_bytes());
            extra.extend(e.declared.to_le_bytes());
            extra.extend((e.data.len() as u64).to_le_bytes());
        }
        let version: u16 = if big { 45 } else { 20 };
        // Local header.
        out.extend(0x0403_4b50u32.to_le_bytes());
        out.extend(version.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out.extend(e.method.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out.extend(0x21u16.to_le_bytes());
        out.extend(e.crc.to_le_bytes());
        out.extend(comp32.to_le_bytes());
        out.extend(uncomp32.to_le_bytes());
        out.extend((e.name.len() as u16).to_le_bytes());
        out.extend((extra.len() as u16).to_le_bytes());
        out.extend(e.name.as_bytes());
        out.extend(&extra);
        out.extend(&e.data);
        // Central directory header.
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(version.to_le_bytes());
        central.extend(version.to_le_bytes());
        central.extend(0u16.to_le_bytes());
        central.extend(e.method.to_le_bytes());
        central.extend(0u16.to_le_bytes());
        central.extend(0x21u16.to_le_bytes());
        central.extend(e.crc.to_le_bytes());
        central.extend(comp32.to_le_bytes());
        central.extend(uncomp32.to_le_bytes());
        central.extend((e.name.len() as u16).to_le_bytes());
        central.extend((extra.len() as u16).to_le_bytes());
        central.extend(0u16.to_le_bytes());
        central.extend(0u16.to_le_bytes());
        central.extend(0u16.to_le_bytes());
        central.extend(0u32.to_le_bytes());
        central.extend(offset.to_le_bytes());
        central.extend(e.name.as_bytes());
        central.extend(&extra);
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A raw deflate stream inflating to `head`, then `megabytes` MiB of `fill`, then
/// `tail`, made in ~1 KB per MiB: one MiB of `fill` is compressed once, ending on a
/// full flush (byte-aligned, no back-references), and repeated. With the checksum of
/// what it inflates to, combined per MiB rather than computed over gigabytes.
pub fn deflate_bomb(head: &[u8], fill: u8, megabytes: usize, tail: &[u8]) -> (Vec<u8>, u32) {
    use flate2::{Compress, Compression, FlushCompress};
    let block = |input: &[u8], flush: FlushCompress| {
        let mut c = Compress::new(Compression::best(), false);
        let mut out = Vec::with_capacity(input.len() / 500 + 1024);
        c.compress_vec(input, &mut out, flush).unwrap();
        out
    };
    let crc_of = |bytes: &[u8]| {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        crc
    };
    let filler = vec![fill; 1024 * 1024];
    let mut out = block(head, FlushCompress::Full);
    let mut crc = crc_of(head);
    let mib = block(&filler, FlushCompress::Full);
    let mib_crc = crc_of(&filler);
    for _ in 0..megabytes {
        out.extend(&mib);
        crc.combine(&mib_crc);
    }
    out.extend(block(tail, FlushCompress::Finish));
    crc.combine(&crc_of(tail));
    (out, crc.sum())
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#;

const DOC_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
const DOC_TAIL: &str = "</w:body></w:document>";

/// A Word file whose body is `body` (WordprocessingML inside `w:body`).
pub fn docx_with_body(body: &str) -> Vec<u8> {
    raw_zip(&[
        RawEntry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        RawEntry::stored("_rels/.rels", RELS.as_bytes()),
        RawEntry::stored("word/_rels/document.xml.rels", DOC_RELS.as_bytes()),
        RawEntry::stored(
            "word/document.xml",
            format!("{DOC_HEAD}{body}{DOC_TAIL}").as_bytes(),
        ),
    ])
}

/// Tables nested `depth` deep, a paragraph in the innermost cell (~37 KB for 1,000).
pub fn nested_tables_docx(depth: usize) -> Vec<u8> {
    let mut body = String::new();
    for _ in 0..depth {
        body.push_str("<w:tbl><w:tr><w:tc>");
    }
    body.push_str("<w:p><w:r><w:t>Ủy ban nhân dân</w:t></w:r></w:p>");
    for _ in 0..depth {
        body.push_str("</w:tc></w:tr></w:tbl>");
    }
    body.push_str("<w:p><w:r><w:t>Hết</w:t></w:r></w:p>");
    docx_with_body(&body)
}

/// A Word file whose `document.xml` declares 1 TiB (its bytes are a short document).
pub fn terabyte_docx() -> Vec<u8> {
    let xml = format!("{DOC_HEAD}<w:p><w:r><w:t>x</w:t></w:r></w:p>{DOC_TAIL}");
    let mut deflated = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    deflated.write_all(xml.as_bytes()).unwrap();
    let mut crc = flate2::Crc::new();
    crc.update(xml.as_bytes());
    raw_zip(&[
        RawEntry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        RawEntry::stored("_rels/.rels", RELS.as_bytes()),
        RawEntry::stored("word/_rels/document.xml.rels", DOC_RELS.as_bytes()),
        RawEntry {
            name: "word/document.xml".to_owned(),
            method: 8,
            data: deflated.finish().unwrap(),
            crc: crc.sum(),
            declared: 1 << 40,
        },
    ])
}

/// A Word file of ~`megabytes` KB whose `document.xml` inflates to `megabytes` MiB of
/// blanks inside the body (sizes and checksum true).
pub fn inflating_docx(megabytes: usize) -> Vec<u8> {
    let (data, crc) = deflate_bomb(DOC_HEAD.as_bytes(), b' ', megabytes, DOC_TAIL.as_bytes());
    let declared = (DOC_HEAD.len() + DOC_TAIL.len() + megabytes * 1024 * 1024) as u64;
    raw_zip(&[
        RawEntry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        RawEntry::stored("_rels/.rels", RELS.as_bytes()),
        RawEntry::stored("word/_rels/document.xml.rels", DOC_RELS.as_bytes()),
        RawEntry {
            name: "word/document.xml".to_owned(),
            method: 8,
            data,
            crc,
            declared,
        },
    ])
}

const XL_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const XL_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const XL_WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const XL_WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const XL_SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#;

/// A workbook whose one shared string inflates to `megabytes` MiB (~`megabytes` KB).
pub fn huge_shared_string_xlsx(megabytes: usize) -> Vec<u8> {
    let head = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#;
    let tail = "</t></si></sst>";
    let (data, crc) = deflate_bomb(head.as_bytes(), b'a', megabytes, tail.as_bytes());
    let declared = (head.len() + tail.len() + megabytes * 1024 * 1024) as u64;
    raw_zip(&[
        RawEntry::stored("[Content_Types].xml", XL_TYPES.as_bytes()),
        RawEntry::stored("_rels/.rels", XL_RELS.as_bytes()),
        RawEntry::stored("xl/workbook.xml", XL_WORKBOOK.as_bytes()),
        RawEntry::stored("xl/_rels/workbook.xml.rels", XL_WORKBOOK_RELS.as_bytes()),
        RawEntry::stored("xl/worksheets/sheet1.xml", XL_SHEET.as_bytes()),
        RawEntry {
            name: "xl/sharedStrings.xml".to_owned(),
            method: 8,
            data,
            crc,
            declared,
        },
    ])
}

/// An OpenDocument sheet (a few hundred bytes) whose one row repeats a million times
/// across a thousand columns: read densely, it asks for gigabytes.
pub fn ods_posing_as_xlsx() -> Vec<u8> {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="1024" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    raw_zip(&[
        RawEntry::stored(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        RawEntry::stored("content.xml", content.as_bytes()),
    ])
}

/// A CSV indicator table of `rows` rows (~11 bytes a row).
pub fn many_rows_csv(rows: usize) -> Vec<u8> {
    let mut out = String::with_capacity(rows * 12 + 64);
    out.push_str("STT,Tên chỉ tiêu,Chỉ tiêu năm\n");
    for i in 1..=rows {
        out.push_str(&format!("{i},c,1\n"));
    }
    out.into_bytes()
}

/// The indicator table Excel on a Vietnamese Windows saves as plain "CSV": code page
/// 1258, tone marks as combining characters, semicolons (the list separator there).
pub fn cp1258_csv() -> Vec<u8> {
    // "Tên chỉ tiêu": T, ê (0xEA), n; ch, i + hook above (0xD2); ti, ê, u. "năm": ă is 0xE3.
    let mut out = b"STT;T\xEAn chi\xD2 ti\xEAu;Chi\xD2 ti\xEAu n\xE3m\r\n".to_vec();
    // "Ủy ban nhân dân": U + hook above (0xD2), y ... n + a^ (0xE2) n.
    out.extend(b"1;\x55\xD2y ban nh\xE2n d\xE2n;100\r\n");
    // "Chuyển đổi số": Chuy e^ + hook (0xEA 0xD2) n, d-bar (0xF0) o^ + hook (0xF4 0xD2) i, s o^ + acute (0xF4 0xEC).
    out.extend(b"2;Chuy\xEA\xD2n \xF0\xF4\xD2i s\xF4\xEC;90\r\n");
    out
}

/// The task table Excel saves as "Unicode Text": UTF-16 LE with a byte order mark,
/// tab-separated.
pub fn utf16_tab_csv() -> Vec<u8> {
    let text = "STT\tNhiệm vụ\tĐơn vị chủ trì\r\n1\tChuyển đổi số\tỦy ban nhân dân\r\n";
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend(unit.to_le_bytes());
    }
    out
}
