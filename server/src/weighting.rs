//! `needscope weighting`: upload, inspect and list the equity-weighting configuration.
//!
//! Each accepted upload becomes a new version (append-only); a file with a problem is refused
//! with its line and column, and the configuration in force stays as it was.

use std::path::{Path, PathBuf};

use analysis::weighting::{
    EquityTable, Margins, MultiplierRule, ScoreScale, WeightingConfig, WeightingParams,
    ZipCrosswalk,
};
use anyhow::{Context, bail};
use app::store::weighting as store;
use linfa::ParamGuard;
use sea_orm::DatabaseConnection;

use crate::runs::input::DISTRICT;

#[derive(clap::Subcommand, Debug)]
pub enum WeightingAction {
    /// Check population margins (and optionally an equity index and a ZIP crosswalk) and store
    /// them as the next configuration version.
    Set(Box<SetArgs>),
    /// Print a configuration (default: the one in force) as JSON.
    Show {
        /// Version to print.
        #[arg(long)]
        version: Option<i32>,
    },
    /// List every configuration version, newest first.
    History,
}

#[derive(clap::Args, Debug)]
pub struct SetArgs {
    /// Population margins: CSV `variable,category,share` or `variable,category,population`
    /// (template: analysis/templates/margins.csv).
    #[arg(long)]
    margins: PathBuf,
    /// Equity index by area: CSV `area,score` (template: analysis/templates/equity_index.csv).
    #[arg(long)]
    equity: Option<PathBuf>,
    /// ZIP → area crosswalk for respondents who give only a ZIP code: CSV `zip,area[,ratio]`.
    #[arg(long, requires = "equity")]
    crosswalk: Option<PathBuf>,
    /// Name and vintage of the equity index, stored with every run.
    #[arg(long, default_value = "unspecified")]
    index_name: String,
    /// Lowest and highest score of the index scale (default `2..=10`, San José's Equity Index).
    #[arg(long, value_parser = crate::cli::parse_range::<f64>)]
    scale: Option<(f64, f64)>,
    /// The index is one where a higher score means less need (Healthy Places Index).
    #[arg(long)]
    higher_is_healthier: bool,
    /// Strength α of the linear equity multiplier `g = 1 + α · need`.
    #[arg(long)]
    strength: Option<f64>,
    /// Trim bounds as multiples of the mean weight, e.g. `0.2..=5`.
    #[arg(long, value_parser = crate::cli::parse_range::<f64>)]
    trim: Option<(f64, f64)>,
    /// Bootstrap replicates for the intervals.
    #[arg(long)]
    replicates: Option<usize>,
    /// Bootstrap seed.
    #[arg(long)]
    seed: Option<u64>,
}

/// Runs a `weighting` subcommand.
pub async fn run(db: &DatabaseConnection, action: &WeightingAction) -> anyhow::Result<()> {
    match action {
        WeightingAction::Set(args) => set(db, args).await,
        WeightingAction::Show { version } => {
            let row = match version {
                Some(v) => store::version(db, *v).await?,
                None => store::current(db).await?,
            };
            let Some(row) = row else {
                bail!(match version {
                    Some(v) => format!("there is no weighting configuration version {v}"),
                    None => "no weighting configuration yet: add one with `needscope weighting set --margins FILE`".into(),
                });
            };
            println!("{}", serde_json::to_string_pretty(&row.config)?);
            Ok(())
        }
        WeightingAction::History => {
            for row in store::history(db).await? {
                println!(
                    "v{}  {}  sha256 {}  {}",
                    row.version,
                    row.created_at,
                    &row.config_sha256[..12.min(row.config_sha256.len())],
                    row.source
                );
            }
            Ok(())
        }
    }
}

async fn set(db: &DatabaseConnection, args: &SetArgs) -> anyhow::Result<()> {
    let known = store::resident_categories(db).await?;
    let margins = Margins::parse_csv(&read(&args.margins)?, &known)?;
    let has_district = margins.variable(DISTRICT).is_some();
    let mut params = WeightingParams::default()
        .index_name(args.index_name.clone())
        .breadth_variable(has_district.then(|| DISTRICT.to_owned()))
        .strata_variable(has_district.then(|| DISTRICT.to_owned()));
    let (min, max) = args.scale.unwrap_or((2.0, 10.0));
    params = params.score_scale(ScoreScale {
        min,
        max,
        higher_is_more_need: !args.higher_is_healthier,
    });
    if let Some(alpha) = args.strength {
        params = params.multiplier(MultiplierRule::Linear { alpha });
    }
    if let Some((floor, cap)) = args.trim {
        params = params.trim(Some(floor), Some(cap));
    }
    if let Some(n) = args.replicates {
        params = params.replicates(n);
    }
    if let Some(seed) = args.seed {
        params = params.seed(seed);
    }
    let params = params.check().context("checking the weighting settings")?;
    let mut config = WeightingConfig::new(params, margins);
    let mut sources = vec![format!("margins {}", args.margins.display())];
    if let Some(path) = &args.equity {
        let equity = EquityTable::parse_csv(&read(path)?, None)?;
        let crosswalk = match &args.crosswalk {
            Some(cw) => {
                sources.push(format!("crosswalk {}", cw.display()));
                Some(ZipCrosswalk::parse_csv(&read(cw)?, &equity)?)
            }
            None => None,
        };
        sources.push(format!("equity {} ({})", path.display(), args.index_name));
        config = config.with_equity(equity, crosswalk);
    }
    config.validate()?;
    let sha = config.sha256();
    if store::current(db)
        .await?
        .is_some_and(|c| c.config_sha256 == sha)
    {
        println!("unchanged: this is already the configuration in force (sha256 {sha})");
        return Ok(());
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
    let variables: Vec<&str> = config
        .margins
        .variables
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    println!(
        "weighting configuration v{version} stored and in force (sha256 {sha}): raking on {}{}",
        variables.join(", "),
        match &config.equity {
            Some(e) => format!("; equity index for {} areas", e.scores.len()),
            None => "; no equity layer".into(),
        }
    );
    Ok(())
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
