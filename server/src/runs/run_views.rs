//! The server's [`RunViews`]: the compare page's runs read and compared ([`super::compare`]),
//! each run's figures kept in memory once read (runs never change), and "What we heard" reports
//! ([`super::run_report`]). One per application, in every request's extensions (see `startup`).

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Context;
use app::api::compare::{RunViews, run_choices};
use app::models::AppError;
use app::models::compare::{ComparePage, RunPair};
use app::models::report::ReportData;
use app::store::dashboards::{BoxFuture, DashboardSource};
use app::store::runs as log;
use sea_orm::DatabaseConnection;
use tokio::sync::Mutex;

use super::LoggedRun;
use super::compare::{RunFigures, compare};

/// The server's [`RunViews`]: comparisons, with each run's figures kept once read, and reports.
#[derive(Clone, Default)]
pub struct Comparisons {
    /// Figures without members, by run id.
    summaries: Arc<Mutex<HashMap<i32, Arc<RunFigures>>>>,
}

/// Why a pair cannot be compared, for people; `Ok` with the two ids when it can.
fn pick(runs: &[i32], pair: RunPair) -> Result<(i32, i32), String> {
    let known = |field: &str, id: i32| {
        if runs.contains(&id) {
            Ok(id)
        } else {
            Err(format!("{field}: there is no analysis run {id}"))
        }
    };
    let b = match pair.b {
        Some(id) => known("b", id)?,
        None => *runs
            .iter()
            .max()
            .ok_or("There is no analysis run yet: start one on the Analysis runs page.")?,
    };
    let a = match pair.a {
        Some(id) => known("a", id)?,
        None => runs
            .iter()
            .copied()
            .filter(|&id| id < b)
            .max()
            .ok_or_else(|| {
                format!("a: run {b} is the first run, so there is no earlier run to compare it with; pick two runs")
            })?,
    };
    if a == b {
        return Err(format!("a and b are both run {a}: pick two different runs"));
    }
    Ok((a, b))
}

/// Reads run `id` whole.
async fn read(db: &DatabaseConnection, id: i32) -> anyhow::Result<RunFigures> {
    let row = log::get(db, id)
        .await?
        .with_context(|| format!("run {id} disappeared"))?;
    tokio::task::spawn_blocking(move || Ok(RunFigures::of(&LoggedRun::read(row)?))).await?
}

impl Comparisons {
    /// The figures of every run in `ids` without members, oldest first, reading those not seen
    /// before (one at a time, once).
    async fn summaries(
        &self,
        db: &DatabaseConnection,
        ids: &[i32],
    ) -> anyhow::Result<Vec<Arc<RunFigures>>> {
        let mut known = self.summaries.lock().await;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let figures = match known.get(&id) {
                Some(f) => f.clone(),
                None => {
                    let f = Arc::new(read(db, id).await?.summary());
                    known.insert(id, f.clone());
                    f
                }
            };
            out.push(figures);
        }
        Ok(out)
    }

    /// Run `pair.a` against `pair.b`, or why not.
    pub async fn page(
        &self,
        db: &DatabaseConnection,
        pair: RunPair,
    ) -> anyhow::Result<ComparePage> {
        let runs = run_choices(db).await?;
        let mut ids: Vec<i32> = runs.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        let (a, b) = match pick(&ids, pair) {
            Ok(ab) => ab,
            Err(problem) => {
                return Ok(ComparePage {
                    runs,
                    a: pair.a,
                    b: pair.b,
                    comparison: None,
                    problem: Some(problem),
                });
            }
        };
        let (fa, fb) = (read(db, a).await?, read(db, b).await?);
        let all: Vec<RunFigures> = self
            .summaries(db, &ids)
            .await?
            .iter()
            .map(|f| RunFigures::clone(f))
            .collect();
        let comparison = tokio::task::spawn_blocking(move || compare(&fa, &fb, &all)).await?;
        Ok(ComparePage {
            runs,
            a: Some(a),
            b: Some(b),
            comparison: Some(comparison),
            problem: None,
        })
    }
}

/// The [`RunViews`] every request carries (see `startup`): one per application.
pub fn views() -> Arc<dyn RunViews> {
    Arc::new(Comparisons::default())
}

fn unavailable(what: &str, err: anyhow::Error) -> AppError {
    tracing::error!(error = %format!("{err:#}"), "{what}");
    AppError::Unavailable
}

impl RunViews for Comparisons {
    fn compare(
        &self,
        db: DatabaseConnection,
        pair: RunPair,
    ) -> BoxFuture<Result<ComparePage, AppError>> {
        let this = self.clone();
        Box::pin(async move {
            this.page(&db, pair)
                .await
                .map_err(|e| unavailable("comparing runs", e))
        })
    }

    fn report(
        &self,
        db: DatabaseConnection,
        dashboards: Arc<dyn DashboardSource>,
        id: i32,
    ) -> BoxFuture<Result<Option<ReportData>, AppError>> {
        Box::pin(async move {
            super::run_report::build(&db, dashboards.as_ref(), id)
                .await
                .map_err(|e| unavailable("building a report", e))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_pair_is_the_latest_run_and_the_one_before_it() {
        let runs = [1, 2, 5];
        assert_eq!(pick(&runs, RunPair::default()), Ok((2, 5)));
        assert_eq!(
            pick(
                &runs,
                RunPair {
                    a: None,
                    b: Some(2)
                }
            ),
            Ok((1, 2))
        );
        assert_eq!(
            pick(
                &runs,
                RunPair {
                    a: Some(5),
                    b: Some(1)
                }
            ),
            Ok((5, 1)),
            "any two runs, either way round"
        );
        let missing = pick(
            &runs,
            RunPair {
                a: Some(3),
                b: None,
            },
        )
        .expect_err("no run 3");
        assert_eq!(missing, "a: there is no analysis run 3");
        let first = pick(
            &runs,
            RunPair {
                a: None,
                b: Some(1),
            },
        )
        .expect_err("nothing before 1");
        assert!(first.starts_with("a: run 1 is the first run"), "{first}");
        let same = pick(
            &runs,
            RunPair {
                a: Some(2),
                b: Some(2),
            },
        )
        .expect_err("same run");
        assert!(same.contains("pick two different runs"), "{same}");
        assert!(pick(&[], RunPair::default()).is_err());
    }
}
