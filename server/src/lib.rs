//! The Needscope server: configuration, logging, database start-up, the axum application around the
//! Leptos app, and the command-line interface. Integration tests drive [`startup::Application`].

pub mod admin;
pub mod allowance;
pub mod analyze;
pub mod auth;
pub mod backup;
pub mod categories;
pub mod classifier_vectors;
pub mod cli;
pub mod config;
pub mod dashboard;
pub mod database;
pub mod embedding_store;
pub mod import;
pub mod jobs;
pub mod notes;
pub mod open311_feed;
pub mod publish;
pub mod routes;
pub mod runs;
pub mod security_headers;
pub mod startup;
pub mod submissions;
pub mod telemetry;
pub mod translation_files;
pub mod weighting;
