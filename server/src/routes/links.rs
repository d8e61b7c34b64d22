//! Staff forms for invitation links to instruments: make one (`POST /staff/links`) and withdraw
//! one (`/staff/links/{id}/revoke`). Both audited. The link is shown once: only its hash is kept.

use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::response::Response;
use serde_json::json;
use tower_sessions::Session;

use app::models::AppError;
use app::models::staff::{Flash, STAFF, Viewer};
use app::store::links::{self, NewLink};
use app::store::{AppState, audit, surveys};

use crate::auth::handlers::{Fields, field};
use crate::auth::{flash_redirect, form_viewer};

const LINKS: &str = "/staff/links";

/// What the form asks for, checked.
struct Request {
    slug: String,
    organization: String,
    max_uses: Option<i32>,
    days: i64,
}

/// Reads the form; `Err((field id, message))` names the first problem.
fn read(fields: &Fields) -> Result<Request, (&'static str, String)> {
    let text = |name: &str| field(fields, name).map(str::trim).unwrap_or_default();
    let organization = text("organization");
    if organization.is_empty() {
        return Err((
            "link-organization",
            "Name the organization the link is for.".into(),
        ));
    }
    if organization.chars().count() > 200 {
        return Err((
            "link-organization",
            "Shorten the organization's name to at most 200 characters.".into(),
        ));
    }
    let max_uses = match (text("uses"), text("max_uses")) {
        ("single", _) => Some(1),
        ("multi", "") => None,
        ("multi", n) => match n.parse::<i32>() {
            Ok(n) if (1..=10_000).contains(&n) => Some(n),
            _ => {
                return Err((
                    "link-max",
                    format!("“{n}” is not a number of responses from 1 to 10000."),
                ));
            }
        },
        _ => return Err(("link-single", "Choose one response or several.".into())),
    };
    let days = match text("expires_days").parse::<i64>() {
        Ok(d) if (1..=365).contains(&d) => d,
        _ => {
            return Err((
                "link-days",
                "Give the number of days the link works, from 1 to 365.".into(),
            ));
        }
    };
    Ok(Request {
        slug: text("survey").to_owned(),
        organization: organization.to_owned(),
        max_uses,
        days,
    })
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
        ["survey", "organization", "uses", "max_uses", "expires_days"]
            .into_iter()
            .fold(f, |f, name| {
                f.keep(name, field(&fields, name).unwrap_or_default())
            })
    };
    let request = match read(&fields) {
        Ok(r) => r,
        Err((id, message)) => {
            return flash_redirect(&session, LINKS, keep(Flash::error(message).on(id))).await;
        }
    };
    let survey = match surveys::current(&state.db, &request.slug).await {
        Ok(s) if links::linkable(&s) => s,
        Ok(_) | Err(AppError::NotFound) => {
            let message =
                "Choose the department or community-organization instrument the link opens.";
            return flash_redirect(
                &session,
                LINKS,
                keep(Flash::error(message).on("link-survey")),
            )
            .await;
        }
        Err(_) => return flash_redirect(&session, LINKS, keep(Flash::unavailable())).await,
    };
    let expires_at = time::OffsetDateTime::now_utc() + time::Duration::days(request.days);
    let created = links::create(
        &state.db,
        NewLink {
            survey_id: survey.survey.id,
            organization: &request.organization,
            max_uses: request.max_uses,
            expires_at,
            created_by: Some(staff.id),
        },
    )
    .await;
    let (id, token) = match created {
        Ok(made) => made,
        Err(_) => return flash_redirect(&session, LINKS, keep(Flash::unavailable())).await,
    };
    audit::note(
        &state.db,
        Some(&staff),
        "survey_link_created",
        json!({ "link": id, "survey": request.slug, "organization": request.organization, "max_uses": request.max_uses, "days": request.days }),
    )
    .await;
    let uses = match request.max_uses {
        Some(1) => "once".to_owned(),
        Some(n) => format!("for {n} responses"),
        None => "for any number of responses".to_owned(),
    };
    let message = format!(
        "Link for {}: /surveys/{}?invite={token} — it works {uses}, for {} days, and is shown only now.",
        request.organization, request.slug, request.days
    );
    flash_redirect(&session, LINKS, Flash::notice(message)).await
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
    let flash = match links::revoke(&state.db, id).await {
        Ok(true) => {
            audit::note(
                &state.db,
                Some(&staff),
                "survey_link_revoked",
                json!({ "link": id }),
            )
            .await;
            Flash::notice("Link withdrawn: it no longer opens the instrument.")
        }
        Ok(false) => Flash::error("That link was already withdrawn, or does not exist."),
        Err(_) => Flash::unavailable(),
    };
    flash_redirect(&session, LINKS, flash).await
}
