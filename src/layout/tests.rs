//! End-to-end tests of `layout`: documents built by hand, positions checked in mm.
// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;
use crate::compose::{
    Align, Block, Column, Columns, ColumnsAlign, Document, LabelList, Meta, Paragraph, Rule, Run,
    SourceRef, Table, TableColumn, TableRow,
};
use crate::units::{Mm, Pt};

const WORDS: [&str; 24] = [
    "Ủy", "ban", "nhân", "dân", "xã", "đã", "tổ", "chức", "triển", "khai", "thực", "hiện", "Nghị",
    "quyết", "chuyển", "đổi", "số", "hiệu", "quả,", "công", "chức", "người", "dân;", "nhiệm",
];

fn fonts() -> &'static Fonts {
    Fonts::bundled().expect("fonts")
}

fn setup() -> PageSetup {
    PageSetup::default()
}

/// `n` words of report-like Vietnamese, deterministic.
fn words(n: usize, seed: usize) -> String {
    (0..n)
        .map(|i| WORDS[(i * 7 + seed * 5 + i / 3) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn doc(parts: Vec<Vec<Block>>) -> Document {
    Document {
        meta: Meta::default(),
        setup: setup(),
        draft: false,
        parts: parts
            .into_iter()
            .map(|blocks| crate::compose::Part {
                blocks,
                landscape: false,
            })
            .collect(),
    }
}

fn body(text: &str) -> Block {
    Block::Paragraph(Paragraph::body(vec![Run::plain(text)], &setup()))
}

fn heading(text: &str) -> Block {
    let mut p = Paragraph::body(vec![Run::bold(text)], &setup());
    p.first_line_indent_pt = 0.0;
    p.align = Align::Left;
    p.space_before_pt = 6.0;
    p.keep_with_next = true;
    p.keep_together = true;
    p.source = SourceRef::section("h");
    Block::Paragraph(p)
}

fn run_layout(parts: Vec<Vec<Block>>) -> Pages {
    layout(&doc(parts), fonts())
}

fn texts(page: &Page) -> Vec<&TextItem> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Visual lines of a page: (baseline, text, left x, right x), top to bottom.
fn lines(page: &Page) -> Vec<(f32, String, f32, f32)> {
    let mut out: Vec<(f32, String, f32, f32)> = Vec::new();
    for t in texts(page) {
        match out.last_mut() {
            Some(l) if l.0 == t.baseline.0 && (l.3 - t.x.0).abs() < 0.5 => {
                l.1.push_str(&t.text);
                l.3 = t.x.0 + t.width.0;
            }
            _ => out.push((t.baseline.0, t.text.clone(), t.x.0, t.x.0 + t.width.0)),
        }
    }
    out
}

fn mm(pt: f32) -> f32 {
    Pt(pt).to_mm().0
}

fn page_of(pages: &Pages, needle: &str) -> Option<usize> {
    pages
        .pages
        .iter()
        .position(|p| texts(p).iter().any(|t| t.text.contains(needle)))
}

#[test]
fn body_text_starts_at_30_mm_and_justified_lines_end_at_195_mm() {
    let pages = run_layout(vec![vec![body(&words(120, 1))]]);
    let ls = lines(&pages.pages[0]);
    assert!(ls.len() >= 4);
    for (i, l) in ls.iter().enumerate().skip(1) {
        assert!(
            (mm(l.2) - 30.0).abs() < 0.5,
            "line {i} starts at {} mm",
            mm(l.2)
        );
    }
    for l in &ls[..ls.len() - 1] {
        assert!((mm(l.3) - 195.0).abs() < 0.5, "line ends at {} mm", mm(l.3));
        assert!((l.3 - Mm(210.0 - 15.0).to_pt().0).abs() <= 0.1);
    }
}

#[test]
fn the_first_line_is_indented_12_7_mm() {
    let pages = run_layout(vec![vec![body(&words(60, 2))]]);
    let ls = lines(&pages.pages[0]);
    assert!((mm(ls[0].2) - 42.7).abs() < 0.05, "{}", mm(ls[0].2));
}

#[test]
fn the_last_line_of_a_justified_paragraph_is_left_aligned() {
    let pages = run_layout(vec![vec![body(&words(45, 3))]]);
    let page = &pages.pages[0];
    let ls = lines(page);
    let last = ls.last().expect("last line");
    assert!((mm(last.2) - 30.0).abs() < 0.05);
    assert!(mm(last.3) < 190.0);
    let last_items: Vec<_> = texts(page)
        .into_iter()
        .filter(|t| t.baseline.0 == last.0)
        .collect();
    assert!(last_items.iter().all(|t| t.word_spacing.0 == 0.0));
}

#[test]
fn all_text_stays_inside_the_margins_on_every_page() {
    let mut blocks = Vec::new();
    for i in 0..40 {
        blocks.push(heading(&format!("{}. Nhiệm vụ số {i}", i + 1)));
        blocks.push(body(&words(50 + i * 7, i)));
    }
    let pages = run_layout(vec![blocks]);
    assert!(pages.pages.len() > 5);
    for page in &pages.pages {
        for t in texts(page) {
            if t.baseline.0 < Mm(20.0).to_pt().0 {
                continue; // the page number
            }
            let top = t.baseline.0 - fonts().ascent_pt(t.style, t.size.0);
            let bottom = t.baseline.0 + fonts().descent_pt(t.style, t.size.0);
            assert!(top >= Mm(20.0).to_pt().0 - 0.01, "top {}", mm(top));
            assert!(
                bottom <= Mm(277.0).to_pt().0 + 0.01,
                "bottom {}",
                mm(bottom)
            );
            assert!(t.x.0 >= Mm(30.0).to_pt().0 - 0.01);
            assert!(t.x.0 + t.width.0 <= Mm(195.0).to_pt().0 + 0.1);
        }
    }
}

/// Single-line filler paragraphs that push what follows down the page.
fn filler(n: usize) -> Vec<Block> {
    (0..n).map(|i| body(&format!("Dòng đệm số {i}."))).collect()
}

#[test]
fn a_heading_is_never_the_last_thing_on_a_page() {
    let mut moved = false;
    for n in 20..34 {
        let mut blocks = filler(n);
        blocks.push(heading("II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM"));
        blocks.push(body(&words(80, 4)));
        let pages = run_layout(vec![blocks]);
        let h = page_of(&pages, "II. NHIỆM VỤ").expect("heading");
        let page = &pages.pages[h];
        let ls = lines(page);
        let hi = ls
            .iter()
            .position(|l| l.1.starts_with("II."))
            .expect("line");
        assert!(
            ls.len() >= hi + 3,
            "n={n}: heading without two following lines"
        );
        // Would the heading alone have fitted on the previous page?
        if h > 0 && hi == 0 {
            moved = true;
        }
    }
    assert!(moved, "no case pushed the heading to the next page");
}

#[test]
fn chained_headings_stay_with_the_first_lines_of_the_paragraph() {
    for n in 20..34 {
        let mut blocks = filler(n);
        blocks.push(heading("III. TỔ CHỨC THỰC HIỆN"));
        blocks.push(heading("1. Phân công nhiệm vụ"));
        blocks.push(body(&words(80, 5)));
        let pages = run_layout(vec![blocks]);
        let a = page_of(&pages, "III. TỔ CHỨC").expect("h1");
        let b = page_of(&pages, "1. Phân công").expect("h2");
        assert_eq!(a, b, "n={n}");
        let ls = lines(&pages.pages[b]);
        let hi = ls
            .iter()
            .position(|l| l.1.starts_with("1. Phân"))
            .expect("line");
        assert!(ls.len() >= hi + 3, "n={n}");
    }
}

#[test]
fn a_paragraph_never_leaves_a_widow_or_an_orphan() {
    let target = words(70, 6); // five or six lines
    let mut checked = 0;
    for n in 25..36 {
        let mut blocks = filler(n);
        let mut p = Paragraph::body(vec![Run::plain(target.clone())], &setup());
        p.source = SourceRef::section("target");
        blocks.push(Block::Paragraph(p));
        blocks.extend(filler(3));
        let pages = run_layout(vec![blocks]);
        let per_page: Vec<usize> = pages
            .pages
            .iter()
            .map(|page| {
                page.regions
                    .iter()
                    .filter(|r| r.source == SourceRef::section("target"))
                    .map(|r| {
                        lines(page)
                            .iter()
                            .filter(|l| l.0 > r.y.0 && l.0 < r.y.0 + r.h.0)
                            .count()
                    })
                    .sum()
            })
            .filter(|c| *c > 0)
            .collect();
        if per_page.len() > 1 {
            checked += 1;
            assert!(per_page.iter().all(|c| *c >= 2), "n={n}: {per_page:?}");
        }
    }
    assert!(checked > 0, "the paragraph never crossed a page");
}

fn table(rows: usize) -> Block {
    let col = |h: &str, w: f32, align| TableColumn {
        header: h.into(),
        weight: w,
        align,
    };
    Block::Table(Table {
        columns: vec![
            col("TT", 1.0, Align::Center),
            col("Nhiệm vụ", 6.0, Align::Left),
            col("Kết quả", 3.0, Align::Center),
        ],
        rows: (0..rows)
            .map(|i| {
                if i % 10 == 0 {
                    TableRow::Group(vec![Run::plain(format!("Nhóm {i}"))])
                } else {
                    TableRow::Cells(vec![
                        vec![Run::plain(format!("{i}"))],
                        vec![Run::plain(format!(
                            "Hàng{i} {} Hết{i}.",
                            words(5 + (i * 13) % 40, i)
                        ))],
                        vec![Run::plain("Đạt")],
                    ])
                }
            })
            .collect(),
        size_pt: 13.0,
        space_after_pt: 6.0,
        source: SourceRef::Appendix(crate::compose::AppendixKind::Tasks),
    })
}

#[test]
fn a_table_across_pages_repeats_its_header_and_never_splits_a_row() {
    let pages = run_layout(vec![filler(10).into_iter().chain([table(90)]).collect()]);
    assert!(pages.pages.len() >= 3);
    let first = page_of(&pages, "Hàng1 ").expect("first row");
    assert!(
        texts(&pages.pages[first])
            .iter()
            .any(|t| t.text == "Nhiệm vụ")
    );
    for (n, page) in pages.pages.iter().enumerate().skip(first + 1) {
        let ls = lines(page);
        let body: Vec<_> = ls.iter().filter(|l| l.0 > Mm(20.0).to_pt().0).collect();
        assert_eq!(
            body[0].1,
            "TT",
            "page {} does not start with the header",
            n + 1
        );
        let header = texts(page)
            .into_iter()
            .filter(|t| t.text == "Nhiệm vụ")
            .count();
        assert_eq!(header, 1);
    }
    // Every row's text sits on one page: its first and last words share a page.
    for i in 1..90 {
        if i % 10 == 0 {
            continue;
        }
        let a = page_of(&pages, &format!("Hàng{i} ")).expect("row start");
        let b = page_of(&pages, &format!("Hết{i}.")).expect("row end");
        assert_eq!(a, b, "row {i} split");
    }
}

#[test]
fn a_heading_before_a_table_keeps_the_header_and_first_row() {
    for n in 28..36 {
        let mut blocks = filler(n);
        blocks.push(heading("PHỤ LỤC NHIỆM VỤ"));
        blocks.push(table(20));
        let pages = run_layout(vec![blocks]);
        let h = page_of(&pages, "PHỤ LỤC NHIỆM VỤ").expect("heading");
        let page = &pages.pages[h];
        assert!(texts(page).iter().any(|t| t.text == "Nhiệm vụ"), "n={n}");
        assert!(texts(page).iter().any(|t| t.text == "Nhóm 0"), "n={n}");
    }
}

#[test]
fn a_20000_character_word_does_not_overflow_the_right_margin() {
    let word: String = "ngàyđêm".chars().cycle().take(20_000).collect();
    let pages = run_layout(vec![vec![body(&word)]]);
    let mut chars = 0;
    for page in &pages.pages {
        for t in texts(page) {
            assert!(t.x.0 + t.width.0 <= Mm(195.0).to_pt().0 + 0.01);
            if t.baseline.0 > Mm(20.0).to_pt().0 {
                chars += t.text.chars().count();
            }
        }
    }
    assert_eq!(chars, 20_000);
}

#[test]
fn missing_glyphs_are_replaced_and_warned_once_each() {
    let pages = run_layout(vec![vec![
        body("Vui 😀 quá \u{E000} và 😀 nữa"),
        body("lại 😀"),
    ]]);
    let all: String = texts(&pages.pages[0])
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    assert!(!all.contains('😀') && !all.contains('\u{E000}'));
    assert_eq!(all.matches(fonts::REPLACEMENT).count(), 4);
    assert_eq!(pages.warnings.len(), 2);
    assert_eq!(
        pages.warnings[0].message,
        "Ký tự “😀” (U+1F600) không có trong phông chữ; đã in thay bằng □."
    );
}

#[test]
fn a_warning_names_the_piece_it_was_met_in_and_a_made_block_the_piece_before_it() {
    // body() paragraphs have no source of their own.
    let pages = run_layout(vec![
        vec![body("mở đầu \u{E000}")],
        vec![heading("Mục"), body("không nguồn 😀")],
    ]);
    let places: Vec<(&str, &SourceRef)> = pages
        .warnings
        .iter()
        .map(|w| (&w.message[..w.message.find(')').unwrap_or(0)], &w.source))
        .collect();
    assert_eq!(
        places,
        [
            ("Ký tự “\u{E000}” (U+E000", &SourceRef::None),
            ("Ký tự “😀” (U+1F600", &SourceRef::section("h")),
        ],
        "the first part has no piece before its paragraph; the second's is under heading h"
    );
}

#[test]
fn empty_documents_paragraphs_and_tables_give_at_least_one_page() {
    let empty = layout(
        &Document {
            parts: vec![],
            ..doc(vec![])
        },
        fonts(),
    );
    assert_eq!(empty.pages.len(), 1);
    assert_eq!(empty.pages[0].number_in_part, 1);
    let p = run_layout(vec![vec![body("")], vec![]]);
    assert_eq!(p.pages.len(), 2);
    assert_eq!(p.pages[1].part, 1);
    let t = run_layout(vec![vec![Block::Table(Table {
        columns: vec![],
        rows: vec![TableRow::Cells(vec![]), TableRow::Group(vec![])],
        size_pt: 13.0,
        space_after_pt: 6.0,
        source: SourceRef::default(),
    })]]);
    assert_eq!(t.pages.len(), 1);
    let t2 = run_layout(vec![vec![table(0)]]);
    assert_eq!(t2.pages.len(), 1);
}

#[test]
fn tabs_carriage_returns_and_decomposed_vietnamese_do_not_crash() {
    let pages = run_layout(vec![vec![body(
        "Co\u{0302}ng\tta\u{0301}c\r\nchuye\u{0302}\u{0309}n đổi số\u{0000}",
    )]]);
    let all: String = texts(&pages.pages[0])
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    assert!(all.contains("Công tác"));
    assert!(all.contains("chuyển"));
    assert!(pages.warnings.is_empty());
}

#[test]
fn an_insane_size_or_setup_does_not_crash() {
    let mut p = Paragraph::body(vec![Run::plain(words(30, 1))], &setup());
    p.size_pt = f32::NAN;
    p.line_spacing = -3.0;
    p.first_line_indent_pt = f32::INFINITY;
    let mut d = doc(vec![vec![
        Block::Paragraph(p),
        Block::Spacer {
            height_pt: f32::NAN,
        },
    ]]);
    d.setup.margin_left_mm = 500.0;
    let pages = layout(&d, fonts());
    assert!(!pages.pages.is_empty());
    assert!(
        pages
            .warnings
            .iter()
            .any(|w| w.message.contains("Lề trang"))
    );
}

fn header_block() -> Block {
    let c = |text: &str, size: f32, bold: bool, italic: bool| {
        Paragraph::centered(
            vec![Run {
                text: text.into(),
                bold,
                italic,
                flagged: false,
                underline: false,
            }],
            size,
        )
    };
    let mut agency = c("ỦY BAN NHÂN DÂN\nXÃ NAM THANH MIỆN", 13.0, true, false);
    agency.rule_below = Some(Rule::Fraction(0.4));
    let mut motto = c("Độc lập - Tự do - Hạnh phúc", 13.0, true, false);
    motto.rule_below = Some(Rule::LineWidth);
    let mut so = c("Số: 05/BC-UBND", 13.0, false, false);
    so.space_before_pt = 6.0;
    let mut date = c(
        "Nam Thanh Miện, ngày 05 tháng 02 năm 2026",
        14.0,
        false,
        true,
    );
    date.space_before_pt = 6.0;
    Block::Columns(Columns {
        columns: vec![
            Column {
                width_frac: 0.4,
                paragraphs: vec![
                    c("UBND THÀNH PHỐ HẢI PHÒNG", 13.0, false, false),
                    agency,
                    so,
                ],
            },
            Column {
                width_frac: 0.6,
                paragraphs: vec![
                    c("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12.0, true, false),
                    motto,
                    date,
                ],
            },
        ],
        align: ColumnsAlign::LastBaseline,
        space_before_pt: 0.0,
        space_after_pt: 12.0,
        source: SourceRef::Header,
    })
}

fn signature_block() -> Block {
    let mut noi = Paragraph::centered(vec![Run::bold_italic("Nơi nhận:")], 12.0);
    noi.align = Align::Left;
    let mut list = Paragraph::centered(
        vec![Run::plain(
            "- UBND thành phố;\n- Đảng ủy xã;\n- Lưu: VT, VP.",
        )],
        11.0,
    );
    list.align = Align::Left;
    let mut tm = Paragraph::centered(vec![Run::bold("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")], 14.0);
    tm.space_after_pt = 70.0;
    let name = Paragraph::centered(vec![Run::bold("Vũ Văn Nguyễn")], 14.0);
    Block::Columns(Columns {
        columns: vec![
            Column {
                width_frac: 0.4,
                paragraphs: vec![noi, list],
            },
            Column {
                width_frac: 0.6,
                paragraphs: vec![tm, name],
            },
        ],
        align: ColumnsAlign::FirstBaseline,
        space_before_pt: 12.0,
        space_after_pt: 0.0,
        source: SourceRef::Signature,
    })
}

fn find<'a>(page: &'a Page, prefix: &str) -> &'a TextItem {
    texts(page)
        .into_iter()
        .find(|t| t.text.starts_with(prefix))
        .unwrap_or_else(|| panic!("{prefix} not found"))
}

#[test]
fn the_number_and_the_date_share_a_baseline_exactly_and_the_rules_have_their_lengths() {
    let pages = run_layout(vec![vec![header_block()]]);
    let page = &pages.pages[0];
    assert_eq!(
        find(page, "Số:").baseline.0,
        find(page, "Nam Thanh").baseline.0
    );
    let motto = find(page, "Độc lập");
    let rules: Vec<_> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l),
            _ => None,
        })
        .collect();
    let motto_rule = rules
        .iter()
        .find(|r| r.y0.0 > motto.baseline.0 && r.y0.0 < motto.baseline.0 + 24.0 && r.x0.0 > 250.0)
        .expect("motto rule");
    assert!(((motto_rule.x1.0 - motto_rule.x0.0) - motto.width.0).abs() < 0.01);
    assert!((motto_rule.x0.0 - motto.x.0).abs() < 0.01);
    let agency = find(page, "XÃ NAM");
    let agency_rule = rules
        .iter()
        .find(|r| r.y0.0 > agency.baseline.0 && r.x1.0 < 250.0)
        .expect("agency rule");
    let widest = find(page, "ỦY BAN").width.0.max(agency.width.0);
    assert!(((agency_rule.x1.0 - agency_rule.x0.0) - 0.4 * widest).abs() < 0.01);
    let centre = agency.x.0 + agency.width.0 / 2.0;
    assert!(((agency_rule.x0.0 + agency_rule.x1.0) / 2.0 - centre).abs() < 0.01);
    assert!(agency_rule.y0.0 - agency.baseline.0 < 24.0);
}

