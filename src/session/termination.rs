//! session: the system asking the program to end (SIGTERM, SIGHUP at logout, Ctrl+C
//! in a terminal). The request is only noted here, from the signal's thread; the
//! window notices it before its next frame, writes the recovery copy of unsaved work,
//! lets go of the lock and closes. Should the window not answer, the program ends by
//! itself after a grace period, as the system would end it anyway.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// How long the window has to save its recovery copy before the program ends anyway.
pub const GRACE: Duration = Duration::from_secs(10);

/// Whether the system asked the program to end.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Notes a request to end, as a signal does (also for tests).
pub fn request() {
    REQUESTED.store(true, Ordering::SeqCst);
}

/// What to do on a request to end: note it, wake the window, and end the program
/// after [`GRACE`] should the window not close by then.
fn on_request(wake: &(impl Fn() + ?Sized)) {
    let first = !REQUESTED.swap(true, Ordering::SeqCst);
    wake();
    if first {
        std::thread::spawn(|| {
            std::thread::sleep(GRACE);
            std::process::exit(143);
        });
    }
}

/// The message for signals that could not be listened for.
/// Requests to end that the program cannot listen for, by name (`SIGHUP`, `Ctrl+C`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "Không theo dõi được yêu cầu tắt chương trình của hệ thống ({}); khi tắt máy, hãy lưu tệp trước.",
    .0.join(", ")
)]
pub struct NotListening(pub Vec<&'static str>);

fn not_listening(names: &[&'static str]) -> NotListening {
    NotListening(names.to_vec())
}

/// Listens for the system's requests to end; `wake` is called on each (to wake the
/// window's event loop). Once per process: a second call fails.
///
/// Each signal is listened for on its own (SIGTERM always; SIGHUP and SIGINT unless the
/// program was started with them ignored, as `nohup` and scripts start it, which is the
/// starter's wish), so that one that cannot be caught leaves the others caught. The
/// error names the signals that are not.
#[cfg(not(windows))]
pub fn install(wake: impl Fn() + Send + 'static) -> Result<(), NotListening> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new(std::iter::empty::<i32>()) else {
        return Err(not_listening(&["SIGTERM", "SIGHUP", "SIGINT"]));
    };
    let mut missing = Vec::new();
    for (sig, name) in [(SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT")] {
        if sig != SIGTERM && ignored_at_start(sig) {
            continue;
        }
        if signals.add_signal(sig).is_err() {
            missing.push(name);
        }
    }
    let spawned = std::thread::Builder::new()
        .name("yeu-cau-tat".to_owned())
        .spawn(move || {
            for _ in signals.forever() {
                on_request(&wake);
            }
        });
    if spawned.is_err() {
        return Err(not_listening(&["SIGTERM", "SIGHUP", "SIGINT"]));
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(not_listening(&missing))
    }
}

/// Whether `sig` was set to be ignored when the program started.
#[cfg(not(windows))]
fn ignored_at_start(sig: i32) -> bool {
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: with a null new action, sigaction only reads the current disposition of
    // `sig` into `old`, a valid, writable sigaction owned by this frame.
    let read = unsafe { libc::sigaction(sig, std::ptr::null(), &mut old) };
    read == 0 && old.sa_sigaction == libc::SIG_IGN
}

/// Windows: the console's Ctrl+C, Ctrl+Break, close, logoff and shutdown events.
#[cfg(windows)]
pub fn install(wake: impl Fn() + Send + 'static) -> Result<(), NotListening> {
    ctrlc::try_set_handler(move || on_request(&wake))
        .map_err(|_| not_listening(&["Ctrl+C", "đóng cửa sổ dòng lệnh", "đăng xuất"]))
}
