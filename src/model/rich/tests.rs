// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).
use super::*;

fn paras(text: &str) -> Vec<Para> {
    parse(text)
        .0
        .into_iter()
        .filter_map(|b| match b {
            Block::Para { para, .. } => Some(para),
            Block::Table { .. } => None,
        })
        .collect()
}

fn styles(p: &Para) -> Vec<(String, bool, bool, bool)> {
    p.spans
        .iter()
        .map(|s| (s.text.clone(), s.bold, s.italic, s.underline))
        .collect()
}

#[test]
fn emphasis_markers_give_styles_and_never_print() {
    let p = &paras("Có **đậm**, *nghiêng*, ***cả hai*** và __gạch chân__.")[0];
    assert_eq!(
        styles(p),
        vec![
            ("Có ".into(), false, false, false),
            ("đậm".into(), true, false, false),
            (", ".into(), false, false, false),
            ("nghiêng".into(), false, true, false),
            (", ".into(), false, false, false),
            ("cả hai".into(), true, true, false),
            (" và ".into(), false, false, false),
            ("gạch chân".into(), false, false, true),
            (".".into(), false, false, false),
        ]
    );
    assert!(!p.lead);
}

#[test]
fn nested_emphasis_combines() {
    let p = &paras("**đậm *và nghiêng* rồi đậm**")[0];
    assert_eq!(
        styles(p),
        vec![
            ("đậm ".into(), true, false, false),
            ("và nghiêng".into(), true, true, false),
            (" rồi đậm".into(), true, false, false),
        ]
    );
    assert!(p.lead, "the whole text is emphasised");
}

#[test]
fn unbalanced_or_spaced_markers_print_as_written_with_a_note() {
    let (blocks, notes) = parse("Giá 5 * 3 và **chưa đóng");
    let Block::Para { para, .. } = &blocks[0] else {
        panic!("a paragraph")
    };
    assert_eq!(para.text(), "Giá 5 * 3 và **chưa đóng");
    assert!(para.spans.iter().all(|s| !s.bold && !s.italic));
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].message.contains("không đóng"));
}

#[test]
fn escapes_and_placeholders_are_kept_literally() {
    let p = &paras(r"Tỷ lệ \*ước tính\* {{CT01.kết_quả}} \\ a\b")[0];
    assert_eq!(p.text(), r"Tỷ lệ *ước tính* {{CT01.kết_quả}} \ a\b");
    assert!(p.spans.iter().all(|s| !s.italic && !s.underline));
}

#[test]
fn list_levels_come_from_indentation_and_markers_are_kept() {
    let ps = paras("- UBND xã đã:\n  + ban hành kế hoạch;\n    • chi tiết\n\ta) điểm a\nĐoạn.");
    let got: Vec<(u8, &str, String)> = ps
        .iter()
        .map(|p| (p.level, p.marker.as_str(), p.text()))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, "-", "UBND xã đã:".to_owned()),
            (2, "+", "ban hành kế hoạch;".to_owned()),
            (3, "•", "chi tiết".to_owned()),
            (2, "a)", "điểm a".to_owned()),
            (0, "", "Đoạn.".to_owned()),
        ]
    );
}

#[test]
fn a_list_jumping_two_levels_prints_one_level_deeper_with_a_note() {
    let (blocks, notes) = parse("- một\n      + sâu quá");
    let Block::Para { para, .. } = &blocks[1] else {
        panic!("a paragraph")
    };
    assert_eq!(para.level, 2);
    assert_eq!(notes.len(), 1);
    assert!(notes[0].message.contains("Dòng 2"), "{notes:?}");
}

#[test]
fn markers_need_a_space_and_text_after_them() {
    assert_eq!(split_marker("- a"), Some(("-", "a")));
    assert_eq!(split_marker("12. Mười hai"), Some(("12.", "Mười hai")));
    assert_eq!(split_marker("đ) điểm"), Some(("đ)", "điểm")));
    assert_eq!(split_marker("-5%"), None);
    assert_eq!(split_marker("f) không phải điểm"), None);
    assert_eq!(split_marker("2026. năm"), None);
    assert_eq!(split_marker("- "), None);
    assert_eq!(split_marker("1.5 triệu"), None);
}

