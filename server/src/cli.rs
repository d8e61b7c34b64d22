//! The `needscope` command line: `serve` (the default), `migrate`, and later tools.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use clap::{Parser, Subcommand};
use sea_orm_migration::MigratorTrait;

use crate::config::Settings;
use crate::{database, startup, telemetry};

#[derive(Parser, Debug)]
#[command(
    name = "needscope",
    version,
    about = "Needscope: learn what residents need, from what they tell the City"
)]
struct Cli {
    /// Configuration file (TOML). Default: ./needscope.toml if present.
    #[arg(long, global = true, env = "NEEDSCOPE_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the web server (migrating the database first).
    Serve,
    /// Manage the database schema.
    Migrate {
        #[command(subcommand)]
        action: Option<MigrateAction>,
    },
    /// Print each survey with its status and number of responses, as JSON.
    Stats,
    /// Group the free text of a CSV file into need themes (no server or database needed).
    Analyze(Box<crate::analyze::AnalyzeArgs>),
    /// Population margins and equity index for the equity weighting (versioned, append-only).
    Weighting {
        #[command(subcommand)]
        action: crate::weighting::WeightingAction,
    },
    /// Import resident reports (311 requests) from CSV or Open311 JSON.
    Import {
        #[command(subcommand)]
        action: crate::import::ImportAction,
    },
    /// Staff accounts: create the first administrator, list accounts.
    Admin {
        #[command(subcommand)]
        action: crate::admin::AdminAction,
    },
    /// Analysis runs over the stored responses, logged append-only (new, list, show, verify).
    Runs {
        #[command(subcommand)]
        action: crate::runs::RunsAction,
    },
}

#[derive(Subcommand, Debug, Clone, Copy)]
enum MigrateAction {
    /// Apply all pending migrations (the default).
    Up,
    /// Roll back the last migration.
    Down,
    /// List migrations and whether each is applied.
    Status,
}

pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init();
    if let Some(Command::Analyze(args)) = &cli.command {
        return analyze(args);
    }
    let settings = Settings::load(cli.config.as_deref()).context("reading the configuration")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting tokio")?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => runtime.block_on(async {
            let app = startup::Application::build(settings).await?;
            app.run_until_stopped().await
        }),
        Command::Migrate { action } => {
            runtime.block_on(migrate(settings, action.unwrap_or(MigrateAction::Up)))
        }
        Command::Stats => runtime.block_on(async {
            let db = database::connect(&settings).await?;
            let stats = crate::stats::survey_stats(&db).await?;
            println!("{}", serde_json::to_string_pretty(&stats)?);
            db.close().await?;
            Ok(())
        }),
        Command::Analyze(args) => analyze(&args),
        Command::Import { action } => runtime.block_on(with_database(&settings, async |db| {
            crate::import::run(db, &action).await
        })),
        Command::Admin { action } => runtime.block_on(with_database(&settings, async |db| {
            crate::admin::run(db, &action).await
        })),
        Command::Runs { action } => runtime.block_on(with_database(&settings, async |db| {
            crate::runs::run(db, settings.model_dir.clone(), &action).await
        })),
        Command::Weighting { action } => runtime.block_on(with_database(&settings, async |db| {
            crate::weighting::run(db, &action).await
        })),
    }
}

/// Connects, applies pending migrations, runs `work`, and closes the database whatever happened.
async fn with_database(
    settings: &Settings,
    work: impl AsyncFnOnce(&sea_orm::DatabaseConnection) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let db = database::connect(settings).await?;
    database::migrate(&db).await?;
    let result = work(&db).await;
    db.close().await?;
    result
}

/// Runs `analyze` on this thread; a Ctrl-C sets the cancellation flag the analysis polls.
fn analyze(args: &crate::analyze::AnalyzeArgs) -> anyhow::Result<()> {
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
    crate::analyze::run(args, cancel)
}

async fn migrate(settings: Settings, action: MigrateAction) -> anyhow::Result<()> {
    let db = database::connect(&settings).await?;
    match action {
        MigrateAction::Up => database::migrate(&db).await?,
        MigrateAction::Down => migrations::Migrator::down(&db, Some(1))
            .await
            .context("rolling back")?,
        MigrateAction::Status => migrations::Migrator::status(&db)
            .await
            .context("reading migration status")?,
    }
    println!(
        "migrations: {action:?} done on {}",
        settings.database_url_redacted()
    );
    db.close().await?;
    Ok(())
}

/// Parses `LOW..=HIGH` (or `LOW..HIGH`, `LOW-HIGH`) for range options.
pub(crate) fn parse_range<T: std::str::FromStr>(s: &str) -> Result<(T, T), String>
where
    T::Err: std::fmt::Display,
{
    let (a, b) = s
        .split_once("..=")
        .or_else(|| s.split_once(".."))
        .or_else(|| s.split_once('-'))
        .ok_or("expected LOW..=HIGH, e.g. 4..=20")?;
    let num = |v: &str| v.trim().parse::<T>().map_err(|e| format!("{v:?}: {e}"));
    Ok((num(a)?, num(b)?))
}
