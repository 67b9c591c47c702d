//! ui: the figures of a section's text. In the text field a `{{…}}` field reads as its
//! value on a tinted chip (its code drawn invisibly underneath, so the text and the
//! cursor stay exactly what is stored); the cursor steps over a chip as over one
//! character, and Backspace or Delete next to it removes it whole
//! ([`super::rich_edit`]). Under the text: each figure with its code, and a menu to
//! insert one.

use std::ops::Range;

use eframe::egui::{self, Color32, text::LayoutJob};

use super::command::Command;
use super::editor::View;
use crate::compose::placeholders::{
    INDICATOR_FIELDS, SUMMARY_FIELDS, indicator_placeholder, summary_placeholder,
};
use crate::model::Section;

/// A field of the text shown as its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    /// Where the field is in the text, braces included, in bytes and in characters.
    pub bytes: Range<usize>,
    pub chars: Range<usize>,
    /// What it reads now.
    pub value: String,
}

/// Room left around a chip's value, in points.
const PADDING: f32 = 6.0;

/// The fields of `text` that have a value in `values` (code as written → value).
pub fn chips(text: &str, values: &[(String, String)]) -> Vec<Chip> {
    let mut out = Vec::new();
    if values.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| i + from) {
        let Some(close) = text[open + 2..].find("}}").map(|i| i + open + 4) else {
            break;
        };
        let raw = &text[open..close];
        if let Some((_, value)) = values.iter().find(|(code, _)| code == raw) {
            let start = text[..open].chars().count();
            out.push(Chip {
                bytes: open..close,
                chars: start..start + raw.chars().count(),
                value: value.clone(),
            });
        }
        from = close;
    }
    out
}

/// `job` with each chip's code hidden: its characters drawn transparent, all but the
/// closing `}}` at a size that takes almost no room, and the closing braces spaced by
/// `room(chip)`, so that the value can be painted over the code by [`paint`]. egui adds
/// a section's letter spacing before each of its glyphs that follows another glyph of
/// the same run, so before both braces here (the hidden characters come first).
pub fn hide_codes(job: &mut LayoutJob, chips: &[Chip], room: impl Fn(&Chip) -> f32) {
    if chips.is_empty() {
        return;
    }
    let mut sections = Vec::with_capacity(job.sections.len() + 3 * chips.len());
    for s in std::mem::take(&mut job.sections) {
        let (mut at, stop) = (s.byte_range.start.0, s.byte_range.end.0);
        let mut leading = s.leading_space;
        while at < stop {
            // The piece from `at` to the next chip boundary, and how it looks.
            let chip = chips
                .iter()
                .find(|c| c.bytes.end > at && c.bytes.start < stop);
            let (end, format) = match chip {
                Some(c) if at < c.bytes.start => (c.bytes.start, s.format.clone()),
                Some(c) => {
                    let braces = c.bytes.end - 2;
                    let mut f = s.format.clone();
                    f.color = Color32::TRANSPARENT;
                    f.background = Color32::TRANSPARENT;
                    f.underline = egui::Stroke::NONE;
                    if at < braces {
                        f.font_id.size = HIDDEN_SIZE;
                        (braces, f)
                    } else {
                        f.extra_letter_spacing = room(c);
                        (c.bytes.end, f)
                    }
                }
                None => (stop, s.format.clone()),
            };
            let end = end.min(stop);
            sections.push(egui::text::LayoutSection {
                leading_space: leading,
                byte_range: egui::text::ByteIndex(at)..egui::text::ByteIndex(end),
                format,
            });
            leading = 0.0;
            at = end;
        }
    }
    job.sections = sections;
}

/// The letter spacing of the closing braces that makes the whole hidden code as wide as
/// the value, given the width the code takes without it: added twice, before each brace.
pub fn room(value_width: f32, code_width: f32) -> f32 {
    ((value_width + PADDING - code_width) / 2.0).max(0.0)
}

/// Size of a hidden code's characters (before its closing braces).
pub const HIDDEN_SIZE: f32 = 0.5;

