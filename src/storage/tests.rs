// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;
use crate::model::{Indicator, Target};
use atomic::temp_path;

fn sample_project() -> Project {
    let mut p = Project::default();
    p.organisation.issuing_body = vec!["ỦY BAN NHÂN DÂN".into(), "XÃ AN LÃM".into()];
    p.organisation.place = "An Lãm".into();
    p.plan.indicators.push(Indicator {
        id: "CT01".into(),
        name: "Tỷ lệ hồ sơ được xử lý trực tuyến".into(),
        unit: "%".into(),
        target: Target::Number {
            cmp: crate::model::Comparison::AtLeast,
            value: 90.0,
        },
        ..Indicator::default()
    });
    p
}

#[test]
fn a_saved_project_loads_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let p = sample_project();
    save(&path, &p).unwrap();
    assert_eq!(load(&path).unwrap(), p);
}

#[test]
fn the_file_is_readable_text_with_vietnamese_letters_written_literally() {
    let text = to_string(&sample_project()).unwrap();
    assert!(text.contains("\"XÃ AN LÃM\""), "{text}");
    assert!(text.contains(&format!("format_version: {}", crate::model::FORMAT_VERSION)));
}

#[test]
fn saving_keeps_the_previous_version_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut p = sample_project();
    save(&path, &p).unwrap();
    let first = std::fs::read(&path).unwrap();
    p.organisation.place = "Nơi khác".into();
    save(&path, &p).unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), first);
    assert_eq!(load(&path).unwrap().organisation.place, "Nơi khác");
}

#[test]
fn decomposed_text_is_normalised_on_load() {
    let text = to_string(&sample_project())
        .unwrap()
        .replace("LÃM", "LA\u{303}M");
    assert!(text.contains('\u{303}'));
    let p = parse(&text, Path::new("x.ron")).unwrap();
    assert_eq!(p.organisation.issuing_body[1], "XÃ AN LÃM");
}

#[test]
fn escaped_combining_marks_are_normalised_too() {
    let text = to_string(&sample_project())
        .unwrap()
        .replace("\"An Lãm\"", "\"An La\\u{303}m\"");
    let p = parse(&text, Path::new("x.ron")).unwrap();
    assert_eq!(p.organisation.place, "An Lãm");
}

#[test]
fn a_truncated_file_is_refused_with_line_and_column() {
    let text = to_string(&sample_project()).unwrap();
    let cut = &text[..text.len() / 2];
    let err = parse(cut, Path::new("cut.ron")).unwrap_err();
    let (line, col) = err.position().expect("a position");
    assert!(line > 1 && col >= 1);
    let msg = err.to_string();
    assert!(msg.contains("dòng") && msg.contains("cut.ron"), "{msg}");
}

#[test]
fn a_wrong_type_is_refused_naming_the_line() {
    let text = to_string(&sample_project())
        .unwrap()
        .replace("year: 0", "year: \"hai nghìn\"");
    let err = parse(&text, Path::new("t.ron")).unwrap_err();
    let line_of_year = text
        .lines()
        .position(|l| l.contains("year: \"hai"))
        .unwrap()
        + 1;
    assert_eq!(err.position().map(|p| p.0), Some(line_of_year), "{err}");
    assert!(err.to_string().contains("số"), "{err}");
}

#[test]
fn a_newer_format_version_is_refused() {
    let text = to_string(&sample_project()).unwrap().replace(
        &format!("format_version: {}", crate::model::FORMAT_VERSION),
        "format_version: 99",
    );
    let err = parse(&text, Path::new("n.ron")).unwrap_err();
    assert!(matches!(err, StorageError::NewerVersion { found: 99, .. }));
    assert!(err.to_string().contains("phiên bản mới hơn"));
    assert_eq!(err.position(), Some((2, 5)), "{err}");
}

#[test]
fn an_unknown_field_is_refused_rather_than_dropped_on_the_next_save() {
    let text =
        to_string(&sample_project())
            .unwrap()
            .replacen("place:", "plase: \"x\",\n    place:", 1);
    let err = parse(&text, Path::new("u.ron")).unwrap_err();
    assert!(err.to_string().contains("plase"), "{err}");
}

#[test]
fn a_missing_file_is_a_read_error_naming_it() {
    let err = load(Path::new("/nonexistent/du-an.ron")).unwrap_err();
    assert!(matches!(err, StorageError::Read { .. }));
    assert!(err.to_string().contains("du-an.ron"));
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bin.ron");
    std::fs::write(&path, b"(\n  format_version: 1,\xff\xfe)").unwrap();
    let err = load(&path).unwrap_err();
    assert_eq!(err.position(), Some((2, 21)));
}

#[cfg(unix)]
#[test]
fn a_failed_save_leaves_the_original_byte_identical() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save(&path, &sample_project()).unwrap();
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut changed = sample_project();
    changed.organisation.place = "Khác".into();
    let result = save(&path, &changed);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    // Root ignores folder permissions; then the save succeeds and there is nothing to test.
    if let Err(err) = result {
        assert!(err.to_string().contains("Tệp cũ vẫn còn nguyên"));
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }
}

