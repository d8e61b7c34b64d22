//! Server functions behind the live Open311 feed page (administrators) and the response-time
//! page (strategy staff). Setting and pulling the feed go through plain form posts (the server
//! crate's `routes::report_feed`).

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::report_feed::FeedView;
use crate::models::response_times::ResponseTimes;
use crate::models::staff::PageContext;

/// The feed the page keeps, if one is set (administrators).
#[server(prefix = "/api", endpoint = "reports/feed")]
pub async fn feed_page() -> Result<(PageContext, Option<FeedView>), AppError> {
    use crate::models::staff::ADMINS;
    use crate::store::{auth, db, report_feeds};

    auth::require(ADMINS)?;
    let feed = report_feeds::first(&db()?).await?.map(report_feeds::view);
    Ok((auth::page_context(), feed))
}

/// Days to close per category, department, district and equity area (strategy staff).
#[server(prefix = "/api", endpoint = "reports/response-times")]
pub async fn response_times_page() -> Result<(PageContext, ResponseTimes), AppError> {
    use crate::models::staff::STAFF;
    use crate::store::{auth, db, response_times};

    auth::require(STAFF)?;
    let times = response_times::response_times(&db()?).await?;
    Ok((auth::page_context(), times))
}
