//! import, docx: where on the report a Word comment goes. The commented paragraph
//! (or table row) is compared with every place a comment can be on, in print order:
//! the trích yếu and Kính gửi, the opening, each section's heading and paragraphs
//! (table rows typed in its text included), the rows of the indicator and task tables,
//! the câu kết, the signature and Nơi nhận. Texts are compared without list markers,
//! heading numbers, case, diacritics and punctuation; a paragraph edited since is
//! placed by the best word overlap.

use crate::model::rich::{self, split_marker};
use crate::model::{CommentAnchor, Generated, Project, Report};
use crate::review;
use crate::vi::fold;

/// Shortest text compared by containment (shorter texts must match whole).
const MIN_CONTAINED: usize = 12;
/// Share of words an edited paragraph must keep to be recognised.
const MIN_OVERLAP: f32 = 0.5;
/// Fewest words a paragraph needs to be placed by word overlap.
const MIN_OVERLAP_WORDS: usize = 3;

/// Where a comment goes: a section and paragraph, or a part outside the sections.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The section; empty for parts outside the sections and for rows of an appendix.
    pub section: String,
    pub paragraph: Option<usize>,
    pub anchor: Option<CommentAnchor>,
}

/// A place with the text compared.
struct Target {
    place: Place,
    key: String,
}

/// A row of a generated table: the indicator's or task's name, folded.
struct Row {
    anchor: CommentAnchor,
    section: String,
    key: String,
}

/// Every place of a report a comment can go, in print order.
pub struct Places {
    targets: Vec<Target>,
    rows: Vec<Row>,
}

/// Text compared: without a list marker or heading number, folded.
pub fn key(text: &str) -> String {
    let t = text.trim();
    let t = split_marker(t).map_or(t, |(_, body)| body);
    let t = strip_number(t);
    fold(t)
}

/// `I. `, `2.1. `, `a) ` at the start of a heading (as Word may show it).
pub(super) fn strip_number(t: &str) -> &str {
    let head: String = t.chars().take_while(|c| !c.is_whitespace()).collect();
    let numberish = !head.is_empty()
        && head.len() <= 8
        && (head.ends_with('.') || head.ends_with(')'))
        && head
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || "IVXLC".contains(c) || c.is_lowercase());
    if numberish && head.chars().count() <= 6 {
        t[head.len()..].trim_start()
    } else {
        t
    }
}

/// The printed text of a typed paragraph (a table row's cells side by side).
fn printed(p: &str) -> String {
    if p.starts_with('|') {
        p.replace('|', " ")
    } else {
        let body = split_marker(p).map_or(p, |(_, body)| body);
        let mut notes = Vec::new();
        rich::plain(body, 1, &mut notes)
    }
}

