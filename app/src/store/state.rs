//! The state every request can reach: the database pool, the Leptos options and the services the
//! server crate provides.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

use super::dashboards::DashboardSource;
use crate::models::AppError;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub dashboards: Arc<dyn DashboardSource>,
    /// Whether a sentence model is configured, so runs may use the semantic representation.
    pub semantic_available: bool,
    /// Upload limits for interview notes.
    pub note_limits: crate::models::notes::NoteLimits,
    /// The sentence model and its embedding cache, when one is configured (the 311 classifier
    /// appends sentence vectors to its TF-IDF features).
    pub sentence_model: Option<SentenceModel>,
}

/// Where the configured sentence model and the embedding cache are.
#[derive(Clone, Debug)]
pub struct SentenceModel {
    /// The sentence-transformers model directory (`model_dir`).
    pub dir: std::path::PathBuf,
    /// The embedding cache file the analysis runs keep.
    pub cache_file: std::path::PathBuf,
}

/// The state for a server function. Errors (never panics) if the context is missing.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Unavailable
    })
}

/// The database connection for a server function.
pub fn db() -> Result<DatabaseConnection, AppError> {
    state().map(|s| s.db)
}
