//! issue: checking a signed PDF (`baocao verify`, and the window's review step). Lists
//! the signatures, then tells whether what the first signature covers is exactly the
//! approved report: the signed bytes must begin with the PDF this program makes again
//! from the source attached to it (export is deterministic), and that source must be
//! the project's approved report — same export bytes, or the approval fingerprint.
//! Says which sections and pages differ when it is not. Nothing is ever written.
//!
//! As a signature validator does, it takes signatures only from the form's signature
//! fields, checks that each signature value was made by its certificate's key over the
//! digest of exactly the bytes it covers, and analyses every update appended after the
//! first signature: anything a reader would see differently makes the verdict
//! "changed after signing". Trust in the certificates (chain, revocation) stays with
//! the signing tools; the verdict says so.

use std::path::Path;

use crate::export::read::changes_after;
use crate::export::{PdfFacts, SignatureField, SignatureImages, read_pdf};
use crate::model::{Project, Report};
use crate::review::{approval_holds, fingerprint};

use super::differences::{Differences, between};
use super::signer::{ValueCheck, check_value, signer_of};
use super::{IssueError, load_images, sign_ready_pdf, source_of};

/// The words of a matching verdict.
pub const MATCHES_APPROVED: &str = "khớp bản đã duyệt";

/// What the check found, as lines to show, and whether the signed content matches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// The signatures, one line each.
    pub signatures: Vec<String>,
    /// The findings and the conclusion, in Vietnamese.
    pub lines: Vec<String>,
    /// The signed content is exactly the approved report (or, for a report not
    /// approved, the report as it stands).
    pub matches: bool,
}

impl Verdict {
    /// Everything as one text: signatures, findings, the note on certificates.
    pub fn text(&self) -> String {
        let mut out = String::new();
        if self.signatures.is_empty() {
            out.push_str("Chữ ký số: không có.\n");
        } else {
            out.push_str(&format!("Chữ ký số trong tệp: {}\n", self.signatures.len()));
            for (i, s) in self.signatures.iter().enumerate() {
                out.push_str(&format!("  {}. {s}\n", i + 1));
            }
        }
        for l in &self.lines {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(CERTIFICATE_NOTE);
        out.push('\n');
        out
    }
}

/// Said under every verdict.
pub const CERTIFICATE_NOTE: &str = "Lưu ý: chương trình đối chiếu nội dung và kiểm tra giá trị chữ ký khớp khóa của chứng thư số đi kèm; việc kiểm tra chứng thư số có đáng tin hay không (chuỗi chứng thư, thu hồi) do phần mềm ký số đảm nhiệm.";

/// The words of a verdict on a file changed after it was signed.
pub const CHANGED_AFTER_SIGNING: &str = "đã bị sửa sau khi ký";

/// Said of a signature dictionary that no signature field points to.
pub const ORPHAN_SIGNATURE: &str = "đối tượng chữ ký không thuộc trường chữ ký nào";

/// The project a signed PDF is compared with, and where it came from (for messages).
pub struct Against<'a> {
    pub project: &'a Project,
    /// The project file: its name is shown, the images it names are found beside it.
    pub path: &'a Path,
}

