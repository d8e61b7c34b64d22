//! The survey editor: what its pages show, and the edits it makes to a definition. Every edit is a
//! pure function from a definition and what a form posted to a new definition, or to the field that
//! is wrong and why; the server stores the result as the survey's next version.

use serde::{Deserialize, Serialize};

use crate::models::survey::{ChoiceDef, KindDef, Localized, QuestionDef, SurveyDefinition};

/// A problem with a posted edit: the form field's id and a message naming what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError {
    pub field: String,
    pub message: String,
}

impl EditError {
    pub fn new(field: &str, message: impl Into<String>) -> EditError {
        EditError {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// The question kinds the editor offers, with the names it shows.
pub const KINDS: [(&str, &str); 9] = [
    ("single_choice", "One choice"),
    ("multiple_choice", "Several choices"),
    ("rating", "Rating from 1 to 5"),
    ("short_text", "Short text"),
    ("long_text", "Long text (analysed for need themes)"),
    ("number", "Number"),
    ("zip", "ZIP code"),
    ("council_district", "Council district"),
    ("language", "Language spoken"),
];

/// The hidden form field that carries the revision of the definition a page showed.
pub const REVISION_FIELD: &str = "revision";

/// Longest prompt, help text, label or title the editor accepts.
pub const MAX_TEXT: usize = 600;
/// Longest survey introduction.
pub const MAX_INTRO: usize = 3_000;

/// The name a kind is shown with.
pub fn kind_name(kind: &KindDef) -> &'static str {
    let code = kind_code(kind);
    KINDS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, name)| name)
}

pub fn kind_code(kind: &KindDef) -> &'static str {
    match kind {
        KindDef::SingleChoice { .. } => "single_choice",
        KindDef::MultipleChoice { .. } => "multiple_choice",
        KindDef::Rating { .. } => "rating",
        KindDef::ShortText { .. } => "short_text",
        KindDef::LongText { .. } => "long_text",
        KindDef::Number { .. } => "number",
        KindDef::Zip => "zip",
        KindDef::CouncilDistrict => "council_district",
        KindDef::Language { .. } => "language",
    }
}

/// Whether a question key or option value is usable: `a-z`, digits and `_`, 1 to 40, a letter first
/// for keys. Keys and values are what stored answers refer to, so they never change with wording.
fn valid_code(code: &str, letter_first: bool) -> bool {
    (1..=40).contains(&code.len())
        && (!letter_first || code.starts_with(|c: char| c.is_ascii_lowercase()))
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A value made from a label: lower case, runs of other characters as `_`.
pub fn code_from(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_');
    out.chars().take(40).collect::<String>()
}

/// Checks a required text field; `Err` names the field.
fn text(field: &str, what: &str, value: &str, max: usize) -> Result<String, EditError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(EditError::new(field, format!("Write the {what}.")));
    }
    optional(field, what, value, max).map(|v| v.unwrap_or_default())
}

