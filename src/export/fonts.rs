//! export: the bundled Liberation Serif faces embedded in the PDF, and the six-letter
//! subset tags their embedded subsets are named with.
//!
//! printpdf builds the rest of the document; the fonts are embedded here, into the
//! lopdf document it returns, with the same objects printpdf wrote for them (a Type0
//! font with `/Identity-H` codes and a `/ToUnicode` map, over a `CIDFontType2` with its
//! `/W` widths and a descriptor holding the subset as `/FontFile2`). printpdf decoded
//! every used glyph's outline for its width, subset each face with allsorts and parsed
//! the subset back; that cost more than laying the report out. Here the subset is cut
//! by the `subsetter` crate (typst's), the widths come from `hmtx`, and each character's
//! code is the glyph id the subsetter gives its glyph, known before any page is written.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use printpdf_lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use subsetter::GlyphRemapper;
use ttf_parser::GlyphId;

use super::ExportError;
use super::content::{Codes, UsedFont};
use crate::layout::fonts::{REPLACEMENT, font_bytes, postscript_name};
use crate::layout::{FontStyle, Fonts};

/// Embeds the subset of `style` holding `font.chars` into `doc`: returns the id of its
/// Type0 font dictionary and the two-byte code of each character.
pub(super) fn embed(
    doc: &mut Document,
    style: FontStyle,
    font: &UsedFont,
) -> Result<(ObjectId, Codes), ExportError> {
    let bytes = font_bytes(style);
    let face = ttf_parser::Face::parse(bytes, 0).map_err(|_| ExportError::Font(style))?;
    // The glyphs in the font's own order, so that the subset keeps it.
    let mut glyphs = font
        .chars
        .iter()
        .map(|c| match face.glyph_index(*c) {
            Some(GlyphId(gid)) if gid != 0 => Ok((gid, *c)),
            _ => Err(ExportError::Font(style)),
        })
        .collect::<Result<Vec<_>, _>>()?;
    glyphs.sort_unstable();

    let upem = f32::from(face.units_per_em());
    let scale = |v: i16| (f32::from(v) * 1000.0 / upem).round() as i64;
    let mut remapper = GlyphRemapper::new();
    let mut codes = Codes::default();
    let mut to_unicode = BTreeMap::new();
    // Codes are handed out from 1 in glyph order, so the widths are one run from 1.
    let mut widths = Vec::new();
    for (gid, c) in glyphs {
        let code = remapper.remap(gid);
        codes.insert(c, code);
        // Two characters drawing one glyph share its code; the map names the first.
        if let std::collections::btree_map::Entry::Vacant(e) = to_unicode.entry(code) {
            e.insert(c);
            // Thousandths of the text size, cut to a whole number as printpdf did.
            let advance = face.glyph_hor_advance(GlyphId(gid)).unwrap_or_default();
            widths.push(Object::Integer((f32::from(advance) * 1000.0 / upem) as i64));
        }
    }
    let program = subsetter::subset(bytes, 0, &remapper)
        .map_err(|e| ExportError::Library(format!("subsetter: {e}")))?;

    let name = format!("{}+{}", font.id.0, postscript_name(style));
    let mut file = Dictionary::new();
    // The TrueType program's own length; `/Length` becomes the compressed one.
    file.set("Length1", Object::Integer(program.len() as i64));
    let file = doc.add_object(Stream::new(file, program));

    let italic_angle = italic_angle(&face);
    // ISO 32000-1, table 123: nonsymbolic (bit 6), italic (bit 7).
    let flags = 32 | if italic_angle != 0 { 64 } else { 0 };
    // No table holds the stem width; estimated from the weight class, as producers do.
    let weight = f32::from(face.weight().to_number());
    let stem_v = 50 + (weight / 65.0).powi(2).round() as i64;
    let bbox = face.global_bounding_box();
    let ascent = scale(face.ascender());
    let descriptor = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", Object::Name(name.clone().into_bytes())),
        ("Ascent", Object::Integer(ascent)),
        ("Descent", Object::Integer(scale(face.descender()))),
        (
            "CapHeight",
            Object::Integer(face.capital_height().map_or(ascent, scale)),
        ),
        ("ItalicAngle", Object::Integer(italic_angle)),
        ("Flags", Object::Integer(flags)),
        ("StemV", Object::Integer(stem_v)),
        (
            "FontBBox",
            Object::Array(
                [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max]
                    .map(|v| Object::Integer(scale(v)))
                    .to_vec(),
            ),
        ),
        ("FontFile2", Object::Reference(file)),
    ]);
    let descriptor = doc.add_object(descriptor);
    let literal = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    let cid_font = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        ("BaseFont", Object::Name(name.clone().into_bytes())),
        ("Subtype", Object::Name(b"CIDFontType2".to_vec())),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Registry", literal("Adobe")),
                ("Ordering", literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        (
            "W",
            Object::Array(vec![Object::Integer(1), Object::Array(widths)]),
        ),
        ("DW", Object::Integer(1000)),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("CIDToGIDMap", Object::Name(b"Identity".to_vec())),
    ]);
    let cmap = to_unicode_cmap(&font.id.0, &to_unicode);
    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), cmap));
    let type0 = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type0".to_vec())),
        ("BaseFont", Object::Name(name.into_bytes())),
        ("Encoding", Object::Name(b"Identity-H".to_vec())),
        ("ToUnicode", Object::Reference(to_unicode)),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(cid_font)]),
        ),
    ]);
    Ok((doc.add_object(type0), codes))
}

