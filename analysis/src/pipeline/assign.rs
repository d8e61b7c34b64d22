//! Incremental assignment: new units join existing themes with the frozen artefacts of a fitted
//! model (vocabulary, IDF, LSA components or encoder, centres, thresholds) — no rerun.

use std::sync::atomic::AtomicBool;

use super::model::{Assignment, ThemeModel};
use super::params::Representation;
use super::prepare::prepare;
use super::stages::reduce::{blend, embed_prepared};
use crate::classical::svd::project;
use crate::error::FitError;
use crate::linalg::similarities;
use crate::semantic::cache::EmbeddingCache;
use crate::semantic::encoder::Embedder;
use crate::unit::Unit;

impl ThemeModel {
    /// Assigns `units` to the existing themes (or to "unclassified"), in input order.
    ///
    /// The semantic path needs the same encoder the model was fitted with (checked by model ID).
    pub fn assign(
        &self,
        units: &[Unit],
        encoder: Option<&dyn Embedder>,
        cache: Option<&mut EmbeddingCache>,
        cancel: Option<&AtomicBool>,
    ) -> Result<Vec<Assignment>, FitError> {
        let p = &self.params;
        let refs: Vec<&Unit> = units.iter().collect();
        let prepared = prepare(
            &refs,
            p.default_language,
            p.stem,
            p.bigrams,
            p.min_content_tokens,
        );
        let z = match (p.representation, &self.svd) {
            (Representation::Classical, Some(svd)) => {
                let features: Vec<&[String]> =
                    prepared.iter().map(|q| q.features.as_slice()).collect();
                project(&self.vectorizer.tfidf(&features), svd)
            }
            (Representation::Classical, None) => {
                return Err(FitError::Numerical("model has no LSA components".into()));
            }
            (Representation::Semantic, _) => {
                let enc = encoder.ok_or(FitError::MissingEncoder)?;
                if Some(enc.model_id()) != self.encoder_id.as_deref() {
                    return Err(FitError::Numerical(format!(
                        "encoder {} differs from the model's {:?}",
                        enc.model_id(),
                        self.encoder_id
                    )));
                }
                let z = embed_prepared(&prepared, enc, cache, None, cancel)?;
                let z = match &self.pca {
                    Some(pca) => pca.transform(z.view()),
                    None => z,
                };
                let z = match &self.smoothing {
                    Some(s) => s.apply(z.view(), &[]),
                    None => z,
                };
                match (&self.svd, p.lexical_weight > 0.0) {
                    (Some(svd), true) => {
                        let features: Vec<&[String]> =
                            prepared.iter().map(|q| q.features.as_slice()).collect();
                        let lexical = project(&self.vectorizer.tfidf(&features), svd);
                        blend(z.view(), lexical.view(), p.lexical_weight)
                    }
                    _ => z,
                }
            }
        };
        let sims = similarities(z.view(), self.centroids.view());
        Ok(units
            .iter()
            .zip(&prepared)
            .enumerate()
            .map(|(i, (u, q))| {
                let (t, s, status) = self.decide(sims.row(i), q.kind);
                Assignment {
                    unit_id: u.id.clone(),
                    theme: t.map(|t| self.themes[t].id.clone()),
                    similarity: s,
                    status,
                    lang: q.lang,
                    detection: Some(q.detection),
                }
            })
            .collect())
    }
}
