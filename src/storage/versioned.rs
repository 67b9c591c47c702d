//! storage: the one reader (and writer) of versioned RON files, shared by project
//! files and review files: bytes read with a size limit, UTF-8 checked with the
//! position of the first bad byte, a byte order mark dropped, text NFC-normalised,
//! `format_version` probed (missing means 0) and a file from a newer program refused,
//! then the value parsed with the line and column of any error; and the pretty RON
//! both kinds are written as.

use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::error::ron_message;

/// Why a versioned file could not be read; each kind of file puts it in its own
/// words, naming the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ReadFailure {
    /// The file could not be read (missing, a folder, too large, no permission).
    Io(String),
    /// The text is not UTF-8 or not valid RON for the kind of file.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// Written by a newer program, in a format this one does not know.
    Newer {
        line: usize,
        column: usize,
        found: u32,
        supported: u32,
    },
}

/// A file's bytes and modification time; anything but a regular file, and files over
/// `max` bytes ([`super::MAX_FILE_BYTES`] for a project), are refused.
pub(super) fn read_bytes(
    path: &Path,
    max: u64,
) -> Result<(Vec<u8>, Option<SystemTime>), ReadFailure> {
    super::read_limited(path, max).map_err(|e| ReadFailure::Io(e.to_string()))
}

/// The bytes as text, or the position of the first byte that is not UTF-8.
pub(super) fn utf8(bytes: Vec<u8>) -> Result<String, ReadFailure> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e
            .as_bytes()
            .get(..e.utf8_error().valid_up_to())
            .unwrap_or_default();
        let (line, column) = line_col(valid);
        ReadFailure::Syntax {
            line,
            column,
            message: "nội dung không phải văn bản UTF-8".to_owned(),
        }
    })
}

/// The text without a byte order mark, in NFC (safe for RON syntax: no combining
/// mark composes with a delimiter; it covers text pasted in decomposed form).
pub(super) fn normalise(text: &str) -> String {
    normalise_cow(text).into_owned()
}

/// Like [`normalise`], borrowing `text` when it needs no change (a large file is not
/// copied).
pub(super) fn normalise_cow(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if unicode_normalization::is_nfc(text) && !text.chars().any(crate::vi::is_invisible) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(crate::vi::nfc(text))
    }
}

/// The file's `format_version` (missing means 0); a syntax error surfaces here with
/// its position, and a version above `supported` is refused.
pub(super) fn version(text: &str, supported: u32) -> Result<u32, ReadFailure> {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        format_version: u32,
    }
    // The program writes `format_version` first: read it there without parsing the
    // whole file twice. Anything else (hand-edited files) gets the full probe.
    let found = match leading_version(text) {
        Some(v) => v,
        None => de::<Probe>(text)?.format_version,
    };
    if found > supported {
        let (line, column) = text.find("format_version").map_or((1, 1), |at| {
            line_col(text.as_bytes().get(..at).unwrap_or_default())
        });
        return Err(ReadFailure::Newer {
            line,
            column,
            found,
            supported,
        });
    }
    Ok(found)
}

/// `format_version: N` as the first field of the file's outer `( … )`, after
/// comments and blank space; `None` when the file does not start that way.
fn leading_version(text: &str) -> Option<u32> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let rest = rest.strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("format_version")?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let digits: &str = &rest[..rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len())];
    let after = rest[digits.len()..].trim_start();
    if !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    digits.parse().ok()
}

/// Parses `text` as a `T`, with the position of the first error.
pub(super) fn de<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, ReadFailure> {
    ron::Options::default()
        .from_str::<T>(text)
        .map_err(|e| ReadFailure::Syntax {
            line: e.span.start.line,
            column: e.span.start.col,
            message: ron_message(&e.code),
        })
}

/// `value` parsed from `text`, normalised once more when `text` wrote characters as
/// escapes (`\u{301}`, `\0`): they only become characters after parsing, past the
/// normalisation of the text, and would otherwise change when the value is written
/// and read again.
pub(super) fn renormalise_escapes<T>(value: T, text: &str) -> Result<T, ReadFailure>
where
    T: Serialize + serde::de::DeserializeOwned,
{
    // Any escape (`\u{…}`, `\0`, `\x01`…) may hide such a character.
    if !text.contains('\\') {
        return Ok(value);
    }
    let plain = pretty(&value).map_err(|_| ReadFailure::Syntax {
        line: 1,
        column: 1,
        message: "nội dung không ghi lại được".to_owned(),
    })?;
    let clean = normalise_cow(&plain);
    match clean {
        std::borrow::Cow::Borrowed(_) => Ok(value),
        std::borrow::Cow::Owned(clean) => de::<T>(&clean),
    }
}

/// `value` as pretty RON, strings written literally so the file stays readable.
pub(super) fn pretty<T: Serialize>(value: &T) -> Result<String, String> {
    let config = ron::ser::PrettyConfig::new()
        .escape_strings(false)
        .struct_names(false)
        .indentor("    ");
    ron::ser::to_string_pretty(value, config).map_err(|e| e.to_string())
}

/// The 1-based line and column just after `prefix`.
pub(super) fn line_col(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_version_is_zero_and_a_newer_one_is_refused_with_its_place() {
        assert_eq!(version("(a: 1)", 2), Ok(0));
        assert_eq!(version("(format_version: 2)", 2), Ok(2));
        assert_eq!(
            version("(\n    format_version: 9,\n)", 2),
            Err(ReadFailure::Newer {
                line: 2,
                column: 5,
                found: 9,
                supported: 2
            })
        );
    }

    #[test]
    fn the_leading_version_is_read_without_parsing_the_file() {
        assert_eq!(
            leading_version("// chú thích\n(\n    format_version: 1,\n x: ["),
            Some(1)
        );
        assert_eq!(leading_version("(format_version: 12)"), Some(12));
        assert_eq!(leading_version("(year: 2026, format_version: 1)"), None);
        assert_eq!(leading_version("(format_version: 1x)"), None);
        assert_eq!(leading_version("(format_version: )"), None);
    }

    #[test]
    fn bad_utf8_names_the_line_and_column_of_the_first_bad_byte() {
        let err = utf8(b"(\n  ab\xffc)".to_vec()).unwrap_err();
        assert!(
            matches!(
                err,
                ReadFailure::Syntax {
                    line: 2,
                    column: 5,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_text_is_composed() {
        assert_eq!(normalise("\u{feff}Vie\u{323}\u{302}t"), "Việt");
    }

    #[test]
    fn a_syntax_error_has_its_position() {
        let err = de::<(u8, u8)>("(1,\n x)").unwrap_err();
        assert!(
            matches!(err, ReadFailure::Syntax { line: 2, .. }),
            "{err:?}"
        );
    }
}