#[test]
fn the_recipients_label_is_level_with_the_authority_line() {
    let pages = run_layout(vec![vec![body(&words(40, 1)), signature_block()]]);
    let page = &pages.pages[0];
    assert_eq!(
        find(page, "Nơi nhận:").baseline.0,
        find(page, "TM. ").baseline.0
    );
    assert_eq!(find(page, "Nơi nhận:").style, FontStyle::BoldItalic);
    assert!((mm(find(page, "Nơi nhận:").x.0) - 30.0).abs() < 0.05);
}

#[test]
fn a_columns_block_that_does_not_fit_moves_whole_to_the_next_page() {
    for n in 30..40 {
        let mut blocks = filler(n);
        blocks.push(signature_block());
        let pages = run_layout(vec![blocks]);
        let a = page_of(&pages, "Nơi nhận:").expect("label");
        let b = page_of(&pages, "Vũ Văn Nguyễn").expect("name");
        let c = page_of(&pages, "Lưu: VT").expect("list");
        assert!(a == b && b == c, "n={n}");
    }
}

#[test]
fn the_label_list_items_align_under_the_first() {
    let pages = run_layout(vec![vec![Block::LabelList(LabelList {
        label: vec![Run::plain("Kính gửi:")],
        items: vec![
            vec![Run::plain("- Ban Chỉ đạo thành phố;")],
            vec![Run::plain("- Sở Khoa học và Công nghệ.")],
        ],
        size_pt: 14.0,
        space_after_pt: 6.0,
        source: SourceRef::Info,
    })]]);
    let page = &pages.pages[0];
    assert_eq!(find(page, "- Ban").x.0, find(page, "- Sở").x.0);
    assert_eq!(
        find(page, "- Ban").baseline.0,
        find(page, "Kính gửi:").baseline.0
    );
}

