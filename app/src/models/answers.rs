//! Answers as posted (raw form fields), as stored (typed values), and the validation between them.
//! The same code runs in the browser (instant feedback) and on the server (the check that counts).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::survey::{Kind, Question};
use crate::i18n::{FluentArg, Locale};

/// Posted form fields: question key → the values sent (several for checkboxes).
pub type RawAnswers = BTreeMap<String, Vec<String>>;

/// A validated answer, as stored (JSON, tagged by type).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum AnswerValue {
    Text(String),
    Choice(String),
    Choices(Vec<String>),
    Number(i64),
    Rating(u8),
}

/// What is wrong with one answer. Rendered in the resident's language by [`FieldError::message`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FieldError {
    Required,
    TooLong { max: u32, actual: u32 },
    NotANumber,
    OutOfRange { min: i64, max: i64 },
    InvalidZip,
    UnknownOption,
    OneOptionOnly,
    InvalidRating,
}

impl FieldError {
    pub fn message(self, locale: Locale) -> String {
        match self {
            FieldError::Required => locale.tr("error-required"),
            FieldError::TooLong { max, actual } => locale.tr_args(
                "error-too-long",
                &[
                    ("max", FluentArg::Num(max.into())),
                    ("actual", FluentArg::Num(actual.into())),
                ],
            ),
            FieldError::NotANumber => locale.tr("error-not-a-number"),
            FieldError::OutOfRange { min, max } => locale.tr_args(
                "error-out-of-range",
                &[("min", FluentArg::Num(min)), ("max", FluentArg::Num(max))],
            ),
            FieldError::InvalidZip => locale.tr("error-invalid-zip"),
            FieldError::UnknownOption => locale.tr("error-unknown-option"),
            FieldError::OneOptionOnly => locale.tr("error-one-option"),
            FieldError::InvalidRating => locale.tr("error-invalid-rating"),
        }
    }
}

/// Field errors by question key, in question order when rendered.
pub type FieldErrors = BTreeMap<String, FieldError>;

/// A problem with the submission as a whole rather than one answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormError {
    /// Too many submissions from this client in a short time.
    RateLimited,
    /// The field that only robots fill in was filled in.
    Honeypot,
    /// The survey closed (or the version vanished) between showing and submitting.
    SurveyClosed,
    /// The form arrived without the hidden fields the page puts in it.
    Malformed,
    /// Storing failed; the answers are still on screen.
    Unavailable,
    /// The invitation link stopped working between showing and submitting.
    InviteGone,
}

impl FormError {
    pub fn message(self, locale: Locale) -> String {
        locale.tr(match self {
            FormError::RateLimited => "form-error-rate-limited",
            FormError::Honeypot => "form-error-honeypot",
            FormError::SurveyClosed => "form-error-closed",
            FormError::Malformed => "form-error-malformed",
            FormError::Unavailable => "form-error-unavailable",
            FormError::InviteGone => "form-error-invite-gone",
        })
    }
}

/// A rejected submission, handed back to the survey page so it can show every answer again next to
/// what is wrong.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PostedSubmission {
    pub values: RawAnswers,
    pub field_errors: FieldErrors,
    pub form_error: Option<FormError>,
}

/// Whether `question` is shown given the answers so far (branching).
pub fn is_visible(question: &Question, raw: &RawAnswers) -> bool {
    match &question.show_if {
        None => true,
        Some(cond) => raw.get(&cond.question).is_some_and(|values| {
            values
                .iter()
                .any(|v| cond.any_of.iter().any(|want| want == v.trim()))
        }),
    }
}

fn clean_text(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_string()
}

fn check_choice(options: &[super::survey::Choice], value: &str) -> Result<String, FieldError> {
    if options.iter().any(|o| o.value == value) {
        Ok(value.to_string())
    } else {
        Err(FieldError::UnknownOption)
    }
}

