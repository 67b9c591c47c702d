//! The app's logic, run before each frame is drawn and with no widgets: shortcuts and
//! dropped files become commands, the queued commands are applied, what the new
//! revision needs is derived once, and the timed work is done (autosave, the lock's
//! heartbeat, the window title, closing).

use std::path::PathBuf;
use std::time::Instant;

use eframe::egui;

use super::BaocaoApp;
use crate::session::{Background, Derived, now};
use crate::ui::command::{Command, Modal, StatusLine, Then};

impl BaocaoApp {
    /// Everything but drawing, once per frame.
    pub(super) fn run_logic(&mut self, ctx: &egui::Context) {
        if crate::session::termination::requested() && !self.quit_confirmed {
            self.end_on_request(ctx);
            return;
        }
        self.handle_input(ctx);
        self.follow_aggregate();
        self.apply_pending();
        if self.has_announced() || !self.pending.is_empty() {
            // Draw the “Đang …” message, then do the work; commands the ones applied
            // queued run in the next frame.
            ctx.request_repaint();
        }
        if (ctx.zoom_factor() - self.ui_zoom).abs() > 1e-3 {
            ctx.set_zoom_factor(self.ui_zoom);
        }
        if self.derive_off_frame && self.background.is_none() {
            let ctx = ctx.clone();
            self.background = Background::start(move || ctx.request_repaint());
        }
        self.refresh_off_frame();
        self.timed_work(ctx);
    }

    /// While typing in a report already shown: hands the new revision to the thread
    /// that derives and shows the last one derived until its result comes (the thread
    /// asks for a frame then). A report shown for the first time, or no thread, is
    /// derived on the spot.
    fn refresh_off_frame(&mut self) {
        let (Some(doc), Some(id), Some(bg)) = (&self.doc, &self.report_id, &mut self.background)
        else {
            return self.refresh();
        };
        let shown = self.derived.as_ref();
        let Some(shown) = shown.filter(|d| d.report_id == *id && d.revision <= doc.revision) else {
            // Another report or another file: nothing the thread still makes is wanted.
            self.background = None;
            return self.refresh();
        };
        if shown.is_for(doc.revision, id) {
            return;
        }
        let shown = shown.revision;
        if let Some(d) = bg.take()
            && d.report_id == *id
            && (shown..=doc.revision).contains(&d.revision)
            && let Some(old) = self.derived.replace(d)
        {
            bg.discard(old);
        }
        if self
            .derived
            .as_ref()
            .is_some_and(|d| d.is_for(doc.revision, id))
            || bg.ask(&doc.project, id, doc.revision)
        {
            return;
        }
        // The thread is gone.
        self.background = None;
        self.derive_off_frame = false;
        self.refresh();
    }

    /// Derives what the current revision of the current report needs (pages,
    /// problems, step states, …) on the spot, when the revision or the report changed:
    /// what an output (export, print) reads is always the current revision's.
    pub(super) fn refresh(&mut self) {
        let (Some(doc), Some(id)) = (&self.doc, &self.report_id) else {
            self.derived = None;
            return;
        };
        if self
            .derived
            .as_ref()
            .is_some_and(|d| d.is_for(doc.revision, id))
        {
            return;
        }
        let previous = self.derived.take();
        self.derived = doc
            .project
            .report(id)
            .map(|report| Derived::compute_after(&doc.project, report, doc.revision, previous));
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        // The keys of the one table of actions (zoom included: egui's own zoom keys
        // are off, so one key press is one step of the menu's zoom).
        if ctx.options(|o| o.zoom_with_keyboard) {
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
        }
        self.pending.extend(crate::ui::action::Action::pressed(ctx));
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(p) = dropped.into_iter().find(|p| {
            p.extension()
                .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("ron"))
        }) {
            self.pending.push(Command::OpenPath(p));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.quit_confirmed {
            if self.is_dirty() {
                // The close may be the session ending (logout): keep the work first.
                if let Some(doc) = &mut self.doc
                    && doc.owns_recovery()
                    && let Some(err) = doc.autosave_now(Instant::now())
                {
                    self.status = Some(StatusLine::error(err));
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Then::Quit));
            } else if let Some(doc) = &self.doc
                && !matches!(self.modal, Some(Modal::Recover { .. }))
            {
                // A copy still being offered is left for the next start.
                doc.forget_recovery();
            }
        }
    }

    /// The system asked the program to end (SIGTERM, logout): nobody is there to answer
    /// questions, so unsaved work goes to the recovery copy, the lock is let go, and
    /// the window closes.
    fn end_on_request(&mut self, ctx: &egui::Context) {
        if let Some(doc) = &mut self.doc {
            if doc.is_dirty() && doc.owns_recovery() {
                // Nothing can be shown any more; the copy is offered at the next start.
                doc.autosave_now(Instant::now());
            }
            doc.lock = None;
        }
        self.quit_confirmed = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// Autosave, the lock's heartbeat, the window title, closing.
    fn timed_work(&mut self, ctx: &egui::Context) {
        if self.quit_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if let Some(doc) = &mut self.doc
            && doc.read_only.is_none()
            && let Some(err) = doc.autosave_if_due(Instant::now())
        {
            self.status = Some(StatusLine::error(err));
        }
        let beat_due = self
            .last_lock_beat
            .is_none_or(|t| t.elapsed() >= crate::storage::lock::REFRESH_EVERY);
        if beat_due {
            self.last_lock_beat = Some(Instant::now());
            let user = self.actor();
            if let Some(doc) = &mut self.doc
                && let Some(reason) = doc.keep_lock(&user, now())
            {
                self.modal = Some(Modal::Message {
                    title: "Mất quyền sửa tệp".to_owned(),
                    text: reason.message(),
                });
            }
        }
        let title = match &self.doc {
            Some(doc) => format!(
                "{}{} — baocao",
                if doc.is_dirty() { "● " } else { "" },
                doc.display_name()
            ),
            None => "baocao".to_owned(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
        ctx.request_repaint_after(std::time::Duration::from_secs(5));
    }
}
