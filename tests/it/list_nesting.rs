//! List levels (#26 item 11): a `+` item typed on the line after a `-` item nests as
//! the same lines pasted do, on the printed page; lists already written with explicit
//! indentation (the sample, the seeds as imported) keep their written levels.

use std::path::{Path, PathBuf};

use crate::support::SAMPLE_PATH;
use baocao::guide::Step;
use baocao::layout::Item;
use baocao::model::Section;
use baocao::model::rich::{Block, parse};
use baocao::ui::BaocaoApp;
use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn app_on_copy() -> (tempfile::TempDir, Harness<'static, BaocaoApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    let p: PathBuf = path.clone();
    let harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            BaocaoApp::new(&p).derive_on_frame()
        });
    (dir, harness)
}

/// Opens Hạn chế with the cursor at the end of its text.
fn at_end_of_han_che(h: &mut Harness<'_, BaocaoApp>) {
    h.run();
    let index = Step::ALL.iter().position(|s| *s == Step::HanChe).unwrap() + 1;
    h.get_by_label(&format!("{index}. {}", Step::HanChe.label()))
        .click();
    h.run();
    h.get_by_label("Nội dung: Hạn chế").focus();
    h.run();
    to_end(h);
}

/// Puts the cursor of Hạn chế's text at its end.
fn to_end(h: &mut Harness<'_, BaocaoApp>) {
    let n = body(h).chars().count();
    let id = baocao::ui::body_id("han-che");
    let mut st = egui::TextEdit::load_state(&h.ctx, id).unwrap_or_default();
    st.cursor.set_char_range(Some(egui::text::CCursorRange::one(
        egui::text::CCursor::new(n),
    )));
    st.store(&h.ctx, id);
}

fn body(h: &Harness<'_, BaocaoApp>) -> String {
    h.state()
        .report()
        .and_then(|r| r.section("han-che"))
        .map(|s| s.body.clone())
        .unwrap_or_default()
}

/// The left edge on the page of the printed line holding `words`.
fn x_of(h: &Harness<'_, BaocaoApp>, words: &str) -> f32 {
    h.state()
        .pages()
        .unwrap()
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .find_map(|i| match i {
            Item::Text(t) if t.text.contains(words) => Some(t.x.0),
            _ => None,
        })
        .unwrap_or_else(|| panic!("“{words}” is not printed"))
}

#[test]
fn a_plus_item_typed_after_a_dash_item_prints_deeper_as_when_pasted() {
    let (_d, mut h) = app_on_copy();
    at_end_of_han_che(&mut h);
    for (i, line) in ["- Gạch gõ tay", "+ Cộng gõ tay"].iter().enumerate() {
        h.key_press(Key::Enter);
        h.run();
        h.get_by_label("Nội dung: Hạn chế").type_text(line);
        h.run();
        assert!(body(&h).ends_with(line), "line {i}: {}", body(&h));
    }
    assert!(
        body(&h).ends_with("\n- Gạch gõ tay\n+ Cộng gõ tay"),
        "typed as written, nothing re-indented: {}",
        body(&h)
    );
    let (dash_typed, plus_typed) = (x_of(&h, "Gạch gõ tay"), x_of(&h, "Cộng gõ tay"));
    assert!(
        plus_typed > dash_typed + 5.0,
        "{plus_typed} vs {dash_typed}"
    );

    // The same two lines pasted: as plain lines, then as Word's bullets (one tab
    // after each, same indentation), taken with their structure.
    to_end(&mut h);
    h.event(egui::Event::Paste("\n- Gạch dán\n+ Cộng dán".into()));
    h.run();
    assert!(
        body(&h).ends_with("\n- Gạch dán\n+ Cộng dán"),
        "{}",
        body(&h)
    );
    to_end(&mut h);
    h.event(egui::Event::Paste("\n•\tGạch Word\n○\tCộng Word".into()));
    h.run();
    h.get_by_label("Dán theo cấu trúc").click();
    h.run();
    for (dash, plus) in [("Gạch dán", "Cộng dán"), ("Gạch Word", "Cộng Word")] {
        let (dash_pasted, plus_pasted) = (x_of(&h, dash), x_of(&h, plus));
        assert!(
            (plus_pasted - plus_typed).abs() < 0.01,
            "{plus}: typed and pasted alike"
        );
        assert!(
            (dash_pasted - dash_typed).abs() < 0.01,
            "{dash}: typed and pasted alike"
        );
    }
}

/// Every list item of `text` with its written level (two columns a level) and the
/// level it prints at.
fn written_and_printed(text: &str) -> Vec<(String, usize, u8)> {
    let (blocks, _) = parse(text);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para { para, index } if para.level > 0 => {
                let line = lines[*index];
                let indent: usize = line
                    .chars()
                    .take_while(|c| matches!(c, ' ' | '\t' | '\u{a0}'))
                    .map(|c| if c == '\t' { 2 } else { 1 })
                    .sum();
                Some((line.to_owned(), indent / 2 + 1, para.level))
            }
            _ => None,
        })
        .collect()
}

fn bodies(sections: &[Section], out: &mut Vec<String>) {
    for s in sections {
        out.push(s.body.clone());
        bodies(&s.children, out);
    }
}

fn assert_written_levels_kept(texts: &[String], source: &Path) -> usize {
    let mut items = 0;
    for text in texts {
        for (line, written, printed) in written_and_printed(text) {
            assert_eq!(
                usize::from(printed),
                written,
                "{}: “{line}” prints at another level than written",
                source.display()
            );
            items += 1;
        }
    }
    items
}

#[test]
fn lists_written_with_indentation_print_at_their_written_levels() {
    let project = baocao::storage::load(Path::new(SAMPLE_PATH)).unwrap();
    let mut texts = Vec::new();
    for r in &project.reports {
        bodies(&r.sections, &mut texts);
    }
    let sample_items = assert_written_levels_kept(&texts, Path::new(SAMPLE_PATH));
    assert!(sample_items > 10, "the sample has lists: {sample_items}");

    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut seed_items = 0;
    let mut deeper = 0;
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let raw = std::fs::read_to_string(&path).unwrap();
        let rec = baocao::import::text::recognise(&raw);
        let mut texts = vec![rec.opening.clone()];
        bodies(&rec.sections, &mut texts);
        seed_items += assert_written_levels_kept(&texts, &path);
        deeper += texts
            .iter()
            .flat_map(|t| written_and_printed(t))
            .filter(|(_, _, level)| *level > 1)
            .count();
    }
    assert!(seed_items > 20, "the seeds have lists: {seed_items}");
    assert!(deeper > 0, "the seeds have nested items");
}

#[test]
fn typed_markers_nest_and_come_back_and_a_paragraph_ends_the_list() {
    let levels = |text: &str| -> Vec<u8> {
        parse(text)
            .0
            .iter()
            .map(|b| match b {
                Block::Para { para, .. } => para.level,
                Block::Table { .. } => 9,
            })
            .collect()
    };
    assert_eq!(levels("- a\n+ b\n+ c\n- d"), [1, 2, 2, 1]);
    assert_eq!(levels("- a\n+ b\n  • c\n- d"), [1, 2, 3, 1]);
    assert_eq!(levels("- a\nĐoạn.\n+ b"), [1, 0, 1]);
    assert_eq!(levels("* ***Đề nghị:***\n+ b"), [1, 1]);
    assert_eq!(levels("- a\n| x |\n+ b"), [1, 9, 1]);
    assert_eq!(levels("1. a\n- b\na) c"), [1, 1, 1]);
}
