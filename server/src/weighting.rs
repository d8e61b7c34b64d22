//! The equity-weighting configuration: check uploaded margins (and optionally an equity index and
//! a ZIP crosswalk) into a configuration, preview its weights on the current respondents, store
//! it as a version, put a version in force, read versions back.
//!
//! The command line (`needscope weighting set`) and the administrators' page
//! (`/staff/admin/weighting`) share [`check`]: the same parsers, the same checks, the same
//! messages. Each stored configuration is a new version (append-only); a file with a problem is
//! refused with its line and column, and the configuration in force stays as it was. The command
//! line stores and activates at once; the page keeps an upload as a draft, with its preview, until
//! an administrator activates it.

use std::path::{Path, PathBuf};

use analysis::weighting::{
    ConfigError, ConfigFile, EquityTable, Margins, MultiplierRule, ScoreScale, WeightingConfig,
    WeightingError, WeightingParams, WeightingParamsError, ZipCrosswalk,
};
use anyhow::{Context, bail};
use app::api::weighting::{PreviewCell, PreviewVariable, WeightingPreview};
use app::models::{SourceRef, Stream};
use app::store::entities::weighting_config;
use app::store::runs::ResponseForAnalysis;
use app::store::weighting::{self as store, Categories, NewDraft};
use linfa::ParamGuard;
use sea_orm::{DatabaseConnection, DbErr};

use crate::runs::input::{DISTRICT, ZIP};

/// The settings of a configuration besides its files (`None`: the method's default).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
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

/// One file as given: its name (for messages and the version's source) and its bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The files of a configuration.
#[derive(Debug, Clone)]
pub struct Files {
    /// Population margins: CSV `variable,category,share` or `variable,category,population`.
    pub margins: Upload,
    /// Equity index by area: CSV `area,score`.
    pub equity: Option<Upload>,
    /// ZIP → area crosswalk: CSV `zip,area[,ratio]` (only with an equity index).
    pub crosswalk: Option<Upload>,
}

/// The files and settings of a new configuration from the command line, for [`set`].
#[derive(Debug, Clone)]
pub struct SetRequest {
    pub margins: PathBuf,
    pub equity: Option<PathBuf>,
    pub crosswalk: Option<PathBuf>,
    pub settings: Settings,
}

