//! Inputs of a weighting run: resident respondents (weighted) and organisational mentions
//! (counted, never weighted).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::unit::Stream;

/// Where a respondent lives, at whatever precision they gave.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Geography {
    /// Area ID at the equity table's level (tract from a geocoded address, or council
    /// district when the table is district-level). Tried first.
    pub area: Option<String>,
    /// ZIP code, mapped through the crosswalk when `area` is absent or unknown.
    pub zip: Option<String>,
}

/// One resident respondent: raking answers, geography, the themes they mentioned, urgency.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Respondent {
    /// Stable respondent ID (unique).
    pub id: String,
    /// Raking variable → category (`district` → `3`, `age` → `25-44`, …). An absent key or an
    /// empty string is "missing" (handled by method.md's neutral missing category).
    pub variables: BTreeMap<String, String>,
    /// Geography for the equity multiplier.
    pub geography: Geography,
    /// Theme IDs of any of the respondent's answers (prevalence is per respondent).
    pub themes: BTreeSet<String>,
    /// Urgency / severity on a 1–5 scale, if the survey asked and they answered.
    pub urgency: Option<f64>,
}

impl Respondent {
    /// A respondent with no answers yet.
    pub fn new(id: impl Into<String>) -> Self {
        Respondent {
            id: id.into(),
            ..Respondent::default()
        }
    }

    /// Sets a raking variable.
    pub fn var(mut self, variable: impl Into<String>, category: impl Into<String>) -> Self {
        self.variables.insert(variable.into(), category.into());
        self
    }

    /// Sets the area at the equity table's level.
    pub fn area(mut self, area: impl Into<String>) -> Self {
        self.geography.area = Some(area.into());
        self
    }

    /// Sets the ZIP code.
    pub fn zip(mut self, zip: impl Into<String>) -> Self {
        self.geography.zip = Some(zip.into());
        self
    }

    /// Adds a theme mention.
    pub fn theme(mut self, theme: impl Into<String>) -> Self {
        self.themes.insert(theme.into());
        self
    }

    /// Sets the urgency answer (1–5).
    pub fn urgency(mut self, urgency: f64) -> Self {
        self.urgency = Some(urgency);
        self
    }

    /// The category of `variable`, `None` when missing or empty.
    pub fn category(&self, variable: &str) -> Option<&str> {
        self.variables
            .get(variable)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }
}

/// A theme raised by a non-resident source: a department, a community organisation, an
/// interview-notes source or an imported report. One source counts once per theme however
/// many of its passages mention it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceMention {
    /// Which stream (never [`Stream::Resident`]).
    pub stream: Stream,
    /// Organisation / department / interview source ID.
    pub source: String,
    /// Theme ID.
    pub theme: String,
}
