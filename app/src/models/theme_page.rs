//! One theme's page: its card as staff curated it, its sources a page at a time, where it stands
//! in the breakdown and the closed questions, and what the curation forms offer.

use serde::{Deserialize, Serialize};

use super::closed::ThemeCrossTab;
use super::dashboard::ThemeCard;

/// Sources listed per page.
pub const SOURCES_PER_PAGE: usize = 50;

/// A theme's weighted shares by a variable: the variable, then each column's share (`None`:
/// suppressed).
pub type ThemeBreakdown = (String, Vec<(String, Option<f64>)>);

/// One source of a theme: a unit, who it came from and what it says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceItem {
    /// Unit id (`12:q_need`, `report:45`, `passage:7`).
    pub unit: String,
    /// Who it came from, for people.
    pub source: String,
    pub text: String,
}

/// Everything a theme's page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeDetail {
    pub run_id: i32,
    pub created_at: String,
    pub theme: ThemeCard,
    /// The run's months, first to last, for the month chart.
    pub months: Vec<String>,
    /// Why the run is not equity-weighted, if it is not.
    pub weighting_problem: Option<String>,
    /// The weighted breakdown's variable and this theme's share in each column.
    pub breakdown: Option<ThemeBreakdown>,
    /// The theme's row of the closed question crossed with the themes.
    pub crosstab: Option<ThemeCrossTab>,
    /// This page of sources.
    pub sources: Vec<SourceItem>,
    pub total_sources: usize,
    /// Page number, from 1.
    pub page: usize,
    /// Other themes of the run (id, name), for merging.
    pub others: Vec<(String, String)>,
    /// Strategy goals and departments: id, name and whether this theme has it.
    pub goals: Vec<(i32, String, bool)>,
    pub departments: Vec<(i32, String, bool)>,
    /// Whether staff merges or splits regrouped the run's themes.
    pub regrouped: bool,
}

impl ThemeDetail {
    /// How many pages of sources there are.
    pub fn pages(&self) -> usize {
        self.total_sources.div_ceil(SOURCES_PER_PAGE).max(1)
    }
}

/// Who a unit came from, for people: `response 12, question q_need`, `report 45`,
/// `interview passage 7`.
pub fn source_label(unit: &super::UnitRef) -> String {
    match unit {
        super::UnitRef::Answer { response, question } => {
            format!("response {response}, question {question}")
        }
        super::UnitRef::Report(id) => format!("report {id}"),
        super::UnitRef::Passage(id) => format!("interview passage {id}"),
    }
}
