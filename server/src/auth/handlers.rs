//! The sign-in forms: `POST /login`, `/logout`, `/logout/everywhere` (which also revokes the
//! account's API tokens) and `/invitations/{token}`.
//! Each checks the session's CSRF token first; problems go back to the form with a specific
//! message and what was typed (never the password).

use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, Extension, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;
use tower_sessions::Session;

use app::i18n::locale_from_headers;
use app::models::staff::{CSRF_FIELD, Flash, Viewer, at_most};
use app::store::{AppState, audit, staff, tokens};

use super::{
    CSRF_KEY, LoginLimiter, USER_KEY, csrf_ok, csrf_refused, flash_redirect, password,
    public_form_ok,
};

/// Posted form fields, in order (repeated names allowed).
pub type Fields = Vec<(String, String)>;

/// The first value of `name`.
pub fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The longest e-mail address kept for the form after a failed sign-in (the longest valid one).
const EMAIL_MAX_CHARS: usize = 254;

/// A page of this site to go to after signing in, as a path (with its query and fragment)
/// re-serialised from the parsed URL; `None` for anything else. `next` must be a path starting
/// with exactly one `/` that, parsed as a browser would parse it against this site, stays on
/// this site; it may hold no control character or backslash, raw or percent-decoded (browsers
/// drop tabs and newlines and read `\` as `/`, so `/\t/evil.example` is `//evil.example`).
pub(crate) fn safe_next(next: Option<&str>) -> Option<String> {
    const BASE: &str = "http://needscope.invalid/";
    let next = next?;
    let hostile = |s: &str| {
        s.chars().any(|c| c.is_control() || c == '\\') || s.starts_with("//") || !s.starts_with('/')
    };
    let mut decoded = next.to_owned();
    // Decoded until nothing changes (a few rounds: double-encoding is the usual trick).
    for _ in 0..4 {
        if hostile(&decoded) {
            return None;
        }
        let once = percent_decode(&decoded);
        if once == decoded {
            break;
        }
        decoded = once;
    }
    if hostile(&decoded) {
        return None;
    }
    let base = url::Url::parse(BASE).ok()?;
    let url = base.join(next).ok()?;
    if url.origin() != base.origin() || url.path().starts_with("//") {
        return None;
    }
    let mut path = url.path().to_owned();
    if let Some(query) = url.query() {
        path.push('?');
        path.push_str(query);
    }
    if let Some(fragment) = url.fragment() {
        path.push('#');
        path.push_str(fragment);
    }
    Some(path)
}

/// `s` with its `%XX` escapes decoded (invalid UTF-8 replaced, malformed escapes left as
/// they are).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub async fn login(
    State(state): State<AppState>,
    Extension(limiter): Extension<LoginLimiter>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    if !public_form_ok(&session, &headers, field(&fields, CSRF_FIELD)).await {
        return csrf_refused();
    }
    let l = locale_from_headers(&headers).staff();
    let email_raw = field(&fields, "email").unwrap_or_default();
    let password_raw = field(&fields, "password").unwrap_or_default().to_owned();
    let next = safe_next(field(&fields, "next"));
    let back = match &next {
        Some(n) => format!("/login?next={}", super::form_urlencoded_component(n)),
        None => "/login".to_owned(),
    };
    let email = match staff::normalize_email(email_raw) {
        Ok(e) => e,
        Err(problem) => {
            return flash_redirect(
                &session,
                &back,
                Flash::error(problem)
                    .on("email")
                    .keep("email", at_most(email_raw, EMAIL_MAX_CHARS)),
            )
            .await;
        }
    };
    let client = limiter.clients.key(peer, &headers);
    if let Err(limit) = limiter.check(&email, client).await {
        audit::note_attempt(
            &state.db,
            "sign_in_limited",
            &email,
            json!({ "email": email, "limit": limit.as_str() }),
        )
        .await;
        return flash_redirect(
            &session,
            &back,
            Flash::error(l.tr("staff-flash-too-many-sign-ins"))
                .on("email")
                .keep("email", &email),
        )
        .await;
    }
    let user = match staff::find_by_email(&state.db, &email).await {
        Ok(u) => u,
        Err(err) => {
            tracing::error!(error = %err, "reading an account");
            return flash_redirect(&session, &back, Flash::unavailable().keep("email", &email))
                .await;
        }
    };
    let ok = password::verify(password_raw, user.as_ref().map(|u| u.password_hash.clone())).await;
    let viewer = user.as_ref().filter(|_| ok).and_then(staff::viewer_of);
    let Some(viewer) = viewer else {
        audit::note_attempt(
            &state.db,
            "sign_in_failed",
            &email,
            json!({ "email": email }),
        )
        .await;
        return flash_redirect(
            &session,
            &back,
            Flash::error(l.tr("staff-flash-sign-in-refused"))
                .on("email")
                .keep("email", &email),
        )
        .await;
    };
    // A new session id at the privilege change (no session fixation), and a new form token.
    if let Err(err) = sign_in(&session, &viewer).await {
        tracing::error!(error = %err, "starting a session");
        return flash_redirect(&session, &back, Flash::unavailable()).await;
    }
    audit::note(&state.db, Some(&viewer), "sign_in", json!({})).await;
    Redirect::to(&next.unwrap_or_else(|| viewer.role.home().to_owned())).into_response()
}

async fn sign_in(session: &Session, viewer: &Viewer) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.insert(USER_KEY, viewer.id).await?;
    session.insert(CSRF_KEY, staff::new_token()).await?;
    Ok(())
}

/// Forgets the user and moves what is left (the flash to come) to a new session id; the old id,
/// however it leaked, is worth nothing. The form token goes too: a visitor's forms use the
/// form cookie.
async fn sign_out(session: &Session) -> Result<(), tower_sessions::session::Error> {
    session.remove_value(USER_KEY).await?;
    session.remove_value(CSRF_KEY).await?;
    session.cycle_id().await
}

