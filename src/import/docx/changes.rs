//! import, docx: the edits a leader made in a returned Word file, found by comparing
//! its paragraphs with the report as it prints (compose), in order. Typed edits and
//! Track Changes (`w:ins` / `w:del`, with author and date) alike become proposed
//! changes ([`ProposedChange`]) for the clerk to accept or reject; nothing is changed
//! here. What the program generates (header, title, tables, signature, Nơi nhận, the
//! review copy's comment list, DỰ THẢO) is never offered as a change.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use docx_rs::{
    DeleteChild, DocumentChild, InsertChild, MoveFromChild, MoveToChild, Paragraph, ParagraphChild,
    Run, RunChild, StructuredDataTagChild,
};

use crate::compose::{self, Block, ComposeOptions, SourceRef};
use crate::import::fold;
use crate::model::rich::split_marker;
use crate::model::{ChangePlace, ChangeSource, Project, ProposedChange, Report};
use crate::vi;

/// Similarity (share of words in common) from which a Word paragraph is taken for an
/// edited version of a report paragraph.
pub const SIMILAR: f32 = 0.5;
/// Largest comparison (report paragraphs × Word paragraphs) made.
const MAX_CELLS: usize = 4_000_000;

/// A change Track Changes recorded in a paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    /// Inserted (`w:ins`), or deleted (`w:del`).
    pub inserted: bool,
    pub author: String,
    pub at: Option<NaiveDateTime>,
    pub text: String,
}

/// A paragraph of the Word file's body, in document order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WordParagraph {
    /// The text as the leader left it: tracked insertions kept, deletions removed.
    pub text: String,
    /// The text before the tracked changes: deletions kept, insertions removed.
    pub before: String,
    pub revisions: Vec<Revision>,
}

