//! Is a series rising? The last four weeks against the eight before; see the
//! [module docs](super) for the test.

use serde::Serialize;

use super::mean_and_dispersion;

/// Recent weeks compared.
pub const RECENT_WEEKS: usize = 4;
/// Earlier weeks they are compared with.
pub const BEFORE_WEEKS: usize = 8;
/// The recent weekly rate must be at least this many times the earlier one (or the other way
/// round, for falling).
pub const MIN_RATIO: f64 = 1.25;
/// Fewest reports in the recent weeks for a rise (in the earlier weeks, for a fall).
pub const MIN_RECENT: u64 = 8;
/// One-sided significance level.
pub const ALPHA: f64 = 0.01;

/// Which way a series moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Trend {
    Rising,
    Falling,
    Steady,
}

/// The last four weeks against the eight before.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rise {
    /// Reports in the last four weeks.
    pub recent: u64,
    /// Reports in the eight weeks before.
    pub before: u64,
    /// Recent weekly rate ÷ earlier weekly rate (`None` when there were none before).
    pub ratio: Option<f64>,
    /// One-sided p-value in the direction of the change (1 when there is none).
    pub p_value: f64,
    /// Variance ÷ mean of the eight earlier weeks, at least 1; counts were divided by it.
    pub dispersion: f64,
    pub trend: Trend,
}

/// The rise of `counts` (one count per week, oldest first) over the four weeks ending with week
/// `at`; `None` with fewer than twelve weeks.
pub fn rise(counts: &[u64], at: usize) -> Option<Rise> {
    if at >= counts.len() || at + 1 < RECENT_WEEKS + BEFORE_WEEKS {
        return None;
    }
    let start = at + 1 - RECENT_WEEKS - BEFORE_WEEKS;
    let earlier = &counts[start..start + BEFORE_WEEKS];
    let recent: u64 = counts[start + BEFORE_WEEKS..=at].iter().sum();
    let before: u64 = earlier.iter().sum();
    let (_, dispersion) = mean_and_dispersion(earlier);
    // Quasi-Poisson: counts ÷ φ behave like Poisson counts.
    let r = (recent as f64 / dispersion).round() as u64;
    let b = (before as f64 / dispersion).round() as u64;
    let p0 = RECENT_WEEKS as f64 / (RECENT_WEEKS + BEFORE_WEEKS) as f64;
    let rate = |n: u64, weeks: usize| n as f64 / weeks as f64;
    let ratio = (before > 0).then(|| rate(recent, RECENT_WEEKS) / rate(before, BEFORE_WEEKS));
    let up = ratio.is_none_or(|q| q > 1.0) && recent > 0;
    let down = ratio.is_some_and(|q| q < 1.0);
    let p_value = if up {
        binomial_upper_tail(r + b, p0, r)
    } else if down {
        binomial_upper_tail(r + b, 1.0 - p0, b)
    } else {
        1.0
    };
    // Sustained, not one busy week (the anomaly flag's business): without its busiest week the
    // recent weeks still run at least `MIN_RATIO` times the earlier rate.
    let busiest = counts[start + BEFORE_WEEKS..=at]
        .iter()
        .copied()
        .max()
        .unwrap_or(0);
    let sustained = recent > busiest
        && rate(recent - busiest, RECENT_WEEKS - 1) >= MIN_RATIO * rate(before, BEFORE_WEEKS);
    let trend = if up
        && sustained
        && recent >= MIN_RECENT
        && ratio.is_none_or(|q| q >= MIN_RATIO)
        && p_value < ALPHA
    {
        Trend::Rising
    } else if down
        && before >= MIN_RECENT
        && ratio.is_some_and(|q| q * MIN_RATIO <= 1.0)
        && p_value < ALPHA
    {
        Trend::Falling
    } else {
        Trend::Steady
    };
    Some(Rise {
        recent,
        before,
        ratio,
        p_value,
        dispersion,
        trend,
    })
}

