//! `baocao import-plan FILE.ron KE-HOACH.txt|.docx`: the seed plans (001, 002, 004)
//! read into an empty project from their text and from Word files with real tables;
//! counts are taken from the seed text, not written here. Plans without a table, plans
//! that are not Resolution-57 plans, bad files, and a plan given to `baocao import`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use baocao::model::{Deadline, Project};

use crate::import_docx::python;

/// The seeds folder: beside the repository (`../shared/seeds`) or one level up when
/// the repository is a worktree.
fn seeds() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        root.join("../shared/seeds"),
        root.join("../../shared/seeds"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
    .expect("the seeds folder ../shared/seeds")
}

fn seed(prefix: &str) -> PathBuf {
    std::fs::read_dir(seeds())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("seed {prefix}"))
}

fn import_plan(project: &Path, plan: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("import-plan")
        .arg(project)
        .arg(plan)
        .args(extra)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The lines of the seed's task table: from the line with the `STT` and `Nhiệm vụ`
/// titles to the end; the rows of tasks are those whose first cell is a number.
fn table_lines(seed_text: &str) -> Vec<String> {
    let lines: Vec<&str> = seed_text.lines().collect();
    let Some(start) = lines
        .iter()
        .position(|l| l.starts_with("STT\t") && l.contains("Nhiệm vụ"))
    else {
        return Vec::new();
    };
    lines[start + 1..]
        .iter()
        .filter(|l| l.contains('\t'))
        .map(|l| (*l).to_owned())
        .collect()
}

fn task_rows(seed_text: &str) -> usize {
    table_lines(seed_text)
        .iter()
        .filter(|l| {
            let first = l.split('\t').next().unwrap_or("").trim();
            !first.is_empty() && first.chars().all(|c| c.is_ascii_digit())
        })
        .count()
}

/// `97/KH-UBND` from the seed's `Số:` line.
fn number_of(seed_text: &str) -> String {
    seed_text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Số:"))
        .unwrap()
        .trim()
        .to_owned()
}

/// Every word of a table row is somewhere in the project's plan or in the printed
/// notes (words are compared without surrounding punctuation).
fn words_kept(seed_text: &str, project: &Project, printed: &str) {
    let o = &project.organisation;
    let mut hay = String::from(printed);
    for t in &project.plan.tasks {
        hay.push_str(&format!(
            "\n{} {} {} {} {}",
            t.name, t.directing, t.output, t.deadline_as_written, t.note
        ));
        for id in t.lead.iter().chain(&t.coordinating) {
            hay.push_str(&format!(" {}", o.office(id).unwrap().name));
        }
    }
    for g in &project.plan.task_groups {
        hay.push_str(&format!("\n{}", g.title));
    }
    let hay = hay.to_lowercase();
    for line in table_lines(seed_text) {
        for word in line.split_whitespace() {
            let w = word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            // Row numbers and group numerals are the order, printed again from it.
            let numeral = word.ends_with('.')
                && word
                    .trim_end_matches('.')
                    .chars()
                    .all(|c| matches!(c, 'I' | 'V' | 'X'));
            if w.is_empty() || w.chars().all(|c| c.is_ascii_digit()) || numeral {
                continue;
            }
            assert!(hay.contains(&w), "“{w}” of “{line}” was lost");
        }
    }
}

fn check_seed(prefix: &str, from_word: bool) -> (Project, String) {
    let dir = tempfile::tempdir().unwrap();
    let seed_path = seed(prefix);
    let seed_text = std::fs::read_to_string(&seed_path).unwrap();
    let plan = if from_word {
        let file = dir.path().join("ke-hoach.docx");
        python(SEED_TO_WORD, &[&seed_path, &file]);
        file
    } else {
        seed_path.clone()
    };
    let project_file = dir.path().join("du-an.ron");
    let out = import_plan(&project_file, &plan, &["--yes"]);
    let printed = text(&out);
    assert!(out.status.success(), "{printed}");
    let project = baocao::storage::load(&project_file).unwrap();
    let rows = task_rows(&seed_text);
    assert_eq!(project.plan.tasks.len(), rows, "{printed}");
    for t in &project.plan.tasks {
        assert!(!t.lead.is_empty(), "{t:?} has no lead office");
        assert!(!t.deadline_as_written.is_empty(), "{t:?} has no deadline");
        assert!(!t.name.trim().is_empty());
    }
    let number = number_of(&seed_text);
    assert!(
        project
            .plan
            .reference
            .contains(number.trim_start_matches(|c: char| c.is_ascii_digit()))
            && project.plan.reference.starts_with("Kế hoạch số "),
        "{} / {number}",
        project.plan.reference
    );
    let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        assert!(
            project.plan.reference.contains(&number),
            "{}",
            project.plan.reference
        );
    }
    words_kept(&seed_text, &project, &printed);
    // The organisation and signer come from the plan's header and signature.
    assert!(!project.organisation.full_name.is_empty(), "{printed}");
    assert_eq!(project.organisation.signers.len(), 1, "{printed}");
    let last_line = seed_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains('\t'))
        .rev()
        .find(|l| *l == project.organisation.signers[0].full_name);
    assert!(last_line.is_some(), "{:?}", project.organisation.signers);
    (project, printed)
}

