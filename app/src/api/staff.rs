//! Server functions behind the staff pages. Every one checks the viewer's role itself, on top of
//! the route table the server enforces for page paths. None of them changes anything: changes go
//! through plain form POSTs with a CSRF token (the server crate's `routes::staff`).

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::dashboard::{DashboardData, DashboardFilter};
use crate::models::jobs::RunsPageData;
use crate::models::staff::{AuditRow, InvitationPageData, PageContext, SurveyRow, UsersPageData};
use crate::models::tokens::TokenRow;

/// Viewer, form token and flash for a public page with a form (sign-in).
#[server(prefix = "/api", endpoint = "staff/context")]
pub async fn sign_in_page() -> Result<PageContext, AppError> {
    Ok(crate::store::auth::page_context())
}

/// The account page: anyone signed in; strategy staff also see their API tokens.
#[server(prefix = "/api", endpoint = "staff/account")]
pub async fn account_page() -> Result<(PageContext, Vec<TokenRow>), AppError> {
    use crate::models::staff::{SIGNED_IN, STAFF};
    use crate::store::runs::minute;
    use crate::store::{auth, db, tokens};

    let viewer = auth::require(SIGNED_IN)?;
    let rows = if viewer.is(STAFF) {
        let now = time::OffsetDateTime::now_utc();
        tokens::list(&db()?, viewer.id)
            .await?
            .into_iter()
            .map(|t| TokenRow {
                id: t.id,
                status: tokens::status(&t, now).to_owned(),
                name: t.name,
                created_at: minute(t.created_at),
                last_used_at: t.last_used_at.map(minute),
                expires_at: t.expires_at.map(minute),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok((auth::page_context(), rows))
}

/// The staff home: context only (links depend on the role).
#[server(prefix = "/api", endpoint = "staff/home")]
pub async fn staff_home() -> Result<PageContext, AppError> {
    use crate::models::staff::STAFF;
    crate::store::auth::require(STAFF)?;
    Ok(crate::store::auth::page_context())
}

/// Accounts and open invitations (administrators).
#[server(prefix = "/api", endpoint = "staff/users")]
pub async fn users_page() -> Result<(PageContext, UsersPageData), AppError> {
    use crate::models::staff::{ADMINS, InvitationRow, Role, UserRow};
    use crate::store::runs::minute;
    use crate::store::{auth, db, staff};

    auth::require(ADMINS)?;
    let db = db()?;
    let users = staff::list(&db)
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            role: Role::parse(&u.role).unwrap_or(Role::Partner),
            email: u.email,
            name: u.display_name,
            organization: u.organization,
            disabled: u.disabled_at.is_some(),
            created_at: minute(u.created_at),
        })
        .collect();
    let invitations = staff::open_invitations(&db)
        .await?
        .into_iter()
        .map(|i| InvitationRow {
            id: i.id,
            role: Role::parse(&i.role).unwrap_or(Role::Partner),
            email: i.email,
            organization: i.organization,
            expires_at: minute(i.expires_at),
        })
        .collect();
    Ok((auth::page_context(), UsersPageData { users, invitations }))
}

/// An invitation link's landing page (public: the token is the credential).
#[server(prefix = "/api", endpoint = "staff/invitation")]
pub async fn invitation_page(token: String) -> Result<(PageContext, InvitationPageData), AppError> {
    use crate::models::staff::Role;
    use crate::store::{auth, db, staff};

    let data = match staff::open_invitation(&db()?, &token).await? {
        Ok(inv) => InvitationPageData {
            email: Some(inv.email),
            role: Role::parse(&inv.role),
            problem: None,
        },
        Err(problem) => InvitationPageData {
            email: None,
            role: None,
            problem: Some(problem.message().to_owned()),
        },
    };
    Ok((auth::page_context(), data))
}

/// Analysis jobs and what can be started (strategy staff).
#[server(prefix = "/api", endpoint = "staff/runs")]
pub async fn runs_page() -> Result<(PageContext, RunsPageData), AppError> {
    use sea_orm::{EntityTrait, PaginatorTrait};

    use crate::models::staff::STAFF;
    use crate::store::entities::{report, response};
    use crate::store::{auth, jobs, state};

    auth::require(STAFF)?;
    let state = state()?;
    let data = RunsPageData {
        jobs: jobs::list(&state.db, 30).await?,
        semantic_available: state.semantic_available,
        responses: response::Entity::find().count(&state.db).await?,
        reports: report::Entity::find().count(&state.db).await?,
    };
    Ok((auth::page_context(), data))
}

/// One job's progress, for the runs page to poll once hydrated (strategy staff).
#[server(prefix = "/api", endpoint = "staff/jobs")]
pub async fn job_list() -> Result<Vec<crate::models::jobs::JobView>, AppError> {
    use crate::models::staff::STAFF;
    use crate::store::{auth, db, jobs};

    auth::require(STAFF)?;
    Ok(jobs::list(&db()?, 30).await?)
}

/// The dashboard of a run (strategy staff).
#[server(prefix = "/api", endpoint = "staff/dashboard")]
pub async fn dashboard(
    #[server(default)] filter: DashboardFilter,
) -> Result<(PageContext, Option<DashboardData>), AppError> {
    use crate::models::staff::STAFF;
    use crate::store::{auth, state};

    auth::require(STAFF)?;
    let state = state()?;
    let data = state.dashboards.dashboard(state.db.clone(), filter).await?;
    Ok((auth::page_context(), data))
}

/// The latest audit events (administrators).
#[server(prefix = "/api", endpoint = "staff/audit")]
pub async fn audit_page() -> Result<(PageContext, Vec<AuditRow>), AppError> {
    use crate::models::staff::ADMINS;
    use crate::store::runs::minute;
    use crate::store::{audit, auth, db};

    auth::require(ADMINS)?;
    let rows = audit::latest(&db()?, 200)
        .await?
        .into_iter()
        .map(|e| AuditRow {
            at: minute(e.at),
            actor: e.actor_email,
            action: e.action,
            detail: e.detail.to_string(),
        })
        .collect();
    Ok((auth::page_context(), rows))
}

/// Every survey with its status and responses (administrators).
#[server(prefix = "/api", endpoint = "staff/surveys")]
pub async fn surveys_page() -> Result<(PageContext, Vec<SurveyRow>), AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

    use crate::i18n::Locale;
    use crate::models::staff::ADMINS;
    use crate::models::survey::pick;
    use crate::store::entities::response;
    use crate::store::{auth, db, survey_translations, surveys};

    auth::require(ADMINS)?;
    let db = db()?;
    let mut rows = Vec::new();
    for s in surveys::all(&db).await? {
        rows.push(SurveyRow {
            languages: survey_translations::progress(&db, &s).await?,
            responses: response::Entity::find()
                .filter(response::Column::SurveyId.eq(s.survey.id))
                .count(&db)
                .await?,
            slug: s.survey.slug,
            title: pick(&s.definition.title, Locale::En),
            audience: s.survey.audience,
            status: s.survey.status,
            version: s.survey.current_version,
        });
    }
    Ok((auth::page_context(), rows))
}
