//! ui: the tables of the Tổng hợp window (see [`super::aggregate_view`]): the period
//! chooser, the indicator table (progress counts and totals, sorted by the column
//! clicked) or the communes' table, and the files not taken. Drawing reads the
//! finished table; choosing a period records a command, the sort and the tab are kept
//! in egui's memory.

use eframe::egui;

use super::command::Command;
use crate::aggregate::{Aggregate, IndicatorRow, SkipReason, appendix};

/// Which table the window shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tab {
    #[default]
    Indicators,
    Communes,
}

/// The column the indicator table is sorted by, and the direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Sort {
    column: Option<usize>,
    descending: bool,
}

/// The indicator table's headers, in order; each one sorts by its column.
pub const INDICATOR_HEADERS: [&str; 11] = [
    "TT",
    "Chỉ tiêu",
    "Đơn vị\ntính",
    "Số xã,\nphường",
    "Đạt,\nvượt",
    "Đúng\ntiến độ",
    "Chưa\nđạt",
    "Chưa có\nsố liệu",
    "Đạt hoặc đúng\ntiến độ (%)",
    "Tổng",
    "Số xã,\nphường cộng",
];

/// The value a row sorts by in `column` (numbers before names).
fn key(i: usize, r: &IndicatorRow, column: usize) -> (f64, String) {
    let n = |x: usize| (x as f64, String::new());
    match column {
        1 => (0.0, crate::import::fold(&r.name)),
        2 => (0.0, crate::import::fold(&r.unit)),
        3 => n(r.communes()),
        4 => n(r.met),
        5 => n(r.on_track),
        6 => n(r.not_met),
        7 => n(r.no_data),
        8 => (r.on_course_share(), String::new()),
        9 => (
            r.total.map_or(f64::NEG_INFINITY, |t| t.value),
            String::new(),
        ),
        10 => n(r.total.map_or(0, |t| t.communes)),
        _ => n(i),
    }
}

/// The period chooser, then the table of the tab chosen and the files not taken.
pub fn tables(ui: &mut egui::Ui, agg: &Aggregate, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label("Kỳ tổng hợp:");
        egui::ComboBox::from_id_salt("tong-hop-ky")
            .selected_text(agg.period.label())
            .show_ui(ui, |ui| {
                for (p, files) in agg.periods.iter().rev() {
                    let label = format!("{} ({files} tệp)", p.label());
                    if ui.selectable_label(*p == agg.period, label).clicked() && *p != agg.period {
                        out.push(Command::AggregatePeriod(*p));
                    }
                }
            });
        ui.label(agg.period_note());
    });
    ui.label(format!(
        "{} xã, phường; {} chỉ tiêu; {} tệp không lấy.",
        agg.communes.len(),
        agg.indicators.len(),
        agg.skipped.len()
    ));
    let tab_id = egui::Id::unique("tong-hop-bang");
    let mut tab: Tab = ui.data(|d| d.get_temp(tab_id)).unwrap_or_default();
    ui.horizontal(|ui| {
        ui.selectable_value(&mut tab, Tab::Indicators, "Bảng chỉ tiêu");
        ui.selectable_value(&mut tab, Tab::Communes, "Bảng xã, phường");
    });
    ui.data_mut(|d| d.insert_temp(tab_id, tab));
    egui::ScrollArea::both()
        .max_height(ui.available_height() - 120.0)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            match tab {
                Tab::Indicators => indicator_table(ui, agg),
                Tab::Communes => commune_table(ui, agg),
            }
            skipped(ui, agg);
        });
}

