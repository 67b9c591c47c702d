//! The editor of a writing step (Căn cứ, Kết quả, Ưu điểm …): guidance, each section
//! of the step with its generated number, its text (one paragraph per line, `- ` and
//! `+ ` list lines), sub-sections to add, rename, move and remove, and suggested
//! phrases to insert with one click. Emits commands; changes nothing itself.

use eframe::egui;

use super::command::Command;
use crate::edit::Edit;
use crate::guide::{Step, guide};
use crate::model::{Project, Report, Section, SectionRole};
use crate::session::Derived;

/// What the section editor reads.
pub struct View<'a> {
    pub project: &'a Project,
    pub report: &'a Report,
    /// Section numbers, figures, suggestions and review changes of this revision.
    pub derived: &'a Derived,
}

/// What the editor remembers between frames.
pub struct EditorState {
    /// The section whose text field had the focus last, so a phrase goes where the
    /// clerk was writing.
    pub last_body: Option<String>,
    /// Comment and reply boxes.
    pub comments: super::comments::CommentsState,
    /// The project is open for reading and review comments only.
    pub read_only: bool,
    /// Rows and columns of the next table inserted.
    pub table_size: (usize, usize),
    /// The table open in the grid editor.
    pub grid: Option<super::table_editor::GridEdit>,
    /// A structured paste waiting for the clerk's choice.
    pub paste: Option<super::paste_dialog::PasteState>,
    /// The find and replace bar, when open.
    pub find: Option<super::find_bar::FindState>,
    /// Fields show their codes (`{{CT03.kết quả}}`) instead of their values.
    pub show_codes: bool,
    /// Tables show as their `|` lines instead of grids (“Hiện mã bảng”).
    pub show_table_codes: bool,
    /// Tables edited as grids inside the text.
    pub inline: super::section_text::InlineTables,
    /// Characters of a section's text to select and bring into view once (what an undo
    /// changed).
    pub select: Option<crate::edit::find::Hit>,
    /// Which of Hướng dẫn and Câu gợi ý are open (remembered across restarts).
    pub folds: super::guidance::GuidanceFolds,
    /// Lines the text box of a step's one section shows: the room left by the guidance.
    pub(super) body_rows: usize,
}

impl Default for EditorState {
    fn default() -> Self {
        Self {
            last_body: None,
            comments: Default::default(),
            read_only: false,
            table_size: (3, 3),
            grid: None,
            paste: None,
            find: None,
            show_codes: false,
            show_table_codes: false,
            inline: Default::default(),
            select: None,
            folds: Default::default(),
            body_rows: 6,
        }
    }
}

/// The role of the nearest top-level section with one before `index` (else after it).
fn anchor_role(list: &[Section], index: usize) -> Option<SectionRole> {
    list.get(..index)
        .into_iter()
        .flatten()
        .rev()
        .chain(list.get(index + 1..).into_iter().flatten())
        .find_map(|s| s.role)
}

/// Roles whose sections take user sub-sections.
fn takes_children(s: &Section) -> bool {
    matches!(
        s.role,
        Some(SectionRole::KeyTasks)
            | Some(SectionRole::NextTasks)
            | Some(SectionRole::Proposals)
            | Some(SectionRole::Bases)
            | None
    )
}

/// The id of the text field of a section, stable across frames.
pub fn body_id(section_id: &str) -> egui::Id {
    egui::Id::unique(("than-muc", section_id))
}

/// Inserts `phrase` as a new line after the line holding the cursor (or at the end).
pub fn insert_line(text: &str, cursor_char: Option<usize>, phrase: &str) -> String {
    crate::edit::rich_ops::insert_block(text, cursor_char, phrase)
}

