//! Storing surveys made and edited in the browser. A version that is open, or that anyone has
//! answered, never changes: an edit becomes the survey's next version, residents with the page
//! open still send the version they saw, and responses stay tied to theirs. A version that is not
//! open and that nobody has answered (a draft being written) is edited in place.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use super::entities::{response, survey, survey_version};
use crate::models::survey::SurveyDefinition;
use crate::models::survey_edit::{EditError, REVISION_FIELD, VersionRow};
use crate::models::{AppError, SurveyStatus};

/// Why an edit was not stored.
#[derive(Debug)]
pub enum EditFailure {
    /// What the form said is wrong, and where.
    Invalid(EditError),
    NotFound,
    Unavailable,
}

impl From<AppError> for EditFailure {
    fn from(e: AppError) -> EditFailure {
        match e {
            AppError::NotFound => EditFailure::NotFound,
            _ => EditFailure::Unavailable,
        }
    }
}

impl From<sea_orm::DbErr> for EditFailure {
    fn from(e: sea_orm::DbErr) -> EditFailure {
        tracing::error!(error = %e, "storing a survey edit");
        EditFailure::Unavailable
    }
}

/// What an edit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// The definition came out the same.
    Unchanged,
    /// The current version (not open, not answered) was changed.
    InPlace(i32),
    /// The survey is open or its current version had responses: this is the new version.
    NewVersion(i32),
}

async fn responses_to(db: &impl ConnectionTrait, version_id: i32) -> Result<u64, sea_orm::DbErr> {
    response::Entity::find()
        .filter(response::Column::SurveyVersionId.eq(version_id))
        .count(db)
        .await
}

