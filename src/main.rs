//! The `baocao` program: the window, or a command-line subcommand.

use std::process::ExitCode;

use baocao::cli::{self, Command};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse_args(&args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            println!("{}", cli::USAGE);
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
