//! aggregate: matching indicator names across communes. Each commune types its plan
//! itself, so one indicator arrives as `Tỷ lệ hồ sơ TTHC …`, `tỷ lệ hồ sơ thủ tục hành
//! chính …` or with the tone mark placed the old way (`hoà` for `hòa`). Names are
//! compared by a key tolerant of case, tone placement, punctuation and spacing, then
//! by the words they share; a mapping file the user edits settles what the match got
//! wrong.

use std::collections::BTreeMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::vi::TONES;

/// Two names whose keys share at least this share of their words (Dice coefficient on
/// the sets of words) are the same indicator, when their numbers agree.
pub const SIMILAR_ENOUGH: f64 = 0.8;

/// Abbreviations communes write for the words of the plan template, spelled out
/// before comparing.
const ABBREVIATIONS: [(&str, &str); 10] = [
    ("tthc", "thủ tục hành chính"),
    ("cds", "chuyển đổi số"),
    ("cđs", "chuyển đổi số"),
    ("khcn", "khoa học công nghệ"),
    ("đmst", "đổi mới sáng tạo"),
    ("dmst", "đổi mới sáng tạo"),
    ("dvc", "dịch vụ công"),
    ("dvctt", "dịch vụ công trực tuyến"),
    ("cbcc", "cán bộ công chức"),
    ("ubnd", "ủy ban nhân dân"),
];

/// The comparison key of a name: NFC, lower case, every word with its tone mark moved
/// to its end as a digit (`hòa` and `hoà` both give `hoa1`), punctuation as spaces,
/// numbers without leading zeros, known abbreviations spelled out, single spaces.
pub fn key(name: &str) -> String {
    let lower = crate::vi::nfc(name).to_lowercase();
    let spaced: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words = Vec::new();
    for word in spaced.split_whitespace() {
        let w = tone_last(word);
        // `02 lớp` and `2 lớp` are the same number.
        let w = if w.chars().all(|c| c.is_ascii_digit()) {
            let trimmed = w.trim_start_matches('0');
            if trimmed.is_empty() {
                "0".to_owned()
            } else {
                trimmed.to_owned()
            }
        } else {
            w
        };
        match ABBREVIATIONS.iter().find(|(a, _)| *a == w) {
            Some((_, full)) => words.extend(full.split(' ').map(tone_last)),
            None => words.push(w),
        }
    }
    words.join(" ")
}

/// One word with its tone mark taken out and written as a digit at its end.
fn tone_last(word: &str) -> String {
    let mut tone = None;
    let base: String = word
        .nfd()
        .filter(|c| match TONES.iter().position(|t| t == c) {
            Some(i) => {
                tone = Some(i + 1);
                false
            }
            None => true,
        })
        .nfc()
        .collect();
    match tone {
        Some(t) => format!("{base}{t}"),
        None => base,
    }
}

/// How alike two keys are: twice the words they share over the words of both (1.0 for
/// the same words), and 0.0 when the numbers they contain differ (`02 lớp` is not
/// `03 lớp`).
pub fn similarity(a: &str, b: &str) -> f64 {
    let words = |k: &str| -> std::collections::BTreeSet<String> {
        k.split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return if wa == wb { 1.0 } else { 0.0 };
    }
    let numbers = |w: &std::collections::BTreeSet<String>| -> Vec<String> {
        w.iter()
            .filter(|x| x.chars().all(|c| c.is_ascii_digit()))
            .cloned()
            .collect()
    };
    if numbers(&wa) != numbers(&wb) {
        return 0.0;
    }
    let shared = wa.intersection(&wb).count();
    2.0 * shared as f64 / (wa.len() + wb.len()) as f64
}

/// The user's corrections: a name as written in a commune's file → the common name it
/// is counted under. Keys are [`key`]s, so the file may spell names loosely.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mapping {
    pub common: BTreeMap<String, String>,
}

/// Why a mapping file could not be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MappingError {
    #[error("Không đọc được tệp đối chiếu tên ({reason}).\nTệp: {path}")]
    Read { path: String, reason: String },
    #[error(
        "Tệp đối chiếu tên, dòng {line}: cần đúng hai cột “Tên trong tệp” và “Tên chung” (có {found} cột). Hãy sửa dòng này hoặc tạo lại tệp bằng --write-mapping.\nTệp: {path}"
    )]
    Columns {
        path: String,
        line: usize,
        found: usize,
    },
    #[error("Tệp đối chiếu tên quá lớn: {what}.\nTệp: {path}")]
    TooBig {
        path: String,
        what: crate::limits::Exceeded,
    },
}

/// Why the text of a mapping file is not a mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MappingProblem {
    /// The line (from 1) has this many columns instead of two.
    Columns(usize, usize),
    /// Over the table bounds of [`crate::limits`].
    TooBig(crate::limits::Exceeded),
}

/// A mapping file is a small table; anything larger is not one.
const MAX_MAPPING_BYTES: u64 = 8 * 1024 * 1024;

impl Mapping {
    /// Reads a mapping file: CSV (comma, semicolon or tab), UTF-8, two columns `Tên
    /// trong tệp`, `Tên chung`, an optional header row; a row with an empty common name
    /// changes nothing.
    pub fn read(path: &Path) -> Result<Mapping, MappingError> {
        let shown = path.display().to_string();
        let (bytes, _) = crate::storage::read_limited(path, MAX_MAPPING_BYTES).map_err(|e| {
            MappingError::Read {
                path: shown.clone(),
                reason: e.to_string(),
            }
        })?;
        let text = String::from_utf8(bytes).map_err(|_| MappingError::Read {
            path: shown.clone(),
            reason: "nội dung không phải văn bản UTF-8; hãy lưu tệp dạng CSV UTF-8".to_owned(),
        })?;
        Self::parse(&text).map_err(|problem| match problem {
            MappingProblem::Columns(line, found) => MappingError::Columns {
                path: shown,
                line,
                found,
            },
            MappingProblem::TooBig(what) => MappingError::TooBig { path: shown, what },
        })
    }

