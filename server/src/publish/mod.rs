//! Publishing a run: "What we heard", back to residents. Staff choose a curated run (and
//! optionally one survey); [`snapshot::build`] freezes what the public may see into a
//! `PublicResults` — needs only, every number through the run's small-cell suppression and the
//! [`disclosure`] audit, approved and redacted quotes, actions past "proposed" — and
//! [`publish`] stores it. Public pages, the feed and open data read only stored snapshots, so later
//! curation changes nothing until staff publish again.

pub mod disclosure;
pub mod snapshot;

use app::store::dashboards::DashboardSource;
use app::store::publications;
use sea_orm::DatabaseConnection;

pub use snapshot::{Snapshot, SnapshotError};

/// Builds and stores the snapshot of run `run` (limited to survey `survey`, by slug) as published
/// by `user`; returns the publication's id and the snapshot.
pub async fn publish(
    db: &DatabaseConnection,
    dashboards: &dyn DashboardSource,
    run: i32,
    survey: Option<&str>,
    user: i32,
) -> Result<(i32, Snapshot), SnapshotError> {
    let snapshot = snapshot::build(db, dashboards, run, survey).await?;
    let id = publications::publish(
        db,
        run,
        snapshot.results.survey.clone(),
        &snapshot.results,
        user,
    )
    .await
    .map_err(anyhow::Error::from)?;
    Ok((id, snapshot))
}
