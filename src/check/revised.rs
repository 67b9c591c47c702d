//! The reviewer's note on a report judged against a revised plan: which targets
//! changed since the previous report, and by which document (issue 25).
//!
//! Part of the checks (model → check → session): read by the Chỉ tiêu step's mark and
//! by `baocao check`.

use crate::model::{Project, Report, target_label};

/// The reviewer's line: `chỉ tiêu đã điều chỉnh từ kỳ trước: … (≥ 80% → ≥ 90%) theo …`, or `None` when no
/// revision in force for `report` took effect after the previous report's period.
pub fn revised_since_previous(project: &Project, report: &Report) -> Option<String> {
    let revisions = project.revisions_since_previous(report);
    let mut items = Vec::new();
    let mut by = Vec::new();
    for rev in &revisions {
        let mut any = false;
        for (before, after) in rev.indicator_changes() {
            let item = match (before, after) {
                (Some(b), Some(a)) if target_label(b) != target_label(a) => format!(
                    "{} ({} → {})",
                    a.name.trim(),
                    target_label(b),
                    target_label(a)
                ),
                (Some(_), Some(_)) => continue,
                (None, Some(a)) => format!("{} (bổ sung, {})", a.name.trim(), target_label(a)),
                (Some(b), None) => format!("{} (bỏ)", b.name.trim()),
                (None, None) => continue,
            };
            items.push(item);
            any = true;
        }
        if any && !rev.decided_by.trim().is_empty() {
            by.push(rev.decided_by.trim().to_owned());
        }
    }
    if items.is_empty() {
        return None;
    }
    let mut line = format!("chỉ tiêu đã điều chỉnh từ kỳ trước: {}", items.join("; "));
    if !by.is_empty() {
        line.push_str(&format!(" (theo {})", by.join("; ")));
    }
    Some(line)
}
