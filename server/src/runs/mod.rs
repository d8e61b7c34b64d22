//! Analysis runs over the stored responses: themes, then equity weighting with the configuration
//! in force, appended to the audit log; and the check that a logged run reproduces exactly.

pub mod compare;
pub mod input;
mod listing;
pub mod logged;
pub mod run_report;
pub mod run_views;
pub mod scope;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use analysis::weighting::{Breakdown, WeightingConfig, WeightingRun};
use analysis::{
    EmbeddingCache, FitContext, Representation, SentenceEncoder, Stage, ThemeModel, ThemeParams,
    ThemeReport, ThemeValidParams,
};
use anyhow::{Context, bail};
use app::models::UnitRef;
use app::store::entities::analysis_run;
use app::store::notes::PassageForAnalysis;
use app::store::reports::ReportForAnalysis;
use app::store::run_origins::ReportOrigins;
use app::store::runs::{self as log, NewRun, ResponseForAnalysis};
use app::store::weighting as configs;
use linfa::ParamGuard;
use sea_orm::DatabaseConnection;
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use listing::{ListedRun, ShownRun, list, show};
pub use logged::LoggedRun;
pub use scope::Scope;

/// Everything a run needs, recorded so it can be repeated.
struct Recipe {
    params: ThemeValidParams,
    previous: Option<(i32, ThemeModel)>,
    weighting: Option<(i32, WeightingConfig)>,
    model_dir: Option<PathBuf>,
}

/// What to analyse and how, for [`new_run_with`].
#[derive(Clone, Debug, Default)]
pub struct RunRequest {
    /// Sentence model (semantic representation); `None`: TF-IDF + LSA.
    pub model_dir: Option<PathBuf>,
    /// Number of themes; `None`: chosen automatically.
    pub k: Option<usize>,
    pub seed: u64,
    pub scope: Scope,
}

/// A progress callback: stage, done, total.
pub type Progress = Arc<dyn Fn(Stage, usize, usize) + Send + Sync>;

/// Optional progress reporting, cancellation and embedding cache of a run.
#[derive(Clone, Default)]
pub struct Hooks {
    pub progress: Option<Progress>,
    pub cancel: Option<Arc<AtomicBool>>,
    pub cache: Option<Arc<Mutex<EmbeddingCache>>>,
}

/// What a run computed.
struct Outcome {
    model: ThemeModel,
    weighting: Result<WeightingRun, String>,
    result_sha256: String,
}

#[derive(Serialize)]
struct Hashed<'a> {
    themes: &'a analysis::ThemeReport,
    weighting: Option<&'a WeightingRun>,
}

/// `run`'s raked × equity shares broken down by `variable`, small cells suppressed, reading the
/// responses it could have read (none when it is not weighted).
pub async fn breakdown(
    db: &DatabaseConnection,
    run: &LoggedRun,
    variable: &str,
) -> anyhow::Result<Breakdown> {
    run.weighted()?;
    let responses = log::responses_for_analysis(db, Some(run.row.last_response_id)).await?;
    run.breakdown(responses, variable)
}

/// Run `row`'s themes as logged, without the quotes of interview-note documents deleted since
/// (their text must not be shown again; the dashboard hides them the same way).
pub async fn shown_themes(
    db: &DatabaseConnection,
    row: &analysis_run::Model,
) -> anyhow::Result<ThemeReport> {
    let mut report: ThemeReport = serde_json::from_value(row.themes.clone())?;
    if let Some(last) = row.last_passage_id {
        let present = app::store::notes::origins(db, last).await?;
        let gone = |unit: &str| {
            unit.parse::<UnitRef>()
                .ok()
                .and_then(|u| u.passage())
                .is_some_and(|id| !present.contains_key(&id))
        };
        for theme in &mut report.themes {
            theme.quotes.retain(|q| !gone(&q.unit_id));
        }
    }
    Ok(report)
}

/// Analyses every response so far and logs the run; returns its id.
pub async fn new_run(
    db: &DatabaseConnection,
    model_dir: Option<PathBuf>,
    k: Option<usize>,
    seed: u64,
) -> anyhow::Result<i32> {
    let request = RunRequest {
        model_dir,
        k,
        seed,
        scope: Scope::all(),
    };
    new_run_with(db, request, Hooks::default()).await
}