/// Draws the editor of a writing step.
pub fn show_editor(
    ui: &mut egui::Ui,
    step: Step,
    view: &View,
    state: &mut EditorState,
    out: &mut Vec<Command>,
) {
    let report = view.report;
    let g = guide(step);
    ui.heading(step.label());
    super::guidance::show_guidance(ui, &g.guidance, state);
    ui.separator();
    let mut roots: Vec<&Section> = report
        .all_sections()
        .into_iter()
        .filter(|s| s.role.is_some_and(|r| step.roles().contains(&r)))
        .collect();
    // Top-level sections of the report's own making show with the skeleton part
    // before them (or the first one after), so every section has a step.
    roots.extend(
        report
            .sections
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                s.role.is_none()
                    && anchor_role(&report.sections, *i).is_none_or(|r| step.roles().contains(&r))
                    && (anchor_role(&report.sections, *i).is_some() || step == Step::CanCu)
            })
            .map(|(_, s)| s),
    );
    let order: Vec<&str> = report
        .all_sections()
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    roots.sort_by_key(|s| order.iter().position(|id| *id == s.id));
    // A section already shown as the child of another root is not repeated.
    let shown_as_child: Vec<&str> = roots
        .iter()
        .flat_map(|s| s.walk().into_iter().skip(1))
        .map(|s| s.id.as_str())
        .collect();
    let room = ui.available_height()
        - super::guidance::phrase_panel_height(state.folds.phrases, g.phrases.len() + 3);
    state.body_rows = super::guidance::body_rows(ui, room, roots.len());
    egui::ScrollArea::vertical()
        .id_salt(("soan-thao", step))
        .auto_shrink([false, false])
        .max_height(room)
        .show(ui, |ui| {
            if roots.is_empty() {
                ui.label("Báo cáo này không có mục tương ứng với bước này.");
            }
            for s in roots
                .iter()
                .filter(|s| !shown_as_child.contains(&s.id.as_str()))
            {
                show_section(ui, view, s, 0, state, out);
            }
        });
    // Sentences built from this period's figures come first, then the phrase bank.
    let chips = view
        .derived
        .step(step)
        .map_or(&[][..], |s| s.chips.as_slice());
    super::guidance::show_phrases(ui, view, chips, state, out);
    if let Some(paste) = state.paste.as_mut()
        && super::paste_dialog::show(ui.ctx(), view.project, report, paste, out)
    {
        state.paste = None;
    }
    if let Some(edit) = state.grid.as_mut()
        && let super::table_editor::Outcome::Close =
            super::table_editor::show(ui.ctx(), report, edit, out)
    {
        state.grid = None;
    }
}

fn show_section(
    ui: &mut egui::Ui,
    view: &View,
    s: &Section,
    depth: usize,
    state: &mut EditorState,
    out: &mut Vec<Command>,
) {
    let report = view.report;
    let rid = report.id.clone();
    let number = view.derived.numbers.get(&s.id).cloned().unwrap_or_default();
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.add_space(depth as f32 * 12.0);
        ui.strong(&number);
        if state.read_only {
            ui.strong(&s.title);
            return;
        }
        let mut title = s.title.clone();
        let r = ui.add(
            egui::TextEdit::singleline(&mut title)
                .id_salt(("tieu-de", &s.id))
                .hint_text("Tên mục")
                .desired_width(ui.available_width() - 215.0),
        );
        let r = r.accessible_name(format!("Tên mục {number}"));
        if r.changed() {
            out.push(Command::Edit(Edit::SectionTitle {
                report: rid.clone(),
                section: s.id.clone(),
                title,
            }));
        }
        let mut push = |edit: Edit| out.push(Command::Edit(edit));
        if ui
            .small_button("▲")
            .on_hover_text("Đưa mục lên trên")
            .accessible_name(format!("Đưa mục {number} lên trên"))
            .clicked()
        {
            push(Edit::MoveSection {
                report: rid.clone(),
                section: s.id.clone(),
                delta: -1,
            });
        }
        if ui
            .small_button("▼")
            .on_hover_text("Đưa mục xuống dưới")
            .accessible_name(format!("Đưa mục {number} xuống dưới"))
            .clicked()
        {
            push(Edit::MoveSection {
                report: rid.clone(),
                section: s.id.clone(),
                delta: 1,
            });
        }
        section_layout_menu(ui, &rid, s, &number, &mut push);
        if ui
            .small_button("Xóa")
            .on_hover_text("Xóa mục này")
            .accessible_name(format!("Xóa mục {number}"))
            .clicked()
        {
            out.push(Command::ConfirmRemoveSection(s.id.clone()));
        }
    });
    if s.generated.is_some() {
        ui.label(
            egui::RichText::new("Bảng kết quả được tạo tự động từ số liệu của bước Chỉ tiêu.")
                .italics()
                .weak(),
        );
    }
    super::section_text::text_ui(ui, view, s, state, out);
    let cursor = super::section_text::cursor_in(ui.ctx(), state, s);
    super::fields::show_figures(ui, view, s, cursor, &mut state.show_codes, out);
    let change = view.derived.changes.iter().find(|c| c.id == s.id);
    let figures = view
        .derived
        .figures
        .get(&s.id)
        .map_or(&[][..], Vec::as_slice);
    super::comments::show_section_review(
        ui,
        report,
        s,
        &number,
        change,
        figures,
        &mut state.comments,
        out,
    );
    for c in &s.children {
        show_section(ui, view, c, depth + 1, state, out);
    }
    if takes_children(s) && s.role != Some(SectionRole::Bases) {
        ui.horizontal(|ui| {
            ui.add_space(depth as f32 * 12.0);
            let label = if s.role.is_some() {
                format!("+ Thêm mục con vào “{}”", s.title)
            } else {
                "+ Thêm mục con".to_owned()
            };
            if ui.button(label).clicked() {
                out.push(Command::Edit(Edit::AddSection {
                    report: rid.clone(),
                    parent: Some(s.id.clone()),
                    title: "Mục mới".to_owned(),
                }));
            }
        });
    }
}

