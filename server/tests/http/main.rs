//! Integration tests: the real application on port 0, spoken to over HTTP, against a fresh SQLite
//! file and a fresh PostgreSQL database per test (one test binary, as in zero-to-production).
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod analysis_languages;
mod cross_site;
mod forwarded;
mod headers;
mod helpers;
mod languages;
mod links;
mod notes;
mod open311_feed;
mod pages;
mod paper_entry;
#[path = "../support/postgres.rs"]
mod postgres;
mod processes;
mod public_results;
mod reports;
mod runs;
mod runs_fixture;
mod staff;
mod submission_groups;
mod submissions;
mod translation_files;
