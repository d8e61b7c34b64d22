//! The `needscope` binary's command-line tools, run as a user would run them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod analyze;
mod weighting;
