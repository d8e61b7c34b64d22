//! Bounds the work behind dashboards and breakdown exports. Building either reads every response
//! a run could have read and parses the run's model, so a script holding an API token could
//! otherwise ask for many at once and exhaust memory. At most [`BUILDS`] builds run at a time
//! (each holding one run's sources); the rest wait their turn. Parsing and counting run on the
//! blocking pool, never on the async threads that serve pages. Results are cached, so a repeated
//! request costs nothing.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{OnceCell, Semaphore, SemaphorePermit};

/// Builds at once.
pub const BUILDS: usize = 2;

/// Results kept per cache.
pub const CACHED: usize = 16;

/// The shared limit on builds.
#[derive(Clone)]
pub struct BuildLimit(Arc<Semaphore>);

impl Default for BuildLimit {
    fn default() -> Self {
        BuildLimit(Arc::new(Semaphore::new(BUILDS)))
    }
}

impl BuildLimit {
    /// Waits for a turn; the build runs while the permit is held. `None` only if the limit was
    /// closed, which never happens.
    pub async fn turn(&self) -> Option<SemaphorePermit<'_>> {
        self.0.acquire().await.ok()
    }
}

/// A result being built or built: requests for the same key share one build.
pub type Slot<V> = Arc<OnceCell<Arc<V>>>;

/// The slots of the last keys asked for ([`CACHED`] unless told), newest first.
pub struct Recent<K, V> {
    slots: Mutex<VecDeque<(K, Slot<V>)>>,
    keep: usize,
}

impl<K, V> Default for Recent<K, V> {
    fn default() -> Self {
        Recent::keeping(CACHED)
    }
}

impl<K, V> Recent<K, V> {
    /// Keeps the slots of the last `keep` keys.
    pub fn keeping(keep: usize) -> Self {
        Recent {
            slots: Mutex::new(VecDeque::new()),
            keep,
        }
    }
}

impl<K: PartialEq, V> Recent<K, V> {
    /// The slot of `key`, made empty if there is none. A build that fails leaves it empty, so the
    /// next request tries again.
    pub fn slot(&self, key: K) -> Slot<V> {
        let mut recent = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(at) = recent.iter().position(|(k, _)| *k == key) {
            let entry = recent
                .remove(at)
                .unwrap_or_else(|| unreachable!("found just now"));
            let slot = entry.1.clone();
            recent.push_front(entry);
            return slot;
        }
        let slot = Slot::default();
        recent.push_front((key, slot.clone()));
        recent.truncate(self.keep);
        slot
    }

    /// Keeps only the entries whose key `keep` says to.
    pub fn retain(&self, keep: impl Fn(&K) -> bool) {
        self.slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|(k, _)| keep(k));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_key_keeps_its_slot_until_it_falls_out() {
        let recent: Recent<usize, usize> = Recent::default();
        let first = recent.slot(0);
        assert!(first.set(Arc::new(10)).is_ok());
        assert_eq!(recent.slot(0).get().map(|v| **v), Some(10), "the same slot");
        for i in 1..=CACHED {
            recent.slot(i);
        }
        assert!(recent.slot(0).get().is_none(), "the oldest fell out");
        assert!(recent.slot(CACHED).set(Arc::new(1)).is_ok());
        assert!(recent.slot(1).set(Arc::new(2)).is_ok());
        recent.retain(|k| *k != CACHED);
        assert!(recent.slot(CACHED).get().is_none(), "dropped");
        assert_eq!(recent.slot(1).get().map(|v| **v), Some(2), "kept");
    }

    #[tokio::test]
    async fn no_more_than_the_limit_build_at_once() {
        let limit = BuildLimit::default();
        let first = limit.turn().await;
        let second = limit.turn().await;
        assert!(first.is_some() && second.is_some());
        assert_eq!(limit.0.available_permits(), 0);
        let waiting =
            tokio::time::timeout(std::time::Duration::from_millis(50), limit.turn()).await;
        assert!(waiting.is_err(), "a third build waits");
        drop(first);
        assert!(limit.turn().await.is_some());
    }
}
