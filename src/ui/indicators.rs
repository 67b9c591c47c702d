//! ui: the indicators panel (Chỉ tiêu) of a period. The clerk types each indicator's
//! value and evidence; values are read the Vietnamese way and checked before anything
//! is stored, and the status beside each is computed, never typed. The panel draws and
//! records [`Edit`]s; the app applies them after drawing.

use eframe::egui::{self, Color32, RichText, Stroke, StrokeKind, TextEdit, Ui};

use super::field_buffers::FieldBuffers;
use super::period_table::{self, Column, Widths};
use crate::edit::Edit;
use crate::model::{
    Figure, Indicator, IndicatorCounts, IndicatorStatus, Period, Project, Target, Value,
    indicator_status,
};
use crate::model::{grouped, target_label};
use crate::vi;

/// The line under the heading that tells the clerk how to type numbers.
pub const HINT: &str = "Nhập số với dấu phẩy thập phân, ví dụ 92,5. Để trống nếu chưa có số liệu.";

/// Offered beside the expected word of a qualitative indicator.
const NOT_DONE: &str = "Chưa hoàn thành";

/// Which text field of an indicator row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Field {
    Value,
    Evidence,
}

/// The indicators panel. It keeps only what the clerk is typing; everything else is
/// read from the project each frame.
#[derive(Debug, Default)]
pub struct IndicatorsPanel {
    buffers: FieldBuffers<(Period, String, Field)>,
}

impl IndicatorsPanel {
    pub fn new() -> Self {
        Self::default()
    }

    /// Draws the indicators of `project` for `period` and pushes what the clerk
    /// changes to `edits`.
    pub fn show(&mut self, ui: &mut Ui, project: &Project, period: Period, edits: &mut Vec<Edit>) {
        ui.heading(format!("Chỉ tiêu — số liệu {}", period.label()));
        ui.label(HINT);
        let summary = IndicatorCounts::of(project, period);
        ui.add(egui::Label::new(RichText::new(summary.label()).strong()).wrap());
        ui.add_space(4.0);

        let plan = &project.plan;
        let previous = period
            .previous()
            .and_then(|p| project.records_for(p).into_iter().next());
        let mut columns = vec![
            Column::new("TT", 24.0, 0.0),
            Column::new("Chỉ tiêu", 92.0, 3.0),
            Column::new("Mục tiêu", 62.0, 0.4),
        ];
        if let Some(prev) = previous {
            columns.push(Column::new(
                format!("Kỳ trước\n{}", prev.period.short_label()),
                68.0,
                0.3,
            ));
        }
        columns.extend([
            Column::new("Giá trị kỳ này", 72.0, 0.5),
            Column::new("Đơn vị", 44.0, 0.2),
            Column::new("Minh chứng", 72.0, 2.0),
            Column::new("Đánh giá", 66.0, 0.3),
        ]);
        let value_column = if previous.is_some() { 4 } else { 3 };

        period_table::show(ui, "chi-tieu", &columns, |ui, widths| {
            let group_fill = ui.visuals().faint_bg_color;
            let mut roman = 0;
            let groups = grouped(&plan.indicator_groups, &plan.indicators, |i| {
                i.group.as_str()
            });
            for (group, members) in groups {
                if let Some(g) = group {
                    roman += 1;
                    let title = format!("{}. {}", vi::roman(roman), g.title.trim());
                    period_table::row(ui, widths, Some(group_fill), None, |r| {
                        r.rest(|ui| ui.add(egui::Label::new(RichText::new(title).strong()).wrap()));
                    });
                }
                for (n, ind) in members.into_iter().enumerate() {
                    let row = Row {
                        period,
                        number: n + 1,
                        indicator: ind,
                        figure: project.figure(period, &ind.id),
                        previous: previous
                            .map(|r| r.indicators.get(&ind.id).and_then(|v| v.value.as_ref())),
                        value_column,
                    };
                    self.indicator_row(ui, widths, &row, edits);
                }
            }
        });
    }

