//! Staff sign-in: database-backed sessions (tower-sessions), Argon2id passwords, a CSRF token per
//! session checked on every state-changing form, per-account and per-address sign-in limits, and
//! the middleware that resolves the viewer and enforces the route table
//! ([`app::models::staff::required_roles`]) before any page, server function or handler runs.
//!
//! Visitors who are not signed in get no session for opening a page: the forms anyone may open
//! (sign-in, invitations) carry a double-submit token instead, the same random value in the
//! form and in a `SameSite=Strict` cookie ([`FORM_COOKIE`]). A session is stored only once there
//! is something to keep (a signed-in user, or a message for the next page).
//!
//! Under `/api/v1` only, a personal API token (`Authorization: Bearer …`) stands in for the session:
//! it acts as its owner, checked by the same route table. Pages, server functions and forms never
//! look at the header, so a token cannot get past a form's CSRF check.

pub mod handlers;
mod limiter;
pub mod password;
pub mod store;

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;
use tower_sessions::Session;

use app::models::staff::{Flash, Role, Viewer, required_roles};
use app::store::auth::CsrfToken;
use app::store::tokens;
use app::store::{AppState, staff};

pub use limiter::LoginLimiter;

/// Session key of the signed-in user's id.
pub const USER_KEY: &str = "user_id";
/// Session key of the CSRF token.
pub const CSRF_KEY: &str = "csrf";
/// Session key of the one-time message for the next page.
pub const FLASH_KEY: &str = "flash";
/// Cookie of the form token of visitors who are not signed in.
pub const FORM_COOKIE: &str = "needscope_form";
/// How long a visitor's form token lasts.
const FORM_COOKIE_SECONDS: u32 = 12 * 60 * 60;

/// Pages whose forms need a token even though anyone may open them.
fn has_public_form(path: &str) -> bool {
    path == "/login" || path.starts_with("/invitations/")
}

/// The paths a personal API token may open: the JSON API and exports, nothing else.
fn accepts_tokens(path: &str) -> bool {
    path == "/api/v1" || path.starts_with("/api/v1/")
}

/// The token of an `Authorization: Bearer <token>` header (scheme in any case), if there is one.
fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// A JSON error for the API, `{"error": message}`.
fn api_error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

/// 401 for the API, with the challenge RFC 6750 asks for.
fn api_unauthorized(message: &str, invalid_token: bool) -> Response {
    let mut response = api_error(StatusCode::UNAUTHORIZED, message);
    let challenge = if invalid_token {
        "Bearer realm=\"needscope\", error=\"invalid_token\""
    } else {
        "Bearer realm=\"needscope\""
    };
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(challenge),
    );
    response
}

/// Requests for files and server functions: no flash is taken for them.
fn is_page(method: &Method, path: &str) -> bool {
    method == Method::GET
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
        && !path.contains('.')
}