#[test]
fn page_numbers_appear_from_the_second_page_of_each_part_counted_per_part() {
    let part = |seed: usize| {
        (0..12usize)
            .map(|i| body(&words(120, i + seed)))
            .collect::<Vec<_>>()
    };
    let pages = run_layout(vec![part(0), part(50)]);
    let parts: Vec<(usize, usize)> = pages
        .pages
        .iter()
        .map(|p| (p.part, p.number_in_part))
        .collect();
    assert!(parts.iter().filter(|p| p.0 == 1).count() >= 2);
    assert_eq!(parts[0], (0, 1));
    let first_appendix = parts.iter().position(|p| p.0 == 1).expect("part 1");
    assert_eq!(parts[first_appendix], (1, 1));
    for page in &pages.pages {
        let band: Vec<_> = texts(page)
            .into_iter()
            .filter(|t| t.baseline.0 < Mm(20.0).to_pt().0)
            .collect();
        if page.number_in_part == 1 {
            assert!(band.is_empty());
            continue;
        }
        assert_eq!(band.len(), 1);
        let n = band[0];
        assert_eq!(n.text, page.number_in_part.to_string());
        assert_eq!(n.size.0, 13.0);
        assert_eq!(n.style, FontStyle::Regular);
        let centre = mm(n.x.0 + n.width.0 / 2.0);
        assert!((centre - 112.5).abs() < 0.05, "{centre}");
        assert!(n.baseline.0 + fonts().descent_pt(FontStyle::Regular, 13.0) < Mm(20.0).to_pt().0);
        assert!((mm(n.baseline.0) - 12.5).abs() < 0.6);
    }
}

