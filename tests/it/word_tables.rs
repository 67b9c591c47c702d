//! Every Word table accounted for (issue 24, items 3–4): plans written into Word with
//! their Phụ lục as real Word tables lose no word on import (each word is in the
//! report or in a note, in order); a table after the signature is quoted whole; a
//! Word table whose first column is 6 mm wide prints `10.` and `TT` whole, in the PDF
//! and in the Word export. The program's own drafts: `word_drafts`.

use std::path::{Path, PathBuf};

use baocao::compose::{Block, ComposeOptions, Document, TableRow, compose};
use baocao::import::docx;
use baocao::import::text::{self, Note};
use baocao::model::{Period, PeriodKind, Project, Report};

use crate::import_docx::python;

/// A seed (`/work/shared/seeds/001_….txt`) by its number: the seeds folder is the
/// nearest `shared/seeds` above the repository.
fn seed(number: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/seeds"))
        .find(|d| d.is_dir())
        .expect("the seeds folder shared/seeds above the repository");
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(number) && n.ends_with(".txt"))
        })
        .unwrap_or_else(|| panic!("seed {number} in {}", dir.display()))
}

/// A seed written into Word the ordinary way: one paragraph per line before the last
/// `PHỤ LỤC` line; from there (after a page break) tab-separated lines are rows of
/// Word tables ("Table Grid"): a row whose only text is its first cell
/// (`I. NHIỆM VỤ TRỌNG TÂM`) merged across the table, a line starting with a tab the
/// continuation of the row above (a row split over pages), blank lines skipped.
const SEED_WITH_TABLES: &str = r#"
import sys, docx
from docx.enum.text import WD_BREAK
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
d = docx.Document()
marks = [i for i, l in enumerate(lines) if l.strip().strip("*").upper() == "PHỤ LỤC"]
start = marks[-1] if marks else len(lines)
for line in lines[:start]:
    t = line.strip()
    indented = line[:1] in (" ", "\t")
    if t.startswith("- + "):
        d.add_paragraph(t[4:], style="List Bullet 2")
    elif t.startswith("+ "):
        d.add_paragraph(t[2:], style="List Bullet 2")
    elif t.startswith("- "):
        d.add_paragraph(t[2:], style="List Bullet 2" if indented else "List Bullet")
    else:
        d.add_paragraph(line)
if start < len(lines):
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
rows = []
def flush():
    if not rows:
        return
    n = max(len(r) for r in rows)
    t = d.add_table(rows=0, cols=n)
    t.style = "Table Grid"
    for k, r in enumerate(rows):
        cells = t.add_row().cells
        filled = [c for c in r if c.strip()]
        if k > 0 and len(filled) == 1 and r[0].strip() and not r[0].strip().isdigit():
            cells[0].merge(cells[-1]).text = r[0].strip()
        else:
            for j, v in enumerate(r):
                cells[j].text = v.strip()
    rows.clear()
for line in lines[start:]:
    if "\t" in line:
        cells = line.split("\t")
        if cells[0].strip() == "" and rows:
            prev = rows[-1]
            for j, v in enumerate(cells):
                if v.strip() and j < len(prev):
                    prev[j] = (prev[j] + " " + v.strip()).strip()
        else:
            rows.append(cells)
    elif line.strip():
        flush()
        d.add_paragraph(line)
flush()
d.save(sys.argv[2])
"#;

/// Prints the text of a Word file as Word holds it: the number of table rows, every
/// paragraph (those of table cells included) in document order, one per line, then
/// `TABLE` and the text of the tables' cells alone (each merged cell once).
const DOCX_TEXT: &str = r#"
import sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
body = d.element.body
text = lambda p: "".join(t.text or "" for t in p.iter(qn("w:t")))
out = [str(len(list(body.iter(qn("w:tr")))))]
out.extend(text(p) for p in body.iter(qn("w:p")))
out.append("TABLE")
for tbl in body.iter(qn("w:tbl")):
    for tc in tbl.iter(qn("w:tc")):
        out.extend(text(p) for p in tc.iter(qn("w:p")))
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
"#;

