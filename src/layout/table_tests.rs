//! Tables on pages: group headings stay with their rows, and the indicator table's
//! fitted columns hold their headers and words (laid out with the real fonts).
// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::table::lay_table;
use super::text::Ctx;
use super::*;
use crate::compose::{
    Align, Block, ComposeOptions, Document, Meta, Paragraph, Run, SourceRef, Table, TableColumn,
    TableRow, compose,
};
use crate::model::{IndicatorColumn, IndicatorTableOptions, Period, TableNumbering};

fn fonts() -> &'static Fonts {
    Fonts::bundled().expect("fonts")
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

fn page_of(pages: &Pages, needle: &str) -> usize {
    pages
        .pages
        .iter()
        .position(|p| texts(p).iter().any(|t| t.text.contains(needle)))
        .unwrap_or_else(|| panic!("“{needle}” is on no page"))
}

fn filler(n: usize) -> Vec<Block> {
    let setup = PageSetup::default();
    (0..n)
        .map(|i| {
            Block::Paragraph(Paragraph::body(
                vec![Run::plain(format!("Dòng đệm số {i}."))],
                &setup,
            ))
        })
        .collect()
}

/// Groups of four rows, `Nhóm g` over `Hàng g.r … Hết g.r.` rows of a few lines.
fn grouped_table(groups: usize) -> Block {
    let col = |h: &str, w: f32, align| TableColumn {
        header: h.into(),
        weight: w,
        align,
    };
    let mut rows = Vec::new();
    for g in 0..groups {
        rows.push(TableRow::Group(vec![Run::bold(format!("Nhóm {g}"))]));
        for r in 0..4 {
            let words = "chuyển đổi số ".repeat(3 + (g * 5 + r * 3) % 11);
            rows.push(TableRow::Cells(vec![
                vec![Run::plain(format!("{}", r + 1))],
                vec![Run::plain(format!("Hàng{g}.{r} {words}Hết{g}.{r}."))],
                vec![Run::plain("Đạt")],
            ]));
        }
    }
    Block::Table(Table {
        columns: vec![
            col("TT", 1.0, Align::Center),
            col("Chỉ tiêu", 6.0, Align::Left),
            col("Đánh giá", 2.0, Align::Center),
        ],
        rows,
        size_pt: 12.0,
        space_after_pt: 6.0,
        source: SourceRef::Appendix(crate::compose::AppendixKind::Indicators),
    })
}

fn lay(blocks: Vec<Block>) -> Pages {
    let doc = Document {
        meta: Meta::default(),
        setup: PageSetup::default(),
        draft: false,
        parts: vec![crate::compose::Part {
            blocks,
            landscape: false,
        }],
    };
    layout(&doc, fonts())
}

#[test]
fn a_group_heading_is_never_alone_at_the_foot_of_a_page() {
    let mut moved = 0;
    for n in 0..40 {
        let mut blocks = filler(n);
        blocks.push(grouped_table(8));
        let pages = lay(blocks);
        assert!(pages.pages.len() >= 2, "n={n}");
        for g in 0..8 {
            let heading = page_of(&pages, &format!("Nhóm {g}"));
            let first_row = page_of(&pages, &format!("Hàng{g}.0 "));
            assert_eq!(heading, first_row, "n={n}: group {g} left alone");
            // The heading is kept with its row only by moving it, never by splitting a row.
            for r in 0..4 {
                let a = page_of(&pages, &format!("Hàng{g}.{r} "));
                let b = page_of(&pages, &format!("Hết{g}.{r}."));
                assert_eq!(a, b, "n={n}: row {g}.{r} split");
            }
            let page = &pages.pages[heading];
            let top = texts(page)
                .into_iter()
                .filter(|t| t.text == "Chỉ tiêu")
                .count();
            if heading > 0 && top == 1 {
                moved += 1;
            }
        }
    }
    assert!(
        moved > 0,
        "some heading started a page under the repeated header"
    );
}

#[test]
fn a_group_heading_that_starts_a_page_has_the_header_above_it() {
    for n in 0..40 {
        let mut blocks = filler(n);
        blocks.push(grouped_table(8));
        let pages = lay(blocks);
        for (i, page) in pages.pages.iter().enumerate().skip(1) {
            let all = texts(page);
            let Some(heading) = all.iter().find(|t| t.text.starts_with("Nhóm ")) else {
                continue;
            };
            let header = all
                .iter()
                .find(|t| t.text == "Chỉ tiêu")
                .unwrap_or_else(|| panic!("n={n}: page {} has no header", i + 1));
            assert!(header.baseline.0 < heading.baseline.0, "n={n}");
        }
    }
}

/// The indicator table of the sample's report with `options`, for `period`.
fn sample_table(options: &IndicatorTableOptions, period: Period) -> Table {
    let mut project = crate::test_support::sample();
    let report = &mut project.reports[0];
    report.period = period;
    let id = report
        .all_sections()
        .into_iter()
        .find(|s| {
            s.generated
                .is_some_and(|g| g == crate::model::Generated::IndicatorTable)
        })
        .map(|s| s.id.clone())
        .expect("a section with the indicator table");
    if let Some(s) = report.section_mut(&id) {
        s.indicator_table = options.clone();
    }
    let doc = compose(&project, &project.reports[0], ComposeOptions::default());
    doc.parts[0]
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.source == SourceRef::section(&id) => Some(t.clone()),
            _ => None,
        })
        .expect("the indicator table")
}

