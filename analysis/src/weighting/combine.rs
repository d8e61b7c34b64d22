//! Combined weight (method.md §3.3): `w*_i = w^rake_i · g_i`, rescaled so `Σ w* = Σ w^rake`,
//! with every component kept per respondent for the audit record.

use serde::{Deserialize, Serialize};

use super::equity::{AreaMatch, GeographySource};

/// One respondent's weight components (method.md §3.8 audit record).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightComponents {
    /// Respondent ID.
    pub respondent: String,
    /// Base weight `d_i` (1 for an opt-in sample).
    pub base: f64,
    /// Raked weight before any trimming.
    pub raked_untrimmed: f64,
    /// `raked / raked_untrimmed` (1 when not trimmed).
    pub trim_factor: f64,
    /// Final raked (representative) weight `w^rake_i`.
    pub raked: f64,
    /// How the equity score was found.
    pub geography: GeographySource,
    /// Equity score, when found.
    pub equity_score: Option<f64>,
    /// Equity multiplier `g_i`.
    pub multiplier: f64,
    /// Combined weight `w*_i`.
    pub combined: f64,
}

/// `raked · g`, rescaled to the raked total (returns `raked` when the product sums to zero).
pub fn combine(raked: &[f64], multipliers: &[f64]) -> Vec<f64> {
    let total: f64 = raked.iter().sum();
    let product: Vec<f64> = raked.iter().zip(multipliers).map(|(w, g)| w * g).collect();
    let product_total: f64 = product.iter().sum();
    if product_total <= 0.0 {
        return raked.to_vec();
    }
    let k = total / product_total;
    product.into_iter().map(|x| x * k).collect()
}

/// Assembles the per-respondent audit rows.
pub(crate) fn components(
    ids: &[&str],
    raked_untrimmed: &[f64],
    raked: &[f64],
    matches: &[AreaMatch],
    combined: &[f64],
) -> Vec<WeightComponents> {
    (0..ids.len())
        .map(|i| WeightComponents {
            respondent: ids[i].to_owned(),
            base: 1.0,
            raked_untrimmed: raked_untrimmed[i],
            trim_factor: if raked_untrimmed[i] > 0.0 {
                raked[i] / raked_untrimmed[i]
            } else {
                1.0
            },
            raked: raked[i],
            geography: matches[i].source,
            equity_score: matches[i].score,
            multiplier: matches[i].multiplier,
            combined: combined[i],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rescales_to_raked_total() {
        let raked = [1.0, 2.0, 1.0];
        let g = [1.0, 1.0, 2.0];
        // product (1, 2, 2) sums to 5; raked total 4 → ×0.8.
        let c = combine(&raked, &g);
        assert_eq!(c, vec![0.8, 1.6, 1.6]);
    }
}
