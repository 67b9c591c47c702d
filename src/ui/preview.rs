//! ui: the live page preview. Paints layout's [`Pages`] — the very pages the PDF is
//! written from — with egui's painter, so what the clerk sees is what prints. Reads
//! pages, decides no position itself: every x, baseline and width comes from layout.
//!
//! Words are placed one by one with layout's own metrics (as the PDF places them);
//! egui only rasterises the glyphs of each word.

use eframe::egui::{
    self, Color32, CornerRadius, CursorIcon, FontId, Pos2, Rect, Role, ScrollArea, Sense, Shadow,
    Stroke, StrokeKind, Ui, Vec2, WidgetInfo, pos2, vec2,
};

use super::command::Zoom;
use super::fonts::serif_family;
use crate::compose::SourceRef;
use crate::layout::{Fonts, Item, Page, Pages, Region, TextItem};
use crate::units::{Mm, Pt};

/// Screen points per page point at 100 %: a page shown at 100 % has its printed size on
/// a 96 dpi screen, as in word processors.
pub const SCREEN_PER_PT: f32 = 96.0 / 72.0;

/// The zoom levels the buttons step through.
pub const ZOOM_STEPS: [f32; 11] = [0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0];

/// Smallest zoom "Vừa chiều rộng" may choose in a very narrow panel (the app zoomed to
/// 150–200 % on a 1366-pixel screen): small enough that the whole width still shows.
const MIN_FIT_ZOOM: f32 = 0.15;

/// Grey space around and between the sheets, in screen points.
const PAGE_GAP: f32 = 16.0;

/// Room kept for the vertical scroll bar when fitting the width.
const SCROLL_BAR_ROOM: f32 = 12.0;

const BACKGROUND: Color32 = Color32::from_gray(0x8c);
const INK: Color32 = Color32::BLACK;
/// Text the clerk must fix.
const FLAGGED: Color32 = Color32::from_rgb(0xC0, 0x10, 0x10);
const HOVER: Color32 = Color32::from_rgba_premultiplied(0x05, 0x0d, 0x1a, 0x1e);
const FOCUS: Color32 = Color32::from_rgba_premultiplied(0x5a, 0x4f, 0x16, 0x5a);
/// The margin tab marking open comments (preview only).
const MARKER: Color32 = Color32::from_rgb(0xff, 0xe0, 0x70);

/// Where the preview scrolls to on its next frame: `y` of page `page` is put
/// `from_top` (a fraction of the viewport's height) plus `margin` (screen points)
/// below the viewport's top.
#[derive(Clone, Debug, PartialEq)]
pub struct ScrollTarget {
    pub page: usize,
    pub y: Pt,
    pub from_top: f32,
    pub margin: f32,
}

/// What the preview remembers between frames.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewState {
    /// Zoom factor, 1.0 = printed size (see [`SCREEN_PER_PT`]). Recomputed every frame
    /// while [`Self::fit_width`] is on.
    pub zoom: f32,
    /// Zoom so that the widest page fills the panel's width ("Vừa chiều rộng").
    pub fit_width: bool,
    /// Index of the page in view (from 0), shown as `Trang n/N`.
    pub current_page: usize,
    /// A scroll asked for and not yet done.
    pub pending_scroll: Option<ScrollTarget>,
    /// The last scroll the preview performed (for tests and the host app).
    pub last_scroll: Option<ScrollTarget>,
    /// The focus already scrolled to, so a focus scrolls only once.
    last_focus: Option<SourceRef>,
    /// The page point at the viewport's top in the last frame and the zoom it was
    /// painted at: when the zoom changes, that point stays at the top.
    top_anchor: Option<(usize, Pt, f32)>,
    /// The pages painted in the last frame, with where they were on screen.
    visible: Vec<(usize, PageToScreen)>,
    /// The viewport of the last frame (content coordinates) and the scale it was at.
    last_viewport: Option<(Rect, f32)>,
    /// The comment markers painted in the last frame.
    pub painted_markers: Vec<PaintedMarker>,
}

/// A yellow tab painted in a page's margin: open comments on a part of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct PaintedMarker {
    /// Index of the page (from 0).
    pub page: usize,
    /// The part of the report the comments are on.
    pub source: SourceRef,
    /// How many comments are open on it.
    pub count: usize,
}

