//! export: the bundled Liberation Serif faces as printpdf fonts, and the six-letter
//! subset tags their embedded subsets are named with.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::ExportError;
use crate::layout::FontStyle;
use crate::layout::fonts::{REPLACEMENT, font_bytes, postscript_name};

/// The four faces, parsed once per process: parsing a face costs far more than writing
/// a whole report, and the result never changes.
fn faces() -> &'static [Option<ParsedFont>] {
    static FACES: OnceLock<Vec<Option<ParsedFont>>> = OnceLock::new();
    FACES.get_or_init(|| {
        FontStyle::ALL
            .iter()
            .map(|style| {
                let mut warnings = Vec::new();
                let mut face = ParsedFont::from_bytes(font_bytes(*style), 0, &mut warnings)?;
                // printpdf names the embedded font after the `name` table's PostScript
                // entry; set it from our own table so the PDF always carries the name
                // layout and the checks expect, whatever that table decodes to.
                face.font_name = Some(postscript_name(*style).to_string());
                Some(face)
            })
            .collect()
    })
}

/// The parsed face of one style.
pub(super) fn face(style: FontStyle) -> Result<&'static ParsedFont, ExportError> {
    let index = FontStyle::ALL
        .iter()
        .position(|s| *s == style)
        .unwrap_or_default();
    faces()
        .get(index)
        .and_then(Option::as_ref)
        .ok_or(ExportError::Font(style))
}

/// `text` with every character the face has no glyph for replaced by the white square
/// layout uses for the same purpose (dropped if even that is missing). Layout already
/// does this; repeating it here keeps a glyph-less character from becoming an invisible
/// `.notdef` with no Unicode mapping, or a font that is referenced but never embedded.
pub(super) fn printable(face: &ParsedFont, text: &str) -> String {
    let has = |c: char| {
        face.lookup_glyph_index(c as u32)
            .is_some_and(|gid| gid != 0)
    };
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
pub(super) struct Fnv(u64);

impl Fnv {
    pub(super) fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    pub(super) fn with_seed(seed: u64) -> Self {
        let mut h = Self::new();
        h.write(&seed.to_le_bytes());
        h
    }

    pub(super) fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub(super) fn finish(&self) -> u64 {
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
        }
    }

    #[test]
    fn characters_without_a_glyph_become_the_white_square() {
        let f = face(FontStyle::Regular).expect("face");
        assert_eq!(printable(f, "Việt 中"), "Việt \u{25A1}");
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
