//! ui: the text field of a section as the clerk writes it: the text shown in the
//! printed typeface with its emphasis (markers faint and small, never hidden, so every
//! character typed stays reachable), and the keys of a word processor — Ctrl+B,
//! Ctrl+I, Ctrl+U on the selection, Tab / Shift+Tab for list levels. The text
//! operations themselves are pure ([`crate::edit::rich_ops`]).

use std::ops::Range;
use std::sync::Arc;

use eframe::egui::{self, Color32, FontId, Key, Modifiers, Stroke, text::LayoutJob};

use crate::edit::rich_ops::{self, Emphasis};
use crate::layout::FontStyle;
use crate::model::rich::{self, Look};

/// Size of the editor's text, in points of the window.
pub const TEXT_SIZE: f32 = 16.0;
/// Texts longer than this are shown without emphasis in the editor (they still print
/// with it), so that typing stays quick.
const PLAIN_ABOVE_BYTES: usize = 200_000;

/// A change of the text asked by a key or a button.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextAction {
    /// A paste whose structure was recognised: shown before it goes in.
    Paste(String),
    Emphasis(Emphasis),
    /// List level in (`true`) or out.
    Level(bool),
    /// Insert a new table of (rows, columns) after the cursor's line.
    Table(usize, usize),
    /// Remove these characters (a whole `{{…}}` field, taken as one unit).
    Remove(Range<usize>),
}

/// The field (`{{…}}`, in characters) that ends at character `at` of `text`
/// (`before`) or starts there (`!before`).
pub fn field_at(text: &str, at: usize, before: bool) -> Option<Range<usize>> {
    let byte = text.char_indices().nth(at).map_or(text.len(), |(b, _)| b);
    let chars = |b: usize| text[..b].chars().count();
    if before {
        let head = &text[..byte];
        if !head.ends_with("}}") {
            return None;
        }
        let open = head.rfind("{{")?;
        (!head[open + 2..head.len() - 2].contains("}}")).then(|| chars(open)..at)
    } else {
        let tail = &text[byte..];
        if !tail.starts_with("{{") {
            return None;
        }
        let close = tail[2..].find("}}")? + 4;
        Some(at..chars(byte + close))
    }
}

/// The layout of `text` with its looks, wrapped at `wrap_width`: text in `color`,
/// markup in `faint`.
fn layout_job(text: &str, wrap_width: f32, color: Color32, faint: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    if text.len() > PLAIN_ABOVE_BYTES {
        // A huge paste stays editable: shown plain rather than re-read every frame.
        job.append(text, 0.0, format_of(Look::default(), color, faint));
        return job;
    }
    for (range, look) in rich::highlight(text) {
        let Some(piece) = text.get(range) else {
            continue;
        };
        job.append(piece, 0.0, format_of(look, color, faint));
    }
    job
}

fn format_of(look: Look, color: Color32, faint: Color32) -> egui::TextFormat {
    let style = FontStyle::from_flags(look.bold, look.italic);
    let mut f = egui::TextFormat {
        font_id: FontId::new(TEXT_SIZE, super::fonts::serif_family(style)),
        color,
        ..Default::default()
    };
    if look.markup {
        f.font_id = FontId::new(
            TEXT_SIZE * 0.75,
            super::fonts::serif_family(FontStyle::Regular),
        );
        f.color = faint;
    }
    if look.underline {
        f.underline = Stroke::new(1.0, color);
    }
    if look.field {
        f.background = Color32::from_rgba_unmultiplied(0x40, 0x80, 0xff, 0x30);
    }
    if look.marker {
        f.font_id = FontId::new(TEXT_SIZE, super::fonts::serif_family(FontStyle::Bold));
    }
    f
}

/// The keys a focused text field of `id` should act on this frame, consumed so that
/// egui's own meaning of them (Ctrl+H deletes a character, Ctrl+U a line, Tab moves
/// the focus) never reaches the field.
pub fn take_keys(ctx: &egui::Context, id: egui::Id, text: &str) -> Vec<TextAction> {
    if !ctx.memory(|m| m.has_focus(id)) {
        return Vec::new();
    }
    let sel = selection(ctx, id, text);
    // A field is removed as one unit, as Word removes a field.
    let whole_field = |before: bool| {
        (sel.start == sel.end)
            .then(|| field_at(text, sel.start, before))
            .flatten()
    };
    let (behind, ahead) = (whole_field(true), whole_field(false));
    ctx.input_mut(|i| {
        let mut out = Vec::new();
        if let Some(r) = behind
            && i.consume_key(Modifiers::NONE, Key::Backspace)
        {
            out.push(TextAction::Remove(r));
        }
        if let Some(r) = ahead
            && i.consume_key(Modifiers::NONE, Key::Delete)
        {
            out.push(TextAction::Remove(r));
        }
        if i.consume_key(Modifiers::COMMAND, Key::B) {
            out.push(TextAction::Emphasis(Emphasis::Bold));
        }
        if i.consume_key(Modifiers::COMMAND, Key::I) {
            out.push(TextAction::Emphasis(Emphasis::Italic));
        }
        if i.consume_key(Modifiers::COMMAND, Key::U) {
            out.push(TextAction::Emphasis(Emphasis::Underline));
        }
        if i.consume_key(Modifiers::SHIFT, Key::Tab) {
            out.push(TextAction::Level(false));
        }
        if i.consume_key(Modifiers::NONE, Key::Tab) {
            out.push(TextAction::Level(true));
        }
        // Emacs-style deletions egui binds to Ctrl+H/K/W surprise a Word user.
        for key in [Key::H, Key::K, Key::W] {
            i.consume_key(Modifiers::CTRL, key);
        }
        // A paste of several lines is looked at before it goes in.
        let mut kept = Vec::with_capacity(i.events.len());
        for e in std::mem::take(&mut i.events) {
            match e {
                egui::Event::Paste(text) if text.lines().nth(1).is_some() => {
                    out.push(TextAction::Paste(text));
                }
                other => kept.push(other),
            }
        }
        i.events = kept;
        out
    })
}

