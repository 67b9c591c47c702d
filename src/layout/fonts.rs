//! The bundled serif font (Liberation Serif, metric-compatible with Times New Roman):
//! its bytes, embedded in the binary, and the metrics layout measures text with.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use super::FontStyle;

static REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSerif-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/LiberationSerif-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSerif-Italic.ttf");
static BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf");

/// Characters below this code point have their advances cached in a table.
const CACHED: usize = 0x2200;

/// Cache slot states: a slot holds `0` until its character is first looked up, then
/// [`NO_GLYPH`] or [`HAS_GLYPH`]` | advance`.
const UNKNOWN: u32 = 0;
const NO_GLYPH: u32 = 1;
const HAS_GLYPH: u32 = 1 << 16;

/// Shown instead of a character the font lacks (a white square).
pub const REPLACEMENT: char = '\u{25A1}';

/// The TrueType bytes of one style.
pub fn font_bytes(style: FontStyle) -> &'static [u8] {
    match style {
        FontStyle::Regular => REGULAR,
        FontStyle::Bold => BOLD,
        FontStyle::Italic => ITALIC,
        FontStyle::BoldItalic => BOLD_ITALIC,
    }
}

/// The PostScript name of one style, as PDF readers expect to see it.
pub fn postscript_name(style: FontStyle) -> &'static str {
    match style {
        FontStyle::Regular => "LiberationSerif",
        FontStyle::Bold => "LiberationSerif-Bold",
        FontStyle::Italic => "LiberationSerif-Italic",
        FontStyle::BoldItalic => "LiberationSerif-BoldItalic",
    }
}

/// Metrics of one face, in font units.
struct Face {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    line_gap: f32,
    /// Advance of each cached character, filled on first use (see [`UNKNOWN`]). Filling
    /// it up front meant a cmap lookup for every code point below [`CACHED`] in all four
    /// faces, which cost more than laying out and writing a whole report; a report uses
    /// a few hundred characters. Atomics keep the shared, `'static` faces `Sync`; two
    /// threads filling one slot at once store the same value.
    cache: Vec<AtomicU32>,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Option<Self> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let cache = std::iter::repeat_with(|| AtomicU32::new(UNKNOWN))
            .take(CACHED)
            .collect();
        Some(Self {
            units_per_em: f32::from(face.units_per_em()),
            ascender: f32::from(face.ascender()),
            descender: f32::from(face.descender()),
            line_gap: f32::from(face.line_gap()),
            face,
            cache,
        })
    }

    fn advance_units(&self, ch: char) -> Option<u16> {
        let Some(slot) = self.cache.get(ch as usize) else {
            return self.lookup(ch);
        };
        match slot.load(Ordering::Relaxed) {
            UNKNOWN => {
                let advance = self.lookup(ch);
                slot.store(
                    advance.map_or(NO_GLYPH, |a| HAS_GLYPH | u32::from(a)),
                    Ordering::Relaxed,
                );
                advance
            }
            NO_GLYPH => None,
            known => Some((known & 0xFFFF) as u16),
        }
    }

    /// The advance of `ch` read from the font itself (cmap, then hmtx).
    fn lookup(&self, ch: char) -> Option<u16> {
        let gid = self.face.glyph_index(ch)?;
        self.face.glyph_hor_advance(gid)
    }
}

/// The four faces of the bundled font with their metrics.
pub struct Fonts {
    faces: Vec<Face>,
}

