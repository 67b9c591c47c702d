//! Tests of the text recogniser: the real report of seed 003 whole (bad input in
//! `tests/bad_input.rs`).
// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use std::collections::BTreeMap;

use super::*;
use crate::model::rich::{self, Block, Para};
use crate::model::{ChildNumbering, SectionRole};

/// Seed 003: a real commune sơ kết report, as plain text (`../shared` is beside the
/// repository, in CI too).
const SEED_003: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/003_8a9ce08749d756e0.txt"
));

/// Runs of letters and digits: what a reader calls the words of a text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The text the report prints from what was recognised, in print order: section
/// numbers generated as compose generates them, level-1 titles in capitals, bodies
/// without markup.
fn printed(rec: &Recognised) -> String {
    fn walk(list: &[Section], path: &[usize], letters: bool, out: &mut String) {
        for (i, s) in list.iter().enumerate() {
            let mut p = path.to_vec();
            p.push(i + 1);
            let title = if p.len() == 1 {
                s.title.to_uppercase()
            } else {
                s.title.clone()
            };
            out.push_str(&format!(
                "{} {title}\n",
                crate::compose::section_number(&p, letters)
            ));
            out.push_str(&rich::plain_text(&s.body));
            walk(&s.children, &p, s.numbering == ChildNumbering::Letters, out);
        }
    }
    let mut out = String::new();
    for l in &rec.organisation_lines {
        out.push_str(l);
        out.push('\n');
    }
    for t in [rec.title.as_deref().unwrap_or(""), &rec.summary] {
        out.push_str(t);
        out.push('\n');
    }
    out.push_str(&rec.recipients.join("\n"));
    out.push('\n');
    out.push_str(&rich::plain_text(&rec.opening));
    walk(&rec.sections, &[], false, &mut out);
    out.push_str(&rec.closing);
    out.push('\n');
    out.push_str(&rec.distribution.join("\n"));
    out.push('\n');
    out.push_str(rec.archive.as_deref().unwrap_or(""));
    out.push('\n');
    out.push_str(&rec.signer_lines.join("\n"));
    out
}

/// Every paragraph and list item of every section body, in order.
fn paras(rec: &Recognised) -> Vec<Para> {
    let mut out = Vec::new();
    for s in rec.sections.iter().flat_map(Section::walk) {
        let (blocks, notes) = rich::parse(&s.body);
        assert!(notes.is_empty(), "{}: {notes:?}\n{}", s.id, s.body);
        out.extend(blocks.into_iter().filter_map(|b| match b {
            Block::Para { para, .. } => Some(para),
            Block::Table { .. } => None,
        }));
    }
    out
}

fn titles(list: &[Section]) -> Vec<&str> {
    list.iter().map(|s| s.title.as_str()).collect()
}

#[test]
fn seed_003_gives_the_sections_of_a_so_ket_report_with_their_roles() {
    let rec = recognise(SEED_003);
    assert_eq!(
        titles(&rec.sections),
        [
            "Căn cứ xây dựng báo cáo",
            "Kết quả triển khai thực hiện",
            "Nhiệm vụ, giải pháp thời gian tới",
            "Kiến nghị, đề xuất"
        ]
    );
    let results = &rec.sections[1];
    assert_eq!(
        titles(&results.children),
        [
            "Công tác lãnh đạo, chỉ đạo",
            "Kết quả thực hiện các nhiệm vụ trọng tâm",
            "Đánh giá chung"
        ]
    );
    let key_tasks = &results.children[1];
    assert_eq!(
        titles(&key_tasks.children),
        [
            "Về chuyển đổi số, chính quyền số",
            "Về dữ liệu và Đề án 06",
            "Về khoa học công nghệ và đổi mới sáng tạo",
            "Về phát triển hạ tầng và nền tảng số"
        ]
    );
    let assessment = &results.children[2];
    assert_eq!(assessment.numbering, ChildNumbering::Letters);
    assert_eq!(
        titles(&assessment.children),
        ["Ưu điểm", "Hạn chế", "Nguyên nhân"]
    );
    assert_eq!(rec.sections[2].children.len(), 5);
    assert!(rec.sections[3].children.is_empty());

    let all: Vec<&Section> = rec.sections.iter().flat_map(Section::walk).collect();
    let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(&ids[..5], ["s1", "s2", "s2-1", "s2-2", "s2-2-1"]);
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    use SectionRole::*;
    let roles: Vec<SectionRole> = all.iter().filter_map(|s| s.role).collect();
    assert_eq!(
        roles,
        [
            Bases,
            Results,
            Leadership,
            KeyTasks,
            Assessment,
            Strengths,
            Shortcomings,
            Causes,
            NextTasks,
            Proposals
        ]
    );
}

