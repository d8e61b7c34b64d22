//! Administrator forms: invite someone, withdraw an invitation, change a role or disable an
//! account (which ends its sessions and revokes its API tokens). Every change is audited; the last
//! enabled administrator cannot be demoted or disabled.

use axum::extract::Path;
use axum::response::Response;
use serde_json::json;

use app::models::SurveyStatus;
use app::models::staff::{ADMINS, Flash, Role, STAFF};
use app::store::{staff, surveys, tokens};

use crate::auth::handlers::field;
use crate::routes::forms::{self, Posted, Refusal, Revocation, StaffForm};

const USERS: &str = "/staff/admin/users";
/// The invitation form's fields kept when it is sent back.
const INVITE_KEPT: [&str; 3] = ["email", "role", "organization"];

pub async fn invite(posted: Posted) -> Result<Response, Response> {
    let form = posted.check(ADMINS).await?;
    let outcome = invite_checked(&form).await;
    Ok(form.answer(USERS, &INVITE_KEPT, outcome).await)
}

async fn invite_checked(form: &StaffForm) -> Result<Response, Refusal> {
    let db = &form.state.db;
    let organization = Some(form.text("organization").trim()).filter(|o| !o.is_empty());
    let email = staff::normalize_email(form.text("email"))
        .map_err(|problem| Refusal::on("invite-email", problem))?;
    let role = Role::parse(form.text("role")).ok_or_else(|| {
        Refusal::on(
            "invite-role",
            "Choose a role: administrator, analyst or partner.",
        )
    })?;
    if role == Role::Partner && organization.is_none() {
        let message =
            "Name the partner's organization, so their uploads and responses are tied to it.";
        return Err(Refusal::on("invite-org", message));
    }
    if staff::find_by_email(db, &email).await?.is_some() {
        let message = format!("{email} already has an account.");
        return Err(Refusal::on("invite-email", message));
    }
    let token = staff::invite(db, &email, role, organization, &form.viewer).await?;
    form.audit(
        "invitation_created",
        json!({ "email": email, "role": role.as_str(), "organization": organization }),
    )
    .await;
    let message = format!(
        "Invitation created. Send this link to {email}; it works once, for 7 days, and is not shown again: /invitations/{token}"
    );
    Ok(form.redirect(USERS, Flash::notice(message)).await)
}

pub async fn revoke(Path(id): Path<i32>, posted: Posted) -> Response {
    let revocation = Revocation {
        roles: ADMINS,
        page: USERS,
        action: "invitation_revoked",
        gone: "That invitation was already used or withdrawn.",
    };
    forms::revoke(
        posted,
        revocation,
        async |form| Ok(staff::revoke(&form.state.db, id).await?.then_some(())),
        |()| {
            let message = "Invitation withdrawn: its link no longer works.";
            (json!({ "invitation": id }), message.to_owned())
        },
    )
    .await
}

pub async fn update_user(Path(id): Path<i32>, posted: Posted) -> Result<Response, Response> {
    let form = posted.check(ADMINS).await?;
    let outcome = update_checked(&form, id).await;
    Ok(form.answer(USERS, &[], outcome).await)
}

async fn update_checked(form: &StaffForm, id: i32) -> Result<Response, Refusal> {
    let db = &form.state.db;
    let role = Role::parse(form.text("role"))
        .ok_or_else(|| Refusal::Form("Choose a role: administrator, analyst or partner.".into()))?;
    let disabled = field(&form.fields, "disabled").is_some();
    let user = staff::get(db, id)
        .await?
        .ok_or_else(|| Refusal::Form("There is no such account.".into()))?;
    let was_admin = user.role == Role::Administrator.as_str() && user.disabled_at.is_none();
    let stays_admin = role == Role::Administrator && !disabled;
    if was_admin && !stays_admin && staff::active_admins(db).await.unwrap_or(0) <= 1 {
        return Err(Refusal::Form(
            "This is the last enabled administrator: make someone else an administrator first."
                .into(),
        ));
    }
    let before = (user.role.clone(), user.disabled_at.is_some());
    let email = user.email.clone();
    staff::update(db, user, role, disabled).await?;
    // A new role or a disabled account takes effect now: end the account's sessions.
    if before != (role.as_str().to_owned(), disabled) {
        let _ = staff::delete_sessions(db, id).await;
    }
    // A disabled account, or one that is no longer strategy staff, keeps no API tokens (enabling
    // it again does not bring them back).
    let tokens_revoked = if disabled || !STAFF.contains(&role) {
        tokens::revoke_all(db, id).await.map_err(|err| {
            tracing::error!(error = %err, user = id, "revoking an account's API tokens");
            Refusal::Form(format!(
                "Saved {email}, but its API tokens could not be revoked: save again."
            ))
        })?
    } else {
        0
    };
    form.audit(
        "user_updated",
        json!({ "user": id, "email": email, "role": { "from": before.0, "to": role.as_str() }, "disabled": { "from": before.1, "to": disabled }, "tokens_revoked": tokens_revoked }),
    )
    .await;
    let message = format!(
        "Saved {email}: {}{}.",
        role.as_str(),
        if disabled { ", disabled" } else { "" }
    );
    Ok(form.redirect(USERS, Flash::notice(message)).await)
}

pub async fn set_survey_status(
    Path(slug): Path<String>,
    posted: Posted,
) -> Result<Response, Response> {
    const SURVEYS: &str = "/staff/admin/surveys";
    let form = posted.check(ADMINS).await?;
    let outcome = set_status_checked(&form, &slug, SURVEYS).await;
    Ok(form.answer(SURVEYS, &[], outcome).await)
}

async fn set_status_checked(form: &StaffForm, slug: &str, page: &str) -> Result<Response, Refusal> {
    let db = &form.state.db;
    let status = SurveyStatus::parse(form.text("status"))
        .ok_or_else(|| Refusal::Form("Choose a status: draft, open or closed.".into()))?;
    if status == SurveyStatus::Open
        && let Ok(survey) = surveys::current(db, slug).await
        && survey.definition.questions.is_empty()
    {
        let message = format!("{slug} has no questions yet: add one before opening it.");
        return Err(Refusal::Form(message));
    }
    let before = forms::found(surveys::set_status(db, slug, status).await)?
        .ok_or_else(|| Refusal::Form(format!("There is no survey {slug}.")))?;
    form.audit(
        "survey_status_changed",
        json!({ "survey": slug, "from": before, "to": status.as_str() }),
    )
    .await;
    let message = format!("{slug} is now {}.", status.as_str());
    Ok(form.redirect(page, Flash::notice(message)).await)
}
