//! export, read back: what `baocao verify` and the window need from a PDF — its
//! attached files, its signatures (from the form's signature fields) and the decoded
//! content of its pages — and, in [`revisions`], what an incremental update changed
//! after a signature. Lives here because only `export` may use the lopdf that printpdf
//! builds with.
//!
//! Nothing is ever written: the bytes are only parsed, and the PDF may come from
//! anywhere, so every read is bounded (see the limits below): decoding stops at a
//! budget while inflating, graphs are walked with visited sets, scans are linear.

pub mod revisions;
mod walk;

use std::cell::RefCell;

use printpdf_lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId, Stream};

pub use revisions::{Change, changes_after, revision_ends};
use walk::{deref, deref_dict, name_of};

// Limits on what is read from one PDF. The sample's 7-page sign-ready PDF is 79 KB:
// 146 objects, ~23 KB of PDF syntax once its object streams are unpacked, pages of a few
// kilobytes of content, one attached source of ~40 KB. A 100-page report is thus about
// 1.5 MB with ~2,000 objects and ~300 KB of syntax; signing tools append 1–3 revisions
// of 10–50 KB each. The limits leave a wide margin over that and keep a hostile file
// fast and small to refuse (< 2 s, < 256 MB: 2 MB of syntax parses into ~150 MB).

/// Largest single stream decoded: a page's content, an object stream, a
/// cross-reference stream (checked while inflating, by lopdf).
pub const MAX_STREAM_DECODED: usize = 8 * 1024 * 1024;
/// Largest attached file (the report's source is a few hundred kilobytes).
pub const MAX_ATTACHMENT: usize = 8 * 1024 * 1024;
/// All streams decoded for one read together: page contents and attachments.
pub const MAX_TOTAL_DECODED: usize = 64 * 1024 * 1024;
/// PDF syntax parsed into objects (the file outside stream data, plus decoded object
/// streams): every byte of it may become a parsed object of ~100 bytes.
pub const MAX_SYNTAX_BYTES: usize = 2 * 1024 * 1024;
/// Objects in the file, object streams included.
pub const MAX_OBJECTS: usize = 100_000;
/// Values parsed in all (each number, name, array entry… counts one), however often
/// the cross-reference table points at the same object: ~100 bytes each in memory.
pub const MAX_PARSED_VALUES: usize = 1_000_000;
/// Object streams in the file, and objects declared in one.
pub const MAX_OBJECT_STREAMS: usize = 256;
/// Objects one object stream may declare (writers use 100–200).
pub const MAX_OBJECTS_PER_STREAM: usize = 5_000;
/// Pages (a report has tens).
pub const MAX_PAGES: usize = 5_000;
/// Depth of the page tree, the name tree and the field tree (real ones have 1–3).
pub const MAX_DEPTH: usize = 32;
/// Attached files.
pub const MAX_ATTACHMENTS: usize = 64;
/// Revisions (`%%EOF` markers): the export, then one per signature or update.
pub const MAX_REVISIONS: usize = 64;

/// What was read from a PDF.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PdfFacts {
    /// The attached files, `(name, bytes)`, in the order of the name tree.
    pub attachments: Vec<(String, Vec<u8>)>,
    /// The signatures: the values of the form's signature fields, ordered by how much
    /// of the file they cover.
    pub signatures: Vec<SignatureField>,
    /// Signature dictionaries that no signature field points to: not signatures, but
    /// what a forger leaves to make a file look signed.
    pub orphan_signatures: usize,
    /// The decoded content streams of each page, in page order.
    pub pages: Vec<Vec<u8>>,
    /// The Info dictionary's `/Producer`.
    pub producer: Option<String>,
}

/// A signature: the value (`/V`) of a signature field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignatureField {
    /// The field's name (`/T`).
    pub field: String,
    /// `/ByteRange`: offset and length of each signed piece of the file.
    pub byte_range: Vec<i64>,
    /// `/Contents`: the CMS (PKCS #7) signature, DER, usually padded with zeros.
    pub contents: Vec<u8>,
    /// `/Name`: the signer's name as the signing tool wrote it.
    pub name: Option<String>,
    /// `/M`: the signing time as the signing tool wrote it (`D:20260701093000+07'00'`).
    pub time: Option<String>,
    /// `/SubFilter` (`adbe.pkcs7.detached`, `ETSI.CAdES.detached`, …).
    pub sub_filter: Option<String>,
    /// A document timestamp (`/Type /DocTimeStamp`), not a person's signature.
    pub timestamp: bool,
}

impl SignatureField {
    /// The number of bytes from the start of the file the signature covers (the end
    /// of its last range); 0 for a malformed range.
    pub fn covered_end(&self) -> u64 {
        match self.byte_range.as_slice() {
            [.., start, len] => u64::try_from(start.saturating_add(*len)).unwrap_or(0),
            _ => 0,
        }
    }
}

