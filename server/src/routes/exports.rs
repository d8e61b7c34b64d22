//! The JSON API and exports for strategy staff (`/api/v1`, staff session or API token required;
//! the route table refuses everyone else before these run): themes with priorities as CSV and
//! JSON, a suppressed breakdown and the closed questions' distributions as CSV, a run's audit
//! record, and the list of runs. Every export goes through [`export`], which checks the viewer and
//! audits it. Each handler's `#[utoipa::path]` is its entry in the OpenAPI document and its route
//! (see [`super::openapi`]).

use std::future::Future;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};

use analysis::weighting::Breakdown;
use app::models::curation::NameSource;
use app::models::dashboard::{DashboardData, DashboardFilter};
use app::models::staff::{STAFF, Viewer};
use app::store::entities::analysis_run;
use app::store::runs::{self as log, minute};
use app::store::{AppState, audit};

use super::spreadsheet::text;
use crate::auth::viewer_in;
use crate::dashboard::Dashboards;
use crate::runs::logged_scope;

/// The body of every refusal and failure of the API.
#[derive(Serialize, ToSchema)]
#[schema(as = Error)]
pub struct ApiError {
    /// What went wrong, for people.
    pub error: String,
}

/// An API refusal or failure: `status` with an [`ApiError`] body.
pub fn problem(status: StatusCode, message: impl Into<String>) -> Response {
    (
        status,
        Json(ApiError {
            error: message.into(),
        }),
    )
        .into_response()
}

/// The refusal of a viewer who is not strategy staff (the route table refuses them first; the
/// handlers check again).
pub fn staff_only() -> Response {
    problem(StatusCode::FORBIDDEN, "strategy staff only")
}

/// The database failed (the cause is logged by the caller).
pub fn unavailable() -> Response {
    problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "the service is unavailable, please try again shortly",
    )
}

fn no_run(id: i32) -> Response {
    problem(
        StatusCode::NOT_FOUND,
        format!("there is no analysis run {id}"),
    )
}

/// The analysis run an export is of (`/api/v1/runs/{id}/…`).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct RunId {
    /// Analysis run id.
    id: i32,
}

async fn dashboard_of(state: &AppState, id: i32) -> Result<DashboardData, Response> {
    let filter = DashboardFilter {
        run: Some(id),
        ..DashboardFilter::default()
    };
    match state.dashboards.dashboard(state.db.clone(), filter).await {
        Ok(Some(data)) if data.run_id == id => Ok(data),
        Ok(_) => Err(no_run(id)),
        Err(_) => Err(unavailable()),
    }
}

async fn run_row(state: &AppState, id: i32) -> Result<analysis_run::Model, Response> {
    match log::get(&state.db, id).await {
        Ok(Some(row)) => Ok(row),
        Ok(None) => Err(no_run(id)),
        Err(_) => Err(unavailable()),
    }
}

/// The one path of every export of run `id`: strategy staff only, then `load` the run's data,
/// `render` it (`None`: it could not be written, 503), and only once it rendered note the export
/// (`what`) in the audit log. `load` is not started before the viewer is checked.
async fn export<D>(
    state: &AppState,
    viewer: Option<Extension<Viewer>>,
    what: &str,
    id: i32,
    load: impl Future<Output = Result<D, Response>>,
    render: impl FnOnce(D) -> Option<Response>,
) -> Response {
    let Some(viewer) = viewer_in(viewer, STAFF) else {
        return staff_only();
    };
    let data = match load.await {
        Ok(data) => data,
        Err(refusal) => return refusal,
    };
    let Some(response) = render(data) else {
        return unavailable();
    };
    audit::note(
        &state.db,
        Some(&viewer),
        "export",
        json!({ "what": what, "run": id }),
    )
    .await;
    response
}

/// A CSV download named `name`, if it could be written.
fn csv_file<E>(name: String, bytes: Result<Vec<u8>, E>) -> Option<Response> {
    bytes.ok().map(|bytes| csv_response(name, bytes))
}

fn csv_response(name: String, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| format!("{v:.6}"))
}

