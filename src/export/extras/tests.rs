// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;
use crate::compose::DocRecord;
use crate::export::{PdfOptions, write_pdf};
use crate::layout::{FontStyle, Heading, Item, Page, TextItem};
use crate::render::Rendered;
use crate::units::Pt;

fn date() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("date")
}

fn heading(level: u8, title: &str, y_pt: f32) -> Heading {
    Heading {
        level,
        title: title.into(),
        y: Pt(y_pt),
    }
}

fn page(headings: Vec<Heading>) -> Page {
    Page {
        width: Pt(595.28),
        height: Pt(841.89),
        items: vec![Item::Text(TextItem {
            x: Pt(85.0),
            baseline: Pt(100.0),
            size: Pt(14.0),
            style: FontStyle::Regular,
            text: "Nội dung".into(),
            word_spacing: Pt(0.0),
            width: Pt(60.0),
            flagged: false,
        })],
        headings,
        ..Page::default()
    }
}

fn meta() -> Meta {
    Meta {
        title: "Báo cáo <quý II> & \"kết quả\"".into(),
        author: "UBND xã".into(),
        language: "vi".into(),
        record: DocRecord {
            code_number: "05".into(),
            code_notation: "BC-UBND".into(),
            issued_date: chrono::NaiveDate::from_ymd_opt(2026, 7, 2),
            organ_name: "Ủy ban nhân dân xã An Lãm".into(),
            subject: "Sơ kết".into(),
            signer_position: "CHỦ TỊCH".into(),
            signer_name: "Nguyễn Văn A".into(),
            to: vec!["Sở KH&CN".into()],
        },
        ..Meta::default()
    }
}

fn titles(entries: &[Entry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| {
            if e.children.is_empty() {
                e.title.clone()
            } else {
                format!("{}[{}]", e.title, titles(&e.children).join(","))
            }
        })
        .collect()
}

#[test]
fn headings_nest_under_the_nearest_earlier_heading_of_a_lower_level() {
    let flat = [
        (1, "I"),
        (2, "1"),
        (3, "1.1"),
        (2, "2"),
        (1, "II"),
        (3, "a"),
    ]
    .into_iter()
    .map(|(l, t)| (l, t.to_owned(), Object::Null))
    .collect();
    assert_eq!(titles(&nest(flat)), ["I[1[1.1],2]", "II[a]"]);
    assert!(nest(Vec::new()).is_empty());
}

#[test]
fn the_pdf_outline_points_at_each_heading_and_the_xmp_carries_the_decree_fields() {
    let pages = Pages {
        pages: vec![
            page(vec![
                heading(1, "I. CĂN CỨ", 100.0),
                heading(2, "1. Về", 300.0),
            ]),
            page(vec![heading(1, "Phụ lục. KẾT QUẢ", 80.0)]),
        ],
        warnings: Vec::new(),
    };
    let mut options = PdfOptions::new(date());
    options.attachments.push(Attachment {
        name: "bao-cao.ron".into(),
        description: "Nguồn".into(),
        mime: "text/plain".into(),
        data: b"(format_version: 2)".to_vec(),
    });
    let bytes = write_pdf(&Rendered::of_pages(pages, meta(), false), &options).expect("pdf");
    let doc = Document::load_mem(&bytes).expect("parse");
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let catalog = doc.catalog().expect("catalog");
    let root = catalog
        .get(b"Outlines")
        .and_then(Object::as_reference)
        .expect("outline");
    let first = doc
        .get_dictionary(root)
        .and_then(|d| d.get(b"First"))
        .and_then(Object::as_reference)
        .expect("first");
    let item = doc.get_dictionary(first).expect("item");
    let dest = item.get(b"Dest").and_then(Object::as_array).expect("dest");
    assert_eq!(dest[0].as_reference().ok(), Some(page_ids[0]));
    assert_eq!(dest[3].as_float().ok(), Some(741.89));
    assert_eq!(item.get(b"Count").and_then(Object::as_i64).ok(), Some(-1));

    let xmp = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
        .and_then(|s| s.decompressed_content())
        .expect("xmp");
    let xmp = String::from_utf8(xmp).expect("utf-8");
    for field in [
        "Báo cáo &lt;quý II&gt; &amp; &quot;kết quả&quot;",
        "<nd30:CodeNumber>05</nd30:CodeNumber>",
        "<nd30:IssuedDate>2026-07-02</nd30:IssuedDate>",
        "<nd30:PageAmount>2</nd30:PageAmount>",
        "<rdf:li>Sở KH&amp;CN</rdf:li>",
        "<xmp:CreateDate>2026-07-01T09:00:00</xmp:CreateDate>",
    ] {
        assert!(xmp.contains(field), "{field} in {xmp}");
    }

    let facts = crate::export::read_pdf(&bytes).expect("read");
    assert_eq!(
        facts.attachments,
        vec![("bao-cao.ron".to_owned(), b"(format_version: 2)".to_vec())]
    );
}

#[test]
fn pages_without_headings_get_no_outline_and_text_loses_control_characters() {
    let pages = Pages {
        pages: vec![page(Vec::new())],
        warnings: Vec::new(),
    };
    let bytes = write_pdf(
        &Rendered::of_pages(pages, meta(), true),
        &PdfOptions::new(date()),
    )
    .expect("pdf");
    let doc = Document::load_mem(&bytes).expect("parse");
    assert!(doc.catalog().expect("catalog").get(b"Outlines").is_err());
    assert_eq!(esc("a\u{7}b\tc<"), "ab\tc&lt;");
}
