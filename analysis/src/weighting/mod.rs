//! Equity-weighted theme priorities (method.md §3): why Needscope exists.
//!
//! An opt-in survey over-represents the residents who always answer surveys. This module
//! turns respondents' theme mentions into priorities that (1) represent the city's population
//! and (2) lean toward the areas the city has decided need it most — and says how sure it is:
//!
//! 1. **Raking** ([`raking`]): iterative proportional fitting to population margins for any
//!    subset of string-keyed variables (council district, age band, household language,
//!    tenure, income band), small categories merged with a neighbour, a neutral "missing"
//!    category for unanswered variables, trimming to `[0.2, 5] × mean` with redistribution,
//!    rake ↔ trim alternation; convergence report, Kish design effect and effective n.
//! 2. **Area equity multiplier** ([`equity`]): area (district / tract / ZIP via crosswalk) →
//!    score → `g = 1 + α · need` (or tiers).
//! 3. **Combined weight** ([`combine`]): `w* = w^rake · g`, rescaled to the raked total; every
//!    component kept per respondent for the audit log.
//! 4. **Priorities** ([`priority`]): share `S_t`, urgency `U_t`, priority `P_t = S_t · U_t^β`,
//!    breadth and equity-gap columns; unweighted, raked and raked × equity side by side with
//!    Kendall τ.
//! 5. **Uncertainty** ([`bootstrap`]): Rao–Wu rescaling bootstrap by district with raking and
//!    trimming redone in each replicate; 90% and 95% percentile intervals for shares,
//!    priorities and ranks. Deterministic for a seed whatever the thread count.
//! 6. **Streams kept apart** ([`streams`]): departments, community organisations, interview
//!    sources and imported reports are counted (distinct sources per theme), never weighted.
//! 7. **Small-cell suppression** ([`suppression`], [`breakdown`]): fewer than 10 respondents,
//!    too small an effective sample or too large a relative SE, plus complementary
//!    suppression so no hidden cell can be recovered from published totals.
//!
//! Pure: no I/O, no async, no database. Configuration comes in as CSV text ([`config`]) and
//! everything going out derives `Serialize`; the same inputs, configuration and seed give
//! byte-identical JSON, so the server can store runs in an append-only audit log and re-run
//! any stored configuration exactly.
//!
//! # Where a city gets real figures
//!
//! Templates with only the header are in `analysis/templates/`. Needscope ships **no
//! numbers**: each city fills them from its own sources and records the vintage in
//! `EquitySettings::index_name` and the file names.
//!
//! * **Margins** (`margins.csv`: `variable,category,share` or `variable,category,population`):
//!   American Community Survey 5-year estimates (data.census.gov or the Census API) for the
//!   city's tracts or block groups, aggregated to council districts with the city's
//!   district–tract relationship file. Typical tables (check the current table IDs and the
//!   universe of each — persons vs households): **B01001** sex by age (age bands, 18+ only),
//!   **C16001** / **C16002** language spoken at home and limited-English households,
//!   **B25003** tenure (own / rent), **B19001** household income bands, **B03002** race /
//!   ethnicity (optional); district population from the redistricting data or B01003.
//!   List ordered categories (age, income) in ascending order: small categories are merged
//!   with a neighbour in file order.
//! * **Equity index** (`equity_index.csv`: `area,score`): the city's own equity index
//!   (San José: the Equity Index `EQUITYSCORECOMBINED`, 2–10, tract level, on the city's open
//!   data portal); or **CalEnviroScreen 4.0** (OEHHA, 0–100 score per tract); the
//!   **California Healthy Places Index** (percentile, higher is healthier: set
//!   `ScoreScale::higher_is_more_need = false`); **CDC/ATSDR SVI** (`RPL_THEMES`, 0–1).
//!   Set [`ScoreScale`] to the index's range.
//! * **ZIP crosswalk** (`zip_crosswalk.csv`: `zip,area` or `zip,area,ratio`): the
//!   HUD-USPS ZIP–tract crosswalk (`RES_RATIO` as `ratio`), for respondents who only give a
//!   ZIP code.
//!
//! # Example
//!
//! ```
//! use analysis::weighting::{EquityTable, KnownCategories, Margins, Respondent, WeightingConfig,
//!     WeightingParams};
//! use linfa::ParamGuard;
//!
//! // Synthetic figures for the example only.
//! let margins = Margins::parse_csv(
//!     "variable,category,share\ndistrict,A,0.5\ndistrict,B,0.5\n", &KnownCategories::new())?;
//! let equity = EquityTable::parse_csv("area,score\nA,2\nB,10\n", None)?;
//! let respondents: Vec<Respondent> = (0..200)
//!     .map(|i| {
//!         let d = if i % 4 == 0 { "B" } else { "A" };
//!         let r = Respondent::new(format!("r{i}")).var("district", d).area(d);
//!         if i % 3 == 0 { r.theme("T-housing") } else { r.theme("T-transit") }
//!     })
//!     .collect();
//! let params = WeightingParams::default().replicates(50).min_category_size(10).check()?;
//! let run = WeightingConfig::new(params, margins).with_equity(equity, None).fit(&respondents, &[])?;
//! assert!(run.raking.converged);
//! assert_eq!(run.priorities.len(), 2);
//! println!("{}", serde_json::to_string_pretty(&run.published_priorities())?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod bootstrap;
pub mod breakdown;
pub mod combine;
pub mod config;
pub mod diagnostics;
pub mod equity;
pub mod error;
pub mod params;
pub mod priority;
pub mod raking;
pub mod respondent;
pub mod run;
pub mod streams;
pub mod suppression;
mod trimming;

pub use bootstrap::BootstrapReport;
pub use breakdown::{Breakdown, BreakdownCell, BreakdownColumn, breakdown};
pub use combine::{WeightComponents, combine};
pub use config::{
    CrosswalkEntry, EquityTable, KnownCategories, MarginCategory, MarginVariable, Margins,
    ZipCrosswalk,
};
pub use diagnostics::{WeightSummary, effective_n, kish_deff, wilson_interval};
pub use equity::{AreaMatch, EquityReport, GeographySource, multiplier};
pub use error::{ConfigError, ConfigFile, ConfigProblem, WeightingError, WeightingParamsError};
pub use params::{
    BootstrapSettings, EquitySettings, MultiplierRule, PrioritySettings, RakingSettings,
    ScoreScale, SuppressionSettings, Tier, UnknownCategoryPolicy, WeightingParams,
    WeightingValidParams,
};
pub use priority::{Interval, Scheme, SchemeEstimate, kendall_tau_b};
pub use raking::{Collapse, MarginCheck, RakeReport, VariableReport};
pub use respondent::{Geography, Respondent, SourceMention};
pub use run::{PublishedPriority, Sensitivity, ThemePriority, WeightingConfig, WeightingRun};
pub use streams::{ThemeSources, count_sources};
pub use suppression::{
    CellStatus, CellTable, SuppressionReason, SuppressionResult, TotalsShown, suppress,
};
