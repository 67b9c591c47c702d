//! compose: report + project → document tree, following Decree 30/2020.
//!
//! Second stage of the pipeline (model → **compose** → layout → PDF / preview).
//! Numbering, the header block, generated tables and the signature block are made
//! here, once; layout only places what this module decides to print.

pub mod doc;
pub mod facts;
mod fit;
mod header;
pub mod notice;
pub mod placeholders;
mod review;
mod rich_text;
mod sections;
mod signature;
pub mod suggest;
mod tables;

/// Shared with the window's period panels, so that screen and print word targets,
/// values and groups alike.
use crate::model::{Project, Report};
pub use doc::*;
pub use review::{
    Annotation, AnnotationReply, COMMENTS_HEADING, DraftPages, NO_OPEN_COMMENTS, annotations,
    comment_source, review_comments_part,
};
pub use rich_text::LIST_STEP_MM;
pub use sections::{number_in_style, section_number, section_numbers};
pub use tables::TABLE_PT;

/// What the caller decides about a composition.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ComposeOptions {
    /// The signed version: no `DỰ THẢO` marking. Whether the report may be printed
    /// so is decided by the caller (review workflow).
    pub final_version: bool,
}

/// Builds the document tree of `report`, with the plan's figures from `project`.
pub fn compose(project: &Project, report: &Report, options: ComposeOptions) -> Document {
    let revision = notice_revision(project, report);
    // Judged against the plan as it stood for the report's period.
    let view = project.as_of_report(report);
    let project: &Project = &view;
    let setup = project.page_setup.clone();
    let ctx = Ctx {
        project,
        report,
        setup: &setup,
        final_version: options.final_version,
        org: report.printed_organisation(&project.organisation),
        revision,
    };
    let draft = !options.final_version;
    let appendix_names = appendix_names(report);

    let mut body = Vec::new();
    body.push(header::header_block(&ctx, draft));
    body.extend(header::title_blocks(&ctx));
    body.extend(sections::opening(&ctx));
    body.extend(sections::section_blocks(&ctx, &appendix_names));
    // Without a closing sentence (a notice), the last paragraph keeps the signature
    // company: a signature is never alone on its page.
    if report.closing.trim().is_empty()
        && let Some(Block::Paragraph(last)) = body.last_mut()
    {
        last.keep_with_next = true;
    }
    body.extend(signature::closing_and_signature(&ctx));

    let mut parts = vec![Part {
        blocks: body,
        landscape: false,
    }];
    for (kind, name) in &appendix_names {
        parts.push(Part {
            blocks: tables::appendix(&ctx, *kind, name),
            // The notice's task table has seven columns: the decree lets it lie sideways.
            landscape: ctx.revision.is_some() && *kind == AppendixKind::Tasks,
        });
    }
    // Tables the report carries as they are (the city's summary) follow, sideways.
    let numbered_all = appendix_names.len() + report.summary_tables.len() > 1;
    for (i, t) in report.summary_tables.iter().enumerate() {
        let name = if numbered_all {
            format!(
                "Phụ lục {}",
                crate::vi::roman((appendix_names.len() + i) as u32 + 1)
            )
        } else {
            "Phụ lục".to_owned()
        };
        parts.push(Part {
            blocks: tables::summary_appendix(&ctx, &name, t),
            landscape: true,
        });
    }

    let org = ctx.org.as_ref();
    let word = report.document.name();
    let title = if report.summary.trim().is_empty() {
        format!("{word} {}", report.period.label())
    } else {
        format!("{word} {}", report.summary.trim())
    };
    Document {
        meta: Meta {
            title,
            author: org.full_name.clone(),
            subject: report.summary.clone(),
            keywords: format!(
                "Nghị quyết 57-NQ/TW; {}; {}",
                word.to_lowercase(),
                report.period.short_label()
            ),
            language: "vi".to_owned(),
            record: doc_record(org, report),
        },
        setup,
        draft,
        parts,
    }
}

