//! print: one laid-out page as a printer's device draws it. Beside the PDF writer: the
//! same positioned items of [`crate::layout`], turned into device units (the printer's
//! dots, counted from the corner of its printable area) and glyph indices of the
//! bundled faces, so that the Windows spooler path (`print/windows*.rs`) only has to
//! hand them to GDI. Platform-independent, so that it is tested on every platform.
//!
//! Nothing here breaks a line or moves a word: every glyph lands where layout put it,
//! justification included, so the paper shows the lines the preview shows.

use crate::layout::fonts::{REPLACEMENT, font_bytes};
use crate::layout::{FontStyle, Item, Page};
use crate::units::{Mm, Pt};

/// A printer's page as its driver describes it (GetDeviceCaps on Windows).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Device {
    /// Dots per inch across (LOGPIXELSX).
    pub dpi_x: f32,
    /// Dots per inch down (LOGPIXELSY).
    pub dpi_y: f32,
    /// Left edge of the printable area from the paper's edge, in dots (PHYSICALOFFSETX).
    pub offset_x: f32,
    /// Top edge of the printable area from the paper's edge, in dots (PHYSICALOFFSETY).
    pub offset_y: f32,
}

impl Device {
    /// The dot across for `pt` from the paper's left edge: the device's origin is the
    /// printable area's corner, so the unprintable margin is taken off, keeping 1 mm
    /// on the page 1 mm on the paper.
    pub fn x(&self, pt: Pt) -> i32 {
        round(pt.0 * self.dpi_x / 72.0 - self.offset_x)
    }

    /// The dot down for `pt` from the paper's top edge.
    pub fn y(&self, pt: Pt) -> i32 {
        round(pt.0 * self.dpi_y / 72.0 - self.offset_y)
    }

    /// A length across, in dots, at least one (a hairline still shows).
    pub fn width(&self, pt: Pt) -> i32 {
        round(pt.0 * self.dpi_x / 72.0).max(1)
    }

    /// A length down (font heights), in dots.
    pub fn height(&self, pt: Pt) -> i32 {
        round(pt.0 * self.dpi_y / 72.0)
    }

    /// A distance on paper in millimetres, as dots across.
    pub fn mm_x(&self, mm: Mm) -> f32 {
        mm.to_pt().0 * self.dpi_x / 72.0
    }
}

/// Rounds to the nearest dot; page coordinates are far inside `i32`.
fn round(v: f32) -> i32 {
    if v.is_finite() {
        v.round().clamp(i32::MIN as f32, i32::MAX as f32) as i32
    } else {
        0
    }
}

/// One run of text in device units.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    pub style: FontStyle,
    /// Em height in dots (a GDI font of height `-em`).
    pub em: i32,
    /// Start of the baseline.
    pub x: i32,
    pub baseline: i32,
    /// Glyph indices in the bundled face of `style`.
    pub glyphs: Vec<u16>,
    /// The same run as UTF-16, one unit per glyph (characters outside the face were
    /// replaced by [`REPLACEMENT`]), for a device that did not take the bundled face.
    pub utf16: Vec<u16>,
    /// The distance from each glyph to the next, in dots: layout's advances and
    /// justification, rounded as positions so that a long line does not drift.
    pub advances: Vec<i32>,
}

/// What to draw on the device, in the page's order.
#[derive(Clone, Debug, PartialEq)]
pub enum Draw {
    /// A straight line with flat ends, `width` dots thick.
    Line {
        from: (i32, i32),
        to: (i32, i32),
        width: i32,
    },
    /// An unfilled rectangle's outline, `width` dots thick (left, top, right, bottom).
    Frame {
        rect: (i32, i32, i32, i32),
        width: i32,
    },
    Text(TextRun),
    /// A box for the signature or the seal image (left, top, right, bottom).
    Image {
        kind: crate::layout::ImageKind,
        rect: (i32, i32, i32, i32),
    },
}

/// The four bundled faces, parsed for their glyph indices and advances.
pub struct Faces {
    faces: Vec<ttf_parser::Face<'static>>,
}

impl Faces {
    /// The bundled faces; `None` only if an embedded font file is damaged.
    pub fn bundled() -> Option<Self> {
        let faces = FontStyle::ALL
            .iter()
            .map(|s| ttf_parser::Face::parse(font_bytes(*s), 0).ok())
            .collect::<Option<Vec<_>>>()?;
        Some(Self { faces })
    }

    fn face(&self, style: FontStyle) -> Option<&ttf_parser::Face<'static>> {
        let i = FontStyle::ALL.iter().position(|s| *s == style)?;
        self.faces.get(i)
    }
}

