//! The equity-weighting configuration: check uploaded margins (and optionally an equity index and
//! a ZIP crosswalk), store them as the next version, read versions back.
//!
//! Each accepted upload becomes a new version (append-only); a file with a problem is refused
//! with its line and column, and the configuration in force stays as it was.

use std::path::{Path, PathBuf};

use analysis::weighting::{
    EquityTable, Margins, MultiplierRule, ScoreScale, WeightingConfig, WeightingParams,
    ZipCrosswalk,
};
use anyhow::{Context, bail};
use app::store::entities::weighting_config;
use app::store::weighting as store;
use linfa::ParamGuard;
use sea_orm::DatabaseConnection;

use crate::runs::input::DISTRICT;

/// The files and settings of a new configuration, for [`set`].
#[derive(Debug, Clone)]
pub struct SetRequest {
    /// Population margins: CSV `variable,category,share` or `variable,category,population`.
    pub margins: PathBuf,
    /// Equity index by area: CSV `area,score`.
    pub equity: Option<PathBuf>,
    /// ZIP → area crosswalk: CSV `zip,area[,ratio]` (only with an equity index).
    pub crosswalk: Option<PathBuf>,
    /// Name and vintage of the equity index.
    pub index_name: String,
    /// Lowest and highest score of the index scale; `None`: `2..=10`.
    pub scale: Option<(f64, f64)>,
    /// A higher score means less need.
    pub higher_is_healthier: bool,
    /// Strength α of the linear equity multiplier.
    pub strength: Option<f64>,
    /// Trim bounds as multiples of the mean weight.
    pub trim: Option<(f64, f64)>,
    /// Bootstrap replicates.
    pub replicates: Option<usize>,
    /// Bootstrap seed.
    pub seed: Option<u64>,
}

/// What [`set`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum SetOutcome {
    /// The configuration is the one already in force; nothing was stored.
    Unchanged { sha256: String },
    /// Stored as `version`, now in force.
    Stored {
        version: i32,
        sha256: String,
        /// The raking variables, in the margins' order.
        variables: Vec<String>,
        /// Number of areas of the equity index, if there is one.
        equity_areas: Option<usize>,
    },
}

/// The configuration `version` (default: the one in force), as stored.
pub async fn show(
    db: &DatabaseConnection,
    version: Option<i32>,
) -> anyhow::Result<serde_json::Value> {
    let row = match version {
        Some(v) => store::version(db, v).await?,
        None => store::current(db).await?,
    };
    let Some(row) = row else {
        bail!(match version {
            Some(v) => format!("there is no weighting configuration version {v}"),
            None => "no weighting configuration yet: add one with `needscope weighting set --margins FILE`".into(),
        });
    };
    Ok(row.config)
}

/// Every configuration version, newest first.
pub async fn history(db: &DatabaseConnection) -> anyhow::Result<Vec<weighting_config::Model>> {
    Ok(store::history(db).await?)
}

/// Checks the files and settings of `request` and stores them as the next version, unless they
/// are the configuration already in force.
pub async fn set(db: &DatabaseConnection, request: &SetRequest) -> anyhow::Result<SetOutcome> {
    let known = store::resident_categories(db).await?;
    let margins = Margins::parse_csv(&read(&request.margins)?, &known)?;
    let has_district = margins.variable(DISTRICT).is_some();
    let mut params = WeightingParams::default()
        .index_name(request.index_name.clone())
        .breadth_variable(has_district.then(|| DISTRICT.to_owned()))
        .strata_variable(has_district.then(|| DISTRICT.to_owned()));
    let (min, max) = request.scale.unwrap_or((2.0, 10.0));
    params = params.score_scale(ScoreScale {
        min,
        max,
        higher_is_more_need: !request.higher_is_healthier,
    });
    if let Some(alpha) = request.strength {
        params = params.multiplier(MultiplierRule::Linear { alpha });
    }
    if let Some((floor, cap)) = request.trim {
        params = params.trim(Some(floor), Some(cap));
    }
    if let Some(n) = request.replicates {
        params = params.replicates(n);
    }
    if let Some(seed) = request.seed {
        params = params.seed(seed);
    }
    let params = params.check().context("checking the weighting settings")?;
    let mut config = WeightingConfig::new(params, margins);
    let mut sources = vec![format!("margins {}", request.margins.display())];
    if let Some(path) = &request.equity {
        let equity = EquityTable::parse_csv(&read(path)?, None)?;
        let crosswalk = match &request.crosswalk {
            Some(cw) => {
                sources.push(format!("crosswalk {}", cw.display()));
                Some(ZipCrosswalk::parse_csv(&read(cw)?, &equity)?)
            }
            None => None,
        };
        sources.push(format!(
            "equity {} ({})",
            path.display(),
            request.index_name
        ));
        config = config.with_equity(equity, crosswalk);
    }
    config.validate()?;
    let sha = config.sha256();
    if store::current(db)
        .await?
        .is_some_and(|c| c.config_sha256 == sha)
    {
        return Ok(SetOutcome::Unchanged { sha256: sha });
    }
    let version = store::append(
        db,
        serde_json::to_value(&config)?,
        sha.clone(),
        sources.join("; "),
    )
    .await?;
    app::store::audit::record(
        db,
        None,
        "weighting_configured",
        serde_json::json!({ "version": version, "sha256": sha, "sources": sources, "via": "needscope weighting set" }),
    )
    .await?;
    Ok(SetOutcome::Stored {
        version,
        sha256: sha,
        variables: config
            .margins
            .variables
            .iter()
            .map(|v| v.name.clone())
            .collect(),
        equity_areas: config.equity.as_ref().map(|e| e.scores.len()),
    })
}

fn read(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: not valid UTF-8 (byte {}); save it as UTF-8 CSV",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}
