//! Paper forms and assisted entry:
//!
//! * `GET /surveys/{slug}/print?lang=xx`: the survey as a printable form in any of the five
//!   languages (public, like the survey; a draft only for signed-in staff).
//! * `GET /entry`: the surveys a signed-in person (staff or partner) can enter responses for.
//! * `GET /entry/{slug}?answers=xx` and `POST /entry/{slug}`: a response collected on paper, by
//!   phone or in person, entered with how it was collected, by whom, and the paper form's
//!   respondent code (one entry per code and survey). The answers are checked exactly as a
//!   resident's web submission is ([`checked_answers`]); a refused entry comes back with every
//!   answer kept and each problem named. Entries are audited, and no rate limit applies: staff
//!   entering a pile of forms are signed in and send the session's form token.
//!
//! The pages are rendered by `app::routes::paper` on the server, with no script.

use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use serde::Deserialize;
use serde_json::json;

use app::i18n::{Locale, locale_from_request};
use app::models::collection::{CollectionMode, PaperCodeError, parse_paper_code};
use app::models::slug::valid_slug;
use app::models::staff::{Flash, Role, SIGNED_IN, STAFF, Viewer};
use app::models::{AppError, FieldErrors, FormError, RawAnswers, SurveyStatus};
use app::routes::paper::{
    self as pages, ANSWERS_PARAM, EnteredItem, EntryPage, EntryProblem, EntrySurvey, fields,
};
use app::store::AppState;
use app::store::auth::CsrfToken;
use app::store::responses::{self, Entered, Entry};
use app::store::surveys::{self, LoadedSurvey};

use super::forms::{Posted, StaffForm};
use super::submit::{Refusal, checked_answers};

/// How many entered responses the entry page lists.
const LISTED: u64 = 50;

/// The paper and entry routes, to merge into the application's router.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/surveys/{slug}/print", get(print))
        .route("/entry", get(index))
        .route("/entry/{slug}", get(entry).post(enter))
}

/// Why a page did not render.
#[derive(Debug, thiserror::Error)]
enum PageError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    App(AppError),
    #[error("reading responses: {0}")]
    Database(#[from] sea_orm::DbErr),
}

impl From<AppError> for PageError {
    fn from(error: AppError) -> PageError {
        match error {
            AppError::NotFound => PageError::NotFound,
            other => PageError::App(other),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::NotFound => (StatusCode::NOT_FOUND, "No such survey.").into_response(),
            error => {
                tracing::error!(%error, "a paper or entry page failed");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The service is unavailable, please try again shortly.",
                )
                    .into_response()
            }
        }
    }
}

/// Whether `viewer` may see `survey` on paper: a draft only for staff.
fn visible(survey: &LoadedSurvey, viewer: Option<&Viewer>) -> bool {
    SurveyStatus::parse(&survey.survey.status) != Some(SurveyStatus::Draft)
        || viewer.is_some_and(|v| v.is(STAFF))
}

/// `GET /surveys/{slug}/print?lang=xx`: the printable form.
#[tracing::instrument(skip(state, viewer, parts))]
async fn print(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(slug): Path<String>,
    parts: Parts,
) -> Result<Response, PageError> {
    if !valid_slug(&slug) {
        return Err(PageError::NotFound);
    }
    let locale = locale_from_request(&parts);
    let survey = surveys::current(&state.db, &slug).await?;
    if !visible(&survey, viewer.as_ref().map(|Extension(v)| v)) {
        return Err(PageError::NotFound);
    }
    let form =
        survey
            .definition
            .localize(survey.version_id, locale, survey.is_open(), String::new());
    let online = format!("{}/surveys/{slug}", site_base(&parts.headers));
    let html = pages::print_page(&form, parts.uri.path(), &online);
    Ok(([(header::VARY, "Cookie, Accept-Language")], Html(html)).into_response())
}

/// `scheme://host` as the request reached us, for the printed web address.
fn site_base(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_graphic()) && !h.contains('/'))
        .unwrap_or("localhost");
    let local = host.starts_with("127.0.0.1") || host.starts_with("localhost");
    format!("{}://{host}", if local { "http" } else { "https" })
}

/// The language of the entry pages' own text: the viewer's, if staff pages are written in it.
fn chrome(parts: &Parts) -> Locale {
    locale_from_request(parts).staff()
}

/// `GET /entry`: every survey that is not a draft, with its entry page and printable forms.
#[tracing::instrument(skip_all)]
async fn index(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    parts: Parts,
) -> Result<Response, PageError> {
    let l = chrome(&parts);
    let surveys = surveys::all(&state.db)
        .await?
        .into_iter()
        .filter(|s| visible(s, Some(&viewer)))
        .map(|s| EntrySurvey {
            slug: s.survey.slug.clone(),
            title: s.definition.summary(l).title,
            open: s.is_open(),
        })
        .collect();
    let html = pages::entry_index_page(l, viewer.name.clone(), viewer.role.home(), surveys);
    Ok(Html(html).into_response())
}

