//! Figures quoted in the report text: `{{CT03.kết quả}}` prints the value of indicator
//! CT03 for the report's period, so a figure typed once (at the Chỉ tiêu step) reads
//! the same in the text, the results table and the appendix. Resolved here, once;
//! an unknown or unresolvable placeholder is flagged, never printed blank.

use super::Run;
use crate::compose::Ctx;
use crate::model::{IndicatorStatus, Project, Report, TaskCounts, Value, indicator_status};
use crate::model::{target_label, value_label};
use crate::vi;

/// The fields an indicator placeholder may ask for, in the picker's order.
pub const INDICATOR_FIELDS: [&str; 5] = ["kết quả", "mục tiêu", "đánh giá", "kỳ trước", "thay đổi"];

/// Report-wide figures: `{{tổng.…}}`.
pub const SUMMARY_FIELDS: [&str; 5] = [
    "chỉ tiêu đạt",
    "chỉ tiêu chưa đạt",
    "nhiệm vụ hoàn thành",
    "nhiệm vụ quá hạn",
    "danh sách quá hạn",
];

/// The placeholder text for an indicator field: `{{CT03.kết quả}}`.
pub fn indicator_placeholder(id: &str, field: &str) -> String {
    format!("{{{{{id}.{field}}}}}")
}

/// The placeholder text for a report-wide figure: `{{tổng.chỉ tiêu đạt}}`.
pub fn summary_placeholder(field: &str) -> String {
    format!("{{{{tổng.{field}}}}}")
}

/// A piece of text: as typed, or a placeholder (`inner` is what stands between the braces).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Field { raw: &'a str, inner: &'a str },
}

/// Splits `text` at `{{…}}`; an opening `{{` without its `}}` stays text.
pub fn split(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        let end = start + 2 + len + 2;
        out.push(Piece::Field {
            raw: &rest[start..end],
            inner: rest[start + 2..start + 2 + len].trim(),
        });
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// Why a placeholder cannot be resolved; the draft marks each kind its own way.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("thiếu phần sau dấu chấm (ví dụ {{{{CT01.kết quả}}}})")]
    NoField,
    #[error("không có chỉ tiêu mã “{0}” trong kế hoạch")]
    NoIndicator(String),
    /// The indicator has no value for the period named (`quý II năm 2026`, `kỳ trước`).
    #[error("chỉ tiêu {key} chưa có số liệu {which}")]
    NoValue { key: String, which: String },
    #[error("chỉ tiêu {0} cần số liệu kỳ này và kỳ trước để so sánh")]
    NoComparison(String),
    #[error("không hiểu “{field}”; dùng: {}", INDICATOR_FIELDS.join(", "))]
    UnknownField { field: String },
    #[error("không hiểu “tổng.{field}”; dùng: {}", SUMMARY_FIELDS.join(", "))]
    UnknownSummary { field: String },
}

/// What a placeholder stands for in `report`, or why it cannot be resolved.
pub fn resolve(project: &Project, report: &Report, inner: &str) -> Result<String, FieldError> {
    let Some((key, field)) = inner.split_once('.') else {
        return Err(FieldError::NoField);
    };
    let (key, field) = (key.trim(), vi::nfc(field.trim()).to_lowercase());
    if vi::nfc(key).to_lowercase() == "tổng" {
        return summary(project, report, &field);
    }
    let plan = project.plan_for(report);
    let ind = plan
        .indicator(key)
        .ok_or_else(|| FieldError::NoIndicator(key.to_owned()))?;
    let value_in = |period| project.indicator_value(period, &ind.id);
    let now = value_in(report.period);
    let before = report.period.previous().and_then(value_in);
    let missing = |which: &str| FieldError::NoValue {
        key: key.to_owned(),
        which: which.to_owned(),
    };
    match field.as_str() {
        "kết quả" => now
            .map(|v| value_label(ind, Some(v)))
            .ok_or_else(|| missing(&report.period.label())),
        "mục tiêu" => Ok(target_label(ind)),
        "đánh giá" => match indicator_status(ind, now, report.period) {
            IndicatorStatus::NoData => Err(missing(&report.period.label())),
            s => Ok(s.label().to_lowercase()),
        },
        "kỳ trước" => before
            .map(|v| value_label(ind, Some(v)))
            .ok_or_else(|| missing("kỳ trước")),
        "thay đổi" => match (now, before) {
            (Some(Value::Number(a)), Some(Value::Number(b))) => {
                let d = a - b;
                let unit = if ind.unit.trim() == "%" {
                    " điểm phần trăm".to_owned()
                } else if ind.unit.trim().is_empty() {
                    String::new()
                } else {
                    format!(" {}", ind.unit.trim())
                };
                Ok(if d.abs() < 1e-9 {
                    "không thay đổi".to_owned()
                } else if d > 0.0 {
                    format!("tăng {}{unit}", vi::format_number(d, 2))
                } else {
                    format!("giảm {}{unit}", vi::format_number(-d, 2))
                })
            }
            _ => Err(FieldError::NoComparison(key.to_owned())),
        },
        other => Err(FieldError::UnknownField {
            field: other.to_owned(),
        }),
    }
}

