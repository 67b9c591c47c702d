//! The program's own outputs read back (issue 24, item 5): its Word draft and review
//! copy, and the text of its PDF review copy, import without the `DỰ THẢO` box in the
//! agency's name, without page numbers as paragraphs and without the review copy's
//! comment list as content.

use std::path::{Path, PathBuf};

use baocao::import::docx;
use baocao::import::text;

/// The sample with two open comments, exported by the CLI with `extra` arguments.
fn export_sample(dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let path = dir.join("p.ron");
    let mut project = baocao::storage::load(Path::new(crate::support::SAMPLE_PATH)).unwrap();
    let comment = |id: &str, section: &str, text: &str| -> baocao::model::Comment {
        ron::from_str(&format!(
            "(id: \"{id}\", section: \"{section}\", author: \"Nguyễn Văn A\", role: Reviewer, at: \"2026-06-10T09:00:00\", text: \"{text}\")"
        ))
        .unwrap()
    };
    project.reports[0].review.comments = vec![
        comment("c1", "han-che", "Nêu rõ thiết bị nào cần thay."),
        comment("c2", "kien-nghi", "Bổ sung kiến nghị về kinh phí."),
    ];
    baocao::storage::save(&path, &project).unwrap();
    let out = dir.join(name);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args([
            "export",
            path.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

#[test]
fn the_programs_own_draft_and_review_copy_read_back_without_its_markings() {
    let dir = tempfile::tempdir().unwrap();
    let sample = baocao::storage::load(Path::new(crate::support::SAMPLE_PATH)).unwrap();
    let original = &sample.reports[0];
    for (name, extra) in [
        ("du-thao.docx", &["--format", "docx"][..]),
        ("xem-xet.docx", &["--review-copy", "--format", "docx"][..]),
    ] {
        let file = export_sample(dir.path(), name, extra);
        let rec = docx::recognise_file(&file).unwrap().rec;
        let head = rec.organisation_lines.join(" / ");
        assert!(!head.to_uppercase().contains("DỰ THẢO"), "{name}: {head}");
        assert!(!rec.organisation_lines.is_empty(), "{name}");
        assert!(
            rec.notes.iter().any(|n| n.message.contains("DỰ THẢO")),
            "{name}: the box is noted as left out"
        );
        let mut content = vec![rec.opening.clone(), rec.closing.clone()];
        for s in rec.sections.iter().flat_map(|s| s.walk()) {
            content.push(s.title.clone());
            content.push(s.body.clone());
        }
        let content = content.join("\n");
        for line in content.lines() {
            let t = line.trim();
            assert!(
                t.is_empty()
                    || !t
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '-' || c == ' '),
                "{name}: a page number read as a paragraph: {t:?}"
            );
        }
        for not_content in [
            "Ý KIẾN GÓP Ý",
            "Nêu rõ thiết bị",
            "Bổ sung kiến nghị về kinh phí",
        ] {
            assert!(!content.contains(not_content), "{name}: {not_content}");
            assert!(
                !rec.signer_lines.iter().any(|l| l.contains(not_content)),
                "{name}: {not_content}"
            );
        }
        if name.starts_with("xem-xet") {
            // The Word review copy carries the comments as Word comments, for the
            // comment import, never as text of the report.
            assert!(
                rec.notes
                    .iter()
                    .any(|n| n.message.contains("2 góp ý của Word")),
                "{name}: {:#?}",
                rec.notes
            );
        }
        assert!(
            !rec.notes
                .iter()
                .any(|n| n.message.contains("Nêu rõ thiết bị")),
            "{name}: no comment is quoted as a lost line"
        );
        assert_eq!(rec.summary, original.summary, "{name}");
        assert_eq!(
            rec.sections.iter().flat_map(|s| s.walk()).count(),
            original.all_sections().len(),
            "{name}: the same sections"
        );
    }
}

#[test]
fn the_text_of_the_programs_own_pdf_review_copy_reads_back_without_page_numbers_or_the_comment_list()
 {
    let dir = tempfile::tempdir().unwrap();
    let pdf = export_sample(dir.path(), "xem-xet.pdf", &["--review-copy"]);
    let text = crate::support::cli::tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let rec = text::recognise(&text);
    let head = rec.organisation_lines.join(" / ");
    assert!(!head.to_uppercase().contains("DỰ THẢO"), "{head}");
    // Every page after a part's first heads with its number, alone on its line.
    let numbered = text
        .split('\u{0C}')
        .skip(1)
        .filter(|page| {
            page.lines()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.trim().chars().all(|c| c.is_ascii_digit()))
        })
        .count();
    let skipped = rec
        .notes
        .iter()
        .filter(|n| n.message.contains("số trang của bản in"))
        .count();
    assert!(numbered >= 5, "{numbered} numbered pages");
    assert_eq!(skipped, numbered, "{:#?}", rec.notes);
    assert!(
        rec.notes
            .iter()
            .any(|n| n.message.contains("“Ý KIẾN GÓP Ý CHƯA XỬ LÝ”")),
        "{:#?}",
        rec.notes
    );
    let mut content = vec![rec.opening.clone(), rec.closing.clone()];
    for s in rec.sections.iter().flat_map(|s| s.walk()) {
        content.push(s.title.clone());
        content.push(s.body.clone());
    }
    let content = content.join("\n");
    for not_content in [
        "Ý KIẾN GÓP Ý",
        "Nêu rõ thiết bị",
        "Bổ sung kiến nghị về kinh phí",
    ] {
        assert!(!content.contains(not_content), "{not_content}");
        assert!(
            !rec.notes
                .iter()
                .any(|n| n.message.contains(not_content) && !n.message.contains("danh sách góp ý")),
            "{not_content}"
        );
        assert!(!rec.signer_lines.iter().any(|l| l.contains(not_content)));
        assert!(!rec.distribution.iter().any(|l| l.contains(not_content)));
    }
}