/// The 5-digit ZIP of `value` (ZIP+4 accepted), or `None`.
pub fn parse_zip(value: &str) -> Option<String> {
    let (five, plus) = match value.split_once('-') {
        Some((five, four)) => (five, Some(four)),
        None => (value, None),
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    (digits(five, 5) && plus.is_none_or(|four| digits(four, 4))).then(|| five.to_string())
}

fn validate_one(question: &Question, values: &[String]) -> Result<Option<AnswerValue>, FieldError> {
    let present: Vec<String> = values
        .iter()
        .map(|v| clean_text(v))
        .filter(|v| !v.is_empty())
        .collect();
    if present.is_empty() {
        return if question.required {
            Err(FieldError::Required)
        } else {
            Ok(None)
        };
    }
    let single = || -> Result<&str, FieldError> {
        match present.as_slice() {
            [one] => Ok(one.as_str()),
            _ => Err(FieldError::OneOptionOnly),
        }
    };
    let value = match &question.kind {
        Kind::SingleChoice { options }
        | Kind::CouncilDistrict { options }
        | Kind::Language { options } => AnswerValue::Choice(check_choice(options, single()?)?),
        Kind::MultipleChoice { options } => {
            let mut chosen = Vec::with_capacity(present.len());
            for value in &present {
                let value = check_choice(options, value)?;
                if !chosen.contains(&value) {
                    chosen.push(value);
                }
            }
            AnswerValue::Choices(chosen)
        }
        Kind::Rating { .. } => match single()?.parse::<u8>() {
            Ok(r @ 1..=5) => AnswerValue::Rating(r),
            _ => return Err(FieldError::InvalidRating),
        },
        Kind::ShortText { max_chars } | Kind::LongText { max_chars } => {
            let text = single()?;
            let actual = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
            if actual > *max_chars {
                return Err(FieldError::TooLong {
                    max: *max_chars,
                    actual,
                });
            }
            AnswerValue::Text(text.to_string())
        }
        Kind::Number { min, max } => {
            let n: i64 = single()?
                .replace(',', "")
                .parse()
                .map_err(|_| FieldError::NotANumber)?;
            if n < *min || n > *max {
                return Err(FieldError::OutOfRange {
                    min: *min,
                    max: *max,
                });
            }
            AnswerValue::Number(n)
        }
        Kind::Zip => AnswerValue::Text(parse_zip(single()?).ok_or(FieldError::InvalidZip)?),
    };
    Ok(Some(value))
}

/// Checks every visible answer. On success, the typed answers to store (hidden and empty questions
/// left out); on failure, every field error at once.
pub fn validate(
    questions: &[Question],
    raw: &RawAnswers,
) -> Result<BTreeMap<String, AnswerValue>, FieldErrors> {
    let mut answers = BTreeMap::new();
    let mut errors = FieldErrors::new();
    let none = Vec::new();
    for question in questions.iter().filter(|q| is_visible(q, raw)) {
        match validate_one(question, raw.get(&question.key).unwrap_or(&none)) {
            Ok(Some(value)) => {
                answers.insert(question.key.clone(), value);
            }
            Ok(None) => {}
            Err(e) => {
                errors.insert(question.key.clone(), e);
            }
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::models::survey::{Choice, ShowIf};

    fn q(key: &str, kind: Kind, required: bool) -> Question {
        Question {
            key: key.into(),
            prompt: key.into(),
            help: None,
            why: None,
            required,
            show_if: None,
            kind,
            in_english: Default::default(),
        }
    }

    fn opts(values: &[&str]) -> Vec<Choice> {
        values
            .iter()
            .map(|v| Choice {
                value: (*v).into(),
                label: (*v).into(),
            })
            .collect()
    }

    fn raw(pairs: &[(&str, &str)]) -> RawAnswers {
        let mut map = RawAnswers::new();
        for (k, v) in pairs {
            map.entry((*k).to_string())
                .or_default()
                .push((*v).to_string());
        }
        map
    }

    fn survey() -> Vec<Question> {
        let mut follow_up = q("why_hard", Kind::LongText { max_chars: 20 }, true);
        follow_up.show_if = Some(ShowIf {
            question: "ease".into(),
            any_of: vec!["1".into(), "2".into()],
        });
        vec![
            q(
                "channel",
                Kind::SingleChoice {
                    options: opts(&["web", "phone"]),
                },
                true,
            ),
            q(
                "devices",
                Kind::MultipleChoice {
                    options: opts(&["phone", "laptop"]),
                },
                false,
            ),
            q(
                "ease",
                Kind::Rating {
                    low: "hard".into(),
                    high: "easy".into(),
                },
                false,
            ),
            follow_up,
            q("zip", Kind::Zip, false),
            q("people", Kind::Number { min: 1, max: 20 }, false),
        ]
    }

    #[test]
    fn valid_answers_become_typed_values() {
        let answers = validate(
            &survey(),
            &raw(&[
                ("channel", "web"),
                ("devices", "phone"),
                ("devices", "laptop"),
                ("ease", "4"),
                ("zip", "95112-1234"),
                ("people", " 3 "),
            ]),
        )
        .expect("valid");
        assert_eq!(answers["channel"], AnswerValue::Choice("web".into()));
        assert_eq!(
            answers["devices"],
            AnswerValue::Choices(vec!["phone".into(), "laptop".into()])
        );
        assert_eq!(answers["ease"], AnswerValue::Rating(4));
        assert_eq!(answers["zip"], AnswerValue::Text("95112".into()));
        assert_eq!(answers["people"], AnswerValue::Number(3));
        assert!(
            !answers.contains_key("why_hard"),
            "hidden question is not stored"
        );
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let errors = validate(
            &survey(),
            &raw(&[
                ("channel", "fax"),
                ("zip", "9511"),
                ("people", "many"),
                ("ease", "9"),
            ]),
        )
        .expect_err("invalid");
        assert_eq!(errors["channel"], FieldError::UnknownOption);
        assert_eq!(errors["zip"], FieldError::InvalidZip);
        assert_eq!(errors["people"], FieldError::NotANumber);
        assert_eq!(errors["ease"], FieldError::InvalidRating);
        assert_eq!(errors.len(), 4);
    }

    #[test]
    fn required_blank_and_whitespace_are_missing() {
        let errors = validate(&survey(), &raw(&[("channel", "   ")])).expect_err("missing");
        assert_eq!(errors["channel"], FieldError::Required);
    }

    #[test]
    fn branching_shows_and_requires_the_follow_up_only_when_chosen() {
        let errors =
            validate(&survey(), &raw(&[("channel", "web"), ("ease", "2")])).expect_err("follow-up");
        assert_eq!(errors["why_hard"], FieldError::Required);
        assert!(validate(&survey(), &raw(&[("channel", "web"), ("ease", "5")])).is_ok());
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let ok = "ñ".repeat(20);
        let long = "ñ".repeat(21);
        let base = [("channel", "web"), ("ease", "1")];
        let mut fine = raw(&base);
        fine.insert("why_hard".into(), vec![ok]);
        assert!(validate(&survey(), &fine).is_ok());
        let mut too_long = raw(&base);
        too_long.insert("why_hard".into(), vec![long]);
        assert_eq!(
            validate(&survey(), &too_long).expect_err("long")["why_hard"],
            FieldError::TooLong {
                max: 20,
                actual: 21
            }
        );
    }

    #[test]
    fn out_of_range_and_duplicate_single_values_are_rejected() {
        let errors = validate(
            &survey(),
            &raw(&[("channel", "web"), ("channel", "phone"), ("people", "21")]),
        )
        .expect_err("bad");
        assert_eq!(errors["channel"], FieldError::OneOptionOnly);
        assert_eq!(errors["people"], FieldError::OutOfRange { min: 1, max: 20 });
    }

    #[test]
    fn zip_parsing() {
        assert_eq!(parse_zip("95112"), Some("95112".into()));
        assert_eq!(parse_zip("95112-0001"), Some("95112".into()));
        for bad in ["9511", "951123", "95a12", "95112-12", "٩٥١١٢"] {
            assert_eq!(parse_zip(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_error_has_a_message_in_both_languages() {
        let all = [
            FieldError::Required,
            FieldError::TooLong { max: 5, actual: 6 },
            FieldError::NotANumber,
            FieldError::OutOfRange { min: 1, max: 2 },
            FieldError::InvalidZip,
            FieldError::UnknownOption,
            FieldError::OneOptionOnly,
            FieldError::InvalidRating,
        ];
        for locale in Locale::ALL {
            for e in all {
                let msg = e.message(locale);
                assert!(
                    !msg.is_empty() && !msg.starts_with("error-"),
                    "{e:?} {locale:?}: {msg}"
                );
            }
        }
        assert_eq!(
            FieldError::InvalidZip.message(Locale::En),
            "Enter a 5-digit ZIP code, like 95112."
        );
    }
}
