//! `needscope`: the web server and the administrator's command-line tools.

use std::process::ExitCode;

fn main() -> ExitCode {
    match server::cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The whole chain, one line, without a backtrace: these messages are for people.
            eprintln!("Error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
