//! The Needscope server: configuration, logging, database start-up, the axum application around the
//! Leptos app, and the command-line interface. Integration tests drive [`startup::Application`].

pub mod analyze;
pub mod cli;
pub mod config;
pub mod database;
pub mod import;
pub mod routes;
pub mod runs;
pub mod startup;
pub mod stats;
pub mod telemetry;
pub mod weighting;