#[test]
fn a_part_starts_on_a_new_page_and_spacers_vanish_at_the_top() {
    let pages = run_layout(vec![
        vec![body("Một dòng.")],
        vec![Block::Spacer { height_pt: 40.0 }, body("Phụ lục.")],
    ]);
    assert_eq!(pages.pages.len(), 2);
    let first = find(&pages.pages[1], "Phụ lục.");
    let ascent_top = first.baseline.0 - fonts().ascent_pt(FontStyle::Regular, 14.0);
    assert!((mm(ascent_top) - 20.0).abs() < 0.01);
}

#[test]
fn regions_cover_each_sourced_block_on_each_page() {
    let mut blocks = vec![header_block()];
    blocks.extend(filler(3));
    blocks.push(table(60));
    let pages = run_layout(vec![blocks]);
    assert!(
        pages.pages[0]
            .regions
            .iter()
            .any(|r| r.source == SourceRef::Header)
    );
    for page in &pages.pages {
        let tables = page
            .regions
            .iter()
            .filter(|r| r.source == SourceRef::Appendix(crate::compose::AppendixKind::Tasks))
            .count();
        assert_eq!(tables, 1);
    }
}

#[test]
fn laying_out_twice_gives_the_same_pages() {
    let build = || {
        let mut blocks = vec![header_block()];
        for i in 0..8 {
            blocks.push(heading(&format!("{i}. Mục")));
            blocks.push(body(&words(90, i)));
        }
        blocks.push(table(30));
        blocks.push(signature_block());
        doc(vec![blocks, vec![table(40)]])
    };
    let a = layout(&build(), fonts());
    let b = layout(&build(), fonts());
    assert_eq!(a, b);
    assert_eq!(dump(&a), dump(&b));
}

