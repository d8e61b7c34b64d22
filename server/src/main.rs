//! `needscope`: the web server and the administrator's command-line tools.

use std::process::ExitCode;

fn main() -> ExitCode {
    server::cli::main()
}
