//! The administrators' weighting page: what it shows (drafts with their preview, every stored
//! version with who stored and activated it) and the server function that reads it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::models::AppError;
use crate::models::staff::PageContext;

/// One category of a raking variable: population share against the sample before and after
/// weighting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewCell {
    /// Category (merged categories read `a + b`; `(missing)` holds who did not answer).
    pub category: String,
    pub respondents: usize,
    /// Target share (from the margins file).
    pub population_share: f64,
    /// Unweighted share of the respondents.
    pub sample_share: f64,
    /// Share after raking and trimming.
    pub weighted_share: f64,
}

/// How well the weights fit one raking variable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewVariable {
    pub name: String,
    /// Respondents who did not answer it (kept, in a neutral category).
    pub missing: usize,
    /// Categories merged because too few respondents were in them.
    pub merged: Vec<String>,
    pub cells: Vec<PreviewCell>,
}

/// What a configuration's weights would be on the resident respondents stored when it was
/// uploaded (the raking diagnostics a run logs, without the bootstrap).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeightingPreview {
    /// Resident respondents weighted.
    pub respondents: usize,
    /// Why there are no figures (no respondents yet, or a run would fail), if so.
    pub problem: Option<String>,
    /// Kish design effect of the raked weights.
    pub design_effect: f64,
    /// Kish effective sample size of the raked weights.
    pub effective_n: f64,
    /// Smallest raked weight, as a multiple of the mean.
    pub min_weight: f64,
    /// Largest raked weight, as a multiple of the mean.
    pub max_weight: f64,
    /// Share of respondents whose weight was trimmed.
    pub trimmed_share: f64,
    /// Raking met every margin within the tolerance.
    pub converged: bool,
    /// Largest relative margin error after raking.
    pub max_margin_error: f64,
    /// With an equity index: the design effect of the raked × equity weights.
    pub equity_design_effect: Option<f64>,
    /// With an equity index: the smallest raked × equity weight, as a multiple of the mean.
    pub equity_min_weight: Option<f64>,
    /// With an equity index: the largest raked × equity weight, as a multiple of the mean.
    pub equity_max_weight: Option<f64>,
    pub variables: Vec<PreviewVariable>,
}

impl WeightingPreview {
    /// A preview without figures (all zero), saying why.
    pub fn problem(respondents: usize, why: &str) -> WeightingPreview {
        WeightingPreview {
            respondents,
            problem: Some(why.to_owned()),
            design_effect: 0.0,
            effective_n: 0.0,
            min_weight: 0.0,
            max_weight: 0.0,
            trimmed_share: 0.0,
            converged: false,
            max_margin_error: 0.0,
            equity_design_effect: None,
            equity_min_weight: None,
            equity_max_weight: None,
            variables: Vec::new(),
        }
    }
}

/// An upload waiting to be activated or discarded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftRow {
    pub id: i32,
    pub uploaded_at: String,
    pub uploaded_by: String,
    /// The files it was made from.
    pub source: String,
    pub index_name: String,
    /// A stored version with the same configuration, which activating puts back in force.
    pub same_as: Option<i32>,
    pub preview: Option<WeightingPreview>,
}

/// One stored version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionRow {
    pub version: i32,
    pub stored_at: String,
    /// Who stored it (“the command line” when it came from `needscope weighting set`).
    pub stored_by: String,
    pub source: String,
    pub index_name: String,
    pub has_equity: bool,
    /// First 12 characters of the configuration's SHA-256.
    pub sha256: String,
    /// The version the next run uses.
    pub active: bool,
    /// When and by whom it was last put in force, if ever.
    pub last_activated: Option<String>,
}

/// Everything the weighting page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeightingPageData {
    pub drafts: Vec<DraftRow>,
    pub versions: Vec<VersionRow>,
}

/// The weighting page's drafts and versions (administrators).
#[server(prefix = "/api", endpoint = "weighting/page")]
pub async fn weighting_page() -> Result<(PageContext, WeightingPageData), AppError> {
    use crate::models::staff::ADMINS;
    use crate::store::runs::minute;
    use crate::store::{auth, db, weighting};

    auth::require(ADMINS)?;
    let db = db()?;
    let index_name = |config: &serde_json::Value| {
        config
            .pointer("/params/equity/index_name")
            .and_then(|v| v.as_str())
            .unwrap_or("unspecified")
            .to_owned()
    };
    let who = |by: Option<String>| by.unwrap_or_else(|| "the command line".to_owned());
    let history = weighting::history(&db).await?;
    let activations = weighting::activations(&db).await?;
    let active = activations.first().map(|a| a.version);
    let drafts = weighting::drafts(&db)
        .await?
        .into_iter()
        .map(|d| DraftRow {
            id: d.id,
            uploaded_at: minute(d.created_at),
            uploaded_by: who(d.created_by),
            source: d.source,
            index_name: index_name(&d.config),
            same_as: history
                .iter()
                .find(|v| v.config_sha256 == d.config_sha256)
                .map(|v| v.version),
            preview: serde_json::from_value(d.preview).ok(),
        })
        .collect();
    let versions = history
        .iter()
        .map(|v| VersionRow {
            version: v.version,
            stored_at: minute(v.created_at),
            stored_by: who(v.created_by.clone()),
            source: v.source.clone(),
            index_name: index_name(&v.config),
            has_equity: v.config.get("equity").is_some_and(|e| !e.is_null()),
            sha256: v.config_sha256.chars().take(12).collect(),
            active: Some(v.version) == active,
            last_activated: activations
                .iter()
                .find(|a| a.version == v.version)
                .map(|a| {
                    format!(
                        "{} by {}",
                        minute(a.activated_at),
                        who(a.activated_by.clone())
                    )
                }),
        })
        .collect();
    Ok((auth::page_context(), WeightingPageData { drafts, versions }))
}
