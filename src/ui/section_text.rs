//! ui, editor: the text of a section. A text without tables is one text box (the
//! rich layouter, Tab for list levels, fields on chips, a paste of several lines
//! looked at first). A text with tables shows each table inline as a grid of cells
//! (Tab goes cell to cell, rows added and removed as undoable edits) between text
//! boxes for the text around it; “Hiện mã bảng” shows the raw `|` lines instead.
//! Commands only; the section's text changes through `Edit::SectionBody`.

use eframe::egui;

use super::command::Command;
use super::editor::{EditorState, View, body_id, format_bar};
use crate::edit::Edit;
use crate::model::Section;
use crate::model::rich::{self, ColumnSpec, Grid, GridRow, Piece};

/// Grids edited inline, kept between frames: a cell's text as typed (a space at its
/// end included) stays while the section's table reads as what was last written.
#[derive(Default)]
pub struct InlineTables {
    kept: Vec<Kept>,
    /// The text run (section, index among the runs) that had the focus last: the
    /// format bar acts on it.
    focused_run: Option<(String, usize)>,
}

/// A grid as last written into a section's text.
struct Kept {
    section: String,
    table: usize,
    written: String,
    grid: Grid,
}

/// How many grids are kept at most (the sections of one step).
const MAX_KEPT: usize = 32;

impl InlineTables {
    /// The grid of table `table` of `section`, whose text is now `written`.
    fn grid(&self, section: &str, table: usize, written: &str) -> Grid {
        self.kept
            .iter()
            .find(|k| k.section == section && k.table == table && k.written == written)
            .map_or_else(
                || Grid::from_lines(&written.lines().collect::<Vec<_>>()),
                |k| k.grid.clone(),
            )
    }

    fn keep(&mut self, section: &str, table: usize, written: String, grid: Grid) {
        self.kept
            .retain(|k| !(k.section == section && k.table == table));
        if self.kept.len() >= MAX_KEPT {
            self.kept.remove(0);
        }
        self.kept.push(Kept {
            section: section.to_owned(),
            table,
            written,
            grid,
        });
    }
}

/// The cursor (characters of the whole text) in section `s`: in its one text box, or,
/// shown with its tables as grids, in the text run that had the focus last.
pub fn cursor_in(ctx: &egui::Context, state: &EditorState, s: &Section) -> Option<usize> {
    let char_at = |id: egui::Id| {
        egui::TextEdit::load_state(ctx, id)
            .and_then(|st| st.cursor.char_range())
            .map(|r| r.primary.index.0)
    };
    if state.show_table_codes || rich::table_ranges(&s.body).is_empty() {
        return char_at(body_id(&s.id));
    }
    let (section, run) = state.inline.focused_run.as_ref()?;
    if *section != s.id {
        return None;
    }
    let range = text_runs(&rich::pieces(&s.body)).into_iter().nth(*run)?;
    char_at(run_id(&s.id, *run)).map(|c| chars_before(&s.body, range.start) + c)
}

/// The text runs among `pieces`, in order (the tables left out).
fn text_runs(pieces: &[Piece]) -> Vec<std::ops::Range<usize>> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Text(r) => Some(r.clone()),
            Piece::Table(_) => None,
        })
        .collect()
}

/// How many characters of `text` come before byte `byte` (a cursor's place from a
/// piece's byte range).
fn chars_before(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |t| t.chars().count())
}

/// The id of text run `run` of a section shown with its tables as grids.
pub fn run_id(section_id: &str, run: usize) -> egui::Id {
    egui::Id::unique(("than-muc-doan", section_id, run))
}

/// Draws the text of section `s`: one text box, or text runs and table grids.
pub fn text_ui(
    ui: &mut egui::Ui,
    view: &View,
    s: &Section,
    state: &mut EditorState,
    out: &mut Vec<Command>,
) {
    if !state.show_table_codes && !rich::table_ranges(&s.body).is_empty() {
        pieces_ui(ui, view, s, state, out);
    } else {
        whole_ui(ui, view, s, state, out);
    }
}

