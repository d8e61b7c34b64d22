//! The `needscope` binary's command-line tools, run as a user would run them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod admin;
mod analyze;
mod backup;
mod import;
mod kill;
mod load;
#[path = "../support/postgres.rs"]
mod postgres;
mod processes;
mod weighting;

use std::path::Path;
use std::process::{Command, Output};

/// Runs `needscope` on an SQLite database in `data_dir`, with no environment leaking in.
pub fn needscope_in(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_needscope"))
        .args(args)
        .env("NEEDSCOPE_DATA_DIR", data_dir)
        .env_remove("DATABASE_URL")
        .env_remove("NEEDSCOPE_DATABASE_URL")
        .env_remove("NEEDSCOPE_MODEL_DIR")
        .env_remove("RUST_BACKTRACE")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run needscope")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
