//! import, docx: what Word's styles and numbering say about a paragraph: its heading
//! level, its list level and the marker Word prints before it. A few properties
//! docx-rs keeps private are read through their serde form.

use std::collections::BTreeMap;

use docx_rs::{Docx, Level, Paragraph, ParagraphProperty, RunProperty, Style, TableCell};
use serde::Serialize;

use crate::vi::fold;

/// Deepest style chain followed (`basedOn`), against loops in a damaged file.
const MAX_CHAIN: usize = 8;

fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// Emphasis of the character styles of a document (`Strong`, `Emphasis`, …) by id.
pub(crate) type CharStyles = BTreeMap<String, (bool, bool, bool)>;

/// The bold, italic and underline of each character style of `docx`.
pub(crate) fn char_styles(docx: &Docx) -> CharStyles {
    docx.styles
        .styles
        .iter()
        .filter(|s| s.style_type == docx_rs::StyleType::Character)
        .map(|s| (s.style_id.clone(), own_emphasis(&s.run_property)))
        .collect()
}

/// Bold, italic and underline set on a run or by its character style (not inherited
/// from its paragraph's style: a heading's bold is the heading's, not emphasis).
pub(crate) fn emphasis(rp: &RunProperty, chars: &CharStyles) -> (bool, bool, bool) {
    let (b, i, u) = own_emphasis(rp);
    let (sb, si, su) = rp
        .style
        .as_ref()
        .and_then(|s| chars.get(&s.val))
        .copied()
        .unwrap_or_default();
    // A property set on the run wins over its style's; only `true` is known here.
    (b || sb, i || si, u || su)
}

fn own_emphasis(rp: &RunProperty) -> (bool, bool, bool) {
    let on = |v: Option<serde_json::Value>| v.is_some_and(|v| v.as_bool().unwrap_or(false));
    let bold = on(rp.bold.as_ref().map(json));
    let italic = on(rp.italic.as_ref().map(json));
    let underline = rp
        .underline
        .as_ref()
        .map(json)
        .and_then(|v| v.as_str().map(str::to_owned))
        .is_some_and(|u| !u.is_empty() && u != "none");
    (bold, italic, underline)
}

/// Whether the run is hidden text (`w:vanish`).
pub(crate) fn hidden(rp: &RunProperty) -> bool {
    rp.vanish.is_some()
}

/// The columns a table cell spans (`w:gridSpan`, at least 1) and whether it continues
/// the vertical merge of the cell above (`w:vMerge` without `restart`).
pub(crate) fn cell_merge(cell: &TableCell) -> (usize, bool) {
    let prop = json(&cell.property);
    let span = prop
        .get("gridSpan")
        .and_then(serde_json::Value::as_u64)
        .and_then(|v| usize::try_from(v).ok())
        .unwrap_or(1)
        .max(1);
    let continues = prop
        .get("verticalMerge")
        .and_then(serde_json::Value::as_str)
        .is_some_and(|v| v == "continue");
    (span, continues)
}

/// Styles and numbering of one document.
pub(crate) struct Styles<'a> {
    by_id: BTreeMap<&'a str, &'a Style>,
    docx: &'a Docx,
    /// Per numbering instance, the counter of each level.
    counters: BTreeMap<usize, [u32; 9]>,
}

/// How a paragraph is numbered by Word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Numbered {
    /// 1-based list level.
    pub level: u8,
    /// The text Word prints (`1.`, `a)`, `I.`), or `None` for a bullet.
    pub text: Option<String>,
    /// For a bullet: the bullet character Word prints.
    pub bullet: Option<String>,
}

impl<'a> Styles<'a> {
    pub fn new(docx: &'a Docx) -> Self {
        let by_id = docx
            .styles
            .styles
            .iter()
            .map(|s| (s.style_id.as_str(), s))
            .collect();
        Self {
            by_id,
            docx,
            counters: BTreeMap::new(),
        }
    }

