//! Personal API tokens as the account page shows them, and the expiry choices its form offers
//! (shared so the form and its handler agree on them).

use serde::{Deserialize, Serialize};

/// Longest token name.
pub const MAX_NAME_CHARS: usize = 100;

/// What the expiry field offers: the posted value and its label. `never` has no expiry.
pub const EXPIRY_CHOICES: [(&str, &str); 4] = [
    ("30", "30 days"),
    ("90", "90 days"),
    ("365", "1 year"),
    ("never", "Never"),
];

/// The expiry chosen in the form by its posted value: `Some(Some(days))`, `Some(None)` for
/// never, `None` for a value the form does not offer.
pub fn expiry_days(value: &str) -> Option<Option<i64>> {
    match value.trim() {
        "never" => Some(None),
        v => EXPIRY_CHOICES
            .iter()
            .find(|(choice, _)| *choice == v)
            .and_then(|_| v.parse().ok())
            .map(Some),
    }
}

/// One of the viewer's tokens on the account page (never the token itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRow {
    pub id: i32,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    /// `None`: never expires.
    pub expires_at: Option<String>,
    /// `active`, `expired` or `revoked`.
    pub status: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_offered_expiries_are_read() {
        assert_eq!(expiry_days("30"), Some(Some(30)));
        assert_eq!(expiry_days(" 365 "), Some(Some(365)));
        assert_eq!(expiry_days("never"), Some(None));
        for bad in ["", "7", "-30", "forever", "3650"] {
            assert_eq!(expiry_days(bad), None, "{bad:?}");
        }
    }
}