/// Resolves the viewer, the form token and the flash into the request's extensions, then lets
/// the request through only if the route table allows the viewer's role.
pub async fn attach(
    State(state): State<AppState>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    let required = required_roles(&path);
    // Static files (the wasm, CSS, icons) need no session: no database work for them.
    if required.is_none() && req.method() == Method::GET && path.contains('.') {
        return next.run(req).await;
    }
    if accepts_tokens(&path)
        && let Some(token) = bearer_token(req.headers())
    {
        return with_token(&state, &token, required, req, next).await;
    }
    let viewer = match current_viewer(&state, &session).await {
        Ok(v) => v,
        Err(err) => {
            tracing::error!(error = %err, "resolving the session");
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "The service is unavailable, please try again shortly.",
            )
                .into_response();
        }
    };
    let page = is_page(req.method(), &path);
    let mut csrf = session.get::<String>(CSRF_KEY).await.ok().flatten();
    // A visitor's token lives in a cookie, so opening a page stores nothing.
    let mut new_form_cookie = None;
    if csrf.is_none() && page {
        if viewer.is_some() && required.is_some() {
            let token = staff::new_token();
            if session.insert(CSRF_KEY, &token).await.is_ok() {
                csrf = Some(token);
            }
        } else if viewer.is_none() && has_public_form(&path) {
            csrf = form_cookie(req.headers());
            if csrf.is_none() {
                let token = staff::new_token();
                new_form_cookie = form_cookie_header(&token, req.headers());
                csrf = new_form_cookie.is_some().then_some(token);
            }
        }
    }
    if let Some(roles) = required {
        match &viewer {
            None if page => {
                let target = req
                    .uri()
                    .path_and_query()
                    .map_or(path.clone(), |pq| pq.to_string());
                let next_param = form_urlencoded_component(&target);
                return Redirect::to(&format!("/login?next={next_param}")).into_response();
            }
            None if accepts_tokens(&path) => {
                return api_unauthorized(
                    "sign in first, or send an API token: Authorization: Bearer <token>",
                    false,
                );
            }
            None => {
                return (
                    StatusCode::UNAUTHORIZED,
                    "Sign in first: this needs a staff session.",
                )
                    .into_response();
            }
            Some(v) if !v.is(roles) => {
                tracing::warn!(user = v.id, role = v.role.as_str(), %path, "refused: wrong role");
                return forbidden(v);
            }
            Some(_) => {}
        }
    }
    // Taken only by a page that will render (not by a redirect to sign-in or a refusal).
    if page && let Ok(Some(flash)) = session.remove::<Flash>(FLASH_KEY).await {
        req.extensions_mut().insert(flash);
    }
    if let Some(token) = csrf {
        req.extensions_mut().insert(CsrfToken(token));
    }
    if let Some(v) = viewer {
        req.extensions_mut().insert(v);
    }
    let mut response = next.run(req).await;
    if required.is_some() || new_form_cookie.is_some() {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if let Some(cookie) = new_form_cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// The visitor's form token from its cookie, if it looks like one [`staff::new_token`] made.
fn form_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == FORM_COOKIE)
        .map(|(_, value)| value.trim())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned)
}

/// The `Set-Cookie` of a new form token. HTTP-only and `SameSite=Strict`; `Secure` when the
/// request came over HTTPS as the proxy in front reports it. The token alone signs nobody in.
fn form_cookie_header(token: &str, headers: &HeaderMap) -> Option<HeaderValue> {
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    let secure = if https { "; Secure" } else { "" };
    let cookie = format!(
        "{FORM_COOKIE}={token}; Path=/; Max-Age={FORM_COOKIE_SECONDS}; HttpOnly; SameSite=Strict{secure}"
    );
    HeaderValue::from_str(&cookie).ok()
}

/// Lets an `/api/v1` request with a bearer token through as the token's owner, if the token works
/// and the route table allows the owner's role. No session is read or made, and no form token is
/// handed out. The token itself is never logged.
async fn with_token(
    state: &AppState,
    token: &str,
    required: Option<&[Role]>,
    mut req: Request,
    next: Next,
) -> Response {
    let viewer = match tokens::authenticate(&state.db, token).await {
        Ok(Ok(authenticated)) => {
            tracing::debug!(
                user = authenticated.viewer.id,
                token = authenticated.token_id,
                "API token accepted"
            );
            authenticated.viewer
        }
        Ok(Err(problem)) => {
            tracing::info!(reason = problem.message(), path = %req.uri().path(), "API token refused");
            return api_unauthorized(problem.message(), true);
        }
        Err(err) => {
            tracing::error!(error = %err, "checking an API token");
            return api_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the service is unavailable, please try again shortly",
            );
        }
    };
    if let Some(roles) = required
        && !viewer.is(roles)
    {
        tracing::warn!(user = viewer.id, role = viewer.role.as_str(), path = %req.uri().path(), "refused: wrong role for an API token");
        return api_error(StatusCode::FORBIDDEN, "strategy staff only");
    }
    req.extensions_mut().insert(viewer);
    let mut response = next.run(req).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The signed-in viewer; a session of a disabled or deleted account is ended.