/// The words of `text`: letters, digits and `%` runs, lower-cased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '%'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Length of the longest common subsequence of `a` and `b` (the words of `a` found
/// in `b` in the same order).
fn in_order(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

/// Every text the composed document prints, in order.
fn printed(doc: &Document) -> String {
    let mut out = Vec::new();
    let runs = |rs: &[baocao::compose::Run]| rs.iter().map(|r| r.text.as_str()).collect::<String>();
    for part in &doc.parts {
        for b in &part.blocks {
            match b {
                Block::Paragraph(p) => out.push(p.text()),
                Block::LabelList(l) => {
                    out.push(runs(&l.label));
                    out.extend(l.items.iter().map(|i| runs(i)));
                }
                Block::Table(t) => {
                    out.extend(t.columns.iter().map(|c| c.header.clone()));
                    for r in &t.rows {
                        match r {
                            TableRow::Cells(cells) => out.extend(cells.iter().map(|c| runs(c))),
                            TableRow::Group(g) => out.push(runs(g)),
                        }
                    }
                }
                Block::Columns(c) => {
                    for col in &c.columns {
                        out.extend(col.paragraphs.iter().map(|p| p.text()));
                    }
                }
                _ => {}
            }
        }
    }
    out.join("\n")
}

/// The Word file at `path` imported as the CLI does: the report added to the sample
/// project (the document's own header and signature words kept) and every note.
fn import(path: &Path) -> (Project, Report, Vec<Note>) {
    let project = baocao::storage::load(Path::new(crate::support::SAMPLE_PATH)).unwrap();
    let rec = docx::recognise_file(path).unwrap().rec;
    let period = rec
        .period
        .unwrap_or(Period::new(rec.year.unwrap_or(2026), PeriodKind::Year));
    let id = baocao::session::reports::new_report_id(&project, period);
    let (report, more) = text::into_report(&rec, id, period, &project);
    let notes = rec.notes.iter().cloned().chain(more).collect();
    (project, report, notes)
}

/// What the Word file at `docx` holds: the words of all paragraphs, those of the
/// tables' cells alone, the number of table rows.
fn docx_text(docx: &Path, dir: &Path) -> (Vec<String>, Vec<String>, usize) {
    let out = dir.join("text.txt");
    python(DOCX_TEXT, &[docx, &out]);
    let all = std::fs::read_to_string(&out).unwrap();
    let (rows, all) = all.split_once('\n').unwrap();
    let (body, tables) = all.split_once("\nTABLE").unwrap();
    (words(body), words(tables), rows.parse().unwrap())
}

/// What [`coverage`] finds.
struct Coverage {
    found: usize,
    total: usize,
    found_tables: usize,
    total_tables: usize,
    rows: usize,
    notes: Vec<Note>,
}

/// Of the words of the Word file at `file`: how many are in the imported report and
/// its notes in order, how many of its tables' words, and the totals.
fn coverage(file: &Path, dir: &Path) -> Coverage {
    let (all, tables, rows) = docx_text(file, dir);
    let (project, report, notes) = import(file);
    let doc = compose(&project, &report, ComposeOptions::default());
    let mut got = words(&printed(&doc));
    for n in &notes {
        got.extend(words(&n.message));
    }
    Coverage {
        found: in_order(&all, &got),
        total: all.len(),
        found_tables: in_order(&tables, &got),
        total_tables: tables.len(),
        rows,
        notes,
    }
}

fn seed_keeps_its_words(number: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("seed{number}.docx"));
    python(SEED_WITH_TABLES, &[&seed(number), &file]);
    let Coverage {
        found,
        total,
        found_tables,
        total_tables,
        rows,
        notes,
    } = coverage(&file, dir.path());
    eprintln!(
        "seed {number}: {found}/{total} words in order, tables {found_tables}/{total_tables}"
    );
    assert!(
        total_tables > 100 && rows > 5,
        "the seed's Phụ lục became Word tables"
    );
    assert!(
        found as f64 >= 0.99 * total as f64,
        "seed {number}: {found} of {total} words in order"
    );
    assert_eq!(
        found_tables, total_tables,
        "seed {number}: every word of the tables is in the report or a note"
    );
    let quoted = notes
        .iter()
        .filter(|n| n.message.starts_with("bảng phụ lục, hàng "))
        .count();
    assert_eq!(quoted, rows, "{notes:#?}");
    assert!(
        notes.iter().any(
            |n| n.message.contains("baocao import-plan") && n.message.contains("Nhập kế hoạch")
        ),
        "the task table points to the plan import"
    );
}

#[test]
fn seed_001_in_word_with_its_phu_luc_table_keeps_every_word_of_it() {
    seed_keeps_its_words("001");
}

#[test]
fn seed_002_in_word_with_its_phu_luc_table_keeps_every_word_of_it() {
    seed_keeps_its_words("002");
}

/// A Word report with one 4-column table; its first column is `first_mm` wide
/// (`sys.argv[2]`), the others 90, 40 and 35 mm; rows `1.` to `12.`, the last with
/// `≥36%`; `sys.argv[1]` is where it is saved.
const NARROW_FIRST: &str = r#"
import sys, docx
from docx.shared import Mm
d = docx.Document()
d.add_paragraph("BÁO CÁO")
d.add_paragraph("Kết quả thực hiện Nghị quyết 57-NQ/TW quý II năm 2026")
d.add_paragraph("I. KẾT QUẢ THỰC HIỆN")
d.add_paragraph("Các chỉ tiêu chính như sau:")
widths = [Mm(float(sys.argv[2])), Mm(90), Mm(40), Mm(35)]
t = d.add_table(rows=1, cols=4)
t.style = "Table Grid"
t.autofit = False
for j, h in enumerate(["TT", "Nội dung", "Kết quả", "Tỷ lệ"]):
    t.rows[0].cells[j].text = h