/// Why a PDF could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Not a PDF, or too damaged to parse.
    #[error("Tệp không phải PDF hoặc đã bị hỏng, không đọc được ({0}).")]
    Damaged(String),
    /// An encrypted PDF.
    #[error("Tệp PDF được mã hóa; chương trình không đọc tệp mã hóa.")]
    Encrypted,
    /// Something in the PDF is far larger than a report's PDF ever is.
    #[error(
        "Tệp PDF có {0}, vượt xa một văn bản báo cáo thông thường; chương trình không đọc tệp này."
    )]
    TooLarge(String),
}

/// Reads the attachments, signatures and page contents of the PDF in `bytes`.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfFacts, ReadError> {
    let doc = load(bytes)?;
    let mut budget = Budget::new();
    let catalog = doc
        .catalog()
        .map_err(|e| ReadError::Damaged(e.to_string()))?;
    let mut attachments = Vec::new();
    if let Some(tree) = deref_dict(&doc, catalog.get(b"Names").ok())
        .and_then(|names| deref_dict(&doc, names.get(b"EmbeddedFiles").ok()))
    {
        for (name, spec) in walk::name_tree(&doc, tree)? {
            if let Some(stream) = embedded_file(&doc, spec) {
                attachments.push((name, budget.decode(stream, MAX_ATTACHMENT, "tệp đính kèm")?));
            }
        }
    }
    let fields = walk::signature_fields(&doc)?;
    let mut signatures: Vec<SignatureField> = fields
        .iter()
        .filter_map(|f| {
            let value = deref_dict(&doc, Some(f.value.as_ref()?))?;
            signature(value, &f.name)
        })
        .collect();
    signatures.sort_by_key(|s| (s.covered_end(), s.byte_range.clone()));
    let owned: std::collections::BTreeSet<ObjectId> =
        fields.iter().filter_map(|f| f.value_id).collect();
    let orphan_signatures = doc
        .objects
        .iter()
        .filter(|(id, o)| !owned.contains(id) && o.as_dict().is_ok_and(is_signature_dict))
        .count();
    let mut pages = Vec::new();
    for page in walk::pages(&doc)? {
        let mut content = Vec::new();
        for stream in walk::contents(&doc, page.dict) {
            content.extend(budget.decode(stream, MAX_STREAM_DECODED, "nội dung trang")?);
        }
        pages.push(content);
    }
    let producer = deref_dict(&doc, doc.trailer.get(b"Info").ok())
        .and_then(|info| info.get(b"Producer").ok())
        .and_then(text);
    Ok(PdfFacts {
        attachments,
        signatures,
        orphan_signatures,
        pages,
        producer,
    })
}

/// Whether a dictionary is a signature value: `/Type /Sig` or `/DocTimeStamp`, or
/// untyped with a `/ByteRange` and `/Contents`.
pub(crate) fn is_signature_dict(d: &Dictionary) -> bool {
    match d.get(b"Type").ok().and_then(|t| t.as_name().ok()) {
        Some(t) => t == b"Sig" || t == b"DocTimeStamp",
        None => d.has(b"ByteRange") && d.has(b"Contents"),
    }
}

fn signature(d: &Dictionary, field: &str) -> Option<SignatureField> {
    if !is_signature_dict(d) {
        return None;
    }
    let byte_range = d.get(b"ByteRange").ok()?.as_array().ok()?;
    let contents = d.get(b"Contents").ok()?.as_str().ok()?;
    let text_of = |key: &[u8]| d.get(key).ok().and_then(text);
    Some(SignatureField {
        field: field.to_owned(),
        byte_range: byte_range.iter().filter_map(|o| o.as_i64().ok()).collect(),
        contents: contents.to_vec(),
        name: text_of(b"Name"),
        time: text_of(b"M"),
        sub_filter: name_of(d, b"SubFilter"),
        timestamp: name_of(d, b"Type").as_deref() == Some("DocTimeStamp"),
    })
}

/// The stream of a file specification's embedded file.
fn embedded_file<'a>(doc: &'a Document, spec: &'a Object) -> Option<&'a Stream> {
    let spec = deref_dict(doc, Some(spec))?;
    let ef = deref_dict(doc, spec.get(b"EF").ok())?;
    let file = ef.get(b"UF").or_else(|_| ef.get(b"F")).ok()?;
    deref(doc, file)?.as_stream().ok()
}

/// What is left of [`MAX_TOTAL_DECODED`] for one read.
struct Budget {
    left: usize,
}

impl Budget {
    fn new() -> Self {
        Self {
            left: MAX_TOTAL_DECODED,
        }
    }