/// `P(X ≥ k)` for `X ~ Binomial(n, p)`, summed in log space (no underflow for large `n`).
pub fn binomial_upper_tail(n: u64, p: f64, k: u64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    // log pmf(k) = ln C(n, k) + k ln p + (n − k) ln q, with ln C(n, k) summed term by term.
    let ln_choose: f64 = (1..=k)
        .map(|i| ((n - k + i) as f64).ln() - (i as f64).ln())
        .sum();
    let mut log_pmf = ln_choose + k as f64 * lp + (n - k) as f64 * lq;
    let first = log_pmf;
    let mut total = 1.0; // Σ pmf(i) / pmf(k)
    for i in k..n {
        log_pmf += ((n - i) as f64).ln() - ((i + 1) as f64).ln() + lp - lq;
        let term = (log_pmf - first).exp();
        total += term;
        if term < 1e-17 * total {
            break;
        }
    }
    (first.exp() * total).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::super::testing::poisson;
    use super::*;

    #[test]
    fn the_binomial_tail_is_exact() {
        // P(X ≥ 2) for Binomial(3, 0.5) = 4/8.
        assert!((binomial_upper_tail(3, 0.5, 2) - 0.5).abs() < 1e-12);
        assert!((binomial_upper_tail(10, 0.3, 0) - 1.0).abs() < 1e-12);
        assert_eq!(binomial_upper_tail(10, 0.3, 11), 0.0);
        // P(X ≥ 10) for Binomial(10, 1/3) = 3^-10.
        let p = binomial_upper_tail(10, 1.0 / 3.0, 10);
        assert!((p - 3f64.powi(-10)).abs() < 1e-15, "{p}");
        // Large n does not underflow: the mean of Binomial(90000, 1/3) is 30000.
        let p = binomial_upper_tail(90_000, 1.0 / 3.0, 30_000);
        assert!((0.4..0.6).contains(&p), "{p}");
    }

    #[test]
    fn a_clear_rise_rises_and_noise_does_not() {
        let mut counts = vec![10, 9, 11, 10, 10, 12, 8, 10];
        counts.extend([20, 22, 19, 24]);
        let r = rise(&counts, 11).expect("twelve weeks");
        assert_eq!((r.recent, r.before), (85, 80));
        assert_eq!(r.trend, Trend::Rising);
        assert!(r.p_value < 1e-4, "{r:?}");
        // A few more reports in a small series is not a rise.
        let small = [1, 0, 1, 0, 1, 0, 1, 0, 2, 1, 2, 1];
        assert_eq!(rise(&small, 11).map(|r| r.trend), Some(Trend::Steady));
        // From nothing to a handful: too few.
        let handful = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 1, 2];
        assert_eq!(rise(&handful, 11).map(|r| r.trend), Some(Trend::Steady));
        let falling = [20, 22, 19, 24, 20, 22, 19, 24, 5, 6, 4, 5];
        assert_eq!(rise(&falling, 11).map(|r| r.trend), Some(Trend::Falling));
        assert_eq!(rise(&counts, 10), None);
    }

    #[test]
    fn one_busy_week_is_not_a_rise() {
        // Twelve a week, then one week of 40: unusual (the anomaly flag), but not rising.
        let mut spike = vec![12; 11];
        spike.push(40);
        let r = rise(&spike, 11).expect("twelve weeks");
        assert!(r.p_value < ALPHA, "the four weeks are up: {r:?}");
        assert_eq!(r.trend, Trend::Steady);
        let mut steady_rise = vec![12; 8];
        steady_rise.extend([20, 22, 24, 40]);
        assert_eq!(rise(&steady_rise, 11).map(|r| r.trend), Some(Trend::Rising));
    }

    #[test]
    fn steady_poisson_series_rarely_rise() {
        let mut rises = 0;
        let mut tried = 0;
        for seed in 0..20 {
            let counts = poisson(15.0, 200, seed);
            for at in 11..counts.len() {
                tried += 1;
                if rise(&counts, at).map(|r| r.trend) == Some(Trend::Rising) {
                    rises += 1;
                }
            }
        }
        let rate = rises as f64 / tried as f64;
        assert!(rate < 0.01, "{rises} of {tried}");
    }

    #[test]
    fn overdispersed_series_need_more_to_rise() {
        // Erratic earlier weeks: the same recent weeks are less surprising.
        let calm = [10, 11, 9, 10, 10, 11, 9, 10, 16, 17, 15, 16];
        let wild = [1, 25, 2, 19, 0, 22, 3, 8, 16, 17, 15, 16];
        let calm = rise(&calm, 11).expect("calm");
        let wild = rise(&wild, 11).expect("wild");
        assert_eq!(calm.before, wild.before);
        assert_eq!(calm.trend, Trend::Rising);
        assert_eq!(wild.trend, Trend::Steady);
        assert!(wild.p_value > calm.p_value);
    }
}
