//! export, read back: what the incremental updates after a signature changed, object
//! by object, compared with the revision the signature covers — the few things PAdES
//! lets a signed file gain (a signature in an empty signature field with its widget,
//! the AcroForm and catalog entries that needs, DSS/VRI validation data, document
//! timestamps, the Info dictionary) set aside, everything that can change what a
//! reader sees is named, with its page. pyHanko's difference analysis (`DiffPolicy`)
//! is the model, kept small.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use printpdf_lopdf::{Dictionary, Document, Object, ObjectId};

use super::walk::{self, Field, Page, deref, deref_dict};
use super::{MAX_REVISIONS, ReadError, is_signature_dict, load};

/// Steps of object comparison for one analysis (a report's pages with their fonts take
/// a few tens of thousands); past it, what is left counts as changed.
const MAX_COMPARE_STEPS: usize = 2_000_000;

/// The offsets just past each `%%EOF` marker (and its end of line): where each
/// revision of an incrementally updated file ends, the first one first. One linear
/// scan, stopping after [`MAX_REVISIONS`] + 1 markers (more is refused by the caller).
pub fn revision_ends(bytes: &[u8]) -> Vec<usize> {
    const EOF: &[u8] = b"%%EOF";
    let mut out = Vec::new();
    let mut i = 0;
    while out.len() <= MAX_REVISIONS {
        let Some(pos) = bytes
            .get(i..)
            .and_then(|rest| memchr::memmem::find(rest, EOF))
        else {
            break;
        };
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

/// One change made after the signed revision that a reader can see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The page (from 1, in the file's page order), when the change is on one.
    pub page: Option<usize>,
    pub kind: ChangeKind,
}

/// What changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// An annotation added; `appearance` when it carries its own drawing (`/AP`).
    AnnotationAdded {
        appearance: bool,
    },
    AnnotationChanged,
    AnnotationRemoved,
    /// `/MediaBox` or `/CropBox`.
    PageBox,
    Rotation,
    Contents,
    Fonts,
    /// Images and form XObjects.
    XObjects,
    /// Other resources (graphics states, colour spaces, patterns…).
    Resources,
    /// Other page entries (`/UserUnit`, `/Group`, actions…), by key.
    PageEntries(String),
    PageCount {
        before: usize,
        after: usize,
    },
    /// A form field outside signature fields filled or changed.
    FormValue(String),
    /// A signature field that held a signature now holds another value.
    SignatureReplaced(String),
    /// A signature dictionary no signature field points to.
    OrphanSignature,
    /// Document-level catalog entries (open action, outline, names…), by key.
    Catalog(String),
    /// An object of the signed revision changed outside everything above.
    Object(ObjectId),
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.page {
            write!(f, "trang {p}: ")?;
        }
        match &self.kind {
            ChangeKind::AnnotationAdded { appearance: true } => {
                write!(f, "thêm chú thích có hình hiển thị")
            }
            ChangeKind::AnnotationAdded { appearance: false } => write!(f, "thêm chú thích"),
            ChangeKind::AnnotationChanged => write!(f, "sửa chú thích"),
            ChangeKind::AnnotationRemoved => write!(f, "xóa chú thích"),
            ChangeKind::PageBox => write!(f, "đổi khổ trang (vùng trang hiển thị)"),
            ChangeKind::Rotation => write!(f, "xoay trang"),
            ChangeKind::Contents => write!(f, "đổi nội dung trang"),
            ChangeKind::Fonts => write!(f, "đổi phông chữ"),
            ChangeKind::XObjects => write!(f, "đổi hình ảnh hoặc đối tượng vẽ"),
            ChangeKind::Resources => write!(f, "đổi tài nguyên vẽ của trang"),
            ChangeKind::PageEntries(k) => write!(f, "đổi thuộc tính trang ({k})"),
            ChangeKind::PageCount { before, after } => {
                write!(f, "số trang đổi từ {before} thành {after}")
            }
            ChangeKind::FormValue(n) => write!(f, "điền hoặc sửa giá trị trường biểu mẫu “{n}”"),
            ChangeKind::SignatureReplaced(n) => {
                write!(f, "chữ ký trong trường “{n}” đã bị thay")
            }
            ChangeKind::OrphanSignature => {
                write!(f, "thêm đối tượng chữ ký không thuộc trường chữ ký nào")
            }
            ChangeKind::Catalog(k) => write!(f, "đổi phần gốc của tài liệu ({k})"),
            ChangeKind::Object((n, g)) => write!(f, "sửa đối tượng {n} {g} của bản đã ký"),
        }
    }
}