/// The "Bố cục" menu of a section: how it numbers its children, a new page, the
/// generated table it holds, one level in or out.
fn section_layout_menu(
    ui: &mut egui::Ui,
    rid: &str,
    s: &Section,
    number: &str,
    push: &mut impl FnMut(Edit),
) {
    use crate::model::{ChildNumbering, Generated};
    let layout = |numbering: ChildNumbering, new_page: bool, generated: Option<Generated>| {
        Edit::SectionLayout {
            report: rid.to_owned(),
            section: s.id.clone(),
            numbering,
            new_page,
            generated,
        }
    };
    ui.menu_button("Bố cục", |ui| {
        ui.label(egui::RichText::new("Đánh số các mục con").strong());
        for style in ChildNumbering::ALL {
            if ui.radio(s.numbering == style, style.label()).clicked() {
                push(layout(style, s.new_page, s.generated));
            }
        }
        ui.separator();
        let mut new_page = s.new_page;
        if ui
            .checkbox(&mut new_page, "Bắt đầu mục này ở trang mới")
            .changed()
        {
            push(layout(s.numbering, new_page, s.generated));
        }
        ui.separator();
        ui.label(egui::RichText::new("Bảng tạo tự động sau nội dung").strong());
        for (choice, label) in [
            (None, "Không có"),
            (Some(Generated::IndicatorTable), "Bảng kết quả các chỉ tiêu"),
            (Some(Generated::TaskTable), "Bảng tiến độ các nhiệm vụ"),
        ] {
            if ui.radio(s.generated == choice, label).clicked() {
                push(layout(s.numbering, s.new_page, choice));
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui
                .button("Lùi vào một cấp")
                .on_hover_text("Thành mục con của mục ngay phía trên")
                .clicked()
            {
                push(Edit::NestSection {
                    report: rid.to_owned(),
                    section: s.id.clone(),
                    deeper: true,
                });
                ui.close();
            }
            if ui
                .button("Lùi ra một cấp")
                .on_hover_text("Thành mục ngang hàng, ngay sau mục cha")
                .clicked()
            {
                push(Edit::NestSection {
                    report: rid.to_owned(),
                    section: s.id.clone(),
                    deeper: false,
                });
                ui.close();
            }
        });
    })
    .response
    .on_hover_text(format!(
        "Cách đánh số mục con, trang mới, bảng tự tạo và cấp của mục {number}"
    ));
}

