//! ui: "Tùy chọn bảng chỉ tiêu khi in", at the Chỉ tiêu step: which columns the printed
//! indicator table has and how its rows are numbered. Records [`Edit::IndicatorTable`]
//! for the section that holds the table (the indicator appendix prints the same way).

use eframe::egui;

use crate::edit::Edit;
use crate::model::{Generated, IndicatorColumn, Report, TableNumbering};

/// The title of the collapsible part.
pub const TITLE: &str = "Tùy chọn bảng chỉ tiêu khi in";

/// Draws the options of `report`'s indicator table and pushes what the clerk changes.
pub fn show(ui: &mut egui::Ui, report: &Report, edits: &mut Vec<Edit>) {
    let section = report
        .all_sections()
        .into_iter()
        .find(|s| s.generated == Some(Generated::IndicatorTable));
    egui::CollapsingHeader::new(TITLE)
        .id_salt("tuy-chon-bang-chi-tieu")
        .show(ui, |ui| {
            let Some(section) = section else {
                ui.label(
                    "Báo cáo chưa có mục in bảng kết quả các chỉ tiêu, nên không có bảng để chọn cột.",
                );
                return;
            };
            let options = &section.indicator_table;
            let send = |edits: &mut Vec<Edit>, options| {
                edits.push(Edit::IndicatorTable {
                    report: report.id.clone(),
                    section: section.id.clone(),
                    options,
                });
            };
            ui.label("Các cột in trong bảng:");
            let shown = options.printed_columns().len();
            ui.horizontal_wrapped(|ui| {
                for column in IndicatorColumn::ALL {
                    let mut on = options.shows(column);
                    // The last column left cannot be taken away: a table needs one.
                    let enabled = !(on && shown == 1);
                    let r = ui.add_enabled(enabled, egui::Checkbox::new(&mut on, column.label()));
                    if r.changed() {
                        send(edits, options.with_column(column, on));
                    }
                }
            });
            ui.horizontal(|ui| {
                for numbering in [TableNumbering::Continuous, TableNumbering::PerGroup] {
                    if ui
                        .radio(options.numbering == numbering, numbering.label())
                        .clicked()
                        && options.numbering != numbering
                    {
                        let mut new = options.clone();
                        new.numbering = numbering;
                        send(edits, new);
                    }
                }
            });
        });
}
