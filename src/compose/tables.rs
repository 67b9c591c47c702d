//! Tables generated from the plan and the period's records (indicator results, task
//! progress) and the appendices (Phụ lục) that carry them.

use super::{
    Align, AppendixKind, Block, Ctx, Paragraph, REPORT_TYPE_CODE, Run, SourceRef, Table,
    TableColumn, TableRow,
};
use crate::model::{
    Group, IndicatorStatus, TaskState, TaskStatus, grouped, indicator_status, target_label,
    task_status, value_label,
};
use crate::vi;

/// Cell text size of generated tables (the decree asks 12–13 pt).
pub const TABLE_PT: f32 = 12.0;

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

fn rows_by_group<'a, T>(
    groups: Vec<(Option<&'a Group>, Vec<&'a T>)>,
    mut row: impl FnMut(usize, &T) -> Vec<Vec<Run>>,
) -> Vec<TableRow> {
    let mut rows = Vec::new();
    let mut roman = 0;
    for (group, members) in groups {
        if let Some(g) = group {
            roman += 1;
            rows.push(TableRow::Group(vec![Run::bold(format!(
                "{}. {}",
                vi::roman(roman),
                g.title.trim()
            ))]));
        }
        for (i, m) in members.into_iter().enumerate() {
            rows.push(TableRow::Cells(row(i + 1, m)));
        }
    }
    rows
}

/// Results of the plan's indicators in the report's period.
pub(crate) fn indicator_table(ctx: &Ctx) -> Table {
    let plan = &ctx.project.plan;
    let org = &ctx.project.organisation;
    let period = ctx.report.period;
    let record = ctx.project.period_record(period);
    let groups = grouped(&plan.indicator_groups, &plan.indicators, |i| {
        i.group.as_str()
    });
    let rows = rows_by_group(groups, |n, ind| {
        let value = record
            .and_then(|r| r.indicators.get(&ind.id))
            .and_then(|v| v.value.as_ref());
        let status: IndicatorStatus = indicator_status(ind, value, period);
        vec![
            cell(n.to_string()),
            cell(ind.name.trim()),
            cell(target_label(ind)),
            cell(value_label(ind, value)),
            cell(status.label()),
            cell(
                ind.lead
                    .iter()
                    .map(|o| org.office_label(o))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ]
    });
    Table {
        columns: vec![
            col("TT", 0.55, Align::Center),
            col("Chỉ tiêu", 4.0, Align::Left),
            col("Mục tiêu năm", 1.35, Align::Center),
            col(
                &format!("Kết quả {}", period.short_label()),
                1.35,
                Align::Center,
            ),
            col("Đánh giá", 1.25, Align::Center),
            col("Đơn vị chủ trì", 1.5, Align::Center),
        ],
        rows,
        size_pt: TABLE_PT,
        space_after_pt: ctx.setup.paragraph_spacing_pt,
        source: SourceRef::default(),
    }
}

/// Progress of the plan's tasks in the report's period, overdue ones marked.
pub(crate) fn task_table(ctx: &Ctx) -> Table {
    let plan = &ctx.project.plan;
    let org = &ctx.project.organisation;
    let record = ctx.project.period_record(ctx.report.period);
    let on = super::facts::judgement_date(ctx.report);
    let groups = grouped(&plan.task_groups, &plan.tasks, |t| t.group.as_str());
    let rows = rows_by_group(groups, |n, task| {
        let progress = record.and_then(|r| r.tasks.get(&task.id));
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
            cell(task.deadline.label()),
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
    let org = &ctx.project.organisation;
    let (title, mut table, source) = match kind {
        AppendixKind::Indicators => (
            format!(
                "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {}",
                report.period.label().to_uppercase()
            ),
            indicator_table(ctx),
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
    table.source = source.clone();
    let number = vi::doc_number(report.number, REPORT_TYPE_CODE, &org.doc_code);
    let number = number.trim_start_matches("Số:").trim();
    let issuer = if org.full_name.trim().is_empty() {
        org.issuing_body.join(" ")
    } else {
        org.full_name.trim().to_owned()
    };
    let along = format!(
        "(Kèm theo Báo cáo số {number} {} của {issuer})",
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
        centered(vec![Run::bold(title)], 14.0, 0.0),
        centered(vec![Run::italic(along)], 14.0, 12.0),
        Block::Table(table),
    ]
}
