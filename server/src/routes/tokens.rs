//! The account page's forms for personal API tokens: make one (`POST /account/tokens`, the token
//! shown once in the flash message) and revoke one of your own (`/account/tokens/{id}/revoke`).
//! Strategy staff only; both audited. Tokens are for `/api/v1` only (see `crate::auth`).

use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::response::Response;
use serde_json::json;
use time::{Duration, OffsetDateTime};
use tower_sessions::Session;

use app::models::staff::{Flash, STAFF, Viewer};
use app::models::tokens::expiry_days;
use app::store::{AppState, audit, tokens};

use crate::auth::handlers::{Fields, field};
use crate::auth::{flash_redirect, form_viewer};

const ACCOUNT: &str = "/account";

/// What the form asks for, checked.
struct Request {
    name: String,
    /// `None`: never expires.
    days: Option<i64>,
}

/// Reads the form; `Err((field id, message))` names the first problem.
fn read(fields: &Fields) -> Result<Request, (&'static str, String)> {
    let name = tokens::check_name(field(fields, "name").unwrap_or_default())
        .map_err(|message| ("token-name", message))?;
    let Some(days) = expiry_days(field(fields, "expires").unwrap_or_default()) else {
        return Err((
            "token-expires",
            "Choose when the token expires: after 30, 90 or 365 days, or never.".into(),
        ));
    };
    Ok(Request { name, days })
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let staff = match form_viewer(&session, &fields, viewer, STAFF).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let keep = |f: Flash| {
        ["name", "expires"].into_iter().fold(f, |f, name| {
            f.keep(name, field(&fields, name).unwrap_or_default())
        })
    };
    let request = match read(&fields) {
        Ok(r) => r,
        Err((id, message)) => {
            return flash_redirect(&session, ACCOUNT, keep(Flash::error(message).on(id))).await;
        }
    };
    let expires_at = request
        .days
        .map(|days| OffsetDateTime::now_utc() + Duration::days(days));
    let (id, token) = match tokens::create(&state.db, staff.id, &request.name, expires_at).await {
        Ok(made) => made,
        Err(err) => {
            tracing::error!(error = %err, "storing an API token");
            return flash_redirect(&session, ACCOUNT, keep(Flash::unavailable())).await;
        }
    };
    audit::note(
        &state.db,
        Some(&staff),
        "api_token_created",
        json!({ "token": id, "name": request.name, "days": request.days }),
    )
    .await;
    let lasts = match request.days {
        Some(days) => format!("works for {days} days"),
        None => "does not expire".to_owned(),
    };
    let message = format!(
        "Token “{}” made; it {lasts}. Copy it now, it is not shown again: {token}",
        request.name
    );
    flash_redirect(&session, ACCOUNT, Flash::notice(message)).await
}

pub async fn revoke(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(id): Path<i32>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let staff = match form_viewer(&session, &fields, viewer, STAFF).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let flash = match tokens::revoke(&state.db, staff.id, id).await {
        Ok(Some(name)) => {
            audit::note(
                &state.db,
                Some(&staff),
                "api_token_revoked",
                json!({ "token": id, "name": name }),
            )
            .await;
            Flash::notice(format!(
                "Token “{name}” revoked: scripts using it are refused from now on."
            ))
        }
        Ok(None) => Flash::error("That token was already revoked, or is not one of yours."),
        Err(err) => {
            tracing::error!(error = %err, "revoking an API token");
            Flash::unavailable()
        }
    };
    flash_redirect(&session, ACCOUNT, flash).await
}
