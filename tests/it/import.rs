//! Importing indicator and task tables: the CSV and XLSX fixtures against the bundled
//! sample project, delimiter and encoding variants, files that are not tables, and
//! `baocao import` end to end.

use std::path::{Path, PathBuf};

use baocao::import::{self, Field, ImportError, ImportKind, ImportProblem};
use baocao::model::{Comparison, Deadline, Project, Target};
use baocao::storage;
use chrono::NaiveDate;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample_path() -> PathBuf {
    root().join("assets/mau-binh-minh-hai.ron")
}

fn sample() -> Project {
    storage::load(&sample_path()).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/import").join(name)
}

fn num(cmp: Comparison, value: f64) -> Target {
    Target::Number { cmp, value }
}

fn write_temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

#[test]
fn the_csv_fixture_gives_indicators_with_targets_offices_and_groups() {
    let project = sample();
    let p = import::preview(&fixture("chi-tieu.csv"), &project, None).unwrap();
    assert_eq!(p.kind, ImportKind::Indicators);
    let fields: Vec<Field> = p.mapping.iter().map(|m| m.field).collect();
    assert_eq!(
        fields,
        [
            Field::Number,
            Field::IndicatorName,
            Field::Target,
            Field::Unit,
            Field::Lead,
            Field::Note
        ]
    );
    assert_eq!(p.mapping[2].title, "Chỉ tiêu năm 2026");

    let ids: Vec<&str> = p.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["CT16", "CT17", "CT18", "CT19", "CT20", "CT21", "CT22"]
    );
    assert_eq!(p.item_rows, [6, 7, 8, 9, 13, 15, 17]);
    assert!(p.tasks.is_empty());

    let i = &p.indicators;
    assert_eq!(
        i[0].name,
        "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình"
    );
    assert_eq!(i[0].target, num(Comparison::AtLeast, 90.0));
    assert_eq!(i[0].unit, "%");
    assert_eq!(i[0].lead, ["TTPV"]);
    assert_eq!(i[0].group, "CDS", "the sample's group of the same title");
    assert_eq!(i[1].target, num(Comparison::AtLeast, 10.0));
    assert_eq!(i[1].unit, "sáng kiến");
    assert_eq!(i[1].lead, ["VHXH"]);
    assert_eq!(
        i[2].target,
        Target::Text {
            expected: "Hoàn thành".into()
        }
    );
    assert_eq!(i[2].lead, ["KT"]);
    assert_eq!(i[3].name, "Tỷ lệ cán bộ, công chức sử dụng chữ ký số");
    assert_eq!(i[3].lead, ["VP"]);
    assert_eq!(i[4].group, "NCT1");
    assert_eq!(i[4].unit, "hộ");
    assert_eq!(i[4].lead, ["DV01"]);
    assert_eq!(i[4].note, "Phối hợp Bưu điện xã");
    assert_eq!(
        i[5].name, "Tỷ lệ người dân trưởng thành có danh tính điện tử mức độ 2 (VNeID)",
        "the wrapped line joins the name"
    );
    assert_eq!(i[5].target, num(Comparison::MoreThan, 95.0));
    assert_eq!(i[5].lead, ["CA", "VHXH"]);
    assert_eq!(i[6].target, num(Comparison::AtLeast, 12.0));
    assert_eq!(i[6].unit, "buổi", "the unit column fills in the unit");
    assert_eq!(i[6].lead, ["DV01"], "a new office is created once");

    assert_eq!(p.groups.len(), 1);
    assert_eq!(p.groups[0].title, "Về phát triển kinh tế số");
    assert_eq!(p.new_offices.len(), 1);
    assert_eq!(p.new_offices[0].id, "DV01");
    assert_eq!(p.new_offices[0].name, "Hội Nông dân xã");

    let rows: Vec<usize> = p.problems.iter().map(|pr| pr.row).collect();
    assert_eq!(rows, [12, 14], "{:?}", p.problems);
    assert!(p.problems[0].reason.contains("abc%"), "{}", p.problems[0]);
    assert!(
        p.problems[1].reason.contains("thiếu tên"),
        "{}",
        p.problems[1]
    );
}

