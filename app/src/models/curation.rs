//! What staff decided about themes: names, descriptions, merges, splits, hidden and "not a
//! need" themes, goals and owning departments, approved quotes. Decisions are keyed by a theme's
//! stable id, so they carry to every later run in which the theme is found again.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// Longest theme name staff can set.
pub const NAME_MAX: usize = 80;
/// Longest theme description.
pub const DESCRIPTION_MAX: usize = 1000;

/// Staff decisions about one theme.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ThemeDecision {
    pub theme_id: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub hidden: bool,
    pub not_a_need: bool,
    /// The theme this one is shown inside.
    pub merged_into: Option<String>,
    pub department_id: Option<i32>,
    pub goal_ids: Vec<i32>,
    /// The run on screen when this was last changed.
    pub set_in_run: Option<i32>,
    /// When, as `YYYY-MM-DD HH:MM UTC`.
    pub updated_at: String,
}

/// Answers split off a theme into one of their own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Split {
    /// The new theme's id (`S-001`).
    pub theme_id: String,
    pub parent_theme_id: String,
    pub run_id: i32,
    /// Unit ids moved into it.
    pub members: Vec<String>,
}

/// Every decision in force.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Curation {
    pub decisions: BTreeMap<String, ThemeDecision>,
    pub splits: Vec<Split>,
    /// Approved quotes' unit ids.
    pub approved: BTreeSet<String>,
    /// Goal names by id (archived ones too, so old ties still read).
    pub goals: BTreeMap<i32, String>,
    /// Department names by id.
    pub departments: BTreeMap<i32, String>,
}

impl Curation {
    pub fn decision(&self, theme: &str) -> Option<&ThemeDecision> {
        self.decisions.get(theme)
    }
}

/// Where a theme's shown name comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum NameSource {
    /// Made from the theme's own answers.
    Generated,
    /// Set by staff, in run `run` (carried when that is an earlier run).
    Staff { run: Option<i32>, at: String },
}

/// Whether a theme counts as a need.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ThemeStatus {
    #[default]
    Need,
    /// Staff judged it not a need (thanks, off-topic): listed apart, not ranked.
    NotANeed,
    /// Hidden from the overview (still in exports, marked).
    Hidden,
}

impl ThemeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeStatus::Need => "need",
            ThemeStatus::NotANeed => "not a need",
            ThemeStatus::Hidden => "hidden",
        }
    }
}

/// Checks a name staff typed: the trimmed name, or what is wrong with it.
pub fn check_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Name: write a short name, such as “Trash and dumped furniture”.".to_owned());
    }
    if name.chars().count() > NAME_MAX {
        return Err(format!(
            "Name: keep it to {NAME_MAX} characters (this one has {}).",
            name.chars().count()
        ));
    }
    if name.chars().any(char::is_control) {
        return Err("Name: remove line breaks and tabs.".to_owned());
    }
    Ok(name.to_owned())
}

/// Checks a description: trimmed, `None` when blank.
pub fn check_description(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    let n = text.chars().count();
    if n > DESCRIPTION_MAX {
        return Err(format!(
            "Description: keep it to {DESCRIPTION_MAX} characters (this one has {n})."
        ));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_and_trimmed() {
        assert_eq!(check_name("  Trash pickup ").as_deref(), Ok("Trash pickup"));
        assert!(check_name("   ").unwrap_err().starts_with("Name:"));
        assert!(check_name(&"x".repeat(81)).unwrap_err().contains("81"));
        assert!(check_name("a\nb").is_err());
        assert_eq!(check_description("  "), Ok(None));
        assert!(check_description(&"y".repeat(1001)).is_err());
    }
}
