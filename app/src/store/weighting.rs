//! Stored equity-weighting configurations: append-only versions; the one activated last is in
//! force (what the next run uses). Uploads from the browser wait as drafts until activated.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait, prelude::*,
};

use std::collections::{BTreeMap, BTreeSet};

use super::entities::{
    survey, survey_version, weighting_activation, weighting_config, weighting_draft,
};
use crate::models::survey::{Audience, SurveyDefinition};

/// Weighting variable → categories.
pub type Categories = BTreeMap<String, BTreeSet<String>>;

/// What a margins file may name: the weighting variables that any version of a resident survey
/// measures, with their categories, and how responses were collected
/// ([`crate::models::collection::MODE_VARIABLE`]: web, paper, phone, in person).
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
    if !out.is_empty() {
        use crate::models::collection::{CollectionMode, MODE_VARIABLE};
        out.entry(MODE_VARIABLE.to_owned())
            .or_default()
            .extend(CollectionMode::ALL.map(|m| m.as_str().to_owned()));
    }
    Ok(out)
}

/// Stores `config` as the next version, in force at once (the command line's `weighting set`).
pub async fn append(
    db: &DatabaseConnection,
    config: serde_json::Value,
    sha256: String,
    source: String,
) -> Result<i32, DbErr> {
    let txn = db.begin().await?;
    let version = insert_version(&txn, config, sha256, source, None).await?;
    insert_activation(&txn, version, None).await?;
    txn.commit().await?;
    Ok(version)
}

/// Inserts the next version number's row.
async fn insert_version(
    txn: &DatabaseTransaction,
    config: serde_json::Value,
    sha256: String,
    source: String,
    created_by: Option<String>,
) -> Result<i32, DbErr> {
    let last: Option<i32> = weighting_config::Entity::find()
        .select_only()
        .column_as(weighting_config::Column::Version.max(), "max")
        .into_tuple::<Option<i32>>()
        .one(txn)
        .await?
        .flatten();
    let version = last.unwrap_or(0) + 1;
    weighting_config::ActiveModel {
        version: Set(version),
        created_at: Set(time::OffsetDateTime::now_utc()),
        source: Set(source),
        config: Set(config),
        config_sha256: Set(sha256),
        created_by: Set(created_by),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(version)
}

async fn insert_activation(
    txn: &DatabaseTransaction,
    version: i32,
    by: Option<&str>,
) -> Result<(), DbErr> {
    weighting_activation::ActiveModel {
        version: Set(version),
        activated_at: Set(time::OffsetDateTime::now_utc()),
        activated_by: Set(by.map(str::to_owned)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The newest activation, if any version was ever put in force.
async fn last_activation<C: ConnectionTrait>(
    db: &C,
) -> Result<Option<weighting_activation::Model>, DbErr> {
    weighting_activation::Entity::find()
        .order_by_desc(weighting_activation::Column::Id)
        .one(db)
        .await
}

/// The configuration in force: the version activated last (what the next run uses), if any.
pub async fn current(db: &DatabaseConnection) -> Result<Option<weighting_config::Model>, DbErr> {
    match last_activation(db).await? {
        Some(activation) => version(db, activation.version).await,
        None => Ok(None),
    }
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

/// Every activation, newest first (the first one is in force).
pub async fn activations(
    db: &DatabaseConnection,
) -> Result<Vec<weighting_activation::Model>, DbErr> {
    weighting_activation::Entity::find()
        .order_by_desc(weighting_activation::Column::Id)
        .all(db)
        .await
}

/// What [`activate`] and [`activate_draft`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Activated {
    /// The version now in force.
    pub version: i32,
    /// The version in force before (`None`: none was).
    pub previous: Option<i32>,
}

/// Puts stored version `version` in force for the next runs, recording who did it; `None` when
/// there is no such version. Runs already logged keep the version they used.
pub async fn activate(
    db: &DatabaseConnection,
    version: i32,
    by: Option<&str>,
) -> Result<Option<Activated>, DbErr> {
    let txn = db.begin().await?;
    let exists = weighting_config::Entity::find()
        .filter(weighting_config::Column::Version.eq(version))
        .one(&txn)
        .await?
        .is_some();
    if !exists {
        return Ok(None);
    }
    let previous = last_activation(&txn).await?.map(|a| a.version);
    insert_activation(&txn, version, by).await?;
    txn.commit().await?;
    Ok(Some(Activated { version, previous }))
}

/// An upload to keep as a draft.
pub struct NewDraft {
    pub created_by: Option<String>,
    pub source: String,
    pub config: serde_json::Value,
    pub config_sha256: String,
    pub preview: serde_json::Value,
}

/// Keeps a checked upload as a draft, not in force; returns its id.
pub async fn save_draft(db: &DatabaseConnection, draft: NewDraft) -> Result<i32, DbErr> {
    let row = weighting_draft::ActiveModel {
        created_at: Set(time::OffsetDateTime::now_utc()),
        created_by: Set(draft.created_by),
        source: Set(draft.source),
        config: Set(draft.config),
        config_sha256: Set(draft.config_sha256),
        preview: Set(draft.preview),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Drafts waiting to be activated or discarded, newest first.
pub async fn drafts(db: &DatabaseConnection) -> Result<Vec<weighting_draft::Model>, DbErr> {
    weighting_draft::Entity::find()
        .order_by_desc(weighting_draft::Column::Id)
        .all(db)
        .await
}

/// Deletes draft `id`; `None` when there was no such draft, else the draft as it was.
pub async fn discard_draft(
    db: &DatabaseConnection,
    id: i32,
) -> Result<Option<weighting_draft::Model>, DbErr> {
    let txn = db.begin().await?;
    let Some(draft) = weighting_draft::Entity::find_by_id(id).one(&txn).await? else {
        return Ok(None);
    };
    weighting_draft::Entity::delete_by_id(id).exec(&txn).await?;
    txn.commit().await?;
    Ok(Some(draft))
}

/// Puts draft `id` in force: stored as the next version (or, when a stored version has the same
/// configuration, that version again), activated by `by`, and the draft deleted, all at once.
/// `None` when there is no such draft.
pub async fn activate_draft(
    db: &DatabaseConnection,
    id: i32,
    by: Option<&str>,
) -> Result<Option<Activated>, DbErr> {
    let txn = db.begin().await?;
    let Some(draft) = weighting_draft::Entity::find_by_id(id).one(&txn).await? else {
        return Ok(None);
    };
    let same = weighting_config::Entity::find()
        .filter(weighting_config::Column::ConfigSha256.eq(draft.config_sha256.clone()))
        .order_by_desc(weighting_config::Column::Version)
        .one(&txn)
        .await?;
    let version = match same {
        Some(row) => row.version,
        None => {
            insert_version(
                &txn,
                draft.config,
                draft.config_sha256,
                draft.source,
                draft.created_by,
            )
            .await?
        }
    };
    let previous = last_activation(&txn).await?.map(|a| a.version);
    insert_activation(&txn, version, by).await?;
    weighting_draft::Entity::delete_by_id(id).exec(&txn).await?;
    txn.commit().await?;
    Ok(Some(Activated { version, previous }))
}
