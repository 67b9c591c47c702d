//! A crash loses nothing: the program is killed with SIGKILL after the clerk typed,
//! and on the next start it offers the text from its autosave.
//!
//! The test runs itself as a child process (the same test binary with an environment
//! variable set) so that the kill is real.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::SAMPLE_PATH;
use baocao::guide::Step;
use baocao::model::SectionRole;
use baocao::ui::BaocaoApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const CHILD: &str = "BAOCAO_RECOVERY_CHILD";
const TYPED: &str = "Đoạn viết trước khi máy bị tắt đột ngột.";

fn harness(path: &Path) -> Harness<'static, BaocaoApp> {
    let p = path.to_owned();
    crate::support::window::window(&p).build()
}

/// The child: type into Hạn chế, wait for the autosave, then wait to be killed.
fn child(path: &Path) -> ! {
    let mut h = harness(path);
    h.run();
    if let Some(doc) = h.state_mut().doc.as_mut() {
        doc.autosave_every = Duration::ZERO;
    }
    h.get_by_label(&format!("7. {}", Step::HanChe.label()))
        .click();
    h.run();
    let field = h.get_by_label("Nội dung: Hạn chế");
    field.focus();
    field.type_text(TYPED);
    h.run();
    let recovery = baocao::storage::recovery_path(path);
    for _ in 0..100 {
        if recovery.exists() {
            break;
        }
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    println!("READY {}", recovery.exists());
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}

#[test]
fn killing_the_program_after_edits_offers_the_recovered_text_on_restart() {
    if let Some(path) = std::env::var_os(CHILD) {
        child(Path::new(&path));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(SAMPLE_PATH, &path).unwrap();
    let before = std::fs::read(&path).unwrap();

    let mut kid = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "ui_recovery::killing_the_program_after_edits_offers_the_recovered_text_on_restart",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, &path)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = kid.stdout.take().unwrap();
    let ready = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        // libtest prints the test's name on the same line first.
        .find_map(|l| l.find("READY").map(|at| l[at..].trim().to_owned()));
    kid.kill().unwrap(); // SIGKILL on Unix: no destructor, no save, nothing runs
    kid.wait().unwrap();
    assert_eq!(ready.as_deref(), Some("READY true"), "the child autosaved");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the project file itself is untouched"
    );

    // Restart on the same file: the recovered text is offered and taken back.
    let mut h = harness(&path);
    h.run();
    h.get_by_label("Khôi phục bản tự lưu?");
    h.get_by_label("Khôi phục").click();
    h.run();
    let app = h.state();
    let body = app
        .report()
        .and_then(|r| r.section_by_role(SectionRole::Shortcomings))
        .map(|s| s.body.clone())
        .unwrap_or_default();
    assert!(body.contains(TYPED), "{body}");
    assert!(
        app.doc.as_ref().unwrap().is_dirty(),
        "recovered text still has to be saved"
    );
}
