//! ui: the grid editor of a table typed in a section ("Sửa bảng"): header and cells as
//! text boxes, rows and columns added or removed, a row made a group heading across
//! the table, each column's width and alignment. The table goes back into the
//! section's text in the section format ([`crate::model::rich::Grid`]).

use eframe::egui;

use super::command::Command;
use crate::edit::Edit;
use crate::model::rich::{self, CellAlign, ColumnSpec, Grid, GridRow};

/// A table open in the grid editor.
#[derive(Clone, Debug)]
pub struct GridEdit {
    pub section: String,
    /// Byte range of the table in the section's text when it was opened.
    pub range: std::ops::Range<usize>,
    /// The table's text when it was opened, to notice a change meanwhile.
    pub original: String,
    pub grid: Grid,
    /// Why the table could not be put back, shown in the window.
    pub problem: Option<String>,
    /// Rows deleted in this editor, last last, with where they stood: "Hoàn lại hàng
    /// vừa xóa" puts them back one by one.
    pub removed: Vec<(usize, GridRow)>,
}

impl GridEdit {
    /// The table around the character `cursor` of `body`, if the cursor is in one.
    pub fn open(section: &str, body: &str, cursor: usize) -> Option<Self> {
        let at = body
            .char_indices()
            .nth(cursor)
            .map_or(body.len(), |(b, _)| b);
        let range = rich::table_around(body, at)?;
        let original = body.get(range.clone())?.to_owned();
        let grid = Grid::from_lines(&original.lines().collect::<Vec<_>>());
        Some(Self {
            section: section.to_owned(),
            range,
            original,
            grid,
            problem: None,
            removed: Vec::new(),
        })
    }
}

/// What the window asks for after a frame.
pub enum Outcome {
    Open,
    Close,
}

/// Draws the grid editor; on "Xong" pushes the new section text.
pub fn show(
    ctx: &egui::Context,
    report: &crate::model::Report,
    edit: &mut GridEdit,
    out: &mut Vec<Command>,
) -> Outcome {
    let mut outcome = Outcome::Open;
    egui::Window::new("Sửa bảng")
        .collapsible(false)
        .resizable(true)
        .default_width(760.0)
        .show(ctx, |ui| {
            egui::ScrollArea::both().max_height(420.0).show(ui, |ui| {
                grid_ui(ui, &mut edit.grid, &mut edit.removed);
            });
            ui.horizontal(|ui| {
                if !edit.removed.is_empty()
                    && ui
                        .button("Hoàn lại hàng vừa xóa")
                        .on_hover_text("Đặt lại hàng đã xóa vào chỗ cũ")
                        .clicked()
                    && let Some((at, row)) = edit.removed.pop()
                {
                    let at = at.min(edit.grid.rows.len());
                    edit.grid.rows.insert(at, row);
                }
                if ui.button("+ Thêm hàng").clicked() {
                    let w = edit.grid.width();
                    edit.grid.rows.push(GridRow {
                        cells: vec![String::new(); w],
                        group: false,
                    });
                }
                if ui.button("+ Thêm cột").clicked() && edit.grid.width() < rich::MAX_COLUMNS {
                    add_column(&mut edit.grid);
                }
                if ui.button("− Bớt cột cuối").clicked() && edit.grid.width() > 1 {
                    remove_last_column(&mut edit.grid);
                }
                let mut header = !edit.grid.header.is_empty();
                if ui.checkbox(&mut header, "Có hàng tiêu đề").changed() {
                    edit.grid.header = if header {
                        vec![String::new(); edit.grid.width()]
                    } else {
                        Vec::new()
                    };
                }
            });
            if let Some(p) = &edit.problem {
                ui.colored_label(egui::Color32::from_rgb(0xc0, 0x10, 0x10), p);
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Xong").clicked() {
                    match put_back(report, edit) {
                        Ok(text) => {
                            out.push(Command::SealTyping);
                            out.push(Command::Edit(Edit::SectionBody {
                                report: report.id.clone(),
                                section: edit.section.clone(),
                                text,
                            }));
                            out.push(Command::SealTyping);
                            outcome = Outcome::Close;
                        }
                        Err(e) => edit.problem = Some(e),
                    }
                }
                if ui.button("Hủy").clicked() {
                    outcome = Outcome::Close;
                }
            });
        });
    outcome
}