/// The changes a reader can see between the revision that ends at `signed_end` (what
/// a signature covers) and the whole file, other than those PAdES allows.
pub fn changes_after(bytes: &[u8], signed_end: usize) -> Result<Vec<Change>, ReadError> {
    let signed = bytes
        .get(..signed_end)
        .ok_or_else(|| ReadError::Damaged("vùng ký vượt quá tệp".to_owned()))?;
    let a = load(signed)?;
    let b = load(bytes)?;
    let changed: BTreeSet<ObjectId> = b
        .objects
        .iter()
        .filter(|(id, o)| a.objects.get(id).is_none_or(|x| !same_object(x, o)))
        .map(|(id, _)| *id)
        .collect();
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    let mut d = Diff {
        a: &a,
        b: &b,
        cmp: Compare {
            a: &a,
            b: &b,
            steps: MAX_COMPARE_STEPS,
            seen_b: BTreeSet::new(),
            pages: BTreeMap::new(),
            pages_b: BTreeSet::new(),
        },
        out: Vec::new(),
        explained: BTreeSet::new(),
    };
    let (pa, pb) = (walk::pages(&a)?, walk::pages(&b)?);
    // A reference to a page (an outline's destination, a link) is the same when it
    // points at the same page; the pages themselves are compared one by one below.
    d.cmp.pages = pa.iter().zip(&pb).map(|(p, q)| (p.id, q.id)).collect();
    d.cmp.pages_b = pb.iter().map(|q| q.id).collect();
    let (fa, fb) = (walk::fields(&a)?, walk::fields(&b)?);
    let signed_widgets = d.fields(&fa, &fb);
    if pa.len() != pb.len() {
        d.push(
            None,
            ChangeKind::PageCount {
                before: pa.len(),
                after: pb.len(),
            },
        );
    }
    for (i, (p, q)) in pa.iter().zip(&pb).enumerate() {
        d.page(i + 1, p, q, &signed_widgets);
    }
    d.catalog();
    let sig_values: BTreeSet<ObjectId> = fb
        .iter()
        .filter(|f| f.kind.as_deref() == Some("Sig"))
        .filter_map(|f| f.value_id)
        .collect();
    for id in &changed {
        let orphan = !sig_values.contains(id)
            && b.objects
                .get(id)
                .and_then(|o| o.as_dict().ok())
                .is_some_and(is_signature_dict);
        if orphan {
            d.explained.insert(*id);
            d.push(None, ChangeKind::OrphanSignature);
        }
    }
    let Diff {
        mut out,
        explained,
        cmp,
        ..
    } = d;
    // Objects of the signed revision changed but not named above (an outline item, an
    // attachment, a shared resource no page reaches through the compared entries).
    for id in changed {
        if a.objects.contains_key(&id) && !explained.contains(&id) && !cmp.seen_b.contains(&id) {
            out.push(Change {
                page: None,
                kind: ChangeKind::Object(id),
            });
        }
    }
    Ok(out)
}

/// Two objects as stored: a stream by its dictionary and bytes (not by where it sits).
fn same_object(x: &Object, y: &Object) -> bool {
    match (x, y) {
        (Object::Stream(s), Object::Stream(t)) => s.dict == t.dict && s.content == t.content,
        _ => x == y,
    }
}

struct Diff<'a> {
    a: &'a Document,
    b: &'a Document,
    cmp: Compare<'a>,
    out: Vec<Change>,
    /// Changed objects accounted for (allowed, or named by a change already).
    explained: BTreeSet<ObjectId>,
}

impl<'a> Diff<'a> {
    fn push(&mut self, page: Option<usize>, kind: ChangeKind) {
        let change = Change { page, kind };
        if !self.out.contains(&change) {
            self.out.push(change);
        }
    }

