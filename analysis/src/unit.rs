//! Units of analysis: one answer to one open question, or one paragraph-sized passage.
//!
//! Prevalence is counted per [`Unit::respondent`] (a respondent, or a source document for
//! passages), never per unit, so one long interview cannot dominate a theme (method.md §1.1).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::text::language::Lang;

/// Who a unit comes from; streams are clustered together but counted apart.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    /// A resident's survey answer (the only survey-weighted stream).
    #[default]
    Resident,
    /// A department leader's answer.
    Department,
    /// A community-based organisation's answer.
    CommunityOrganization,
    /// A passage of partner interview notes.
    InterviewNotes,
    /// A passage of an imported report (311, past surveys).
    ImportedReport,
}

/// Optional attributes a unit carries through the analysis untouched.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Attributes {
    /// Council district.
    pub district: Option<String>,
    /// ZIP code.
    pub zip: Option<String>,
    /// The survey UI language the respondent chose (the language-ID prior).
    pub ui_language: Option<Lang>,
    /// Demographic answers (age band, tenure, …) by field name.
    pub demographics: BTreeMap<String, String>,
    /// Numeric inputs for survey weighting (base weight, equity score, …).
    pub weight_inputs: BTreeMap<String, f64>,
}

/// One unit of text to analyse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// Stable unit ID (answer ID or passage ID); unique within a run.
    pub id: String,
    /// Respondent or source-document ID that prevalence is counted by.
    pub respondent: String,
    /// The raw text (PII is scrubbed by the analysis, not by the caller).
    pub text: String,
    /// Who the unit comes from.
    pub stream: Stream,
    /// Optional attributes.
    pub attributes: Attributes,
}

impl Unit {
    /// A resident unit whose respondent is the unit itself.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let id = id.into();
        Unit {
            respondent: id.clone(),
            id,
            text: text.into(),
            stream: Stream::Resident,
            attributes: Attributes::default(),
        }
    }

    /// Sets the respondent / source document.
    pub fn with_respondent(mut self, respondent: impl Into<String>) -> Self {
        self.respondent = respondent.into();
        self
    }

    /// Sets the stream.
    pub fn with_stream(mut self, stream: Stream) -> Self {
        self.stream = stream;
        self
    }

    /// Sets the UI language prior.
    pub fn with_ui_language(mut self, lang: Lang) -> Self {
        self.attributes.ui_language = Some(lang);
        self
    }
}
