//! A logged run read once: its themes, fitted model, weighting and scope parsed from the row a
//! single time, for everything that shows a run (the dashboard, exports, `runs show`).

use analysis::weighting::{Breakdown, Scheme, WeightingRun};
use analysis::{ThemeModel, ThemeReport};
use anyhow::Context;
use app::store::entities::analysis_run;
use app::store::runs::ResponseForAnalysis;

use super::{Scope, input};

/// A run as logged, parsed.
pub struct LoggedRun {
    /// The row, without its large JSON columns (moved into the fields below).
    pub row: analysis_run::Model,
    pub report: ThemeReport,
    pub model: ThemeModel,
    pub weighting: Option<WeightingRun>,
    pub scope: Scope,
}

impl LoggedRun {
    /// Parses `row` once.
    pub fn read(mut row: analysis_run::Model) -> anyhow::Result<LoggedRun> {
        let model = serde_json::from_value(std::mem::take(&mut row.model))
            .context("reading the logged theme model")?;
        Self::read_with(row, model)
    }

    /// Parses `row` once, its model from `model`, its text (see
    /// `app::store::runs::get_with_model_text`).
    pub fn read_text(row: analysis_run::Model, model: &str) -> anyhow::Result<LoggedRun> {
        let model = serde_json::from_str(model).context("reading the logged theme model")?;
        Self::read_with(row, model)
    }

    fn read_with(mut row: analysis_run::Model, model: ThemeModel) -> anyhow::Result<LoggedRun> {
        let report = serde_json::from_value(std::mem::take(&mut row.themes))
            .context("reading the logged themes")?;
        let weighting = row
            .weighting
            .take()
            .map(serde_json::from_value)
            .transpose()
            .context("reading the logged weighting")?;
        let scope = super::logged_scope(&row)?;
        Ok(LoggedRun {
            row,
            report,
            model,
            weighting,
            scope,
        })
    }

    /// The weighting, or why the run has none.
    pub fn weighted(&self) -> anyhow::Result<&WeightingRun> {
        self.weighting.as_ref().ok_or_else(|| {
            anyhow::anyhow!(
                "run {} is not weighted ({}), so it has no breakdowns",
                self.row.id,
                self.row
                    .weighting_problem
                    .as_deref()
                    .unwrap_or("no configuration")
            )
        })
    }

    /// Raked × equity shares broken down by `variable`, small cells suppressed; `responses` are
    /// every response up to the run's last (the run's scope is applied here).
    pub fn breakdown(
        &self,
        responses: Vec<ResponseForAnalysis>,
        variable: &str,
    ) -> anyhow::Result<Breakdown> {
        let weighting = self.weighted()?;
        let respondents = input::respondents(&self.scope.responses(responses), &self.model);
        Ok(weighting.breakdown(&respondents, variable, Scheme::RakedEquity)?)
    }
}
