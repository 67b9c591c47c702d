//! The menu bar (Tệp, Sửa, Báo cáo, Trợ giúp) and the toolbar under it.

use std::path::PathBuf;

use eframe::egui;

use super::action::Action;
use super::command::{Command, PdfKind};
use crate::model::Project;

/// What the menu bar and toolbar read.
pub struct MenuView<'a> {
    /// Recently opened files, newest first.
    pub recent: &'a [PathBuf],
    pub project: Option<&'a Project>,
    /// The report being edited.
    pub report_id: Option<&'a str>,
    pub can_undo: bool,
    pub can_redo: bool,
}

/// Draws the menu bar and toolbar; the chosen commands go to `out`.
pub fn show_menu(ui: &mut egui::Ui, app: &MenuView, out: &mut Vec<Command>) {
    egui::Panel::top("thuc-don").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("Tệp", |ui| {
                action(ui, Action::New, out);
                action(ui, Action::Open, out);
                item(ui, "Mở báo cáo Word…", "", Command::OpenWordReport, out);
                ui.menu_button("Mở gần đây", |ui| {
                    if app.recent.is_empty() {
                        ui.label("(chưa có)");
                    }
                    for p in app.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Command::OpenPath(p.clone()));
                        }
                    }
                });
                ui.separator();
                action(ui, Action::Save, out);
                action(ui, Action::SaveAs, out);
                ui.separator();
                item(ui, "Nhập chỉ tiêu, nhiệm vụ từ bảng…", "", Command::ImportTable, out);
                item(ui, "Nhập kế hoạch…", "", Command::ImportPlan, out);
                item(ui, "Soạn thông báo điều chỉnh…", "", Command::NewNotice(None), out);
                item(ui, "Tổng hợp nhiều xã…", "", Command::OpenAggregate, out);
                ui.separator();
                action(ui, Action::ExportPdf, out);
                item(ui, "Xuất bản xem xét (kèm góp ý)…", "", Command::ExportReviewCopy, out);
                item(ui, "Xuất bản ký số…", "", Command::ExportSignReady, out);
                item(ui, "Xuất Word…", "", Command::ExportDocx(PdfKind::Report), out);
                item(ui, "Xuất bản xem xét ra Word (kèm góp ý)…", "", Command::ExportDocx(PdfKind::ReviewCopy), out);
                action(ui, Action::Print, out);
                ui.separator();
                item(ui, "Thoát", "", Command::Quit, out);
            });
            ui.menu_button("Sửa", |ui| {
                let (can_undo, can_redo) = (app.can_undo, app.can_redo);
                ui.add_enabled_ui(can_undo, |ui| action(ui, Action::Undo, out));
                ui.add_enabled_ui(can_redo, |ui| action(ui, Action::Redo, out));
                ui.separator();
                action(ui, Action::Find, out);
                action(ui, Action::Replace, out);
                ui.separator();
                action(ui, Action::SelectAll, out);
            });
            ui.menu_button("Kế hoạch", |ui| {
                item(ui, "Điều chỉnh kế hoạch…", "", Command::AskPlanRevision, out);
            });
            ui.menu_button("Báo cáo", |ui| {
                item(ui, "Báo cáo mới cho một kỳ…", "", Command::AskNewReport, out);
                if let Some(project) = app.project {
                    ui.separator();
                    for r in &project.reports {
                        let label = report_label(r);
                                let current = app.report_id == Some(r.id.as_str());
                        if ui.selectable_label(current, label).clicked() {
                            out.push(Command::SelectReport(r.id.clone()));
                            ui.close();
                        }
                    }
                }
            });
            ui.menu_button("Góp ý", |ui| {
                item(ui, "Người dùng…", "", Command::AskPreferences, out);
                item(ui, "Góp ý và duyệt", "", Command::SelectStep(crate::guide::Step::Duyet), out);
                item(ui, "Gộp góp ý từ tệp góp ý", "", Command::MergeReviewFiles, out);
                item(ui, "Nhập góp ý từ tệp Word…", "", Command::ImportWordComments, out);
            });
            ui.menu_button("Xem", |ui| {
                action(ui, Action::ZoomIn, out);
                action(ui, Action::ZoomOut, out);
                action(ui, Action::ZoomReset, out);
            });
            ui.menu_button("Trợ giúp", |ui| {
                action(ui, Action::Help, out);
                if ui.button("Phím tắt").clicked() {
                    out.push(Command::ShowMessage {
                        title: "Phím tắt".to_owned(),
                        text: shortcuts_page(),
                    });
                    ui.close();
                }
                if ui.button("Giới thiệu").clicked() {
                    out.push(Command::ShowMessage {
                        title: "Giới thiệu".to_owned(),
                        text: format!(
                            "baocao {} — soạn, duyệt và in báo cáo sơ kết thực hiện Nghị quyết 57-NQ/TW theo thể thức Nghị định 30/2020/NĐ-CP.\nPhông chữ Liberation Serif và Liberation Sans (giấy phép SIL OFL 1.1).",
                            env!("CARGO_PKG_VERSION")
                        ),
                    });
                    ui.close();
                }
            });
        });
        ui.horizontal(|ui| {
            let tool = |ui: &mut egui::Ui, text: &str, tip: &str, c: Command, out: &mut Vec<Command>| {
                if ui.button(text).on_hover_text(tip).clicked() {
                    out.push(c);
                }
            };
            tool(ui, "Mở", "Mở tệp dự án (Ctrl+O)", Command::Open, out);
            tool(ui, "Lưu", "Lưu tệp dự án (Ctrl+S)", Command::Save, out);
            ui.separator();
            tool(ui, "Hoàn tác", "Hoàn tác (Ctrl+Z)", Command::Undo, out);
            tool(ui, "Làm lại", "Làm lại (Ctrl+Y)", Command::Redo, out);
            ui.separator();
            tool(ui, "Xuất PDF", "Xuất báo cáo ra PDF (Ctrl+E)", Command::ExportPdf, out);
            tool(ui, "In", "In báo cáo (Ctrl+P)", Command::Print, out);
            ui.separator();
            if let Some(project) = app.project {
                let current = app
                    .report_id
                    .and_then(|id| project.report(id))
                    .map(|r| format!("Báo cáo {}", r.period.short_label()))
                    .unwrap_or_else(|| "Chọn báo cáo".to_owned());
                egui::ComboBox::from_id_salt("chon-bao-cao")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for r in &project.reports {
                            let label = report_label(r);
                            if ui
                                .selectable_label(app.report_id == Some(r.id.as_str()), label)
                                .clicked()
                            {
                                out.push(Command::SelectReport(r.id.clone()));
                            }
                        }
                    })
                    .response
                    .accessible_name("Chọn báo cáo");
            }
        });
    });
}

