//! `needscope analyze`: themes from a CSV file, with a progress bar, a JSON result and a summary.

mod summary;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use analysis::{Representation, Stage};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use crate::analyze::csv_input::Columns;
use crate::analyze::{self, CacheUpdate, Options};

use super::range::parse_range;

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
    #[arg(long, value_parser = parse_range::<usize>)]
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

    fn options(&self) -> Options {
        Options {
            input: self.input.clone(),
            columns: Columns {
                text: self.text_column.clone(),
                id: self.id_column.clone(),
                group: self.group_column.clone(),
                stream: self.stream_column.clone(),
                language: self.language_column.clone(),
            },
            model: self.model.clone(),
            representation: self.representation.as_deref().map(|r| match r {
                "classical" => Representation::Classical,
                _ => Representation::Semantic,
            }),
            k: self.k,
            k_range: self.k_range,
            seed: self.seed,
            out: self.out.clone(),
            save_model: self.save_model.clone(),
            previous: self.previous.clone(),
            cache: self.cache_path(),
        }
    }
}

/// Runs the analysis on this thread, then prints the summary; a Ctrl-C sets the cancellation
/// flag the analysis polls.
pub fn run(args: &AnalyzeArgs) -> anyhow::Result<()> {
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting tokio")?;
    std::thread::spawn(move || {
        runtime.block_on(async {
            if tokio::signal::ctrl_c().await.is_ok() {
                eprintln!("\nstopping after the current step…");
                flag.store(true, Ordering::Relaxed);
            }
        });
    });

    // The bar appears when the analysis reports its first stage.
    let bar = OnceLock::new();
    let on_progress = |stage: Stage, done: usize, total: usize| {
        let bar = bar.get_or_init(progress_bar);
        bar.set_message(stage.name());
        bar.set_length(total.max(1) as u64);
        bar.set_position(done as u64);
    };
    let analysis = analyze::run(&args.options(), &on_progress, &cancel);
    if let Some(bar) = bar.get() {
        bar.finish_and_clear();
    }
    let analysis = analysis?;

    print!(
        "{}",
        summary::render(
            &analysis.report,
            analysis.rows,
            analysis.empty_text_rows,
            analysis.wall_seconds
        )
    );
    match analysis.save_cache()? {
        Some((path, CacheUpdate::Unchanged)) => println!(
            "Embedding cache: every text was embedded before ({})",
            path.display()
        ),
        Some((path, CacheUpdate::Saved { new, total })) => println!(
            "Embedding cache: {new} new sentence vectors saved ({total} in {})",
            path.display()
        ),
        None => {}
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
