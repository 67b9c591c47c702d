//! Tests of the PDF writer: the output is parsed back with lopdf and checked for pages,
//! sizes, fonts, text (decoded through the fonts' own `/ToUnicode` maps), graphics,
//! metadata and determinism.
// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use std::collections::BTreeMap;

use lopdf::{Document, Object};

use super::*;
use crate::compose::Meta;
use crate::layout::{FontStyle, Item, LineItem, Page, Pages, RectItem, TextItem};
use crate::units::Pt;

const A4_W: f32 = 595.28;
const A4_H: f32 = 841.89;

fn text(x: f32, baseline: f32, size: f32, style: FontStyle, s: &str) -> Item {
    Item::Text(TextItem {
        x: Pt(x),
        baseline: Pt(baseline),
        size: Pt(size),
        style,
        text: s.to_string(),
        word_spacing: Pt(0.0),
        width: Pt(100.0),
        flagged: false,
    })
}

fn page(items: Vec<Item>) -> Page {
    Page {
        width: Pt(A4_W),
        height: Pt(A4_H),
        items,
        ..Page::default()
    }
}

const JUSTIFIED: &str = "Ủy ban nhân dân xã đã ban hành kế hoạch triển khai";

/// Three pages using all four styles, a justified line, lines and a frame.
fn sample() -> Pages {
    let mut justified = text(85.0, 300.0, 14.0, FontStyle::Regular, JUSTIFIED);
    if let Item::Text(t) = &mut justified {
        t.word_spacing.0 = 2.5;
        t.flagged = true;
    }
    Pages {
        pages: vec![
            page(vec![
                text(
                    300.0,
                    70.0,
                    13.0,
                    FontStyle::Bold,
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                ),
                text(
                    330.0,
                    86.0,
                    14.0,
                    FontStyle::Bold,
                    "Độc lập - Tự do - Hạnh phúc",
                ),
                Item::Line(LineItem {
                    x0: Pt(330.0),
                    y0: Pt(90.0),
                    x1: Pt(500.0),
                    y1: Pt(90.0),
                    width: Pt(0.5),
                }),
                text(
                    300.0,
                    110.0,
                    14.0,
                    FontStyle::Italic,
                    "Nam Thanh Miện, ngày 05 tháng 02 năm 2026",
                ),
                Item::Rect(RectItem {
                    x: Pt(80.0),
                    y: Pt(40.0),
                    w: Pt(70.0),
                    h: Pt(20.0),
                    stroke: Pt(0.75),
                }),
                text(85.0, 55.0, 13.0, FontStyle::Bold, "DỰ THẢO"),
                justified,
            ]),
            page(vec![
                text(290.0, 35.0, 13.0, FontStyle::Regular, "2"),
                text(
                    85.0,
                    100.0,
                    14.0,
                    FontStyle::Regular,
                    "Ưu tiên ứng dụng số.",
                ),
            ]),
            page(vec![
                text(85.0, 100.0, 12.0, FontStyle::BoldItalic, "Nơi nhận:"),
                text(85.0, 114.0, 11.0, FontStyle::Regular, "- Lưu: VT, VP."),
            ]),
        ],
        warnings: Vec::new(),
    }
}

fn meta() -> Meta {
    Meta {
        title: "Báo cáo sơ kết quý I năm 2026".into(),
        author: "Ủy ban nhân dân xã Nam Thanh Miện".into(),
        subject: "Chuyển đổi số".into(),
        keywords: "báo cáo, Nghị quyết 57".into(),
        language: "vi".into(),
        ..Meta::default()
    }
}

fn date() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 2, 5)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("date")
}

fn export(pages: &Pages) -> Vec<u8> {
    write_pdf(
        &Rendered::of_pages(pages.clone(), meta(), false),
        &PdfOptions::new(date()),
    )
    .expect("export")
}

fn parse(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("lopdf reads the PDF back")
}

fn deref<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    match obj {
        Object::Reference(id) => doc.get_object(*id).expect("reference resolves"),
        other => other,
    }
}

fn dict<'a>(doc: &'a Document, obj: &'a Object) -> &'a lopdf::Dictionary {
    match deref(doc, obj) {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn name(obj: &Object) -> String {
    String::from_utf8(obj.as_name().expect("a name").to_vec()).expect("utf-8 name")
}

/// A PDF text string (PDFDocEncoding-as-ASCII or UTF-16BE with BOM) as a Rust string.
fn text_string(obj: &Object) -> String {
    let bytes = obj.as_str().expect("a string");
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).expect("utf-16")
    } else {
        String::from_utf8(bytes.to_vec()).expect("ascii")
    }
}

