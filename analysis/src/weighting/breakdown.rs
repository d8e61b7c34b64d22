//! Theme × category breakdowns (by district or any demographic) with small-cell suppression
//! applied before anything leaves the library.
//!
//! Rows are themes, columns the variable's categories (plus `(missing)` when some respondents
//! did not answer, so that row totals stay additive). Theme totals are published elsewhere
//! (the priority table), so they are treated as shown row totals; column sizes are not sums
//! of the cells (a respondent can mention several themes) and give no additive constraint.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::diagnostics::effective_n;
use super::error::WeightingError;
use super::params::SuppressionSettings;
use super::priority::Scheme;
use super::respondent::Respondent;
use super::suppression::{CellStatus, CellTable, SuppressionResult, TotalsShown, suppress};

/// Label of the column of respondents who did not answer the variable.
pub const MISSING_COLUMN: &str = "(missing)";

/// One published cell: values are `None` when suppressed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakdownCell {
    /// Respondents in the category mentioning the theme.
    pub count: Option<u64>,
    /// Weighted share of the category's respondents mentioning the theme.
    pub share: Option<f64>,
    /// Publication status and reasons.
    pub status: CellStatus,
}

/// One published column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakdownColumn {
    /// Category.
    pub category: String,
    /// Respondents in it (`None` when below the minimum count).
    pub respondents: Option<u64>,
    /// Kish effective sample of its weights (`None` when `respondents` is hidden).
    pub effective_n: Option<f64>,
}

/// A suppressed theme × category table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    /// Variable broken down by.
    pub variable: String,
    /// Weights used.
    pub scheme: Scheme,
    /// Themes (rows).
    pub themes: Vec<String>,
    /// Categories (columns).
    pub columns: Vec<BreakdownColumn>,
    /// `cells[theme][column]`.
    pub cells: Vec<Vec<BreakdownCell>>,
    /// Full suppression decision (statuses of cells and totals).
    pub suppression: SuppressionResult,
}

/// Builds and suppresses a breakdown of `themes` by `variable` under `weights` (one per
/// respondent, same order).
pub fn breakdown(
    respondents: &[Respondent],
    weights: &[f64],
    themes: &[String],
    variable: &str,
    scheme: Scheme,
    settings: &SuppressionSettings,
) -> Result<Breakdown, WeightingError> {
    if weights.len() != respondents.len() {
        return Err(WeightingError::TableShape(format!(
            "{} weights for {} respondents",
            weights.len(),
            respondents.len()
        )));
    }
    let cats: BTreeSet<&str> = respondents
        .iter()
        .filter_map(|r| r.category(variable))
        .collect();
    let mut columns: Vec<String> = cats.into_iter().map(str::to_owned).collect();
    if respondents.iter().any(|r| r.category(variable).is_none()) {
        columns.push(MISSING_COLUMN.to_owned());
    }
    let col_index: BTreeMap<&str, usize> = columns
        .iter()
        .enumerate()
        .map(|(j, c)| (c.as_str(), j))
        .collect();
    let theme_index: BTreeMap<&str, usize> = themes
        .iter()
        .enumerate()
        .map(|(t, s)| (s.as_str(), t))
        .collect();
    let (nt, nc) = (themes.len(), columns.len());
    let mut counts = vec![vec![0u64; nc]; nt];
    let mut mention_w = vec![vec![0.0; nc]; nt];
    let mut col_w: Vec<Vec<f64>> = vec![Vec::new(); nc];
    for (r, &w) in respondents.iter().zip(weights) {
        let j = col_index
            .get(r.category(variable).unwrap_or(MISSING_COLUMN))
            .copied()
            .unwrap_or(nc - 1);
        col_w[j].push(w);
        for t in r.themes.iter().filter_map(|t| theme_index.get(t.as_str())) {
            counts[*t][j] += 1;
            mention_w[*t][j] += w;
        }
    }
    let col_total: Vec<f64> = col_w.iter().map(|w| w.iter().sum()).collect();
    let col_neff: Vec<f64> = col_w.iter().map(|w| effective_n(w)).collect();
    let share = |t: usize, j: usize| {
        if col_total[j] > 0.0 {
            mention_w[t][j] / col_total[j]
        } else {
            0.0
        }
    };
    let rse = |t: usize, j: usize| {
        let p = share(t, j);
        (p > 0.0 && col_neff[j] > 0.0).then(|| (p * (1.0 - p) / col_neff[j]).sqrt() / p)
    };
    let table = CellTable {
        rows: themes.to_vec(),
        columns: columns.clone(),
        counts: counts.clone(),
        effective_n: Some(vec![col_neff.clone(); nt]),
        relative_se: Some(
            (0..nt)
                .map(|t| (0..nc).map(|j| rse(t, j)).collect())
                .collect(),
        ),
        totals: TotalsShown {
            rows: true,
            columns: false,
            grand: false,
        },
    };
    let suppression = suppress(&table, settings)?;
    let cells = (0..nt)
        .map(|t| {
            (0..nc)
                .map(|j| {
                    let status = suppression.cells[t][j].clone();
                    let shown = status.is_published();
                    BreakdownCell {
                        count: shown.then_some(counts[t][j]),
                        share: shown.then(|| share(t, j)),
                        status,
                    }
                })
                .collect()
        })
        .collect();
    let columns = columns
        .into_iter()
        .enumerate()
        .map(|(j, category)| {
            let n = col_w[j].len() as u64;
            let shown = n >= settings.min_count;
            BreakdownColumn {
                category,
                respondents: shown.then_some(n),
                effective_n: shown.then_some(col_neff[j]),
            }
        })
        .collect();
    Ok(Breakdown {
        variable: variable.to_owned(),
        scheme,
        themes: themes.to_vec(),
        columns,
        cells,
        suppression,
    })
}
