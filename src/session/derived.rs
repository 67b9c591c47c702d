//! session: what the window shows that is computed from one revision of the project:
//! the rendered report, section numbers, the project's problems, the state of every
//! step, suggested sentences (and every step's chips), the figures quoted in each section, the changes since
//! the reviewer last read, whether the approval holds and the comment markers.
//!
//! Computed once when the revision (or the report) changes, never while drawing: the
//! panels only read it.

use std::collections::BTreeMap;

use crate::check::{Problem, Severity};
use crate::compose::SourceRef;
use crate::compose::placeholders::{Piece, resolve, split};
use crate::guide::Step;
use crate::model::{Project, Report};
use crate::render::{RenderError, RenderKind, Rendered, render, render_checked};
use crate::review::SectionChange;

use super::steps::{StepState, open_comments_of_step, step_state};

/// A step of the report with how far it has come.
#[derive(Clone, Debug, PartialEq)]
pub struct StepSummary {
    pub step: Step,
    pub state: StepState,
    /// Why, in Vietnamese (the mark's tooltip).
    pub reason: String,
    /// Open review comments on the step's sections.
    pub open_comments: usize,
    /// Its suggested sentences as their chips show them (writing steps only).
    pub chips: Vec<super::phrases::Chip>,
}

/// A figure quoted in a section's text (`{{CT03.kết quả}}`) and its value, or why it
/// cannot be found.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// As written, braces included.
    pub raw: String,
    pub value: Result<String, crate::compose::placeholders::FieldError>,
}

/// Everything derived from one revision of the project for one report.
#[derive(Debug)]
pub struct Derived {
    /// The document revision this was computed from.
    pub revision: u64,
    /// The report it describes.
    pub report_id: String,
    /// The report as it prints now: what the preview paints, Export writes and Print
    /// sends. An error when it cannot be rendered (page setup against the decree).
    pub rendered: Result<Rendered, RenderError>,
    /// The errors and warnings of [`Self::problems`] as lines (the status bar's).
    pub warnings: Vec<String>,
    /// [`Self::warnings`] one to a line: the status bar's hover text.
    pub warnings_text: String,
    /// Proofing of texts, kept for the next revision.
    proof_cache: crate::check::ProofCache,
    /// The review copy, rendered the first time it is asked for at this revision.
    review_copy: Option<Result<Rendered, RenderError>>,
    /// Printed section numbers by section id.
    pub numbers: BTreeMap<String, String>,
    /// The one list of problems of this report: the project's and the report's
    /// ([`crate::check::check_report`], what `baocao check` prints for it) and what only
    /// printing finds. Step marks, Xem lại và xuất and the status bar all read it.
    pub problems: Vec<Problem>,
    /// Every step, in the order of [`Step::ALL`].
    pub steps: Vec<StepSummary>,
    /// The figures quoted in each section's text, by section id.
    pub figures: BTreeMap<String, Vec<Figure>>,
    /// Every section against the review baseline (empty before the first review).
    pub changes: Vec<SectionChange>,
    /// How the approval stands against the content.
    pub approval: crate::review::Approval,
    /// Open comments per part of the report, for the preview's margin tabs.
    pub markers: BTreeMap<SourceRef, usize>,
}

/// What changed since `base`, as a reader sees it: figures as their values (read
/// with today's data on both sides, so an unchanged field shows no change) and the
/// words without markup.
fn readable_changes(
    project: &Project,
    report: &Report,
    base: &crate::model::Snapshot,
) -> Vec<crate::review::SectionChange> {
    let readable = |text: &str| {
        let valued = crate::compose::placeholders::with_values(project, report, text);
        crate::model::rich::plain_text(&valued)
            .trim_end()
            .to_owned()
    };
    let mut now = report.clone();
    fn walk(list: &mut [crate::model::Section], f: &dyn Fn(&str) -> String) {
        for s in list {
            s.body = f(&s.body);
            walk(&mut s.children, f);
        }
    }
    walk(&mut now.sections, &readable);
    let mut then = base.clone();
    for s in &mut then.sections {
        s.body = readable(&s.body);
    }
    crate::review::changes(&now, &then)
}