/// The section's text with the edited table in place of the original.
fn put_back(report: &crate::model::Report, edit: &GridEdit) -> Result<String, String> {
    let body = report
        .section(&edit.section)
        .map(|s| s.body.as_str())
        .ok_or("Mục chứa bảng không còn trong báo cáo.")?;
    if body.get(edit.range.clone()) != Some(edit.original.as_str()) {
        return Err(
            "Nội dung của mục đã thay đổi sau khi mở bảng; hãy bấm Hủy rồi mở lại bảng để sửa."
                .to_owned(),
        );
    }
    let mut text = body.to_owned();
    text.replace_range(edit.range.clone(), &edit.grid.to_text());
    Ok(text)
}

fn add_column(g: &mut Grid) {
    g.columns.push(ColumnSpec::default());
    if !g.header.is_empty() {
        g.header.push(String::new());
    }
    for r in g.rows.iter_mut().filter(|r| !r.group) {
        r.cells.push(String::new());
    }
}

fn remove_last_column(g: &mut Grid) {
    g.columns.pop();
    if !g.header.is_empty() {
        g.header.pop();
    }
    for r in g.rows.iter_mut().filter(|r| !r.group) {
        r.cells.pop();
    }
}

fn grid_ui(ui: &mut egui::Ui, g: &mut Grid, removed: &mut Vec<(usize, GridRow)>) {
    let w = g.width();
    let cell_width = |spec: &ColumnSpec| 60.0 + 6.0 * spec.dashes.clamp(3, 40) as f32;
    egui::Grid::new("luoi-bang").striped(true).show(ui, |ui| {
        ui.label("");
        for (i, c) in g.columns.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(&mut c.dashes)
                        .range(1..=40)
                        .prefix("rộng "),
                )
                .on_hover_text("Độ rộng tương đối của cột")
                .accessible_name(format!("Độ rộng cột {}", i + 1));
                egui::ComboBox::from_id_salt(("can-le", i))
                    .width(70.0)
                    .selected_text(align_label(c.align))
                    .show_ui(ui, |ui| {
                        for a in [CellAlign::Left, CellAlign::Center, CellAlign::Right] {
                            ui.selectable_value(&mut c.align, a, align_label(a));
                        }
                    })
                    .response
                    .accessible_name(format!("Căn lề cột {}", i + 1));
            });
        }
        ui.end_row();
        if !g.header.is_empty() {
            ui.label("Tiêu đề");
            for (i, h) in g.header.iter_mut().enumerate() {
                let width = g.columns.get(i).map_or(120.0, cell_width);
                ui.add(
                    egui::TextEdit::singleline(h)
                        .desired_width(width)
                        .hint_text(format!("Cột {}", i + 1)),
                )
                .accessible_name(format!("Tiêu đề cột {}", i + 1));
            }
            ui.end_row();
        }
        let mut remove = None;
        for (r, row) in g.rows.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                // Clicked only: Tab goes from cell to cell as in Word or Excel, never to a
                // row's buttons, where Space would act on them.
                if ui
                    .add(egui::Button::new("Xóa").small().sense(egui::Sense::CLICK))
                    .on_hover_text("Xóa hàng này (hoàn lại được)")
                    .accessible_name(format!("Xóa hàng {}", r + 1))
                    .clicked()
                {
                    remove = Some(r);
                }
                if ui
                    .add(egui::Button::selectable(row.group, "Gộp").sense(egui::Sense::CLICK))
                    .on_hover_text("Một ô trải hết chiều ngang bảng (tên nhóm)")
                    .accessible_name(format!("Gộp hàng {}", r + 1))
                    .clicked()
                {
                    let group = !row.group;
                    row.group = group;
                    if group {
                        row.cells.truncate(1);
                        if row.cells.is_empty() {
                            row.cells.push(String::new());
                        }
                    } else {
                        row.cells.resize(w, String::new());
                    }
                }
            });
            if row.group {
                if let Some(c) = row.cells.first_mut() {
                    ui.add(egui::TextEdit::singleline(c).desired_width(240.0))
                        .accessible_name(format!("Ô hàng {} cột 1", r + 1));
                }
                for _ in 1..w {
                    ui.label("");
                }
            } else {
                for (i, c) in row.cells.iter_mut().enumerate() {
                    let width = g.columns.get(i).map_or(120.0, cell_width);
                    ui.add(egui::TextEdit::singleline(c).desired_width(width))
                        .accessible_name(format!("Ô hàng {} cột {}", r + 1, i + 1));
                }
            }
            ui.end_row();
        }
        if let Some(r) = remove
            && r < g.rows.len()
        {
            removed.push((r, g.rows.remove(r)));
        }
    });
}

fn align_label(a: CellAlign) -> &'static str {
    match a {
        CellAlign::Left => "Trái",
        CellAlign::Center => "Giữa",
        CellAlign::Right => "Phải",
    }
}
