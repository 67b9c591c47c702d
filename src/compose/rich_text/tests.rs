//! Rich text on the pages: list levels, emphasis, lead lines, tables, new pages.
// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use crate::layout::{FontStyle, Item, Page, TextItem};
use crate::render::{RenderKind, render};
use crate::test_support::sample;

/// The sample's first report with `body` as the text of its leadership section.
fn pages_with(body: &str) -> Vec<Page> {
    let mut p = sample();
    let r = &mut p.reports[0];
    if let Some(s) = r.section_mut("lanh-dao") {
        s.body = body.to_owned();
    }
    let report = p.reports[0].clone();
    render(&p, &report, RenderKind::Draft)
        .unwrap_or_else(|e| panic!("{e}"))
        .pages
        .pages
}

fn texts(pages: &[Page]) -> Vec<(usize, &TextItem)> {
    pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.items.iter().filter_map(move |it| match it {
                Item::Text(t) => Some((i, t)),
                _ => None,
            })
        })
        .collect()
}

fn find<'a>(pages: &'a [Page], start: &str) -> &'a TextItem {
    texts(pages)
        .into_iter()
        .map(|(_, t)| t)
        .find(|t| t.text.starts_with(start))
        .unwrap_or_else(|| panic!("no text starting {start:?}"))
}

#[test]
fn deeper_list_levels_start_further_right_and_wrap_to_the_margin() {
    let long = "rất dài ".repeat(30);
    let pages = pages_with(&format!(
        "- Cấp một:\n  + Cấp hai {long}\n    • Cấp ba\nĐoạn thường."
    ));
    let dash = find(&pages, "- Cấp một");
    let plus = find(&pages, "+ Cấp hai");
    let bullet = find(&pages, "• Cấp ba");
    let plain = find(&pages, "Đoạn thường");
    assert!(plus.x.0 > dash.x.0 + 10.0, "{} {}", plus.x.0, dash.x.0);
    assert!(bullet.x.0 > plus.x.0 + 10.0);
    assert!(
        (dash.x.0 - plain.x.0).abs() < 0.5,
        "level 1 at the body indent"
    );
    // The wrapped lines of the level-2 item start at the margin, as body text does.
    let continuation = texts(&pages)
        .into_iter()
        .map(|(_, t)| t)
        .find(|t| t.baseline.0 > plus.baseline.0 && t.text.starts_with("rất"))
        .unwrap_or_else(|| panic!("a wrapped line"));
    assert!(continuation.x.0 < plain.x.0 - 20.0);
}

#[test]
fn emphasis_prints_in_its_style_without_markers_and_underline_draws_a_line() {
    let pages = pages_with("Có **chữ đậm**, *chữ nghiêng* và __gạch chân__ ở đây.");
    let all: String = texts(&pages).iter().map(|(_, t)| t.text.as_str()).collect();
    assert!(!all.contains("**") && !all.contains("__"), "{all}");
    assert_eq!(find(&pages, "chữ đậm").style, FontStyle::Bold);
    assert_eq!(find(&pages, "chữ nghiêng").style, FontStyle::Italic);
    let under = find(&pages, "gạch chân");
    let has_line = pages.iter().flat_map(|p| &p.items).any(|it| match it {
        Item::Line(l) => {
            (l.y0.0 - l.y1.0).abs() < 0.01
                && l.y0.0 > under.baseline.0
                && l.y0.0 < under.baseline.0 + 4.0
                && (l.x0.0 - under.x.0).abs() < 0.5
        }
        _ => false,
    });
    assert!(has_line, "an underline under the text");
}

#[test]
fn a_lead_line_prints_bold_italic_with_its_marker_and_keeps_with_the_next() {
    let filler = "Đoạn văn để đẩy dòng dẫn xuống cuối trang. ".repeat(6);
    let mut body = String::new();
    for n in 0..40 {
        body.push_str(&format!("{n} {filler}\n"));
        body.push_str("* ***Đề nghị UBND thành phố:***\n- Ý sau dòng dẫn.\n");
    }
    let pages = pages_with(&body);
    let leads: Vec<(usize, &TextItem)> = texts(&pages)
        .into_iter()
        .filter(|(_, t)| t.text.starts_with("* Đề nghị") || t.text == "* ")
        .collect();
    assert!(!leads.is_empty());
    for (_, t) in &leads {
        assert_eq!(t.style, FontStyle::BoldItalic, "{:?}", t.text);
    }
    // Never the last line of a page.
    for (i, p) in pages.iter().enumerate() {
        let last = p
            .items
            .iter()
            .filter_map(|it| match it {
                Item::Text(t) => Some(t),
                _ => None,
            })
            .max_by(|a, b| a.baseline.0.total_cmp(&b.baseline.0));
        if let Some(t) = last {
            assert!(
                !t.text.contains("Đề nghị UBND"),
                "page {} ends on a lead line",
                i + 1
            );
        }
    }
}

#[test]
fn a_table_typed_in_the_text_prints_with_its_header_on_every_page() {
    let mut body = String::from("| Nội dung | Số lượng |\n|---|--:|\n");
    for n in 0..80 {
        body.push_str(&format!("| Dòng {n} | {n} |\n"));
    }
    let pages = pages_with(&body);
    let headers: Vec<usize> = texts(&pages)
        .into_iter()
        .filter(|(_, t)| t.text == "Nội dung")
        .map(|(i, _)| i)
        .collect();
    assert!(headers.len() >= 2, "{headers:?}");
    let last_row = find(&pages, "Dòng 79");
    assert!(last_row.x.0 > 0.0);
    let all: String = texts(&pages).iter().map(|(_, t)| t.text.as_str()).collect();
    assert!(!all.contains('|'), "bars never print");
}

#[test]
fn a_section_asking_for_a_new_page_starts_one() {
    let mut p = sample();
    if let Some(s) = p.reports[0].section_mut("lanh-dao") {
        s.new_page = true;
    }
    let report = p.reports[0].clone();
    let pages = render(&p, &report, RenderKind::Draft)
        .unwrap_or_else(|e| panic!("{e}"))
        .pages
        .pages;
    let page_of_heading = texts(&pages)
        .into_iter()
        .find(|(_, t)| t.text.contains("Công tác lãnh đạo, chỉ đạo"))
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("heading"));
    let first_on_page = texts(&pages)
        .into_iter()
        .filter(|(i, t)| *i == page_of_heading && t.text.trim().parse::<u32>().is_err())
        .min_by(|a, b| a.1.baseline.0.total_cmp(&b.1.baseline.0))
        .map(|(_, t)| t.text.clone());
    assert!(
        first_on_page.is_some_and(|t| t.contains("Công tác lãnh đạo")),
        "the heading opens its page"
    );
}
