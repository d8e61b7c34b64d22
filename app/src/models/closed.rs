//! Results of the surveys' closed questions on the strategy dashboard: each question's
//! distribution, and one chosen question crossed with the need themes and with a second
//! question (a demographic, say). Counts below the run's minimum cell size are suppressed
//! before they get here (`None`); these types only carry what may be shown.
//!
//! The helpers below turn a stored question definition and stored answers into what the
//! tallies count, in English: they are pure, shared by the server and the page.

use serde::{Deserialize, Serialize};

use super::AnswerValue;
use super::survey::{Choice, Kind, KindDef, QuestionDef, ShowIf};
use crate::i18n::Locale;

/// Label of the row of respondents who answered the chosen question but not the one it is
/// crossed with.
pub const NO_ANSWER: &str = "(no answer)";

/// A question with a fixed set of answers, in English, as the tallies count it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosedQuestion {
    pub key: String,
    pub prompt: String,
    /// Respondents could choose several options.
    pub multiple: bool,
    /// The question measures a weighting variable (a demographic or the district).
    pub demographic: bool,
    /// Options in the order the survey defines them.
    pub options: Vec<Choice>,
    pub show_if: Option<ShowIf>,
}

impl ClosedQuestion {
    /// The closed question `q` is, if it is one: single and multiple choice, rating, council
    /// district and language. Free text, numbers and ZIP codes are not.
    pub fn of(q: &QuestionDef) -> Option<ClosedQuestion> {
        let shown = q.localize(Locale::En);
        let options: Vec<Choice> = match (&q.kind, &shown.kind) {
            (KindDef::Rating { .. }, Kind::Rating { low, high }) => (1..=5u8)
                .map(|r| Choice {
                    value: r.to_string(),
                    label: match r {
                        1 => format!("1 ({low})"),
                        5 => format!("5 ({high})"),
                        _ => r.to_string(),
                    },
                })
                .collect(),
            (_, kind) => kind.options()?.to_vec(),
        };
        Some(ClosedQuestion {
            key: q.key.clone(),
            prompt: shown.prompt,
            multiple: matches!(q.kind, KindDef::MultipleChoice { .. }),
            demographic: q.variable.is_some(),
            options,
            show_if: q.show_if.clone(),
        })
    }

    /// Whether a respondent who gave `answers` was shown the question (its branching condition
    /// holds, or it has none).
    pub fn asked<'a>(&self, answer_of: impl Fn(&str) -> Option<&'a [String]>) -> bool {
        self.show_if.as_ref().is_none_or(|cond| {
            answer_of(&cond.question)
                .is_some_and(|values| values.iter().any(|v| cond.any_of.contains(v)))
        })
    }
}

/// The values a stored answer chose: one for a single choice, district, language or rating,
/// several for a multiple choice, none for a number or an empty answer.
pub fn answer_values(value: &AnswerValue) -> Vec<String> {
    match value {
        AnswerValue::Choice(v) | AnswerValue::Text(v) if !v.trim().is_empty() => vec![v.clone()],
        AnswerValue::Choices(vs) => vs.clone(),
        AnswerValue::Rating(r) => vec![r.to_string()],
        _ => Vec::new(),
    }
}

/// The id of a survey's question in the dashboard's `q` parameter: `<survey slug>:<key>`.
pub fn question_id(slug: &str, key: &str) -> String {
    format!("{slug}:{key}")
}

/// The survey slug and question key of a `q` parameter.
pub fn parse_question_id(id: &str) -> Option<(&str, &str)> {
    id.split_once(':')
        .filter(|(slug, key)| !slug.is_empty() && !key.is_empty())
}

/// One option's count among the respondents who answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OptionShare {
    pub value: String,
    pub label: String,
    /// Respondents who chose it (`None`: suppressed).
    pub count: Option<u64>,
    /// `count` over the respondents who answered.
    pub share: Option<f64>,
    /// The same share under the run's raking weights, over the residents it weighted.
    pub weighted_share: Option<f64>,
}

/// How the respondents in the run answered one closed question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Distribution {
    /// `<survey slug>:<question key>`.
    pub id: String,
    /// The survey's title.
    pub survey: String,
    pub key: String,
    pub prompt: String,
    /// Respondents could choose several options (shares add up to more than 100%).
    pub multiple: bool,
    /// A demographic or geographic question.
    pub demographic: bool,
    /// Respondents who answered (`None`: suppressed).
    pub answered: Option<u64>,
    /// Respondents who were shown the question and left it empty.
    pub skipped: Option<u64>,
    /// Respondents whose earlier answers skipped past it (branching).
    pub not_asked: Option<u64>,
    /// Answering residents the run weighted (those who wrote an analysed answer), when weighted
    /// shares are shown.
    pub weighted_respondents: Option<u64>,
    pub options: Vec<OptionShare>,
}

/// A column of a cross-tab: an option and its respondents (`None`: below the minimum).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CrossColumn {
    pub label: String,
    pub respondents: Option<u64>,
}

/// The chosen question against the need themes: for each option, the share of its respondents
/// (those who also wrote an answer the run analysed) whose answers fall in each theme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ThemeCrossTab {
    /// `<survey slug>:<question key>`.
    pub question: String,
    pub prompt: String,
    pub columns: Vec<CrossColumn>,
    /// Theme label, then one share per column (`None`: suppressed).
    pub rows: Vec<(String, Vec<Option<f64>>)>,
}