/// Open comments per part of the report: each is marked in the margin beside where
/// that part starts. Never printed.
pub type CommentMarkers = std::collections::BTreeMap<SourceRef, usize>;

impl Default for PreviewState {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            fit_width: true,
            current_page: 0,
            pending_scroll: None,
            last_scroll: None,
            last_focus: None,
            top_anchor: None,
            visible: Vec::new(),
            last_viewport: None,
            painted_markers: Vec::new(),
        }
    }
}

impl PreviewState {
    /// The next larger step of [`ZOOM_STEPS`]; leaves "fit width".
    pub fn zoom_in(&mut self) {
        self.set_zoom(Zoom::In.from(self.zoom));
    }

    /// The next smaller step of [`ZOOM_STEPS`]; leaves "fit width".
    pub fn zoom_out(&mut self) {
        self.set_zoom(Zoom::Out.from(self.zoom));
    }

    /// Sets a fixed zoom (clamped to the steps' range).
    pub fn set_zoom(&mut self, zoom: f32) {
        let (lo, hi) = (ZOOM_STEPS[0], ZOOM_STEPS[ZOOM_STEPS.len() - 1]);
        self.zoom = zoom.clamp(lo, hi);
        self.fit_width = false;
    }

    /// Turns on "fit width"; the zoom follows the panel's width from the next frame.
    pub fn fit_width(&mut self) {
        self.fit_width = true;
    }

    /// Scrolls to the top of page `page` (from 0).
    pub fn go_to_page(&mut self, page: usize) {
        self.current_page = page;
        // The grey gap above the sheet stays visible, so its edge shows.
        self.pending_scroll = Some(ScrollTarget {
            page,
            y: Pt(0.0),
            from_top: 0.0,
            margin: PAGE_GAP / 2.0,
        });
    }

    /// Where the page point (`x`, `y`) of page `page` was on screen in the last
    /// frame; `None` when that page was not painted.
    pub fn screen_pos(&self, page: usize, x: Pt, y: Pt) -> Option<Pos2> {
        self.visible
            .iter()
            .find(|(i, _)| *i == page)
            .map(|(_, tf)| tf.to_screen(x, y))
    }

    /// After a zoom change (a button, or the panel's width with "fit width"), keeps
    /// the page point that was at the viewport's top there.
    fn keep_top_in_place(&mut self) {
        if self.pending_scroll.is_none()
            && let Some((page, y, zoom)) = self.top_anchor
            && zoom != self.zoom
        {
            self.pending_scroll = Some(ScrollTarget {
                page,
                y,
                from_top: 0.0,
                margin: 0.0,
            });
        }
    }
}

impl Zoom {
    /// The zoom after this change from `zoom`; a step stays at `zoom` at the ends.
    pub fn from(self, zoom: f32) -> f32 {
        const EPS: f32 = 0.005;
        let step = match self {
            Zoom::In => ZOOM_STEPS.iter().copied().find(|s| *s > zoom + EPS),
            Zoom::Out => ZOOM_STEPS.iter().rev().copied().find(|s| *s < zoom - EPS),
            Zoom::Reset => Some(1.0),
        };
        step.unwrap_or(zoom)
    }
}

/// The zoom at which a page `page_width` wide fills `available` screen points,
/// rounded down to whole percents so that resizing the panel by a pixel does not
/// rasterise the glyphs again at a new size.
pub fn fit_zoom(available: f32, page_width: Pt) -> f32 {
    if page_width.0 <= 0.0 || !available.is_finite() {
        return 1.0;
    }
    let z = (available / (page_width.0 * SCREEN_PER_PT) * 100.0).floor() / 100.0;
    z.clamp(MIN_FIT_ZOOM, ZOOM_STEPS[ZOOM_STEPS.len() - 1])
}

/// Page space (points from the page's top-left corner, y down) ↔ screen space.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageToScreen {
    /// Screen position of the page's top-left corner.
    pub origin: Pos2,
    /// Screen points per page point.
    pub scale: f32,
}

