//! `needscope runs new|list|show|verify`.

mod tables;

use std::path::PathBuf;

use anyhow::bail;
use sea_orm::DatabaseConnection;

use crate::runs::{self, ShownRun};

/// `needscope runs …`
#[derive(clap::Subcommand, Debug)]
pub enum RunsAction {
    /// Analyse every response so far and append the run to the audit log.
    New {
        /// Number of themes (default: chosen automatically).
        #[arg(long)]
        k: Option<usize>,
        /// Seed of every random choice.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// List the logged runs, newest first.
    List,
    /// Print a run as JSON: themes and, when weighting applied, the published priorities
    /// (small cells suppressed).
    Show {
        /// Run id (default: the latest).
        id: Option<i32>,
        /// Also break the shares down by this variable (`council_district`, `age_band`, …).
        #[arg(long)]
        by: Option<String>,
        /// Print tables for people instead of JSON.
        #[arg(long)]
        table: bool,
    },
    /// Re-run a logged run from its recorded inputs and check the result is byte-identical.
    Verify {
        /// Run id.
        id: i32,
    },
}

/// Runs `action`.
pub async fn run(
    db: &DatabaseConnection,
    model_dir: Option<PathBuf>,
    action: &RunsAction,
) -> anyhow::Result<()> {
    match action {
        RunsAction::New { k, seed } => {
            let id = runs::new_run(db, model_dir, *k, *seed).await?;
            println!("analysis run {id} logged; `needscope runs show {id}` prints it");
        }
        RunsAction::List => {
            for run in runs::list(db).await? {
                let weighting = run
                    .weighting_version
                    .map_or("unweighted".into(), |v| format!("weighting v{v}"));
                let (input, result) = (&run.input_hash, &run.result_sha256);
                println!(
                    "run {}  {}  responses ≤ {}  input {}  {weighting}  result {}",
                    run.id,
                    run.created_at,
                    run.last_response_id,
                    &input[..12.min(input.len())],
                    &result[..12.min(result.len())]
                );
            }
        }
        RunsAction::Show { id, by, table } => {
            let shown = runs::show(db, *id, by.as_deref()).await?;
            if *table {
                print_tables(&shown);
            } else {
                print_json(db, shown).await?;
            }
        }
        RunsAction::Verify { id } => {
            let checked = runs::verification(db, model_dir, *id).await?;
            let sha = checked.sha256;
            match checked.verdict {
                runs::Verdict::Identical => {
                    println!("run {id} reproduced exactly (result sha256 {sha})");
                }
                runs::Verdict::SameThemes => println!(
                    "run {id} reproduced its themes: every answer is in the same theme as logged, but \
                     similarities differ in the last digits, so the result hash does too ({sha}). \
                     This version's sentence encoder adds up in another order than the one that \
                     logged the run (vectors agree to cosine 0.9999998)."
                ),
                runs::Verdict::Differs => {
                    bail!("run {id} did NOT reproduce: the rerun's result hash is {sha}")
                }
            }
        }
    }
    Ok(())
}

/// `runs show --table`: a heading line, the priority table (or why there is none) and the
/// breakdown asked for.
fn print_tables(shown: &ShownRun) {
    let row = &shown.row;
    let labels = tables::labels(&row.themes);
    println!(
        "run {} at {}: responses up to {}, weighting {}",
        row.id,
        row.created_at,
        row.last_response_id,
        row.weighting_version
            .map_or_else(|| "none".to_owned(), |v| format!("v{v}"))
    );
    match &shown.priorities {
        Some(rows) => print!("{}", tables::priority_table(rows, &labels)),
        None => println!(
            "not weighted: {}",
            row.weighting_problem
                .as_deref()
                .unwrap_or("no configuration")
        ),
    }
    if let Some(b) = &shown.breakdown {
        print!("\n{}", tables::breakdown_table(b, &labels));
    }
}

/// `runs show`: the run as JSON, without the quotes of interview-note documents deleted since.
async fn print_json(db: &DatabaseConnection, shown: ShownRun) -> anyhow::Result<()> {
    let ShownRun {
        row,
        priorities,
        breakdown,
    } = shown;
    let json = serde_json::json!({
        "run": row.id,
        "created_at": row.created_at.to_string(),
        "last_response_id": row.last_response_id,
        "input_hash": row.input_hash,
        "encoder": row.encoder,
        "weighting_version": row.weighting_version,
        "weighting_problem": row.weighting_problem,
        "result_sha256": row.result_sha256,
        "priorities": priorities,
        "breakdown": breakdown,
        "themes": runs::shown_themes(db, &row).await?,
    });
    println!("{}", serde_json::to_string_pretty(&json)?);
    Ok(())
}
