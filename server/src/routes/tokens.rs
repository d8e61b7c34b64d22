//! The account page's forms for personal API tokens: make one (`POST /account/tokens`, the token
//! shown once in the flash message) and revoke one of your own (`/account/tokens/{id}/revoke`).
//! Strategy staff only; both audited. Tokens are for `/api/v1` only (see `crate::auth`).

use axum::extract::Path;
use axum::response::Response;
use serde_json::json;
use time::{Duration, OffsetDateTime};

use app::models::staff::{Flash, STAFF};
use app::models::tokens::expiry_days;
use app::store::tokens;

use crate::auth::handlers::{Fields, field};
use crate::routes::forms::{self, Posted, Refusal, Revocation, StaffForm};

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

const KEPT: [&str; 2] = ["name", "expires"];

pub async fn create(posted: Posted) -> Result<Response, Response> {
    let form = posted.check(STAFF).await?;
    let outcome = make(&form).await;
    Ok(form.answer(ACCOUNT, &KEPT, outcome).await)
}

async fn make(form: &StaffForm) -> Result<Response, Refusal> {
    let request = read(&form.fields)?;
    let expires_at = request
        .days
        .map(|days| OffsetDateTime::now_utc() + Duration::days(days));
    let (id, token) = tokens::create(&form.state.db, form.viewer.id, &request.name, expires_at)
        .await
        .inspect_err(|err| tracing::error!(error = %err, "storing an API token"))?;
    form.audit(
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
    Ok(form.redirect(ACCOUNT, Flash::notice(message)).await)
}

pub async fn revoke(Path(id): Path<i32>, posted: Posted) -> Response {
    let revocation = Revocation {
        roles: STAFF,
        page: ACCOUNT,
        action: "api_token_revoked",
        gone: "That token was already revoked, or is not one of yours.",
    };
    forms::revoke(
        posted,
        revocation,
        async |form| tokens::revoke(&form.state.db, form.viewer.id, id).await,
        |name| {
            let message =
                format!("Token “{name}” revoked: scripts using it are refused from now on.");
            (json!({ "token": id, "name": name }), message)
        },
    )
    .await
}
