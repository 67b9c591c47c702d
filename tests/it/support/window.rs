//! One harness builder for the window tests: the whole window (`BaocaoApp`) at
//! 1366 × 768 with the bundled fonts, on a project file, with the dialogs and the user
//! a test gives; and `go_to`, which clicks a step in the step list.

use std::path::{Path, PathBuf};

use baocao::guide::Step;
use baocao::review::Actor;
use baocao::ui::BaocaoApp;
use baocao::ui::dialogs::Dialogs;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The window to build; see [`window`].
pub struct Window {
    path: PathBuf,
    dialogs: Option<Box<dyn Dialogs>>,
    user: Option<Actor>,
    max_steps: Option<u64>,
    instant_scroll: bool,
    off_frame: bool,
}

/// The window on the project at `path`, with native dialogs and the default user.
pub fn window(path: &Path) -> Window {
    Window {
        path: path.to_owned(),
        dialogs: None,
        user: None,
        max_steps: None,
        instant_scroll: false,
        off_frame: false,
    }
}

impl Window {
    /// Dialogs that answer for the user (usually `support::answers::Answers`).
    pub fn dialogs(mut self, dialogs: impl Dialogs + 'static) -> Self {
        self.dialogs = Some(Box::new(dialogs));
        self
    }

    /// The user the preferences name (a drafter, a reviewer, …).
    pub fn user(mut self, user: Actor) -> Self {
        self.user = Some(user);
        self
    }

    /// At most `n` frames per `run()`.
    pub fn max_steps(mut self, n: u64) -> Self {
        self.max_steps = Some(n);
        self
    }

    /// Revisions are derived on the window's thread of its own, as in `baocao`; by
    /// default every frame that follows a change derives it before drawing, so that a
    /// test reads the preview and the problems right after an edit.
    pub fn derive_off_frame(mut self) -> Self {
        self.off_frame = true;
        self
    }

    /// Scrolling jumps at once, so that a widget scrolled to is clicked where it ends
    /// up, whatever the length of the step's content.
    pub fn instant_scroll(mut self) -> Self {
        self.instant_scroll = true;
        self
    }

    /// The harness; no frame has run yet.
    pub fn build(self) -> Harness<'static, BaocaoApp> {
        let Window {
            path,
            dialogs,
            user,
            max_steps,
            instant_scroll,
            off_frame,
        } = self;
        let mut builder = Harness::builder().with_size(egui::vec2(1366.0, 768.0));
        if let Some(n) = max_steps {
            builder = builder.with_max_steps(n);
        }
        builder.build_eframe(move |cc| {
            baocao::ui::fonts::install_fonts(&cc.egui_ctx);
            if instant_scroll {
                cc.egui_ctx
                    .all_styles_mut(|s| s.scroll_animation = egui::style::ScrollAnimation::none());
            }
            let app = match (dialogs, user) {
                (None, None) => BaocaoApp::new(&path),
                (Some(d), None) => BaocaoApp::with_dialogs(&path, d),
                (d, Some(user)) => BaocaoApp::with_user(
                    &path,
                    d.unwrap_or_else(|| Box::new(super::answers::Answers::default())),
                    user,
                ),
            };
            if off_frame {
                app
            } else {
                app.derive_on_frame()
            }
        })
    }
}

/// A copy of the sample project (`mau.ron`) in a new folder.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.ron");
    std::fs::copy(super::SAMPLE_PATH, &path).unwrap();
    (dir, path)
}

/// Clicks `step` in the step list (`3. Kết quả …`) and checks the window is on it.
pub fn go_to(h: &mut Harness<'_, BaocaoApp>, step: Step) {
    let index = Step::ALL.iter().position(|s| *s == step).unwrap() + 1;
    h.get_by_label(&format!("{index}. {}", step.label()))
        .click();
    h.run();
    assert_eq!(h.state().step, step);
}
