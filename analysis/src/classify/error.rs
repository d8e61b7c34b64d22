//! Why a classifier could not be trained or used.

use thiserror::Error;

use crate::error::FitError;

/// Training or predicting with the category classifier failed.
#[derive(Debug, Error)]
pub enum ClassifyError {
    /// Fewer labelled reports than the classifier needs.
    #[error("need at least {needed} reports with a category to train, got {got}")]
    TooFewLabelled {
        /// Minimum needed.
        needed: usize,
        /// Labelled reports given.
        got: usize,
    },
    /// Every labelled report has the same category.
    #[error("need at least 2 categories to train, got only {0:?}")]
    OneCategory(String),
    /// Texts and categories (or sentence vectors) do not line up.
    #[error("{what}: got {got}, expected {expected}")]
    Mismatch {
        /// What does not line up.
        what: &'static str,
        /// Rows given.
        got: usize,
        /// Rows expected.
        expected: usize,
    },
    /// A parameter is out of range.
    #[error("{0}")]
    Params(String),
    /// Building the features failed.
    #[error(transparent)]
    Features(#[from] FitError),
    /// The logistic regression failed to fit.
    #[error("logistic regression: {0}")]
    Logistic(String),
}