#[test]
fn the_dump_shows_positions_in_mm_styles_and_sizes() {
    let mut p = Paragraph::centered(vec![Run::bold("BÁO CÁO")], 14.0);
    p.frame = true;
    let mut q = Paragraph::body(vec![Run::plain("Căn cứ "), Run::italic("Luật")], &setup());
    q.align = Align::Left;
    let pages = run_layout(vec![vec![Block::Paragraph(p), Block::Paragraph(q)]]);
    let d = dump(&pages);
    assert!(d.starts_with("page 1 part=0 number=1\n"), "{d}");
    assert!(d.contains(" B14 \"BÁO CÁO\""), "{d}");
    assert!(d.contains("x=42.7mm R14 \"Căn cứ \" I14 \"Luật\""), "{d}");
    assert!(d.contains("p1 rect x="), "{d}");
}

/// A long report: 60 pages and more, of every kind of block.
fn long_report() -> Document {
    let mut blocks = vec![header_block()];
    for i in 0..200 {
        if i % 10 == 0 {
            blocks.push(heading(&format!("{}. MỤC LỚN", i / 10 + 1)));
        }
        blocks.push(body(&words(60 + (i * 37) % 120, i)));
        if i % 25 == 24 {
            blocks.push(table(25));
        }
    }
    blocks.push(signature_block());
    doc(vec![blocks, vec![table(200)]])
}

