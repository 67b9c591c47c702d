//! session: derives revisions off the window's frame. A thread of its own computes
//! [`Derived`] for the latest revision it was given while the window goes on drawing
//! the last one it received; the proofing it did is kept there for the next revision.
//!
//! Only the newest revision asked for is derived: a request that a newer one overtook
//! before the thread took it is skipped, so a burst of keys costs one derivation.
//! Outputs (export, print) never read a result of this thread that is not for the
//! current revision: the window derives on the spot when it has none.

use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use super::Derived;
use crate::check::ProofCache;
use crate::model::Project;

/// What the window hands the thread.
enum Message {
    /// A revision to derive.
    Derive {
        project: Box<Project>,
        report_id: String,
        revision: u64,
    },
    /// What the window showed before a newer result: freed there, not on a frame.
    Discard(Box<Derived>),
}

/// The thread that derives, seen from the window.
pub struct Background {
    jobs: Sender<Message>,
    done: Receiver<Derived>,
    /// The revision and report last handed over, until its result is taken.
    asked: Option<(u64, String)>,
}

impl Background {
    /// Starts the thread; `wake` is called from it whenever a result is ready (the
    /// window asks for a frame). `None` when the system refuses a thread.
    pub fn start(wake: impl Fn() + Send + 'static) -> Option<Self> {
        let (jobs, inbox) = channel::<Message>();
        let (outbox, done) = channel();
        std::thread::Builder::new()
            .name("baocao-derive".to_owned())
            .spawn(move || work(&inbox, &outbox, &wake))
            .ok()?;
        Some(Self {
            jobs,
            done,
            asked: None,
        })
    }

    /// Asks for `revision` of report `report_id` of `project`, unless it was asked for
    /// already. False when the thread is gone (derive on the spot instead).
    pub fn ask(&mut self, project: &Project, report_id: &str, revision: u64) -> bool {
        if self
            .asked
            .as_ref()
            .is_some_and(|(r, id)| *r == revision && id == report_id)
        {
            return true;
        }
        let job = Message::Derive {
            project: Box::new(project.clone()),
            report_id: report_id.to_owned(),
            revision,
        };
        if self.jobs.send(job).is_err() {
            return false;
        }
        self.asked = Some((revision, report_id.to_owned()));
        true
    }

    /// The newest result ready, if any. When the thread is gone, what was asked is
    /// forgotten, and the next [`Self::ask`] says so.
    pub fn take(&mut self) -> Option<Derived> {
        let mut newest = None;
        loop {
            match self.done.try_recv() {
                Ok(d) => newest = Some(d),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.asked = None;
                    break;
                }
            }
        }
        if let Some(d) = &newest
            && self.asked.as_ref().is_some_and(|(r, id)| d.is_for(*r, id))
        {
            self.asked = None;
        }
        newest
    }

    /// Hands over what the window no longer shows, to be freed off the frame.
    pub fn discard(&self, old: Derived) {
        // A thread that is gone has nothing to free it with: it is freed here.
        let _ = self.jobs.send(Message::Discard(Box::new(old)));
    }
}

