//! export, read back: what `baocao verify` and the window need from a PDF — its
//! attached files, its signature dictionaries and the decoded content of its pages.
//! Lives here because only `export` may use the lopdf that printpdf builds with.
//!
//! Nothing is ever written: the bytes are only parsed. Streams are decoded with a size
//! limit, since the PDF may come from anywhere.

use printpdf_lopdf::{Dictionary, Document, Object};

/// Largest decoded attachment or page content read (a report's source is a few
/// hundred kilobytes at most).
const MAX_DECODED: usize = 32 * 1024 * 1024;
/// Deepest name tree followed (real ones have one or two levels).
const MAX_TREE_DEPTH: usize = 8;

/// What was read from a PDF.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PdfFacts {
    /// The attached files, `(name, bytes)`, in the order of the name tree.
    pub attachments: Vec<(String, Vec<u8>)>,
    /// The signature dictionaries, ordered by how much of the file they cover.
    pub signatures: Vec<SignatureField>,
    /// The decoded content streams of each page, in page order.
    pub pages: Vec<Vec<u8>>,
    /// The Info dictionary's `/Producer`.
    pub producer: Option<String>,
}

/// A signature dictionary (`/Type /Sig`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignatureField {
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
}

/// Reads the attachments, signatures and page contents of the PDF in `bytes`.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfFacts, ReadError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(ReadError::Damaged("thiếu phần đầu %PDF-".to_owned()));
    }
    let doc = Document::load_mem(bytes).map_err(|e| ReadError::Damaged(e.to_string()))?;
    if doc.is_encrypted() {
        return Err(ReadError::Encrypted);
    }
    let catalog = doc
        .catalog()
        .map_err(|e| ReadError::Damaged(e.to_string()))?;
    let mut attachments = Vec::new();
    if let Some(tree) = deref_dict(&doc, catalog.get(b"Names").ok())
        .and_then(|names| deref_dict(&doc, names.get(b"EmbeddedFiles").ok()))
    {
        collect_files(&doc, tree, 0, &mut attachments);
    }
    let mut signatures: Vec<SignatureField> = doc
        .objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d) => signature(d),
            _ => None,
        })
        .collect();
    signatures.sort_by_key(|s| (s.covered_end(), s.byte_range.clone()));
    let mut pages = Vec::new();
    for id in doc.get_pages().into_values() {
        let content = doc
            .get_page_content_with_limit(id, MAX_DECODED)
            .map_err(|e| ReadError::Damaged(e.to_string()))?;
        pages.push(content);
    }
    let producer = deref_dict(&doc, doc.trailer.get(b"Info").ok())
        .and_then(|info| info.get(b"Producer").ok())
        .and_then(text);
    Ok(PdfFacts {
        attachments,
        signatures,
        pages,
        producer,
    })
}

/// The offsets just past each `%%EOF` marker (and its end of line): where each
/// revision of an incrementally updated file ends, the first one first.
pub fn revision_ends(bytes: &[u8]) -> Vec<usize> {
    const EOF: &[u8] = b"%%EOF";
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(pos) = bytes
        .get(i..)
        .and_then(|rest| rest.windows(EOF.len()).position(|w| w == EOF))
    {
        let mut end = i + pos + EOF.len();
        if bytes.get(end) == Some(&b'\r') {
            end += 1;
        }
        if bytes.get(end) == Some(&b'\n') {
            end += 1;
        }
        out.push(end);
        i = end;
    }
    out
}

fn signature(d: &Dictionary) -> Option<SignatureField> {
    let is_sig = d
        .get(b"Type")
        .ok()
        .and_then(|t| t.as_name().ok())
        .is_none_or(|t| t == b"Sig" || t == b"DocTimeStamp");
    let byte_range = d.get(b"ByteRange").ok()?.as_array().ok()?;
    let contents = d.get(b"Contents").ok()?.as_str().ok()?;
    if !is_sig {
        return None;
    }
    let name_of = |key: &[u8]| d.get(key).ok().and_then(text);
    Some(SignatureField {
        byte_range: byte_range.iter().filter_map(|o| o.as_i64().ok()).collect(),
        contents: contents.to_vec(),
        name: name_of(b"Name"),
        time: name_of(b"M"),
        sub_filter: d
            .get(b"SubFilter")
            .ok()
            .and_then(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned()),
    })
}

/// Follows a name tree's `/Names` pairs and `/Kids`, reading each file specification.
fn collect_files(
    doc: &Document,
    tree: &Dictionary,
    depth: usize,
    out: &mut Vec<(String, Vec<u8>)>,
) {
    if depth > MAX_TREE_DEPTH {
        return;
    }
    if let Ok((_, names)) = tree.get(b"Names").and_then(|n| doc.dereference(n))
        && let Ok(names) = names.as_array()
    {
        for pair in names.chunks(2) {
            let [key, spec] = pair else { continue };
            if let (Some(name), Some(data)) = (text(key), file_of(doc, spec)) {
                out.push((name, data));
            }
        }
    }
    if let Ok((_, kids)) = tree.get(b"Kids").and_then(|k| doc.dereference(k))
        && let Ok(kids) = kids.as_array()
    {
        for kid in kids {
            if let Some(kid) = deref_dict(doc, Some(kid)) {
                collect_files(doc, kid, depth + 1, out);
            }
        }
    }
}

/// The decoded bytes of a file specification's embedded file.
fn file_of(doc: &Document, spec: &Object) -> Option<Vec<u8>> {
    let spec = deref_dict(doc, Some(spec))?;
    let ef = deref_dict(doc, spec.get(b"EF").ok())?;
    let file = ef.get(b"UF").or_else(|_| ef.get(b"F")).ok()?;
    let (_, stream) = doc.dereference(file).ok()?;
    let stream = stream.as_stream().ok()?;
    if stream.dict.has(b"Filter") {
        stream.decompressed_content_with_limit(MAX_DECODED).ok()
    } else {
        Some(stream.content.clone())
    }
}

fn deref_dict<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Dictionary> {
    doc.dereference(o?).ok()?.1.as_dict().ok()
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
