//! `POST /surveys/{slug}`: a resident's answers, as a plain form post (the same with JavaScript on or
//! off). Valid answers are stored once (the page's token makes double submits harmless) and the
//! resident is sent to the thank-you page; anything else renders the survey page again with every
//! answer kept and a specific message next to what is wrong.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Extension, Form, Path, State};
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use leptos::prelude::provide_context;

use app::i18n::{Locale, locale_from_request};
use app::models::links::INVITE_FIELD;
use app::models::{FormError, PostedSubmission, RawAnswers, validate};
use app::routes::survey_fields as fields;
use app::store::responses::{self, Stored};
use app::store::{AppState, surveys};

use super::client::client_ip;

/// Abuse protection for submissions: a per-client rate limit (in memory only).
#[derive(Clone)]
pub struct SubmitGuard {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    trust_forwarded_for: bool,
}

impl SubmitGuard {
    pub fn new(per_minute: u32, trust_forwarded_for: bool) -> SubmitGuard {
        let quota = Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN));
        SubmitGuard {
            limiter: Arc::new(RateLimiter::keyed(quota)),
            trust_forwarded_for,
        }
    }

    /// Forgets clients whose quota has refilled, so the table stays small.
    pub fn forget_idle_clients(&self) {
        self.limiter.retain_recent();
    }
}

/// Survey slugs are lowercase letters, digits and dashes.
fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 80
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The posted fields, split into the form's own fields and the answers.
struct Posted {
    version: Option<i32>,
    token: Option<uuid::Uuid>,
    locale: Option<Locale>,
    honeypot_filled: bool,
    /// The invitation link's token, when the page was opened through one.
    invite: Option<String>,
    answers: RawAnswers,
}

fn split_fields(pairs: Vec<(String, String)>) -> Posted {
    let mut posted = Posted {
        version: None,
        token: None,
        locale: None,
        honeypot_filled: false,
        invite: None,
        answers: RawAnswers::new(),
    };
    for (name, value) in pairs {
        match name.as_str() {
            fields::VERSION => posted.version = value.trim().parse().ok(),
            fields::TOKEN => posted.token = uuid::Uuid::parse_str(value.trim()).ok(),
            fields::LANG => posted.locale = Locale::from_code(&value),
            fields::HONEYPOT => posted.honeypot_filled = !value.trim().is_empty(),
            INVITE_FIELD => posted.invite = Some(value.trim().to_owned()).filter(|v| !v.is_empty()),
            _ if name.starts_with('_') => {}
            _ => posted.answers.entry(name).or_default().push(value),
        }
    }
    posted
}

