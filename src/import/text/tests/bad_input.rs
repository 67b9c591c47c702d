//! Tests of the text recogniser on bad input: empty text, a header alone, headings
//! without text, 2 MB, jumping lists, CRLF and decomposed letters, markup characters,
//! random mixtures. Never a panic, never a word lost, a note where something was
//! not recognised.
// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;

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
fn a_list_jumping_levels_moves_one_level_at_a_time_and_stops_at_four() {
    let text = "I. CĂN CỨ\n- Một\n\t\t- Hai\n\t\t\t- Ba\n\t\t\t\t- Bốn\n\t\t\t\t\t- Năm\n- Sáu\n";
    let rec = recognise(text);
    assert_eq!(
        rec.sections[0].body,
        "- Một\n  - Hai\n    - Ba\n      - Bốn\n      - Năm\n- Sáu"
    );
    let notes: Vec<String> = rec.notes.iter().map(ToString::to_string).collect();
    assert!(
        notes[0].starts_with("Dòng 3: ý liệt kê thụt vào sâu hơn hai cấp"),
        "{notes:?}"
    );
    assert!(
        notes[1].starts_with("Dòng 6: danh sách chỉ có tối đa 4 cấp"),
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
    let text = "I. CĂN CỨ\n•\tMột\n◦\tHai\n▪ Ba\no Bốn\n\u{f0b7}\tNăm\n– Sáu\n- - Bảy\n";
    let rec = recognise(text);
    assert_eq!(
        rec.sections[0].body,
        "- Một\n  + Hai\n- Ba\n  + Bốn\n- Năm\n- Sáu\n- Bảy"
    );
    assert_eq!(
        rec.notes[0].to_string(),
        "Dòng 8: có 1 dòng mang hai dấu “-” liền nhau; mỗi dòng giữ một dấu “-”."
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
