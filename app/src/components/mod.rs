//! Reusable views.

pub mod actions;
pub mod chart;
pub mod closed;
pub mod dashboard_filters;
pub mod error_summary;
pub mod languages_panel;
pub mod layout;
pub mod notes;
pub mod question;
#[cfg(feature = "ssr")]
pub mod results;
pub mod share_bar;
pub mod sparkline;
pub mod staff;
pub mod translation_file;
pub mod weighting_notice;
