//! The live Open311 feed's forms (administrators) and the response-time API:
//! `POST /staff/reports/feed` sets the feed (base URL, jurisdiction, API key, interval, enabled),
//! `POST /staff/reports/feed/pull` pulls it now, both audited; `GET /api/v1/reports/response-times`
//! gives the days to close per category, department, district and equity area.

use std::time::Duration;

use axum::extract::{Extension, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;
use url::Url;

use app::models::report_feed::DEFAULT_SOURCE;
use app::models::response_times::ResponseTimes;
use app::models::staff::{ADMINS, Flash, STAFF, Viewer};
use app::store::report_feeds::{self, FeedSettings};
use app::store::{AppState, audit, response_times};

use super::exports::{staff_only, unavailable};
use crate::auth::viewer_in;
use crate::open311_feed::{PullError, pull};
use crate::routes::forms::{Posted, Refusal, StaffForm};

const PAGE: &str = "/staff/reports/feed";
/// Fields kept when the form is sent back (never the API key).
const KEPT: [&str; 5] = [
    "source",
    "base_url",
    "jurisdiction_id",
    "interval_minutes",
    "enabled",
];
/// Interval bounds, in minutes (a week at most).
const MIN_INTERVAL: i32 = 5;
const MAX_INTERVAL: i32 = 10_080;
/// How long "Pull now" waits before saying the pull goes on in the background.
const WAIT_FOR_PULL: Duration = Duration::from_secs(25);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/reports/feed", post(save))
        .route("/staff/reports/feed/pull", post(pull_now))
}

/// The form's settings, or the first field that is wrong and how.
pub fn read_settings(field: impl Fn(&str) -> String) -> Result<FeedSettings, Refusal> {
    let source = field("source");
    let source = if source.is_empty() {
        DEFAULT_SOURCE.to_owned()
    } else {
        source
    };
    if source.chars().count() > 80 {
        return Err(Refusal::on(
            "feed-source",
            "Name the source in at most 80 characters (for example sj311): request ids are unique within it.",
        ));
    }
    let base_url = field("base_url");
    let parsed = Url::parse(&base_url).ok().filter(|u| {
        matches!(u.scheme(), "http" | "https")
            && u.host_str().is_some_and(|h| !h.is_empty())
            && u.query().is_none()
            && u.fragment().is_none()
    });
    let Some(parsed) = parsed else {
        return Err(Refusal::on(
            "feed-base-url",
            format!(
                "“{base_url}” is not an http(s) address without a query: give the endpoint's base URL, for example https://311.example.org/open311/v2 (requests.json is added to it)."
            ),
        ));
    };
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Refusal::on(
            "feed-base-url",
            "Put no user name or password in the base URL: give an API key below instead.",
        ));
    }
    let jurisdiction_id = Some(field("jurisdiction_id")).filter(|j| !j.is_empty());
    if jurisdiction_id
        .as_ref()
        .is_some_and(|j| j.chars().count() > 200)
    {
        return Err(Refusal::on(
            "feed-jurisdiction",
            "The jurisdiction id is at most 200 characters (for example sanjoseca.gov).",
        ));
    }
    let interval_text = field("interval_minutes");
    let interval_minutes = interval_text
        .parse::<i32>()
        .ok()
        .filter(|n| (MIN_INTERVAL..=MAX_INTERVAL).contains(n))
        .ok_or_else(|| {
            Refusal::on(
                "feed-interval",
                format!(
                    "The interval is a number of minutes from {MIN_INTERVAL} to {MAX_INTERVAL} (a week), not “{interval_text}”."
                ),
            )
        })?;
    let key = field("api_key");
    if key.chars().count() > 500 {
        return Err(Refusal::on(
            "feed-api-key",
            "The API key is at most 500 characters. Type it again.",
        ));
    }
    let api_key = if field("remove_api_key") == "on" {
        Some(String::new())
    } else {
        Some(key).filter(|k| !k.is_empty())
    };
    Ok(FeedSettings {
        source,
        base_url: parsed.as_str().trim_end_matches('/').to_owned(),
        jurisdiction_id,
        api_key,
        interval_minutes,
        enabled: field("enabled") == "on",
    })
}

#[tracing::instrument(skip_all)]
async fn save(posted: Posted) -> Result<Response, Response> {
    let form = posted.check(ADMINS).await?;
    let outcome = save_checked(&form).await;
    Ok(form.answer(PAGE, &KEPT, outcome).await)
}

async fn save_checked(form: &StaffForm) -> Result<Response, Refusal> {
    let settings = read_settings(|name| form.text(name).trim().to_owned())?;
    let existing = report_feeds::first(&form.state.db).await?;
    let key_change = match settings.api_key.as_deref() {
        None => "kept",
        Some("") => "removed",
        Some(_) => "set",
    };
    let detail = json!({
        "source": settings.source, "base_url": settings.base_url,
        "jurisdiction_id": settings.jurisdiction_id, "interval_minutes": settings.interval_minutes,
        "enabled": settings.enabled, "api_key": key_change,
    });
    let enabled = settings.enabled;
    let every = settings.interval_minutes;
    let id = report_feeds::save(
        &form.state.db,
        existing.map(|f| f.id),
        settings,
        Some(form.viewer.id),
    )
    .await?;
    let mut detail = detail;
    detail["feed"] = json!(id);
    form.audit("report_feed_saved", detail).await;
    let message = if enabled {
        format!("The Open311 feed is saved; it is pulled every {every} minutes.")
    } else {
        "The Open311 feed is saved; it is not pulled on a schedule until enabled.".to_owned()
    };
    Ok(form.redirect(PAGE, Flash::notice(message)).await)
}