/// Checks the signed PDF in `bytes` against `against` (the project file), or, without
/// one, against the source attached to the PDF itself. An error only for a PDF that
/// cannot be read at all.
pub fn verify(
    bytes: &[u8],
    pdf_path: &Path,
    against: Option<Against>,
) -> Result<Verdict, IssueError> {
    let all = read_pdf(bytes)?;
    let checks: Vec<ValueCheck> = all.signatures.iter().map(|s| value_of(bytes, s)).collect();
    let mut v = Verdict {
        signatures: all
            .signatures
            .iter()
            .zip(&checks)
            .map(|(s, c)| describe(s, c))
            .collect(),
        ..Verdict::default()
    };
    if all.orphan_signatures > 0 {
        v.lines.push(format!(
            "Tệp có {} {ORPHAN_SIGNATURE}: đó không phải chữ ký số của tệp (chữ ký chỉ được nhận từ các trường chữ ký), có thể là dấu vết giả mạo.",
            all.orphan_signatures
        ));
    }
    let Some(original) = first_revision_with_source(bytes) else {
        v.lines.push(format!(
            "Kết luận: không đối chiếu được. {}",
            IssueError::NoSource
        ));
        return Ok(v);
    };
    let (source, _) = source_of(&original.facts, pdf_path)?;
    let Some(s_report) = source.reports.first() else {
        return Err(IssueError::NoSource);
    };
    let Some(first) = all.signatures.first() else {
        v.lines.push(
            "Kết luận: tệp chưa được ký số, không có nội dung đã ký để đối chiếu.".to_owned(),
        );
        return Ok(v);
    };
    let mut ok = signature_coverage(bytes, first, original.end, &all, &mut v.lines);
    ok &= values_hold(&all, &checks, &mut v.lines);
    ok &= all.orphan_signatures == 0;
    let unchanged = changed_after_signing(bytes, first, &mut v.lines);
    ok &= unchanged;
    ok &= later_changes(&all, &original.facts, &mut v.lines);
    holder_and_printed_signer(&all, &source, s_report, &mut v.lines);

    // The signed bytes must be what this program writes for the attached source, with
    // the images it names (beside the project file, else beside the PDF).
    let base = against.as_ref().map_or(pdf_path, |a| a.path);
    let images = match load_images(&source.signing, Some(base)) {
        Ok(images) => images,
        Err(e) => {
            v.lines.push(format!(
                "Không đọc được ảnh chữ ký hoặc con dấu mà bản đã ký dùng, nên không so được từng byte: {e}"
            ));
            SignatureImages::default()
        }
    };
    let remade = sign_ready_pdf(&source, s_report, images);
    let ours = match &remade {
        Ok(made) => {
            bytes.get(..made.len()) == Some(made.as_slice())
                && bytes
                    .get(made.len()..original.end)
                    .is_some_and(|gap| gap.iter().all(u8::is_ascii_whitespace))
        }
        Err(_) => false,
    };
    if !ours {
        ok = false;
        let pages = remade
            .as_ref()
            .ok()
            .and_then(|m| read_pdf(m).ok())
            .map(|m| differing_pages(&m, &original.facts))
            .unwrap_or_default();
        v.lines.push(format!(
            "Phần đã ký không đúng từng byte với tệp mà phiên bản chương trình này xuất ra từ nguồn báo cáo đính kèm: nội dung đã bị sửa ngoài chương trình{}, hoặc tệp được xuất bằng một phiên bản khác của chương trình.",
            pages_phrase(&pages)
        ));
    }
    if ok && all.signatures.len() > 1 {
        v.lines.push(format!(
            "Tệp có {} chữ ký; nội dung được đối chiếu theo chữ ký thứ nhất, các chữ ký sau không thay đổi nội dung các trang.",
            all.signatures.len()
        ));
    }
    let (matched, lines) = match against {
        None => against_itself(&source, s_report),
        Some(a) => against_project(&source, s_report, &a, remade.as_deref().ok()),
    };
    v.lines.extend(lines);
    v.matches = ok && matched;
    let who = signer_names(&all);
    v.lines.push(if v.matches {
        format!(
            "Kết luận: nội dung đã ký {MATCHES_APPROVED}{}.",
            if who.is_empty() {
                String::new()
            } else {
                format!(" (người ký: {who})")
            }
        )
    } else if !unchanged {
        format!(
            "Kết luận: tệp {CHANGED_AFTER_SIGNING}; nội dung người đọc thấy KHÔNG khớp bản đã duyệt."
        )
    } else {
        "Kết luận: nội dung đã ký KHÔNG khớp bản đã duyệt.".to_owned()
    });
    Ok(v)
}

/// The signature value of `sig` checked over the pieces of `bytes` its range names.
fn value_of(bytes: &[u8], sig: &SignatureField) -> ValueCheck {
    let pieces: Option<Vec<&[u8]>> = sig
        .byte_range
        .chunks(2)
        .map(|pair| {
            let [start, len] = pair else { return None };
            let start = usize::try_from(*start).ok()?;
            bytes.get(start..start.checked_add(usize::try_from(*len).ok()?)?)
        })
        .collect();
    match pieces {
        Some(pieces) if !pieces.is_empty() => check_value(&sig.contents, &pieces),
        _ => ValueCheck::DigestDiffers,
    }
}

