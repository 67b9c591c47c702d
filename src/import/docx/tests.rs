//! Tests of the Word reader on documents written with docx-rs the way an exporter
//! writes them: heading styles numbered by Word, list numbering levels with their own
//! bullet texts, emphasis runs.
// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
    NumberingId, Paragraph, Run, Start, Style, StyleType,
};

use super::*;

fn level(i: usize, format: &str, text: &str) -> Level {
    Level::new(
        i,
        Start::new(1),
        NumberFormat::new(format),
        LevelText::new(text),
        LevelJc::new("left"),
    )
}

fn heading(level: usize, text: &str) -> Paragraph {
    Paragraph::new()
        .style(&format!("Heading{level}"))
        .numbering(NumberingId::new(11), IndentLevel::new(level - 1))
        .add_run(Run::new().add_text(text))
}

fn item(level: usize, text: &str) -> Paragraph {
    Paragraph::new()
        .numbering(NumberingId::new(12), IndentLevel::new(level - 1))
        .add_run(Run::new().add_text(text))
}

/// The document written to bytes and read back.
fn round_trip(docx: Docx) -> docx_rs::Docx {
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();
    open(bytes.get_ref(), Path::new("t.docx")).unwrap()
}

#[test]
fn headings_and_lists_numbered_by_word_read_back_exactly() {
    let mut docx = Docx::new();
    for l in 1..=3 {
        docx = docx.add_style(
            Style::new(format!("Heading{l}"), StyleType::Paragraph).name(format!("heading {l}")),
        );
    }
    let docx = docx
        .add_abstract_numbering(
            AbstractNumbering::new(11)
                .add_level(level(0, "upperRoman", "%1."))
                .add_level(level(1, "decimal", "%2."))
                .add_level(level(2, "lowerLetter", "%3)")),
        )
        .add_numbering(Numbering::new(11, 11))
        .add_abstract_numbering(
            AbstractNumbering::new(12)
                .add_level(level(0, "bullet", "-"))
                .add_level(level(1, "bullet", "+"))
                .add_level(level(2, "bullet", "•")),
        )
        .add_numbering(Numbering::new(12, 12))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("BÁO CÁO")))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Kết quả quý II năm 2026")))
        .add_paragraph(heading(1, "KẾT QUẢ"))
        .add_paragraph(heading(2, "Về thể chế"))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Đã ban hành "))
                .add_run(Run::new().add_text("03").bold())
                .add_run(Run::new().add_text(" kế hoạch.")),
        )
        .add_paragraph(item(1, "Ý một;"))
        .add_paragraph(item(2, "ý con;"))
        .add_paragraph(item(3, "ý cháu."))
        .add_paragraph(heading(3, "Thuận lợi"))
        .add_paragraph(heading(3, "Khó khăn"))
        .add_paragraph(heading(1, "NHIỆM VỤ"));
    let rec = recognise(&round_trip(docx)).rec;
    let kq = &rec.sections[0];
    assert_eq!(kq.title, "Kết quả");
    assert_eq!(rec.sections[1].title, "Nhiệm vụ");
    let tc = &kq.children[0];
    assert_eq!(tc.title, "Về thể chế");
    assert_eq!(
        tc.body,
        "Đã ban hành **03** kế hoạch.\n- Ý một;\n  + ý con;\n    • ý cháu."
    );
    assert_eq!(tc.numbering, crate::model::ChildNumbering::Letters);
    let points: Vec<&str> = tc.children.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(points, vec!["Thuận lợi", "Khó khăn"]);
    assert!(
        rec.notes
            .iter()
            .all(|n| n.kind != text::NoteKind::NotRecognised),
        "{:?}",
        rec.notes
    );
}

#[test]
fn a_paragraph_with_a_line_break_is_two_lines_and_hidden_text_is_noted() {
    let docx = Docx::new().add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text("Dòng một"))
            .add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping))
            .add_run(Run::new().add_text("Dòng hai"))
            .add_run(Run::new().add_text("ẩn").vanish()),
    );
    let rec = recognise(&round_trip(docx)).rec;
    assert_eq!(rec.opening, "Dòng một\nDòng hai");
    assert!(rec.notes.iter().any(|n| n.message.contains("chữ ẩn")));
}