#[test]
fn the_xlsx_fixture_gives_tasks_with_merged_header_and_deadlines() {
    let project = sample();
    let p = import::preview(&fixture("nhiem-vu.xlsx"), &project, None).unwrap();
    assert_eq!(p.kind, ImportKind::Tasks);
    let fields: Vec<Field> = p.mapping.iter().map(|m| m.field).collect();
    assert_eq!(
        fields,
        [
            Field::Number,
            Field::TaskName,
            Field::Lead,
            Field::Coordinating,
            Field::Output,
            Field::Deadline
        ]
    );
    let ids: Vec<&str> = p.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["NV19", "NV20", "NV21", "NV22", "NV23"]);
    assert_eq!(p.item_rows, [5, 6, 10, 11, 13]);
    let t = &p.tasks;
    assert_eq!(t[0].name, "Xây dựng Kế hoạch chuyển đổi số xã năm 2026");
    assert_eq!(t[0].group, "TT");
    assert_eq!(t[0].lead, ["VHXH"]);
    assert_eq!(t[0].coordinating, ["CPDV"]);
    assert_eq!(t[0].output, "Kế hoạch");
    assert_eq!(
        t[0].deadline,
        Deadline::Month {
            year: 2026,
            month: 3
        }
    );
    assert_eq!(t[1].lead, ["VHXH"]);
    assert_eq!(t[1].coordinating, ["CA", "TTPV"]);
    assert_eq!(
        t[1].deadline,
        Deadline::Quarter {
            year: 2026,
            quarter: 2
        }
    );
    assert_eq!(t[2].group, "TX");
    assert_eq!(t[2].coordinating, ["DV01"]);
    assert_eq!(t[2].output, "Tin, bài");
    assert_eq!(t[2].deadline, Deadline::Ongoing);
    assert_eq!(
        t[3].deadline,
        Deadline::Date(NaiveDate::from_ymd_opt(2026, 9, 30).unwrap())
    );
    assert_eq!(t[4].group, "NNV1");
    assert_eq!(t[4].lead, ["VP"]);
    assert_eq!(t[4].coordinating, ["DV01"]);
    assert_eq!(
        t[4].deadline,
        Deadline::Month {
            year: 2026,
            month: 12
        }
    );
    assert_eq!(p.groups.len(), 1);
    assert_eq!(p.groups[0].title, "Nhiệm vụ phát sinh");
    assert_eq!(p.new_offices.len(), 1);
    assert_eq!(p.new_offices[0].name, "Đài truyền thanh xã");
    assert_eq!(
        p.problems,
        [ImportProblem {
            row: 8,
            reason: "thiếu tên nhiệm vụ".into()
        }]
    );
}

#[test]
fn apply_adds_everything_and_only_then() {
    let mut project = sample();
    let before = project.clone();
    let p = import::preview(&fixture("nhiem-vu.xlsx"), &project, None).unwrap();
    assert_eq!(project, before, "a preview changes nothing");
    import::apply(&p, &mut project);
    assert_eq!(project.plan.tasks.len(), before.plan.tasks.len() + 5);
    assert_eq!(
        project.plan.task_groups.len(),
        before.plan.task_groups.len() + 1
    );
    assert!(project.organisation.office("DV01").is_some());
    assert_eq!(
        project.plan.task("NV23").map(|t| t.name.as_str()),
        Some("Thí điểm trợ lý ảo trả lời thủ tục hành chính")
    );
}

const TASKS: &str =
    "STT;Nhiệm vụ;Đơn vị chủ trì;Thời hạn\n1;Việc một, hai;Phòng VH-XH;Tháng 6/2026\n";

#[test]
fn semicolon_and_tab_files_are_read() {
    let project = sample();
    for (name, text) in [
        ("a.csv", TASKS.to_owned()),
        ("b.csv", TASKS.replace(';', "\t")),
        ("c.tsv", TASKS.replace(';', "\t")),
    ] {
        let (_d, path) = write_temp(name, text.as_bytes());
        let p = import::preview(&path, &project, None).unwrap();
        assert_eq!(p.tasks.len(), 1, "{name}");
        assert_eq!(p.tasks[0].name, "Việc một, hai", "{name}");
        assert_eq!(p.tasks[0].lead, ["VHXH"], "{name}");
    }
}

#[test]
fn a_bom_and_decomposed_letters_are_handled() {
    let project = sample();
    let decomposed = format!("\u{feff}{TASKS}").replace("Việc", "Vie\u{302}\u{323}c");
    let (_d, path) = write_temp("bom.csv", decomposed.as_bytes());
    let p = import::preview(&path, &project, None).unwrap();
    assert_eq!(
        p.mapping[0].title, "STT",
        "the BOM is not part of the first title"
    );
    assert_eq!(p.tasks[0].name, "Việc một, hai");
}