/// Why files and settings do not make a configuration. Every message names the file by its name
/// and its part, the line and the column.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// A line of a file is wrong.
    #[error("“{name}”: {error}")]
    File {
        name: String,
        error: Box<ConfigError>,
    },
    /// A file is not UTF-8 text.
    #[error(
        "“{name}”: {file}, line {line}, column {column}: not valid UTF-8 text (save it as “CSV UTF-8”)"
    )]
    Encoding {
        file: ConfigFile,
        name: String,
        line: u64,
        column: u64,
    },
    /// A crosswalk was given without an equity index to map into.
    #[error("a ZIP crosswalk maps ZIP codes to the areas of an equity index: add the equity index")]
    CrosswalkWithoutIndex,
    /// A setting is out of range.
    #[error("{0}")]
    Settings(#[from] WeightingParamsError),
    /// The files are each fine but do not fit together.
    #[error("{0}")]
    Config(#[from] WeightingError),
}

impl Refused {
    /// The file the problem is in, if it is in one.
    pub fn file(&self) -> Option<ConfigFile> {
        match self {
            Refused::File { error, .. } => Some(error.file),
            Refused::Encoding { file, .. } => Some(*file),
            Refused::CrosswalkWithoutIndex => Some(ConfigFile::EquityIndex),
            Refused::Settings(_) | Refused::Config(_) => None,
        }
    }
}

/// A checked configuration, with what it was made from.
#[derive(Debug, Clone)]
pub struct Checked {
    pub config: WeightingConfig,
    pub sha256: String,
    /// `margins m.csv`, `equity e.csv (index)`, …
    pub sources: Vec<String>,
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

/// The text of `upload`, or where it stops being UTF-8.
fn text(file: ConfigFile, upload: &Upload) -> Result<String, Refused> {
    String::from_utf8(upload.bytes.clone()).map_err(|e| {
        let good = &upload.bytes[..e.utf8_error().valid_up_to()];
        let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + good.iter().filter(|b| **b == b'\n').count() as u64;
        // Characters before the bad byte on its line, plus one.
        let column = 1 + String::from_utf8_lossy(&good[line_start..]).chars().count() as u64;
        Refused::Encoding {
            file,
            name: upload.name.clone(),
            line,
            column,
        }
    })
}

/// Checks `files` and `settings` into a configuration: the margins against the categories the
/// resident surveys measure (`known`), the equity index, the crosswalk against the index, the
/// settings, then the whole.
pub fn check(known: &Categories, files: &Files, settings: &Settings) -> Result<Checked, Refused> {
    let in_file = |name: &str| {
        let name = name.to_owned();
        move |error| Refused::File {
            name,
            error: Box::new(error),
        }
    };
    let margins_text = text(ConfigFile::Margins, &files.margins)?;
    let margins = Margins::parse_csv(&margins_text, known).map_err(in_file(&files.margins.name))?;
    let has_district = margins.variable(DISTRICT).is_some();
    let mut params = WeightingParams::default()
        .index_name(settings.index_name.clone())
        .breadth_variable(has_district.then(|| DISTRICT.to_owned()))
        .strata_variable(has_district.then(|| DISTRICT.to_owned()));
    let (min, max) = settings.scale.unwrap_or((2.0, 10.0));
    params = params.score_scale(ScoreScale {
        min,
        max,
        higher_is_more_need: !settings.higher_is_healthier,
    });
    if let Some(alpha) = settings.strength {
        params = params.multiplier(MultiplierRule::Linear { alpha });
    }
    if let Some((floor, cap)) = settings.trim {
        params = params.trim(Some(floor), Some(cap));
    }
    if let Some(n) = settings.replicates {
        params = params.replicates(n);
    }
    if let Some(seed) = settings.seed {
        params = params.seed(seed);
    }
    let params = params.check()?;
    let mut config = WeightingConfig::new(params, margins);
    let mut sources = vec![format!("margins {}", files.margins.name)];
    match (&files.equity, &files.crosswalk) {
        (Some(upload), crosswalk) => {
            let equity_text = text(ConfigFile::EquityIndex, upload)?;
            let equity =
                EquityTable::parse_csv(&equity_text, None).map_err(in_file(&upload.name))?;
            let crosswalk = match crosswalk {
                Some(cw) => {
                    sources.push(format!("crosswalk {}", cw.name));
                    let cw_text = text(ConfigFile::ZipCrosswalk, cw)?;
                    Some(ZipCrosswalk::parse_csv(&cw_text, &equity).map_err(in_file(&cw.name))?)
                }
                None => None,
            };
            sources.push(format!("equity {} ({})", upload.name, settings.index_name));
            config = config.with_equity(equity, crosswalk);
        }
        (None, Some(_)) => return Err(Refused::CrosswalkWithoutIndex),
        (None, None) => {}
    }
    config.validate()?;
    let sha256 = config.sha256();
    Ok(Checked {
        config,
        sha256,
        sources,
    })
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
            None => "no weighting configuration yet: add one with `needscope weighting set --margins FILE` or on the page /staff/admin/weighting".into(),
        });
    };
    Ok(row.config)
}

/// Every configuration version, newest first, each with whether it is the one in force.
pub async fn history(
    db: &DatabaseConnection,
) -> anyhow::Result<Vec<(weighting_config::Model, bool)>> {
    let active = store::current(db).await?.map(|c| c.version);
    Ok(store::history(db)
        .await?
        .into_iter()
        .map(|row| {
            let in_force = Some(row.version) == active;
            (row, in_force)
        })
        .collect())
}

fn read(path: &Path) -> anyhow::Result<Upload> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(Upload {
        name: path.display().to_string(),
        bytes,
    })
}

