//! The module layering DESIGN.md asks for, read from the source: the bottom of `ui/`
//! (the commands and the forms they carry) imports no other module of `ui/`, so no
//! panel or dialog it names can import it back in a circle.

use std::path::Path;

/// The `ui` modules a path in `text` names, through `crate::ui::X` or `super::X`.
fn ui_modules_named(text: &str) -> Vec<String> {
    let mut named = Vec::new();
    for prefix in ["crate::ui::", "super::"] {
        let mut rest = text;
        while let Some(at) = rest.find(prefix) {
            let after = &rest[at + prefix.len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                named.push(name);
            }
            rest = after;
        }
    }
    named
}

#[test]
fn the_bottom_of_ui_imports_no_panel_or_dialog() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let bottom = ["command", "forms"];
    for file in bottom {
        let text = std::fs::read_to_string(ui.join(format!("{file}.rs"))).unwrap();
        for name in ui_modules_named(&text) {
            assert!(
                bottom.contains(&name.as_str()),
                "src/ui/{file}.rs names ui::{name}, which imports the commands back"
            );
        }
    }
}

#[test]
fn the_scan_sees_a_dialog_named_from_the_bottom() {
    let named =
        ui_modules_named("Print(Box<crate::ui::print_dialog::PrintForm>),\nuse super::forms::X;");
    assert_eq!(named, ["print_dialog", "forms"]);
}

/// The floors of the house, lowest first (the pipeline `model ← compose ← layout ←
/// render ← export/print ← session ← ui/cli`, with the side folders placed beside it).
/// A folder names, through `crate::`, only folders on floors below its own: no arrow
/// runs up, so no import circle can form across folders.
const FLOORS: [&[&str]; 9] = [
    &["vi", "units", "limits"],
    &["model"],
    &["compose", "guide"],
    &["layout", "review", "check"],
    &["render", "storage"],
    &["export", "import"],
    &["print", "issue", "edit", "aggregate"],
    &["session"],
    &["ui", "cli"],
];

fn floor_of(folder: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&folder))
}

/// The shipped code of a source file: its test module and its comments left out.
fn shipped(text: &str) -> String {
    let code = text
        .find("#[cfg(test)]\nmod ")
        .map_or(text, |at| &text[..at]);
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules `text` names through `crate::` (also `crate::{a, b::c}`).
fn crate_names(text: &str) -> Vec<String> {
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut named = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let after = &text[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let inside = &group[..group.find('}').unwrap_or(group.len())];
            named.extend(inside.split(',').map(|p| word(p.trim())));
        } else {
            named.push(word(after));
        }
    }
    named.retain(|n| !n.is_empty());
    named
}

/// Every shipped `.rs` file under `dir`, test-only files left out.
fn shipped_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "tests" {
                shipped_files(&path, out);
            }
        } else if name.ends_with(".rs") && name != "tests.rs" && !name.ends_with("_tests.rs") {
            out.push(path);
        }
    }
}

/// `(file, folder, named folder)` for every `crate::` path of the shipped code that
/// leaves its folder.
fn arrows() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    shipped_files(&src, &mut files);
    let mut out = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let folder = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned();
        if folder == "lib" || folder == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for name in crate_names(&shipped(&text)) {
            if name != folder && name != "test_support" {
                out.push((rel.clone(), folder.clone(), name));
            }
        }
    }
    out
}

#[test]
fn every_crate_path_of_shipped_code_points_down_the_floors() {
    let mut wrong = Vec::new();
    for (file, from, to) in arrows() {
        match (floor_of(&from), floor_of(&to)) {
            (Some(f), Some(t)) if t < f => {}
            (None, _) => wrong.push(format!("src/{file}: folder {from} is on no floor")),
            (_, None) => wrong.push(format!("src/{file} names crate::{to}, on no floor")),
            (Some(f), Some(t)) => wrong.push(format!(
                "src/{file} (floor {f}) names crate::{to} (floor {t}): an arrow up or across"
            )),
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_floor_scan_reads_code_not_comments_or_tests() {
    let text = "use crate::{model::X, vi};\n// crate::ui::Y\nlet a = crate::compose::f();\n#[cfg(test)]\nmod tests { use crate::session; }";
    assert_eq!(crate_names(&shipped(text)), ["model", "vi", "compose"]);
    // Every folder of the source is on a floor, and the pipeline's order holds.
    let order = [
        "model", "compose", "layout", "render", "export", "session", "ui",
    ];
    let floors: Vec<usize> = order.iter().map(|m| floor_of(m).unwrap()).collect();
    assert!(floors.windows(2).all(|w| w[0] < w[1]), "{floors:?}");
    assert!(!arrows().is_empty());
}

/// The `pub fn` signatures of shipped code in `text` whose error is a bare `String`.
fn string_errors(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("pub fn ") {
        let rest = &text[at..];
        let end = rest.find(['{', ';']).unwrap_or(rest.len());
        let signature = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some((_, returned)) = signature.split_once("->")
            && returned.contains("Result<")
            && returned.trim_end().ends_with(", String>")
        {
            found.push(signature);
        }
    }
    found
}

#[test]
fn no_public_function_returns_a_bare_string_as_its_error() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    shipped_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for signature in string_errors(&shipped(&text)) {
            wrong.push(format!("{}: {signature}", file.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_error_scan_sees_a_string_error_over_several_lines() {
    let text = "pub fn parse(\n    text: &str,\n) -> Result<Period, String> {\n}\npub(crate) fn inner() -> Result<(), String> {}\npub fn typed() -> Result<(), UsageError> {}";
    assert_eq!(
        string_errors(text),
        ["pub fn parse( text: &str, ) -> Result<Period, String>"]
    );
}
