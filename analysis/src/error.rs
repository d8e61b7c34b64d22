//! Error types: one for bad parameters, one for fitting / encoding.

use thiserror::Error;

/// A hyperparameter failed validation.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ParamsError {
    /// `k_min` must be at least 2 and not above `k_max`.
    #[error("invalid k range {min}..={max}: need 2 <= k_min <= k_max")]
    KRange {
        /// Smallest k.
        min: usize,
        /// Largest k.
        max: usize,
    },
    /// A fixed k below 2.
    #[error("k must be at least 2, got {0}")]
    K(usize),
    /// LSA needs at least 2 dimensions.
    #[error("lsa_dims must be at least 2, got {0}")]
    LsaDims(usize),
    /// A fraction outside its range.
    #[error("{name} must be in {range}, got {value}")]
    Fraction {
        /// Parameter name.
        name: &'static str,
        /// Allowed range, for the message.
        range: &'static str,
        /// Given value.
        value: f64,
    },
    /// A count that must be positive.
    #[error("{0} must be at least 1")]
    Zero(&'static str),
    /// Quote count outside 1..=10.
    #[error("quotes per theme must be in 1..=10, got {0}")]
    Quotes(usize),
}

/// Fitting, assigning or encoding failed.
#[derive(Debug, Error)]
pub enum FitError {
    /// Parameter validation failed.
    #[error(transparent)]
    Params(#[from] ParamsError),
    /// Not enough usable text to fit.
    #[error("need at least {needed} usable units, got {got}")]
    TooFewDocuments {
        /// Minimum needed.
        needed: usize,
        /// Usable units found.
        got: usize,
    },
    /// The vocabulary came out empty (all text is stopwords or unique words).
    #[error("the vocabulary is empty after document-frequency filtering")]
    EmptyVocabulary,
    /// Two units share an ID.
    #[error("duplicate unit id {0:?}")]
    DuplicateId(String),
    /// A linear-algebra routine failed.
    #[error("numerical failure: {0}")]
    Numerical(String),
    /// The caller cancelled the run.
    #[error("analysis cancelled")]
    Cancelled,
    /// The semantic path was requested without an encoder.
    #[error("the semantic representation needs an encoder")]
    MissingEncoder,
    /// The encoder failed.
    #[error(transparent)]
    Encoder(#[from] EncoderError),
    /// Clustering failed.
    #[error(transparent)]
    Cluster(#[from] crate::cluster::ClusterError),
}

impl From<linfa::Error> for FitError {
    fn from(e: linfa::Error) -> Self {
        FitError::Numerical(e.to_string())
    }
}

/// Loading or running the sentence encoder failed.
#[derive(Debug, Error)]
pub enum EncoderError {
    /// A model file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// File path.
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// A model file is malformed.
    #[error("invalid model file {path}: {message}")]
    Format {
        /// File path.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A weight tensor is missing or has the wrong shape or type.
    #[error("weight {name}: {message}")]
    Weight {
        /// Tensor name.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// The tokenizer failed.
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    /// `config.json` names an architecture the forward pass does not implement.
    #[error(
        "config.json: model_type {model_type:?} is not supported (supported: \"bert\", \"xlm-roberta\", \"roberta\", \"mpnet\")"
    )]
    Unsupported {
        /// The `model_type` (or architecture) the configuration names.
        model_type: String,
    },
}