    fn indicator_row(
        &mut self,
        ui: &mut Ui,
        widths: &Widths,
        row: &Row<'_>,
        edits: &mut Vec<Edit>,
    ) {
        let ind = row.indicator;
        let value = row.figure.value;
        let status = indicator_status(ind, value, row.period);
        let mut error = None;
        let name = Some(format!("Chỉ tiêu {}", ind.id));
        period_table::row(ui, widths, None, name, |r| {
            r.cell(|ui| ui.label(row.number.to_string()));
            r.cell(|ui| ui.add(egui::Label::new(ind.name.trim()).wrap()));
            r.cell(|ui| ui.add(egui::Label::new(target_label(ind)).wrap()));
            if let Some(prev) = row.previous {
                let text = match prev {
                    None => "—".to_owned(),
                    Some(v) => stored_text(Some(v)),
                };
                r.cell(|ui| ui.add(egui::Label::new(text).wrap()));
            }
            r.cell(|ui| {
                error = self.value_field(ui, row.period, ind, value, edits);
                // A thematic report shows figures of the latest records; say which.
                if let Some(from) = row.figure.from.filter(|p| *p != row.period) {
                    ui.label(RichText::new(format!("theo số liệu {}", from.short_label())).weak());
                }
            });
            r.cell(|ui| ui.add(egui::Label::new(ind.unit.trim()).wrap()));
            r.cell(|ui| {
                let evidence = row.figure.evidence;
                self.evidence_field(ui, row.period, ind, evidence, edits);
            });
            r.cell(|ui| {
                let color = status_color(status, ui.visuals().dark_mode);
                ui.add(egui::Label::new(RichText::new(status.label()).color(color)).wrap())
                    .on_hover_text(crate::model::STATUS_RULE);
            });
        });
        if let Some(message) = error {
            period_table::row(ui, widths, None, None, |r| {
                for _ in 0..row.value_column {
                    r.cell(|_| ());
                }
                r.rest(|ui| {
                    let color = ui.visuals().error_fg_color;
                    ui.add(egui::Label::new(RichText::new(message).color(color)).wrap());
                });
            });
        }
    }

    /// The value field; returns the reason the typed text is refused, if it is.
    fn value_field(
        &mut self,
        ui: &mut Ui,
        period: Period,
        ind: &Indicator,
        value: Option<&Value>,
        edits: &mut Vec<Edit>,
    ) -> Option<String> {
        let key = (period, ind.id.clone(), Field::Value);
        let stored = stored_text(value);
        let mut text = self.buffers.shown(&key, &stored);
        let expected = match &ind.target {
            Target::Text { expected } => Some(expected.trim().to_owned()),
            Target::Number { .. } => None,
        };
        let response = ui
            .add(
                TextEdit::singleline(&mut text)
                    .id_salt(("gia-tri", period, &ind.id))
                    .hint_text("Chưa có")
                    .desired_width(f32::INFINITY),
            )
            .accessible_name(format!("Giá trị {}", ind.id));
        let picked = expected
            .as_deref()
            .and_then(|expected| choose_result(ui, period, ind, expected, &text));

        let send = |edits: &mut Vec<Edit>, new: &Option<Value>| {
            if new.as_ref() != value {
                edits.push(Edit::IndicatorValue {
                    period,
                    indicator: ind.id.clone(),
                    value: new.clone(),
                });
            }
            stored_text(new.as_ref())
        };
        if let Some(choice) = picked {
            let new = Some(Value::Text(choice.clone()));
            let sent = send(edits, &new);
            self.buffers.typed(key.clone(), choice, &stored, Some(sent));
        } else if response.changed() {
            let sent = match validate_value(&text, ind) {
                Ok(new) => Some(send(edits, &new)),
                // Refused text stores nothing; a value stored on the way to it (`9` while
                // typing `9x`) is taken back, so the model keeps what it had before.
                Err(_) => self
                    .buffers
                    .origin(&key)
                    .filter(|origin| *origin != stored)
                    .and_then(|origin| validate_value(origin, ind).ok())
                    .map(|old| send(edits, &old)),
            };
            self.buffers.typed(key.clone(), text, &stored, sent);
        } else {
            self.buffers
                .settle(&key, &stored, response.has_focus(), |t| {
                    validate_value(t, ind).is_err()
                });
        }

        let pending = self.buffers.pending(&key)?;
        let reason = validate_value(pending, ind).err()?;
        if response.has_focus() && looks_unfinished(pending) {
            return None;
        }
        let kept = match self.buffers.origin(&key).unwrap_or_default() {
            "" => "Chưa lưu, số liệu vẫn để trống.".to_owned(),
            old => format!("Chưa lưu, vẫn giữ số liệu cũ: {old}."),
        };
        let message = format!("{reason}. {kept}");
        let red = ui.visuals().error_fg_color;
        ui.painter().rect_stroke(
            response.rect.expand(1.0),
            2.0,
            Stroke::new(1.5, red),
            StrokeKind::Outside,
        );
        response.on_hover_text(message.as_str());
        Some(message)
    }

