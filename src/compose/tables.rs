//! Tables generated from the plan and the period's records (indicator results, task
//! progress) and the appendices (Phụ lục) that carry them.

use super::fit::{self, Need};
use super::{
    Align, AppendixKind, Block, Ctx, Paragraph, Run, SourceRef, Table, TableColumn, TableRow,
};
use crate::model::{
    Group, IndicatorColumn, IndicatorTableOptions, PageSetup, Period, TableNumbering, TaskState,
    TaskStatus, grouped, indicator_status, target_label, task_status, value_label,
};
use crate::units::Mm;
use crate::vi;

/// Cell text size of generated tables (the decree asks 12–13 pt).
pub const TABLE_PT: f32 = 12.0;

/// Column headers are fitted to hold on two lines at this size, the decree's largest
/// table size, so that a table set at 13 pt keeps its headers on two lines too.
const HEADER_FIT_PT: f32 = 13.0;

fn col(header: &str, weight: f32, align: Align) -> TableColumn {
    TableColumn {
        header: header.to_owned(),
        weight,
        align,
    }
}

fn cell(text: impl Into<String>) -> Vec<Run> {
    vec![Run::plain(text)]
}

/// Rows under group headings (I., II. …); members numbered from 1 in each group, or
/// across the groups when `continuous`.
fn rows_by_group<'a, T>(
    groups: Vec<(Option<&'a Group>, Vec<&'a T>)>,
    continuous: bool,
    mut row: impl FnMut(usize, &T) -> Vec<Vec<Run>>,
) -> Vec<TableRow> {
    let mut rows = Vec::new();
    let mut roman = 0;
    let mut n = 0;
    for (group, members) in groups {
        if let Some(g) = group {
            roman += 1;
            rows.push(TableRow::Group(vec![Run::bold(format!(
                "{}. {}",
                vi::roman(roman),
                g.title.trim()
            ))]));
        }
        if !continuous {
            n = 0;
        }
        for m in members {
            n += 1;
            rows.push(TableRow::Cells(row(n, m)));
        }
    }
    rows
}

/// Header, alignment, widest wanted width (em) and whether it takes the rest of the
/// width, of each column the indicator table may print.
fn indicator_column(c: IndicatorColumn, period: Period) -> (String, Align, f32, bool) {
    match c {
        IndicatorColumn::Tt => ("TT".to_owned(), Align::Center, 3.0, false),
        IndicatorColumn::Name => ("Chỉ tiêu".to_owned(), Align::Left, f32::INFINITY, true),
        IndicatorColumn::Unit => ("Đơn vị tính".to_owned(), Align::Center, 5.0, false),
        IndicatorColumn::Target => ("Mục tiêu năm".to_owned(), Align::Center, 7.0, false),
        IndicatorColumn::Result => (
            format!("Kết quả {}", period.table_label()),
            Align::Center,
            7.0,
            false,
        ),
        IndicatorColumn::Status => ("Đánh giá".to_owned(), Align::Center, 5.5, false),
        IndicatorColumn::Lead => ("Đơn vị chủ trì".to_owned(), Align::Center, 7.0, false),
        IndicatorColumn::Note => ("Ghi chú".to_owned(), Align::Left, 9.0, false),
    }
}

