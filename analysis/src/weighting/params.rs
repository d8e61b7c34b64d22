//! Hyperparameters of a weighting run: unchecked builder [`WeightingParams`] →
//! [`linfa::ParamGuard::check`] → [`WeightingValidParams`]. Defaults follow method.md §3.

use linfa::ParamGuard;
use serde::{Deserialize, Serialize};

use super::error::WeightingParamsError;

/// What to do with a respondent whose category is not in the margins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum UnknownCategoryPolicy {
    /// Reject the run (a survey option and the margins disagree: fix the configuration).
    #[default]
    Error,
    /// Treat it as missing (the neutral "missing" category) and count it.
    TreatAsMissing,
}

/// Raking (iterative proportional fitting) and trimming settings (method.md §3.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RakingSettings {
    /// Variables to rake on, in order; `None`: every variable in the margins.
    pub variables: Option<Vec<String>>,
    /// Maximum IPF sweeps per raking pass (default 50).
    pub max_iterations: usize,
    /// Convergence: largest relative margin error `|Σw − T| / T` (default 1e-6).
    pub tolerance: f64,
    /// Categories with fewer respondents are merged with a neighbour (file order) before
    /// raking (default 20; 0 disables; a category with no respondent is always merged).
    pub min_category_size: usize,
    /// Trim floor as a multiple of the mean weight (default 0.2); `None` with `trim_cap`
    /// `None` disables trimming.
    pub trim_floor: Option<f64>,
    /// Trim cap as a multiple of the mean weight (default 5, anesrake's `cap`).
    pub trim_cap: Option<f64>,
    /// Rake ↔ trim alternations before giving up (default 10).
    pub max_trim_cycles: usize,
    /// Respondent categories missing from the margins.
    pub unknown_category: UnknownCategoryPolicy,
}

impl Default for RakingSettings {
    fn default() -> Self {
        RakingSettings {
            variables: None,
            max_iterations: 50,
            tolerance: 1e-6,
            min_category_size: 20,
            trim_floor: Some(0.2),
            trim_cap: Some(5.0),
            max_trim_cycles: 10,
            unknown_category: UnknownCategoryPolicy::Error,
        }
    }
}

/// The scale of the equity score in the uploaded table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreScale {
    /// Lowest possible score (San José Equity Index combined score: 2).
    pub min: f64,
    /// Highest possible score (San José Equity Index combined score: 10).
    pub max: f64,
    /// `true` when a higher score means more need (SJ Equity Index, CalEnviroScreen, SVI);
    /// `false` for indices where higher is healthier (Healthy Places Index).
    pub higher_is_more_need: bool,
}

impl Default for ScoreScale {
    fn default() -> Self {
        ScoreScale {
            min: 2.0,
            max: 10.0,
            higher_is_more_need: true,
        }
    }
}

/// One step of a tiered multiplier: scores at or above `threshold` (in need direction) get
/// `multiplier`, unless a higher tier applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tier {
    /// Score threshold on the table's own scale.
    pub threshold: f64,
    /// Multiplier (≥ 1).
    pub multiplier: f64,
}

/// How an area's equity score becomes a multiplier `g_i` (method.md §3.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MultiplierRule {
    /// `g = 1 + α · need`, where `need` ∈ [0, 1] is the score's position on the scale
    /// (reversed when higher is healthier). Default α = 1.
    Linear {
        /// Strength α (0 turns the equity layer off).
        alpha: f64,
    },
    /// Step function (staff option; SJ default tiers: ≥ 9 → 1.5, ≥ 7 → 1.25, else 1).
    /// For "higher is healthier" indices a tier applies at or *below* its threshold.
    Tiers {
        /// Tiers in any order.
        tiers: Vec<Tier>,
    },
}

impl MultiplierRule {
    /// The tier table method.md suggests for the San José Equity Index.
    pub fn san_jose_tiers() -> Self {
        MultiplierRule::Tiers {
            tiers: vec![
                Tier {
                    threshold: 9.0,
                    multiplier: 1.5,
                },
                Tier {
                    threshold: 7.0,
                    multiplier: 1.25,
                },
            ],
        }
    }
}

/// Area equity layer settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EquitySettings {
    /// Name and vintage of the index, stored with the run (e.g. "San José Equity Index 2023").
    pub index_name: String,
    /// Scale of the scores.
    pub scale: ScoreScale,
    /// Score → multiplier.
    pub rule: MultiplierRule,
    /// Score at or beyond which an area counts as "high equity priority" for the equity gap
    /// column `R_t` (default 8 on the SJ scale).
    pub high_need_threshold: f64,
}