/// The themes table as CSV bytes: the curated view (staff names, status, merges, splits,
/// department and goals in the last columns; `label` is the keyword label the run logged).
pub fn themes_csv(data: &DashboardData) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "rank",
        "theme_id",
        "label",
        "keywords",
        "respondents",
        "share",
        "weighted_share",
        "weighted_share_ci90_lower",
        "weighted_share_ci90_upper",
        "priority",
        "priority_ci90_lower",
        "priority_ci90_upper",
        "suppressed",
        "quote_1",
        "quote_1_language",
        "name",
        "name_set_by_staff",
        "status",
        "shown_with",
        "split_from",
        "department",
        "goals",
        "description",
    ])?;
    for t in &data.themes {
        let w = t.weighted_share;
        let p = t.priority;
        let quote = t.quotes.first();
        out.write_record([
            t.rank.map_or_else(String::new, |r| r.to_string()),
            t.id.clone(),
            text(&t.label).into_owned(),
            text(&t.keywords.join("; ")).into_owned(),
            t.respondents.to_string(),
            format!("{:.6}", t.share),
            opt(w.map(|e| e.value)),
            opt(w.and_then(|e| e.lower)),
            opt(w.and_then(|e| e.upper)),
            opt(p.map(|e| e.value)),
            opt(p.and_then(|e| e.lower)),
            opt(p.and_then(|e| e.upper)),
            t.suppressed.clone().unwrap_or_default(),
            quote
                .map(|q| text(&q.text).into_owned())
                .unwrap_or_default(),
            quote.map(|q| q.lang.clone()).unwrap_or_default(),
            text(&t.name).into_owned(),
            matches!(t.named_by, NameSource::Staff { .. }).to_string(),
            t.status.as_str().to_owned(),
            t.merged
                .iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            t.split_from.clone().unwrap_or_default(),
            text(t.department.as_deref().unwrap_or_default()).into_owned(),
            text(&t.goals.join("; ")).into_owned(),
            text(t.description.as_deref().unwrap_or_default()).into_owned(),
        ])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// Themes with priorities and 90% intervals as CSV
///
/// One row per theme, ranked by equity-weighted priority; suppressed themes have empty weighted
/// columns.
#[utoipa::path(
    get,
    path = "/api/v1/runs/{id}/themes.csv",
    params(RunId),
    responses(
        (status = 200, description = "Themes as CSV", content_type = "text/csv", body = String,
            headers(("content-disposition" = String, description = "`attachment; filename=\"needscope-run-{id}-themes.csv\"`"))),
        (status = 404, description = "No such run", body = ApiError),
    ),
)]
pub async fn themes_csv_export(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(RunId { id }): Path<RunId>,
) -> Response {
    export(
        &state,
        viewer,
        "themes.csv",
        id,
        dashboard_of(&state, id),
        |data| csv_file(format!("needscope-run-{id}-themes.csv"), themes_csv(&data)),
    )
    .await
}

/// Themes ranked by priority, with intervals, quotes, streams, trend, sensitivity and district
/// breakdown
///
/// The dashboard's data for the run, without the list of other runs (`runs` is empty).
#[utoipa::path(
    get,
    path = "/api/v1/runs/{id}/themes.json",
    params(RunId),
    responses(
        (status = 200, description = "The dashboard's data", body = DashboardData),
        (status = 404, description = "No such run", body = ApiError),
    ),
)]
pub async fn themes_json_export(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(RunId { id }): Path<RunId>,
) -> Response {
    export(
        &state,
        viewer,
        "themes.json",
        id,
        dashboard_of(&state, id),
        |mut data| {
            data.runs.clear();
            Some(Json(data).into_response())
        },
    )
    .await
}

/// The variable a breakdown is by.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct By {
    /// A survey variable the run weighted by, or `council_district`.
    #[param(required = true, example = "council_district")]
    by: Option<String>,
}