/// A cell of the cross-tab against a second question.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CrossCell {
    pub count: Option<u64>,
    /// `count` over the row's respondents.
    pub share: Option<f64>,
}

/// One row: a category of the second question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CrossRow {
    pub label: String,
    /// Respondents in the category who answered the chosen question (`None`: suppressed).
    pub respondents: Option<u64>,
    pub cells: Vec<CrossCell>,
}

/// The chosen question (columns) against a second question of the same survey (rows): counts
/// and row shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CrossTab {
    /// `<survey slug>:<question key>` of the chosen question.
    pub question: String,
    pub prompt: String,
    /// Key of the second question.
    pub against: String,
    pub against_prompt: String,
    pub columns: Vec<String>,
    pub rows: Vec<CrossRow>,
}

/// The closed-question panel of the dashboard.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClosedResults {
    /// Counts below this are suppressed (the run's weighting setting, or its default).
    pub min_count: u64,
    /// Whether weighted shares could be computed (the run is weighted).
    pub weighted: bool,
    /// Every closed question of every survey the run read, survey by survey, in question order.
    pub distributions: Vec<Distribution>,
    /// The question crossed (the `q` filter, or the first one answered).
    pub question: Option<String>,
    /// The key of the question it is crossed with (the `against` filter, or the survey's first
    /// demographic question answered).
    pub against: Option<String>,
    pub by_theme: Option<ThemeCrossTab>,
    pub by_against: Option<CrossTab>,
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::models::survey::ChoiceDef;

    fn text(en: &str) -> BTreeMap<String, String> {
        BTreeMap::from([("en".to_owned(), en.to_owned()), ("es".into(), "x".into())])
    }

    fn question(key: &str, kind: KindDef) -> QuestionDef {
        QuestionDef {
            key: key.into(),
            prompt: text(&format!("{key}?")),
            help: None,
            required: false,
            variable: None,
            why: None,
            show_if: None,
            kind,
        }
    }

    #[test]
    fn closed_questions_have_english_options_in_order() {
        let tenure = QuestionDef {
            variable: Some("tenure".into()),
            ..question(
                "tenure",
                KindDef::SingleChoice {
                    options: vec![
                        ChoiceDef {
                            value: "own".into(),
                            label: text("Own"),
                        },
                        ChoiceDef {
                            value: "rent".into(),
                            label: text("Rent"),
                        },
                    ],
                },
            )
        };
        let q = ClosedQuestion::of(&tenure).expect("closed");
        assert!(q.demographic && !q.multiple);
        assert_eq!(q.prompt, "tenure?");
        let labels: Vec<&str> = q.options.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(labels, ["Own", "Rent"]);

        let district = ClosedQuestion::of(&question("d", KindDef::CouncilDistrict)).expect("d");
        assert_eq!(district.options.len(), 11);
        assert_eq!(district.options[0].label, "District 1");

        let rating = ClosedQuestion::of(&question(
            "ease",
            KindDef::Rating {
                low: text("Hard"),
                high: text("Easy"),
            },
        ))
        .expect("rating");
        let values: Vec<&str> = rating.options.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(values, ["1", "2", "3", "4", "5"]);
        assert_eq!(rating.options[0].label, "1 (Hard)");
        assert_eq!(rating.options[4].label, "5 (Easy)");

        let many = ClosedQuestion::of(&question("m", KindDef::MultipleChoice { options: vec![] }))
            .expect("multiple");
        assert!(many.multiple);
        for open in [
            KindDef::LongText { max_chars: 10 },
            KindDef::ShortText { max_chars: 10 },
            KindDef::Number { min: 0, max: 9 },
            KindDef::Zip,
        ] {
            assert_eq!(ClosedQuestion::of(&question("open", open)), None);
        }
    }

    #[test]
    fn branching_decides_who_was_asked() {
        let q = ClosedQuestion {
            show_if: Some(ShowIf {
                question: "used".into(),
                any_of: vec!["yes".into()],
            }),
            ..ClosedQuestion::of(&question("ease", KindDef::CouncilDistrict)).expect("q")
        };
        let yes = ["yes".to_owned()];
        let no = ["no".to_owned()];
        assert!(q.asked(|k| (k == "used").then_some(&yes[..])));
        assert!(!q.asked(|k| (k == "used").then_some(&no[..])));
        assert!(!q.asked(|_| None));
        let unconditional = ClosedQuestion { show_if: None, ..q };
        assert!(unconditional.asked(|_| None));
    }

    #[test]
    fn stored_answers_become_chosen_values() {
        assert_eq!(answer_values(&AnswerValue::Choice("2".into())), ["2"]);
        assert_eq!(
            answer_values(&AnswerValue::Choices(vec!["a".into(), "b".into()])),
            ["a", "b"]
        );
        assert_eq!(answer_values(&AnswerValue::Rating(4)), ["4"]);
        assert!(answer_values(&AnswerValue::Number(3)).is_empty());
        assert!(answer_values(&AnswerValue::Text("  ".into())).is_empty());
    }

    #[test]
    fn question_ids_name_survey_and_key() {
        let id = question_id("resident-digital-services", "tenure");
        assert_eq!(
            parse_question_id(&id),
            Some(("resident-digital-services", "tenure"))
        );
        assert_eq!(parse_question_id("tenure"), None);
        assert_eq!(parse_question_id(":tenure"), None);
    }
}
