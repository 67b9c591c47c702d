//! layout, step 3c: a [`LabelList`] (`Kính gửi:`) → line bands: the label, then each
//! item on its own line starting where the first one starts, the whole centred.

use super::lines::{LineParams, lay_lines, natural_width_pt, sane_size};
use super::page::FontStyle;
use super::slice::Slice;
use super::text::Ctx;
use crate::compose::{Align, LabelList};

/// Above this share of the text width the label gets a line of its own and the items
/// go under it, flush with the text's left edge.
const MAX_LABEL_SHARE: f32 = 0.6;

/// One line band of the list and whether it ends an item (a page may break after it).
pub(crate) struct ListLine {
    pub slice: Slice,
    pub ends_item: bool,
}

/// Lays `l` out on the text width from `x_pt`.
pub(crate) fn lay_label_list(
    l: &LabelList,
    x_pt: f32,
    width_pt: f32,
    ctx: &mut Ctx,
) -> Vec<ListLine> {
    let size = sane_size(l.size_pt);
    let label = ctx.styled(&l.label, false);
    let items: Vec<_> = l.items.iter().map(|runs| ctx.styled(runs, false)).collect();
    let fonts = ctx.fonts;
    let label_w = if label.text.trim().is_empty() {
        0.0
    } else {
        natural_width_pt(&label, size, fonts) + fonts.text_width_pt(FontStyle::Regular, " ", size)
    };
    let widest = items
        .iter()
        .map(|s| natural_width_pt(s, size, fonts))
        .fold(0.0, f32::max);
    let params = |x, w| LineParams {
        size_pt: size,
        align: Align::Left,
        first_indent_pt: 0.0,
        x_pt: x,
        width_pt: w,
        line_spacing: 1.0,
    };
    let mut out = Vec::new();
    // Where the items start and how wide they may be.
    let (item_x, item_w, mut label_items) = if label_w > MAX_LABEL_SHARE * width_pt {
        for laid in lay_lines(&label, &params(x_pt, width_pt), fonts) {
            out.push(ListLine {
                slice: laid.slice,
                ends_item: false,
            });
        }
        (x_pt, width_pt, Vec::new())
    } else {
        let block_w = (label_w + widest).min(width_pt);
        let x0 = x_pt + (width_pt - block_w) / 2.0;
        let label_items = if label_w > 0.0 {
            lay_lines(&label, &params(x0, label_w + 1.0), fonts)
                .into_iter()
                .flat_map(|l| l.slice.items)
                .collect()
        } else {
            Vec::new()
        };
        (x0 + label_w, x_pt + width_pt - (x0 + label_w), label_items)
    };
    for item in &items {
        let lines = lay_lines(item, &params(item_x, item_w), fonts);
        let n = lines.len();
        for (i, mut laid) in lines.into_iter().enumerate() {
            if !label_items.is_empty() {
                label_items.append(&mut laid.slice.items);
                laid.slice.items = std::mem::take(&mut label_items);
            }
            out.push(ListLine {
                slice: laid.slice,
                ends_item: i + 1 == n,
            });
        }
    }
    if !label_items.is_empty() {
        // A label without items still prints, on its own line.
        let mut lines = lay_lines(&label, &params(x_pt, width_pt), fonts);
        if let Some(first) = lines.first_mut() {
            first.slice.items = label_items;
        }
        out.extend(lines.into_iter().map(|l| ListLine {
            slice: l.slice,
            ends_item: true,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::{Run, SourceRef};
    use crate::layout::Fonts;
    use crate::layout::page::{Item, TextItem};

    fn list(items: &[&str]) -> LabelList {
        LabelList {
            label: vec![Run::plain("Kính gửi:")],
            items: items.iter().map(|t| vec![Run::plain(*t)]).collect(),
            size_pt: 14.0,
            space_after_pt: 6.0,
            source: SourceRef::default(),
        }
    }

    fn lay(l: &LabelList) -> Vec<ListLine> {
        let mut ctx = Ctx::new(Fonts::bundled().expect("fonts"));
        lay_label_list(l, 85.0, 467.7, &mut ctx)
    }

    fn texts(s: &Slice) -> Vec<&TextItem> {
        s.items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn items_start_under_the_first_item_and_the_block_is_centred() {
        let lines = lay(&list(&[
            "- Ban Chỉ đạo Nghị quyết 57 thành phố;",
            "- Sở Khoa học và Công nghệ.",
        ]));
        assert_eq!(lines.len(), 2);
        let first = texts(&lines[0].slice);
        assert_eq!(first[0].text, "Kính gửi:");
        let item1 = first[1];
        let item2 = texts(&lines[1].slice)[0];
        assert!((item1.x.0 - item2.x.0).abs() < 1e-4);
        let left = first[0].x.0;
        let right = item1.x.0 + item1.width.0;
        assert!(((left + right) / 2.0 - (85.0 + 467.7 / 2.0)).abs() < 0.01);
        assert!(lines[0].ends_item && lines[1].ends_item);
    }

    #[test]
    fn a_long_item_wraps_under_its_own_start() {
        let long = "- Ban Thường vụ Đảng ủy, Thường trực Hội đồng nhân dân, Ủy ban Mặt trận Tổ quốc \
                    Việt Nam xã và các cơ quan, đơn vị có liên quan trên địa bàn;";
        let lines = lay(&list(&[long, "- Sở Nội vụ."]));
        assert!(lines.len() >= 3);
        let start = texts(&lines[0].slice)[1].x.0;
        let second = texts(&lines[1].slice)[0];
        assert!((second.x.0 - start).abs() < 1e-4);
        assert!(second.x.0 + second.width.0 <= 85.0 + 467.7 + 0.01);
        assert!(!lines[0].ends_item);
    }

    #[test]
    fn a_label_without_items_still_prints() {
        let lines = lay(&list(&[]));
        assert_eq!(lines.len(), 1);
        assert_eq!(texts(&lines[0].slice)[0].text, "Kính gửi:");
    }
}