#[derive(Debug, Deserialize)]
struct EntryQuery {
    answers: Option<String>,
}

/// `GET /entry/{slug}?answers=xx`: the entry form, empty (after a saved entry, with its
/// confirmation).
#[tracing::instrument(skip(state, viewer, csrf, flash, parts, query))]
async fn entry(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    csrf: Option<Extension<CsrfToken>>,
    flash: Option<Extension<Flash>>,
    Path(slug): Path<String>,
    Query(query): Query<EntryQuery>,
    parts: Parts,
) -> Result<Response, PageError> {
    if !valid_slug(&slug) {
        return Err(PageError::NotFound);
    }
    let survey = surveys::current(&state.db, &slug).await?;
    if !visible(&survey, Some(&viewer)) {
        return Err(PageError::NotFound);
    }
    let l = chrome(&parts);
    let answers = query
        .answers
        .as_deref()
        .and_then(Locale::from_code)
        .unwrap_or(l);
    let entered = listed(&state, &survey, &viewer).await?;
    let page = EntryPage {
        chrome: l,
        form: localized(&survey, answers),
        viewer: viewer.name.clone(),
        home: viewer.role.home(),
        csrf: csrf.map(|Extension(CsrfToken(t))| t).unwrap_or_default(),
        values: RawAnswers::new(),
        mode: None,
        paper_code: String::new(),
        field_errors: FieldErrors::new(),
        form_error: None,
        problems: Vec::new(),
        notice: flash
            .map(|Extension(f)| f)
            .filter(|f| !f.error)
            .map(|f| f.message),
        entered,
    };
    Ok(Html(pages::entry_page(page)).into_response())
}

fn localized(survey: &LoadedSurvey, answers: Locale) -> app::models::SurveyForm {
    survey
        .definition
        .localize(survey.version_id, answers, survey.is_open(), String::new())
}

/// The responses the entry page lists: every entered one for staff, a partner's own.
async fn listed(
    state: &AppState,
    survey: &LoadedSurvey,
    viewer: &Viewer,
) -> Result<Vec<EnteredItem>, sea_orm::DbErr> {
    let by = (viewer.role == Role::Partner).then_some(viewer.id);
    let rows = responses::entered(&state.db, survey.survey.id, by, LISTED).await?;
    Ok(rows
        .into_iter()
        .map(|r| EnteredItem {
            id: r.id,
            mode: r.mode,
            paper_code: r.paper_code,
            language: r.language,
            entered_by: r.entered_by,
            at: minute(r.submitted_at),
        })
        .collect())
}

/// `YYYY-MM-DD HH:MM` (UTC).
fn minute(at: time::OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute()
    )
}

/// What an entry posts, read: the answers, and the form's own fields as typed.
struct Typed {
    answers: RawAnswers,
    locale: Option<Locale>,
    mode: Option<CollectionMode>,
    paper_code: String,
}

fn read(fields: &[(String, String)]) -> Typed {
    let mut typed = Typed {
        answers: RawAnswers::new(),
        locale: None,
        mode: None,
        paper_code: String::new(),
    };
    for (name, value) in fields {
        match name.as_str() {
            fields::LANG => typed.locale = Locale::from_code(value.trim()),
            fields::MODE => {
                typed.mode =
                    CollectionMode::parse(value).filter(|m| CollectionMode::ENTERED.contains(m))
            }
            fields::PAPER_CODE => typed.paper_code = value.clone(),
            _ if name.starts_with('_') => {}
            _ => typed
                .answers
                .entry(name.clone())
                .or_default()
                .push(value.clone()),
        }
    }
    typed
}

