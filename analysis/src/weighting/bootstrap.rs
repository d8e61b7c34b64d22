//! Rao–Wu rescaling bootstrap with raking redone per replicate (method.md §3.5).
//!
//! Strata are council districts (respondents missing the stratum variable form one more
//! stratum), PSU = respondent, `m_h = n_h − 1` draws with replacement in each stratum, no
//! finite-population correction, so the replicate base weight is `r_i · n_h / (n_h − 1)`
//! (`r_i` = times drawn). Each replicate is raked and trimmed again from those base weights,
//! combined with the (fixed) equity multipliers, and every theme estimated under all three
//! schemes. Theme assignments are held fixed: intervals are conditional on the clustering.
//!
//! Replicate `b` uses a Xoshiro256++ generator seeded from the run seed and jumped `b` times,
//! so results are identical whatever the number of threads.

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::combine::combine;
use super::diagnostics::quantile_sorted;
use super::params::PrioritySettings;
use super::priority::{Estimates, Interval, ThemeData, ranks};
use super::raking::RakingDesign;

/// Bootstrap bookkeeping stored with the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BootstrapReport {
    /// Replicates drawn.
    pub replicates: usize,
    /// Seed.
    pub seed: u64,
    /// Strata (name and respondents), sorted by name; `(missing)` last.
    pub strata: Vec<(String, usize)>,
    /// Replicates whose raking did not reach the tolerance (their weights are still used;
    /// usually rake ↔ trim alternation stopping at `max_trim_cycles`).
    pub non_converged: usize,
    /// Largest relative margin error over all replicates' final weights.
    pub worst_margin_error: f64,
}

/// Respondent indices per stratum.
pub(crate) struct Strata {
    pub names: Vec<String>,
    pub members: Vec<Vec<usize>>,
}

/// Rescaled replicate base weights for one draw.
pub(crate) fn replicate_base(strata: &Strata, n: usize, rng: &mut Xoshiro256PlusPlus) -> Vec<f64> {
    let mut w = vec![1.0; n];
    for members in &strata.members {
        let nh = members.len();
        if nh < 2 {
            continue;
        }
        let mut drawn = vec![0u32; nh];
        for _ in 0..nh - 1 {
            drawn[rng.gen_range(0..nh as u64) as usize] += 1;
        }
        let scale = nh as f64 / (nh - 1) as f64;
        for (&i, &r) in members.iter().zip(&drawn) {
            w[i] = f64::from(r) * scale;
        }
    }
    w
}

/// Per-replicate estimates under the three schemes.
pub(crate) struct Replicate {
    pub schemes: [Estimates; 3],
    pub converged: bool,
    pub max_error: f64,
}

/// Runs `replicates` bootstrap replicates in parallel, deterministically.
pub(crate) fn run(
    design: &RakingDesign,
    strata: &Strata,
    multipliers: &[f64],
    data: &ThemeData,
    settings: &PrioritySettings,
    replicates: usize,
    seed: u64,
) -> Vec<Replicate> {
    let mut master = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut rngs = Vec::with_capacity(replicates);
    for _ in 0..replicates {
        rngs.push(master.clone());
        master.jump();
    }
    rngs.into_par_iter()
        .map(|mut rng| {
            let base = replicate_base(strata, design.n, &mut rng);
            let raked = design.rake(&base);
            let equity = combine(&raked.weights, multipliers);
            Replicate {
                schemes: [
                    data.estimate(&base, settings),
                    data.estimate(&raked.weights, settings),
                    data.estimate(&equity, settings),
                ],
                converged: raked.converged,
                max_error: raked.max_error,
            }
        })
        .collect()
}

/// Interval summaries of one theme under one scheme.
pub(crate) struct ThemeIntervals {
    pub share_ci90: Interval,
    pub share_ci95: Interval,
    pub share_sd: f64,
    pub priority_ci90: Interval,
    pub priority_ci95: Interval,
    pub rank_ci95: [usize; 2],
    pub p_top_k: f64,
}

fn interval(sorted: &[f64], level: f64) -> Interval {
    let a = (1.0 - level) / 2.0;
    Interval {
        lower: quantile_sorted(sorted, a),
        upper: quantile_sorted(sorted, 1.0 - a),
    }
}

/// Percentile intervals for every theme under scheme `s` (0 unweighted, 1 raked, 2 equity).
pub(crate) fn summarise(
    reps: &[Replicate],
    s: usize,
    themes: usize,
    top_k: usize,
) -> Vec<ThemeIntervals> {
    let rep_ranks: Vec<Vec<usize>> = reps.iter().map(|r| ranks(&r.schemes[s].priority)).collect();
    (0..themes)
        .map(|t| {
            let mut share: Vec<f64> = reps.iter().map(|r| r.schemes[s].share[t]).collect();
            let mut prio: Vec<f64> = reps.iter().map(|r| r.schemes[s].priority[t]).collect();
            let mut rank: Vec<f64> = rep_ranks.iter().map(|r| r[t] as f64).collect();
            let b = share.len() as f64;
            let mean = share.iter().sum::<f64>() / b;
            let var = share.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (b - 1.0).max(1.0);
            let top = rank.iter().filter(|&&r| r <= top_k as f64).count() as f64 / b;
            share.sort_by(f64::total_cmp);
            prio.sort_by(f64::total_cmp);
            rank.sort_by(f64::total_cmp);
            let r95 = interval(&rank, 0.95);
            ThemeIntervals {
                share_ci90: interval(&share, 0.90),
                share_ci95: interval(&share, 0.95),
                share_sd: var.sqrt(),
                priority_ci90: interval(&prio, 0.90),
                priority_ci95: interval(&prio, 0.95),
                rank_ci95: [r95.lower.floor() as usize, r95.upper.ceil() as usize],
                p_top_k: top,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replicate_weights_keep_stratum_totals() {
        let strata = Strata {
            names: vec!["a".into(), "b".into(), "c".into()],
            members: vec![(0..5).collect(), (5..12).collect(), vec![12]],
        };
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let w = replicate_base(&strata, 13, &mut rng);
        // m_h = n_h − 1 draws scaled by n_h/(n_h − 1): each stratum keeps total n_h.
        assert!((w[0..5].iter().sum::<f64>() - 5.0).abs() < 1e-12);
        assert!((w[5..12].iter().sum::<f64>() - 7.0).abs() < 1e-12);
        assert_eq!(w[12], 1.0);
    }
}
