//! Survey translations as a workflow, and the seeded instruments in Vietnamese, Chinese
//! (Traditional) and Tagalog.
//!
//! * `survey_translation`: one row per survey version and language: its `status` (`draft` until
//!   a City translator marks it `reviewed`) and `sources`, for each translated text (by its field
//!   name, as on the translation page: `title`, `<key>.prompt`, `<key>.option.<value>`, …) a
//!   digest of the English it was translated from ([`crate::source_digest`]). A text whose English
//!   has changed since is *outdated*: staff see it counted and marked on the translation page.
//! * The three seeded instruments' current versions get the drafts in `seed/translations/`, for
//!   each text whose English is still the seed's and that has no translation in that language yet
//!   (a City translator's text is never overwritten). Adding a language leaves every question and
//!   answer value as it was, so the versions are completed in place rather than superseded.
//! * Every version's existing translations (Spanish, and the new drafts) get a row, as drafts with
//!   the digests of today's English.

use std::collections::BTreeMap;

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};
use serde_json::{Map, Value};

use crate::m20261123_000001_create_surveys::SurveyVersion;
use crate::{SEED_INSTRUMENTS, SEED_TRANSLATIONS, source_digest};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Calls `visit` with the field name and the language map of every translatable text of a
/// survey definition (the same fields, in the same order, as the app's translation page).
pub(crate) fn each_text(def: &mut Value, visit: &mut dyn FnMut(&str, &mut Map<String, Value>)) {
    fn text(
        value: Option<&mut Value>,
        field: &str,
        visit: &mut dyn FnMut(&str, &mut Map<String, Value>),
    ) {
        if let Some(Value::Object(map)) = value {
            visit(field, map);
        }
    }
    text(def.get_mut("title"), "title", visit);
    text(def.get_mut("intro"), "intro", visit);
    let Some(Value::Array(questions)) = def.get_mut("questions") else {
        return;
    };
    for q in questions {
        let key = q
            .get("key")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        for part in ["prompt", "help", "why"] {
            text(q.get_mut(part), &format!("{key}.{part}"), visit);
        }
        let Some(kind) = q.get_mut("kind") else {
            continue;
        };
        if let Some(Value::Array(options)) = kind.get_mut("options") {
            for o in options {
                let value = o
                    .get("value")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                text(o.get_mut("label"), &format!("{key}.option.{value}"), visit);
            }
        }
        for part in ["low", "high"] {
            text(kind.get_mut(part), &format!("{key}.{part}"), visit);
        }
    }
}

/// Each text's English, by field.
pub(crate) fn english(def: &Value) -> BTreeMap<String, String> {
    let mut copy = def.clone();
    let mut out = BTreeMap::new();
    each_text(&mut copy, &mut |field, text| {
        if let Some(en) = text.get("en").and_then(Value::as_str) {
            out.insert(field.to_owned(), en.to_owned());
        }
    });
    out
}

fn parse(source: &str, what: &str) -> Result<Value, DbErr> {
    serde_json::from_str(source)
        .map_err(|e| DbErr::Migration(format!("{what} is not valid JSON: {e}")))
}

/// Adds the seed translations of `slug` to `def` where its English is the seed's; returns whether
/// anything was added.
fn add_seed_translations(def: &mut Value, slug: &str) -> Result<bool, DbErr> {
    let Some(seed) = SEED_INSTRUMENTS
        .iter()
        .map(|s| parse(s, "a seed instrument"))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .find(|s| s.get("slug").and_then(Value::as_str) == Some(slug))
    else {
        return Ok(false);
    };
    let seed_english = english(&seed);
    let mut added = false;
    for (code, source) in SEED_TRANSLATIONS {
        let all = parse(source, "a seed translation")?;
        let Some(Value::Object(texts)) = all.get(slug) else {
            continue;
        };
        each_text(def, &mut |field, text| {
            let current = text.get("en").and_then(Value::as_str);
            let Some(translation) = texts.get(field).and_then(Value::as_str) else {
                return;
            };
            if current.is_some()
                && current == seed_english.get(field).map(String::as_str)
                && !text.contains_key(code)
            {
                text.insert(code.to_owned(), Value::String(translation.to_owned()));
                added = true;
            }
        });
    }
    Ok(added)
}

