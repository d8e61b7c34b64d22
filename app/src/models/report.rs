//! The print-ready "What we heard" report of one analysis run: what was analysed, the ranked
//! themes with weighted shares and intervals, a description and quotes per theme, and how the
//! themes were found and weighted. Built by the server from the dashboard's data
//! (`server::runs::report`), shown at `/staff/runs/{id}/report`.

use serde::{Deserialize, Serialize};

use super::dashboard::{Estimate, QuoteView};

/// One theme of the report, in rank order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportTheme {
    /// Equity-weighted rank (1 = first), when weighted and not suppressed.
    pub rank: Option<usize>,
    /// Stable theme id (`T-003`).
    pub id: String,
    pub title: String,
    /// What the theme is about, in staff's words (`None`: not written yet).
    pub description: Option<String>,
    /// Respondents and documents who raised it.
    pub respondents: usize,
    /// Unweighted share of respondents and documents.
    pub share: f64,
    /// Raked × equity share of residents with its 90% interval (`None`: unweighted or
    /// suppressed).
    pub weighted_share: Option<Estimate>,
    /// Why the weighted figures are withheld, if they are.
    pub suppressed: Option<String>,
    /// The quotes the report may print.
    pub quotes: Vec<QuoteView>,
}

/// How the residents' answers were weighted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeightingMethod {
    /// Resident respondents weighted.
    pub respondents: usize,
    /// Survey variables raked to population margins (`council_district`, `age_band`, …).
    pub raking_variables: Vec<String>,
    /// The area equity index, when one is used.
    pub equity_index: Option<String>,
    /// Kish design effect of the final weights.
    pub design_effect: f64,
    /// Effective number of respondents after weighting.
    pub effective_n: f64,
    /// The small-cell rule, for people.
    pub suppression_rule: String,
    /// Themes whose weighted figures are withheld: title and why.
    pub suppressed: Vec<(String, String)>,
}

/// How the themes were found and weighted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportMethod {
    /// `semantic` or `classical`.
    pub representation: String,
    /// The sentence encoder (semantic representation).
    pub encoder: Option<String>,
    /// Number of themes fitted.
    pub k: usize,
    /// Whether k was chosen automatically (else staff fixed it).
    pub k_automatic: bool,
    pub seed: u64,
    /// `None` when the run is not weighted; see `weighting_problem`.
    pub weighting: Option<WeightingMethod>,
    /// Why the run is not equity-weighted, if it is not.
    pub weighting_problem: Option<String>,
}

/// Everything the report prints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportData {
    pub run_id: i32,
    /// When the run was logged, to the minute.
    pub created_at: String,
    /// Streams and dates analysed, for people.
    pub scope: String,
    /// Units of text analysed.
    pub n_units: usize,
    /// Respondents and documents analysed.
    pub n_respondents: usize,
    /// Units in no theme.
    pub unclassified: usize,
    /// Respondents, documents or reports per stream: stream label and count.
    pub streams: Vec<(String, usize)>,
    /// Units per language: BCP 47 code and count.
    pub languages: Vec<(String, usize)>,
    /// Ranked first, then the suppressed and unweighted by people.
    pub themes: Vec<ReportTheme>,
    pub method: ReportMethod,
}

impl ReportData {
    /// Whether the shares are equity-weighted.
    pub fn weighted(&self) -> bool {
        self.method.weighting.is_some()
    }
}
