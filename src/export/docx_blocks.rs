//! export (DOCX): the blocks of the document tree as Word paragraphs and tables. Word
//! lays them out: this file decides no line or page break, it only says what the tree
//! says (styles, keep-with-next, rules, borders, widths) in Word's terms.

use std::collections::BTreeMap;

use docx_rs::{
    BorderType, BreakType, Comment, HeightRule, LineSpacing, LineSpacingType, NumberingId,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run as WRun, SpecialIndentType,
    Table as WTable, TableAlignmentType, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellMargins, TableLayoutType, TableRow as WRow, TextBorder, VAlignType, WidthType,
};

use super::docx_styles::{Kind, alignment, half_points, indent_level, numbering, spacing, twips};
use crate::compose::{
    Align, Block, Columns, ColumnsAlign, LabelList, Paragraph, Rule, Run, SourceRef, Table,
    TableRow,
};
use crate::layout::{FontStyle, Fonts};
use crate::model::PageSetup;

/// Marks a table row as a repeated header row. docx-rs 0.4.22 cannot write
/// `w:tblHeader`; the row gets this (harmless) 1-twip minimum height instead, which the
/// package step replaces with `<w:tblHeader />` (see `docx_package.rs`).
pub(super) const HEADER_ROW_MARK: f32 = 1.0;
/// Cell padding as the PDF's tables have it (1.5 mm across, 1 mm down), in twips.
const CELL_PAD_X: usize = 85;
const CELL_PAD_Y: usize = 57;
/// Space between a line and the rule under it (2 pt).
const RULE_GAP_TWIPS: u32 = 40;
/// The thin rules and table borders: 0.5 pt, in eighths of a point.
const RULE_EIGHTHS: usize = 4;
/// First paragraph id; docx-rs numbers paragraphs with a per-thread counter, which
/// would make the bytes depend on what the thread did before.
const FIRST_PARA_ID: u32 = 0x1000_0000;

/// What converting blocks needs: the page setup, the fonts to measure rules with, the
/// list numbering made so far and the comments to anchor.
pub(super) struct Ctx<'a> {
    pub setup: &'a PageSetup,
    pub fonts: Option<&'static Fonts>,
    /// Word list id of each marker, in order of first use.
    pub lists: BTreeMap<String, usize>,
    pub numberings: Vec<(docx_rs::AbstractNumbering, docx_rs::Numbering)>,
    next_para: u32,
    /// Comments to open at a top-level block, by block index in the first part, with
    /// the paragraph of the block each goes on.
    pub comments: BTreeMap<usize, Vec<(Comment, Spot)>>,
}

/// Which paragraph of a block's output a comment goes on.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Spot {
    /// The first paragraph (of a table: its first cell's).
    First,
    /// The first paragraph whose text holds this, compared in lower case.
    Text(String),
    /// The first paragraph of the last cell of a table's first row (the signer's).
    LastCell,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(setup: &'a PageSetup) -> Self {
        Self {
            setup,
            fonts: Fonts::bundled(),
            lists: BTreeMap::new(),
            numberings: Vec::new(),
            next_para: FIRST_PARA_ID,
            comments: BTreeMap::new(),
        }
    }

    /// A new paragraph with the next deterministic id.
    pub(super) fn para(&mut self) -> docx_rs::Paragraph {
        let id = format!("{:08X}", self.next_para);
        self.next_para += 1;
        docx_rs::Paragraph::new().id(id)
    }

    fn list_id(&mut self, marker: &str) -> usize {
        if let Some(id) = self.lists.get(marker) {
            return *id;
        }
        // docx-rs writes a default list with id 1 of its own; ours follow it.
        let id = self.lists.len() + 2;
        self.lists.insert(marker.to_owned(), id);
        self.numberings.push(numbering(id, marker, self.setup));
        id
    }

    /// Width of a paragraph's widest line, as the PDF measures it (at most `max_pt`).
    fn line_width_pt(&self, p: &Paragraph, max_pt: f32) -> f32 {
        let Some(fonts) = self.fonts else {
            return max_pt / 2.0;
        };
        let w: f32 = p
            .runs
            .iter()
            .map(|r| {
                fonts.text_width_pt(FontStyle::from_flags(r.bold, r.italic), &r.text, p.size_pt)
            })
            .sum();
        w.min(max_pt)
    }
}

/// Something to add to the document body, in order.
pub(super) enum Out {
    Paragraph(Box<docx_rs::Paragraph>),
    Table(Box<WTable>),
}

