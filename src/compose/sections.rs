//! The numbered section tree: headings with generated numbers (I., 1., 2.1., a)) and the
//! text typed one paragraph per line, with generated tables where a section asks.

use super::{AppendixKind, Block, Ctx, Paragraph, Run, SourceRef, tables};
use crate::model::{ChildNumbering, Generated, Section};
use crate::vi;

/// The paragraphs of a text typed one paragraph per line; blank lines only separate.
/// List lines (`- `, `+ `) are printed as typed.
pub(crate) fn text_paragraphs(ctx: &Ctx, text: &str, source: &SourceRef) -> Vec<Block> {
    text.lines()
        .map(|l| vi::nfc(l.trim()))
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(i, l)| {
            let mut p = Paragraph::body(super::placeholders::runs(ctx, &l), ctx.setup);
            p.source = source.clone();
            p.index_in_source = Some(i);
            Block::Paragraph(p)
        })
        .collect()
}

/// The optional paragraph between the title and the first section.
pub(super) fn opening(ctx: &Ctx) -> Vec<Block> {
    text_paragraphs(ctx, &ctx.report.opening, &SourceRef::Opening)
}

/// The number printed before a section title, from its position in the tree.
/// `path` holds the 1-based positions from the top level down; `letters` says the
/// parent numbers its children a), b), c).
pub fn section_number(path: &[usize], letters: bool) -> String {
    match path {
        [] => String::new(),
        [.., last] if letters => format!("{})", vi::point_letter(last.saturating_sub(1))),
        [top] => format!("{}.", vi::roman(*top as u32)),
        [_, rest @ ..] => {
            let joined: Vec<String> = rest.iter().map(|n| n.to_string()).collect();
            format!("{}.", joined.join("."))
        }
    }
}

/// The printed number of every section of `report`, by section id.
pub fn section_numbers(
    report: &crate::model::Report,
) -> std::collections::BTreeMap<String, String> {
    fn walk(
        list: &[Section],
        path: &[usize],
        letters: bool,
        out: &mut std::collections::BTreeMap<String, String>,
    ) {
        for (i, s) in list.iter().enumerate() {
            let mut p = path.to_vec();
            p.push(i + 1);
            out.insert(s.id.clone(), section_number(&p, letters));
            walk(&s.children, &p, s.numbering == ChildNumbering::Letters, out);
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(&report.sections, &[], false, &mut out);
    out
}

/// Every section as heading and content blocks, depth first.
pub(super) fn section_blocks(ctx: &Ctx, appendices: &[(AppendixKind, String)]) -> Vec<Block> {
    let mut out = Vec::new();
    for (i, s) in ctx.report.sections.iter().enumerate() {
        push_section(ctx, s, &[i + 1], false, appendices, &mut out);
    }
    out
}

fn push_section(
    ctx: &Ctx,
    section: &Section,
    path: &[usize],
    letters: bool,
    appendices: &[(AppendixKind, String)],
    out: &mut Vec<Block>,
) {
    let source = SourceRef::section(&section.id);
    let number = section_number(path, letters);
    let title = vi::nfc(section.title.trim());
    let title = if path.len() == 1 {
        title.to_uppercase()
    } else {
        title
    };
    let mut heading = Paragraph::body(vec![Run::bold(format!("{number} {title}"))], ctx.setup);
    heading.keep_with_next = true;
    heading.keep_together = true;
    heading.source = source.clone();
    out.push(Block::Paragraph(heading));

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
    let child_letters = section.numbering == ChildNumbering::Letters;
    for (i, child) in section.children.iter().enumerate() {
        let mut child_path = path.to_vec();
        child_path.push(i + 1);
        push_section(ctx, child, &child_path, child_letters, appendices, out);
    }
}

#[cfg(test)]
mod tests {
    use super::section_number;

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
}
