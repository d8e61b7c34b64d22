//! Stored equity-weighting configurations: append-only versions, the highest in force.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait, prelude::*,
};

use std::collections::{BTreeMap, BTreeSet};

use super::entities::{survey, survey_version, weighting_config};
use crate::models::survey::{Audience, SurveyDefinition};

/// Weighting variable → categories.
pub type Categories = BTreeMap<String, BTreeSet<String>>;

/// What a margins file may name: the weighting variables that any version of a resident survey
/// measures, with their categories.
pub async fn resident_categories(db: &DatabaseConnection) -> Result<Categories, DbErr> {
    let rows = survey::Entity::find()
        .filter(survey::Column::Audience.eq(Audience::Resident.as_str()))
        .find_with_related(survey_version::Entity)
        .all(db)
        .await?;
    let mut out = Categories::new();
    for version in rows.into_iter().flat_map(|(_, versions)| versions) {
        let Ok(definition) = serde_json::from_value::<SurveyDefinition>(version.definition) else {
            continue;
        };
        for (variable, categories) in definition.weighting_categories() {
            out.entry(variable).or_default().extend(categories);
        }
    }
    Ok(out)
}

/// Stores `config` as the next version and returns that version number.
pub async fn append(
    db: &DatabaseConnection,
    config: serde_json::Value,
    sha256: String,
    source: String,
) -> Result<i32, DbErr> {
    let txn = db.begin().await?;
    let last: Option<i32> = weighting_config::Entity::find()
        .select_only()
        .column_as(weighting_config::Column::Version.max(), "max")
        .into_tuple::<Option<i32>>()
        .one(&txn)
        .await?
        .flatten();
    let version = last.unwrap_or(0) + 1;
    weighting_config::ActiveModel {
        version: Set(version),
        created_at: Set(time::OffsetDateTime::now_utc()),
        source: Set(source),
        config: Set(config),
        config_sha256: Set(sha256),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(version)
}

/// The configuration in force (the highest version), if any.
pub async fn current(db: &DatabaseConnection) -> Result<Option<weighting_config::Model>, DbErr> {
    weighting_config::Entity::find()
        .order_by_desc(weighting_config::Column::Version)
        .one(db)
        .await
}

/// A given version.
pub async fn version(
    db: &DatabaseConnection,
    version: i32,
) -> Result<Option<weighting_config::Model>, DbErr> {
    weighting_config::Entity::find()
        .filter(weighting_config::Column::Version.eq(version))
        .one(db)
        .await
}

/// Every version, newest first.
pub async fn history(db: &DatabaseConnection) -> Result<Vec<weighting_config::Model>, DbErr> {
    weighting_config::Entity::find()
        .order_by_desc(weighting_config::Column::Version)
        .all(db)
        .await
}
