//! Server function behind the staff page of publications. Publishing and withdrawing go through
//! plain form posts (the server crate's `routes::publications`).

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::publication::PublicationsData;
use crate::models::staff::PageContext;

/// Every publication, the runs and the surveys a new one can be made of (strategy staff).
#[server(prefix = "/api", endpoint = "publications/list")]
pub async fn publications_page() -> Result<(PageContext, PublicationsData), AppError> {
    use crate::i18n::Locale;
    use crate::models::staff::STAFF;
    use crate::models::survey::pick;
    use crate::store::runs::{self, minute};
    use crate::store::{auth, db, publications, surveys};

    auth::require(STAFF)?;
    let db = db()?;
    let mut runs: Vec<(i32, String)> = runs::list(&db)
        .await?
        .into_iter()
        .map(|(id, at, ..)| (id, format!("Run {id} · {}", minute(at))))
        .collect();
    runs.sort_by_key(|(id, _)| std::cmp::Reverse(*id));
    let surveys = surveys::all(&db)
        .await?
        .into_iter()
        .map(|s| (s.survey.slug, pick(&s.definition.title, Locale::En)))
        .collect();
    let page = PublicationsData {
        publications: publications::list(&db).await?,
        runs,
        surveys,
    };
    Ok((auth::page_context(), page))
}
