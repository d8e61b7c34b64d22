//! The 311 analyst's assistant: trains the category classifier on the reports that carry the
//! City's own category, measures it by cross-validation, predicts a category for every report,
//! flags confident disagreements for review, and records each report's theme in the latest run.
//! Started from the staff page (in the background) or `needscope categories train`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use analysis::classify::{
    CategoryClassifier, ClassifierParams, Evaluation, Prediction, cross_validate,
};
use anyhow::Context;
use app::models::UnitRef;
use app::models::categories::{CategoryQuality, ClassifierQuality, SentenceFeatures};
use app::store::SentenceModel;
use app::store::categories::{self, ClassifierSettings, NewClassifier, NewPrediction};
use app::store::runs;
use ndarray::{Array2, Axis};
use sea_orm::DatabaseConnection;

use crate::classifier_vectors::{ENCODE_BUDGET, sentence_vectors};
use crate::runs::logged::LoggedRun;

/// Folds of the cross-validation.
const FOLDS: usize = 5;
/// Reports predicted per batch (bounds the dense feature matrix).
const PREDICT_BATCH: usize = 20_000;

/// One training at a time per process: a second request is told one is running.
static TRAINING: AtomicBool = AtomicBool::new(false);

/// Holds the process's training slot until dropped.
pub struct TrainingSlot(());

impl TrainingSlot {
    /// The slot, unless a training is already running in this process.
    pub fn take() -> Option<TrainingSlot> {
        TRAINING
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .ok()
            .map(|_| TrainingSlot(()))
    }

    /// Whether a training is running in this process.
    pub fn busy() -> bool {
        TRAINING.load(Ordering::Acquire)
    }
}

impl Drop for TrainingSlot {
    fn drop(&mut self) {
        TRAINING.store(false, Ordering::Release);
    }
}

/// What a training stored.
#[derive(Debug, Clone)]
pub struct Trained {
    pub id: i32,
    pub reports: usize,
    pub labelled: usize,
    pub flagged: usize,
    pub evaluation: Evaluation,
    pub seconds: f64,
    /// Where the time went.
    pub timings: Timings,
}

/// Seconds of each part of a training (the benchmark `scripts/bench/reports.sh` prints them).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    /// Reading the reports and the latest run.
    pub read: f64,
    /// The cross-validation: a model per fold, each predicting its held-out reports.
    pub cross_validation: f64,
    /// The final model, fitted on every labelled report (up to the training cap).
    pub fit: f64,
    /// The final model predicting the reports without a category.
    pub predict: f64,
    /// How many reports it predicted.
    pub predicted: usize,
    /// Writing the training and every prediction.
    pub store: f64,
}

impl Timings {
    /// Reports predicted per second by the final model (text preparation, TF-IDF, LSA and the
    /// linear model), if it predicted any.
    pub fn reports_per_second(&self) -> Option<f64> {
        (self.predicted > 0 && self.predict > 0.0).then(|| self.predicted as f64 / self.predict)
    }
}

/// Trains, evaluates and predicts, and stores it all (see the module docs).
pub async fn train(
    db: &DatabaseConnection,
    by: Option<i32>,
    model: Option<&SentenceModel>,
    _slot: &TrainingSlot,
) -> anyhow::Result<Trained> {
    let start = Instant::now();
    let rows = categories::training_rows(db)
        .await
        .context("reading the reports")?;
    let run = match runs::get_with_model_text(db, None)
        .await
        .context("reading the latest run")?
    {
        Some((row, model)) => Some(LoggedRun::read_text(row, &model)?),
        None => None,
    };
    let run_id = run.as_ref().map(|r| r.row.id);
    let read = start.elapsed().as_secs_f64();
    let params = ClassifierParams::default();
    let model = model.cloned();
    let fitted = tokio::task::spawn_blocking(move || {
        let texts: Vec<&str> = rows.iter().map(|(_, text, _)| text.as_str()).collect();
        let (vectors, sentences) = sentence_vectors(model.as_ref(), &texts, ENCODE_BUDGET);
        fit_and_predict(&rows, run.as_ref(), vectors.as_ref(), sentences, &params)
    })
    .await
    .context("the training task stopped")??;
    let stored = Instant::now();
    let seconds = start.elapsed().as_secs_f64();
    let new = NewClassifier {
        created_by: by,
        reports: fitted.predictions.len() as i64,
        labelled: fitted.labelled as i64,
        quality: quality_of(&fitted.evaluation),
        settings: ClassifierSettings {
            params: serde_json::to_value(params)?,
            flag_confidence: f64::from(params.flag_confidence),
            too_rare: fitted.too_rare,
            sentences: fitted.sentences,
        },
        seconds,
    };
    let id = categories::record(db, new, &fitted.predictions, run_id)
        .await
        .context("storing the predictions")?;
    let timings = Timings {
        read,
        store: stored.elapsed().as_secs_f64(),
        ..fitted.timings
    };
    Ok(Trained {
        id,
        reports: fitted.predictions.len(),
        labelled: fitted.labelled,
        flagged: fitted.predictions.iter().filter(|p| p.flagged).count(),
        evaluation: fitted.evaluation,
        seconds,
        timings,
    })
}

