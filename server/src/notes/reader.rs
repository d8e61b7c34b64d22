//! Reading uploads without starving the server: parsing runs on the blocking pool, never on the
//! async threads, at most `notes_parse_workers` documents at once, each within
//! `notes_parse_seconds`. A task that overruns cannot be cancelled from outside, so the parsers
//! check the same [`Deadline`] themselves, and the task keeps its permit until it has stopped: a
//! stream of hostile uploads can never hold more than the configured number of threads.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use super::{Deadline, Format, Prepared, ReadError, prepare_until};

/// How long past the deadline the handler waits for a parser to stop itself (its own refusal
/// names the limit it reached; this is the backstop for one step that does not check).
const GRACE: Duration = Duration::from_secs(2);

/// Reads uploaded documents a few at a time, each within a time limit. Cheap to clone: clones
/// share the limit.
#[derive(Clone, Debug)]
pub struct NoteReader {
    permits: Arc<Semaphore>,
    time_limit: Duration,
}

impl NoteReader {
    /// At most `workers` documents read at once (at least one), each for at most `time_limit`.
    /// An upload waits for a free worker for up to `time_limit` as well, then is told to retry.
    pub fn new(workers: usize, time_limit: Duration) -> NoteReader {
        NoteReader {
            permits: Arc::new(Semaphore::new(workers.max(1))),
            time_limit,
        }
    }

    /// The document's passages, or why it cannot be read. A parser panic is a rejected file,
    /// not a crash.
    pub async fn read(&self, format: Format, bytes: Vec<u8>) -> Result<Prepared, ReadError> {
        let size = bytes.len();
        let permit = tokio::time::timeout(self.time_limit, self.permits.clone().acquire_owned())
            .await
            .ok()
            .and_then(Result::ok)
            .ok_or_else(|| {
                tracing::warn!(format = format.as_str(), "every document reader is busy");
                ReadError::Busy
            })?;
        let started = Instant::now();
        let deadline = Deadline::after(self.time_limit);
        let task = tokio::task::spawn_blocking(move || {
            // The permit goes with the work, so a reader past its deadline still counts.
            let _permit = permit;
            std::panic::catch_unwind(|| prepare_until(format, &bytes, deadline))
        });
        let outcome = tokio::time::timeout(self.time_limit.saturating_add(GRACE), task).await;
        let result = match outcome {
            Ok(Ok(Ok(result))) => result,
            Err(_) => Err(deadline.expired()),
            Ok(_) => {
                tracing::warn!(format = format.as_str(), "a document parser panicked");
                Err(match format {
                    Format::Pdf => ReadError::BadPdf("its structure could not be read".into()),
                    _ => ReadError::BadDocx("its structure could not be read".into()),
                })
            }
        };
        if let Err(ReadError::TooComplex(reason)) = &result {
            tracing::warn!(
                format = format.as_str(),
                bytes = size,
                elapsed_ms = started.elapsed().as_millis(),
                %reason,
                "refused a document as too large or complex"
            );
        }
        result
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use crate::notes::Complexity;

    #[tokio::test]
    async fn reads_within_the_limits() {
        let reader = NoteReader::new(1, Duration::from_secs(5));
        let prepared = reader
            .read(Format::Txt, b"The bus stop has no shade.".to_vec())
            .await
            .expect("reads");
        assert_eq!(prepared.passages, ["The bus stop has no shade."]);
    }

    #[tokio::test]
    async fn a_spent_time_limit_refuses_naming_it() {
        let reader = NoteReader::new(1, Duration::ZERO);
        assert_eq!(
            reader.read(Format::Txt, b"text".to_vec()).await,
            Err(ReadError::TooComplex(Complexity::Time(0)))
        );
    }

    #[tokio::test]
    async fn waits_for_a_free_worker_then_says_busy() {
        let reader = NoteReader::new(1, Duration::from_millis(200));
        let held = reader
            .permits
            .clone()
            .acquire_owned()
            .await
            .expect("permit");
        let started = Instant::now();
        assert_eq!(
            reader.read(Format::Txt, b"text".to_vec()).await,
            Err(ReadError::Busy)
        );
        assert!(started.elapsed() >= Duration::from_millis(200));
        drop(held);
        assert!(reader.read(Format::Txt, b"text".to_vec()).await.is_ok());
    }

    #[test]
    fn at_least_one_worker() {
        let reader = NoteReader::new(0, Duration::from_secs(1));
        assert_eq!(reader.permits.available_permits(), 1);
    }
}