fn indicator_table(ui: &mut egui::Ui, agg: &Aggregate) {
    let sort_id = egui::Id::unique("tong-hop-sap-xep");
    let mut sort: Sort = ui.data(|d| d.get_temp(sort_id)).unwrap_or_default();
    let mut order: Vec<usize> = (0..agg.indicators.len()).collect();
    if let Some(column) = sort.column {
        order.sort_by(|a, b| {
            let (ka, kb) = (
                key(*a, &agg.indicators[*a], column),
                key(*b, &agg.indicators[*b], column),
            );
            let o =
                ka.0.total_cmp(&kb.0)
                    .then_with(|| ka.1.cmp(&kb.1))
                    .then_with(|| a.cmp(b));
            if sort.descending { o.reverse() } else { o }
        });
    }
    egui::Grid::new("tong-hop-chi-tieu")
        .striped(true)
        .num_columns(INDICATOR_HEADERS.len())
        .show(ui, |ui| {
            for (c, h) in INDICATOR_HEADERS.iter().enumerate() {
                let arrow = match sort.column {
                    Some(s) if s == c && sort.descending => " ▼",
                    Some(s) if s == c => " ▲",
                    _ => "",
                };
                let clicked = ui
                    .add(
                        egui::Button::new(egui::RichText::new(format!("{h}{arrow}")).strong())
                            .frame(false),
                    )
                    .on_hover_text("Bấm để sắp xếp theo cột này; bấm lần nữa để đảo chiều.")
                    .clicked();
                if clicked {
                    sort = if sort.column == Some(c) {
                        Sort {
                            column: Some(c),
                            descending: !sort.descending,
                        }
                    } else {
                        Sort {
                            column: Some(c),
                            descending: false,
                        }
                    };
                }
            }
            ui.end_row();
            for i in order {
                let Some(r) = agg.indicators.get(i) else {
                    continue;
                };
                ui.label((i + 1).to_string());
                // Read from the left, as the printed table does; cut at the column's width.
                ui.allocate_ui_with_layout(
                    egui::vec2(340.0, 18.0),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_width(340.0);
                        ui.add(egui::Label::new(r.name.as_str()).truncate())
                            .on_hover_text(r.name.as_str());
                    },
                );
                ui.label(r.unit.as_str());
                for n in [r.communes(), r.met, r.on_track, r.not_met, r.no_data] {
                    ui.label(n.to_string());
                }
                ui.label(appendix::on_course_label(r));
                ui.label(appendix::total_label(r));
                ui.label(r.total.map_or("—".to_owned(), |t| t.communes.to_string()));
                ui.end_row();
            }
        });
    ui.data_mut(|d| d.insert_temp(sort_id, sort));
    ui.label(crate::aggregate::xlsx::ON_COURSE_NOTE);
    ui.label(crate::aggregate::totals::TOTAL_NOTE);
}

fn commune_table(ui: &mut egui::Ui, agg: &Aggregate) {
    let headers = [
        "TT",
        "Xã, phường",
        "Chỉ tiêu",
        "Đạt, vượt",
        "Đúng tiến độ",
        "Chưa đạt",
        "Chưa có số liệu",
        "Nhiệm vụ",
        "Hoàn thành",
        "Quá hạn",
    ];
    egui::Grid::new("tong-hop-xa")
        .striped(true)
        .num_columns(headers.len())
        .show(ui, |ui| {
            for h in headers {
                ui.strong(h);
            }
            ui.end_row();
            for (i, c) in agg.communes.iter().enumerate() {
                ui.label((i + 1).to_string());
                ui.label(&c.name)
                    .on_hover_text(c.file.display().to_string());
                for n in [
                    c.indicators.len(),
                    c.met,
                    c.on_track,
                    c.not_met,
                    c.no_data,
                    c.tasks.total,
                    c.tasks.done,
                ] {
                    ui.label(n.to_string());
                }
                let overdue = c.tasks.overdue.len().to_string();
                if !c.tasks.overdue.is_empty() {
                    ui.colored_label(ui.visuals().warn_fg_color, overdue);
                } else {
                    ui.label(overdue);
                }
                ui.end_row();
            }
        });
}

fn skipped(ui: &mut egui::Ui, agg: &Aggregate) {
    if agg.skipped.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Tệp không lấy ({})", agg.skipped.len()))
        .default_open(false)
        .show(ui, |ui| {
            if agg
                .skipped
                .iter()
                .any(|s| s.reason == SkipReason::HasErrors)
            {
                ui.label(crate::aggregate::VALIDITY_RULE);
            }
            for s in &agg.skipped {
                ui.label(format!(
                    "{}: {} — {}",
                    s.file.display(),
                    s.reason.label(),
                    s.detail
                ));
            }
        });
}
