//! An Open311 feed as the staff page shows it: its settings (the API key only as a hint) and
//! its last pull.

use serde::{Deserialize, Serialize};

/// Default minutes between scheduled pulls.
pub const DEFAULT_INTERVAL_MINUTES: i32 = 60;
/// The `report.source` a feed's reports are stored under unless named otherwise.
pub const DEFAULT_SOURCE: &str = "open311";

/// One feed, for the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedView {
    pub id: i32,
    pub source: String,
    pub base_url: String,
    pub jurisdiction_id: Option<String>,
    /// Whether an API key is stored, and its last four characters (never the key itself).
    pub api_key_hint: Option<String>,
    pub interval_minutes: i32,
    pub enabled: bool,
    /// RFC 3339: the latest `updated_datetime` seen.
    pub cursor: Option<String>,
    /// RFC 3339.
    pub last_pull_at: Option<String>,
    pub last_ok: Option<bool>,
    pub last_outcome: Option<String>,
    pub last_new: i64,
    pub last_updated: i64,
    pub last_unchanged: i64,
    pub last_refused: i64,
}

/// The hint a page shows for a stored API key: `…` and its last four characters (all but one
/// character hidden for keys of eight characters or fewer).
pub fn key_hint(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    let shown = if chars.len() > 8 { 4 } else { 1 };
    let tail: String = chars[chars.len().saturating_sub(shown)..].iter().collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::key_hint;

    #[test]
    fn hints_hide_the_key() {
        assert_eq!(key_hint("abcdef0123456789"), "…6789");
        assert_eq!(key_hint("secret"), "…t");
        assert_eq!(key_hint(""), "…");
    }
}