fn summary(project: &Project, report: &Report, field: &str) -> Result<String, FieldError> {
    let tasks: TaskCounts = super::facts::tasks(project, report)
        .iter()
        .map(|(t, s)| (t, *s))
        .collect();
    let overdue = &tasks.overdue;
    match field {
        "chỉ tiêu đạt" => {
            let c = indicator_counts(project, report);
            Ok(format!("{:02}/{:02}", c.achieved, c.total))
        }
        "chỉ tiêu chưa đạt" => {
            Ok(format!("{:02}", indicator_counts(project, report).not_met))
        }
        "nhiệm vụ hoàn thành" => Ok(format!("{:02}/{:02}", tasks.done, tasks.total)),
        "nhiệm vụ quá hạn" => Ok(format!("{:02}", overdue.len())),
        "danh sách quá hạn" => {
            if overdue.is_empty() {
                Ok("không có nhiệm vụ quá hạn".to_owned())
            } else {
                Ok(overdue
                    .iter()
                    .map(|n| n.trim_end_matches('.').to_owned())
                    .collect::<Vec<_>>()
                    .join("; "))
            }
        }
        other => Err(FieldError::UnknownSummary {
            field: other.to_owned(),
        }),
    }
}

fn indicator_counts(project: &Project, report: &Report) -> crate::model::IndicatorCounts {
    super::facts::indicators(project, report)
        .into_iter()
        .map(|(_, _, status)| status)
        .collect()
}

/// `text` with every `{{…}}` field replaced by as many `fill` bytes (ASCII), so that
/// positions stay and checks of the typed text never read a field's contents.
pub fn mask_fields(text: &str, fill: char) -> String {
    split(text)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t.to_owned(),
            Piece::Field { raw, .. } => fill.to_string().repeat(raw.len()),
        })
        .collect()
}

/// `text` with each field that resolves replaced by its value (escaped, so that it
/// reads as the value in the section format); the others stay as typed.
pub fn with_values(project: &Project, report: &Report, text: &str) -> String {
    split(text)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t.to_owned(),
            Piece::Field { raw, inner } => resolve(project, report, inner)
                .map(|v| crate::model::rich::escape(&v))
                .unwrap_or_else(|_| raw.to_owned()),
        })
        .collect()
}

/// What a draft prints for a figure it cannot fill: `[CT05: chưa có số liệu]`, plainly
/// a gap to fill (in red), never the code. A final version is never made while one
/// is left (`render` refuses it).
fn unresolved_mark(raw: &str, inner: &str, reason: &FieldError) -> String {
    let key = inner.split('.').next().unwrap_or_default().trim();
    if key.is_empty() {
        return format!("[{}: viết chưa đúng]", raw.trim_matches(['{', '}']).trim());
    }
    let what = match reason {
        FieldError::NoValue { .. } | FieldError::NoComparison(_) => "chưa có số liệu",
        FieldError::NoIndicator(_) => "không có trong kế hoạch",
        _ => "viết chưa đúng",
    };
    format!("[{key}: {what}]")
}

/// The runs of a line of text with its placeholders resolved; an unresolvable one
/// stays as typed and is flagged.
pub(crate) fn runs(ctx: &Ctx, text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for piece in split(text) {
        let run = match piece {
            Piece::Text(t) => Run::plain(t),
            Piece::Field { raw, inner } => match resolve(ctx.project, ctx.report, inner) {
                Ok(v) => Run::plain(v),
                Err(reason) => Run {
                    text: unresolved_mark(raw, inner, &reason),
                    flagged: true,
                    ..Run::default()
                },
            },
        };
        match out.last_mut() {
            Some(last) if !last.flagged && !run.flagged => last.text.push_str(&run.text),
            _ => out.push(run),
        }
    }
    if out.is_empty() {
        out.push(Run::plain(""));
    }
    out
}

/// A placeholder that cannot be resolved, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceholderProblem {
    /// Where: `mục b) Hạn chế`, `trích yếu`, `câu kết`.
    pub place: String,
    pub placeholder: String,
    pub reason: String,
}

impl std::fmt::Display for PlaceholderProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ở {}: {}", self.placeholder, self.place, self.reason)
    }
}

