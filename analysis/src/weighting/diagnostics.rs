//! Weight diagnostics stored with every run (method.md §3.1): Kish design effect, effective
//! sample size, spread of the weights.

use serde::{Deserialize, Serialize};

/// Kish design effect `n Σw² / (Σw)²` over the positive weights (1 for equal weights).
pub fn kish_deff(weights: &[f64]) -> f64 {
    let (n, sum, sum_sq) = moments(weights);
    if sum <= 0.0 {
        return f64::NAN;
    }
    n * sum_sq / (sum * sum)
}

/// Kish effective sample size `(Σw)² / Σw²` (0 when all weights are zero).
pub fn effective_n(weights: &[f64]) -> f64 {
    let (_, sum, sum_sq) = moments(weights);
    if sum_sq <= 0.0 {
        0.0
    } else {
        sum * sum / sum_sq
    }
}

fn moments(weights: &[f64]) -> (f64, f64, f64) {
    let mut n = 0.0;
    let mut sum = 0.0;
    let mut sum_sq = 0.0;
    for &w in weights.iter().filter(|w| **w > 0.0) {
        n += 1.0;
        sum += w;
        sum_sq += w * w;
    }
    (n, sum, sum_sq)
}

/// Wilson score interval for a weighted proportion `p` with the Kish effective sample size in
/// place of n (method.md §3.5's quick approximation for small cells and the live view);
/// `z` = 1.96 for 95 %, 1.645 for 90 %. Returns `(lower, upper)`; `(0, 1)` when `n_eff` is 0.
pub fn wilson_interval(p: f64, n_eff: f64, z: f64) -> (f64, f64) {
    if n_eff <= 0.0 {
        return (0.0, 1.0);
    }
    let p = p.clamp(0.0, 1.0);
    let z2 = z * z;
    let denom = 1.0 + z2 / n_eff;
    let centre = (p + z2 / (2.0 * n_eff)) / denom;
    let half = z * (p * (1.0 - p) / n_eff + z2 / (4.0 * n_eff * n_eff)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Quantile of sorted values by linear interpolation (Hyndman–Fan type 7, R's default).
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// Summary of one weight vector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightSummary {
    /// Respondents.
    pub n: usize,
    /// Sum of weights.
    pub sum: f64,
    /// Smallest weight.
    pub min: f64,
    /// Largest weight.
    pub max: f64,
    /// Percentiles 1, 5, 25, 50, 75, 95, 99.
    pub percentiles: [f64; 7],
    /// Kish design effect `1 + CV²`.
    pub deff: f64,
    /// Kish effective sample size.
    pub n_eff: f64,
}

impl WeightSummary {
    /// Summarises `weights` (must be non-empty and finite).
    pub fn of(weights: &[f64]) -> WeightSummary {
        let mut sorted = weights.to_vec();
        sorted.sort_by(f64::total_cmp);
        let p = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99].map(|q| quantile_sorted(&sorted, q));
        WeightSummary {
            n: weights.len(),
            sum: weights.iter().sum(),
            min: sorted.first().copied().unwrap_or(f64::NAN),
            max: sorted.last().copied().unwrap_or(f64::NAN),
            percentiles: p,
            deff: kish_deff(weights),
            n_eff: effective_n(weights),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kish_matches_hand_values() {
        // w = (1, 1, 2, 4): Σw = 8, Σw² = 22 → n_eff = 64/22, deff = 4·22/64 = 1.375.
        let w = [1.0, 1.0, 2.0, 4.0];
        assert!((effective_n(&w) - 64.0 / 22.0).abs() < 1e-12);
        assert!((kish_deff(&w) - 1.375).abs() < 1e-12);
        assert!((kish_deff(&[3.0; 5]) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn wilson_matches_the_textbook_value() {
        // p = 0.2, n = 100, z = 1.96 → (0.1334, 0.2888) (Newcombe 1998, method 3).
        let (lo, hi) = wilson_interval(0.2, 100.0, 1.96);
        assert!(
            (lo - 0.1334).abs() < 1e-4 && (hi - 0.2888).abs() < 1e-4,
            "{lo} {hi}"
        );
        assert_eq!(wilson_interval(0.5, 0.0, 1.96), (0.0, 1.0));
    }

    #[test]
    fn type7_quantiles() {
        let s = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&s, 0.5), 2.5);
        assert_eq!(quantile_sorted(&s, 0.0), 1.0);
        assert_eq!(quantile_sorted(&s, 1.0), 4.0);
        assert!((quantile_sorted(&s, 0.25) - 1.75).abs() < 1e-12);
    }
}