impl PageToScreen {
    /// The one conversion from page space to screen space.
    pub fn to_screen(&self, x: Pt, y: Pt) -> Pos2 {
        pos2(
            self.origin.x + x.0 * self.scale,
            self.origin.y + y.0 * self.scale,
        )
    }

    /// The inverse of [`Self::to_screen`]: a screen position in page points.
    pub fn to_page(&self, pos: Pos2) -> (Pt, Pt) {
        (
            Pt((pos.x - self.origin.x) / self.scale),
            Pt((pos.y - self.origin.y) / self.scale),
        )
    }

    /// A page-space rectangle on screen.
    pub fn rect_to_screen(&self, x: Pt, y: Pt, w: Pt, h: Pt) -> Rect {
        Rect::from_min_max(self.to_screen(x, y), self.to_screen(x + w, y + h))
    }
}

/// The smallest region containing the page point (`x`, `y`): nested regions (a
/// section inside the body) win over the ones around them.
pub fn region_at(regions: &[Region], x: Pt, y: Pt) -> Option<&Region> {
    regions
        .iter()
        .filter(|r| x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h)
        .min_by(|a, b| (a.w.0 * a.h.0).total_cmp(&(b.w.0 * b.h.0)))
}

/// The words of a text run with their x positions, as the PDF draws them: each piece up
/// to and including a space advances by its width plus the run's word spacing.
/// Yields `(x, word)` with the word's trailing spaces removed; blank pieces are skipped.
pub fn words<'a>(fonts: &'a Fonts, t: &'a TextItem) -> impl Iterator<Item = (Pt, &'a str)> + 'a {
    let mut x = t.x;
    t.text.split_inclusive(' ').filter_map(move |piece| {
        let at = x;
        x += Pt(fonts.text_width_pt(t.style, piece, t.size.0));
        if piece.ends_with(' ') {
            x += t.word_spacing;
        }
        let word = piece.trim_end_matches(' ');
        (!word.is_empty()).then_some((at, word))
    })
}

/// Where the pages sit in the scroll area's content, in screen points.
struct Geometry {
    scale: f32,
    /// Top of each page, from the content's top.
    tops: Vec<f32>,
    content: Vec2,
}

impl Geometry {
    fn new(pages: &[Page], zoom: f32, min_width: f32) -> Self {
        let scale = zoom * SCREEN_PER_PT;
        let mut tops = Vec::with_capacity(pages.len());
        let mut y = PAGE_GAP;
        let mut widest: f32 = 0.0;
        for p in pages {
            tops.push(y);
            y += p.height.0 * scale + PAGE_GAP;
            widest = widest.max(p.width.0 * scale);
        }
        let width = (widest + 2.0 * PAGE_GAP).max(min_width);
        Self {
            scale,
            tops,
            content: vec2(width, y),
        }
    }

    fn top(&self, page: usize) -> f32 {
        self.tops.get(page).copied().unwrap_or(0.0)
    }

    /// The transform of page `i`, centred horizontally in the content at `content_min`.
    fn transform(&self, pages: &[Page], i: usize, content_min: Pos2) -> PageToScreen {
        let w = pages.get(i).map_or(0.0, |p| p.width.0 * self.scale);
        PageToScreen {
            origin: pos2(
                content_min.x + ((self.content.x - w) / 2.0).round(),
                content_min.y + self.top(i),
            ),
            scale: self.scale,
        }
    }

    /// The page at content height `y` (the one above, in the gap between two pages).
    fn page_at_y(&self, y: f32) -> usize {
        self.tops.partition_point(|t| *t <= y).saturating_sub(1)
    }

    /// The scroll offset that shows `target` in a viewport `viewport_h` tall.
    /// The scroll offset that shows `target`, never past the end of the pages (an
    /// offset beyond it would spring back over several frames).
    fn offset_of(&self, target: &ScrollTarget, viewport_h: f32) -> f32 {
        let y = self.top(target.page) + target.y.0 * self.scale;
        let max = (self.content.y - viewport_h).max(0.0);
        (y - target.from_top * viewport_h - target.margin).clamp(0.0, max)
    }
}

