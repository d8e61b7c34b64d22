//! The one rule for a survey's slug, the name in its address (`/surveys/{slug}`). The survey
//! editor checks it before making a survey; the survey form's post checks it before looking the
//! survey up, so a slug no survey could have is answered "not found" without a database call.

/// Longest slug, in characters.
pub const MAX_SLUG: usize = 80;

/// The rule, as the editor says it.
pub const SLUG_RULE: &str =
    "1 to 80 characters of a-z, 0-9 and hyphens, starting with a letter, like “parks-2027”";

/// Whether `slug` can name a survey: 1 to [`MAX_SLUG`] characters of `a-z`, `0-9` and `-`, a
/// letter first. Every survey there is passes it: the seeded ones, and those the editor made when
/// its rule was 3 to 80 characters.
pub fn valid_slug(slug: &str) -> bool {
    (1..=MAX_SLUG).contains(&slug.len())
        && slug.starts_with(|c: char| c.is_ascii_lowercase())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_and_test_slugs_are_valid() {
        for slug in [
            "resident-digital-services",
            "department-leaders",
            "community-organizations",
            "parks-2027",
            "other",
            "s",
        ] {
            assert!(valid_slug(slug), "{slug}");
        }
    }

    #[test]
    fn a_letter_comes_first() {
        assert!(valid_slug("a2027"));
        assert!(!valid_slug("2027-parks"));
        assert!(!valid_slug("-parks"));
    }

    #[test]
    fn only_lowercase_letters_digits_and_hyphens() {
        assert!(valid_slug("my-survey-2027"));
        for slug in [
            "My-survey",
            "my survey",
            "my_survey",
            "../etc",
            "parks/2027",
            "café",
        ] {
            assert!(!valid_slug(slug), "{slug}");
        }
    }

    #[test]
    fn one_to_eighty_characters() {
        assert!(!valid_slug(""));
        assert!(valid_slug(&"a".repeat(MAX_SLUG)));
        assert!(!valid_slug(&"a".repeat(MAX_SLUG + 1)));
    }
}
