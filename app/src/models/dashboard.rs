//! The strategy dashboard's data: one analysis run's themes ranked by equity-weighted priority,
//! with intervals, quotes, streams, trend, district breakdown and the weighting sensitivity.

use serde::{Deserialize, Serialize};

/// Filters of the dashboard (query parameters).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DashboardFilter {
    /// Run to show; the latest when `None`.
    pub run: Option<i32>,
    /// Only count members from this stream.
    pub stream: Option<String>,
    /// Only count members written in this language.
    pub language: Option<String>,
    /// Break weighted shares down by this survey variable (default: council district).
    pub by: Option<String>,
}

/// A share with its 90% bootstrap interval, when one was computed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub value: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

/// A representative quote, in its own language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteView {
    pub text: String,
    /// BCP 47 code of the quote's language.
    pub lang: String,
    /// Where it came from: `response 12, question q_need`, `report 311-123` or an interview
    /// document.
    pub source: String,
    /// The staff page of the document it came from (interview notes).
    pub link: Option<String>,
}

/// One theme on the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeCard {
    pub id: String,
    pub label: String,
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
}

/// How the order of themes moves under each weighting scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SensitivityView {
    /// Theme label and its rank unweighted, raked, and raked × equity.
    pub rows: Vec<(String, usize, usize, usize)>,
    /// Kendall's τ-b between unweighted and raked × equity orders.
    pub tau_unweighted_equity: Option<f64>,
}

/// A breakdown of weighted theme shares by a variable, small cells suppressed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BreakdownView {
    pub variable: String,
    pub columns: Vec<String>,
    /// Theme label, then one share per column (`None`: suppressed).
    pub rows: Vec<(String, Vec<Option<f64>>)>,
}

/// A run in the run picker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunChoice {
    pub id: i32,
    pub label: String,
}

/// Everything the dashboard shows for one run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub filter: DashboardFilter,
}