/// The selection of the text field `id` (characters), or the end of `text`.
pub fn selection(ctx: &egui::Context, id: egui::Id, text: &str) -> Range<usize> {
    egui::TextEdit::load_state(ctx, id)
        .and_then(|s| s.cursor.char_range())
        .map(|r| {
            let [a, b] = r.sorted_cursors();
            a.index.0..b.index.0
        })
        .unwrap_or_else(|| {
            let n = text.chars().count();
            n..n
        })
}

/// Applies `action` to `text` at the field's selection, moves the selection with
/// the text, and returns the new text (or `None` when nothing changed).
pub fn apply(ctx: &egui::Context, id: egui::Id, text: &str, action: &TextAction) -> Option<String> {
    let sel = selection(ctx, id, text);
    let (new, sel) = match action {
        TextAction::Emphasis(kind) => rich_ops::toggle_emphasis(text, sel, *kind),
        TextAction::Level(deeper) => rich_ops::shift_level(text, sel, *deeper),
        TextAction::Paste(_) => return None,
        TextAction::Remove(r) => {
            let at = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
            let (a, b) = (at(r.start), at(r.end));
            (format!("{}{}", &text[..a], &text[b..]), r.start..r.start)
        }
        TextAction::Table(rows, cols) => {
            let table = rich_ops::new_table(*rows, *cols);
            let new = super::editor::insert_line(text, Some(sel.end), &table);
            let at = new.find(&table).map_or(0, |b| new[..b].chars().count() + 2);
            (new, at..at + 5)
        }
    };
    if new == text {
        return None;
    }
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::two(
            egui::text::CCursor::new(sel.start),
            egui::text::CCursor::new(sel.end),
        )));
    state.store(ctx, id);
    Some(new)
}

/// A layouter for [`egui::TextEdit::layouter`] showing rich text.
pub fn layouter(ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap_width: f32) -> Arc<egui::Galley> {
    let job = looks(ui, buf.as_str(), wrap_width);
    ui.fonts_mut(|f| f.layout_job(job))
}

/// The layout job of `text` with its looks, wrapped at `wrap_width`. The looks are
/// read once per text and colours (egui's frame cache), not on every frame.
fn looks(ui: &egui::Ui, text: &str, wrap_width: f32) -> LayoutJob {
    let visuals = ui.visuals();
    let key = (text, visuals.text_color(), visuals.weak_text_color());
    let mut job = ui.ctx().memory_mut(|m| {
        m.caches
            .cache::<egui::cache::FrameCache<LayoutJob, Highlighter>>()
            .get(key)
            .clone()
    });
    job.wrap.max_width = wrap_width;
    job
}

/// [`layouter`] with the fields that have a value in `values` shown as chips (their
/// codes laid out invisibly, see [`super::fields`]).
pub fn layouter_with(
    ui: &egui::Ui,
    buf: &dyn egui::TextBuffer,
    wrap_width: f32,
    values: &[(String, String)],
) -> Arc<egui::Galley> {
    let chips = super::fields::chips(buf.as_str(), values);
    if chips.is_empty() {
        return layouter(ui, buf, wrap_width);
    }
    let mut job = looks(ui, buf.as_str(), wrap_width);
    let width = |text: &str, font: FontId| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font, Color32::WHITE)
                .size()
                .x
        })
    };
    let hidden = FontId::new(super::fields::HIDDEN_SIZE, text_font().family);
    let braces = width("}}", text_font());
    let text = buf.as_str();
    super::fields::hide_codes(&mut job, &chips, |c| {
        let code = text.get(c.bytes.start..c.bytes.end - 2).unwrap_or_default();
        let code_width = width(code, hidden.clone()) + braces;
        super::fields::room(width(&c.value, text_font()), code_width)
    });
    ui.fonts_mut(|f| f.layout_job(job))
}

/// The editor's regular text face.
pub fn text_font() -> FontId {
    FontId::new(TEXT_SIZE, super::fonts::serif_family(FontStyle::Regular))
}

/// Computes the layout job of a text for [`layouter`]'s frame cache.
#[derive(Default)]
struct Highlighter;

impl egui::cache::ComputerMut<(&str, Color32, Color32), LayoutJob> for Highlighter {
    fn compute(&mut self, (text, color, faint): (&str, Color32, Color32)) -> LayoutJob {
        layout_job(text, f32::INFINITY, color, faint)
    }
}

#[cfg(test)]
mod field_tests {
    use super::field_at;

    #[test]
    fn a_field_next_to_the_cursor_is_found_whole() {
        let t = "Đạt {{CT01.kết quả}} tốt";
        let end = "Đạt {{CT01.kết quả}}".chars().count();
        assert_eq!(field_at(t, end, true), Some(4..end));
        assert_eq!(field_at(t, 4, false), Some(4..end));
        assert_eq!(field_at(t, end + 1, true), None);
        assert_eq!(field_at("a}}", 3, true), None);
        assert_eq!(field_at("{{a}} b}}", 9, true), None);
    }
}
