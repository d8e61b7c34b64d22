//! The results pages and the open-data index, in the visitor's language.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};

use app::routes::results::{no_results_page, open_data_page, results_page};
use app::store::AppState;
use app::store::publications;

use super::{PublicError, PublicSite, Visitor, language_varies};

/// `/results`: the newest live publication not limited to a survey (or "nothing yet"), with links
/// to each survey's and to earlier ones.
#[tracing::instrument(skip_all)]
pub async fn latest(State(state): State<AppState>, parts: Parts) -> Result<Response, PublicError> {
    let visitor = Visitor::of(&parts);
    let live = publications::live_list(&state.db).await?;
    let html = match publications::latest_live(&state.db, None).await? {
        Some(publication) => results_page(visitor.locale, &visitor.path, publication, &live),
        None => no_results_page(visitor.locale, &visitor.path, &live),
    };
    Ok((language_varies(), Html(html)).into_response())
}

/// `/results/survey/{slug}`: the newest live publication of that survey.
#[tracing::instrument(skip(state, parts))]
pub async fn survey(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    parts: Parts,
) -> Result<Response, PublicError> {
    let visitor = Visitor::of(&parts);
    let Some(publication) = publications::latest_live(&state.db, Some(&slug)).await? else {
        return Err(PublicError::not_found(&visitor));
    };
    let live = publications::live_list(&state.db).await?;
    let html = results_page(visitor.locale, &visitor.path, publication, &live);
    Ok((language_varies(), Html(html)).into_response())
}

/// `/results/{id}`: one live publication, at an address that does not change.
#[tracing::instrument(skip(state, parts))]
pub async fn publication(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
) -> Result<Response, PublicError> {
    let visitor = Visitor::of(&parts);
    let publication = match id.parse::<i32>() {
        Ok(id) => publications::get_live(&state.db, id).await?,
        Err(_) => None,
    };
    let Some(publication) = publication else {
        return Err(PublicError::not_found(&visitor));
    };
    let live = publications::live_list(&state.db).await?;
    let html = results_page(visitor.locale, &visitor.path, publication, &live);
    Ok((language_varies(), Html(html)).into_response())
}

/// `/open-data`: every live publication's files and the licence.
#[tracing::instrument(skip_all)]
pub async fn open_data(
    State(state): State<AppState>,
    Extension(site): Extension<PublicSite>,
    parts: Parts,
) -> Result<Response, PublicError> {
    let visitor = Visitor::of(&parts);
    let live = publications::live_list(&state.db).await?;
    let html = open_data_page(visitor.locale, &visitor.path, &live, site.license.title);
    Ok((language_varies(), Html(html)).into_response())
}
