//! Honest quality figures for the category classifier: stratified k-fold cross-validation with
//! the whole feature space (vocabulary, IDF, LSA basis) refitted inside every fold, so no held-out
//! report shapes the features it is judged with. Reports of categories too rare to learn stay in
//! the held-out folds and count as errors.

use std::collections::BTreeMap;

use ndarray::{ArrayView2, Axis};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_xoshiro::Xoshiro256Plus;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{CategoryClassifier, ClassifierParams, ClassifyError, Prediction};

/// Precision, recall and F1 of one category over all held-out predictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryScore {
    /// The category.
    pub category: String,
    /// Reports given this category.
    pub support: usize,
    /// Of the reports predicted as this category, the share given it.
    pub precision: f64,
    /// Of the reports given this category, the share predicted as it.
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
}

/// Cross-validated quality of the classifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Folds used.
    pub folds: usize,
    /// Labelled reports evaluated.
    pub reports: usize,
    /// Share of reports whose predicted category is the given one.
    pub accuracy: f64,
    /// Unweighted mean of the categories' F1: every category counts the same, however rare.
    pub macro_f1: f64,
    /// Per category, most reports first.
    pub per_category: Vec<CategoryScore>,
}

/// What cross-validation found: the scores, and each report's out-of-fold prediction (made by a
/// model that never saw the report: what a review of given categories should compare against).
#[derive(Debug, Clone, PartialEq)]
pub struct CrossValidated {
    pub evaluation: Evaluation,
    /// One per report, in input order.
    pub predictions: Vec<Prediction>,
}

/// Cross-validates the classifier on `texts` with their given `categories` in `folds` folds.
pub fn cross_validate(
    texts: &[&str],
    categories: &[&str],
    sentences: Option<ArrayView2<'_, f32>>,
    params: &ClassifierParams,
    folds: usize,
) -> Result<CrossValidated, ClassifyError> {
    if folds < 2 {
        return Err(ClassifyError::Params("folds must be at least 2".into()));
    }
    if categories.len() != texts.len() {
        return Err(ClassifyError::Mismatch {
            what: "categories",
            got: categories.len(),
            expected: texts.len(),
        });
    }
    let fold_of = stratified_folds(categories, folds, params.seed);
    let mut predicted: Vec<Option<Prediction>> = vec![None; texts.len()];
    // The folds are independent: fitted side by side (each fit is mostly one thread's work).
    let fitted = (0..folds)
        .into_par_iter()
        .map(|fold| -> Result<_, ClassifyError> {
            let (test, train): (Vec<usize>, Vec<usize>) =
                (0..texts.len()).partition(|&i| fold_of[i] == fold);
            if test.is_empty() {
                return Ok(Vec::new());
            }
            let pick = |rows: &[usize]| -> Vec<&str> { rows.iter().map(|&i| texts[i]).collect() };
            let labels: Vec<&str> = train.iter().map(|&i| categories[i]).collect();
            let train_sentences = sentences.map(|s| s.select(Axis(0), &train));
            let model = CategoryClassifier::fit(
                &pick(&train),
                &labels,
                train_sentences.as_ref().map(|s| s.view()),
                params,
            )?;
            // Predicted a batch at a time: each report's prediction is its own, and a batch bounds
            // the memory of its prepared texts and dense features.
            let mut out = Vec::with_capacity(test.len());
            for batch in test.chunks(PREDICT_BATCH) {
                let batch_sentences = sentences.map(|s| s.select(Axis(0), batch));
                let predicted =
                    model.predict(&pick(batch), batch_sentences.as_ref().map(|s| s.view()))?;
                out.extend(batch.iter().copied().zip(predicted));
            }
            Ok(out)
        })
        .collect::<Result<Vec<_>, _>>()?;
    for (i, p) in fitted.into_iter().flatten() {
        predicted[i] = Some(p);
    }
    let evaluation = score(categories, &predicted, folds);
    let predictions = predicted
        .into_iter()
        .map(|p| {
            p.unwrap_or_else(|| Prediction {
                category: String::new(),
                confidence: 0.0,
            })
        })
        .collect();
    Ok(CrossValidated {
        evaluation,
        predictions,
    })
}

/// Held-out reports predicted at a time.
const PREDICT_BATCH: usize = 20_000;

/// Fold of each report: within each category, a seeded shuffle dealt round-robin.
fn stratified_folds(categories: &[&str], folds: usize, seed: u64) -> Vec<usize> {
    let mut by_category: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in categories.iter().enumerate() {
        by_category.entry(c).or_default().push(i);
    }
    let mut rng = Xoshiro256Plus::seed_from_u64(seed ^ 0x5eed_f01d);
    let mut fold_of = vec![0; categories.len()];
    let mut next = 0;
    for rows in by_category.values_mut() {
        rows.shuffle(&mut rng);
        for &i in rows.iter() {
            fold_of[i] = next % folds;
            next += 1;
        }
    }
    fold_of
}

fn score(given: &[&str], predicted: &[Option<Prediction>], folds: usize) -> Evaluation {
    #[derive(Default)]
    struct Tally {
        support: usize,
        predicted: usize,
        correct: usize,
    }
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut correct = 0;
    for (g, p) in given.iter().zip(predicted) {
        tallies.entry(g).or_default().support += 1;
        if let Some(p) = p {
            tallies.entry(p.category.as_str()).or_default().predicted += 1;
            if p.category == *g {
                correct += 1;
                tallies.entry(g).or_default().correct += 1;
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let mut per_category: Vec<CategoryScore> = tallies
        .into_iter()
        .filter(|(_, t)| t.support > 0)
        .map(|(c, t)| {
            let precision = ratio(t.correct, t.predicted);
            let recall = ratio(t.correct, t.support);
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            CategoryScore {
                category: c.to_string(),
                support: t.support,
                precision,
                recall,
                f1,
            }
        })
        .collect();
    per_category.sort_by(|a, b| b.support.cmp(&a.support).then(a.category.cmp(&b.category)));
    let macro_f1 =
        per_category.iter().map(|c| c.f1).sum::<f64>() / per_category.len().max(1) as f64;
    Evaluation {
        folds,
        reports: given.len(),
        accuracy: ratio(correct, given.len()),
        macro_f1,
        per_category,
    }
}