    /// Form fields: a signature in a field that was empty (or new) is allowed, with its
    /// widgets; another value in a signed field, or any other field's value, is named.
    /// Returns the widgets of the new signatures.
    fn fields(&mut self, fa: &[Field<'a>], fb: &[Field<'a>]) -> BTreeSet<ObjectId> {
        let before = |f: &Field| {
            fa.iter()
                .find(|g| g.id.is_some() && g.id == f.id)
                .or_else(|| fa.iter().find(|g| g.name == f.name))
        };
        let mut widgets = BTreeSet::new();
        let mut new_signature_fields = Vec::new();
        for f in fb {
            let old = before(f);
            let old_value = old.and_then(|o| o.value);
            let unchanged = match (old_value, f.value) {
                (None, None) => true,
                (Some(x), Some(y)) => self.cmp.same(x, y),
                _ => false,
            };
            if f.kind.as_deref() == Some("Sig") {
                if unchanged || old_value.is_none() {
                    if !unchanged {
                        new_signature_fields.push(f.name.clone());
                    }
                    self.explained.extend(f.id);
                    self.explained.extend(f.value_id);
                    if old.is_none() || !unchanged {
                        widgets.extend(f.id);
                    }
                } else {
                    self.push(None, ChangeKind::SignatureReplaced(f.name.clone()));
                }
            } else if !unchanged {
                self.explained.extend(f.id);
                self.push(None, ChangeKind::FormValue(f.name.clone()));
            }
        }
        // The widgets of a field signed now (kids named after it).
        for f in fb {
            if new_signature_fields
                .iter()
                .any(|n| f.name == *n || f.name.starts_with(&format!("{n}.")))
            {
                widgets.extend(f.id);
                self.explained.extend(f.id);
            }
        }
        widgets
    }

    /// One page, compared entry by entry with the same page of the signed revision.
    fn page(&mut self, n: usize, p: &Page<'a>, q: &Page<'a>, signed_widgets: &BTreeSet<ObjectId>) {
        let at = Some(n);
        self.explained.insert(q.id);
        let [ra, ma, ca, rot_a] = p.inherited;
        let [rb, mb, cb, rot_b] = q.inherited;
        if !self.same_opt(ma, mb) || !self.same_opt(ca, cb) {
            self.push(at, ChangeKind::PageBox);
        }
        if !self.same_opt(rot_a, rot_b) {
            self.push(at, ChangeKind::Rotation);
        }
        if !self.same_opt(p.dict.get(b"Contents").ok(), q.dict.get(b"Contents").ok()) {
            self.push(at, ChangeKind::Contents);
        }
        let (da, db) = (
            ra.and_then(|r| deref_dict(self.a, Some(r))),
            rb.and_then(|r| deref_dict(self.b, Some(r))),
        );
        let entry = |d: Option<&'a Dictionary>, k: &[u8]| d.and_then(|d| d.get(k).ok());
        let empty = Dictionary::new();
        for key in keys(da.unwrap_or(&empty), db.unwrap_or(&empty)) {
            if !self.same_opt(entry(da, &key), entry(db, &key)) {
                let kind = match key.as_slice() {
                    b"Font" => ChangeKind::Fonts,
                    b"XObject" => ChangeKind::XObjects,
                    _ => ChangeKind::Resources,
                };
                self.push(at, kind);
            }
        }
        self.annotations(n, p, q, signed_widgets);
        let mut other = Vec::new();
        for key in keys(p.dict, q.dict) {
            let skip: [&[u8]; 8] = [
                b"Parent",
                b"Annots",
                b"Contents",
                b"Type",
                b"Resources",
                b"MediaBox",
                b"CropBox",
                b"Rotate",
            ];
            if !skip.contains(&key.as_slice())
                && !self.same_opt(p.dict.get(&key).ok(), q.dict.get(&key).ok())
            {
                other.push(String::from_utf8_lossy(&key).into_owned());
            }
        }
        if !other.is_empty() {
            self.push(at, ChangeKind::PageEntries(other.join(", ")));
        }
    }

