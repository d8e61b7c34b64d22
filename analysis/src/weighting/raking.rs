//! Raking (iterative proportional fitting) of respondents to population margins, alternating
//! with trimming (method.md §3.1).
//!
//! The design is built once from the full sample (category codes, merges of small categories,
//! target shares) and then applied to any base weights: `1` for the point estimate, a
//! bootstrap replicate's rescaled weights for each replicate, so raking is redone per replicate.
//!
//! Respondents missing a raking variable get a "missing" category whose target equals its
//! weighted share of the base weights (neutral); the other categories' targets are scaled to
//! the remaining total. Nobody is dropped; the counts are reported per variable.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::config::Margins;
use super::diagnostics::WeightSummary;
use super::error::WeightingError;
use super::params::{RakingSettings, UnknownCategoryPolicy};
use super::respondent::Respondent;
use super::trimming::{self, Bounds};

/// Categories merged because they had fewer respondents than `min_category_size`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collapse {
    /// Variable.
    pub variable: String,
    /// Original categories merged (file order).
    pub categories: Vec<String>,
    /// Name of the merged category (`a + b`).
    pub merged: String,
    /// Respondents in the merged category.
    pub respondents: usize,
}

/// Per-variable handling report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariableReport {
    /// Variable.
    pub variable: String,
    /// Respondents with the variable missing (absent or empty), kept in the neutral
    /// missing category.
    pub missing: usize,
    /// Respondents whose category was not in the margins and who were treated as missing
    /// (only with [`UnknownCategoryPolicy::TreatAsMissing`]; included in `missing`).
    pub unknown_as_missing: usize,
    /// Share of the sample in the missing category (its neutral target share).
    pub missing_share: f64,
    /// Merges of small categories.
    pub collapsed: Vec<Collapse>,
}

/// One margin cell before and after raking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarginCheck {
    /// Variable.
    pub variable: String,
    /// Category (after merging; `(missing)` for the neutral missing category).
    pub category: String,
    /// Respondents in it.
    pub respondents: usize,
    /// Target share of the total weight.
    pub target_share: f64,
    /// Unweighted sample share.
    pub sample_share: f64,
    /// Share after raking and trimming.
    pub raked_share: f64,
}

/// Convergence and trimming report of the full-sample raking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RakeReport {
    /// Variables raked on, in order, with their missing-value handling.
    pub variables: Vec<VariableReport>,
    /// IPF sweeps over all raking passes.
    pub iterations: usize,
    /// Rake ↔ trim alternations used.
    pub trim_cycles: usize,
    /// Largest relative margin error `|Σw − T| / T` with unit weights (before raking).
    pub max_margin_error_before: f64,
    /// Largest relative margin error of the final weights.
    pub max_margin_error: f64,
    /// `max_margin_error` is below the tolerance.
    pub converged: bool,
    /// All weights lie within the trim bounds.
    pub bounds_hold: bool,
    /// Absolute trim floor (`None`: no floor).
    pub trim_floor: Option<f64>,
    /// Absolute trim cap (`None`: no cap).
    pub trim_cap: Option<f64>,
    /// Respondents whose untrimmed raked weight was above the cap.
    pub trimmed_at_cap: usize,
    /// Respondents whose untrimmed raked weight was below the floor.
    pub trimmed_at_floor: usize,
    /// Share of respondents trimmed.
    pub trimmed_share: f64,
    /// Every margin cell before and after.
    pub margins: Vec<MarginCheck>,
    /// Spread of the untrimmed raked weights.
    pub untrimmed_summary: WeightSummary,
    /// Spread of the final raked weights (Kish deff and n_eff).
    pub summary: WeightSummary,
}

/// Merged category: original indices (file order), total share, respondents.
type Group = (Vec<usize>, f64, usize);

pub(crate) struct MarginDesign {
    pub variable: String,
    /// Observed categories after merging; code `categories.len()` is missing.
    pub categories: Vec<String>,
    pub shares: Vec<f64>,
    pub counts: Vec<usize>,
    pub codes: Vec<u32>,
    pub report: VariableReport,
}

