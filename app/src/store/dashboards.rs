//! The dashboard is computed by the server crate (it owns the analysis engine); pages reach it
//! through this trait, which the server puts in [`super::AppState`].

use std::future::Future;
use std::pin::Pin;

use sea_orm::DatabaseConnection;

use crate::models::AppError;
use crate::models::dashboard::{DashboardData, DashboardFilter};

/// A boxed future that can cross threads.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Builds dashboards from logged analysis runs.
pub trait DashboardSource: Send + Sync {
    /// The dashboard of `filter.run` (the latest run when `None`); `Ok(None)` when there is no
    /// such run.
    fn dashboard(
        &self,
        db: DatabaseConnection,
        filter: DashboardFilter,
    ) -> BoxFuture<Result<Option<DashboardData>, AppError>>;

    /// What dashboards show changed (staff curation, goals, an interview document deleted): the
    /// change moved the database's dashboard generation itself, so older dashboards are no longer
    /// served; this prepares the latest run again ahead, so the next view is quick.
    fn warm_latest(&self);
}