impl Default for EquitySettings {
    fn default() -> Self {
        EquitySettings {
            index_name: String::from("unspecified"),
            scale: ScoreScale::default(),
            rule: MultiplierRule::Linear { alpha: 1.0 },
            high_need_threshold: 8.0,
        }
    }
}

/// Priority score settings (method.md §3.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrioritySettings {
    /// Urgency exponent β in `P = S · U^β` (default 1).
    pub beta: f64,
    /// Breadth exponent γ in `P ← P · B^γ` (default 0: breadth shown, not multiplied in).
    pub gamma: f64,
    /// Grouping variable of the breadth column `B_t` (default `district`; `None` disables).
    pub breadth_variable: Option<String>,
    /// `P(rank ≤ top_k)` is reported per theme (default 5).
    pub top_k: usize,
}

impl Default for PrioritySettings {
    fn default() -> Self {
        PrioritySettings {
            beta: 1.0,
            gamma: 0.0,
            breadth_variable: Some(String::from("district")),
            top_k: 5,
        }
    }
}

/// Rao–Wu rescaling bootstrap settings (method.md §3.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BootstrapSettings {
    /// Replicates B (default 500; 0 skips intervals).
    pub replicates: usize,
    /// Stratum variable (default `district`; respondents missing it form their own stratum;
    /// `None`: one stratum).
    pub strata_variable: Option<String>,
    /// Seed of the replicate draws (Xoshiro256++, one jump per replicate).
    pub seed: u64,
}

impl Default for BootstrapSettings {
    fn default() -> Self {
        BootstrapSettings {
            replicates: 500,
            strata_variable: Some(String::from("district")),
            seed: 42,
        }
    }
}

/// Small-cell suppression thresholds (method.md §3.7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuppressionSettings {
    /// Cells with fewer unweighted respondents are suppressed (default 10).
    pub min_count: u64,
    /// Estimates with a smaller Kish effective sample are suppressed (default 10).
    pub min_effective_n: f64,
    /// Estimates with a larger relative standard error are suppressed (default 0.30).
    pub max_relative_se: f64,
}

impl Default for SuppressionSettings {
    fn default() -> Self {
        SuppressionSettings {
            min_count: 10,
            min_effective_n: 10.0,
            max_relative_se: 0.30,
        }
    }
}

/// Checked weighting hyperparameters; build them with [`WeightingParams`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct WeightingValidParams {
    /// Raking and trimming.
    pub raking: RakingSettings,
    /// Area equity multiplier.
    pub equity: EquitySettings,
    /// Priority score.
    pub priority: PrioritySettings,
    /// Bootstrap intervals.
    pub bootstrap: BootstrapSettings,
    /// Small-cell suppression.
    pub suppression: SuppressionSettings,
}

/// Unchecked weighting hyperparameters (builder). `WeightingParams::default().check()?`
/// gives method.md's defaults.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WeightingParams(WeightingValidParams);

