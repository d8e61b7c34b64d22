//! Clustering: spherical k-means, the choice of k, and optimal matching of clusters.

pub mod choose_k;
pub mod hungarian;
pub mod spherical_kmeans;

use thiserror::Error;

/// Clustering failed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ClusterError {
    /// Invalid hyperparameters.
    #[error("invalid clustering parameters: {0}")]
    InvalidParams(String),
    /// Fewer points than clusters.
    #[error("cannot form {k} clusters from {n} points")]
    TooFewPoints {
        /// Requested clusters.
        k: usize,
        /// Points available.
        n: usize,
    },
    /// The caller cancelled.
    #[error("cancelled")]
    Cancelled,
    /// A linfa error.
    #[error("linfa: {0}")]
    Linfa(String),
}

impl From<linfa::Error> for ClusterError {
    fn from(e: linfa::Error) -> Self {
        ClusterError::Linfa(e.to_string())
    }
}
