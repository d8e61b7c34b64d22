//! Builds the strategy dashboard from a logged analysis run: themes ranked by raked × equity
//! priority with intervals (suppressed where small), quotes, streams, languages and months per
//! theme, the sensitivity panel, the district breakdown and the closed questions' results. Runs
//! never change, so a built dashboard is kept in memory per run and filter, and builds are
//! bounded ([`limit`]).
//!
//! What a dashboard shows can change after its run was logged (staff curation, goals and
//! departments, interview notes deleted): the database moves a generation with every such
//! change, made through any server process or by hand (`app::store::shared_state`), and every
//! cached dashboard and preparation is kept under the generation it was built at. Each view
//! reads the generation first, so a change made through another process is seen at the next
//! request.
//!
//! Most of a build does not depend on the filter: reading the run's row and parsing its model,
//! reading every response, report and passage it could have read, applying staff curation,
//! naming the themes and finding every unit's origin. That is done once per run ([`Prepared`],
//! kept for the last [`PREPARED`] runs and made ahead for the latest run when the server
//! starts and after staff curate), so a view under any other filter only counts the prepared
//! origins again.

mod closed;
mod criteria;
mod curate;
mod languages;
mod limit;
mod members;
mod names;
mod panels;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use analysis::weighting::Breakdown;
use app::models::closed::ClosedResults;
use app::models::curation::Curation;
use app::models::dashboard::{DashboardData, DashboardFilter, RunChoice, ThemeCard};
use app::models::{AppError, Stream};
use app::store::dashboards::{BoxFuture, DashboardSource};
use app::store::entities::analysis_run;
use app::store::run_sources::{RunBounds, RunSources};
use app::store::runs::{self as log, minute};
use app::store::shared_state;
use sea_orm::DatabaseConnection;

use crate::runs::{LoggedRun, input::DISTRICT};
use limit::{BuildLimit, Recent};
use members::Members;

/// Runs whose preparation is kept (a comparison shows two).
pub const PREPARED: usize = 2;

/// The server's [`DashboardSource`]: dashboards and breakdowns built under one [`BuildLimit`]
/// and kept in memory, from runs prepared once.
pub struct Dashboards {
    /// By generation and filter.
    dashboards: Arc<Recent<(i64, DashboardFilter), DashboardData>>,
    breakdowns: Arc<Recent<(i32, String), Breakdown>>,
    /// By generation and run.
    prepared: Arc<Recent<(i64, i32), Prepared>>,
    /// The latest generation seen: older entries are dropped when a newer one is seen.
    seen: Arc<AtomicI64>,
    limit: BuildLimit,
    /// Dashboards and breakdowns built so far (not served from the cache).
    built: Arc<AtomicUsize>,
    /// Runs prepared so far.
    preparations: Arc<AtomicUsize>,
    /// The database to prepare the latest run from again after [`DashboardSource::warm_latest`],
    /// once [`Dashboards::warm`] was called.
    db: Mutex<Option<DatabaseConnection>>,
}

impl Default for Dashboards {
    fn default() -> Self {
        Dashboards {
            dashboards: Arc::default(),
            breakdowns: Arc::default(),
            prepared: Arc::new(Recent::keeping(PREPARED)),
            seen: Arc::new(AtomicI64::new(i64::MIN)),
            limit: BuildLimit::default(),
            built: Arc::default(),
            preparations: Arc::default(),
            db: Mutex::new(None),
        }
    }
}

impl DashboardSource for Dashboards {
    /// The change already moved the generation (in its own transaction): prepare the latest run
    /// again ahead, at the new generation.
    fn warm_latest(&self) {
        let db = self
            .db
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let (Some(db), Ok(runtime)) = (db, tokio::runtime::Handle::try_current()) {
            runtime.spawn(self.warming(db));
        }
    }