/// For each language other than English, the digest of each translated text's English.
fn sources(def: &Value) -> BTreeMap<String, Map<String, Value>> {
    let mut copy = def.clone();
    let mut out: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    each_text(&mut copy, &mut |field, text| {
        let Some(en) = text.get("en").and_then(Value::as_str) else {
            return;
        };
        for code in text.keys().filter(|c| *c != "en") {
            out.entry(code.clone())
                .or_default()
                .insert(field.to_owned(), Value::String(source_digest(en)));
        }
    });
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SurveyTranslation::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(SurveyTranslation::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(SurveyTranslation::SurveyVersionId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SurveyTranslation::Locale)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SurveyTranslation::Status)
                            .string_len(10)
                            .not_null(),
                    )
                    .col(ColumnDef::new(SurveyTranslation::Sources).json().not_null())
                    .col(
                        ColumnDef::new(SurveyTranslation::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SurveyTranslation::Table, SurveyTranslation::SurveyVersionId)
                            .to(SurveyVersion::Table, SurveyVersion::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_survey_translation_version_locale")
                    .table(SurveyTranslation::Table)
                    .col(SurveyTranslation::SurveyVersionId)
                    .col(SurveyTranslation::Locale)
                    .unique()
                    .to_owned(),
            )
            .await?;

        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT v.id AS id, s.slug AS slug, (v.version = s.current_version) AS is_current, \
                 CAST(v.definition AS TEXT) AS definition \
                 FROM survey_version v JOIN survey s ON s.id = v.survey_id ORDER BY v.id",
            ))
            .await?;
        for row in rows {
            let id: i32 = row.try_get("", "id")?;
            let slug: String = row.try_get("", "slug")?;
            let is_current: bool = row
                .try_get::<bool>("", "is_current")
                .or_else(|_| row.try_get::<i32>("", "is_current").map(|v| v != 0))?;
            let text: String = row.try_get("", "definition")?;
            let mut def = parse(&text, "a stored survey definition")?;
            if is_current && add_seed_translations(&mut def, &slug)? {
                let update = Query::update()
                    .table(SurveyVersion::Table)
                    .value(SurveyVersion::Definition, def.clone())
                    .and_where(Expr::col(SurveyVersion::Id).eq(id))
                    .to_owned();
                manager.exec_stmt(update).await?;
            }
            for (code, digests) in sources(&def) {
                let insert = Query::insert()
                    .into_table(SurveyTranslation::Table)
                    .columns([
                        SurveyTranslation::SurveyVersionId,
                        SurveyTranslation::Locale,
                        SurveyTranslation::Status,
                        SurveyTranslation::Sources,
                        SurveyTranslation::UpdatedAt,
                    ])
                    .values_panic([
                        id.into(),
                        code.into(),
                        "draft".into(),
                        Value::Object(digests).into(),
                        Expr::current_timestamp(),
                    ])
                    .to_owned();
                manager.exec_stmt(insert).await?;
            }
        }
        Ok(())
    }

    /// Drops the table and takes the seed drafts back out of the versions that still have them word
    /// for word.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SurveyTranslation::Table).to_owned())
            .await?;
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT v.id AS id, s.slug AS slug, CAST(v.definition AS TEXT) AS definition \
                 FROM survey_version v JOIN survey s ON s.id = v.survey_id",
            ))
            .await?;
        for row in rows {
            let id: i32 = row.try_get("", "id")?;
            let slug: String = row.try_get("", "slug")?;
            let text: String = row.try_get("", "definition")?;
            let mut def = parse(&text, "a stored survey definition")?;
            let mut removed = false;
            for (code, source) in SEED_TRANSLATIONS {
                let all = parse(source, "a seed translation")?;
                let Some(Value::Object(texts)) = all.get(&slug) else {
                    continue;
                };
                each_text(&mut def, &mut |field, text| {
                    if text.get(code).is_some() && text.get(code) == texts.get(field) {
                        text.remove(code);
                        removed = true;
                    }
                });
            }
            if removed {
                let update = Query::update()
                    .table(SurveyVersion::Table)
                    .value(SurveyVersion::Definition, def)
                    .and_where(Expr::col(SurveyVersion::Id).eq(id))
                    .to_owned();
                manager.exec_stmt(update).await?;
            }
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
pub enum SurveyTranslation {
    Table,
    Id,
    SurveyVersionId,
    Locale,
    Status,
    Sources,
    UpdatedAt,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_translations_reach_every_text_of_the_seed() {
        for source in SEED_INSTRUMENTS {
            let mut def: Value = serde_json::from_str(source).unwrap_or_default();
            let slug = def["slug"].as_str().unwrap_or_default().to_owned();
            assert!(
                add_seed_translations(&mut def, &slug).unwrap_or(false),
                "{slug}"
            );
            let digests = sources(&def);
            let texts = english(&def).len();
            for (code, _) in SEED_TRANSLATIONS {
                assert_eq!(
                    digests.get(code).map(Map::len),
                    Some(texts),
                    "{slug} {code}"
                );
            }
            // Applying twice changes nothing: a translation already there is kept.
            assert!(!add_seed_translations(&mut def, &slug).unwrap_or(true));
        }
    }

    #[test]
    fn changed_english_gets_no_seed_translation() {
        let mut def: Value = serde_json::from_str(SEED_INSTRUMENTS[0]).unwrap_or_default();
        def["title"]["en"] = Value::String("A new title".into());
        let slug = def["slug"].as_str().unwrap_or_default().to_owned();
        add_seed_translations(&mut def, &slug).unwrap_or(false);
        assert!(def["title"].get("vi").is_none());
        assert!(def["intro"].get("vi").is_some());
    }
}