/// The `/ToUnicode` CMap of one subset: each code to its character, in the text
/// printpdf's `ToUnicodeCMap::to_cmap_string` wrote (the same header, `bfchar` blocks of
/// at most 100 codes sharing their high byte), without a `format!` per entry.
fn to_unicode_cmap(name: &str, map: &BTreeMap<u16, char>) -> Vec<u8> {
    let mut out = format!(
        "/CIDInit /ProcSet findresource begin\n\n12 dict begin\n\nbegincmap\n\n%!PS-Adobe-3.0 \
         Resource-CMap\n%%DocumentNeededResources: procset CIDInit\n%%IncludeResource: \
         procset CIDInit\n\n/CIDSystemInfo 3 dict dup begin\n/Registry (FontSpecific) \
         def\n/Ordering ({name}) def\n/Supplement 0 def\nend def\n\n/CMapName /FontSpecific-{name} \
         def\n/CMapVersion 1 def\n/CMapType 2 def\n/WMode 0 def\n\n1 \
         begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    )
    .into_bytes();
    let hex = |out: &mut Vec<u8>, unit: u16| {
        for shift in [12, 8, 4, 0] {
            let digit = ((unit >> shift) & 0xF) as u8;
            out.push(if digit < 10 {
                b'0' + digit
            } else {
                b'A' + digit - 10
            });
        }
    };
    let entries: Vec<(u16, char)> = map.iter().map(|(code, c)| (*code, *c)).collect();
    for block in entries.chunk_by(|a, b| a.0 >> 8 == b.0 >> 8) {
        for chunk in block.chunks(100) {
            out.extend_from_slice(format!("{} beginbfchar\n", chunk.len()).as_bytes());
            for (code, c) in chunk {
                out.push(b'<');
                hex(&mut out, *code);
                out.extend_from_slice(b"> <");
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    hex(&mut out, *unit);
                }
                out.extend_from_slice(b">\n");
            }
            out.extend_from_slice(b"endbfchar\n");
        }
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// The slant in whole degrees, counter-clockwise from vertical (so negative for an
/// italic), from `hhea`'s caret slope (rise, run at bytes 18–21), as printpdf read it.
fn italic_angle(face: &ttf_parser::Face) -> i64 {
    let hhea = face.raw_face().table(ttf_parser::Tag::from_bytes(b"hhea"));
    let at = |i: usize| {
        hhea.and_then(|t| t.get(i..i + 2))
            .and_then(|b| <[u8; 2]>::try_from(b).ok())
            .map_or(0.0, |b| f32::from(i16::from_be_bytes(b)))
    };
    let (rise, run) = (at(18), at(20));
    if rise == 0.0 {
        0
    } else {
        (-run.atan2(rise).to_degrees()).round() as i64
    }
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

    fn face(style: FontStyle) -> ttf_parser::Face<'static> {
        ttf_parser::Face::parse(font_bytes(style), 0).expect("face")
    }

    #[test]
    fn a_subset_holds_the_used_glyphs_numbered_from_one_with_their_widths_and_text() {
        let chars: BTreeSet<char> = "Độc lập - Tự do".chars().collect();
        let used = UsedFont {
            id: printpdf::FontId("ABCDEF".to_string()),
            chars: chars.clone(),
        };
        let mut doc = Document::with_version("1.7");
        let (id, codes) = embed(&mut doc, FontStyle::Bold, &used).expect("embed");
        let original = face(FontStyle::Bold);
        let type0 = doc.get_dictionary(id).expect("font");
        let base = type0
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .expect("name");
        assert_eq!(base, b"ABCDEF+LiberationSerif-Bold");
        let Ok(Object::Array(descendants)) = type0.get(b"DescendantFonts") else {
            panic!("no descendant font");
        };
        let Some(Object::Dictionary(cid)) = descendants.first() else {
            panic!("descendant is not a dictionary");
        };
        let Ok(Object::Array(w)) = cid.get(b"W") else {
            panic!("no widths");
        };
        assert_eq!(w.first(), Some(&Object::Integer(1)));
        let Some(Object::Array(widths)) = w.get(1) else {
            panic!("no width run");
        };
        assert_eq!(widths.len(), chars.len());
        let descriptor = cid
            .get(b"FontDescriptor")
            .and_then(Object::as_reference)
            .and_then(|r| doc.get_dictionary(r))
            .expect("descriptor");
        let file = descriptor
            .get(b"FontFile2")
            .and_then(Object::as_reference)
            .and_then(|r| doc.get_object(r))
            .and_then(Object::as_stream)
            .expect("font file");
        let subset = ttf_parser::Face::parse(&file.content, 0).expect("subset parses");
        let cmap = printpdf::ToUnicodeCMap::parse(&String::from_utf8_lossy(
            &doc.get_object(
                type0
                    .get(b"ToUnicode")
                    .and_then(Object::as_reference)
                    .expect("ref"),
            )
            .and_then(Object::as_stream)
            .expect("ToUnicode")
            .content,
        ))
        .expect("cmap");
        // Every character: a code from 1 up, whose glyph in the subset is the original's
        // outline, whose width is its advance and whose text is the character itself.
        for c in chars {
            let code = codes.get(c).expect("code");
            let old = original.glyph_index(c).expect("glyph");
            let new = ttf_parser::GlyphId(code);
            assert_eq!(
                subset.glyph_bounding_box(new),
                original.glyph_bounding_box(old),
                "{c:?}"
            );
            let advance = original.glyph_hor_advance(old).expect("advance");
            assert_eq!(
                widths.get(usize::from(code) - 1),
                Some(&Object::Integer(i64::from(advance) * 1000 / 2048)),
                "{c:?}"
            );
            assert_eq!(cmap.lookup_string(u32::from(code)), Some(c.to_string()));
        }
    }

    #[test]
    fn the_unicode_map_reads_as_printpdfs_would_for_the_same_codes() {
        // Two high bytes, a block over 100 codes, a character outside the BMP.
        let mut map = BTreeMap::new();
        for code in 1..=130u16 {
            map.insert(
                code,
                char::from_u32(0x1EA0 + u32::from(code)).expect("char"),
            );
        }
        map.insert(0x0105, '𝔸');
        map.insert(0x0106, '(');
        let ours = to_unicode_cmap("ABCDEF", &map);
        let theirs = printpdf::ToUnicodeCMap {
            mappings: map
                .iter()
                .map(|(code, c)| (u32::from(*code), vec![u32::from(*c)]))
                .collect(),
        }
        .to_cmap_string("ABCDEF");
        assert_eq!(String::from_utf8(ours).expect("ascii"), theirs);
    }

    #[test]
    fn characters_without_a_glyph_become_the_white_square() {
        let fonts = Fonts::bundled().expect("fonts");
        assert_eq!(
            printable(fonts, FontStyle::Regular, "Việt 中\u{7}\t"),
            "Việt \u{25A1}\u{25A1}\u{25A1}"
        );
    }

    /// `printable` asks layout's metrics whether a glyph exists; `embed` refuses a
    /// character without one (or mapped to `.notdef`). The two must agree on every
    /// character, or a printable character could fail the export.
    #[test]
    fn layout_and_the_embedding_agree_on_which_characters_have_a_glyph() {
        let fonts = Fonts::bundled().expect("fonts");
        for style in FontStyle::ALL {
            let f = face(style);
            for c in (0..0x2700u32)
                .chain(0xFB00..0xFB10)
                .filter_map(char::from_u32)
            {
                let embeddable = f.glyph_index(c).is_some_and(|gid| gid.0 != 0);
                assert_eq!(fonts.has_glyph(style, c), embeddable, "{style:?} {c:?}");
            }
        }
    }

    /// A `/ToUnicode` map gives each glyph's code one text; two characters drawn with the
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
            let f = face(style);
            let mut seen = std::collections::BTreeMap::new();
            for c in &chars {
                let gid = f.glyph_index(*c).expect("glyph");
                if let Some(other) = seen.insert(gid, *c) {
                    panic!("{style:?}: {other:?} and {c:?} share glyph {}", gid.0);
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
