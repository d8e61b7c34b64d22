//! Reusable views.

pub mod actions;
pub mod chart;
pub mod closed;
pub mod dashboard_filters;
pub mod error_summary;
pub mod layout;
pub mod notes;
pub mod question;
pub mod sparkline;
pub mod staff;
