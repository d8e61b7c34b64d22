//! `needscope analyze`: themes from a CSV file, with a progress bar, a JSON result and a summary.

pub mod csv_input;
mod summary;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use analysis::{
    EmbeddingCache, FitContext, Representation, SentenceEncoder, Stage, ThemeModel, ThemeParams,
};
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use linfa::ParamGuard;
use serde::Serialize;

use csv_input::{Columns, read_units};

/// Arguments of `needscope analyze`.
#[derive(clap::Args, Debug)]
pub struct AnalyzeArgs {
    /// CSV file with a header row.
    #[arg(long)]
    input: PathBuf,
    /// Column holding the free text.
    #[arg(long)]
    text_column: String,
    /// Column with a unique row ID (default: the line number).
    #[arg(long)]
    id_column: Option<String>,
    /// Column naming the respondent or source document that prevalence is counted by.
    #[arg(long)]
    group_column: Option<String>,
    /// Column naming the stream (resident, department, community_organization, interview_notes,
    /// imported_report).
    #[arg(long)]
    stream_column: Option<String>,
    /// Column with the survey language each answer was given in (en, es, vi, zh, tl).
    #[arg(long)]
    language_column: Option<String>,
    /// Local sentence-transformers model directory; analyses with sentence embeddings.
    #[arg(long, env = "NEEDSCOPE_MODEL_DIR")]
    model: Option<PathBuf>,
    /// Representation: `semantic` (needs --model) or `classical` (TF-IDF + LSA). Default:
    /// semantic when a model is given.
    #[arg(long, value_parser = ["semantic", "classical"])]
    representation: Option<String>,
    /// Number of themes (default: chosen automatically).
    #[arg(long)]
    k: Option<usize>,
    /// Smallest and largest k of the automatic search, e.g. `4..=20`.
    #[arg(long, value_parser = crate::cli::parse_range::<usize>)]
    k_range: Option<(usize, usize)>,
    /// Seed of every random choice.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Where to write the JSON result.
    #[arg(long)]
    out: PathBuf,
    /// Also save the fitted model (needed to keep theme IDs on the next run).
    #[arg(long)]
    save_model: Option<PathBuf>,
    /// A model saved by an earlier run: themes that persist keep their IDs.
    #[arg(long)]
    previous: Option<PathBuf>,
    /// Sentence-embedding cache, read and updated so reruns embed only new text (the server's
    /// format: `<data_dir>/embeddings.cache` can be shared). Default:
    /// `$XDG_CACHE_HOME/needscope/embeddings.cache` (or `~/.cache/needscope/…`).
    #[arg(long, env = "NEEDSCOPE_EMBEDDING_CACHE", conflicts_with = "no_cache")]
    cache: Option<PathBuf>,
    /// Neither read nor write an embedding cache.
    #[arg(long)]
    no_cache: bool,
}

impl AnalyzeArgs {
    /// The cache file to use, if any.
    fn cache_path(&self) -> Option<PathBuf> {
        if self.no_cache {
            return None;
        }
        self.cache.clone().or_else(|| {
            let base = std::env::var_os("XDG_CACHE_HOME")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
            Some(base.join("needscope").join("embeddings.cache"))
        })
    }
}

/// What `--out` receives.
#[derive(Serialize)]
struct Output<'a> {
    source: Source<'a>,
    #[serde(flatten)]
    report: analysis::ThemeReport,
}

#[derive(Serialize)]
struct Source<'a> {
    file: String,
    text_column: &'a str,
    rows: usize,
    empty_text_rows: usize,
    wall_seconds: f64,
}

/// Runs the command; `cancel` is set by Ctrl-C.
pub fn run(args: &AnalyzeArgs, cancel: Arc<AtomicBool>) -> anyhow::Result<()> {
    let columns = Columns {
        text: args.text_column.clone(),
        id: args.id_column.clone(),
        group: args.group_column.clone(),
        stream: args.stream_column.clone(),
        language: args.language_column.clone(),
    };
    let input = read_units(&args.input, &columns)?;
    let representation = match (args.representation.as_deref(), &args.model) {
        (Some("classical"), _) | (None, None) => Representation::Classical,
        (_, Some(_)) => Representation::Semantic,
        (Some(_), None) => bail!(
            "--representation semantic needs --model DIR (a sentence-transformers model directory)"
        ),
    };
    let mut params = ThemeParams::new(representation).k(args.k).seed(args.seed);
    if let Some((min, max)) = args.k_range {
        params = params.k_range(min, max);
    }
    let params = params.check().context("checking the parameters")?;
    let encoder = match (representation, &args.model) {
        (Representation::Semantic, Some(dir)) => Some(
            SentenceEncoder::load(dir)
                .with_context(|| format!("loading the sentence model from {}", dir.display()))?,
        ),
        _ => None,
    };
    let previous: Option<ThemeModel> = args.previous.as_deref().map(read_json).transpose()?;
    let cache_path = encoder.as_ref().and(args.cache_path());
    let mut cache: EmbeddingCache = cache_path
        .as_deref()
        .map_or_else(EmbeddingCache::new, crate::embedding_store::load);
    let cached_before = cache.len();

    let bar = progress_bar();
    let on_progress = |stage: Stage, done: usize, total: usize| {
        bar.set_message(stage.name());
        bar.set_length(total.max(1) as u64);
        bar.set_position(done as u64);
    };
    let started = std::time::Instant::now();
    let mut ctx = FitContext::new().progress(&on_progress).cancel(&cancel);
    if let Some(e) = &encoder {
        ctx = ctx.encoder(e).cache(&mut cache);
    }
    if let Some(p) = &previous {
        ctx = ctx.previous(p);
    }
    let fitted = params.fit(&input.units, ctx);
    bar.finish_and_clear();
    if cancel.load(Ordering::Relaxed) {
        bail!("cancelled: nothing was written");
    }
    let model = fitted.context("analysing the text")?;
    let wall_seconds = started.elapsed().as_secs_f64();

    let output = Output {
        source: Source {
            file: args.input.display().to_string(),
            text_column: &args.text_column,
            rows: input.rows,
            empty_text_rows: input.empty_text,
            wall_seconds,
        },
        report: model.report(),
    };
    write_json(&args.out, &output)?;
    if let Some(path) = &args.save_model {
        write_json(path, &model)?;
    }
    print!(
        "{}",
        summary::render(&output.report, input.rows, input.empty_text, wall_seconds)
    );
    if let Some(path) = &cache_path {
        match cache.len() - cached_before {
            0 => println!(
                "Embedding cache: every text was embedded before ({})",
                path.display()
            ),
            new => {
                crate::embedding_store::save(path, &cache)
                    .with_context(|| format!("saving the embedding cache to {}", path.display()))?;
                println!(
                    "Embedding cache: {new} new sentence vectors saved ({} in {})",
                    cache.len(),
                    path.display()
                );
            }
        }
    }
    println!("Result written to {}", args.out.display());
    Ok(())
}

fn progress_bar() -> ProgressBar {
    // Draws on stderr only when it is a terminal.
    let bar = ProgressBar::new(1);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg:<16} [{bar:30}] {pos}/{len} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
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