#[test]
fn seed_003_lists_keep_their_levels_and_lead_lines_are_bold_italic() {
    let rec = recognise(SEED_003);
    let paras = paras(&rec);
    let find = |text: &str| -> usize {
        let found: Vec<usize> = (0..paras.len())
            .filter(|&i| paras[i].text() == text)
            .collect();
        assert_eq!(found.len(), 1, "{text}");
        found[0]
    };

    // The seven ` - ` lines under `- UBND xã đã:` are its level-2 items.
    let indented: Vec<&str> = SEED_003
        .lines()
        .filter_map(|l| l.strip_prefix(" - "))
        .collect();
    assert_eq!(indented.len(), 7);
    let owner = find("UBND xã đã:");
    assert_eq!(paras[owner].level, 1);
    for (k, text) in indented.iter().enumerate() {
        let at = find(text);
        assert_eq!(at, owner + 1 + k);
        assert_eq!((paras[at].level, paras[at].marker.as_str()), (2, "-"));
    }

    // Each `- + ` line is one `+` item, one level below the `-` item it belongs to.
    let doubled: Vec<&str> = SEED_003
        .lines()
        .filter_map(|l| l.strip_prefix("- + "))
        .collect();
    assert_eq!(doubled.len(), 27);
    for text in doubled {
        let at = find(text);
        let owner = (0..at).rev().find(|&i| paras[i].marker == "-").unwrap();
        assert_eq!(paras[at].marker, "+", "{text}");
        assert_eq!(paras[at].level, paras[owner].level + 1, "{text}");
    }
    // Plain `+ ` lines too.
    for text in SEED_003.lines().filter_map(|l| l.strip_prefix("+ ")) {
        let at = find(text.trim_end());
        assert_eq!((paras[at].level, paras[at].marker.as_str()), (2, "+"));
    }

    let leads: Vec<&Para> = paras.iter().filter(|p| p.lead).collect();
    assert_eq!(leads.len(), 2);
    for (p, text) in leads.iter().zip([
        "Đề nghị UBND thành phố:",
        "Đề nghị Sở Khoa học và Công nghệ:",
    ]) {
        assert_eq!((p.marker.as_str(), p.text().as_str()), ("*", text));
        assert!(p.spans.iter().all(|s| s.bold && s.italic), "{p:?}");
    }
    // The items after a lead line start again at level 1.
    let after = find(
        "Tăng cường hỗ trợ đầu tư, nâng cấp hạ tầng số cho cấp xã, bảo đảm đồng bộ về đường truyền, trang thiết bị công nghệ thông tin phục vụ chuyển đổi số",
    );
    assert_eq!(paras[after].level, 1);
}