async fn current_viewer(state: &AppState, session: &Session) -> anyhow::Result<Option<Viewer>> {
    let Some(user_id) = session.get::<i32>(USER_KEY).await? else {
        return Ok(None);
    };
    let viewer = staff::get(&state.db, user_id)
        .await?
        .as_ref()
        .and_then(staff::viewer_of);
    if viewer.is_none() {
        session.flush().await?;
    }
    Ok(viewer)
}

fn form_urlencoded_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn forbidden(viewer: &Viewer) -> Response {
    let home = viewer.role.home();
    (
        StatusCode::FORBIDDEN,
        Html(format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed · Needscope</title>\
             <link rel=\"stylesheet\" href=\"/pkg/needscope.css\"></head><body><main class=\"wrap\" id=\"main\">\
             <h1>Not allowed</h1><p>Your role ({}) does not allow you to open this page.</p>\
             <p><a href=\"{home}\">Go to your start page</a></p></main></body></html>",
            viewer.role.as_str()
        )),
    )
        .into_response()
}

/// Whether `posted` is this session's form token (constant time).
pub async fn csrf_ok(session: &Session, posted: Option<&str>) -> bool {
    let Ok(Some(expected)) = session.get::<String>(CSRF_KEY).await else {
        return false;
    };
    same_token(&expected, posted)
}

/// [`csrf_ok`] for the forms anyone may open: the session's token if it has one, else the
/// visitor's token from [`FORM_COOKIE`].
pub async fn public_form_ok(session: &Session, headers: &HeaderMap, posted: Option<&str>) -> bool {
    match session.get::<String>(CSRF_KEY).await {
        Ok(Some(expected)) => same_token(&expected, posted),
        Ok(None) => form_cookie(headers).is_some_and(|expected| same_token(&expected, posted)),
        Err(_) => false,
    }
}

/// Whether `posted` is `expected` (constant time).
fn same_token(expected: &str, posted: Option<&str>) -> bool {
    let Some(posted) = posted else {
        return false;
    };
    expected.len() == posted.len()
        && expected
            .bytes()
            .zip(posted.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The response to a form without a valid token.
pub fn csrf_refused() -> Response {
    (
        StatusCode::FORBIDDEN,
        Html(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Form expired · Needscope</title></head>\
             <body><main><h1>This form has expired</h1><p>For your security, forms work only from the page that \
             showed them, within your session. Go back, reload the page and try again.</p></main></body></html>",
        ),
    )
        .into_response()
}

/// Leaves `flash` for the next page and redirects there.
pub async fn flash_redirect(session: &Session, to: &str, flash: Flash) -> Response {
    if let Err(err) = session.insert(FLASH_KEY, flash).await {
        tracing::error!(error = %err, "storing a flash message");
    }
    Redirect::to(to).into_response()
}

/// The signed-in viewer of a form handler holding one of `roles` (the middleware already
/// refused everyone else for protected paths; handlers check again).
pub fn viewer_in(viewer: Option<axum::Extension<Viewer>>, roles: &[Role]) -> Option<Viewer> {
    viewer.map(|axum::Extension(v)| v).filter(|v| v.is(roles))
}

/// The viewer a state-changing staff form may act for: the session's CSRF token first, then one
/// of `roles`. `Err` is the response to send instead.
pub async fn form_viewer(
    session: &Session,
    fields: &handlers::Fields,
    viewer: Option<axum::Extension<Viewer>>,
    roles: &[Role],
) -> Result<Viewer, Response> {
    if !csrf_ok(
        session,
        handlers::field(fields, app::models::staff::CSRF_FIELD),
    )
    .await
    {
        return Err(csrf_refused());
    }
    match viewer.map(|axum::Extension(v)| v) {
        Some(v) if v.is(roles) => Ok(v),
        Some(v) => Err(forbidden(&v)),
        None => Err((StatusCode::UNAUTHORIZED, "Sign in first.").into_response()),
    }
}