/// Every placeholder of `report` that cannot be resolved, in print order.
pub fn problems(project: &Project, report: &Report) -> Vec<PlaceholderProblem> {
    let numbers = super::section_numbers(report);
    let mut places: Vec<(String, &str)> = vec![
        ("trích yếu".to_owned(), report.summary.as_str()),
        ("đoạn mở đầu".to_owned(), report.opening.as_str()),
    ];
    for s in report.all_sections() {
        let number = numbers.get(&s.id).cloned().unwrap_or_default();
        places.push((format!("mục {number} {}", s.title.trim()), s.body.as_str()));
    }
    places.push(("câu kết".to_owned(), report.closing.as_str()));
    let mut out = Vec::new();
    for (place, text) in places {
        for piece in split(text) {
            if let Piece::Field { raw, inner } = piece
                && let Err(reason) = resolve(project, report, inner)
            {
                out.push(PlaceholderProblem {
                    place: place.clone(),
                    placeholder: raw.to_owned(),
                    reason: reason.to_string(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_figure_without_a_value_prints_as_a_clean_mark_of_the_gap() {
        assert_eq!(
            unresolved_mark(
                "{{CT05.kết quả}}",
                "CT05.kết quả",
                &FieldError::NoValue {
                    key: "CT05".into(),
                    which: "quý II/2026".into()
                }
            ),
            "[CT05: chưa có số liệu]"
        );
        assert_eq!(
            unresolved_mark(
                "{{CT99.kết quả}}",
                "CT99.kết quả",
                &FieldError::NoIndicator("CT99".into())
            ),
            "[CT99: không có trong kế hoạch]"
        );
        assert_eq!(
            unresolved_mark(
                "{{CT01.màu}}",
                "CT01.màu",
                &FieldError::UnknownField {
                    field: "màu".into()
                }
            ),
            "[CT01: viết chưa đúng]"
        );
        assert_eq!(
            unresolved_mark("{{ }}", " ", &FieldError::NoField),
            "[: viết chưa đúng]"
        );
    }

    use super::*;

    use crate::test_support::sample;

    #[test]
    fn text_is_split_at_double_braces_only() {
        assert_eq!(
            split("Đạt {{CT01.kết quả}}, {số} và {{ dở"),
            [
                Piece::Text("Đạt "),
                Piece::Field {
                    raw: "{{CT01.kết quả}}",
                    inner: "CT01.kết quả"
                },
                Piece::Text(", {số} và {{ dở"),
            ]
        );
    }

    #[test]
    fn indicator_fields_resolve_from_the_period_values() {
        let p = sample();
        let r = &p.reports[0];
        assert_eq!(resolve(&p, r, "CT03.kết quả"), Ok("72,4%".into()));
        assert_eq!(resolve(&p, r, "CT03.mục tiêu"), Ok("≥ 80%".into()));
        assert_eq!(resolve(&p, r, "CT03.đánh giá"), Ok("chưa đạt".into()));
        assert_eq!(resolve(&p, r, "CT03.kỳ trước"), Ok("61,5%".into()));
        assert_eq!(
            resolve(&p, r, "CT03.thay đổi"),
            Ok("tăng 10,9 điểm phần trăm".into())
        );
    }

    #[test]
    fn summary_figures_count_indicators_and_tasks() {
        let p = sample();
        let r = &p.reports[0];
        assert_eq!(resolve(&p, r, "tổng.chỉ tiêu đạt"), Ok("09/15".into()));
        assert_eq!(resolve(&p, r, "tổng.nhiệm vụ quá hạn"), Ok("03".into()));
        assert!(
            resolve(&p, r, "tổng.danh sách quá hạn")
                .unwrap()
                .contains(';')
        );
    }

    #[test]
    fn unknown_and_unresolvable_placeholders_say_why() {
        let p = sample();
        let r = &p.reports[0];
        assert!(
            resolve(&p, r, "CT99.kết quả")
                .unwrap_err()
                .to_string()
                .contains("CT99")
        );
        assert!(
            resolve(&p, r, "CT03.màu")
                .unwrap_err()
                .to_string()
                .contains("màu")
        );
        assert!(resolve(&p, r, "CT03").is_err());
        let mut q = p.clone();
        q.reports[0].period = crate::model::Period::new(2026, crate::model::PeriodKind::Quarter(3));
        assert!(
            resolve(&q, &q.reports[0], "CT03.kết quả")
                .unwrap_err()
                .to_string()
                .contains("chưa có số liệu")
        );
    }

    #[test]
    fn problems_name_the_placeholder_and_its_section() {
        let mut p = sample();
        let id = p.reports[0].sections[0].id.clone();
        let r = p.reports.first_mut().unwrap();
        r.section_mut(&id).unwrap().body = "Đạt {{CT99.kết quả}}.".into();
        let list = problems(&p, &p.reports[0]);
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].placeholder, "{{CT99.kết quả}}");
        assert!(list[0].place.starts_with("mục I."), "{}", list[0].place);
    }
}