#[test]
fn a_lead_line_is_a_whole_line_in_emphasis_and_its_marker_is_kept() {
    let p = &paras("* ***Đề nghị UBND thành phố:***")[0];
    assert_eq!(p.marker, "*");
    assert!(p.lead);
    assert_eq!(
        styles(p),
        vec![("Đề nghị UBND thành phố:".into(), true, true, false)]
    );
}

#[test]
fn a_table_has_header_widths_alignment_group_rows_and_escaped_bars() {
    let text = "Trước bảng\n| Nội dung | Quý I | Quý II |\n|------|--:|:-:|\n| Hồ sơ \\| trực tuyến | **120** | 150 |\n| Nhóm khác |\n\nSau bảng";
    let (blocks, notes) = parse(text);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(blocks.len(), 3);
    let Block::Table { table, index } = &blocks[1] else {
        panic!("a table")
    };
    assert_eq!(*index, 1);
    assert_eq!(table.header, ["Nội dung", "Quý I", "Quý II"]);
    assert_eq!(
        table
            .columns
            .iter()
            .map(|c| (c.dashes, c.align))
            .collect::<Vec<_>>(),
        vec![
            (6, CellAlign::Left),
            (2, CellAlign::Right),
            (1, CellAlign::Center)
        ]
    );
    let Row::Cells(cells) = &table.rows[0] else {
        panic!("cells")
    };
    assert_eq!(cells[0][0].text, "Hồ sơ | trực tuyến");
    assert!(cells[1][0].bold);
    assert!(matches!(&table.rows[1], Row::Group(g) if g[0].text == "Nhóm khác"));
    let Block::Para { index, .. } = &blocks[2] else {
        panic!("a paragraph")
    };
    assert_eq!(*index, 5, "paragraph indices count every non-empty line");
}

#[test]
fn an_empty_table_or_one_without_a_header_is_read_with_a_note() {
    let (blocks, notes) = parse("| A | B |\n|---|---|");
    assert!(matches!(&blocks[0], Block::Table { table, .. } if table.rows.is_empty()));
    assert!(notes[0].message.contains("chưa có hàng"));
    let (blocks, notes) = parse("| a | b |\n| c | d |");
    assert!(notes.is_empty());
    let Block::Table { table, .. } = &blocks[0] else {
        panic!("a table")
    };
    assert!(table.header.is_empty());
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.columns.len(), 2);
}

#[test]
fn plain_text_drops_markup_and_keeps_words() {
    assert_eq!(
        plain_text("**Đậm** thường\n  + *ý*\n| a | b |\n|---|---|\n| 1 | 2 |"),
        "Đậm thường\n+ ý\na\tb\n1\t2\n"
    );
}

#[test]
fn escaped_text_parses_back_to_itself() {
    for s in [
        "5 * 3 = 15",
        "a_b__c",
        r"\ và |",
        "**không phải đậm**",
        "***",
    ] {
        let p = &paras(&escape(s))[0];
        assert_eq!(p.text(), s);
        assert!(p.spans.iter().all(|x| !x.bold && !x.italic && !x.underline));
    }
}

#[test]
fn version_1_text_migrates_to_the_same_words_with_plus_items_one_level_deeper() {
    let v1 = "Mở đầu *chú thích*.\n- Triển khai:\n+ ý một;\n\n+ ý hai.\n+ Không theo gạch đầu dòng\n| không phải bảng\nĐạt {{CT01.kết quả}}";
    let v2 = migrate_v1(v1);
    let ps = paras(&v2);
    let got: Vec<(u8, String)> = ps.iter().map(|p| (p.level, p.text())).collect();
    assert_eq!(
        got,
        vec![
            (0, "Mở đầu *chú thích*.".to_owned()),
            (1, "Triển khai:".to_owned()),
            (2, "ý một;".to_owned()),
            (2, "ý hai.".to_owned()),
            (2, "Không theo gạch đầu dòng".to_owned()),
            (0, "| không phải bảng".to_owned()),
            (0, "Đạt {{CT01.kết quả}}".to_owned()),
        ]
    );
    let standalone = migrate_v1("Đoạn.\n+ ý không có gạch trên");
    assert_eq!(paras(&standalone)[1].level, 1);
}