macro_rules! setter {
    ($(#[$doc:meta] $name:ident : $ty:ty => $($field:ident).+;)*) => {
        $(#[$doc] pub fn $name(mut self, v: $ty) -> Self { self.0.$($field).+ = v; self })*
    };
}

impl WeightingParams {
    /// Starts from already checked (e.g. stored) parameters, to change and re-check them.
    pub fn from_valid(valid: WeightingValidParams) -> Self {
        WeightingParams(valid)
    }

    /// Trim bounds as multiples of the mean weight (`None, None` disables trimming).
    pub fn trim(mut self, floor: Option<f64>, cap: Option<f64>) -> Self {
        self.0.raking.trim_floor = floor;
        self.0.raking.trim_cap = cap;
        self
    }

    setter! {
        /// Variables to rake on (`None`: all in the margins).
        raking_variables: Option<Vec<String>> => raking.variables;
        /// Maximum IPF sweeps.
        max_iterations: usize => raking.max_iterations;
        /// Relative margin tolerance.
        tolerance: f64 => raking.tolerance;
        /// Categories below this many respondents are merged with a neighbour.
        min_category_size: usize => raking.min_category_size;
        /// Rake ↔ trim alternations.
        max_trim_cycles: usize => raking.max_trim_cycles;
        /// Respondent categories missing from the margins.
        unknown_category: UnknownCategoryPolicy => raking.unknown_category;
        /// Name and vintage of the equity index.
        index_name: String => equity.index_name;
        /// Equity score scale.
        score_scale: ScoreScale => equity.scale;
        /// Score → multiplier rule.
        multiplier: MultiplierRule => equity.rule;
        /// High-need threshold of the equity gap column.
        high_need_threshold: f64 => equity.high_need_threshold;
        /// Urgency exponent β.
        beta: f64 => priority.beta;
        /// Breadth exponent γ.
        gamma: f64 => priority.gamma;
        /// Breadth grouping variable.
        breadth_variable: Option<String> => priority.breadth_variable;
        /// Top-k of the rank probability column.
        top_k: usize => priority.top_k;
        /// Bootstrap replicates.
        replicates: usize => bootstrap.replicates;
        /// Bootstrap strata variable.
        strata_variable: Option<String> => bootstrap.strata_variable;
        /// Bootstrap seed.
        seed: u64 => bootstrap.seed;
        /// Suppression thresholds.
        suppression: SuppressionSettings => suppression;
    }
}

fn range(
    name: &'static str,
    range: &'static str,
    value: f64,
    ok: bool,
) -> Result<(), WeightingParamsError> {
    if ok && value.is_finite() {
        Ok(())
    } else {
        Err(WeightingParamsError::OutOfRange { name, range, value })
    }
}

impl ParamGuard for WeightingParams {
    type Checked = WeightingValidParams;
    type Error = WeightingParamsError;

    fn check_ref(&self) -> Result<&WeightingValidParams, WeightingParamsError> {
        let p = &self.0;
        let r = &p.raking;
        if r.max_iterations == 0 {
            return Err(WeightingParamsError::Zero("max_iterations"));
        }
        range(
            "tolerance",
            "(0, 0.1]",
            r.tolerance,
            r.tolerance > 0.0 && r.tolerance <= 0.1,
        )?;
        if let Some(floor) = r.trim_floor {
            range("trim_floor", "[0, 1)", floor, (0.0..1.0).contains(&floor))?;
        }
        if let Some(cap) = r.trim_cap {
            range("trim_cap", "(1, 1000]", cap, cap > 1.0 && cap <= 1000.0)?;
        }
        let s = &p.equity.scale;
        if !(s.min.is_finite() && s.max.is_finite() && s.min < s.max) {
            return Err(WeightingParamsError::ScoreRange {
                min: s.min,
                max: s.max,
            });
        }
        match &p.equity.rule {
            MultiplierRule::Linear { alpha } => {
                range("alpha", "[0, 10]", *alpha, (0.0..=10.0).contains(alpha))?
            }
            MultiplierRule::Tiers { tiers } => {
                for (index, t) in tiers.iter().enumerate() {
                    if !(t.threshold.is_finite() && t.multiplier.is_finite() && t.multiplier >= 1.0)
                    {
                        return Err(WeightingParamsError::Tier {
                            index,
                            threshold: t.threshold,
                            multiplier: t.multiplier,
                        });
                    }
                }
            }
        }
        let th = p.equity.high_need_threshold;
        range("high_need_threshold", "finite", th, true)?;
        let pr = &p.priority;
        range("beta", "[0, 5]", pr.beta, (0.0..=5.0).contains(&pr.beta))?;
        range("gamma", "[0, 5]", pr.gamma, (0.0..=5.0).contains(&pr.gamma))?;
        if pr.top_k == 0 {
            return Err(WeightingParamsError::Zero("top_k"));
        }
        let b = &p.bootstrap;
        if b.replicates == 1 {
            return Err(WeightingParamsError::OutOfRange {
                name: "replicates",
                range: "0 or 2..",
                value: 1.0,
            });
        }
        let sp = &p.suppression;
        range(
            "min_effective_n",
            "[0, 1e6]",
            sp.min_effective_n,
            (0.0..=1e6).contains(&sp.min_effective_n),
        )?;
        range(
            "max_relative_se",
            "(0, 10]",
            sp.max_relative_se,
            sp.max_relative_se > 0.0 && sp.max_relative_se <= 10.0,
        )?;
        Ok(p)
    }

    fn check(self) -> Result<WeightingValidParams, WeightingParamsError> {
        self.check_ref()?;
        Ok(self.0)
    }
}
