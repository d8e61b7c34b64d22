//! `POST /surveys/{slug}`: a resident's answers, as a plain form post (the same with JavaScript on or
//! off). Valid answers are stored once (the page's token makes double submits harmless) and the
//! resident is sent to the thank-you page; anything else renders the survey page again with every
//! answer kept and a specific message next to what is wrong.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::body::Body;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Extension, Form, Path, State};
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use leptos::nonce::Nonce;
use leptos::prelude::provide_context;

use app::i18n::{Locale, locale_from_headers};
use app::models::links::INVITE_FIELD;
use app::models::slug::valid_slug;
use app::models::{
    AnswerValue, AppError, FieldErrors, FormError, PostedSubmission, RawAnswers, validate,
};
use app::routes::survey_fields as fields;
use app::store::AppState;
use app::store::responses::{Grouped, Stored, Submission};
use app::store::surveys::LoadedSurvey;
use sea_orm::DatabaseConnection;

use super::client::ClientKeys;
use super::same_origin::OwnOrigin;
use crate::allowance::{Allowance, Keeping};
use crate::submissions::{SubmissionWriter, SurveyCache};

/// Abuse protection for submissions (a per-client rate limit, shared by every process on
/// PostgreSQL, and answers only from our own pages), and the way to the database: survey versions kept in memory and the
/// writer that stores submissions in groups ([`crate::submissions`]).
#[derive(Clone)]
pub struct SubmitGuard {
    /// Keyed by the client's rate-limit key (an IPv6 client's /64).
    limiter: Allowance,
    clients: ClientKeys,
    own_origin: OwnOrigin,
    surveys: SurveyCache,
    writer: SubmissionWriter,
}

impl SubmitGuard {
    /// Starts the submission writer on `db`; `per_minute` submissions per client, kept as
    /// `keeping` says.
    pub fn new(
        per_minute: u32,
        clients: ClientKeys,
        db: DatabaseConnection,
        keeping: &Keeping,
    ) -> SubmitGuard {
        SubmitGuard {
            limiter: Allowance::new(
                "submissions/client",
                per_minute,
                Duration::from_secs(60),
                keeping,
            ),
            clients,
            own_origin: OwnOrigin::RequestHost,
            surveys: SurveyCache::default(),
            writer: SubmissionWriter::start(db),
        }
    }

    /// Accepts answers only from pages at `origin` (by default, the host each request names).
    pub fn with_own_origin(self, own_origin: OwnOrigin) -> SubmitGuard {
        SubmitGuard { own_origin, ..self }
    }

    /// Forgets clients whose quota has refilled, so the table stays small.
    pub fn forget_idle_clients(&self) {
        self.limiter.forget_idle();
    }
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
    nonce: Option<Extension<Nonce>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let header_locale = locale_from_headers(&headers);
    if !valid_slug(&slug) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let posted = match form {
        Ok(Form(pairs)) => split_fields(pairs),
        Err(FormRejection::BytesRejection(rejection))
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE =>
        {
            return too_large(header_locale);
        }
        // Read as a form without its hidden fields: refused as malformed.
        Err(rejection) => {
            tracing::info!(error = %rejection, "unreadable survey form");
            split_fields(Vec::new())
        }
    };
    let locale = posted.locale.unwrap_or(header_locale);
    if let Err(origin) = guard.own_origin.check(&headers) {
        tracing::warn!(%origin, "survey answers posted from another site refused");
        return cross_site(&slug, locale);
    }
    let client = guard.clients.key(peer, &headers);
    match store(&state, &guard, client, &slug, locale, &posted).await {
        Ok(()) => {
            Redirect::to(&format!("/surveys/{slug}/thanks?lang={}", locale.code())).into_response()
        }
        Err(refusal) => {
            let nonce = nonce.map(|Extension(nonce)| nonce);
            refusal.render(&state, &slug, locale, posted, nonce).await
        }
    }
}

/// Why a submission is not stored: the survey page comes back with every answer kept and this
/// said, at the top of the form or next to each wrong answer.
#[derive(Debug)]
pub(crate) enum Refusal {
    Form(FormError),
    Answers(FieldErrors),
}

impl From<FormError> for Refusal {
    fn from(error: FormError) -> Refusal {
        Refusal::Form(error)
    }
}

impl From<FieldErrors> for Refusal {
    fn from(errors: FieldErrors) -> Refusal {
        Refusal::Answers(errors)
    }
}

/// What a failed survey lookup means for the form: an unknown version is a form the page did not
/// make.
fn lookup_failed(error: AppError) -> FormError {
    match error {
        AppError::NotFound => FormError::Malformed,
        _ => FormError::Unavailable,
    }
}

