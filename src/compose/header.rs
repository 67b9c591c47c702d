//! The first-page header (agency, number, national name, motto, place and date), the
//! title and summary, and `Kính gửi` — boxes 1 to 5 of Decree 30/2020, Appendix I.

use super::{Align, Block, ColumnsAlign, Ctx, LabelList, Paragraph, Rule, Run, SourceRef};
use crate::vi;

/// `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`.
pub const NATIONAL_NAME: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// `Độc lập - Tự do - Hạnh phúc`.
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
/// The draft marking.
pub const DRAFT_MARK: &str = "DỰ THẢO";

const PARENT_PT: f32 = 12.0;
const AGENCY_PT: f32 = 13.0;
const NUMBER_PT: f32 = 13.0;
/// 12 pt keeps a clear gap between the national name and a long parent body on the
/// same line, so that readers see two columns.
const NATIONAL_PT: f32 = 12.0;
const MOTTO_PT: f32 = 14.0;
const DATE_PT: f32 = 14.0;
const TITLE_PT: f32 = 14.0;

fn line(runs: Vec<Run>, size_pt: f32, source: SourceRef) -> Paragraph {
    let mut p = Paragraph::centered(runs, size_pt);
    p.source = source;
    p
}

/// The two-column header: agency and number on the left (about 40 %), national name,
/// motto and date on the right (about 60 %); `Số` and the date share a baseline.
pub(super) fn header_block(ctx: &Ctx, draft: bool) -> Block {
    let org = ctx.org.as_ref();
    let report = ctx.report;
    let mut left = Vec::new();
    if draft {
        let mut mark = line(vec![Run::bold(DRAFT_MARK)], AGENCY_PT, SourceRef::Header);
        mark.frame = true;
        mark.space_after_pt = 6.0;
        left.push(mark);
    }
    if !org.parent_body.trim().is_empty() {
        left.push(line(
            vec![Run::plain(org.parent_body.trim().to_uppercase())],
            PARENT_PT,
            SourceRef::Header,
        ));
    }
    let agency: Vec<&String> = org
        .issuing_body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let agency_count = agency.len();
    for (i, l) in agency.into_iter().enumerate() {
        let mut p = line(
            vec![Run::bold(l.trim().to_uppercase())],
            AGENCY_PT,
            SourceRef::Header,
        );
        if i + 1 == agency_count {
            p.rule_below = Some(Rule::Fraction(0.4));
            p.space_after_pt = 8.0;
        }
        left.push(p);
    }
    left.push(line(
        vec![Run::plain(vi::doc_number(
            report.number,
            report.document.code(),
            &org.doc_code,
        ))],
        NUMBER_PT,
        SourceRef::Info,
    ));

    let mut motto = line(vec![Run::bold(MOTTO)], MOTTO_PT, SourceRef::Header);
    motto.rule_below = Some(Rule::LineWidth);
    motto.space_after_pt = 8.0;
    let right = vec![
        line(
            vec![Run::bold(NATIONAL_NAME)],
            NATIONAL_PT,
            SourceRef::Header,
        ),
        motto,
        line(
            vec![Run::italic(vi::date_line(
                org.place.trim(),
                report.date,
                report.period.year,
            ))],
            DATE_PT,
            SourceRef::Info,
        ),
    ];
    super::two_columns(
        left,
        right,
        ColumnsAlign::LastBaseline,
        0.0,
        18.0,
        SourceRef::Header,
    )
}

/// `BÁO CÁO` (or the document's own title word), the summary with its short rule, and `Kính gửi` when there are recipients.
pub(super) fn title_blocks(ctx: &Ctx) -> Vec<Block> {
    let report = ctx.report;
    let mut out = Vec::new();
    let mut kind = line(
        vec![Run::bold(report.document.title_word())],
        TITLE_PT,
        SourceRef::Info,
    );
    kind.keep_with_next = true;
    out.push(Block::Paragraph(kind));
    let summary = if report.summary.trim().is_empty() && !report.document.is_report() {
        "Về việc điều chỉnh, bổ sung các chỉ tiêu, nhiệm vụ".to_owned()
    } else if report.summary.trim().is_empty() {
        format!("Sơ kết {}", report.period.label())
    } else {
        report.summary.trim().to_owned()
    };
    let runs = super::placeholders::runs(ctx, &summary)
        .into_iter()
        .map(|r| Run { bold: true, ..r })
        .collect();
    let mut s = line(runs, TITLE_PT, SourceRef::Info);
    s.rule_below = Some(Rule::Fraction(0.35));
    s.space_after_pt = 14.0;
    s.keep_with_next = true;
    out.push(Block::Paragraph(s));

    let recipients: Vec<&String> = report
        .recipients
        .iter()
        .filter(|r| !r.trim().is_empty())
        .collect();
    match recipients.as_slice() {
        [] => {}
        [one] => {
            let mut p = line(
                vec![Run::plain(format!("Kính gửi: {}.", strip_end(one)))],
                ctx.setup.body_size_pt,
                SourceRef::Info,
            );
            p.align = Align::Center;
            p.space_after_pt = 12.0;
            out.push(Block::Paragraph(p));
        }
        many => {
            let last = many.len() - 1;
            out.push(Block::LabelList(LabelList {
                label: vec![Run::plain("Kính gửi:")],
                items: many
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let end = if i == last { "." } else { ";" };
                        vec![Run::plain(format!("- {}{end}", strip_end(r)))]
                    })
                    .collect(),
                size_pt: ctx.setup.body_size_pt,
                space_after_pt: 12.0,
                source: SourceRef::Info,
            }));
        }
    }
    out
}

/// A recipient without the punctuation the clerk may have typed at its end.
pub(super) fn strip_end(s: &str) -> &str {
    s.trim()
        .trim_start_matches("- ")
        .trim_end_matches([';', '.', ','])
        .trim()
}