    fn dashboard(
        &self,
        db: DatabaseConnection,
        filter: DashboardFilter,
    ) -> BoxFuture<Result<Option<DashboardData>, AppError>> {
        let (cache, limit, built) = (
            self.dashboards.clone(),
            self.limit.clone(),
            self.built.clone(),
        );
        let (prepared, preparations) = (self.prepared.clone(), self.preparations.clone());
        let generations = self.generations();
        Box::pin(async move {
            // The run's id first: a cached dashboard needs nothing else (a run row is large).
            let Some(id) = log::resolve_id(&db, filter.run).await? else {
                return Ok(None);
            };
            let generation = generations.current(&db).await?;
            let key = DashboardFilter {
                run: Some(id),
                ..filter
            };
            let slot = cache.slot((generation, key.clone()));
            let data = slot
                .get_or_try_init(|| async {
                    let failed = |err: anyhow::Error| {
                        tracing::error!(error = %format!("{err:#}"), "building a dashboard");
                        AppError::Unavailable
                    };
                    let run = prepare_once(&db, (generation, id), &prepared, &limit, &preparations)
                        .await?
                        .ok_or(AppError::NotFound)?;
                    let _turn = limit.turn().await;
                    let data = tokio::task::spawn_blocking(move || run.view(key))
                        .await
                        .map_err(|err| failed(err.into()))?
                        .map_err(failed)?;
                    built.fetch_add(1, Ordering::Relaxed);
                    Ok::<_, AppError>(Arc::new(data))
                })
                .await?;
            let mut data = DashboardData::clone(data);
            // New runs may have been logged since: the picker is always fresh.
            data.runs = run_choices(&db).await?;
            Ok(Some(data))
        })
    }
}

/// Run `id` prepared, from `cache` or now (under a turn of `limit`); `None` when there is no
/// such run.
async fn prepare_once(
    db: &DatabaseConnection,
    (generation, id): (i64, i32),
    cache: &Recent<(i64, i32), Prepared>,
    limit: &BuildLimit,
    preparations: &AtomicUsize,
) -> Result<Option<Arc<Prepared>>, AppError> {
    let slot = cache.slot((generation, id));
    let prepared = slot
        .get_or_try_init(|| async {
            let _turn = limit.turn().await;
            let Some((row, model)) = log::get_with_model_text(db, Some(id)).await? else {
                return Err(AppError::NotFound);
            };
            let prepared = Prepared::new(db, row, Some(model)).await.map_err(|err| {
                tracing::error!(error = %format!("{err:#}"), run = id, "preparing a run's dashboard");
                AppError::Unavailable
            })?;
            preparations.fetch_add(1, Ordering::Relaxed);
            Ok(Arc::new(prepared))
        })
        .await;
    match prepared {
        Ok(p) => Ok(Some(p.clone())),
        Err(AppError::NotFound) => Ok(None),
        Err(err) => Err(err),
    }
}

impl Dashboards {
    fn generations(&self) -> Generations {
        Generations {
            seen: self.seen.clone(),
            dashboards: self.dashboards.clone(),
            prepared: self.prepared.clone(),
        }
    }

    /// How many dashboards and breakdowns were built rather than served from the cache.
    pub fn builds(&self) -> usize {
        self.built.load(Ordering::Relaxed)
    }

    /// How many times a run was prepared (read, curated and named) for dashboards.
    pub fn preparations(&self) -> usize {
        self.preparations.load(Ordering::Relaxed)
    }

    /// Prepares the latest run now, in the background, so that its first view under any filter
    /// only counts; and again whenever what dashboards show changed. A failure is logged and
    /// left to the first view to report.
    pub fn warm(&self, db: DatabaseConnection) -> tokio::task::JoinHandle<()> {
        *self.db.lock().unwrap_or_else(PoisonError::into_inner) = Some(db.clone());
        tokio::spawn(self.warming(db))
    }

    fn warming(&self, db: DatabaseConnection) -> impl Future<Output = ()> + Send + 'static {
        let (cache, limit, preparations) = (
            self.prepared.clone(),
            self.limit.clone(),
            self.preparations.clone(),
        );
        let generations = self.generations();
        async move {
            let latest = async {
                let id = log::resolve_id(&db, None).await?;
                Ok::<_, AppError>((generations.current(&db).await?, id))
            };
            let prepared = match latest.await {
                Ok((generation, Some(id))) => {
                    prepare_once(&db, (generation, id), &cache, &limit, &preparations)
                        .await
                        .map(|_| ())
                }
                Ok((_, None)) => Ok(()),
                Err(err) => Err(err),
            };
            if let Err(err) = prepared {
                tracing::warn!(error = %err, "preparing the latest run's dashboard ahead");
            }
        }
    }

    /// Run `id`'s raked × equity shares by `variable`, small cells suppressed; `Ok(None)` when
    /// there is no such run; an error says why the run cannot be broken down so.
    pub async fn breakdown(
        &self,
        db: &DatabaseConnection,
        id: i32,
        variable: &str,
    ) -> anyhow::Result<Option<Arc<Breakdown>>> {
        if log::resolve_id(db, Some(id)).await?.is_none() {
            return Ok(None);
        }
        let slot = self.breakdowns.slot((id, variable.to_owned()));
        let breakdown = slot
            .get_or_try_init(|| async {
                let _turn = self.limit.turn().await;
                let row = log::get(db, id)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("run {id} disappeared"))?;
                let responses = log::responses_for_analysis(db, Some(row.last_response_id)).await?;
                let variable = variable.to_owned();
                let breakdown = tokio::task::spawn_blocking(move || {
                    LoggedRun::read(row)?.breakdown(responses, &variable)
                })
                .await??;
                self.built.fetch_add(1, Ordering::Relaxed);
                Ok::<_, anyhow::Error>(Arc::new(breakdown))
            })
            .await?
            .clone();
        Ok(Some(breakdown))
    }
}