/// The paragraphs of the document body outside tables (tables are the program's own
/// or imported as tables), empty ones left out; texts NFC, spaces collapsed.
pub fn word_paragraphs(docx: &docx_rs::Docx) -> Vec<WordParagraph> {
    let mut out = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => push_paragraph(p, &mut out),
            DocumentChild::StructuredDataTag(tag) => {
                for c in &tag.children {
                    if let StructuredDataTagChild::Paragraph(p) = c {
                        push_paragraph(p, &mut out);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn push_paragraph(p: &Paragraph, out: &mut Vec<WordParagraph>) {
    let mut w = WordParagraph::default();
    walk(&p.children, &mut w);
    w.text = tidy(&w.text);
    w.before = tidy(&w.before);
    if !w.text.is_empty() || !w.before.is_empty() {
        out.push(w);
    }
}

/// NFC, whitespace runs as one space, trimmed.
fn tidy(text: &str) -> String {
    vi::nfc(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The time Word wrote, as written (Word writes local time).
fn word_time(date: &str) -> Option<NaiveDateTime> {
    let d = date.trim().trim_end_matches('Z');
    let d = d.get(..19).unwrap_or(d);
    NaiveDateTime::parse_from_str(d, "%Y-%m-%dT%H:%M:%S").ok()
}

/// Which text a run's words go to.
#[derive(Clone, Copy)]
enum Side {
    Both,
    After,
    Before,
}

fn walk(children: &[ParagraphChild], w: &mut WordParagraph) {
    for child in children {
        match child {
            ParagraphChild::Run(r) => run(r, Side::Both, w),
            ParagraphChild::Hyperlink(h) => walk(&h.children, w),
            ParagraphChild::StructuredDataTag(tag) => {
                for c in &tag.children {
                    if let StructuredDataTagChild::Run(r) = c {
                        run(r, Side::Both, w);
                    }
                }
            }
            ParagraphChild::Insert(ins) => {
                let start = w.text.len();
                for c in &ins.children {
                    if let InsertChild::Run(r) = c {
                        run(r, Side::After, w);
                    }
                }
                let added = w.text.get(start..).unwrap_or("").to_owned();
                revision(true, &ins.author, &ins.date, &added, w);
            }
            ParagraphChild::Delete(del) => {
                let start = w.before.len();
                for c in &del.children {
                    if let DeleteChild::Run(r) = c {
                        run(r, Side::Before, w);
                    }
                }
                let added = w.before.get(start..).unwrap_or("").to_owned();
                revision(false, &del.author, &del.date, &added, w);
            }
            ParagraphChild::MoveFrom(m) => {
                let start = w.before.len();
                for c in &m.children {
                    if let MoveFromChild::Run(r) = c {
                        run(r, Side::Before, w);
                    }
                }
                let added = w.before.get(start..).unwrap_or("").to_owned();
                revision(false, &m.author, &m.date, &added, w);
            }
            ParagraphChild::MoveTo(m) => {
                let start = w.text.len();
                for c in &m.children {
                    if let MoveToChild::Run(r) = c {
                        run(r, Side::After, w);
                    }
                }
                let added = w.text.get(start..).unwrap_or("").to_owned();
                revision(true, &m.author, &m.date, &added, w);
            }
            _ => {}
        }
    }
}

fn revision(inserted: bool, author: &str, date: &str, text: &str, w: &mut WordParagraph) {
    let text = tidy(text);
    if text.is_empty() {
        return;
    }
    w.revisions.push(Revision {
        inserted,
        author: vi::nfc(author.trim()),
        at: word_time(date),
        text,
    });
}

fn run(r: &Run, into: Side, w: &mut WordParagraph) {
    if super::style::hidden(&r.run_property) {
        return;
    }
    let mut push = |t: &str, deleted: bool| {
        let (after, before) = match (into, deleted) {
            (Side::Before, _) | (Side::Both, true) => (false, true),
            (Side::After, _) => (true, false),
            (Side::Both, false) => (true, true),
        };
        if after {
            w.text.push_str(t);
        }
        if before {
            w.before.push_str(t);
        }
    };
    for c in &r.children {
        match c {
            RunChild::Text(t) => push(&t.text, false),
            RunChild::Tab(_) | RunChild::PTab(_) | RunChild::Break(_) => push(" ", false),
            RunChild::CarriageReturn(_) => push(" ", false),
            RunChild::DeleteText(d) => {
                // docx-rs keeps a deleted text's words private: read through serde.
                let text = serde_json::to_value(d)
                    .ok()
                    .and_then(|v| v.get("text").and_then(|t| t.as_str().map(str::to_owned)));
                if let Some(t) = text {
                    push(&t, true);
                }
            }
            _ => {}
        }
    }
}

/// A paragraph of the report as it prints, and where it comes from.
#[derive(Clone, Debug)]
struct Target {
    /// `None`: generated by the program, never offered as a change.
    place: Option<ChangePlace>,
    section: String,
    paragraph: usize,
    /// The printed text (figures filled in, list marker and heading number left out).
    printed: String,
    /// The line as the report holds it.
    line: String,
}

/// `I. `, `2.1. `, `a) ` at the start of a heading as Word may show it.
fn strip_number(t: &str) -> &str {
    let Some((head, rest)) = t.split_once(' ') else {
        return t;
    };
    let number = head.chars().count() <= 6
        && (head.ends_with('.') || head.ends_with(')'))
        && head
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || "IVXLC".contains(c) || c.is_lowercase());
    if number { rest.trim_start() } else { t }
}

/// Every paragraph of the report's composed body, in print order.
fn targets(project: &Project, report: &Report) -> Vec<Target> {
    let doc = compose::compose(project, report, ComposeOptions::default());
    let Some(body) = doc.parts.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for block in &body.blocks {
        let Block::Paragraph(p) = block else {
            continue;
        };
        let mut runs = p.runs.iter().map(|r| r.text.as_str()).peekable();
        if let (Some(item), Some(first)) = (&p.list, runs.peek())
            && first.trim() == item.marker
        {
            runs.next();
        }
        let mut printed = tidy(&runs.collect::<String>());
        if printed.is_empty() {
            continue;
        }
        let lines = |text: &str, i: usize| -> String {
            crate::review::paragraphs(text)
                .get(i)
                .map_or_else(String::new, |l| (*l).to_owned())
        };
        let (place, section, paragraph, line) = match (&p.source, p.index_in_source) {
            (SourceRef::Section(id), None) if p.heading_level.is_some() => {
                printed = strip_number(&printed).to_owned();
                let title = report.section(id).map_or("", |s| s.title.as_str());
                (Some(ChangePlace::Title), id.clone(), 0, tidy(title))
            }
            (SourceRef::Section(id), Some(i)) => {
                let body = report.section(id).map_or("", |s| s.body.as_str());
                (Some(ChangePlace::Body), id.clone(), i, lines(body, i))
            }
            (SourceRef::Opening, Some(i)) => (
                Some(ChangePlace::Opening),
                String::new(),
                i,
                lines(&report.opening, i),
            ),
            (SourceRef::Closing, Some(i)) => (
                Some(ChangePlace::Closing),
                String::new(),
                i,
                lines(&report.closing, i),
            ),
            (SourceRef::Info, _) if p.rule_below.is_some() && !report.summary.trim().is_empty() => {
                (
                    Some(ChangePlace::Summary),
                    String::new(),
                    0,
                    tidy(&report.summary),
                )
            }
            _ => (None, String::new(), 0, String::new()),
        };
        let place = place.filter(|_| !line.is_empty());
        out.push(Target {
            place,
            section,
            paragraph,
            printed,
            line,
        });
    }
    out
}

/// What comparing a Word file with a report found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChangeImport {
    pub report: String,
    /// The changes, in document order; those the report already holds left out.
    pub changes: Vec<ProposedChange>,
    /// What could not be offered as a change, in Vietnamese.
    pub notes: Vec<String>,
    /// Paragraphs of the report found in the Word file unchanged.
    pub unchanged: usize,
}

/// The Word text compared with a target: without a typed list marker or heading
/// number the target does not print.
fn comparable<'a>(t: &Target, text: &'a str) -> &'a str {
    match t.place {
        Some(ChangePlace::Title) => strip_number(text),
        _ if !t.printed.starts_with(|c: char| "-+*•".contains(c)) => {
            split_marker(text).map_or(text, |(_, rest)| rest.trim_start())
        }
        _ => text,
    }
}

fn same(t: &Target, text: &str) -> bool {
    let text = comparable(t, text);
    match t.place {
        Some(ChangePlace::Title) => text.to_lowercase() == t.printed.to_lowercase(),
        _ => text == t.printed,
    }
}

/// Share of words two texts have in common (of the longer one); both sorted.
fn similarity(a: &[u32], b: &[u32]) -> f32 {
    let longest = a.len().max(b.len());
    if longest == 0 || a.len().min(b.len()) * 2 < longest {
        // Fewer than half the words can be in common.
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f32 / longest as f32
}

/// Folded words as sorted numbers, one number per distinct word.
#[derive(Default)]
struct Vocabulary(BTreeMap<String, u32>);

impl Vocabulary {
    fn ids(&mut self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = fold(text)
            .split_whitespace()
            .map(|w| {
                let next = u32::try_from(self.0.len()).unwrap_or(u32::MAX);
                *self.0.entry(w.to_owned()).or_insert(next)
            })
            .collect();
        out.sort_unstable();
        out
    }
}

/// The text of a Word paragraph the alignment reads: as left, or before the tracked
/// changes when the leader deleted all of it.
fn shown(w: &WordParagraph) -> &str {
    if w.text.is_empty() {
        &w.before
    } else {
        &w.text
    }
}

/// How well target `t` pairs with Word paragraph `w` (0: not at all).
fn score(t: &Target, tw: &[u32], w: &WordParagraph, ww: &[u32]) -> f32 {
    if same(t, &w.text) || (w.text.is_empty() && same(t, &w.before)) {
        return 3.0;
    }
    if t.place.is_none() {
        return 0.0;
    }
    let s = similarity(tw, ww);
    if s >= SIMILAR { 1.0 + s } else { 0.0 }
}

/// One step of the alignment, in document order.
enum Step {
    Pair(usize, usize),
    OnlyReport(usize),
    OnlyWord(usize),
}

/// The order-preserving pairing of targets and Word paragraphs of greatest score.
fn align(targets: &[Target], word: &[WordParagraph]) -> Vec<Step> {
    let (n, m) = (targets.len(), word.len());
    let mut vocabulary = Vocabulary::default();
    let tw: Vec<Vec<u32>> = targets.iter().map(|t| vocabulary.ids(&t.printed)).collect();
    let ww: Vec<Vec<u32>> = word.iter().map(|w| vocabulary.ids(shown(w))).collect();
    let width = m + 1;
    let mut dp = vec![0f32; (n + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    let get = |dp: &[f32], i: usize, j: usize| dp.get(at(i, j)).copied().unwrap_or(0.0);
    let mut scores = vec![0f32; n * m];
    for (i, t) in targets.iter().enumerate() {
        for (j, w) in word.iter().enumerate() {
            let s = score(
                t,
                tw.get(i).map_or(&[][..], Vec::as_slice),
                w,
                ww.get(j).map_or(&[][..], Vec::as_slice),
            );
            if let Some(c) = scores.get_mut(i * m + j) {
                *c = s;
            }
        }
    }
    let score_of = |i: usize, j: usize| scores.get(i * m + j).copied().unwrap_or(0.0);
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let s = score_of(i, j);
            let mut best = get(&dp, i + 1, j).max(get(&dp, i, j + 1));
            if s > 0.0 {
                best = best.max(s + get(&dp, i + 1, j + 1));
            }
            if let Some(c) = dp.get_mut(at(i, j)) {
                *c = best;
            }
        }
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i == n {
            steps.push(Step::OnlyWord(j));
            j += 1;
        } else if j == m {
            steps.push(Step::OnlyReport(i));
            i += 1;
        } else {
            let s = score_of(i, j);
            let here = get(&dp, i, j);
            if s > 0.0 && (here - (s + get(&dp, i + 1, j + 1))).abs() < 1e-4 {
                steps.push(Step::Pair(i, j));
                i += 1;
                j += 1;
            } else if (here - get(&dp, i + 1, j)).abs() < 1e-4 {
                steps.push(Step::OnlyReport(i));
                i += 1;
            } else {
                steps.push(Step::OnlyWord(j));
                j += 1;
            }
        }
    }
    steps
}

/// Who made the change and how it was recorded.
fn who(w: &WordParagraph) -> (String, Option<NaiveDateTime>, ChangeSource) {
    match w.revisions.first() {
        Some(r) => (r.author.clone(), r.at, ChangeSource::TrackChanges),
        None => (String::new(), None, ChangeSource::Word),
    }
}

/// The changes `docx` makes to `report`, the ones `report` already holds left out.
pub fn compare(docx: &docx_rs::Docx, project: &Project, report: &Report) -> ChangeImport {
    let mut out = ChangeImport {
        report: report.id.clone(),
        ..ChangeImport::default()
    };
    let targets = targets(project, report);
    let word = word_paragraphs(docx);
    if targets.len().saturating_mul(word.len()) > MAX_CELLS {
        out.notes.push(format!(
            "tệp Word quá dài để so sánh với báo cáo ({} đoạn); hãy tách tệp rồi nhập lại.",
            word.len()
        ));
        return out;
    }
    let steps = align(&targets, &word);
    let content = targets.iter().filter(|t| t.place.is_some()).count();
    let paired = steps
        .iter()
        .filter(
            |s| matches!(s, Step::Pair(i, _) if targets.get(*i).is_some_and(|t| t.place.is_some())),
        )
        .count();
    if content > 0 && paired * 3 < content {
        out.notes.push(format!(
            "tệp Word rất khác báo cáo {} (chỉ {paired} trong {content} đoạn tìm thấy); có thể đây không phải bản của báo cáo này, không đề xuất sửa gì.",
            report.id
        ));
        return out;
    }
    // Word paragraphs outside the first and last paired content are the program's
    // own (header, title, signature, the review copy's list).
    let content_pair = |s: &Step| matches!(s, Step::Pair(i, _) if targets.get(*i).is_some_and(|t| t.place.is_some()));
    let first = steps.iter().position(content_pair);
    let last = steps.iter().rposition(content_pair);
    let generated: Vec<&str> = targets
        .iter()
        .filter(|t| t.place.is_none())
        .map(|t| t.printed.as_str())
        .collect();
    let mut anchor: Option<(ChangePlace, String, usize, String)> = None;
    let mut found = Vec::new();
    for (k, step) in steps.iter().enumerate() {
        match *step {
            Step::Pair(i, j) => {
                let (Some(t), Some(w)) = (targets.get(i), word.get(j)) else {
                    continue;
                };
                let Some(place) = t.place else { continue };
                anchor = Some((place, t.section.clone(), t.paragraph, t.line.clone()));
                if same(t, &w.text) {
                    out.unchanged += 1;
                    continue;
                }
                let new = if place == ChangePlace::Title {
                    strip_number(&w.text).to_owned()
                } else {
                    comparable(t, &w.text).to_owned()
                };
                if place == ChangePlace::Title && new.is_empty() {
                    out.notes.push(format!(
                        "mục “{}” bị xóa trong tệp Word; chương trình không xóa mục theo tệp Word, hãy xóa tay nếu đồng ý.",
                        t.printed
                    ));
                    continue;
                }
                let new = if place == ChangePlace::Title {
                    new
                } else {
                    keep_fields(project, report, t, &new)
                };
                let (author, at, source) = who(w);
                found.push(change(t, place, new, String::new(), author, at, source));
            }
            Step::OnlyReport(i) => {
                let Some(t) = targets.get(i) else { continue };
                let Some(place) = t.place else { continue };
                anchor = Some((place, t.section.clone(), t.paragraph, t.line.clone()));
                match place {
                    ChangePlace::Title | ChangePlace::Summary => out.notes.push(format!(
                        "không thấy {} “{}” trong tệp Word; không đề xuất xóa.",
                        place.label(),
                        t.printed
                    )),
                    _ => found.push(change(
                        t,
                        place,
                        String::new(),
                        String::new(),
                        String::new(),
                        None,
                        ChangeSource::Word,
                    )),
                }
            }
            Step::OnlyWord(j) => {
                let Some(w) = word.get(j) else { continue };
                let inside = first.is_some_and(|f| f < k) && last.is_some_and(|l| k < l);
                if !inside || w.text.is_empty() || generated.contains(&w.text.as_str()) {
                    continue;
                }
                let Some((place, section, paragraph, line)) = anchor.clone() else {
                    continue;
                };
                let (place, paragraph, after) = match place {
                    ChangePlace::Title => (ChangePlace::Body, 0, String::new()),
                    ChangePlace::Summary => (ChangePlace::Opening, 0, String::new()),
                    other => (other, paragraph + 1, line),
                };
                let (author, at, source) = who(w);
                let t = Target {
                    place: Some(place),
                    section: section.clone(),
                    paragraph,
                    printed: String::new(),
                    line: String::new(),
                };
                found.push(change(&t, place, w.text.clone(), after, author, at, source));
                // A following added paragraph comes after this one.
                anchor = Some((
                    place,
                    section,
                    paragraph,
                    crate::model::rich::escape(&w.text),
                ));
            }
        }
    }
    out.changes = found.into_iter().filter(|c| !held(report, c)).collect();
    out
}

/// `new` with each figure (`{{CT01.kết quả}}`) of the old line put back where the
/// leader left its printed value untouched, so that accepting keeps it a figure;
/// `new` as it is when the old line does not print as the target did.
fn keep_fields(project: &Project, report: &Report, t: &Target, new: &str) -> String {
    use crate::compose::placeholders::{self, Piece};
    let line = t.line.trim();
    let plain = if t.place == Some(ChangePlace::Summary) {
        line.to_owned()
    } else {
        let body = split_marker(line).map_or(line, |(_, b)| b);
        let (spans, _) = crate::model::rich::inline(&vi::nfc(body), 1, &mut Vec::new());
        spans.iter().map(|s| s.text.as_str()).collect()
    };
    // The printed text and, for each figure, its raw text and printed byte range.
    let mut printed = String::new();
    let mut fields: Vec<(String, usize, usize)> = Vec::new();
    for piece in placeholders::split(&plain) {
        match piece {
            Piece::Text(text) => printed.push_str(text),
            Piece::Field { raw, inner } => {
                let value = placeholders::resolve(project, report, inner)
                    .unwrap_or_else(|_| raw.to_owned());
                let start = printed.len();
                printed.push_str(&value);
                fields.push((raw.to_owned(), start, printed.len()));
            }
        }
    }
    if fields.is_empty() || printed != t.printed {
        return new.to_owned();
    }
    let mut out = String::new();
    let mut pos = 0usize;
    for span in crate::review::diff_words(&printed, new) {
        match span {
            crate::review::Span::Same(text) => {
                let end = pos + text.len();
                for (i, ch) in text.char_indices() {
                    let at = pos + i;
                    let whole = fields
                        .iter()
                        .find(|(_, s, e)| *s <= at && at < *e && *s >= pos && *e <= end);
                    match whole {
                        Some((raw, s, _)) if *s == at => out.push_str(raw),
                        Some(_) => {}
                        None => out.push(ch),
                    }
                }
                pos = end;
            }
            crate::review::Span::Removed(text) => pos += text.len(),
            crate::review::Span::Added(text) => out.push_str(&text),
        }
    }
    out
}

fn change(
    t: &Target,
    place: ChangePlace,
    new: String,
    after: String,
    author: String,
    at: Option<NaiveDateTime>,
    source: ChangeSource,
) -> ProposedChange {
    ProposedChange {
        id: String::new(),
        place,
        section: t.section.clone(),
        paragraph: t.paragraph,
        old: t.line.clone(),
        new,
        after,
        author,
        at,
        source,
    }
}

/// Whether the report already holds this change (the same file imported again).
fn held(report: &Report, c: &ProposedChange) -> bool {
    report.review.proposed.iter().any(|p| {
        p.place == c.place
            && p.section == c.section
            && vi::nfc(&p.old) == vi::nfc(&c.old)
            && vi::nfc(&p.new) == vi::nfc(&c.new)
            && p.after == c.after
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(printed: &str) -> Target {
        Target {
            place: Some(ChangePlace::Body),
            section: "s".into(),
            paragraph: 0,
            printed: printed.into(),
            line: printed.into(),
        }
    }

    fn w(text: &str) -> WordParagraph {
        WordParagraph {
            text: text.into(),
            before: text.into(),
            revisions: Vec::new(),
        }
    }

    #[test]
    fn an_edited_paragraph_pairs_with_its_original_and_an_added_one_stands_alone() {
        let targets = vec![
            t("Đã cấp 120 hồ sơ trực tuyến trong quý."),
            t("Tỷ lệ hồ sơ đúng hạn đạt 95 phần trăm."),
            t("Công tác tuyên truyền được đẩy mạnh."),
        ];
        let word = vec![
            w("Đã cấp 125 hồ sơ trực tuyến trong quý."),
            w("Một đoạn hoàn toàn mới do lãnh đạo thêm vào."),
            w("Tỷ lệ hồ sơ đúng hạn đạt 95 phần trăm."),
        ];
        let steps = align(&targets, &word);
        let kinds: Vec<String> = steps
            .iter()
            .map(|s| match s {
                Step::Pair(i, j) => format!("P{i}{j}"),
                Step::OnlyReport(i) => format!("R{i}"),
                Step::OnlyWord(j) => format!("W{j}"),
            })
            .collect();
        assert_eq!(kinds, ["P00", "W1", "P12", "R2"]);
    }

    #[test]
    fn heading_numbers_and_typed_list_markers_are_not_changes() {
        let mut heading = t("KẾT QUẢ THỰC HIỆN");
        heading.place = Some(ChangePlace::Title);
        assert!(same(&heading, "II. KẾT QUẢ THỰC HIỆN"));
        assert!(same(&heading, "Kết quả thực hiện"));
        assert!(same(&t("Đã cấp hồ sơ."), "- Đã cấp hồ sơ."));
        assert!(!same(&t("Đã cấp hồ sơ."), "Đã cấp hồ sơ mới."));
    }

    #[test]
    fn similarity_counts_words_in_common_of_the_longer_text() {
        let mut v = Vocabulary::default();
        let a = v.ids("một hai ba bốn");
        assert!((similarity(&a, &v.ids("Một hai BA năm")) - 0.75).abs() < 1e-6);
        assert!((similarity(&v.ids("a a b"), &v.ids("a b b")) - 2.0 / 3.0).abs() < 1e-6);
        assert_eq!(similarity(&a, &v.ids("một")), 0.0, "too short to be half");
        assert_eq!(similarity(&a, &v.ids("")), 0.0);
        assert_eq!(similarity(&[], &[]), 0.0);
    }

    #[test]
    fn word_times_are_read_as_written() {
        assert!(word_time("2026-07-01T09:30:00Z").is_some());
        assert!(word_time("hôm qua").is_none());
    }
}