impl Fonts {
    /// The bundled fonts, parsed once. `None` only if the embedded files are damaged,
    /// which the test suite rules out.
    pub fn bundled() -> Option<&'static Fonts> {
        static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                let faces = FontStyle::ALL
                    .iter()
                    .map(|s| Face::load(font_bytes(*s)))
                    .collect::<Option<Vec<_>>>()?;
                Some(Fonts { faces })
            })
            .as_ref()
    }

    fn face(&self, style: FontStyle) -> &Face {
        let i = FontStyle::ALL.iter().position(|s| *s == style).unwrap_or(0);
        &self.faces[i.min(self.faces.len() - 1)]
    }

    /// True when `style` has a glyph for `ch`.
    pub fn has_glyph(&self, style: FontStyle, ch: char) -> bool {
        self.face(style).advance_units(ch).is_some()
    }

    /// Advance width of `ch` at `size_pt`; `None` when the font lacks it.
    pub fn advance_pt(&self, style: FontStyle, ch: char, size_pt: f32) -> Option<f32> {
        let f = self.face(style);
        f.advance_units(ch)
            .map(|a| f32::from(a) * size_pt / f.units_per_em)
    }

    /// Width of `text`; characters the font lacks count as [`REPLACEMENT`].
    pub fn text_width_pt(&self, style: FontStyle, text: &str, size_pt: f32) -> f32 {
        let f = self.face(style);
        // The fallback is looked up only when needed: REPLACEMENT lies outside the
        // cached range and a cmap lookup per call would dominate layout time.
        let units: u32 = text
            .chars()
            .map(|c| {
                let a = f.advance_units(c);
                u32::from(a.or_else(|| f.advance_units(REPLACEMENT)).unwrap_or(0))
            })
            .sum();
        units as f32 * size_pt / f.units_per_em
    }

    /// Height above the baseline (positive).
    pub fn ascent_pt(&self, style: FontStyle, size_pt: f32) -> f32 {
        let f = self.face(style);
        f.ascender * size_pt / f.units_per_em
    }

    /// Depth below the baseline (positive).
    pub fn descent_pt(&self, style: FontStyle, size_pt: f32) -> f32 {
        let f = self.face(style);
        -f.descender * size_pt / f.units_per_em
    }

    /// Single line spacing as Word computes it for Times New Roman: ascender +
    /// descender + line gap (1.15 × the size).
    pub fn line_height_pt(&self, style: FontStyle, size_pt: f32) -> f32 {
        let f = self.face(style);
        (f.ascender - f.descender + f.line_gap) * size_pt / f.units_per_em
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_load_and_cover_vietnamese() {
        let fonts = Fonts::bundled().expect("fonts");
        for style in FontStyle::ALL {
            for ch in "ĂÂĐÊÔƠƯăâđêôơư ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ".chars()
            {
                assert!(fonts.has_glyph(style, ch), "{style:?} lacks {ch}");
            }
            assert!(fonts.has_glyph(style, REPLACEMENT));
        }
    }

    #[test]
    fn the_lazy_advance_cache_agrees_with_the_font() {
        let fonts = Fonts::bundled().expect("fonts");
        for style in FontStyle::ALL {
            let face = fonts.face(style);
            for cp in (0..CACHED as u32 + 16).filter_map(char::from_u32) {
                // Twice: the first call fills the slot, the second reads it back.
                assert_eq!(face.advance_units(cp), face.lookup(cp), "{style:?} {cp:?}");
                assert_eq!(face.advance_units(cp), face.lookup(cp), "{style:?} {cp:?}");
            }
        }
    }

    #[test]
    fn single_spacing_is_about_1_15_times_the_size() {
        let fonts = Fonts::bundled().expect("fonts");
        let h = fonts.line_height_pt(FontStyle::Regular, 14.0);
        assert!((h - 16.1).abs() < 0.1, "{h}");
    }

    #[test]
    fn widths_match_times_new_roman_metrics() {
        let fonts = Fonts::bundled().expect("fonts");
        // Times New Roman: space 512/2048 em, 'a' 909/2048 em, 'W' 1933/2048 em.
        assert!((fonts.text_width_pt(FontStyle::Regular, " ", 2048.0) - 512.0).abs() < 0.01);
        assert!((fonts.text_width_pt(FontStyle::Regular, "a", 2048.0) - 909.0).abs() < 0.01);
        assert!((fonts.text_width_pt(FontStyle::Regular, "W", 2048.0) - 1933.0).abs() < 0.01);
    }
}
