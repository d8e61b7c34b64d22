//! Translating a survey: every text with its English and its translation, setting translations
//! from a posted form (an empty box falls back to English), and how much is translated.

use std::collections::BTreeMap;

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
