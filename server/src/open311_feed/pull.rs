//! One pull of one feed: every page since the cursor, stored, and what it did remembered with
//! the feed (see the module docs of [`crate::open311_feed`]).

use app::store::entities::report_feed;
use app::store::report_feeds::{self, PullRecord};
use app::store::report_status::{self, Upserted};
use sea_orm::{DatabaseConnection, DbErr};
use time::OffsetDateTime;

use super::client::{Endpoint, http_client};
use super::lease::Held;
use super::redact;
use crate::import::open311;

/// Requests asked for per page.
pub const PAGE_SIZE: usize = 200;
/// Pages read per pull at most; the next pull goes on from the cursor.
pub const MAX_PAGES: usize = 500;
/// Refused requests named in the outcome (all are counted).
pub const NAMED: usize = 20;

/// What a pull did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PullOutcome {
    pub pages: usize,
    pub counts: Upserted,
    /// Refused requests: `page 1, request #3: request 103: updated_datetime "soon" is not a date`
    /// (at most [`NAMED`]).
    pub refused: Vec<String>,
    pub refused_total: u64,
    /// The cursor after the pull.
    pub cursor: Option<OffsetDateTime>,
    /// It stopped at [`MAX_PAGES`].
    pub capped: bool,
}

impl PullOutcome {
    /// One paragraph for people: counts, then the refused requests.
    pub fn describe(&self) -> String {
        let mut text = format!(
            "{} page{} read: {} new, {} updated, {} unchanged, {} refused.",
            self.pages,
            if self.pages == 1 { "" } else { "s" },
            self.counts.new,
            self.counts.updated,
            self.counts.unchanged,
            self.refused_total
        );
        if self.capped {
            text.push_str(&format!(
                " Stopped after {MAX_PAGES} pages; the next pull goes on from there."
            ));
        }
        if !self.refused.is_empty() {
            text.push_str(" Refused: ");
            text.push_str(&self.refused.join("; "));
            if self.refused_total > self.refused.len() as u64 {
                text.push_str(&format!(
                    "; and {} more",
                    self.refused_total - self.refused.len() as u64
                ));
            }
            text.push('.');
        }
        text
    }
}

/// Why a pull did not finish.
#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error("there is no Open311 feed {0}")]
    NoFeed(i32),
    #[error("a pull of this feed is already running")]
    Busy,
    /// The lease ran out in the middle of the pull (the database or the endpoint stalled for
    /// minutes) and another process took the pull over. What was stored is kept.
    #[error("another process took this pull over")]
    Taken,
    /// The endpoint could not be reached or read (the message never holds the API key). What
    /// earlier pages stored is kept.
    #[error("{message}")]
    Endpoint {
        message: String,
        partial: PullOutcome,
    },
    #[error("the database failed: {0}")]
    Db(#[from] DbErr),
}

/// Pulls feed `id` now and remembers the outcome with the feed (also when it fails).
pub async fn pull(db: &DatabaseConnection, id: i32) -> Result<PullOutcome, PullError> {
    pull_unless(db, id, |_| false)
        .await?
        .ok_or(PullError::NoFeed(id))
}

/// Pulls feed `id` if it is still due once this process holds it (another process may have
/// pulled it since the schedule looked): `Ok(None)` if it no longer is.
pub async fn pull_if_due(
    db: &DatabaseConnection,
    id: i32,
) -> Result<Option<PullOutcome>, PullError> {
    pull_unless(db, id, |feed| {
        !report_feeds::due(feed, OffsetDateTime::now_utc())
    })
    .await
}

/// A pull made while this process held the feed.
struct Pulled {
    feed: report_feed::Model,
    started: OffsetDateTime,
    result: Result<PullOutcome, PullError>,
}

/// Reads feed `id` and, unless `skip` says not to, its pages, while this process holds it;
/// `Ok(None)` when skipped.
async fn pull_held(
    db: &DatabaseConnection,
    id: i32,
    held: &Held,
    skip: impl FnOnce(&report_feed::Model) -> bool,
) -> Result<Option<Pulled>, PullError> {
    let feed = report_feeds::get(db, id)
        .await?
        .ok_or(PullError::NoFeed(id))?;
    if skip(&feed) {
        return Ok(None);
    }
    let started = OffsetDateTime::now_utc();
    let result = read_pages(db, &feed, held).await;
    Ok(Some(Pulled {
        feed,
        started,
        result,
    }))
}

