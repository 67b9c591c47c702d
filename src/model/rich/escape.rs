//! Text that must print as given (escaped markup) and version-1 texts migrated to
//! the rich format.

use super::split_marker;

/// Escapes the markup characters of `text`, placeholders included.
fn escape_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Migrates a version-1 text (one paragraph per line, `- ` and `+ ` printed as
/// typed) to version 2 without changing what prints: a `+ ` line after a `- ` item
/// becomes a level-2 item; markup characters are escaped.
pub fn migrate_v1(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_dash_list = false;
    for (i, raw) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let escaped = escape_v1_line(line);
        if let Some(rest) = line.strip_prefix("+ ").filter(|_| in_dash_list) {
            out.push_str("  + ");
            out.push_str(&escape_v1_line(rest.trim_start()));
            continue;
        }
        in_dash_list = line.starts_with("- ");
        out.push_str(&escaped);
    }
    out
}

/// Escapes the markup characters of a version-1 line, keeping a leading list marker.
fn escape_v1_line(line: &str) -> String {
    match split_marker(line) {
        Some((m, body)) => format!("{m} {}", escape(body)),
        None => escape(line),
    }
}

/// `text` with every character that would be read as markup escaped, so that it
/// prints exactly as given. Placeholders (`{{…}}`) are fields, always read whole, so
/// they are copied as they are.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&escape_chars(&rest[..start]));
        out.push_str(&rest[start..start + len + 2]);
        rest = &rest[start + len + 2..];
    }
    out.push_str(&escape_chars(rest));
    out
}
