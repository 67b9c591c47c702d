//! Tests of the text recogniser: the real report of seed 003 whole, then bad input.

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

#[test]
fn empty_and_blank_text_give_an_empty_result_with_a_note() {
    for text in ["", "\n\n  \r\n\t\n"] {
        let rec = recognise(text);
        assert!(rec.is_empty());
        assert_eq!(rec.notes.len(), 1);
        assert_eq!(
            rec.notes[0].to_string(),
            "Văn bản trống, không có gì để nhập."
        );
    }
}

#[test]
fn a_header_alone_is_read_as_metadata_and_the_missing_content_is_noted() {
    let text = "UBND THÀNH PHỐ HẢI PHÒNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                ỦY BAN NHÂN DÂN\tĐộc lập - Tự do - Hạnh phúc\n\
                XÃ AN LÃM\t---------------\n\
                Số: 05/BC-UBND\tAn Lãm, ngày 15 tháng 6 năm 2026\n\n\
                BÁO CÁO\n\
                ------\n\
                Sơ kết công tác chuyển đổi số\n\
                quý II năm 2026\n\n\
                Kính gửi: Sở Khoa học và Công nghệ.\n";
    let rec = recognise(text);
    assert_eq!(
        rec.organisation_lines,
        ["UBND THÀNH PHỐ HẢI PHÒNG", "ỦY BAN NHÂN DÂN", "XÃ AN LÃM"]
    );
    assert_eq!(rec.number, Some(5));
    assert_eq!(rec.date, chrono::NaiveDate::from_ymd_opt(2026, 6, 15));
    assert_eq!(rec.place.as_deref(), Some("An Lãm"));
    assert_eq!(rec.summary, "Sơ kết công tác chuyển đổi số quý II năm 2026");
    assert_eq!(rec.recipients, ["Sở Khoa học và Công nghệ"]);
    assert_eq!(
        rec.period,
        Some(Period::new(2026, crate::model::PeriodKind::Quarter(2)))
    );
    assert!(rec.is_empty());
    let notes: Vec<String> = rec.notes.iter().map(ToString::to_string).collect();
    assert!(
        notes.iter().any(|n| n.starts_with("Dòng 1: “CỘNG HÒA")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n == "Dòng 3: đường kẻ “---------------” do chương trình tự in; bỏ qua."),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains("Độc lập")), "{notes:?}");
    assert!(
        notes.iter().any(|n| n.starts_with("Dòng 7: đường kẻ")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("Không tìm thấy nội dung báo cáo")),
        "{notes:?}"
    );
    assert_nothing_lost(text, &rec);
}

#[test]
fn a_heading_without_text_makes_an_untitled_section_or_takes_the_next_line() {
    let text = "I.\n\n- Nội dung thứ nhất\nII.\nKẾT QUẢ TRIỂN KHAI\n- Nội dung thứ hai\n";
    let rec = recognise(text);
    assert_eq!(titles(&rec.sections), ["", "Kết quả triển khai"]);
    assert_eq!(rec.sections[0].body, "- Nội dung thứ nhất");
    assert_eq!(rec.sections[1].body, "- Nội dung thứ hai");
    let notes: Vec<String> = rec.notes.iter().map(ToString::to_string).collect();
    assert!(
        notes[0].starts_with("Dòng 1: đề mục “I.” không có tên"),
        "{notes:?}"
    );
    assert!(notes[1].contains("có tên ở dòng 5"), "{notes:?}");
    assert_nothing_lost(text, &rec);
}