#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn submit(
    State(state): State<AppState>,
    Extension(guard): Extension<SubmitGuard>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let header_locale = {
        let mut request = Request::new(());
        *request.headers_mut() = headers.clone();
        locale_from_request(&request.into_parts().0)
    };
    if !valid_slug(&slug) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let pairs = match form {
        Ok(Form(pairs)) => pairs,
        Err(FormRejection::BytesRejection(rejection))
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE =>
        {
            return too_large(header_locale);
        }
        Err(rejection) => {
            tracing::info!(error = %rejection, "unreadable survey form");
            let posted = PostedSubmission {
                form_error: Some(FormError::Malformed),
                ..Default::default()
            };
            return render(
                &state,
                Page {
                    slug: &slug,
                    invite: None,
                },
                header_locale,
                posted,
                StatusCode::BAD_REQUEST,
            )
            .await;
        }
    };
    let posted = split_fields(pairs);
    let page = Page {
        slug: &slug,
        invite: posted.invite.as_deref(),
    };
    let locale = posted.locale.unwrap_or(header_locale);
    let reject = |error: FormError, answers: RawAnswers| PostedSubmission {
        values: answers,
        field_errors: Default::default(),
        form_error: Some(error),
    };
    if posted.honeypot_filled {
        tracing::info!("honeypot filled: submission refused");
        return render(
            &state,
            page,
            locale,
            reject(FormError::Honeypot, posted.answers),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let (Some(version), Some(token)) = (posted.version, posted.token) else {
        return render(
            &state,
            page,
            locale,
            reject(FormError::Malformed, posted.answers),
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    let survey = match surveys::at_version(&state.db, &slug, version).await {
        Ok(survey) => survey,
        Err(app::models::AppError::NotFound) => {
            return render(
                &state,
                page,
                locale,
                reject(FormError::Malformed, posted.answers),
                StatusCode::BAD_REQUEST,
            )
            .await;
        }
        Err(_) => {
            return render(
                &state,
                page,
                locale,
                reject(FormError::Unavailable, posted.answers),
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await;
        }
    };
    if !survey.is_open() {
        return render(
            &state,
            page,
            locale,
            reject(FormError::SurveyClosed, posted.answers),
            StatusCode::CONFLICT,
        )
        .await;
    }
    let form = survey
        .definition
        .localize(survey.version_id, locale, true, String::new());
    let answers = match validate(&form.questions, &posted.answers) {
        Ok(answers) => answers,
        Err(field_errors) => {
            let rejected = PostedSubmission {
                values: posted.answers,
                field_errors,
                form_error: None,
            };
            return render(
                &state,
                page,
                locale,
                rejected,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    if guard
        .limiter
        .check_key(&client_ip(peer, &headers, guard.trust_forwarded_for))
        .is_err()
    {
        tracing::info!("submission rate limit reached");
        return render(
            &state,
            page,
            locale,
            reject(FormError::RateLimited, posted.answers),
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
    }
    match responses::store_via(&state.db, &survey, locale, token, &answers, page.invite).await {
        Ok(Stored::New(id)) => {
            tracing::info!(response = id, answers = answers.len(), "response stored")
        }
        Ok(Stored::Duplicate) => tracing::info!("duplicate submission ignored"),
        // Through an invitation link that stopped working, nothing is stored: the page comes
        // back without the link, every answer kept, saying they can be sent without it.
        Ok(Stored::LinkGone) => {
            let without_link = Page {
                slug: &slug,
                invite: None,
            };
            return render(
                &state,
                without_link,
                locale,
                reject(FormError::InviteGone, posted.answers),
                StatusCode::CONFLICT,
            )
            .await;
        }
        Err(_) => {
            return render(
                &state,
                page,
                locale,
                reject(FormError::Unavailable, posted.answers),
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await;
        }
    }
    Redirect::to(&format!("/surveys/{slug}/thanks?lang={}", locale.code())).into_response()
}

/// The survey page to render again: the survey, and the invitation link it was opened with.
#[derive(Clone, Copy)]
struct Page<'a> {
    slug: &'a str,
    invite: Option<&'a str>,
}

/// Renders the survey page (as a GET would) with the rejected submission in the context.
async fn render(
    state: &AppState,
    page: Page<'_>,
    locale: Locale,
    posted: PostedSubmission,
    status: StatusCode,
) -> Response {
    let mut uri = format!("/surveys/{}?lang={}", page.slug, locale.code());
    if let Some(invite) = page.invite {
        uri.push_str(&format!("&invite={invite}"));
    }
    let Ok(request) = Request::get(uri)
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
    else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let context_state = state.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(context_state.clone());
            provide_context(posted.clone());
        },
        move || app::shell(options.clone()),
    );
    let mut response = handler(request).await;
    if response.status().is_success() {
        *response.status_mut() = status;
    }
    response
}

/// The request body was over the limit: nothing could be read, so say so plainly.
fn too_large(locale: Locale) -> Response {
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/needscope.css\"></head>\
         <body><main id=\"main\" class=\"wrap\"><h1>{title}</h1><p>{body}</p></main></body></html>",
        lang = locale.code(),
        title = locale.tr("request-too-large-title"),
        body = locale.tr("request-too-large-body"),
    );
    (StatusCode::PAYLOAD_TOO_LARGE, Html(page)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_are_split_from_answers() {
        let token = uuid::Uuid::new_v4();
        let posted = split_fields(vec![
            ("_version".into(), "7".into()),
            ("_token".into(), token.to_string()),
            ("_lang".into(), "es".into()),
            ("_website".into(), "".into()),
            ("_unknown".into(), "x".into()),
            ("devices".into(), "phone".into()),
            ("devices".into(), "laptop".into()),
        ]);
        assert_eq!(posted.version, Some(7));
        assert_eq!(posted.token, Some(token));
        assert_eq!(posted.locale, Some(Locale::Es));
        assert!(!posted.honeypot_filled);
        assert_eq!(posted.answers.len(), 1);
        assert_eq!(
            posted.answers["devices"],
            vec!["phone".to_string(), "laptop".to_string()]
        );
    }

    #[test]
    fn slugs_are_checked() {
        assert!(valid_slug("resident-digital-services"));
        assert!(!valid_slug("../etc"));
        assert!(!valid_slug(""));
    }
}