    fn evidence_field(
        &mut self,
        ui: &mut Ui,
        period: Period,
        ind: &Indicator,
        stored: &str,
        edits: &mut Vec<Edit>,
    ) {
        let key = (period, ind.id.clone(), Field::Evidence);
        let field = (
            ("minh-chung", period, &ind.id),
            "Nguồn số liệu",
            format!("Minh chứng {}", ind.id),
        );
        if let Some(line) = period_table::note_line(ui, &mut self.buffers, key, stored, field) {
            edits.push(Edit::IndicatorEvidence {
                period,
                indicator: ind.id.clone(),
                text: line,
            });
        }
    }
}

/// What one indicator row shows.
struct Row<'a> {
    period: Period,
    /// Number within its group (TT), from 1.
    number: usize,
    indicator: &'a Indicator,
    /// The figure the report prints (for a thematic period, maybe from an earlier record).
    figure: Figure<'a>,
    /// `Some` when the previous period has a record (then the column is shown).
    previous: Option<Option<&'a Value>>,
    value_column: usize,
}

/// The quick choice of a qualitative result; returns the word picked, if any.
fn choose_result(
    ui: &mut Ui,
    period: Period,
    ind: &Indicator,
    expected: &str,
    current: &str,
) -> Option<String> {
    let mut choices = vec![expected.to_owned()];
    if vi::nfc(expected) != NOT_DONE {
        choices.push(NOT_DONE.to_owned());
    }
    let mut picked = None;
    egui::ComboBox::from_id_salt(("chon-ket-qua", period, &ind.id))
        .selected_text("Chọn")
        .width(ui.available_width())
        .show_ui(ui, |ui| {
            for choice in choices {
                if ui
                    .selectable_label(current.trim() == choice, choice.as_str())
                    .clicked()
                {
                    picked = Some(choice);
                }
            }
        })
        .response
        .accessible_name(format!("Chọn kết quả {}", ind.id));
    picked
}

/// Reads what the clerk typed into an indicator's value field: `Ok(None)` when the
/// field is empty, `Ok(Some(..))` for a value to store, `Err` with the reason (in
/// Vietnamese) when the text must not be stored.
fn validate_value(text: &str, indicator: &Indicator) -> Result<Option<Value>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Target::Text { .. } = indicator.target {
        return Ok(Some(Value::Text(text.to_owned())));
    }
    let v = vi::parse_number(text).map_err(|e| e.to_string())?;
    if !v.is_finite() {
        return Err(vi::NumberError::NotANumber(text.to_owned()).to_string());
    }
    if indicator.unit.trim() == "%" {
        if !(0.0..=100.0).contains(&v) {
            return Err("Tỷ lệ phải từ 0 đến 100%".to_owned());
        }
    } else if v < 0.0 {
        return Err("Số liệu không được là số âm".to_owned());
    }
    Ok(Some(Value::Number(v)))
}

/// True for text that is refused only because the clerk has not finished typing it
/// (`92,` on the way to `92,5`); its reason is held back while the field has focus.
fn looks_unfinished(text: &str) -> bool {
    let t = text.trim();
    t == "-" || t.ends_with(',') || t.ends_with('.')
}

/// A stored value as the field shows it: `92,5`, `1.315`, the word, or nothing.
fn stored_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::Number(v)) => vi::format_number(*v, 6),
        Some(Value::Text(t)) => t.clone(),
        None => String::new(),
    }
}