/// Raked × equity theme shares by a variable as CSV, small cells suppressed
///
/// One row per theme, one column per category of the variable; suppressed cells say
/// `suppressed`.
#[utoipa::path(
    get,
    path = "/api/v1/runs/{id}/breakdown.csv",
    params(RunId, By),
    responses(
        (status = 200, description = "The breakdown as CSV", content_type = "text/csv", body = String,
            headers(("content-disposition" = String, description = "`attachment; filename=\"needscope-run-{id}-by-{by}.csv\"`"))),
        (status = 400, description = "No variable named (`by` is missing or empty)", body = ApiError),
        (status = 404, description = "No such run", body = ApiError),
        (status = 422, description = "The run cannot be broken down by that variable (the `error` says why)", body = ApiError),
    ),
)]
pub async fn breakdown_csv_export(
    State(state): State<AppState>,
    Extension(dashboards): Extension<Arc<Dashboards>>,
    viewer: Option<Extension<Viewer>>,
    Path(RunId { id }): Path<RunId>,
    Query(By { by }): Query<By>,
) -> Response {
    let load = async {
        let Some(variable) = by.filter(|v| !v.trim().is_empty()) else {
            return Err(problem(
                StatusCode::BAD_REQUEST,
                "name the variable to break down by: ?by=council_district",
            ));
        };
        match dashboards.breakdown(&state.db, id, &variable).await {
            Ok(Some(breakdown)) => Ok((variable, breakdown)),
            Ok(None) => Err(no_run(id)),
            Err(err) => Err(problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("{err:#}"),
            )),
        }
    };
    export(
        &state,
        viewer,
        "breakdown.csv",
        id,
        load,
        |(variable, breakdown)| {
            csv_file(
                format!("needscope-run-{id}-by-{variable}.csv"),
                breakdown_csv(&breakdown),
            )
        },
    )
    .await
}

/// The breakdown table as CSV bytes.
fn breakdown_csv(breakdown: &Breakdown) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["theme_id".to_owned()];
    header.extend(
        breakdown
            .columns
            .iter()
            .map(|c| text(&c.category).into_owned()),
    );
    out.write_record(&header)?;
    for (theme, cells) in breakdown.themes.iter().zip(&breakdown.cells) {
        let mut record = vec![text(theme).into_owned()];
        record.extend(cells.iter().map(|c| {
            c.share
                .map_or_else(|| "suppressed".to_owned(), |s| format!("{s:.6}"))
        }));
        out.write_record(&record)?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// A run's audit record: what went into it, how, and the hashes that `needscope runs verify`
/// checks (the fitted model is left out).
#[derive(Serialize, ToSchema)]
pub struct AuditRecord {
    /// The run's id.
    pub run: i32,
    /// When it ran (`YYYY-MM-DD HH:MM UTC`).
    pub created_at: String,
    /// The last survey response it read.
    pub last_response_id: i64,
    /// The last resident report it read.
    pub last_report_id: Option<i64>,
    /// What it analysed (streams, dates), for people.
    pub scope: String,
    /// SHA-256 of its input.
    pub input_hash: String,
    /// The run it followed, whose themes it kept where they matched.
    pub previous_run_id: Option<i32>,
    /// The text encoder it used.
    pub encoder: Option<String>,
    /// The parameters of the theme model.
    pub parameters: Value,
    /// The weighting it used.
    pub weighting_version: Option<i32>,
    /// Why it is not equity-weighted, if it is not.
    pub weighting_problem: Option<String>,
    /// SHA-256 of its result.
    pub result_sha256: String,
    /// The command that checks the hashes.
    pub verify_with: String,
}

impl AuditRecord {
    fn of(row: &analysis_run::Model) -> Self {
        Self {
            run: row.id,
            created_at: minute(row.created_at),
            last_response_id: row.last_response_id,
            last_report_id: row.last_report_id,
            scope: logged_scope(row).map(|s| s.describe()).unwrap_or_default(),
            input_hash: row.input_hash.clone(),
            previous_run_id: row.previous_run_id,
            encoder: row.encoder.clone(),
            parameters: row.themes.get("parameters").cloned().unwrap_or(Value::Null),
            weighting_version: row.weighting_version,
            weighting_problem: row.weighting_problem.clone(),
            result_sha256: row.result_sha256.clone(),
            verify_with: format!("needscope runs verify {}", row.id),
        }
    }
}

/// What went into a run, how, and the hashes that `needscope runs verify` checks
#[utoipa::path(
    get,
    path = "/api/v1/runs/{id}/audit.json",
    params(RunId),
    responses(
        (status = 200, description = "The run's audit record", body = AuditRecord),
        (status = 404, description = "No such run", body = ApiError),
    ),
)]
pub async fn audit_json_export(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(RunId { id }): Path<RunId>,
) -> Response {
    export(
        &state,
        viewer,
        "audit.json",
        id,
        run_row(&state, id),
        |row| Some(Json(AuditRecord::of(&row)).into_response()),
    )
    .await
}