    /// The paragraph's style and the styles it is based on, nearest first.
    fn chain(&self, p: &ParagraphProperty) -> Vec<&'a Style> {
        let mut out = Vec::new();
        let mut id = p.style.as_ref().map(|s| s.val.clone());
        while let Some(i) = id {
            let Some(style) = self.by_id.get(i.as_str()).copied() else {
                break;
            };
            out.push(style);
            if out.len() >= MAX_CHAIN {
                break;
            }
            id = style
                .based_on
                .as_ref()
                .map(|b| json(b).as_str().map(str::to_owned).unwrap_or_default());
        }
        out
    }

    /// The name of the paragraph's own style, folded (`heading 1`, `list bullet 2`).
    fn style_name(&self, p: &ParagraphProperty) -> Option<(String, String)> {
        let id = p.style.as_ref()?.val.clone();
        let name = self
            .by_id
            .get(id.as_str())
            .and_then(|s| json(&s.name).as_str().map(fold))
            .unwrap_or_default();
        Some((fold(&id), name))
    }

    /// 1-based heading level: a Heading (Tiêu đề) style or an outline level.
    pub fn heading_level(&self, p: &Paragraph) -> Option<u8> {
        let pp = &p.property;
        for style in std::iter::once(None).chain(self.chain(pp).into_iter().map(Some)) {
            let (names, outline) = match style {
                None => (Vec::new(), pp.outline_lvl.as_ref().map(|o| o.v)),
                Some(s) => (
                    vec![
                        fold(&s.style_id),
                        json(&s.name).as_str().map(fold).unwrap_or_default(),
                    ],
                    s.paragraph_property.outline_lvl.as_ref().map(|o| o.v),
                ),
            };
            for n in &names {
                let n = n.replace(' ', "");
                for prefix in ["heading", "tieude"] {
                    if let Some(level) = n.strip_prefix(prefix).and_then(|d| d.parse::<u8>().ok())
                        && (1..=9).contains(&level)
                    {
                        return Some(level.min(4));
                    }
                }
            }
            if let Some(v) = outline
                && v < 9
            {
                return u8::try_from(v + 1).ok().map(|l| l.min(4));
            }
        }
        None
    }

    /// The list level and marker of a paragraph Word numbers (its own numbering or its
    /// style's); advances the counters.
    pub fn numbering(&mut self, p: &Paragraph) -> Option<Numbered> {
        let pp = &p.property;
        let own = pp.numbering_property.as_ref();
        let from_style = self
            .chain(pp)
            .into_iter()
            .find_map(|s| s.paragraph_property.numbering_property.as_ref());
        let np = own.filter(|n| n.id.is_some()).or(from_style)?;
        let num_id = np.id.as_ref()?.id;
        if num_id == 0 {
            return None;
        }
        let explicit = own.and_then(|n| n.level.as_ref()).map(|l| l.val);
        // `List Bullet 2` carries its level in its name, not in `ilvl`.
        let named = self.style_name(pp).and_then(|(id, name)| {
            [id, name].iter().find_map(|n| {
                let n = n.replace(' ', "");
                (n.starts_with("listbullet") || n.starts_with("listnumber"))
                    .then(|| {
                        n.trim_start_matches(char::is_alphabetic)
                            .parse::<usize>()
                            .ok()
                    })
                    .flatten()
            })
        });
        let ilvl = explicit
            .or(np.level.as_ref().map(|l| l.val))
            .unwrap_or(0)
            .max(named.map_or(0, |n| n.saturating_sub(1)))
            .min(8);
        let levels = self.levels(num_id);
        let counters = self.counters.entry(num_id).or_insert_with(|| {
            let mut c = [0u32; 9];
            for (i, slot) in c.iter_mut().enumerate() {
                *slot = levels
                    .iter()
                    .find(|l| l.level == i)
                    .map_or(1, start_of)
                    .saturating_sub(1);
            }
            c
        });
        counters[ilvl] += 1;
        for (i, slot) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            *slot = levels
                .iter()
                .find(|l| l.level == i)
                .map_or(1, start_of)
                .saturating_sub(1);
        }
        let counters = *counters;
        let level = levels.iter().find(|l| l.level == ilvl);
        let format = level.map(|l| l.format.val.clone()).unwrap_or_default();
        let pattern = level
            .and_then(|l| json(&l.text).as_str().map(str::to_owned))
            .unwrap_or_default();
        let depth = u8::try_from(ilvl + 1).unwrap_or(9);
        if format == "bullet" || format == "none" || level.is_none() {
            return Some(Numbered {
                level: depth,
                text: None,
                bullet: Some(pattern),
            });
        }
        let mut text = pattern.clone();
        for k in (0..9).rev() {
            let needle = format!("%{}", k + 1);
            if text.contains(&needle) {
                let fmt = levels
                    .iter()
                    .find(|l| l.level == k)
                    .map_or("decimal", |l| l.format.val.as_str());
                text = text.replace(&needle, &format_number(counters[k], fmt));
            }
        }
        Some(Numbered {
            level: depth,
            text: Some(text.trim().to_owned()),
            bullet: None,
        })
    }

    /// The levels of numbering instance `num_id`, with its overrides.
    fn levels(&self, num_id: usize) -> Vec<Level> {
        let nums = &self.docx.numberings;
        let Some(num) = nums.numberings.iter().find(|n| n.id == num_id) else {
            return Vec::new();
        };
        let mut levels: Vec<Level> = nums
            .abstract_nums
            .iter()
            .find(|a| a.id == num.abstract_num_id)
            .map(|a| a.levels.clone())
            .unwrap_or_default();
        for o in &num.level_overrides {
            if let Some(l) = &o.override_level {
                levels.retain(|x| x.level != o.level);
                levels.push(l.clone());
            }
        }
        levels
    }
}

fn start_of(level: &Level) -> u32 {
    json(&level.start)
        .as_u64()
        .and_then(|v| u32::try_from(v).ok())
        .unwrap_or(1)
}

/// `n` written in a Word number format.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "upperRoman" => crate::vi::roman(n),
        "lowerRoman" => crate::vi::roman(n).to_lowercase(),
        "lowerLetter" | "upperLetter" => {
            let letter = char::from_u32(u32::from(b'a') + (n.max(1) - 1) % 26).unwrap_or('a');
            if format == "upperLetter" {
                letter.to_ascii_uppercase().to_string()
            } else {
                letter.to_string()
            }
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_the_format_word_names() {
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(12, "decimal"), "12");
    }
}
