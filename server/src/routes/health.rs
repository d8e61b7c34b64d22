//! `GET /healthz`: 200 when the database answers, 503 otherwise (for load balancers and probes).

use axum::extract::State;
use axum::http::StatusCode;

use app::store::AppState;

pub async fn health(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::error!(error = %err, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
