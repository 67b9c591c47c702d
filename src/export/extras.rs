//! export: what a PDF carries besides its pages, added to the document printpdf built
//! before [`finish`](super::finish) saves it: the outline (bookmarks) from the headings
//! layout placed, the XMP metadata with Decree 30's Appendix VI fields, and attached
//! files (the report's source in a sign-ready final version).
//!
//! Everything here reads layout's pages and the composed metadata; nothing is laid
//! out. Objects are added in a fixed order, so the same input gives the same bytes.

use chrono::NaiveDateTime;
use printpdf_lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::ExportError;
use super::docx_package::escape as esc;
use super::finish::text_string;
use crate::compose::Meta;
use crate::layout::Pages;

/// A file attached to the PDF (an `/EmbeddedFile` in the catalog's `/Names` tree and
/// in its `/AF` array).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// The file name shown by readers (`pdfdetach -list`).
    pub name: String,
    /// What the file is, in Vietnamese (`/Desc`).
    pub description: String,
    /// Its MIME type (`text/plain`).
    pub mime: String,
    /// Its bytes.
    pub data: Vec<u8>,
}

/// Adds the outline, the XMP metadata and the attachments to `doc`.
pub(super) fn add(
    doc: &mut Document,
    pages: &Pages,
    meta: &Meta,
    draft: bool,
    date: NaiveDateTime,
    attachments: &[Attachment],
) -> Result<(), ExportError> {
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let outline = add_outline(doc, pages, &page_ids);
    let xmp = xmp_packet(meta, draft, date, page_ids.len());
    let stream = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp.into_bytes(),
    );
    let metadata = doc.add_object(stream);
    let files = add_attachments(doc, attachments, date);

    let catalog = doc
        .catalog_mut()
        .map_err(|e| ExportError::Library(e.to_string()))?;
    catalog.set("Metadata", Object::Reference(metadata));
    if let Some(outline) = outline {
        catalog.set("Outlines", Object::Reference(outline));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    if !files.is_empty() {
        let names: Vec<Object> = files
            .iter()
            .flat_map(|(name, spec)| [text_string(name), Object::Reference(*spec)])
            .collect();
        let tree = Dictionary::from_iter(vec![("Names", Object::Array(names))]);
        catalog.set(
            "Names",
            Dictionary::from_iter(vec![("EmbeddedFiles", Object::Dictionary(tree))]),
        );
        let af = files.iter().map(|(_, s)| Object::Reference(*s)).collect();
        catalog.set("AF", Object::Array(af));
    }
    Ok(())
}

/// One outline entry before it becomes a dictionary.
struct Entry {
    title: String,
    dest: Object,
    children: Vec<Entry>,
}

/// The outline of the headings, nested by level; `None` when there is no heading.
fn add_outline(doc: &mut Document, pages: &Pages, page_ids: &[ObjectId]) -> Option<ObjectId> {
    let mut flat = Vec::new();
    for (page, id) in pages.pages.iter().zip(page_ids) {
        for h in &page.headings {
            let top = super::pdf::round(page.height.0 - h.y.0);
            let dest = Object::Array(vec![
                Object::Reference(*id),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(top),
                Object::Null,
            ]);
            flat.push((h.level.max(1), h.title.clone(), dest));
        }
    }
    if flat.is_empty() {
        return None;
    }
    let roots = nest(flat);
    let root = doc.new_object_id();
    let count = roots.len();
    let (first, last) = add_entries(doc, roots, root);
    let mut dict = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Outlines".to_vec())),
        ("Count", Object::Integer(count as i64)),
    ]);
    if let (Some(first), Some(last)) = (first, last) {
        dict.set("First", Object::Reference(first));
        dict.set("Last", Object::Reference(last));
    }
    doc.objects.insert(root, Object::Dictionary(dict));
    Some(root)
}

/// Nests headings by level: each heading goes under the nearest earlier heading of a
/// lower level.
fn nest(flat: Vec<(u8, String, Object)>) -> Vec<Entry> {
    // The open path: (level, entry) from the root down.
    let mut stack: Vec<(u8, Entry)> = Vec::new();
    let mut roots = Vec::new();
    let close = |stack: &mut Vec<(u8, Entry)>, roots: &mut Vec<Entry>| {
        if let Some((_, done)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => parent.children.push(done),
                None => roots.push(done),
            }
        }
    };
    for (level, title, dest) in flat {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            close(&mut stack, &mut roots);
        }
        stack.push((
            level,
            Entry {
                title,
                dest,
                children: Vec::new(),
            },
        ));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    roots
}

/// Writes `entries` as the children of `parent`; returns the first and last child.
/// Entries with children start closed (a negative `/Count`), so the outline opens on
/// the top-level headings.
fn add_entries(
    doc: &mut Document,
    entries: Vec<Entry>,
    parent: ObjectId,
) -> (Option<ObjectId>, Option<ObjectId>) {
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    for (i, entry) in entries.into_iter().enumerate() {
        let id = ids[i];
        let mut dict = Dictionary::from_iter(vec![
            ("Title", text_string(&entry.title)),
            ("Parent", Object::Reference(parent)),
            ("Dest", entry.dest),
        ]);
        if let Some(prev) = i.checked_sub(1).and_then(|p| ids.get(p)) {
            dict.set("Prev", Object::Reference(*prev));
        }
        if let Some(next) = ids.get(i + 1) {
            dict.set("Next", Object::Reference(*next));
        }
        let children = entry.children.len();
        if let (Some(first), Some(last)) = add_entries(doc, entry.children, id) {
            dict.set("First", Object::Reference(first));
            dict.set("Last", Object::Reference(last));
            dict.set("Count", Object::Integer(-(children as i64)));
        }
        doc.objects.insert(id, Object::Dictionary(dict));
    }
    (ids.first().copied(), ids.last().copied())
}