/// The Word content of one top-level block; `width_pt` is the text width.
pub(super) fn block(b: &Block, width_pt: f32, ctx: &mut Ctx, out: &mut Vec<Out>) {
    match b {
        Block::Paragraph(p) => {
            for w in paragraph(p, kind_of(p, false), width_pt, ctx) {
                out.push(Out::Paragraph(Box::new(w)));
            }
        }
        Block::LabelList(l) => out.push(Out::Table(Box::new(label_list(l, width_pt, ctx)))),
        Block::Table(t) => {
            out.push(Out::Table(Box::new(table(t, width_pt, ctx))));
            // Word glues a following table to this one; the space after the table is an
            // empty paragraph of that height.
            out.push(Out::Paragraph(Box::new(spacer(t.space_after_pt, ctx))));
        }
        Block::Columns(c) => {
            if c.space_before_pt > 0.0 {
                // Kept with the block, so that what keeps with the block keeps with it
                // through the space (the closing sentence with the signature).
                let space = spacer(c.space_before_pt, ctx).keep_next(true);
                out.push(Out::Paragraph(Box::new(space)));
            }
            out.push(Out::Table(Box::new(columns(c, width_pt, ctx))));
            if c.space_after_pt > 0.0 {
                out.push(Out::Paragraph(Box::new(spacer(c.space_after_pt, ctx))));
            }
        }
        Block::Spacer { height_pt } => out.push(Out::Paragraph(Box::new(spacer(*height_pt, ctx)))),
    }
}

/// The style a paragraph of the tree gets.
fn kind_of(p: &Paragraph, in_recipients: bool) -> Kind {
    if let Some(level) = p.heading_level {
        return Kind::Heading(level);
    }
    if let Some(item) = &p.list {
        return Kind::List(item.level);
    }
    if in_recipients {
        return Kind::Recipients;
    }
    if p.align == Align::Justify {
        Kind::Body
    } else {
        Kind::Form
    }
}

/// An empty paragraph exactly `height_pt` high.
pub(super) fn spacer(height_pt: f32, ctx: &mut Ctx) -> docx_rs::Paragraph {
    let h = twips(height_pt.max(1.0));
    ctx.para().style(&Kind::Form.id()).size(2).line_spacing(
        LineSpacing::new()
            .before(0)
            .after(0)
            .line(h)
            .line_rule(LineSpacingType::Exact),
    )
}

/// A paragraph of the tree as one Word paragraph, or two when a rule is drawn under it
/// (the rule is the top border of a thin paragraph indented to the rule's length, so
/// that it stays under the text wherever Word puts it).
pub(super) fn paragraph(
    p: &Paragraph,
    kind: Kind,
    width_pt: f32,
    ctx: &mut Ctx,
) -> Vec<docx_rs::Paragraph> {
    let profile = kind.profile(ctx.setup);
    let mut w = ctx.para().style(&kind.id());
    if p.align != profile.align {
        w = w.align(alignment(p.align));
    }
    let space_after = if p.rule_below.is_some() {
        0.0
    } else {
        p.space_after_pt
    };
    if p.space_before_pt != 0.0
        || space_after != profile.space_after_pt
        || p.line_spacing != profile.line_spacing
    {
        let s = spacing(space_after, p.line_spacing).before(twips(p.space_before_pt).max(0) as u32);
        w = w.line_spacing(s);
    }
    if p.left_indent_pt != 0.0 || p.first_line_indent_pt != profile.first_line_pt {
        w = w.indent(
            Some(twips(p.left_indent_pt)),
            Some(SpecialIndentType::FirstLine(twips(p.first_line_indent_pt))),
            None,
            None,
        );
    }
    let mut runs: &[Run] = &p.runs;
    if let Some(item) = &p.list {
        let id = ctx.list_id(&item.marker);
        w = w.numbering(NumberingId::new(id), indent_level(item.level));
        // The marker is Word's numbering now; the tree's marker run is left out.
        if runs
            .first()
            .is_some_and(|r| r.text == format!("{} ", item.marker))
        {
            if let Some(first) = runs.first() {
                // The paragraph mark's style is the marker's style (a lead line's bold).
                if first.bold {
                    w = w.bold();
                }
                if first.italic {
                    w = w.italic();
                }
            }
            runs = &runs[1..];
        }
    }
    if p.keep_with_next && !matches!(kind, Kind::Heading(_)) {
        w = w.keep_next(true);
    }
    if p.keep_together && !matches!(kind, Kind::Heading(_)) {
        w = w.keep_lines(true);
    }
    if p.page_break_before {
        w = w.page_break_before(true);
    }
    for r in runs {
        if let Some(run) = run(r, p.size_pt, profile.size_pt, profile.bold, p.frame) {
            w = w.add_run(run);
        }
    }
    let mut out = vec![w];
    if let Some(rule) = p.rule_below {
        let line = ctx.line_width_pt(p, width_pt);
        let len = match rule {
            Rule::LineWidth => line,
            Rule::Fraction(f) => line * f,
        };
        let side = twips(((width_pt - len) / 2.0).max(0.0));
        let mut r = spacer(1.0, ctx);
        r = r.indent(Some(side), None, Some(side), None);
        // Only the top border: docx-rs's default border set also draws the other sides.
        r.property = r.property.set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Top)
                    .val(BorderType::Single)
                    .size(RULE_EIGHTHS)
                    .space(1)
                    .color("000000"),
            ),
        );
        // A little room above, so that the rule clears the descenders of the line.
        r = r.line_spacing(
            LineSpacing::new()
                .before(RULE_GAP_TWIPS)
                .after(twips(p.space_after_pt).max(0) as u32)
                .line(20)
                .line_rule(LineSpacingType::Exact),
        );
        out.push(r);
    }
    out
}