    fn annotations(
        &mut self,
        n: usize,
        p: &Page<'a>,
        q: &Page<'a>,
        signed_widgets: &BTreeSet<ObjectId>,
    ) {
        let at = Some(n);
        let list = |doc: &'a Document, page: &Page<'a>| -> Vec<&'a Object> {
            page.dict
                .get(b"Annots")
                .ok()
                .and_then(|a| deref(doc, a))
                .and_then(|a| a.as_array().ok())
                .map(|a| a.iter().collect())
                .unwrap_or_default()
        };
        if let Ok(Object::Reference(id)) = q.dict.get(b"Annots") {
            self.explained.insert(*id);
        }
        let (la, lb) = (list(self.a, p), list(self.b, q));
        let ids_a: BTreeSet<ObjectId> = la.iter().filter_map(|o| o.as_reference().ok()).collect();
        let ids_b: BTreeSet<ObjectId> = lb.iter().filter_map(|o| o.as_reference().ok()).collect();
        for annot in &lb {
            let id = annot.as_reference().ok();
            if id.is_some_and(|id| signed_widgets.contains(&id)) {
                continue;
            }
            let old = match id {
                Some(id) if ids_a.contains(&id) => Some(*annot),
                Some(_) => None,
                // A direct annotation: the same one in the signed page, if any.
                None => la.iter().copied().find(|x| x.as_reference().is_err()),
            };
            match old {
                Some(old) => {
                    if !self.cmp.same(old, annot) {
                        self.push(at, ChangeKind::AnnotationChanged);
                    }
                }
                None => {
                    self.explained.extend(id);
                    let appearance = deref_dict(self.b, Some(annot)).is_some_and(|d| d.has(b"AP"));
                    self.push(at, ChangeKind::AnnotationAdded { appearance });
                }
            }
        }
        if ids_a.iter().any(|id| !ids_b.contains(id))
            || la.iter().filter(|o| o.as_reference().is_err()).count()
                > lb.iter().filter(|o| o.as_reference().is_err()).count()
        {
            self.push(at, ChangeKind::AnnotationRemoved);
        }
    }

    /// The catalog: entries other than those a new signature or validation data need.
    fn catalog(&mut self) {
        let (Ok(ca), Ok(cb)) = (self.a.catalog(), self.b.catalog()) else {
            return;
        };
        if let Ok(Object::Reference(id)) = self.b.trailer.get(b"Root") {
            self.explained.insert(*id);
        }
        // The Info dictionary (dates, producer) is not shown on any page.
        if let Ok(Object::Reference(id)) = self.b.trailer.get(b"Info") {
            self.explained.insert(*id);
        }
        if let Ok(Object::Reference(id)) = cb.get(b"AcroForm") {
            self.explained.insert(*id);
            if let Some(Ok(Object::Reference(f))) =
                deref_dict(self.b, cb.get(b"AcroForm").ok()).map(|f| f.get(b"Fields"))
            {
                self.explained.insert(*f);
            }
        }
        if let Ok(dss) = cb.get(b"DSS") {
            let reach = reachable(self.b, dss);
            self.explained.extend(reach);
        }
        // The XMP metadata (signing tools update its dates) is not shown on any page.
        if let Ok(Object::Reference(id)) = cb.get(b"Metadata") {
            self.explained.insert(*id);
        }
        // The page tree is compared page by page.
        let allowed: [&[u8]; 6] = [
            b"AcroForm",
            b"DSS",
            b"Extensions",
            b"Version",
            b"Metadata",
            b"Pages",
        ];
        let mut other = Vec::new();
        for key in keys(ca, cb) {
            if !allowed.contains(&key.as_slice())
                && !self.same_opt(ca.get(&key).ok(), cb.get(&key).ok())
            {
                other.push(String::from_utf8_lossy(&key).into_owned());
            }
        }
        if !other.is_empty() {
            self.push(None, ChangeKind::Catalog(other.join(", ")));
        }
    }

    fn same_opt(&mut self, x: Option<&'a Object>, y: Option<&'a Object>) -> bool {
        match (x, y) {
            (None, None) => true,
            (Some(x), Some(y)) => self.cmp.same(x, y),
            _ => false,
        }
    }
}