/// Everything `page` draws, in device units: rules and frames, then the text, then
/// the image boxes (the order the PDF writer paints them in). Whitespace-only runs are
/// left out; they draw nothing.
pub fn plan_page(page: &Page, device: &Device, faces: &Faces) -> Vec<Draw> {
    let mut out = Vec::with_capacity(page.items.len());
    for item in &page.items {
        match item {
            Item::Line(l) => out.push(Draw::Line {
                from: (device.x(l.x0), device.y(l.y0)),
                to: (device.x(l.x1), device.y(l.y1)),
                width: device.width(l.width),
            }),
            Item::Rect(r) => out.push(Draw::Frame {
                rect: (
                    device.x(r.x),
                    device.y(r.y),
                    device.x(r.x + r.w),
                    device.y(r.y + r.h),
                ),
                width: device.width(r.stroke),
            }),
            Item::Text(_) | Item::Image(_) => {}
        }
    }
    for item in &page.items {
        if let Item::Text(t) = item
            && !t.text.trim().is_empty()
            && let Some(run) = text_run(t, device, faces)
        {
            out.push(Draw::Text(run));
        }
    }
    for item in &page.items {
        if let Item::Image(b) = item {
            out.push(Draw::Image {
                kind: b.kind,
                rect: (
                    device.x(b.x),
                    device.y(b.y),
                    device.x(b.x + b.w),
                    device.y(b.y + b.h),
                ),
            });
        }
    }
    out
}

/// One text item as glyphs at device positions; `None` when its face is missing.
fn text_run(t: &crate::layout::TextItem, device: &Device, faces: &Faces) -> Option<TextRun> {
    let face = faces.face(t.style)?;
    let scale = t.size.0 / f32::from(face.units_per_em());
    let fallback = face.glyph_index(REPLACEMENT);
    let mut glyphs = Vec::with_capacity(t.text.len());
    let mut utf16 = Vec::with_capacity(t.text.len());
    let mut positions = Vec::with_capacity(t.text.len() + 1);
    let mut at = t.x;
    for c in t.text.chars() {
        let (c, gid) = match face.glyph_index(c) {
            Some(g) if (c as u32) < 0x10000 => (c, g),
            _ => (REPLACEMENT, fallback?),
        };
        positions.push(device.x(at));
        glyphs.push(gid.0);
        utf16.push(c as u16);
        at += Pt(f32::from(face.glyph_hor_advance(gid).unwrap_or(0)) * scale);
        if c == ' ' {
            at += t.word_spacing;
        }
    }
    positions.push(device.x(at));
    let advances = positions.windows(2).map(|w| w[1] - w[0]).collect();
    Some(TextRun {
        style: t.style,
        em: device.height(t.size).max(1),
        x: positions.first().copied().unwrap_or_else(|| device.x(t.x)),
        baseline: device.y(t.baseline),
        glyphs,
        utf16,
        advances,
    })
}

/// The paper a page is printed on, when it is one the printer drivers name:
/// DMPAPER_A4 (9) for an A4 portrait page, within a millimetre.
pub fn paper_code(page: &Page) -> Option<i16> {
    let w = page.width.to_mm().0;
    let h = page.height.to_mm().0;
    ((w - 210.0).abs() < 1.0 && (h - 297.0).abs() < 1.0).then_some(9)
}

/// How the copies of a job are made: `(driver, repeats)` — the copies asked of the
/// printer's driver, and how many times the pages are drawn. A driver that keeps the
/// copies asked (`driver_kept`, read back from its settings) makes them itself; one
/// that does not gets the pages drawn once per copy.
pub fn copies(asked: u32, driver_kept: u32) -> (u32, u32) {
    let asked = asked.max(1);
    if driver_kept >= asked {
        (asked, 1)
    } else {
        (1, asked)
    }
}

/// The sheets' sides in order: the index of the page on each side, `None` for a side
/// left blank. Repeated copies on both sides start each copy on a new sheet, so an odd
/// page count gets a blank back.
pub fn sides(pages: usize, repeats: u32, two_sided: bool) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    for copy in 0..repeats.max(1) {
        if copy > 0 && two_sided && out.len() % 2 == 1 {
            out.push(None);
        }
        out.extend((0..pages).map(Some));
    }
    out
}