/// The Type0 fonts of the document, by resource name.
fn fonts(doc: &Document) -> BTreeMap<String, lopdf::Dictionary> {
    let mut out = BTreeMap::new();
    for (_, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).expect("page");
        let res = dict(doc, page.get(b"Resources").expect("resources"));
        if let Ok(f) = res.get(b"Font") {
            for (k, v) in dict(doc, f).iter() {
                out.insert(
                    String::from_utf8(k.clone()).expect("utf-8"),
                    dict(doc, v).clone(),
                );
            }
        }
    }
    out
}

/// The `/ToUnicode` map of a font: two-byte code → text.
fn to_unicode(doc: &Document, font: &lopdf::Dictionary) -> BTreeMap<u16, String> {
    let Object::Stream(s) = deref(doc, font.get(b"ToUnicode").expect("ToUnicode")) else {
        panic!("ToUnicode is not a stream");
    };
    let content = s
        .decompressed_content()
        .unwrap_or_else(|_| s.content.clone());
    let cmap = String::from_utf8(content).expect("cmap is text");
    let mut map = BTreeMap::new();
    let mut in_bfchar = false;
    for line in cmap.lines() {
        if line.ends_with("beginbfchar") {
            in_bfchar = true;
        } else if line == "endbfchar" {
            in_bfchar = false;
        } else if in_bfchar {
            let parts: Vec<&str> = line
                .split(['<', '>', ' '])
                .filter(|p| !p.is_empty())
                .collect();
            let code = u16::from_str_radix(parts[0], 16).expect("hex code");
            let units: Vec<u16> = parts[1]
                .as_bytes()
                .chunks(4)
                .map(|c| {
                    u16::from_str_radix(std::str::from_utf8(c).expect("ascii"), 16).expect("hex")
                })
                .collect();
            map.insert(code, String::from_utf16(&units).expect("utf-16"));
        }
    }
    map
}

/// The text of one page, one string per text-showing operator, decoded through the
/// fonts' `/ToUnicode` maps, with the TJ numbers of each operator.
fn page_text(doc: &Document, page_no: u32) -> Vec<(String, Vec<f32>)> {
    let fonts = fonts(doc);
    let maps: BTreeMap<String, BTreeMap<u16, String>> = fonts
        .iter()
        .map(|(k, f)| (k.clone(), to_unicode(doc, f)))
        .collect();
    let page_id = doc.get_pages()[&page_no];
    let content = doc.get_page_content(page_id);
    let ops = lopdf::content::Content::decode(&content).expect("content parses");
    let mut current = String::new();
    let mut out = Vec::new();
    let decode = |bytes: &[u8], font: &str| -> String {
        bytes
            .chunks(2)
            .map(|c| {
                let code = u16::from_be_bytes([c[0], c[1]]);
                maps[font]
                    .get(&code)
                    .cloned()
                    .unwrap_or_else(|| "\u{FFFD}".into())
            })
            .collect()
    };
    for op in ops.operations {
        match op.operator.as_str() {
            "Tf" => current = name(&op.operands[0]),
            "Tj" => out.push((
                decode(op.operands[0].as_str().expect("str"), &current),
                vec![],
            )),
            "TJ" => {
                let mut s = String::new();
                let mut nums = Vec::new();
                for o in op.operands[0].as_array().expect("array") {
                    match o {
                        Object::String(b, _) => s.push_str(&decode(b, &current)),
                        Object::Real(n) => nums.push(*n),
                        Object::Integer(n) => nums.push(*n as f32),
                        _ => {}
                    }
                }
                out.push((s, nums));
            }
            _ => {}
        }
    }
    out
}

fn operators(doc: &Document, page_no: u32) -> Vec<(String, Vec<f32>)> {
    let page_id = doc.get_pages()[&page_no];
    let content = doc.get_page_content(page_id);
    lopdf::content::Content::decode(&content)
        .expect("content parses")
        .operations
        .into_iter()
        .map(|op| {
            let nums = op
                .operands
                .iter()
                .filter_map(|o| match o {
                    Object::Real(n) => Some(*n),
                    Object::Integer(n) => Some(*n as f32),
                    _ => None,
                })
                .collect();
            (op.operator, nums)
        })
        .collect()
}

