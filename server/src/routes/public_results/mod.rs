//! The public side of published results, with no sign-in: the results pages (`/results`, a
//! survey's `/results/survey/{slug}`, one publication's stable `/results/{id}`), the Atom feed
//! (`/results/feed.atom`) and the open data (`/open-data`, and each publication's CSV, JSON and
//! Data Package files). Every one reads only live publications (`app::store::publications`): a
//! withdrawn or unknown one is the same 404 everywhere, which says nothing of whether it existed.
//!
//! Only GET (and HEAD) are routed; the security headers and CSP of every response apply, and the
//! pages carry no script. The pages are rendered by `app::routes::results` on the server only.

mod feed;
mod license;
mod open_data;
mod pages;

use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};

use app::i18n::{Locale, locale_from_request};
use app::store::AppState;

pub use license::{DEFAULT_LICENSE, LICENSES, OpenDataLicense, UnknownLicense};
pub use open_data::{ACTION_FIELDS, DISTRICT_FIELDS, Field, NEED_FIELDS};

/// What the public routes need from the settings.
#[derive(Clone, Debug)]
pub struct PublicSite {
    pub license: OpenDataLicense,
    /// The address residents reach the site at (`public_url`), for the feed's absolute links.
    pub public_url: Option<String>,
    /// Whether the site is served over HTTPS (`secure_cookies`), for the feed's links when
    /// `public_url` is not set.
    pub https: bool,
}

impl PublicSite {
    /// From the settings; the licence must be one of [`LICENSES`].
    pub fn new(settings: &crate::config::Settings) -> Result<PublicSite, UnknownLicense> {
        Ok(PublicSite {
            license: OpenDataLicense::from_id(&settings.open_data_license)?,
            public_url: settings.public_url.clone(),
            https: settings.secure_cookies,
        })
    }

    /// `scheme://host` of the site as this request reached it: `public_url` when set, else the
    /// `Host` the request names.
    fn base(&self, headers: &HeaderMap) -> String {
        if let Some(url) = self.public_url.as_deref().filter(|u| !u.trim().is_empty()) {
            return url.trim().trim_end_matches('/').to_owned();
        }
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| {
                !h.is_empty() && h.chars().all(|c| c.is_ascii_graphic()) && !h.contains('/')
            })
            .unwrap_or("localhost");
        let scheme = if self.https { "https" } else { "http" };
        format!("{scheme}://{host}")
    }
}

/// The public routes, to merge into the application's router.
pub fn router(site: PublicSite) -> Router<AppState> {
    Router::new()
        .route("/results", get(pages::latest))
        .route("/results/survey/{slug}", get(pages::survey))
        .route("/results/feed.atom", get(feed::feed))
        .route("/results/{id}", get(pages::publication))
        .route("/open-data", get(pages::open_data))
        .route("/open-data/publications/{id}/{file}", get(open_data::file))
        .layer(Extension(site))
}

/// Who asked, for the page: the language (`?lang=`, the `ns_lang` cookie, `Accept-Language`, as
/// on every page) and the path (the language links point back to it).
struct Visitor {
    locale: Locale,
    path: String,
}

impl Visitor {
    fn of(parts: &Parts) -> Visitor {
        Visitor {
            locale: locale_from_request(parts),
            path: parts.uri.path().to_owned(),
        }
    }
}

/// Why a public route did not answer with what was asked.
#[derive(Debug, thiserror::Error)]
enum PublicError {
    /// Unknown or withdrawn: the same answer for both.
    #[error("not found")]
    NotFound(Locale, String),
    #[error("reading publications: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("writing a CSV file: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("writing the feed: {0}")]
    Feed(#[from] atom_syndication::Error),
}

impl PublicError {
    fn not_found(visitor: &Visitor) -> PublicError {
        PublicError::NotFound(visitor.locale, visitor.path.clone())
    }
}

impl IntoResponse for PublicError {
    fn into_response(self) -> Response {
        match self {
            PublicError::NotFound(locale, path) => (
                StatusCode::NOT_FOUND,
                language_varies(),
                Html(app::routes::results::not_found_page(locale, &path)),
            )
                .into_response(),
            other => {
                tracing::error!(error = %other, "public results");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "The service is not available right now. Please try again in a few minutes.",
                )
                    .into_response()
            }
        }
    }
}

/// Pages differ by the visitor's language, chosen from the cookie or `Accept-Language`: caches
/// must keep them apart.
fn language_varies() -> [(header::HeaderName, HeaderValue); 1] {
    [(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    )]
}