/// A run of the tree; `None` for an empty one. Size, bold, italic and underline are
/// written only where they differ from the paragraph's style.
fn run(r: &Run, size_pt: f32, style_size_pt: f32, style_bold: bool, frame: bool) -> Option<WRun> {
    if r.text.is_empty() {
        return None;
    }
    let mut w = WRun::new();
    for (i, piece) in r.text.split('\n').enumerate() {
        if i > 0 {
            w = w.add_break(BreakType::TextWrapping);
        }
        if !piece.is_empty() {
            w = w.add_text(piece);
        }
    }
    if size_pt != style_size_pt {
        w = w.size(half_points(size_pt));
    }
    if r.bold != style_bold {
        w = if r.bold { w.bold() } else { w.disable_bold() };
    }
    if r.italic {
        w = w.italic();
    }
    if r.underline {
        w = w.underline("single");
    }
    if frame {
        // The DỰ THẢO box: a border around the words themselves.
        w = w.text_border(
            TextBorder::new()
                .border_type(BorderType::Single)
                .size(RULE_EIGHTHS)
                .space(2)
                .color("000000"),
        );
    }
    Some(w)
}

fn widths(weights: &[f32], width_pt: f32) -> Vec<usize> {
    let total: f32 = weights.iter().sum::<f32>().max(f32::EPSILON);
    weights
        .iter()
        .map(|w| twips(width_pt * w / total).max(1) as usize)
        .collect()
}

fn borders(kind: BorderType, size: usize) -> TableBorders {
    let mut b = TableBorders::new();
    for pos in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        b = b.set(
            TableBorder::new(pos)
                .border_type(kind)
                .size(size)
                .color("000000"),
        );
    }
    b
}

