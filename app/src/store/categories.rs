//! The 311 assistant's records: classifier trainings with their quality, the latest prediction
//! per report, and the category → department routing administrators keep.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::entities::{
    category_model, category_route, department, report, report_prediction, staff_user,
};
use crate::models::categories::{
    CategoryRoute, ClassifierQuality, ClassifierRecord, CrossTab, FlaggedReport, PredictedCategory,
    RoutedReport, RoutedReports, SentenceFeatures,
};

/// Predictions are written this many rows per statement (well under SQLite's variable limit).
const INSERT_CHUNK: usize = 1_000;

/// What a training stores besides its predictions.
#[derive(Clone, Debug)]
pub struct NewClassifier {
    pub created_by: Option<i32>,
    pub reports: i64,
    pub labelled: i64,
    pub quality: ClassifierQuality,
    pub settings: ClassifierSettings,
    pub seconds: f64,
}

/// The settings a training used, kept with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassifierSettings {
    /// The classifier's parameters as the analysis crate names them.
    pub params: serde_json::Value,
    pub flag_confidence: f64,
    pub too_rare: Vec<(String, usize)>,
    /// Trainings before sentence vectors read as without a model.
    #[serde(default)]
    pub sentences: SentenceFeatures,
}

/// One report's prediction.
#[derive(Clone, Debug, PartialEq)]
pub struct NewPrediction {
    pub report_id: i64,
    pub category: String,
    pub confidence: f64,
    pub flagged: bool,
    /// The report's theme (stable id and label) in run `run_id`.
    pub theme: Option<(String, String)>,
}

