// Unit tests of the lock file, compiled only under #[cfg(test)] (declared so in lock.rs).
// Other programs are simulated with their own `Owner` (machine and pid).

use std::sync::{Arc, Barrier};

use chrono::NaiveDate;

use super::*;

fn at(hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 6, 30)
        .and_then(|d| d.and_hms_opt(hour, minute, 0))
        .unwrap()
}

fn other_machine(pid: u32) -> Owner {
    Owner {
        machine: "MAY-KE-TOAN".to_owned(),
        pid,
    }
}

fn info_of(user: &str, owner: &Owner, since: NaiveDateTime, heartbeat: NaiveDateTime) -> LockInfo {
    LockInfo {
        user: user.to_owned(),
        machine: owner.machine.clone(),
        pid: owner.pid,
        since,
        heartbeat,
    }
}

/// Writes a lock file as another program would have.
fn plant(project: &Path, info: &LockInfo) {
    fs::write(lock_path(project), render(info).unwrap()).unwrap();
}

fn read_info(project: &Path) -> LockInfo {
    read_lock(&lock_path(project)).unwrap().unwrap()
}

/// A pid that no process can have (Linux pids stop at 2^22), checked to be unused.
fn dead_pid() -> u32 {
    let pid = u32::MAX - 1;
    assert!(!Path::new(&format!("/proc/{pid}")).exists());
    pid
}

#[test]
fn the_lock_file_sits_beside_the_project() {
    assert_eq!(
        lock_path(Path::new("/chia-se/Báo cáo quý 2.ron")),
        Path::new("/chia-se/Báo cáo quý 2.ron.lock")
    );
}

#[test]
fn this_machine_has_a_name() {
    let name = this_machine();
    assert!(!name.trim().is_empty());
    assert_eq!(name, name.trim());
}

#[test]
fn acquiring_a_free_file_writes_who_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let lock = acquire(&project, "Nguyễn Thị Hoa", at(8, 0)).unwrap();
    assert_eq!(lock.lock_file(), lock_path(&project));
    assert_eq!(lock.project(), project);
    let on_disk = read_info(&project);
    assert_eq!(&on_disk, lock.info());
    assert_eq!(on_disk.user, "Nguyễn Thị Hoa");
    assert_eq!(on_disk.machine, this_machine());
    assert_eq!(on_disk.pid, std::process::id());
    assert_eq!(on_disk.since, at(8, 0));
    assert_eq!(on_disk.heartbeat, at(8, 0));
}

#[test]
fn the_lock_file_is_readable_text_with_vietnamese_letters_written_literally() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let _lock = acquire(&project, "Nguyễn Thị Hoa", at(8, 0)).unwrap();
    let text = fs::read_to_string(lock_path(&project)).unwrap();
    assert!(text.contains("user: \"Nguyễn Thị Hoa\""), "{text}");
    assert!(text.contains("since: \"2026-06-30T08:00:00\""), "{text}");
    assert!(text.starts_with("// Tệp khóa"), "{text}");
}

#[test]
fn a_file_held_on_another_machine_is_refused_with_the_holders_name_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let theirs = info_of("Chị Lan", &other_machine(4242), at(8, 5), at(9, 0));
    plant(&project, &theirs);
    let before = fs::read(lock_path(&project)).unwrap();

    let err = acquire(&project, "Anh Minh", at(9, 3)).unwrap_err();
    let LockError::Held { path, info, stale } = &err else {
        panic!("expected Held, got {err:?}");
    };
    assert_eq!(path, &project);
    assert_eq!(info, &theirs);
    assert!(!stale);
    let message = err.to_string();
    assert!(
        message.starts_with(
            "Tệp đang được mở để sửa bởi Chị Lan trên máy MAY-KE-TOAN từ 08:05 30/06/2026."
        ),
        "{message}"
    );
    assert!(
        message.ends_with(&format!("Tệp: {}", project.display())),
        "{message}"
    );
    assert_eq!(fs::read(lock_path(&project)).unwrap(), before, "left alone");
}

