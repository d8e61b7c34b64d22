//! The staff API `/api/v1` and its OpenAPI 3.1 description, served at `/api/v1/openapi.json`.
//!
//! Router and document come from one table, [`endpoints`]: each entry is a handler's
//! `#[utoipa::path]` attribute ([`utoipa_axum::routes!`]), which gives both the axum route (path
//! and method) and the operation, with the schemas of the body types the handler sends. So an
//! endpoint cannot be served without being described, nor described with another path or body.
//! What every endpoint shares (staff session cookie or bearer API token, and the refusals of the
//! auth middleware in front of them all) is added here once.

use std::sync::Arc;

use axum::{Extension, Json, Router};
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

use app::store::AppState;

use super::exports::{self, ApiError};
use crate::startup::SESSION_COOKIE;

/// The document (`utoipa::openapi::OpenApi`).
pub type Document = utoipa::openapi::OpenApi;

/// Everything the API serves. The router and the document are both built from this list.
pub fn endpoints() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![
        routes!(openapi_json),
        routes!(exports::runs_list),
        routes!(exports::themes_json_export),
        routes!(exports::themes_csv_export),
        routes!(exports::breakdown_csv_export),
        routes!(exports::closed_csv_export),
        routes!(exports::audit_json_export),
        routes!(super::actions::actions_json),
        routes!(super::actions::actions_csv_export),
        routes!(super::compare::compare_json),
        routes!(super::categories::reports_json),
        routes!(super::report_feed::response_times_json),
        routes!(super::report_trends::trends_json),
    ]
}

/// The `/api/v1` routes, to merge into the application's router; the document travels with them
/// for [`openapi_json`].
pub fn router() -> Router<AppState> {
    let (router, document) = api().split_for_parts();
    router.layer(Extension(Arc::new(document)))
}

/// The document [`router`] serves.
pub fn document() -> Document {
    api().into_openapi()
}

fn api() -> OpenApiRouter<AppState> {
    let mut api = endpoints().into_iter().fold(
        OpenApiRouter::with_openapi(ApiDoc::openapi()),
        OpenApiRouter::routes,
    );
    add_refusals(api.get_openapi_mut());
    api
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Needscope staff API",
        description = "Themes, equity-weighted priorities, suppressed breakdowns and audit records of analysis runs. Requires a staff session cookie (sign in at /login) or a personal API token sent as `Authorization: Bearer <token>` (strategy staff make one on their account page, /account; it acts as its owner, for /api/v1 only). Refused tokens get 401 with `error` set to `unknown token`, `token revoked`, `token expired` or `account disabled`. Every export is written to the audit log."
    ),
    components(schemas(ApiError)),
    security(("session" = []), ("bearer" = [])),
    modifiers(&Authentication)
)]
struct ApiDoc;

/// The two ways in: the staff session cookie and a personal API token.
struct Authentication;

impl Modify for Authentication {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                "The staff session, set by signing in at /login",
            ))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A personal API token from the account page (/account), shown once when made",
                    ))
                    .build(),
            ),
        );
    }
}

/// The answers of the auth middleware in front of every endpoint (`crate::auth`), by status:
/// name in `components.responses` and description.
const REFUSALS: [(&str, &str, &str); 3] = [
    (
        "401",
        "Unauthorized",
        "No staff session or API token, or the token is unknown, revoked or expired, or its account disabled (the `error` says which)",
    ),
    (
        "403",
        "Forbidden",
        "The signed-in role (or the token owner's) is not strategy staff",
    ),
    (
        "503",
        "Unavailable",
        "The database could not be reached; try again shortly",
    ),
];

/// Adds [`REFUSALS`] to the shared responses and to every operation.
fn add_refusals(openapi: &mut Document) {
    let components = openapi.components.get_or_insert_with(Default::default);
    for (_, name, description) in REFUSALS {
        let body = ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Error")))
            .build();
        let response: RefOr<Response> = ResponseBuilder::new()
            .description(description)
            .content("application/json", body)
            .into();
        components.responses.insert(name.to_owned(), response);
    }
    for item in openapi.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            add_to(operation);
        }
    }
}

fn add_to(operation: &mut Operation) {
    for (status, name, _) in REFUSALS {
        operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
    }
}

/// This document
///
/// The OpenAPI 3.1 description of `/api/v1`.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object)),
)]
pub async fn openapi_json(Extension(document): Extension<Arc<Document>>) -> Json<Document> {
    Json(Document::clone(&document))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_the_refusals_and_the_error_body_exists() {
        let document = document();
        let schemas = document.components.as_ref().map(|c| &c.schemas);
        assert!(schemas.is_some_and(|s| s.contains_key("Error")));
        for (path, item) in &document.paths.paths {
            let get = item.get.as_ref();
            for (status, _, _) in REFUSALS {
                assert!(
                    get.is_some_and(|op| op.responses.responses.contains_key(status)),
                    "{path} lacks {status}"
                );
            }
        }
    }
}