/// Writes a seed's text as a Word document: lines without tabs as paragraphs, the
/// task table as real Word tables — split in two at the first blank line inside it
/// (as across a page), the second part starting with the header row repeated; a row
/// with only its first cell filled (a group) merged across the table.
const SEED_TO_WORD: &str = r#"
import sys, docx
d = docx.Document()
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
rows, header, split_done = [], None, False
def flush():
    global rows
    if not rows:
        return
    width = max(len(r) for r in rows)
    t = d.add_table(rows=0, cols=width)
    t.style = "Table Grid"
    for r in rows:
        cells = t.add_row().cells
        filled = [c for c in r if c.strip()]
        if len(filled) == 1 and r[0].strip() and not r[0].strip().isdigit():
            merged = cells[0].merge(cells[width - 1])
            merged.text = r[0].strip()
            continue
        for i, c in enumerate(r):
            cells[i].text = c.strip()
    rows = []
for line in lines:
    if "\t" in line:
        cells = line.split("\t")
        if header is None and line.startswith("STT\t"):
            header = cells
        if set("".join(cells).strip()) <= set("-: "):
            continue
        rows.append(cells)
    elif not line.strip() and rows:
        if header is not None and not split_done:
            flush()
            rows.append(header)
            split_done = True
    else:
        flush()
        d.add_paragraph(line)
flush()
d.save(sys.argv[2])
"#;

#[test]
fn seed_001_from_text_becomes_every_task_of_its_appendix_with_offices_and_deadline() {
    let (project, printed) = check_seed("001", false);
    // Two groups: I. NHIỆM VỤ TRỌNG TÂM and II. NHIỆM VỤ THƯỜNG XUYÊN.
    assert_eq!(project.plan.task_groups.len(), 2, "{printed}");
    // “Các phòng, đơn vị thuộc phường” is one office.
    let all = project
        .organisation
        .offices
        .iter()
        .find(|o| o.name == "Các phòng, đơn vị thuộc phường")
        .unwrap();
    assert!(
        project
            .plan
            .tasks
            .iter()
            .any(|t| t.coordinating == [all.id.clone()])
    );
    // The row continued on the next line is joined to its task.
    assert!(
        project
            .plan
            .tasks
            .iter()
            .any(|t| t.name.contains("đa dạng, phong phú (hội nghị, hội thảo")),
        "{printed}"
    );
    assert!(
        project
            .plan
            .tasks
            .iter()
            .any(|t| t.deadline == Deadline::Ongoing)
    );
    assert!(!project.plan.indicators.is_empty(), "{printed}");
    assert!(
        project
            .plan
            .indicators
            .iter()
            .any(|i| i.target_as_written.contains("95%")),
        "{printed}"
    );
}

#[test]
fn seed_001_from_word_tables_reads_the_same_tasks_as_from_its_text() {
    let (from_text, _) = check_seed("001", false);
    let (from_word, printed) = check_seed("001", true);
    let shape = |p: &Project| -> Vec<(String, String, usize, usize, Deadline)> {
        p.plan
            .tasks
            .iter()
            .map(|t| {
                (
                    t.name.clone(),
                    p.plan
                        .task_groups
                        .iter()
                        .find(|g| g.id == t.group)
                        .map(|g| g.title.clone())
                        .unwrap_or_default(),
                    t.lead.len(),
                    t.coordinating.len(),
                    t.deadline.clone(),
                )
            })
            .collect()
    };
    assert_eq!(shape(&from_word), shape(&from_text), "{printed}");
    assert_eq!(from_word.plan.reference, from_text.plan.reference);
}

