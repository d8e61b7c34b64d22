//! Where residents read the published results, for the pages that link to them.

use leptos::prelude::*;

use crate::models::AppError;

/// The address of the latest live results of survey `slug`, else of the latest not limited to a
/// survey; `None` when nothing is published.
#[server(prefix = "/api", endpoint = "results/latest")]
pub async fn latest_results(slug: String) -> Result<Option<String>, AppError> {
    use crate::routes::results::survey_href;
    use crate::store::{db, publications};

    let db = db()?;
    if publications::latest_live(&db, Some(&slug)).await?.is_some() {
        return Ok(Some(survey_href(&slug)));
    }
    Ok(publications::latest_live(&db, None)
        .await?
        .map(|_| "/results".to_owned()))
}
