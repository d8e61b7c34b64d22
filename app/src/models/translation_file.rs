//! Translation files for the City's translators: a survey's texts in one language go out as an
//! XLIFF 2.0 file (one unit per text, its state from the translation record) and come back
//! through a check, a preview and a confirmation. This module holds what the browser and the
//! server share: the XLIFF states, a problem found in a file, and what importing a checked file
//! would do to each text (the XML itself is read and written by the server).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;
use crate::models::survey::SurveyDefinition;
use crate::models::survey_edit::{TextSlot, TranslationRecord, TranslationStatus, text_slots};

/// An XLIFF 2.0 segment's `state`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentState {
    /// Not translated yet, or translated from English that has changed since (XLIFF's default).
    #[default]
    Initial,
    /// Translated, not reviewed.
    Translated,
    /// Reviewed by a translator.
    Reviewed,
    /// Signed off (some tools' last step): read as reviewed.
    Final,
}

impl SegmentState {
    pub const ALL: [SegmentState; 4] = [
        SegmentState::Initial,
        SegmentState::Translated,
        SegmentState::Reviewed,
        SegmentState::Final,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SegmentState::Initial => "initial",
            SegmentState::Translated => "translated",
            SegmentState::Reviewed => "reviewed",
            SegmentState::Final => "final",
        }
    }

    pub fn parse(s: &str) -> Option<SegmentState> {
        SegmentState::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The state an exported text gets: `initial` when it has no translation or its English
    /// changed since it was translated, else `reviewed` or `translated` after the translation's
    /// status.
    pub fn of_export(slot: &TextSlot, outdated: bool, status: TranslationStatus) -> SegmentState {
        if slot.translation.is_empty() || outdated {
            SegmentState::Initial
        } else if status == TranslationStatus::Reviewed {
            SegmentState::Reviewed
        } else {
            SegmentState::Translated
        }
    }
}

/// What a checked file says about one text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedUnit {
    /// The `<target>`, trimmed; empty when there was none.
    pub target: String,
    pub state: SegmentState,
}

/// One problem with an uploaded file: where (line, unit) and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// 1-based line in the uploaded file.
    pub line: Option<u64>,
    /// The unit's `id` (the text's field name), when the problem is about one text.
    pub unit: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, &self.unit) {
            (Some(line), Some(unit)) => write!(f, "Line {line}, unit {unit}: {}", self.message),
            (Some(line), None) => write!(f, "Line {line}: {}", self.message),
            (None, Some(unit)) => write!(f, "Unit {unit}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// What importing a file does to one text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitChange {
    /// A translation where there was none.
    New,
    /// A different translation.
    Changed,
    /// The same translation, outdated until now: the file confirms it matches today's English.
    MarkedCurrent,
    /// The same translation, confirmed again.
    Confirmed,
    /// Left as it is (the file does not translate it: state `initial`, target unchanged or absent).
    Unchanged,
    /// No translation before or after: residents see the English.
    Untranslated,
}

impl UnitChange {
    /// Whether the text is saved on confirmation.
    pub fn saved(self) -> bool {
        matches!(
            self,
            UnitChange::New
                | UnitChange::Changed
                | UnitChange::MarkedCurrent
                | UnitChange::Confirmed
        )
    }

    /// Whether staff see a difference (listed in the preview).
    pub fn visible(self) -> bool {
        matches!(
            self,
            UnitChange::New | UnitChange::Changed | UnitChange::MarkedCurrent
        )
    }

    /// For people.
    pub fn describe(self) -> &'static str {
        match self {
            UnitChange::New => "New translation",
            UnitChange::Changed => "Translation changed",
            UnitChange::MarkedCurrent => "Outdated translation confirmed for today's English",
            UnitChange::Confirmed => "Same translation, confirmed",
            UnitChange::Unchanged => "Left as it is",
            UnitChange::Untranslated => "Still untranslated (shown in English)",
        }
    }
}

/// One text in the import's preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub field: String,
    pub what: String,
    pub english: String,
    pub current: String,
    pub new: String,
    pub change: UnitChange,
}

/// What importing `units` into the `locale` translation of `def` would do to each text, in the
/// translation page's order.
pub fn plan(
    def: &SurveyDefinition,
    locale: Locale,
    record: Option<&TranslationRecord>,
    units: &BTreeMap<String, ImportedUnit>,
) -> Vec<PreviewRow> {
    let stale: BTreeSet<String> = super::survey_edit::outdated(def, locale, record);
    text_slots(def, locale)
        .into_iter()
        .map(|slot| {
            let unit = units.get(&slot.field);
            let target = unit.map(|u| u.target.trim()).unwrap_or_default();
            let translated = unit.is_some_and(|u| u.state != SegmentState::Initial);
            let current = slot.translation.trim();
            let change = if target.is_empty() {
                if current.is_empty() {
                    UnitChange::Untranslated
                } else {
                    UnitChange::Unchanged
                }
            } else if current.is_empty() {
                UnitChange::New
            } else if target != current {
                UnitChange::Changed
            } else if !translated {
                UnitChange::Unchanged
            } else if stale.contains(&slot.field) {
                UnitChange::MarkedCurrent
            } else {
                UnitChange::Confirmed
            };
            let new = if change.saved() {
                target.to_owned()
            } else {
                slot.translation.clone()
            };
            PreviewRow {
                field: slot.field,
                what: slot.what,
                english: slot.english,
                current: slot.translation,
                new,
                change,
            }
        })
        .collect()
}

