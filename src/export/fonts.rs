//! export: the bundled Liberation Serif faces as printpdf fonts, and the six-letter
//! subset tags their embedded subsets are named with.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use printpdf::{AzulParsedFont, ParsedFont};
use rust_fontconfig::FontBytes;

use super::ExportError;
use crate::layout::fonts::{REPLACEMENT, font_bytes, postscript_name};
use crate::layout::{FontStyle, Fonts};

/// The parsed face of one style. Each face is parsed once per process, the first time
/// it is needed: parsing a face costs far more than writing a whole report, and the
/// result never changes.
///
/// Parsed with `from_bytes_shared` rather than printpdf's `ParsedFont::from_bytes`: the
/// latter copies the 400 KB file twice and loads every glyph outline up front, while
/// printpdf only reads the cmap and, to subset, the file itself.
pub(super) fn face(style: FontStyle) -> Result<&'static ParsedFont, ExportError> {
    static FACES: [OnceLock<Option<ParsedFont>>; 4] = [const { OnceLock::new() }; 4];
    let index = FontStyle::ALL
        .iter()
        .position(|s| *s == style)
        .unwrap_or_default();
    FACES
        .get(index)
        .and_then(|cell| cell.get_or_init(|| parse(style)).as_ref())
        .ok_or(ExportError::Font(style))
}

fn parse(style: FontStyle) -> Option<ParsedFont> {
    let mut warnings = Vec::new();
    let bytes = Arc::new(FontBytes::Owned(Arc::from(font_bytes(style))));
    let face = AzulParsedFont::from_bytes_shared(bytes, 0, &mut warnings)?;
    let mut face = ParsedFont::from_azul(face);
    // printpdf names the embedded font after the `name` table's PostScript entry; set
    // it from our own table so the PDF always carries the name layout and the checks
    // expect, whatever that table decodes to.
    face.font_name = Some(postscript_name(style).to_string());
    Some(face)
}

/// `text` with every character `style` has no glyph for replaced by the white square
/// layout uses for the same purpose (dropped if even that is missing). Layout already
/// does this; repeating it here keeps a glyph-less character from becoming an invisible
/// `.notdef` with no Unicode mapping, or a font that is referenced but never embedded.
///
/// The glyphs are looked up in layout's metrics of the same font files, which cache
/// them; the test below holds them to the faces printpdf embeds.
pub(super) fn printable<'a>(fonts: &Fonts, style: FontStyle, text: &'a str) -> Cow<'a, str> {
    let has = |c: char| fonts.has_glyph(style, c);
    if text.chars().all(has) {
        return Cow::Borrowed(text);
    }
    let replacement_ok = has(REPLACEMENT);
    text.chars()
        .filter_map(|c| {
            if has(c) {
                Some(c)
            } else if replacement_ok {
                Some(REPLACEMENT)
            } else {
                None
            }
        })
        .collect()
}

/// A six-letter upper-case subset tag (ISO 32000-1, 9.6.4) for the subset of `style`
/// holding `chars`. It is derived from the subset's contents rather than drawn at
/// random, so the same pages give the same bytes, while different subsets of one face
/// (in different files) get different tags, as the standard asks. `taken` avoids a
/// clash between the styles of one document.
pub(super) fn subset_tag(style: FontStyle, chars: &BTreeSet<char>, taken: &[String]) -> String {
    let mut salt: u64 = 0;
    loop {
        let mut hash = Fnv::new();
        hash.write(postscript_name(style).as_bytes());
        hash.write(&salt.to_le_bytes());
        for c in chars {
            hash.write(&u32::from(*c).to_le_bytes());
        }
        let mut n = hash.finish();
        let tag: String = (0..6)
            .map(|_| {
                let letter = b'A' + (n % 26) as u8;
                n /= 26;
                char::from(letter)
            })
            .collect();
        if !taken.contains(&tag) {
            return tag;
        }
        salt += 1;
    }
}

/// FNV-1a, 64 bits: a small stable hash (std's `DefaultHasher` may change between Rust
/// releases, which would change the bytes of a PDF for the same pages).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_face_parses_with_its_postscript_name() {
        for style in FontStyle::ALL {
            let f = face(style).expect("face");
            assert_eq!(f.font_name.as_deref(), Some(postscript_name(style)));
            // printpdf subsets from the file itself.
            assert_eq!(
                f.source_bytes().map(|b| b.as_slice().len()),
                Some(font_bytes(style).len())
            );
        }
    }

    #[test]
    fn characters_without_a_glyph_become_the_white_square() {
        let fonts = Fonts::bundled().expect("fonts");
        assert_eq!(
            printable(fonts, FontStyle::Regular, "Việt 中\u{7}\t"),
            "Việt \u{25A1}\u{25A1}\u{25A1}"
        );
    }

    /// `printable` asks layout's metrics whether a glyph exists; printpdf codes the
    /// characters through its own parse of the face. The two must agree on every
    /// character, or a character could reach printpdf without a glyph.
    #[test]
    fn layout_and_printpdf_agree_on_which_characters_have_a_glyph() {
        let fonts = Fonts::bundled().expect("fonts");
        for style in FontStyle::ALL {
            let f = face(style).expect("face");
            for c in (0..0x2700u32)
                .chain(0xFB00..0xFB10)
                .filter_map(char::from_u32)
            {
                let printpdf_has = f.lookup_glyph_index(c as u32).is_some_and(|gid| gid != 0);
                assert_eq!(fonts.has_glyph(style, c), printpdf_has, "{style:?} {c:?}");
            }
        }
    }

    /// printpdf's `/ToUnicode` maps each glyph to one text; two characters drawn with the
    /// same glyph would both read back as one of them. None of the characters a report
    /// uses may share a glyph.
    #[test]
    fn no_two_characters_of_a_report_share_a_glyph() {
        let lower = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz";
        let mut chars: BTreeSet<char> = (' '..='~').collect();
        chars.extend(lower.chars());
        chars.extend(lower.to_uppercase().chars());
        chars.extend("–—‘’“”…•%°№×".chars());
        for style in FontStyle::ALL {
            let f = face(style).expect("face");
            let mut seen = std::collections::BTreeMap::new();
            for c in &chars {
                let gid = f.lookup_glyph_index(*c as u32).expect("glyph");
                if let Some(other) = seen.insert(gid, *c) {
                    panic!("{style:?}: {other:?} and {c:?} share glyph {gid}");
                }
            }
        }
    }

    #[test]
    fn subset_tags_are_six_capitals_stable_and_distinct() {
        let chars: BTreeSet<char> = "Độc lập".chars().collect();
        let a = subset_tag(FontStyle::Bold, &chars, &[]);
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(a, subset_tag(FontStyle::Bold, &chars, &[]));
        assert_ne!(a, subset_tag(FontStyle::Regular, &chars, &[]));
        let b = subset_tag(FontStyle::Bold, &chars, std::slice::from_ref(&a));
        assert_ne!(a, b);
    }
}
