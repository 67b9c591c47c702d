//! import, zipped: the guard in front of the DOCX and XLSX parsers. A zip container
//! is walked and each part that will be read is inflated through a counting reader
//! with a budget (the sizes a zip declares are not trusted: a 35 KB file may declare
//! a 1 TiB part, and a 1 MB one may inflate to 1 GiB); the XML parts are pre-scanned
//! for nesting depth with a streaming reader. What passes is repacked, stored, with
//! sizes that are now true, and only then handed to docx-rs or calamine.

use std::io::{Cursor, Read, Write};

use crate::limits::{self, Exceeded};

/// The bounds a container is read within.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Entries in the container.
    pub entries: usize,
    /// Bytes one part inflates to.
    pub part: u64,
    /// Bytes all the parts read inflate to.
    pub total: u64,
}

impl Budget {
    /// The bounds of a Word file.
    pub const DOCX: Budget = Budget {
        entries: limits::MAX_ZIP_ENTRIES,
        part: limits::MAX_DOCX_PART_BYTES,
        total: limits::MAX_DOCX_TOTAL_BYTES,
    };
    /// The bounds of a workbook.
    pub const WORKBOOK: Budget = Budget {
        entries: limits::MAX_ZIP_ENTRIES,
        part: limits::MAX_WORKBOOK_PART_BYTES,
        total: limits::MAX_WORKBOOK_TOTAL_BYTES,
    };
}

/// Why a container was not handed to its parser.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ZipProblem {
    /// Not a zip, or a part could not be inflated (damaged, encrypted).
    #[error("tệp nén bị hỏng")]
    Damaged,
    /// Over one of the bounds.
    #[error("{0}")]
    TooBig(Exceeded),
}

/// One part of a container, inflated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Every part of `bytes` whose name `wanted` accepts, inflated within `budget`.
/// Directories and unwanted parts (pictures, say) are neither inflated nor returned.
pub fn read_parts(
    bytes: &[u8],
    budget: Budget,
    wanted: impl Fn(&str) -> bool,
) -> Result<Vec<Part>, ZipProblem> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ZipProblem::Damaged)?;
    if archive.len() > budget.entries {
        return Err(ZipProblem::TooBig(Exceeded::Entries(budget.entries)));
    }
    let mut parts = Vec::new();
    let mut used: u64 = 0;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|_| ZipProblem::Damaged)?;
        let name = entry.name().to_owned();
        if entry.is_dir() || !wanted(&name) {
            continue;
        }
        let left = budget.total.saturating_sub(used);
        let limit = budget.part.min(left);
        // Counted as inflated, one byte past the limit at most; never sized from the
        // declared length.
        let mut data = Vec::new();
        (&mut entry)
            .take(limit.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|_| ZipProblem::Damaged)?;
        let got = data.len() as u64;
        if got > limit {
            return Err(ZipProblem::TooBig(if limit < budget.part {
                Exceeded::Inflated(budget.total)
            } else {
                Exceeded::Part(budget.part)
            }));
        }
        used += got;
        parts.push(Part { name, bytes: data });
    }
    Ok(parts)
}

/// The parts packed again as a stored zip, whose declared sizes are the true ones.
pub fn repack(parts: &[Part]) -> Result<Vec<u8>, ZipProblem> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    for part in parts {
        writer
            .start_file(part.name.as_str(), options)
            .map_err(|_| ZipProblem::Damaged)?;
        writer
            .write_all(&part.bytes)
            .map_err(|_| ZipProblem::Damaged)?;
    }
    writer
        .finish()
        .map(Cursor::into_inner)
        .map_err(|_| ZipProblem::Damaged)
}

/// Whether a part of a package is XML or relationships (what docx-rs and calamine
/// read; pictures and embedded files are not).
pub fn is_xml_part(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xml") || lower.ends_with(".rels")
}

/// The `mimetype` entry an OpenDocument file starts with, if any (a few bytes read).
pub fn mimetype(bytes: &[u8]) -> Option<String> {
    let parts = read_parts(
        bytes,
        Budget {
            entries: limits::MAX_ZIP_ENTRIES,
            part: 256,
            total: 256,
        },
        |name| name == "mimetype",
    )
    .ok()?;
    let part = parts.into_iter().next()?;
    String::from_utf8(part.bytes)
        .ok()
        .map(|s| s.trim().to_owned())
}

/// What a streaming pass over an XML part found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct XmlShape {
    /// Deepest element nesting.
    pub depth: usize,
    /// Deepest nesting of `tbl` elements (Word tables).
    pub tables: usize,
    /// `p` elements (Word paragraphs).
    pub paragraphs: usize,
}

