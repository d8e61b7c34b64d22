//! Integration tests: the real application on port 0, spoken to over HTTP, against a fresh SQLite
//! file and a fresh PostgreSQL database per test (one test binary, as in zero-to-production).
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod forwarded;
mod cross_site;
mod headers;
mod helpers;
mod links;
mod notes;
mod pages;
mod reports;
mod runs;
mod runs_fixture;
mod staff;
mod submissions;