/// Results of the plan's indicators in the report's period, with the columns and the
/// numbering the report's table options choose (see [`IndicatorTableOptions`]), the
/// widths fitted to what the columns hold.
pub(crate) fn indicator_table(ctx: &Ctx, options: &IndicatorTableOptions) -> Table {
    let plan = &ctx.project.plan;
    let org = &ctx.project.organisation;
    let period = ctx.report.period;
    let columns = options.printed_columns();
    let groups = grouped(&plan.indicator_groups, &plan.indicators, |i| {
        i.group.as_str()
    });
    let continuous = options.numbering == TableNumbering::Continuous;
    let rows = rows_by_group(groups, continuous, |n, ind| {
        let figure = ctx.project.figure(period, &ind.id);
        columns
            .iter()
            .map(|c| match c {
                IndicatorColumn::Tt => cell(n.to_string()),
                IndicatorColumn::Name => cell(ind.name.trim()),
                IndicatorColumn::Unit => cell(ind.unit.trim()),
                IndicatorColumn::Target => cell(target_label(ind)),
                IndicatorColumn::Result => cell(value_label(ind, figure.value)),
                IndicatorColumn::Status => {
                    cell(indicator_status(ind, figure.value, period).label())
                }
                IndicatorColumn::Lead => cell(
                    ind.lead
                        .iter()
                        .map(|o| org.office_label(o))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                IndicatorColumn::Note => cell(note(figure.evidence, &ind.note)),
            })
            .collect()
    });
    let specs: Vec<(String, Align, f32, bool)> = columns
        .iter()
        .map(|c| indicator_column(*c, period))
        .collect();
    fitted(ctx, &specs, rows, false)
}

/// A table of `specs` (header, alignment, widest share, takes the rest) over `rows`,
/// each column as wide as what it holds needs (the one marked takes the rest), between
/// the margins of an A4 page upright or `landscape`.
pub(crate) fn fitted<H: AsRef<str>>(
    ctx: &Ctx,
    specs: &[(H, Align, f32, bool)],
    rows: Vec<TableRow>,
    landscape: bool,
) -> Table {
    let needs: Vec<Need> = specs
        .iter()
        .enumerate()
        .map(|(i, (header, _, cap, rest))| {
            let cells: Vec<Vec<Run>> = rows
                .iter()
                .filter_map(|r| match r {
                    TableRow::Cells(cells) => cells.get(i).cloned(),
                    TableRow::Group(_) => None,
                })
                .collect();
            Need::of(
                header.as_ref(),
                &cells,
                *cap,
                *rest,
                HEADER_FIT_PT / TABLE_PT,
            )
        })
        .collect();
    let weights = fit::weights(&needs, text_width_pt(ctx.setup, landscape), TABLE_PT);
    Table {
        columns: specs
            .iter()
            .zip(weights)
            .map(|((header, align, _, _), weight)| TableColumn {
                header: header.as_ref().to_owned(),
                weight,
                align: *align,
            })
            .collect(),
        rows,
        size_pt: TABLE_PT,
        space_after_pt: ctx.setup.paragraph_spacing_pt,
        source: SourceRef::default(),
    }
}

/// The Ghi chú of an indicator: where its figure comes from, else the plan's note.
fn note(evidence: &str, plan_note: &str) -> String {
    let evidence = evidence.trim();
    if evidence.is_empty() {
        plan_note.trim().to_owned()
    } else {
        evidence.to_owned()
    }
}

/// The width between the margins of an A4 page with `setup`, upright or `landscape`,
/// in points.
fn text_width_pt(setup: &PageSetup, landscape: bool) -> f32 {
    let page = if landscape {
        crate::units::A4.height.0
    } else {
        crate::units::A4.width.0
    };
    let w = page - setup.margin_left_mm - setup.margin_right_mm;
    Mm(if w.is_finite() && w > 50.0 { w } else { 165.0 })
        .to_pt()
        .0
}

/// Progress of the plan's tasks in the report's period, overdue ones marked.
pub(crate) fn task_table(ctx: &Ctx) -> Table {
    let plan = &ctx.project.plan;
    let org = &ctx.project.organisation;
    let on = super::facts::judgement_date(ctx.report);
    let groups = grouped(&plan.task_groups, &plan.tasks, |t| t.group.as_str());
    let rows = rows_by_group(groups, false, |n, task| {
        let progress = ctx.project.task_progress(ctx.report.period, &task.id);
        let state = progress.map_or(TaskState::NotStarted, |p| p.state);
        let status: TaskStatus = task_status(task, state, on);
        vec![
            cell(n.to_string()),
            cell(task.name.trim()),
            cell(
                task.lead
                    .iter()
                    .map(|o| org.office_label(o))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            cell(task.deadline_text()),
            cell(status.label()),
            cell(
                progress
                    .map(|p| p.note.trim().to_owned())
                    .unwrap_or_default(),
            ),
        ]
    });
    Table {
        columns: vec![
            col("TT", 0.55, Align::Center),
            col("Nhiệm vụ", 3.6, Align::Left),
            col("Đơn vị chủ trì", 1.5, Align::Center),
            col("Thời hạn", 1.2, Align::Center),
            col("Tiến độ", 1.3, Align::Center),
            col("Ghi chú", 1.85, Align::Left),
        ],
        rows,
        size_pt: TABLE_PT,
        space_after_pt: ctx.setup.paragraph_spacing_pt,
        source: SourceRef::default(),
    }
}

/// An appendix: its name, title, the `(Kèm theo …)` line and its table.
pub(crate) fn appendix(ctx: &Ctx, kind: AppendixKind, name: &str) -> Vec<Block> {
    let report = ctx.report;
    if let Some(rev) = ctx.revision {
        let (title, table) = match kind {
            AppendixKind::Indicators => (
                "DANH MỤC CHỈ TIÊU ĐIỀU CHỈNH, BỔ SUNG",
                super::notice::indicator_table(ctx, rev),
            ),
            AppendixKind::Tasks => (
                "DANH MỤC NHIỆM VỤ ĐIỀU CHỈNH, BỔ SUNG",
                super::notice::task_table(ctx, rev, true),
            ),
        };
        return appendix_blocks(ctx, name, title, table, SourceRef::Appendix(kind));
    }
    let (title, table, source) = match kind {
        AppendixKind::Indicators => (
            format!(
                "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {}",
                report.period.label().to_uppercase()
            ),
            indicator_table(ctx, &report.indicator_table_options()),
            SourceRef::Appendix(AppendixKind::Indicators),
        ),
        AppendixKind::Tasks => (
            format!(
                "TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ {}",
                report.period.label().to_uppercase()
            ),
            task_table(ctx),
            SourceRef::Appendix(AppendixKind::Tasks),
        ),
    };
    appendix_blocks(ctx, name, &title, table, source)
}

/// An appendix: its name (`Phụ lục II`), its title, the line naming the report it goes
/// with, then its table.
pub(crate) fn appendix_blocks(
    ctx: &Ctx,
    name: &str,
    title: &str,
    mut table: Table,
    source: SourceRef,
) -> Vec<Block> {
    let report = ctx.report;
    let org = &ctx.project.organisation;
    table.source = source.clone();
    let number = vi::doc_number(report.number, report.document.code(), &org.doc_code);
    let number = number.trim_start_matches("Số:").trim();
    let issuer = if org.full_name.trim().is_empty() {
        org.issuing_body.join(" ")
    } else {
        org.full_name.trim().to_owned()
    };
    let along = format!(
        "(Kèm theo {} số {number} {} của {issuer})",
        report.document.name(),
        vi::date_long(report.date, report.period.year)
    );
    let centered = |runs: Vec<Run>, size: f32, after: f32| {
        let mut p = Paragraph::centered(runs, size);
        p.space_after_pt = after;
        p.keep_with_next = true;
        p.source = source.clone();
        Block::Paragraph(p)
    };
    vec![
        centered(vec![Run::bold(name)], 14.0, 0.0),
        centered(vec![Run::bold(title.to_owned())], 14.0, 0.0),
        centered(vec![Run::italic(along)], 14.0, 12.0),
        Block::Table(table),
    ]
}

/// The appendix of a table a report carries as it is ([`crate::model::SummaryTable`]),
/// its notes under it.
pub(crate) fn summary_appendix(
    ctx: &Ctx,
    name: &str,
    summary: &crate::model::SummaryTable,
) -> Vec<Block> {
    let columns: Vec<TableColumn> = summary
        .columns
        .iter()
        .map(|c| {
            let align = if c.left { Align::Left } else { Align::Center };
            col(&c.header, c.weight.max(1.0), align)
        })
        .collect();
    let width = columns.len();
    let rows = summary
        .rows
        .iter()
        .map(|r| {
            let mut cells: Vec<Vec<Run>> = r.iter().take(width).map(cell).collect();
            cells.resize_with(width, || cell(""));
            TableRow::Cells(cells)
        })
        .collect();
    let table = Table {
        columns,
        rows,
        size_pt: TABLE_PT,
        space_after_pt: 6.0,
        source: SourceRef::None,
    };
    let mut blocks = appendix_blocks(ctx, name, &summary.title, table, SourceRef::None);
    for note in &summary.notes {
        let mut p = Paragraph::body(vec![Run::italic(note.clone())], ctx.setup);
        p.size_pt = TABLE_PT;
        blocks.push(Block::Paragraph(p));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PeriodKind, Project, Report};

    fn ctx_table(project: &Project, report: &Report, options: &IndicatorTableOptions) -> Table {
        let setup = project.page_setup.clone();
        let ctx = Ctx {
            project,
            report,
            setup: &setup,
            final_version: false,
            org: std::borrow::Cow::Borrowed(&project.organisation),
            revision: None,
        };
        indicator_table(&ctx, options)
    }

    /// The texts of the row of indicator `name_start`.
    fn row_of(t: &Table, name_start: &str) -> Vec<String> {
        t.rows
            .iter()
            .find_map(|r| match r {
                TableRow::Cells(c) if c.iter().any(|x| x[0].text.starts_with(name_start)) => {
                    Some(c.iter().map(|x| x[0].text.clone()).collect())
                }
                _ => None,
            })
            .unwrap_or_default()
    }

    fn headers(t: &Table) -> Vec<&str> {
        t.columns.iter().map(|c| c.header.as_str()).collect()
    }

    const CT11: &str = "Số sáng kiến cấp cơ sở";

    #[test]
    fn by_default_the_table_prints_the_columns_it_always_had_numbered_per_group() {
        let p = crate::test_support::sample();
        let t = ctx_table(&p, &p.reports[0], &IndicatorTableOptions::default());
        assert_eq!(
            headers(&t),
            [
                "TT",
                "Chỉ tiêu",
                "Mục tiêu năm",
                "Kết quả quý II/2026",
                "Đánh giá",
                "Đơn vị chủ trì"
            ]
        );
        assert_eq!(row_of(&t, CT11)[0], "1", "the 11th restarts in group II");
    }

    #[test]
    fn continuous_numbering_prints_the_plan_number_across_groups() {
        let p = crate::test_support::sample();
        let options = IndicatorTableOptions {
            numbering: TableNumbering::Continuous,
            ..IndicatorTableOptions::default()
        };
        let t = ctx_table(&p, &p.reports[0], &options);
        assert_eq!(row_of(&t, CT11)[0], "11");
        assert!(matches!(&t.rows[11], TableRow::Group(r) if r[0].text.starts_with("II.")));
    }

    #[test]
    fn the_chosen_columns_print_with_unit_target_as_written_and_notes() {
        let mut p = crate::test_support::sample();
        if let Some(i) = p.plan.indicators.iter_mut().find(|i| i.id == "CT11") {
            i.target_as_written = "tối thiểu 10 sáng kiến".into();
        }
        let options = IndicatorTableOptions {
            columns: vec![
                IndicatorColumn::Name,
                IndicatorColumn::Unit,
                IndicatorColumn::Target,
                IndicatorColumn::Result,
                IndicatorColumn::Status,
                IndicatorColumn::Note,
            ],
            numbering: TableNumbering::Continuous,
        };
        let t = ctx_table(&p, &p.reports[0], &options);
        assert_eq!(
            headers(&t),
            [
                "Chỉ tiêu",
                "Đơn vị tính",
                "Mục tiêu năm",
                "Kết quả quý II/2026",
                "Đánh giá",
                "Ghi chú"
            ]
        );
        let row = row_of(&t, CT11);
        assert_eq!(
            row[1..],
            [
                "sáng kiến",
                "tối thiểu 10 sáng kiến",
                "4 sáng kiến",
                "Chưa đạt",
                "Quyết định số 63/QĐ-UBND ngày 16/6/2026"
            ]
        );
        // Without evidence, the note is the plan's note on the indicator.
        if let Some(r) = p
            .periods
            .iter_mut()
            .find(|r| r.period == p.reports[0].period)
            && let Some(v) = r.indicators.get_mut("CT11")
        {
            v.evidence.clear();
        }
        let t = ctx_table(&p, &p.reports[0], &options);
        assert_eq!(
            row_of(&t, CT11)[5],
            "Phấn đấu 01 sáng kiến đề nghị công nhận cấp thành phố"
        );
    }

    #[test]
    fn a_thematic_report_prints_the_latest_figures_up_to_its_cut_off() {
        let mut p = crate::test_support::sample();
        let cut = chrono::NaiveDate::from_ymd_opt(2026, 5, 15).unwrap();
        p.reports[0].period = Period::up_to(cut);
        let t = ctx_table(&p, &p.reports[0], &IndicatorTableOptions::default());
        assert_eq!(t.columns[3].header, "Kết quả đến ngày 15/5/2026");
        // Quý II started before 15/5, so its figures are the latest.
        assert_eq!(row_of(&t, CT11)[3], "4 sáng kiến");
        p.reports[0].period = Period::up_to(chrono::NaiveDate::from_ymd_opt(2026, 3, 20).unwrap());
        let t = ctx_table(&p, &p.reports[0], &IndicatorTableOptions::default());
        assert_eq!(row_of(&t, CT11)[3], "0 sáng kiến", "quý I's figure");
        let q3 = Period::new(2026, PeriodKind::Quarter(3));
        p.reports[0].period = q3;
        let t = ctx_table(&p, &p.reports[0], &IndicatorTableOptions::default());
        assert_eq!(
            row_of(&t, CT11)[3],
            "—",
            "a quarter reads only its own record"
        );
    }

    #[test]
    fn the_appendix_prints_like_the_section_table() {
        let mut p = crate::test_support::sample();
        let options = IndicatorTableOptions::default().with_column(IndicatorColumn::Note, true);
        let report = &mut p.reports[0];
        report.appendices.indicators = true;
        if let Some(s) = report.section_mut("chi-tieu") {
            s.indicator_table = options;
        }
        let doc = super::super::compose(&p, &p.reports[0], Default::default());
        let last = doc.parts[1].blocks.last();
        let Some(Block::Table(t)) = last else {
            panic!("the appendix ends with its table")
        };
        assert_eq!(t.columns.last().map(|c| c.header.as_str()), Some("Ghi chú"));
    }
}