for i in range(1, 13):
    cells = t.add_row().cells
    for j, v in enumerate([f"{i}.", f"Chỉ tiêu số {i} của kế hoạch", "Đạt", "≥36%" if i == 12 else f"{50 + i}%"]):
        cells[j].text = v
grid = t._tbl.tblGrid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")
for g, w in zip(grid, widths):
    g.w = w
for row in t.rows:
    for c, w in zip(row.cells, widths):
        c.width = w
d.add_paragraph("II. NHIỆM VỤ QUÝ III")
d.add_paragraph("Tiếp tục triển khai các nhiệm vụ còn lại.")
d.save(sys.argv[1])
"#;

#[test]
fn a_word_table_with_a_6_mm_first_column_prints_10_and_tt_each_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hep.docx");
    python(NARROW_FIRST, &[&file, Path::new("6")]);
    let (project, report, _) = import(&file);
    let body: String = report
        .all_sections()
        .iter()
        .map(|s| s.body.clone())
        .collect();
    // Word's widths came with the table: the first column has the fewest dashes.
    let delimiter = body
        .lines()
        .find(|l| l.starts_with("|-"))
        .expect("a table in the report");
    let dashes: Vec<usize> = delimiter
        .split('|')
        .filter(|c| !c.is_empty())
        .map(str::len)
        .collect();
    assert_eq!(dashes.len(), 4, "{delimiter}");
    assert!(dashes[0] * 5 < dashes[1], "{delimiter}");
    let doc = compose(&project, &report, ComposeOptions::default());
    let fonts = baocao::layout::Fonts::bundled().unwrap();
    let pages = baocao::layout::layout(&doc, fonts);
    let items: Vec<&baocao::layout::TextItem> = pages
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            baocao::layout::Item::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    for whole in ["TT", "10.", "11.", "12.", "≥36%"] {
        assert!(
            items.iter().any(|t| t.text == whole),
            "“{whole}” is one item on one line"
        );
    }
    assert!(
        !items
            .iter()
            .any(|t| t.text == "T" || t.text == "0." || t.text == "1"),
        "no number or header broken"
    );
    // The PDF reads the same: `10.` and `TT` are whole words on their lines.
    let pdf = dir.path().join("hep.pdf");
    let project_file = dir.path().join("p.ron");
    let mut p = project.clone();
    p.reports.push(report);
    baocao::storage::save(&project_file, &p).unwrap();
    let id = p.reports.last().unwrap().id.to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args([
            "export",
            project_file.to_str().unwrap(),
            "--report",
            &id,
            "-o",
        ])
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = crate::support::cli::tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let tokens: Vec<&str> = text.split_whitespace().collect();
    assert!(tokens.contains(&"TT") && tokens.contains(&"10."), "{text}");
    assert!(tokens.contains(&"≥36%"), "{text}");
    // The Word export writes the widened widths: the first column holds `TT` in bold.
    let word = dir.path().join("hep-xuat.docx");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["export", project_file.to_str().unwrap(), "--report", &id])
        .args(["--format", "docx", "-o"])
        .arg(&word)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let grids = dir.path().join("grids.txt");
    python(GRIDS, &[&word, &grids]);
    let grids = std::fs::read_to_string(&grids).unwrap();
    let four: Vec<f32> = grids
        .lines()
        .map(|l| {
            l.split(' ')
                .map(|w| w.parse::<f32>().unwrap())
                .collect::<Vec<_>>()
        })
        .find(|g| g.len() == 4)
        .expect("the 4-column table in the Word export");
    let tt_pt = fonts.text_width_pt(
        baocao::layout::FontStyle::Bold,
        "TT",
        baocao::compose::TABLE_PT,
    );
    assert!(
        four[0] / 20.0 >= tt_pt + 2.0 * 4.25,
        "first column {} twips for “TT” ({tt_pt} pt) and padding",
        four[0]
    );
    assert!(four[0] / 20.0 > 6.0 * 72.0 / 25.4);
}

/// Prints the grid column widths (twips) of each table of a Word file, one line each.
const GRIDS: &str = r#"
import sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
lines = []
for tbl in d.element.body.iter(qn("w:tbl")):
    grid = tbl.find(qn("w:tblGrid"))
    lines.append(" ".join(g.get(qn("w:w")) for g in grid.findall(qn("w:gridCol"))))
open(sys.argv[2], "w").write("\n".join(lines))
"#;