/// The whole text in one box, tables as their `|` lines.
fn whole_ui(
    ui: &mut egui::Ui,
    view: &View,
    s: &Section,
    state: &mut EditorState,
    out: &mut Vec<Command>,
) {
    let rid = &view.report.id;
    let id = body_id(&s.id);
    let mut actions = if state.read_only {
        Vec::new()
    } else {
        super::rich_edit::take_keys(ui.ctx(), id, &s.body)
    };
    if !state.read_only {
        format_bar(ui, s, &s.body, id, state, &mut actions, false);
    }
    let mut body = s.body.clone();
    let mut acted = false;
    for a in actions {
        if let super::rich_edit::TextAction::Paste(raw) = &a {
            let cursor = Some(super::rich_edit::selection(ui.ctx(), id, &body).end);
            match super::paste_dialog::PasteState::of_paste(&s.id, cursor, raw) {
                Some(p) => state.paste = Some(p),
                None => {
                    // Plain lines go in as egui would have put them.
                    let sel = super::rich_edit::selection(ui.ctx(), id, &body);
                    body = super::editor::replace_range(&body, sel, raw);
                    acted = true;
                }
            }
            continue;
        }
        if let Some(new) = super::rich_edit::apply(ui.ctx(), id, &body, &a) {
            body = new;
            acted = true;
        }
    }
    // Fields read as their values, on chips (unless their codes are asked for).
    let values = if state.show_codes {
        Vec::new()
    } else {
        super::fields::values(view, s)
    };
    let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, width: f32| {
        super::rich_edit::layouter_with(ui, buf, width, &values)
    };
    let mut shown = egui::TextEdit::multiline(&mut body)
            .id(id)
            .hint_text(
                "Mỗi dòng là một đoạn. “- ” đầu dòng là ý liệt kê (Tab: lùi vào một cấp, Shift+Tab: lùi ra); Ctrl+B đậm, Ctrl+I nghiêng, Ctrl+U gạch chân.",
            )
            .desired_rows(if s.children.is_empty() { state.body_rows } else { 3 })
            .desired_width(f32::INFINITY)
            .layouter(&mut layouter)
            // Tab moves list items, as in a word processor, not the focus.
            .lock_focus(true)
            .interactive(!state.read_only)
            .show(ui);
    let chips = super::fields::chips(&body, &values);
    super::fields::keep_cursor_out(ui.ctx(), id, &mut shown, &chips);
    super::fields::paint(ui, &shown, &chips, super::rich_edit::text_font());
    let r = shown.response.response;
    let r = r.accessible_name(format!("Nội dung: {}", s.title.trim()));
    // A hit of Tìm và thay thế, or what an undo changed, in this text: select it and
    // bring it into view.
    if let Some(hit) = wanted_selection(state, &s.id) {
        select_in(ui, id, &r, hit);
    }
    if r.has_focus() || r.gained_focus() {
        state.last_body = Some(s.id.clone());
    }
    if r.lost_focus() {
        out.push(Command::SealTyping);
    }
    if acted {
        // A formatting command is one undo step of its own.
        out.push(Command::SealTyping);
    }
    if r.changed() || acted {
        out.push(Command::Edit(Edit::SectionBody {
            report: rid.clone(),
            section: s.id.clone(),
            text: body,
        }));
    }
    if acted {
        out.push(Command::SealTyping);
    }
}

/// The selection asked for in section `section` (a hit of Tìm và thay thế, or what an
/// undo changed), as characters of its whole text; taken, so it is made once.
fn wanted_selection(state: &mut EditorState, section: &str) -> Option<(usize, usize)> {
    state
        .select
        .take_if(|h| h.section == section)
        .or_else(|| {
            state
                .find
                .as_mut()
                .and_then(|f| f.select.take_if(|h| h.section == section))
        })
        .map(|h| (h.start, h.end))
}

