//! Running the built `baocao` binary from the integration tests.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `baocao import ARGS… EXTRA…` with `stdin` typed as the answer to its question.
pub fn import(args: &[&Path], extra: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("import")
        .args(args)
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}
