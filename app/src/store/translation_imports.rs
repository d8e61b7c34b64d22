//! Translation files between their check and the administrator's confirmation (migration 000017):
//! kept in the database, not in a server's memory, so any server process can show the preview
//! and take the confirmation. Each person sees and confirms only their own uploads.

use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

use super::entities::translation_import;
use crate::i18n::Locale;
use crate::models::translation_file::{ImportProblem, ImportedUnit};

/// How long an unconfirmed upload is kept.
const KEPT_DAYS: i64 = 7;

/// A checked upload to keep.
pub struct NewImport<'a> {
    pub survey_id: i32,
    pub locale: Locale,
    pub revision: &'a str,
    pub version: i32,
    pub filename: &'a str,
    /// Empty when the file was refused.
    pub units: &'a BTreeMap<String, ImportedUnit>,
    /// Empty when the file was accepted.
    pub problems: &'a [ImportProblem],
    pub created_by: i32,
}

/// Keeps `import` and returns its id; the same person's earlier uploads for the same survey and
/// language, and everyone's uploads older than a week, are dropped.
pub async fn stage(db: &DatabaseConnection, import: NewImport<'_>) -> Result<i32, sea_orm::DbErr> {
    let now = time::OffsetDateTime::now_utc();
    translation_import::Entity::delete_many()
        .filter(translation_import::Column::CreatedAt.lt(now - time::Duration::days(KEPT_DAYS)))
        .exec(db)
        .await?;
    translation_import::Entity::delete_many()
        .filter(translation_import::Column::CreatedBy.eq(import.created_by))
        .filter(translation_import::Column::SurveyId.eq(import.survey_id))
        .filter(translation_import::Column::Locale.eq(import.locale.code()))
        .exec(db)
        .await?;
    let json = |v: serde_json::Result<serde_json::Value>| {
        v.map_err(|e| {
            sea_orm::DbErr::Custom(format!("a translation import does not serialize: {e}"))
        })
    };
    let row = translation_import::ActiveModel {
        survey_id: Set(import.survey_id),
        locale: Set(import.locale.code().to_owned()),
        revision: Set(import.revision.to_owned()),
        version: Set(import.version),
        filename: Set(import.filename.chars().take(255).collect()),
        units: Set(json(serde_json::to_value(import.units))?),
        problems: Set(json(serde_json::to_value(import.problems))?),
        created_by: Set(import.created_by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// A kept upload as read back.
#[derive(Clone, Debug)]
pub struct Staged {
    pub id: i32,
    pub survey_id: i32,
    pub locale: String,
    pub revision: String,
    pub version: i32,
    pub filename: String,
    pub units: BTreeMap<String, ImportedUnit>,
    pub problems: Vec<ImportProblem>,
}

/// Upload `id` of survey `survey_id` in `locale`, if `user` made it.
pub async fn own(
    db: &DatabaseConnection,
    id: i32,
    survey_id: i32,
    locale: Locale,
    user: i32,
) -> Result<Option<Staged>, sea_orm::DbErr> {
    let row = translation_import::Entity::find_by_id(id)
        .filter(translation_import::Column::CreatedBy.eq(user))
        .filter(translation_import::Column::SurveyId.eq(survey_id))
        .filter(translation_import::Column::Locale.eq(locale.code()))
        .one(db)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let parse = |what: &str, e: serde_json::Error| {
        sea_orm::DbErr::Custom(format!("translation import {} {what}: {e}", row.id))
    };
    Ok(Some(Staged {
        id: row.id,
        survey_id: row.survey_id,
        locale: row.locale.clone(),
        revision: row.revision.clone(),
        version: row.version,
        filename: row.filename.clone(),
        units: serde_json::from_value(row.units.clone()).map_err(|e| parse("units", e))?,
        problems: serde_json::from_value(row.problems.clone()).map_err(|e| parse("problems", e))?,
    }))
}

/// Drops upload `id`; whether there was one.
pub async fn remove(db: &DatabaseConnection, id: i32) -> Result<bool, sea_orm::DbErr> {
    let done = translation_import::Entity::delete_by_id(id)
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}
