//! Sentences built from the period's figures that a clerk can insert into Ưu điểm and
//! Hạn chế and then edit. Figures go in as placeholders, so the sentence stays true
//! when a value is corrected later; names are written out.

use crate::model::{IndicatorStatus, Project, Report, TaskStatus};

use super::placeholders::{indicator_placeholder, summary_placeholder};

fn statuses(project: &Project, report: &Report) -> Vec<(crate::model::Indicator, IndicatorStatus)> {
    super::facts::indicators(project, report)
        .into_iter()
        .map(|(i, _, s)| (i, s))
        .collect()
}

/// An indicator's name inside a sentence: lower-case first letter, markup characters
/// escaped so that it prints as the plan wrote it.
fn name(i: &crate::model::Indicator) -> String {
    let n = i.name.trim();
    let mut chars = n.chars();
    let lowered: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    crate::model::rich::escape(&lowered)
}

/// Sentences for Ưu điểm.
pub fn strengths(project: &Project, report: &Report) -> Vec<String> {
    let st = statuses(project, report);
    let mut out = Vec::new();
    if st.iter().any(|(_, s)| s.is_achieved()) {
        let best: Vec<String> = st
            .iter()
            .filter(|(_, s)| *s == IndicatorStatus::Exceeded)
            .take(3)
            .map(|(i, _)| format!("{} ({})", name(i), indicator_placeholder(&i.id, "kết quả")))
            .collect();
        let mut s = format!(
            "- {} chỉ tiêu đạt và vượt kế hoạch",
            summary_placeholder("chỉ tiêu đạt")
        );
        if !best.is_empty() {
            s.push_str(&format!(", nổi bật là {}", best.join(", ")));
        }
        s.push('.');
        out.push(s);
    }
    let on_track: Vec<String> = st
        .iter()
        .filter(|(_, s)| *s == IndicatorStatus::OnTrack)
        .map(|(i, _)| {
            format!(
                "{} ({}/{})",
                name(i),
                indicator_placeholder(&i.id, "kết quả"),
                indicator_placeholder(&i.id, "mục tiêu")
            )
        })
        .collect();
    if !on_track.is_empty() {
        out.push(format!(
            "- Các chỉ tiêu tính lũy kế cả năm bảo đảm tiến độ: {}.",
            on_track.join("; ")
        ));
    }
    let done: Vec<String> = super::facts::tasks(project, report)
        .into_iter()
        .filter(|(_, s)| *s == TaskStatus::Done)
        .map(|(t, _)| crate::model::rich::escape(t.name.trim().trim_end_matches('.')))
        .collect();
    if !done.is_empty() {
        out.push(format!(
            "- Hoàn thành {} nhiệm vụ theo kế hoạch, gồm: {}.",
            summary_placeholder("nhiệm vụ hoàn thành"),
            done.join("; ")
        ));
    }
    out
}

/// Sentences for Hạn chế.
pub fn shortcomings(project: &Project, report: &Report) -> Vec<String> {
    let st = statuses(project, report);
    let mut out = Vec::new();
    let not_met: Vec<String> = st
        .iter()
        .filter(|(_, s)| *s == IndicatorStatus::NotMet)
        .map(|(i, _)| {
            format!(
                "{} ({} so với chỉ tiêu {})",
                name(i),
                indicator_placeholder(&i.id, "kết quả"),
                indicator_placeholder(&i.id, "mục tiêu")
            )
        })
        .collect();
    if !not_met.is_empty() {
        // The count is a field too, so that the sentence stays true when a value
        // changes (the same rule the checks of typed figures apply).
        out.push(format!(
            "- Còn {} chỉ tiêu chưa đạt: {}.",
            summary_placeholder("chỉ tiêu chưa đạt"),
            not_met.join("; ")
        ));
    }
    let overdue = super::facts::tasks(project, report)
        .iter()
        .filter(|(_, s)| *s == TaskStatus::Overdue)
        .count();
    if overdue > 0 {
        out.push(format!(
            "- Có {} nhiệm vụ quá hạn nhưng chưa hoàn thành: {}.",
            summary_placeholder("nhiệm vụ quá hạn"),
            summary_placeholder("danh sách quá hạn")
        ));
    }
    let no_data: Vec<String> = st
        .iter()
        .filter(|(_, s)| *s == IndicatorStatus::NoData)
        .map(|(i, _)| name(i))
        .collect();
    if !no_data.is_empty() {
        out.push(format!(
            "- Chưa thu thập được số liệu của {:02} chỉ tiêu: {}.",
            no_data.len(),
            no_data.join("; ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::placeholders::problems;

    use crate::test_support::sample;

    #[test]
    fn strengths_count_the_indicators_met_and_name_the_best() {
        let p = sample();
        let s = strengths(&p, &p.reports[0]);
        assert!(
            s[0].starts_with("- {{tổng.chỉ tiêu đạt}} chỉ tiêu đạt và vượt"),
            "{s:?}"
        );
        assert!(s[0].contains("{{CT01.kết quả}}"), "{s:?}");
        assert!(
            s.iter()
                .any(|x| x.starts_with("- Hoàn thành {{tổng.nhiệm vụ hoàn thành}}"))
        );
    }

    #[test]
    fn shortcomings_name_the_indicators_not_met_and_the_overdue_tasks() {
        let p = sample();
        let s = shortcomings(&p, &p.reports[0]);
        assert!(
            s[0].starts_with("- Còn {{tổng.chỉ tiêu chưa đạt}} chỉ tiêu chưa đạt:"),
            "{s:?}"
        );
        assert!(s[0].contains("{{CT03.kết quả}} so với chỉ tiêu {{CT03.mục tiêu}}"));
        assert!(s.iter().any(|x| x.contains("{{tổng.danh sách quá hạn}}")));
    }

    #[test]
    fn every_suggested_figure_resolves() {
        let mut p = sample();
        let all: Vec<String> = strengths(&p, &p.reports[0])
            .into_iter()
            .chain(shortcomings(&p, &p.reports[0]))
            .collect();
        let first = p.reports[0].sections[0].id.clone();
        p.reports[0].section_mut(&first).unwrap().body = all.join("\n");
        assert!(problems(&p, &p.reports[0]).is_empty());
    }
}