/// Checks the files and settings of `request` and stores them as the next version, in force at
/// once, unless they are the configuration already in force.
pub async fn set(db: &DatabaseConnection, request: &SetRequest) -> anyhow::Result<SetOutcome> {
    let files = Files {
        margins: read(&request.margins)?,
        equity: request.equity.as_deref().map(read).transpose()?,
        crosswalk: request.crosswalk.as_deref().map(read).transpose()?,
    };
    let known = store::resident_categories(db).await?;
    let checked = check(&known, &files, &request.settings)?;
    let sha = checked.sha256.clone();
    if store::current(db)
        .await?
        .is_some_and(|c| c.config_sha256 == sha)
    {
        return Ok(SetOutcome::Unchanged { sha256: sha });
    }
    let version = store::append(
        db,
        serde_json::to_value(&checked.config)?,
        sha.clone(),
        checked.sources.join("; "),
    )
    .await?;
    app::store::audit::record(
        db,
        None,
        "weighting_configured",
        serde_json::json!({ "version": version, "sha256": sha, "sources": checked.sources, "via": "needscope weighting set" }),
    )
    .await?;
    Ok(SetOutcome::Stored {
        version,
        sha256: sha,
        variables: variables(&checked.config),
        equity_areas: checked.config.equity.as_ref().map(|e| e.scores.len()),
    })
}

/// Puts stored version `version` in force again from the command line (audited); the next runs
/// use it, logged runs keep the version they recorded.
pub async fn activate(db: &DatabaseConnection, version: i32) -> anyhow::Result<i32> {
    let Some(done) = store::activate(db, version, None).await? else {
        bail!("there is no weighting configuration version {version}");
    };
    app::store::audit::record(
        db,
        None,
        "weighting_activated",
        serde_json::json!({ "version": done.version, "previous": done.previous, "via": "needscope weighting activate" }),
    )
    .await?;
    Ok(done.version)
}

fn variables(config: &WeightingConfig) -> Vec<String> {
    config
        .margins
        .variables
        .iter()
        .map(|v| v.name.clone())
        .collect()
}

/// Resident respondents as the next run would weight them (those who wrote at least one
/// free-text answer, with their weighting variables, district and ZIP), without themes: the
/// weights do not depend on them. Mirrors `runs::input::respondents`.
fn respondents(
    responses: &[ResponseForAnalysis],
    config: &WeightingConfig,
) -> Vec<analysis::weighting::Respondent> {
    let mode = crate::runs::input::rakes_on_mode(config);
    responses
        .iter()
        .filter(|r| r.stream == Stream::Resident && !r.texts.is_empty())
        .map(|r| {
            let mut person =
                analysis::weighting::Respondent::new(SourceRef::Response(r.id).to_string());
            for (variable, category) in &r.variables {
                person = person.var(variable.clone(), category.clone());
            }
            if mode {
                person = crate::runs::input::with_mode(person, r);
            }
            if let Some(district) = r.variables.get(DISTRICT) {
                person = person.area(district.clone());
            }
            if let Some(zip) = r.variables.get(ZIP) {
                person = person.zip(zip.clone());
            }
            person
        })
        .collect()
}

/// What `config`'s weights would be on the resident respondents stored now: the raking and
/// trimming of a run, without the bootstrap (intervals do not change the weights).
pub async fn preview(
    db: &DatabaseConnection,
    config: &WeightingConfig,
) -> Result<WeightingPreview, DbErr> {
    let responses = app::store::runs::responses_for_analysis(db, None).await?;
    let mut config = config.clone();
    let computed = tokio::task::spawn_blocking(move || {
        let people = respondents(&responses, &config);
        config.params.bootstrap.replicates = 0;
        let outcome = config.fit(&people, &[]);
        (people.len(), outcome)
    })
    .await;
    let (n, outcome) = match computed {
        Ok(done) => done,
        Err(err) => {
            tracing::error!(error = %err, "the weighting preview stopped");
            return Ok(WeightingPreview::problem(
                0,
                "the preview could not be computed",
            ));
        }
    };
    Ok(match outcome {
        Ok(run) => summarise(&run),
        Err(WeightingError::NoRespondents) => WeightingPreview::problem(
            n,
            "no resident has answered a free-text question yet, so there is nothing to weight",
        ),
        Err(err) => {
            WeightingPreview::problem(n, &format!("the next run would not be weighted: {err}"))
        }
    })
}

