//! ui: the table layout shared by the period panels (indicators, tasks): columns fitted
//! to the panel's width, cells that wrap long names instead of widening the table, a
//! header that stays above the scrolling rows, and optional row backgrounds.

use eframe::egui::{self, Align, Color32, Layout, RichText, Shape, Stroke, Ui, UiBuilder, vec2};

/// Horizontal gap between cells.
const GAP: f32 = 8.0;

/// A column: its header, the narrowest it may be, and its share of spare width.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Column {
    pub(crate) header: String,
    pub(crate) min_width: f32,
    pub(crate) grow: f32,
}

impl Column {
    pub(crate) fn new(header: impl Into<String>, min_width: f32, grow: f32) -> Self {
        Self {
            header: header.into(),
            min_width,
            grow,
        }
    }
}

/// Widths of `columns` filling `available` points with `gap` between cells: every
/// column gets its minimum, the rest is shared by the `grow` weights. When the panel
/// is too narrow the minimums are kept (the table then scrolls sideways).
pub(crate) fn fit_widths(columns: &[Column], available: f32, gap: f32) -> Vec<f32> {
    let gaps = gap * columns.len().saturating_sub(1) as f32;
    let min_total: f32 = columns.iter().map(|c| c.min_width).sum::<f32>() + gaps;
    let spare = (available - min_total).max(0.0);
    let weights: f32 = columns.iter().map(|c| c.grow.max(0.0)).sum();
    columns
        .iter()
        .map(|c| {
            if weights > 0.0 {
                c.min_width + spare * c.grow.max(0.0) / weights
            } else {
                c.min_width
            }
        })
        .collect()
}

/// Draws a table: the header row, then `body` in a vertical scroll area below it.
pub(crate) fn show(
    ui: &mut Ui,
    id_salt: &str,
    columns: &[Column],
    body: impl FnOnce(&mut Ui, &Widths),
) {
    let scrollbar = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin + 4.0;
    let widths = Widths(fit_widths(
        columns,
        (ui.available_width() - scrollbar).max(0.0),
        GAP,
    ));
    egui::ScrollArea::horizontal()
        .id_salt((id_salt, "ngang"))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let header_fill = ui.visuals().widgets.noninteractive.bg_fill;
            row(ui, &widths, Some(header_fill), None, |r| {
                for c in columns {
                    r.cell(|ui| {
                        ui.add(egui::Label::new(RichText::new(&c.header).strong()).wrap());
                    });
                }
            });
            // As wide as the table even when the panel is narrower, so that the rows
            // scroll sideways together with the header.
            let body_rect = egui::Rect::from_min_size(
                ui.cursor().min,
                vec2(
                    widths.rest(0).max(ui.available_width()),
                    ui.available_height(),
                ),
            );
            ui.scope_builder(UiBuilder::new().max_rect(body_rect), |ui| {
                egui::ScrollArea::vertical()
                    .id_salt((id_salt, "doc"))
                    .auto_shrink([false, false])
                    .show(ui, |ui| body(ui, &widths));
            });
        });
}

/// The fitted column widths of a table.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Widths(Vec<f32>);

impl Widths {
    fn get(&self, index: usize) -> f32 {
        self.0.get(index).copied().unwrap_or(0.0)
    }

    /// Width of the cells from `from` to the end, gaps included.
    fn rest(&self, from: usize) -> f32 {
        let cells = self.0.get(from..).unwrap_or_default();
        cells.iter().sum::<f32>() + GAP * cells.len().saturating_sub(1) as f32
    }
}

/// The cells of one row being drawn, left to right.
pub(crate) struct Row<'a> {
    ui: &'a mut Ui,
    widths: &'a Widths,
    next: usize,
}

