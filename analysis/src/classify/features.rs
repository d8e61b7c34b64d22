//! The classifier's text features: the analysis's own TF-IDF (same preparation, vocabulary and
//! IDF as the classical themes) reduced by LSA to a few hundred dense dimensions, with the
//! sentence vectors appended when a model is configured.
//!
//! Dense features keep the linfa logistic regression's cost independent of the vocabulary: a
//! million reports at 256 dimensions are 1 GB of `f32`, where the raw TF-IDF would not fit.

use ndarray::{Array2, ArrayView2, Axis, concatenate};
use serde::{Deserialize, Serialize};

use super::error::ClassifyError;
use crate::classical::sparse::Csr;
use crate::classical::svd::{TruncatedSvd, project, randomized_svd};
use crate::classical::vectorizer::{Vectorizer, VocabularySettings};
use crate::error::FitError;
use crate::pipeline::prepare::prepare;
use crate::text::language::Lang;
use crate::unit::Unit;

/// How texts become features; fitted on the training texts, then frozen.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FeatureSpace {
    vectorizer: Vectorizer,
    svd: TruncatedSvd,
    /// Width of the sentence vectors appended after the LSA columns (0 without a model).
    sentence_dims: usize,
}

/// Prepares texts the way the theme analysis does (PII scrub, language, stemmed terms and bigrams).
pub fn features_of(texts: &[&str]) -> Vec<Vec<String>> {
    let units: Vec<Unit> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Unit::new(i.to_string(), *t))
        .collect();
    let refs: Vec<&Unit> = units.iter().collect();
    prepare(&refs, Lang::En, true, true, 1)
        .into_iter()
        .map(|p| p.features)
        .collect()
}

impl FeatureSpace {
    /// Fits the vocabulary (terms weighed by `idfᵖ`, `p = idf_power`) and the LSA basis on
    /// `docs` (prepared features).
    pub fn fit(
        docs: &[Vec<String>],
        dims: usize,
        sentence_dims: usize,
        idf_power: f32,
        seed: u64,
    ) -> Result<Self, FitError> {
        let settings = VocabularySettings {
            min_df: 2,
            min_df_fraction: 0.0,
            max_df: 0.5,
            max_features: 50_000,
        };
        let vectorizer = Vectorizer::fit(docs, &settings).with_idf_power(idf_power);
        if vectorizer.vocabulary().is_empty() {
            return Err(FitError::EmptyVocabulary);
        }
        let x = vectorizer.tfidf(docs);
        let dims = dims.min(x.rows().saturating_sub(1)).min(x.cols()).max(1);
        let svd = randomized_svd(&x, dims, 10, 4, seed)?;
        Ok(FeatureSpace {
            vectorizer,
            svd,
            sentence_dims,
        })
    }

    /// Number of feature columns.
    pub fn width(&self) -> usize {
        self.svd.components.ncols() + self.sentence_dims
    }

    /// Width of the sentence vectors this space expects (0: none).
    pub fn sentence_dims(&self) -> usize {
        self.sentence_dims
    }

    /// The TF-IDF rows of `docs`.
    pub fn tfidf(&self, docs: &[Vec<String>]) -> Csr {
        self.vectorizer.tfidf(docs)
    }

    /// Dense features of `docs`: the LSA vector (unit length), then the sentence vector if the
    /// space was fitted with one (`sentences` must then have a row per document).
    pub fn transform(
        &self,
        docs: &[Vec<String>],
        sentences: Option<ArrayView2<'_, f32>>,
    ) -> Result<Array2<f32>, ClassifyError> {
        let lsa = project(&self.tfidf(docs), &self.svd);
        match (self.sentence_dims, sentences) {
            (0, _) => Ok(lsa),
            (d, Some(s)) if s.nrows() != lsa.nrows() || s.ncols() != d => {
                Err(ClassifyError::Mismatch {
                    what: "sentence vectors (rows × columns must match the texts and the model)",
                    got: s.nrows() * s.ncols(),
                    expected: lsa.nrows() * d,
                })
            }
            (d, Some(s)) => {
                concatenate(Axis(1), &[lsa.view(), s.view()]).map_err(|_| ClassifyError::Mismatch {
                    what: "sentence vector rows",
                    got: s.nrows(),
                    expected: d,
                })
            }
            (d, None) => Err(ClassifyError::Mismatch {
                what: "sentence vector columns (the classifier was trained with a model)",
                got: 0,
                expected: d,
            }),
        }
    }
}
