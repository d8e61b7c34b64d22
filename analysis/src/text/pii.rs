//! PII scrubbing: the first thing that happens to any text.
//!
//! Emails, URLs, phone numbers, street addresses and long digit runs are replaced by bracketed
//! placeholders (`[email]`, `[phone]`, …) before normalisation, language identification,
//! embedding or quoting, so nothing downstream (labels, quotes, caches) can leak them. What was
//! removed is reported as counts only.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// How many items of each kind the scrubber replaced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiiCounts {
    /// E-mail addresses.
    pub emails: usize,
    /// Web addresses.
    pub urls: usize,
    /// Phone numbers (North American and international forms).
    pub phones: usize,
    /// Street addresses (`123 Main St`, `45 Calle Olivo`).
    pub addresses: usize,
    /// Runs of 7 or more digits (case numbers, account or ID numbers).
    pub digit_runs: usize,
}

impl PiiCounts {
    /// Total number of replaced items.
    pub fn total(&self) -> usize {
        self.emails + self.urls + self.phones + self.addresses + self.digit_runs
    }

    /// Adds another count into this one.
    pub fn add(&mut self, other: &PiiCounts) {
        self.emails += other.emails;
        self.urls += other.urls;
        self.phones += other.phones;
        self.addresses += other.addresses;
        self.digit_runs += other.digit_runs;
    }
}

/// Placeholders the scrubber writes; tokenisers drop them.
pub const PLACEHOLDERS: [&str; 5] = ["[email]", "[url]", "[phone]", "[address]", "[number]"];

struct Patterns {
    email: Regex,
    url: Regex,
    phone: Regex,
    address: Regex,
    digits: Regex,
}

#[allow(clippy::expect_used)] // the patterns are constants covered by the tests below
fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        email: Regex::new(r"(?i)\b[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}\b")
            .expect("email pattern"),
        url: Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>]+").expect("url pattern"),
        phone: Regex::new(
            r"(?x)
            (?:\+\d{1,3}[\s.\-]?)?        # country code
            (?:\(\d{3}\)\s?|\b\d{3}[\s.\-])  # area code
            \d{3}[\s.\-]\d{4}\b",
        )
        .expect("phone pattern"),
        address: Regex::new(
            r"(?xi)
            \b\d{1,6}\s+
            (?:
              (?:[a-z0-9áéíóúñ']+\s+){0,3}
              (?:st|street|ave|avenue|av|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court|way|
                 pl|place|ter|terrace|cir|circle|hwy|highway|pkwy|parkway|expy|expressway|sq|square)\b\.?
            |
              (?:calle|avenida|camino|paseo)\s+[a-záéíóúñ']+(?:\s+[a-záéíóúñ']+)?
            )",
        )
        .expect("address pattern"),
        digits: Regex::new(r"\b\d(?:[\s\-]?\d){6,}\b").expect("digit pattern"),
    })
}

/// Replaces PII in `text` and returns the scrubbed text with the counts of what was replaced.
///
/// ```
/// let (clean, counts) = analysis::text::pii::scrub("Call 408-555-0199 or mail ana@example.org");
/// assert_eq!(clean, "Call [phone] or mail [email]");
/// assert_eq!((counts.phones, counts.emails), (1, 1));
/// ```
pub fn scrub(text: &str) -> (String, PiiCounts) {
    let p = patterns();
    let mut counts = PiiCounts::default();
    let mut out = replace_count(&p.email, text, "[email]", &mut counts.emails);
    out = replace_count(&p.url, &out, "[url]", &mut counts.urls);
    out = replace_count(&p.phone, &out, "[phone]", &mut counts.phones);
    out = replace_count(&p.address, &out, "[address]", &mut counts.addresses);
    out = replace_count(&p.digits, &out, "[number]", &mut counts.digit_runs);
    (out, counts)
}

fn replace_count(re: &Regex, text: &str, placeholder: &str, count: &mut usize) -> String {
    let n = re.find_iter(text).count();
    if n == 0 {
        return text.to_owned();
    }
    *count += n;
    re.replace_all(text, placeholder).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_urls() {
        let (s, c) =
            scrub("write to Juan.Perez+city@mail.sanjose.gov or see https://x.org/a?b=1 now");
        assert_eq!(s, "write to [email] or see [url] now");
        assert_eq!((c.emails, c.urls), (1, 1));
    }

    #[test]
    fn phone_forms() {
        for t in [
            "(408) 555-0199",
            "408-555-0199",
            "408.555.0199",
            "+1 408 555 0199",
        ] {
            let (s, c) = scrub(&format!("call {t} today"));
            assert_eq!(s, "call [phone] today", "{t}");
            assert_eq!(c.phones, 1);
        }
    }

    #[test]
    fn street_addresses() {
        let (s, c) = scrub("I live at 1234 North First Street near the park");
        assert_eq!(s, "I live at [address] near the park");
        assert_eq!(c.addresses, 1);
        let (s, c) = scrub("vivo en 45 Calle Olivo, San José");
        assert_eq!(s, "vivo en [address], San José");
        assert_eq!(c.addresses, 1);
    }

    #[test]
    fn long_digit_runs_but_not_short_numbers() {
        let (s, c) = scrub("case 20231187654 about bus 22 and 311");
        assert_eq!(s, "case [number] about bus 22 and 311");
        assert_eq!(c.digit_runs, 1);
        assert_eq!(c.total(), 1);
    }

    #[test]
    fn clean_text_is_untouched() {
        let t = "We need more parks and safer sidewalks for 3 schools.";
        let (s, c) = scrub(t);
        assert_eq!(s, t);
        assert_eq!(c, PiiCounts::default());
    }
}
