//! The 311 analyst's assistant as pages and the API see it: the category classifier's quality,
//! reports flagged for review, the category → department routing, and each report's given and
//! predicted category with its theme and department.

use serde::{Deserialize, Serialize};

/// One category's cross-validated quality (same fields as `analysis::classify::CategoryScore`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CategoryQuality {
    pub category: String,
    /// Reports given this category.
    pub support: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The classifier's cross-validated quality (same fields as `analysis::classify::Evaluation`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClassifierQuality {
    pub folds: usize,
    /// Labelled reports judged.
    pub reports: usize,
    pub accuracy: f64,
    /// Mean of the categories' F1, every category counted the same.
    pub macro_f1: f64,
    pub per_category: Vec<CategoryQuality>,
}

/// One training of the classifier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClassifierRecord {
    pub id: i32,
    /// RFC 3339.
    pub trained_at: String,
    /// Who trained it (`None`: the command line).
    pub trained_by: Option<String>,
    /// Reports given a prediction.
    pub reports: i64,
    /// Reports that carried a category.
    pub labelled: i64,
    /// Reports whose given category disagrees with a confident prediction.
    pub flagged: i64,
    pub quality: ClassifierQuality,
    /// The confidence from which a disagreement is flagged.
    pub flag_confidence: f64,
    /// Categories with too few reports to learn, with their counts.
    pub too_rare: Vec<(String, usize)>,
    /// Training, evaluation and prediction, in seconds.
    pub seconds: f64,
    /// Whether sentence vectors joined the TF-IDF features, and if not, why.
    pub sentences: SentenceFeatures,
}

/// The sentence vectors of a training: used (from which model), or why not.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SentenceFeatures {
    /// No sentence model is configured (`model_dir`).
    #[default]
    NoModel,
    /// Appended to the TF-IDF features.
    Used {
        /// The encoder's model id.
        model: String,
        /// Texts encoded for this training (the rest came from the embedding cache).
        encoded: usize,
    },
    /// More reports lack a cached vector than a training encodes.
    OverBudget { missing: usize, budget: usize },
    /// The model could not be loaded or failed (the problem, for administrators).
    Failed { problem: String },
}

/// A report whose given category disagrees with a confident prediction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FlaggedReport {
    pub report_id: i64,
    pub source: String,
    pub external_id: String,
    pub text: String,
    pub given: String,
    pub predicted: String,
    pub confidence: f64,
}

/// Where one category's reports go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CategoryRoute {
    pub category: String,
    /// Reports given this category.
    pub reports: i64,
    /// The department, if routed.
    pub department_id: Option<i32>,
    pub department: Option<String>,
}

/// A predicted category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PredictedCategory {
    pub category: String,
    /// Probability under the classifier, 0..=1.
    pub confidence: f64,
}

/// One report as the routing API returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoutedReport {
    pub id: i64,
    pub source: String,
    pub external_id: String,
    /// The category the source gave, if any.
    pub given_category: Option<String>,
    /// The latest classifier's prediction, if it has run since the report was imported.
    pub predicted: Option<PredictedCategory>,
    /// The given category disagrees with a confident prediction.
    pub flagged: bool,
    /// The report's theme (stable id and label) in the latest analysis run when the classifier
    /// last ran, if any.
    pub theme: Option<String>,
    pub theme_name: Option<String>,
    /// The suggested department: the route of the given category; for a report without one,
    /// the route of the predicted category.
    pub department: Option<String>,
    /// Where the report stands at its source (Open311: `open` or `closed`), if given.
    pub status: Option<String>,
    /// RFC 3339: the source's last update (`updated_datetime`).
    pub updated_at: Option<String>,
    /// RFC 3339: when it was first seen closed (the `updated_datetime` of that record).
    pub closed_at: Option<String>,
}

/// A page of routed reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoutedReports {
    pub reports: Vec<RoutedReport>,
    /// Pass as `after` to get the next page; `None` on the last page.
    pub next_after: Option<i64>,
}

/// A share of a theme's (or category's) reports at least this large counts as a real part of it
/// when deciding whether a need cuts across categories, or a category holds several needs.
pub const PART_SHARE: f64 = 0.15;