#[test]
fn one_pdf_page_per_layout_page_each_a4() {
    let doc = parse(&export(&sample()));
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 3);
    for id in pages.values() {
        let page = doc.get_dictionary(*id).expect("page");
        let mb: Vec<f32> = page
            .get(b"MediaBox")
            .and_then(Object::as_array)
            .expect("MediaBox")
            .iter()
            .map(|o| o.as_float().expect("number"))
            .collect();
        assert_eq!(mb.len(), 4);
        assert!(mb[0].abs() < 0.01 && mb[1].abs() < 0.01, "{mb:?}");
        assert!((mb[2] - 595.28).abs() < 0.01, "{mb:?}");
        assert!((mb[3] - 841.89).abs() < 0.01, "{mb:?}");
    }
}

#[test]
fn all_four_styles_are_embedded_as_named_subsets_with_unicode_maps() {
    let doc = parse(&export(&sample()));
    let fonts = fonts(&doc);
    let mut names: Vec<String> = Vec::new();
    for (res, font) in &fonts {
        assert_eq!(name(font.get(b"Subtype").expect("Subtype")), "Type0");
        let base = name(font.get(b"BaseFont").expect("BaseFont"));
        let (tag, ps) = base.split_once('+').expect("subset tag");
        assert_eq!(tag.len(), 6, "{base}");
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()), "{base}");
        assert_eq!(tag, res, "resource name is the tag");
        assert!(
            [
                "LiberationSerif",
                "LiberationSerif-Bold",
                "LiberationSerif-Italic",
                "LiberationSerif-BoldItalic"
            ]
            .contains(&ps),
            "{base}"
        );
        names.push(ps.to_string());
        assert!(font.get(b"ToUnicode").is_ok(), "{base} has no ToUnicode");
        let desc = font
            .get(b"DescendantFonts")
            .and_then(Object::as_array)
            .expect("DescendantFonts");
        let cid = dict(&doc, &desc[0]);
        assert_eq!(name(cid.get(b"Subtype").expect("Subtype")), "CIDFontType2");
        assert_eq!(name(cid.get(b"BaseFont").expect("BaseFont")), base);
        let fd = dict(&doc, cid.get(b"FontDescriptor").expect("FontDescriptor"));
        assert_eq!(name(fd.get(b"FontName").expect("FontName")), base);
        let Object::Stream(file) = deref(&doc, fd.get(b"FontFile2").expect("FontFile2")) else {
            panic!("FontFile2 is not a stream");
        };
        let program = file.decompressed_content().expect("font program");
        // A subset of a 400 KB face holding a few dozen glyphs.
        assert!(program.len() < 60_000, "{base}: {} bytes", program.len());
        assert!(program.starts_with(&[0, 1, 0, 0]), "{base}: not TrueType");
    }
    names.sort();
    assert_eq!(
        names,
        [
            "LiberationSerif",
            "LiberationSerif-Bold",
            "LiberationSerif-BoldItalic",
            "LiberationSerif-Italic"
        ]
    );
}

#[test]
fn styles_no_page_uses_are_not_embedded() {
    let pages = Pages {
        pages: vec![page(vec![
            text(85.0, 100.0, 14.0, FontStyle::Regular, "Chỉ có chữ thường."),
            // Blanks draw nothing, so they do not pull the bold face in.
            text(85.0, 120.0, 14.0, FontStyle::Bold, "   "),
        ])],
        warnings: Vec::new(),
    };
    let doc = parse(&export(&pages));
    let fonts = fonts(&doc);
    assert_eq!(fonts.len(), 1);
    let base = name(
        fonts
            .values()
            .next()
            .expect("font")
            .get(b"BaseFont")
            .expect("BaseFont"),
    );
    assert!(base.ends_with("+LiberationSerif"), "{base}");
}

#[test]
fn text_reads_back_as_the_same_code_points_in_page_order() {
    let doc = parse(&export(&sample()));
    let texts: Vec<String> = page_text(&doc, 1).into_iter().map(|(s, _)| s).collect();
    assert_eq!(
        texts,
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Nam Thanh Miện, ngày 05 tháng 02 năm 2026",
            "DỰ THẢO",
            JUSTIFIED,
        ]
    );
    let p3: Vec<String> = page_text(&doc, 3).into_iter().map(|(s, _)| s).collect();
    assert_eq!(p3, ["Nơi nhận:", "- Lưu: VT, VP."]);
    // NFC in, NFC out: `ộ` is one code point, not `o` + two combining marks.
    assert!(texts[0].contains('\u{1ED8}'));
}