/// Baselines of the header text inside column `col` of `t` laid on the text width.
fn header_lines(t: &Table, col: usize) -> usize {
    let (x, width) = (Mm(30.0).to_pt().0, Mm(165.0).to_pt().0);
    let mut ctx = Ctx::new(fonts());
    let laid = lay_table(t, x, width, 700.0, &mut ctx);
    let sum: f32 = t.columns.iter().map(|c| c.weight).sum();
    let x0 = x + width * t.columns[..col].iter().map(|c| c.weight).sum::<f32>() / sum;
    let x1 = x0 + width * t.columns[col].weight / sum;
    let mut baselines: Vec<f32> = laid
        .header
        .expect("header")
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) if t.x.0 >= x0 && t.x.0 + t.width.0 <= x1 => Some(t.baseline.0),
            _ => None,
        })
        .collect();
    baselines.dedup();
    baselines.len()
}

/// True when every word of every cell prints whole on one line.
fn no_word_broken(t: &Table) -> Result<(), String> {
    let (x, width) = (Mm(30.0).to_pt().0, Mm(165.0).to_pt().0);
    let mut ctx = Ctx::new(fonts());
    let laid = lay_table(t, x, width, 700.0, &mut ctx);
    let printed: Vec<String> = laid
        .rows
        .iter()
        .chain(laid.header.iter())
        .flat_map(|r| r.items.iter())
        .filter_map(|i| match i {
            Item::Text(t) => Some(t.text.clone()),
            _ => None,
        })
        .collect();
    let cells = t.rows.iter().flat_map(|r| match r {
        TableRow::Cells(c) => c.clone(),
        TableRow::Group(_) => vec![],
    });
    let headers = t.columns.iter().map(|c| vec![Run::bold(c.header.clone())]);
    for cell in cells.chain(headers) {
        for run in cell {
            for word in run.text.split_whitespace() {
                if !printed.iter().any(|p| p.contains(word)) {
                    return Err(format!("“{word}” is broken"));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn the_result_header_fits_in_two_lines_at_12_and_13_pt_with_any_columns() {
    let all = IndicatorTableOptions {
        columns: IndicatorColumn::ALL.to_vec(),
        numbering: TableNumbering::Continuous,
    };
    let cut = Period::up_to(chrono::NaiveDate::from_ymd_opt(2026, 5, 15).expect("date"));
    let q2 = Period::new(2026, crate::model::PeriodKind::Quarter(2));
    for options in [IndicatorTableOptions::default(), all] {
        for period in [q2, cut] {
            let mut t = sample_table(&options, period);
            let col = t
                .columns
                .iter()
                .position(|c| c.header.starts_with("Kết quả"))
                .expect("result column");
            assert_eq!(
                t.columns[col].header,
                format!("Kết quả {}", period.table_label())
            );
            for size in [12.0, 13.0] {
                t.size_pt = size;
                let n = header_lines(&t, col);
                assert!(
                    (1..=2).contains(&n),
                    "{} on {n} lines at {size} pt, {} columns",
                    t.columns[col].header,
                    t.columns.len()
                );
                // Cells are fitted at the size they print at (12 pt).
                if size == 12.0
                    && let Err(e) = no_word_broken(&t)
                {
                    panic!("{e} at {size} pt with {} columns", t.columns.len());
                }
            }
        }
    }
}

#[test]
fn the_short_columns_are_narrow_and_the_name_is_the_widest() {
    let q2 = Period::new(2026, crate::model::PeriodKind::Quarter(2));
    let t = sample_table(&IndicatorTableOptions::default(), q2);
    let w: Vec<f32> = t.columns.iter().map(|c| c.weight).collect();
    let sum: f32 = w.iter().sum();
    assert!(w[1] / sum >= 0.35, "the name takes {} of {w:?}", w[1] / sum);
    assert!(w[0] / sum < 0.06, "TT takes {} of {w:?}", w[0] / sum);
    // With every column the name still gets a fair share, TT and the unit stay narrow.
    let all = IndicatorTableOptions {
        columns: IndicatorColumn::ALL.to_vec(),
        numbering: TableNumbering::PerGroup,
    };
    let t = sample_table(&all, q2);
    let w: Vec<f32> = t.columns.iter().map(|c| c.weight).collect();
    let sum: f32 = w.iter().sum();
    assert!(w[1] / sum >= 0.15, "the name takes {} of {w:?}", w[1] / sum);
    let narrowest = w.iter().copied().fold(f32::INFINITY, f32::min);
    assert_eq!(w[0], narrowest, "{w:?}");
    assert!(w[2] < w[1] && w[2] < w[4], "the unit is narrow: {w:?}");
}
