//! Survey definitions as stored (every text in every language) and as shown (one language).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::i18n::{FluentArg, Locale};

/// Text in several languages, keyed by language code (`en`, `es`, …).
pub type Localized = BTreeMap<String, String>;

/// The text for `locale`, falling back to English, then to any language present.
pub fn pick(text: &Localized, locale: Locale) -> String {
    text.get(locale.code())
        .or_else(|| text.get(Locale::En.code()))
        .or_else(|| text.values().next())
        .cloned()
        .unwrap_or_default()
}

/// The text for `locale` as [`pick`] chooses it, and whether it is the English shown in its place
/// (the page then says so, and marks the text `lang="en"`).
pub fn pick_lang(text: &Localized, locale: Locale) -> (String, bool) {
    let english = locale != Locale::En && !text.contains_key(locale.code());
    (pick(text, locale), english)
}

/// Who an instrument is for; also the stream its answers are counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Resident,
    Department,
    CommunityOrg,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Resident => "resident",
            Audience::Department => "department",
            Audience::CommunityOrg => "community_org",
        }
    }

    pub fn parse(s: &str) -> Option<Audience> {
        [
            Audience::Resident,
            Audience::Department,
            Audience::CommunityOrg,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    Draft,
    Open,
    Closed,
}

impl SurveyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyStatus::Draft => "draft",
            SurveyStatus::Open => "open",
            SurveyStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<SurveyStatus> {
        [
            SurveyStatus::Draft,
            SurveyStatus::Open,
            SurveyStatus::Closed,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// Answers that mean "no answer" for weighting: a respondent giving one counts as missing.
pub const NON_ANSWERS: [&str; 3] = ["prefer_not_to_say", "not_sure", "other"];

/// A survey version as stored: every text in every language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyDefinition {
    pub slug: String,
    pub audience: Audience,
    pub title: Localized,
    pub intro: Localized,
    pub questions: Vec<QuestionDef>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDef {
    pub key: String,
    pub prompt: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Localized>,
    #[serde(default)]
    pub required: bool,
    /// The demographic or geographic variable this question measures, for weighting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variable: Option<String>,
    /// Why a demographic question is asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Localized>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<ShowIf>,
    pub kind: KindDef,
}

/// Branching: a question shown only when an earlier question has one of some values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowIf {
    pub question: String,
    pub any_of: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceDef {
    pub value: String,
    pub label: Localized,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum KindDef {
    SingleChoice { options: Vec<ChoiceDef> },
    MultipleChoice { options: Vec<ChoiceDef> },
    Rating { low: Localized, high: Localized },
    ShortText { max_chars: u32 },
    LongText { max_chars: u32 },
    Number { min: i64, max: i64 },
    Zip,
    CouncilDistrict,
    Language { options: Vec<ChoiceDef> },
}

/// San José has ten council districts.
pub const COUNCIL_DISTRICTS: u8 = 10;

/// One survey on the list of open surveys.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub slug: String,
    pub title: String,
    pub intro: String,
    pub questions: usize,
    /// The title or introduction is shown in English: not translated yet.
    #[serde(default)]
    pub title_in_english: bool,
    #[serde(default)]
    pub intro_in_english: bool,
}

/// A survey version in one language, ready to show and to validate against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyForm {
    pub slug: String,
    pub version_id: i32,
    pub audience: Audience,
    pub locale: Locale,
    pub title: String,
    pub intro: String,
    pub questions: Vec<Question>,
    /// Closed surveys are shown with a notice instead of the form.
    pub open: bool,
    /// A fresh token per page view, so that a double submit stores one response.
    pub submission_token: String,
    /// The invitation link the page was opened with, when it works.
    pub invite: Option<crate::models::links::InviteView>,
    /// Why the invitation link the page was opened with does not work.
    pub invite_problem: Option<crate::models::links::LinkProblem>,
    /// A draft shown to an administrator: answers sent from it are not stored.
    pub preview: bool,
    /// The title or introduction is shown in English: not translated (or outdated) yet.
    #[serde(default)]
    pub title_in_english: bool,
    #[serde(default)]
    pub intro_in_english: bool,
}

impl SurveyForm {
    /// Some text of the page is shown in English in place of the page's language.
    pub fn partly_english(&self) -> bool {
        self.title_in_english
            || self.intro_in_english
            || self.questions.iter().any(|q| !q.in_english.is_empty())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub key: String,
    pub prompt: String,
    pub help: Option<String>,
    pub why: Option<String>,
    pub required: bool,
    pub show_if: Option<ShowIf>,
    pub kind: Kind,
    /// The parts shown in English in place of the page's language: `prompt`, `help`, `why`,
    /// `low`, `high`, `option.<value>`.
    #[serde(default)]
    pub in_english: BTreeSet<String>,
}

impl Question {
    /// `Some("en")` when `part` is shown in English on a page in another language.
    pub fn lang_of(&self, part: &str) -> Option<&'static str> {
        self.in_english.contains(part).then_some("en")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Kind {
    SingleChoice { options: Vec<Choice> },
    MultipleChoice { options: Vec<Choice> },
    Rating { low: String, high: String },
    ShortText { max_chars: u32 },
    LongText { max_chars: u32 },
    Number { min: i64, max: i64 },
    Zip,
    CouncilDistrict { options: Vec<Choice> },
    Language { options: Vec<Choice> },
}

impl Kind {
    /// The options of a choice question, if it is one.
    pub fn options(&self) -> Option<&[Choice]> {
        match self {
            Kind::SingleChoice { options }
            | Kind::MultipleChoice { options }
            | Kind::CouncilDistrict { options }
            | Kind::Language { options } => Some(options),
            _ => None,
        }
    }
}

/// The text for `locale`, noting `part` in `in_english` when English stands in for it.
fn shown(
    part: &str,
    text: &Localized,
    locale: Locale,
    in_english: &mut BTreeSet<String>,
) -> String {
    let (shown, english) = pick_lang(text, locale);
    if english {
        in_english.insert(part.to_owned());
    }
    shown
}

fn choices(
    options: &[ChoiceDef],
    locale: Locale,
    in_english: &mut BTreeSet<String>,
) -> Vec<Choice> {
    options
        .iter()
        .map(|o| {
            let (label, english) = pick_lang(&o.label, locale);
            if english {
                in_english.insert(format!("option.{}", o.value));
            }
            Choice {
                value: o.value.clone(),
                label,
            }
        })
        .collect()
}

fn district_choices(locale: Locale) -> Vec<Choice> {
    let mut options: Vec<Choice> = (1..=COUNCIL_DISTRICTS)
        .map(|d| Choice {
            value: d.to_string(),
            label: locale.tr_args("district-label", &[("number", FluentArg::Num(d.into()))]),
        })
        .collect();
    options.push(Choice {
        value: "not_sure".into(),
        label: locale.tr("district-not-sure"),
    });
    options
}

impl QuestionDef {
    pub fn localize(&self, locale: Locale) -> Question {
        let mut in_english = BTreeSet::new();
        let prompt = shown("prompt", &self.prompt, locale, &mut in_english);
        let help = self
            .help
            .as_ref()
            .map(|h| shown("help", h, locale, &mut in_english));
        let why = self
            .why
            .as_ref()
            .map(|w| shown("why", w, locale, &mut in_english));
        let kind = match &self.kind {
            KindDef::Rating { low, high } => Kind::Rating {
                low: shown("low", low, locale, &mut in_english),
                high: shown("high", high, locale, &mut in_english),
            },
            KindDef::SingleChoice { options } => Kind::SingleChoice {
                options: choices(options, locale, &mut in_english),
            },
            KindDef::MultipleChoice { options } => Kind::MultipleChoice {
                options: choices(options, locale, &mut in_english),
            },
            KindDef::ShortText { max_chars } => Kind::ShortText {
                max_chars: *max_chars,
            },
            KindDef::LongText { max_chars } => Kind::LongText {
                max_chars: *max_chars,
            },
            KindDef::Number { min, max } => Kind::Number {
                min: *min,
                max: *max,
            },
            KindDef::Zip => Kind::Zip,
            KindDef::CouncilDistrict => Kind::CouncilDistrict {
                options: district_choices(locale),
            },
            KindDef::Language { options } => Kind::Language {
                options: choices(options, locale, &mut in_english),
            },
        };
        Question {
            key: self.key.clone(),
            prompt,
            help,
            why,
            required: self.required,
            show_if: self.show_if.clone(),
            kind,
            in_english,
        }
    }
}

/// A definition that parses but makes no sense (duplicate keys, branching on a later question, …).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DefinitionError {
    #[error("question key `{0}` appears twice")]
    DuplicateKey(String),
    #[error("question `{question}` branches on `{on}`, which is not an earlier choice question")]
    BadBranch { question: String, on: String },
    #[error("question `{question}` branches on value `{value}`, which `{on}` does not offer")]
    BadBranchValue {
        question: String,
        on: String,
        value: String,
    },
    #[error("question `{0}` has no English prompt")]
    MissingEnglish(String),
    #[error("question `{0}` has an empty range or length limit")]
    BadLimits(String),
}

impl SurveyDefinition {
    /// Parses and checks a definition (used for seeds, imports and edits).
    pub fn from_json(json: &str) -> Result<SurveyDefinition, String> {
        let def: SurveyDefinition = serde_json::from_str(json).map_err(|e| e.to_string())?;
        def.check().map_err(|e| e.to_string())?;
        Ok(def)
    }

    /// For each weighting variable the survey measures (`variable` on a choice or district
    /// question), the categories a respondent can give, without the non-answers.
    pub fn weighting_categories(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for q in &self.questions {
            let Some(variable) = &q.variable else {
                continue;
            };
            let values: Vec<String> = match &q.kind {
                KindDef::SingleChoice { options }
                | KindDef::MultipleChoice { options }
                | KindDef::Language { options } => {
                    options.iter().map(|o| o.value.clone()).collect()
                }
                KindDef::CouncilDistrict => {
                    (1..=COUNCIL_DISTRICTS).map(|d| d.to_string()).collect()
                }
                _ => continue,
            };
            out.entry(variable.clone()).or_default().extend(
                values
                    .into_iter()
                    .filter(|v| !NON_ANSWERS.contains(&v.as_str())),
            );
        }
        out
    }

    pub fn check(&self) -> Result<(), DefinitionError> {
        let mut seen: BTreeMap<&str, &QuestionDef> = BTreeMap::new();
        for q in &self.questions {
            if !q.prompt.contains_key("en") {
                return Err(DefinitionError::MissingEnglish(q.key.clone()));
            }
            match q.kind {
                KindDef::ShortText { max_chars } | KindDef::LongText { max_chars }
                    if max_chars == 0 =>
                {
                    return Err(DefinitionError::BadLimits(q.key.clone()));
                }
                KindDef::Number { min, max } if min > max => {
                    return Err(DefinitionError::BadLimits(q.key.clone()));
                }
                _ => {}
            }
            if let Some(cond) = &q.show_if {
                let bad = || DefinitionError::BadBranch {
                    question: q.key.clone(),
                    on: cond.question.clone(),
                };
                let on = seen.get(cond.question.as_str()).ok_or_else(bad)?;
                let allowed: Vec<String> = match &on.kind {
                    KindDef::SingleChoice { options }
                    | KindDef::MultipleChoice { options }
                    | KindDef::Language { options } => {
                        options.iter().map(|o| o.value.clone()).collect()
                    }
                    KindDef::Rating { .. } => (1..=5).map(|r: u8| r.to_string()).collect(),
                    KindDef::CouncilDistrict => {
                        (1..=COUNCIL_DISTRICTS).map(|d| d.to_string()).collect()
                    }
                    _ => return Err(bad()),
                };
                if let Some(value) = cond.any_of.iter().find(|v| !allowed.contains(v)) {
                    return Err(DefinitionError::BadBranchValue {
                        question: q.key.clone(),
                        on: cond.question.clone(),
                        value: value.clone(),
                    });
                }
            }
            if seen.insert(q.key.as_str(), q).is_some() {
                return Err(DefinitionError::DuplicateKey(q.key.clone()));
            }
        }
        Ok(())
    }

    pub fn summary(&self, locale: Locale) -> SurveySummary {
        let (title, title_in_english) = pick_lang(&self.title, locale);
        let (intro, intro_in_english) = pick_lang(&self.intro, locale);
        SurveySummary {
            slug: self.slug.clone(),
            title,
            intro,
            questions: self.questions.len(),
            title_in_english,
            intro_in_english,
        }
    }

    pub fn localize(
        &self,
        version_id: i32,
        locale: Locale,
        open: bool,
        submission_token: String,
    ) -> SurveyForm {
        let (title, title_in_english) = pick_lang(&self.title, locale);
        let (intro, intro_in_english) = pick_lang(&self.intro, locale);
        SurveyForm {
            slug: self.slug.clone(),
            version_id,
            audience: self.audience,
            locale,
            title,
            intro,
            title_in_english,
            intro_in_english,
            questions: self.questions.iter().map(|q| q.localize(locale)).collect(),
            open,
            submission_token,
            invite: None,
            invite_problem: None,
            preview: false,
        }
    }
}