#[test]
fn word_spacing_becomes_a_kerning_number_after_every_space() {
    let doc = parse(&export(&sample()));
    let (text, nums) = page_text(&doc, 1)
        .into_iter()
        .find(|(s, _)| s == JUSTIFIED)
        .expect("justified line");
    let spaces = text.matches(' ').count();
    assert_eq!(nums.len(), spaces);
    // 2.5 pt at 14 pt = 178.57 thousandths of an em, to the left → negative.
    for n in nums {
        assert!((n + 178.57).abs() < 0.01, "{n}");
    }
    // Lines without word spacing stay a plain string.
    let plain = page_text(&doc, 2);
    assert!(plain.iter().all(|(_, nums)| nums.is_empty()));
}

#[test]
fn text_is_placed_at_its_baseline_from_the_bottom_left() {
    let doc = parse(&export(&sample()));
    let ops = operators(&doc, 2);
    let tms: Vec<&Vec<f32>> = ops
        .iter()
        .filter(|(op, _)| op == "Tm")
        .map(|(_, n)| n)
        .collect();
    assert_eq!(tms.len(), 2);
    assert_eq!(tms[0][..4], [1.0, 0.0, 0.0, 1.0]);
    assert!((tms[0][4] - 290.0).abs() < 0.01);
    assert!((tms[0][5] - (A4_H - 35.0)).abs() < 0.01);
    assert!((tms[1][5] - (A4_H - 100.0)).abs() < 0.01);
}

#[test]
fn lines_and_frames_are_stroked_in_black_at_their_width() {
    let doc = parse(&export(&sample()));
    let ops = operators(&doc, 1);
    let find = |name: &str| {
        ops.iter()
            .position(|(op, _)| op == name)
            .unwrap_or_else(|| panic!("no {name} operator"))
    };
    assert_eq!(ops[find("G")].1, [0.0], "stroke colour is black");
    assert_eq!(ops[find("g")].1, [0.0], "fill colour is black");
    let m = find("m");
    assert_eq!(ops[m].1, [330.0, A4_H - 90.0]);
    assert_eq!(ops[m + 1], ("l".to_string(), vec![500.0, A4_H - 90.0]));
    assert_eq!(ops[m + 2].0, "S");
    let widths: Vec<f32> = ops
        .iter()
        .filter(|(op, _)| op == "w")
        .map(|(_, n)| n[0])
        .collect();
    assert_eq!(widths, [0.5, 0.75]);
    let re = find("re");
    // Lower-left corner: the frame's bottom edge is at 40 + 20 pt from the top.
    assert_eq!(ops[re].1, [80.0, A4_H - 60.0, 70.0, 20.0]);
    assert_eq!(ops[re + 1].0, "S", "the frame is stroked, not filled");
    assert!(!ops.iter().any(|(op, _)| op == "f"), "nothing is filled");
    // The one flagged line (a figure without a value) is set in red and black is set
    // back after it: the only colours of text.
    let fills: Vec<&Vec<f32>> = ops
        .iter()
        .filter(|(op, _)| op == "rg")
        .map(|(_, n)| n)
        .collect();
    assert_eq!(fills, [&vec![0.8, 0.0, 0.0], &vec![0.0, 0.0, 0.0]]);
}

#[test]
fn metadata_records_title_author_subject_keywords_creator_date_and_language() {
    let options = PdfOptions::new(date());
    let doc =
        parse(&write_pdf(&Rendered::of_pages(sample(), meta(), true), &options).expect("export"));
    let info = dict(&doc, doc.trailer.get(b"Info").expect("Info"));
    let field = |k: &str| text_string(info.get(k.as_bytes()).unwrap_or_else(|_| panic!("{k}")));
    assert_eq!(field("Title"), "Báo cáo sơ kết quý I năm 2026");
    assert_eq!(field("Author"), "Ủy ban nhân dân xã Nam Thanh Miện");
    assert_eq!(field("Subject"), "Chuyển đổi số");
    assert_eq!(field("Keywords"), "báo cáo, Nghị quyết 57, dự thảo");
    assert_eq!(field("Creator"), "baocao");
    assert_eq!(field("Producer"), "baocao");
    assert_eq!(field("CreationDate"), "D:20260205093000");
    assert_eq!(field("ModDate"), "D:20260205093000");
    assert!(info.get(b"GTS_PDFXVersion").is_err());
    let catalog = doc.catalog().expect("catalog");
    assert_eq!(text_string(catalog.get(b"Lang").expect("Lang")), "vi");
    assert_eq!(doc.version, "1.7");
    let id = doc
        .trailer
        .get(b"ID")
        .and_then(Object::as_array)
        .expect("ID");
    assert_eq!(id.len(), 2);
    assert_eq!(id[0].as_str().expect("id").len(), 16);
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let a = export(&sample());
    let b = export(&sample());
    assert!(a == b, "two exports of the same pages differ");
    let mut later = PdfOptions::new(date());
    later.creation_date += chrono::Duration::days(1);
    let c =
        write_pdf(&Rendered::of_pages(sample().clone(), meta(), false), &later).expect("export");
    assert_ne!(a, c, "the creation date is part of the file");
    let parse_id = |bytes: &[u8]| parse(bytes).trailer.get(b"ID").expect("ID").clone();
    assert_ne!(
        parse_id(&a),
        parse_id(&c),
        "a different file gets a different ID"
    );
}

