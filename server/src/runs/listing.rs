//! The log of runs read back for people: one line per run ([`list`]), and one run with what may
//! be published of it ([`show`]: priorities and an optional breakdown, small cells suppressed).

use analysis::weighting::{Breakdown, PublishedPriority, WeightingRun};
use anyhow::bail;
use app::store::entities::analysis_run;
use app::store::runs as log;
use sea_orm::DatabaseConnection;
use sea_orm::prelude::TimeDateTimeWithTimeZone;

use super::LoggedRun;

/// One logged run, without its results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedRun {
    pub id: i32,
    pub created_at: TimeDateTimeWithTimeZone,
    /// The newest response the run read.
    pub last_response_id: i64,
    pub input_hash: String,
    /// The weighting configuration the run used, if it was weighted.
    pub weighting_version: Option<i32>,
    pub result_sha256: String,
}

/// Every logged run, newest first.
pub async fn list(db: &DatabaseConnection) -> anyhow::Result<Vec<ListedRun>> {
    Ok(log::list(db)
        .await?
        .into_iter()
        .map(
            |(id, created_at, last_response_id, input_hash, weighting_version, result_sha256)| {
                ListedRun {
                    id,
                    created_at,
                    last_response_id,
                    input_hash,
                    weighting_version,
                    result_sha256,
                }
            },
        )
        .collect())
}

/// A logged run with what may be published of it.
#[derive(Debug)]
pub struct ShownRun {
    pub row: analysis_run::Model,
    /// The published priorities, when the run was weighted.
    pub priorities: Option<Vec<PublishedPriority>>,
    /// The shares broken down by the variable asked for.
    pub breakdown: Option<Breakdown>,
}

/// Run `id` (default: the latest) with its published priorities and, when `by` names a
/// variable, the shares broken down by it (an error if the run is not weighted).
pub async fn show(
    db: &DatabaseConnection,
    id: Option<i32>,
    by: Option<&str>,
) -> anyhow::Result<ShownRun> {
    let row = match id {
        Some(id) => log::get(db, id).await?,
        None => log::latest(db).await?,
    };
    let Some(row) = row else {
        bail!("no such analysis run: start one with `needscope runs new`");
    };
    let run = LoggedRun::read(row.clone())?;
    let breakdown = match by {
        Some(variable) => Some(super::breakdown(db, &run, variable).await?),
        None => None,
    };
    let priorities = run
        .weighting
        .as_ref()
        .map(WeightingRun::published_priorities);
    Ok(ShownRun {
        row,
        priorities,
        breakdown,
    })
}
