//! The 311 assistant's forms and API: train the category classifier (strategy staff, in the
//! background), route a category to a department (administrators), and `GET /api/v1/reports`,
//! each report with its given and predicted category, theme and suggested department.

use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

use app::models::categories::RoutedReports;
use app::models::staff::{ADMINS, Flash, STAFF, Viewer};
use app::store::categories::{self, RouteError};
use app::store::{AppState, audit};

use super::exports::{ApiError, problem, staff_only, unavailable};
use crate::auth::viewer_in;
use crate::categories::{self as assistant, TrainingSlot};
use crate::routes::forms::{Posted, Refusal, StaffForm};

const PAGE: &str = "/staff/categories";
/// Reports per API page at most.
const MAX_LIMIT: u64 = 1_000;

/// The routes of the assistant's forms (the API is in [`crate::routes::openapi`]).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/categories/train", post(train))
        .route("/staff/categories/route", post(route))
}

/// Starts a training in the background; the page shows its figures when it is done.
#[tracing::instrument(skip_all)]
async fn train(posted: Posted) -> Result<Response, Response> {
    let form = posted.check(STAFF).await?;
    let Some(slot) = TrainingSlot::take() else {
        return Ok(form
            .send_back(
                PAGE,
                &[],
                Refusal::Form(
                    "A training is already running. Its figures appear here when it is done."
                        .into(),
                ),
            )
            .await);
    };
    form.audit("classifier_training_started", json!({})).await;
    let db = form.state.db.clone();
    let model = form.state.sentence_model.clone();
    let viewer = form.viewer.clone();
    tokio::spawn(async move {
        match assistant::train(&db, Some(viewer.id), model.as_ref(), &slot).await {
            Ok(t) => {
                let detail = json!({
                    "classifier": t.id, "reports": t.reports, "labelled": t.labelled,
                    "accuracy": t.evaluation.accuracy, "macro_f1": t.evaluation.macro_f1,
                    "flagged": t.flagged, "seconds": t.seconds,
                });
                audit::note(&db, Some(&viewer), "classifier_trained", detail).await;
            }
            Err(err) => {
                tracing::warn!(error = %format!("{err:#}"), "training the category classifier");
                let detail = json!({ "problem": format!("{err:#}") });
                audit::note(&db, Some(&viewer), "classifier_training_failed", detail).await;
            }
        }
    });
    Ok(form
        .redirect(
            PAGE,
            Flash::notice(
                "Training started. It reads every report with a category; reload this page in a \
                 minute to see the new figures (a few seconds per 10,000 reports). If it fails, \
                 the audit log says why.",
            ),
        )
        .await)
}

/// Routes the posted category to the posted department (none: takes the route away).
#[tracing::instrument(skip_all)]
async fn route(posted: Posted) -> Result<Response, Response> {
    let form = posted.check(ADMINS).await?;
    let outcome = set_route(&form).await;
    Ok(form
        .answer(PAGE, &["category", "department"], outcome)
        .await)
}

async fn set_route(form: &StaffForm) -> Result<Response, Refusal> {
    let category = form.text("category").trim();
    let department = form.text("department").trim();
    let department_id = match department {
        "" => None,
        d => Some(d.parse::<i32>().map_err(|_| {
            Refusal::on(
                "route-department",
                format!("“{d}” is not a department: choose one from the list."),
            )
        })?),
    };
    let routed = categories::set_route(&form.state.db, category, department_id, form.viewer.id)
        .await
        .map_err(|e| match e {
            RouteError::UnknownCategory(_) => Refusal::on("route-category", e.to_string()),
            RouteError::UnknownDepartment(_) => Refusal::on("route-department", e.to_string()),
            RouteError::Db(db) => Refusal::from(db),
        })?;
    form.audit(
        "category_routed",
        json!({ "category": category, "department": department_id }),
    )
    .await;
    let message = match routed {
        Some(name) => format!("Reports in “{category}” now go to {name}."),
        None => format!("Reports in “{category}” are no longer routed to a department."),
    };
    Ok(form.redirect(PAGE, Flash::notice(message)).await)
}

/// Which reports `GET /api/v1/reports` returns.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ReportsQuery {
    /// Reports with an id above this one (the previous page's `next_after`).
    after: Option<String>,
    /// Reports per page, 1 to 1000 (default 100).
    limit: Option<String>,
}

impl ReportsQuery {
    fn read(&self) -> Result<(Option<i64>, u64), String> {
        let after = match self.after.as_deref() {
            None | Some("") => None,
            Some(v) => Some(
                v.parse::<i64>()
                    .map_err(|_| format!("`after` must be a report id (a number), not “{v}”"))?,
            ),
        };
        let limit = match self.limit.as_deref() {
            None | Some("") => 100,
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    format!("`limit` must be a number from 1 to {MAX_LIMIT}, not “{v}”")
                })?,
        };
        Ok((after, limit))
    }
}

/// Reports with their category, theme and department
///
/// Every imported report in id order, a page at a time: the category the source gave, the latest
/// classifier's predicted category and confidence, whether the two disagree confidently (flagged
/// for review), the report's theme in the latest analysis run when the classifier last ran, and
/// the department its category is routed to (the given category's route, else the predicted one's).
#[utoipa::path(
    get,
    path = "/api/v1/reports",
    params(ReportsQuery),
    responses(
        (status = 200, description = "A page of reports", body = RoutedReports),
        (status = 400, description = "`after` or `limit` is not valid", body = ApiError),
    ),
)]
pub async fn reports_json(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Query(query): Query<ReportsQuery>,
) -> Response {
    let Some(viewer) = viewer_in(viewer, STAFF) else {
        return staff_only();
    };
    let (after, limit) = match query.read() {
        Ok(read) => read,
        Err(message) => return problem(StatusCode::BAD_REQUEST, message),
    };
    match categories::routed(&state.db, after, limit).await {
        Ok(page) => {
            let detail = json!({ "what": "reports.json", "after": after, "limit": limit });
            audit::note(&state.db, Some(&viewer), "export", detail).await;
            Json(page).into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "reading routed reports");
            unavailable()
        }
    }
}