/// A report as the lists name it: its period (a notice: its kind) and its status.
fn report_label(r: &crate::model::Report) -> String {
    let what = if r.document.is_report() {
        r.period.short_label()
    } else {
        format!("{} điều chỉnh kế hoạch", r.document.name())
    };
    format!("{what} — {}", r.review.status.label())
}

/// The menu entry of an action: its label and its first shortcut.
fn action(ui: &mut egui::Ui, a: Action, out: &mut Vec<Command>) {
    item(ui, a.label(), &a.shortcut_text(), a.command(), out);
}

fn item(ui: &mut egui::Ui, text: &str, shortcut: &str, c: Command, out: &mut Vec<Command>) {
    let mut b = egui::Button::new(text);
    if !shortcut.is_empty() {
        b = b.shortcut_text(shortcut);
    }
    if ui.add(b).clicked() {
        out.push(c);
        ui.close();
    }
}

/// The short help page (F1, Trợ giúp › Hướng dẫn sử dụng).
pub fn help() -> Command {
    Command::ShowMessage {
        title: "Hướng dẫn sử dụng".to_owned(),
        text: HELP.to_owned(),
    }
}

/// Keys of the text box being written, beside the window's own.
const TEXT_KEYS: &str = "Ctrl+B  chữ đậm   Ctrl+I  chữ nghiêng   Ctrl+U  gạch chân
Tab / Shift+Tab  lùi ý liệt kê vào / ra một cấp
Ctrl+Home / Ctrl+End  về đầu / cuối ô đang soạn
Chuột phải trong ô chữ: Cắt, Chép, Dán, Chọn tất cả";

/// Trợ giúp › Phím tắt: the window's keys, from the one table of actions, then the
/// text box's.
fn shortcuts_page() -> String {
    let mut lines = Action::help_lines();
    lines.push(TEXT_KEYS.to_owned());
    lines.join("\n")
}

const HELP: &str = "1. Chọn báo cáo (hoặc Báo cáo › Báo cáo mới cho một kỳ…).
2. Đi lần lượt các bước ở cột bên trái: mỗi bước có hướng dẫn và câu gợi ý; bấm vào câu gợi ý để chèn.
3. Mỗi dòng văn bản là một đoạn; dòng bắt đầu bằng “- ” hoặc “+ ” là ý liệt kê. Số mục (I., 1., 2.1., a)) được đánh tự động.
4. Ở bước Chỉ tiêu và Nhiệm vụ, nhập số liệu của kỳ; bảng kết quả trong báo cáo được tạo tự động.
5. Trang xem trước bên phải là đúng bản sẽ in; bấm vào một phần của trang để đến bước soạn phần đó.
6. Ctrl+S để lưu, Ctrl+E để xuất PDF, Ctrl+P để in (chọn máy in, số bản, các trang). Chương trình tự lưu bản dự phòng mỗi 30 giây.
7. Chữ trong cửa sổ nhỏ quá hoặc to quá: Xem › Phóng to / Thu nhỏ giao diện (Ctrl++ / Ctrl+−); cỡ đã chọn được nhớ cho lần sau.
Các phím tắt khác: Trợ giúp › Phím tắt.";
