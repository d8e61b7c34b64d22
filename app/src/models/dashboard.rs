//! The strategy dashboard's data: one analysis run's themes ranked by equity-weighted priority,
//! with intervals, quotes, streams, trend, district breakdown and the weighting sensitivity.

use serde::{Deserialize, Serialize};

use super::closed::ClosedResults;
use super::curation::{NameSource, ThemeStatus};

/// Filters of the dashboard (query parameters).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DashboardFilter {
    /// Run to show; the latest when `None`.
    pub run: Option<i32>,
    /// Only count members from this stream.
    pub stream: Option<String>,
    /// Only count members written in this language.
    pub language: Option<String>,
    /// Only count answers to this survey (by slug).
    pub survey: Option<String>,
    /// Only count people and reports from this council district.
    pub district: Option<String>,
    /// Only count what was said on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only count what was said on or before this day (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Only themes tied to this strategy goal (id).
    #[serde(default)]
    pub goal: Option<i32>,
    /// Only themes owned by this department (id).
    #[serde(default)]
    pub department: Option<i32>,
    /// Break weighted shares down by this survey variable (default: council district).
    pub by: Option<String>,
    /// The closed question to cross with the themes, `<survey slug>:<question key>` (default:
    /// the first one answered).
    pub q: Option<String>,
    /// The question of the same survey to cross it with (default: its first demographic).
    pub against: Option<String>,
}

impl DashboardFilter {
    /// Whether any filter narrows who is counted (the run, breakdown and questions do not).
    pub fn narrows(&self) -> bool {
        [
            &self.stream,
            &self.language,
            &self.survey,
            &self.district,
            &self.from,
            &self.to,
        ]
        .iter()
        .any(|f| f.is_some())
    }
}

/// A share with its 90% bootstrap interval, when one was computed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Estimate {
    pub value: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

/// A representative quote, in its own language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QuoteView {
    pub text: String,
    /// BCP 47 code of the quote's language.
    pub lang: String,
    /// Where it came from: `response 12, question q_need`, `report 311-123` or an interview
    /// document.
    pub source: String,
    /// The staff page of the document it came from (interview notes).
    pub link: Option<String>,
    /// The quoted unit (`12:q_need`, `report:45`).
    #[serde(default)]
    pub unit: String,
    /// Approved by staff for reports and public results.
    #[serde(default)]
    pub approved: bool,
}

/// One theme on the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ThemeCard {
    pub id: String,
    /// The name shown: staff's, or one made from the theme's own answers.
    pub name: String,
    pub named_by: NameSource,
    /// The keyword label the run logged.
    pub label: String,
    /// What staff wrote about the theme.
    pub description: Option<String>,
    pub status: ThemeStatus,
    /// Themes staff showed inside this one: id and logged label.
    pub merged: Vec<(String, String)>,
    /// The theme this one was split off, for a split theme.
    pub split_from: Option<String>,
    /// New since the previous run (no earlier theme matched it).
    pub new_since_previous: bool,
    /// Rank in the previous run, when it was ranked there.
    pub previous_rank: Option<usize>,
    /// Owning department.
    pub department: Option<String>,
    /// Strategy goals it serves.
    pub goals: Vec<String>,
    pub keywords: Vec<String>,
    /// Distinct respondents or source documents among members (after the filters).
    pub respondents: usize,
    /// Unweighted share of analysed respondents (after the filters).
    pub share: f64,
    /// Equity-weighted priority rank (1 = highest), when weighted and not suppressed.
    pub rank: Option<usize>,
    /// Raked × equity share of residents, with its interval.
    pub weighted_share: Option<Estimate>,
    /// Priority score with its interval.
    pub priority: Option<Estimate>,
    /// Why the weighted figures are not shown, if they are not.
    pub suppressed: Option<String>,
    /// Respondents per stream.
    pub by_stream: Vec<(String, usize)>,
    /// Members per language.
    pub languages: Vec<(String, usize)>,
    pub quotes: Vec<QuoteView>,
    /// Members per month (`YYYY-MM`), oldest first.
    pub trend: Vec<(String, usize)>,
    /// Member unit ids (kept on the server for the theme page; never sent whole).
    #[serde(skip)]
    pub members: Vec<String>,
}

impl ThemeCard {
    /// Rank change since the previous run: positive when it rose.
    pub fn rank_change(&self) -> Option<i64> {
        Some(self.previous_rank? as i64 - self.rank? as i64)
    }
}

/// How the order of themes moves under each weighting scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SensitivityView {
    /// Theme label and its rank unweighted, raked, and raked × equity.
    pub rows: Vec<(String, usize, usize, usize)>,
    /// Kendall's τ-b between unweighted and raked × equity orders.
    pub tau_unweighted_equity: Option<f64>,
}

/// A breakdown of weighted theme shares by a variable, small cells suppressed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BreakdownView {
    pub variable: String,
    pub columns: Vec<String>,
    /// Theme label, then one share per column (`None`: suppressed).
    pub rows: Vec<(String, Vec<Option<f64>>)>,
}

/// A run in the run picker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RunChoice {
    pub id: i32,
    pub label: String,
}