/// Makes a draft survey at version 1; `Err` names the field when the slug is taken.
pub async fn create(db: &DatabaseConnection, def: &SurveyDefinition) -> Result<i32, EditFailure> {
    def.check()
        .map_err(|e| EditFailure::Invalid(EditError::new("survey-copy", e.to_string())))?;
    let txn = db.begin().await?;
    let taken = survey::Entity::find()
        .filter(survey::Column::Slug.eq(&def.slug))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(EditFailure::Invalid(EditError::new(
            "survey-slug",
            format!(
                "There is already a survey at /surveys/{}; choose another address.",
                def.slug
            ),
        )));
    }
    let now = time::OffsetDateTime::now_utc();
    let row = survey::ActiveModel {
        slug: Set(def.slug.clone()),
        audience: Set(def.audience.as_str().to_owned()),
        status: Set(SurveyStatus::Draft.as_str().to_owned()),
        current_version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    survey_version::ActiveModel {
        survey_id: Set(row.id),
        version: Set(1),
        definition: Set(json(def)?),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

fn json(def: &SurveyDefinition) -> Result<serde_json::Value, EditFailure> {
    serde_json::to_value(def).map_err(|e| {
        tracing::error!(error = %e, "a survey definition does not serialize");
        EditFailure::Unavailable
    })
}

/// A short fingerprint of a definition, carried by the editor's forms so that a save based on a
/// page someone else has changed since is refused instead of silently undoing their change.
pub fn revision(def: &SurveyDefinition) -> String {
    let json = serde_json::to_string(def).unwrap_or_default();
    super::staff::token_digest(&json)[..16].to_owned()
}

/// Applies `edit` to survey `slug`'s current definition, checks the result against the
/// definition rules and stores it (see [`Saved`]). Nothing is stored when `based_on` (the
/// revision the form's page showed, if it says) is not the current one, or `edit` or a rule fails.
pub async fn save(
    db: &DatabaseConnection,
    slug: &str,
    based_on: Option<&str>,
    edit: impl FnOnce(&mut SurveyDefinition) -> Result<(), EditError>,
) -> Result<Saved, EditFailure> {
    let txn = db.begin().await?;
    let (saved, _, _) = save_in(&txn, slug, based_on, edit).await?;
    txn.commit().await?;
    Ok(saved)
}

/// What a save of a translation did: to the definition, and to the translation's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TranslationSaved {
    pub saved: Saved,
    /// The version that holds the translation now.
    pub version: i32,
    pub record: super::survey_translations::RecordChange,
}

impl TranslationSaved {
    /// Nothing at all changed.
    pub fn is_unchanged(&self) -> bool {
        self.saved == Saved::Unchanged && self.record.is_empty()
    }
}

/// Saves the `locale` translation page of survey `slug` like [`save`], and records in the same
/// transaction which English each posted text was translated from and the translation's status
/// (a change of status alone, or outdated texts confirmed, count as changes too).
pub async fn save_translation(
    db: &DatabaseConnection,
    slug: &str,
    based_on: Option<&str>,
    locale: crate::i18n::Locale,
    posted: &std::collections::BTreeMap<String, String>,
    status: crate::models::survey_edit::TranslationStatus,
) -> Result<TranslationSaved, EditFailure> {
    let txn = db.begin().await?;
    let (saved, version_id, after) = save_in(&txn, slug, based_on, |def| {
        crate::models::survey_edit::translate(def, locale, posted)
    })
    .await?;
    let record =
        super::survey_translations::record_save(&txn, version_id, &after, locale, posted, status)
            .await?;
    let version = survey_version::Entity::find_by_id(version_id)
        .one(&txn)
        .await?
        .map_or(0, |v| v.version);
    txn.commit().await?;
    Ok(TranslationSaved {
        saved,
        version,
        record,
    })
}

/// [`save`] inside a transaction: what it did, the id of the version that now holds the
/// definition, and the definition.
async fn save_in(
    txn: &sea_orm::DatabaseTransaction,
    slug: &str,
    based_on: Option<&str>,
    edit: impl FnOnce(&mut SurveyDefinition) -> Result<(), EditError>,
) -> Result<(Saved, i32, SurveyDefinition), EditFailure> {
    let row = survey::Entity::find()
        .filter(survey::Column::Slug.eq(slug))
        .one(txn)
        .await?
        .ok_or(EditFailure::NotFound)?;
    let version = survey_version::Entity::find()
        .filter(survey_version::Column::SurveyId.eq(row.id))
        .filter(survey_version::Column::Version.eq(row.current_version))
        .one(txn)
        .await?
        .ok_or(EditFailure::NotFound)?;
    let before: SurveyDefinition =
        serde_json::from_value(version.definition.clone()).map_err(|e| {
            tracing::error!(version = version.id, error = %e, "stored survey definition does not parse");
            EditFailure::Unavailable
        })?;
    if based_on.is_some_and(|r| r != revision(&before)) {
        return Err(EditFailure::Invalid(EditError::new(
            REVISION_FIELD,
            "Someone else changed this survey after you opened the page, so nothing was saved. \
             What you typed is kept: compare it with the survey as it is now, then save again.",
        )));
    }
    let mut after = before.clone();
    edit(&mut after).map_err(EditFailure::Invalid)?;
    after.check().map_err(|e| {
        EditFailure::Invalid(EditError::new(
            "questions",
            format!("That change would break the survey: {e}."),
        ))
    })?;
    if after == before {
        return Ok((Saved::Unchanged, version.id, after));
    }
    let now = time::OffsetDateTime::now_utc();
    let open = SurveyStatus::parse(&row.status) == Some(SurveyStatus::Open);
    let (saved, version_id) = if !open && responses_to(txn, version.id).await? == 0 {
        let id = version.id;
        let mut active: survey_version::ActiveModel = version.into();
        active.definition = Set(json(&after)?);
        active.update(txn).await?;
        (Saved::InPlace(row.current_version), id)
    } else {
        let next = row.current_version + 1;
        let inserted = survey_version::ActiveModel {
            survey_id: Set(row.id),
            version: Set(next),
            definition: Set(json(&after)?),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        super::survey_translations::carry_forward(txn, version.id, inserted.id).await?;
        (Saved::NewVersion(next), inserted.id)
    };
    let mut active: survey::ActiveModel = row.into();
    if let Saved::NewVersion(next) = saved {
        active.current_version = Set(next);
    }
    active.updated_at = Set(now);
    active.update(txn).await?;
    Ok((saved, version_id, after))
}

/// Survey `survey_id`'s versions, newest first, with their responses.
pub async fn versions(
    db: &DatabaseConnection,
    survey_id: i32,
) -> Result<Vec<VersionRow>, AppError> {
    let rows = survey_version::Entity::find()
        .filter(survey_version::Column::SurveyId.eq(survey_id))
        .order_by_desc(survey_version::Column::Version)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for v in rows {
        out.push(VersionRow {
            version: v.version,
            created_at: super::runs::minute(v.created_at),
            responses: responses_to(db, v.id).await?,
        });
    }
    Ok(out)
}