#[test]
fn a_save_that_cannot_write_its_temporary_file_leaves_the_original_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save(&path, &sample_project()).unwrap();
    let before = std::fs::read(&path).unwrap();
    // A folder where the temporary file should go makes the write fail, even for root.
    std::fs::create_dir(temp_path(&path)).unwrap();
    let mut changed = sample_project();
    changed.organisation.place = "Khác".into();
    let err = save(&path, &changed).unwrap_err();
    assert!(err.to_string().contains("Tệp cũ vẫn còn nguyên"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!backup_path(&path).exists());
}

#[test]
fn a_save_that_cannot_keep_its_backup_leaves_the_original_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save(&path, &sample_project()).unwrap();
    let before = std::fs::read(&path).unwrap();
    std::fs::remove_file(backup_path(&path)).ok();
    std::fs::create_dir(backup_path(&path)).unwrap();
    let mut changed = sample_project();
    changed.organisation.place = "Khác".into();
    let err = save(&path, &changed).unwrap_err();
    assert!(err.to_string().contains(".bak"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!temp_path(&path).exists());
}

#[test]
fn a_save_into_a_missing_folder_fails_without_creating_anything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khong-co").join("p.ron");
    let err = save(&path, &sample_project()).unwrap_err();
    assert!(matches!(err, StorageError::Write { .. }));
    assert!(!path.exists());
}

#[test]
fn a_save_over_a_folder_fails_and_leaves_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("inside.txt"), "x").unwrap();
    assert!(save(&path, &sample_project()).is_err());
    assert_eq!(
        std::fs::read_to_string(path.join("inside.txt")).unwrap(),
        "x"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn the_recovery_copy_sits_beside_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    write_recovery(&recovery_path(&path), &sample_project(), None).unwrap();
    assert!(recovery_path(&path).is_file());
    assert!(!path.exists());
    assert_eq!(load(&recovery_path(&path)).unwrap(), sample_project());
    assert_eq!(
        read_recovery(&recovery_path(&path)).unwrap(),
        (sample_project(), None)
    );
}

#[test]
fn a_recovery_copy_says_which_version_of_the_file_it_started_from() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save(&path, &sample_project()).unwrap();
    let base = stamp(&path).unwrap();
    let mut edited = sample_project();
    edited.organisation.place = "Tân Lập".into();
    write_recovery(&recovery_path(&path), &edited, Some(&base)).unwrap();
    let (project, key) = read_recovery(&recovery_path(&path)).unwrap();
    assert_eq!(project, edited);
    let key = key.unwrap();
    assert!(content_is(&path, &key));
    let mut other = sample_project();
    other.organisation.place = "An Lãm Mới".into();
    save(&path, &other).unwrap();
    assert!(
        !content_is(&path, &key),
        "the file changed since the autosave began"
    );
}

#[test]
fn load_stamped_stamps_the_bytes_it_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save(&path, &sample_project()).unwrap();
    let (project, stamped) = load_stamped(&path).unwrap();
    assert_eq!(project, sample_project());
    assert!(!changed_on_disk(&path, &stamped).unwrap());
}

#[test]
fn a_checked_save_over_an_unchanged_file_succeeds_and_stamps_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save(&path, &sample_project()).unwrap();
    let (mut p, loaded) = load_stamped(&path).unwrap();
    p.organisation.place = "Nơi khác".into();
    let saved = save_checked(&path, &p, Some(&loaded)).unwrap();
    assert!(!changed_on_disk(&path, &saved).unwrap());
    assert_eq!(load(&path).unwrap().organisation.place, "Nơi khác");
    // The returned stamp is good for the next save.
    p.organisation.place = "Nơi thứ ba".into();
    save_checked(&path, &p, Some(&saved)).unwrap();
    assert_eq!(load(&path).unwrap().organisation.place, "Nơi thứ ba");
}

#[test]
fn a_checked_save_refuses_a_file_somebody_changed_and_leaves_their_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save(&path, &sample_project()).unwrap();
    let (mut mine, loaded) = load_stamped(&path).unwrap();

    // Somebody else saves the same length of text: only the bytes tell.
    let mut theirs = sample_project();
    theirs.organisation.place = "An Lãx".into();
    save(&path, &theirs).unwrap();
    let their_bytes = std::fs::read(&path).unwrap();
    let backup_after_theirs = std::fs::read(backup_path(&path)).ok();

    mine.organisation.place = "Của tôi".into();
    let err = save_checked(&path, &mine, Some(&loaded)).unwrap_err();
    assert!(
        matches!(&err, StorageError::ChangedOnDisk { path: p } if p == &path),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.starts_with("Tệp đã bị người khác hoặc chương trình khác thay đổi"),
        "{message}"
    );
    assert!(message.contains("hãy lưu thành tệp khác"), "{message}");
    assert!(
        message.ends_with(&format!("Tệp: {}", path.display())),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), their_bytes);
    assert_eq!(std::fs::read(backup_path(&path)).ok(), backup_after_theirs);
}