/// An analysis run in the list of runs.
#[derive(Serialize, ToSchema)]
pub struct RunSummary {
    /// The run's id.
    pub run: i32,
    /// When it ran (`YYYY-MM-DD HH:MM UTC`).
    pub created_at: String,
    /// The last survey response it read.
    pub last_response_id: i64,
    /// SHA-256 of its input.
    pub input_hash: String,
    /// The weighting it used.
    pub weighting_version: Option<i32>,
    /// SHA-256 of its result.
    pub result_sha256: String,
}

/// Analysis runs, newest first
#[utoipa::path(
    get,
    path = "/api/v1/runs",
    responses((status = 200, description = "The runs", body = [RunSummary])),
)]
pub async fn runs_list(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
) -> Response {
    if viewer_in(viewer, STAFF).is_none() {
        return staff_only();
    }
    match log::list(&state.db).await {
        Ok(rows) => Json(
            rows.into_iter()
                .map(
                    |(run, at, last_response_id, input_hash, weighting_version, result_sha256)| {
                        RunSummary {
                            run,
                            created_at: minute(at),
                            last_response_id,
                            input_hash,
                            weighting_version,
                            result_sha256,
                        }
                    },
                )
                .collect::<Vec<_>>(),
        )
        .into_response(),
        Err(_) => unavailable(),
    }
}

/// Every closed question's distribution as CSV bytes: one row per answer option, suppressed
/// figures written as `suppressed`, weighted shares empty where the run is not weighted.
pub fn closed_csv(data: &DashboardData) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "survey",
        "question_key",
        "question",
        "several_allowed",
        "answered",
        "skipped",
        "not_asked",
        "option_value",
        "option_label",
        "respondents",
        "share",
        "weighted_share",
    ])?;
    let count = |n: Option<u64>| n.map_or_else(|| "suppressed".to_owned(), |n| n.to_string());
    let share = |v: Option<f64>| v.map_or_else(|| "suppressed".to_owned(), |v| format!("{v:.6}"));
    for d in &data.closed.distributions {
        for o in &d.options {
            out.write_record([
                text(&d.survey).into_owned(),
                text(&d.key).into_owned(),
                text(&d.prompt).into_owned(),
                d.multiple.to_string(),
                count(d.answered),
                count(d.skipped),
                d.not_asked.map_or_else(String::new, |n| n.to_string()),
                text(&o.value).into_owned(),
                text(&o.label).into_owned(),
                count(o.count),
                share(o.share),
                d.weighted_respondents
                    .map_or_else(String::new, |_| share(o.weighted_share)),
            ])?;
        }
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// Every closed question's distribution as CSV, small cells suppressed
///
/// One row per answer option: respondents, share, raking-weighted share.
#[utoipa::path(
    get,
    path = "/api/v1/runs/{id}/closed.csv",
    params(RunId),
    responses(
        (status = 200, description = "The distributions as CSV", content_type = "text/csv", body = String,
            headers(("content-disposition" = String, description = "`attachment; filename=\"needscope-run-{id}-closed-questions.csv\"`"))),
        (status = 404, description = "No such run", body = ApiError),
    ),
)]
pub async fn closed_csv_export(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(RunId { id }): Path<RunId>,
) -> Response {
    export(
        &state,
        viewer,
        "closed.csv",
        id,
        dashboard_of(&state, id),
        |data| {
            csv_file(
                format!("needscope-run-{id}-closed-questions.csv"),
                closed_csv(&data),
            )
        },
    )
    .await
}