/// Selects characters `hit` of the text box `id` and brings it into view.
fn select_in(ui: &egui::Ui, id: egui::Id, r: &egui::Response, hit: (usize, usize)) {
    let mut st = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
    st.cursor.set_char_range(Some(egui::text::CCursorRange::two(
        egui::text::CCursor::new(hit.0),
        egui::text::CCursor::new(hit.1),
    )));
    st.store(ui.ctx(), id);
    r.request_focus();
    r.scroll_to_me(Some(egui::Align::Center));
}

/// The text as runs of text in boxes and tables as grids of cells.
fn pieces_ui(
    ui: &mut egui::Ui,
    view: &View,
    s: &Section,
    state: &mut EditorState,
    out: &mut Vec<Command>,
) {
    let pieces = rich::pieces(&s.body);
    let runs = text_runs(&pieces);
    let focused = state
        .inline
        .focused_run
        .as_ref()
        .filter(|(sec, k)| *sec == s.id && *k < runs.len())
        .map_or(runs.len().saturating_sub(1), |(_, k)| *k);
    // The first change of this frame: the section's new text, and whether it is an
    // undo step of its own.
    let mut new_body: Option<(String, bool)> = None;
    if !state.read_only
        && let Some(range) = runs.get(focused)
    {
        let id = run_id(&s.id, focused);
        let text = s.body.get(range.clone()).unwrap_or("");
        let mut actions = super::rich_edit::take_keys(ui.ctx(), id, text);
        format_bar(ui, s, text, id, state, &mut actions, true);
        let mut run = text.to_owned();
        for a in actions {
            let changed = match &a {
                super::rich_edit::TextAction::Paste(raw) => {
                    let sel = super::rich_edit::selection(ui.ctx(), id, &run);
                    // A pasted report's structure is offered in the paste dialog, at
                    // the cursor's place in the section's whole text; plain lines go
                    // in as they are.
                    let before = chars_before(&s.body, range.start);
                    match super::paste_dialog::PasteState::of_paste(
                        &s.id,
                        Some(before + sel.end),
                        raw,
                    ) {
                        Some(p) => {
                            state.paste = Some(p);
                            None
                        }
                        None => Some(super::editor::replace_range(&run, sel, raw)),
                    }
                }
                _ => super::rich_edit::apply(ui.ctx(), id, &run, &a),
            };
            if let Some(changed) = changed {
                run = changed;
            }
        }
        if run != text {
            new_body = Some((rich::replace_piece(&s.body, range.clone(), &run), true));
        }
    }
    let values = if state.show_codes {
        Vec::new()
    } else {
        super::fields::values(view, s)
    };
    // A hit of Tìm và thay thế, or what an undo changed, in this text (characters of
    // the whole text): selected in the run that holds it, or its table brought into view.
    let wanted = wanted_selection(state, &s.id);
    let (mut run_no, mut table_no) = (0usize, 0usize);
    for piece in &pieces {
        match piece {
            Piece::Text(range) => {
                let first = chars_before(&s.body, range.start);
                let last = chars_before(&s.body, range.end);
                let select = wanted
                    .filter(|(a, b)| *a >= first && *b <= last)
                    .map(|(a, b)| (a - first, b - first));
                let changed = run_ui(ui, s, run_no, (range, select), &values, state, out);
                if new_body.is_none() {
                    new_body = changed.map(|t| (t, false));
                }
                run_no += 1;
            }
            Piece::Table(range) => {
                table_no += 1;
                let top = ui.cursor().top();
                let changed = table_ui(ui, s, table_no, range, state);
                let (first, last) = (
                    chars_before(&s.body, range.start),
                    chars_before(&s.body, range.end),
                );
                if wanted.is_some_and(|(a, _)| a >= first && a < last) {
                    let mut rect = ui.min_rect();
                    rect.set_top(top);
                    ui.scroll_to_rect(rect, Some(egui::Align::Center));
                }
                if new_body.is_none() {
                    new_body = changed;
                }
            }
        }
    }
    if let Some((text, own_step)) = new_body {
        if own_step {
            out.push(Command::SealTyping);
        }
        out.push(Command::Edit(Edit::SectionBody {
            report: view.report.id.clone(),
            section: s.id.clone(),
            text,
        }));
        if own_step {
            out.push(Command::SealTyping);
        }
    }
}