/// The thread's loop: the newest job waiting, derived with the proofing kept from the
/// jobs before; ends when the window drops its [`Background`].
fn work(inbox: &Receiver<Message>, outbox: &Sender<Derived>, wake: &dyn Fn()) {
    let mut cache = ProofCache::default();
    while let Ok(first) = inbox.recv() {
        // The newest revision waiting; what is discarded is freed on the way.
        let mut job = None;
        for message in std::iter::once(first).chain(std::iter::from_fn(|| inbox.try_recv().ok())) {
            match message {
                derive @ Message::Derive { .. } => job = Some(derive),
                // Freed here, off the window's frame.
                Message::Discard(old) => drop(old),
            }
        }
        let Some(Message::Derive {
            project,
            report_id,
            revision,
        }) = job
        else {
            continue;
        };
        let Some(report) = project.report(&report_id) else {
            continue;
        };
        let derived = Derived::compute_cached(&project, report, revision, &mut cache);
        if outbox.send(derived).is_err() {
            return;
        }
        wake();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;
    use std::time::{Duration, Instant};

    fn wait(bg: &mut Background) -> Derived {
        let start = Instant::now();
        loop {
            if let Some(d) = bg.take() {
                return d;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "no result");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn the_thread_derives_what_the_window_would_derive_on_the_spot() {
        let mut p = sample();
        let id = p.reports[0].id.clone();
        let mut bg = Background::start(|| {}).unwrap();
        assert!(bg.ask(&p, &id, 1) && bg.asked.is_some());
        let first = wait(&mut bg);
        assert!(first.is_for(1, &id) && bg.asked.is_none());
        // A second revision reuses the thread's proofing and still agrees.
        p.reports[0].sections[0].body.push_str(" Thêm một câu.");
        bg.ask(&p, &id, 2);
        let second = wait(&mut bg);
        let spot = Derived::compute(&p, &p.reports[0], 2);
        assert!(second.is_for(2, &id));
        assert_eq!(second.problems, spot.problems);
        assert_eq!(second.rendered, spot.rendered);
        assert_eq!(second.numbers, spot.numbers);
    }

    /// Everything the window reads of `d` equals what a derivation on the spot gives.
    fn same_as_on_the_spot(d: &Derived, p: &Project, revision: u64) {
        let r = p.report(&d.report_id).unwrap();
        let spot = Derived::compute(p, r, revision);
        assert!(d.is_for(revision, &spot.report_id));
        assert_eq!(d.rendered, spot.rendered);
        assert_eq!(d.problems, spot.problems);
        assert_eq!(d.warnings, spot.warnings);
        assert_eq!(d.steps, spot.steps);
        assert_eq!(d.numbers, spot.numbers);
        assert_eq!(d.figures, spot.figures);
        assert_eq!(d.changes, spot.changes);
        assert_eq!(d.approval, spot.approval);
        assert_eq!(d.markers, spot.markers);
    }

    #[test]
    fn a_series_of_edits_derived_on_the_thread_matches_each_derivation_on_the_spot() {
        let mut p = sample();
        let id = p.reports[0].id.clone();
        let mut bg = Background::start(|| {}).unwrap();
        let pages = |d: &Derived| d.rendered.as_ref().map_or(0, |r| r.pages.pages.len());
        let mut check = |p: &Project, revision: u64| {
            bg.ask(p, &id, revision);
            let d = wait(&mut bg);
            same_as_on_the_spot(&d, p, revision);
            d
        };
        let first = check(&p, 1);
        // A long paragraph early on moves every page break after it.
        let long = " Xã đã triển khai nhiều nhiệm vụ chuyển đổi số.".repeat(60);
        p.reports[0].sections[0].body.push_str(&long);
        let longer = check(&p, 2);
        assert!(pages(&longer) > pages(&first), "the breaks moved");
        // A section inserted, then one taken away.
        let mut added = p.reports[0].sections[1].clone();
        added.id = "muc-moi".to_owned();
        added.role = None;
        added.children.clear();
        p.reports[0].sections.insert(1, added);
        check(&p, 3);
        p.reports[0].sections.pop();
        check(&p, 4);
        // Other margins, then margins against the decree (no pages, a reason).
        p.page_setup.margin_left_mm = 35.0;
        check(&p, 5);
        p.page_setup.margin_left_mm = 5.0;
        assert!(check(&p, 6).rendered.is_err());
        // Undone: the proofing kept across revisions still agrees.
        p.page_setup.margin_left_mm = 30.0;
        let body = &mut p.reports[0].sections[0].body;
        body.truncate(body.len() - long.len());
        check(&p, 7);
    }

    #[test]
    fn a_revision_asked_for_twice_is_derived_once_and_a_missing_report_gives_nothing() {
        let p = sample();
        let id = p.reports[0].id.clone();
        let mut bg = Background::start(|| {}).unwrap();
        bg.ask(&p, "khong-co", 1);
        bg.ask(&p, &id, 2);
        bg.ask(&p, &id, 2);
        let d = wait(&mut bg);
        assert!(d.is_for(2, &id));
        std::thread::sleep(Duration::from_millis(50));
        assert!(bg.take().is_none(), "one result for one revision");
    }
}
