//! A whole weighting run: configuration in, auditable results out.

use std::collections::{BTreeMap, BTreeSet};

use linfa::ParamGuard;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::bootstrap::{self, BootstrapReport, Strata, ThemeIntervals};
use super::breakdown::{Breakdown, breakdown};
use super::combine::{WeightComponents, combine, components};
use super::config::{EquityTable, Margins, ZipCrosswalk};
use super::diagnostics::WeightSummary;
use super::equity::{self, AreaMatch, EquityLayer, EquityReport, GeographySource};
use super::error::WeightingError;
use super::params::{WeightingParams, WeightingValidParams};
use super::priority::{Estimates, Scheme, SchemeEstimate, ThemeData, kendall_tau_b, ranks};
use super::raking::{RakeReport, RakingDesign};
use super::respondent::{Respondent, SourceMention};
use super::streams::{ThemeSources, count_sources};
use super::suppression::SuppressionReason;

/// Everything a run depends on besides the respondents: stored, versioned and hashed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightingConfig {
    /// Checked parameters.
    pub params: WeightingValidParams,
    /// Population margins.
    pub margins: Margins,
    /// Area equity scores (`None`: no equity layer, every `g_i = 1`).
    pub equity: Option<EquityTable>,
    /// ZIP → area crosswalk for the equity layer.
    pub crosswalk: Option<ZipCrosswalk>,
}

/// One theme's row of the priority table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemePriority {
    /// Theme ID.
    pub theme: String,
    /// Resident respondents mentioning it (unweighted).
    pub respondents: usize,
    /// Every respondent counts once.
    pub unweighted: SchemeEstimate,
    /// Raked (representative) weights.
    pub raked: SchemeEstimate,
    /// Raked × equity weights (the headline priority).
    pub equity: SchemeEstimate,
    /// Equity gap `R_t` (raked weights): mention rate in high-need areas over the rest.
    pub equity_gap: Option<f64>,
    /// Distinct organisations / sources raising it (`C_t`, separate stream, unweighted).
    pub organisations: usize,
    /// Why the row must not be published (empty: publishable).
    pub suppressed: Vec<SuppressionReason>,
}

/// Rankings under the three schemes side by side (method.md §3.8 sensitivity panel).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    /// Theme IDs by unweighted priority.
    pub unweighted: Vec<String>,
    /// Theme IDs by raked priority.
    pub raked: Vec<String>,
    /// Theme IDs by raked × equity priority.
    pub raked_equity: Vec<String>,
    /// Kendall τ-b, unweighted vs raked.
    pub tau_unweighted_raked: Option<f64>,
    /// Kendall τ-b, raked vs raked × equity.
    pub tau_raked_equity: Option<f64>,
    /// Kendall τ-b, unweighted vs raked × equity.
    pub tau_unweighted_equity: Option<f64>,
}

/// A publishable priority row: the estimates are `None` when the theme is suppressed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedPriority {
    /// Theme ID.
    pub theme: String,
    /// Organisations raising it (not a resident count, never suppressed).
    pub organisations: usize,
    /// Suppression reasons (empty: published).
    pub suppressed: Vec<SuppressionReason>,
    /// The full row when published.
    pub row: Option<ThemePriority>,
}

/// The auditable result of a weighting run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightingRun {
    /// SHA-256 of the configuration's JSON.
    pub config_sha256: String,
    /// SHA-256 of the respondents' and sources' JSON.
    pub input_sha256: String,
    /// The configuration used (for re-running exactly).
    pub config: WeightingConfig,
    /// Resident respondents weighted.
    pub respondents: usize,
    /// Raking convergence, trimming and margin checks.
    pub raking: RakeReport,
    /// Equity-layer matching.
    pub equity: EquityReport,
    /// Spread of the combined weights.
    pub combined_summary: WeightSummary,
    /// Per-respondent weight components, in input order.
    pub weights: Vec<WeightComponents>,
    /// Priority table, sorted by the raked × equity rank.
    pub priorities: Vec<ThemePriority>,
    /// Rankings side by side.
    pub sensitivity: Sensitivity,
    /// Organisational streams per theme.
    pub sources: Vec<ThemeSources>,
    /// Bootstrap bookkeeping (`None` with 0 replicates).
    pub bootstrap: Option<BootstrapReport>,
}

fn sha256_json<T: Serialize>(value: &T) -> String {
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    hex::encode(Sha256::digest(&bytes))
}

