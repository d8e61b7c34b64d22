//! Plain axum routes beside the Leptos pages: the survey form POST, staff forms (administration,
//! analysis runs), the staff JSON API and exports, the lang cookie, health.

pub mod admin;
pub mod client;
pub mod exports;
pub mod health;
pub mod language;
pub mod links;
pub mod notes;
pub mod openapi;
pub mod reports;
pub mod runs;
pub mod submit;