/// Shows the toolbar and the pages; returns the part of the report the clerk clicked on.
///
/// `focus` is the part being edited: the first time it is given (or after it changes)
/// the preview scrolls to its first region, and all its regions stay highlighted while
/// it is given.
pub fn show_preview(
    ui: &mut Ui,
    pages: &Pages,
    markers: &CommentMarkers,
    state: &mut PreviewState,
    focus: Option<&SourceRef>,
) -> Option<SourceRef> {
    let pages = &pages.pages[..];
    let fonts = match Fonts::bundled() {
        Some(f) if !pages.is_empty() => f,
        _ => {
            ui.centered_and_justified(|ui| ui.label("Chưa có trang để xem trước"));
            return None;
        }
    };

    if state.fit_width {
        let widest = pages.iter().map(|p| p.width).fold(Pt(0.0), Pt::max);
        let room = ui.available_width() - 2.0 * PAGE_GAP - SCROLL_BAR_ROOM;
        state.zoom = fit_zoom(room, widest);
    }
    state.current_page = state.current_page.min(pages.len().saturating_sub(1));
    toolbar(ui, pages.len(), state);
    let shown_page = state.current_page;
    state.keep_top_in_place();

    let area_rect = ui.available_rect_before_wrap();
    ui.painter().rect_filled(area_rect, 0.0, BACKGROUND);
    let geo = Geometry::new(pages, state.zoom, area_rect.width());
    follow_focus(pages, &geo, state, focus);

    let mut area = ScrollArea::both()
        .id_salt("xem-truoc")
        .auto_shrink([false, false]);
    if let Some(target) = state.pending_scroll.take() {
        area = area.vertical_scroll_offset(geo.offset_of(&target, area_rect.height()));
        state.last_scroll = Some(target);
    }
    let clicked = area
        .show_viewport(ui, |ui, viewport| {
            paint_pages(
                ui,
                pages,
                fonts,
                &geo,
                viewport,
                state,
                &Overlay { focus, markers },
            )
        })
        .inner;
    if state.current_page != shown_page {
        // The toolbar was drawn with the old page number.
        ui.ctx().request_repaint();
    }
    clicked
}

fn toolbar(ui: &mut Ui, page_count: usize, state: &mut PreviewState) {
    // Wraps on a narrow panel rather than widening it over the editor.
    ui.horizontal_wrapped(|ui| {
        let lo = ZOOM_STEPS[0];
        let hi = ZOOM_STEPS[ZOOM_STEPS.len() - 1];
        if icon_button(ui, "−", "Thu nhỏ", state.zoom > lo + 0.005) {
            state.zoom_out();
        }
        ui.label(format!("{:.0}%", state.zoom * 100.0));
        if icon_button(ui, "+", "Phóng to", state.zoom < hi - 0.005) {
            state.zoom_in();
        }
        if ui
            .selectable_label(state.fit_width, "Vừa chiều rộng")
            .on_hover_text("Phóng trang cho vừa chiều rộng khung xem trước")
            .clicked()
        {
            state.fit_width();
        }
        ui.separator();
        let current = state.current_page;
        if icon_button(ui, "‹", "Trang trước", current > 0) {
            state.go_to_page(current.saturating_sub(1));
        }
        ui.label(format!("Trang {}/{}", state.current_page + 1, page_count));
        if icon_button(ui, "›", "Trang sau", current + 1 < page_count) {
            state.go_to_page(current + 1);
        }
    });
}

/// A small button showing `icon`, named `name` for its tooltip and for screen readers.
fn icon_button(ui: &mut Ui, icon: &str, name: &str, enabled: bool) -> bool {
    let r = ui
        .add_enabled(enabled, egui::Button::new(icon).min_size(vec2(24.0, 0.0)))
        .on_hover_text(name)
        .on_disabled_hover_text(name);
    r.widget_info(|| WidgetInfo::labeled(Role::Button, enabled, name));
    r.clicked()
}

