//! The JSON API and exports for strategy staff (`/api/v1`, staff session required; the route
//! table refuses everyone else before these run): themes with priorities as CSV and JSON, a
//! suppressed breakdown and the closed questions' distributions as CSV, a run's audit record, the
//! list of runs, and the OpenAPI document. Every export is audited.

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use app::models::dashboard::{DashboardData, DashboardFilter};
use app::models::staff::{STAFF, Viewer};
use app::store::runs::{self as log, minute};
use app::store::{AppState, audit};

use crate::auth::viewer_in;
use crate::runs::{self, logged_scope};

fn problem(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// The refusal of a viewer who is not strategy staff (the route table refuses them first; the
/// handlers check again).
fn staff_only() -> Response {
    problem(StatusCode::FORBIDDEN, "strategy staff only")
}

fn unavailable() -> Response {
    problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "the service is unavailable, please try again shortly",
    )
}

async fn dashboard_of(state: &AppState, id: i32) -> Result<DashboardData, Response> {
    let filter = DashboardFilter {
        run: Some(id),
        ..DashboardFilter::default()
    };
    match state.dashboards.dashboard(state.db.clone(), filter).await {
        Ok(Some(data)) if data.run_id == id => Ok(data),
        Ok(_) => Err(problem(
            StatusCode::NOT_FOUND,
            format!("there is no analysis run {id}"),
        )),
        Err(_) => Err(unavailable()),
    }
}