impl WeightingConfig {
    /// Margins only (no equity layer).
    pub fn new(params: WeightingValidParams, margins: Margins) -> Self {
        WeightingConfig {
            params,
            margins,
            equity: None,
            crosswalk: None,
        }
    }

    /// Adds the area equity layer.
    pub fn with_equity(mut self, table: EquityTable, crosswalk: Option<ZipCrosswalk>) -> Self {
        self.equity = Some(table);
        self.crosswalk = crosswalk;
        self
    }

    /// SHA-256 of this configuration's JSON (the audit log's config hash).
    pub fn sha256(&self) -> String {
        sha256_json(self)
    }

    /// Re-checks a (possibly deserialised) configuration.
    pub fn validate(&self) -> Result<(), WeightingError> {
        WeightingParams::from_valid(self.params.clone()).check_ref()?;
        self.margins.validate().map_err(WeightingError::Config)?;
        if let Some(cw) = &self.crosswalk {
            let Some(table) = &self.equity else {
                return Err(WeightingError::Config(
                    "a crosswalk without an equity table".into(),
                ));
            };
            for (zip, entries) in &cw.zips {
                if let Some(e) = entries.iter().find(|e| !table.scores.contains_key(&e.area)) {
                    return Err(WeightingError::Config(format!(
                        "crosswalk maps {zip} to {:?}, which is not in the equity table",
                        e.area
                    )));
                }
            }
        }
        if let Some(table) = &self.equity {
            self.layer(table).validate()?;
        }
        Ok(())
    }

    fn layer<'a>(&'a self, table: &'a EquityTable) -> EquityLayer<'a> {
        EquityLayer {
            table,
            crosswalk: self.crosswalk.as_ref(),
            settings: &self.params.equity,
        }
    }

