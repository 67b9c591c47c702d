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
