//! export, read back: walking a PDF's object graphs — the page tree, the attachment
//! name tree, the form's field tree — each with a visited set and a depth limit, so a
//! tree that points back at itself or lists a node twice is refused, not followed
//! forever.

use std::collections::BTreeSet;

use printpdf_lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::{MAX_ATTACHMENTS, MAX_DEPTH, MAX_PAGES, ReadError, text};

/// `o` with its references followed (lopdf stops after a few hops).
pub(crate) fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

/// `o` followed to a dictionary (a stream's dictionary too).
pub(crate) fn deref_dict<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Dictionary> {
    match deref(doc, o?)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// A name value of `d` as text.
pub(crate) fn name_of(d: &Dictionary, key: &[u8]) -> Option<String> {
    d.get(key)
        .ok()
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// How many values `o` holds, itself included (a stream counts its dictionary).
pub(crate) fn values_in(o: &Object) -> usize {
    let mut count = 0usize;
    let mut stack = vec![o];
    while let Some(o) = stack.pop() {
        count += 1;
        match o {
            Object::Array(a) => stack.extend(a.iter()),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    count
}

/// A page and what it inherits from the page tree above it.
#[derive(Clone, Debug)]
pub(crate) struct Page<'a> {
    pub id: ObjectId,
    pub dict: &'a Dictionary,
    /// `/Resources`, `/MediaBox`, `/CropBox`, `/Rotate`: the page's own, else the
    /// nearest ancestor's.
    pub inherited: [Option<&'a Object>; 4],
}

/// The keys a page inherits, in the order of [`Page::inherited`].
pub(crate) const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// The pages in order. A node met twice (a page listed twice, a tree pointing back at
/// itself) makes the file damaged: a reader would show it differently from another.
pub(crate) fn pages(doc: &Document) -> Result<Vec<Page<'_>>, ReadError> {
    let damaged = |why: &str| ReadError::Damaged(why.to_owned());
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
        .ok_or_else(|| damaged("không có cây trang"))?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    // Depth-first, kids pushed in reverse so pages come out in order.
    let mut stack: Vec<(ObjectId, usize, [Option<&Object>; 4])> = vec![(root, 0, [None; 4])];
    while let Some((id, depth, mut inherited)) = stack.pop() {
        if !seen.insert(id) {
            return Err(damaged(
                "cây trang có một trang hoặc nhánh được liệt kê nhiều lần",
            ));
        }
        if depth > MAX_DEPTH {
            return Err(damaged("cây trang quá sâu"));
        }
        let Some(dict) = doc.objects.get(&id).and_then(|o| o.as_dict().ok()) else {
            return Err(damaged("cây trang trỏ tới đối tượng không có"));
        };
        for (slot, key) in inherited.iter_mut().zip(INHERITED) {
            if let Ok(v) = dict.get(key) {
                *slot = Some(v);
            }
        }
        match dict.get(b"Kids").ok().and_then(|k| deref(doc, k)) {
            Some(Object::Array(kids)) if !dict.has_type(b"Page") => {
                for kid in kids.iter().rev() {
                    let kid = kid
                        .as_reference()
                        .map_err(|_| damaged("cây trang có nút không phải tham chiếu"))?;
                    stack.push((kid, depth + 1, inherited));
                }
            }
            _ => {
                out.push(Page {
                    id,
                    dict,
                    inherited,
                });
                if out.len() > MAX_PAGES {
                    return Err(ReadError::TooLarge(format!("hơn {MAX_PAGES} trang")));
                }
            }
        }
    }
    Ok(out)
}

/// The content streams of a page, in order.
pub(crate) fn contents<'a>(doc: &'a Document, page: &'a Dictionary) -> Vec<&'a Stream> {
    match page.get(b"Contents").ok().and_then(|c| deref(doc, c)) {
        Some(Object::Stream(s)) => vec![s],
        Some(Object::Array(parts)) => parts
            .iter()
            .filter_map(|p| deref(doc, p)?.as_stream().ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// The `(name, value)` pairs of a name tree, in order; each node visited once.
pub(crate) fn name_tree<'a>(
    doc: &'a Document,
    root: &'a Dictionary,
) -> Result<Vec<(String, &'a Object)>, ReadError> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut stack = vec![(root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(ReadError::Damaged("cây tệp đính kèm quá sâu".to_owned()));
        }
        if let Some(Object::Array(names)) = node.get(b"Names").ok().and_then(|n| deref(doc, n)) {
            for pair in names.chunks(2) {
                if let [key, value] = pair
                    && let Some(name) = text(key)
                {
                    out.push((name, value));
                }
                if out.len() > MAX_ATTACHMENTS {
                    return Err(ReadError::TooLarge(format!(
                        "hơn {MAX_ATTACHMENTS} tệp đính kèm"
                    )));
                }
            }
        }
        if let Some(Object::Array(kids)) = node.get(b"Kids").ok().and_then(|k| deref(doc, k)) {
            for kid in kids.iter().rev() {
                // A kid is met once; one pointing back up the tree is skipped.
                let Ok(id) = kid.as_reference() else { continue };
                if seen.insert(id)
                    && let Some(d) = deref_dict(doc, Some(kid))
                {
                    stack.push((d, depth + 1));
                }
            }
        }
    }
    Ok(out)
}

/// A field of the form (`/Root /AcroForm /Fields` and their `/Kids`).
#[derive(Clone, Debug)]
pub(crate) struct Field<'a> {
    pub id: Option<ObjectId>,
    pub dict: &'a Dictionary,
    /// The fully qualified name (`Parent.Child`).
    pub name: String,
    /// `/FT`, inherited from the parent when the field has none.
    pub kind: Option<String>,
    /// `/V`, inherited likewise.
    pub value: Option<&'a Object>,
    /// The object `/V` refers to, when it is a reference.
    pub value_id: Option<ObjectId>,
}

/// A node of the field tree still to visit, with what it inherits.
struct Pending<'a> {
    node: &'a Object,
    depth: usize,
    parent: String,
    kind: Option<String>,
    value: Option<&'a Object>,
}

/// Every node of the form's field tree (fields and their widgets), each once.
pub(crate) fn fields(doc: &Document) -> Result<Vec<Field<'_>>, ReadError> {
    let Some(form) = doc
        .catalog()
        .ok()
        .and_then(|c| deref_dict(doc, c.get(b"AcroForm").ok()))
    else {
        return Ok(Vec::new());
    };
    let Some(Object::Array(top)) = form.get(b"Fields").ok().and_then(|f| deref(doc, f)) else {
        return Ok(Vec::new());
    };
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut stack: Vec<Pending> = top
        .iter()
        .rev()
        .map(|f| Pending {
            node: f,
            depth: 0,
            parent: String::new(),
            kind: None,
            value: None,
        })
        .collect();
    while let Some(Pending {
        node,
        depth,
        parent,
        kind,
        value,
    }) = stack.pop()
    {
        let id = node.as_reference().ok();
        if id.is_some_and(|id| !seen.insert(id)) {
            continue;
        }
        if depth > MAX_DEPTH || out.len() > super::MAX_OBJECTS {
            return Err(ReadError::Damaged("cây trường biểu mẫu quá sâu".to_owned()));
        }
        let Some(dict) = deref_dict(doc, Some(node)) else {
            continue;
        };
        let partial = dict.get(b"T").ok().and_then(text);
        let name = match (parent.is_empty(), partial) {
            (_, None) => parent.clone(),
            (true, Some(t)) => t,
            (false, Some(t)) => format!("{parent}.{t}"),
        };
        let kind = name_of(dict, b"FT").or(kind);
        let value = dict.get(b"V").ok().or(value);
        for kid in dict
            .get(b"Kids")
            .ok()
            .and_then(|k| deref(doc, k))
            .and_then(|k| k.as_array().ok())
            .into_iter()
            .flatten()
            .rev()
        {
            stack.push(Pending {
                node: kid,
                depth: depth + 1,
                parent: name.clone(),
                kind: kind.clone(),
                value,
            });
        }
        out.push(Field {
            id,
            dict,
            name,
            kind,
            value,
            value_id: value.and_then(|v| v.as_reference().ok()),
        });
    }
    Ok(out)
}

