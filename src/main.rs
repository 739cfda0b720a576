//! The `pakn` binary: parse the command line and hand over to `pakn::cli`.

use clap::Parser;

fn main() -> std::process::ExitCode {
    pakn::cli::run(pakn::cli::Cli::parse())
}