impl MarginDesign {
    fn missing_code(&self) -> usize {
        self.categories.len()
    }
}

/// Raking design fixed from the full sample.
pub(crate) struct RakingDesign {
    pub margins: Vec<MarginDesign>,
    pub n: usize,
    settings: RakingSettings,
}

/// Weights after raking and trimming, with what it took.
#[derive(Debug, Clone)]
pub(crate) struct RakeOutcome {
    pub weights: Vec<f64>,
    pub untrimmed: Vec<f64>,
    pub iterations: usize,
    pub trim_cycles: usize,
    pub max_error: f64,
    pub converged: bool,
    pub bounds: Bounds,
    pub bounds_hold: bool,
}

/// Merges categories with fewer than `min` respondents into their smaller neighbour.
fn collapse(
    variable: &str,
    names: &[String],
    shares: &[f64],
    counts: &[usize],
    min: usize,
) -> (Vec<Group>, Vec<Collapse>) {
    let mut groups: Vec<Group> = (0..names.len())
        .map(|i| (vec![i], shares[i], counts[i]))
        .collect();
    let min = min.max(1);
    while groups.len() > 1 {
        let Some(small) = (0..groups.len())
            .filter(|&g| groups[g].2 < min)
            .min_by_key(|&g| (groups[g].2, g))
        else {
            break;
        };
        let neighbour = match (
            small.checked_sub(1),
            (small + 1 < groups.len()).then_some(small + 1),
        ) {
            (Some(l), Some(r)) => {
                if groups[r].2 < groups[l].2 {
                    r
                } else {
                    l
                }
            }
            (Some(l), None) => l,
            (None, Some(r)) => r,
            (None, None) => break,
        };
        let (a, b) = (small.min(neighbour), small.max(neighbour));
        let (members, share, count) = groups.remove(b);
        groups[a].0.extend(members);
        groups[a].1 += share;
        groups[a].2 += count;
    }
    let collapses = groups
        .iter()
        .filter(|g| g.0.len() > 1)
        .map(|g| Collapse {
            variable: variable.to_owned(),
            categories: g.0.iter().map(|&i| names[i].clone()).collect(),
            merged: merged_name(names, &g.0),
            respondents: g.2,
        })
        .collect();
    (groups, collapses)
}

fn merged_name(names: &[String], members: &[usize]) -> String {
    members
        .iter()
        .map(|&i| names[i].as_str())
        .collect::<Vec<_>>()
        .join(" + ")
}

