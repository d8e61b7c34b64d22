//! Server function behind the staff page of invitation links to instruments.

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::links::LinksPageData;
use crate::models::staff::PageContext;

/// The instruments links can point to, and every link with its state (strategy staff).
#[server(prefix = "/api", endpoint = "links/list")]
pub async fn links_page() -> Result<(PageContext, LinksPageData), AppError> {
    use std::collections::HashMap;

    use crate::i18n::Locale;
    use crate::models::links::LinkRow;
    use crate::models::staff::STAFF;
    use crate::models::survey::pick;
    use crate::store::runs::minute;
    use crate::store::{auth, db, links, surveys};

    auth::require(STAFF)?;
    let db = db()?;
    let all = surveys::all(&db).await?;
    let titles: HashMap<i32, String> = all
        .iter()
        .map(|s| (s.survey.id, pick(&s.definition.title, Locale::En)))
        .collect();
    let instruments = all
        .iter()
        .filter(|s| links::linkable(s))
        .map(|s| (s.survey.slug.clone(), pick(&s.definition.title, Locale::En)))
        .collect();
    let now = time::OffsetDateTime::now_utc();
    let rows = links::list(&db)
        .await?
        .into_iter()
        .map(|l| LinkRow {
            id: l.id,
            survey_title: titles.get(&l.survey_id).cloned().unwrap_or_default(),
            status: links::status(&l, now).to_owned(),
            organization: l.organization,
            uses: l.uses,
            max_uses: l.max_uses,
            expires_at: minute(l.expires_at),
        })
        .collect();
    Ok((auth::page_context(), LinksPageData { instruments, rows }))
}
