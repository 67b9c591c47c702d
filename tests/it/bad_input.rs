//! Reports a clerk can really produce that stress the pipeline: nothing written yet,
//! a 20 000-character "word" pasted from somewhere, characters the font lacks,
//! decomposed text. Each must give a valid PDF, never a crash or a silent drop.

use baocao::model::Project;

fn sample() -> Project {
    baocao::storage::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/mau-binh-minh-hai.ron"
    )))
    .unwrap()
}

fn date() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 30)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap()
}

fn render(p: &Project) -> (Vec<u8>, Vec<String>) {
    let r = baocao::render::render(p, &p.reports[0], baocao::render::RenderKind::Draft).unwrap();
    let bytes = baocao::export::write_pdf(&r, &baocao::export::PdfOptions::new(date())).unwrap();
    (bytes, r.warnings.iter().map(ToString::to_string).collect())
}

fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

fn text_of(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap_or_default()
}

#[test]
fn an_empty_report_exports_one_page_with_header_and_signature() {
    let mut p = sample();
    let r = &mut p.reports[0];
    r.sections.clear();
    r.closing.clear();
    r.recipients.clear();
    let (pdf, warnings) = render(&p);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(page_count(&pdf), 1);
}

#[test]
fn a_section_of_twenty_thousand_characters_without_spaces_exports_whole() {
    let mut p = sample();
    let long: String = "Chuyểnđổisố".chars().cycle().take(20_000).collect();
    p.reports[0].sections[0].body = long;
    let (pdf, warnings) = render(&p);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(page_count(&pdf) > 7, "the long word adds pages");
}

#[test]
fn characters_the_font_lacks_are_replaced_visibly_and_reported() {
    let mut p = sample();
    p.reports[0].sections[0].body = "Biểu tượng 😀 và ký tự riêng \u{E000} trong văn bản.".into();
    let (pdf, warnings) = render(&p);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("U+1F600")));
    assert!(warnings.iter().any(|w| w.contains("U+E000")));
    assert!(page_count(&pdf) >= 1);
}

#[test]
fn the_command_line_prints_the_missing_characters_as_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut p = sample();
    p.reports[0].sections[0].body = "Một ký tự lạ: \u{1F4C4}".into();
    baocao::storage::save(&path, &p).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["export", path.to_str().unwrap(), "-o"])
        .arg(dir.path().join("x.pdf"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Lưu ý") && err.contains("U+1F4C4"), "{err}");
}

#[test]
fn decomposed_text_comes_out_composed_in_the_pdf() {
    let mut p = sample();
    p.reports[0].sections[0].body = "Vie\u{302}\u{323}t Nam".into();
    let (pdf, _) = render(&p);
    let text = text_of(&pdf);
    assert!(!text.contains('\u{302}'));
}