#[test]
fn no_pages_is_an_error_not_a_blank_pdf() {
    let err = write_pdf(
        &Rendered::of_pages(Pages::default().clone(), meta(), false),
        &PdfOptions::new(date()),
    )
    .unwrap_err();
    assert_eq!(err, ExportError::NoPages);
    assert!(err.to_string().contains("Không có trang nào"));
}

#[test]
fn impossible_sizes_and_positions_are_errors_naming_the_page() {
    let mut pages = sample();
    pages.pages[1].width.0 = 0.0;
    let err = write_pdf(
        &Rendered::of_pages(pages.clone(), meta(), false),
        &PdfOptions::new(date()),
    )
    .unwrap_err();
    assert!(
        matches!(err, ExportError::PageSize { page: 2, .. }),
        "{err:?}"
    );

    let mut pages = sample();
    pages.pages[2]
        .items
        .push(text(f32::NAN, 10.0, 12.0, FontStyle::Regular, "x"));
    let err = write_pdf(
        &Rendered::of_pages(pages.clone(), meta(), false),
        &PdfOptions::new(date()),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            ExportError::InvalidItem {
                page: 3,
                item: 3,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("Trang 3, mục thứ 3"), "{err}");
}

#[test]
fn text_only_on_a_later_page_and_a_page_of_rules_only_are_written_as_they_are() {
    // printpdf is shown every character on the first page; that page must still come
    // out with only its own rule, and the text where layout put it.
    let rule = Item::Line(LineItem {
        x0: Pt(85.0),
        y0: Pt(100.0),
        x1: Pt(200.0),
        y1: Pt(100.0),
        width: Pt(0.5),
    });
    let pages = Pages {
        pages: vec![
            page(vec![rule]),
            page(vec![text(
                85.0,
                100.0,
                14.0,
                FontStyle::Italic,
                "(Trang 2) \\ cuối",
            )]),
        ],
        warnings: Vec::new(),
    };
    let doc = parse(&export(&pages));
    let first: Vec<String> = operators(&doc, 1).into_iter().map(|(op, _)| op).collect();
    assert_eq!(first, ["g", "G", "w", "m", "l", "S"]);
    let texts: Vec<String> = page_text(&doc, 2).into_iter().map(|(s, _)| s).collect();
    assert_eq!(texts, ["(Trang 2) \\ cuối"]);
}

#[test]
fn characters_outside_the_font_do_not_crash_and_print_as_a_square() {
    let pages = Pages {
        pages: vec![page(vec![
            text(
                85.0,
                100.0,
                14.0,
                FontStyle::Regular,
                "Xã 中文 😀\u{7}\tcuối",
            ),
            text(85.0, 120.0, 14.0, FontStyle::Italic, "中"),
        ])],
        warnings: Vec::new(),
    };
    let doc = parse(&export(&pages));
    let texts: Vec<String> = page_text(&doc, 1).into_iter().map(|(s, _)| s).collect();
    assert_eq!(texts, ["Xã □□ □□□cuối", "□"]);
}

#[test]
fn page_space_maps_to_pdf_space_with_y_flipped() {
    assert_eq!(to_pdf_space(841.89, 85.04, 56.69), (85.04, 785.2));
    assert_eq!(to_pdf_space(841.89, 0.0, 841.89), (0.0, 0.0));
    assert_eq!(to_pdf_space(100.0, 1.234_567, 0.0), (1.23, 100.0));
}

#[test]
fn messages_are_in_vietnamese() {
    let err = ExportError::Font(FontStyle::Bold);
    assert_eq!(
        err.to_string(),
        "Không đọc được phông chữ LiberationSerif-Bold đi kèm chương trình. Hãy cài đặt lại chương trình."
    );
}