#[test]
fn a_sixty_page_document_lays_out() {
    let pages = layout(&long_report(), fonts());
    assert!(pages.pages.len() >= 60, "{}", pages.pages.len());
    assert!(pages.pages.iter().all(|p| !p.items.is_empty()));
}

/// Timing, optimised: `CARGO_PROFILE_DEV_OPT_LEVEL=3 cargo test --lib layout::tests::timing
/// -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing_of_the_sample_and_the_long_report() {
    for (name, d) in [("sample", sample_report()), ("long", long_report())] {
        let n = layout(&d, fonts()).pages.len();
        let runs = 50;
        let t0 = std::time::Instant::now();
        for _ in 0..runs {
            std::hint::black_box(layout(std::hint::black_box(&d), fonts()));
        }
        let per = t0.elapsed() / runs;
        println!(
            "{name}: {n} pages, {per:?} per layout, {:?} per page",
            per / n as u32
        );
    }
}

/// A report shaped like the real ones: header, title, recipients, sections, a table,
/// the signature block, then an appendix.
fn sample_report() -> Document {
    let mut draft = Paragraph::centered(vec![Run::bold("DỰ THẢO")], 13.0);
    draft.frame = true;
    draft.align = Align::Left;
    let title = Paragraph::centered(vec![Run::bold("BÁO CÁO")], 14.0);
    let mut summary = Paragraph::centered(
        vec![Run::bold(
            "Sơ kết tình hình triển khai Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, \
             công nghệ, đổi mới sáng tạo và chuyển đổi số quý II năm 2026",
        )],
        14.0,
    );
    summary.rule_below = Some(Rule::Fraction(0.33));
    summary.space_after_pt = 12.0;
    let mut blocks = vec![
        Block::Paragraph(draft),
        header_block(),
        Block::Paragraph(title),
        Block::Paragraph(summary),
        Block::LabelList(LabelList {
            label: vec![Run::plain("Kính gửi:")],
            items: vec![
                vec![Run::plain("- Ban Chỉ đạo Nghị quyết 57 thành phố;")],
                vec![Run::plain("- Sở Khoa học và Công nghệ.")],
            ],
            size_pt: 14.0,
            space_after_pt: 6.0,
            source: SourceRef::Info,
        }),
    ];
    for i in 0..4 {
        blocks.push(heading(&format!(
            "{}. KẾT QUẢ THỰC HIỆN",
            crate::vi::roman(i + 1)
        )));
        for j in 0..4 {
            blocks.push(heading(&format!("{}. Nội dung thứ {}", j + 1, j + 1)));
            blocks.push(Block::Paragraph(Paragraph::body(
                vec![
                    Run::plain(words(30 + j * 11, i as usize * 4 + j)),
                    Run::bold(" kết quả nổi bật "),
                    Run::italic(words(25, j)),
                ],
                &setup(),
            )));
            blocks.push(body(&words(70 + j * 9, j + 3)));
        }
        if i == 1 {
            blocks.push(table(14));
        }
    }
    blocks.push(signature_block());
    let mut appendix_title = Paragraph::centered(vec![Run::bold("Phụ lục")], 14.0);
    appendix_title.space_after_pt = 6.0;
    doc(vec![
        blocks,
        vec![Block::Paragraph(appendix_title), table(60)],
    ])
}

