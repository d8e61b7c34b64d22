//! Needscope's theme analysis engine: survey free text → labelled, stable need themes.
//!
//! A pure library (no database, no async runtime, no I/O except reading a model directory the
//! caller names), shaped like a linfa crate: [`ThemeParams`] (unchecked builder) →
//! [`linfa::ParamGuard::check`] → [`ThemeValidParams`] → [`ThemeValidParams::fit`] →
//! [`ThemeModel`] (read-only accessors, [`ThemeModel::report`], [`ThemeModel::assign`]).
//!
//! Pipeline (method.md in the shared docs):
//! 1. **Units** ([`Unit`]): one answer or one passage; prevalence counted per respondent.
//! 2. **PII scrub** ([`text::pii`]) before anything else, reported as counts.
//! 3. **NFC normalisation**, **language ID** (en/es/vi/zh/tl, UI language as prior),
//!    **per-language tokens** (jieba for Chinese, syllables for Vietnamese, Snowball for en/es).
//! 4. **Representation**: classical ([`classical`]: frozen sorted vocabulary, sublinear TF ×
//!    frozen IDF, L2, randomized SVD, L2) or semantic ([`semantic`]: a local sentence-transformers
//!    BERT model, mean pooling, L2, cached by text and model hash; PCA to 50 dimensions; from 500
//!    answers up, neighbourhood smoothing, [`semantic::neighbours`]).
//! 5. **Clustering** ([`cluster`]): spherical k-means with fixed seeds; k chosen by stability
//!    across resamples plus silhouette (judged on the vectors before smoothing); short and
//!    far-away units go to "unclassified".
//! 6. **Labels** ([`labels`]): c-TF-IDF keywords with MMR, a short label, 3–5 diverse quotes.
//! 7. **Stable IDs**: Hungarian matching on member overlap with the previous run.
//!
//! Same input, parameters and seed give byte-identical reports.
//!
//! ```
//! use analysis::{FitContext, Representation, ThemeParams, Unit};
//! use linfa::ParamGuard;
//! use std::sync::atomic::AtomicBool;
//!
//! let texts = ["the bus is always late", "buses never come on time", "late bus every morning",
//!              "we need more trees in the park", "the park needs shade trees", "plant trees in parks"];
//! let units: Vec<Unit> = (0..60).map(|i| Unit::new(format!("r{i:03}"), texts[i % 6])).collect();
//! let params = ThemeParams::new(Representation::Classical).k(Some(2)).min_theme_size(5).check()?;
//! let cancel = AtomicBool::new(false);
//! let progress = |stage: analysis::Stage, done: usize, total: usize| { let _ = (stage, done, total); };
//! let model = params.fit(&units, FitContext::new().progress(&progress).cancel(&cancel))?;
//! assert_eq!(model.themes().len(), 2);
//! let new = model.assign(&[Unit::new("new-1", "the bus was late again today")], None, None, None)?;
//! assert_eq!(new[0].theme.as_deref(), model.theme_of("r000"));
//! println!("{}", serde_json::to_string_pretty(&model.report())?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod classical;
pub mod classify;
pub mod cluster;
pub mod error;
pub mod labels;
pub mod linalg;
pub mod metrics;
pub mod pipeline;
pub mod semantic;
pub mod text;
pub mod trends;
pub mod unit;
pub mod weighting;

pub use error::{EncoderError, FitError, ParamsError};
pub use pipeline::fit::{FitContext, ProgressFn};
pub use pipeline::model::{
    Assignment, AssignmentStatus, Lineage, Quote, Stage, Theme, ThemeModel, ThemeReport,
};
pub use pipeline::params::{Representation, ThemeParams, ThemeValidParams};
pub use semantic::cache::EmbeddingCache;
pub use semantic::encoder::{Embedder, SentenceEncoder, default_model_dir};
pub use semantic::neighbours::Smoothing;
pub use text::language::Lang;
pub use unit::{Attributes, Stream, Unit};