impl Refusal {
    fn status(&self) -> StatusCode {
        match self {
            Refusal::Answers(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Refusal::Form(error) => match error {
                FormError::Honeypot => StatusCode::UNPROCESSABLE_ENTITY,
                FormError::Malformed => StatusCode::BAD_REQUEST,
                FormError::SurveyClosed | FormError::InviteGone => StatusCode::CONFLICT,
                FormError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
                FormError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            },
        }
    }

    /// The survey page again (as a GET would show it) with `posted`'s answers and this refusal.
    /// After a gone invitation link the page comes without it, saying the answers can be sent
    /// without it.
    async fn render(
        self,
        state: &AppState,
        slug: &str,
        locale: Locale,
        posted: Posted,
        nonce: Option<Nonce>,
    ) -> Response {
        let status = self.status();
        tracing::info!(refusal = ?self, %status, "submission refused");
        let invite = match self {
            Refusal::Form(FormError::InviteGone) => None,
            _ => posted.invite.as_deref(),
        };
        let submission = match self {
            Refusal::Form(error) => PostedSubmission {
                values: posted.answers,
                field_errors: Default::default(),
                form_error: Some(error),
            },
            Refusal::Answers(field_errors) => PostedSubmission {
                values: posted.answers,
                field_errors,
                form_error: None,
            },
        };
        let page = Page {
            slug,
            invite,
            nonce,
        };
        render(state, page, locale, submission, status).await
    }
}

/// Checks the posted answers against the survey version the page showed and stores them once.
async fn store(
    state: &AppState,
    guard: &SubmitGuard,
    client: IpAddr,
    slug: &str,
    locale: Locale,
    posted: &Posted,
) -> Result<(), Refusal> {
    if posted.honeypot_filled {
        return Err(FormError::Honeypot.into());
    }
    let (version, token) = posted
        .version
        .zip(posted.token)
        .ok_or(FormError::Malformed)?;
    let mut survey = guard
        .surveys
        .at_version(&state.db, slug, version)
        .await
        .map_err(lookup_failed)?;
    let mut answers = checked_answers(&survey, locale, &posted.answers)?;
    if !guard.limiter.take(&client.to_string()).await {
        return Err(FormError::RateLimited.into());
    }
    // The survey may change between the check and the commit (the writer looks): then the
    // answers are checked again against the survey as it is now. Twice is plenty; a survey
    // edited faster than that is answered "try again".
    let mut attempts = 0;
    let (stored, count) = loop {
        let count = answers.len();
        let submission = Submission::new(&survey, locale, token, answers, posted.invite.clone());
        match guard.writer.store(submission).await {
            Ok(Grouped::Done(stored)) => break (stored, count),
            Ok(Grouped::Closed) => return Err(FormError::SurveyClosed.into()),
            Ok(Grouped::Changed) if attempts < 2 => {
                attempts += 1;
                guard.surveys.forget(survey.survey.id);
                survey = guard
                    .surveys
                    .at_version(&state.db, slug, version)
                    .await
                    .map_err(lookup_failed)?;
                answers = checked_answers(&survey, locale, &posted.answers)?;
            }
            Ok(Grouped::Changed) | Err(_) => return Err(FormError::Unavailable.into()),
        }
    };
    match stored {
        Stored::New(id) => {
            tracing::info!(response = id, answers = count, "response stored")
        }
        Stored::Duplicate => tracing::info!("duplicate submission ignored"),
        // Through an invitation link that stopped working, nothing is stored.
        Stored::LinkGone => return Err(FormError::InviteGone.into()),
    }
    Ok(())
}

/// The answers `raw` to `survey` as they are stored, checked as every response is: the survey is
/// open, and each question shown (branching applied) has a valid answer or none where that is
/// allowed. A resident's submission and an entry by staff or a partner
/// (`routes::paper::enter`) both go through here.
pub(crate) fn checked_answers(
    survey: &LoadedSurvey,
    locale: Locale,
    raw: &RawAnswers,
) -> Result<BTreeMap<String, AnswerValue>, Refusal> {
    if !survey.is_open() {
        return Err(FormError::SurveyClosed.into());
    }
    let form = survey
        .definition
        .localize(survey.version_id, locale, true, String::new());
    Ok(validate(&form.questions, raw)?)
}

/// The survey page to render again: the survey, the invitation link it was opened with, and the
/// script nonce this response's Content-Security-Policy names.
struct Page<'a> {
    slug: &'a str,
    invite: Option<&'a str>,
    nonce: Option<Nonce>,
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
    let mut request = Request::get(uri).header(header::ACCEPT, "text/html");
    if let Some(nonce) = page.nonce {
        request = request.extension(nonce);
    }
    let Ok(request) = request.body(Body::empty()) else {
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

/// The answers came from a page on another site: nothing is kept, and the resident is sent to
/// the survey on our own site.
fn cross_site(slug: &str, locale: Locale) -> Response {
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/needscope.css\"></head>\
         <body><main id=\"main\" class=\"wrap\"><h1>{title}</h1><p>{body}</p>\
         <p><a href=\"/surveys/{slug}?lang={lang}\">{link}</a></p></main></body></html>",
        lang = locale.code(),
        title = locale.tr("cross-site-title"),
        body = locale.tr("cross-site-body"),
        link = locale.tr("cross-site-link"),
    );
    (StatusCode::FORBIDDEN, Html(page)).into_response()
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
}
