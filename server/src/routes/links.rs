//! Staff forms for invitation links to instruments: make one (`POST /staff/links`) and withdraw
//! one (`/staff/links/{id}/revoke`). Both audited. The link is shown once: only its hash is kept.

use axum::extract::Path;
use axum::response::Response;
use serde_json::json;

use app::models::staff::{Flash, STAFF};
use app::store::links::{self, NewLink};
use app::store::surveys;

use crate::auth::handlers::{Fields, field};
use crate::routes::forms::{self, Posted, Refusal, Revocation, StaffForm};

const LINKS: &str = "/staff/links";
/// The form's fields kept when it is sent back.
const KEPT: [&str; 5] = ["survey", "organization", "uses", "max_uses", "expires_days"];

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

pub async fn create(posted: Posted) -> Result<Response, Response> {
    let form = posted.check(STAFF).await?;
    let outcome = make(&form).await;
    Ok(form.answer(LINKS, &KEPT, outcome).await)
}

async fn make(form: &StaffForm) -> Result<Response, Refusal> {
    let request = read(&form.fields)?;
    let survey = forms::found(surveys::current(&form.state.db, &request.slug).await)?
        .filter(links::linkable)
        .ok_or_else(|| {
            Refusal::on(
                "link-survey",
                "Choose the department or community-organization instrument the link opens.",
            )
        })?;
    let expires_at = time::OffsetDateTime::now_utc() + time::Duration::days(request.days);
    let link = NewLink {
        survey_id: survey.survey.id,
        organization: &request.organization,
        max_uses: request.max_uses,
        expires_at,
        created_by: Some(form.viewer.id),
    };
    let (id, token) = links::create(&form.state.db, link).await?;
    form.audit(
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
    Ok(form.redirect(LINKS, Flash::notice(message)).await)
}

pub async fn revoke(Path(id): Path<i32>, posted: Posted) -> Response {
    let revocation = Revocation {
        roles: STAFF,
        page: LINKS,
        action: "survey_link_revoked",
        gone: "That link was already withdrawn, or does not exist.",
    };
    forms::revoke(
        posted,
        revocation,
        async |form| Ok(links::revoke(&form.state.db, id).await?.then_some(())),
        |()| {
            let message = "Link withdrawn: it no longer opens the instrument.";
            (json!({ "link": id }), message.to_owned())
        },
    )
    .await
}