/// Writes the sample's items as tab-separated values for a look at the pages:
/// `cargo test --lib layout::tests::write_sample -- --ignored`.
#[test]
#[ignore]
fn write_sample_pages_for_viewing() {
    use std::fmt::Write as _;
    let pages = layout(&sample_report(), fonts());
    let mut out = String::new();
    for (n, page) in pages.pages.iter().enumerate() {
        for item in &page.items {
            let _ = match item {
                Item::Text(t) => writeln!(
                    out,
                    "T\t{n}\t{}\t{}\t{}\t{:?}\t{}\t{}",
                    t.x.0, t.baseline.0, t.size.0, t.style, t.word_spacing.0, t.text
                ),
                Item::Line(l) => writeln!(
                    out,
                    "L\t{n}\t{}\t{}\t{}\t{}\t{}",
                    l.x0.0, l.y0.0, l.x1.0, l.y1.0, l.width.0
                ),
                Item::Rect(r) => writeln!(
                    out,
                    "R\t{n}\t{}\t{}\t{}\t{}\t{}",
                    r.x.0, r.y.0, r.w.0, r.h.0, r.stroke.0
                ),
                Item::Image(i) => writeln!(
                    out,
                    "I\t{n}\t{:?}\t{}\t{}\t{}\t{}",
                    i.kind, i.x.0, i.y.0, i.w.0, i.h.0
                ),
            };
        }
    }
    let path = std::env::temp_dir().join("layout_sample.tsv");
    std::fs::write(&path, out).expect("write");
    std::fs::write(std::env::temp_dir().join("layout_sample.txt"), dump(&pages)).expect("write");
    println!("{}", path.display());
}

/// A section heading and its text, each paragraph numbered as compose numbers them.
fn section(id: &str, title: &str, paragraphs: &[String]) -> Vec<Block> {
    let source = SourceRef::section(id);
    let mut h = Paragraph::body(vec![Run::bold(title)], &setup());
    h.keep_with_next = true;
    h.keep_together = true;
    h.source = source.clone();
    let mut out = vec![Block::Paragraph(h)];
    for (i, text) in paragraphs.iter().enumerate() {
        let mut p = Paragraph::body(vec![Run::plain(text.clone())], &setup());
        p.source = source.clone();
        p.index_in_source = Some(i);
        out.push(Block::Paragraph(p));
    }
    out
}

#[test]
fn anchors_mark_where_each_numbered_paragraph_starts() {
    let paras: Vec<String> = (0..12).map(|i| words(90, i)).collect();
    let mut blocks = section("a", "1. Mục một", &paras[..2]);
    blocks.extend(section("b", "2. Mục hai", &paras[2..]));
    let pages = run_layout(vec![blocks, vec![body("Phụ lục.")]]);
    assert!(pages.pages.len() >= 3);
    let anchors: Vec<(usize, &Anchor)> = pages
        .pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.anchors.iter().map(move |a| (i, a)))
        .collect();
    // One anchor per numbered paragraph, in order; none for headings or other parts.
    let seen: Vec<(&str, usize)> = anchors
        .iter()
        .map(|(_, a)| (a.source.section_id().unwrap_or_default(), a.paragraph))
        .collect();
    let mut expected = vec![("a", 0), ("a", 1)];
    expected.extend((0..10).map(|i| ("b", i)));
    assert_eq!(seen, expected);
    for (page, a) in anchors {
        // The anchor's y is the top of the paragraph's first line: its first word is
        // on the first baseline below it.
        let text = &paras[if a.source.section_id() == Some("a") {
            0
        } else {
            2
        } + a.paragraph];
        let first_word = text.split(' ').next().unwrap_or_default();
        let line = lines(&pages.pages[page])
            .into_iter()
            .find(|l| l.0 > a.y.0)
            .expect("a line below the anchor");
        assert!(line.1.starts_with(first_word), "{line:?}");
        assert!(line.0 - a.y.0 < 14.0 * 1.2, "{line:?} {}", a.y.0);
    }
    let draft = pages.draft_pages();
    assert_eq!(draft.sections.get("a"), Some(&1));
    let b = draft.sections["b"];
    let last = draft.paragraphs[&("b".to_owned(), 9)];
    assert!(last > b && last == pages.pages.iter().filter(|p| p.part == 0).count());
    // Each paragraph's page holds an anchor for it.
    for ((id, i), n) in &draft.paragraphs {
        let page = &pages.pages[n - 1];
        assert!(
            page.anchors
                .iter()
                .any(|a| a.source.section_id() == Some(id) && a.paragraph == *i)
        );
    }
}

