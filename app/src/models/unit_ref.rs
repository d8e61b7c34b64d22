//! What an analysed unit is and whom it is counted by, as types. Run logs, themes and quotes keep
//! these as text (`12:barriers`, `passage:7`, `report:45`; sources `R12`, `note:3`, `report:45`),
//! so both types print and parse exactly those forms: runs logged before these types existed
//! still read, and nobody builds or splits the text by hand.

use std::fmt;
use std::str::FromStr;

/// One unit of text a run analyses.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitRef {
    /// A free-text answer: response id and question key (`12:barriers`).
    Answer { response: i64, question: String },
    /// A passage of interview notes (`passage:7`).
    Passage(i64),
    /// An imported report (`report:45`).
    Report(i64),
}

/// Who a unit is counted by: prevalence counts sources, not units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceRef {
    /// A survey response (`R12`).
    Response(i64),
    /// An interview-notes document (`note:3`).
    Document(i32),
    /// An imported report, its own source (`report:45`).
    Report(i64),
}

/// Text that is not a unit or source id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a unit or source id")]
pub struct BadRef(pub String);

const PASSAGE: &str = "passage:";
const REPORT: &str = "report:";
const DOCUMENT: &str = "note:";
const RESPONSE: &str = "R";

impl UnitRef {
    /// The response of an answer.
    pub fn response(&self) -> Option<i64> {
        match self {
            UnitRef::Answer { response, .. } => Some(*response),
            _ => None,
        }
    }

    /// The passage id of a passage.
    pub fn passage(&self) -> Option<i64> {
        match self {
            UnitRef::Passage(id) => Some(*id),
            _ => None,
        }
    }

    /// The source an answer or report is counted by (a passage's document is not in its id).
    pub fn source(&self) -> Option<SourceRef> {
        match self {
            UnitRef::Answer { response, .. } => Some(SourceRef::Response(*response)),
            UnitRef::Report(id) => Some(SourceRef::Report(*id)),
            UnitRef::Passage(_) => None,
        }
    }
}

impl SourceRef {
    /// The response of a survey source.
    pub fn response(&self) -> Option<i64> {
        match self {
            SourceRef::Response(id) => Some(*id),
            _ => None,
        }
    }
}

impl fmt::Display for UnitRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnitRef::Answer { response, question } => write!(f, "{response}:{question}"),
            UnitRef::Passage(id) => write!(f, "{PASSAGE}{id}"),
            UnitRef::Report(id) => write!(f, "{REPORT}{id}"),
        }
    }
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceRef::Response(id) => write!(f, "{RESPONSE}{id}"),
            SourceRef::Document(id) => write!(f, "{DOCUMENT}{id}"),
            SourceRef::Report(id) => write!(f, "{REPORT}{id}"),
        }
    }
}

fn number<T: FromStr>(text: &str, whole: &str) -> Result<T, BadRef> {
    // `+7` and ` 7` parse as numbers but are never printed: refuse them so ids round-trip.
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BadRef(whole.to_owned()));
    }
    text.parse().map_err(|_| BadRef(whole.to_owned()))
}

impl FromStr for UnitRef {
    type Err = BadRef;

    fn from_str(s: &str) -> Result<UnitRef, BadRef> {
        if let Some(id) = s.strip_prefix(PASSAGE) {
            return Ok(UnitRef::Passage(number(id, s)?));
        }
        if let Some(id) = s.strip_prefix(REPORT) {
            return Ok(UnitRef::Report(number(id, s)?));
        }
        let (response, question) = s.split_once(':').ok_or_else(|| BadRef(s.to_owned()))?;
        if question.is_empty() {
            return Err(BadRef(s.to_owned()));
        }
        Ok(UnitRef::Answer {
            response: number(response, s)?,
            question: question.to_owned(),
        })
    }
}

impl FromStr for SourceRef {
    type Err = BadRef;

    fn from_str(s: &str) -> Result<SourceRef, BadRef> {
        if let Some(id) = s.strip_prefix(DOCUMENT) {
            return Ok(SourceRef::Document(number(id, s)?));
        }
        if let Some(id) = s.strip_prefix(REPORT) {
            return Ok(SourceRef::Report(number(id, s)?));
        }
        if let Some(id) = s.strip_prefix(RESPONSE) {
            return Ok(SourceRef::Response(number(id, s)?));
        }
        Err(BadRef(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_print_and_parse_in_the_logged_forms() {
        let cases = [
            (
                "12:barriers",
                UnitRef::Answer {
                    response: 12,
                    question: "barriers".into(),
                },
            ),
            ("passage:7", UnitRef::Passage(7)),
            ("report:45", UnitRef::Report(45)),
        ];
        for (text, unit) in cases {
            assert_eq!(unit.to_string(), text);
            assert_eq!(text.parse::<UnitRef>(), Ok(unit));
        }
    }

    #[test]
    fn sources_print_and_parse_in_the_logged_forms() {
        for (text, source) in [
            ("R12", SourceRef::Response(12)),
            ("note:3", SourceRef::Document(3)),
            ("report:45", SourceRef::Report(45)),
        ] {
            assert_eq!(source.to_string(), text);
            assert_eq!(text.parse::<SourceRef>(), Ok(source));
        }
    }

    #[test]
    fn a_question_key_may_hold_a_colon() {
        let unit: UnitRef = "3:a:b".parse().expect("unit");
        assert_eq!(unit.response(), Some(3));
        assert_eq!(unit.to_string(), "3:a:b");
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "",
            "12",
            "12:",
            "x:barriers",
            "passage:",
            "passage:x",
            "report:-1",
            "+3:q",
            "R",
            "Rx",
            "note:",
            "report",
        ] {
            assert!(
                bad.parse::<UnitRef>().is_err() || bad.parse::<SourceRef>().is_err(),
                "{bad}"
            );
        }
        assert!("passage:x".parse::<UnitRef>().is_err());
        assert!("R1".parse::<UnitRef>().is_err());
        assert!("12:barriers".parse::<SourceRef>().is_err());
    }

    #[test]
    fn answers_and_reports_know_their_source() {
        let answer: UnitRef = "5:q".parse().expect("unit");
        assert_eq!(answer.source(), Some(SourceRef::Response(5)));
        assert_eq!(UnitRef::Report(9).source(), Some(SourceRef::Report(9)));
        assert_eq!(UnitRef::Passage(9).source(), None);
    }
}