    /// Weights the respondents, estimates theme priorities with bootstrap intervals and
    /// counts the organisational streams.
    pub fn fit(
        &self,
        respondents: &[Respondent],
        sources: &[SourceMention],
    ) -> Result<WeightingRun, WeightingError> {
        self.validate()?;
        let p = &self.params;
        if respondents.is_empty() {
            return Err(WeightingError::NoRespondents);
        }
        let mut ids = BTreeSet::new();
        for r in respondents {
            if !ids.insert(r.id.as_str()) {
                return Err(WeightingError::DuplicateRespondent(r.id.clone()));
            }
            if let Some(u) = r.urgency
                && !(1.0..=5.0).contains(&u)
            {
                return Err(WeightingError::Urgency {
                    respondent: r.id.clone(),
                    value: u,
                });
            }
        }
        let source_counts = count_sources(sources)?;
        let n = respondents.len();

        // Layer 1: raking with trimming.
        let design = RakingDesign::build(&self.margins, respondents, &p.raking)?;
        let outcome = design.rake(&vec![1.0; n]);
        let raking = design.report(&outcome);

        // Layer 2: area equity multiplier.
        let matches: Vec<AreaMatch> = match &self.equity {
            Some(table) => {
                let layer = self.layer(table);
                respondents
                    .iter()
                    .map(|r| layer.resolve(&r.geography))
                    .collect()
            }
            None => vec![
                AreaMatch {
                    source: GeographySource::NoEquityLayer,
                    score: None,
                    multiplier: 1.0,
                };
                n
            ],
        };
        let multipliers: Vec<f64> = matches.iter().map(|m| m.multiplier).collect();
        let combined = combine(&outcome.weights, &multipliers);
        let id_list: Vec<&str> = respondents.iter().map(|r| r.id.as_str()).collect();
        let weights = components(
            &id_list,
            &outcome.untrimmed,
            &outcome.weights,
            &matches,
            &combined,
        );

        // Priorities.
        let data = theme_data(respondents, sources, &matches, p);
        let ones = vec![1.0; n];
        let point = [
            data.estimate(&ones, &p.priority),
            data.estimate(&outcome.weights, &p.priority),
            data.estimate(&combined, &p.priority),
        ];
        let gap = data.equity_gap(&outcome.weights);
        let (intervals, bootstrap) = if p.bootstrap.replicates >= 2 {
            let strata = strata(respondents, p.bootstrap.strata_variable.as_deref());
            let reps = bootstrap::run(
                &design,
                &strata,
                &multipliers,
                &data,
                &p.priority,
                p.bootstrap.replicates,
                p.bootstrap.seed,
            );
            let k = data.themes.len();
            let iv: Vec<Vec<ThemeIntervals>> = (0..3)
                .map(|s| bootstrap::summarise(&reps, s, k, p.priority.top_k))
                .collect();
            let report = BootstrapReport {
                replicates: reps.len(),
                seed: p.bootstrap.seed,
                strata: strata
                    .names
                    .iter()
                    .cloned()
                    .zip(strata.members.iter().map(Vec::len))
                    .collect(),
                non_converged: reps.iter().filter(|r| !r.converged).count(),
                worst_margin_error: reps.iter().map(|r| r.max_error).fold(0.0, f64::max),
            };
            (Some(iv), Some(report))
        } else {
            (None, None)
        };
        let counts = data.counts();
        let orgs: BTreeMap<&str, usize> = source_counts
            .iter()
            .map(|s| (s.theme.as_str(), s.sources))
            .collect();
        let rank: Vec<Vec<usize>> = point.iter().map(|e| ranks(&e.priority)).collect();
        let mut priorities: Vec<ThemePriority> = (0..data.themes.len())
            .map(|t| {
                let est = |s: usize| {
                    scheme_estimate(
                        &point[s],
                        rank[s][t],
                        intervals.as_ref().map(|iv| &iv[s][t]),
                        t,
                    )
                };
                let equity = est(2);
                let mut suppressed = Vec::new();
                let count = counts[t] as u64;
                if count < p.suppression.min_count {
                    suppressed.push(SuppressionReason::SmallCount {
                        count,
                        min: p.suppression.min_count,
                    });
                }
                if let Some(rse) = equity.share_relative_se
                    && (rse.is_nan() || rse > p.suppression.max_relative_se)
                {
                    suppressed.push(SuppressionReason::HighRelativeSe {
                        relative_se: rse,
                        max: p.suppression.max_relative_se,
                    });
                }
                ThemePriority {
                    theme: data.themes[t].clone(),
                    respondents: counts[t],
                    unweighted: est(0),
                    raked: est(1),
                    equity,
                    equity_gap: gap[t],
                    organisations: orgs.get(data.themes[t].as_str()).copied().unwrap_or(0),
                    suppressed,
                }
            })
            .collect();
        let order = |s: usize| -> Vec<String> {
            let mut idx: Vec<usize> = (0..data.themes.len()).collect();
            idx.sort_by_key(|&t| rank[s][t]);
            idx.into_iter().map(|t| data.themes[t].clone()).collect()
        };
        let sensitivity = Sensitivity {
            unweighted: order(0),
            raked: order(1),
            raked_equity: order(2),
            tau_unweighted_raked: kendall_tau_b(&point[0].priority, &point[1].priority),
            tau_raked_equity: kendall_tau_b(&point[1].priority, &point[2].priority),
            tau_unweighted_equity: kendall_tau_b(&point[0].priority, &point[2].priority),
        };
        priorities.sort_by_key(|r| r.equity.rank);

        Ok(WeightingRun {
            config_sha256: self.sha256(),
            input_sha256: sha256_json(&(respondents, sources)),
            config: self.clone(),
            respondents: n,
            raking,
            equity: equity::report(&p.equity.index_name, &matches),
            combined_summary: WeightSummary::of(&combined),
            weights,
            priorities,
            sensitivity,
            sources: source_counts,
            bootstrap,
        })
    }
}

fn scheme_estimate(
    e: &Estimates,
    rank: usize,
    iv: Option<&ThemeIntervals>,
    t: usize,
) -> SchemeEstimate {
    let share = e.share[t];
    SchemeEstimate {
        share,
        share_ci90: iv.map(|i| i.share_ci90),
        share_ci95: iv.map(|i| i.share_ci95),
        share_relative_se: iv.and_then(|i| (share > 0.0).then(|| i.share_sd / share)),
        mean_urgency: e.mean_urgency[t],
        breadth: e.breadth[t],
        priority: e.priority[t],
        priority_ci90: iv.map(|i| i.priority_ci90),
        priority_ci95: iv.map(|i| i.priority_ci95),
        rank,
        rank_ci95: iv.map(|i| i.rank_ci95),
        p_top_k: iv.map(|i| i.p_top_k),
    }
}