#[test]
fn huge_text_parses_in_one_pass() {
    let line = "- **Đậm** và *nghiêng* {{CT01.kết quả}} | không phải bảng\n";
    let text = line.repeat(20_000);
    let (blocks, notes) = parse(&text);
    assert_eq!(blocks.len(), 20_000);
    assert!(notes.is_empty());
}

#[test]
fn highlighting_covers_every_byte_once_and_marks_what_never_prints() {
    let text =
        "Có **đậm** và \\*sao\\*\n  + *ý* {{CT01.kết quả}}\n| a \\| b | **c** |\n|---|---|\n";
    let looks = highlight(text);
    let mut at = 0;
    for (r, _) in &looks {
        assert_eq!(r.start, at, "{looks:?}");
        at = r.end;
    }
    assert_eq!(at, text.len());
    let shown = |pred: fn(&Look) -> bool| -> String {
        looks
            .iter()
            .filter(|(_, l)| pred(l))
            .map(|(r, _)| &text[r.clone()])
            .collect()
    };
    assert_eq!(shown(|l| l.bold), "đậmc");
    assert_eq!(shown(|l| l.italic), "ý");
    assert_eq!(shown(|l| l.field), "{{CT01.kết quả}}");
    assert_eq!(shown(|l| l.marker), "+");
    assert_eq!(shown(|l| l.markup), "****\\\\**|\\|****||---|---|");
}

#[test]
fn a_grid_reads_a_table_and_writes_it_back_with_the_same_meaning() {
    let text = "| A | **B** |\n|----|--:|\n| x \\| y | 2 |\n| Nhóm |";
    let g = Grid::from_lines(&text.lines().collect::<Vec<_>>());
    assert_eq!(g.header, ["A", "**B**"]);
    assert_eq!(g.width(), 2);
    assert_eq!(g.rows.len(), 2);
    assert!(g.rows[1].group);
    assert_eq!(g.rows[0].cells[0], "x \\| y");
    let back = g.to_text();
    assert_eq!(parse(&back), parse(text));
    let mut edited = g.clone();
    edited.rows[0].cells[1] = "3 | 4".into();
    let (blocks, _) = parse(&edited.to_text());
    let Block::Table { table, .. } = &blocks[0] else {
        panic!("table")
    };
    let Row::Cells(cells) = &table.rows[0] else {
        panic!("cells")
    };
    assert_eq!(
        cells[1][0].text, "3 | 4",
        "a bar typed in a cell stays text"
    );
}

#[test]
fn the_table_around_a_position_covers_its_lines_only() {
    let text = "Trước\n| a | b |\n|---|---|\n| 1 | 2 |\nSau";
    let r = table_around(text, text.find("| 1").unwrap()).unwrap();
    assert_eq!(&text[r], "| a | b |\n|---|---|\n| 1 | 2 |");
    assert_eq!(table_around(text, 0), None);
    let end = "x\n| a |";
    assert_eq!(&end[table_around(end, 3).unwrap()], "| a |");
}

#[test]
fn escaping_leaves_placeholders_whole_so_they_read_back_the_same() {
    // Found by fuzzing (rich_text): a `*` inside `{{…}}` was escaped, but the parser
    // copies a placeholder whole, so the backslash showed.
    for s in [
        "{{*Đậ{\0}\u{f}\0}}}}",
        "a {{CT01.kết_quả}} *b*",
        "{{ không đóng *x*",
    ] {
        let p = &paras(&escape(s))[0];
        assert_eq!(p.text(), s.trim());
    }
}
