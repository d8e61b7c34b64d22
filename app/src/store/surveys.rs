//! Survey queries: open surveys, a survey's current version, a given version.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::entities::{survey, survey_version};
use crate::models::survey::SurveyDefinition;
use crate::models::{AppError, Audience, SurveyStatus};

/// A survey row with the definition of one of its versions.
#[derive(Clone, Debug)]
pub struct LoadedSurvey {
    pub survey: survey::Model,
    pub version_id: i32,
    pub definition: SurveyDefinition,
}

impl LoadedSurvey {
    pub fn is_open(&self) -> bool {
        SurveyStatus::parse(&self.survey.status) == Some(SurveyStatus::Open)
    }
}

fn parse_definition(version: &survey_version::Model) -> Result<SurveyDefinition, AppError> {
    serde_json::from_value(version.definition.clone()).map_err(|e| {
        tracing::error!(version = version.id, error = %e, "stored survey definition does not parse");
        AppError::Unavailable
    })
}

/// Open surveys for an audience, in creation order, at their current version.
pub async fn open_surveys(
    db: &DatabaseConnection,
    audience: Audience,
) -> Result<Vec<LoadedSurvey>, AppError> {
    let rows = survey::Entity::find()
        .filter(survey::Column::Status.eq(SurveyStatus::Open.as_str()))
        .filter(survey::Column::Audience.eq(audience.as_str()))
        .order_by_asc(survey::Column::Id)
        .find_with_related(survey_version::Entity)
        .all(db)
        .await?;
    rows.into_iter()
        .filter_map(|(s, versions)| {
            let current = versions
                .into_iter()
                .find(|v| v.version == s.current_version)?;
            Some((s, current))
        })
        .map(|(s, v)| {
            Ok(LoadedSurvey {
                version_id: v.id,
                definition: parse_definition(&v)?,
                survey: s,
            })
        })
        .collect()
}

/// A survey by slug at its current version (whatever its status), or `NotFound`.
pub async fn current(db: &DatabaseConnection, slug: &str) -> Result<LoadedSurvey, AppError> {
    let survey = survey::Entity::find()
        .filter(survey::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let version = survey_version::Entity::find()
        .filter(survey_version::Column::SurveyId.eq(survey.id))
        .filter(survey_version::Column::Version.eq(survey.current_version))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(LoadedSurvey {
        version_id: version.id,
        definition: parse_definition(&version)?,
        survey,
    })
}

/// A survey by slug at a given version id (the one a resident's page showed), or `NotFound`.
pub async fn at_version(
    db: &DatabaseConnection,
    slug: &str,
    version_id: i32,
) -> Result<LoadedSurvey, AppError> {
    let (version, survey) = survey_version::Entity::find_by_id(version_id)
        .find_also_related(survey::Entity)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let survey = survey
        .filter(|s| s.slug == slug)
        .ok_or(AppError::NotFound)?;
    Ok(LoadedSurvey {
        version_id: version.id,
        definition: parse_definition(&version)?,
        survey,
    })
}

/// Every survey at its current version, in creation order.
pub async fn all(db: &DatabaseConnection) -> Result<Vec<LoadedSurvey>, AppError> {
    let rows = survey::Entity::find()
        .order_by_asc(survey::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(current(db, &row.slug).await?);
    }
    Ok(out)
}

/// Opens, closes or returns a survey to draft; returns the previous status, or `NotFound`.
pub async fn set_status(
    db: &DatabaseConnection,
    slug: &str,
    status: SurveyStatus,
) -> Result<String, AppError> {
    let row = survey::Entity::find()
        .filter(survey::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = row.status.clone();
    let mut active: survey::ActiveModel = row.into();
    active.status = Set(status.as_str().to_owned());
    active.updated_at = Set(time::OffsetDateTime::now_utc());
    active.update(db).await?;
    Ok(before)
}