/// Paints each chip's value where its code was laid out invisibly.
pub fn paint(
    ui: &egui::Ui,
    out: &egui::text_edit::TextEditOutput,
    chips: &[Chip],
    font: egui::FontId,
) {
    let painter = ui.painter_at(out.text_clip_rect);
    let fill = Color32::from_rgba_unmultiplied(0x40, 0x80, 0xff, 0x38);
    let color = ui.visuals().text_color();
    for c in chips {
        let cursor = |i: usize| out.galley.pos_from_cursor(egui::text::CCursor::new(i));
        let (start, a, b) = (
            cursor(c.chars.start),
            cursor(c.chars.end - 2),
            cursor(c.chars.end),
        );
        if (b.min.y - a.min.y).abs() > 0.5 {
            continue; // The braces were split over two rows: nothing sensible to paint.
        }
        // The whole code when it is on one row; else the part on the braces' row.
        let left = if (start.min.y - a.min.y).abs() > 0.5 {
            a.min.x
        } else {
            start.min.x
        };
        let a = egui::Rect::from_min_max(egui::pos2(left, a.min.y), a.max);
        let rect = egui::Rect::from_min_max(
            egui::pos2(a.min.x, a.min.y + 1.0),
            egui::pos2(b.min.x, a.max.y - 1.0),
        )
        .translate(out.galley_pos.to_vec2());
        painter.rect_filled(rect, 3.0, fill);
        painter.text(
            egui::pos2(rect.min.x + PADDING / 2.0, rect.center().y),
            egui::Align2::LEFT_CENTER,
            &c.value,
            font.clone(),
            color,
        );
    }
}

/// Where a collapsed cursor that landed inside a chip belongs: past it when it came
/// from before, before it when it came from after (or was clicked into it).
pub fn step_over(chips: &[Chip], cursor: usize, previous: usize) -> Option<usize> {
    let c = chips
        .iter()
        .find(|c| c.chars.start < cursor && cursor < c.chars.end)?;
    let came_from_before = previous <= c.chars.start;
    let nearer_start = cursor - c.chars.start <= c.chars.end - cursor;
    Some(
        if came_from_before || (previous < c.chars.end && !nearer_start) {
            c.chars.end
        } else {
            c.chars.start
        },
    )
}

/// Keeps the cursor of the text field `id` out of chips, remembering where it was.
pub fn keep_cursor_out(
    ctx: &egui::Context,
    id: egui::Id,
    out: &mut egui::text_edit::TextEditOutput,
    chips: &[Chip],
) {
    let Some(range) = out.cursor_range else {
        return;
    };
    let was_id = id.with("con-tro-truoc");
    let cursor = range.primary.index.0;
    let previous = ctx.data(|d| d.get_temp::<usize>(was_id)).unwrap_or(cursor);
    let mut now = cursor;
    if range.primary == range.secondary
        && let Some(to) = step_over(chips, cursor, previous)
    {
        now = to;
        out.state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::one(
                egui::text::CCursor::new(to),
            )));
        out.state.clone().store(ctx, id);
    }
    ctx.data_mut(|d| d.insert_temp(was_id, now));
}

/// The values of the figures `s` quotes, by code (for its chips).
pub fn values(view: &View, s: &Section) -> Vec<(String, String)> {
    view.derived
        .figures
        .get(&s.id)
        .into_iter()
        .flatten()
        .filter_map(|f| f.value.as_ref().ok().map(|v| (f.raw.clone(), v.clone())))
        .collect()
}

