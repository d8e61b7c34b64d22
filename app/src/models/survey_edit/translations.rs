//! Translating a survey: every text with its English and its translation, setting translations
//! from a posted form (an empty box falls back to English), and how much is translated.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{EditError, MAX_INTRO, MAX_TEXT, optional};
use crate::i18n::Locale;
use crate::models::survey::{KindDef, Localized, SurveyDefinition};

/// One text of a survey on the translation page: its form field, the English, the translation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSlot {
    /// The form field: `title`, `intro`, `<key>.prompt`, `<key>.help`, `<key>.why`, `<key>.low`,
    /// `<key>.high` or `<key>.option.<value>`.
    pub field: String,
    /// What it is, for people: "Question top_need: help text".
    pub what: String,
    pub english: String,
    pub translation: String,
    /// True for the introduction and other long texts (a bigger box).
    pub long: bool,
}

/// Visits every translatable text of a definition, with its field name and description.
fn each_text<'a>(
    def: &'a mut SurveyDefinition,
    mut visit: impl FnMut(&str, String, &'a mut Localized),
) {
    visit("title", "Title".to_owned(), &mut def.title);
    visit("intro", "Introduction".to_owned(), &mut def.intro);
    for q in &mut def.questions {
        let key = q.key.clone();
        visit(
            &format!("{key}.prompt"),
            format!("Question {key}"),
            &mut q.prompt,
        );
        if let Some(help) = &mut q.help {
            visit(
                &format!("{key}.help"),
                format!("Question {key}: help text"),
                help,
            );
        }
        if let Some(why) = &mut q.why {
            visit(
                &format!("{key}.why"),
                format!("Question {key}: why we ask"),
                why,
            );
        }
        match &mut q.kind {
            KindDef::SingleChoice { options }
            | KindDef::MultipleChoice { options }
            | KindDef::Language { options } => {
                for o in options {
                    visit(
                        &format!("{key}.option.{}", o.value),
                        format!("Question {key}: option {}", o.value),
                        &mut o.label,
                    );
                }
            }
            KindDef::Rating { low, high } => {
                visit(
                    &format!("{key}.low"),
                    format!("Question {key}: label of 1"),
                    low,
                );
                visit(
                    &format!("{key}.high"),
                    format!("Question {key}: label of 5"),
                    high,
                );
            }
            _ => {}
        }
    }
}

/// Every translatable text with its English and its `locale` translation.
pub fn text_slots(def: &SurveyDefinition, locale: Locale) -> Vec<TextSlot> {
    let mut copy = def.clone();
    let mut out = Vec::new();
    each_text(&mut copy, |field, what, text| {
        out.push(TextSlot {
            field: field.to_owned(),
            what,
            english: text.get("en").cloned().unwrap_or_default(),
            translation: text.get(locale.code()).cloned().unwrap_or_default(),
            long: field == "intro",
        });
    });
    out
}

/// Sets the `locale` translations from posted fields; an empty field removes the translation, so
/// the survey falls back to English there. Fields not posted are left as they were.
pub fn translate(
    def: &mut SurveyDefinition,
    locale: Locale,
    posted: &BTreeMap<String, String>,
) -> Result<(), EditError> {
    let mut problem = None;
    each_text(def, |field, what, text| {
        let Some(value) = posted.get(field) else {
            return;
        };
        if problem.is_some() {
            return;
        }
        let max = if field == "intro" {
            MAX_INTRO
        } else {
            MAX_TEXT
        };
        match optional(field, &format!("translation of {what}"), value, max) {
            Ok(Some(value)) => {
                text.insert(locale.code().to_owned(), value);
            }
            Ok(None) => {
                text.remove(locale.code());
            }
            Err(e) => problem = Some(e),
        }
    });
    problem.map_or(Ok(()), Err)
}

/// How many of a survey's texts have a `locale` translation, and how many there are.
pub fn coverage(def: &SurveyDefinition, locale: Locale) -> (usize, usize) {
    let slots = text_slots(def, locale);
    let done = slots.iter().filter(|s| !s.translation.is_empty()).count();
    (done, slots.len())
}

/// A short, stable fingerprint of a text (64-bit FNV-1a, 16 hex digits), recorded with a
/// translation for the English it was made from. The migrations crate computes the same
/// (`migrations::source_digest`); both test the same values.
pub fn source_digest(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Where a survey version's translation into one language stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TranslationStatus {
    /// Written (by staff, or shipped with the instrument) but not checked by a City translator.
    #[default]
    Draft,
    /// Checked by a City translator.
    Reviewed,
}

impl TranslationStatus {
    pub const ALL: [TranslationStatus; 2] = [TranslationStatus::Draft, TranslationStatus::Reviewed];

    pub fn as_str(self) -> &'static str {
        match self {
            TranslationStatus::Draft => "draft",
            TranslationStatus::Reviewed => "reviewed",
        }
    }

    pub fn parse(s: &str) -> Option<TranslationStatus> {
        TranslationStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A survey version's translation record for one language: its status and, per translated text
/// (by field), the digest of the English it was translated from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationRecord {
    pub status: TranslationStatus,
    pub sources: BTreeMap<String, String>,
}

/// The fields whose `locale` translation was made from English that has changed since. A
/// translation with no recorded source (written into the JSON definition) counts as current.
pub fn outdated(
    def: &SurveyDefinition,
    locale: Locale,
    record: Option<&TranslationRecord>,
) -> BTreeSet<String> {
    let Some(record) = record else {
        return BTreeSet::new();
    };
    text_slots(def, locale)
        .into_iter()
        .filter(|slot| !slot.translation.is_empty())
        .filter(|slot| {
            record
                .sources
                .get(&slot.field)
                .is_some_and(|digest| *digest != source_digest(&slot.english))
        })
        .map(|slot| slot.field)
        .collect()
}

/// How far a survey's translation into one language is, for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageProgress {
    pub code: String,
    /// The language in English ("Vietnamese").
    pub name: String,
    /// The language in itself ("Tiếng Việt").
    pub endonym: String,
    /// Texts translated and current.
    pub done: usize,
    /// Texts translated from English that has changed since.
    pub outdated: usize,
    pub total: usize,
    /// `None` when nothing was ever recorded for this language.
    pub status: Option<TranslationStatus>,
}

impl LanguageProgress {
    pub fn of(
        def: &SurveyDefinition,
        locale: Locale,
        record: Option<&TranslationRecord>,
    ) -> LanguageProgress {
        let (translated, total) = coverage(def, locale);
        let stale = outdated(def, locale, record).len();
        LanguageProgress {
            code: locale.code().to_owned(),
            name: locale.english_name().to_owned(),
            endonym: locale.endonym().to_owned(),
            done: translated - stale,
            outdated: stale,
            total,
            status: record.map(|r| r.status),
        }
    }

    /// Whole percent of texts translated and current, rounded down (100 only when complete).
    pub fn percent(&self) -> usize {
        (self.done * 100).checked_div(self.total).unwrap_or(100)
    }

    /// "vi 100% · draft", "zh-Hant 93% · reviewed · 4 outdated".
    pub fn summary(&self) -> String {
        let mut out = format!("{} {}%", self.code, self.percent());
        if let Some(status) = self.status.filter(|_| self.done + self.outdated > 0) {
            out.push_str(" · ");
            out.push_str(status.as_str());
        }
        if self.outdated > 0 {
            out.push_str(&format!(" · {} outdated", self.outdated));
        }
        out
    }
}

/// The translation page's field for the translation's status.
pub const STATUS_FIELD: &str = "_status";
