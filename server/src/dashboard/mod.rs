//! Builds the strategy dashboard from a logged analysis run: themes ranked by raked × equity
//! priority with intervals (suppressed where small), quotes, streams, languages and months per
//! theme, the sensitivity panel, the district breakdown and the closed questions' results. Runs
//! never change, so a built dashboard is kept in memory per run and filter (the last [`CACHED`]
//! of them).

mod closed;
mod criteria;
mod members;
mod panels;

use std::collections::{BTreeSet, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use app::models::closed::ClosedResults;
use app::models::dashboard::{DashboardData, DashboardFilter, RunChoice};
use app::models::{AppError, Stream};
use app::store::dashboards::{BoxFuture, DashboardSource};
use app::store::entities::analysis_run;
use app::store::run_sources::RunSources;
use app::store::runs::{self as log, minute};
use sea_orm::DatabaseConnection;

use crate::runs::{LoggedRun, input::DISTRICT};
use members::Members;

/// Dashboards kept in memory.
const CACHED: usize = 16;

/// Built dashboards, newest first.
type Cache = Arc<Mutex<VecDeque<(DashboardFilter, Arc<DashboardData>)>>>;

/// The server's [`DashboardSource`].
#[derive(Default)]
pub struct Dashboards {
    cache: Cache,
}

impl DashboardSource for Dashboards {
    fn invalidate(&self) {
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    fn dashboard(
        &self,
        db: DatabaseConnection,
        filter: DashboardFilter,
    ) -> BoxFuture<Result<Option<DashboardData>, AppError>> {
        let cache = self.cache.clone();
        Box::pin(async move {
            // The run's id first: a cached dashboard needs nothing else (a run row is large).
            let Some(id) = log::resolve_id(&db, filter.run).await? else {
                return Ok(None);
            };
            let key = DashboardFilter {
                run: Some(id),
                ..filter
            };
            let hit = cache
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .iter()
                .find(|(f, _)| *f == key)
                .map(|(_, data)| data.clone());
            let mut data = match hit {
                Some(data) => (*data).clone(),
                None => {
                    let Some(row) = log::get(&db, id).await? else {
                        return Ok(None);
                    };
                    let data = build(&db, row, key.clone()).await.map_err(|err| {
                        tracing::error!(error = %format!("{err:#}"), "building a dashboard");
                        AppError::Unavailable
                    })?;
                    let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
                    cache.push_front((key, Arc::new(data.clone())));
                    cache.truncate(CACHED);
                    data
                }
            };
            // New runs may have been logged since: the picker is always fresh.
            data.runs = run_choices(&db).await?;
            Ok(Some(data))
        })
    }
}

async fn run_choices(db: &DatabaseConnection) -> Result<Vec<RunChoice>, AppError> {
    Ok(log::list(db)
        .await?
        .into_iter()
        .map(|(id, at, ..)| RunChoice {
            id,
            label: format!("Run {id} · {}", minute(at)),
        })
        .collect())
}

/// Builds the dashboard of `row` under `filter`, reading the row and what it could have read
/// once.
pub async fn build(
    db: &DatabaseConnection,
    row: analysis_run::Model,
    filter: DashboardFilter,
) -> anyhow::Result<DashboardData> {
    let sources = RunSources::load(
        db,
        row.last_response_id,
        row.last_report_id,
        row.last_passage_id,
    )
    .await?;
    let run = LoggedRun::read(row)?;
    let members = Members::new(&run, &sources);
    let report = &run.report;
    let themes = panels::theme_cards(&run, &members, &filter);
    let ordered: Vec<(String, String)> = themes
        .iter()
        .map(|t| (t.id.clone(), t.label.clone()))
        .collect();
    let closed =
        closed::results(&run, &sources, &ordered, &members, &filter).unwrap_or_else(|err| {
            tracing::warn!(error = %format!("{err:#}"), "no closed-question results");
            ClosedResults::default()
        });
    let by = filter.by.clone().unwrap_or_else(|| DISTRICT.to_owned());
    let breakdown = panels::breakdown(&run, &sources, &by);
    let streams: BTreeSet<&str> = members.streams().into_iter().map(Stream::as_str).collect();
    let row = &run.row;
    Ok(DashboardData {
        run_id: row.id,
        created_at: minute(row.created_at),
        representation: match &row.encoder {
            Some(model) => format!("semantic ({model})"),
            None => "classical (TF-IDF + LSA)".to_owned(),
        },
        n_units: report.n_units,
        n_respondents: report.n_respondents,
        unclassified: report.unclassified.members.len(),
        scope: run.scope.describe(),
        weighting_problem: row.weighting_problem.clone(),
        themes,
        sensitivity: panels::sensitivity(&run),
        breakdown,
        breakdown_variables: panels::breakdown_variables(&run),
        runs: Vec::new(),
        streams: streams.into_iter().map(str::to_owned).collect(),
        surveys: members.surveys(),
        districts: members.districts(),
        filter_problem: criteria::Criteria::of(&filter).1,
        languages: report
            .languages
            .keys()
            .map(|l| l.code().to_owned())
            .collect(),
        closed,
        filter,
    })
}