/// The preview's figures from a fitted run.
fn summarise(run: &analysis::weighting::WeightingRun) -> WeightingPreview {
    let raking = &run.raking;
    // JSON has no NaN: a figure that cannot be computed shows as 0.
    let finite = |x: f64| if x.is_finite() { x } else { 0.0 };
    let ratio = |value: f64, summary: &analysis::weighting::WeightSummary| {
        let mean = summary.sum / summary.n.max(1) as f64;
        finite(value / mean)
    };
    let s = &raking.summary;
    let c = &run.combined_summary;
    let mut variables: Vec<PreviewVariable> = raking
        .variables
        .iter()
        .map(|v| PreviewVariable {
            name: v.variable.clone(),
            missing: v.missing,
            merged: v.collapsed.iter().map(|m| m.merged.clone()).collect(),
            cells: Vec::new(),
        })
        .collect();
    for cell in &raking.margins {
        if let Some(v) = variables.iter_mut().find(|v| v.name == cell.variable) {
            v.cells.push(PreviewCell {
                category: cell.category.clone(),
                respondents: cell.respondents,
                population_share: finite(cell.target_share),
                sample_share: finite(cell.sample_share),
                weighted_share: finite(cell.raked_share),
            });
        }
    }
    WeightingPreview {
        respondents: run.respondents,
        problem: None,
        design_effect: finite(s.deff),
        effective_n: finite(s.n_eff),
        min_weight: ratio(s.min, s),
        max_weight: ratio(s.max, s),
        trimmed_share: finite(raking.trimmed_share),
        converged: raking.converged,
        max_margin_error: finite(raking.max_margin_error),
        equity_design_effect: run.config.equity.as_ref().map(|_| finite(c.deff)),
        equity_min_weight: run.config.equity.as_ref().map(|_| ratio(c.min, c)),
        equity_max_weight: run.config.equity.as_ref().map(|_| ratio(c.max, c)),
        variables,
    }
}

/// What an upload from the page became.
#[derive(Debug, Clone, PartialEq)]
pub enum Uploaded {
    /// The files make the configuration already in force (version `version`): nothing kept.
    InForce { version: i32 },
    /// Kept as draft `id`, with its preview.
    Draft {
        id: i32,
        sha256: String,
        sources: Vec<String>,
        /// A stored version with the same configuration (activating the draft puts it back).
        same_as: Option<i32>,
    },
}

/// Why an upload was not kept.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error(transparent)]
    Refused(#[from] Refused),
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error("encoding the configuration: {0}")]
    Json(#[from] serde_json::Error),
}

/// Checks an upload from the page as [`set`] does and keeps it as a draft with its preview (not
/// in force), unless it is the configuration already in force.
pub async fn upload(
    db: &DatabaseConnection,
    files: &Files,
    settings: &Settings,
    by: &str,
) -> Result<Uploaded, UploadError> {
    let known = store::resident_categories(db).await?;
    let checked = check(&known, files, settings)?;
    if let Some(current) = store::current(db).await?
        && current.config_sha256 == checked.sha256
    {
        return Ok(Uploaded::InForce {
            version: current.version,
        });
    }
    let same_as = store::history(db)
        .await?
        .into_iter()
        .find(|v| v.config_sha256 == checked.sha256)
        .map(|v| v.version);
    let preview = preview(db, &checked.config).await?;
    let id = store::save_draft(
        db,
        NewDraft {
            created_by: Some(by.to_owned()),
            source: checked.sources.join("; "),
            config: serde_json::to_value(&checked.config)?,
            config_sha256: checked.sha256.clone(),
            preview: serde_json::to_value(&preview)?,
        },
    )
    .await?;
    Ok(Uploaded::Draft {
        id,
        sha256: checked.sha256,
        sources: checked.sources,
        same_as,
    })
}