/// Asks for a scroll to `focus`'s first region when the focus is new.
/// A region already in view (its top in the upper part of the viewport) is left where
/// it is, so that clicking on the page does not make it jump.
fn follow_focus(
    pages: &[Page],
    geo: &Geometry,
    state: &mut PreviewState,
    focus: Option<&SourceRef>,
) {
    let Some(focus) = focus else {
        state.last_focus = None;
        return;
    };
    if state.last_focus.as_ref() == Some(focus) {
        return;
    }
    let first = pages.iter().enumerate().find_map(|(i, p)| {
        p.regions
            .iter()
            .find(|r| &r.source == focus)
            .map(|r| (i, r.y))
    });
    // Not found: the pages may not show the new part yet; try again next frame.
    let Some((page, top)) = first else { return };
    state.last_focus = Some(focus.clone());
    let y = geo.top(page) + top.0 * geo.scale;
    let in_view = state.last_viewport.is_some_and(|(v, scale)| {
        scale == geo.scale && y >= v.min.y && y <= v.min.y + v.height() * 0.75
    });
    if !in_view {
        state.pending_scroll = Some(ScrollTarget {
            page,
            y: top,
            from_top: 1.0 / 3.0,
            margin: 0.0,
        });
        state.current_page = page;
    }
}

/// Paints the pages that intersect `viewport` (content coordinates) and handles the
/// pointer; returns the source clicked on.
/// What is drawn over the pages: the highlighted part and the comment markers.
struct Overlay<'a> {
    focus: Option<&'a SourceRef>,
    markers: &'a CommentMarkers,
}

fn paint_pages(
    ui: &mut Ui,
    pages: &[Page],
    fonts: &Fonts,
    geo: &Geometry,
    viewport: Rect,
    state: &mut PreviewState,
    overlay: &Overlay,
) -> Option<SourceRef> {
    let focus = overlay.focus;
    let (content, response) = ui.allocate_exact_size(geo.content, Sense::click());
    let origin = content.min;

    // The page and region under the pointer.
    let hit = |pos: Pos2| {
        let i = geo.page_at_y(pos.y - origin.y);
        let tf = geo.transform(pages, i, origin);
        let (x, y) = tf.to_page(pos);
        pages
            .get(i)
            .and_then(|p| region_at(&p.regions, x, y))
            .map(|r| (i, r))
    };
    let hovered = response.hover_pos().and_then(hit);
    if hovered.is_some() {
        ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
    }
    let clicked = if response.clicked() {
        response
            .interact_pointer_pos()
            .and_then(hit)
            .map(|(_, r)| r.source.clone())
    } else {
        None
    };

    let first = geo.page_at_y(viewport.min.y);
    let painter = ui.painter();
    state.visible.clear();
    state.painted_markers.clear();
    let marker_pages = marker_pages(pages, overlay.markers);
    for (i, page) in pages.iter().enumerate().skip(first) {
        if geo.top(i) > viewport.max.y {
            break;
        }
        let tf = geo.transform(pages, i, origin);
        state.visible.push((i, tf));
        let sheet = tf.rect_to_screen(Pt(0.0), Pt(0.0), page.width, page.height);
        let shadow = Shadow {
            offset: [2, 3],
            blur: 8,
            spread: 0,
            color: Color32::from_black_alpha(70),
        };
        painter.add(shadow.as_shape(sheet, CornerRadius::ZERO));
        painter.rect_filled(sheet, 0.0, Color32::WHITE);
        for r in &page.regions {
            if focus == Some(&r.source) {
                painter.rect_filled(tf.rect_to_screen(r.x, r.y, r.w, r.h), 0.0, FOCUS);
            }
        }
        if let Some((hi, region)) = hovered
            && hi == i
        {
            let rect = tf.rect_to_screen(region.x, region.y, region.w, region.h);
            painter.rect_filled(rect, 0.0, HOVER);
        }
        paint_items(painter, fonts, page, &tf);
        for (source, count, region) in marker_pages.iter().filter(|m| m.2.0 == i) {
            paint_marker(painter, page, region.1, *count, &tf);
            state.painted_markers.push(PaintedMarker {
                page: i,
                source: source.clone(),
                count: *count,
            });
        }
    }

    let probe = viewport.min.y + viewport.height() / 3.0;
    state.current_page = geo.page_at_y(probe).min(pages.len().saturating_sub(1));
    let top = geo.page_at_y(viewport.min.y);
    let top_y = Pt((viewport.min.y - geo.top(top)) / geo.scale);
    state.top_anchor = Some((top, top_y, state.zoom));
    state.last_viewport = Some((viewport, geo.scale));
    clicked
}