    /// The decoded bytes of `stream`, at most `max` of them and no more than what is
    /// left; the limit is checked while inflating. `what` names it in the refusal.
    fn decode(&mut self, stream: &Stream, max: usize, what: &str) -> Result<Vec<u8>, ReadError> {
        let limit = max.min(self.left);
        let out = stream
            .get_plain_content_with_limit(limit)
            .map_err(|e| match e {
                printpdf_lopdf::Error::Decompress(
                    printpdf_lopdf::DecompressError::MemoryLimitExceeded { .. },
                ) => too_large(what, limit),
                e => ReadError::Damaged(e.to_string()),
            })?;
        self.left = self.left.saturating_sub(out.len());
        Ok(out)
    }
}

fn too_large(what: &str, limit: usize) -> ReadError {
    ReadError::TooLarge(format!("{what} lớn hơn {} MB", limit.div_ceil(1024 * 1024)))
}

/// What the loader counted so far; the object filter below refuses past the limits.
#[derive(Default)]
struct LoadState {
    objects: usize,
    values: usize,
    object_streams: usize,
    syntax: usize,
    refused: Option<String>,
}

thread_local! {
    /// lopdf takes a plain `fn` as its object filter, and (without its `rayon`
    /// feature) loads on the calling thread: the counts live here for one load.
    static LOADING: RefCell<LoadState> = RefCell::new(LoadState::default());
}

/// Parses `bytes` as a PDF within the limits above.
pub(crate) fn load(bytes: &[u8]) -> Result<Document, ReadError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(ReadError::Damaged("thiếu phần đầu %PDF-".to_owned()));
    }
    if revision_ends(bytes).len() > MAX_REVISIONS {
        return Err(ReadError::TooLarge(format!(
            "hơn {MAX_REVISIONS} lần cập nhật (dấu %%EOF)"
        )));
    }
    let syntax = syntax_bytes(bytes);
    if syntax > MAX_SYNTAX_BYTES {
        return Err(too_large("phần cấu trúc", MAX_SYNTAX_BYTES));
    }
    LOADING.with(|s| {
        *s.borrow_mut() = LoadState {
            syntax,
            ..LoadState::default()
        }
    });
    let options = LoadOptions {
        filter: Some(admit),
        max_decompressed_size: Some(MAX_STREAM_DECODED),
        ..LoadOptions::default()
    };
    let loaded = Document::load_mem_with_options(bytes, options);
    if let Some(why) = LOADING.with(|s| s.take().refused) {
        return Err(ReadError::TooLarge(why));
    }
    let doc = loaded.map_err(|e| match e {
        printpdf_lopdf::Error::Decompress(
            printpdf_lopdf::DecompressError::MemoryLimitExceeded { limit },
        ) => too_large("luồng dữ liệu nén", limit),
        e => ReadError::Damaged(e.to_string()),
    })?;
    if doc.is_encrypted() {
        return Err(ReadError::Encrypted);
    }
    Ok(doc)
}

/// The object filter lopdf calls for every object it reads, before it unpacks an object
/// stream: counts objects and refuses object streams past the limits (see
/// [`check_object_stream`]). For a top-level object lopdf keeps its own copy and only
/// looks at `None`; for one from an object stream it keeps what is returned.
fn admit(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    LOADING.with(|s| {
        let mut s = s.borrow_mut();
        if s.refused.is_some() {
            return None;
        }
        s.objects += 1;
        if s.objects > MAX_OBJECTS {
            s.refused = Some(format!("hơn {MAX_OBJECTS} đối tượng"));
            return None;
        }
        s.values = s.values.saturating_add(walk::values_in(object));
        if s.values > MAX_PARSED_VALUES {
            s.refused = Some(format!("hơn {MAX_PARSED_VALUES} giá trị trong cấu trúc"));
            return None;
        }
        let Object::Stream(stream) = object else {
            return Some((id, object.clone()));
        };
        if stream.dict.has_type(b"ObjStm") {
            s.object_streams += 1;
            let checked = if s.object_streams > MAX_OBJECT_STREAMS {
                Err(format!("hơn {MAX_OBJECT_STREAMS} luồng đối tượng"))
            } else {
                check_object_stream(stream, &mut s.syntax)
            };
            if let Err(why) = checked {
                s.refused = Some(why);
                return None;
            }
        }
        // Streams never sit inside object streams, so this value is never kept.
        Some((id, Object::Null))
    })
}