/// Whether every signature value holds; a line for each that does not.
fn values_hold(all: &PdfFacts, checks: &[ValueCheck], lines: &mut Vec<String>) -> bool {
    let mut ok = true;
    for (i, (sig, check)) in all.signatures.iter().zip(checks).enumerate() {
        let why = match check {
            ValueCheck::Holds => continue,
            ValueCheck::DigestDiffers => {
                "giá trị băm trong chữ ký không khớp các byte mà chữ ký nói là đã ký (nội dung đã bị sửa hoặc chữ ký được chép từ tệp khác)".to_owned()
            }
            ValueCheck::ValueFails => {
                "giá trị chữ ký không khớp khóa công khai của chứng thư số đi kèm".to_owned()
            }
            ValueCheck::Unreadable => "không đọc được cấu trúc chữ ký (CMS)".to_owned(),
            ValueCheck::Unsupported(what) => {
                format!("chương trình không kiểm tra được giá trị chữ ký: {what}")
            }
        };
        ok = false;
        lines.push(format!(
            "Chữ ký thứ {} (trường “{}”) không hợp lệ: {why}.",
            i + 1,
            sig.field
        ));
    }
    ok
}

/// Whether the updates appended after the first signature leave what a reader sees
/// as signed (PAdES allows new signatures, timestamps and validation data).
fn changed_after_signing(bytes: &[u8], first: &SignatureField, lines: &mut Vec<String>) -> bool {
    let end = usize::try_from(first.covered_end()).unwrap_or(usize::MAX);
    match changes_after(bytes, end) {
        Ok(changes) if changes.is_empty() => true,
        Ok(changes) => {
            lines.push(format!(
                "Tệp {CHANGED_AFTER_SIGNING}: phần thêm vào sau chữ ký thứ nhất thay đổi những gì người đọc thấy:"
            ));
            lines.extend(changes.iter().map(|c| format!("  - {c}")));
            false
        }
        Err(e) => {
            lines.push(format!(
                "Không phân tích được các lần cập nhật sau chữ ký thứ nhất: {e}"
            ));
            false
        }
    }
}

/// Says when the holder of the first signer's certificate is not the person whose
/// name the signature block prints.
fn holder_and_printed_signer(
    all: &PdfFacts,
    source: &Project,
    report: &Report,
    lines: &mut Vec<String>,
) {
    let Some(printed) = source
        .organisation
        .signer(&report.signer)
        .map(|s| s.full_name.trim().to_owned())
        .filter(|n| !n.is_empty())
    else {
        return;
    };
    let Some(holder) = all
        .signatures
        .iter()
        .find(|s| !s.timestamp)
        .and_then(|s| signer_of(&s.contents)?.common_name)
    else {
        return;
    };
    if !same_person(&holder, &printed) {
        lines.push(format!(
            "Người giữ chứng thư số của chữ ký thứ nhất ({holder}) khác người ký in trên văn bản ({printed})."
        ));
    }
}

