//! Staff forms that publish a curated run as public results (`POST /staff/publications`) and
//! withdraw a publication (`/staff/publications/{id}/withdraw`). Administrators and analysts may do
//! both; both are audited. The snapshot itself is built by [`crate::publish`].

use axum::Router;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::post;
use serde_json::json;

use app::models::staff::{Flash, STAFF};
use app::store::AppState;
use app::store::publications;

use crate::publish::{self, SnapshotError};
use crate::routes::forms::{self, Posted, Refusal, Revocation, StaffForm};

const PUBLICATIONS: &str = "/staff/publications";

/// The form's fields kept when it is sent back.
const KEPT: [&str; 2] = ["run", "survey"];

/// The routes of the publication forms.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(PUBLICATIONS, post(create))
        .route("/staff/publications/{id}/withdraw", post(withdraw))
}

/// Publishes the posted run (and survey, if one was chosen).
#[tracing::instrument(skip_all)]
async fn create(posted: Posted) -> Result<Response, Response> {
    let form = posted.check(STAFF).await?;
    let outcome = make(&form).await;
    Ok(form.answer(PUBLICATIONS, &KEPT, outcome).await)
}

async fn make(form: &StaffForm) -> Result<Response, Refusal> {
    let run_text = form.text("run").trim();
    let run: i32 = run_text.parse().map_err(|_| {
        Refusal::on(
            "publish-run",
            format!("“{run_text}” is not a run: choose one from the list."),
        )
    })?;
    let survey = Some(form.text("survey").trim()).filter(|s| !s.is_empty());
    let (id, snapshot) = match publish::publish(
        &form.state.db,
        form.state.dashboards.as_ref(),
        run,
        survey,
        form.viewer.id,
    )
    .await
    {
        Ok(done) => done,
        Err(err @ SnapshotError::UnknownRun(_)) => {
            return Err(Refusal::on("publish-run", err.to_string()));
        }
        Err(err @ SnapshotError::UnknownSurvey { .. }) => {
            return Err(Refusal::on("publish-survey", err.to_string()));
        }
        Err(SnapshotError::Failed(err)) => {
            tracing::error!(error = %format!("{err:#}"), run, "publishing a run");
            return Err(Refusal::Unavailable);
        }
    };
    let results = &snapshot.results;
    let audited: Vec<_> = snapshot
        .audited
        .iter()
        .map(|(theme, p)| {
            json!({ "theme": theme, "cells": p.cells, "share_withheld": p.share_withheld, "total_hidden": p.total_hidden })
        })
        .collect();
    form.audit(
        "results_published",
        json!({
            "publication": id,
            "run": run,
            "survey": survey,
            "needs": results.needs.len(),
            "disclosure_audit": audited,
        }),
    )
    .await;
    let scope = match &results.survey {
        Some((_, title)) => format!(" (the survey “{title}”)"),
        None => String::new(),
    };
    let mut message = format!(
        "Run {run}{scope} is published as publication {id}, with {} needs: /results/{id}.",
        results.needs.len()
    );
    if !results.weighted {
        message.push_str(
            " The run is not equity-weighted, so it shows no weighted shares and no district breakdown.",
        );
    }
    if results.needs.is_empty() {
        message.push_str(" No theme of the run is shown as a need, so the page lists none.");
    }
    if !snapshot.audited.is_empty() {
        message.push_str(&format!(
            " {} district row(s) were hidden further so a small figure cannot be worked out.",
            snapshot.audited.len()
        ));
    }
    Ok(form.redirect(PUBLICATIONS, Flash::notice(message)).await)
}

/// Withdraws publication `id`: it leaves every public address.
#[tracing::instrument(skip_all, fields(publication = id))]
async fn withdraw(Path(id): Path<i32>, posted: Posted) -> Response {
    let revocation = Revocation {
        roles: STAFF,
        page: PUBLICATIONS,
        action: "results_withdrawn",
        gone: "That publication was already withdrawn, or does not exist.",
    };
    forms::revoke(
        posted,
        revocation,
        async |form| {
            Ok(publications::withdraw(&form.state.db, id, form.viewer.id)
                .await?
                .then_some(()))
        },
        |()| {
            let message =
                format!("Publication {id} withdrawn: it is no longer shown at any public address.");
            (json!({ "publication": id }), message)
        },
    )
    .await
}
