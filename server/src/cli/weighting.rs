//! `needscope weighting set|activate|show|history`.

use std::path::PathBuf;

use sea_orm::DatabaseConnection;

use crate::weighting::{self, SetOutcome, SetRequest, Settings};

use super::range::parse_range;

#[derive(clap::Subcommand, Debug)]
pub enum WeightingAction {
    /// Check population margins (and optionally an equity index and a ZIP crosswalk) and store
    /// them as the next configuration version, in force at once.
    Set(Box<SetArgs>),
    /// Put a stored version in force again (the next runs use it; logged runs keep theirs).
    Activate {
        /// Version to put in force.
        #[arg(long)]
        version: i32,
    },
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
    #[arg(long, value_parser = parse_range::<f64>)]
    scale: Option<(f64, f64)>,
    /// The index is one where a higher score means less need (Healthy Places Index).
    #[arg(long)]
    higher_is_healthier: bool,
    /// Strength α of the linear equity multiplier `g = 1 + α · need`.
    #[arg(long)]
    strength: Option<f64>,
    /// Trim bounds as multiples of the mean weight, e.g. `0.2..=5`.
    #[arg(long, value_parser = parse_range::<f64>)]
    trim: Option<(f64, f64)>,
    /// Bootstrap replicates for the intervals.
    #[arg(long)]
    replicates: Option<usize>,
    /// Bootstrap seed.
    #[arg(long)]
    seed: Option<u64>,
}

impl SetArgs {
    fn request(&self) -> SetRequest {
        SetRequest {
            margins: self.margins.clone(),
            equity: self.equity.clone(),
            crosswalk: self.crosswalk.clone(),
            settings: Settings {
                index_name: self.index_name.clone(),
                scale: self.scale,
                higher_is_healthier: self.higher_is_healthier,
                strength: self.strength,
                trim: self.trim,
                replicates: self.replicates,
                seed: self.seed,
            },
        }
    }
}

/// Runs a `weighting` subcommand.
pub async fn run(db: &DatabaseConnection, action: &WeightingAction) -> anyhow::Result<()> {
    match action {
        WeightingAction::Set(args) => match weighting::set(db, &args.request()).await? {
            SetOutcome::Unchanged { sha256 } => {
                println!("unchanged: this is already the configuration in force (sha256 {sha256})");
            }
            SetOutcome::Stored {
                version,
                sha256,
                variables,
                equity_areas,
            } => {
                println!(
                    "weighting configuration v{version} stored and in force (sha256 {sha256}): raking on {}{}",
                    variables.join(", "),
                    match equity_areas {
                        Some(n) => format!("; equity index for {n} areas"),
                        None => "; no equity layer".into(),
                    }
                );
            }
        },
        WeightingAction::Activate { version } => {
            let version = weighting::activate(db, *version).await?;
            println!("weighting configuration v{version} in force: the next run uses it");
        }
        WeightingAction::Show { version } => {
            let config = weighting::show(db, *version).await?;
            println!("{}", serde_json::to_string_pretty(&config)?);
        }
        WeightingAction::History => {
            for (row, in_force) in weighting::history(db).await? {
                println!(
                    "v{}  {}  sha256 {}  {}{}",
                    row.version,
                    row.created_at,
                    &row.config_sha256[..12.min(row.config_sha256.len())],
                    row.source,
                    if in_force { "  (in force)" } else { "" }
                );
            }
        }
    }
    Ok(())
}
