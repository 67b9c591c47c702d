//! print: GDI drawing of one planned page ([`super::plan`]) onto a printer's device
//! context. Text is drawn in the bundled Liberation Serif faces, loaded into this
//! process with AddFontMemResourceEx, by glyph index at the positions layout chose, so
//! the lines on paper are the preview's lines; rules and frames with flat-ended
//! geometric pens, as the PDF strokes them.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use windows_sys::Win32::Foundation::{HANDLE, POINT};
use windows_sys::Win32::Graphics::Gdi::{
    AddFontMemResourceEx, BS_SOLID, CLIP_DEFAULT_PRECIS, CreateFontW, DEFAULT_CHARSET,
    DEFAULT_PITCH, DEFAULT_QUALITY, DeleteObject, ETO_GLYPH_INDEX, ExtCreatePen, ExtTextOutW,
    FW_BOLD, FW_NORMAL, GetFontData, HDC, HFONT, HGDIOBJ, HPEN, LOGBRUSH, LineTo, MoveToEx,
    OUT_TT_ONLY_PRECIS, PS_ENDCAP_FLAT, PS_GEOMETRIC, PS_JOIN_MITER, PS_SOLID, Polyline,
    RemoveFontMemResourceEx, SelectObject, SetBkMode, SetTextAlign, SetTextColor, TA_BASELINE,
    TA_LEFT, TRANSPARENT,
};

use super::plan::{Draw, TextRun};
use crate::layout::FontStyle;
use crate::layout::fonts::font_bytes;

/// The family name inside the bundled font files.
const FAMILY: &str = "Liberation Serif";

/// The four bundled faces, private to this process while printing.
pub struct MemoryFonts {
    handles: Vec<HANDLE>,
}

impl MemoryFonts {
    /// Loads the four faces; the reason, in Vietnamese, when GDI refuses one.
    pub(super) fn load() -> Result<Self, String> {
        let mut fonts = Self {
            handles: Vec::new(),
        };
        for style in FontStyle::ALL {
            let bytes = font_bytes(style);
            let mut count = 0u32;
            // SAFETY: GDI copies the font bytes; `count` receives the faces added.
            let h = unsafe {
                AddFontMemResourceEx(
                    bytes.as_ptr().cast(),
                    u32::try_from(bytes.len()).unwrap_or(0),
                    std::ptr::null(),
                    (&raw mut count).cast_const(),
                )
            };
            if h.is_null() {
                return Err("không nạp được phông chữ Liberation Serif".to_owned());
            }
            fonts.handles.push(h);
        }
        Ok(fonts)
    }
}

impl Drop for MemoryFonts {
    fn drop(&mut self) {
        for h in &self.handles {
            // SAFETY: each handle AddFontMemResourceEx gave, removed once.
            unsafe { RemoveFontMemResourceEx(*h) };
        }
    }
}

/// A GDI object deleted when dropped.
struct Object(HGDIOBJ);

impl Drop for Object {
    fn drop(&mut self) {
        // SAFETY: an object this module created, no longer selected (see Canvas::drop).
        unsafe { DeleteObject(self.0) };
    }
}

/// A font made for one style and size, and whether the device took the bundled face
/// (so glyph indices of the bundled file are valid on it).
struct Font {
    object: Object,
    bundled: bool,
}

/// Draws planned pages on one device context, keeping the fonts and pens it made.
pub struct Canvas<'a> {
    dc: HDC,
    _fonts: &'a MemoryFonts,
    made_fonts: BTreeMap<(FontStyle, i32), Font>,
    pens: BTreeMap<i32, Object>,
    /// The DC's own font and pen, selected back before the made ones are deleted.
    original: Option<(HGDIOBJ, HGDIOBJ)>,
}

impl<'a> Canvas<'a> {
    /// A canvas on `dc`, whose text is drawn in `fonts`.
    pub fn new(dc: HDC, fonts: &'a MemoryFonts) -> Self {
        Self {
            dc,
            _fonts: fonts,
            made_fonts: BTreeMap::new(),
            pens: BTreeMap::new(),
            original: None,
        }
    }

    /// Draws one page's plan; the reason, in Vietnamese, when GDI refuses a step.
    pub(super) fn draw(&mut self, plan: &[Draw]) -> Result<(), String> {
        // SAFETY: plain state changes on a live DC (black text, no background,
        // reference point on the baseline).
        unsafe {
            SetBkMode(self.dc, TRANSPARENT as i32);
            SetTextColor(self.dc, 0);
            SetTextAlign(self.dc, TA_BASELINE | TA_LEFT);
        }
        for item in plan {
            match item {
                Draw::Line { from, to, width } => {
                    self.pen(*width)?;
                    // SAFETY: a live DC with a pen selected.
                    let ok = unsafe {
                        MoveToEx(self.dc, from.0, from.1, std::ptr::null_mut()) != 0
                            && LineTo(self.dc, to.0, to.1) != 0
                    };
                    if !ok {
                        return Err("không vẽ được đường kẻ".to_owned());
                    }
                }
                Draw::Frame { rect, width } => {
                    self.pen(*width)?;
                    let (l, t, r, b) = *rect;
                    let points = [
                        POINT { x: l, y: t },
                        POINT { x: r, y: t },
                        POINT { x: r, y: b },
                        POINT { x: l, y: b },
                        POINT { x: l, y: t },
                    ];
                    // SAFETY: five points, as counted.
                    if unsafe { Polyline(self.dc, points.as_ptr(), 5) } == 0 {
                        return Err("không vẽ được khung".to_owned());
                    }
                }
                Draw::Text(run) => self.text(run)?,
                // The print path carries no signature images (see PdfOptions): the box
                // stays blank, as in the preview.
                Draw::Image { .. } => {}
            }
        }
        Ok(())
    }

