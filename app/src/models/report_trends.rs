//! Weekly counts of resident reports, as the trends page and `GET /api/v1/reports/trends` see
//! them: per category, per theme, per council district and per ZIP, each with its latest complete
//! week checked for an unusual count and its last four weeks for a rise, and the district × category
//! and ZIP × category cells unusually high that week (the method is `analysis::trends`).

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::format_description;

/// What to count (query parameters; every one optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
pub struct TrendsFilter {
    /// Only reports in this category (given, or predicted with confidence).
    pub category: Option<String>,
    /// Only reports from this council district.
    pub district: Option<String>,
    /// Only reports from this ZIP code.
    pub zip: Option<String>,
    /// Only reports made on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only reports made on or before this day (`YYYY-MM-DD`); the checked week is the last
    /// complete one up to it.
    pub to: Option<String>,
}

/// A filter value that cannot be used: which field, and the value given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FilterProblem {
    pub field: String,
    pub value: String,
    /// What is wrong, in English (the page says it in the staff language).
    pub message: String,
}

impl TrendsFilter {
    /// Blank values read as absent.
    pub fn normalised(self) -> TrendsFilter {
        let keep = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        TrendsFilter {
            category: keep(self.category),
            district: keep(self.district),
            zip: keep(self.zip),
            from: keep(self.from),
            to: keep(self.to),
        }
    }

    /// The date range, or the first field that is not a date (or a `from` after `to`).
    pub fn dates(&self) -> Result<(Option<Date>, Option<Date>), FilterProblem> {
        let day = format_description!("[year]-[month]-[day]");
        let parse = |field: &str, v: &Option<String>| match v {
            None => Ok(None),
            Some(s) => Date::parse(s, day).map(Some).map_err(|_| FilterProblem {
                field: field.to_owned(),
                value: s.clone(),
                message: format!("`{field}` must be a day written YYYY-MM-DD, not “{s}”"),
            }),
        };
        let from = parse("from", &self.from)?;
        let to = parse("to", &self.to)?;
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(FilterProblem {
                field: "from".to_owned(),
                value: self.from.clone().unwrap_or_default(),
                message: format!("`from` ({f}) is after `to` ({t})"),
            });
        }
        Ok((from, to))
    }
}

/// What a check says of a week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WeekFlag {
    /// Unusually high: above the upper limit, with at least 5 reports.
    High,
    /// Unusually low: below a lower limit above zero.
    Low,
    /// Within the limits.
    Usual,
    /// Fewer than eight weeks before it: not checked.
    NoHistory,
}

/// One week checked against its series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WeekCheck {
    pub count: u64,
    /// The expected count: the seasonal baseline when there is one, else the trailing one.
    pub expected: f64,
    /// Above this the week is unusually high.
    pub upper: f64,
    /// Below this the week is unusually low (never when it is not above zero).
    pub lower: f64,
    /// Variance ÷ mean of the eight weeks before, at least 1.
    pub dispersion: f64,
    /// Standard deviations above (below, negative) the expected count.
    pub score: f64,
    /// Earlier years the seasonal baseline read (0: the trailing eight weeks only).
    pub seasonal_years: usize,
    pub flag: WeekFlag,
}

/// The last four weeks against the eight before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WeekRise {
    pub recent: u64,
    pub before: u64,
    /// Recent weekly rate ÷ earlier weekly rate (`None`: none before).
    pub ratio: Option<f64>,
    /// One-sided p-value in the direction of the change.
    pub p_value: f64,
    pub rising: bool,
    pub falling: bool,
}

/// One weekly series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrendSeries {
    /// The category, theme label, district or ZIP.
    pub name: String,
    /// The theme's stable id (themes only).
    pub theme: Option<String>,
    /// Reports per week, one per entry of [`TrendsReport::weeks`].
    pub counts: Vec<u64>,
    pub total: u64,
    /// The checked week ([`TrendsReport::checked_week`]).
    pub check: Option<WeekCheck>,
    /// The four weeks up to the checked week against the eight before.
    pub rise: Option<WeekRise>,
}

/// Council district or ZIP code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AreaKind {
    District,
    Zip,
}

/// An area × category unusually high in the checked week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Hotspot {
    pub kind: AreaKind,
    pub area: String,
    pub category: String,
    pub check: WeekCheck,
}

/// How the reports were counted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Counted {
    /// Reports with a date that match the filter.
    pub reports: u64,
    /// Reports left out for having no date (matching the other filters).
    pub undated: u64,
    /// Reports without a given category counted under their predicted one.
    pub by_prediction: u64,
    /// Reports in no category (none given, no confident prediction).
    pub uncategorised: u64,
    /// The confidence from which a prediction counts (the classifier's flag threshold).
    pub confidence: Option<f64>,
    /// The analysis run whose themes reports carry.
    pub theme_run: Option<i32>,
    /// Reports with a theme.
    pub with_theme: u64,
}

/// Everything the trends page and API give.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrendsReport {
    /// The weeks counted (their Mondays, `YYYY-MM-DD`), oldest first; ISO weeks, Monday to
    /// Sunday, in UTC.
    pub weeks: Vec<String>,
    /// The week checked: the last complete one (its Monday).
    pub checked_week: Option<String>,
    /// Whether the last of `weeks` is still in progress (after the checked week).
    pub partial_last: bool,
    pub categories: Vec<TrendSeries>,
    pub themes: Vec<TrendSeries>,
    pub districts: Vec<TrendSeries>,
    pub zips: Vec<TrendSeries>,
    /// District × category and ZIP × category unusually high in the checked week, furthest out
    /// first.
    pub hotspots: Vec<Hotspot>,
    pub counted: Counted,
    /// Every category, district and ZIP in the reports, for the filter form.
    pub category_options: Vec<String>,
    pub district_options: Vec<String>,
    pub zip_options: Vec<String>,
    pub filter: TrendsFilter,
    /// A filter value that was not used, and why.
    pub problem: Option<FilterProblem>,
}

/// The series of `series` that are rising, most significant first.
pub fn rising(series: &[TrendSeries]) -> Vec<&TrendSeries> {
    let mut out: Vec<&TrendSeries> = series
        .iter()
        .filter(|s| s.rise.as_ref().is_some_and(|r| r.rising))
        .collect();
    let p = |s: &TrendSeries| s.rise.as_ref().map_or(1.0, |r| r.p_value);
    out.sort_by(|a, b| p(a).total_cmp(&p(b)).then(a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_named() {
        let f = TrendsFilter {
            from: Some(" 2026-01-05 ".into()),
            to: Some("".into()),
            ..Default::default()
        }
        .normalised();
        assert_eq!(f.to, None);
        assert!(f.dates().is_ok_and(|(from, _)| from.is_some()));
        let bad = TrendsFilter {
            to: Some("5/1/2026".into()),
            ..Default::default()
        };
        let problem = bad.dates().expect_err("not a day");
        assert_eq!(problem.field, "to");
        assert!(problem.message.contains("5/1/2026"));
        let backwards = TrendsFilter {
            from: Some("2026-02-01".into()),
            to: Some("2026-01-01".into()),
            ..Default::default()
        };
        assert_eq!(backwards.dates().expect_err("backwards").field, "from");
    }
}