#[test]
fn a_checked_save_refuses_a_file_that_was_deleted_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save(&path, &sample_project()).unwrap();
    let (p, loaded) = load_stamped(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let err = save_checked(&path, &p, Some(&loaded)).unwrap_err();
    assert!(matches!(err, StorageError::ChangedOnDisk { .. }), "{err:?}");
    assert!(!path.exists());
}

#[test]
fn a_checked_save_without_a_stamp_writes_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mới.ron");
    let stamped = save_checked(&path, &sample_project(), None).unwrap();
    assert_eq!(stamped, stamp(&path).unwrap());
    assert_eq!(load(&path).unwrap(), sample_project());
}

/// Words of the parser's and serde's English that must never reach a clerk.
const ENGLISH: [&str; 22] = [
    "expected",
    "invalid",
    "input",
    "error",
    "found",
    "string",
    "integer",
    "identifier",
    "struct",
    "raw",
    "try",
    "digit",
    "range",
    "unexpected",
    "variant",
    "field",
    "ProjectV0",
    "Project",
    "Indicator",
    "os",
    "type",
    "value",
];

/// An English word in `message`, leaving out what the file itself says: names in
/// “quotes” and the lists of allowed fields and values.
fn english_in(message: &str) -> Option<&'static str> {
    let mut own = String::new();
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            _ if !quoted => own.push(c),
            _ => {}
        }
    }
    let own = own
        .split("các trường hợp lệ:")
        .next()
        .unwrap_or_default()
        .split("các giá trị được phép:")
        .next()
        .unwrap_or_default()
        .to_owned();
    let words: Vec<String> = own
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .map(str::to_lowercase)
        .collect();
    ENGLISH
        .iter()
        .find(|w| words.iter().any(|x| x == &w.to_lowercase()))
        .copied()
}

#[test]
fn every_parse_error_of_a_damaged_project_is_in_vietnamese() {
    let text = std::fs::read_to_string(crate::test_support::SAMPLE_PATH).unwrap();
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(151).collect();
    let mut damaged: Vec<String> = Vec::new();
    for &i in &boundaries {
        let (a, b) = text.split_at(i);
        damaged.push(a.to_owned());
        for junk in ["}", "\"", "x", "1e999", "@", "(", "r#", "b\"", "Some("] {
            damaged.push(format!("{a}{junk}{b}"));
        }
        damaged.push(format!("{a}{}", b.chars().skip(1).collect::<String>()));
    }
    for case in [
        "(format_version: 1, organisation: (name: 5))",
        "(format_version: 1, plan: (indicators: [(id: \"CT01\", target: Number(cmp: Hơn, value: 1.0))]))",
        "(format_version: 1, reports: [(id: \"a\", date: Some(\"2026-13-45\"))])",
        "(format_version: 1, reports: [(id: \"a\", date: Some(\"30/06/2026\"))])",
        "(format_version: 1, periods: [(period: (year: 99999999999, kind: Year))])",
        "(format_version: 1, plan: (year: -))",
        "(format_version: 1, khong_co: 1)",
        "(format_version: 0, khong_co: 1)",
        "(format_version: 1, plan: (tasks: [(id: 5)]))",
    ] {
        damaged.push(case.to_owned());
    }
    let mut errors = 0;
    for d in &damaged {
        if let Err(e) = parse(d, Path::new("p.ron")) {
            errors += 1;
            let message = e.to_string();
            let head = message.split("\nTệp:").next().unwrap_or_default();
            if let Some(word) = english_in(head) {
                panic!(
                    "“{word}” in: {message}\n--- from ---\n{}",
                    &d[d.len().saturating_sub(200)..]
                );
            }
        }
    }
    assert!(errors > 300, "only {errors} damaged copies were refused");
}

#[test]
fn format_version_zero_written_out_is_migrated_like_a_file_without_it() {
    let with = parse(
        "(format_version: 0, year: 2026, plan_title: \"Kế hoạch\")",
        Path::new("v0.ron"),
    )
    .unwrap();
    let without = parse(
        "(year: 2026, plan_title: \"Kế hoạch\")",
        Path::new("v0.ron"),
    )
    .unwrap();
    assert_eq!(with, without);
    assert_eq!(with.plan.year, 2026);
}

/// Found by fuzzing: `\0` in a string became a NUL character that the next load
/// dropped, so a project changed when saved and loaded again.
#[test]
fn any_escape_is_normalised_after_parsing_and_a_project_reads_back_the_same() {
    let text = "(format_version: 1, plan: (indicators: [(id: \"C\\01\", name: \"Tỷ lệ\\x01 A\")]))";
    let p = parse(text, Path::new("p.ron")).unwrap();
    assert_eq!(p.plan.indicators[0].id, "C1");
    assert_eq!(p.plan.indicators[0].name, "Tỷ lệ A");
    let again = parse(&to_string(&p).unwrap(), Path::new("p.ron")).unwrap();
    assert_eq!(again, p);
}