    fn pen(&mut self, width: i32) -> Result<(), String> {
        let pen = match self.pens.entry(width) {
            Entry::Occupied(made) => made.get().0,
            Entry::Vacant(slot) => {
                let brush = LOGBRUSH {
                    lbStyle: BS_SOLID,
                    lbColor: 0,
                    lbHatch: 0,
                };
                // SAFETY: a solid black brush description; no dash pattern.
                let pen: HPEN = unsafe {
                    ExtCreatePen(
                        (PS_GEOMETRIC | PS_SOLID | PS_ENDCAP_FLAT | PS_JOIN_MITER) as u32,
                        u32::try_from(width.max(1)).unwrap_or(1),
                        &brush,
                        0,
                        std::ptr::null(),
                    )
                };
                if pen.is_null() {
                    return Err("không tạo được nét kẻ".to_owned());
                }
                slot.insert(Object(pen)).0
            }
        };
        self.remember_pen(pen);
        Ok(())
    }

    /// Selects `pen`, remembering the DC's own pen the first time.
    fn remember_pen(&mut self, pen: HGDIOBJ) {
        // SAFETY: a live DC and a pen this canvas made.
        let previous = unsafe { SelectObject(self.dc, pen) };
        match &mut self.original {
            None => self.original = Some((std::ptr::null_mut(), previous)),
            Some((_, p)) if p.is_null() => *p = previous,
            _ => {}
        }
    }

    /// Selects the font for `run`, made on first use.
    fn font(&mut self, style: FontStyle, em: i32) -> Result<bool, String> {
        if !self.made_fonts.contains_key(&(style, em)) {
            let (weight, italic) = match style {
                FontStyle::Regular => (FW_NORMAL, 0),
                FontStyle::Bold => (FW_BOLD, 0),
                FontStyle::Italic => (FW_NORMAL, 1),
                FontStyle::BoldItalic => (FW_BOLD, 1),
            };
            let family: Vec<u16> = FAMILY.encode_utf16().chain(Some(0)).collect();
            // SAFETY: a NUL-terminated family name; a negative height asks for the em.
            let font: HFONT = unsafe {
                CreateFontW(
                    -em,
                    0,
                    0,
                    0,
                    weight as i32,
                    italic,
                    0,
                    0,
                    u32::from(DEFAULT_CHARSET),
                    u32::from(OUT_TT_ONLY_PRECIS),
                    u32::from(CLIP_DEFAULT_PRECIS),
                    u32::from(DEFAULT_QUALITY),
                    u32::from(DEFAULT_PITCH),
                    family.as_ptr(),
                )
            };
            if font.is_null() {
                return Err("không tạo được phông chữ".to_owned());
            }
            let object = Object(font);
            self.select_font(object.0);
            // The device may have matched another file (a system copy of the family
            // in another version): glyph indices are then drawn as characters.
            // SAFETY: with no buffer, GetFontData returns the selected font file's size.
            let size = unsafe { GetFontData(self.dc, 0, 0, std::ptr::null_mut(), 0) };
            let bundled = usize::try_from(size).is_ok_and(|s| s == font_bytes(style).len());
            self.made_fonts
                .insert((style, em), Font { object, bundled });
        }
        let Some((object, bundled)) = self
            .made_fonts
            .get(&(style, em))
            .map(|f| (f.object.0, f.bundled))
        else {
            return Err("không tạo được phông chữ".to_owned());
        };
        self.select_font(object);
        Ok(bundled)
    }

    /// Selects `font`, remembering the DC's own font the first time.
    fn select_font(&mut self, font: HGDIOBJ) {
        // SAFETY: a live DC and a font this canvas made.
        let previous = unsafe { SelectObject(self.dc, font) };
        match &mut self.original {
            None => self.original = Some((previous, std::ptr::null_mut())),
            Some((f, _)) if f.is_null() => *f = previous,
            _ => {}
        }
    }

    fn text(&mut self, run: &TextRun) -> Result<(), String> {
        let bundled = self.font(run.style, run.em)?;
        let (options, units) = if bundled {
            (ETO_GLYPH_INDEX, &run.glyphs)
        } else {
            (0, &run.utf16)
        };
        let count = u32::try_from(units.len()).unwrap_or(0);
        // SAFETY: `units` and `advances` both hold `count` entries.
        let ok = unsafe {
            ExtTextOutW(
                self.dc,
                run.x,
                run.baseline,
                options,
                std::ptr::null(),
                units.as_ptr(),
                count,
                run.advances.as_ptr(),
            )
        };
        if ok == 0 {
            return Err("không vẽ được chữ".to_owned());
        }
        Ok(())
    }
}

impl Drop for Canvas<'_> {
    fn drop(&mut self) {
        // The DC's own objects go back in before the made ones are deleted.
        if let Some((font, pen)) = self.original {
            for object in [font, pen] {
                if !object.is_null() {
                    // SAFETY: objects the DC held before this canvas.
                    unsafe { SelectObject(self.dc, object) };
                }
            }
        }
    }
}
