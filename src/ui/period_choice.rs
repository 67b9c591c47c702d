//! ui: the period chooser of the Thông tin chung step: a quarter, 6 or 9 months, the
//! year, or a thematic report with a cut-off date typed as dd/mm/yyyy. Records
//! [`Edit::ReportPeriod`]; a date that cannot be read is said in red and not stored.

use chrono::{Datelike, NaiveDate};
use eframe::egui;

use super::command::Command;
use crate::edit::Edit;
use crate::model::{Period, PeriodKind, Report};

/// The choice offered for a thematic report.
pub const THEMATIC: &str = "Chuyên đề (tính đến ngày …)";

/// What the clerk is typing into the cut-off field, until it is stored.
#[derive(Debug, Default)]
pub struct PeriodState {
    cut_off: Option<String>,
}

/// Reads a typed cut-off date `dd/mm/yyyy` (one-digit day and month too).
fn parse_cut_off(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("Nhập ngày chốt số liệu, dạng 15/05/2026.".to_owned());
    }
    let date = NaiveDate::parse_from_str(t, "%d/%m/%Y")
        .map_err(|_| format!("“{t}” không phải ngày hợp lệ (dạng 15/05/2026)."))?;
    if !Period::up_to(date).is_valid() {
        return Err(format!(
            "Năm {} nằm ngoài khoảng 1900–2200; kiểm tra lại ngày.",
            date.year()
        ));
    }
    Ok(date)
}

/// How a kind of period is offered in the list.
fn kind_label(kind: PeriodKind) -> String {
    match kind {
        PeriodKind::Quarter(q) => format!("Quý {}", crate::vi::roman(u32::from(q))),
        PeriodKind::FirstHalf => "6 tháng đầu năm".to_owned(),
        PeriodKind::NineMonths => "9 tháng".to_owned(),
        PeriodKind::Year => "Cả năm".to_owned(),
        PeriodKind::UpTo(_) => THEMATIC.to_owned(),
    }
}

/// The period chooser: the kind, the year of a periodic report, the cut-off of a
/// thematic one. Lays out two or three rows of a two-column grid.
pub fn show_period(
    ui: &mut egui::Ui,
    report: &Report,
    state: &mut PeriodState,
    out: &mut Vec<Command>,
) {
    let period = report.period;
    let send = |out: &mut Vec<Command>, period: Period| {
        out.push(Command::Edit(Edit::ReportPeriod {
            report: report.id.clone(),
            period,
        }));
    };
    ui.label("Kỳ báo cáo:");
    let mut chosen = None;
    egui::ComboBox::from_id_salt("ky-bao-cao")
        .selected_text(kind_label(period.kind))
        .width(220.0)
        .show_ui(ui, |ui| {
            for q in 1..=4 {
                let k = PeriodKind::Quarter(q);
                if ui
                    .selectable_label(period.kind == k, kind_label(k))
                    .clicked()
                {
                    chosen = Some(Period::new(period.year, k));
                }
            }
            for k in [
                PeriodKind::FirstHalf,
                PeriodKind::NineMonths,
                PeriodKind::Year,
            ] {
                if ui
                    .selectable_label(period.kind == k, kind_label(k))
                    .clicked()
                {
                    chosen = Some(Period::new(period.year, k));
                }
            }
            let thematic = period.cut_off().is_some();
            if ui.selectable_label(thematic, THEMATIC).clicked() && !thematic {
                // Starts from the end of the period chosen so far; the clerk types the day.
                let day = report.date.or_else(|| period.end_date());
                chosen = day.map(Period::up_to);
            }
        })
        .response
        .accessible_name("Kỳ báo cáo");
    if let Some(p) = chosen.filter(|p| *p != period) {
        state.cut_off = None;
        send(out, p);
    }
    ui.end_row();

    match period.cut_off() {
        None => {
            ui.label("Năm:");
            let mut year = period.year;
            let r = ui
                .add(egui::DragValue::new(&mut year).range(1900..=2200))
                .accessible_name("Năm của kỳ báo cáo");
            if r.changed() && year != period.year {
                send(out, Period::new(year, period.kind));
            }
            ui.end_row();
        }
        Some(day) => {
            ui.label("Tính đến ngày:");
            let field = ("ngay-chot-so-lieu", "Tính đến ngày", "dd/mm/yyyy", 160.0);
            let stored = crate::vi::date_short(day);
            if let Some(d) =
                super::info::parsed_field(ui, &mut state.cut_off, stored, field, parse_cut_off)
                && d != day
            {
                send(out, Period::up_to(d));
            }
            ui.end_row();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_off_is_typed_day_month_year() {
        assert_eq!(
            parse_cut_off("15/05/2026"),
            NaiveDate::from_ymd_opt(2026, 5, 15).ok_or(String::new())
        );
        assert_eq!(
            parse_cut_off(" 5/5/2026 "),
            NaiveDate::from_ymd_opt(2026, 5, 5).ok_or(String::new())
        );
    }

    #[test]
    fn a_wrong_cut_off_is_refused_in_vietnamese() {
        assert_eq!(
            parse_cut_off("31/02/2026"),
            Err("“31/02/2026” không phải ngày hợp lệ (dạng 15/05/2026).".to_owned())
        );
        assert!(parse_cut_off("2026-05-15").is_err());
        assert!(parse_cut_off("").unwrap_err().starts_with("Nhập ngày"));
        assert!(parse_cut_off("15/05/26").unwrap_err().contains("1900–2200"));
    }

    #[test]
    fn every_kind_has_a_vietnamese_name() {
        assert_eq!(kind_label(PeriodKind::Quarter(2)), "Quý II");
        assert_eq!(kind_label(PeriodKind::Year), "Cả năm");
        let day = NaiveDate::from_ymd_opt(2026, 5, 15).unwrap_or_default();
        assert_eq!(kind_label(PeriodKind::UpTo(day)), THEMATIC);
    }
}