#[test]
fn a_lock_whose_heartbeat_is_older_than_ten_minutes_is_stale() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    plant(
        &project,
        &info_of("Chị Lan", &other_machine(4242), at(7, 0), at(8, 0)),
    );
    let fresh = acquire(&project, "Anh Minh", at(8, 10)).unwrap_err();
    assert!(
        matches!(fresh, LockError::Held { stale: false, .. }),
        "{fresh:?}"
    );

    let err = acquire(&project, "Anh Minh", at(8, 11)).unwrap_err();
    assert!(
        matches!(err, LockError::Held { stale: true, .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains(
            "có lẽ đã thoát mà không đóng tệp (lần cuối còn hoạt động lúc 08:00 30/06/2026)"
        ),
        "{message}"
    );
}

#[test]
fn a_heartbeat_ahead_of_our_clock_is_not_stale() {
    let info = info_of("Chị Lan", &other_machine(4242), at(9, 0), at(9, 30));
    assert!(!info.is_stale(at(9, 0)));
}

#[cfg(target_os = "linux")]
#[test]
fn a_lock_on_this_machine_whose_program_is_gone_is_stale_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let gone = Owner {
        machine: this_machine(),
        pid: dead_pid(),
    };
    plant(&project, &info_of("Chị Lan", &gone, at(8, 0), at(8, 0)));
    let err = acquire(&project, "Anh Minh", at(8, 1)).unwrap_err();
    assert!(
        matches!(err, LockError::Held { stale: true, .. }),
        "{err:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_lock_on_this_machine_whose_program_still_runs_is_not_stale() {
    // Process 1 always runs; it stands for another copy of the program.
    assert!(Path::new("/proc/1").exists());
    let alive = Owner {
        machine: this_machine(),
        pid: 1,
    };
    let info = info_of("Chị Lan", &alive, at(8, 0), at(8, 0));
    assert!(!info.is_stale(at(8, 1)));
}

#[test]
fn a_dead_pid_on_another_machine_says_nothing_until_the_heartbeat_is_old() {
    let info = info_of("Chị Lan", &other_machine(u32::MAX - 1), at(8, 0), at(8, 0));
    assert!(!info.is_stale(at(8, 5)));
    assert!(info.is_stale(at(8, 11)));
}

#[test]
fn a_garbled_lock_file_counts_as_held_by_nobody_known_and_stale() {
    for garbage in ["(((rác", "", "\u{fffd}\u{0}"] {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        fs::write(lock_path(&project), garbage).unwrap();
        let err = acquire(&project, "Anh Minh", at(8, 0)).unwrap_err();
        let LockError::Held { info, stale, .. } = &err else {
            panic!("expected Held, got {err:?}");
        };
        assert!(info.is_unknown());
        assert_eq!(info.user, UNKNOWN);
        assert!(stale);
        let message = err.to_string();
        assert!(
            message.contains("tệp khóa không đọc được (p.ron.lock)"),
            "{message}"
        );
        assert_eq!(fs::read(lock_path(&project)).unwrap(), garbage.as_bytes());
    }
}

#[test]
fn taking_over_replaces_the_lock_and_the_old_holder_learns_it_has_lost_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let lan = other_machine(4242);
    let mut theirs = acquire_as(&project, "Chị Lan", &lan, at(8, 0)).unwrap();

    let ours = take_over(&project, "Anh Minh", at(9, 0)).unwrap();
    assert_eq!(&read_info(&project), ours.info());
    let ours_on_disk = fs::read(lock_path(&project)).unwrap();

    let err = theirs.refresh(at(9, 1)).unwrap_err();
    let LockError::Lost { path, info } = &err else {
        panic!("expected Lost, got {err:?}");
    };
    assert_eq!(path, &project);
    assert_eq!(info, ours.info());
    assert_eq!(
        err.to_string(),
        format!(
            "Anh Minh trên máy {} đã nhận quyền sửa tệp này từ 09:00 30/06/2026. Các thay đổi của bạn chưa được lưu vào tệp; hãy lưu thành tệp khác.\nTệp: {}",
            this_machine(),
            project.display()
        )
    );
    assert!(matches!(theirs.check(), Err(LockError::Lost { .. })));
    drop(theirs);
    assert_eq!(
        fs::read(lock_path(&project)).unwrap(),
        ours_on_disk,
        "neither the refresh nor the drop of the old holder touched our lock"
    );
}

#[test]
fn taking_over_a_garbled_lock_works() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    fs::write(lock_path(&project), "rác").unwrap();
    let ours = take_over(&project, "Anh Minh", at(9, 0)).unwrap();
    assert_eq!(&read_info(&project), ours.info());
}

#[test]
fn refresh_moves_the_heartbeat_and_keeps_since() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let mut lock = acquire(&project, "Anh Minh", at(8, 0)).unwrap();
    lock.refresh(at(8, 1)).unwrap();
    let on_disk = read_info(&project);
    assert_eq!(on_disk.since, at(8, 0));
    assert_eq!(on_disk.heartbeat, at(8, 1));
    assert_eq!(lock.info(), &on_disk);
    lock.check().unwrap();
}

#[test]
fn refresh_recreates_a_lock_file_that_vanished() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let mut lock = acquire(&project, "Anh Minh", at(8, 0)).unwrap();
    fs::remove_file(lock_path(&project)).unwrap();
    lock.check().unwrap();
    lock.refresh(at(8, 2)).unwrap();
    assert_eq!(read_info(&project).heartbeat, at(8, 2));
}

#[test]
fn refresh_does_not_overwrite_garbage_it_finds_in_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let mut lock = acquire(&project, "Anh Minh", at(8, 0)).unwrap();
    fs::write(lock_path(&project), "rác").unwrap();
    let err = lock.refresh(at(8, 1)).unwrap_err();
    let LockError::Lost { info, .. } = &err else {
        panic!("expected Lost, got {err:?}");
    };
    assert!(info.is_unknown());
    assert!(err.to_string().contains("hãy lưu thành tệp khác"));
    drop(lock);
    assert_eq!(fs::read(lock_path(&project)).unwrap(), b"r\xc3\xa1c");
}

