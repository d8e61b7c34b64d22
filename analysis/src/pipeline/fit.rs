//! Fitting: units → themes. See the crate docs for the pipeline.
//!
//! [`ThemeValidParams::fit`] runs the stages of `pipeline::stages` in order; this module holds what
//! a caller hands to a fit ([`FitContext`]) and the input hash that identifies a run.

use std::sync::atomic::{AtomicBool, Ordering};

use sha2::{Digest, Sha256};

use super::model::{Stage, ThemeModel};
use super::params::ThemeValidParams;
use super::stages::assemble::assemble;
use super::stages::choose_k::choose_k;
use super::stages::cluster::cluster;
use super::stages::label::label;
use super::stages::prepare::prepare_corpus;
use super::stages::reduce::reduce;
use super::stages::stable_ids::stable_ids;
use crate::error::FitError;
use crate::semantic::cache::EmbeddingCache;
use crate::semantic::encoder::Embedder;
use crate::unit::Unit;

/// Progress callback: `(stage, done, total)`.
pub type ProgressFn<'a> = &'a (dyn Fn(Stage, usize, usize) + Sync);

/// Everything besides the units and parameters that a fit may use.
#[derive(Default)]
pub struct FitContext<'a> {
    /// Sentence encoder (required for the semantic representation).
    pub encoder: Option<&'a dyn Embedder>,
    /// Embedding cache, read and extended.
    pub cache: Option<&'a mut EmbeddingCache>,
    /// The previous run, whose theme IDs are carried over.
    pub previous: Option<&'a ThemeModel>,
    /// Progress callback.
    pub progress: Option<ProgressFn<'a>>,
    /// Set to `true` to cancel; checked between and within stages.
    pub cancel: Option<&'a AtomicBool>,
}

impl<'a> FitContext<'a> {
    /// An empty context (classical path, no previous run).
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the encoder.
    pub fn encoder(mut self, e: &'a dyn Embedder) -> Self {
        self.encoder = Some(e);
        self
    }
    /// Sets the embedding cache.
    pub fn cache(mut self, c: &'a mut EmbeddingCache) -> Self {
        self.cache = Some(c);
        self
    }
    /// Sets the previous run.
    pub fn previous(mut self, m: &'a ThemeModel) -> Self {
        self.previous = Some(m);
        self
    }
    /// Sets the progress callback.
    pub fn progress(mut self, f: ProgressFn<'a>) -> Self {
        self.progress = Some(f);
        self
    }
    /// Sets the cancellation flag.
    pub fn cancel(mut self, c: &'a AtomicBool) -> Self {
        self.cancel = Some(c);
        self
    }
    pub(crate) fn report(&self, stage: Stage, done: usize, total: usize) {
        if let Some(p) = self.progress {
            p(stage, done, total);
        }
    }
    pub(crate) fn check(&self) -> Result<(), FitError> {
        if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            Err(FitError::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// SHA-256 over the units in ID order (so input order does not matter).
pub fn input_hash(units: &[&Unit]) -> String {
    let mut h = Sha256::new();
    for u in units {
        for part in [
            u.id.as_str(),
            u.respondent.as_str(),
            &format!("{:?}", u.stream),
            u.text.as_str(),
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
    }
    hex::encode(h.finalize())
}

impl ThemeValidParams {
    /// Fits themes to `units`.
    ///
    /// ```
    /// use analysis::{ThemeParams, Representation, FitContext, Unit};
    /// use linfa::ParamGuard;
    /// let texts = ["bus late again", "bus never on time", "late buses daily", "buses late every morning",
    ///              "park needs trees", "more trees in the park", "park trees dying", "plant trees park"];
    /// let units: Vec<Unit> = (0..40).map(|i| Unit::new(format!("u{i:02}"), texts[i % 8])).collect();
    /// let params = ThemeParams::new(Representation::Classical).k(Some(2)).min_theme_size(2).check()?;
    /// let model = params.fit(&units, FitContext::new())?;
    /// assert_eq!(model.themes().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fit(&self, units: &[Unit], mut ctx: FitContext<'_>) -> Result<ThemeModel, FitError> {
        let corpus = prepare_corpus(self, units, &ctx)?;
        let reduced = reduce(self, &corpus, &mut ctx)?;
        let k = choose_k(self, &reduced, &corpus.content, &ctx)?;
        let clustered = cluster(self, &corpus, &reduced, k.k, &ctx)?;
        let themes = label(self, &corpus, &reduced, &clustered, &ctx);
        let named = stable_ids(themes, ctx.previous, self.id_threshold, &corpus.units);
        Ok(assemble(self, corpus, reduced, k, clustered, named))
    }
}