#[test]
fn a_repeated_header_row_merged_cells_and_a_group_row_read_right() {
    const TABLE: &str = r#"
import sys, docx
d = docx.Document()
d.add_paragraph("BÁO CÁO")
d.add_paragraph("Kết quả thực hiện quý II năm 2026")
d.add_paragraph("I. KẾT QUẢ THỰC HIỆN")
t = d.add_table(rows=0, cols=4)
t.style = "Table Grid"
def row(*v):
    cells = t.add_row().cells
    for c, x in zip(cells, v):
        c.text = x
    return cells
row("TT", "Nội dung", "Chủ trì", "Kết quả")
cells = row("I. VỀ HẠ TẦNG SỐ", "", "", "")
cells[0].merge(cells[3]).text = "I. VỀ HẠ TẦNG SỐ"
row("1", "Lắp đặt wifi", "Văn phòng", "Xong")
row("TT", "Nội dung", "Chủ trì", "Kết quả")
a = row("2", "Số hóa hồ sơ", "Tư pháp", "80%")
b = row("", "Cập nhật dữ liệu", "", "90%")
a[2].merge(b[2])
row("II. VỀ DỮ LIỆU", "", "", "")
row("3", "Kết nối", "Công an", "Đạt")
d.save(sys.argv[1])
"#;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bang.docx");
    python(TABLE, &[&file]);
    let rec = docx::recognise_file(&file).unwrap().rec;
    let body: String = rec
        .sections
        .iter()
        .flat_map(|s| s.walk())
        .map(|s| s.body.clone())
        .collect();
    let rows: Vec<&str> = body.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(
        rows,
        vec![
            "| TT | Nội dung | Chủ trì | Kết quả |",
            "|---|---|---|---|",
            "| I. VỀ HẠ TẦNG SỐ |",
            "| 1 | Lắp đặt wifi | Văn phòng | Xong |",
            "| 2 | Số hóa hồ sơ | Tư pháp | 80% |",
            "|  | Cập nhật dữ liệu |  | 90% |",
            "| II. VỀ DỮ LIỆU |",
            "| 3 | Kết nối | Công an | Đạt |",
        ],
        "{body}"
    );
    let messages: Vec<&str> = rec.notes.iter().map(|n| n.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("lặp lại hàng tiêu đề 1 lần")),
        "{messages:?}"
    );
    assert!(messages.iter().any(|m| m.contains("ô gộp")), "{messages:?}");
    assert!(
        !messages.iter().any(|m| m.contains("import-plan")),
        "a results table is no plan: {messages:?}"
    );
}

#[test]
fn a_damaged_table_after_the_signature_is_still_quoted_and_an_empty_one_adds_nothing() {
    const TAIL: &str = r#"
import sys, docx
d = docx.Document()
d.add_paragraph("BÁO CÁO")
d.add_paragraph("Kết quả thực hiện quý II năm 2026")
d.add_paragraph("I. KẾT QUẢ THỰC HIỆN")
d.add_paragraph("Đã hoàn thành các nhiệm vụ.")
d.add_paragraph("Trên đây là báo cáo kết quả quý II năm 2026./.")
d.add_paragraph("Nơi nhận:")
d.add_paragraph("- UBND thành phố;")
d.add_paragraph("TM. ỦY BAN NHÂN DÂN")
d.add_paragraph("CHỦ TỊCH")
d.add_paragraph("Nguyễn Văn An")
d.add_paragraph("PHỤ LỤC")
t = d.add_table(rows=3, cols=3)
t.style = "Table Grid"
for i, r in enumerate([["TT", "Nội dung", "Ghi chú"], ["1", "Hàng có ít ô", ""], ["2", "Hàng thứ hai", "x"]]):
    for j, v in enumerate(r):
        t.cell(i, j).text = v
# A row with fewer cells than the grid (as some converters write).
tr = t.rows[1]._tr
tr.remove(tr.tc_lst[-1])
d.add_table(rows=2, cols=2)
d.save(sys.argv[1])
"#;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("duoi.docx");
    python(TAIL, &[&file]);
    let rec = docx::recognise_file(&file).unwrap().rec;
    let rows: Vec<&str> = rec
        .notes
        .iter()
        .map(|n| n.message.as_str())
        .filter(|m| m.starts_with("bảng phụ lục, hàng "))
        .collect();
    assert_eq!(
        rows,
        vec![
            "bảng phụ lục, hàng 1: | TT | Nội dung | Ghi chú |",
            "bảng phụ lục, hàng 2: | 1 | Hàng có ít ô |  |",
            "bảng phụ lục, hàng 3: | 2 | Hàng thứ hai | x |",
        ],
        "{:#?}",
        rec.notes
    );
    assert_eq!(
        rec.signer_lines.last().map(String::as_str),
        Some("Nguyễn Văn An")
    );
    assert!(
        !rec.notes.iter().any(|n| n.message.contains("import-plan")),
        "{:#?}",
        rec.notes
    );
}