#[test]
fn two_megabytes_of_text_are_read_in_linear_time() {
    let mut text = String::from("BÁO CÁO\nSơ kết quý II năm 2026\n\n");
    let item = "- Tăng cường công tác kiểm tra, đôn đốc, kịp thời chấn chỉnh các tồn tại, hạn chế trong triển khai.\n";
    let plus = "+ Hệ thống quản lý văn bản được duy trì vận hành ổn định, liên thông từ xã đến thành phố.\n";
    for r in 1..=30u32 {
        text.push_str(&format!("{}. NỘI DUNG SỐ {r}\n", crate::vi::roman(r)));
        for a in 1..=20 {
            text.push_str(&format!("{a}. Về lĩnh vực số {a}\n"));
            for _ in 0..10 {
                text.push_str(item);
                text.push_str(plus);
                text.push_str(plus);
            }
        }
    }
    assert!(text.len() > 2_000_000, "{}", text.len());
    let started = std::time::Instant::now();
    let rec = recognise(&text);
    let took = started.elapsed();
    assert_eq!(rec.sections.len(), 30);
    assert!(rec.sections.iter().all(|s| s.children.len() == 20));
    let items: usize = rec
        .sections
        .iter()
        .flat_map(Section::walk)
        .map(|s| s.body.lines().count())
        .sum();
    assert_eq!(items, 30 * 20 * 30);
    // Unoptimised test build on a shared machine: generous; a release build takes a
    // small fraction of this.
    eprintln!("2 MB recognised in {took:?}");
    assert!(took.as_secs_f64() < 10.0, "took {took:?}");
    let one_line = "x ".repeat(1_000_000);
    let rec = recognise(&one_line);
    assert_eq!(rec.opening.len(), one_line.trim_end().len());
}

#[test]
fn a_list_jumping_levels_moves_one_level_at_a_time_and_stops_at_three() {
    let text = "I. CĂN CỨ\n- Một\n\t\t- Hai\n\t\t\t- Ba\n\t\t\t\t- Bốn\n- Năm\n";
    let rec = recognise(text);
    assert_eq!(
        rec.sections[0].body,
        "- Một\n  - Hai\n    - Ba\n    - Bốn\n- Năm"
    );
    let notes: Vec<String> = rec.notes.iter().map(ToString::to_string).collect();
    assert!(
        notes[0].starts_with("Dòng 3: ý liệt kê thụt vào sâu hơn hai cấp"),
        "{notes:?}"
    );
    assert!(
        notes[1].starts_with("Dòng 5: danh sách chỉ có tối đa 3 cấp"),
        "{notes:?}"
    );
    assert_nothing_lost(text, &rec);
}

#[test]
fn crlf_no_break_spaces_decomposed_letters_and_invisible_characters_change_nothing() {
    use unicode_normalization::UnicodeNormalization;
    let plain = recognise(SEED_003);
    let messy: String = SEED_003
        .nfd()
        .collect::<String>()
        .replace("- ", "-\u{a0}")
        .replace("Đề án", "Đề\u{200b} án")
        .replace('\n', "\r\n");
    let messy = format!("\u{feff}{messy}");
    let rec = recognise(&messy);
    assert_eq!(rec.sections, plain.sections);
    assert_eq!(
        (&rec.summary, &rec.closing, &rec.signer_lines),
        (&plain.summary, &plain.closing, &plain.signer_lines)
    );
    assert_eq!(rec.notes, plain.notes);
}

#[test]
fn markup_characters_in_the_text_are_escaped_and_print_as_written() {
    let text = "I. CĂN CỨ\nTỷ lệ 5*3 | tăng_trưởng \\ và **không đậm**\n- Mục *quan trọng*\n* Ghi chú: xem phụ lục\n";
    let rec = recognise(text);
    let body = &rec.sections[0].body;
    assert!(
        body.contains(r"5\*3 \| tăng\_trưởng \\ và \*\*không đậm\*\*"),
        "{body}"
    );
    let (blocks, notes) = rich::parse(body);
    assert!(notes.is_empty(), "{notes:?}");
    let plain: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Para { para, .. } => para.text(),
            Block::Table { .. } => String::new(),
        })
        .collect();
    assert_eq!(
        plain,
        [
            "Tỷ lệ 5*3 | tăng_trưởng \\ và **không đậm**",
            "Mục *quan trọng*",
            "Ghi chú: xem phụ lục"
        ]
    );
    assert!(
        blocks
            .iter()
            .all(|b| matches!(b, Block::Para { para, .. } if !para.lead))
    );
    assert_nothing_lost(text, &rec);
}