#[test]
fn seed_003_keeps_every_word_in_order_and_its_metadata_apart() {
    let rec = recognise(SEED_003);
    // The number and date lines are metadata; the labels `Nơi nhận` and `Lưu` print
    // from the program.
    let seed: String = SEED_003
        .lines()
        .filter(|l| !l.starts_with("Số:") && !l.contains(", ngày") && *l != "Nơi nhận:")
        .map(|l| l.strip_prefix("- Lưu:").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let expected = words(&seed);
    let got = words(&printed(&rec));
    if got != expected {
        let at = got
            .iter()
            .zip(&expected)
            .position(|(a, b)| a != b)
            .unwrap_or(got.len().min(expected.len()));
        panic!(
            "words differ at {at}: got {:?}, expected {:?}",
            &got[at..(at + 8).min(got.len())],
            &expected[at..(at + 8).min(expected.len())]
        );
    }

    assert_eq!(rec.number, None);
    assert_eq!(rec.date, None);
    assert_eq!(rec.year, Some(2026));
    assert_eq!(rec.doc_code.as_deref(), Some("UBND"));
    assert_eq!(rec.place.as_deref(), Some("Nam Thanh Miện"));
    assert_eq!(rec.title.as_deref(), Some("BÁO CÁO"));
    assert_eq!(rec.summary, SEED_003.lines().nth(8).unwrap());
    assert!(rec.recipients.is_empty() && rec.opening.is_empty());
    assert_eq!(rec.closing, SEED_003.lines().nth(297).unwrap());
    assert_eq!(
        rec.distribution,
        ["Sở KH&CN TP Hải Phòng", "Chủ tịch, các PCT UBND xã"]
    );
    assert_eq!(rec.archive.as_deref(), Some("VT, VHXX"));
    assert_eq!(
        rec.signer_lines,
        [
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Vũ Văn Nguyễn"
        ]
    );
    assert_eq!(rec.period, None, "the seed names no period");
    // Nothing was left out; the one note explains the doubled markers.
    assert_eq!(rec.notes.len(), 1, "{:?}", rec.notes);
    assert_eq!(rec.notes[0].kind, NoteKind::Changed);
    assert!(rec.notes[0].to_string().starts_with("Dòng 46: có 27 dòng"));
}

/// Word counts of `text`, lower case.
fn counts(text: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for w in words(&text.to_lowercase()) {
        *m.entry(w).or_insert(0) += 1;
    }
    m
}

/// Every word of `input` is somewhere in the result (metadata and notes included) at
/// least as often as in the input.
fn assert_nothing_lost(input: &str, rec: &Recognised) {
    assert_words_kept(input, rec, false);
}

/// [`assert_nothing_lost`]; with `renumbered`, heading numbers may have been generated
/// anew (`1.` at the top level prints `I.`), so numbers and numerals are not counted.
fn assert_words_kept(input: &str, rec: &Recognised, renumbered: bool) {
    let mut kept = printed(rec);
    for n in &rec.notes {
        kept.push('\n');
        kept.push_str(&n.message);
    }
    let meta = format!(
        "\n{} {} {} {} {} ngày tháng năm",
        rec.place.clone().unwrap_or_default(),
        rec.doc_code.clone().unwrap_or_default(),
        rec.number
            .map(|n| format!("{n} {n:02}"))
            .unwrap_or_default(),
        rec.year.map(|y| y.to_string()).unwrap_or_default(),
        rec.date
            .map(|d| d.format("%d %m %-d %-m").to_string())
            .unwrap_or_default(),
    );
    kept.push_str(&meta);
    let have = counts(&kept);
    // Labels the program prints itself, however often the text repeats them.
    const LABELS: [&str; 7] = ["số", "bc", "nơi", "nhận", "lưu", "kính", "gửi"];
    for (w, n) in counts(input) {
        let numeral = w.chars().all(|c| c.is_ascii_digit() || "ivx".contains(c))
            || (w.chars().count() == 1
                && crate::vi::is_point_letter(w.chars().next().unwrap_or('f')));
        if LABELS.contains(&w.as_str()) || (renumbered && numeral) {
            continue;
        }
        let k = have.get(&w).copied().unwrap_or(0);
        assert!(
            k >= n,
            "“{w}” {n} times in the input, {k} in the result: {input:?}\n{rec:#?}"
        );
    }
}

mod bad_input;

#[test]
fn the_page_numbers_heading_the_pages_are_left_out_with_a_note_and_other_numbers_are_kept() {
    let text = "BÁO CÁO\nKết quả quý II năm 2026\n\nI. KẾT QUẢ\n\nĐã làm xong.\n\n\u{0C}2\n\nTiếp tục làm.\n\n3\n\n\u{0C}- 3 -\nBảng số liệu\r\n\u{0C}\nTrang 4/5\n\n12 hồ sơ đã xử lý\n\nTrên đây là báo cáo./.";
    let rec = recognise(text);
    let body = &rec.sections[0].body;
    assert!(body.contains("Đã làm xong.") && body.contains("Tiếp tục làm."));
    assert!(
        body.contains("12 hồ sơ đã xử lý") && body.contains("Bảng số liệu"),
        "{body}"
    );
    assert!(
        format!("\n{body}\n").contains("\n3\n"),
        "a number inside a page is kept: {body}"
    );
    for gone in ["\n2\n", "- 3 -", "Trang 4/5"] {
        assert!(!format!("\n{body}\n").contains(gone), "{body}");
    }
    let skipped: Vec<usize> = rec
        .notes
        .iter()
        .filter(|n| n.message.contains("số trang của bản in"))
        .map(|n| n.line)
        .collect();
    assert_eq!(skipped, vec![9, 16, 20], "{:#?}", rec.notes);
    assert_eq!(page_starts("a\r\nb\u{0C}c\n\u{0C}"), vec![3, 5]);
    for kept in ["0", "1000", "2/x", "Trang", "-", "2.", "a"] {
        assert!(!is_page_number(kept), "{kept}");
    }
}
