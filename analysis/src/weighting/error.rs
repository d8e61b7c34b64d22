//! Error types of the weighting module: one for bad parameters, one for a bad uploaded CSV
//! (naming the line and column), one for a run that cannot proceed.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A weighting hyperparameter failed validation.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum WeightingParamsError {
    /// A value outside its allowed range.
    #[error("{name} must be in {range}, got {value}")]
    OutOfRange {
        /// Parameter name.
        name: &'static str,
        /// Allowed range, for the message.
        range: &'static str,
        /// Given value.
        value: f64,
    },
    /// A count that must be positive.
    #[error("{0} must be at least 1")]
    Zero(&'static str),
    /// Trim floor not below the cap.
    #[error("trim floor {floor} must be below trim cap {cap}")]
    TrimBounds {
        /// Floor as a multiple of the mean weight.
        floor: f64,
        /// Cap as a multiple of the mean weight.
        cap: f64,
    },
    /// Equity score range is empty.
    #[error("equity score range {min}..{max} is empty")]
    ScoreRange {
        /// Lowest score.
        min: f64,
        /// Highest score.
        max: f64,
    },
    /// Equity tiers must have finite thresholds and multipliers ≥ 1 (none given is fine:
    /// everyone gets 1).
    #[error("equity tier {index} is invalid: threshold {threshold}, multiplier {multiplier}")]
    Tier {
        /// Position of the tier in the list.
        index: usize,
        /// Score threshold.
        threshold: f64,
        /// Multiplier.
        multiplier: f64,
    },
}

/// Which uploaded configuration file an error is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfigFile {
    /// Population margins (`variable,category,share` or `variable,category,population`).
    Margins,
    /// Area equity scores (`area,score`).
    EquityIndex,
    /// ZIP-to-area crosswalk (`zip,area` with optional `ratio`).
    ZipCrosswalk,
}

impl std::fmt::Display for ConfigFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ConfigFile::Margins => "margins file",
            ConfigFile::EquityIndex => "equity index file",
            ConfigFile::ZipCrosswalk => "ZIP crosswalk file",
        })
    }
}

/// What is wrong at the named line and column.
#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConfigProblem {
    /// The file has no header or only blank/comment lines.
    #[error("the file is empty")]
    Empty,
    /// The header is not one of the documented ones.
    #[error("header must be {expected}")]
    Header {
        /// The documented header(s).
        expected: String,
    },
    /// The row has the wrong number of fields.
    #[error("expected {expected} fields, found {found}")]
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields on the row.
        found: usize,
    },
    /// An empty field.
    #[error("value is missing")]
    Missing,
    /// A field that should be a number is not.
    #[error("{value:?} is not a number")]
    NotANumber {
        /// The text found.
        value: String,
    },
    /// A negative (or non-finite) number.
    #[error("{value} is negative or not finite")]
    Negative {
        /// The value found.
        value: f64,
    },
    /// A share or ratio above 1.
    #[error("{value} is above 1")]
    AboveOne {
        /// The value found.
        value: f64,
    },
    /// A zero population share: remove the category instead.
    #[error("a population target must be above zero (remove empty categories)")]
    Zero,
    /// The same key appears twice.
    #[error("duplicate of line {first_line}")]
    Duplicate {
        /// Line of the first occurrence.
        first_line: u64,
    },
    /// A category the city does not have (e.g. a council district that does not exist).
    #[error("unknown {variable} {value:?}")]
    UnknownCategory {
        /// Variable (e.g. `district`).
        variable: String,
        /// The value found.
        value: String,
    },
    /// An area that is not in the equity table.
    #[error("area {area:?} is not in the equity index")]
    UnknownArea {
        /// The area found.
        area: String,
    },
    /// A ZIP code that is not five digits.
    #[error("{value:?} is not a five-digit ZIP code")]
    BadZip {
        /// The value found.
        value: String,
    },
    /// A variable's shares do not sum to 1 within the tolerance.
    #[error("shares of {variable:?} sum to {sum}, not 1 (tolerance {tolerance})")]
    SharesDoNotSum {
        /// Variable.
        variable: String,
        /// Their sum.
        sum: f64,
        /// Allowed deviation.
        tolerance: f64,
    },
    /// A variable's population counts sum to zero.
    #[error("population counts of {variable:?} sum to zero")]
    ZeroTotal {
        /// Variable.
        variable: String,
    },
    /// The CSV itself could not be read.
    #[error("unreadable CSV: {0}")]
    Csv(String),
}

/// An uploaded CSV was rejected; the previous configuration stays in force.
///
/// Shown as `margins file, line 3, column 2 ("category"): unknown council_district "11"`: the
/// line, then the column's position and header name when the problem is in one field.
#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
#[error("{file}, line {line}{}: {problem}", self.at_column())]
pub struct ConfigError {
    /// Which file.
    pub file: ConfigFile,
    /// 1-based line number in the uploaded text (comment lines count).
    pub line: u64,
    /// Column name from the header, when the problem is in one field.
    pub column: Option<String>,
    /// 1-based position of that column (or of the first extra or missing field on a row with
    /// the wrong number of fields).
    #[serde(default)]
    pub position: Option<usize>,
    /// What is wrong.
    pub problem: ConfigProblem,
}

impl ConfigError {
    /// `, column 2 ("category")`, `, column 4` or nothing.
    fn at_column(&self) -> String {
        match (self.position, self.column.as_deref()) {
            (Some(n), Some(name)) => format!(", column {n} ({name:?})"),
            (Some(n), None) => format!(", column {n}"),
            (None, Some(name)) => format!(", column {name:?}"),
            (None, None) => String::new(),
        }
    }
}

/// A weighting run could not proceed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum WeightingError {
    /// Parameter validation failed.
    #[error(transparent)]
    Params(#[from] WeightingParamsError),
    /// No resident respondents.
    #[error("no resident respondents to weight")]
    NoRespondents,
    /// Two respondents share an ID.
    #[error("duplicate respondent id {0:?}")]
    DuplicateRespondent(String),
    /// A raking variable named in the parameters has no margins.
    #[error("raking variable {0:?} has no margins")]
    UnknownVariable(String),
    /// A respondent's category is not in the margins (map "prefer not to say" to missing, or
    /// set `unknown_category` to treat unknown categories as missing).
    #[error("respondent {respondent:?} has {variable} = {category:?}, which is not in the margins")]
    UnknownCategory {
        /// Respondent ID.
        respondent: String,
        /// Variable.
        variable: String,
        /// Category found.
        category: String,
    },
    /// An urgency answer outside 1–5.
    #[error("respondent {respondent:?} has urgency {value}, outside 1..=5")]
    Urgency {
        /// Respondent ID.
        respondent: String,
        /// Value found.
        value: f64,
    },
    /// An equity score outside the configured scale.
    #[error("equity score {score} of area {area:?} is outside the scale {min}..={max}")]
    ScoreOutOfScale {
        /// Area.
        area: String,
        /// Score.
        score: f64,
        /// Scale minimum.
        min: f64,
        /// Scale maximum.
        max: f64,
    },
    /// A resident was passed in the organisational streams.
    #[error("source {0:?} is in the resident stream; residents are weighted, not counted")]
    ResidentSource(String),
    /// A stored configuration is internally inconsistent (e.g. edited by hand).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A suppression table whose rows and values disagree in size.
    #[error("table shape mismatch: {0}")]
    TableShape(String),
}
