//! What a run analyses: which streams, and which days. Logged with the run, so `runs verify`
//! repeats exactly the same selection.

use app::models::Stream;
use app::models::jobs::JobOptions;
use app::store::notes::PassageForAnalysis;
use app::store::reports::ReportForAnalysis;
use app::store::runs::ResponseForAnalysis;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime, UtcOffset};

/// A `YYYY-MM-DD` day, if `text` is one.
pub fn parse_day(text: &str) -> Option<Date> {
    Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// Streams included; empty: all.
    pub streams: Vec<Stream>,
    /// First day included (UTC).
    pub from: Option<Date>,
    /// Last day included (UTC).
    pub to: Option<Date>,
}

impl From<&JobOptions> for Scope {
    fn from(options: &JobOptions) -> Scope {
        Scope {
            streams: options.streams.clone(),
            from: options.from,
            to: options.to,
        }
    }
}

impl Scope {
    /// Everything.
    pub fn all() -> Scope {
        Scope::default()
    }

    pub fn includes_stream(&self, stream: Stream) -> bool {
        self.streams.is_empty() || self.streams.contains(&stream)
    }

    pub fn includes_time(&self, at: OffsetDateTime) -> bool {
        self.includes_day(at.to_offset(UtcOffset::UTC).date())
    }

    pub fn includes_day(&self, day: Date) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }

    /// The responses in scope.
    pub fn responses(&self, all: Vec<ResponseForAnalysis>) -> Vec<ResponseForAnalysis> {
        all.into_iter()
            .filter(|r| self.includes_stream(r.stream) && self.includes_time(r.submitted_at))
            .collect()
    }

    /// The reports in scope (dated by the request, or by the import when the source had none).
    pub fn reports(&self, all: Vec<ReportForAnalysis>) -> Vec<ReportForAnalysis> {
        if !self.includes_stream(Stream::Reports) {
            return Vec::new();
        }
        all.into_iter()
            .filter(|r| self.includes_time(r.at()))
            .collect()
    }

    /// The interview-note passages in scope (dated by the interview).
    pub fn passages(&self, all: Vec<PassageForAnalysis>) -> Vec<PassageForAnalysis> {
        if !self.includes_stream(Stream::Notes) {
            return Vec::new();
        }
        all.into_iter()
            .filter(|p| self.includes_day(p.interview_date))
            .collect()
    }

    /// For people: `resident, reports · 2026-01-01 to 2026-06-30`.
    pub fn describe(&self) -> String {
        let streams = if self.streams.is_empty() {
            "all streams".to_owned()
        } else {
            self.streams
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let dates = match (self.from, self.to) {
            (None, None) => "all dates".to_owned(),
            (f, t) => format!(
                "{} to {}",
                f.map_or("the start".to_owned(), |d| d.to_string()),
                t.map_or("now".to_owned(), |d| d.to_string())
            ),
        };
        format!("{streams} · {dates}")
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn streams_and_days_bound_a_scope() {
        let scope = Scope {
            streams: vec![Stream::Resident],
            from: Some(time::macros::date!(2026 - 03 - 01)),
            to: Some(time::macros::date!(2026 - 03 - 31)),
        };
        assert!(scope.includes_stream(Stream::Resident));
        assert!(!scope.includes_stream(Stream::Reports));
        assert!(scope.includes_time(time::macros::datetime!(2026-03-31 23:59 UTC)));
        assert!(!scope.includes_time(time::macros::datetime!(2026-04-01 00:00 UTC)));
        assert!(!scope.includes_time(time::macros::datetime!(2026-02-28 12:00 UTC)));
        assert!(Scope::all().includes_stream(Stream::Notes));
        assert_eq!(scope.describe(), "resident · 2026-03-01 to 2026-03-31");
    }

    #[test]
    fn a_logged_scope_reads_back_and_an_unknown_stream_is_refused() {
        let logged = serde_json::json!({ "streams": ["resident", "reports"], "from": [2026, 60], "to": null });
        let scope: Scope = serde_json::from_value(logged).expect("logged scope");
        assert_eq!(scope.streams, [Stream::Resident, Stream::Reports]);
        assert_eq!(scope.from, Some(time::macros::date!(2026 - 03 - 01)));
        let unknown = serde_json::json!({ "streams": ["residents"], "from": null, "to": null });
        assert!(serde_json::from_value::<Scope>(unknown).is_err());
    }
}
