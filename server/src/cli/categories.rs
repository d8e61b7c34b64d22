//! `needscope categories …`: the 311 assistant's classifier from the command line.

use app::store::SentenceModel;
use sea_orm::DatabaseConnection;

use crate::categories::{self, TrainingSlot};

/// `needscope categories …`
#[derive(clap::Subcommand, Debug)]
pub enum CategoriesAction {
    /// Train the category classifier on the reports that carry a category, print its
    /// cross-validated quality, and store a predicted category for every report.
    Train {
        /// Also print each category's precision, recall and F1.
        #[arg(long)]
        per_category: bool,
    },
}

/// Runs `action`.
pub async fn run(
    db: &DatabaseConnection,
    model: Option<SentenceModel>,
    action: &CategoriesAction,
) -> anyhow::Result<()> {
    let CategoriesAction::Train { per_category } = action;
    let slot = TrainingSlot::take()
        .ok_or_else(|| anyhow::anyhow!("a training is already running in this process"))?;
    let trained = categories::train(db, None, model.as_ref(), &slot).await?;
    let e = &trained.evaluation;
    println!(
        "classifier {}: {} reports predicted, {} with a category; {}-fold cross-validation on {}: \
         accuracy {:.3}, macro-F1 {:.3}; {} flagged for review; {:.1} s",
        trained.id,
        trained.reports,
        trained.labelled,
        e.folds,
        e.reports,
        e.accuracy,
        e.macro_f1,
        trained.flagged,
        trained.seconds
    );
    let t = &trained.timings;
    println!(
        "reading {:.1} s, cross-validation {:.1} s, final fit {:.1} s, predicting {} reports {:.1} s{}, \
         storing {:.1} s",
        t.read,
        t.cross_validation,
        t.fit,
        t.predicted,
        t.predict,
        t.reports_per_second()
            .map(|r| format!(" ({r:.0} reports/s)"))
            .unwrap_or_default(),
        t.store
    );
    if *per_category {
        println!(
            "{:<32} {:>7} {:>9} {:>6} {:>5}",
            "category", "reports", "precision", "recall", "F1"
        );
        for c in &e.per_category {
            println!(
                "{:<32} {:>7} {:>9.2} {:>6.2} {:>5.2}",
                c.category, c.support, c.precision, c.recall, c.f1
            );
        }
    }
    Ok(())
}
