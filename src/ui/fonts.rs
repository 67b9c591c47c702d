//! ui: the fonts the window draws with. Its own text uses the bundled Liberation Sans;
//! the page preview uses the same Liberation Serif bytes that layout measures and the
//! PDF embeds, so the preview's glyphs are the printed ones.

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};

use crate::layout::FontStyle;
use crate::layout::fonts::font_bytes;

static SANS_REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
static SANS_BOLD: &[u8] = include_bytes!("../../fonts/LiberationSans-Bold.ttf");

/// Name of the family with the bold Liberation Sans, for headings of the window.
pub const SANS_BOLD_FAMILY: &str = "sans-bold";

/// Installs the window's fonts on `ctx`: Liberation Sans first in the proportional
/// family (egui's own fonts stay behind it for icons and emoji), a `sans-bold` family,
/// and the four `serif*` families of the preview.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// The font definitions [`install_fonts`] installs; separate so tests can inspect them.
pub fn font_definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    // egui's defaults, used only for characters the bundled fonts lack.
    let fallbacks = defs
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();

    add(&mut defs, "LiberationSans-Regular", SANS_REGULAR);
    add(&mut defs, "LiberationSans-Bold", SANS_BOLD);
    defs.families
        .entry(FontFamily::Proportional)
        .or_default()
        .insert(0, "LiberationSans-Regular".to_owned());
    set_family(
        &mut defs,
        FontFamily::Name(SANS_BOLD_FAMILY.into()),
        "LiberationSans-Bold",
        &fallbacks,
    );

    for style in FontStyle::ALL {
        let name = serif_font_name(style);
        add(&mut defs, name, font_bytes(style));
        set_family(&mut defs, serif_family(style), name, &fallbacks);
    }
    defs
}

/// The egui family that draws `style` of the bundled serif font.
pub fn serif_family(style: FontStyle) -> FontFamily {
    FontFamily::Name(
        match style {
            FontStyle::Regular => "serif",
            FontStyle::Bold => "serif-bold",
            FontStyle::Italic => "serif-italic",
            FontStyle::BoldItalic => "serif-bold-italic",
        }
        .into(),
    )
}

fn serif_font_name(style: FontStyle) -> &'static str {
    crate::layout::fonts::postscript_name(style)
}

fn add(defs: &mut FontDefinitions, name: &str, bytes: &'static [u8]) {
    defs.font_data
        .insert(name.to_owned(), FontData::from_static(bytes).into());
}

fn set_family(defs: &mut FontDefinitions, family: FontFamily, first: &str, fallbacks: &[String]) {
    let mut names = vec![first.to_owned()];
    names.extend(fallbacks.iter().cloned());
    defs.families.insert(family, names);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liberation_sans_comes_first_and_egui_fonts_stay_as_fallbacks() {
        let defs = font_definitions();
        let prop = &defs.families[&FontFamily::Proportional];
        assert_eq!(prop[0], "LiberationSans-Regular");
        assert!(prop.len() > 1, "{prop:?}");
    }

    #[test]
    fn each_serif_style_has_its_own_family_backed_by_the_layout_font() {
        let defs = font_definitions();
        for style in FontStyle::ALL {
            let names = &defs.families[&serif_family(style)];
            let data = &defs.font_data[&names[0]];
            assert_eq!(data.bytes(), font_bytes(style), "{style:?}");
        }
    }
}