/// Names compared as a certificate may write them: any case, with or without marks.
fn same_person(a: &str, b: &str) -> bool {
    let fold = |s: &str| -> String {
        use unicode_normalization::UnicodeNormalization;
        s.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
            .flat_map(char::to_lowercase)
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    fold(a) == fold(b)
}

/// The first revision of the file read with its attached source.
struct Original {
    end: usize,
    facts: PdfFacts,
}

fn first_revision_with_source(bytes: &[u8]) -> Option<Original> {
    crate::export::read::revision_ends(bytes)
        .into_iter()
        .find_map(|end| {
            let facts = read_pdf(bytes.get(..end)?).ok()?;
            facts
                .attachments
                .iter()
                .any(|(n, _)| n.to_lowercase().ends_with(".ron"))
                .then_some(Original { end, facts })
        })
}

/// Whether the first signature covers the whole exported document, from its first
/// byte, leaving out only its own value.
fn signature_coverage(
    bytes: &[u8],
    sig: &SignatureField,
    original_end: usize,
    all: &PdfFacts,
    lines: &mut Vec<String>,
) -> bool {
    let range: Vec<u64> = sig
        .byte_range
        .iter()
        .filter_map(|v| u64::try_from(*v).ok())
        .collect();
    let len = bytes.len() as u64;
    let [a, b, c, d] = range.as_slice() else {
        lines.push("Chữ ký thứ nhất có vùng ký (ByteRange) không hợp lệ.".to_owned());
        return false;
    };
    let hole_is_value = usize::try_from(*b)
        .ok()
        .zip(usize::try_from(*c).ok())
        .and_then(|(b, c)| bytes.get(b..c))
        .is_some_and(|h| h.first() == Some(&b'<') && h.last() == Some(&b'>'));
    if *a != 0 || *b >= *c || c.saturating_add(*d) > len || !hole_is_value {
        lines.push(
            "Chữ ký thứ nhất có vùng ký (ByteRange) không hợp lệ: không bắt đầu từ đầu tệp hoặc chừa ra nhiều hơn giá trị chữ ký."
                .to_owned(),
        );
        return false;
    }
    if (original_end as u64) > *b {
        lines.push(format!(
            "Chữ ký thứ nhất chỉ phủ một phần tệp: {} trên {} byte của văn bản đã xuất.",
            b, original_end
        ));
        return false;
    }
    let last_end = all
        .signatures
        .iter()
        .map(SignatureField::covered_end)
        .max()
        .unwrap_or(0);
    let tail = bytes
        .get(usize::try_from(last_end).unwrap_or(usize::MAX)..)
        .unwrap_or_default();
    if !tail.iter().all(u8::is_ascii_whitespace) {
        lines.push(format!(
            "Sau chữ ký cuối cùng, tệp còn {} byte được thêm vào (sửa đổi sau khi ký), không thuộc phần đã ký.",
            tail.len()
        ));
    }
    true
}

/// Whether the pages as the file now shows them are still those of the exported
/// document (an incremental update after signing may have changed them).
fn later_changes(all: &PdfFacts, original: &PdfFacts, lines: &mut Vec<String>) -> bool {
    let pages = differing_pages(all, original);
    let source_changed = all.attachments != original.attachments;
    if source_changed {
        lines.push(
            "Tệp đã bị sửa sau khi xuất: tệp nguồn báo cáo đính kèm đã bị thay; việc đối chiếu dùng nguồn đính kèm lúc xuất."
                .to_owned(),
        );
    }
    if pages.is_empty() {
        return !source_changed;
    }
    lines.push(format!(
        "Tệp đã bị sửa sau khi xuất: phần thêm vào sau đó thay đổi nội dung{}; người đọc sẽ thấy nội dung khác với bản đã ký.",
        pages_phrase(&pages)
    ));
    false
}

fn differing_pages(a: &PdfFacts, b: &PdfFacts) -> Vec<usize> {
    (0..a.pages.len().max(b.pages.len()))
        .filter(|&i| a.pages.get(i) != b.pages.get(i))
        .map(|i| i + 1)
        .collect()
}

fn pages_phrase(pages: &[usize]) -> String {
    if pages.is_empty() {
        return String::new();
    }
    let list: Vec<String> = pages.iter().map(ToString::to_string).collect();
    format!(" ở trang {} (số trang theo tệp PDF)", list.join(", "))
}

/// Without a project file: the attached source itself is the reference.
fn against_itself(source: &Project, report: &Report) -> (bool, Vec<String>) {
    let mut lines = vec![format!(
        "Đối chiếu với nguồn báo cáo đính kèm trong tệp: báo cáo “{}” (mã {}), trạng thái “{}”.",
        report.summary.trim(),
        report.id,
        report.review.status.label()
    )];
    let approved = report.review.status.allows_final() && approval_holds(source, report);
    if !approved {
        lines.push("Nguồn đính kèm không mang dấu duyệt hợp lệ.".to_owned());
    }
    (approved, lines)
}

/// With a project file: its report of the same id, approved (compared with the
/// approval) or not (compared with the report as it stands).
fn against_project(
    source: &Project,
    signed: &Report,
    a: &Against,
    remade: Option<&[u8]>,
) -> (bool, Vec<String>) {
    let name = a.path.display();
    let Some(current) = a.project.report(&signed.id) else {
        let ids: Vec<&str> = a.project.reports.iter().map(|r| r.id.as_str()).collect();
        return (
            false,
            vec![format!(
                "Dự án {} không có báo cáo mã “{}” (báo cáo trong bản đã ký). Các báo cáo có trong dự án: {}.",
                name,
                signed.id,
                if ids.is_empty() {
                    "(chưa có)".to_owned()
                } else {
                    ids.join(", ")
                }
            )],
        );
    };
    let mut lines = Vec::new();
    let approved = current.review.status.allows_final() && approval_holds(a.project, current);
    let signed_fp = fingerprint(source, signed);
    let same = if approved {
        lines.push(format!(
            "Đối chiếu với bản đã duyệt của báo cáo “{}” (mã {}) trong dự án {}.",
            current.summary.trim(),
            current.id,
            name
        ));
        let own = load_images(&a.project.signing, Some(a.path)).unwrap_or_default();
        // The PDF the app exports for the approved report, against the one it makes
        // from the signed source (which the signed bytes were checked to begin with).
        let by_bytes = match (sign_ready_pdf(a.project, current, own), remade) {
            (Ok(x), Some(y)) => x == y,
            _ => false,
        };
        by_bytes || current.review.approved_fingerprint.as_deref() == Some(signed_fp.as_str())
    } else {
        lines.push(format!(
            "Báo cáo mã {} trong dự án {} đang ở trạng thái “{}”{}: đối chiếu với báo cáo như hiện nay.",
            current.id,
            name,
            current.review.status.label(),
            if current.review.status.allows_final() { " nhưng đã sửa sau khi duyệt" } else { "" }
        ));
        signed_fp == fingerprint(a.project, current)
    };
    if !same {
        lines.extend(describe_differences(&between(
            (source, signed),
            (a.project, current),
        )));
    } else if !approved {
        lines.push(
            "Nội dung đã ký giống báo cáo hiện nay trong dự án, nhưng báo cáo này chưa được duyệt."
                .to_owned(),
        );
    }
    (same, lines)
}

fn describe_differences(d: &Differences) -> Vec<String> {
    let mut out = Vec::new();
    if d.is_empty() {
        out.push("Khác biệt nằm ở dữ liệu không in ra (ví dụ số liệu dự phòng); nội dung các trang giống nhau.".to_owned());
    }
    if !d.sections.is_empty() {
        out.push("Các mục khác nhau giữa bản đã ký và dự án:".to_owned());
        out.extend(d.sections.iter().map(|s| format!("  - {s}")));
    }
    if !d.other.is_empty() {
        out.push(format!(
            "Các phần khác cũng khác nhau: {}.",
            d.other.join(", ")
        ));
    }
    if !d.pages.is_empty() {
        let list: Vec<String> = d.pages.iter().map(ToString::to_string).collect();
        out.push(format!(
            "Các trang in khác nhau: trang {}.",
            list.join(", ")
        ));
    }
    out
}

/// One line for a signature: the certificate's name, the name and time the signature
/// dictionary gives, whether its value holds.
fn describe(sig: &SignatureField, check: &ValueCheck) -> String {
    let cert = signer_of(&sig.contents);
    let mut parts = Vec::new();
    if sig.timestamp {
        parts.push("dấu thời gian tài liệu".to_owned());
    }
    match cert.as_ref().and_then(|c| c.common_name.clone()) {
        Some(cn) => parts.push(format!("người ký theo chứng thư số: {cn}")),
        None => parts.push("không đọc được chứng thư số của người ký".to_owned()),
    }
    if let Some(o) = cert.and_then(|c| c.organisation) {
        parts.push(format!("tổ chức: {o}"));
    }
    if let Some(n) = sig.name.as_deref().filter(|n| !n.trim().is_empty()) {
        parts.push(format!("tên ghi trong chữ ký: {}", n.trim()));
    }
    if let Some(t) = sig.time.as_deref() {
        parts.push(format!("thời điểm ký: {}", pdf_time(t)));
    }
    parts.push(
        if *check == ValueCheck::Holds {
            "giá trị chữ ký khớp khóa của chứng thư và đúng các byte đã ký"
        } else {
            "giá trị chữ ký KHÔNG hợp lệ"
        }
        .to_owned(),
    );
    parts.join("; ")
}

/// The names the certificates give, joined.
fn signer_names(all: &PdfFacts) -> String {
    let names: Vec<String> = all
        .signatures
        .iter()
        .filter_map(|s| signer_of(&s.contents)?.common_name)
        .collect();
    names.join(", ")
}

/// A PDF date (`D:20260701093000+07'00'`) as `01/07/2026 09:30:00 (+07:00)`; the text
/// as it is when it is not one.
pub fn pdf_time(raw: &str) -> String {
    let s = raw.trim().trim_start_matches("D:");
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return raw.to_owned();
    }
    let part =
        |from: usize, to: usize, default: &str| digits.get(from..to).unwrap_or(default).to_owned();
    let zone = s.get(digits.len()..).unwrap_or_default().replace('\'', "");
    let zone = match zone.as_str() {
        "" => String::new(),
        "Z" => " (UTC)".to_owned(),
        z if z.len() >= 5 => format!(" ({}:{})", &z[..3], &z[3..5]),
        z => format!(" ({z})"),
    };
    format!(
        "{}/{}/{} {}:{}:{}{zone}",
        part(6, 8, "01"),
        part(4, 6, "01"),
        part(0, 4, "0000"),
        part(8, 10, "00"),
        part(10, 12, "00"),
        part(12, 14, "00")
    )
}

#[cfg(test)]
mod tests;
