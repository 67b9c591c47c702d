//! import, docx: a report written in Word (`.docx`) read as a new report, and the
//! comments a reviewer wrote in Word read back as review comments ([`comments`]).
//!
//! The document is read with docx-rs and turned into the lines the plain-text
//! recogniser reads ([`crate::import::text::recognise_lines`]), carrying what Word
//! knows (heading styles, list levels and markers, emphasis, tables) instead of
//! guessing it, so both paths share one set of rules. Pure apart from reading the file.

mod body;
pub mod changes;
mod comment_place;
pub mod comments;
mod style;
mod table;
mod tracked;

use std::path::Path;

use crate::import::text::{self, Note, Recognised};
use crate::import::zipped::{self, Budget, ZipProblem};
use crate::limits::{self, Exceeded};
use crate::storage;

pub use changes::{ChangeImport, compare};
pub use comments::{
    CommentImport, PlacedComment, UnplacedComment, place_comments, place_comments_in,
};

/// The plain text of a paragraph (for the plan import's rows).
pub(crate) use body::paragraph_text;
pub(crate) use style::cell_merge;

/// Largest Word file read (see [`crate::limits::MAX_DOCX_FILE_BYTES`]).
pub const MAX_DOCX_BYTES: u64 = crate::limits::MAX_DOCX_FILE_BYTES;

/// Why a Word file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("Không đọc được tệp Word ({reason}).\nTệp: {path}")]
    Read { path: String, reason: String },
    #[error(
        "Tệp là tài liệu Word cũ (.doc, Word 97–2003) hoặc tệp .docx có đặt mật khẩu; chương trình chỉ đọc được .docx không mật khẩu. Hãy mở tệp bằng Word, bỏ mật khẩu nếu có (Tệp › Thông tin › Bảo vệ tài liệu), rồi Lưu thành › Tài liệu Word (*.docx) và nhập lại.\nTệp: {path}"
    )]
    OldOrProtected { path: String },
    #[error(
        "Tệp không phải tài liệu Word .docx hợp lệ (tệp hỏng, chưa tải xong, hoặc là loại tệp khác đổi đuôi). Hãy mở thử bằng Word rồi lưu lại dạng .docx.\nTệp: {path}"
    )]
    Corrupt { path: String },
    #[error(
        "Không đọc tệp Word này: {what} (giới hạn để chương trình không bị treo hay hết bộ nhớ). Hãy mở tệp bằng Word, chia thành các tệp nhỏ hơn hoặc bỏ bớt bảng lồng nhau, rồi nhập lại.\nTệp: {path}"
    )]
    TooBig {
        path: String,
        what: crate::limits::Exceeded,
    },
}

/// The bytes of a Word file, refused when too large or when it is an old `.doc` or a
/// password-protected document (both OLE compound files).
pub fn read_file(path: &Path) -> Result<Vec<u8>, DocxError> {
    let shown = path.display().to_string();
    let (bytes, _) = storage::read_limited(path, MAX_DOCX_BYTES).map_err(|e| DocxError::Read {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(DocxError::OldOrProtected { path: shown });
    }
    Ok(bytes)
}

/// The document in `bytes`; `path` names it in the error.
pub fn open(bytes: &[u8], path: &Path) -> Result<docx_rs::Docx, DocxError> {
    let corrupt = || DocxError::Corrupt {
        path: path.display().to_string(),
    };
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(DocxError::OldOrProtected {
            path: path.display().to_string(),
        });
    }
    if !bytes.starts_with(b"PK") {
        return Err(corrupt());
    }
    let bytes = guarded(bytes).map_err(|problem| match problem {
        ZipProblem::Damaged => corrupt(),
        ZipProblem::TooBig(what) => DocxError::TooBig {
            path: path.display().to_string(),
            what,
        },
    })?;
    // docx-rs asserts on some damaged parts; such a file is reported as corrupt, and
    // the panic's English message is kept from the clerk's terminal.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let read = std::panic::catch_unwind(|| docx_rs::read_docx(&bytes));
    std::panic::set_hook(hook);
    read.map_err(|_| corrupt())?.map_err(|_| corrupt())
}

/// The XML parts of a Word package (pictures and embedded files are left out: the
/// import never reads them), each inflated within [`Budget::DOCX`] and scanned for
/// nesting, repacked so that docx-rs sees true sizes and never recurses deeper than
/// the limits.
fn guarded(bytes: &[u8]) -> Result<Vec<u8>, ZipProblem> {
    let parts = zipped::read_parts(bytes, Budget::DOCX, zipped::is_xml_part)?;
    let mut paragraphs = 0;
    for part in &parts {
        let left = limits::MAX_DOCX_PARAGRAPHS.saturating_sub(paragraphs);
        let shape = zipped::scan_xml(
            &part.bytes,
            limits::MAX_XML_DEPTH,
            limits::MAX_TABLE_NESTING,
            left,
        )
        .map_err(|e| match e {
            ZipProblem::TooBig(Exceeded::Paragraphs(_)) => {
                ZipProblem::TooBig(Exceeded::Paragraphs(limits::MAX_DOCX_PARAGRAPHS))
            }
            other => other,
        })?;
        paragraphs += shape.paragraphs;
    }
    zipped::repack(&parts)
}

/// A Word report as the recogniser read it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocxReport {
    /// What was recognised; its notes include what the document held that has no
    /// place in a report's text. A note's line is the paragraph (1-based) it is about.
    pub rec: Recognised,
}

/// Reads the report in a Word document.
pub fn recognise(docx: &docx_rs::Docx) -> DocxReport {
    let mut reader = body::Reader::new(style::Styles::new(docx), style::char_styles(docx));
    reader.body(&docx.document.children);
    let body::Reader { lines, notes, .. } = reader;
    let mut rec = text::recognise_lines(lines);
    rec.notes.extend(
        notes
            .into_iter()
            .map(|(line, kind, m)| Note::new(line, kind, m)),
    );
    if !docx.comments.inner().is_empty() {
        rec.notes.push(Note::new(
            0,
            text::NoteKind::Skipped,
            format!(
                "tài liệu có {} góp ý của Word; không nhập vào nội dung. Dùng Góp ý › Nhập góp ý từ tệp Word… để nhập chúng thành góp ý.",
                docx.comments.inner().len()
            ),
        ));
    }
    rec.notes.sort_by_key(|n| n.line);
    DocxReport { rec }
}

/// Reads the Word report at `path`.
pub fn recognise_file(path: &Path) -> Result<DocxReport, DocxError> {
    let bytes = read_file(path)?;
    let docx = open(&bytes, path)?;
    Ok(recognise(&docx))
}

/// A note as the clerk reads it for a Word file: `Đoạn 12: …`.
pub fn describe_note(note: &Note) -> String {
    if note.line == 0 {
        note.to_string()
    } else {
        format!("Đoạn {}: {}", note.line, note.message)
    }
}

/// Whether `path` names a Word document (`.docx`).
pub fn is_docx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx") || e.eq_ignore_ascii_case("doc"))
}

#[cfg(test)]
mod tests;
