//! `needscope stats`: the survey counts as JSON on stdout.

use crate::config::Settings;
use crate::database;

/// Connects (without migrating), prints the statistics and closes the database.
pub async fn run(settings: &Settings) -> anyhow::Result<()> {
    let db = database::connect(settings).await?;
    let stats = app::store::stats::survey_stats(&db).await?;
    println!("{}", serde_json::to_string_pretty(&stats)?);
    db.close().await?;
    Ok(())
}
