//! Area equity multiplier (method.md §3.2): a respondent's area (or ZIP through the
//! crosswalk) → equity score → multiplier `g_i ≥ 1`.
//!
//! A ZIP spanning several areas gets the residential-ratio-weighted mean score
//! `s_zip = Σ ratio · s_area / Σ ratio` (HUD-USPS `RES_RATIO`). Respondents without a usable
//! location get `g = 1` and are counted, never dropped.

use serde::{Deserialize, Serialize};

use super::config::{EquityTable, ZipCrosswalk};
use super::error::WeightingError;
use super::params::{EquitySettings, MultiplierRule, ScoreScale};
use super::respondent::Geography;

/// How a respondent's equity score was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeographySource {
    /// Area ID found in the equity table.
    Area,
    /// ZIP code mapped through the crosswalk (or a ZIP-level table).
    Zip,
    /// Gave an area or ZIP the table and crosswalk do not know (e.g. outside the city): g = 1.
    Unmatched,
    /// Gave no location: g = 1.
    NoLocation,
    /// No equity layer configured: g = 1.
    NoEquityLayer,
}

/// A respondent's equity score and multiplier.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AreaMatch {
    /// How the score was found.
    pub source: GeographySource,
    /// Equity score (`None` when not found).
    pub score: Option<f64>,
    /// Multiplier `g_i`.
    pub multiplier: f64,
}

/// Counts of how respondents' geography resolved, and the multiplier spread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EquityReport {
    /// Index name and vintage from the parameters.
    pub index_name: String,
    /// Matched by area.
    pub by_area: usize,
    /// Matched by ZIP.
    pub by_zip: usize,
    /// Location given but not matched (g = 1).
    pub unmatched: usize,
    /// No location (g = 1): method.md's "no location" diagnostic.
    pub no_location: usize,
    /// Smallest multiplier.
    pub min_multiplier: f64,
    /// Mean multiplier.
    pub mean_multiplier: f64,
    /// Largest multiplier.
    pub max_multiplier: f64,
}

/// Position of a score on the need scale: 0 = least need, 1 = most.
pub fn need(score: f64, scale: &ScoreScale) -> f64 {
    let x = ((score - scale.min) / (scale.max - scale.min)).clamp(0.0, 1.0);
    if scale.higher_is_more_need {
        x
    } else {
        1.0 - x
    }
}

/// Whether a score is at or beyond `threshold` in the need direction.
pub fn at_or_beyond(score: f64, threshold: f64, scale: &ScoreScale) -> bool {
    if scale.higher_is_more_need {
        score >= threshold
    } else {
        score <= threshold
    }
}

/// The score of a ZIP code: the residence-weighted mean of its areas' scores through the
/// crosswalk, or the table's own score for ZIP-level tables; `None` when neither knows it.
pub fn zip_score(table: &EquityTable, crosswalk: Option<&ZipCrosswalk>, zip: &str) -> Option<f64> {
    if let Some(entries) = crosswalk.and_then(|c| c.zips.get(zip)) {
        let (mut num, mut den) = (0.0, 0.0);
        for e in entries {
            if let Some(s) = table.scores.get(&e.area) {
                num += e.ratio * s;
                den += e.ratio;
            }
        }
        return (den > 0.0).then(|| num / den);
    }
    table.scores.get(zip).copied()
}

/// The multiplier for an equity score.
pub fn multiplier(score: f64, settings: &EquitySettings) -> f64 {
    match &settings.rule {
        MultiplierRule::Linear { alpha } => 1.0 + alpha * need(score, &settings.scale),
        MultiplierRule::Tiers { tiers } => tiers
            .iter()
            .filter(|t| at_or_beyond(score, t.threshold, &settings.scale))
            .map(|t| t.multiplier)
            .fold(1.0, f64::max),
    }
}

/// Resolves geographies against the equity table and crosswalk.
pub(crate) struct EquityLayer<'a> {
    pub table: &'a EquityTable,
    pub crosswalk: Option<&'a ZipCrosswalk>,
    pub settings: &'a EquitySettings,
}

impl EquityLayer<'_> {
    /// Checks every score lies on the configured scale.
    pub fn validate(&self) -> Result<(), WeightingError> {
        let s = &self.settings.scale;
        for (area, &score) in &self.table.scores {
            if !(score.is_finite() && score >= s.min && score <= s.max) {
                return Err(WeightingError::ScoreOutOfScale {
                    area: area.clone(),
                    score,
                    min: s.min,
                    max: s.max,
                });
            }
        }
        Ok(())
    }

    /// The score of a ZIP code through the crosswalk (or directly, for ZIP-level tables).
    pub fn zip_score(&self, zip: &str) -> Option<f64> {
        zip_score(self.table, self.crosswalk, zip)
    }

    /// Score and multiplier of one respondent.
    pub fn resolve(&self, g: &Geography) -> AreaMatch {
        let area = g.area.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let zip = g.zip.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let found = area
            .and_then(|a| {
                self.table
                    .scores
                    .get(a)
                    .map(|&s| (GeographySource::Area, s))
            })
            .or_else(|| zip.and_then(|z| self.zip_score(z).map(|s| (GeographySource::Zip, s))));
        match found {
            Some((source, score)) => AreaMatch {
                source,
                score: Some(score),
                multiplier: multiplier(score, self.settings),
            },
            None => AreaMatch {
                source: if area.is_some() || zip.is_some() {
                    GeographySource::Unmatched
                } else {
                    GeographySource::NoLocation
                },
                score: None,
                multiplier: 1.0,
            },
        }
    }
}

/// Summarises resolved matches.
pub(crate) fn report(index_name: &str, matches: &[AreaMatch]) -> EquityReport {
    let count = |s: GeographySource| matches.iter().filter(|m| m.source == s).count();
    let g = matches.iter().map(|m| m.multiplier);
    EquityReport {
        index_name: index_name.to_owned(),
        by_area: count(GeographySource::Area),
        by_zip: count(GeographySource::Zip),
        unmatched: count(GeographySource::Unmatched),
        no_location: count(GeographySource::NoLocation),
        min_multiplier: g.clone().fold(f64::INFINITY, f64::min),
        mean_multiplier: g.clone().sum::<f64>() / matches.len().max(1) as f64,
        max_multiplier: g.fold(f64::NEG_INFINITY, f64::max),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::weighting::params::Tier;

    #[test]
    fn linear_and_tiers_on_the_san_jose_scale() {
        let s = EquitySettings::default();
        assert_eq!(multiplier(2.0, &s), 1.0);
        assert_eq!(multiplier(10.0, &s), 2.0);
        assert_eq!(multiplier(6.0, &s), 1.5);
        let t = EquitySettings {
            rule: MultiplierRule::san_jose_tiers(),
            ..EquitySettings::default()
        };
        assert_eq!(
            [6.0, 7.0, 8.0, 9.0, 10.0].map(|x| multiplier(x, &t)),
            [1.0, 1.25, 1.25, 1.5, 1.5]
        );
    }

    #[test]
    fn healthier_is_higher_reverses_direction() {
        let s = EquitySettings {
            scale: ScoreScale {
                min: 0.0,
                max: 100.0,
                higher_is_more_need: false,
            },
            rule: MultiplierRule::Tiers {
                tiers: vec![Tier {
                    threshold: 25.0,
                    multiplier: 1.4,
                }],
            },
            ..EquitySettings::default()
        };
        assert_eq!(multiplier(10.0, &s), 1.4);
        assert_eq!(multiplier(80.0, &s), 1.0);
        assert!((need(25.0, &s.scale) - 0.75).abs() < 1e-12);
    }
}
