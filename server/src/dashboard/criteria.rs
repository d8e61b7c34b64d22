//! The dashboard's filters as one test on where something came from: stream, language, survey,
//! council district and day. Theme counts, totals, trends and the closed-question results all go
//! through it, so every panel counts the same people.

use app::models::Stream;
use app::models::dashboard::DashboardFilter;
use time::Date;

use crate::runs::scope::parse_day;

/// What is known of a unit's or a response's origin.
#[derive(Clone, Copy, Debug, Default)]
pub struct Facts<'a> {
    pub stream: Stream,
    pub language: &'a str,
    /// The survey's slug; `None` for reports and interview notes.
    pub survey: Option<&'a str>,
    pub district: Option<&'a str>,
    pub day: Option<Date>,
}

/// A dashboard filter, read.
#[derive(Clone, Copy, Debug, Default)]
pub struct Criteria<'a> {
    stream: Option<Stream>,
    language: Option<&'a str>,
    survey: Option<&'a str>,
    district: Option<&'a str>,
    from: Option<Date>,
    to: Option<Date>,
}

impl<'a> Criteria<'a> {
    /// The criteria of `filter`, and why a part of it was set aside (a stream that is not one, a
    /// date that is not a date, or a range that ends before it starts).
    pub fn of(filter: &'a DashboardFilter) -> (Criteria<'a>, Option<String>) {
        let mut problems = Vec::new();
        let mut day = |name: &str, text: &Option<String>| {
            let text = text.as_deref()?;
            let parsed = parse_day(text);
            if parsed.is_none() {
                problems.push(format!("the {name} date “{text}” is not a YYYY-MM-DD date"));
            }
            parsed
        };
        let (mut from, mut to) = (day("from", &filter.from), day("to", &filter.to));
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            problems.push(format!("the range ends ({t}) before it starts ({f})"));
            (from, to) = (None, None);
        }
        let stream = match filter.stream.as_deref().map(str::parse::<Stream>) {
            Some(Ok(stream)) => Some(stream),
            Some(Err(unknown)) => {
                problems.push(unknown.to_string());
                None
            }
            None => None,
        };
        let criteria = Criteria {
            stream,
            language: filter.language.as_deref(),
            survey: filter.survey.as_deref(),
            district: filter.district.as_deref(),
            from,
            to,
        };
        let problem = (!problems.is_empty())
            .then(|| format!("Some filters were not applied: {}.", problems.join("; ")));
        (criteria, problem)
    }

    /// Whether something from `facts` is counted. An origin without a day, district or survey
    /// is left out when the filter asks for one.
    pub fn keeps(&self, facts: &Facts) -> bool {
        let is = |want: Option<&str>, have: Option<&str>| want.is_none_or(|w| have == Some(w));
        self.stream.is_none_or(|s| s == facts.stream)
            && is(self.language, Some(facts.language))
            && is(self.survey, facts.survey)
            && is(self.district, facts.district)
            && self.from.is_none_or(|f| facts.day.is_some_and(|d| d >= f))
            && self.to.is_none_or(|t| facts.day.is_some_and(|d| d <= t))
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn facts() -> Facts<'static> {
        Facts {
            stream: Stream::Resident,
            language: "es",
            survey: Some("parks-2027"),
            district: Some("3"),
            day: Some(date!(2026 - 03 - 15)),
        }
    }

    #[test]
    fn every_filter_narrows_and_none_keeps_everything() {
        let everything = DashboardFilter::default();
        assert!(Criteria::of(&everything).0.keeps(&Facts::default()));
        let narrow = DashboardFilter {
            stream: Some("resident".into()),
            language: Some("es".into()),
            survey: Some("parks-2027".into()),
            district: Some("3".into()),
            from: Some("2026-03-01".into()),
            to: Some("2026-03-15".into()),
            ..DashboardFilter::default()
        };
        let (c, problem) = Criteria::of(&narrow);
        assert!(problem.is_none());
        assert!(c.keeps(&facts()));
        assert!(!c.keeps(&Facts {
            district: Some("4"),
            ..facts()
        }));
        assert!(
            !c.keeps(&Facts {
                survey: None,
                ..facts()
            }),
            "a report has no survey"
        );
        assert!(!c.keeps(&Facts {
            day: Some(date!(2026 - 03 - 16)),
            ..facts()
        }));
        assert!(
            !c.keeps(&Facts {
                day: None,
                ..facts()
            }),
            "no day, no match"
        );
    }

    #[test]
    fn bad_dates_are_set_aside_and_said() {
        let bad = DashboardFilter {
            from: Some("March".into()),
            ..DashboardFilter::default()
        };
        let (c, problem) = Criteria::of(&bad);
        assert!(c.keeps(&facts()));
        assert!(problem.expect("said").contains("“March”"));
        let backwards = DashboardFilter {
            from: Some("2026-04-01".into()),
            to: Some("2026-03-01".into()),
            ..DashboardFilter::default()
        };
        let (c, problem) = Criteria::of(&backwards);
        assert!(c.keeps(&facts()));
        assert!(problem.expect("said").contains("ends"));
        let unknown = DashboardFilter {
            stream: Some("residents".into()),
            ..DashboardFilter::default()
        };
        let (c, problem) = Criteria::of(&unknown);
        assert!(c.keeps(&facts()), "an unknown stream is set aside");
        assert!(
            problem
                .expect("said")
                .contains("“residents” is not a stream")
        );
    }
}
