//! Reusable views.

pub mod error_summary;
pub mod layout;
pub mod question;
