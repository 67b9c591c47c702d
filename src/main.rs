//! The `baocao` program: the window, or a command-line subcommand.
// On Windows the program is a window program, so that double-clicking it opens no black
// console window beside it; the subcommands attach to the console they were typed in.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

use baocao::cli::{self, Command};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        console::attach_to_parent();
    }
    let command = match cli::parse_args(&args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}\n\n{}", cli::usage_for(&args));
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            println!("{}", cli::USAGE);
            ExitCode::SUCCESS
        }
        Command::HelpFor(command) => {
            println!("{}", cli::usage_of(&command).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Command::Check(path) => cli::run_check(&path, &mut std::io::stdout()),
        Command::Export(args) => {
            cli::run_export(&args, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Command::Import(args) => cli::run_import(
            &args,
            &mut std::io::stdin().lock(),
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
        Command::ImportPlan(args) => cli::run_plan_import(
            &args,
            &mut std::io::stdin().lock(),
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
        Command::NewNotice(args) => {
            cli::run_new_notice(&args, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Command::NewReport(args) => {
            cli::run_new_report(&args, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Command::Print(args) => {
            cli::run_print(&args, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Command::Verify(args) => cli::run_verify(&args, &mut std::io::stdout()),
        Command::Aggregate(args) => {
            cli::run_aggregate(&args, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Command::Window(path) => baocao::ui::run(path),
    }
}

/// Windows: a window program has no console of its own; a subcommand typed in cmd.exe
/// or PowerShell writes into the console it was started from.
#[cfg(windows)]
mod console {
    /// `AttachConsole`'s "the console of the parent process".
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }

    /// Attaches to the parent's console, if it has one. Output redirected to a file or
    /// a pipe already has its handles and is left as it is.
    pub fn attach_to_parent() {
        // SAFETY: AttachConsole takes a process id by value and touches no memory of
        // ours; when there is no parent console it fails, which changes nothing.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

/// Elsewhere the program always has the terminal it was started from.
#[cfg(not(windows))]
mod console {
    pub fn attach_to_parent() {}
}
