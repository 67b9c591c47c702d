//! Format version 1: section texts were plain lines, `- ` and `+ ` printed as typed.
//! Version 2 reads the same texts as rich text (list levels, emphasis, tables), so on
//! load every text is rewritten to print exactly as before (see
//! [`rich::migrate_v1`](crate::model::rich::migrate_v1)). An approval given to the
//! version-1 content still holds: what prints has not changed.

use crate::model::{Project, Report, Section, rich};
use crate::review::fingerprint;

/// Rewrites the texts of every report of a version-1 project as version-2 text.
pub(super) fn migrate(project: &mut Project) {
    let mut reports = std::mem::take(&mut project.reports);
    for report in &mut reports {
        let approved_before = report
            .review
            .approved_fingerprint
            .as_deref()
            .is_some_and(|fp| fp == fingerprint(project, report));
        migrate_report(report);
        if approved_before {
            report.review.approved_fingerprint = Some(fingerprint(project, report));
        }
    }
    project.reports = reports;
}

fn migrate_report(report: &mut Report) {
    report.opening = rich::migrate_v1(&report.opening);
    report.closing = rich::migrate_v1(&report.closing);
    for s in &mut report.sections {
        migrate_section(s);
    }
    let review = &mut report.review;
    for snapshot in [&mut review.snapshot, &mut review.previous_snapshot]
        .into_iter()
        .flatten()
    {
        for s in &mut snapshot.sections {
            s.body = rich::migrate_v1(&s.body);
        }
    }
}

fn migrate_section(s: &mut Section) {
    s.body = rich::migrate_v1(&s.body);
    for c in &mut s.children {
        migrate_section(c);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::model::rich;
    use crate::review::approval_holds;

    /// The version-1 files the project ships or tests with.
    const V1_FILES: [&str; 2] = [
        include_str!("../../tests/fixtures/xa-tan-lap-toi-gian.ron"),
        include_str!("../../tests/fixtures/v1-binh-minh-hai.ron"),
    ];

    /// What a version-1 text printed: each non-empty line, trimmed, as typed.
    fn v1_printed(text: &str) -> Vec<String> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// What a version-2 text prints: marker and text of each paragraph.
    fn v2_printed(text: &str) -> Vec<String> {
        rich::parse(text)
            .0
            .into_iter()
            .map(|b| match b {
                rich::Block::Para { para, .. } if para.marker.is_empty() => para.text(),
                rich::Block::Para { para, .. } => format!("{} {}", para.marker, para.text()),
                rich::Block::Table { .. } => "<bảng>".to_owned(),
            })
            .collect()
    }

    #[test]
    fn every_version_1_file_migrates_to_the_same_printed_words() {
        for text in V1_FILES {
            assert!(text.contains("format_version: 1"));
            let old: crate::model::Project = crate::storage::versioned::de(text).unwrap();
            let new = crate::storage::parse(text, Path::new("v1.ron")).unwrap();
            assert_eq!(new.format_version, crate::model::FORMAT_VERSION);
            assert_eq!(old.reports.len(), new.reports.len());
            for (o, n) in old.reports.iter().zip(&new.reports) {
                for (os, ns) in o.all_sections().iter().zip(n.all_sections()) {
                    assert_eq!(v1_printed(&os.body), v2_printed(&ns.body), "{}", os.id);
                }
                assert_eq!(v1_printed(&o.opening), v2_printed(&n.opening));
                assert_eq!(v1_printed(&o.closing), v2_printed(&n.closing));
            }
        }
    }

    #[test]
    fn plus_items_under_a_dash_item_become_one_level_deeper() {
        let text = V1_FILES[1];
        let p = crate::storage::parse(text, Path::new("v1.ron")).unwrap();
        let levels: Vec<u8> = p
            .reports
            .iter()
            .flat_map(|r| r.all_sections())
            .flat_map(|s| rich::parse(&s.body).0)
            .filter_map(|b| match b {
                rich::Block::Para { para, .. } if para.marker == "+" => Some(para.level),
                _ => None,
            })
            .collect();
        assert!(!levels.is_empty());
        assert!(levels.iter().all(|&l| l == 2), "{levels:?}");
    }

    #[test]
    fn an_approval_of_version_1_content_still_holds_after_migration() {
        let text = V1_FILES[1];
        let mut old: crate::model::Project = crate::storage::versioned::de(text).unwrap();
        let i = old.reports.len() - 1;
        let fp = crate::review::fingerprint(&old, &old.reports[i]);
        old.reports[i].review.approved_fingerprint = Some(fp);
        old.reports[i].review.status = crate::model::ReportStatus::Approved;
        assert!(approval_holds(&old, &old.reports[i]));
        let v1_text = crate::storage::versioned::pretty(&old).unwrap();
        assert!(v1_text.contains("format_version: 1"));
        let new = crate::storage::parse(&v1_text, Path::new("v1.ron")).unwrap();
        assert_ne!(new.reports[i], old.reports[i], "the text was migrated");
        assert!(approval_holds(&new, &new.reports[i]));
    }
}
