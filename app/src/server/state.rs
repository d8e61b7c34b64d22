//! The state every request can reach: the database pool and the Leptos options.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

use crate::models::AppError;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
}

/// The database connection for a server function. Errors (never panics) if the context is missing.
pub fn db() -> Result<DatabaseConnection, AppError> {
    use_context::<AppState>()
        .map(|state| state.db)
        .ok_or_else(|| {
            tracing::error!("AppState missing from the Leptos context");
            AppError::Unavailable
        })
}
