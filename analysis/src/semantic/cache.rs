//! Embedding cache: vectors keyed by a hash of the model ID and the text, so a rerun only embeds
//! new text. The cache is a plain value: the caller decides where (and whether) to persist it.

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use ndarray::Array2;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::encoder::{Embedder, hex};
use crate::error::EncoderError;

/// Cached sentence vectors.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EmbeddingCache {
    entries: BTreeMap<String, Vec<f32>>,
}

/// Cache key of `text` under model `model_id`.
pub fn cache_key(model_id: &str, text: &str) -> String {
    let mut h = Sha256::new();
    h.update(model_id.as_bytes());
    h.update([0u8]);
    h.update(text.as_bytes());
    hex(&h.finalize())
}

impl EmbeddingCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of cached vectors.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Cached vector of `text` under `model_id`.
    pub fn get(&self, model_id: &str, text: &str) -> Option<&[f32]> {
        self.entries
            .get(&cache_key(model_id, text))
            .map(Vec::as_slice)
    }

    /// Embeds `texts`, computing only those not cached and storing them.
    /// Returns `Ok(None)` when cancelled, and how many texts were newly embedded.
    pub fn embed(
        &mut self,
        encoder: &dyn Embedder,
        texts: &[&str],
        progress: &(dyn Fn(usize, usize) + Sync),
        cancel: Option<&AtomicBool>,
    ) -> Result<Option<(Array2<f32>, usize)>, EncoderError> {
        let keys: Vec<String> = texts
            .iter()
            .map(|t| cache_key(encoder.model_id(), t))
            .collect();
        let mut missing: Vec<usize> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, k) in keys.iter().enumerate() {
            if !self.entries.contains_key(k) && seen.insert(k.as_str()) {
                missing.push(i);
            }
        }
        let new_texts: Vec<&str> = missing.iter().map(|&i| texts[i]).collect();
        if !new_texts.is_empty() {
            let Some(vecs) = encoder.embed(&new_texts, progress, cancel)? else {
                return Ok(None);
            };
            for (row, &i) in vecs.outer_iter().zip(&missing) {
                self.entries.insert(keys[i].clone(), row.to_vec());
            }
        } else {
            progress(texts.len(), texts.len());
        }
        let dim = encoder.dim();
        let mut out = Array2::<f32>::zeros((texts.len(), dim));
        for (i, k) in keys.iter().enumerate() {
            if let Some(v) = self.entries.get(k) {
                out.row_mut(i)
                    .assign(&ndarray::ArrayView1::from(v.as_slice()));
            }
        }
        Ok(Some((out, missing.len())))
    }
}