/// How one theme or one category divides among the other.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Spread {
    /// The theme's label, or the category.
    pub name: String,
    /// The theme's stable id (themes only).
    pub theme: Option<String>,
    pub reports: i64,
    /// `exp` of the Shannon entropy of the division: 1 when all in one, n when even over n.
    pub effective: f64,
    /// The parts, largest first: name and reports.
    pub parts: Vec<(String, i64)>,
    /// Parts holding at least [`PART_SHARE`] of the reports.
    pub major_parts: usize,
}

/// Themes against the City's categories (reports that have both).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CrossTab {
    /// Each theme across categories, those cutting across most categories first.
    pub themes: Vec<Spread>,
    /// Each category across themes, those holding most distinct needs first.
    pub categories: Vec<Spread>,
}

impl CrossTab {
    /// Builds the cross-tab from `(category, theme id, theme label, reports)` counts.
    pub fn from_counts(counts: &[(String, String, String, i64)]) -> CrossTab {
        use std::collections::BTreeMap;

        let mut by_theme: BTreeMap<(&str, &str), Vec<(String, i64)>> = BTreeMap::new();
        let mut by_category: BTreeMap<&str, Vec<(String, i64)>> = BTreeMap::new();
        for (category, theme, label, n) in counts.iter().filter(|c| c.3 > 0) {
            by_theme
                .entry((theme, label))
                .or_default()
                .push((category.clone(), *n));
            by_category
                .entry(category)
                .or_default()
                .push((label.clone(), *n));
        }
        let mut themes: Vec<Spread> = by_theme
            .into_iter()
            .map(|((id, label), parts)| spread(label, Some(id.to_owned()), parts))
            .collect();
        let mut categories: Vec<Spread> = by_category
            .into_iter()
            .map(|(category, parts)| spread(category, None, parts))
            .collect();
        let order = |a: &Spread, b: &Spread| {
            b.major_parts
                .cmp(&a.major_parts)
                .then(b.effective.total_cmp(&a.effective))
                .then(b.reports.cmp(&a.reports))
                .then(a.name.cmp(&b.name))
        };
        themes.sort_by(order);
        categories.sort_by(order);
        CrossTab { themes, categories }
    }
}

fn spread(name: &str, theme: Option<String>, mut parts: Vec<(String, i64)>) -> Spread {
    parts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let reports: i64 = parts.iter().map(|p| p.1).sum();
    let total = reports.max(1) as f64;
    let entropy: f64 = parts
        .iter()
        .map(|p| p.1 as f64 / total)
        .map(|s| -s * s.ln())
        .sum();
    let major_parts = parts
        .iter()
        .filter(|p| p.1 as f64 / total >= PART_SHARE)
        .count();
    Spread {
        name: name.to_owned(),
        theme,
        reports,
        effective: entropy.exp(),
        parts,
        major_parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(category: &str, theme: &str, n: i64) -> (String, String, String, i64) {
        (category.into(), theme.into(), format!("{theme} label"), n)
    }

    #[test]
    fn a_need_across_categories_and_a_category_of_several_needs_come_first() {
        let tab = CrossTab::from_counts(&[
            // "t-access" spreads over three categories; "t-holes" is all potholes.
            count("Sidewalk", "t-access", 40),
            count("Curb ramp", "t-access", 30),
            count("Streetlight", "t-access", 30),
            count("Pothole", "t-holes", 100),
            // "Streetlight" holds two needs.
            count("Streetlight", "t-dark", 60),
        ]);
        let access = &tab.themes[0];
        assert_eq!(access.theme.as_deref(), Some("t-access"));
        assert_eq!((access.reports, access.major_parts), (100, 3));
        assert!(
            (access.effective - 2.97).abs() < 0.01,
            "{}",
            access.effective
        );
        let holes = tab.themes.iter().find(|t| t.name == "t-holes label");
        assert_eq!(holes.map(|t| (t.major_parts, t.effective)), Some((1, 1.0)));
        let first = &tab.categories[0];
        assert_eq!(first.name, "Streetlight");
        assert_eq!(first.major_parts, 2);
        assert_eq!(first.parts[0], ("t-dark label".to_owned(), 60));
    }

    #[test]
    fn small_parts_do_not_count_as_a_need_of_their_own() {
        let tab = CrossTab::from_counts(&[count("Pothole", "t", 95), count("Graffiti", "t", 5)]);
        assert_eq!(tab.themes[0].major_parts, 1);
        assert!(tab.themes[0].effective > 1.0);
    }
}
