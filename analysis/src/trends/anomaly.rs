//! Is one week's count unusual for its series? See the [module docs](super) for the method.

use serde::Serialize;

use super::mean_and_dispersion;

/// Weeks in the trailing baseline.
pub const TRAILING_WEEKS: usize = 8;
/// A year, in weeks: the seasonal baseline reads 52 ± 1 weeks back per earlier year.
pub const YEAR_WEEKS: usize = 52;
/// Earlier years read for the seasonal baseline, at most.
pub const MAX_YEARS: usize = 5;
/// Width of the control limits, in standard deviations.
pub const LIMIT_SDS: f64 = 3.0;
/// Fewest reports in a week that can be unusually high.
pub const MIN_COUNT: u64 = 5;

/// Which baseline a check used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Baseline {
    /// The same week ± 1 in `years` earlier years, with the trailing weeks as a second check.
    Seasonal { years: usize },
    /// The eight weeks before.
    Trailing { weeks: usize },
}

/// What a check says of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Flag {
    /// Above the upper limit, with at least [`MIN_COUNT`] reports.
    High,
    /// Below a lower limit that is above zero (complete weeks only).
    Low,
    /// Within the limits, or too few reports to say.
    Usual,
    /// Fewer than eight weeks before it.
    NoHistory,
}

/// One week checked against its series.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct WeekCheck {
    pub count: u64,
    /// The expected count (the seasonal baseline when there is one, else the trailing one).
    pub expected: f64,
    /// Above this the week is high (the larger of the baselines' upper limits).
    pub upper: f64,
    /// Below this the week is low (the smaller of the lower limits; may be negative: never low).
    pub lower: f64,
    /// Variance ÷ mean of the trailing weeks, at least 1.
    pub dispersion: f64,
    /// `(count − expected) / √max(expected · φ, 1)`: how far out, for ranking.
    pub score: f64,
    pub baseline: Option<Baseline>,
    pub flag: Flag,
}

/// Checks week `at` of `counts` (one count per week, oldest first, no gaps). `complete` is false
/// for a week still in progress, which can be high but never low.
///
/// # Panics
/// Never: an `at` past the end is read as a week of no history.
pub fn check_week(counts: &[u64], at: usize, complete: bool) -> WeekCheck {
    let count = counts.get(at).copied().unwrap_or(0);
    if at < TRAILING_WEEKS || at >= counts.len() {
        return WeekCheck {
            count,
            expected: 0.0,
            upper: f64::INFINITY,
            lower: f64::NEG_INFINITY,
            dispersion: 1.0,
            score: 0.0,
            baseline: None,
            flag: Flag::NoHistory,
        };
    }
    let (trailing, dispersion) = mean_and_dispersion(&counts[at - TRAILING_WEEKS..at]);
    let limits = |baseline: f64| {
        let sd = (baseline * dispersion).max(1.0).sqrt();
        (baseline - LIMIT_SDS * sd, baseline + LIMIT_SDS * sd)
    };
    let (mut lower, mut upper) = limits(trailing);
    let mut expected = trailing;
    let mut baseline = Baseline::Trailing {
        weeks: TRAILING_WEEKS,
    };
    if let Some((seasonal, years)) = seasonal_mean(counts, at) {
        let (l, u) = limits(seasonal);
        lower = lower.min(l);
        upper = upper.max(u);
        expected = seasonal;
        baseline = Baseline::Seasonal { years };
    }
    let c = count as f64;
    let flag = if c > upper && count >= MIN_COUNT {
        Flag::High
    } else if complete && lower > 0.0 && c < lower {
        Flag::Low
    } else {
        Flag::Usual
    };
    WeekCheck {
        count,
        expected,
        upper,
        lower,
        dispersion,
        score: (c - expected) / (expected * dispersion).max(1.0).sqrt(),
        baseline: Some(baseline),
        flag,
    }
}

/// The mean of weeks `at − 52·y + {−1, 0, 1}` for each earlier year `y` whose three weeks are
/// all in the series (up to [`MAX_YEARS`]), and how many years that was.
fn seasonal_mean(counts: &[u64], at: usize) -> Option<(f64, usize)> {
    let mut sum = 0u64;
    let mut n = 0usize;
    let mut years = 0usize;
    for year in 1..=MAX_YEARS {
        let Some(centre) = at.checked_sub(YEAR_WEEKS * year) else {
            break;
        };
        if centre == 0 {
            break;
        }
        sum += counts[centre - 1..=centre + 1].iter().sum::<u64>();
        n += 3;
        years += 1;
    }
    (years > 0).then(|| (sum as f64 / n as f64, years))
}

#[cfg(test)]
mod tests {
    use super::super::testing::poisson;
    use super::*;