    /// Parses the text of a mapping file; the error is the line (from 1) and the number
    /// of columns found there, or the bound it went over.
    pub fn parse(text: &str) -> Result<Mapping, MappingProblem> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first_line = text.lines().next().unwrap_or_default();
        let delimiter = ['\t', ';', ',']
            .into_iter()
            .find(|d| first_line.contains(*d))
            .unwrap_or(',');
        let table = crate::import::parse_csv(text, delimiter).map_err(MappingProblem::TooBig)?;
        let mut common = BTreeMap::new();
        for (i, row) in table.rows.iter().enumerate() {
            let cells: Vec<&str> = row.iter().map(|c| c.trim()).collect();
            let cells: &[&str] = match cells.iter().rposition(|c| !c.is_empty()) {
                Some(last) => &cells[..=last],
                None => continue,
            };
            let (from, to) = match cells {
                [from, to] => (*from, *to),
                [_] => continue,
                other => return Err(MappingProblem::Columns(i + 1, other.len())),
            };
            if i == 0 && crate::vi::fold(from) == "ten trong tep" {
                continue;
            }
            if !to.is_empty() {
                common.insert(key(from), crate::vi::nfc(to));
            }
        }
        Ok(Mapping { common })
    }

    /// The mapping file text listing every name found with the common name it was
    /// counted under, for the user to correct: UTF-8 with a byte order mark (so that
    /// spreadsheet programs read the diacritics), comma separated, every cell quoted.
    pub fn template(pairs: &[(String, String)]) -> String {
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let mut out = String::from("\u{feff}\"Tên trong tệp\",\"Tên chung\"\r\n");
        for (from, to) in pairs {
            out.push_str(&format!("{},{}\r\n", quote(from), quote(to)));
        }
        out
    }
}

/// Names grouped into indicators: each distinct spelling's group and each group's
/// printed name.
#[derive(Clone, Debug, Default)]
pub struct Groups {
    /// The [`key`] of every spelling seen → its group.
    pub of_key: BTreeMap<String, usize>,
    /// The printed name of each group.
    pub names: Vec<String>,
}

/// Groups the spellings `seen` (each with how many communes wrote it) into
/// indicators: the mapping first, then the same key, then words in common (at least
/// [`SIMILAR_ENOUGH`]). The most written spellings found the groups, so a group takes
/// the name most communes use; deterministic for the same names and counts.
pub fn group(seen: &BTreeMap<String, usize>, mapping: &Mapping) -> Groups {
    // Spellings by key, each key with the commune count and its most written spelling.
    let mut by_key: BTreeMap<String, (usize, &str, usize)> = BTreeMap::new();
    for (name, n) in seen {
        let entry = by_key.entry(key(name)).or_insert((0, name, 0));
        entry.0 += n;
        let better = *n > entry.2 || (*n == entry.2 && crate::vi::compare(name, entry.1).is_lt());
        if better {
            entry.1 = name;
            entry.2 = *n;
        }
    }
    let mut order: Vec<(&String, usize, &str)> = by_key
        .iter()
        .map(|(k, (n, name, _))| (k, *n, *name))
        .collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| crate::vi::compare(a.0, b.0)));

    let mut groups = Groups::default();
    // Each group's key and words, and which groups hold each word.
    let mut group_keys: Vec<String> = Vec::new();
    let mut by_common: BTreeMap<String, usize> = BTreeMap::new();
    let mut holders: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, _, name) in order {
        let found = match mapping.common.get(k) {
            Some(common) => {
                let ck = key(common);
                match by_common.get(&ck) {
                    Some(g) => Some(*g),
                    None => {
                        let g = groups.names.len();
                        groups.names.push(common.clone());
                        group_keys.push(ck.clone());
                        by_common.insert(ck, g);
                        Some(g)
                    }
                }
            }
            None => most_similar(k, &group_keys, &holders),
        };
        let g = match found {
            Some(g) => g,
            None => {
                let g = groups.names.len();
                groups.names.push(name.to_owned());
                group_keys.push(k.clone());
                by_common.entry(k.clone()).or_insert(g);
                g
            }
        };
        for w in group_keys[g].split(' ').chain(k.split(' ')) {
            let list = holders.entry(w.to_owned()).or_default();
            if list.last() != Some(&g) && !list.contains(&g) {
                list.push(g);
            }
        }
        groups.of_key.insert(k.clone(), g);
    }
    groups
}

/// The group whose key is most like `k`, if alike enough; only groups sharing a
/// word with `k` are compared.
fn most_similar(
    k: &str,
    group_keys: &[String],
    holders: &BTreeMap<String, Vec<usize>>,
) -> Option<usize> {
    let mut candidates: Vec<usize> = k
        .split(' ')
        .filter_map(|w| holders.get(w))
        .flatten()
        .copied()
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let mut best: Option<(f64, usize)> = None;
    for g in candidates {
        let s = similarity(k, &group_keys[g]);
        if s >= SIMILAR_ENOUGH && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, g));
        }
    }
    best.map(|(_, g)| g)
}