#[test]
fn seed_002_gets_its_reference_conditional_deadlines_and_offices_from_text_and_word() {
    for from_word in [false, true] {
        let (project, printed) = check_seed("002", from_word);
        assert_eq!(
            project.plan.reference, "Kế hoạch số 97/KH-UBND ngày 28/02/2026",
            "{printed}"
        );
        assert_eq!(project.plan.year, 2026);
        let first = &project.plan.tasks[0];
        assert_eq!(
            first.deadline,
            Deadline::Other("Sau khi Thành phố ban hành Kế hoạch".into())
        );
        assert_eq!(first.deadline.due_date(), None, "never overdue");
        assert!(printed.contains("theo điều kiện"), "{printed}");
        let whole_year = project
            .plan
            .tasks
            .iter()
            .find(|t| t.deadline_as_written == "Cả năm")
            .unwrap();
        assert_eq!(
            whole_year.deadline,
            Deadline::Month {
                year: 2026,
                month: 12
            }
        );
        // “Phòng Văn hóa - Xã hội, Trung tâm DVSNC”: two lead offices; “Các phòng, cơ
        // quan, đơn vị”: one office.
        assert!(
            project.plan.tasks.iter().any(|t| t.lead.len() == 2),
            "{printed}"
        );
        assert!(
            project
                .organisation
                .offices
                .iter()
                .any(|o| o.name == "Các phòng, cơ quan, đơn vị"),
            "{:?}",
            project.organisation.offices
        );
        // Not a Resolution-57 plan: imported, and said so.
        assert!(
            printed.contains("không nhắc đến Nghị quyết số 57-NQ/TW"),
            "{printed}"
        );
        assert!(
            project
                .plan
                .indicators
                .iter()
                .any(|i| i.unit == "sáng kiến" && i.target_as_written.contains("10")),
            "{printed}"
        );
    }
}

#[test]
fn seed_004_without_its_appendix_imports_its_targets_and_says_the_table_is_missing() {
    for from_word in [false, true] {
        let (project, printed) = check_seed("004", from_word);
        assert!(project.plan.tasks.is_empty());
        assert!(printed.contains("không có bảng nhiệm vụ"), "{printed}");
        assert!(printed.contains("chưa có số"), "{printed}");
        assert!(!project.plan.indicators.is_empty(), "{printed}");
        assert_eq!(project.plan.year, 2026);
    }
}

#[test]
fn a_plan_with_a_table_but_no_resolution_57_is_imported_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("kh.txt");
    std::fs::write(
        &plan,
        "Số: 12/KH-UBND\n\nAn Lão, ngày 05 tháng 3 năm 2026\n\nKẾ HOẠCH\n\nPhòng chống thiên tai năm 2026\n\n\
         I. MỤC TIÊU\n\n- Tỷ lệ hộ dân được tuyên truyền đạt 90%.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Văn A\n\n\
         PHỤ LỤC\nTT\tNhiệm vụ\tCơ quan chủ trì\tThời hạn\tGhi chú riêng\n\
         1\tDiễn tập phòng chống lụt bão\tBan Chỉ huy quân sự xã; Công an xã\tQuý II/2026\tkinh phí xã\n\
         2\tKiểm tra đê điều\tPhòng Kinh tế\ttrước 30/6/2026\t\n",
    )
    .unwrap();
    let project_file = dir.path().join("p.ron");
    let out = import_plan(&project_file, &plan, &["--yes"]);
    let printed = text(&out);
    assert!(out.status.success(), "{printed}");
    let project = baocao::storage::load(&project_file).unwrap();
    assert_eq!(project.plan.tasks.len(), 2);
    assert_eq!(project.plan.tasks[0].lead.len(), 2);
    assert_eq!(
        project.plan.tasks[0].deadline,
        Deadline::Quarter {
            year: 2026,
            quarter: 2
        }
    );
    assert_eq!(
        project.plan.tasks[1].deadline.due_date(),
        chrono::NaiveDate::from_ymd_opt(2026, 6, 30)
    );
    assert_eq!(
        project.plan.reference,
        "Kế hoạch số 12/KH-UBND ngày 05/03/2026"
    );
    assert!(
        printed.contains("không nhắc đến Nghị quyết số 57-NQ/TW"),
        "{printed}"
    );
    // A column the plan has no field for is quoted, not dropped.
    assert!(printed.contains("kinh phí xã"), "{printed}");
    assert_eq!(project.plan.indicators.len(), 1, "{printed}");
    assert_eq!(project.organisation.signers[0].full_name, "Lê Văn A");
}