/// The job's name in the spooler: its title without a `.pdf` ending, since what the
/// spooler gets is the driver's own data (PostScript, PCL), and a queue that types
/// jobs by their name (CUPS, which Wine hands jobs to) would take it for a PDF.
pub fn document_name(title: &str) -> &str {
    let cut = title.len().saturating_sub(4);
    match (title.get(..cut), title.get(cut..)) {
        (Some(stem), Some(end)) if end.eq_ignore_ascii_case(".pdf") && !stem.is_empty() => stem,
        _ => title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{ImageItem, ImageKind, LineItem, RectItem, TextItem};

    fn printer_600() -> Device {
        // A typical laser printer: 600 dpi, 4.23 mm (100 dots) unprintable on each side.
        Device {
            dpi_x: 600.0,
            dpi_y: 600.0,
            offset_x: 100.0,
            offset_y: 100.0,
        }
    }

    fn text(s: &str, word_spacing_pt: f32) -> TextItem {
        TextItem {
            x: Pt(72.0),
            baseline: Pt(144.0),
            size: Pt(14.0),
            style: FontStyle::Regular,
            text: s.to_owned(),
            word_spacing: Pt(word_spacing_pt),
            width: Pt(0.0),
            flagged: false,
        }
    }

    fn page(items: Vec<Item>) -> Page {
        Page {
            width: crate::units::A4.width.to_pt(),
            height: crate::units::A4.height.to_pt(),
            items,
            ..Page::default()
        }
    }

    #[test]
    fn one_millimetre_on_the_page_is_one_millimetre_on_the_paper() {
        let d = printer_600();
        // 30 mm from the paper's edge (the decree's left margin) is 708.66 dots from
        // the edge, 608.66 from the printable area's corner.
        let left = Mm(30.0).to_pt();
        assert_eq!(d.x(left), 609);
        assert_eq!(d.y(left), 609);
        // 100 mm apart on the page are 100 mm (2362.2 dots) apart on paper.
        let a = d.x(Mm(50.0).to_pt());
        let b = d.x(Mm(150.0).to_pt());
        assert_eq!(b - a, 2362);
        assert!((d.mm_x(Mm(25.4)) - 600.0).abs() < 1e-3);
        // A device with different resolutions across and down keeps both true.
        let odd = Device {
            dpi_x: 300.0,
            dpi_y: 600.0,
            offset_x: 0.0,
            offset_y: 0.0,
        };
        assert_eq!(odd.x(Pt(72.0)), 300);
        assert_eq!(odd.y(Pt(72.0)), 600);
        assert_eq!(odd.width(Pt(0.01)), 1, "a hairline keeps one dot");
    }

    #[test]
    fn a_run_is_drawn_from_its_start_with_the_fonts_own_advances() {
        let faces = Faces::bundled().unwrap();
        let d = printer_600();
        let plan = plan_page(&page(vec![Item::Text(text("Đà Nẵng", 0.0))]), &d, &faces);
        let [Draw::Text(run)] = plan.as_slice() else {
            panic!("{plan:?}")
        };
        assert_eq!((run.x, run.baseline), (500, 1100));
        assert_eq!(run.em, 117, "14 pt at 600 dpi is 116.7 dots");
        assert_eq!(run.glyphs.len(), 7);
        assert_eq!(run.utf16, "Đà Nẵng".encode_utf16().collect::<Vec<_>>());
        // The whole run is as wide on paper as layout measured it.
        let fonts = crate::layout::Fonts::bundled().unwrap();
        let width_pt = fonts.text_width_pt(FontStyle::Regular, "Đà Nẵng", 14.0);
        let drawn: i32 = run.advances.iter().sum();
        assert_eq!(drawn, d.x(Pt(72.0 + width_pt)) - d.x(Pt(72.0)));
        // Glyph indices are the face's own (not code points).
        assert_ne!(u32::from(run.glyphs[0]), 'Đ' as u32);
        assert!(run.glyphs.iter().all(|g| *g != 0), "no .notdef");
    }

    #[test]
    fn justification_widens_every_space_by_the_layouts_word_spacing() {
        let faces = Faces::bundled().unwrap();
        let d = printer_600();
        let plain = plan_page(&page(vec![Item::Text(text("a b c", 0.0))]), &d, &faces);
        let wide = plan_page(&page(vec![Item::Text(text("a b c", 6.0))]), &d, &faces);
        let (Draw::Text(plain), Draw::Text(wide)) = (&plain[0], &wide[0]) else {
            panic!()
        };
        let extra: Vec<i32> = plain
            .advances
            .iter()
            .zip(&wide.advances)
            .map(|(p, w)| w - p)
            .collect();
        // 6 pt at 600 dpi is 50 dots, after each of the two spaces only.
        assert_eq!(extra[0], 0);
        assert_eq!(extra[2], 0);
        assert_eq!(extra[4], 0);
        assert!((49..=51).contains(&extra[1]) && (49..=51).contains(&extra[3]));
        assert_eq!(extra.iter().sum::<i32>(), 100);
    }

    #[test]
    fn characters_the_face_lacks_print_as_the_white_square_and_blank_runs_not_at_all() {
        let faces = Faces::bundled().unwrap();
        let d = printer_600();
        let items = vec![
            Item::Text(text("a\u{4E2D}", 0.0)),
            Item::Text(text("   ", 0.0)),
            Item::Text(text("\u{1F600}", 0.0)),
        ];
        let plan = plan_page(&page(items), &d, &faces);
        assert_eq!(plan.len(), 2, "{plan:?}");
        let Draw::Text(run) = &plan[0] else { panic!() };
        assert_eq!(run.utf16, vec!['a' as u16, REPLACEMENT as u16]);
        let Draw::Text(emoji) = &plan[1] else {
            panic!()
        };
        assert_eq!(emoji.utf16, vec![REPLACEMENT as u16], "one unit per glyph");
        assert_eq!(emoji.glyphs[0], run.glyphs[1]);
    }

    #[test]
    fn rules_and_frames_come_before_text_and_image_boxes_last() {
        let faces = Faces::bundled().unwrap();
        let d = printer_600();
        let items = vec![
            Item::Text(text("x", 0.0)),
            Item::Image(ImageItem {
                kind: ImageKind::Seal,
                x: Pt(72.0),
                y: Pt(72.0),
                w: Pt(72.0),
                h: Pt(36.0),
            }),
            Item::Line(LineItem {
                x0: Pt(72.0),
                y0: Pt(72.0),
                x1: Pt(144.0),
                y1: Pt(72.0),
                width: Pt(0.5),
            }),
            Item::Rect(RectItem {
                x: Pt(0.0),
                y: Pt(0.0),
                w: Pt(72.0),
                h: Pt(72.0),
                stroke: Pt(1.0),
            }),
        ];
        let plan = plan_page(&page(items), &d, &faces);
        assert_eq!(
            plan[0],
            Draw::Line {
                from: (500, 500),
                to: (1100, 500),
                width: 4
            }
        );
        assert_eq!(
            plan[1],
            Draw::Frame {
                rect: (-100, -100, 500, 500),
                width: 8
            }
        );
        assert!(matches!(plan[2], Draw::Text(_)));
        assert_eq!(
            plan[3],
            Draw::Image {
                kind: ImageKind::Seal,
                rect: (500, 500, 1100, 800)
            }
        );
    }

    #[test]
    fn copies_are_left_to_the_driver_only_when_it_keeps_them() {
        assert_eq!(copies(3, 3), (3, 1));
        assert_eq!(copies(3, 99), (3, 1));
        assert_eq!(
            copies(3, 1),
            (1, 3),
            "a driver that caps copies gets them drawn"
        );
        assert_eq!(copies(0, 0), (1, 1));
    }

    #[test]
    fn drawn_copies_of_an_odd_two_sided_job_each_start_a_new_sheet() {
        assert_eq!(sides(2, 1, false), [Some(0), Some(1)]);
        assert_eq!(
            sides(3, 2, true),
            [Some(0), Some(1), Some(2), None, Some(0), Some(1), Some(2)]
        );
        assert_eq!(
            sides(3, 2, false),
            [Some(0), Some(1), Some(2), Some(0), Some(1), Some(2)]
        );
        assert_eq!(sides(2, 2, true), [Some(0), Some(1), Some(0), Some(1)]);
        assert!(sides(0, 3, true).is_empty());
    }

    #[test]
    fn the_spooler_job_is_not_named_as_a_pdf() {
        assert_eq!(document_name("BC-so-ket-du-thao.pdf"), "BC-so-ket-du-thao");
        assert_eq!(document_name("Báo cáo.PDF"), "Báo cáo");
        assert_eq!(document_name("ghi-chu"), "ghi-chu");
        assert_eq!(document_name(".pdf"), ".pdf");
        assert_eq!(
            document_name("đ"),
            "đ",
            "a short name with a multi-byte letter"
        );
    }

    #[test]
    fn a4_pages_ask_for_a4_paper_and_others_for_the_printers_own() {
        assert_eq!(paper_code(&page(Vec::new())), Some(9));
        let letter = Page {
            width: Pt(612.0),
            height: Pt(792.0),
            ..Page::default()
        };
        assert_eq!(paper_code(&letter), None);
    }

    #[test]
    fn every_page_of_the_sample_plans_its_text_without_a_missing_glyph() {
        let project = crate::test_support::sample();
        let rendered = crate::render::render(
            &project,
            &project.reports[0],
            crate::render::RenderKind::Draft,
        )
        .unwrap();
        let faces = Faces::bundled().unwrap();
        let d = printer_600();
        for page in &rendered.pages.pages {
            let runs: Vec<TextRun> = plan_page(page, &d, &faces)
                .into_iter()
                .filter_map(|p| match p {
                    Draw::Text(r) => Some(r),
                    _ => None,
                })
                .collect();
            assert!(!runs.is_empty());
            for r in runs {
                assert_eq!(r.glyphs.len(), r.utf16.len());
                assert_eq!(r.glyphs.len(), r.advances.len());
                assert!(r.glyphs.iter().all(|g| *g != 0));
                // Everything lands on the paper (A4 at 600 dpi, less the margins).
                assert!(r.x > 0 && r.x < 4960 && r.baseline > 0 && r.baseline < 7016);
            }
        }
    }
}
