//! Plain axum routes beside the Leptos pages: the survey form POST, the lang cookie, health.

pub mod client;
pub mod health;
pub mod language;
pub mod submit;
