//! Builds the strategy dashboard from a logged analysis run: themes ranked by raked × equity
//! priority with intervals (suppressed where small), quotes, streams, languages and months per
//! theme, the sensitivity panel, the district breakdown and the closed questions' results. Runs
//! never change, so a built dashboard is kept in memory per run and filter (the last [`CACHED`]
//! of them).

mod closed;
mod criteria;
mod members;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use analysis::ThemeReport;
use analysis::weighting::{PublishedPriority, WeightingRun};
use app::models::AppError;
use app::models::closed::ClosedResults;
use app::models::dashboard::{
    BreakdownView, DashboardData, DashboardFilter, Estimate, QuoteView, RunChoice, SensitivityView,
    ThemeCard,
};
use app::store::dashboards::{BoxFuture, DashboardSource};
use app::store::entities::analysis_run;
use app::store::runs::{self as log, minute};
use sea_orm::DatabaseConnection;

use crate::runs::{self, input::DISTRICT, logged_scope};
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

fn estimate(value: f64, interval: Option<analysis::weighting::Interval>) -> Estimate {
    Estimate {
        value,
        lower: interval.map(|i| i.lower),
        upper: interval.map(|i| i.upper),
    }
}

/// Builds the dashboard of `row` under `filter`.
pub async fn build(
    db: &DatabaseConnection,
    row: analysis_run::Model,
    filter: DashboardFilter,
) -> anyhow::Result<DashboardData> {
    let report: ThemeReport = serde_json::from_value(row.themes.clone())?;
    let weighting: Option<WeightingRun> = row
        .weighting
        .clone()
        .map(serde_json::from_value)
        .transpose()?;
    let members = Members::load(db, &row).await?;
    let published: BTreeMap<String, PublishedPriority> = weighting
        .as_ref()
        .map(|w| {
            w.published_priorities()
                .into_iter()
                .map(|p| (p.theme.clone(), p))
                .collect()
        })
        .unwrap_or_default();
    let mut themes: Vec<ThemeCard> = report
        .themes
        .iter()
        .map(|t| {
            let counted = members.count(&t.members, &filter);
            let p = published.get(&t.id);
            let row = p.and_then(|p| p.row.as_ref());
            ThemeCard {
                id: t.id.clone(),
                label: t.label.clone(),
                keywords: t.keywords.iter().map(|k| k.term.clone()).collect(),
                respondents: counted.respondents,
                share: counted.respondents as f64 / members.total(&filter).max(1) as f64,
                rank: row.map(|r| r.equity.rank),
                weighted_share: row.map(|r| estimate(r.equity.share, r.equity.share_ci90)),
                priority: row.map(|r| estimate(r.equity.priority, r.equity.priority_ci90)),
                suppressed: p.filter(|p| !p.suppressed.is_empty()).map(|p| {
                    p.suppressed
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
                by_stream: counted.by_stream.into_iter().collect(),
                languages: counted.languages.into_iter().collect(),
                quotes: t
                    .quotes
                    .iter()
                    .filter_map(|q| {
                        let (source, link) = members.source(&q.unit_id)?;
                        Some(QuoteView {
                            text: q.text.clone(),
                            lang: q.lang.code().to_owned(),
                            source,
                            link,
                        })
                    })
                    .collect(),
                trend: counted.months.into_iter().collect(),
            }
        })
        .collect();
    themes.sort_by(|a, b| {
        (a.rank.is_none(), a.rank, std::cmp::Reverse(a.respondents)).cmp(&(
            b.rank.is_none(),
            b.rank,
            std::cmp::Reverse(b.respondents),
        ))
    });
    let ordered: Vec<(String, String)> = themes
        .iter()
        .map(|t| (t.id.clone(), t.label.clone()))
        .collect();
    let closed = closed::results(
        db,
        &row,
        &report,
        weighting.as_ref(),
        &ordered,
        &members,
        &filter,
    )
    .await
    .unwrap_or_else(|err| {
        tracing::warn!(error = %format!("{err:#}"), "no closed-question results");
        ClosedResults::default()
    });
    let labels: BTreeMap<&str, &str> = report
        .themes
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str()))
        .collect();
    let sensitivity = weighting.as_ref().map(|w| {
        let s = &w.sensitivity;
        let pos =
            |list: &[String], id: &str| list.iter().position(|x| x == id).map_or(0, |p| p + 1);
        SensitivityView {
            rows: s
                .raked_equity
                .iter()
                .map(|id| {
                    (
                        labels.get(id.as_str()).copied().unwrap_or(id).to_owned(),
                        pos(&s.unweighted, id),
                        pos(&s.raked, id),
                        pos(&s.raked_equity, id),
                    )
                })
                .collect(),
            tau_unweighted_equity: s.tau_unweighted_equity,
        }
    });
    let by = filter.by.clone().unwrap_or_else(|| DISTRICT.to_owned());
    let mut breakdown_variables: Vec<String> = vec![DISTRICT.to_owned()];
    if let Some(w) = &weighting {
        for v in &w.config.margins.variables {
            if !breakdown_variables.contains(&v.name) {
                breakdown_variables.push(v.name.clone());
            }
        }
    }
    let breakdown = match &weighting {
        Some(_) => match runs::breakdown(db, &row, &by).await {
            Ok(b) => Some(BreakdownView {
                variable: b.variable.clone(),
                columns: b.columns.iter().map(|c| c.category.clone()).collect(),
                rows: b
                    .themes
                    .iter()
                    .zip(&b.cells)
                    .map(|(id, cells)| {
                        (
                            labels.get(id.as_str()).copied().unwrap_or(id).to_owned(),
                            cells.iter().map(|c| c.share).collect(),
                        )
                    })
                    .collect(),
            }),
            Err(err) => {
                tracing::warn!(error = %format!("{err:#}"), variable = %by, "no breakdown");
                None
            }
        },
        None => None,
    };
    let streams: BTreeSet<String> = members.streams();
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
        scope: logged_scope(&row)?.describe(),
        weighting_problem: row.weighting_problem.clone(),
        themes,
        sensitivity,
        breakdown,
        breakdown_variables,
        runs: Vec::new(),
        streams: streams.into_iter().collect(),
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
