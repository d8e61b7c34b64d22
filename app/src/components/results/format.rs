//! Numbers, dates and statuses as residents read them, in their language.

use crate::i18n::Locale;
use crate::models::strategy::ActionStatus;

/// A share (0–1) as a percentage with one decimal, written the way the language writes it:
/// `23.4%` in English, Chinese and Tagalog, `23,4 %` in Spanish, `23,4%` in Vietnamese.
pub fn percent(locale: Locale, share: f64) -> String {
    let figure = format!("{:.1}", share * 100.0);
    match locale {
        Locale::En | Locale::ZhHant | Locale::Tl => format!("{figure}%"),
        Locale::Es => format!("{} %", figure.replace('.', ",")),
        Locale::Vi => format!("{}%", figure.replace('.', ",")),
    }
}

/// The day of an RFC 3339 time or a `YYYY-MM-DD` date (ISO dates read the same in every language).
pub fn date(stamp: &str) -> &str {
    stamp.get(..10).unwrap_or(stamp)
}

/// An action's status, for people.
pub fn status_label(locale: Locale, status: ActionStatus) -> String {
    locale.tr(match status {
        ActionStatus::Proposed => "results-status-proposed",
        ActionStatus::Planned => "results-status-planned",
        ActionStatus::InProgress => "results-status-in-progress",
        ActionStatus::Done => "results-status-done",
        ActionStatus::WontDo => "results-status-wont-do",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_follow_the_language() {
        assert_eq!(percent(Locale::En, 0.234), "23.4%");
        assert_eq!(percent(Locale::Es, 0.234), "23,4 %");
        assert_eq!(percent(Locale::Vi, 0.234), "23,4%");
        assert_eq!(percent(Locale::En, 0.0), "0.0%");
    }

    #[test]
    fn dates_keep_the_day() {
        assert_eq!(date("2026-03-04T10:00:00Z"), "2026-03-04");
        assert_eq!(date("2026-03-04"), "2026-03-04");
        assert_eq!(date("short"), "short");
    }

    #[test]
    fn every_status_has_a_label_in_every_language() {
        for locale in Locale::ALL {
            for status in ActionStatus::ALL {
                let label = status_label(locale, status);
                assert!(!label.starts_with("results-"), "{locale:?} {status:?}");
            }
        }
    }
}
