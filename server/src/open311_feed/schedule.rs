//! The schedule: every minute, each enabled feed whose interval has passed since its last pull is
//! pulled, one after another.

use std::time::Duration;

use app::store::report_feeds;
use sea_orm::DatabaseConnection;

use super::{PullError, pull_if_due};

/// How often feeds are checked.
const CHECK_EVERY: Duration = Duration::from_secs(60);

/// Runs until aborted (see `startup`).
pub async fn run(db: DatabaseConnection) {
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + CHECK_EVERY, CHECK_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let feeds = match report_feeds::all(&db).await {
            Ok(feeds) => feeds,
            Err(err) => {
                tracing::warn!(error = %err, "reading the Open311 feeds");
                continue;
            }
        };
        let now = time::OffsetDateTime::now_utc();
        for feed in feeds.into_iter().filter(|f| report_feeds::due(f, now)) {
            match pull_if_due(&db, feed.id).await {
                // Logged by `pull`, and remembered with the feed.
                Ok(_) | Err(PullError::Endpoint { .. } | PullError::Busy | PullError::Taken) => {}
                Err(err) => tracing::warn!(feed = feed.id, error = %err, "pulling an Open311 feed"),
            }
        }
    }
}
