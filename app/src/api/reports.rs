//! Server function behind the staff page that imports resident reports (311).

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::staff::PageContext;

/// The import form's context and how many reports each source holds (strategy staff).
#[server(prefix = "/api", endpoint = "reports/sources")]
pub async fn reports_page() -> Result<(PageContext, Vec<(String, i64)>), AppError> {
    use crate::models::staff::STAFF;
    use crate::store::{auth, db, reports};

    auth::require(STAFF)?;
    Ok((
        auth::page_context(),
        reports::counts_by_source(&db()?).await?,
    ))
}
