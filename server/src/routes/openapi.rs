//! The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`: a staff session
//! cookie or a personal API token (bearer). Written by hand: six read-only endpoints do not justify
//! a derive framework's dependency tree.

use serde_json::{Value, json};

fn run_param() -> Value {
    json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" }, "description": "Analysis run id" })
}

fn errors() -> Value {
    json!({
        "401": { "description": "No staff session or API token, or the token is unknown, revoked or expired, or its account disabled (the `error` says which)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "description": "The signed-in role (or the token owner's) is not strategy staff" },
        "404": { "description": "No such run", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
    })
}

fn with_errors(ok: Value) -> Value {
    let mut responses = errors();
    if let (Some(map), Some(ok)) = (responses.as_object_mut(), ok.as_object()) {
        map.insert("200".to_owned(), Value::Object(ok.clone()));
    }
    responses
}

/// The document.
pub fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Needscope staff API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Themes, equity-weighted priorities, suppressed breakdowns and audit records of analysis runs. Requires a staff session cookie (sign in at /login) or a personal API token sent as `Authorization: Bearer <token>` (strategy staff make one on their account page, /account; it acts as its owner, for /api/v1 only). Refused tokens get 401 with `error` set to `unknown token`, `token revoked`, `token expired` or `account disabled`. Every export is written to the audit log."
        },
        "components": {
            "securitySchemes": {
                "session": { "type": "apiKey", "in": "cookie", "name": "needscope_session" },
                "bearer": { "type": "http", "scheme": "bearer", "description": "A personal API token from the account page (/account), shown once when made" }
            },
            "schemas": { "Error": { "type": "object", "properties": { "error": { "type": "string" } }, "required": ["error"] } }
        },
        "security": [{ "session": [] }, { "bearer": [] }],
        "paths": {
            "/api/v1/runs": { "get": { "summary": "Analysis runs, newest first", "responses": with_errors(json!({ "description": "Runs", "content": { "application/json": { "schema": { "type": "array", "items": { "type": "object" } } } } })) } },
            "/api/v1/runs/{id}/themes.json": { "get": { "summary": "Themes ranked by priority, with intervals, quotes, streams, trend, sensitivity and district breakdown", "parameters": [run_param()], "responses": with_errors(json!({ "description": "Dashboard data", "content": { "application/json": { "schema": { "type": "object" } } } })) } },
            "/api/v1/runs/{id}/themes.csv": { "get": { "summary": "Themes with priorities and 90% intervals as CSV; suppressed themes have empty weighted columns", "parameters": [run_param()], "responses": with_errors(json!({ "description": "CSV", "content": { "text/csv": {} } })) } },
            "/api/v1/runs/{id}/breakdown.csv": { "get": { "summary": "Raked × equity theme shares by a variable, small cells suppressed", "parameters": [run_param(), { "name": "by", "in": "query", "required": true, "schema": { "type": "string" }, "example": "council_district" }], "responses": with_errors(json!({ "description": "CSV", "content": { "text/csv": {} } })) } },
            "/api/v1/runs/{id}/closed.csv": { "get": { "summary": "Every closed question's distribution (one row per answer option: respondents, share, raking-weighted share), small cells suppressed", "parameters": [run_param()], "responses": with_errors(json!({ "description": "CSV", "content": { "text/csv": {} } })) } },
            "/api/v1/runs/{id}/audit.json": { "get": { "summary": "What went into the run, how, and the hashes that `needscope runs verify` checks", "parameters": [run_param()], "responses": with_errors(json!({ "description": "Audit record", "content": { "application/json": { "schema": { "type": "object" } } } })) } },
            "/api/v1/openapi.json": { "get": { "summary": "This document", "responses": { "200": { "description": "OpenAPI 3.1" } } } }
        }
    })
}