pub async fn logout(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    headers: HeaderMap,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    if !csrf_ok(&session, field(&fields, CSRF_FIELD)).await {
        return csrf_refused();
    }
    if let Some(Extension(v)) = &viewer {
        audit::note(&state.db, Some(v), "sign_out", json!({})).await;
    }
    if let Err(err) = sign_out(&session).await {
        tracing::error!(error = %err, "ending a session");
    }
    let l = locale_from_headers(&headers).staff();
    flash_redirect(
        &session,
        "/login",
        Flash::notice(l.tr("staff-flash-signed-out")),
    )
    .await
}

pub async fn logout_everywhere(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    if !csrf_ok(&session, field(&fields, CSRF_FIELD)).await {
        return csrf_refused();
    }
    let Some(Extension(v)) = viewer else {
        return Redirect::to("/login").into_response();
    };
    let ended = staff::delete_sessions(&state.db, v.id).await.unwrap_or(0);
    // Everywhere includes scripts: the account's API tokens are revoked too.
    let revoked = match tokens::revoke_all(&state.db, v.id).await {
        Ok(n) => Some(n),
        Err(err) => {
            tracing::error!(error = %err, "revoking API tokens");
            None
        }
    };
    audit::note(
        &state.db,
        Some(&v),
        "sign_out_everywhere",
        json!({ "sessions": ended, "tokens_revoked": revoked }),
    )
    .await;
    if let Err(err) = sign_out(&session).await {
        tracing::error!(error = %err, "ending a session");
    }
    let flash = match revoked {
        Some(0) => Flash::notice(format!(
            "You are signed out everywhere ({ended} sessions ended)."
        )),
        Some(n) => Flash::notice(format!(
            "You are signed out everywhere ({ended} sessions ended, {n} API tokens revoked)."
        )),
        None => Flash::error(format!(
            "You are signed out everywhere ({ended} sessions ended), but your API tokens could \
             not be revoked: sign in and revoke them on your account page."
        )),
    };
    flash_redirect(&session, "/login", flash).await
}

pub async fn accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    if !public_form_ok(&session, &headers, field(&fields, CSRF_FIELD)).await {
        return csrf_refused();
    }
    let back = format!("/invitations/{token}");
    let invitation = match staff::open_invitation(&state.db, &token).await {
        Ok(Ok(inv)) => inv,
        // The page itself explains why the link cannot be used.
        Ok(Err(_)) => return Redirect::to(&back).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "reading an invitation");
            return flash_redirect(&session, &back, Flash::unavailable()).await;
        }
    };
    let name_raw = field(&fields, "name").unwrap_or_default();
    let password_raw = field(&fields, "password").unwrap_or_default();
    let confirm = field(&fields, "confirm").unwrap_or_default();
    let name = match staff::check_name(name_raw) {
        Ok(n) => n,
        Err(problem) => {
            return flash_redirect(
                &session,
                &back,
                Flash::error(problem).on("name").keep("name", name_raw),
            )
            .await;
        }
    };
    if let Err(problem) = staff::check_password(password_raw) {
        return flash_redirect(
            &session,
            &back,
            Flash::error(problem).on("password").keep("name", &name),
        )
        .await;
    }
    if password_raw != confirm {
        return flash_redirect(
            &session,
            &back,
            Flash::error("The two passwords are not the same. Type them again.")
                .on("confirm")
                .keep("name", &name),
        )
        .await;
    }
    let hash = match password::hash(password_raw.to_owned()).await {
        Ok(h) => h,
        Err(err) => {
            tracing::error!(error = %err, "hashing a password");
            return flash_redirect(&session, &back, Flash::unavailable()).await;
        }
    };
    let user = match staff::accept(&state.db, invitation, &name, hash).await {
        Ok(u) => u,
        Err(staff::CreateUserError::EmailTaken(email)) => {
            return flash_redirect(
                &session,
                "/login",
                Flash::error(format!(
                    "An account for {email} already exists. Sign in with it."
                ))
                .keep("email", &email),
            )
            .await;
        }
        Err(err) => {
            tracing::error!(error = %err, "accepting an invitation");
            return flash_redirect(&session, &back, Flash::unavailable()).await;
        }
    };
    let Some(viewer) = staff::viewer_of(&user) else {
        return Redirect::to("/login").into_response();
    };
    audit::note(
        &state.db,
        Some(&viewer),
        "invitation_accepted",
        json!({ "role": viewer.role.as_str() }),
    )
    .await;
    if sign_in(&session, &viewer).await.is_err() {
        return Redirect::to("/login").into_response();
    }
    flash_redirect(
        &session,
        viewer.role.home(),
        Flash::notice(format!("Welcome, {}. Your account is ready.", viewer.name)),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(
            safe_next(Some("/staff/dashboard?run=2")).as_deref(),
            Some("/staff/dashboard?run=2")
        );
        assert_eq!(
            safe_next(Some("/staff/runs?from=2026-01-01#jobs")).as_deref(),
            Some("/staff/runs?from=2026-01-01#jobs")
        );
        assert_eq!(safe_next(Some("/a b")).as_deref(), Some("/a%20b"));
        for hostile in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\tevil.example",
            "/\t/evil.example/",
            "/%09/evil.example/",
            "/%0a/evil.example",
            "/%0D%0A/evil.example",
            "/%5Cevil.example",
            "/%2F/evil.example",
            "/%252F/evil.example",
            "%2F%2Fevil.example",
            "/.//evil.example",
            "javascript:alert(1)",
            " //evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(hostile)), None, "{hostile:?}");
        }
        assert_eq!(safe_next(None), None);
    }
}