impl Derived {
    /// Computes everything for `report` at `revision`.
    pub fn compute(project: &Project, report: &Report, revision: u64) -> Self {
        Self::compute_after(project, report, revision, None)
    }

    /// Like [`Derived::compute`], reusing what `previous` (the last revision's) found in
    /// texts that have not changed since.
    pub fn compute_after(
        project: &Project,
        report: &Report,
        revision: u64,
        previous: Option<Derived>,
    ) -> Self {
        let mut proof_cache = previous.map(|d| d.proof_cache).unwrap_or_default();
        let mut derived = Self::compute_cached(project, report, revision, &mut proof_cache);
        derived.proof_cache = proof_cache;
        derived
    }

    /// Like [`Derived::compute`], with proofing kept in `proof_cache` (which the result
    /// does not carry): for a caller that keeps it itself, as the thread that derives
    /// off the window's frame does ([`super::Background`]).
    pub fn compute_cached(
        project: &Project,
        report: &Report,
        revision: u64,
        proof_cache: &mut crate::check::ProofCache,
    ) -> Self {
        let mut problems = crate::check::check_report_cached(project, report, proof_cache);
        let rendered = render_checked(project, report, RenderKind::AsItStands, &problems);
        // What only printing finds (a character the font lacks, a final version held
        // back) joins the one list; figures and project errors are in it already.
        match &rendered {
            Ok(r) => problems.extend(r.warnings.iter().filter_map(|w| w.problem(report))),
            Err(e) => problems.push(Problem::printing(Severity::Error, e.to_string())),
        }
        problems.sort_by_key(|p| std::cmp::Reverse(p.severity));
        let warnings = problems
            .iter()
            .filter(|p| p.severity >= Severity::Warning)
            .map(ToString::to_string)
            .collect::<Vec<_>>();
        let warnings_text = warnings.join("\n");
        let strengths = crate::compose::suggest::strengths(project, report);
        let shortcomings = crate::compose::suggest::shortcomings(project, report);
        let steps = Step::ALL
            .iter()
            .map(|&step| {
                let (state, reason) = step_state(step, project, report, &problems);
                let built: &[String] = match step {
                    Step::UuDiem => &strengths,
                    Step::HanChe => &shortcomings,
                    _ => &[],
                };
                StepSummary {
                    step,
                    state,
                    reason,
                    open_comments: open_comments_of_step(report, step),
                    chips: super::phrases::chips(project, report, step, built),
                }
            })
            .collect();
        let figures = report
            .all_sections()
            .into_iter()
            .map(|s| (s.id.clone(), figures_of(project, report, &s.body)))
            .filter(|(_, f)| !f.is_empty())
            .collect();
        Self {
            proof_cache: crate::check::ProofCache::default(),
            revision,
            report_id: report.id.clone(),
            rendered,
            warnings,
            warnings_text,
            review_copy: None,
            numbers: crate::compose::section_numbers(report),
            problems,
            steps,
            figures,
            changes: crate::review::diff_baseline(&report.review)
                .map(|base| readable_changes(project, report, base))
                .unwrap_or_default(),
            approval: crate::review::approval_of(project, report),
            markers: report.review.comments.iter().filter(|c| !c.resolved).fold(
                BTreeMap::new(),
                |mut m, c| {
                    *m.entry(crate::compose::comment_source(c)).or_insert(0) += 1;
                    m
                },
            ),
        }
    }

    /// Whether this was computed from `revision` of `report_id`.
    pub fn is_for(&self, revision: u64, report_id: &str) -> bool {
        self.revision == revision && self.report_id == report_id
    }

