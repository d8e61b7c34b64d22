//! What an analysis run did with each language: units per detected language, how many the
//! detector could not place, how the words were counted and whether the sentence model reads the
//! language. Shown on the dashboard ("Languages in this run") and in the themes JSON.

use serde::{Deserialize, Serialize};

/// How a language's text is cut into the words theme keywords (and classical themes) count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WordSplit {
    /// Words of letters and digits.
    Words,
    /// Vietnamese syllables, with syllable pairs standing in for words.
    Syllables,
    /// jieba dictionary segmentation (Chinese).
    Jieba,
}

/// What the sentence model did with a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModelUse {
    /// No sentence model (a classical run): themes come from words alone.
    NotUsed,
    /// A multilingual model: answers in different languages about the same need can meet.
    Multilingual,
    /// English answers, English-only model.
    EnglishModel,
    /// Another language read by an English-only model: grouped by how the words look, seldom
    /// with English answers about the same need.
    EnglishOnly,
    /// The run did not record which model it used (logged before this was recorded).
    Unknown,
}

/// One language of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LanguageLine {
    /// ISO 639-1 code (`en`, `es`, `vi`, `zh`, `tl`).
    pub code: String,
    /// Units (answers, passages, reports) identified as this language.
    pub units: usize,
    /// Of them, units in a theme.
    pub in_themes: usize,
    /// Of them, units too short to fit themes on (empty, or fewer than three content words).
    pub short: usize,
    /// Of them, units whose language could not be detected (too short or unclear), so the
    /// respondent's interface language or the survey's was kept; `null` for runs logged before
    /// this was recorded.
    pub not_detected: Option<usize>,
    /// How the words were cut.
    pub words: WordSplit,
    /// Whether Snowball stemming applied (English and Spanish only).
    pub stemmed: bool,
    /// Whether adjacent word (Vietnamese: syllable) pairs were counted too.
    pub pairs: bool,
    /// What the sentence model did with it.
    pub model: ModelUse,
    /// The same in one English sentence, e.g. `vi: 320 units — Vietnamese syllables and syllable
    /// pairs, no stemming; sentence model: multilingual`.
    pub summary: String,
}
