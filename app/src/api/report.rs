//! Server function behind the print-ready "What we heard" report of one run.

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::report::ReportData;
use crate::models::staff::PageContext;

/// The report of run `id` (strategy staff); `None` when there is no such run.
#[server(prefix = "/api", endpoint = "staff/report")]
pub async fn run_report(id: i32) -> Result<(PageContext, Option<ReportData>), AppError> {
    use crate::models::staff::STAFF;
    use crate::store::{auth, state};

    auth::require(STAFF)?;
    let state = state()?;
    let views = super::compare::run_views()?;
    let data = views
        .report(state.db.clone(), state.dashboards.clone(), id)
        .await?;
    Ok((auth::page_context(), data))
}
