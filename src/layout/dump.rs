//! layout, for tests and debugging: pages → a readable text, one line per visual line
//! of text (position in mm, style letter and size), then rules and boxes.

use std::fmt::Write;

use super::page::{FontStyle, Item, Pages, TextItem};
use crate::units::Pt;

/// Items closer than this (in pt) count as touching when joining a visual line.
const JOIN_PT: f32 = 0.5;

/// The pages as text: `p1 y=62.3mm x=30.0mm B14 "BÁO CÁO"`, where `y` is the baseline;
/// a line in several styles lists each run after the first (`R14 "Căn cứ " B14 "Luật"`);
/// a flagged run gets a `*` after its size.
pub fn dump(pages: &Pages) -> String {
    let mut out = String::new();
    for (i, page) in pages.pages.iter().enumerate() {
        let p = i + 1;
        let _ = writeln!(
            out,
            "page {p} part={} number={}",
            page.part, page.number_in_part
        );
        let mut prev: Option<&TextItem> = None;
        for item in &page.items {
            match item {
                Item::Text(t) => {
                    let joins = prev.is_some_and(|q| {
                        q.baseline == t.baseline && (q.x + q.width - t.x).0.abs() < JOIN_PT
                    });
                    if !joins {
                        if prev.is_some() {
                            out.push('\n');
                        }
                        let _ = write!(out, "p{p} y={} x={}", mm(t.baseline), mm(t.x));
                    }
                    let _ = write!(
                        out,
                        " {}{}{} {:?}",
                        letter(t.style),
                        t.size.0,
                        if t.flagged { "*" } else { "" },
                        t.text
                    );
                    prev = Some(t);
                }
                Item::Line(l) => {
                    end_line(&mut out, &mut prev);
                    let _ = writeln!(
                        out,
                        "p{p} line ({},{})-({},{}) w={}",
                        mm(l.x0),
                        mm(l.y0),
                        mm(l.x1),
                        mm(l.y1),
                        l.width.0
                    );
                }
                Item::Rect(r) => {
                    end_line(&mut out, &mut prev);
                    let _ = writeln!(
                        out,
                        "p{p} rect x={} y={} w={} h={} stroke={}",
                        mm(r.x),
                        mm(r.y),
                        mm(r.w),
                        mm(r.h),
                        r.stroke.0
                    );
                }
                Item::Image(i) => {
                    end_line(&mut out, &mut prev);
                    let _ = writeln!(
                        out,
                        "p{p} image {:?} x={} y={} w={} h={}",
                        i.kind,
                        mm(i.x),
                        mm(i.y),
                        mm(i.w),
                        mm(i.h)
                    );
                }
            }
        }
        end_line(&mut out, &mut prev);
    }
    for w in &pages.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out
}

fn end_line(out: &mut String, prev: &mut Option<&TextItem>) {
    if prev.take().is_some() {
        out.push('\n');
    }
}

fn mm(pt: Pt) -> String {
    format!("{:.1}mm", pt.to_mm().0)
}

fn letter(style: FontStyle) -> &'static str {
    match style {
        FontStyle::Regular => "R",
        FontStyle::Bold => "B",
        FontStyle::Italic => "I",
        FontStyle::BoldItalic => "BI",
    }
}
