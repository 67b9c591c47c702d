//! `baocao check` as a user runs it: the bundled sample passes; damaged copies fail
//! with a Vietnamese message that names the line and column.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mau-binh-minh-hai.ron")
}

fn check(path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("check")
        .arg(path)
        .output()
        .expect("the program runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn damaged_copy(name: &str, edit: impl FnOnce(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let text = std::fs::read_to_string(sample()).unwrap();
    std::fs::write(&path, edit(text)).unwrap();
    (dir, path)
}

#[test]
fn the_bundled_sample_passes_the_check() {
    let out = check(&sample());
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 lỗi"), "{}", stdout(&out));
}

#[test]
fn a_truncated_copy_fails_naming_line_and_column() {
    let (_dir, path) = damaged_copy("cut.ron", |t| {
        let mut cut = t.len() * 2 / 3;
        while !t.is_char_boundary(cut) {
            cut -= 1;
        }
        t[..cut].to_owned()
    });
    let out = check(&path);
    assert!(!out.status.success());
    let msg = stdout(&out);
    assert!(msg.contains("dòng") && msg.contains("cột"), "{msg}");
    assert!(msg.contains("cut.ron"), "{msg}");
}

#[test]
fn a_copy_with_a_wrong_type_fails_naming_the_line_of_the_field() {
    let (_dir, path) = damaged_copy("type.ron", |t| {
        t.replacen("year: 2026", "year: \"2026\"", 1)
    });
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("year: \"2026\""))
        .unwrap()
        + 1;
    let out = check(&path);
    assert!(!out.status.success());
    let msg = stdout(&out);
    assert!(
        msg.contains(&format!("dòng {line},")),
        "line {line} not named: {msg}"
    );
}

#[test]
fn a_copy_from_an_unknown_format_version_is_refused() {
    let (_dir, path) = damaged_copy("new.ron", |t| {
        t.replacen(
            &format!("format_version: {}", baocao::model::FORMAT_VERSION),
            "format_version: 7",
            1,
        )
    });
    let out = check(&path);
    assert!(!out.status.success());
    let msg = stdout(&out);
    assert!(
        msg.contains("phiên bản mới hơn") && msg.contains("dòng 2, cột 5"),
        "{msg}"
    );
}

#[test]
fn a_missing_file_fails_with_a_message() {
    let out = check(Path::new("/khong/co/tep.ron"));
    assert!(!out.status.success());
    assert!(stdout(&out).contains("Không đọc được tệp"));
}

#[test]
fn an_unknown_command_prints_the_usage_and_fails() {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("--lam-gi")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Cách dùng"));
}

/// `baocao check` on `path`, killed if it has not finished within ten seconds.
#[cfg(unix)]
fn check_within_ten_seconds(path: &Path) -> Output {
    use std::time::{Duration, Instant};
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("check")
        .arg(path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("baocao check {} did not finish", path.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_link_to_a_device_is_refused_at_once_and_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ong.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let zero = dir.path().join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    for path in [&fifo, &zero] {
        let out = check_within_ten_seconds(path);
        assert!(!out.status.success());
        let msg = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(msg.contains("không phải tệp thông thường"), "{msg}");
    }
}

#[test]
fn nan_infinity_huge_and_negative_figures_are_refused_on_load_saying_where() {
    for bad in ["NaN", "inf", "1e308", "-5.0"] {
        let (_d, path) = damaged_copy("so-lieu.ron", |t| {
            t.replacen(
                "value: Some(Number(86.4))",
                &format!("value: Some(Number({bad}))"),
                1,
            )
        });
        let out = check(&path);
        assert!(!out.status.success(), "{bad} was accepted");
        let msg = stdout(&out) + &String::from_utf8_lossy(&out.stderr);
        assert!(
            msg.contains("số liệu không hợp lệ ở chỉ tiêu"),
            "{bad}: {msg}"
        );
        assert!(msg.contains("quý I năm 2026"), "{bad}: {msg}");
    }
}

#[test]
fn invisible_and_control_characters_are_left_out_with_a_note_and_never_printed() {
    // A word joiner, a byte order mark, a right-to-left override, a soft hyphen and a
    // NUL pasted into a section's text.
    let junk = "\u{2060}\u{feff}\u{202e}\u{ad}\u{0}";
    let (_d, path) = damaged_copy("an.ron", |t| {
        t.replacen(
            "Ủy ban nhân dân xã đã",
            &format!("Ủy ban{junk} nhân dân xã đã"),
            1,
        )
    });
    let out = check(&path);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("Đã bỏ 5 ký tự ẩn"),
        "{}",
        stdout(&out)
    );
    let project = baocao::storage::load(&path).unwrap();
    let all: String = project.reports[0]
        .all_sections()
        .iter()
        .map(|s| s.body.clone())
        .collect();
    assert!(all.contains("Ủy ban nhân dân xã đã"));
    assert!(!all.chars().any(baocao::vi::is_invisible));
}

#[test]
fn export_with_help_prints_the_export_usage_and_exits_zero() {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["export", "--help"])
        .output()
        .expect("the program runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.contains("baocao export TỆP.ron"), "{text}");
    assert!(!text.contains("baocao import"), "{text}");
    assert!(!text.contains("không có tùy chọn"), "{text}");
}

#[test]
fn a_wrong_option_shows_the_usage_of_its_subcommand() {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["export", "a.ron", "--nope"])
        .output()
        .expect("the program runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Lệnh export không có tùy chọn “--nope”"),
        "{err}"
    );
    assert!(
        err.contains("baocao export TỆP.ron") && !err.contains("baocao aggregate"),
        "{err}"
    );
}