impl Places {
    /// The places of `report`; `project` names the signer and the table rows.
    pub fn new(project: Option<&Project>, report: &Report) -> Self {
        let mut targets = Vec::new();
        let mut part = |anchor: CommentAnchor, paragraph: Option<usize>, text: &str| {
            targets.push(Target {
                place: Place {
                    section: String::new(),
                    paragraph,
                    anchor: Some(anchor),
                },
                key: key(text),
            });
        };
        for line in report.summary.lines() {
            part(CommentAnchor::Summary, None, line);
        }
        part(CommentAnchor::Recipients, None, "Kính gửi");
        for r in &report.recipients {
            part(CommentAnchor::Recipients, None, r);
        }
        for (i, p) in review::paragraphs(&report.opening).into_iter().enumerate() {
            part(CommentAnchor::Opening, Some(i), &printed(p));
        }
        for s in report.all_sections() {
            targets.push(Target {
                place: Place {
                    section: s.id.clone(),
                    paragraph: None,
                    anchor: None,
                },
                key: key(&s.title),
            });
            for (i, p) in review::paragraphs(&s.body).into_iter().enumerate() {
                targets.push(Target {
                    place: Place {
                        section: s.id.clone(),
                        paragraph: Some(i),
                        anchor: None,
                    },
                    key: key(&printed(p)),
                });
            }
        }
        let mut part = |anchor: CommentAnchor, text: &str| {
            targets.push(Target {
                place: Place {
                    section: String::new(),
                    paragraph: None,
                    anchor: Some(anchor),
                },
                key: key(text),
            });
        };
        for line in report.closing.lines() {
            part(CommentAnchor::Closing, line);
        }
        let signer = project.and_then(|p| p.organisation.signer(&report.signer));
        if let Some(s) = signer {
            for a in &s.authority {
                part(CommentAnchor::Signature, a);
            }
            part(CommentAnchor::Signature, &s.position);
            part(CommentAnchor::Signature, &s.full_name);
        }
        part(CommentAnchor::Signature, "TM. Ủy ban nhân dân");
        part(CommentAnchor::Distribution, "Nơi nhận");
        for d in &report.distribution {
            part(CommentAnchor::Distribution, d);
        }
        if let Some(project) = project {
            part(
                CommentAnchor::Distribution,
                &format!("Lưu: {}", project.organisation.archive),
            );
        }
        targets.retain(|t| !t.key.is_empty());
        Self {
            targets,
            rows: project.map(|p| rows(p, report)).unwrap_or_default(),
        }
    }

    /// The place at `i`.
    pub fn place(&self, i: usize) -> Option<&Place> {
        self.targets.get(i).map(|t| &t.place)
    }

    /// The place of a comment written in a table cell, by the cells of its row: the
    /// indicator's or task's row, else a row typed in a section's text.
    pub fn find_row(&self, cells: &[String]) -> Option<Place> {
        let keys: Vec<String> = cells
            .iter()
            .map(|c| key(c))
            .filter(|k| !k.is_empty())
            .collect();
        let long = |s: &str| s.chars().count() >= MIN_CONTAINED;
        let row = self
            .rows
            .iter()
            .find(|r| keys.contains(&r.key))
            .or_else(|| {
                self.rows.iter().find(|r| {
                    long(&r.key)
                        && keys
                            .iter()
                            .any(|k| long(k) && (k.contains(&r.key) || r.key.contains(k.as_str())))
                })
            });
        if let Some(r) = row {
            return Some(Place {
                section: r.section.clone(),
                paragraph: None,
                anchor: Some(r.anchor.clone()),
            });
        }
        let whole = fold(&keys.join(" "));
        self.targets
            .iter()
            .find(|t| t.place.anchor.is_none() && t.place.paragraph.is_some() && t.key == whole)
            .map(|t| t.place.clone())
    }

    /// The place the commented paragraph is, preferring the first at or after `from`
    /// (comments come in document order): whole text first, then containment, then
    /// the commented words alone, then the best word overlap of an edited paragraph.
    pub fn find(&self, paragraph: &str, quoted: &str, from: usize) -> Option<usize> {
        let targets = &self.targets;
        let para = key(paragraph);
        let words = key(quoted);
        let ordered = |pred: &dyn Fn(&Target) -> bool| -> Option<usize> {
            (from..targets.len())
                .chain(0..from.min(targets.len()))
                .find(|&i| targets.get(i).is_some_and(pred))
        };
        if para.is_empty() && words.is_empty() {
            return None;
        }
        if !para.is_empty()
            && let Some(i) = ordered(&|t| t.key == para)
        {
            return Some(i);
        }
        let long = |s: &str| s.chars().count() >= MIN_CONTAINED;
        if long(&para)
            && let Some(i) =
                ordered(&|t| long(&t.key) && (t.key.contains(&para) || para.contains(&t.key)))
        {
            return Some(i);
        }
        if long(&words)
            && let Some(i) = ordered(&|t| t.key.contains(&words))
        {
            return Some(i);
        }
        self.best_overlap(&para)
    }

