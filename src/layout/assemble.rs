//! layout, step 5: page plans → [`Page`]s: units moved to their place, repeated table
//! headers, page numbers inside the top margin, and click regions.

use super::flow::{Flow, Frame, PagePlan, source_of};
use super::lines::sane_size;
use super::page::{Anchor, FontStyle, Heading, Item, Page, Region, TextItem};
use super::slice::{Slice, shift};
use super::text::Ctx;
use crate::compose::{Block, Part, SourceRef};
use crate::units::{Mm, Pt};

/// Baseline of the page number from the top of the page, as Word's default header.
const PAGE_NUMBER_BASELINE_MM: f32 = 12.5;

/// Where one part's pages go and how they are numbered.
pub(crate) struct PartPages<'a> {
    pub part: &'a Part,
    pub index: usize,
    pub frame: Frame,
    pub number_size_pt: f32,
}

/// Builds the pages of one part from its flow and plans; at least one page.
pub(crate) fn assemble(pp: &PartPages, mut flow: Flow, plans: &[PagePlan], ctx: &Ctx) -> Vec<Page> {
    let mut pages = Vec::with_capacity(plans.len().max(1));
    // The block of the unit placed last: a unit from another block starts that block.
    let mut prev_block = None;
    for (n, plan) in plans.iter().enumerate() {
        let mut page = blank(pp, n + 1);
        let mut regions = Regions::new(pp);
        if let Some(h) = plan.header.and_then(|h| flow.headers.get(h)) {
            let block = plan
                .placed
                .first()
                .and_then(|p| flow.units.get(p.unit))
                .and_then(|u| u.block);
            regions.add(block, pp.frame.top, pp.frame.top + h.height);
            put(&mut page, h.clone(), pp.frame.top);
        }
        for placed in &plan.placed {
            let Some(unit) = flow.units.get_mut(placed.unit) else {
                continue;
            };
            let top = pp.frame.top + placed.y;
            regions.add(unit.block, top, top + unit.slice.height);
            if unit.block.is_some() && unit.block != prev_block {
                page.anchors.extend(anchor(pp.part, unit.block, top));
                page.headings.extend(heading(pp, unit.block, top));
            }
            prev_block = unit.block;
            put(&mut page, std::mem::take(&mut unit.slice), top);
        }
        page.regions = regions.finish();
        if page.number_in_part >= 2 {
            page.items.push(page_number(page.number_in_part, pp, ctx));
        }
        pages.push(page);
    }
    if pages.is_empty() {
        pages.push(blank(pp, 1));
    }
    pages
}

fn blank(pp: &PartPages, number_in_part: usize) -> Page {
    let (width, height) = super::page_size(pp.part.landscape);
    Page {
        width,
        height,
        items: Vec::new(),
        regions: Vec::new(),
        anchors: Vec::new(),
        headings: Vec::new(),
        part: pp.index,
        number_in_part,
    }
}

/// The anchor of a numbered paragraph whose first line starts at `top`.
fn anchor(part: &Part, block: Option<usize>, top: Pt) -> Option<Anchor> {
    match block.and_then(|b| part.blocks.get(b))? {
        Block::Paragraph(p) if p.source != SourceRef::None => Some(Anchor {
            source: p.source.clone(),
            paragraph: p.index_in_source?,
            y: top,
        }),
        _ => None,
    }
}

/// The heading that starts at `top`: a section heading, or an appendix's first
/// paragraph (its name), titled with the name and the line after it.
fn heading(pp: &PartPages, block: Option<usize>, top: Pt) -> Option<Heading> {
    let block = block?;
    let text_of = |b: usize| match pp.part.blocks.get(b) {
        Some(Block::Paragraph(p)) => {
            let text: String = p.runs.iter().map(|r| r.text.as_str()).collect();
            Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
        }
        _ => None,
    };
    let (level, title) = match pp.part.blocks.get(block)? {
        Block::Paragraph(p) if p.heading_level.is_some() => {
            (p.heading_level.unwrap_or(1), text_of(block)?)
        }
        Block::Paragraph(_) if pp.index > 0 && block == 0 => {
            let name = text_of(0)?;
            match text_of(1) {
                Some(title) if !title.is_empty() => (1, format!("{name}. {title}")),
                _ => (1, name),
            }
        }
        _ => return None,
    };
    (!title.is_empty()).then_some(Heading {
        level,
        title,
        y: top,
    })
}

fn put(page: &mut Page, slice: Slice, top: Pt) {
    page.items.extend(slice.items.into_iter().map(|mut item| {
        shift(&mut item, Pt(0.0), top);
        item
    }));
}

/// Centred on the text width, entirely inside the top margin.
fn page_number(n: usize, pp: &PartPages, ctx: &Ctx) -> Item {
    let size = sane_size(pp.number_size_pt);
    let text = n.to_string();
    let width_pt = ctx.fonts.text_width_pt(FontStyle::Regular, &text, size);
    let descent = ctx.fonts.descent_pt(FontStyle::Regular, size);
    let baseline_pt = Mm(PAGE_NUMBER_BASELINE_MM)
        .to_pt()
        .0
        .min(pp.frame.top.0 - descent - 1.0);
    Item::Text(TextItem {
        x: pp.frame.x + (pp.frame.width - Pt(width_pt)) / 2.0,
        baseline: Pt(baseline_pt),
        size: Pt(size),
        style: FontStyle::Regular,
        text,
        word_spacing: Pt(0.0),
        width: Pt(width_pt),
        flagged: false,
    })
}

/// Collects one region per run of consecutive units with the same source.
struct Regions<'a> {
    pp: &'a PartPages<'a>,
    cur: Option<(&'a SourceRef, Pt, Pt)>,
    out: Vec<Region>,
}

impl<'a> Regions<'a> {
    fn new(pp: &'a PartPages<'a>) -> Self {
        Self {
            pp,
            cur: None,
            out: Vec::new(),
        }
    }

    fn add(&mut self, block: Option<usize>, top: Pt, bottom: Pt) {
        let Some(source) = block
            .and_then(|b| self.pp.part.blocks.get(b))
            .and_then(source_of)
        else {
            return;
        };
        match &mut self.cur {
            Some((s, _, y1)) if *s == source => *y1 = y1.max(bottom),
            _ => {
                self.flush();
                self.cur = Some((source, top, bottom));
            }
        }
    }

    fn flush(&mut self) {
        if let Some((source, y0, y1)) = self.cur.take() {
            self.out.push(Region {
                x: self.pp.frame.x,
                y: y0,
                w: self.pp.frame.width,
                h: y1 - y0,
                source: source.clone(),
            });
        }
    }

    fn finish(mut self) -> Vec<Region> {
        self.flush();
        self.out
    }
}