/// Under a text: the figures it quotes with their values (or why they cannot be
/// found), and a menu to insert one at `cursor`.
pub fn show_figures(
    ui: &mut egui::Ui,
    view: &View,
    s: &Section,
    cursor: Option<usize>,
    show_codes: &mut bool,
    out: &mut Vec<Command>,
) {
    let figures = view.derived.figures.get(&s.id).map_or(0, Vec::len);
    for f in view.derived.figures.get(&s.id).into_iter().flatten() {
        let raw = &f.raw;
        match &f.value {
            Ok(v) => {
                ui.label(egui::RichText::new(format!("{v} = {raw}")).small().weak());
            }
            Err(e) => {
                ui.colored_label(
                    egui::Color32::from_rgb(0xc0, 0x10, 0x10),
                    egui::RichText::new(format!("{raw}: {e}")).small(),
                );
            }
        }
    }
    let mut insert = |text: String| {
        out.push(Command::InsertFigure {
            section: s.id.clone(),
            cursor,
            text,
        })
    };
    ui.horizontal(|ui| {
    ui.menu_button("Chèn số liệu…", |ui| {
        ui.set_max_width(420.0);
        for ind in &view.project.plan.indicators {
            ui.menu_button(format!("{} {}", ind.id, ind.name.trim()), |ui| {
                for f in INDICATOR_FIELDS {
                    if ui.button(f).clicked() {
                        insert(indicator_placeholder(&ind.id, f));
                        ui.close();
                    }
                }
            });
        }
        ui.separator();
        ui.menu_button("Số liệu tổng hợp", |ui| {
            for f in SUMMARY_FIELDS {
                if ui.button(f).clicked() {
                    insert(summary_placeholder(f));
                    ui.close();
                }
            }
        });
    })
    .response
    .on_hover_text("Chèn số liệu lấy từ bước Chỉ tiêu và Nhiệm vụ vào chỗ đang viết; số liệu tự cập nhật khi sửa ở đó. Trong ô soạn, số liệu hiện bằng giá trị trên nền xanh; chọn “Hiện mã số liệu” để xem và sửa mã.");
    if figures > 0 {
        ui.checkbox(show_codes, "Hiện mã số liệu")
            .on_hover_text("Hiện số liệu bằng mã (ví dụ {{CT03.kết quả}}) để sửa mã; bỏ chọn để đọc bằng giá trị.");
    }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Vec<(String, String)> {
        vec![("{{CT03.kết quả}}".to_owned(), "87,5%".to_owned())]
    }

    #[test]
    fn only_fields_with_a_value_become_chips_counted_in_characters() {
        let t = "Đạt {{CT03.kết quả}}, chưa có {{CT09.kết quả}}.";
        let c = chips(t, &values());
        assert_eq!(c.len(), 1);
        let end = "Đạt {{CT03.kết quả}}".chars().count();
        assert_eq!(c[0].chars, 4..end);
        assert_eq!(&t[c[0].bytes.clone()], "{{CT03.kết quả}}");
        assert!(chips("{{CT03.kết quả", &values()).is_empty());
        assert!(chips(t, &[]).is_empty());
    }

    #[test]
    fn a_chips_code_is_hidden_and_its_closing_braces_make_room_for_the_value() {
        let t = "Tỷ lệ {{CT03.kết quả}} năm";
        let mut job = LayoutJob::single_section(t.to_owned(), egui::TextFormat::default());
        let c = chips(t, &values());
        hide_codes(&mut job, &c, |c| c.value.len() as f32 * 10.0);
        let ranges: Vec<_> = job
            .sections
            .iter()
            .map(|s| s.byte_range.start.0..s.byte_range.end.0)
            .collect();
        let b = c[0].bytes.clone();
        assert_eq!(
            ranges,
            vec![
                0..b.start,
                b.start..b.end - 2,
                b.end - 2..b.end,
                b.end..t.len()
            ]
        );
        let hidden = &job.sections[1].format;
        assert_eq!(hidden.color, Color32::TRANSPARENT);
        assert!(hidden.font_id.size < 1.0);
        let braces = &job.sections[2].format;
        assert_eq!(braces.color, Color32::TRANSPARENT);
        assert_eq!(braces.extra_letter_spacing, "87,5%".len() as f32 * 10.0);
        assert_eq!(job.sections[3].format, egui::TextFormat::default());
    }

    #[test]
    fn the_cursor_steps_over_a_chip_in_the_direction_it_moved() {
        let c = chips("a {{CT03.kết quả}} b", &values());
        let (start, end) = (c[0].chars.start, c[0].chars.end);
        assert_eq!(step_over(&c, start + 1, start), Some(end));
        assert_eq!(step_over(&c, end - 1, end), Some(start));
        assert_eq!(step_over(&c, start, start + 5), None);
        assert_eq!(step_over(&c, end, end), None);
        // Clicked into it: the nearer edge.
        assert_eq!(step_over(&c, end - 2, start + 3), Some(end));
    }
}