/// The texts confirming the import saves, by field (as the translation page posts them).
pub fn to_save(rows: &[PreviewRow]) -> BTreeMap<String, String> {
    rows.iter()
        .filter(|r| r.change.saved())
        .map(|r| (r.field.clone(), r.new.clone()))
        .collect()
}

/// The status the preview proposes: reviewed when every translated unit of the file is marked
/// reviewed (or final), else draft.
pub fn suggested_status(units: &BTreeMap<String, ImportedUnit>) -> TranslationStatus {
    let mut translated = units.values().filter(|u| !u.target.is_empty()).peekable();
    if translated.peek().is_some()
        && translated.all(|u| matches!(u.state, SegmentState::Reviewed | SegmentState::Final))
    {
        TranslationStatus::Reviewed
    } else {
        TranslationStatus::Draft
    }
}

/// The import page: a checked file's preview, or a refused file's problems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPageData {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub locale: String,
    /// The language in itself.
    pub language: String,
    pub filename: String,
    /// The version the file was exported from, and the survey's version now.
    pub file_version: i32,
    pub version: i32,
    /// Empty when the file was refused.
    pub rows: Vec<PreviewRow>,
    /// Empty when the file was accepted.
    pub problems: Vec<ImportProblem>,
    pub status: TranslationStatus,
    pub suggested: TranslationStatus,
    /// False when the survey changed after the file was checked: it must be uploaded again.
    pub current: bool,
}

/// Where an import's page is.
pub fn import_path(slug: &str, locale: &str, id: i32) -> String {
    format!("/staff/admin/surveys/{slug}/translations/{locale}/imports/{id}")
}

/// The translation page's export link.
pub fn export_path(slug: &str, locale: &str) -> String {
    format!("/staff/admin/surveys/{slug}/translations/{locale}/export.xlf")
}

/// Largest translation file accepted (the resident survey's is about 60 KB).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use crate::models::survey_edit::source_digest;

    fn def() -> SurveyDefinition {
        SurveyDefinition::from_json(
            r#"{"slug":"parks","audience":"resident","title":{"en":"Parks","vi":"Công viên"},
            "intro":{"en":"Tell us."},"questions":[{"key":"visits","kind":{"type":"single_choice",
            "options":[{"value":"weekly","label":{"en":"Every week","vi":"Mỗi tuần"}}]},
            "prompt":{"en":"How often?","vi":"Bao lâu?"}}]}"#,
        )
        .expect("definition")
    }

    fn unit(target: &str, state: SegmentState) -> ImportedUnit {
        ImportedUnit {
            target: target.into(),
            state,
        }
    }

    #[test]
    fn each_text_is_planned_by_its_target_and_state() {
        let def = def();
        // The prompt's English changed after it was translated.
        let record = TranslationRecord {
            status: TranslationStatus::Draft,
            sources: [
                ("title".to_owned(), source_digest("Parks")),
                (
                    "visits.prompt".to_owned(),
                    source_digest("How often, then?"),
                ),
            ]
            .into_iter()
            .collect(),
        };
        let units: BTreeMap<String, ImportedUnit> = [
            ("title", unit("Công viên", SegmentState::Initial)),
            (
                "intro",
                unit("Hãy cho chúng tôi biết.", SegmentState::Translated),
            ),
            ("visits.prompt", unit("Bao lâu?", SegmentState::Reviewed)),
            (
                "visits.option.weekly",
                unit("Hằng tuần", SegmentState::Translated),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let rows = plan(&def, Locale::Vi, Some(&record), &units);
        let changes: Vec<(&str, UnitChange)> =
            rows.iter().map(|r| (r.field.as_str(), r.change)).collect();
        assert_eq!(
            changes,
            [
                ("title", UnitChange::Unchanged),
                ("intro", UnitChange::New),
                ("visits.prompt", UnitChange::MarkedCurrent),
                ("visits.option.weekly", UnitChange::Changed),
            ]
        );
        let saved = to_save(&rows);
        assert_eq!(saved.len(), 3);
        assert_eq!(saved["visits.option.weekly"], "Hằng tuần");
        assert_eq!(suggested_status(&units), TranslationStatus::Draft);
    }

    #[test]
    fn reviewed_only_when_every_translated_unit_is() {
        let all: BTreeMap<String, ImportedUnit> = [
            ("a".to_owned(), unit("x", SegmentState::Reviewed)),
            ("b".to_owned(), unit("y", SegmentState::Final)),
            ("c".to_owned(), unit("", SegmentState::Initial)),
        ]
        .into_iter()
        .collect();
        assert_eq!(suggested_status(&all), TranslationStatus::Reviewed);
        assert_eq!(suggested_status(&BTreeMap::new()), TranslationStatus::Draft);
    }

    #[test]
    fn a_problem_names_its_line_and_unit() {
        let p = ImportProblem {
            line: Some(12),
            unit: Some("visits.prompt".into()),
            message: "the target is empty.".into(),
        };
        assert_eq!(
            p.to_string(),
            "Line 12, unit visits.prompt: the target is empty."
        );
    }
}