/// Analyses what `request.scope` selects and logs the run; returns its id.
pub async fn new_run_with(
    db: &DatabaseConnection,
    request: RunRequest,
    hooks: Hooks,
) -> anyhow::Result<i32> {
    let RunRequest {
        model_dir,
        k,
        seed,
        scope,
    } = request;
    let responses = scope.responses(log::responses_for_analysis(db, None).await?);
    let reports = scope.reports(app::store::reports::for_analysis(db, None).await?);
    let passages = scope.passages(app::store::notes::for_analysis(db, None).await?);
    if responses.is_empty() && reports.is_empty() && passages.is_empty() {
        bail!(
            "there are no responses, interview notes or imported reports to analyse in this selection"
        );
    }
    let last_response_id = responses.last().map_or(0, |r| r.id);
    let last_report_id = reports.last().map(|r| r.id);
    let last_passage_id = passages.last().map(|p| p.id);
    let mut report_origins = ReportOrigins::default();
    for r in &reports {
        report_origins.push(r.id, &r.external_id, r.at(), r.district.as_deref());
    }
    let representation = match model_dir {
        Some(_) => Representation::Semantic,
        None => Representation::Classical,
    };
    let params = ThemeParams::new(representation).k(k).seed(seed).check()?;
    let previous = match log::get_with_model_text(db, None).await? {
        Some((row, model)) => serde_json::from_str::<ThemeModel>(&model)
            .ok()
            .filter(|m| m.representation() == representation)
            .map(|m| (row.id, m)),
        None => None,
    };
    let weighting = match configs::current(db).await? {
        Some(row) => Some((
            row.version,
            serde_json::from_value(row.config).context("reading the weighting configuration")?,
        )),
        None => None,
    };
    let recipe = Recipe {
        params,
        previous,
        weighting,
        model_dir,
    };
    let previous_run_id = recipe.previous.as_ref().map(|(id, _)| *id);
    let weighting_version = recipe.weighting.as_ref().map(|(v, _)| *v);
    let outcome = compute(
        Input {
            responses,
            reports,
            passages,
        },
        recipe,
        hooks,
    )
    .await?;
    let weighting_problem = outcome.weighting.as_ref().err().cloned();
    if let Some(problem) = &weighting_problem {
        tracing::warn!(%problem, "themes logged without equity weighting");
    }
    let id = log::append(
        db,
        NewRun {
            last_response_id,
            last_report_id,
            last_passage_id,
            input_hash: outcome.model.input_hash().to_owned(),
            previous_run_id,
            encoder: outcome.model.encoder_id().map(str::to_owned),
            weighting_version,
            themes: serde_json::to_value(outcome.model.report())?,
            weighting: outcome
                .weighting
                .as_ref()
                .ok()
                .map(serde_json::to_value)
                .transpose()?,
            weighting_problem,
            model: serde_json::to_string(&outcome.model)?,
            result_sha256: outcome.result_sha256,
            scope: (scope != Scope::all())
                .then(|| serde_json::to_value(&scope))
                .transpose()?,
            report_origins,
        },
    )
    .await?;
    Ok(id)
}

/// What re-running a logged run showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The rerun's result is byte for byte the logged one.
    Identical,
    /// A run on sentence embeddings whose rerun puts every unit in the same theme with the same
    /// status as logged, while its figures (similarities, centres) differ in the last digits:
    /// an encoder that adds up its products in another order (a faster matrix library) gives
    /// vectors equal to within cosine 0.9999998, not bit for bit.
    SameThemes,
    /// The rerun differs.
    Differs,
}

/// A rerun's verdict and its result hash.
#[derive(Debug, Clone)]
pub struct Verification {
    /// How the rerun compares with the logged run.
    pub verdict: Verdict,
    /// The rerun's result hash.
    pub sha256: String,
}

/// Re-runs run `id` from what it recorded; returns whether the result hash matched, and the
/// rerun's hash.
pub async fn verify(
    db: &DatabaseConnection,
    model_dir: Option<PathBuf>,
    id: i32,
) -> anyhow::Result<(bool, String)> {
    let v = verification(db, model_dir, id).await?;
    Ok((v.verdict == Verdict::Identical, v.sha256))
}

/// Re-runs run `id` from what it recorded and says how the rerun compares ([`Verdict`]).
pub async fn verification(
    db: &DatabaseConnection,
    model_dir: Option<PathBuf>,
    id: i32,
) -> anyhow::Result<Verification> {
    let Some(row) = log::get(db, id).await? else {
        bail!("no analysis run {id}");
    };
    let scope = logged_scope(&row)?;
    let logged: ThemeModel =
        serde_json::from_value(row.model).context("reading the logged theme model")?;
    let previous = match row.previous_run_id {
        Some(pid) => {
            let prev = log::get(db, pid)
                .await?
                .with_context(|| format!("run {id} followed run {pid}, which is missing"))?;
            Some((pid, serde_json::from_value(prev.model)?))
        }
        None => None,
    };
    let weighting = match row.weighting_version {
        Some(v) => {
            let config = configs::version(db, v)
                .await?
                .with_context(|| format!("weighting configuration v{v} is missing"))?;
            Some((v, serde_json::from_value(config.config)?))
        }
        None => None,
    };
    if row.encoder.is_some() && model_dir.is_none() {
        bail!(
            "run {id} used sentence embeddings: set model_dir (NEEDSCOPE_MODEL_DIR) to verify it"
        );
    }
    let responses =
        scope.responses(log::responses_for_analysis(db, Some(row.last_response_id)).await?);
    let reports = match row.last_report_id {
        Some(last) => scope.reports(app::store::reports::for_analysis(db, Some(last)).await?),
        None => Vec::new(),
    };
    let passages = match row.last_passage_id {
        Some(last) => scope.passages(app::store::notes::for_analysis(db, Some(last)).await?),
        None => Vec::new(),
    };
    let logged_passages = logged
        .assignments()
        .iter()
        .filter(|a| {
            a.unit_id
                .parse::<UnitRef>()
                .is_ok_and(|u| u.passage().is_some())
        })
        .count();
    if passages.len() < logged_passages {
        bail!(
            "run {id} read {logged_passages} interview-note passages and {} are left: a partner deleted a document since, so the run cannot be repeated exactly",
            passages.len()
        );
    }
    let recipe = Recipe {
        params: logged.params().clone(),
        previous,
        weighting,
        model_dir,
    };
    let input = Input {
        responses,
        reports,
        passages,
    };
    let outcome = compute(input, recipe, Hooks::default()).await?;
    let verdict = if outcome.result_sha256 == row.result_sha256 {
        Verdict::Identical
    } else if row.encoder.is_some() && same_themes(&logged, &outcome.model) {
        Verdict::SameThemes
    } else {
        Verdict::Differs
    };
    Ok(Verification {
        verdict,
        sha256: outcome.result_sha256,
    })
}

