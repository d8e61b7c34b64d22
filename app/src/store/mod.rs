//! The store: every database query of Needscope (entities, reads and writes) and the shared state
//! that holds the connection. Compiled only with the `ssr` feature, so none of it reaches the browser.

pub mod actions;
pub mod audit;
pub mod auth;
pub mod categories;
pub mod curation;
pub mod dashboards;
pub mod entities;
pub mod jobs;
pub mod links;
pub mod notes;
pub mod publications;
pub mod report_feeds;
pub mod report_status;
pub mod report_trends;
pub mod reports;
pub mod response_times;
pub mod responses;
pub mod run_origins;
pub mod run_sources;
pub mod runs;
pub mod shared_state;
pub mod staff;
pub mod state;
pub mod stats;
pub mod strategy;
pub mod survey_edits;
pub mod survey_translations;
pub mod surveys;
pub mod tokens;
pub mod translation_imports;
pub mod weighting;

pub use state::{AppState, SentenceModel, db, state};
