//! What the survey editor's pages show.

use serde::{Deserialize, Serialize};

use super::{QuestionInput, TextSlot, kind_name};
use crate::models::survey::SurveyDefinition;

/// A question on the editor page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionLine {
    pub key: String,
    pub kind: String,
    pub prompt: String,
    pub required: bool,
    /// Branching and weighting, when set: "Shown when … is one of …; weighting variable age".
    pub notes: Vec<String>,
}

/// A stored version of a survey.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRow {
    pub version: i32,
    pub created_at: String,
    pub responses: u64,
}

/// The editor page of one survey.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorData {
    pub slug: String,
    /// The definition the page shows (see `REVISION_FIELD`): a save based on an older one is refused.
    pub revision: String,
    pub audience: String,
    pub status: String,
    pub version: i32,
    pub title: String,
    pub intro: String,
    pub questions: Vec<QuestionLine>,
    /// Each language other than English: how much is translated, outdated, reviewed.
    pub translations: Vec<super::LanguageProgress>,
    /// Newest first.
    pub versions: Vec<VersionRow>,
}

impl EditorData {
    /// Responses to the current version: an edit then makes a new version.
    pub fn answered(&self) -> bool {
        self.versions
            .iter()
            .find(|v| v.version == self.version)
            .is_some_and(|v| v.responses > 0)
    }
}

/// The lines of the editor page for `def`.
pub fn question_lines(def: &SurveyDefinition) -> Vec<QuestionLine> {
    def.questions
        .iter()
        .map(|q| {
            let mut notes = Vec::new();
            if let Some(cond) = &q.show_if {
                notes.push(format!(
                    "Shown when {} is {}",
                    cond.question,
                    cond.any_of.join(" or ")
                ));
            }
            if let Some(v) = &q.variable {
                notes.push(format!("Weighting variable {v}"));
            }
            QuestionLine {
                key: q.key.clone(),
                kind: kind_name(&q.kind).to_owned(),
                prompt: q.prompt.get("en").cloned().unwrap_or_default(),
                required: q.required,
                notes,
            }
        })
        .collect()
}

/// The question page: the survey, the question's form (empty for a new one) and where a new one
/// can go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionPageData {
    pub slug: String,
    /// The definition the page shows (see `REVISION_FIELD`): a save based on an older one is refused.
    pub revision: String,
    pub title: String,
    /// `None` for a new question.
    pub key: Option<String>,
    pub input: QuestionInput,
    /// Keys and English prompts of the survey's questions, in order.
    pub questions: Vec<(String, String)>,
    /// Branching and weighting of the question, edited as JSON only.
    pub notes: Vec<String>,
}

/// The translation page of a survey in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationPageData {
    pub slug: String,
    /// The definition the page shows (see `REVISION_FIELD`): a save based on an older one is refused.
    pub revision: String,
    pub title: String,
    pub locale: String,
    pub language: String,
    pub slots: Vec<TextSlot>,
    /// The translation's status (a draft until a City translator reviews it).
    pub status: super::TranslationStatus,
    /// Fields whose translation was made from English that has changed since.
    pub outdated: Vec<String>,
}

/// The page that edits a whole definition as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionPageData {
    pub slug: String,
    /// The definition the page shows (see `REVISION_FIELD`): a save based on an older one is refused.
    pub revision: String,
    pub title: String,
    pub json: String,
}