/// Whether two fits put every unit in the same theme with the same status.
fn same_themes(logged: &ThemeModel, rerun: &ThemeModel) -> bool {
    logged.assignments().len() == rerun.assignments().len()
        && logged
            .assignments()
            .iter()
            .zip(rerun.assignments())
            .all(|(a, b)| a.unit_id == b.unit_id && a.theme == b.theme && a.status == b.status)
}

/// The scope a run logged (everything for runs from before scopes).
pub fn logged_scope(row: &analysis_run::Model) -> anyhow::Result<Scope> {
    row.scope
        .clone()
        .map(serde_json::from_value)
        .transpose()
        .context("reading the run's scope")
        .map(Option::unwrap_or_default)
}

/// What a run reads, every stream.
struct Input {
    responses: Vec<ResponseForAnalysis>,
    reports: Vec<ReportForAnalysis>,
    passages: Vec<PassageForAnalysis>,
}

/// Themes, then weighting, on a blocking thread (both are CPU-bound).
async fn compute(input: Input, recipe: Recipe, hooks: Hooks) -> anyhow::Result<Outcome> {
    let Input {
        responses,
        reports,
        passages,
    } = input;
    tokio::task::spawn_blocking(move || {
        let mut units = input::units(&responses);
        units.extend(input::passage_units(&passages));
        units.extend(input::report_units(&reports));
        // Past their units, only the reports' ids are needed: free the rows before the fit.
        let report_ids: Vec<i64> = reports.iter().map(|r| r.id).collect();
        drop(reports);
        let encoder =
            match &recipe.model_dir {
                Some(dir) => Some(SentenceEncoder::load(dir).with_context(|| {
                    format!("loading the sentence model from {}", dir.display())
                })?),
                None => None,
            };
        let report_progress = |stage: Stage, done: usize, total: usize| {
            if let Some(p) = &hooks.progress {
                p(stage, done, total);
            }
        };
        let mut cache = hooks
            .cache
            .as_ref()
            .map(|c| c.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let mut ctx = FitContext::new().progress(&report_progress);
        if let Some(cancel) = &hooks.cancel {
            ctx = ctx.cancel(cancel);
        }
        if let Some(e) = &encoder {
            ctx = ctx.encoder(e);
            if let Some(cache) = cache.as_deref_mut() {
                ctx = ctx.cache(cache);
            }
        }
        if let Some((_, m)) = &recipe.previous {
            ctx = ctx.previous(m);
        }
        let model = recipe
            .params
            .fit(&units, ctx)
            .context("finding the themes")?;
        let weighting = match &recipe.weighting {
            Some((_, config)) => config
                .fit(&input::weighted_respondents(&responses, &model, config), &{
                    let mut mentions = input::mentions(&responses, &model);
                    mentions.extend(input::passage_mentions(
                        passages.iter().map(|p| (p.id, p.document_id)),
                        &model,
                    ));
                    mentions.extend(input::report_mentions(report_ids.iter().copied(), &model));
                    mentions
                })
                .map_err(|e| e.to_string()),
            None => Err(
                "no weighting configuration yet: an administrator can add one on the Weighting page (/staff/admin/weighting)"
                    .to_owned(),
            ),
        };
        let report = model.report();
        let bytes = serde_json::to_vec(&Hashed {
            themes: &report,
            weighting: weighting.as_ref().ok(),
        })?;
        let result_sha256 = hex::encode(Sha256::digest(&bytes));
        Ok(Outcome {
            model,
            weighting,
            result_sha256,
        })
    })
    .await
    .context("the analysis thread stopped")?
}