/// Adds each attachment as an embedded file and its file specification; returns the
/// names and the specifications, in the given order.
fn add_attachments(
    doc: &mut Document,
    attachments: &[Attachment],
    date: NaiveDateTime,
) -> Vec<(String, ObjectId)> {
    let date = Object::string_literal(date.format("D:%Y%m%d%H%M%S").to_string());
    let mut out = Vec::new();
    for a in attachments {
        let params = Dictionary::from_iter(vec![
            ("Size", Object::Integer(a.data.len() as i64)),
            ("ModDate", date.clone()),
        ]);
        let stream = Stream::new(
            Dictionary::from_iter(vec![
                ("Type", Object::Name(b"EmbeddedFile".to_vec())),
                ("Subtype", Object::Name(a.mime.as_bytes().to_vec())),
                ("Params", Object::Dictionary(params)),
            ]),
            a.data.clone(),
        );
        let file = doc.add_object(stream);
        let ef = Dictionary::from_iter(vec![
            ("F", Object::Reference(file)),
            ("UF", Object::Reference(file)),
        ]);
        let ascii: String = a
            .name
            .chars()
            .map(|c| if c.is_ascii_graphic() { c } else { '_' })
            .collect();
        let spec = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Filespec".to_vec())),
            (
                "F",
                Object::String(ascii.into_bytes(), StringFormat::Literal),
            ),
            ("UF", text_string(&a.name)),
            ("Desc", text_string(&a.description)),
            ("AFRelationship", Object::Name(b"Source".to_vec())),
            ("EF", Object::Dictionary(ef)),
        ]);
        out.push((a.name.clone(), doc.add_object(spec)));
    }
    out
}

/// Namespace of Decree 30's Appendix VI fields in the XMP packet.
pub const ND30_NS: &str = "urn:baocao:nd30:phu-luc-vi:1/";

/// The XMP packet: Dublin Core, PDF and XMP basics, and the Appendix VI fields.
fn xmp_packet(meta: &Meta, draft: bool, date: NaiveDateTime, page_count: usize) -> String {
    let r = &meta.record;
    let date = date.format("%Y-%m-%dT%H:%M:%S").to_string();
    let lang = if meta.language.trim().is_empty() {
        "vi"
    } else {
        meta.language.trim()
    };
    let mut keywords = meta.keywords.trim().to_string();
    if draft && !keywords.contains("dự thảo") {
        if !keywords.is_empty() {
            keywords.push_str(", ");
        }
        keywords.push_str("dự thảo");
    }
    let alt = |v: &str| {
        format!(
            "<rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>",
            esc(v)
        )
    };
    let mut x = String::new();
    x.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str("<rdf:Description rdf:about=\"\"");
    x.push_str(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"");
    x.push_str(" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"");
    x.push_str(" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"");
    x.push_str(&format!(" xmlns:nd30=\"{ND30_NS}\">\n"));
    x.push_str(&format!("<dc:title>{}</dc:title>\n", alt(&meta.title)));
    if !meta.author.trim().is_empty() {
        x.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            esc(meta.author.trim())
        ));
    }
    if !meta.subject.trim().is_empty() {
        x.push_str(&format!(
            "<dc:description>{}</dc:description>\n",
            alt(meta.subject.trim())
        ));
    }
    x.push_str(&format!(
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        esc(lang)
    ));
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    x.push_str(&format!(
        "<pdf:Keywords>{}</pdf:Keywords>\n",
        esc(&keywords)
    ));
    x.push_str("<pdf:Producer>baocao</pdf:Producer>\n");
    x.push_str("<xmp:CreatorTool>baocao</xmp:CreatorTool>\n");
    x.push_str(&format!("<xmp:CreateDate>{date}</xmp:CreateDate>\n"));
    x.push_str(&format!("<xmp:ModifyDate>{date}</xmp:ModifyDate>\n"));
    x.push_str(&format!("<xmp:MetadataDate>{date}</xmp:MetadataDate>\n"));
    let issued = r
        .issued_date
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    for (name, value) in [
        ("CodeNumber", r.code_number.as_str()),
        ("CodeNotation", r.code_notation.as_str()),
        ("IssuedDate", issued.as_str()),
        ("OrganName", r.organ_name.as_str()),
        ("Subject", r.subject.as_str()),
        ("Language", lang),
    ] {
        x.push_str(&format!("<nd30:{name}>{}</nd30:{name}>\n", esc(value)));
    }
    x.push_str(&format!(
        "<nd30:PageAmount>{page_count}</nd30:PageAmount>\n"
    ));
    x.push_str(&format!(
        "<nd30:SignerInfo rdf:parseType=\"Resource\"><nd30:Position>{}</nd30:Position><nd30:FullName>{}</nd30:FullName></nd30:SignerInfo>\n",
        esc(&r.signer_position),
        esc(&r.signer_name)
    ));
    x.push_str("<nd30:To><rdf:Bag>");
    for to in &r.to {
        x.push_str(&format!("<rdf:li>{}</rdf:li>", esc(to)));
    }
    x.push_str("</rdf:Bag></nd30:To>\n");
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n");
    x.push_str("<?xpacket end=\"r\"?>");
    x
}

#[cfg(test)]
mod tests;