#[test]
fn the_kind_can_be_forced() {
    let project = sample();
    let text = "TT,Nội dung,Chủ trì\n1,Tổ chức hội nghị,Phòng VH-XH\n";
    let (_d, path) = write_temp("k.csv", text.as_bytes());
    let p = import::preview(&path, &project, None).unwrap();
    assert_eq!(p.kind, ImportKind::Indicators);
    let p = import::preview(&path, &project, Some(ImportKind::Tasks)).unwrap();
    assert_eq!(p.kind, ImportKind::Tasks);
    assert_eq!(p.tasks[0].name, "Tổ chức hội nghị");
}

#[test]
fn cells_beyond_the_table_make_a_bad_row() {
    let project = sample();
    let text = "STT,Nhiệm vụ,Đơn vị chủ trì\n1,Việc một,Phòng VH-XH\n2,Việc hai, có dấu phẩy,Phòng VH-XH\n";
    let (_d, path) = write_temp("x.csv", text.as_bytes());
    let p = import::preview(&path, &project, None).unwrap();
    assert_eq!(p.tasks.len(), 1);
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].row, 3);
    assert!(p.problems[0].reason.contains("ngoài bảng"));
}

#[test]
fn files_that_are_not_tables_are_refused_with_their_name() {
    let project = sample();
    let (_d, pdf) = write_temp("bang.pdf", b"%PDF-1.7\n\x00\x01\x02binary");
    let e = import::preview(&pdf, &project, None).unwrap_err();
    assert!(matches!(e, ImportError::NotATable { .. }), "{e}");
    assert!(e.to_string().contains("bang.pdf"), "{e}");

    let (_d, fake) = write_temp("bang.xlsx", b"STT,Nhiem vu\n");
    let e = import::preview(&fake, &project, None).unwrap_err();
    assert!(matches!(e, ImportError::NotATable { .. }), "{e}");

    // Not UTF-8: read as code page 1258, what Excel on a Vietnamese Windows writes.
    let (_d, latin) = write_temp("latin.csv", b"STT,Nhi\xeam v\xf9\n");
    let t = import::read_table(&latin, None).unwrap();
    assert_eq!(t.rows[0], ["STT", "Nhiêm vù"]);
    assert_eq!(
        t.source.map(|s| s.encoding),
        Some(import::Encoding::Windows1258)
    );
    let (_d, binary) = write_temp("nul.csv", b"STT,\x00\x01\n");
    let e = import::preview(&binary, &project, None).unwrap_err();
    assert!(matches!(e, ImportError::NotATable { .. }), "{e}");

    let (_d, prose) = write_temp("thu.csv", "Kính gửi,anh chị\nxin cảm ơn\n".as_bytes());
    let e = import::preview(&prose, &project, None).unwrap_err();
    assert!(matches!(e, ImportError::NoHeader { .. }), "{e}");
    assert!(e.to_string().contains("thu.csv"));

    let (_d, empty) = write_temp("rong.csv", b",,\n\n");
    let e = import::preview(&empty, &project, None).unwrap_err();
    assert!(matches!(e, ImportError::Empty { .. }), "{e}");

    let e = import::preview(Path::new("/khong/co/tep.csv"), &project, None).unwrap_err();
    assert!(matches!(e, ImportError::Unreadable { .. }), "{e}");
}

fn copy_of_sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("du-an.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    (dir, path)
}

fn run_import(args: &[&Path], extra: &[&str], stdin: &str) -> std::process::Output {
    crate::support::cli::import(args, extra, stdin)
}

#[test]
fn cli_import_with_yes_saves_a_project_that_round_trips() {
    let (_dir, path) = copy_of_sample();
    let original = std::fs::read(&path).unwrap();
    let out = run_import(&[&path, &fixture("chi-tieu.csv")], &["--yes"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("“Chỉ tiêu năm 2026” → chỉ tiêu năm"),
        "{stdout}"
    );
    assert!(stdout.contains("dòng 6: CT16"), "{stdout}");
    assert!(stdout.contains("Dòng 12:"), "{stdout}");
    assert!(stdout.contains("Dòng 14:"), "{stdout}");
    assert!(
        stdout.contains("Đã nhập 7 chỉ tiêu, 0 nhiệm vụ"),
        "{stdout}"
    );

    let saved = storage::load(&path).unwrap();
    let ids: Vec<&str> = saved
        .plan
        .indicators
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(ids.len(), 22);
    assert_eq!(
        ids[14..],
        [
            "CT15", "CT16", "CT17", "CT18", "CT19", "CT20", "CT21", "CT22"
        ]
    );
    assert!(saved.organisation.office("DV01").is_some());
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        storage::to_string(&saved).unwrap(),
        text,
        "the saved file round-trips"
    );
    assert_eq!(
        std::fs::read(storage::backup_path(&path)).unwrap(),
        original
    );

    let out = run_import(&[&path, &fixture("nhiem-vu.xlsx")], &["--yes"], "");
    assert!(out.status.success());
    let saved = storage::load(&path).unwrap();
    assert_eq!(saved.plan.tasks.len(), 23);
    assert_eq!(saved.plan.tasks[18].id, "NV19");
    assert!(
        saved.organisation.office("DV02").is_some(),
        "the second import's new office takes the next id"
    );
}

