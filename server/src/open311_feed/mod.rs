//! The live Open311 feed: pulls an Open311 GeoReport v2 endpoint's service requests into the
//! reports table on a schedule, keeping each report's status and dates current.
//!
//! **Paging.** GeoReport v2 pages by date window, and endpoints differ in what they support. A
//! pull asks `GET {base}/requests.json?jurisdiction_id=…&api_key=…&updated_after={cursor}&page=N
//! &page_size=200` for N = 1, 2, … (the `updated_after`, `page` and `page_size` extensions are
//! those of Chicago's and SeeClickFix's Open311 servers; an endpoint that ignores them returns its
//! default window, which is still stored correctly). It stops at the first page shorter than
//! `page_size`, at an empty page, at a page repeating the previous one's requests (an endpoint
//! that ignores `page`), or after [`pull::MAX_PAGES`] pages (the next pull goes on from the
//! cursor). The cursor, the latest `updated_datetime` seen, moves only after a pull that read
//! every page; the first pull has none and takes the endpoint's default window.
//!
//! **Idempotent.** Requests are stored by `(source, service_request_id)`: a request seen again is
//! brought up to date when its record changed and is not older than the stored one, else left
//! alone, so re-running a pull changes nothing (counts: new, updated, unchanged). A malformed
//! request (no id, a date that is not a date, no description) is refused with its page, position
//! and id, and does not stop the others.
//!
//! **Closed** is as the source says (`status` `closed`); its date is the `updated_datetime` of the
//! first record seen closed (see `app::store::report_status`).
//!
//! **Schedule.** `serve` checks every minute for enabled feeds whose interval has passed since
//! their last pull ([`schedule`]). One pull at a time per feed, across every process on the database
//! ([`lease`]): the staff page's "Pull now", the schedule and `needscope reports pull` say a pull
//! is running; the schedule pulls a feed only if it is still due once it holds it.
//!
//! The API key is sent as `api_key`; it is never logged, and every message a pull leaves has it
//! replaced by `…`.

mod client;
pub mod lease;
pub mod pull;
pub mod schedule;

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

pub use pull::{PullError, PullOutcome, pull, pull_if_due};

/// Feeds being pulled in this process.
static PULLING: LazyLock<Mutex<HashSet<i32>>> = LazyLock::new(|| Mutex::new(HashSet::new()));

/// Holds feed `id`'s pull slot until dropped.
pub struct FeedLock(i32);

impl FeedLock {
    /// The slot, unless feed `id` is being pulled in this process.
    pub fn take(id: i32) -> Option<FeedLock> {
        let mut pulling = PULLING.lock().unwrap_or_else(|e| e.into_inner());
        // Lazily: a `FeedLock` made and dropped here would lock `PULLING` again.
        pulling.insert(id).then(|| FeedLock(id))
    }
}

impl Drop for FeedLock {
    fn drop(&mut self) {
        let mut pulling = PULLING.lock().unwrap_or_else(|e| e.into_inner());
        pulling.remove(&self.0);
    }
}

/// `message` with every occurrence of the API key `key` replaced by `…`.
pub fn redact(message: &str, key: Option<&str>) -> String {
    match key.filter(|k| !k.is_empty()) {
        Some(k) => message.replace(k, "…"),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pull_per_feed() {
        let first = FeedLock::take(9001).unwrap();
        assert!(FeedLock::take(9001).is_none());
        assert!(FeedLock::take(9002).is_some());
        drop(first);
        assert!(FeedLock::take(9001).is_some());
    }

    #[test]
    fn keys_are_redacted() {
        assert_eq!(
            redact("GET /requests.json?api_key=s3cret&page=1", Some("s3cret")),
            "GET /requests.json?api_key=…&page=1"
        );
        assert_eq!(redact("no key", None), "no key");
    }
}
