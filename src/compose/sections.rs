//! The numbered section tree: headings with generated numbers (I., 1., 2.1., a)) and the
//! rich text of each section, with generated tables where a section asks.

use super::{AppendixKind, Block, Ctx, Paragraph, Run, SourceRef, tables};
use crate::model::{ChildNumbering, Generated, Section};
use crate::vi;

/// The blocks of a text written in the section format (paragraphs, list items,
/// emphasis, tables); see [`crate::model::rich`].
pub(crate) fn text_paragraphs(ctx: &Ctx, text: &str, source: &SourceRef) -> Vec<Block> {
    super::rich_text::text_blocks(ctx, text, source)
}

/// The optional paragraph between the title and the first section.
pub(super) fn opening(ctx: &Ctx) -> Vec<Block> {
    text_paragraphs(ctx, &ctx.report.opening, &SourceRef::Opening)
}

/// The number printed before a section title, from its position in the tree.
/// `path` holds the 1-based positions from the top level down; `letters` says the
/// parent numbers its children a), b), c).
pub fn section_number(path: &[usize], letters: bool) -> String {
    let style = if letters {
        ChildNumbering::Letters
    } else {
        ChildNumbering::Auto
    };
    number_in_style(path, style)
}

/// The number of the section at `path` when its parent numbers its children in
/// `style` (the top level's style is always [`ChildNumbering::Auto`]).
pub fn number_in_style(path: &[usize], style: ChildNumbering) -> String {
    let Some(&last) = path.last() else {
        return String::new();
    };
    match style {
        ChildNumbering::Letters => format!("{})", vi::point_letter(last.saturating_sub(1))),
        ChildNumbering::Roman => format!("{}.", vi::roman(last as u32)),
        ChildNumbering::Arabic => format!("{last}."),
        ChildNumbering::Dash => "-".to_owned(),
        ChildNumbering::Unnumbered => String::new(),
        ChildNumbering::Auto => match path {
            [top] => format!("{}.", vi::roman(*top as u32)),
            [_, rest @ ..] => {
                let joined: Vec<String> = rest.iter().map(|n| n.to_string()).collect();
                format!("{}.", joined.join("."))
            }
            [] => String::new(),
        },
    }
}

/// The printed number of every section of `report`, by section id.
pub fn section_numbers(
    report: &crate::model::Report,
) -> std::collections::BTreeMap<String, String> {
    fn walk(
        list: &[Section],
        path: &[usize],
        style: ChildNumbering,
        out: &mut std::collections::BTreeMap<String, String>,
    ) {
        for (i, s) in list.iter().enumerate() {
            let mut p = path.to_vec();
            p.push(i + 1);
            out.insert(s.id.clone(), number_in_style(&p, style));
            walk(&s.children, &p, s.numbering, out);
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(&report.sections, &[], ChildNumbering::Auto, &mut out);
    out
}

/// Every section as heading and content blocks, depth first.
pub(super) fn section_blocks(ctx: &Ctx, appendices: &[(AppendixKind, String)]) -> Vec<Block> {
    let mut out = Vec::new();
    for (i, s) in ctx.report.sections.iter().enumerate() {
        push_section(ctx, s, &[i + 1], ChildNumbering::Auto, appendices, &mut out);
    }
    out
}

fn push_section(
    ctx: &Ctx,
    section: &Section,
    path: &[usize],
    style: ChildNumbering,
    appendices: &[(AppendixKind, String)],
    out: &mut Vec<Block>,
) {
    let source = SourceRef::section(&section.id);
    let number = number_in_style(path, style);
    let title = vi::nfc(section.title.trim());
    let title = if path.len() == 1 {
        title.to_uppercase()
    } else {
        title
    };
    // A notice's parts without a title (căn cứ, the decision sentence) print no
    // heading, and so no number.
    let headless = !ctx.report.document.is_report() && title.is_empty();
    let text = if number.is_empty() {
        title
    } else {
        format!("{number} {title}")
    };
    let mut heading = Paragraph::body(vec![Run::bold(text)], ctx.setup);
    heading.keep_with_next = true;
    heading.keep_together = true;
    heading.page_break_before = section.new_page;
    heading.heading_level = Some(u8::try_from(path.len()).unwrap_or(u8::MAX));
    heading.source = source.clone();
    if !headless {
        out.push(Block::Paragraph(heading));
    }

    out.extend(text_paragraphs(ctx, &section.body, &source));
    if let Some(kind) = section.generated {
        let (table, appendix_kind) = match kind {
            Generated::IndicatorTable => (
                tables::indicator_table(ctx, &section.indicator_table),
                AppendixKind::Indicators,
            ),
            Generated::TaskTable => (tables::task_table(ctx), AppendixKind::Tasks),
        };
        let mut table = table;
        table.source = source.clone();
        out.push(Block::Table(table));
        if let Some((_, name)) = appendices.iter().find(|(k, _)| *k == appendix_kind) {
            let mut p = Paragraph::body(
                vec![Run::italic(format!("(Chi tiết tại {name} kèm theo)"))],
                ctx.setup,
            );
            p.source = source.clone();
            out.push(Block::Paragraph(p));
        }
    }
    for (i, child) in section.children.iter().enumerate() {
        let mut child_path = path.to_vec();
        child_path.push(i + 1);
        push_section(ctx, child, &child_path, section.numbering, appendices, out);
    }
}

#[cfg(test)]
mod tests {
    use super::{number_in_style, section_number};
    use crate::model::ChildNumbering;

    #[test]
    fn numbers_follow_the_depth_of_the_section() {
        assert_eq!(section_number(&[2], false), "II.");
        assert_eq!(section_number(&[2, 1], false), "1.");
        assert_eq!(section_number(&[2, 2, 3], false), "2.3.");
        assert_eq!(section_number(&[2, 2, 3, 1], false), "2.3.1.");
    }

    #[test]
    fn lettered_children_use_the_vietnamese_alphabet() {
        assert_eq!(section_number(&[2, 4, 1], true), "a)");
        assert_eq!(section_number(&[2, 4, 5], true), "đ)");
    }

    #[test]
    fn a_section_can_number_its_children_in_any_style() {
        assert_eq!(number_in_style(&[3, 2], ChildNumbering::Roman), "II.");
        assert_eq!(number_in_style(&[3, 2, 4], ChildNumbering::Arabic), "4.");
        assert_eq!(number_in_style(&[3, 2], ChildNumbering::Dash), "-");
        assert_eq!(number_in_style(&[3, 2], ChildNumbering::Unnumbered), "");
        assert_eq!(number_in_style(&[], ChildNumbering::Auto), "");
    }
}