    /// The place sharing the most words with an edited paragraph, at least half of the
    /// longer of the two; the first of equals.
    fn best_overlap(&self, para: &str) -> Option<usize> {
        let words: Vec<&str> = para.split_whitespace().collect();
        if words.len() < MIN_OVERLAP_WORDS {
            return None;
        }
        let mut best: Option<(usize, f32)> = None;
        for (i, t) in self.targets.iter().enumerate() {
            let score = overlap(&words, &t.key.split_whitespace().collect::<Vec<_>>());
            if score >= MIN_OVERLAP && best.is_none_or(|(_, b)| score > b) {
                best = Some((i, score));
            }
        }
        best.map(|(i, _)| i)
    }
}

/// Words the two texts share (each counted as often as both have it), as a share of
/// the longer text's words.
pub fn overlap(a: &[&str], b: &[&str]) -> f32 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 0.0;
    }
    let mut left: Vec<&str> = b.to_vec();
    let mut common = 0usize;
    for w in a {
        if let Some(i) = left.iter().position(|x| x == w) {
            left.swap_remove(i);
            common += 1;
        }
    }
    common as f32 / longer as f32
}

/// The indicator and task rows the report prints, with the section of each table
/// (empty when it prints as an appendix).
fn rows(project: &Project, report: &Report) -> Vec<Row> {
    let section_of = |g: Generated| {
        report
            .all_sections()
            .into_iter()
            .find(|s| s.generated == Some(g))
            .map(|s| s.id.clone())
            .unwrap_or_default()
    };
    let indicators = section_of(Generated::IndicatorTable);
    let tasks = section_of(Generated::TaskTable);
    let mut out: Vec<Row> = project
        .plan
        .indicators
        .iter()
        .map(|i| Row {
            anchor: CommentAnchor::Indicator {
                id: i.id.clone(),
                name: crate::vi::nfc(i.name.trim()),
            },
            section: indicators.clone(),
            key: key(&i.name),
        })
        .collect();
    out.extend(project.plan.tasks.iter().map(|t| Row {
        anchor: CommentAnchor::Task {
            id: t.id.clone(),
            name: crate::vi::nfc(t.name.trim()),
        },
        section: tasks.clone(),
        key: key(&t.name),
    }));
    out.retain(|r| !r.key.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_numbers_markers_emphasis_and_diacritics() {
        assert_eq!(key("I. KẾT QUẢ THỰC HIỆN"), "ket qua thuc hien");
        assert_eq!(key("- Đã cấp 120 hồ sơ;"), "da cap 120 ho so");
        assert_eq!(key("2.1. Về chuyển đổi số"), "ve chuyen doi so");
        assert_eq!(key("a) Thuận lợi"), "thuan loi");
    }

    #[test]
    fn overlap_counts_shared_words_against_the_longer_text() {
        let a: Vec<&str> = "mot hai ba bon".split(' ').collect();
        let b: Vec<&str> = "mot hai ba nam sau".split(' ').collect();
        assert!((overlap(&a, &b) - 0.6).abs() < 1e-6);
        assert_eq!(overlap(&[], &[]), 0.0);
        assert_eq!(overlap(&["x", "x"], &["x"]), 0.5);
    }

    #[test]
    fn an_edited_paragraph_is_found_by_its_words_and_a_rewritten_one_is_not() {
        let mut report = crate::test_support::sample().reports[0].clone();
        report.sections[0].body =
            "Ủy ban đã tổ chức quán triệt nghị quyết tới toàn thể cán bộ xã.".into();
        let places = Places::new(None, &report);
        let edited = "Ủy ban đã tổ chức quán triệt sâu rộng nghị quyết tới cán bộ xã.";
        let i = places.find(edited, "", 0).unwrap();
        let place = places.place(i).unwrap();
        assert_eq!(
            (place.section.as_str(), place.paragraph),
            (report.sections[0].id.as_str(), Some(0))
        );
        assert!(
            places
                .find("Hoàn toàn khác hẳn về mọi mặt chữ nghĩa", "", 0)
                .is_none()
        );
    }
}
