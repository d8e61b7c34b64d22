//! Rate-limit allowances (sign-in attempts, survey submissions): so many per period per key,
//! refilled steadily (GCRA). On SQLite, where one process serves, they are kept in memory
//! (`governor`); on PostgreSQL in the database, one row per key, so that every server process
//! behind a load balancer spends the same allowance and a client cannot multiply its attempts
//! by the number of processes. Keys are stored hashed: the table never holds an e-mail or client
//! address.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use app::store::shared_state;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sea_orm::{DatabaseConnection, DbBackend};
use sha2::{Digest, Sha256};

/// Where allowances are kept: in this process, or shared by every process on the database.
#[derive(Clone)]
pub enum Keeping {
    Memory,
    Shared(DatabaseConnection),
}

impl Keeping {
    /// Shared on PostgreSQL when `shared` (the `shared_rate_limits` setting), else in memory.
    pub fn for_database(db: &DatabaseConnection, shared: bool) -> Keeping {
        match db.get_database_backend() {
            DbBackend::Postgres if shared => Keeping::Shared(db.clone()),
            _ => Keeping::Memory,
        }
    }
}

/// `burst` per `period` for each key.
#[derive(Clone)]
pub struct Allowance {
    /// Told apart from other allowances in the shared table.
    name: &'static str,
    burst: NonZeroU32,
    period: Duration,
    store: Store,
}

#[derive(Clone)]
enum Store {
    Memory(Arc<DefaultKeyedRateLimiter<String>>),
    Shared(DatabaseConnection),
}

impl Allowance {
    /// `burst` (at least one) per `period` for each key of allowance `name`, kept as `keeping`.
    pub fn new(name: &'static str, burst: u32, period: Duration, keeping: &Keeping) -> Allowance {
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        let store = match keeping {
            Keeping::Memory => {
                let quota = Quota::with_period(period / burst.get())
                    .unwrap_or_else(|| Quota::per_second(NonZeroU32::MAX))
                    .allow_burst(burst);
                Store::Memory(Arc::new(RateLimiter::keyed(quota)))
            }
            Keeping::Shared(db) => Store::Shared(db.clone()),
        };
        Allowance {
            name,
            burst,
            period,
            store,
        }
    }

    /// Takes one for `key`: `true` if there was one left. When the database cannot be asked the
    /// attempt goes ahead (and is logged): the request needs the database anyway, and a limit
    /// must not lock everyone out while it is away.
    pub async fn take(&self, key: &str) -> bool {
        match &self.store {
            Store::Memory(limiter) => limiter.check_key(&key.to_owned()).is_ok(),
            Store::Shared(db) => {
                let period = i64::try_from(self.period.as_micros()).unwrap_or(i64::MAX);
                let interval = period / i64::from(self.burst.get());
                let hashed = self.hashed(key);
                match shared_state::take_allowance(db, &hashed, interval, period).await {
                    Ok(taken) => taken,
                    Err(err) => {
                        tracing::warn!(allowance = self.name, error = %err, "cannot read a shared rate limit; letting the attempt through");
                        true
                    }
                }
            }
        }
    }

    /// Forgets the keys of a memory allowance that have refilled (shared ones: [`forget_full`]).
    pub fn forget_idle(&self) {
        if let Store::Memory(limiter) = &self.store {
            limiter.retain_recent();
        }
    }

    fn hashed(&self, key: &str) -> String {
        let mut hash = Sha256::new();
        hash.update(self.name.as_bytes());
        hash.update([0]);
        hash.update(key.as_bytes());
        hex::encode(hash.finalize())
    }
}

/// Forgets shared allowances that have refilled (a no-op in memory).
pub async fn forget_full(keeping: &Keeping) {
    if let Keeping::Shared(db) = keeping {
        match shared_state::forget_full_allowances(db).await {
            Ok(n) => tracing::debug!(forgotten = n, "refilled rate limits forgotten"),
            Err(err) => tracing::warn!(error = %err, "forgetting refilled rate limits"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_memory_allowance_gives_its_burst_then_refuses_per_key() {
        let allowance = Allowance::new("test", 3, Duration::from_secs(60), &Keeping::Memory);
        for _ in 0..3 {
            assert!(allowance.take("a").await);
        }
        assert!(!allowance.take("a").await);
        assert!(allowance.take("b").await);
    }

    #[test]
    fn keys_are_hashed_per_allowance() {
        let one = Allowance::new("one", 1, Duration::from_secs(1), &Keeping::Memory);
        let two = Allowance::new("two", 1, Duration::from_secs(1), &Keeping::Memory);
        assert_eq!(one.hashed("x").len(), 64);
        assert_ne!(one.hashed("x"), two.hashed("x"));
        assert!(!one.hashed("someone@example.org").contains("example"));
    }
}