/// The signature fields that hold a value: the signatures of the file.
pub(crate) fn signature_fields(doc: &Document) -> Result<Vec<Field<'_>>, ReadError> {
    Ok(fields(doc)?
        .into_iter()
        // A widget under a signed field inherits its value: the field is listed once.
        .filter(|f| f.kind.as_deref() == Some("Sig") && f.dict.has(b"V"))
        .collect())
}

/// Whether `data` holds whole PDF values only: every array, dictionary and string
/// that opens in it closes in it. lopdf parses an object from its offset to its end,
/// so an object stream whose pieces are balanced cannot make it parse a piece twice.
pub(crate) fn balanced(data: &[u8]) -> bool {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = data.get(i) {
        match b {
            b'%' => {
                while data.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
            }
            b'(' => {
                let mut nest = 0usize;
                loop {
                    match data.get(i) {
                        None => return false,
                        Some(b'\\') => i += 1,
                        Some(b'(') => nest += 1,
                        Some(b')') => {
                            nest -= 1;
                            if nest == 0 {
                                break;
                            }
                        }
                        Some(_) => {}
                    }
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'<' => match data
                .get(i..)
                .and_then(|r| r.iter().position(|&c| c == b'>'))
            {
                Some(p) => i += p,
                None => return false,
            },
            b'>' if data.get(i + 1) == Some(&b'>') => {
                let Some(d) = depth.checked_sub(1) else {
                    return false;
                };
                depth = d;
                i += 1;
            }
            b'[' => depth += 1,
            b']' => {
                let Some(d) = depth.checked_sub(1) else {
                    return false;
                };
                depth = d;
            }
            _ => {}
        }
        i += 1;
    }
    depth == 0
}