/// The buttons above a text field: emphasis, list levels, a new table. They act on
/// the field's last selection, like the keys do.
/// The formatting buttons over a section's text: they act on `body`, the text of the
/// box `id` (the whole text, or the run of text a table grid shows beside; `split`).
pub(super) fn format_bar(
    ui: &mut egui::Ui,
    s: &Section,
    body: &str,
    id: egui::Id,
    state: &mut EditorState,
    actions: &mut Vec<super::rich_edit::TextAction>,
    split: bool,
) {
    use super::rich_edit::TextAction;
    use crate::edit::rich_ops::Emphasis;
    let cursor = super::rich_edit::selection(ui.ctx(), id, body).end;
    ui.horizontal(|ui| {
        let title = s.title.trim();
        let button = |ui: &mut egui::Ui, text: egui::RichText, name: &str, tip: &str| {
            ui.small_button(text)
                .on_hover_text(tip)
                .accessible_name(format!("{name}: {title}"))
                .clicked()
        };
        if button(
            ui,
            egui::RichText::new("Đ").strong(),
            "Chữ đậm",
            "Chữ đậm (Ctrl+B)",
        ) {
            actions.push(TextAction::Emphasis(Emphasis::Bold));
        }
        if button(
            ui,
            egui::RichText::new("N").italics(),
            "Chữ nghiêng",
            "Chữ nghiêng (Ctrl+I)",
        ) {
            actions.push(TextAction::Emphasis(Emphasis::Italic));
        }
        if button(
            ui,
            egui::RichText::new("G").underline(),
            "Gạch chân",
            "Gạch chân (Ctrl+U)",
        ) {
            actions.push(TextAction::Emphasis(Emphasis::Underline));
        }
        if button(
            ui,
            egui::RichText::new("→"),
            "Lùi vào",
            "Lùi ý liệt kê vào một cấp (Tab)",
        ) {
            actions.push(TextAction::Level(true));
        }
        if button(
            ui,
            egui::RichText::new("←"),
            "Lùi ra",
            "Lùi ý liệt kê ra một cấp (Shift+Tab)",
        ) {
            actions.push(TextAction::Level(false));
        }
        ui.menu_button("Chèn bảng…", |ui| {
            let (rows, cols) = &mut state.table_size;
            ui.horizontal(|ui| {
                let l = ui.label("Số hàng");
                ui.add(egui::DragValue::new(rows).range(2..=50))
                    .labelled_by(l.id);
                let l = ui.label("Số cột");
                ui.add(egui::DragValue::new(cols).range(1..=10))
                    .labelled_by(l.id);
            });
            if ui.button("Chèn").clicked() {
                actions.push(TextAction::Table(*rows, *cols));
                ui.close();
            }
        })
        .response
        .on_hover_text(
            "Chèn một bảng có hàng tiêu đề sau dòng đang viết; sửa bảng bằng nút “Sửa bảng…”.",
        );
        if !split {
            let in_table = {
                let at = body
                    .char_indices()
                    .nth(cursor)
                    .map_or(body.len(), |(b, _)| b);
                crate::model::rich::table_around(body, at).is_some()
            };
            let r = ui
                .add_enabled(in_table, egui::Button::new("Sửa bảng…").small())
                .on_hover_text("Sửa bảng tại chỗ con trỏ dưới dạng lưới ô")
                .on_disabled_hover_text("Đặt con trỏ vào một dòng của bảng để sửa bảng đó")
                .accessible_name(format!("Sửa bảng: {title}"));
            if r.clicked() {
                state.grid = super::table_editor::GridEdit::open(&s.id, body, cursor);
            }
        }
        if !crate::model::rich::table_ranges(&s.body).is_empty() {
            ui.checkbox(&mut state.show_table_codes, "Hiện mã bảng")
                .on_hover_text("Hiện bảng bằng các dòng “|” như khi lưu, thay cho lưới ô");
        }
    });
}

/// `body` with the characters `sel` replaced by `text`.
pub fn replace_range(body: &str, sel: std::ops::Range<usize>, text: &str) -> String {
    let byte = |c: usize| body.char_indices().nth(c).map_or(body.len(), |(b, _)| b);
    let (a, b) = (byte(sel.start.min(sel.end)), byte(sel.start.max(sel.end)));
    format!("{}{text}{}", &body[..a], &body[b..])
}

/// Inserts `text` at the character `cursor` (or at the end).
pub fn insert_at(body: &str, cursor: Option<usize>, text: &str) -> String {
    let at = cursor
        .and_then(|c| body.char_indices().nth(c).map(|(b, _)| b))
        .unwrap_or(body.len());
    format!("{}{text}{}", &body[..at], &body[at..])
}

#[cfg(test)]
mod tests {
    use super::insert_line;

    #[test]
    fn a_figure_is_inserted_at_the_cursor() {
        assert_eq!(
            super::insert_at("đạt %", Some(4), "{{CT01.kết quả}}"),
            "đạt {{CT01.kết quả}}%"
        );
        assert_eq!(super::insert_at("ab", None, "X"), "abX");
        assert_eq!(super::insert_at("ab", Some(9), "X"), "abX");
    }

    #[test]
    fn a_phrase_goes_on_a_new_line_after_the_cursor_line() {
        assert_eq!(insert_line("a\nb", Some(0), "X"), "a\nX\nb");
        assert_eq!(insert_line("a\nb", Some(3), "X"), "a\nb\nX");
        assert_eq!(insert_line("", None, "X"), "X");
        assert_eq!(insert_line("Việt\nNam", Some(2), "X"), "Việt\nX\nNam");
        assert_eq!(insert_line("a\n", None, "X"), "a\nX");
    }
}
