//! issue: checking a signed PDF (`baocao verify`, and the window's review step). Lists
//! the signatures, then tells whether what the first signature covers is exactly the
//! approved report: the signed bytes must begin with the PDF this program makes again
//! from the source attached to it (export is deterministic), and that source must be
//! the project's approved report — same export bytes, or the approval fingerprint.
//! Says which sections and pages differ when it is not. Nothing is ever written.
//!
//! Cryptographic validation (certificate chain, revocation, the signature value)
//! stays with the signing tools; the verdict says so.

use std::path::Path;

use crate::export::{PdfFacts, SignatureField, SignatureImages, read_pdf};
use crate::model::{Project, Report};
use crate::review::{approval_holds, fingerprint};

use super::differences::{Differences, between};
use super::{IssueError, load_images, sign_ready_pdf, signer::signer_of, source_of};

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
pub const CERTIFICATE_NOTE: &str = "Lưu ý: chương trình chỉ đối chiếu nội dung; việc kiểm tra chứng thư số và tính hợp lệ của chữ ký số (chuỗi chứng thư, thu hồi, giá trị chữ ký) do phần mềm ký số đảm nhiệm.";

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
    let mut v = Verdict {
        signatures: all.signatures.iter().map(describe).collect(),
        ..Verdict::default()
    };
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
    ok &= later_changes(&all, &original.facts, &mut v.lines);

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
    } else {
        "Kết luận: nội dung đã ký KHÔNG khớp bản đã duyệt.".to_owned()
    });
    Ok(v)
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
/// dictionary gives.
fn describe(sig: &SignatureField) -> String {
    let cert = signer_of(&sig.contents);
    let mut parts = Vec::new();
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