#[tracing::instrument(skip_all)]
async fn pull_now(posted: Posted) -> Result<Response, Response> {
    let form = posted.check(ADMINS).await?;
    let outcome = pull_checked(&form).await;
    Ok(form.answer(PAGE, &[], outcome).await)
}

async fn pull_checked(form: &StaffForm) -> Result<Response, Refusal> {
    let Some(feed) = report_feeds::first(&form.state.db).await? else {
        return Err(Refusal::Form(
            "Set the feed first: its base URL at least.".into(),
        ));
    };
    let db = form.state.db.clone();
    let task = tokio::spawn(async move { pull(&db, feed.id).await });
    let finished = tokio::time::timeout(WAIT_FOR_PULL, task).await;
    let result = match finished {
        Err(_) => {
            form.audit("report_feed_pull_started", json!({ "feed": feed.id }))
                .await;
            return Ok(form
                .redirect(
                    PAGE,
                    Flash::notice(
                        "The pull goes on in the background: reload this page in a minute to see its outcome.",
                    ),
                )
                .await);
        }
        Ok(Err(join)) => {
            tracing::error!(error = %join, "an Open311 pull stopped");
            return Err(Refusal::Unavailable);
        }
        Ok(Ok(result)) => result,
    };
    match result {
        Ok(outcome) => {
            let detail = json!({
                "feed": feed.id, "ok": true, "pages": outcome.pages, "new": outcome.counts.new,
                "updated": outcome.counts.updated, "unchanged": outcome.counts.unchanged,
                "refused": outcome.refused_total,
            });
            form.audit("report_feed_pulled", detail).await;
            let message = format!("Pulled: {}", outcome.describe());
            Ok(form.redirect(PAGE, Flash::notice(message)).await)
        }
        Err(PullError::Endpoint { message, partial }) => {
            let detail = json!({
                "feed": feed.id, "ok": false, "problem": message, "new": partial.counts.new,
                "updated": partial.counts.updated,
            });
            form.audit("report_feed_pulled", detail).await;
            Err(Refusal::Form(format!(
                "The pull failed: {message}. Reports stored before the problem are kept."
            )))
        }
        Err(PullError::Busy) => Err(Refusal::Form(
            "A pull of this feed is already running (here or on another server): reload this page in a minute to see its outcome."
                .into(),
        )),
        Err(PullError::Taken) => Err(Refusal::Form(
            "The pull stalled for minutes and another server took it over: reload this page in a minute to see its outcome. Reports stored before are kept."
                .into(),
        )),
        Err(PullError::NoFeed(_)) => Err(Refusal::Form(
            "Set the feed first: its base URL at least.".into(),
        )),
        Err(PullError::Db(err)) => Err(Refusal::from(err)),
    }
}

/// How long reports take to close
///
/// Per category, department (through the category's route), council district and equity area
/// (reports' ZIP codes against the active weighting configuration's equity index: high-need
/// areas, other areas, unmatched ZIP codes, no ZIP code; and by score band): reports closed and
/// open, and the median and 90th percentile of the days from request to close over closed reports
/// with both dates. "Closed" is as the source says; the closed date is the `updated_datetime` of
/// the first record seen closed.
#[utoipa::path(
    get,
    path = "/api/v1/reports/response-times",
    responses(
        (status = 200, description = "Response times", body = ResponseTimes),
    ),
)]
pub async fn response_times_json(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
) -> Response {
    let Some(viewer) = viewer_in(viewer, STAFF) else {
        return staff_only();
    };
    match response_times::response_times(&state.db).await {
        Ok(times) => {
            let detail = json!({ "what": "reports/response-times.json" });
            audit::note(&state.db, Some(&viewer), "export", detail).await;
            Json(times).into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "reading response times");
            unavailable()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(fields: &[(&str, &str)]) -> Result<FeedSettings, Refusal> {
        read_settings(|name| {
            fields
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
                .unwrap_or_default()
        })
    }

    fn refused_field(r: Result<FeedSettings, Refusal>) -> String {
        match r {
            Err(Refusal::Field(id, _)) => id,
            other => panic!("expected a refused field, got {other:?}"),
        }
    }

    #[test]
    fn settings_are_checked_field_by_field() {
        let good = settings(&[
            ("base_url", "https://311.example.org/open311/v2/"),
            ("interval_minutes", "30"),
            ("enabled", "on"),
            ("api_key", "abc"),
        ])
        .unwrap();
        assert_eq!(good.base_url, "https://311.example.org/open311/v2");
        assert_eq!(good.source, DEFAULT_SOURCE);
        assert_eq!(good.api_key.as_deref(), Some("abc"));
        assert!(good.enabled);
        for bad in ["ftp://x.org", "311.example.org", "https://x.org/?a=1", ""] {
            assert_eq!(
                refused_field(settings(&[("base_url", bad), ("interval_minutes", "30")])),
                "feed-base-url",
                "{bad}"
            );
        }
        assert_eq!(
            refused_field(settings(&[
                ("base_url", "http://x.org"),
                ("interval_minutes", "2")
            ])),
            "feed-interval"
        );
        let kept = settings(&[("base_url", "http://x.org"), ("interval_minutes", "60")]).unwrap();
        assert_eq!(kept.api_key, None);
        let removed = settings(&[
            ("base_url", "http://x.org"),
            ("interval_minutes", "60"),
            ("remove_api_key", "on"),
        ])
        .unwrap();
        assert_eq!(removed.api_key.as_deref(), Some(""));
    }
}
