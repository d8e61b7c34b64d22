//! How a response was collected (a resident's own web submission, or a paper form, a phone call or
//! an in-person interview entered by staff or a partner), the respondent code written on a paper
//! form, and the short code printed beside each question so that whoever enters a paper form can
//! match its questions to the entry page's.
//!
//! The mode travels into analysis as the respondent variable [`MODE_VARIABLE`]: the dashboard can
//! break theme shares down by it, and a margins file can rake on it.

use serde::{Deserialize, Serialize};

/// The weighting and breakdown variable holding a response's collection mode.
pub const MODE_VARIABLE: &str = "collection_mode";

/// How a response reached us.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollectionMode {
    /// The resident submitted the web form themselves.
    Web,
    /// A paper form, entered by staff or a partner.
    Paper,
    /// Answers taken over the phone.
    Phone,
    /// Answers taken in person (an interview, an event).
    InPerson,
}

impl CollectionMode {
    pub const ALL: [CollectionMode; 4] = [
        CollectionMode::Web,
        CollectionMode::Paper,
        CollectionMode::Phone,
        CollectionMode::InPerson,
    ];
    /// The modes someone enters on a respondent's behalf (web is what residents' own
    /// submissions get).
    pub const ENTERED: [CollectionMode; 3] = [
        CollectionMode::Paper,
        CollectionMode::Phone,
        CollectionMode::InPerson,
    ];

    /// The stored name (also the category in breakdowns and margins files).
    pub fn as_str(self) -> &'static str {
        match self {
            CollectionMode::Web => "web",
            CollectionMode::Paper => "paper",
            CollectionMode::Phone => "phone",
            CollectionMode::InPerson => "in_person",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<CollectionMode> {
        CollectionMode::ALL
            .into_iter()
            .find(|m| m.as_str() == name.trim())
    }

    /// The Fluent key of the mode's name (`staff-entry-mode-paper`, …): staff pages only.
    pub fn message_key(self) -> &'static str {
        match self {
            CollectionMode::Web => "staff-entry-mode-web",
            CollectionMode::Paper => "staff-entry-mode-paper",
            CollectionMode::Phone => "staff-entry-mode-phone",
            CollectionMode::InPerson => "staff-entry-mode-in_person",
        }
    }
}

/// The longest respondent code a paper form may carry.
pub const MAX_PAPER_CODE_CHARS: usize = 40;

/// What is wrong with a typed respondent code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaperCodeError {
    TooLong,
    /// Only letters, digits and `-` (no spaces inside).
    BadCharacters,
}

/// A respondent code as stored: trimmed and upper-cased, so `ab-12` and ` AB-12 ` are the same
/// form. `Ok(None)` when nothing was typed.
pub fn parse_paper_code(typed: &str) -> Result<Option<String>, PaperCodeError> {
    let code = typed.trim().to_uppercase();
    if code.is_empty() {
        return Ok(None);
    }
    if code.chars().count() > MAX_PAPER_CODE_CHARS {
        return Err(PaperCodeError::TooLong);
    }
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(PaperCodeError::BadCharacters);
    }
    Ok(Some(code))
}

/// Letters and digits that cannot be mistaken for one another when handwritten or read aloud
/// (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V).
const CODE_ALPHABET: &[u8] = b"34679ACDEFGHJKMNPQRTWXY";

/// The short code printed beside each question of `keys` (in order): `Q` and three characters
/// derived from the question's key, so a question keeps its code in every language and every
/// version of the survey however the questions are reordered. Should two keys of one survey
/// share three characters, the later one takes a fourth, and so on.
pub fn question_codes<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    for key in keys {
        let mut hash = fnv1a(key);
        let mut code = String::from("Q");
        loop {
            let base = CODE_ALPHABET.len() as u64;
            code.push(char::from(CODE_ALPHABET[(hash % base) as usize]));
            hash /= base;
            if hash == 0 {
                hash = fnv1a(&code);
            }
            if code.len() >= 4 && !taken.contains(&code) {
                break;
            }
        }
        taken.push(code);
    }
    taken
}

fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_round_trip() {
        for mode in CollectionMode::ALL {
            assert_eq!(CollectionMode::parse(mode.as_str()), Some(mode));
        }
        assert_eq!(CollectionMode::parse("fax"), None);
        assert!(!CollectionMode::ENTERED.contains(&CollectionMode::Web));
    }

    #[test]
    fn every_mode_has_a_name_on_staff_pages() {
        use crate::i18n::Locale;
        for mode in CollectionMode::ALL {
            for locale in [Locale::En, Locale::Es] {
                let name = locale.tr(mode.message_key());
                assert!(
                    !name.starts_with("staff-"),
                    "{mode:?} in {locale:?}: {name}"
                );
            }
        }
        assert_eq!(
            Locale::Es.tr(CollectionMode::Paper.message_key()),
            "Formulario en papel"
        );
    }

    #[test]
    fn paper_codes_are_normalised_and_checked() {
        assert_eq!(parse_paper_code("  ab-12 "), Ok(Some("AB-12".into())));
        assert_eq!(parse_paper_code("   "), Ok(None));
        assert_eq!(
            parse_paper_code("AB 12"),
            Err(PaperCodeError::BadCharacters)
        );
        assert_eq!(
            parse_paper_code(&"A".repeat(41)),
            Err(PaperCodeError::TooLong)
        );
    }

    #[test]
    fn question_codes_are_stable_short_and_distinct() {
        let keys = ["council_district", "zip", "hardest_task", "age_band"];
        let codes = question_codes(keys);
        assert_eq!(codes.len(), 4);
        assert!(codes.iter().all(|c| c.len() == 4 && c.starts_with('Q')));
        // The same key has the same code whatever its position or neighbours.
        let reordered = question_codes(["zip", "age_band"]);
        assert_eq!(reordered[0], codes[1]);
        assert_eq!(reordered[1], codes[3]);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 4);
    }

    #[test]
    fn colliding_keys_still_get_distinct_codes() {
        let codes = question_codes(["same", "same", "same"]);
        assert_eq!(codes[0].len(), 4);
        assert_ne!(codes[0], codes[1]);
        assert_ne!(codes[1], codes[2]);
        assert_ne!(codes[0], codes[2]);
    }
}
