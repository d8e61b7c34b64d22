//! Administrator forms: invite someone, withdraw an invitation, change a role or disable an
//! account (which ends its sessions and revokes its API tokens). Every change is audited; the last
//! enabled administrator cannot be demoted or disabled.

use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::response::Response;
use serde_json::json;
use tower_sessions::Session;

use app::models::staff::{ADMINS, Flash, Role, STAFF, Viewer};
use app::models::{AppError, SurveyStatus};
use app::store::{AppState, audit, staff, surveys, tokens};

use crate::auth::handlers::{Fields, field};
use crate::auth::{flash_redirect, form_viewer};

const USERS: &str = "/staff/admin/users";

pub async fn invite(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let admin = match form_viewer(&session, &fields, viewer, ADMINS).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let email_raw = field(&fields, "email").unwrap_or_default();
    let role_raw = field(&fields, "role").unwrap_or_default();
    let organization = field(&fields, "organization")
        .map(str::trim)
        .filter(|o| !o.is_empty());
    let keep = |f: Flash| {
        f.keep("email", email_raw)
            .keep("role", role_raw)
            .keep("organization", organization.unwrap_or_default())
    };
    let email = match staff::normalize_email(email_raw) {
        Ok(e) => e,
        Err(problem) => {
            return flash_redirect(
                &session,
                USERS,
                keep(Flash::error(problem).on("invite-email")),
            )
            .await;
        }
    };
    let Some(role) = Role::parse(role_raw) else {
        return flash_redirect(
            &session,
            USERS,
            keep(
                Flash::error("Choose a role: administrator, analyst or partner.").on("invite-role"),
            ),
        )
        .await;
    };
    if role == Role::Partner && organization.is_none() {
        return flash_redirect(&session, USERS, keep(Flash::error("Name the partner's organization, so their uploads and responses are tied to it.").on("invite-org"))).await;
    }
    match staff::find_by_email(&state.db, &email).await {
        Ok(Some(_)) => {
            return flash_redirect(
                &session,
                USERS,
                keep(Flash::error(format!("{email} already has an account.")).on("invite-email")),
            )
            .await;
        }
        Ok(None) => {}
        Err(_) => return flash_redirect(&session, USERS, keep(Flash::unavailable())).await,
    }
    let token = match staff::invite(&state.db, &email, role, organization, &admin).await {
        Ok(t) => t,
        Err(_) => return flash_redirect(&session, USERS, keep(Flash::unavailable())).await,
    };
    audit::note(
        &state.db,
        Some(&admin),
        "invitation_created",
        json!({ "email": email, "role": role.as_str(), "organization": organization }),
    )
    .await;
    flash_redirect(
        &session,
        USERS,
        Flash::notice(format!(
            "Invitation created. Send this link to {email}; it works once, for 7 days, and is not shown again: /invitations/{token}"
        )),
    )
    .await
}

pub async fn revoke(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(id): Path<i32>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let admin = match form_viewer(&session, &fields, viewer, ADMINS).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let flash = match staff::revoke(&state.db, id).await {
        Ok(true) => {
            audit::note(
                &state.db,
                Some(&admin),
                "invitation_revoked",
                json!({ "invitation": id }),
            )
            .await;
            Flash::notice("Invitation withdrawn: its link no longer works.")
        }
        Ok(false) => Flash::error("That invitation was already used or withdrawn."),
        Err(_) => Flash::unavailable(),
    };
    flash_redirect(&session, USERS, flash).await
}

pub async fn update_user(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(id): Path<i32>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let admin = match form_viewer(&session, &fields, viewer, ADMINS).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let Some(role) = field(&fields, "role").and_then(Role::parse) else {
        return flash_redirect(
            &session,
            USERS,
            Flash::error("Choose a role: administrator, analyst or partner."),
        )
        .await;
    };
    let disabled = field(&fields, "disabled").is_some();
    let user = match staff::get(&state.db, id).await {
        Ok(Some(u)) => u,
        Ok(None) => {
            return flash_redirect(&session, USERS, Flash::error("There is no such account."))
                .await;
        }
        Err(_) => return flash_redirect(&session, USERS, Flash::unavailable()).await,
    };
    let was_admin = user.role == Role::Administrator.as_str() && user.disabled_at.is_none();
    let stays_admin = role == Role::Administrator && !disabled;
    if was_admin && !stays_admin && staff::active_admins(&state.db).await.unwrap_or(0) <= 1 {
        return flash_redirect(
            &session,
            USERS,
            Flash::error(
                "This is the last enabled administrator: make someone else an administrator first.",
            ),
        )
        .await;
    }
    let before = (user.role.clone(), user.disabled_at.is_some());
    let email = user.email.clone();
    if staff::update(&state.db, user, role, disabled)
        .await
        .is_err()
    {
        return flash_redirect(&session, USERS, Flash::unavailable()).await;
    }
    // A new role or a disabled account takes effect now: end the account's sessions.
    if before != (role.as_str().to_owned(), disabled) {
        let _ = staff::delete_sessions(&state.db, id).await;
    }
    // A disabled account, or one that is no longer strategy staff, keeps no API tokens (enabling
    // it again does not bring them back).
    let tokens_revoked = if disabled || !STAFF.contains(&role) {
        match tokens::revoke_all(&state.db, id).await {
            Ok(n) => n,
            Err(err) => {
                tracing::error!(error = %err, user = id, "revoking an account's API tokens");
                return flash_redirect(
                    &session,
                    USERS,
                    Flash::error(format!(
                        "Saved {email}, but its API tokens could not be revoked: save again."
                    )),
                )
                .await;
            }
        }
    } else {
        0
    };
    audit::note(
        &state.db,
        Some(&admin),
        "user_updated",
        json!({ "user": id, "email": email, "role": { "from": before.0, "to": role.as_str() }, "disabled": { "from": before.1, "to": disabled }, "tokens_revoked": tokens_revoked }),
    )
    .await;
    flash_redirect(
        &session,
        USERS,
        Flash::notice(format!(
            "Saved {email}: {}{}.",
            role.as_str(),
            if disabled { ", disabled" } else { "" }
        )),
    )
    .await
}

pub async fn set_survey_status(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(slug): Path<String>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    const SURVEYS: &str = "/staff/admin/surveys";
    let admin = match form_viewer(&session, &fields, viewer, ADMINS).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let Some(status) = field(&fields, "status").and_then(SurveyStatus::parse) else {
        return flash_redirect(
            &session,
            SURVEYS,
            Flash::error("Choose a status: draft, open or closed."),
        )
        .await;
    };
    if status == SurveyStatus::Open
        && let Ok(survey) = surveys::current(&state.db, &slug).await
        && survey.definition.questions.is_empty()
    {
        let message = format!("{slug} has no questions yet: add one before opening it.");
        return flash_redirect(&session, SURVEYS, Flash::error(message)).await;
    }
    let flash = match surveys::set_status(&state.db, &slug, status).await {
        Ok(before) => {
            audit::note(
                &state.db,
                Some(&admin),
                "survey_status_changed",
                json!({ "survey": slug, "from": before, "to": status.as_str() }),
            )
            .await;
            Flash::notice(format!("{slug} is now {}.", status.as_str()))
        }
        Err(AppError::NotFound) => Flash::error(format!("There is no survey {slug}.")),
        Err(_) => Flash::unavailable(),
    };
    flash_redirect(&session, SURVEYS, flash).await
}