/// `POST /entry/{slug}`: stores an entered response, or shows the form again with every answer
/// kept and what is wrong.
#[tracing::instrument(skip(posted, parts))]
async fn enter(Path(slug): Path<String>, parts: Parts, posted: Posted) -> Response {
    let form = match posted.check(SIGNED_IN).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    if !valid_slug(&slug) {
        return PageError::NotFound.into_response();
    }
    let survey = match surveys::current(&form.state.db, &slug).await {
        Ok(survey) if visible(&survey, Some(&form.viewer)) => survey,
        Ok(_) => return PageError::NotFound.into_response(),
        Err(error) => return PageError::from(error).into_response(),
    };
    let l = chrome(&parts);
    let typed = read(&form.fields);
    let answers_locale = typed.locale.unwrap_or(l);
    let mut problems = Vec::new();
    if typed.mode.is_none() {
        problems.push(EntryProblem::Mode);
    }
    let paper_code = match parse_paper_code(&typed.paper_code) {
        Ok(code) => code,
        Err(error) => {
            problems.push(match error {
                PaperCodeError::TooLong => EntryProblem::CodeTooLong,
                PaperCodeError::BadCharacters => EntryProblem::CodeCharacters,
            });
            None
        }
    };
    let checked = checked_answers(&survey, answers_locale, &typed.answers);
    let back = Back {
        form: &form,
        survey: &survey,
        chrome: l,
        answers: answers_locale,
        typed: &typed,
    };
    let answers = match (checked, typed.mode) {
        (Ok(answers), Some(mode)) if problems.is_empty() => (answers, mode),
        (checked, _) => {
            let (field_errors, form_error) = match checked {
                Ok(_) => (FieldErrors::new(), None),
                Err(Refusal::Answers(errors)) => (errors, None),
                Err(Refusal::Form(error)) => (FieldErrors::new(), Some(error)),
            };
            return back
                .render(
                    problems,
                    field_errors,
                    form_error,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
        }
    };
    let (answers, mode) = answers;
    let entry = Entry {
        mode,
        entered_by: form.viewer.id,
        paper_code,
    };
    match responses::store_entered(&form.state.db, &survey, answers_locale, &answers, &entry).await
    {
        Ok(Entered::New(id)) => {
            form.audit(
                "response_entered",
                json!({
                    "survey": slug,
                    "response": id,
                    "mode": mode.as_str(),
                    "paper_code": entry.paper_code,
                    "language": answers_locale.code(),
                }),
            )
            .await;
            tracing::info!(response = id, mode = mode.as_str(), "response entered");
            let message = l.tr_args(
                "staff-entry-saved",
                &[
                    ("id", app::i18n::FluentArg::Num(id)),
                    ("mode", app::i18n::FluentArg::Str(l.tr(mode.message_key()))),
                ],
            );
            let to = format!("/entry/{slug}?{ANSWERS_PARAM}={}", answers_locale.code());
            form.redirect(&to, Flash::notice(message)).await
        }
        Ok(Entered::PaperCodeTaken(response)) => {
            let code = entry.paper_code.unwrap_or_default();
            tracing::info!(%code, response, "paper code already entered");
            let problems = vec![EntryProblem::CodeTaken { code, response }];
            back.render(problems, FieldErrors::new(), None, StatusCode::CONFLICT)
                .await
        }
        Err(error) => {
            tracing::error!(%error, "storing an entered response");
            back.render(
                Vec::new(),
                FieldErrors::new(),
                Some(FormError::Unavailable),
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await
        }
    }
}

/// The entry form sent back with what was posted.
struct Back<'a> {
    form: &'a StaffForm,
    survey: &'a LoadedSurvey,
    chrome: Locale,
    answers: Locale,
    typed: &'a Typed,
}

impl Back<'_> {
    async fn render(
        &self,
        problems: Vec<EntryProblem>,
        field_errors: FieldErrors,
        form_error: Option<FormError>,
        status: StatusCode,
    ) -> Response {
        let viewer = &self.form.viewer;
        let entered = match listed(&self.form.state, self.survey, viewer).await {
            Ok(entered) => entered,
            Err(error) => {
                tracing::error!(%error, "listing entered responses");
                Vec::new()
            }
        };
        let csrf = self
            .form
            .fields
            .iter()
            .find(|(k, _)| k == app::models::staff::CSRF_FIELD)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let page = EntryPage {
            chrome: self.chrome,
            form: localized(self.survey, self.answers),
            viewer: viewer.name.clone(),
            home: viewer.role.home(),
            csrf,
            values: self.typed.answers.clone(),
            mode: self.typed.mode,
            paper_code: self.typed.paper_code.clone(),
            field_errors,
            form_error,
            problems,
            notice: None,
            entered,
        };
        (
            status,
            [(header::CACHE_CONTROL, "no-store")],
            Html(pages::entry_page(page)),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_fields_are_read_apart_from_the_answers() {
        let typed = read(&[
            ("_csrf".into(), "t".into()),
            ("_lang".into(), "vi".into()),
            ("_mode".into(), "paper".into()),
            ("_paper_code".into(), " a-1 ".into()),
            ("devices".into(), "phone".into()),
            ("devices".into(), "laptop".into()),
        ]);
        assert_eq!(typed.locale, Some(Locale::Vi));
        assert_eq!(typed.mode, Some(CollectionMode::Paper));
        assert_eq!(typed.paper_code, " a-1 ");
        assert_eq!(typed.answers.len(), 1);
        assert_eq!(typed.answers["devices"].len(), 2);
    }

    #[test]
    fn web_is_not_a_mode_anyone_enters() {
        let typed = read(&[("_mode".into(), "web".into())]);
        assert_eq!(typed.mode, None);
    }
}