/// Everything the dashboard shows for one run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DashboardData {
    pub run_id: i32,
    pub created_at: String,
    pub representation: String,
    pub n_units: usize,
    pub n_respondents: usize,
    pub unclassified: usize,
    /// What was analysed, for people (`resident, reports · 2026-01-01 to …`).
    pub scope: String,
    /// Why the run is not equity-weighted, if it is not.
    pub weighting_problem: Option<String>,
    pub themes: Vec<ThemeCard>,
    pub sensitivity: Option<SensitivityView>,
    /// The weighted breakdown by `filter.by` (council district by default).
    pub breakdown: Option<BreakdownView>,
    /// Variables a breakdown can use (the weighting's raking variables and the district).
    pub breakdown_variables: Vec<String>,
    pub runs: Vec<RunChoice>,
    pub streams: Vec<String>,
    pub languages: Vec<String>,
    /// Surveys the run analysed answers of: slug and title.
    pub surveys: Vec<(String, String)>,
    /// Council districts the run's people and reports came from.
    pub districts: Vec<String>,
    /// Why a filter was set aside (a date that is not a date).
    pub filter_problem: Option<String>,
    /// Whether staff merges or splits regrouped the run's themes (figures re-weighted).
    #[serde(default)]
    pub regrouped: bool,
    /// The run the stable theme ids were matched against.
    #[serde(default)]
    pub previous_run: Option<i32>,
    /// Strategy goals and departments to filter by: id and name.
    #[serde(default)]
    pub goals: Vec<(i32, String)>,
    #[serde(default)]
    pub departments: Vec<(i32, String)>,
    /// Results of the surveys' closed questions.
    #[serde(default)]
    pub closed: ClosedResults,
    /// Each language in the run: units, how many were detected, how they were analysed.
    #[serde(default)]
    pub language_report: Vec<super::run_languages::LanguageLine>,
    pub filter: DashboardFilter,
}

/// Which way a theme is moving.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Rising,
    Falling,
    Steady,
}

/// A theme's movement: sources in the last three months against the three before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    pub direction: Direction,
    pub recent: usize,
    pub before: usize,
}

/// Months needed before a movement is called.
const WINDOW: usize = 3;

/// Every month from the first to the last of `trends` (`YYYY-MM`), gaps included.
pub fn month_range<'a>(trends: impl IntoIterator<Item = &'a [(String, usize)]>) -> Vec<String> {
    let parse = |m: &str| -> Option<(i32, u32)> {
        let (y, mo) = m.split_once('-')?;
        Some((y.parse().ok()?, mo.parse().ok()?))
    };
    let months: Vec<(i32, u32)> = trends
        .into_iter()
        .flat_map(|t| t.iter().filter_map(|(m, _)| parse(m)))
        .collect();
    let (Some(first), Some(last)) = (months.iter().min(), months.iter().max()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut y, mut m) = *first;
    while (y, m) <= *last && out.len() < 600 {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// `trend` counted over every month of `months` (zero where it has none).
pub fn filled(trend: &[(String, usize)], months: &[String]) -> Vec<usize> {
    months
        .iter()
        .map(|m| trend.iter().find(|(t, _)| t == m).map_or(0, |(_, n)| *n))
        .collect()
}

/// How a theme moved over the run's last six months (`counts` per month, oldest first): rising
/// when the last three months have at least a quarter more sources and three more than the three
/// before, falling the other way; `None` with fewer than six months.
pub fn movement(counts: &[usize]) -> Option<Movement> {
    if counts.len() < 2 * WINDOW {
        return None;
    }
    let recent: usize = counts[counts.len() - WINDOW..].iter().sum();
    let before: usize = counts[counts.len() - 2 * WINDOW..counts.len() - WINDOW]
        .iter()
        .sum();
    let direction = if recent * 4 >= before * 5 && recent >= before + 3 {
        Direction::Rising
    } else if before * 4 >= recent * 5 && before >= recent + 3 {
        Direction::Falling
    } else {
        Direction::Steady
    };
    Some(Movement {
        direction,
        recent,
        before,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trend(items: &[(&str, usize)]) -> Vec<(String, usize)> {
        items.iter().map(|(m, n)| ((*m).to_owned(), *n)).collect()
    }

    #[test]
    fn months_fill_gaps_across_years() {
        let a = trend(&[("2025-11", 1), ("2026-02", 4)]);
        let b = trend(&[("2026-01", 2)]);
        let months = month_range([a.as_slice(), b.as_slice()]);
        assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(filled(&a, &months), [1, 0, 0, 4]);
        assert!(month_range(std::iter::empty()).is_empty());
    }

    #[test]
    fn movement_needs_six_months_and_a_real_change() {
        assert_eq!(movement(&[1, 2, 3, 4, 5]), None);
        let rising = movement(&[2, 1, 2, 3, 4, 5]).map(|m| m.direction);
        assert_eq!(rising, Some(Direction::Rising));
        let falling = movement(&[9, 9, 9, 1, 1, 1]).map(|m| m.direction);
        assert_eq!(falling, Some(Direction::Falling));
        // One more report is noise, not a trend.
        let steady = movement(&[0, 1, 0, 1, 0, 1]).map(|m| m.direction);
        assert_eq!(steady, Some(Direction::Steady));
        assert_eq!(
            movement(&[0, 0, 0, 0, 2, 1]).map(|m| m.direction),
            Some(Direction::Rising)
        );
    }
}
