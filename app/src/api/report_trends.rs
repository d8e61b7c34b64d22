//! Server functions behind the report trends page and the dashboard's rising categories.

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::report_trends::{TrendsFilter, TrendsReport};
use crate::models::staff::PageContext;

/// Weekly counts by category, theme, district and ZIP with their checks (strategy staff).
#[server(prefix = "/api", endpoint = "reports/trends")]
pub async fn report_trends(
    #[server(default)] filter: TrendsFilter,
) -> Result<(PageContext, TrendsReport), AppError> {
    use crate::models::staff::STAFF;
    use crate::store::{auth, db, report_trends};

    auth::require(STAFF)?;
    let report = report_trends::trends(&db()?, filter).await?;
    Ok((auth::page_context(), report))
}

/// The categories rising over the last four complete weeks of reports (strategy staff).
#[server(prefix = "/api", endpoint = "reports/rising")]
pub async fn rising_categories() -> Result<TrendsReport, AppError> {
    use crate::models::staff::STAFF;
    use crate::store::{auth, db, report_trends};

    auth::require(STAFF)?;
    Ok(report_trends::rising_categories(&db()?).await?)
}