#[test]
fn a_left_indent_moves_every_line_of_a_paragraph_and_keeps_the_right_edge() {
    let mut p = Paragraph::body(vec![Run::plain(words(80, 3))], &setup());
    p.first_line_indent_pt = 0.0;
    p.left_indent_pt = Mm(10.0).to_pt().0;
    let pages = run_layout(vec![vec![Block::Paragraph(p)]]);
    let ls = lines(&pages.pages[0]);
    assert!(ls.len() >= 3);
    for l in &ls {
        assert!((mm(l.2) - 40.0).abs() < 0.05, "{}", mm(l.2));
    }
    for l in &ls[..ls.len() - 1] {
        assert!((mm(l.3) - 195.0).abs() < 0.5, "{}", mm(l.3));
    }
}

#[test]
fn a_landscape_part_is_laid_on_a_sideways_a4_with_the_same_margins() {
    let long: Vec<Block> = (0..14).map(|i| body(&words(120, i))).collect();
    let mut d = doc(vec![filler(3), long]);
    let upright = layout(&d, fonts());
    d.parts[1].landscape = true;
    let pages = layout(&d, fonts());
    let of_part = |ps: &Pages, part: usize| -> Vec<Page> {
        ps.pages
            .iter()
            .filter(|p| p.part == part)
            .cloned()
            .collect()
    };
    let landscape = of_part(&pages, 1);
    assert!(landscape.len() >= 2, "a long part breaks pages");
    assert!(
        of_part(&pages, 0)
            .iter()
            .all(|p| mm(p.width.0).round() == 210.0)
    );
    let mut widest: f32 = 0.0;
    for p in &landscape {
        assert_eq!(
            (mm(p.width.0).round(), mm(p.height.0).round()),
            (297.0, 210.0)
        );
        for (baseline, text, left, right) in lines(p) {
            assert!(
                mm(left) >= 29.9 && mm(right) <= 297.0 - 15.0 + 0.1,
                "{text}"
            );
            assert!(mm(baseline) <= 210.0 - 20.0 + 0.1, "{text}");
            widest = widest.max(mm(right));
        }
    }
    // The wider text area holds longer lines, so the text takes fewer of them.
    assert!(widest > 280.0, "lines end at {widest} mm");
    let count = |ps: &[Page]| ps.iter().map(|p| lines(p).len()).sum::<usize>();
    assert!(count(&landscape) < count(&of_part(&upright, 1)));
}

#[test]
fn each_heading_is_recorded_on_the_page_where_it_starts_with_its_level_and_top() {
    let mut level_two = heading("1. Về dữ liệu");
    if let Block::Paragraph(p) = &mut level_two {
        p.heading_level = Some(2);
    }
    let mut level_one = heading("I. KẾT QUẢ");
    if let Block::Paragraph(p) = &mut level_one {
        p.heading_level = Some(1);
    }
    let mut blocks = vec![level_one, body(&words(60, 1))];
    blocks.extend(filler(40));
    blocks.push(level_two);
    blocks.push(body(&words(40, 2)));
    // An appendix: its first paragraph (the name) and the title after it.
    let centred = |text: &str| {
        let mut p = Paragraph::centered(vec![Run::bold(text)], 14.0);
        p.source = SourceRef::Appendix(crate::compose::AppendixKind::Indicators);
        Block::Paragraph(p)
    };
    let appendix = vec![
        centred("Phụ lục"),
        centred("KẾT QUẢ CHỈ TIÊU"),
        body(&words(20, 3)),
    ];
    let pages = run_layout(vec![blocks, appendix]);
    let found: Vec<(usize, u8, &str)> = pages
        .pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.headings
                .iter()
                .map(move |h| (i, h.level, h.title.as_str()))
        })
        .collect();
    let last = pages.pages.len() - 1;
    let second = page_of(&pages, "1. Về dữ liệu").expect("placed");
    assert_eq!(
        found,
        [
            (0, 1, "I. KẾT QUẢ"),
            (second, 2, "1. Về dữ liệu"),
            (last, 1, "Phụ lục. KẾT QUẢ CHỈ TIÊU"),
        ]
    );
    // The recorded top is just above the heading's first baseline.
    let h = &pages.pages[second].headings[0];
    let line = texts(&pages.pages[second])
        .into_iter()
        .find(|t| t.text.starts_with("1."))
        .expect("heading line");
    assert!(
        h.y.0 < line.baseline.0 && line.baseline.0 - h.y.0 < 20.0,
        "{h:?}"
    );
}