#[test]
fn word_bullets_become_dashes_and_pluses_at_their_level() {
    let text = "I. CĂN CỨ\n•\tMột\n◦\tHai\n▪ Ba\no Bốn\n\u{f0b7}\tNăm\n– Sáu\n";
    let rec = recognise(text);
    assert_eq!(
        rec.sections[0].body,
        "- Một\n  + Hai\n- Ba\n  + Bốn\n- Năm\n- Sáu"
    );
    assert_nothing_lost(&text.replace("o Bốn", "Bốn"), &rec);
}

#[test]
fn tab_separated_lines_become_a_table_with_a_header_row() {
    let text = "I. KẾT QUẢ\nSố liệu như sau:\nNội dung\tQuý I\tQuý II\nHồ sơ trực tuyến\t120\t150\nMẫu A|B\t1\t2\n- Sau bảng\n";
    let rec = recognise(text);
    assert_eq!(
        rec.sections[0].body,
        "Số liệu như sau:\n| Nội dung | Quý I | Quý II |\n|---|---|---|\n| Hồ sơ trực tuyến | 120 | 150 |\n| Mẫu A\\|B | 1 | 2 |\n\n- Sau bảng"
    );
    let (blocks, notes) = rich::parse(&rec.sections[0].body);
    assert!(notes.is_empty(), "{notes:?}");
    match &blocks[1] {
        Block::Table { table, .. } => {
            assert_eq!(table.header, ["Nội dung", "Quý I", "Quý II"]);
            assert_eq!(table.rows.len(), 2);
        }
        other => panic!("{other:?}"),
    }
    assert_nothing_lost(text, &rec);
}

#[test]
fn numbered_sentences_stay_items_and_out_of_sequence_numbers_are_noted() {
    let text = "I. KẾT QUẢ\n1. Công tác lãnh đạo\n1. Tổ chức hội nghị quán triệt cho toàn thể cán bộ.\n5. Kết quả nổi bật\n2. Kết quả thực hiện\na) Ưu điểm\n- Tốt\nc) Hạn chế\nd) Một việc chưa làm;\n2.1. Không thuộc mục nào\n";
    let rec = recognise(text);
    let results = &rec.sections[0];
    assert_eq!(
        titles(&results.children),
        ["Công tác lãnh đạo", "Kết quả thực hiện"]
    );
    assert_eq!(
        results.children[0].body,
        "1. Tổ chức hội nghị quán triệt cho toàn thể cán bộ.\n5. Kết quả nổi bật"
    );
    let second = &results.children[1];
    assert_eq!(second.numbering, ChildNumbering::Letters);
    assert_eq!(titles(&second.children), ["Ưu điểm", "Hạn chế"]);
    assert_eq!(
        second.children[1].body,
        "d) Một việc chưa làm;\n2.1. Không thuộc mục nào"
    );
    let notes: Vec<String> = rec.notes.iter().map(ToString::to_string).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("Dòng 4: “5. Kết quả nổi bật” trông như đề mục nhưng số 5")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("Dòng 8: đề mục “c)” không nối tiếp")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("Dòng 10:") && n.contains("kiểu khác")),
        "{notes:?}"
    );
    assert_nothing_lost(text, &rec);
}

#[test]
fn a_paragraph_broken_in_two_is_joined_again() {
    let text = "I. YÊU CẦU\n- Việc cụ thể hóa các nhiệm vụ phải bám sát các mục\n\ntiêu, chỉ tiêu của kế hoạch.\n- Tiếp theo\n";
    let rec = recognise(text);
    assert_eq!(
        rec.sections[0].body,
        "- Việc cụ thể hóa các nhiệm vụ phải bám sát các mục tiêu, chỉ tiêu của kế hoạch.\n- Tiếp theo"
    );
    assert!(
        rec.notes[0]
            .to_string()
            .starts_with("Dòng 4: dòng bắt đầu bằng chữ thường")
    );
}

