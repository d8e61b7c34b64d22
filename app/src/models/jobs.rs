//! Analysis runs started from the browser: what an analyst asks for, and a job as pages show it.

use serde::{Deserialize, Serialize};
use time::Date;

use super::stream::Stream;

/// How a run represents text: TF-IDF + LSA, or sentence embeddings from the configured model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Representation {
    #[default]
    Classical,
    Semantic,
}

impl Representation {
    pub fn as_str(self) -> &'static str {
        match self {
            Representation::Classical => "classical",
            Representation::Semantic => "semantic",
        }
    }

    pub fn parse(name: &str) -> Option<Representation> {
        [Representation::Classical, Representation::Semantic]
            .into_iter()
            .find(|r| r.as_str() == name)
    }
}

time::serde::format_description!(day, Date, "[year]-[month]-[day]");

/// What an analyst asks for when starting a run, read and checked once, at the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobOptions {
    /// Streams to include; never empty.
    pub streams: Vec<Stream>,
    /// First day included, if limited (stored as `YYYY-MM-DD`).
    #[serde(with = "day::option", default)]
    pub from: Option<Date>,
    /// Last day included, if limited (stored as `YYYY-MM-DD`).
    #[serde(with = "day::option", default)]
    pub to: Option<Date>,
    pub representation: Representation,
    /// Number of themes; `None` chooses it automatically.
    pub k: Option<usize>,
    pub seed: u64,
}

impl Default for JobOptions {
    fn default() -> Self {
        JobOptions {
            streams: Stream::ALL.to_vec(),
            from: None,
            to: None,
            representation: Representation::Classical,
            k: None,
            seed: 42,
        }
    }
}

/// Where a job is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

impl JobStatus {
    pub const ALL: [JobStatus; 5] = [
        JobStatus::Queued,
        JobStatus::Running,
        JobStatus::Succeeded,
        JobStatus::Failed,
        JobStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Succeeded => "succeeded",
            JobStatus::Failed => "failed",
            JobStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(name: &str) -> Option<JobStatus> {
        JobStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Still queued or running.
    pub fn is_active(self) -> bool {
        matches!(self, JobStatus::Queued | JobStatus::Running)
    }
}

/// A job as the runs page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobView {
    pub id: i32,
    pub created_at: String,
    pub requested_by: Option<String>,
    pub status: JobStatus,
    pub options: JobOptions,
    pub stage: Option<String>,
    pub done: i64,
    pub total: i64,
    pub cancel_requested: bool,
    pub error: Option<String>,
    pub run_id: Option<i32>,
}

impl JobView {
    /// Progress within the current stage, 0–100.
    pub fn percent(&self) -> u8 {
        if self.total <= 0 {
            return 0;
        }
        ((self.done.clamp(0, self.total) * 100) / self.total) as u8
    }
}

/// What the runs page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunsPageData {
    pub jobs: Vec<JobView>,
    /// Whether a sentence model is configured (so the semantic representation can be chosen).
    pub semantic_available: bool,
    pub responses: u64,
    pub reports: u64,
}
