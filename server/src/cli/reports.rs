//! `needscope reports …`: the live Open311 feeds from the command line.

use anyhow::bail;
use app::store::report_feeds;
use sea_orm::DatabaseConnection;

use crate::open311_feed::{PullError, pull};

/// `needscope reports …`
#[derive(clap::Subcommand, Debug)]
pub enum ReportsAction {
    /// Pull an Open311 feed now (every feed when none is named) and print what it did: pages
    /// read, reports new, updated and unchanged, and the requests refused with why.
    Pull {
        /// The feed's id (as on /staff/reports/feed).
        #[arg(long)]
        feed: Option<i32>,
    },
}

/// Runs `action`; fails when a pull failed.
pub async fn run(db: &DatabaseConnection, action: &ReportsAction) -> anyhow::Result<()> {
    let ReportsAction::Pull { feed } = action;
    let ids: Vec<i32> = match feed {
        Some(id) => vec![*id],
        None => report_feeds::all(db).await?.iter().map(|f| f.id).collect(),
    };
    if ids.is_empty() {
        bail!("no Open311 feed is set: an administrator sets one at /staff/reports/feed");
    }
    let mut failed = 0;
    for id in ids {
        match pull(db, id).await {
            Ok(outcome) => println!("feed {id}: {}", outcome.describe()),
            Err(PullError::Endpoint { message, partial }) => {
                failed += 1;
                eprintln!("feed {id}: {message}. Before that: {}", partial.describe());
            }
            Err(err) => {
                failed += 1;
                eprintln!("feed {id}: {err}");
            }
        }
    }
    if failed > 0 {
        bail!("{failed} pull(s) failed");
    }
    Ok(())
}