    /// The review copy of the same revision, rendered on first use. `project` and
    /// `report` must be those this was computed from ([`Self::is_for`]).
    pub fn review_copy(
        &mut self,
        project: &Project,
        report: &Report,
    ) -> &Result<Rendered, RenderError> {
        self.review_copy
            .get_or_insert_with(|| render(project, report, RenderKind::ReviewCopy))
    }

    /// The summary of `step`.
    pub fn step(&self, step: Step) -> Option<&StepSummary> {
        self.steps.iter().find(|s| s.step == step)
    }
}

fn figures_of(project: &Project, report: &Report, text: &str) -> Vec<Figure> {
    split(text)
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Field { raw, inner } => Some(Figure {
                raw: raw.to_owned(),
                value: resolve(project, report, inner),
            }),
            Piece::Text(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    #[test]
    fn what_changed_reads_figures_as_values_and_words_without_markup() {
        let mut p = sample();
        let r = &mut p.reports[0];
        r.section_mut("han-che").unwrap().body = "- Đạt {{CT01.kết quả}} trong kỳ".into();
        r.review.snapshot = Some(crate::review::take_snapshot(
            r,
            chrono::NaiveDateTime::default(),
        ));
        r.section_mut("han-che").unwrap().body = "- Đạt {{CT01.kết quả}} trong kỳ **tốt**".into();
        let r = p.reports[0].clone();
        let d = Derived::compute(&p, &r, 1);
        let change = d.changes.iter().find(|c| c.id == "han-che").unwrap();
        let words: String = change
            .body_spans
            .iter()
            .map(|s| match s {
                crate::review::Span::Same(t)
                | crate::review::Span::Added(t)
                | crate::review::Span::Removed(t) => t.as_str(),
            })
            .collect();
        assert!(words.contains("91,2%") && words.contains("tốt"), "{words}");
        assert!(!words.contains("{{") && !words.contains("**"), "{words}");
        // Only the words typed are new; the figure is the same on both sides.
        let added: Vec<&str> = change
            .body_spans
            .iter()
            .filter_map(|s| match s {
                crate::review::Span::Added(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert!(added.iter().all(|t| !t.contains("91,2")), "{added:?}");
    }

    #[test]
    fn the_derived_data_of_the_sample_describes_its_report() {
        let p = sample();
        let r = &p.reports[0];
        let d = Derived::compute(&p, r, 7);
        assert!(d.is_for(7, &r.id) && !d.is_for(8, &r.id));
        assert_eq!(d.steps.len(), Step::ALL.len());
        let rendered = d.rendered.as_ref().unwrap_or_else(|e| panic!("{e}"));
        assert!(rendered.draft && !rendered.pages.pages.is_empty());
        assert_eq!(d.numbers, crate::compose::section_numbers(r));
        assert_eq!(d.problems, crate::check::check_report(&p, &p.reports[0]));
    }

    #[test]
    fn figures_are_resolved_once_with_their_values_or_reasons() {
        let mut p = sample();
        let id = p.reports[0].sections[0].id.clone();
        p.reports[0].sections[0].body = "Đạt {{CT01.kết quả}}; {{CT99.kết quả}}.".to_owned();
        let d = Derived::compute(&p, &p.reports[0], 1);
        let f = &d.figures[&id];
        assert_eq!(f.len(), 2);
        assert!(f[0].value.is_ok() && f[1].value.is_err());
        assert_eq!(f[1].raw, "{{CT99.kết quả}}");
    }

    #[test]
    fn the_review_copy_is_rendered_once_and_after_the_draft() {
        let p = sample();
        let r = &p.reports[0];
        let mut d = Derived::compute(&p, r, 1);
        let n = d.rendered.as_ref().map_or(0, |r| r.pages.pages.len());
        let copy = d
            .review_copy(&p, r)
            .as_ref()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(copy.kind, RenderKind::ReviewCopy);
        assert!(copy.pages.pages.len() >= n);
    }
}
