//! Actions on themes. Strategy staff's forms: add one (`POST /staff/actions`), edit one
//! (`/staff/actions/{id}`), move one to another status (`/staff/actions/{id}/status`); each goes
//! back to the page it came from (the posted `next`, if it is a page of this site) with a
//! one-time message, or with the refused field named and what was typed kept. Every change is
//! audited. And the board as an export: `GET /api/v1/actions` (JSON) and `/api/v1/actions.csv`
//! (formula-safe CSV), by department and/or goal.

use axum::extract::{Extension, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use app::models::staff::{Flash, STAFF, Viewer};
use app::models::strategy::{ACTION_FIELDS, ActionInput, ActionStatus, ActionView, BoardFilter};
use app::store::{AppState, actions, audit, strategy};

use super::exports::{ApiError, problem, staff_only, unavailable};
use super::spreadsheet::text;
use crate::auth::handlers::safe_next;
use crate::auth::viewer_in;
use crate::routes::forms::{Posted, Refusal, StaffForm};

/// Where a form goes back to when it names no page of this site.
const BOARD: &str = "/staff/actions";

/// The action forms' routes, to merge into the application's router.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/actions", post(create))
        .route("/staff/actions/{id}", post(update))
        .route("/staff/actions/{id}/status", post(move_status))
}

/// The page the form came from (its `next` field), if it is one of this site's.
fn next_of(form: &StaffForm) -> String {
    safe_next(Some(form.text("next"))).unwrap_or_else(|| BOARD.to_owned())
}