impl Row<'_> {
    /// The next cell, as wide as its column; what does not fit wraps downwards.
    pub(crate) fn cell<R>(&mut self, add: impl FnOnce(&mut Ui) -> R) -> R {
        let width = self.widths.get(self.next);
        self.next += 1;
        self.sized(width, add)
    }

    /// One cell over all the remaining columns (group titles, messages).
    pub(crate) fn rest<R>(&mut self, add: impl FnOnce(&mut Ui) -> R) -> R {
        let width = self.widths.rest(self.next);
        self.next = self.widths.0.len();
        self.sized(width, add)
    }

    fn sized<R>(&mut self, width: f32, add: impl FnOnce(&mut Ui) -> R) -> R {
        self.ui
            .allocate_ui_with_layout(vec2(width, 0.0), Layout::top_down(Align::Min), |ui| {
                ui.set_width(width);
                add(ui)
            })
            .inner
    }
}

/// Draws one row with an optional background, and a thin rule under it. A `name`
/// makes the row a named table row for screen readers (and tests), e.g. `Chỉ tiêu CT01`.
pub(crate) fn row<R>(
    ui: &mut Ui,
    widths: &Widths,
    fill: Option<Color32>,
    name: Option<String>,
    add: impl FnOnce(&mut Row<'_>) -> R,
) -> R {
    let background = ui.painter().add(Shape::Noop);
    let mut builder = UiBuilder::new().layout(Layout::left_to_right(Align::Min));
    if let Some(name) = name {
        builder = builder
            .accessibility_role(egui::accesskit::Role::Row)
            .accessibility_label(name);
    }
    let inner = ui.scope_builder(builder, |ui| {
        ui.spacing_mut().item_spacing.x = GAP;
        let mut r = Row {
            ui,
            widths,
            next: 0,
        };
        add(&mut r)
    });
    let rect = inner.response.rect.expand2(vec2(3.0, 2.0));
    if let Some(fill) = fill {
        ui.painter()
            .set(background, egui::epaint::RectShape::filled(rect, 2.0, fill));
    }
    let rule: Stroke = ui.visuals().widgets.noninteractive.bg_stroke;
    ui.painter().hline(rect.x_range(), rect.bottom(), rule);
    inner.inner
}

/// A one-line note of a period panel (an indicator's evidence, a task's note), kept in
/// `buffers` while typed; line breaks typed or pasted become spaces. The line, when the
/// clerk changed it to differ from `stored`, to record. `field` is the field's id salt,
/// its hint and its name for screen readers.
pub(super) fn note_line<K: std::hash::Hash + Eq>(
    ui: &mut egui::Ui,
    buffers: &mut super::field_buffers::FieldBuffers<K>,
    key: K,
    stored: &str,
    (salt, hint, name): (impl egui::AsIdSalt, &str, String),
) -> Option<String> {
    let mut text = buffers.shown(&key, stored);
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .id_salt(salt)
                .hint_text(hint)
                .desired_rows(1)
                .return_key(None::<egui::KeyboardShortcut>)
                .desired_width(f32::INFINITY),
        )
        .accessible_name(name);
    if !response.changed() {
        buffers.settle(&key, stored, response.has_focus(), |_| false);
        return None;
    }
    let line = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
    buffers.typed(key, text, stored, Some(line.clone()));
    (line != stored).then_some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spare_width_goes_to_the_growing_columns_by_weight() {
        let cols = [
            Column::new("TT", 20.0, 0.0),
            Column::new("Tên", 100.0, 3.0),
            Column::new("Ghi chú", 50.0, 1.0),
        ];
        let w = fit_widths(&cols, 20.0 + 100.0 + 50.0 + 2.0 * 10.0 + 40.0, 10.0);
        assert_eq!(w, [20.0, 130.0, 60.0]);
    }

    #[test]
    fn a_narrow_panel_keeps_the_minimum_widths() {
        let cols = [Column::new("A", 40.0, 1.0), Column::new("B", 60.0, 1.0)];
        assert_eq!(fit_widths(&cols, 50.0, 8.0), [40.0, 60.0]);
    }

    #[test]
    fn a_cell_over_the_remaining_columns_includes_their_gaps() {
        let w = Widths(vec![10.0, 20.0, 30.0]);
        assert_eq!(w.rest(1), 20.0 + 30.0 + GAP);
        assert_eq!(w.rest(3), 0.0);
    }
}