    #[test]
    fn a_steady_poisson_series_flags_rarely() {
        for (lambda, seed) in [(3.0, 1), (12.0, 2), (40.0, 3)] {
            let counts = poisson(lambda, 2_000, seed);
            let flagged = (TRAILING_WEEKS..counts.len())
                .filter(|&at| matches!(check_week(&counts, at, true).flag, Flag::High | Flag::Low))
                .count();
            let rate = flagged as f64 / (counts.len() - TRAILING_WEEKS) as f64;
            assert!(rate < 0.01, "mean {lambda}: {flagged} flags, rate {rate}");
        }
    }

    #[test]
    fn a_planted_spike_and_a_drop_are_flagged() {
        let mut counts = poisson(30.0, 30, 7);
        counts[29] = 80;
        let check = check_week(&counts, 29, true);
        assert_eq!(check.flag, Flag::High, "{check:?}");
        assert!(check.score > 3.0);
        assert_eq!(check.baseline, Some(Baseline::Trailing { weeks: 8 }));
        counts[29] = 0;
        assert_eq!(check_week(&counts, 29, true).flag, Flag::Low);
        // A week still in progress is not low for having few reports so far.
        assert_eq!(check_week(&counts, 29, false).flag, Flag::Usual);
    }

    #[test]
    fn low_counts_never_flag() {
        // Nothing for eight weeks, then four reports: far above a baseline of 0, but too few.
        let mut counts = vec![0; 20];
        counts[19] = 4;
        assert_eq!(check_week(&counts, 19, true).flag, Flag::Usual);
        counts[19] = 5;
        assert_eq!(check_week(&counts, 19, true).flag, Flag::High);
        // About one a week: the lower limit is below zero, so an empty week is usual.
        let ones = [1, 2, 1, 0, 1, 1, 2, 1, 0];
        let check = check_week(&ones, 8, true);
        assert!(check.lower < 0.0);
        assert_eq!(check.flag, Flag::Usual);
        // Too little history to say anything.
        assert_eq!(check_week(&[9, 9, 9, 50], 3, true).flag, Flag::NoHistory);
        assert_eq!(check_week(&[], 0, true).flag, Flag::NoHistory);
    }

    #[test]
    fn a_seasonal_baseline_is_used_when_a_year_exists() {
        // A busy season every year (weeks 29–31 of each year): 10 a week, 50 in the season.
        let mut counts = vec![10u64; 52 * 2 + 32];
        for year in 0..3 {
            for week in 29..=31 {
                counts[year * 52 + week] = 50;
            }
        }
        // The season's first week this year: 52 ± 1 weeks back are 10, 50, 50 each year.
        let at = 2 * 52 + 29;
        let check = check_week(&counts, at, true);
        assert_eq!(check.baseline, Some(Baseline::Seasonal { years: 2 }));
        assert!((check.expected - 110.0 / 3.0).abs() < 1e-9);
        assert_eq!(check.flag, Flag::Usual, "busy every year: {check:?}");
        // Without the earlier years the same week would be a spike against the trailing weeks.
        let short = &counts[at - 20..=at];
        let trailing = check_week(short, 20, true);
        assert_eq!(trailing.baseline, Some(Baseline::Trailing { weeks: 8 }));
        assert_eq!(trailing.flag, Flag::High);
        // A year of history is 53 weeks before the week (52 ± 1).
        assert!(matches!(
            check_week(&counts[..54], 53, true).baseline,
            Some(Baseline::Seasonal { years: 1 })
        ));
        assert!(matches!(
            check_week(&counts[..53], 52, true).baseline,
            Some(Baseline::Trailing { .. })
        ));
    }

    #[test]
    fn a_spike_above_a_seasonal_baseline_still_flags() {
        let mut counts = poisson(15.0, 52 * 2, 11);
        let at = counts.len() - 1;
        counts[at] = 70;
        let check = check_week(&counts, at, true);
        assert!(matches!(
            check.baseline,
            Some(Baseline::Seasonal { years: 1 })
        ));
        assert_eq!(check.flag, Flag::High);
    }

    #[test]
    fn overdispersion_widens_the_limits() {
        let calm = [10, 10, 11, 9, 10, 10, 11, 9, 25];
        let wild = [2, 20, 5, 18, 1, 19, 3, 12, 25];
        let calm = check_week(&calm, 8, true);
        let wild = check_week(&wild, 8, true);
        assert!((calm.dispersion - 1.0).abs() < 1e-9);
        assert!(wild.dispersion > 5.0);
        assert_eq!(calm.flag, Flag::High);
        assert_eq!(wild.flag, Flag::Usual);
    }
}