#[test]
fn cli_import_answered_no_leaves_the_file_untouched() {
    let (_dir, path) = copy_of_sample();
    let original = std::fs::read(&path).unwrap();
    let out = run_import(&[&path, &fixture("nhiem-vu.xlsx")], &[], "k\n");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("Nhập 0 chỉ tiêu, 5 nhiệm vụ? (c/k)"),
        "{stdout}"
    );
    assert!(stdout.contains("Đã hủy"), "{stdout}");
    assert_eq!(std::fs::read(&path).unwrap(), original);
    assert!(!storage::backup_path(&path).exists());
}

#[test]
fn cli_import_answered_yes_imports() {
    let (_dir, path) = copy_of_sample();
    let out = run_import(
        &[&path, &fixture("nhiem-vu.xlsx")],
        &["--kind", "nhiem-vu"],
        "c\n",
    );
    assert!(out.status.success());
    assert_eq!(storage::load(&path).unwrap().plan.tasks.len(), 23);
}

#[test]
fn cli_import_errors_and_usage_have_their_exit_codes() {
    let (_dir, path) = copy_of_sample();
    let (_d, pdf) = write_temp("bang.pdf", b"%PDF\x00");
    let out = run_import(&[&path, &pdf], &["--yes"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bang.pdf"));
    let out = run_import(&[&path], &[], "");
    assert_eq!(out.status.code(), Some(2));
    let out = run_import(&[&path, &pdf], &["--kind", "bang"], "");
    assert_eq!(out.status.code(), Some(2));
}

/// The rows of an indicator table as a plan's appendix may hold them: a rate over
/// 100 %, a time where the target goes, the header repeated where the Word table broke
/// across pages, several offices in one cell, targets worded by the plan.
const AWKWARD_INDICATORS: &str = "\
STT;Tên chỉ tiêu;Chỉ tiêu năm 2026;Đơn vị chủ trì
I;NHÓM CHỈ TIÊU THỬ;;
1;Tỷ lệ hồ sơ quá mục tiêu;101%;UBND
2;Tỷ lệ ghi nhầm thời hạn;Quý V/2026;UBND
TT;Tên chỉ tiêu;Chỉ tiêu năm 2026;Đơn vị chủ trì
3;Tỷ lệ dân số có danh tính điện tử;Đạt 85% dân số;Đảng ủy, HĐND, UBND, MTTQ Việt Nam
4;Tỷ lệ thủ tục trực tuyến toàn trình;100%;Phòng Văn hóa-Xã hội, Phòng Kinh tế
5;Tỷ lệ di tích được số hóa;Trên 95%;Phòng Văn hóa, Thể thao và Du lịch
";

#[test]
fn rows_the_file_would_reject_are_bad_rows_and_what_is_imported_passes_check() {
    let (_d, path) = write_temp("kho.csv", AWKWARD_INDICATORS.as_bytes());
    let mut project = sample();
    let p = import::preview(&path, &project, None).unwrap();
    let rows: Vec<usize> = p.problems.iter().map(|q| q.row).collect();
    assert_eq!(rows, vec![3, 4], "{:?}", p.problems);
    assert!(
        p.problems[0].reason.contains("0–100"),
        "{}",
        p.problems[0].reason
    );
    assert!(
        p.problems[1].reason.contains("thời hạn"),
        "{}",
        p.problems[1].reason
    );
    let names: Vec<&str> = p.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Tỷ lệ dân số có danh tính điện tử",
            "Tỷ lệ thủ tục trực tuyến toàn trình",
            "Tỷ lệ di tích được số hóa"
        ],
        "the repeated header is not an indicator"
    );
    // Targets print as the plan wrote them and compute from their number.
    let first = &p.indicators[0];
    assert_eq!(baocao::model::target_label(first), "Đạt 85% dân số");
    assert_eq!(first.unit, "%");
    assert_eq!(first.target, num(Comparison::AtLeast, 85.0));
    assert_eq!(baocao::model::target_label(&p.indicators[1]), "100%");
    // Several offices in one cell are split; a comma inside a name is kept.
    let office_names =
        |ids: &[String], project: &Project, p: &import::ImportPreview| -> Vec<String> {
            ids.iter()
                .map(|id| {
                    project
                        .organisation
                        .offices
                        .iter()
                        .chain(&p.new_offices)
                        .find(|o| &o.id == id)
                        .map(|o| o.name.clone())
                        .unwrap()
                })
                .collect()
        };
    assert_eq!(
        p.indicators[0].lead.len(),
        4,
        "{:?}",
        office_names(&p.indicators[0].lead, &project, &p)
    );
    assert_eq!(p.indicators[1].lead.len(), 2);
    assert_eq!(
        office_names(&p.indicators[2].lead, &project, &p),
        ["Phòng Văn hóa, Thể thao và Du lịch"]
    );
    import::apply(&p, &mut project);
    let errors: Vec<String> = baocao::check::check(&project)
        .iter()
        .filter(|q| q.severity == baocao::check::Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn deadlines_that_do_not_exist_are_bad_rows() {
    let table = "\
STT;Nhiệm vụ;Đơn vị chủ trì;Thời hạn
1;Nhiệm vụ ngày sai;UBND;31/02/2026
2;Nhiệm vụ tháng sai;UBND;Tháng 13/2026
3;Nhiệm vụ ngày không;UBND;00/00/0000
4;Nhiệm vụ đúng hạn;UBND;30/06/2026
5;Nhiệm vụ thường xuyên;UBND;Thường xuyên
";
    let (_d, path) = write_temp("nv.csv", table.as_bytes());
    let p = import::preview(&path, &sample(), Some(ImportKind::Tasks)).unwrap();
    let rows: Vec<usize> = p.problems.iter().map(|q| q.row).collect();
    assert_eq!(rows, vec![2, 3, 4], "{:?}", p.problems);
    assert!(
        p.problems
            .iter()
            .all(|q| q.reason.contains("không có thật"))
    );
    assert_eq!(p.tasks.len(), 2);
    assert_eq!(
        p.tasks[0].deadline,
        Deadline::Date(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap())
    );
}

#[test]
fn table_errors_are_vietnamese_sentences_without_the_libraries_words() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    // A folder, and a damaged workbook.
    let folder = import::preview(dir.path(), &project, None)
        .unwrap_err()
        .to_string();
    assert!(folder.contains("thư mục"), "{folder}");
    let (_d, zip) = write_temp("hong.xlsx", b"PK\x03\x04 not really a zip");
    let damaged = import::preview(&zip, &project, None)
        .unwrap_err()
        .to_string();
    assert!(
        damaged.contains("bị hỏng") || damaged.contains("không đúng định dạng"),
        "{damaged}"
    );
    for m in [&folder, &damaged] {
        for english in ["os error", "Zip", "Xlsx", "error", "Invalid"] {
            assert!(!m.contains(english), "“{english}” in: {m}");
        }
    }
}

/// Workbooks found by fuzzing `table_import` (see `fuzz/README.md`): cell references
/// far beyond any real sheet (`A4000000000`, `ZZZZZZ1`, a declared `A1:XFD1048576`)
/// made the reader allocate gigabytes or abort, and references that overflow
/// (`AAAAAAAA1`) panicked inside calamine. Each is now refused at once with a
/// Vietnamese reason, using little memory.
#[test]
fn damaged_workbooks_found_by_fuzzing_are_refused_quickly_with_a_reason() {
    let project = sample();
    for name in [
        "col-overflow-AAAAAAAA1.xlsx",
        "far-col-ZZZZZZ1.xlsx",
        "far-row-A4000000000.xlsx",
        "row-overflow-A9999999999.xlsx",
        "wide-A1-XFD1048576.xlsx",
        "fuzz-8b13dc5d.xlsx",
    ] {
        let path = fixture(&format!("hong/{name}"));
        let started = std::time::Instant::now();
        let err = import::preview(&path, &project, None)
            .err()
            .unwrap_or_else(|| panic!("{name} is refused"));
        let message = err.to_string();
        assert!(message.contains("bảng tính"), "{name}: {message}");
        // Generous: the point is "not minutes", not a benchmark.
        assert!(
            started.elapsed().as_secs() < 20,
            "{name} took {:?}",
            started.elapsed()
        );
    }
}
