//! Sentence vectors for the 311 classifier, when a sentence model is configured: appended to the
//! TF-IDF features, they lift cross-validated macro-F1 by 6–11 points on the labelled dev sets.
//!
//! Vectors come from the embedding cache the semantic theme runs fill (same model, same scrubbed
//! text); the rest are encoded now, as long as that stays within [`ENCODE_BUDGET`] texts. Beyond
//! it the training uses TF-IDF alone and records why, rather than spend hours on the encoder: a
//! semantic theme run over the reports fills the cache, and the next training uses it.

use analysis::classify::sentences::{encoder_texts, uncached};
use analysis::{Embedder, SentenceEncoder};
use app::models::categories::SentenceFeatures;
use app::store::SentenceModel;
use ndarray::Array2;

use crate::embedding_store;

/// Texts a training may send to the encoder (about five minutes of MiniLM-L6 on two cores).
pub const ENCODE_BUDGET: usize = 20_000;

/// The sentence vectors of `texts` under `model` (one row per text), or why there are none.
/// Blocking: loads the model and the cache, and may encode up to `budget` texts.
pub fn sentence_vectors(
    model: Option<&SentenceModel>,
    texts: &[&str],
    budget: usize,
) -> (Option<Array2<f32>>, SentenceFeatures) {
    let Some(model) = model else {
        return (None, SentenceFeatures::NoModel);
    };
    let failed = |problem: String| (None, SentenceFeatures::Failed { problem });
    let encoder = match SentenceEncoder::load(&model.dir) {
        Ok(e) => e,
        Err(e) => return failed(format!("cannot load {}: {e}", model.dir.display())),
    };
    let prepared = encoder_texts(texts);
    let mut cache = embedding_store::load(&model.cache_file);
    let missing = uncached(&cache, encoder.model_id(), &prepared);
    if missing > budget {
        return (None, SentenceFeatures::OverBudget { missing, budget });
    }
    let refs: Vec<&str> = prepared.iter().map(String::as_str).collect();
    match cache.embed(&encoder, &refs, &|_, _| {}, None) {
        Ok(Some((vectors, encoded))) => {
            if encoded > 0
                && let Err(e) = embedding_store::save(&model.cache_file, &cache)
            {
                tracing::warn!(error = %e, "saving the embedding cache after a training");
            }
            let model = encoder.model_id().to_string();
            (Some(vectors), SentenceFeatures::Used { model, encoded })
        }
        Ok(None) => failed("the encoder stopped before the end".into()),
        Err(e) => failed(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_model_there_are_no_vectors() {
        let (vectors, features) = sentence_vectors(None, &["a pothole"], ENCODE_BUDGET);
        assert!(vectors.is_none());
        assert_eq!(features, SentenceFeatures::NoModel);
    }

    #[test]
    fn a_missing_model_is_named() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let model = SentenceModel {
            dir: dir.path().join("no-such-model"),
            cache_file: dir.path().join("embeddings.cache"),
        };
        let (vectors, features) = sentence_vectors(Some(&model), &["a pothole"], ENCODE_BUDGET);
        assert!(vectors.is_none());
        let SentenceFeatures::Failed { problem } = features else {
            panic!("expected a failure, got {features:?}");
        };
        assert!(problem.contains("no-such-model"), "{problem}");
    }

    #[test]
    fn more_uncached_texts_than_the_budget_skip_the_encoder() {
        // The small model `scripts/fetch-model.sh` installs for the tests.
        let dir = analysis::default_model_dir();
        let tmp = tempfile::tempdir().expect("temporary directory");
        let model = SentenceModel {
            dir,
            cache_file: tmp.path().join("embeddings.cache"),
        };
        let (vectors, features) = sentence_vectors(Some(&model), &["a", "b", "c"], 2);
        assert!(vectors.is_none());
        assert_eq!(
            features,
            SentenceFeatures::OverBudget {
                missing: 3,
                budget: 2
            }
        );
        let (vectors, features) = sentence_vectors(Some(&model), &["a pothole", "graffiti"], 2);
        assert_eq!(vectors.map(|v| v.nrows()), Some(2));
        assert!(matches!(
            features,
            SentenceFeatures::Used { encoded: 2, .. }
        ));
        let (_, features) = sentence_vectors(Some(&model), &["a pothole"], 0);
        assert!(
            matches!(features, SentenceFeatures::Used { encoded: 0, .. }),
            "the second training finds the cached vector: {features:?}"
        );
    }
}