fn cell(paragraphs: Vec<docx_rs::Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

fn cell_paragraph(
    runs: &[Run],
    align: Align,
    bold_all: bool,
    size_pt: f32,
    ctx: &mut Ctx,
) -> docx_rs::Paragraph {
    let kind = Kind::TableText;
    let profile = kind.profile(ctx.setup);
    let mut w = ctx.para().style(&kind.id());
    if align != profile.align {
        w = w.align(alignment(align));
    }
    for r in runs {
        let r = Run {
            bold: r.bold || bold_all,
            ..r.clone()
        };
        if let Some(run) = run(&r, size_pt, profile.size_pt, false, false) {
            w = w.add_run(run);
        }
    }
    w
}

/// A table of the tree: the header row repeated on every page, rows kept whole, group
/// rows merged across, thin borders as in the PDF.
pub(super) fn table(t: &Table, width_pt: f32, ctx: &mut Ctx) -> WTable {
    // The widths the PDF prints: no column narrower than its longest word.
    let weights: Vec<f32> = match ctx.fonts {
        Some(fonts) => crate::layout::table_column_widths(t, width_pt, fonts),
        None => t.columns.iter().map(|c| c.weight).collect(),
    };
    let widths = widths(&weights, width_pt);
    let mut rows = Vec::new();
    let header: Vec<TableCell> = t
        .columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| {
            let p = cell_paragraph(
                &[Run::bold(c.header.clone())],
                Align::Center,
                true,
                t.size_pt,
                ctx,
            );
            cell(vec![p], *w)
        })
        .collect();
    if t.columns.iter().any(|c| !c.header.is_empty()) {
        rows.push(
            WRow::new(header)
                .cant_split()
                .row_height(HEADER_ROW_MARK)
                .height_rule(HeightRule::AtLeast),
        );
    }
    for r in &t.rows {
        let cells = match r {
            TableRow::Cells(cells) => t
                .columns
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (c, w))| {
                    let runs = cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
                    cell(
                        vec![cell_paragraph(runs, c.align, false, t.size_pt, ctx)],
                        *w,
                    )
                })
                .collect(),
            TableRow::Group(runs) => {
                // A group heading stays with its first row, as in the PDF.
                let p = cell_paragraph(runs, Align::Left, true, t.size_pt, ctx).keep_next(true);
                vec![cell(vec![p], widths.iter().sum()).grid_span(widths.len().max(1))]
            }
        };
        rows.push(WRow::new(cells).cant_split());
    }
    WTable::new(rows)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
        .margins(TableCellMargins::new().margin(CELL_PAD_Y, CELL_PAD_X, CELL_PAD_Y, CELL_PAD_X))
        .set_borders(borders(BorderType::Single, RULE_EIGHTHS))
}

/// A borderless table, one row per group of paragraphs.
fn borderless(rows: Vec<WRow>, widths: Vec<usize>) -> WTable {
    WTable::without_borders(rows)
        .width(widths.iter().sum(), WidthType::Dxa)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
        .indent(0)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .set_borders(borders(BorderType::None, 0))
}

/// The header block and the signature block: a borderless table. A block whose last
/// lines share a baseline (`Số` and the date) puts them in a second row.
pub(super) fn columns(c: &Columns, width_pt: f32, ctx: &mut Ctx) -> WTable {
    let weights = fitted_fracs(c, width_pt, ctx);
    let widths = widths(&weights, width_pt);
    let signature = c.source == SourceRef::Signature;
    let make = |ps: &[Paragraph], col: usize, ctx: &mut Ctx| -> Vec<docx_rs::Paragraph> {
        let col_pt = width_pt * weights.get(col).copied().unwrap_or(0.5);
        let mut out = Vec::new();
        for p in ps {
            let kind = kind_of(p, signature && col == 0 && p.size_pt < 12.0);
            out.extend(paragraph(p, kind, col_pt, ctx));
        }
        if out.is_empty() {
            out.push(ctx.para());
        }
        out
    };
    let rows = if c.align == ColumnsAlign::LastBaseline {
        let mut top = Vec::new();
        let mut bottom = Vec::new();
        for (i, (col, w)) in c.columns.iter().zip(&widths).enumerate() {
            let split = col.paragraphs.len().saturating_sub(1);
            top.push(cell(make(&col.paragraphs[..split], i, ctx), *w));
            bottom.push(
                cell(make(&col.paragraphs[split..], i, ctx), *w).vertical_align(VAlignType::Bottom),
            );
        }
        vec![WRow::new(top).cant_split(), WRow::new(bottom).cant_split()]
    } else {
        let cells = c
            .columns
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (col, w))| cell(make(&col.paragraphs, i, ctx), *w))
            .collect();
        vec![WRow::new(cells).cant_split()]
    };
    borderless(rows, widths)
}

/// The columns' shares of the text width: as composed, unless a line of one column
/// (the national name, a long place and date) would not fit on one line in Word; that
/// column then takes what it needs from the other, as far as the other's lines allow.
/// (The PDF's layout lets such a line reach into the gap between the columns.)
fn fitted_fracs(c: &Columns, width_pt: f32, ctx: &Ctx) -> Vec<f32> {
    let mut fracs: Vec<f32> = c.columns.iter().map(|c| c.width_frac).collect();
    let needs: Vec<f32> = c
        .columns
        .iter()
        .map(|col| {
            col.paragraphs
                .iter()
                .map(|p| ctx.line_width_pt(p, width_pt) + CELL_SLACK_PT)
                .fold(0.0f32, f32::max)
                / width_pt
        })
        .collect();
    if let ([a, b], [na, nb]) = (fracs.as_mut_slice(), needs.as_slice()) {
        if *b < *nb && na + nb <= 1.0 {
            *b = *nb;
            *a = 1.0 - *b;
        } else if *a < *na && na + nb <= 1.0 {
            *a = *na;
            *b = 1.0 - *a;
        }
    }
    fracs
}