/// Colour of a status: reached green, on track blue, not met red, no data grey.
fn status_color(status: IndicatorStatus, dark: bool) -> Color32 {
    match (status, dark) {
        (IndicatorStatus::Exceeded | IndicatorStatus::Met, false) => Color32::from_rgb(0, 120, 40),
        (IndicatorStatus::Exceeded | IndicatorStatus::Met, true) => {
            Color32::from_rgb(110, 200, 120)
        }
        (IndicatorStatus::OnTrack, false) => Color32::from_rgb(20, 90, 200),
        (IndicatorStatus::OnTrack, true) => Color32::from_rgb(120, 170, 255),
        (IndicatorStatus::NotMet, false) => Color32::from_rgb(190, 30, 30),
        (IndicatorStatus::NotMet, true) => Color32::from_rgb(255, 110, 100),
        (IndicatorStatus::NoData, false) => Color32::from_rgb(110, 110, 110),
        (IndicatorStatus::NoData, true) => Color32::from_rgb(150, 150, 150),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comparison, IndicatorValue, PeriodKind};

    fn percent() -> Indicator {
        Indicator {
            id: "CT01".into(),
            unit: "%".into(),
            target: Target::Number {
                cmp: Comparison::AtLeast,
                value: 90.0,
            },
            ..Indicator::default()
        }
    }

    fn count() -> Indicator {
        Indicator {
            id: "CT10".into(),
            unit: "lượt người".into(),
            target: Target::Number {
                cmp: Comparison::AtLeast,
                value: 2000.0,
            },
            accrues_over_year: true,
            ..Indicator::default()
        }
    }

    fn qualitative() -> Indicator {
        Indicator {
            id: "CT15".into(),
            ..Indicator::default()
        }
    }

    #[test]
    fn a_value_with_a_decimal_comma_is_accepted() {
        assert_eq!(
            validate_value(" 92,5 ", &percent()),
            Ok(Some(Value::Number(92.5)))
        );
        assert_eq!(
            validate_value("1.315", &count()),
            Ok(Some(Value::Number(1315.0)))
        );
    }

    #[test]
    fn an_empty_field_clears_the_value() {
        assert_eq!(validate_value("  ", &percent()), Ok(None));
        assert_eq!(validate_value("", &qualitative()), Ok(None));
    }

    #[test]
    fn letters_and_two_commas_are_refused_with_the_reason() {
        let err = validate_value("9x", &percent()).unwrap_err();
        assert_eq!(
            err,
            "“9x” không phải là số (dùng dấu phẩy cho phần thập phân, ví dụ 92,5)"
        );
        assert!(validate_value("1,2,3", &count()).is_err());
    }

    #[test]
    fn a_percentage_outside_zero_to_a_hundred_is_refused() {
        assert_eq!(
            validate_value("120", &percent()),
            Err("Tỷ lệ phải từ 0 đến 100%".into())
        );
        assert!(validate_value("-1", &percent()).is_err());
        assert_eq!(
            validate_value("100", &percent()),
            Ok(Some(Value::Number(100.0)))
        );
        assert_eq!(
            validate_value("2.500", &count()),
            Ok(Some(Value::Number(2500.0)))
        );
    }

    #[test]
    fn a_negative_count_is_refused() {
        assert_eq!(
            validate_value("-3", &count()),
            Err("Số liệu không được là số âm".into())
        );
    }

    #[test]
    fn a_qualitative_value_is_stored_as_trimmed_words() {
        assert_eq!(
            validate_value("  Hoàn thành ", &qualitative()),
            Ok(Some(Value::Text("Hoàn thành".into())))
        );
    }

    #[test]
    fn a_trailing_comma_is_taken_as_typing_in_progress() {
        assert!(looks_unfinished("92,"));
        assert!(looks_unfinished("-"));
        assert!(!looks_unfinished("9x"));
    }

    #[test]
    fn stored_numbers_are_shown_the_vietnamese_way() {
        assert_eq!(stored_text(Some(&Value::Number(92.5))), "92,5");
        assert_eq!(stored_text(Some(&Value::Number(1315.0))), "1.315");
        assert_eq!(stored_text(None), "");
    }

    #[test]
    fn the_summary_counts_indicators_by_status() {
        let q2 = Period::new(2026, PeriodKind::Quarter(2));
        let mut p = Project::default();
        p.plan.indicators = vec![percent(), count(), qualitative()];
        let rec = p.period_record_mut(q2);
        rec.indicators.insert(
            "CT01".into(),
            IndicatorValue {
                value: Some(Value::Number(91.2)),
                evidence: String::new(),
            },
        );
        rec.indicators.insert(
            "CT10".into(),
            IndicatorValue {
                value: Some(Value::Number(1315.0)),
                evidence: String::new(),
            },
        );
        let s = IndicatorCounts::of(&p, q2);
        assert_eq!(
            s,
            IndicatorCounts {
                total: 3,
                achieved: 1,
                on_track: 1,
                not_met: 0,
                no_data: 1
            }
        );
        assert_eq!(
            s.label(),
            "Đạt và vượt: 1/3 chỉ tiêu · Đúng tiến độ: 1 · Chưa đạt: 0 · Chưa có số liệu: 1"
        );
    }
}
