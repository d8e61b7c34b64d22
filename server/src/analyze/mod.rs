//! Themes from the free text of a CSV file, with no server or database: the result is written as
//! JSON (and the fitted model, if asked), and returned for the caller to show.

pub mod csv_input;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use analysis::{
    EmbeddingCache, FitContext, ProgressFn, Representation, SentenceEncoder, ThemeModel,
    ThemeParams, ThemeReport,
};
use anyhow::{Context, bail};
use linfa::ParamGuard;
use serde::Serialize;

use csv_input::{Columns, read_units};

/// What to analyse, how, and where the results go.
#[derive(Debug, Clone)]
pub struct Options {
    /// CSV file with a header row.
    pub input: PathBuf,
    /// Which columns hold the text, ID, group, stream and language.
    pub columns: Columns,
    /// Local sentence-transformers model directory.
    pub model: Option<PathBuf>,
    /// `None`: semantic when a model is given, classical otherwise.
    pub representation: Option<Representation>,
    /// Number of themes; `None`: chosen automatically.
    pub k: Option<usize>,
    /// Smallest and largest k of the automatic search.
    pub k_range: Option<(usize, usize)>,
    /// Seed of every random choice.
    pub seed: u64,
    /// Where to write the JSON result.
    pub out: PathBuf,
    /// Where to save the fitted model, if anywhere.
    pub save_model: Option<PathBuf>,
    /// A model saved by an earlier run: themes that persist keep their IDs.
    pub previous: Option<PathBuf>,
    /// Sentence-embedding cache file (used only with sentence embeddings).
    pub cache: Option<PathBuf>,
}

/// What an analysis found; the JSON result and any model are already written.
#[derive(Debug)]
pub struct Analysis {
    pub report: ThemeReport,
    /// Data rows read.
    pub rows: usize,
    /// Rows whose text was empty (not analysed).
    pub empty_text_rows: usize,
    pub wall_seconds: f64,
    cache: Option<Cache>,
}

/// The embedding cache used, not yet saved.
#[derive(Debug)]
struct Cache {
    path: PathBuf,
    vectors: EmbeddingCache,
    before: usize,
}

/// What [`Analysis::save_cache`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUpdate {
    /// Every text was embedded before; the file was not rewritten.
    Unchanged,
    /// `new` vectors were added; the file now holds `total`.
    Saved { new: usize, total: usize },
}

/// What `--out` receives.
#[derive(Serialize)]
struct Output<'a> {
    source: Source<'a>,
    #[serde(flatten)]
    report: ThemeReport,
}

#[derive(Serialize)]
struct Source<'a> {
    file: String,
    text_column: &'a str,
    rows: usize,
    empty_text_rows: usize,
    wall_seconds: f64,
}

/// Reads the file, finds the themes and writes the results; `progress` hears each stage and
/// `cancel` stops the analysis (nothing is written then). The embedding cache is saved by
/// [`Analysis::save_cache`], so the caller can show the result first.
pub fn run(
    options: &Options,
    progress: ProgressFn<'_>,
    cancel: &AtomicBool,
) -> anyhow::Result<Analysis> {
    let input = read_units(&options.input, &options.columns)?;
    let representation = match (options.representation, &options.model) {
        (Some(Representation::Classical), _) | (None, None) => Representation::Classical,
        (_, Some(_)) => Representation::Semantic,
        (Some(_), None) => bail!(
            "--representation semantic needs --model DIR (a sentence-transformers model directory)"
        ),
    };
    let mut params = ThemeParams::new(representation)
        .k(options.k)
        .seed(options.seed);
    if let Some((min, max)) = options.k_range {
        params = params.k_range(min, max);
    }
    let params = params.check().context("checking the parameters")?;
    let encoder = match (representation, &options.model) {
        (Representation::Semantic, Some(dir)) => Some(
            SentenceEncoder::load(dir)
                .with_context(|| format!("loading the sentence model from {}", dir.display()))?,
        ),
        _ => None,
    };
    let previous: Option<ThemeModel> = options.previous.as_deref().map(read_json).transpose()?;
    let cache_path = encoder.as_ref().and(options.cache.clone());
    let mut cache: EmbeddingCache = cache_path
        .as_deref()
        .map_or_else(EmbeddingCache::new, crate::embedding_store::load);
    let cached_before = cache.len();

    let started = std::time::Instant::now();
    let mut ctx = FitContext::new().progress(progress).cancel(cancel);
    if let Some(e) = &encoder {
        ctx = ctx.encoder(e).cache(&mut cache);
    }
    if let Some(p) = &previous {
        ctx = ctx.previous(p);
    }
    let fitted = params.fit(&input.units, ctx);
    if cancel.load(Ordering::Relaxed) {
        bail!("cancelled: nothing was written");
    }
    let model = fitted.context("analysing the text")?;
    let wall_seconds = started.elapsed().as_secs_f64();

    let output = Output {
        source: Source {
            file: options.input.display().to_string(),
            text_column: &options.columns.text,
            rows: input.rows,
            empty_text_rows: input.empty_text,
            wall_seconds,
        },
        report: model.report(),
    };
    write_json(&options.out, &output)?;
    if let Some(path) = &options.save_model {
        write_json(path, &model)?;
    }
    Ok(Analysis {
        report: output.report,
        rows: input.rows,
        empty_text_rows: input.empty_text,
        wall_seconds,
        cache: cache_path.map(|path| Cache {
            path,
            vectors: cache,
            before: cached_before,
        }),
    })
}

impl Analysis {
    /// Saves the embedding cache if the analysis embedded new text. `None` when no cache was
    /// used; the path is the cache's file.
    pub fn save_cache(&self) -> anyhow::Result<Option<(&Path, CacheUpdate)>> {
        let Some(cache) = &self.cache else {
            return Ok(None);
        };
        let path = cache.path.as_path();
        let update = match cache.vectors.len() - cache.before {
            0 => CacheUpdate::Unchanged,
            new => {
                crate::embedding_store::save(path, &cache.vectors)
                    .with_context(|| format!("saving the embedding cache to {}", path.display()))?;
                CacheUpdate::Saved {
                    new,
                    total: cache.vectors.len(),
                }
            }
        };
        Ok(Some((path, update)))
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    serde_json::from_reader(std::io::BufReader::new(file))
        .with_context(|| format!("{} is not a file this command wrote", path.display()))
}

fn write_json(path: &Path, value: &impl Serialize) -> anyhow::Result<()> {
    let file =
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut writer = std::io::BufWriter::new(file);
    serde_json::to_writer_pretty(&mut writer, value)
        .with_context(|| format!("writing {}", path.display()))?;
    std::io::Write::flush(&mut writer).with_context(|| format!("writing {}", path.display()))
}