/// Room Word needs beyond a line's measured width to keep it on one line.
const CELL_SLACK_PT: f32 = 4.0;

/// `Kính gửi:` with its items aligned under the first: a borderless table of two
/// columns (the label, the items), centred on the text width as in the PDF.
fn label_list(l: &LabelList, width_pt: f32, ctx: &mut Ctx) -> WTable {
    let label = Paragraph::centered(l.label.clone(), l.size_pt);
    let label_pt = ctx.line_width_pt(&label, width_pt / 3.0) + 6.0;
    let widest = l
        .items
        .iter()
        .map(|runs| ctx.line_width_pt(&Paragraph::centered(runs.clone(), l.size_pt), width_pt))
        .fold(0.0f32, f32::max);
    let items_pt = (widest + 6.0).min(width_pt - label_pt);
    let widths = vec![twips(label_pt) as usize, twips(items_pt) as usize];
    let mut left = Paragraph::centered(l.label.clone(), l.size_pt);
    left.align = Align::Left;
    let lp = paragraph(&left, Kind::Form, label_pt, ctx);
    let mut items = Vec::new();
    for (i, runs) in l.items.iter().enumerate() {
        let mut p = Paragraph::centered(runs.clone(), l.size_pt);
        p.align = Align::Left;
        if i + 1 == l.items.len() {
            p.space_after_pt = l.space_after_pt;
        }
        items.extend(paragraph(&p, Kind::Form, items_pt, ctx));
    }
    let row = WRow::new(vec![cell(lp, widths[0]), cell(items, widths[1])]).cant_split();
    borderless(vec![row], widths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::ListItem;
    use docx_rs::BuildXML;

    fn xml(p: &docx_rs::Paragraph) -> String {
        String::from_utf8(p.build()).unwrap()
    }

    #[test]
    fn a_list_item_is_word_numbering_without_its_typed_marker() {
        let setup = PageSetup::default();
        let mut ctx = Ctx::new(&setup);
        let mut p = Paragraph::body(vec![Run::plain("+ "), Run::plain("Ý cấp hai")], &setup);
        p.list = Some(ListItem {
            level: 2,
            marker: "+".to_owned(),
        });
        let out = paragraph(&p, Kind::List(2), 400.0, &mut ctx);
        let x = xml(&out[0]);
        assert!(x.contains(r#"<w:pStyle w:val="YLietKe2" />"#), "{x}");
        assert!(
            x.contains(r#"<w:numId w:val="2" />"#) && x.contains(r#"<w:ilvl w:val="1" />"#),
            "{x}"
        );
        assert!(!x.contains(">+ <"), "{x}");
        assert_eq!(ctx.numberings.len(), 1);
        // The same marker again is the same Word list.
        paragraph(&p, Kind::List(2), 400.0, &mut ctx);
        assert_eq!(ctx.numberings.len(), 1);
    }

    #[test]
    fn a_rule_under_a_line_is_a_bordered_paragraph_as_long_as_the_rule() {
        let setup = PageSetup::default();
        let mut ctx = Ctx::new(&setup);
        let mut p = Paragraph::centered(vec![Run::bold("ỦY BAN NHÂN DÂN")], 13.0);
        p.rule_below = Some(Rule::Fraction(0.4));
        let out = paragraph(&p, Kind::Form, 200.0, &mut ctx);
        assert_eq!(out.len(), 2);
        let rule = xml(&out[1]);
        assert!(
            rule.contains(r#"<w:pBdr><w:top w:val="single" w:space="1" w:sz="4""#),
            "{rule}"
        );
        assert!(
            !rule.contains("<w:left w:val") && !rule.contains("<w:bottom w:val"),
            "{rule}"
        );
        let line = ctx.line_width_pt(&p, 200.0);
        let side = twips((200.0 - 0.4 * line) / 2.0);
        assert!(rule.contains(&format!(r#"w:left="{side}""#)), "{rule}");
    }

    #[test]
    fn paragraphs_get_deterministic_ids_from_the_context() {
        let setup = PageSetup::default();
        let (mut a, mut b) = (Ctx::new(&setup), Ctx::new(&setup));
        assert_eq!(a.para().id, b.para().id);
        assert_ne!(a.para().id, a.para().id);
    }
}
