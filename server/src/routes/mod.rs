//! Plain axum routes beside the Leptos pages: the survey form POST, staff forms (administration,
//! analysis runs), the staff JSON API and exports, the lang cookie, health.

pub mod actions;
pub mod admin;
pub mod categories;
pub mod client;
pub mod compare;
pub mod curation;
pub mod exports;
pub mod forms;
pub mod health;
pub mod language;
pub mod links;
pub mod notes;
pub mod openapi;
pub mod paper;
pub mod public_results;
pub mod publications;
pub mod report_feed;
pub mod report_trends;
pub mod reports;
pub mod runs;
pub mod same_origin;
pub mod spreadsheet;
pub mod strategy;
pub mod submit;
pub mod surveys;
pub mod tokens;
pub mod translation_files;
pub mod weighting;

/// Said after a problem with an upload form: the page's file input is empty again.
pub const CHOOSE_FILE_AGAIN: &str =
    " Choose the file again: browsers do not keep it after a problem.";