#[test]
fn releasing_removes_our_lock_file() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let lock = acquire(&project, "Anh Minh", at(8, 0)).unwrap();
    assert!(lock_path(&project).exists());
    lock.release();
    assert!(!lock_path(&project).exists());
    // And the file can be locked again, by anybody.
    let again = acquire_as(&project, "Chị Lan", &other_machine(7), at(8, 1)).unwrap();
    drop(again);
    assert!(!lock_path(&project).exists(), "dropping removes it too");
}

#[test]
fn dropping_leaves_somebody_elses_lock_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let lock = acquire(&project, "Anh Minh", at(8, 0)).unwrap();
    let theirs = info_of("Chị Lan", &other_machine(4242), at(8, 30), at(8, 30));
    plant(&project, &theirs);
    drop(lock);
    assert_eq!(read_info(&project), theirs);
}

#[test]
fn a_second_window_of_this_program_cannot_lock_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let first = acquire(&project, "Anh Minh", at(8, 0)).unwrap();
    let err = acquire(&project, "Anh Minh", at(8, 1)).unwrap_err();
    assert!(matches!(err, LockError::AlreadyOpenHere { .. }), "{err:?}");
    assert!(err.to_string().contains("cửa sổ khác"));
    let err = take_over(&project, "Anh Minh", at(8, 1)).unwrap_err();
    assert!(matches!(err, LockError::AlreadyOpenHere { .. }), "{err:?}");
    drop(first);
    acquire(&project, "Anh Minh", at(8, 2)).unwrap();
}

#[test]
fn a_lock_this_program_left_behind_is_taken_again() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    plant(
        &project,
        &info_of("Anh Minh", &Owner::this_process(), at(7, 0), at(7, 0)),
    );
    let lock = acquire(&project, "Anh Minh", at(8, 0)).unwrap();
    assert_eq!(lock.info().since, at(8, 0));
    assert_eq!(read_info(&project).since, at(8, 0));
}

#[test]
fn a_folder_that_cannot_hold_files_gives_cannot_create() {
    // A regular file where the folder should be fails for every user, root included.
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("tệp.txt");
    fs::write(&not_a_folder, "x").unwrap();
    let project = not_a_folder.join("p.ron");
    let err = acquire(&project, "Anh Minh", at(8, 0)).unwrap_err();
    assert!(matches!(err, LockError::CannotCreate { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with("Không tạo được tệp khóa p.ron.lock ("),
        "{message}"
    );
    assert!(message.contains("thư mục chỉ đọc?"), "{message}");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_gives_cannot_create() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    fs::write(&project, "(format_version: 1)").unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores folder permissions; then there is nothing to test.
    let probe = dir.path().join("probe");
    let root = fs::write(&probe, "x").is_ok();
    let result = acquire(&project, "Anh Minh", at(8, 0));
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    if root {
        return;
    }
    let err = result.unwrap_err();
    assert!(matches!(err, LockError::CannotCreate { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("không có quyền truy cập; thư mục chỉ đọc?")
    );
}

#[test]
fn of_two_programs_racing_for_a_file_exactly_one_wins() {
    for round in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let project = Arc::new(dir.path().join("p.ron"));
        let start = Arc::new(Barrier::new(2));
        let racers: Vec<_> = [
            ("Chị Lan", other_machine(101)),
            ("Anh Minh", other_machine(202)),
        ]
        .into_iter()
        .map(|(user, owner)| {
            let project = Arc::clone(&project);
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                acquire_as(&project, user, &owner, at(8, 0))
            })
        })
        .collect();
        let results: Vec<_> = racers.into_iter().map(|t| t.join().unwrap()).collect();
        let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(winners.len(), 1, "round {round}: {results:?}");
        let winner = winners[0].info().clone();
        let loser = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        let LockError::Held { info, .. } = loser else {
            panic!("round {round}: expected Held, got {loser:?}");
        };
        assert!(
            info == &winner || info.is_unknown(),
            "round {round}: {info:?}"
        );
        assert_eq!(read_info(&project), winner);
    }
}

#[test]
fn of_two_windows_of_this_program_racing_for_a_file_exactly_one_wins() {
    let dir = tempfile::tempdir().unwrap();
    let project = Arc::new(dir.path().join("p.ron"));
    let start = Arc::new(Barrier::new(2));
    let racers: Vec<_> = (0..2)
        .map(|_| {
            let project = Arc::clone(&project);
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                acquire(&project, "Anh Minh", at(8, 0))
            })
        })
        .collect();
    let results: Vec<_> = racers.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(
        results
            .iter()
            .any(|r| matches!(r, Err(LockError::AlreadyOpenHere { .. })))
    );
}

#[test]
fn names_from_a_foreign_lock_file_are_shown_on_one_line() {
    assert_eq!(shown("Chị\nLan\u{7}"), "Chị Lan");
    assert_eq!(shown("  "), UNKNOWN);
    assert_eq!(shown(&"x".repeat(500)).chars().count(), 80);
}
