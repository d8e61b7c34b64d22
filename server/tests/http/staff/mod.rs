//! The staff side: accounts and roles, sessions and CSRF, analysis jobs, the dashboard and exports.

mod access;
mod accounts;
mod closed;
mod dashboard;
pub mod helpers;
mod jobs;
mod openapi;
mod surveys;
mod tokens;
