//! Translation records: for each survey version and language, whether a City translator has
//! reviewed it and which English each text was translated from (see migration 000015), so staff
//! see each language's progress and which translations are outdated. Residents see every
//! translation there is (a reworded English rarely makes its translation wrong); what has none is
//! shown in English with a note.

use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use super::entities::survey_translation;
use super::surveys::LoadedSurvey;
use crate::i18n::Locale;
use crate::models::AppError;
use crate::models::survey::SurveyDefinition;
use crate::models::survey_edit::{
    LanguageProgress, TranslationRecord, TranslationStatus, source_digest, text_slots,
};

fn record_of(row: &survey_translation::Model) -> TranslationRecord {
    TranslationRecord {
        status: TranslationStatus::parse(&row.status).unwrap_or_default(),
        sources: serde_json::from_value(row.sources.clone()).unwrap_or_else(|e| {
            tracing::warn!(row = row.id, error = %e, "translation sources do not parse");
            BTreeMap::new()
        }),
    }
}

/// Every language's record for survey version `version_id`, by language code.
pub async fn records(
    db: &impl ConnectionTrait,
    version_id: i32,
) -> Result<BTreeMap<String, TranslationRecord>, sea_orm::DbErr> {
    let rows = survey_translation::Entity::find()
        .filter(survey_translation::Column::SurveyVersionId.eq(version_id))
        .all(db)
        .await?;
    Ok(rows
        .iter()
        .map(|r| (r.locale.clone(), record_of(r)))
        .collect())
}

/// The record of one language, if any.
pub async fn record(
    db: &impl ConnectionTrait,
    version_id: i32,
    locale: Locale,
) -> Result<Option<TranslationRecord>, sea_orm::DbErr> {
    let row = survey_translation::Entity::find()
        .filter(survey_translation::Column::SurveyVersionId.eq(version_id))
        .filter(survey_translation::Column::Locale.eq(locale.code()))
        .one(db)
        .await?;
    Ok(row.as_ref().map(record_of))
}

/// Each language's progress for a survey version (English left out).
pub async fn progress(
    db: &impl ConnectionTrait,
    survey: &LoadedSurvey,
) -> Result<Vec<LanguageProgress>, AppError> {
    let records = records(db, survey.version_id).await?;
    Ok(Locale::ALL
        .into_iter()
        .filter(|l| *l != Locale::En)
        .map(|l| LanguageProgress::of(&survey.definition, l, records.get(l.code())))
        .collect())
}

/// What a save changed in a translation's record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecordChange {
    /// The status before, when the save changed it (`None` also when there was no record and the
    /// status is the default, draft).
    pub status_was: Option<TranslationStatus>,
    /// Translations outdated before the save and current after it (their text unchanged).
    pub marked_current: usize,
}

impl RecordChange {
    pub fn is_empty(&self) -> bool {
        self.status_was.is_none() && self.marked_current == 0
    }
}

/// Records a save of the `locale` translation page on version `version_id` (whose definition is
/// now `def`): the posted texts that have a translation were translated from today's English,
/// the emptied ones have none, and the translation's status is `status`. Says what changed in
/// the record (beyond the texts themselves).
pub async fn record_save(
    db: &impl ConnectionTrait,
    version_id: i32,
    def: &SurveyDefinition,
    locale: Locale,
    posted: &BTreeMap<String, String>,
    status: TranslationStatus,
) -> Result<RecordChange, sea_orm::DbErr> {
    let existing = survey_translation::Entity::find()
        .filter(survey_translation::Column::SurveyVersionId.eq(version_id))
        .filter(survey_translation::Column::Locale.eq(locale.code()))
        .one(db)
        .await?;
    let before = existing.as_ref().map(record_of);
    let mut sources = before
        .as_ref()
        .map(|r| r.sources.clone())
        .unwrap_or_default();
    let status_before = before.as_ref().map(|r| r.status).unwrap_or_default();
    let mut change = RecordChange {
        status_was: (status_before != status).then_some(status_before),
        marked_current: 0,
    };
    for slot in text_slots(def, locale) {
        if !posted.contains_key(&slot.field) {
            continue;
        }
        if slot.translation.is_empty() {
            sources.remove(&slot.field);
        } else {
            let digest = source_digest(&slot.english);
            if sources.get(&slot.field).is_some_and(|d| *d != digest) {
                change.marked_current += 1;
            }
            sources.insert(slot.field, digest);
        }
    }
    let sources = serde_json::to_value(&sources).unwrap_or_default();
    let now = time::OffsetDateTime::now_utc();
    match existing {
        Some(row) => {
            let mut active: survey_translation::ActiveModel = row.into();
            active.status = Set(status.as_str().to_owned());
            active.sources = Set(sources);
            active.updated_at = Set(now);
            active.update(db).await?;
        }
        None => {
            survey_translation::ActiveModel {
                survey_version_id: Set(version_id),
                locale: Set(locale.code().to_owned()),
                status: Set(status.as_str().to_owned()),
                sources: Set(sources),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(change)
}

/// A survey's next version keeps the translation records of the one it replaces: the digests
/// still name the English each text was translated from, so an English text changed by the edit
/// shows as outdated.
pub async fn carry_forward(
    db: &impl ConnectionTrait,
    from_version: i32,
    to_version: i32,
) -> Result<(), sea_orm::DbErr> {
    let rows = survey_translation::Entity::find()
        .filter(survey_translation::Column::SurveyVersionId.eq(from_version))
        .all(db)
        .await?;
    for row in rows {
        survey_translation::ActiveModel {
            survey_version_id: Set(to_version),
            locale: Set(row.locale),
            status: Set(row.status),
            sources: Set(row.sources),
            updated_at: Set(row.updated_at),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
