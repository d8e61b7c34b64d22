//! The fast path for residents' submissions: survey definitions kept in memory per version, so
//! checking answers reads nothing from the database, and one writer task that stores submissions
//! in groups, one transaction (one sync to disk) per group, telling each resident it is stored
//! only once its group has committed.
//!
//! The memory is never trusted on its own: the writer reads each survey's status and last change
//! inside the group's transaction (`app::store::responses::store_group`). Answers checked against
//! a survey that has changed since (an edit, a new version, a translation, closed or reopened:
//! each moves the survey's `updated_at`) are not stored; the survey is read again and the answers
//! checked against it before they are sent again. So staff edits, another server on the same
//! database, or a change made in SQL are all seen by the next submission, with no invalidation to
//! remember anywhere else.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use sea_orm::DatabaseConnection;
use tokio::sync::{mpsc, oneshot};

use app::models::AppError;
use app::store::responses::{self, Grouped, Submission};
use app::store::surveys::{self, LoadedSurvey};

/// Published survey versions, by version id.
#[derive(Clone, Default)]
pub struct SurveyCache {
    versions: Arc<RwLock<HashMap<i32, Arc<LoadedSurvey>>>>,
}

impl SurveyCache {
    /// Survey `slug` at version `version_id` (the one a resident's page showed), or `NotFound`:
    /// from memory when it is there and open, else read from the database and kept. A survey
    /// remembered as not open is read again, so one reopened is seen at once.
    pub async fn at_version(
        &self,
        db: &DatabaseConnection,
        slug: &str,
        version_id: i32,
    ) -> Result<Arc<LoadedSurvey>, AppError> {
        let known = self
            .versions
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&version_id)
            .cloned();
        if let Some(survey) = known
            && survey.survey.slug == slug
            && survey.is_open()
        {
            return Ok(survey);
        }
        let loaded = Arc::new(surveys::at_version(db, slug, version_id).await?);
        let mut versions = self
            .versions
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        // A slower read that started before a change must not replace what was read after it.
        let keep = versions
            .get(&version_id)
            .is_none_or(|held| held.survey.updated_at <= loaded.survey.updated_at);
        if keep {
            versions.insert(version_id, loaded.clone());
        }
        Ok(loaded)
    }

    /// Forgets every version of survey `survey_id`: it changed after it was read.
    pub fn forget(&self, survey_id: i32) {
        self.versions
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|_, held| held.survey.id != survey_id);
    }
}

/// The most submissions one transaction stores.
pub const GROUP: usize = 64;

/// Hands submissions to the writer task and waits until theirs is committed.
#[derive(Clone)]
pub struct SubmissionWriter {
    jobs: mpsc::Sender<Job>,
}

struct Job {
    submission: Submission,
    done: oneshot::Sender<Result<Grouped, AppError>>,
}

impl SubmissionWriter {
    /// Starts the writer task on `db`; it runs until every handle is dropped.
    pub fn start(db: DatabaseConnection) -> SubmissionWriter {
        // Bounded: when the database falls behind, requests wait here rather than pile up.
        let (jobs, queue) = mpsc::channel(4 * GROUP);
        tokio::spawn(write(db, queue));
        SubmissionWriter { jobs }
    }

    /// Stores `submission` with whatever else is waiting; returns once its group has committed
    /// (an `Ok` is on disk) or failed.
    pub async fn store(&self, submission: Submission) -> Result<Grouped, AppError> {
        let (done, outcome) = oneshot::channel();
        if self.jobs.send(Job { submission, done }).await.is_err() {
            tracing::error!("the submission writer has stopped");
            return Err(AppError::Unavailable);
        }
        outcome.await.unwrap_or_else(|_| {
            tracing::error!("a group of submissions ended without an answer");
            Err(AppError::Unavailable)
        })
    }
}

/// Takes whatever is waiting (up to [`GROUP`]), stores it in one transaction, answers each, and
/// goes on. A group that panics answers its submitters `Unavailable`; the next group goes on.
async fn write(db: DatabaseConnection, mut queue: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(GROUP);
    while queue.recv_many(&mut jobs, GROUP).await > 0 {
        let (batch, done): (Vec<Submission>, Vec<_>) =
            jobs.drain(..).map(|j| (j.submission, j.done)).unzip();
        let db = db.clone();
        let group = tokio::spawn(async move {
            let outcomes = responses::store_group(&db, &batch).await;
            tracing::debug!(submissions = batch.len(), "group of submissions done");
            for (done, outcome) in done.into_iter().zip(outcomes) {
                // The resident may have gone; what was stored stays stored.
                let _ = done.send(outcome);
            }
        });
        if let Err(e) = group.await {
            tracing::error!(error = %e, "a group of submissions failed");
        }
    }
}
