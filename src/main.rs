//! The `zhkg` binary: the command line and the glue between it and the library.

mod cli;
mod commands;

fn main() -> std::process::ExitCode {
    cli::run()
}
