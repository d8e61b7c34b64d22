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
}

/// A page of routed reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoutedReports {
    pub reports: Vec<RoutedReport>,
    /// Pass as `after` to get the next page; `None` on the last page.
    pub next_after: Option<i64>,
}