#[test]
fn distribution_and_signature_pasted_side_by_side_are_told_apart() {
    let text = "I. CĂN CỨ\n- Căn cứ\nTrên đây là báo cáo./.\nNơi nhận:\tTM. ỦY BAN NHÂN DÂN\n- Như trên;\tCHỦ TỊCH\n- Lưu: VT.\t\n\n\tNguyễn Văn An\nPHỤ LỤC\tBảng số liệu\n";
    let rec = recognise(text);
    assert_eq!(rec.closing, "Trên đây là báo cáo./.");
    assert_eq!(rec.distribution, ["Như trên"]);
    assert_eq!(rec.archive.as_deref(), Some("VT"));
    assert_eq!(
        rec.signer_lines,
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]
    );
    let notes: Vec<String> = rec.notes.iter().map(ToString::to_string).collect();
    assert!(
        notes
            .iter()
            .any(|n| n == "Dòng 9: chưa nhập: “PHỤ LỤC | Bảng số liệu”"),
        "{notes:?}"
    );
    assert_nothing_lost(text, &rec);
}

#[test]
fn no_input_panics_or_loses_a_word() {
    let texts = [
        "*",
        "-",
        "- ",
        "|",
        "\t\t\t",
        "I.",
        "a) b)",
        "1.\n2.\n3.",
        "* :",
        "- + ",
        "- + x",
        "o o o",
        "IIII. X",
        "XL. X",
        "99. X\n100. Y",
        "2.1.3.4. X",
        "Số: abc/BC\nX, ngày 31 tháng 2 năm 2026\nBÁO CÁO",
        "Nơi nhận:",
        "TM. X\nKT. Y",
        "Trên đây là\nTrên đây là",
        "\u{0}\u{7}\u{1b}[0m",
        "a\tb\na\tb\tc\n\tx\ty",
        "  - a\n- b\n      + c\n+ d\n\t- e",
    ];
    for t in texts {
        let rec = recognise(t);
        for s in rec.sections.iter().flat_map(Section::walk) {
            let (_, notes) = rich::parse(&s.body);
            assert!(notes.is_empty(), "{t:?}: {notes:?}");
        }
        assert_nothing_lost(&t.replace(['\u{0}', '\u{7}', '\u{1b}'], ""), &rec);
    }
}

#[test]
fn random_mixtures_of_markers_numbers_and_letters_never_panic_or_lose_a_word() {
    const PIECES: [&str; 40] = [
        "\n",
        "\n",
        "\n",
        "\t",
        " ",
        "  ",
        "- ",
        "+ ",
        "* ",
        "• ",
        "◦ ",
        "o ",
        "- + ",
        "I. ",
        "II.",
        "IV. ",
        "1. ",
        "2. ",
        "3.",
        "2.1. ",
        "2.1.1. ",
        "a) ",
        "b) ",
        "đ) ",
        "|",
        "\\",
        "_",
        "**",
        ":",
        ";",
        ".",
        "Căn cứ",
        "KẾT QUẢ",
        "Trên đây là",
        "Nơi nhận:",
        "TM. UBND",
        "Lưu: VT",
        "Nguyễn Văn A",
        "BÁO CÁO",
        "e\u{301}",
    ];
    let mut seed: u64 = 0x5eed_0003;
    let mut next = || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    for _ in 0..3000 {
        let n = next() % 40;
        let text: String = (0..n).map(|_| PIECES[next() % PIECES.len()]).collect();
        let rec = recognise(&text);
        for s in rec.sections.iter().flat_map(Section::walk) {
            let (_, notes) = rich::parse(&s.body);
            assert!(notes.is_empty(), "{text:?}: {notes:?}\n{}", s.body);
        }
        let (_, notes) = rich::parse(&rec.opening);
        assert!(notes.is_empty(), "{text:?}: {notes:?}");
        // A bullet `o` at the start of a line is a marker, not a word.
        let words_only: Vec<String> = crate::vi::nfc(&text)
            .split('\n')
            .map(|l| {
                let t = l.trim_start();
                t.strip_prefix("o ").unwrap_or(t).to_owned()
            })
            .collect();
        let words_only = words_only.join("\n");
        assert_words_kept(&words_only, &rec, true);
    }
}
