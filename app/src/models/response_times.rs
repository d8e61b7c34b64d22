//! How long reports take to close, as pages and the API see it: per category, department, council
//! district and equity area. Computed in Rust from the stored reports (the same on SQLite and
//! PostgreSQL), see [`ResponseTimes::tally`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The equity-area groups, by key: reports in high-need areas (score at or beyond the active
/// weighting configuration's `high_need_threshold`), in other scored areas, with a ZIP code the
/// equity index does not cover, and without a ZIP code.
pub const HIGH_NEED: &str = "high_need";
pub const OTHER_AREAS: &str = "other";
pub const UNMATCHED: &str = "unmatched";
pub const NO_ZIP: &str = "no_zip";
/// The group of reports without a category, department or district.
pub const NONE: &str = "(none)";

/// One group's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ResponseTime {
    /// The category, department, district or equity group (see [`HIGH_NEED`] …; [`NONE`] when
    /// reports have none).
    pub group: String,
    /// Reports the source says are closed.
    pub closed: u64,
    /// Reports not closed (open, or no status given).
    pub open: u64,
    /// Closed reports with both a requested and a closed date, closed no earlier than requested:
    /// the ones the days below are computed from.
    pub timed: u64,
    /// Median days from request to close (`None` when none is timed).
    pub median_days: Option<f64>,
    /// 90th percentile of the days to close.
    pub p90_days: Option<f64>,
}

/// Response times overall and per group, largest groups first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ResponseTimes {
    pub overall: Option<ResponseTime>,
    pub by_category: Vec<ResponseTime>,
    /// By the department each report's category is routed to (the given category's route, else
    /// the predicted one's, as in `GET /api/v1/reports`).
    pub by_department: Vec<ResponseTime>,
    pub by_district: Vec<ResponseTime>,
    /// `high_need`, `other`, `unmatched`, `no_zip` (empty without an active equity index).
    pub by_equity_area: Vec<ResponseTime>,
    /// By equity score band: the index's scale in four equal bands, written `lo–hi`.
    pub by_equity_band: Vec<ResponseTime>,
    /// The equity index used, with the weighting configuration's version.
    pub equity_index: Option<String>,
    pub high_need_threshold: Option<f64>,
}

/// One report as the tally reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Timed {
    pub category: Option<String>,
    pub department: Option<String>,
    pub district: Option<String>,
    /// The equity group key and score band, when an equity index is active.
    pub equity_area: Option<String>,
    pub equity_band: Option<String>,
    pub closed: bool,
    /// Days from request to close (closed reports with both dates, in order).
    pub days: Option<f64>,
}

/// The `q`-quantile (0 ≤ q ≤ 1) of sorted `values`, interpolating between neighbours (Hyndman
/// and Fan's type 7, as R and NumPy do by default; the 0.5-quantile is the usual median).
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

#[derive(Default)]
struct Group {
    closed: u64,
    open: u64,
    days: Vec<f64>,
}

impl Group {
    fn add(&mut self, t: &Timed) {
        if t.closed {
            self.closed += 1;
        } else {
            self.open += 1;
        }
        if let Some(d) = t.days {
            self.days.push(d);
        }
    }

    fn figures(mut self, group: String) -> ResponseTime {
        self.days.sort_by(f64::total_cmp);
        ResponseTime {
            group,
            closed: self.closed,
            open: self.open,
            timed: self.days.len() as u64,
            median_days: quantile(&self.days, 0.5),
            p90_days: quantile(&self.days, 0.9),
        }
    }
}

fn by(rows: &[Timed], key: impl Fn(&Timed) -> Option<Option<&String>>) -> Vec<ResponseTime> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for t in rows {
        if let Some(k) = key(t) {
            let name = k.cloned().unwrap_or_else(|| NONE.to_owned());
            groups.entry(name).or_default().add(t);
        }
    }
    let mut out: Vec<ResponseTime> = groups.into_iter().map(|(k, g)| g.figures(k)).collect();
    out.sort_by_key(|r| std::cmp::Reverse(r.closed + r.open));
    out
}

impl ResponseTimes {
    /// The figures of `rows`, overall and per group.
    pub fn tally(rows: &[Timed]) -> ResponseTimes {
        let overall = (!rows.is_empty()).then(|| {
            let mut all = Group::default();
            rows.iter().for_each(|t| all.add(t));
            all.figures("all".into())
        });
        let mut by_equity_area = by(rows, |t| t.equity_area.as_ref().map(Some));
        let rank = |g: &str| {
            [HIGH_NEED, OTHER_AREAS, UNMATCHED, NO_ZIP]
                .iter()
                .position(|k| *k == g)
                .unwrap_or(4)
        };
        by_equity_area.sort_by_key(|r| rank(&r.group));
        let mut by_equity_band = by(rows, |t| t.equity_band.as_ref().map(Some));
        by_equity_band.sort_by(|a, b| a.group.cmp(&b.group));
        ResponseTimes {
            overall,
            by_category: by(rows, |t| Some(t.category.as_ref())),
            by_department: by(rows, |t| Some(t.department.as_ref())),
            by_district: by(rows, |t| Some(t.district.as_ref())),
            by_equity_area,
            by_equity_band,
            equity_index: None,
            high_need_threshold: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[3.0], 0.9), Some(3.0));
        assert_eq!(quantile(&[1.0, 2.0, 4.0, 10.0], 0.5), Some(3.0));
        assert_eq!(quantile(&[1.0, 2.0, 3.0], 0.5), Some(2.0));
        // h = 9 × 0.9 = 8.1: 9 + 0.1 × (10 − 9).
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert!((quantile(&ten, 0.9).unwrap() - 9.1).abs() < 1e-12);
    }

    fn timed(category: &str, closed: bool, days: Option<f64>) -> Timed {
        Timed {
            category: Some(category.into()),
            department: None,
            district: None,
            equity_area: None,
            equity_band: None,
            closed,
            days,
        }
    }

    #[test]
    fn groups_count_closed_and_open_and_time_the_closed() {
        let rows = [
            timed("Pothole", true, Some(2.0)),
            timed("Pothole", true, Some(4.0)),
            timed("Pothole", false, None),
            timed("Pothole", true, None),
            timed("Graffiti", true, Some(1.0)),
        ];
        let t = ResponseTimes::tally(&rows);
        let pothole = &t.by_category[0];
        assert_eq!(pothole.group, "Pothole");
        assert_eq!((pothole.closed, pothole.open, pothole.timed), (3, 1, 2));
        assert_eq!(pothole.median_days, Some(3.0));
        assert_eq!(t.by_department[0].group, NONE);
        assert_eq!(t.overall.as_ref().unwrap().median_days, Some(2.0));
        assert!(t.by_equity_area.is_empty());
    }
}