/// Themes (residents' and sources', sorted) in index form.
fn theme_data(
    respondents: &[Respondent],
    sources: &[SourceMention],
    matches: &[AreaMatch],
    p: &WeightingValidParams,
) -> ThemeData {
    let all: BTreeSet<&str> = respondents
        .iter()
        .flat_map(|r| r.themes.iter().map(String::as_str))
        .chain(sources.iter().map(|s| s.theme.as_str()))
        .collect();
    let themes: Vec<String> = all.into_iter().map(str::to_owned).collect();
    let index: BTreeMap<&str, u32> = themes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i as u32))
        .collect();
    let mut offsets = Vec::with_capacity(respondents.len() + 1);
    let mut mentions = Vec::new();
    offsets.push(0);
    for r in respondents {
        mentions.extend(
            r.themes
                .iter()
                .filter_map(|t| index.get(t.as_str()).copied()),
        );
        offsets.push(mentions.len());
    }
    let groups = p.priority.breadth_variable.as_deref().map(|var| {
        let cats: BTreeSet<&str> = respondents.iter().filter_map(|r| r.category(var)).collect();
        let cat_index: BTreeMap<&str, u32> = cats
            .iter()
            .enumerate()
            .map(|(i, c)| (*c, i as u32))
            .collect();
        let codes = respondents
            .iter()
            .map(|r| {
                r.category(var)
                    .and_then(|c| cat_index.get(c).copied())
                    .unwrap_or(u32::MAX)
            })
            .collect();
        (codes, cats.len())
    });
    let eq = &p.equity;
    ThemeData {
        themes,
        offsets,
        mentions,
        urgency: respondents
            .iter()
            .map(|r| r.urgency.unwrap_or(f64::NAN))
            .collect(),
        has_urgency: respondents.iter().any(|r| r.urgency.is_some()),
        groups,
        high_need: matches
            .iter()
            .map(|m| {
                m.score
                    .map(|s| equity::at_or_beyond(s, eq.high_need_threshold, &eq.scale))
            })
            .collect(),
    }
}

/// Bootstrap strata: categories of `variable` sorted, respondents missing it last.
fn strata(respondents: &[Respondent], variable: Option<&str>) -> Strata {
    let mut groups: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (i, r) in respondents.iter().enumerate() {
        groups
            .entry(variable.and_then(|v| r.category(v)))
            .or_default()
            .push(i);
    }
    let mut names = Vec::new();
    let mut members = Vec::new();
    // `None` sorts first in a BTreeMap; move it last.
    let missing = groups.remove(&None);
    for (k, v) in groups {
        names.push(k.unwrap_or_default().to_owned());
        members.push(v);
    }
    if let Some(v) = missing {
        names.push(if variable.is_some() {
            "(missing)".into()
        } else {
            "(all)".into()
        });
        members.push(v);
    }
    Strata { names, members }
}

impl WeightingRun {
    /// The weights a scheme uses, in input order.
    pub fn weights_for(&self, scheme: Scheme) -> Vec<f64> {
        self.weights
            .iter()
            .map(|w| match scheme {
                Scheme::Unweighted => 1.0,
                Scheme::Raked => w.raked,
                Scheme::RakedEquity => w.combined,
            })
            .collect()
    }

    /// A suppressed theme × category breakdown by `variable` (the respondents must be the
    /// ones the run was fitted on, in the same order).
    pub fn breakdown(
        &self,
        respondents: &[Respondent],
        variable: &str,
        scheme: Scheme,
    ) -> Result<Breakdown, WeightingError> {
        if respondents.len() != self.weights.len()
            || respondents
                .iter()
                .zip(&self.weights)
                .any(|(r, w)| r.id != w.respondent)
        {
            return Err(WeightingError::TableShape(
                "respondents differ from the ones this run weighted".into(),
            ));
        }
        let themes: Vec<String> = {
            let mut t: Vec<String> = self.priorities.iter().map(|p| p.theme.clone()).collect();
            t.sort();
            t
        };
        breakdown(
            respondents,
            &self.weights_for(scheme),
            &themes,
            variable,
            scheme,
            &self.config.params.suppression,
        )
    }

    /// The priority table with suppressed rows emptied, for dashboards, exports and the API.
    pub fn published_priorities(&self) -> Vec<PublishedPriority> {
        self.priorities
            .iter()
            .map(|p| PublishedPriority {
                theme: p.theme.clone(),
                organisations: p.organisations,
                suppressed: p.suppressed.clone(),
                row: p.suppressed.is_empty().then(|| p.clone()),
            })
            .collect()
    }
}
