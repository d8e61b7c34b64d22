//! Analyst forms on the runs page: start an analysis run (queued as a background job) and cancel
//! one. Bad choices come back to the form with a specific message and the other choices kept.

use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::json;
use tower_sessions::Session;

use app::i18n::{FluentArg, locale_from_headers};
use app::models::Stream;
use app::models::jobs::{JobOptions, Representation};
use app::models::staff::{Flash, STAFF, Viewer};
use app::store::{AppState, audit, jobs};

use crate::auth::handlers::{Fields, field};
use crate::auth::{flash_redirect, form_viewer};
use crate::jobs::JobQueue;
use crate::runs::scope::parse_day;

const RUNS: &str = "/staff/runs";

/// Reads the start-a-run form; `Err((field, message))` names what is wrong.
pub fn parse_options(
    fields: &Fields,
    semantic_available: bool,
) -> Result<JobOptions, (&'static str, String)> {
    let streams = fields
        .iter()
        .filter(|(k, _)| k == "streams")
        .map(|(_, v)| v.trim().parse::<Stream>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|bad| ("stream-resident", format!("{bad}.")))?;
    if streams.is_empty() {
        return Err((
            "stream-resident",
            "Choose at least one stream to analyse.".to_owned(),
        ));
    }
    let date = |name: &'static str| -> Result<Option<time::Date>, (&'static str, String)> {
        match field(fields, name).map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => parse_day(v)
                .map(Some)
                .ok_or_else(|| (name, format!("“{v}” is not a date: use YYYY-MM-DD."))),
        }
    };
    let from = date("from")?;
    let to = date("to")?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(("to", "The last day is before the first day.".to_owned()));
    }
    let asked = field(fields, "representation")
        .unwrap_or("classical")
        .trim();
    let representation = match Representation::parse(asked) {
        Some(Representation::Semantic) if !semantic_available => {
            return Err((
                "rep-semantic",
                "The semantic representation needs a sentence model: set model_dir on the server."
                    .to_owned(),
            ));
        }
        Some(r) => r,
        None => {
            return Err((
                "rep-classical",
                format!("“{asked}” is not a representation."),
            ));
        }
    };
    let k = match field(fields, "k").map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => match v.parse::<usize>() {
            Ok(k) if (2..=60).contains(&k) => Some(k),
            _ => {
                return Err((
                    "k",
                    format!(
                        "The number of themes must be a whole number from 2 to 60, or empty (it is “{v}”)."
                    ),
                ));
            }
        },
    };
    let seed = field(fields, "seed")
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(42);
    Ok(JobOptions {
        streams,
        from,
        to,
        representation,
        k,
        seed,
    })
}

pub async fn start(
    State(state): State<AppState>,
    Extension(queue): Extension<JobQueue>,
    viewer: Option<Extension<Viewer>>,
    headers: HeaderMap,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let analyst = match form_viewer(&session, &fields, viewer, STAFF).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let l = locale_from_headers(&headers).staff();
    let options = match parse_options(&fields, state.semantic_available) {
        Ok(o) => o,
        Err((on, message)) => {
            let mut flash = Flash::error(message).on(on);
            for name in ["from", "to", "k"] {
                flash = flash.keep(name, field(&fields, name).unwrap_or_default());
            }
            return flash_redirect(&session, RUNS, flash).await;
        }
    };
    let id = match jobs::enqueue(&state.db, &options, Some(&analyst)).await {
        Ok(id) => id,
        Err(err) => {
            tracing::error!(error = %err, "queueing a run");
            return flash_redirect(&session, RUNS, Flash::unavailable()).await;
        }
    };
    queue.wake();
    audit::note(
        &state.db,
        Some(&analyst),
        "analysis_requested",
        json!({ "job": id, "options": options }),
    )
    .await;
    flash_redirect(
        &session,
        RUNS,
        Flash::notice(l.tr_args(
            "staff-flash-run-queued",
            &[("id", FluentArg::Num(id.into()))],
        )),
    )
    .await
}

pub async fn cancel(
    State(state): State<AppState>,
    Extension(queue): Extension<JobQueue>,
    viewer: Option<Extension<Viewer>>,
    Path(id): Path<i32>,
    headers: HeaderMap,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let analyst = match form_viewer(&session, &fields, viewer, STAFF).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let l = locale_from_headers(&headers).staff();
    let job = [("id", FluentArg::Num(id.into()))];
    let flash = match jobs::request_cancel(&state.db, id).await {
        Ok(true) => {
            queue.cancel(id);
            audit::note(
                &state.db,
                Some(&analyst),
                "analysis_cancelled",
                json!({ "job": id }),
            )
            .await;
            Flash::notice(l.tr_args("staff-flash-run-cancelling", &job))
        }
        Ok(false) => Flash::error(l.tr_args("staff-flash-run-finished", &job)),
        Err(_) => Flash::unavailable(),
    };
    flash_redirect(&session, RUNS, flash).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_run_form_is_read_or_refused_with_the_field_named() {
        let ok = parse_options(
            &form(&[
                ("streams", "resident"),
                ("streams", "reports"),
                ("k", "8"),
                ("from", "2026-01-01"),
            ]),
            false,
        )
        .expect("valid");
        assert_eq!(ok.streams, [Stream::Resident, Stream::Reports]);
        assert_eq!(ok.k, Some(8));
        assert_eq!(ok.from, Some(time::macros::date!(2026 - 01 - 01)));
        assert_eq!(
            parse_options(&form(&[]), false).unwrap_err().0,
            "stream-resident"
        );
        assert_eq!(
            parse_options(&form(&[("streams", "resident"), ("k", "1")]), false)
                .unwrap_err()
                .0,
            "k"
        );
        assert_eq!(
            parse_options(
                &form(&[("streams", "resident"), ("from", "2026-13-01")]),
                false
            )
            .unwrap_err()
            .0,
            "from"
        );
        assert_eq!(
            parse_options(
                &form(&[
                    ("streams", "resident"),
                    ("from", "2026-02-01"),
                    ("to", "2026-01-01")
                ]),
                false
            )
            .unwrap_err()
            .0,
            "to"
        );
        assert_eq!(
            parse_options(
                &form(&[("streams", "resident"), ("representation", "semantic")]),
                false
            )
            .unwrap_err()
            .0,
            "rep-semantic"
        );
        let (on, message) = parse_options(&form(&[("streams", "residents")]), false).unwrap_err();
        assert_eq!(on, "stream-resident");
        assert!(message.contains("“residents” is not a stream"), "{message}");
    }
}