/// Takes the feed's pull, reads the feed, and pulls it unless `skip` says not to.
#[tracing::instrument(skip(db, skip))]
async fn pull_unless(
    db: &DatabaseConnection,
    id: i32,
    skip: impl FnOnce(&report_feed::Model) -> bool,
) -> Result<Option<PullOutcome>, PullError> {
    let held = Held::take(db, id).await?;
    let pulled = pull_held(db, id, &held, skip).await;
    held.release(db).await;
    let Some(Pulled {
        feed,
        started,
        result,
    }) = pulled?
    else {
        return Ok(None);
    };
    let key = feed.api_key.as_deref();
    let record = match &result {
        Ok(outcome) => PullRecord {
            at: started,
            ok: true,
            outcome: redact(&outcome.describe(), key),
            new: outcome.counts.new as i64,
            updated: outcome.counts.updated as i64,
            unchanged: outcome.counts.unchanged as i64,
            refused: outcome.refused_total as i64,
            cursor: outcome.cursor,
        },
        Err(PullError::Endpoint { message, partial }) => PullRecord {
            at: started,
            ok: false,
            outcome: redact(
                &format!("{message}. Before that: {}", partial.describe()),
                key,
            ),
            new: partial.counts.new as i64,
            updated: partial.counts.updated as i64,
            unchanged: partial.counts.unchanged as i64,
            refused: partial.refused_total as i64,
            cursor: None,
        },
        Err(_) => return result.map(Some),
    };
    report_feeds::record_pull(db, id, record).await?;
    match result {
        Ok(outcome) => {
            tracing::info!(
                feed = id,
                pages = outcome.pages,
                new = outcome.counts.new,
                updated = outcome.counts.updated,
                refused = outcome.refused_total,
                "Open311 feed pulled"
            );
            Ok(Some(outcome))
        }
        Err(PullError::Endpoint { message, partial }) => {
            let message = redact(&message, key);
            tracing::warn!(feed = id, problem = %message, "Open311 feed pull failed");
            Err(PullError::Endpoint { message, partial })
        }
        Err(other) => Err(other),
    }
}

async fn read_pages(
    db: &DatabaseConnection,
    feed: &report_feed::Model,
    held: &Held,
) -> Result<PullOutcome, PullError> {
    let mut outcome = PullOutcome {
        cursor: feed.cursor,
        ..PullOutcome::default()
    };
    let failed = |message: String, partial: &PullOutcome| PullError::Endpoint {
        message,
        partial: partial.clone(),
    };
    let client = http_client().map_err(|m| failed(m, &outcome))?;
    let endpoint = Endpoint {
        client: &client,
        base_url: &feed.base_url,
        jurisdiction_id: feed.jurisdiction_id.as_deref(),
        api_key: feed.api_key.as_deref(),
        updated_after: feed.cursor,
        page_size: PAGE_SIZE,
    };
    let mut latest = feed.cursor;
    let mut previous_ids: Vec<String> = Vec::new();
    for page in 1..=MAX_PAGES {
        let items = endpoint.page(page).await.map_err(|m| failed(m, &outcome))?;
        let full = items.len() >= PAGE_SIZE;
        let mut good = Vec::with_capacity(items.len());
        for (n, value) in items.into_iter().enumerate() {
            match open311::parse(value) {
                Ok(t) => good.push(t),
                Err(refused) => {
                    outcome.refused_total += 1;
                    if outcome.refused.len() < NAMED {
                        outcome.refused.push(format!(
                            "page {page}, request #{}: {}",
                            n + 1,
                            refused.reason
                        ));
                    }
                }
            }
        }
        let ids: Vec<String> = good.iter().map(|t| t.report.external_id.clone()).collect();
        if page > 1 && !ids.is_empty() && ids == previous_ids {
            // The endpoint ignores `page`: this page was read already.
            break;
        }
        outcome.pages = page;
        for t in &good {
            if t.state.updated_at > latest {
                latest = t.state.updated_at;
            }
        }
        outcome.counts += report_status::upsert_batch(db, &feed.source, good).await?;
        held.renew(db).await?;
        previous_ids = ids;
        if !full {
            outcome.cursor = latest;
            return Ok(outcome);
        }
    }
    outcome.capped = true;
    outcome.cursor = latest;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_read_as_sentences() {
        let outcome = PullOutcome {
            pages: 2,
            counts: Upserted {
                new: 3,
                updated: 1,
                unchanged: 0,
            },
            refused: vec!["page 1, request #2: no service_request_id".into()],
            refused_total: 1,
            cursor: None,
            capped: false,
        };
        assert_eq!(
            outcome.describe(),
            "2 pages read: 3 new, 1 updated, 0 unchanged, 1 refused. Refused: page 1, request #2: \
             no service_request_id."
        );
    }
}