/// The CPU part of a training.
struct Fitted {
    evaluation: Evaluation,
    labelled: usize,
    predictions: Vec<NewPrediction>,
    too_rare: Vec<(String, usize)>,
    sentences: SentenceFeatures,
    timings: Timings,
}

fn fit_and_predict(
    rows: &[(i64, String, Option<String>)],
    run: Option<&LoggedRun>,
    vectors: Option<&Array2<f32>>,
    sentences: SentenceFeatures,
    params: &ClassifierParams,
) -> anyhow::Result<Fitted> {
    let given = |i: usize| rows[i].2.as_deref().filter(|c| !c.trim().is_empty());
    let (labelled, unlabelled): (Vec<usize>, Vec<usize>) =
        (0..rows.len()).partition(|&i| given(i).is_some());
    let texts_of =
        |idx: &[usize]| -> Vec<&str> { idx.iter().map(|&i| rows[i].1.as_str()).collect() };
    // The sentence vectors of the reports at `idx`, when the training has them.
    let vectors_of = |idx: &[usize]| vectors.map(|v| v.select(Axis(0), idx));
    let categories: Vec<&str> = labelled.iter().filter_map(|&i| given(i)).collect();
    // Labelled reports get their out-of-fold prediction, from a model that never saw them, so a
    // wrong given category cannot vouch for itself.
    let mut timings = Timings::default();
    let clock = Instant::now();
    let labelled_vectors = vectors_of(&labelled);
    let cv = cross_validate(
        &texts_of(&labelled),
        &categories,
        labelled_vectors.as_ref().map(|v| v.view()),
        params,
        FOLDS,
    )?;
    timings.cross_validation = clock.elapsed().as_secs_f64();
    let themes = run.map(themes_of).unwrap_or_default();
    let mut predictions: Vec<NewPrediction> = Vec::with_capacity(rows.len());
    let mut push = |i: usize, p: Prediction| {
        let (id, _, _) = &rows[i];
        predictions.push(NewPrediction {
            report_id: *id,
            flagged: given(i).is_some_and(|g| p.disagrees(g, params)),
            category: p.category,
            confidence: f64::from(p.confidence),
            theme: themes.get(id).cloned(),
        });
    };
    for (&i, p) in labelled.iter().zip(cv.predictions) {
        push(i, p);
    }
    let clock = Instant::now();
    let model = CategoryClassifier::fit(
        &texts_of(&labelled),
        &categories,
        labelled_vectors.as_ref().map(|v| v.view()),
        params,
    )?;
    drop(labelled_vectors);
    timings.fit = clock.elapsed().as_secs_f64();
    let clock = Instant::now();
    for batch in unlabelled.chunks(PREDICT_BATCH) {
        let batch_vectors = vectors_of(batch);
        let predicted =
            model.predict(&texts_of(batch), batch_vectors.as_ref().map(|v| v.view()))?;
        for (&i, p) in batch.iter().zip(predicted) {
            push(i, p);
        }
    }
    timings.predict = clock.elapsed().as_secs_f64();
    timings.predicted = unlabelled.len();
    predictions.sort_by_key(|p| p.report_id);
    Ok(Fitted {
        evaluation: cv.evaluation,
        labelled: labelled.len(),
        predictions,
        too_rare: model.too_rare().clone().into_iter().collect(),
        sentences,
        timings,
    })
}

/// Each report's theme (stable id, label) in `run`.
fn themes_of(run: &LoggedRun) -> HashMap<i64, (String, String)> {
    let mut out = HashMap::new();
    for theme in run.model.themes() {
        for member in &theme.members {
            if let Ok(UnitRef::Report(id)) = member.parse::<UnitRef>() {
                out.insert(id, (theme.id.clone(), theme.label.clone()));
            }
        }
    }
    out
}

fn quality_of(e: &Evaluation) -> ClassifierQuality {
    ClassifierQuality {
        folds: e.folds,
        reports: e.reports,
        accuracy: e.accuracy,
        macro_f1: e.macro_f1,
        per_category: e
            .per_category
            .iter()
            .map(|c| CategoryQuality {
                category: c.category.clone(),
                support: c.support,
                precision: c.precision,
                recall: c.recall,
                f1: c.f1,
            })
            .collect(),
    }
}