/// The Appendix VI fields of `report`.
fn doc_record(org: &crate::model::Organisation, report: &Report) -> DocRecord {
    let number = crate::vi::doc_number(report.number, report.document.code(), &org.doc_code);
    let notation = number.rsplit('/').next().unwrap_or_default().to_owned();
    let signer = org.signer(&report.signer);
    let organ_name = if org.full_name.trim().is_empty() {
        org.issuing_body.join(" ")
    } else {
        org.full_name.trim().to_owned()
    };
    let to = report
        .recipients
        .iter()
        .chain(&report.distribution)
        .map(|r| header::strip_end(r).trim().to_owned())
        .filter(|r| !r.is_empty())
        .collect();
    DocRecord {
        code_number: report.number.map(|n| format!("{n:02}")).unwrap_or_default(),
        code_notation: notation,
        issued_date: report.date,
        organ_name,
        subject: report.summary.trim().to_owned(),
        signer_position: signer
            .map(|s| s.position.trim().to_owned())
            .unwrap_or_default(),
        signer_name: signer
            .map(|s| s.full_name.trim().to_owned())
            .unwrap_or_default(),
        to,
    }
}

/// What every composing function reads.
pub(crate) struct Ctx<'a> {
    pub project: &'a Project,
    pub report: &'a Report,
    pub setup: &'a crate::model::PageSetup,
    /// The version without DỰ THẢO.
    pub final_version: bool,
    /// The organisation as the report prints it (the document's own words where the
    /// report keeps them).
    pub org: std::borrow::Cow<'a, crate::model::Organisation>,
    /// The plan revision a Thông báo lists; `None` for a report.
    pub revision: Option<&'a crate::model::PlanRevision>,
}

/// The revision a notice was made from (none for a report, or when it is gone).
fn notice_revision<'a>(
    project: &'a Project,
    report: &Report,
) -> Option<&'a crate::model::PlanRevision> {
    match report.document {
        crate::model::DocumentType::ThongBao { revision } => project.plan.revisions.get(revision),
        crate::model::DocumentType::BaoCao => None,
    }
}

/// The appendices that follow the report, with their printed names: `Phụ lục` alone,
/// or `Phụ lục I`, `Phụ lục II` when there are two or more.
pub(crate) fn appendix_names(report: &Report) -> Vec<(AppendixKind, String)> {
    let mut kinds = Vec::new();
    if report.appendices.indicators {
        kinds.push(AppendixKind::Indicators);
    }
    if report.appendices.tasks {
        kinds.push(AppendixKind::Tasks);
    }
    let many = kinds.len() > 1;
    let notice = !report.document.is_report();
    kinds
        .into_iter()
        .enumerate()
        .map(|(i, k)| {
            let name = if notice {
                // A notice numbers its appendices as its practice has it: số 01, số 02.
                format!("Phụ lục số {:02}", i + 1)
            } else if many {
                format!("Phụ lục {}", crate::vi::roman(i as u32 + 1))
            } else {
                "Phụ lục".to_owned()
            };
            (k, name)
        })
        .collect()
}

/// The decree's two-column block: about 40 % of the text width on the left (agency,
/// `Nơi nhận`), 60 % on the right (national name, signature).
pub(crate) fn two_columns(
    left: Vec<Paragraph>,
    right: Vec<Paragraph>,
    align: ColumnsAlign,
    space_before_pt: f32,
    space_after_pt: f32,
    source: SourceRef,
) -> Block {
    Block::Columns(Columns {
        columns: vec![
            Column {
                width_frac: 0.4,
                paragraphs: left,
            },
            Column {
                width_frac: 0.6,
                paragraphs: right,
            },
        ],
        align,
        space_before_pt,
        space_after_pt,
        source,
    })
}

/// The generated appendices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AppendixKind {
    Indicators,
    Tasks,
}

#[cfg(test)]
mod tests;
