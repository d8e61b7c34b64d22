//! `GET /api/v1/reports/trends`: imported reports counted by week per category, theme, council
//! district and ZIP, with each series' last complete week checked for an unusual count, its rise
//! over the last four weeks, and the district × category and ZIP × category hotspots (the same
//! figures as the staff page `/staff/reports/trends`).

use axum::Json;
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use app::models::report_trends::{TrendsFilter, TrendsReport};
use app::models::staff::{STAFF, Viewer};
use app::store::{AppState, audit, report_trends};

use super::exports::{ApiError, problem, staff_only, unavailable};
use crate::auth::viewer_in;

/// Weekly trends in imported reports
///
/// Reports with a date counted per ISO week (Monday to Sunday, UTC) by category (the given one;
/// a report without one under its confidently predicted category), by theme (in the run the
/// classifier last read), by council district and by ZIP. Each series' last complete week is
/// checked: expected count from the same week ± 1 in earlier years when a year of history exists,
/// else the eight weeks before; limits `expected ± 3·√(expected·φ)` with φ the variance ÷ mean of
/// the eight weeks before (at least 1); high only with at least 5 reports. `rise` compares the last
/// four weeks with the eight before (exact conditional test, p < 0.01, rate ratio ≥ 1.25, at least
/// 8 reports, sustained without the busiest week). `hotspots` are the district × category and ZIP × category cells unusually high.
#[utoipa::path(
    get,
    path = "/api/v1/reports/trends",
    params(TrendsFilter),
    responses(
        (status = 200, description = "The weekly trends", body = TrendsReport),
        (status = 400, description = "`from` or `to` is not a day (YYYY-MM-DD), or `from` is after `to`", body = ApiError),
    ),
)]
pub async fn trends_json(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Query(filter): Query<TrendsFilter>,
) -> Response {
    let Some(viewer) = viewer_in(viewer, STAFF) else {
        return staff_only();
    };
    let filter = filter.normalised();
    if let Err(p) = filter.dates() {
        return problem(StatusCode::BAD_REQUEST, p.message);
    }
    match report_trends::trends(&state.db, filter.clone()).await {
        Ok(report) => {
            let detail = json!({ "what": "reports/trends.json", "filter": filter });
            audit::note(&state.db, Some(&viewer), "export", detail).await;
            Json(report).into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "reading report trends");
            unavailable()
        }
    }
}