/// The keys of both dictionaries, each once, in order.
fn keys(x: &Dictionary, y: &Dictionary) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = x.iter().map(|(k, _)| k.clone()).collect();
    for (k, _) in y.iter() {
        if !out.contains(k) {
            out.push(k.clone());
        }
    }
    out
}

/// Every object reachable from `from` (budgeted like a comparison).
fn reachable(doc: &Document, from: &Object) -> BTreeSet<ObjectId> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    let mut steps = MAX_COMPARE_STEPS;
    while let Some(o) = stack.pop() {
        steps = steps.saturating_sub(1);
        if steps == 0 {
            break;
        }
        match o {
            Object::Reference(id) => {
                if seen.insert(*id)
                    && let Some(o) = doc.objects.get(id)
                {
                    stack.push(o);
                }
            }
            Object::Array(a) => stack.extend(a.iter()),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    seen
}

/// Deep comparison of a value of the signed revision (`a`) with one of the whole file
/// (`b`), following references on both sides (each pair once per comparison), never
/// up a tree (`/Parent`, `/P`).
struct Compare<'a> {
    a: &'a Document,
    b: &'a Document,
    steps: usize,
    /// Objects of `b` a comparison went through: what they hold is accounted for by
    /// the change that comparison names, if any.
    seen_b: BTreeSet<ObjectId>,
    /// The pages of `a`, each with the page of `b` at the same place.
    pages: BTreeMap<ObjectId, ObjectId>,
    /// The pages of `b`.
    pages_b: BTreeSet<ObjectId>,
}

impl<'a> Compare<'a> {
    fn same(&mut self, x: &'a Object, y: &'a Object) -> bool {
        let mut visited = BTreeSet::new();
        let mut stack = vec![(x, y)];
        while let Some((x, y)) = stack.pop() {
            if self.steps == 0 {
                return false;
            }
            self.steps -= 1;
            match (x, y) {
                (Object::Reference(i), Object::Reference(j)) => {
                    if !visited.insert((*i, *j)) {
                        continue;
                    }
                    if let Some(q) = self.pages.get(i) {
                        if q != j {
                            return false;
                        }
                        continue;
                    }
                    if self.pages_b.contains(j) {
                        return false;
                    }
                    self.seen_b.insert(*j);
                    match (self.a.objects.get(i), self.b.objects.get(j)) {
                        (Some(p), Some(q)) => stack.push((p, q)),
                        (None, None) => {}
                        _ => return false,
                    }
                }
                (Object::Reference(i), _) => match self.a.objects.get(i) {
                    Some(p) => stack.push((p, y)),
                    None => return false,
                },
                (_, Object::Reference(j)) => {
                    self.seen_b.insert(*j);
                    match self.b.objects.get(j) {
                        Some(q) => stack.push((x, q)),
                        None => return false,
                    }
                }
                (Object::Array(p), Object::Array(q)) => {
                    if p.len() != q.len() {
                        return false;
                    }
                    stack.extend(p.iter().zip(q.iter()));
                }
                (Object::Dictionary(p), Object::Dictionary(q)) => {
                    if !push_entries(p, q, &mut stack) {
                        return false;
                    }
                }
                (Object::Stream(p), Object::Stream(q)) => {
                    if p.content != q.content || !push_entries(&p.dict, &q.dict, &mut stack) {
                        return false;
                    }
                }
                _ => {
                    if x != y {
                        return false;
                    }
                }
            }
        }
        true
    }
}

/// Pushes the pairs of entries of two dictionaries (but their way up the tree); false
/// when their keys differ.
fn push_entries<'a>(
    p: &'a Dictionary,
    q: &'a Dictionary,
    stack: &mut Vec<(&'a Object, &'a Object)>,
) -> bool {
    let up = |k: &[u8]| k == b"Parent" || k == b"P";
    if p.iter().filter(|(k, _)| !up(k)).count() != q.iter().filter(|(k, _)| !up(k)).count() {
        return false;
    }
    for (k, v) in p.iter().filter(|(k, _)| !up(k)) {
        match q.get(k) {
            Ok(w) => stack.push((v, w)),
            Err(_) => return false,
        }
    }
    true
}
