//! issue: what differs between two versions of a report — the one a signed PDF
//! carries and the one in the project — named as a clerk finds them: the sections by
//! number and title, the other parts of the document by name, and the pages (of the
//! PDF) whose printed text differs.

use std::collections::BTreeMap;

use crate::compose::section_numbers;
use crate::layout::Item;
use crate::model::{Project, Report};
use crate::render::{RenderKind, render};
use crate::review::printed_periods;

/// The differences between two versions of a report; all empty when they print alike.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Differences {
    /// Sections whose title or text differ, or that only one version has
    /// (`II. KẾT QUẢ … (sửa)`).
    pub sections: Vec<String>,
    /// Other parts that differ (`số và ngày văn bản`, `trích yếu`, `số liệu của kỳ`, …).
    pub other: Vec<String>,
    /// PDF page numbers (from 1, over the whole file) whose printed text differs; a page
    /// only one version has counts too.
    pub pages: Vec<usize>,
}

impl Differences {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty() && self.other.is_empty() && self.pages.is_empty()
    }
}

/// Compares `signed` (the version a PDF carries) with `current` (the project's).
pub fn between(signed: (&Project, &Report), current: (&Project, &Report)) -> Differences {
    let (sp, sr) = signed;
    let (cp, cr) = current;
    Differences {
        sections: sections(sr, cr),
        other: other_parts(signed, current),
        pages: pages(sp, sr, cp, cr),
    }
}

fn sections(signed: &Report, current: &Report) -> Vec<String> {
    let label = |report: &Report, numbers: &BTreeMap<String, String>, id: &str| {
        let title = report
            .section(id)
            .map(|s| s.title.trim())
            .unwrap_or_default();
        match numbers.get(id) {
            Some(n) if !n.is_empty() => format!("{n} {title}"),
            _ => title.to_owned(),
        }
    };
    let (sn, cn) = (section_numbers(signed), section_numbers(current));
    let mut out = Vec::new();
    for s in signed.all_sections() {
        match current.section(&s.id) {
            None => out.push(format!(
                "{} (bản đã ký có, dự án không còn)",
                label(signed, &sn, &s.id)
            )),
            Some(c) => {
                let same = s.title.trim() == c.title.trim()
                    && s.body == c.body
                    && s.generated == c.generated
                    && s.indicator_table == c.indicator_table
                    && s.new_page == c.new_page
                    && s.numbering == c.numbering;
                if !same {
                    out.push(format!("{} (nội dung khác)", label(current, &cn, &c.id)));
                }
            }
        }
    }
    for c in current.all_sections() {
        if signed.section(&c.id).is_none() {
            out.push(format!(
                "{} (dự án có, bản đã ký không có)",
                label(current, &cn, &c.id)
            ));
        }
    }
    out
}

fn other_parts(signed: (&Project, &Report), current: (&Project, &Report)) -> Vec<String> {
    let ((sp, sr), (cp, cr)) = (signed, current);
    let checks = [
        (
            sr.number != cr.number || sr.date != cr.date,
            "số và ngày văn bản",
        ),
        (sr.summary != cr.summary, "trích yếu"),
        (sr.recipients != cr.recipients, "Kính gửi"),
        (sr.opening != cr.opening, "đoạn mở đầu"),
        (sr.closing != cr.closing, "câu kết"),
        (sr.distribution != cr.distribution, "Nơi nhận"),
        (sr.signer != cr.signer, "người ký"),
        (sr.appendices != cr.appendices, "các phụ lục"),
        (sr.period != cr.period || sr.kind != cr.kind, "kỳ báo cáo"),
        (sp.organisation != cp.organisation, "thông tin cơ quan"),
        (sp.plan != cp.plan, "kế hoạch (chỉ tiêu, nhiệm vụ)"),
        (
            printed_periods(sp, sr) != printed_periods(cp, cr),
            "số liệu các kỳ",
        ),
        (sp.page_setup != cp.page_setup, "định dạng trang"),
    ];
    checks
        .into_iter()
        .filter(|(differs, _)| *differs)
        .map(|(_, name)| name.to_owned())
        .collect()
}

/// The PDF pages whose text differs, both versions laid out as drafts (so that a
/// version that may not print final still compares).
fn pages(sp: &Project, sr: &Report, cp: &Project, cr: &Report) -> Vec<usize> {
    let texts = |p: &Project, r: &Report| -> Vec<String> {
        render(p, r, RenderKind::Draft)
            .map(|rendered| {
                rendered
                    .pages
                    .pages
                    .iter()
                    .map(|page| {
                        page.items
                            .iter()
                            .filter_map(|it| match it {
                                Item::Text(t) => Some(t.text.as_str()),
                                _ => None,
                            })
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (a, b) = (texts(sp, sr), texts(cp, cr));
    (0..a.len().max(b.len()))
        .filter(|&i| a.get(i) != b.get(i))
        .map(|i| i + 1)
        .collect()
}

#[cfg(test)]
mod tests;
