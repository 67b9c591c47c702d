//! A window hosting the two period panels (indicators, tasks) in tabs over the bundled
//! sample, applying their edits to its own copy with undo, to look at them as a clerk
//! would. The side panels only take the room the real window gives its neighbours, so
//! that the period panels get roughly 700 × 600 points of a 1366 × 768 screen.
//!
//! ```text
//! cargo run --example period_demo [-- tasks] [light]
//! ```

use baocao::edit::History;
use baocao::model::{Period, PeriodKind, Project};
/// The sample project's file in the source tree.
const SAMPLE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/mau-binh-minh-hai.ron");
use baocao::ui::indicators::IndicatorsPanel;
use baocao::ui::tasks::TasksPanel;
use eframe::egui;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Indicators,
    Tasks,
}

struct Demo {
    project: Project,
    history: History,
    period: Period,
    tab: Tab,
    indicators: IndicatorsPanel,
    tasks: TasksPanel,
    message: String,
}

impl eframe::App for Demo {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let mut edits = Vec::new();
        let undo = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z));
        egui::Panel::top("thanh-tren").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut self.tab, Tab::Indicators, "Chỉ tiêu");
                ui.selectable_value(&mut self.tab, Tab::Tasks, "Nhiệm vụ");
                ui.separator();
                if ui
                    .add_enabled(self.history.can_undo(), egui::Button::new("Hoàn tác"))
                    .clicked()
                {
                    self.history.undo(&mut self.project);
                }
                ui.label(&self.message);
            });
        });
        egui::Panel::left("dieu-huong")
            .exact_size(200.0)
            .show(ui, |ui| {
                ui.heading("Báo cáo");
                ui.label(self.period.short_label());
            });
        egui::Panel::right("xem-truoc")
            .exact_size(420.0)
            .show(ui, |ui| {
                ui.heading("Xem trước");
            });
        egui::CentralPanel::default().show(ui, |ui| match self.tab {
            Tab::Indicators => self
                .indicators
                .show(ui, &self.project, self.period, &mut edits),
            Tab::Tasks => {
                let on = self.period.end_date().unwrap_or_default();
                self.tasks
                    .show(ui, &self.project, self.period, on, &mut edits);
            }
        });
        if undo {
            self.history.undo(&mut self.project);
        }
        for edit in edits {
            self.message = format!("{edit:?}");
            if let Err(e) = self.history.apply(&mut self.project, edit) {
                self.message = e.to_string();
            }
        }
    }
}

fn install_fonts(ctx: &egui::Context) {
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "LiberationSans",
        egui::FontData::from_static(include_bytes!("../fonts/LiberationSans-Regular.ttf")),
        vec![egui::epaint::text::InsertFontFamily {
            family: egui::FontFamily::Proportional,
            priority: egui::epaint::text::FontPriority::Highest,
        }],
    ));
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let project = baocao::storage::load(std::path::Path::new(SAMPLE_PATH))?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tab = if args.iter().any(|a| a == "tasks") {
        Tab::Tasks
    } else {
        Tab::Indicators
    };
    let light = args.iter().any(|a| a == "light");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("period_demo")
            .with_inner_size([1366.0, 768.0]),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "period_demo",
        options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            if light {
                cc.egui_ctx.set_theme(egui::Theme::Light);
            }
            Ok(Box::new(Demo {
                project,
                history: History::default(),
                period: Period::new(2026, PeriodKind::Quarter(2)),
                tab,
                indicators: IndicatorsPanel::new(),
                tasks: TasksPanel::new(),
                message: String::new(),
            }) as Box<dyn eframe::App>)
        }),
    )?;
    Ok(())
}
