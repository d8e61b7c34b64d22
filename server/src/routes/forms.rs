//! The steps every signed-in form handler shares, one function each: what a form posts
//! ([`Posted`], an extractor), who may post it ([`Posted::check`]: the session's form token, then
//! a role), the audit entry ([`StaffForm::audit`]), the message on the next page
//! ([`StaffForm::redirect`]), a form sent back with its field named and what was typed kept
//! ([`Refusal`], [`send_back`]), and revoking one thing ([`revoke`]).

use axum::Form;
use axum::extract::{Extension, FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};
use sea_orm::DbErr;
use tower_sessions::Session;

use app::models::AppError;
use app::models::staff::{Flash, Role, Viewer};
use app::store::{AppState, audit};

use crate::auth::handlers::{Fields, field};
use crate::auth::{flash_redirect, form_viewer};

/// What a form handler is given: the state, the signed-in viewer (if any), the session and the
/// posted fields.
pub struct Posted {
    pub state: AppState,
    pub viewer: Option<Extension<Viewer>>,
    pub session: Session,
    pub fields: Fields,
}

impl FromRequest<AppState> for Posted {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Posted, Response> {
        let (mut parts, body) = req.into_parts();
        let viewer = Option::<Extension<Viewer>>::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let session = Session::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Form(fields) = Form::<Fields>::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Posted {
            state: state.clone(),
            viewer,
            session,
            fields,
        })
    }
}

impl Posted {
    /// The form with its viewer, if the session's form token was posted and the viewer holds one
    /// of `roles`; `Err` is the response to send instead (form expired, not allowed, sign in).
    pub async fn check(self, roles: &[Role]) -> Result<StaffForm, Response> {
        let Posted {
            state,
            viewer,
            session,
            fields,
        } = self;
        let viewer = form_viewer(&session, &fields, viewer, roles).await?;
        Ok(StaffForm {
            state,
            viewer,
            session,
            fields,
        })
    }
}

/// A form whose token and viewer are checked.
pub struct StaffForm {
    pub state: AppState,
    pub viewer: Viewer,
    pub session: Session,
    pub fields: Fields,
}

impl StaffForm {
    /// The posted value of `name`, or "".
    pub fn text(&self, name: &str) -> &str {
        field(&self.fields, name).unwrap_or_default()
    }

    /// Records `action`, done by the viewer, in the audit log (a failure is logged, not shown).
    pub async fn audit(&self, action: &str, detail: serde_json::Value) {
        audit::note(&self.state.db, Some(&self.viewer), action, detail).await;
    }

    /// Leaves `flash` for the next page and goes to `to`.
    pub async fn redirect(&self, to: &str, flash: Flash) -> Response {
        flash_redirect(&self.session, to, flash).await
    }

    /// Sends the form back to `page` with `refusal` and the posted values of `kept`.
    pub async fn send_back(&self, page: &str, kept: &[&str], refusal: Refusal) -> Response {
        send_back(&self.session, page, &self.fields, kept, refusal).await
    }

    /// Goes on with `outcome`, or sends the form back to `page` with its refusal (see
    /// [`StaffForm::send_back`]).
    pub async fn answer(
        &self,
        page: &str,
        kept: &[&str],
        outcome: Result<Response, Refusal>,
    ) -> Response {
        match outcome {
            Ok(response) => response,
            Err(refusal) => self.send_back(page, kept, refusal).await,
        }
    }
}

/// Why a form goes back to its page instead of doing what it asked.
#[derive(Debug)]
pub enum Refusal {
    /// The id of the field that is wrong, and what is wrong with it.
    Field(String, String),
    /// A problem with the form as a whole.
    Form(String),
    /// The database failed (the cause is logged).
    Unavailable,
}

impl Refusal {
    /// The field with id `id` is wrong: `message` says how.
    pub fn on(id: &str, message: impl Into<String>) -> Refusal {
        Refusal::Field(id.to_owned(), message.into())
    }

    /// What the next page shows.
    fn flash(self) -> Flash {
        match self {
            Refusal::Field(id, message) => Flash::error(message).on(&id),
            Refusal::Form(message) => Flash::error(message),
            Refusal::Unavailable => Flash::unavailable(),
        }
    }
}

/// The `(field id, message)` a form's reader names its first problem with.
impl From<(&'static str, String)> for Refusal {
    fn from((id, message): (&'static str, String)) -> Refusal {
        Refusal::on(id, message)
    }
}

impl From<DbErr> for Refusal {
    fn from(err: DbErr) -> Refusal {
        tracing::error!(error = %err, "a form's database call failed");
        Refusal::Unavailable
    }
}

/// What a lookup found: `None` for `NotFound`; any other error refuses the form as unavailable.
pub fn found<T>(result: Result<T, AppError>) -> Result<Option<T>, Refusal> {
    match result {
        Ok(found) => Ok(Some(found)),
        Err(AppError::NotFound) => Ok(None),
        Err(_) => Err(Refusal::Unavailable),
    }
}

/// `flash` with the posted values of `names` kept (a name not posted is kept empty).
pub fn keep(fields: &Fields, names: &[&str], flash: Flash) -> Flash {
    names.iter().fold(flash, |f, name| {
        f.keep(name, field(fields, name).unwrap_or_default())
    })
}

/// Sends a form back to `page`: the refusal's message, on its field, and the posted values of
/// `kept`, so nothing typed is lost.
pub async fn send_back(
    session: &Session,
    page: &str,
    fields: &Fields,
    kept: &[&str],
    refusal: Refusal,
) -> Response {
    flash_redirect(session, page, keep(fields, kept, refusal.flash())).await
}

/// Revoking one thing: who may, the page to go back to, the audit action, and what is said when
/// there was nothing to revoke.
pub struct Revocation<'a> {
    pub roles: &'static [Role],
    pub page: &'a str,
    pub action: &'a str,
    pub gone: &'a str,
}

/// Revokes one thing, the same five steps for every kind: checks the form (token, role), asks
/// `store` to revoke it for the viewer (`Ok(None)`: there was nothing to revoke), and on success
/// records it in the audit log with the detail `done` gives and says `done`'s message on the
/// page.
pub async fn revoke<T>(
    posted: Posted,
    what: Revocation<'_>,
    store: impl AsyncFnOnce(&StaffForm) -> Result<Option<T>, DbErr>,
    done: impl FnOnce(T) -> (serde_json::Value, String),
) -> Response {
    let form = match posted.check(what.roles).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let flash = match store(&form).await {
        Ok(Some(revoked)) => {
            let (detail, message) = done(revoked);
            form.audit(what.action, detail).await;
            Flash::notice(message)
        }
        Ok(None) => Flash::error(what.gone),
        Err(err) => {
            tracing::error!(error = %err, action = what.action, "revoking");
            Flash::unavailable()
        }
    };
    form.redirect(what.page, flash).await
}