/// Every report's id, text and given category, oldest first: what the classifier reads.
pub async fn training_rows(
    db: &DatabaseConnection,
) -> Result<Vec<(i64, String, Option<String>)>, DbErr> {
    report::Entity::find()
        .select_only()
        .columns([
            report::Column::Id,
            report::Column::Text,
            report::Column::Category,
        ])
        .order_by_asc(report::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

/// Stores a training and replaces every prediction with its own, in one transaction; returns the
/// training's id.
pub async fn record(
    db: &DatabaseConnection,
    new: NewClassifier,
    predictions: &[NewPrediction],
    run_id: Option<i32>,
) -> Result<i32, DbErr> {
    let txn = db.begin().await?;
    let encode = |v: serde_json::Result<String>| v.map_err(|e| DbErr::Custom(e.to_string()));
    let model = category_model::Entity::insert(category_model::ActiveModel {
        created_at: Set(OffsetDateTime::now_utc()),
        created_by: Set(new.created_by),
        reports: Set(new.reports),
        labelled: Set(new.labelled),
        evaluation: Set(encode(serde_json::to_string(&new.quality))?),
        params: Set(encode(serde_json::to_string(&new.settings))?),
        seconds: Set(new.seconds),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    report_prediction::Entity::delete_many().exec(&txn).await?;
    for chunk in predictions.chunks(INSERT_CHUNK) {
        let rows = chunk.iter().map(|p| report_prediction::ActiveModel {
            report_id: Set(p.report_id),
            model_id: Set(model),
            category: Set(p.category.clone()),
            confidence: Set(p.confidence),
            flagged: Set(p.flagged),
            run_id: Set(run_id),
            theme: Set(p.theme.as_ref().map(|(id, _)| id.clone())),
            theme_label: Set(p.theme.as_ref().map(|(_, label)| label.clone())),
        });
        report_prediction::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(model)
}

/// The latest training, if any.
pub async fn latest(db: &DatabaseConnection) -> Result<Option<ClassifierRecord>, DbErr> {
    let Some(row) = category_model::Entity::find()
        .order_by_desc(category_model::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let decode = |what: &str, e: serde_json::Error| {
        DbErr::Custom(format!("category_model {} {what}: {e}", row.id))
    };
    let quality: ClassifierQuality =
        serde_json::from_str(&row.evaluation).map_err(|e| decode("evaluation", e))?;
    let settings: ClassifierSettings =
        serde_json::from_str(&row.params).map_err(|e| decode("params", e))?;
    let trained_by = match row.created_by {
        Some(id) => staff_user::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| u.display_name),
        None => None,
    };
    let flagged = report_prediction::Entity::find()
        .filter(report_prediction::Column::Flagged.eq(true))
        .count(db)
        .await? as i64;
    Ok(Some(ClassifierRecord {
        id: row.id,
        trained_at: row.created_at.format(&Rfc3339).unwrap_or_default(),
        trained_by,
        reports: row.reports,
        labelled: row.labelled,
        flagged,
        quality,
        flag_confidence: settings.flag_confidence,
        too_rare: settings.too_rare,
        seconds: row.seconds,
        sentences: settings.sentences,
    }))
}

/// Flagged reports, most confident disagreement first.
pub async fn flagged(db: &DatabaseConnection, limit: u64) -> Result<Vec<FlaggedReport>, DbErr> {
    let predictions = report_prediction::Entity::find()
        .filter(report_prediction::Column::Flagged.eq(true))
        .order_by_desc(report_prediction::Column::Confidence)
        .order_by_asc(report_prediction::Column::ReportId)
        .limit(limit)
        .all(db)
        .await?;
    let ids: Vec<i64> = predictions.iter().map(|p| p.report_id).collect();
    let reports: HashMap<i64, report::Model> = report::Entity::find()
        .filter(report::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    Ok(predictions
        .into_iter()
        .filter_map(|p| {
            let r = reports.get(&p.report_id)?;
            Some(FlaggedReport {
                report_id: p.report_id,
                source: r.source.clone(),
                external_id: r.external_id.clone(),
                text: r.text.clone(),
                given: r.category.clone().unwrap_or_default(),
                predicted: p.category,
                confidence: p.confidence,
            })
        })
        .collect())
}

/// Every category that reports were given, with its count and route, most reports first.
pub async fn routes(db: &DatabaseConnection) -> Result<Vec<CategoryRoute>, DbErr> {
    let counts: Vec<(String, i64)> = report::Entity::find()
        .select_only()
        .column(report::Column::Category)
        .column_as(Expr::col(report::Column::Id).count(), "n")
        .filter(report::Column::Category.is_not_null())
        .group_by(report::Column::Category)
        .into_tuple()
        .all(db)
        .await?;
    let routed = route_map(db).await?;
    let mut out: Vec<CategoryRoute> = counts
        .into_iter()
        .map(|(category, reports)| {
            let route = routed.get(&category).cloned();
            CategoryRoute {
                category,
                reports,
                department_id: route.as_ref().map(|(id, _)| *id),
                department: route.map(|(_, name)| name),
            }
        })
        .collect();
    out.sort_by(|a, b| b.reports.cmp(&a.reports).then(a.category.cmp(&b.category)));
    Ok(out)
}

/// Category → (department id, department name).
pub(crate) async fn route_map(
    db: &impl ConnectionTrait,
) -> Result<HashMap<String, (i32, String)>, DbErr> {
    let names: HashMap<i32, String> = department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    Ok(category_route::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some((
                r.category,
                (r.department_id, names.get(&r.department_id)?.clone()),
            ))
        })
        .collect())
}

/// Why a route was not changed.
#[derive(Debug, thiserror::Error)]
pub enum RouteError {
    /// No report was given this category.
    #[error("no report has the category “{0}”")]
    UnknownCategory(String),
    /// No such department, or it is archived.
    #[error("department {0} does not exist or is archived")]
    UnknownDepartment(i32),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Routes `category` to `department` (`None`: no route); returns the department's name.
pub async fn set_route(
    db: &DatabaseConnection,
    category: &str,
    department_id: Option<i32>,
    by: i32,
) -> Result<Option<String>, RouteError> {
    let known = report::Entity::find()
        .filter(report::Column::Category.eq(category))
        .count(db)
        .await?;
    if known == 0 {
        return Err(RouteError::UnknownCategory(category.to_string()));
    }
    let Some(id) = department_id else {
        category_route::Entity::delete_by_id(category.to_string())
            .exec(db)
            .await?;
        return Ok(None);
    };
    let department = department::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|d| !d.archived)
        .ok_or(RouteError::UnknownDepartment(id))?;
    let row = category_route::ActiveModel {
        category: Set(category.to_string()),
        department_id: Set(id),
        updated_at: Set(OffsetDateTime::now_utc()),
        updated_by: Set(Some(by)),
    };
    category_route::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(category_route::Column::Category)
                .update_columns([
                    category_route::Column::DepartmentId,
                    category_route::Column::UpdatedAt,
                    category_route::Column::UpdatedBy,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(Some(department.name))
}

/// A page of reports with id above `after`: given and predicted category, the theme in the latest
/// run when the classifier last ran, and the suggested department.
pub async fn routed(
    db: &DatabaseConnection,
    after: Option<i64>,
    limit: u64,
) -> Result<RoutedReports, DbErr> {
    let mut query = report::Entity::find().order_by_asc(report::Column::Id);
    if let Some(after) = after {
        query = query.filter(report::Column::Id.gt(after));
    }
    let rows = query.limit(limit + 1).all(db).await?;
    let more = rows.len() as u64 > limit;
    let rows = &rows[..rows.len().min(limit as usize)];
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let predictions: HashMap<i64, report_prediction::Model> = report_prediction::Entity::find()
        .filter(report_prediction::Column::ReportId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.report_id, p))
        .collect();
    let routes = route_map(db).await?;
    let reports = rows
        .iter()
        .map(|r| {
            let prediction = predictions.get(&r.id);
            let route_of = |c: &str| routes.get(c).map(|(_, name)| name.clone());
            // A given category decides (routed or not); only a report without one follows
            // its predicted category.
            let department = match r.category.as_deref() {
                Some(given) => route_of(given),
                None => prediction.and_then(|p| route_of(&p.category)),
            };
            RoutedReport {
                id: r.id,
                source: r.source.clone(),
                external_id: r.external_id.clone(),
                given_category: r.category.clone(),
                predicted: prediction.map(|p| PredictedCategory {
                    category: p.category.clone(),
                    confidence: p.confidence,
                }),
                flagged: prediction.is_some_and(|p| p.flagged),
                theme: prediction.and_then(|p| p.theme.clone()),
                theme_name: prediction.and_then(|p| p.theme_label.clone()),
                department,
                status: r.status.clone(),
                updated_at: r.updated_at.and_then(|t| t.format(&Rfc3339).ok()),
                closed_at: r.closed_at.and_then(|t| t.format(&Rfc3339).ok()),
            }
        })
        .collect();
    Ok(RoutedReports {
        reports,
        next_after: more.then(|| rows.last().map(|r| r.id)).flatten(),
    })
}

/// Themes against the City's categories: reports with a given category and a theme in the run
/// the classifier last read, counted per pair.
pub async fn crosstab(db: &DatabaseConnection) -> Result<CrossTab, DbErr> {
    use sea_orm::{ConnectionTrait, Statement};

    let sql = "SELECT r.category AS category, p.theme AS theme, p.theme_label AS label, \
               COUNT(*) AS n FROM report_prediction p JOIN report r ON r.id = p.report_id \
               WHERE r.category IS NOT NULL AND p.theme IS NOT NULL AND p.theme_label IS NOT NULL \
               GROUP BY r.category, p.theme, p.theme_label";
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let counts = rows
        .iter()
        .map(|row| {
            Ok((
                row.try_get::<String>("", "category")?,
                row.try_get::<String>("", "theme")?,
                row.try_get::<String>("", "label")?,
                row.try_get::<i64>("", "n")?,
            ))
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    Ok(CrossTab::from_counts(&counts))
}