/// One run of text between tables; the section's new text when it was typed in.
fn run_ui(
    ui: &mut egui::Ui,
    s: &Section,
    run: usize,
    // The run's bytes of the section's text, and the characters of it to select.
    (range, select): (&std::ops::Range<usize>, Option<(usize, usize)>),
    values: &[(String, String)],
    state: &mut EditorState,
    out: &mut Vec<Command>,
) -> Option<String> {
    let id = run_id(&s.id, run);
    let mut text = s.body.get(range.clone()).unwrap_or("").to_owned();
    let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, width: f32| {
        super::rich_edit::layouter_with(ui, buf, width, values)
    };
    let rows = text.lines().count().max(1);
    let mut shown = egui::TextEdit::multiline(&mut text)
        .id(id)
        .hint_text(if run == 0 {
            "Viết đoạn văn trước bảng…"
        } else {
            "Viết tiếp sau bảng…"
        })
        .desired_rows(rows)
        .desired_width(f32::INFINITY)
        .layouter(&mut layouter)
        .lock_focus(true)
        .interactive(!state.read_only)
        .show(ui);
    let chips = super::fields::chips(&text, values);
    super::fields::keep_cursor_out(ui.ctx(), id, &mut shown, &chips);
    super::fields::paint(ui, &shown, &chips, super::rich_edit::text_font());
    let title = s.title.trim();
    let name = if run == 0 {
        format!("Nội dung: {title}")
    } else {
        format!("Nội dung: {title}, đoạn {}", run + 1)
    };
    let r = shown.response.response.accessible_name(name);
    if let Some(hit) = select {
        select_in(ui, id, &r, hit);
    }
    if r.has_focus() || r.gained_focus() {
        state.last_body = Some(s.id.clone());
        state.inline.focused_run = Some((s.id.clone(), run));
    }
    if r.lost_focus() {
        out.push(Command::SealTyping);
    }
    r.changed()
        .then(|| rich::replace_piece(&s.body, range.clone(), &text))
}

/// Widths of the cell boxes: `room` shared by the columns as their dashes share the
/// printed width, none narrower than a short word.
fn cell_widths(columns: &[ColumnSpec], room: f32) -> Vec<f32> {
    let weight = |c: &ColumnSpec| c.dashes.clamp(3, 40) as f32;
    let total: f32 = columns.iter().map(weight).sum::<f32>().max(1.0);
    columns
        .iter()
        .map(|c| (room * weight(c) / total).max(60.0))
        .collect()
}

