//! Weekly report counts read for what is unusual: a week far above (or below) what the series
//! leads one to expect ([`anomaly`]), and a series whose last four weeks run clearly ahead of the
//! eight before ([`rising`]). Pure functions over counts per week (oldest first, one entry per
//! week, zeros included), so the server can apply them to any series: a category, a theme, a
//! council district × category, a ZIP × category.
//!
//! # The anomaly flag
//!
//! 1. **Baseline.** With at least a year of history, the *seasonal* baseline: the mean of the same
//!    week a year earlier and the weeks either side of it (52 ± 1 weeks back), for each earlier
//!    year in the data up to five (the CDC's "historical limits" method, Stroup et al. 1989). In
//!    every case also the *trailing* baseline: the mean of the eight weeks before the week.
//! 2. **Dispersion.** Report counts vary more than a Poisson count would (a storm, a cleanup day):
//!    `φ` = variance ÷ mean of the eight trailing weeks, never below 1 (Poisson).
//! 3. **Control limits.** `baseline ± 3 · √max(baseline · φ, 1)`. With a seasonal baseline the
//!    week must be outside *both* baselines' limits: a week busy every year is not unusual, nor is
//!    one that only follows a year-on-year rise.
//! 4. **Minimum counts.** A week is unusually high only with at least [`MIN_COUNT`] reports, and
//!    unusually low only when its lower limit is above zero, so a series of a few reports a week
//!    never flags. A week still in progress is checked for high counts only.
//!
//! With these limits a steady series is flagged in well under one week in a hundred; a page that
//! checks hundreds of series (every district × category) will still show an occasional flag by
//! chance, which is why each flag shows the count, the expected count and the limit.
//!
//! # Rising
//!
//! The last four weeks against the eight before, as rates per week. Under "no change" the recent
//! share of the twelve weeks' reports is binomial with `p = 4/12` (the conditional test of two
//! Poisson rates); counts are first divided by the dispersion `φ` of the eight earlier weeks. A
//! series is rising when the recent rate is at least [`rising::MIN_RATIO`] times the earlier one,
//! the recent weeks hold at least [`rising::MIN_RECENT`] reports, the one-sided p-value is
//! below [`rising::ALPHA`], and the rise is sustained: without its busiest week the recent weeks
//! still run at least [`rising::MIN_RATIO`] times the earlier rate (one busy week is the anomaly
//! flag's business, not a trend).
//!
//! ```
//! use analysis::trends::{Flag, check_week};
//!
//! let mut counts = vec![10, 12, 9, 11, 10, 13, 9, 10];
//! counts.push(40);
//! let check = check_week(&counts, counts.len() - 1, true);
//! assert_eq!(check.flag, Flag::High);
//! ```

pub mod anomaly;
pub mod rising;

pub use anomaly::{Baseline, Flag, MIN_COUNT, WeekCheck, check_week};
pub use rising::{Rise, Trend, rise};

/// Mean and the variance ÷ mean ratio (floored at 1) of `counts`.
pub(crate) fn mean_and_dispersion(counts: &[u64]) -> (f64, f64) {
    if counts.is_empty() {
        return (0.0, 1.0);
    }
    let n = counts.len() as f64;
    let mean = counts.iter().sum::<u64>() as f64 / n;
    if mean <= 0.0 || counts.len() < 2 {
        return (mean, 1.0);
    }
    let variance = counts
        .iter()
        .map(|&c| (c as f64 - mean).powi(2))
        .sum::<f64>()
        / (n - 1.0);
    (mean, (variance / mean).max(1.0))
}

#[cfg(test)]
pub(crate) mod testing {
    use rand::{Rng, SeedableRng};
    use rand_xoshiro::Xoshiro256Plus;

    /// `n` Poisson counts of mean `lambda` (Knuth's method; fine for small means), seeded.
    pub fn poisson(lambda: f64, n: usize, seed: u64) -> Vec<u64> {
        let mut rng = Xoshiro256Plus::seed_from_u64(seed);
        let limit = (-lambda).exp();
        (0..n)
            .map(|_| {
                let mut k = 0;
                let mut p: f64 = rng.r#gen();
                while p > limit {
                    k += 1;
                    p *= rng.r#gen::<f64>();
                }
                k
            })
            .collect()
    }
}
