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

/// Listens for the system's requests to end; `wake` is called on each (to wake the
/// window's event loop). Once per process: a second call fails.
pub fn install(wake: impl Fn() + Send + 'static) -> Result<(), String> {
    ctrlc::try_set_handler(move || {
        let first = !REQUESTED.swap(true, Ordering::SeqCst);
        wake();
        if first {
            std::thread::spawn(|| {
                std::thread::sleep(GRACE);
                std::process::exit(143);
            });
        }
    })
    .map_err(|_| {
        "Không theo dõi được yêu cầu tắt chương trình của hệ thống; khi tắt máy, hãy lưu tệp trước."
            .to_owned()
    })
}
