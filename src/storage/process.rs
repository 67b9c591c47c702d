//! storage: whether a process of this machine still runs, the one question the lock
//! and the clean-up of temporary files ask the system. Linux answers through `/proc`,
//! Windows through `OpenProcess` and `GetExitCodeProcess`; elsewhere nobody can tell.

#[cfg(not(windows))]
use std::path::Path;

/// Whether process `pid` runs on this machine; `None` where we cannot tell.
#[cfg(not(windows))]
pub(crate) fn process_running(pid: u32) -> Option<bool> {
    if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
        Some(pid != 0 && Path::new(&format!("/proc/{pid}")).exists())
    } else {
        None
    }
}

/// Whether process `pid` runs on this machine; `None` where we cannot tell.
#[cfg(windows)]
pub(crate) fn process_running(pid: u32) -> Option<bool> {
    use windows_sys::Win32::Foundation::{
        CloseHandle, ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER, GetLastError, STILL_ACTIVE,
    };
    use windows_sys::Win32::System::Threading::{
        GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
    };
    if pid == 0 {
        return Some(false);
    }
    // SAFETY: plain Win32 calls on a process id; the handle is closed before returning.
    unsafe {
        let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if handle.is_null() {
            return match GetLastError() {
                // No process has this id any more.
                ERROR_INVALID_PARAMETER => Some(false),
                // It runs, under another user or with higher rights than ours.
                ERROR_ACCESS_DENIED => Some(true),
                _ => None,
            };
        }
        let mut code: u32 = 0;
        let asked = GetExitCodeProcess(handle, &mut code);
        CloseHandle(handle);
        // A process that ended keeps its id while somebody holds a handle to it.
        (asked != 0).then_some(code == STILL_ACTIVE as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_runs_and_one_that_ended_does_not() {
        let Some(me) = process_running(std::process::id()) else {
            return; // cannot tell on this platform
        };
        assert!(me);
        // The test binary itself, listing its tests: it ends at once.
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert_eq!(process_running(pid), Some(false));
        assert_eq!(process_running(0), Some(false));
    }
}