async fn audited(state: &AppState, viewer: &Viewer, what: &str, run: Option<i32>) {
    audit::note(
        &state.db,
        Some(viewer),
        "export",
        json!({ "what": what, "run": run }),
    )
    .await;
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

/// The themes table as CSV bytes.
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
    ])?;
    for t in &data.themes {
        let w = t.weighted_share;
        let p = t.priority;
        let quote = t.quotes.first();
        out.write_record([
            t.rank.map_or_else(String::new, |r| r.to_string()),
            t.id.clone(),
            t.label.clone(),
            t.keywords.join("; "),
            t.respondents.to_string(),
            format!("{:.6}", t.share),
            opt(w.map(|e| e.value)),
            opt(w.and_then(|e| e.lower)),
            opt(w.and_then(|e| e.upper)),
            opt(p.map(|e| e.value)),
            opt(p.and_then(|e| e.lower)),
            opt(p.and_then(|e| e.upper)),
            t.suppressed.clone().unwrap_or_default(),
            quote.map(|q| q.text.clone()).unwrap_or_default(),
            quote.map(|q| q.lang.clone()).unwrap_or_default(),
        ])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

pub async fn themes_csv_export(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(id): Path<i32>,
) -> Response {
    let Some(viewer) = viewer_in(viewer, STAFF) else {
        return staff_only();
    };
    let data = match dashboard_of(&state, id).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let Ok(bytes) = themes_csv(&data) else {
        return unavailable();
    };
    audited(&state, &viewer, "themes.csv", Some(id)).await;
    csv_response(format!("needscope-run-{id}-themes.csv"), bytes)
}

pub async fn themes_json_export(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(id): Path<i32>,
) -> Response {
    let Some(viewer) = viewer_in(viewer, STAFF) else {
        return staff_only();
    };
    let mut data = match dashboard_of(&state, id).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    data.runs.clear();
    audited(&state, &viewer, "themes.json", Some(id)).await;
    Json(data).into_response()
}

#[derive(Deserialize)]
pub struct By {
    by: Option<String>,
}

pub async fn breakdown_csv_export(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(id): Path<i32>,
    Query(By { by }): Query<By>,
) -> Response {
    let Some(viewer) = viewer_in(viewer, STAFF) else {
        return staff_only();
    };
    let Some(variable) = by.filter(|v| !v.trim().is_empty()) else {
        return problem(
            StatusCode::BAD_REQUEST,
            "name the variable to break down by: ?by=council_district",
        );
    };
    let row = match log::get(&state.db, id).await {
        Ok(Some(row)) => row,
        Ok(None) => {
            return problem(
                StatusCode::NOT_FOUND,
                format!("there is no analysis run {id}"),
            );
        }
        Err(_) => return unavailable(),
    };
    let breakdown = match runs::breakdown(&state.db, &row, &variable).await {
        Ok(b) => b,
        Err(err) => return problem(StatusCode::UNPROCESSABLE_ENTITY, format!("{err:#}")),
    };
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["theme_id".to_owned()];
    header.extend(breakdown.columns.iter().map(|c| c.category.clone()));
    let mut ok = out.write_record(&header).is_ok();
    for (theme, cells) in breakdown.themes.iter().zip(&breakdown.cells) {
        let mut record = vec![theme.clone()];
        record.extend(cells.iter().map(|c| {
            c.share
                .map_or_else(|| "suppressed".to_owned(), |s| format!("{s:.6}"))
        }));
        ok &= out.write_record(&record).is_ok();
    }
    let Ok(bytes) = out.into_inner() else {
        return unavailable();
    };
    if !ok {
        return unavailable();
    }
    audited(&state, &viewer, "breakdown.csv", Some(id)).await;
    csv_response(format!("needscope-run-{id}-by-{variable}.csv"), bytes)
}

/// A run's audit record: what went in, how, and what came out (hashes), without the model.
pub async fn audit_json_export(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(id): Path<i32>,
) -> Response {
    let Some(viewer) = viewer_in(viewer, STAFF) else {
        return staff_only();
    };
    let row = match log::get(&state.db, id).await {
        Ok(Some(row)) => row,
        Ok(None) => {
            return problem(
                StatusCode::NOT_FOUND,
                format!("there is no analysis run {id}"),
            );
        }
        Err(_) => return unavailable(),
    };
    let scope = logged_scope(&row).map(|s| s.describe()).unwrap_or_default();
    let parameters = row.themes.get("parameters").cloned().unwrap_or(Value::Null);
    let record = json!({
        "run": row.id,
        "created_at": minute(row.created_at),
        "last_response_id": row.last_response_id,
        "last_report_id": row.last_report_id,
        "scope": scope,
        "input_hash": row.input_hash,
        "previous_run_id": row.previous_run_id,
        "encoder": row.encoder,
        "parameters": parameters,
        "weighting_version": row.weighting_version,
        "weighting_problem": row.weighting_problem,
        "result_sha256": row.result_sha256,
        "verify_with": format!("needscope runs verify {}", row.id),
    });
    audited(&state, &viewer, "audit.json", Some(id)).await;
    Json(record).into_response()
}

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
                .map(|(id, at, last, input, weighting, result)| {
                    json!({ "run": id, "created_at": minute(at), "last_response_id": last, "input_hash": input, "weighting_version": weighting, "result_sha256": result })
                })
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
                d.survey.clone(),
                d.key.clone(),
                d.prompt.clone(),
                d.multiple.to_string(),
                count(d.answered),
                count(d.skipped),
                d.not_asked.map_or_else(String::new, |n| n.to_string()),
                o.value.clone(),
                o.label.clone(),
                count(o.count),
                share(o.share),
                d.weighted_respondents
                    .map_or_else(String::new, |_| share(o.weighted_share)),
            ])?;
        }
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

pub async fn closed_csv_export(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(id): Path<i32>,
) -> Response {
    let Some(viewer) = viewer_in(viewer, STAFF) else {
        return staff_only();
    };
    let data = match dashboard_of(&state, id).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let Ok(bytes) = closed_csv(&data) else {
        return unavailable();
    };
    audited(&state, &viewer, "closed.csv", Some(id)).await;
    csv_response(format!("needscope-run-{id}-closed-questions.csv"), bytes)
}

pub async fn openapi() -> Json<Value> {
    Json(super::openapi::document())
}