/// Refuses an object stream whose parsing could cost far more than its size: too many
/// objects, too much syntax in all, or objects that overlap (lopdf parses each from its
/// offset on, so offsets into one nested array would parse it again and again).
fn check_object_stream(stream: &Stream, syntax: &mut usize) -> Result<(), String> {
    let declared = stream.dict.get(b"N").and_then(Object::as_i64).unwrap_or(0);
    if usize::try_from(declared).map_or(true, |n| n > MAX_OBJECTS_PER_STREAM) {
        return Err(format!(
            "một luồng đối tượng khai báo {declared} đối tượng (tối đa {MAX_OBJECTS_PER_STREAM})"
        ));
    }
    let data = stream
        .get_plain_content_with_limit(MAX_STREAM_DECODED)
        .map_err(|_| {
            format!(
                "một luồng đối tượng lớn hơn {} MB khi giải nén",
                MAX_STREAM_DECODED / (1024 * 1024)
            )
        })?;
    *syntax = syntax.saturating_add(data.len());
    if *syntax > MAX_SYNTAX_BYTES {
        return Err(format!(
            "phần cấu trúc lớn hơn {} MB",
            MAX_SYNTAX_BYTES / (1024 * 1024)
        ));
    }
    let first = stream
        .dict
        .get(b"First")
        .and_then(Object::as_i64)
        .ok()
        .and_then(|f| usize::try_from(f).ok())
        .unwrap_or(0);
    let Some(header) = data.get(..first) else {
        return Ok(()); // lopdf refuses it as damaged
    };
    let numbers: Vec<Option<usize>> = String::from_utf8_lossy(header)
        .split_whitespace()
        .map(|n| n.parse().ok())
        .collect();
    let mut starts = Vec::with_capacity(numbers.len() / 2);
    for pair in numbers.chunks_exact(2) {
        let Some(offset) = pair[1] else { continue };
        let start = first.saturating_add(offset);
        if starts.last().is_some_and(|&last| start <= last) {
            return Err("một luồng đối tượng có các đối tượng chồng lên nhau".to_owned());
        }
        starts.push(start);
    }
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(data.len());
        if !data.get(start..end).is_none_or(walk::balanced) {
            return Err("một luồng đối tượng có các đối tượng chồng lên nhau".to_owned());
        }
    }
    Ok(())
}

/// The bytes of `pdf` lopdf may parse into objects: one linear scan that counts all
/// but stream data (from each `stream` keyword to the next `endstream`). The table of
/// offsets may point anywhere, so stream data that holds an object header (`N G obj`)
/// counts as syntax from that header on.
fn syntax_bytes(pdf: &[u8]) -> usize {
    const START: &[u8] = b"stream";
    const END: &[u8] = b"endstream";
    let find = |from: usize, what: &[u8]| {
        pdf.get(from..)
            .and_then(|rest| memchr::memmem::find(rest, what))
            .map(|p| from + p)
    };
    let mut outside = 0;
    let mut at = 0;
    while let Some(s) = find(at, START) {
        // `endstream` also contains the word, and a keyword is followed by a line end:
        // anything else is syntax; go on after it.
        let keyword = matches!(pdf.get(s + START.len()), Some(b'\r' | b'\n'));
        if !keyword || (s >= 3 && pdf.get(s - 3..s) == Some(b"end")) {
            outside += s + START.len() - at;
            at = s + START.len();
            continue;
        }
        outside += s + START.len() - at;
        let data_start = s + START.len();
        let data_end = find(data_start, END).unwrap_or(pdf.len());
        outside += pdf
            .get(data_start..data_end)
            .and_then(object_header_in)
            .map_or(0, |h| data_end - data_start - h);
        if data_end == pdf.len() {
            return outside;
        }
        at = data_end;
    }
    outside + pdf.len().saturating_sub(at)
}

/// Where `data` first holds something lopdf would read as an object header: `obj`
/// after a number (spaces between), or after a line end (a comment may hide the
/// number). Compressed data holds such bytes about once in hundreds of megabytes.
fn object_header_in(data: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = data
        .get(from..)
        .and_then(|rest| memchr::memmem::find(rest, b"obj"))
        .map(|p| from + p)
    {
        let before = data.get(..p).unwrap_or_default();
        let spaces = before
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace() || **b == 0)
            .count();
        let line_end = before[before.len() - spaces..]
            .iter()
            .any(|b| *b == b'\n' || *b == b'\r');
        let number = before
            .len()
            .checked_sub(spaces + 1)
            .and_then(|i| before.get(i))
            .is_some_and(u8::is_ascii_digit);
        if number || line_end {
            return Some(p.saturating_sub(spaces + 1));
        }
        from = p + 3;
    }
    None
}

/// A PDF text string: UTF-16BE after a byte order mark, else PDFDocEncoding (read as
/// Latin-1, which agrees with it on every letter a name uses).
fn text(o: &Object) -> Option<String> {
    let bytes = o.as_str().ok()?;
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        [0xEF, 0xBB, 0xBF, rest @ ..] => Some(String::from_utf8_lossy(rest).into_owned()),
        _ => Some(bytes.iter().map(|&b| char::from(b)).collect()),
    }
}

#[cfg(test)]
mod tests;