/// Reads the dashboards' generation and drops what older generations built.
struct Generations {
    seen: Arc<AtomicI64>,
    dashboards: Arc<Recent<(i64, DashboardFilter), DashboardData>>,
    prepared: Arc<Recent<(i64, i32), Prepared>>,
}

impl Generations {
    /// The generation now. The first request to see a newer one drops the older entries (they
    /// could no longer be found under the new generation, but they hold memory).
    async fn current(&self, db: &DatabaseConnection) -> Result<i64, AppError> {
        let generation = shared_state::dashboards_generation(db).await?;
        if self.seen.fetch_max(generation, Ordering::AcqRel) < generation {
            self.dashboards.retain(|(g, _)| *g >= generation);
            self.prepared.retain(|(g, _)| *g >= generation);
        }
        Ok(generation)
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

/// Builds the dashboard of `row` under `filter`, with staff curation applied: [`Prepared::new`]
/// then [`Prepared::view`], with nothing kept.
pub async fn build(
    db: &DatabaseConnection,
    row: analysis_run::Model,
    filter: DashboardFilter,
) -> anyhow::Result<DashboardData> {
    let prepared = Prepared::new(db, row, None).await?;
    tokio::task::spawn_blocking(move || prepared.view(filter)).await?
}

/// Everything a run's dashboard needs whatever the filter: the run with staff merges and splits
/// applied (re-weighted when they regroup it), what it could have read, the decisions, the
/// themes' names and ranks in the previous run, and where each unit came from.
pub struct Prepared {
    run: Arc<LoggedRun>,
    sources: Arc<RunSources>,
    curation: Curation,
    names: BTreeMap<String, String>,
    previous: BTreeMap<String, usize>,
    merged: BTreeMap<String, Vec<(String, String)>>,
    regrouped: bool,
    members: Members,
}

impl Prepared {
    /// Reads the row, what the run could have read and the decisions once, regroups and
    /// re-weights on the blocking pool when staff merged or split themes, names the themes from
    /// a sample of their answers and finds every unit's origin. The row's theme model is read
    /// from `model` when given (its JSON text, see `app::store::runs::get_with_model_text`).
    pub async fn new(
        db: &DatabaseConnection,
        row: analysis_run::Model,
        model: Option<String>,
    ) -> anyhow::Result<Self> {
        let started = Instant::now();
        let id = row.id;
        let bounds = RunBounds::from(&row);
        let previous_run = row.previous_run_id;
        // The model's text parses on the blocking pool while the database is read.
        let parsing = tokio::task::spawn_blocking(move || match model {
            Some(text) => LoggedRun::read_text(row, &text),
            None => LoggedRun::read(row),
        });
        let sources = RunSources::load(db, bounds).await?;
        let curation = app::store::curation::load(db).await?;
        let previous = match previous_run {
            Some(id) => log::weighting_of(db, id)
                .await?
                .and_then(|w| serde_json::from_value::<analysis::weighting::WeightingRun>(w).ok())
                .map(|w| panels::previous_ranks(&w, &curation))
                .unwrap_or_default(),
            None => BTreeMap::new(),
        };
        let read = started.elapsed();
        let run = parsing.await??;
        let (run, merged, regrouped, sources, curation) = tokio::task::spawn_blocking(move || {
            let merged = merged_themes(&run, &curation);
            let (run, regrouped) = curate::apply(run, &curation, &sources)?;
            Ok::<_, anyhow::Error>((
                Arc::new(run),
                merged,
                regrouped,
                Arc::new(sources),
                curation,
            ))
        })
        .await??;
        let curated = started.elapsed();
        // Every unit's origin is found on one core while the names' sample is read and named.
        let members = tokio::task::spawn_blocking({
            let (run, sources) = (run.clone(), sources.clone());
            move || Members::new(&run, &sources)
        });
        let texts = names::sampled_texts(db, &run).await?;
        let sampled = started.elapsed();
        let names = tokio::task::spawn_blocking({
            let (run, sources) = (run.clone(), sources.clone());
            move || names::names(&run, &sources, &texts)
        })
        .await?;
        let prepared = Prepared {
            run,
            sources,
            curation,
            names,
            previous,
            merged,
            regrouped,
            members: members.await?,
        };
        tracing::debug!(
            run = id,
            read_ms = read.as_millis(),
            curated_ms = curated.as_millis(),
            sampled_ms = sampled.as_millis(),
            total_ms = started.elapsed().as_millis(),
            "prepared a run's dashboard"
        );
        Ok(prepared)
    }

    /// The dashboard under `filter` (CPU-bound: counts the prepared origins).
    pub fn view(&self, filter: DashboardFilter) -> anyhow::Result<DashboardData> {
        let started = Instant::now();
        let cx = panels::CardContext {
            filter: &filter,
            curation: &self.curation,
            names: &self.names,
            previous: &self.previous,
            merged: &self.merged,
        };
        let mut data = assemble(&self.run, &self.sources, &self.members, &cx)?;
        data.regrouped = self.regrouped;
        data.filter = filter;
        tracing::debug!(
            run = data.run_id,
            ms = started.elapsed().as_millis(),
            "viewed a prepared run"
        );
        Ok(data)
    }
}

/// Run `row` with staff merges and splits applied (re-weighted when they regroup it), with what it
/// could have read: the same curated run [`build`] shows, for the public snapshot.
pub async fn curated_run(
    db: &DatabaseConnection,
    row: analysis_run::Model,
) -> anyhow::Result<(LoggedRun, RunSources)> {
    let sources = RunSources::load(db, (&row).into()).await?;
    let curation = app::store::curation::load(db).await?;
    tokio::task::spawn_blocking(move || {
        let (run, _) = curate::apply(LoggedRun::read(row)?, &curation, &sources)?;
        Ok((run, sources))
    })
    .await?
}

/// Themes staff merged into each theme of `run` (both in the run): id and logged label.
fn merged_themes(run: &LoggedRun, curation: &Curation) -> BTreeMap<String, Vec<(String, String)>> {
    let labels = panels::labels(run);
    let mut merged: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let plan = curate::regrouping(curation, run);
    for id in plan.merges.keys() {
        let target = plan.target(id);
        if target != id
            && let (Some(label), true) = (labels.get(id.as_str()), labels.contains_key(target))
        {
            merged
                .entry(target.to_owned())
                .or_default()
                .push((id.clone(), (*label).to_owned()));
        }
    }
    merged
}

/// The dashboard of a (curated) run from what it could have read (CPU-bound).
fn assemble(
    run: &LoggedRun,
    sources: &RunSources,
    members: &Members,
    cx: &panels::CardContext<'_>,
) -> anyhow::Result<DashboardData> {
    let filter = cx.filter;
    let report = &run.report;
    let mut themes = panels::theme_cards(run, members, cx);
    themes.retain(|t| framed(t, filter, cx.curation));
    let shown: BTreeMap<&str, &str> = themes
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str()))
        .collect();
    let ordered: Vec<(String, String)> = themes
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let closed = closed::results(run, sources, &ordered, members, filter).unwrap_or_else(|err| {
        tracing::warn!(error = %format!("{err:#}"), "no closed-question results");
        ClosedResults::default()
    });
    let by = filter.by.clone().unwrap_or_else(|| DISTRICT.to_owned());
    let breakdown = panels::breakdown(run, sources, &by, &shown);
    let streams: BTreeSet<&str> = members.streams().into_iter().map(Stream::as_str).collect();
    let row = &run.row;
    let named = |m: &BTreeMap<i32, String>| m.iter().map(|(id, n)| (*id, n.clone())).collect();
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
        sensitivity: panels::sensitivity(run, &shown),
        themes,
        breakdown,
        breakdown_variables: panels::breakdown_variables(run),
        runs: Vec::new(),
        streams: streams.into_iter().map(str::to_owned).collect(),
        surveys: members.surveys(),
        districts: members.districts(),
        filter_problem: criteria::Criteria::of(filter).1,
        languages: report
            .languages
            .keys()
            .map(|l| l.code().to_owned())
            .collect(),
        closed,
        language_report: languages::language_report(run),
        regrouped: false,
        previous_run: row.previous_run_id,
        goals: named(&cx.curation.goals),
        departments: named(&cx.curation.departments),
        filter: filter.clone(),
    })
}

/// Whether theme `t` is in the goal and department the filter asks for.
fn framed(t: &ThemeCard, filter: &DashboardFilter, curation: &Curation) -> bool {
    let goal = filter.goal.and_then(|g| curation.goals.get(&g));
    let department = filter.department.and_then(|d| curation.departments.get(&d));
    goal.is_none_or(|g| t.goals.contains(g))
        && department.is_none_or(|d| t.department.as_ref() == Some(d))
}
