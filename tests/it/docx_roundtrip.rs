//! Export → import round trip of a Word file (issue 13): the report read back from the
//! app's own DOCX has the original's sections, text, emphasis, list levels and tables
//! (figures as their values, generated tables aside).

use std::path::Path;
use std::process::Command;

use baocao::model::rich::{self, Block};
use baocao::model::{Project, Report, Section};

fn baocao(args: &[&str], file: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(&args[..1])
        .arg(file)
        .args(&args[1..])
        .output()
        .unwrap()
}

/// A body with its figures replaced by their values, as the DOCX carries them.
fn resolved(project: &Project, report: &Report, body: &str) -> String {
    baocao::compose::placeholders::split(body)
        .into_iter()
        .map(|p| match p {
            baocao::compose::placeholders::Piece::Text(t) => t.to_owned(),
            baocao::compose::placeholders::Piece::Field { raw, inner } => {
                baocao::compose::placeholders::resolve(project, report, inner)
                    .map(|v| rich::escape(&v))
                    .unwrap_or_else(|_| raw.to_owned())
            }
        })
        .collect()
}

/// What prints of a body: each paragraph's level, marker, text and emphasis; tables.
fn printed(body: &str) -> Vec<String> {
    rich::parse(body)
        .0
        .into_iter()
        .map(|b| match b {
            Block::Para { para, .. } => {
                let spans: Vec<String> = para
                    .spans
                    .iter()
                    .filter(|s| !s.text.is_empty())
                    .map(|s| {
                        format!(
                            "{}{}{}{}",
                            s.text, s.bold as u8, s.italic as u8, s.underline as u8
                        )
                    })
                    .collect();
                format!("{}|{}|{}", para.level, para.marker, spans.join("·"))
            }
            Block::Table { table, .. } => {
                format!("table {}x{}", table.rows.len(), table.columns.len())
            }
        })
        .collect()
}

fn flatten(list: &[Section]) -> Vec<&Section> {
    list.iter().flat_map(|s| s.walk()).collect()
}

#[test]
fn a_report_read_back_from_its_own_word_file_has_the_same_structure_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &path).unwrap();
    let docx = dir.path().join("bc.docx");
    let out = baocao(
        &["export", "--format", "docx", "-o", docx.to_str().unwrap()],
        &path,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = baocao(&["import", docx.to_str().unwrap(), "--yes"], &path);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let p = baocao::storage::load(&path).unwrap();
    let (original, back) = (&p.reports[0], &p.reports[1]);
    assert_eq!(back.summary, original.summary);
    let (a, b) = (flatten(&original.sections), flatten(&back.sections));
    let titles =
        |l: &[&Section]| -> Vec<String> { l.iter().map(|s| s.title.to_lowercase()).collect() };
    assert_eq!(
        titles(&a),
        titles(&b),
        "the same sections in the same order"
    );
    let numbers_a = baocao::compose::section_numbers(original);
    let numbers_b = baocao::compose::section_numbers(back);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(numbers_a[&x.id], numbers_b[&y.id], "{}", x.title);
        let want = printed(&resolved(&p, original, &x.body));
        let mut got = printed(&y.body);
        if x.generated.is_some() {
            // The generated table comes back as a table typed in the text.
            got.retain(|l| !l.starts_with("table"));
            got.retain(|l| !l.contains("Chi tiết tại"));
        }
        assert_eq!(want, got, "section {}", x.title);
    }
    assert_eq!(back.distribution, original.distribution);
    assert_eq!(back.signer, original.signer);
}

#[test]
fn a_comment_added_in_word_to_the_exported_file_comes_back_on_its_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &path).unwrap();
    let docx = dir.path().join("bc.docx");
    let commented = dir.path().join("gop-y.docx");
    let out = baocao(
        &["export", "--format", "docx", "-o", docx.to_str().unwrap()],
        &path,
    );
    assert!(out.status.success());
    // A reviewer who only uses Word comments the second paragraph of Hạn chế.
    let script = r#"
import sys, docx
d = docx.Document(sys.argv[1])
p = next(p for p in d.paragraphs if "Một bộ phận người dân" in p.text)
d.add_comment(p.runs, text="Nêu số người được hỗ trợ.", author="Trần Văn Duyệt", initials="TVD")
d.save(sys.argv[2])
"#;
    let py = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&docx)
        .arg(&commented)
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let out = baocao(
        &[
            "import",
            commented.to_str().unwrap(),
            "--comments",
            "--report",
            "bc-q2-2026",
            "--yes",
        ],
        &path,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = baocao::storage::load(&path).unwrap();
    let c = p.reports[0]
        .review
        .comments
        .iter()
        .find(|c| c.text == "Nêu số người được hỗ trợ.")
        .unwrap_or_else(|| panic!("the comment is added: {stdout}"));
    assert_eq!(c.section, "han-che");
    let body = &p.reports[0].section("han-che").unwrap().body;
    let para = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .nth(c.paragraph.unwrap())
        .unwrap();
    assert!(para.contains("Một bộ phận người dân"), "{para}");
    assert_eq!(c.author, "Trần Văn Duyệt");
}