fn optional(field: &str, what: &str, value: &str, max: usize) -> Result<Option<String>, EditError> {
    let value = value.trim();
    let chars = value.chars().count();
    if chars > max {
        return Err(EditError::new(
            field,
            format!("Shorten the {what} to at most {max} characters (it has {chars})."),
        ));
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

/// Options as the editor shows them: one per line, `value | English label`.
pub fn options_text(options: &[ChoiceDef]) -> String {
    options
        .iter()
        .map(|o| {
            format!(
                "{} | {}",
                o.value,
                o.label.get("en").map(String::as_str).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads options, one per line: `value | label`, or a label alone (its value is made from it).
/// Labels in other languages are kept from `before` for values that stay.
pub fn parse_options(text: &str, before: &[ChoiceDef]) -> Result<Vec<ChoiceDef>, EditError> {
    const FIELD: &str = "question-options";
    let mut out: Vec<ChoiceDef> = Vec::new();
    for (n, line) in text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())) {
        if line.is_empty() {
            continue;
        }
        let (value, label) = match line.split_once('|') {
            Some((v, l)) => (v.trim().to_owned(), l.trim()),
            None => (code_from(line), line),
        };
        if label.is_empty() {
            return Err(EditError::new(
                FIELD,
                format!("Line {n} of the options has no label after “|”."),
            ));
        }
        if !valid_code(&value, false) {
            return Err(EditError::new(
                FIELD,
                format!(
                    "Line {n} of the options: the value “{value}” may only use a-z, 0-9 and _ (at most 40)."
                ),
            ));
        }
        if label.chars().count() > MAX_TEXT {
            return Err(EditError::new(
                FIELD,
                format!(
                    "Line {n} of the options: shorten the label to at most {MAX_TEXT} characters."
                ),
            ));
        }
        if out.iter().any(|o| o.value == value) {
            return Err(EditError::new(
                FIELD,
                format!(
                    "Line {n} of the options repeats the value “{value}”; each option needs its own."
                ),
            ));
        }
        let mut labels: Localized = before
            .iter()
            .find(|o| o.value == value)
            .map(|o| o.label.clone())
            .unwrap_or_default();
        labels.insert("en".to_owned(), label.to_owned());
        out.push(ChoiceDef {
            value,
            label: labels,
        });
    }
    if out.len() < 2 {
        return Err(EditError::new(
            FIELD,
            "Give at least two options, one per line.",
        ));
    }
    Ok(out)
}

/// A question as the question form posts it (every field as typed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionInput {
    pub key: String,
    pub kind: String,
    pub prompt: String,
    pub help: String,
    pub required: bool,
    pub options: String,
    pub max_chars: String,
    pub min: String,
    pub max: String,
    pub low: String,
    pub high: String,
    /// For a new question: the key of the question it goes after (empty: first).
    pub after: String,
}

/// The form fields a [`QuestionInput`] is read from (all but `required`, a checkbox).
pub const QUESTION_FIELDS: [&str; 11] = [
    "key",
    "kind",
    "prompt",
    "help",
    "options",
    "max_chars",
    "min",
    "max",
    "low",
    "high",
    "after",
];

impl QuestionInput {
    /// The form of an existing question.
    pub fn of(q: &QuestionDef) -> QuestionInput {
        let en = |t: &Localized| t.get("en").cloned().unwrap_or_default();
        let mut input = QuestionInput {
            key: q.key.clone(),
            kind: kind_code(&q.kind).to_owned(),
            prompt: en(&q.prompt),
            help: q.help.as_ref().map(en).unwrap_or_default(),
            required: q.required,
            ..QuestionInput::default()
        };
        match &q.kind {
            KindDef::SingleChoice { options }
            | KindDef::MultipleChoice { options }
            | KindDef::Language { options } => input.options = options_text(options),
            KindDef::Rating { low, high } => {
                input.low = en(low);
                input.high = en(high);
            }
            KindDef::ShortText { max_chars } | KindDef::LongText { max_chars } => {
                input.max_chars = max_chars.to_string();
            }
            KindDef::Number { min, max } => {
                input.min = min.to_string();
                input.max = max.to_string();
            }
            KindDef::Zip | KindDef::CouncilDistrict => {}
        }
        input
    }

    fn number<T: std::str::FromStr>(field: &str, what: &str, value: &str) -> Result<T, EditError> {
        value.trim().parse().map_err(|_| {
            EditError::new(
                field,
                format!("“{value}” is not a whole number for the {what}."),
            )
        })
    }

    /// The kind this input describes, keeping the other languages of `before`'s texts.
    fn kind(&self, before: Option<&KindDef>) -> Result<KindDef, EditError> {
        let old_options: &[ChoiceDef] = match before {
            Some(
                KindDef::SingleChoice { options }
                | KindDef::MultipleChoice { options }
                | KindDef::Language { options },
            ) => options,
            _ => &[],
        };
        let rating = match before {
            Some(KindDef::Rating { low, high }) => (low.clone(), high.clone()),
            _ => Default::default(),
        };
        let with_en = |mut t: Localized, en: String| {
            t.insert("en".to_owned(), en);
            t
        };
        Ok(match self.kind.as_str() {
            "single_choice" => KindDef::SingleChoice {
                options: parse_options(&self.options, old_options)?,
            },
            "multiple_choice" => KindDef::MultipleChoice {
                options: parse_options(&self.options, old_options)?,
            },
            "language" => KindDef::Language {
                options: parse_options(&self.options, old_options)?,
            },
            "rating" => KindDef::Rating {
                low: with_en(
                    rating.0,
                    text("question-low", "label of 1", &self.low, MAX_TEXT)?,
                ),
                high: with_en(
                    rating.1,
                    text("question-high", "label of 5", &self.high, MAX_TEXT)?,
                ),
            },
            "short_text" | "long_text" => {
                let max_chars: u32 = if self.max_chars.trim().is_empty() {
                    if self.kind == "short_text" {
                        200
                    } else {
                        2_000
                    }
                } else {
                    Self::number("question-max-chars", "longest answer", &self.max_chars)?
                };
                if !(1..=10_000).contains(&max_chars) {
                    return Err(EditError::new(
                        "question-max-chars",
                        "The longest answer must be from 1 to 10000 characters.",
                    ));
                }
                if self.kind == "short_text" {
                    KindDef::ShortText { max_chars }
                } else {
                    KindDef::LongText { max_chars }
                }
            }
            "number" => {
                let min: i64 = Self::number("question-min", "smallest number", &self.min)?;
                let max: i64 = Self::number("question-max", "largest number", &self.max)?;
                if min > max {
                    return Err(EditError::new(
                        "question-max",
                        format!("The largest number ({max}) is smaller than the smallest ({min})."),
                    ));
                }
                KindDef::Number { min, max }
            }
            "zip" => KindDef::Zip,
            "council_district" => KindDef::CouncilDistrict,
            other => {
                return Err(EditError::new(
                    "question-kind",
                    format!("“{other}” is not a kind of question; choose one from the list."),
                ));
            }
        })
    }

    /// The question this input describes; `before` is the question it replaces, whose other
    /// languages, branching, weighting variable and reason are kept.
    pub fn question(&self, before: Option<&QuestionDef>) -> Result<QuestionDef, EditError> {
        let prompt = text("question-prompt", "question", &self.prompt, MAX_TEXT)?;
        let help = optional("question-help", "help text", &self.help, MAX_TEXT)?;
        let kind = self.kind(before.map(|q| &q.kind))?;
        let mut q = before.cloned().unwrap_or_else(|| QuestionDef {
            key: self.key.trim().to_owned(),
            prompt: Localized::new(),
            help: None,
            required: false,
            variable: None,
            why: None,
            show_if: None,
            kind: KindDef::Zip,
        });
        q.prompt.insert("en".to_owned(), prompt);
        q.help = match (help, q.help.take()) {
            (Some(en), Some(mut all)) => {
                all.insert("en".to_owned(), en);
                Some(all)
            }
            (Some(en), None) => Some(Localized::from([("en".to_owned(), en)])),
            (None, _) => None,
        };
        q.required = self.required;
        q.kind = kind;
        Ok(q)
    }
}

/// Adds a question after `input.after` (first when empty).
pub fn add_question(def: &mut SurveyDefinition, input: &QuestionInput) -> Result<(), EditError> {
    let key = input.key.trim();
    if !valid_code(key, true) {
        return Err(EditError::new(
            "question-key",
            "The key must start with a letter and use only a-z, 0-9 and _ (at most 40), like “top_need”.",
        ));
    }
    if def.questions.iter().any(|q| q.key == key) {
        return Err(EditError::new(
            "question-key",
            format!("The survey already has a question with the key “{key}”; choose another."),
        ));
    }
    let question = input.question(None)?;
    let at = match input.after.trim() {
        "" => 0,
        after => {
            def.questions
                .iter()
                .position(|q| q.key == after)
                .ok_or_else(|| {
                    EditError::new(
                        "question-after",
                        format!("There is no question “{after}” to put it after."),
                    )
                })?
                + 1
        }
    };
    def.questions.insert(at, question);
    Ok(())
}

/// Replaces question `key` with what `input` says.
pub fn edit_question(
    def: &mut SurveyDefinition,
    key: &str,
    input: &QuestionInput,
) -> Result<(), EditError> {
    let slot = def
        .questions
        .iter_mut()
        .find(|q| q.key == key)
        .ok_or_else(|| EditError::new("question-key", format!("There is no question “{key}”.")))?;
    *slot = input.question(Some(slot))?;
    Ok(())
}

/// Moves question `key` one place up (`up`) or down; at an end it stays.
pub fn move_question(def: &mut SurveyDefinition, key: &str, up: bool) -> Result<(), EditError> {
    let at = position(def, key)?;
    let to = if up { at.checked_sub(1) } else { Some(at + 1) };
    if let Some(to) = to.filter(|to| *to < def.questions.len()) {
        def.questions.swap(at, to);
    }
    Ok(())
}

pub fn remove_question(def: &mut SurveyDefinition, key: &str) -> Result<(), EditError> {
    let at = position(def, key)?;
    def.questions.remove(at);
    Ok(())
}

fn position(def: &SurveyDefinition, key: &str) -> Result<usize, EditError> {
    def.questions
        .iter()
        .position(|q| q.key == key)
        .ok_or_else(|| EditError::new("questions", format!("There is no question “{key}”.")))
}

/// Sets the English title and introduction.
pub fn set_texts(def: &mut SurveyDefinition, title: &str, intro: &str) -> Result<(), EditError> {
    let title = text("survey-title", "title", title, MAX_TEXT)?;
    let intro = text("survey-intro", "introduction", intro, MAX_INTRO)?;
    def.title.insert("en".to_owned(), title);
    def.intro.insert("en".to_owned(), intro);
    Ok(())
}

/// Reads a whole definition posted as JSON for survey `slug` of `audience`; `Err` says where
/// the JSON is wrong (line and column) or which rule it breaks.
pub fn parse_definition(
    json: &str,
    current: &SurveyDefinition,
) -> Result<SurveyDefinition, EditError> {
    const FIELD: &str = "definition";
    let def: SurveyDefinition = serde_json::from_str(json).map_err(|e| {
        EditError::new(
            FIELD,
            format!(
                "The definition is not valid: line {}, column {}: {e}.",
                e.line(),
                e.column()
            ),
        )
    })?;
    if def.slug != current.slug {
        return Err(EditError::new(
            FIELD,
            format!(
                "The definition's slug “{}” must stay “{}”: the survey's address does not change.",
                def.slug, current.slug
            ),
        ));
    }
    if def.audience != current.audience {
        return Err(EditError::new(
            FIELD,
            "The definition's audience must stay as it is: make a new survey for another audience.",
        ));
    }
    def.check()
        .map_err(|e| EditError::new(FIELD, format!("The definition breaks a rule: {e}.")))?;
    Ok(def)
}

mod pages;
mod translations;

pub use pages::*;
pub use translations::*;

#[cfg(test)]
mod tests;