/// Table `n` (1-based) of the section as a grid of cells; the section's new text when
/// a cell, a row added or a row removed changed it, and whether a row was (one undo
/// step of its own).
fn table_ui(
    ui: &mut egui::Ui,
    s: &Section,
    n: usize,
    range: &std::ops::Range<usize>,
    state: &mut EditorState,
) -> Option<(String, bool)> {
    let written = s.body.get(range.clone()).unwrap_or("");
    let mut g = state.inline.grid(&s.id, n, written);
    let width = g.width();
    // The room left of the row's Xóa button, less the gaps between cells.
    let gaps = ui.spacing().item_spacing.x * (width as f32 + 1.0);
    let widths = cell_widths(&g.columns, (ui.available_width() - 70.0 - gaps).max(200.0));
    let cell_width = |c: usize| widths.get(c).copied().unwrap_or(120.0);
    // Cells line up as they print: figures to the right.
    let aligns: Vec<egui::Align2> = g
        .columns
        .iter()
        .map(|c| match c.align {
            rich::CellAlign::Left => egui::Align2::LEFT_CENTER,
            rich::CellAlign::Center => egui::Align2::CENTER_CENTER,
            rich::CellAlign::Right => egui::Align2::RIGHT_CENTER,
        })
        .collect();
    let align = |c: usize| aligns.get(c).copied().unwrap_or(egui::Align2::LEFT_CENTER);
    let height = ui.spacing().interact_size.y;
    let title = s.title.trim();
    let enabled = !state.read_only;
    let mut typed = false;
    let mut remove = None;
    let mut add = false;
    let mut open_editor = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::horizontal()
            .id_salt(("bang-trong-muc", &s.id, n))
            .show(ui, |ui| {
                egui::Grid::new(("luoi-trong-muc", &s.id, n))
                    .striped(true)
                    .show(ui, |ui| {
                        if !g.header.is_empty() {
                            for (c, h) in g.header.iter_mut().enumerate() {
                                let r = ui.add_sized(
                                    [cell_width(c), height],
                                    egui::TextEdit::singleline(h)
                                        .id_salt(("tieu-de-o", &s.id, n, c))
                                        .align(egui::Align2::CENTER_CENTER)
                                        .interactive(enabled)
                                        .font(egui::TextStyle::Button)
                                        .hint_text(format!("Cột {}", c + 1)),
                                );
                                typed |= r
                                    .accessible_name(format!("Bảng {n}, tiêu đề cột {}", c + 1))
                                    .changed();
                            }
                            ui.end_row();
                        }
                        for (r, row) in g.rows.iter_mut().enumerate() {
                            let cells = if row.group { 1 } else { row.cells.len() };
                            for (c, cell) in row.cells.iter_mut().take(cells).enumerate() {
                                let resp = ui.add_sized(
                                    [cell_width(c), height],
                                    egui::TextEdit::singleline(cell)
                                        .id_salt(("o-bang", &s.id, n, r, c))
                                        .align(if row.group {
                                            egui::Align2::LEFT_CENTER
                                        } else {
                                            align(c)
                                        })
                                        .interactive(enabled),
                                );
                                typed |= resp
                                    .accessible_name(format!(
                                        "Bảng {n}, ô hàng {} cột {}",
                                        r + 1,
                                        c + 1
                                    ))
                                    .changed();
                            }
                            for _ in cells..width {
                                ui.label("");
                            }
                            // Clicked only: Tab goes from cell to cell, never to a button.
                            if enabled
                                && ui
                                    .add(egui::Button::new("Xóa").small().sense(egui::Sense::CLICK))
                                    .on_hover_text("Xóa hàng này (Ctrl+Z để hoàn lại)")
                                    .accessible_name(format!("Bảng {n}, xóa hàng {}", r + 1))
                                    .clicked()
                            {
                                remove = Some(r);
                            }
                            ui.end_row();
                        }
                    });
            });
        if enabled {
            ui.horizontal(|ui| {
                add = ui
                    .add(
                        egui::Button::new("+ Thêm hàng")
                            .small()
                            .sense(egui::Sense::CLICK),
                    )
                    .accessible_name(format!("Bảng {n}, thêm hàng"))
                    .clicked();
                let name = if n == 1 {
                    format!("Sửa bảng: {title}")
                } else {
                    format!("Sửa bảng {n}: {title}")
                };
                open_editor = ui
                    .add(
                        egui::Button::new("Sửa bảng…")
                            .small()
                            .sense(egui::Sense::CLICK),
                    )
                    .on_hover_text("Độ rộng, căn lề, hàng gộp, thêm bớt cột")
                    .accessible_name(name)
                    .clicked();
            });
        }
    });
    if open_editor {
        let cursor = chars_before(&s.body, range.start);
        state.grid = super::table_editor::GridEdit::open(&s.id, &s.body, cursor);
    }
    let structural = add || remove.is_some();
    if add {
        g.rows.push(GridRow {
            cells: vec![String::new(); width],
            group: false,
        });
    }
    if let Some(r) = remove
        && r < g.rows.len()
    {
        g.rows.remove(r);
    }
    if !typed && !structural {
        return None;
    }
    let text = g.to_text();
    let body = rich::replace_piece(&s.body, range.clone(), &text);
    state.inline.keep(&s.id, n, text, g);
    Some((body, structural))
}