impl RakingDesign {
    /// Codes respondents against the margins, merging small categories.
    pub fn build(
        margins: &Margins,
        respondents: &[Respondent],
        settings: &RakingSettings,
    ) -> Result<RakingDesign, WeightingError> {
        let names: Vec<String> = match &settings.variables {
            Some(v) => v.clone(),
            None => margins.variables.iter().map(|v| v.name.clone()).collect(),
        };
        let mut designs = Vec::with_capacity(names.len());
        for name in names {
            let var = margins
                .variable(&name)
                .ok_or_else(|| WeightingError::UnknownVariable(name.clone()))?;
            let index: BTreeMap<&str, usize> = var
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| (c.name.as_str(), i))
                .collect();
            let k = var.categories.len();
            let mut raw = Vec::with_capacity(respondents.len());
            let mut counts = vec![0usize; k];
            let (mut missing, mut unknown) = (0, 0);
            for r in respondents {
                let code = match r.category(&name) {
                    None => None,
                    Some(c) => match index.get(c) {
                        Some(&i) => Some(i),
                        None => match settings.unknown_category {
                            UnknownCategoryPolicy::Error => {
                                return Err(WeightingError::UnknownCategory {
                                    respondent: r.id.clone(),
                                    variable: name.clone(),
                                    category: c.to_owned(),
                                });
                            }
                            UnknownCategoryPolicy::TreatAsMissing => {
                                unknown += 1;
                                None
                            }
                        },
                    },
                };
                match code {
                    Some(i) => counts[i] += 1,
                    None => missing += 1,
                }
                raw.push(code);
            }
            let cat_names: Vec<String> = var.categories.iter().map(|c| c.name.clone()).collect();
            let shares: Vec<f64> = var.categories.iter().map(|c| c.share).collect();
            let (groups, collapsed) = collapse(
                &name,
                &cat_names,
                &shares,
                &counts,
                settings.min_category_size,
            );
            let mut group_of = vec![0u32; k];
            for (g, (members, _, _)) in groups.iter().enumerate() {
                for &m in members {
                    group_of[m] = g as u32;
                }
            }
            let missing_code = groups.len() as u32;
            let codes = raw
                .iter()
                .map(|c| c.map_or(missing_code, |i| group_of[i]))
                .collect();
            let total_share: f64 = groups.iter().map(|g| g.1).sum();
            designs.push(MarginDesign {
                variable: name.clone(),
                categories: groups
                    .iter()
                    .map(|g| merged_name(&cat_names, &g.0))
                    .collect(),
                shares: groups.iter().map(|g| g.1 / total_share).collect(),
                counts: groups.iter().map(|g| g.2).collect(),
                codes,
                report: VariableReport {
                    variable: name,
                    missing,
                    unknown_as_missing: unknown,
                    missing_share: missing as f64 / respondents.len().max(1) as f64,
                    collapsed,
                },
            });
        }
        Ok(RakingDesign {
            margins: designs,
            n: respondents.len(),
            settings: settings.clone(),
        })
    }

    /// Targets per margin (observed categories then missing) for these base weights.
    fn targets(&self, base: &[f64]) -> Vec<Vec<f64>> {
        let total: f64 = base.iter().sum();
        self.margins
            .iter()
            .map(|m| {
                let missing: f64 = m
                    .codes
                    .iter()
                    .zip(base)
                    .filter(|(c, _)| **c as usize == m.missing_code())
                    .map(|(_, w)| w)
                    .sum();
                let mut t: Vec<f64> = m.shares.iter().map(|s| s * (total - missing)).collect();
                t.push(missing);
                t
            })
            .collect()
    }

    fn sums(m: &MarginDesign, w: &[f64]) -> Vec<f64> {
        let mut sums = vec![0.0; m.categories.len() + 1];
        for (&c, &wi) in m.codes.iter().zip(w) {
            sums[c as usize] += wi;
        }
        sums
    }

    fn rel_error(sums: &[f64], targets: &[f64]) -> f64 {
        sums.iter()
            .zip(targets)
            .filter(|(_, t)| **t > 0.0)
            .map(|(s, t)| (s - t).abs() / t)
            .fold(0.0, f64::max)
    }

    /// Largest relative margin error of `w`.
    fn max_error(&self, w: &[f64], targets: &[Vec<f64>]) -> f64 {
        self.margins
            .iter()
            .zip(targets)
            .map(|(m, t)| Self::rel_error(&Self::sums(m, w), t))
            .fold(0.0, f64::max)
    }

    /// IPF sweeps until every adjustment in a sweep was within tolerance; returns sweeps used.
    fn ipf(&self, w: &mut [f64], targets: &[Vec<f64>]) -> usize {
        let s = &self.settings;
        for it in 1..=s.max_iterations {
            let mut err: f64 = 0.0;
            for (m, t) in self.margins.iter().zip(targets) {
                let sums = Self::sums(m, w);
                err = err.max(Self::rel_error(&sums, t));
                let factors: Vec<f64> = sums
                    .iter()
                    .zip(t)
                    .map(|(s, t)| if *s > 0.0 && *t > 0.0 { t / s } else { 1.0 })
                    .collect();
                for (wi, &c) in w.iter_mut().zip(&m.codes) {
                    *wi *= factors[c as usize];
                }
            }
            if err < s.tolerance {
                return it;
            }
        }
        s.max_iterations
    }

    /// Rakes `base` weights to the margins, alternating with trimming.
    pub fn rake(&self, base: &[f64]) -> RakeOutcome {
        let s = &self.settings;
        let targets = self.targets(base);
        let mut w = base.to_vec();
        let mut iterations = self.ipf(&mut w, &targets);
        let untrimmed = w.clone();
        let trimming = s.trim_floor.is_some() || s.trim_cap.is_some();
        let b = trimming::bounds(&w, s.trim_floor, s.trim_cap);
        let mut trim_cycles = 0;
        if trimming {
            while !trimming::within(&w, b, s.tolerance) && trim_cycles < s.max_trim_cycles {
                trimming::trim(&mut w, b);
                trim_cycles += 1;
                iterations += self.ipf(&mut w, &targets);
            }
            if !trimming::within(&w, b, 1e-12) {
                trimming::trim(&mut w, b);
            }
        }
        let max_error = self.max_error(&w, &targets);
        RakeOutcome {
            converged: max_error < s.tolerance,
            bounds_hold: trimming::within(&w, b, 1e-9),
            weights: w,
            untrimmed,
            iterations,
            trim_cycles,
            max_error,
            bounds: b,
        }
    }

    /// The full report of a full-sample raking with unit base weights.
    pub fn report(&self, outcome: &RakeOutcome) -> RakeReport {
        let n = self.n.max(1) as f64;
        let base = vec![1.0; self.n];
        let targets = self.targets(&base);
        let total: f64 = outcome.weights.iter().sum();
        let mut margins = Vec::new();
        for (m, t) in self.margins.iter().zip(&targets) {
            let raked = Self::sums(m, &outcome.weights);
            let missing = m.report.missing;
            let names = m
                .categories
                .iter()
                .cloned()
                .chain([String::from("(missing)")]);
            let counts = m.counts.iter().copied().chain([missing]);
            let rows = names.zip(counts).zip(t).zip(&raked).enumerate();
            for (code, (((name, count), target), raked)) in rows {
                if code == m.missing_code() && count == 0 {
                    continue;
                }
                margins.push(MarginCheck {
                    variable: m.variable.clone(),
                    category: name,
                    respondents: count,
                    target_share: target / n,
                    sample_share: count as f64 / n,
                    raked_share: raked / total,
                });
            }
        }
        let b = outcome.bounds;
        let trimmed_at_cap = outcome.untrimmed.iter().filter(|&&w| w > b.upper).count();
        let trimmed_at_floor = outcome
            .untrimmed
            .iter()
            .filter(|&&w| w > 0.0 && w < b.lower)
            .count();
        RakeReport {
            variables: self.margins.iter().map(|m| m.report.clone()).collect(),
            iterations: outcome.iterations,
            trim_cycles: outcome.trim_cycles,
            max_margin_error_before: self.max_error(&base, &targets),
            max_margin_error: outcome.max_error,
            converged: outcome.converged,
            bounds_hold: outcome.bounds_hold,
            trim_floor: (self.settings.trim_floor.is_some()).then_some(b.lower),
            trim_cap: (self.settings.trim_cap.is_some()).then_some(b.upper),
            trimmed_at_cap,
            trimmed_at_floor,
            trimmed_share: (trimmed_at_cap + trimmed_at_floor) as f64 / n,
            margins,
            untrimmed_summary: WeightSummary::of(&outcome.untrimmed),
            summary: WeightSummary::of(&outcome.weights),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn small_categories_merge_into_smaller_neighbour() {
        let n = names(&["a", "b", "c", "d"]);
        let (groups, coll) = collapse("age", &n, &[0.25; 4], &[50, 30, 5, 40], 20);
        // c (5) merges with b (30 < 40).
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[1].0, vec![1, 2]);
        assert_eq!(coll[0].merged, "b + c");
        assert_eq!(coll[0].respondents, 35);
        // Zero-respondent categories always merge even with the threshold off.
        let (groups, _) = collapse("age", &n, &[0.25; 4], &[0, 30, 5, 40], 0);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].0, vec![0, 1]);
    }
}