/// For each marked part: its count and the page and top (pt) of its first region.
fn marker_pages(pages: &[Page], markers: &CommentMarkers) -> Vec<(SourceRef, usize, (usize, Pt))> {
    markers
        .iter()
        .filter(|(_, n)| **n > 0)
        .filter_map(|(source, n)| {
            pages.iter().enumerate().find_map(|(i, p)| {
                p.regions
                    .iter()
                    .find(|r| r.source == *source)
                    .map(|r| (source.clone(), *n, (i, r.y)))
            })
        })
        .collect()
}

/// A yellow tab in the right margin with the number of open comments.
fn paint_marker(painter: &egui::Painter, page: &Page, top: Pt, count: usize, tf: &PageToScreen) {
    let mm = |v: f32| Mm(v).to_pt();
    let rect = tf.rect_to_screen(page.width - mm(14.0), top, mm(11.0), mm(5.0));
    painter.rect_filled(rect, 2.0, MARKER);
    painter.rect_stroke(
        rect,
        2.0,
        egui::Stroke::new(1.0, Color32::from_rgb(0xb0, 0x80, 0x00)),
        egui::StrokeKind::Inside,
    );
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        format!("GY {count}"),
        egui::FontId::proportional((rect.height() * 0.7).max(6.0)),
        Color32::from_gray(0x20),
    );
}

fn paint_items(painter: &egui::Painter, fonts: &Fonts, page: &Page, tf: &PageToScreen) {
    // At least one physical pixel, so hairlines do not fade away when zoomed out.
    let pixel = 1.0 / painter.pixels_per_point();
    let stroke_px = |w: Pt| (w.0 * tf.scale).max(pixel);
    for item in &page.items {
        match item {
            Item::Text(t) => paint_text(painter, fonts, t, tf),
            Item::Line(l) => {
                let a = tf.to_screen(l.x0, l.y0);
                let b = tf.to_screen(l.x1, l.y1);
                painter.line_segment([a, b], Stroke::new(stroke_px(l.width), INK));
            }
            Item::Rect(r) => {
                let rect = tf.rect_to_screen(r.x, r.y, r.w, r.h);
                let stroke = Stroke::new(stroke_px(r.stroke), INK);
                painter.rect_stroke(rect, 0.0, stroke, StrokeKind::Middle);
            }
            // The images are the clerk's files, drawn only into the PDF.
            Item::Image(_) => {}
        }
    }
}

fn paint_text(painter: &egui::Painter, fonts: &Fonts, t: &TextItem, tf: &PageToScreen) {
    let size = t.size.0 * tf.scale;
    if size < 1.0 || !painter.clip_rect().intersects(text_bounds(fonts, t, tf)) {
        return;
    }
    let color = if t.flagged { FLAGGED } else { INK };
    let font = FontId::new(size, serif_family(t.style));
    for (x, word) in words(fonts, t) {
        let galley = painter.layout_no_wrap(word.to_owned(), font.clone(), color);
        // egui places a galley by its top; its first glyph's y is the baseline in it.
        let baseline_in_galley = galley
            .rows
            .first()
            .map(|row| row.pos.y + row.glyphs.first().map_or(0.0, |g| g.pos.y))
            .unwrap_or(0.0);
        let at = tf.to_screen(x, t.baseline);
        painter.galley(pos2(at.x, at.y - baseline_in_galley), galley, color);
    }
    if t.flagged {
        let under = t.baseline + t.size * 0.12;
        let a = tf.to_screen(t.x, under);
        let b = tf.to_screen(t.x + t.width, under);
        let pixel = 1.0 / painter.pixels_per_point();
        painter.line_segment([a, b], Stroke::new((0.05 * size).max(pixel), FLAGGED));
    }
}

/// The screen rectangle a text run may ink: from its ascent to its descent.
fn text_bounds(fonts: &Fonts, t: &TextItem, tf: &PageToScreen) -> Rect {
    let top = t.baseline - Pt(fonts.ascent_pt(t.style, t.size.0));
    let depth = Pt(fonts.descent_pt(t.style, t.size.0)) + t.size * 0.2;
    tf.rect_to_screen(t.x, top, t.width.max(Pt(0.0)), t.baseline - top + depth)
}

#[cfg(test)]
mod tests;
