//! The `needscope` command line: `serve` (the default), `migrate`, and the administrator's tools.
//!
//! Everything a person sees lives here: the clap types, the parsing of arguments into the
//! services' typed requests, and all printing (tables, JSON, progress bars). The services
//! (`runs`, `weighting`, `analyze`, `import`, `admin`, `stats`) take typed arguments and return
//! values, so the web server and the tests call the same functions without a terminal.

mod admin;
mod analyze;
mod backup;
mod categories;
mod import;
mod migrate;
mod range;
mod reports;
mod runs;
mod stats;
mod weighting;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

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
        action: Option<migrate::MigrateAction>,
    },
    /// Print each survey with its status and number of responses, as JSON.
    Stats,
    /// Group the free text of a CSV file into need themes (no server or database needed).
    Analyze(Box<analyze::AnalyzeArgs>),
    /// Population margins and equity index for the equity weighting (versioned, append-only).
    Weighting {
        #[command(subcommand)]
        action: weighting::WeightingAction,
    },
    /// Import resident reports (311 requests) from CSV or Open311 JSON.
    Import {
        #[command(subcommand)]
        action: import::ImportAction,
    },
    /// Live Open311 feeds of resident reports: pull one now.
    Reports {
        #[command(subcommand)]
        action: reports::ReportsAction,
    },
    /// The 311 assistant: train the classifier of the City's report categories.
    Categories {
        #[command(subcommand)]
        action: categories::CategoriesAction,
    },
    /// Staff accounts: create the first administrator, list accounts.
    Admin {
        #[command(subcommand)]
        action: admin::AdminAction,
    },
    /// Analysis runs over the stored responses, logged append-only (new, list, show, verify).
    Runs {
        #[command(subcommand)]
        action: runs::RunsAction,
    },
    /// Copy the SQLite database to a new file, consistently, while the server keeps running.
    Backup(backup::BackupArgs),
    /// Put a backup in place of the SQLite database (checked first; the server must be stopped).
    Restore(backup::RestoreArgs),
}

/// The binary's entry point: runs the command and prints an error, if any, for people.
pub fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The whole chain, one line, without a backtrace: these messages are for people.
            eprintln!("Error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Parses the command line and runs the command.
pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init();
    if let Some(Command::Analyze(args)) = &cli.command {
        return analyze::run(args);
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
        Command::Migrate { action } => runtime.block_on(migrate::run(
            settings,
            action.unwrap_or(migrate::MigrateAction::Up),
        )),
        Command::Stats => runtime.block_on(stats::run(&settings)),
        Command::Analyze(args) => analyze::run(&args),
        Command::Import { action } => runtime.block_on(with_database(&settings, async |db| {
            import::run(db, &action).await
        })),
        Command::Reports { action } => runtime.block_on(with_database(&settings, async |db| {
            reports::run(db, &action).await
        })),
        Command::Categories { action } => runtime.block_on(with_database(&settings, async |db| {
            categories::run(db, settings.sentence_model(), &action).await
        })),
        Command::Admin { action } => runtime.block_on(with_database(&settings, async |db| {
            admin::run(db, &action).await
        })),
        Command::Runs { action } => runtime.block_on(with_database(&settings, async |db| {
            runs::run(db, settings.model_dir.clone(), &action).await
        })),
        Command::Weighting { action } => runtime.block_on(with_database(&settings, async |db| {
            weighting::run(db, &action).await
        })),
        Command::Backup(args) => runtime.block_on(backup::run_backup(&settings, &args)),
        Command::Restore(args) => runtime.block_on(backup::run_restore(&settings, &args)),
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
