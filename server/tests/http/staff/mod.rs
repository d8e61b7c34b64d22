//! The staff side: accounts and roles, sessions and CSRF, analysis jobs, the dashboard and exports.

mod access;
mod accounts;
mod actions;
mod bounded_builds;
mod categories;
mod closed;
mod compare;
mod csv_injection;
mod curation;
mod dashboard;
pub mod helpers;
mod job_leases;
mod jobs;
mod openapi;
mod publications;
mod report;
mod report_origins;
mod report_trends;
mod sign_in;
mod sign_in_limits;
mod spanish;
mod strategy;
mod surveys;
mod tokens;
mod weighting;
