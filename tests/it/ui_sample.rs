//! The window started without a file (double-clicking baocao.exe): the sample built into
//! the program opens as a new unsaved project, Save asks where (starting in the user's
//! Documents folder), and the sample file of the source tree is never written.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::support::SAMPLE_PATH;
use baocao::review::Actor;
use baocao::ui::command::PathPurpose;
use baocao::ui::dialogs::Dialogs;
use baocao::ui::{BaocaoApp, Command};
use eframe::egui;
use egui_kittest::Harness;

/// Answers Save with `save`, recording where the choosers were told to start and how
/// often Save asked.
#[derive(Clone, Default)]
struct SaveAnswer {
    save: Option<PathBuf>,
    started_in: Rc<RefCell<Vec<PathBuf>>>,
    asked: Rc<RefCell<Vec<String>>>,
}

impl Dialogs for SaveAnswer {
    fn choose(&mut self, purpose: PathPurpose, suggested: &str) -> Option<PathBuf> {
        if purpose != PathPurpose::SaveProject {
            return None;
        }
        self.asked.borrow_mut().push(suggested.to_owned());
        self.save.clone()
    }
    fn open_externally(&mut self, _path: &Path) -> Result<(), String> {
        Ok(())
    }
    fn start_in(&mut self, dir: &Path) {
        self.started_in.borrow_mut().push(dir.to_owned());
    }
}

fn app_on_sample(answer: SaveAnswer) -> Harness<'static, BaocaoApp> {
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            BaocaoApp::on_sample(Box::new(answer), Actor::default()).derive_on_frame()
        })
}

#[test]
fn without_a_file_the_sample_opens_unsaved_and_save_asks_where_starting_in_documents() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("Báo cáo xã An Phú.ron");
    let answer = SaveAnswer {
        save: Some(target.clone()),
        ..SaveAnswer::default()
    };
    let (started_in, asked) = (answer.started_in.clone(), answer.asked.clone());
    let repo_sample = std::fs::read(SAMPLE_PATH).unwrap();
    let mut h = app_on_sample(answer);
    h.run_steps(3);

    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.path, None);
    assert!(doc.is_unsaved_sample());
    assert!(!doc.is_dirty());
    let sample = baocao::storage::load(Path::new(SAMPLE_PATH)).unwrap();
    assert_eq!(doc.project, sample);
    assert_eq!(
        h.state().report().map(|r| r.id.clone()),
        sample.reports.last().map(|r| r.id.clone())
    );
    assert_eq!(
        started_in.borrow().as_slice(),
        [baocao::session::documents_dir()]
    );

    h.state_mut().push(Command::Save);
    h.run_steps(3);
    assert_eq!(asked.borrow().len(), 1, "Save asks where, once");
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.path.as_deref(), Some(target.as_path()));
    assert!(!doc.is_unsaved_sample());
    assert_eq!(baocao::storage::load(&target).unwrap(), sample);
    assert_eq!(std::fs::read(SAMPLE_PATH).unwrap(), repo_sample);
}

#[test]
fn cancelling_save_of_the_sample_keeps_it_unsaved_and_writes_nothing() {
    let answer = SaveAnswer::default();
    let asked = answer.asked.clone();
    let repo_sample = std::fs::read(SAMPLE_PATH).unwrap();
    let mut h = app_on_sample(answer);
    h.run_steps(2);
    h.state_mut().push(Command::Save);
    h.run_steps(3);
    assert_eq!(asked.borrow().len(), 1);
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.path, None);
    assert!(doc.is_unsaved_sample());
    assert_eq!(std::fs::read(SAMPLE_PATH).unwrap(), repo_sample);
}