#[test]
fn importing_the_same_plan_again_matches_every_row_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project_file = dir.path().join("p.ron");
    let plan = seed("002");
    assert!(
        import_plan(&project_file, &plan, &["--yes"])
            .status
            .success()
    );
    let before = std::fs::read(&project_file).unwrap();
    let out = import_plan(&project_file, &plan, &["--yes"]);
    let printed = text(&out);
    assert!(out.status.success(), "{printed}");
    assert!(printed.contains("không có gì mới"), "{printed}");
    assert!(printed.contains("Đã có trong dự án"), "{printed}");
    assert_eq!(std::fs::read(&project_file).unwrap(), before);
}

#[test]
fn a_plan_imported_into_the_sample_project_adds_its_tasks_and_keeps_the_plan_reference() {
    let dir = tempfile::tempdir().unwrap();
    let project_file = dir.path().join("p.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &project_file).unwrap();
    let sample = baocao::storage::load(&project_file).unwrap();
    let seed_text = std::fs::read_to_string(seed("002")).unwrap();
    let out = import_plan(&project_file, &seed("002"), &["--yes"]);
    let printed = text(&out);
    assert!(out.status.success(), "{printed}");
    let project = baocao::storage::load(&project_file).unwrap();
    assert_eq!(project.plan.reference, sample.plan.reference);
    assert_eq!(
        project.organisation.full_name,
        sample.organisation.full_name
    );
    let matched = printed.matches("· nhiệm vụ ").count();
    assert_eq!(
        project.plan.tasks.len() - sample.plan.tasks.len() + matched,
        task_rows(&seed_text),
        "{printed}"
    );
}

#[test]
fn without_yes_the_clerk_is_asked_and_a_no_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project_file = dir.path().join("p.ron");
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("import-plan")
        .arg(&project_file)
        .arg(seed("002"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"k\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let printed = text(&out);
    assert!(out.status.success(), "{printed}");
    assert!(printed.contains("(c/k)"), "{printed}");
    assert!(!project_file.exists());
}

#[test]
fn a_truncated_word_file_or_an_empty_file_is_refused_and_no_project_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let word = dir.path().join("kh.docx");
    python(SEED_TO_WORD, &[&seed("002"), &word]);
    let bytes = std::fs::read(&word).unwrap();
    let cut = dir.path().join("cut.docx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\n \n").unwrap();
    let project_file = dir.path().join("p.ron");
    for bad in [&cut, &empty] {
        let out = import_plan(&project_file, bad, &["--yes"]);
        let printed = text(&out);
        assert_eq!(out.status.code(), Some(1), "{printed}");
        assert!(printed.contains("Tệp dự án không thay đổi"), "{printed}");
        assert!(!project_file.exists());
    }
    let missing = import_plan(&project_file, &dir.path().join("none.txt"), &["--yes"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn a_plan_given_to_the_report_import_points_to_import_plan() {
    let dir = tempfile::tempdir().unwrap();
    let project_file = dir.path().join("p.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &project_file).unwrap();
    let before = std::fs::read(&project_file).unwrap();
    let word = dir.path().join("kh.docx");
    python(SEED_TO_WORD, &[&seed("001"), &word]);
    for plan in [seed("001"), word] {
        let out = crate::support::cli::import(&[&project_file, &plan], &["--yes"], "");
        let printed = text(&out);
        assert_eq!(out.status.code(), Some(1), "{printed}");
        assert!(printed.contains("baocao import-plan"), "{printed}");
    }
    assert_eq!(std::fs::read(&project_file).unwrap(), before);
}

#[test]
fn the_window_previews_a_plan_then_adds_it_as_one_undo_step() {
    use eframe::egui;

    use egui_kittest::kittest::Queryable;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(crate::support::SAMPLE_PATH, &path).unwrap();
    let sample = baocao::storage::load(&path).unwrap();
    let plan = seed("002");
    let expected =
        baocao::import::plan::preview(&baocao::import::plan::read_file(&plan).unwrap(), &sample);
    assert!(!expected.tasks.is_empty());
    let answer = plan.clone();
    let mut h = crate::support::window::window(&path)
        .dialogs(crate::support::answers::Answers {
            plan: Some(answer),
            ..Default::default()
        })
        .build();
    h.run();
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Nhập kế hoạch…").click();
    h.run_steps(8);
    // Every row is shown before anything changes.
    h.get_by_label_contains("Tham chiếu: Kế hoạch số 97/KH-UBND ngày 28/02/2026");
    h.get_by_label(&expected.tasks[0].name);
    h.get_by_label_contains("Cần xem lại");
    assert_eq!(
        h.state().project().unwrap().plan.tasks.len(),
        sample.plan.tasks.len()
    );
    let button = format!(
        "Nhập {} nhiệm vụ, {} chỉ tiêu",
        expected.tasks.len(),
        expected.indicators.len()
    );
    h.get_by_label(&button).click_accesskit();
    h.run_steps(8);
    assert!(h.state().modal.is_none());
    let project = h.state().project().unwrap();
    assert_eq!(
        project.plan.tasks.len(),
        sample.plan.tasks.len() + expected.tasks.len()
    );
    assert_eq!(project.plan.reference, sample.plan.reference);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().project().unwrap().plan,
        sample.plan,
        "one Ctrl+Z takes the plan import back"
    );
}

#[test]
fn the_plan_document_taken_with_decided_by_records_a_revision_of_what_differs_and_adds() {
    use baocao::model::Target;
    let dir = tempfile::tempdir().unwrap();
    let project_file = dir.path().join("p.ron");
    let plan = seed("001");
    assert!(
        import_plan(&project_file, &plan, &["--yes"])
            .status
            .success()
    );
    let imported = baocao::storage::load(&project_file).unwrap();
    // The project as it stood before the document: one task later, one target lower,
    // one task not yet there.
    let mut older = imported.clone();
    let task = older.plan.tasks[0].id.clone();
    older.plan.tasks[0].deadline = Deadline::Ongoing;
    older.plan.tasks[0].deadline_as_written = "Thường xuyên".into();
    let ind = older
        .plan
        .indicators
        .iter()
        .position(|i| matches!(i.target, Target::Number { .. }))
        .expect("seed 001 has a numeric target");
    if let Target::Number { value, .. } = &mut older.plan.indicators[ind].target {
        *value -= 5.0;
    }
    older.plan.indicators[ind].target_as_written.clear();
    let dropped = older.plan.tasks.pop().unwrap();
    baocao::storage::save(&project_file, &older).unwrap();

    // Without a plan to revise, or for a file not there, --decided-by is refused.
    let missing = dir.path().join("chua-co.ron");
    let o = import_plan(
        &missing,
        &plan,
        &["--decided-by", "Công văn số 9/UBND", "--yes"],
    );
    assert!(!o.status.success() && !missing.exists(), "{}", text(&o));

    let o = import_plan(
        &project_file,
        &plan,
        &[
            "--decided-by",
            "Công văn số 9/UBND-VP ngày 01/7/2026 của UBND Thành phố",
            "--effective",
            "2026-07-01",
            "--yes",
        ],
    );
    let printed = text(&o);
    assert!(o.status.success(), "{printed}");
    assert!(printed.contains("Điều chỉnh kế hoạch lần 1"), "{printed}");
    let revised = baocao::storage::load(&project_file).unwrap();
    let rev = &revised.plan.revisions[0];
    assert_eq!(rev.effective, chrono::NaiveDate::from_ymd_opt(2026, 7, 1));
    assert_eq!(rev.changes.len(), 3, "{:#?}", rev.changes);
    let t = revised.plan.task(&task).unwrap();
    assert_eq!(t.deadline, imported.plan.tasks[0].deadline);
    assert_eq!(
        revised.plan.indicators[ind].target,
        imported.plan.indicators[ind].target
    );
    assert!(revised.plan.tasks.iter().any(|t| t.name == dropped.name));
    // The same document again: nothing differs, nothing recorded.
    let again = import_plan(
        &project_file,
        &plan,
        &["--decided-by", "Công văn khác", "--yes"],
    );
    assert!(again.status.success(), "{}", text(&again));
    assert_eq!(
        baocao::storage::load(&project_file)
            .unwrap()
            .plan
            .revisions
            .len(),
        1
    );
    // And the notice of the adjustment is drafted from it.
    let notice = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("new-notice")
        .arg(&project_file)
        .output()
        .unwrap();
    assert!(notice.status.success(), "{}", text(&notice));
}
