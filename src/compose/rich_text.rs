//! A section's rich text (see [`crate::model::rich`]) → paragraphs, list items with
//! hanging markers, lead lines and tables of the document tree, figures filled in.

use super::{Align, Block, Ctx, Paragraph, Run, SourceRef, Table, TableColumn, TableRow};
use crate::model::rich::{self, CellAlign, Para, Row, Span};
use crate::units::Mm;
use crate::vi;

/// How much deeper the first line of each list level below the first starts.
pub const LIST_STEP_MM: f32 = 5.0;

/// The blocks of `text` (a section body, the opening or the closing).
pub(crate) fn text_blocks(ctx: &Ctx, text: &str, source: &SourceRef) -> Vec<Block> {
    let text = vi::nfc(text);
    let (blocks, _) = rich::parse(&text);
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        match b {
            rich::Block::Para { para, index } => {
                let mut p = paragraph(ctx, &para);
                p.source = source.clone();
                p.index_in_source = Some(index);
                out.push(Block::Paragraph(p));
            }
            rich::Block::Table { table, .. } => {
                let mut t = table_block(ctx, &table);
                t.source = source.clone();
                out.push(Block::Table(t));
            }
        }
    }
    out
}

/// The runs of styled spans with their figures filled in.
fn runs_of(ctx: &Ctx, spans: &[Span]) -> Vec<Run> {
    let mut out = Vec::new();
    for s in spans {
        for mut r in super::placeholders::runs(ctx, &s.text) {
            if r.text.is_empty() {
                continue;
            }
            r.bold |= s.bold;
            r.italic |= s.italic;
            r.underline |= s.underline;
            out.push(r);
        }
    }
    if out.is_empty() {
        out.push(Run::plain(""));
    }
    out
}

fn paragraph(ctx: &Ctx, para: &Para) -> Paragraph {
    let mut runs = runs_of(ctx, &para.spans);
    let marker_style = para
        .spans
        .iter()
        .find(|s| !s.text.trim().is_empty())
        .filter(|_| para.lead)
        .map_or((false, false), |s| (s.bold, s.italic));
    let marker = Run {
        text: para.marker.clone(),
        bold: marker_style.0,
        italic: marker_style.1,
        ..Run::default()
    };
    // Every item prints as the decree's practice (and the communes' own reports) has
    // it: the marker and text at a first-line indent that grows one step per level,
    // the following lines justified from the margin. (A hanging indent would leave
    // pages of list items without a line at the margin.)
    let mut p = if para.level == 0 {
        Paragraph::body(runs, ctx.setup)
    } else {
        let mut with_marker = vec![Run {
            text: format!("{} ", para.marker),
            ..marker
        }];
        with_marker.append(&mut runs);
        let mut p = Paragraph::body(with_marker, ctx.setup);
        let step = Mm(LIST_STEP_MM).to_pt().0;
        p.first_line_indent_pt += f32::from(para.level - 1) * step;
        p.list = Some(super::ListItem {
            level: para.level,
            marker: para.marker.clone(),
        });
        p
    };
    p.keep_with_next = para.lead;
    p
}

/// Column weights: the dashes of the delimiter row when they differ, otherwise the
/// length of the longest cell (within bounds, so a long cell does not crush others).
fn weights(t: &rich::Table) -> Vec<f32> {
    let dashes: Vec<usize> = t.columns.iter().map(|c| c.dashes).collect();
    if dashes.iter().any(|&d| d != dashes[0]) && dashes.iter().all(|&d| d > 0) {
        return dashes.iter().map(|&d| d as f32).collect();
    }
    (0..t.columns.len())
        .map(|i| {
            let header = t.header.get(i).map_or(0, |h| h.chars().count());
            let cells = t
                .rows
                .iter()
                .filter_map(|r| match r {
                    Row::Cells(c) => c.get(i),
                    Row::Group(_) => None,
                })
                .map(|spans| spans.iter().map(|s| s.text.chars().count()).sum::<usize>())
                .max()
                .unwrap_or(0);
            header.max(cells).clamp(4, 40) as f32
        })
        .collect()
}

fn table_block(ctx: &Ctx, t: &rich::Table) -> Table {
    let weights = weights(t);
    let columns = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| TableColumn {
            header: t.header.get(i).cloned().unwrap_or_default(),
            weight: weights.get(i).copied().unwrap_or(1.0),
            align: match c.align {
                CellAlign::Left => Align::Left,
                CellAlign::Center => Align::Center,
                CellAlign::Right => Align::Right,
            },
        })
        .collect();
    let rows = t
        .rows
        .iter()
        .map(|r| match r {
            Row::Cells(cells) => TableRow::Cells(cells.iter().map(|c| runs_of(ctx, c)).collect()),
            Row::Group(spans) => TableRow::Group(runs_of(ctx, spans)),
        })
        .collect();
    Table {
        columns,
        rows,
        size_pt: super::tables::TABLE_PT,
        space_after_pt: ctx.setup.paragraph_spacing_pt,
        source: SourceRef::None,
    }
}

#[cfg(test)]
mod tests;