/// Reads the action form with `key` (`new`, or the action's id); `theme` is the theme of the
/// action being edited. The department must exist, and be in use unless the action already
/// had it.
async fn input_of(
    form: &StaffForm,
    key: &str,
    theme: Option<&str>,
    had_department: Option<i32>,
) -> Result<ActionInput, Refusal> {
    let input = ActionInput::read(key, |name| form.text(name).to_owned(), theme)
        .map_err(|(field, message)| Refusal::Field(field, message))?;
    if let Some(id) = input.department_id {
        let field = app::models::strategy::action_field(key, "department");
        match strategy::department(&form.state.db, id).await? {
            None => {
                return Err(Refusal::on(
                    &field,
                    "Owning department: that department no longer exists; choose another.",
                ));
            }
            Some(d) if d.archived && had_department != Some(id) => {
                return Err(Refusal::on(
                    &field,
                    format!(
                        "Owning department: “{}” is archived; choose a department in use.",
                        d.name
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(input)
}

/// The audit detail of an action.
fn detail(action: &ActionView) -> serde_json::Value {
    json!({
        "action": action.id,
        "theme": action.theme_id,
        "title": action.title,
        "department": action.department_id,
        "status": action.status.as_str(),
        "starts_on": action.starts_on,
        "due_on": action.due_on,
    })
}

/// Checks the form (token, strategy staff), runs `change`, and goes back to the form's page with
/// its message, or with the refusal and what was typed.
async fn handle(
    posted: Posted,
    change: impl AsyncFnOnce(&StaffForm) -> Result<String, Refusal>,
) -> Result<Response, Response> {
    let form = posted.check(STAFF).await?;
    let next = next_of(&form);
    let outcome = match change(&form).await {
        Ok(message) => Ok(form.redirect(&next, Flash::notice(message)).await),
        Err(refusal) => Err(refusal),
    };
    Ok(form.answer(&next, &ACTION_FIELDS, outcome).await)
}

pub async fn create(posted: Posted) -> Result<Response, Response> {
    handle(posted, async |form| {
        let input = input_of(form, "new", None, None).await?;
        let action = actions::create(&form.state.db, &input, form.viewer.id).await?;
        form.audit("action_created", detail(&action)).await;
        Ok(format!(
            "Action “{}” added to theme {} ({}).",
            action.title,
            action.theme_id,
            action.status.label()
        ))
    })
    .await
}

pub async fn update(Path(id): Path<i32>, posted: Posted) -> Result<Response, Response> {
    handle(posted, async |form| {
        let gone = || Refusal::Form("That action no longer exists.".to_owned());
        let stored = actions::get(&form.state.db, id).await?.ok_or_else(gone)?;
        let key = id.to_string();
        let input = input_of(form, &key, Some(&stored.theme_id), stored.department_id).await?;
        let (before, after) = actions::update(&form.state.db, id, &input, form.viewer.id)
            .await?
            .ok_or_else(gone)?;
        form.audit(
            "action_updated",
            json!({ "action": id, "from": detail(&before), "to": detail(&after) }),
        )
        .await;
        Ok(format!("Action “{}” saved.", after.title))
    })
    .await
}

pub async fn move_status(Path(id): Path<i32>, posted: Posted) -> Result<Response, Response> {
    handle(posted, async |form| {
        let status: ActionStatus = form
            .text("status")
            .parse()
            .map_err(|e: app::models::strategy::UnknownStatus| {
                Refusal::on(&format!("move-{id}"), format!("Status: {e}."))
            })?;
        let (action, was) = actions::move_status(&form.state.db, id, status, form.viewer.id)
            .await?
            .ok_or_else(|| Refusal::Form("That action no longer exists.".to_owned()))?;
        form.audit(
            "action_status_moved",
            json!({ "action": id, "theme": action.theme_id, "from": was.as_str(), "to": status.as_str() }),
        )
        .await;
        Ok(format!(
            "“{}” moved from {} to {}.",
            action.title,
            was.label(),
            status.label()
        ))
    })
    .await
}

/// The board's query as sent: each a number or empty.
#[derive(Deserialize)]
pub struct BoardQuery {
    department: Option<String>,
    goal: Option<String>,
}

impl BoardQuery {
    /// The filter, or why not (which parameter is not an id).
    fn filter(&self) -> Result<BoardFilter, String> {
        let id = |name: &str, value: &Option<String>| match value.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => v
                .parse::<i32>()
                .map(Some)
                .map_err(|_| format!("`{name}` must be a {name} id (a number), not “{v}”")),
        };
        Ok(BoardFilter {
            department: id("department", &self.department)?,
            goal: id("goal", &self.goal)?,
        })
    }
}

/// The one path of both exports: strategy staff only, the filter read, the board loaded,
/// rendered, and then noted in the audit log.
async fn export(
    state: &AppState,
    viewer: Option<Extension<Viewer>>,
    query: &BoardQuery,
    what: &str,
    render: impl FnOnce(Vec<ActionView>) -> Option<Response>,
) -> Response {
    let Some(viewer) = viewer_in(viewer, STAFF) else {
        return staff_only();
    };
    let filter = match query.filter() {
        Ok(filter) => filter,
        Err(message) => return problem(StatusCode::BAD_REQUEST, message),
    };
    let Ok(board) = actions::board(&state.db, &filter).await else {
        return unavailable();
    };
    let Some(response) = render(board) else {
        return unavailable();
    };
    audit::note(
        &state.db,
        Some(&viewer),
        "export",
        json!({ "what": what, "department": filter.department, "goal": filter.goal }),
    )
    .await;
    response
}

/// Actions, by department and/or goal
///
/// Every action (or a department's, or those of the themes tied to a goal), soonest due first.
#[utoipa::path(
    get,
    path = "/api/v1/actions",
    params(BoardFilter),
    responses(
        (status = 200, description = "The actions", body = [ActionView]),
        (status = 400, description = "`department` or `goal` is not a number", body = ApiError),
    ),
)]
pub async fn actions_json(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Query(query): Query<BoardQuery>,
) -> Response {
    export(&state, viewer, &query, "actions.json", |board| {
        Some(Json(board).into_response())
    })
    .await
}

/// The board as CSV bytes; every cell people wrote is made formula-safe.
pub fn actions_csv(board: &[ActionView]) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "id",
        "theme_id",
        "theme_name",
        "title",
        "department",
        "status",
        "starts_on",
        "due_on",
        "overdue",
        "public_summary",
        "updated_at",
    ])?;
    for a in board {
        out.write_record([
            a.id.to_string(),
            text(&a.theme_id).into_owned(),
            text(a.theme_name.as_deref().unwrap_or_default()).into_owned(),
            text(&a.title).into_owned(),
            text(a.department.as_deref().unwrap_or_default()).into_owned(),
            a.status.as_str().to_owned(),
            a.starts_on.clone().unwrap_or_default(),
            a.due_on.clone().unwrap_or_default(),
            if a.overdue { "yes" } else { "no" }.to_owned(),
            text(&a.public_summary).into_owned(),
            a.updated_at.clone(),
        ])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// Actions as CSV, by department and/or goal
///
/// One row per action; cells people wrote that would open as a formula start with `'`.
#[utoipa::path(
    get,
    path = "/api/v1/actions.csv",
    params(BoardFilter),
    responses(
        (status = 200, description = "The actions as CSV", content_type = "text/csv", body = String,
            headers(("content-disposition" = String, description = "`attachment; filename=\"needscope-actions.csv\"`"))),
        (status = 400, description = "`department` or `goal` is not a number", body = ApiError),
    ),
)]
pub async fn actions_csv_export(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Query(query): Query<BoardQuery>,
) -> Response {
    export(&state, viewer, &query, "actions.csv", |board| {
        let bytes = actions_csv(&board).ok()?;
        Some(
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"needscope-actions.csv\"",
                    ),
                ],
                bytes,
            )
                .into_response(),
        )
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_queries_name_the_parameter_that_is_not_an_id() {
        let query = BoardQuery {
            department: Some("parks".into()),
            goal: None,
        };
        let err = query.filter().unwrap_err();
        assert!(
            err.contains("`department` must be a department id"),
            "{err}"
        );
        let empty = BoardQuery {
            department: Some(String::new()),
            goal: Some("3".into()),
        };
        assert_eq!(
            empty.filter(),
            Ok(BoardFilter {
                department: None,
                goal: Some(3)
            })
        );
    }
}
