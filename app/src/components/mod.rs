//! Reusable views.

pub mod chart;
pub mod error_summary;
pub mod layout;
pub mod notes;
pub mod question;
pub mod staff;
