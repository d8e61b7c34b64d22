//! `GET /api/v1/compare?a=&b=`: two analysis runs compared, as JSON (the compare page's data).
//! Strategy staff only, audited like the exports.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use app::api::compare::RunViews;
use app::models::compare::{CompareQuery, Comparison};
use app::models::staff::{STAFF, Viewer};
use app::store::{AppState, audit};

use super::exports::ApiError;
use crate::auth::viewer_in;

fn problem(status: StatusCode, message: impl Into<String>) -> Response {
    (
        status,
        Json(ApiError {
            error: message.into(),
        }),
    )
        .into_response()
}

/// Two runs compared
///
/// Each theme matched by its stable id with its share and rank in both runs (weighted shares
/// when both runs are weighted, else unweighted; `basis` says which), the themes that appeared
/// and went, those that merged or split (from the members both runs analysed), and every theme's
/// share in every run. Without `a` and `b`: the latest run against the one before it.
#[utoipa::path(
    get,
    path = "/api/v1/compare",
    params(CompareQuery),
    responses(
        (status = 200, description = "The comparison", body = Comparison),
        (status = 400, description = "`a` or `b` is not a run number", body = ApiError),
        (status = 404, description = "No such run, fewer than two runs, or the same run twice (the `error` says which)", body = ApiError),
    ),
)]
pub async fn compare_json(
    State(state): State<AppState>,
    Extension(views): Extension<Arc<dyn RunViews>>,
    viewer: Option<Extension<Viewer>>,
    Query(query): Query<CompareQuery>,
) -> Response {
    let Some(viewer) = viewer_in(viewer, STAFF) else {
        return problem(StatusCode::FORBIDDEN, "strategy staff only");
    };
    let pair = match query.parse() {
        Ok(pair) => pair,
        Err(message) => return problem(StatusCode::BAD_REQUEST, message),
    };
    let named = async {
        let mut page = views.compare(state.db.clone(), pair).await?;
        app::api::compare::show_names(&state.db, state.dashboards.as_ref(), &mut page).await?;
        Ok::<_, app::models::AppError>(page)
    };
    let page = match named.await {
        Ok(page) => page,
        Err(_) => {
            return problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "the service is unavailable, please try again shortly",
            );
        }
    };
    let Some(comparison) = page.comparison else {
        let message = page
            .problem
            .unwrap_or_else(|| "these runs cannot be compared".to_owned());
        return problem(StatusCode::NOT_FOUND, message);
    };
    audit::note(
        &state.db,
        Some(&viewer),
        "export",
        json!({ "what": "compare.json", "a": comparison.a.id, "b": comparison.b.id }),
    )
    .await;
    Json(comparison).into_response()
}