/// Scans `xml` once, refusing as soon as elements nest deeper than `max_depth`, `tbl`
/// elements deeper than `max_tables` or there are more than `max_paragraphs` `p`
/// elements. Malformed XML is [`ZipProblem::Damaged`].
pub fn scan_xml(
    xml: &[u8],
    max_depth: usize,
    max_tables: usize,
    max_paragraphs: usize,
) -> Result<XmlShape, ZipProblem> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    // Whether each open element is a table: its close lowers the table depth.
    let mut open: Vec<bool> = Vec::new();
    let mut shape = XmlShape::default();
    let mut tables = 0usize;
    loop {
        match reader.read_event().map_err(|_| ZipProblem::Damaged)? {
            Event::Start(e) => {
                let local = e.local_name();
                let is_table = local.as_ref() == "tbl";
                if local.as_ref() == "p" {
                    shape.paragraphs += 1;
                }
                open.push(is_table);
                if is_table {
                    tables += 1;
                }
                shape.depth = shape.depth.max(open.len());
                shape.tables = shape.tables.max(tables);
            }
            Event::Empty(e) => {
                if e.local_name().as_ref() == "p" {
                    shape.paragraphs += 1;
                }
                shape.depth = shape.depth.max(open.len() + 1);
            }
            // The guard closes the element; a closed table lowers the table depth.
            Event::End(_) if open.pop() == Some(true) => tables -= 1,
            Event::Eof => break,
            _ => {}
        }
        if shape.tables > max_tables {
            return Err(ZipProblem::TooBig(Exceeded::TableNesting(max_tables)));
        }
        if shape.depth > max_depth {
            return Err(ZipProblem::TooBig(Exceeded::Depth(max_depth)));
        }
        if shape.paragraphs > max_paragraphs {
            return Err(ZipProblem::TooBig(Exceeded::Paragraphs(max_paragraphs)));
        }
    }
    Ok(shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let parts: Vec<Part> = parts
            .iter()
            .map(|(n, b)| Part {
                name: (*n).to_owned(),
                bytes: b.to_vec(),
            })
            .collect();
        repack(&parts).unwrap()
    }

    #[test]
    fn wanted_parts_come_back_whole_and_others_are_left_out() {
        let z = zip_of(&[("a.xml", b"<a/>"), ("media/p.png", b"\x89PNG")]);
        let parts = read_parts(&z, Budget::DOCX, |n| n.ends_with(".xml")).unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].bytes, b"<a/>");
    }

    #[test]
    fn a_part_over_its_budget_is_refused_whatever_size_it_declares() {
        let z = zip_of(&[("a.xml", &[b'x'; 2000])]);
        let small = Budget {
            entries: 10,
            part: 1000,
            total: 5000,
        };
        assert_eq!(
            read_parts(&z, small, |_| true),
            Err(ZipProblem::TooBig(Exceeded::Part(1000)))
        );
        let two = zip_of(&[("a.xml", &[b'x'; 800]), ("b.xml", &[b'y'; 800])]);
        let total = Budget {
            entries: 10,
            part: 1000,
            total: 1200,
        };
        assert_eq!(
            read_parts(&two, total, |_| true),
            Err(ZipProblem::TooBig(Exceeded::Inflated(1200)))
        );
    }

    #[test]
    fn too_many_entries_and_garbage_are_refused() {
        let z = zip_of(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        let few = Budget {
            entries: 2,
            part: 10,
            total: 10,
        };
        assert_eq!(
            read_parts(&z, few, |_| true),
            Err(ZipProblem::TooBig(Exceeded::Entries(2)))
        );
        assert_eq!(
            read_parts(b"PK\x03\x04 not really", Budget::DOCX, |_| true),
            Err(ZipProblem::Damaged)
        );
    }

    #[test]
    fn nesting_and_paragraphs_are_counted_while_streaming() {
        let xml = b"<w:document><w:body><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p>x</w:p></w:tc></w:tr></w:tbl><w:p/></w:body></w:document>";
        let shape = scan_xml(xml, 100, 10, 10).unwrap();
        assert_eq!(shape.tables, 2);
        assert_eq!(shape.paragraphs, 3);
        assert_eq!(shape.depth, 9);
        assert_eq!(
            scan_xml(xml, 100, 1, 10),
            Err(ZipProblem::TooBig(Exceeded::TableNesting(1)))
        );
        assert_eq!(
            scan_xml(xml, 5, 10, 10),
            Err(ZipProblem::TooBig(Exceeded::Depth(5)))
        );
        assert_eq!(
            scan_xml(xml, 100, 10, 2),
            Err(ZipProblem::TooBig(Exceeded::Paragraphs(2)))
        );
    }

    #[test]
    fn the_mimetype_of_an_opendocument_file_is_read() {
        let z = zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", b"<x/>"),
        ]);
        assert_eq!(
            mimetype(&z).as_deref(),
            Some("application/vnd.oasis.opendocument.spreadsheet")
        );
        assert_eq!(mimetype(&zip_of(&[("a", b"b")])), None);
    }
}
