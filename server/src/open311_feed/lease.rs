//! Who pulls a feed: one pull at a time per feed, in this process ([`FeedLock`]) and across
//! every process on the database (a lease on the feed's row, renewed after every page, so a
//! process that dies mid-pull lets another pull after [`LEASE`]).

use app::store::report_feeds;
use sea_orm::DatabaseConnection;
use time::OffsetDateTime;

use super::FeedLock;
use super::pull::PullError;

/// How long a pull holds its feed without renewing: longer than one page can take (the client's
/// timeouts are 10 s to connect and 60 s a page).
pub const LEASE: time::Duration = time::Duration::minutes(5);

/// Feed `id`'s pull, held by this process until [`Held::release`] (or until the lease runs out,
/// if the process dies first).
pub struct Held {
    id: i32,
    owner: String,
    _lock: FeedLock,
}

impl Held {
    /// Takes feed `id`'s pull, or says another pull of it is running (here or elsewhere).
    pub async fn take(db: &DatabaseConnection, id: i32) -> Result<Held, PullError> {
        let lock = FeedLock::take(id).ok_or(PullError::Busy)?;
        let owner = crate::jobs::lease(0).owner;
        let until = OffsetDateTime::now_utc() + LEASE;
        if !report_feeds::take_lease(db, id, &owner, until).await? {
            return Err(PullError::Busy);
        }
        Ok(Held {
            id,
            owner,
            _lock: lock,
        })
    }

    /// Holds the pull for another [`LEASE`]; an error if another process took it meanwhile.
    pub async fn renew(&self, db: &DatabaseConnection) -> Result<(), PullError> {
        let until = OffsetDateTime::now_utc() + LEASE;
        if report_feeds::take_lease(db, self.id, &self.owner, until).await? {
            Ok(())
        } else {
            Err(PullError::Taken)
        }
    }

    /// Lets the next pull of the feed go ahead, here or in another process.
    pub async fn release(self, db: &DatabaseConnection) {
        if let Err(err) = report_feeds::release_lease(db, self.id, &self.owner).await {
            // The lease runs out by itself.
            tracing::warn!(feed = self.id, error = %err, "giving back an Open311 feed's pull lease");
        }
    }
}
