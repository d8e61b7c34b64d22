//! Dates as 311 exports write them.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

/// Parses an ISO 8601 / RFC 3339 timestamp, `YYYY-MM-DD[ HH:MM[:SS]]` or `MM/DD/YYYY[ HH:MM[:SS]
/// [AM|PM]]` (times without an offset are taken as UTC). `None` when it is none of these.
pub fn parse(value: &str) -> Option<OffsetDateTime> {
    let v = value.trim();
    if let Ok(t) = OffsetDateTime::parse(v, &Rfc3339) {
        return Some(t);
    }
    let v = v.trim_end_matches('Z').replace('T', " ");
    let v = v.split('.').next().unwrap_or_default();
    let datetimes = [
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]"),
        format_description!(
            "[month padding:none]/[day padding:none]/[year] [hour]:[minute]:[second]"
        ),
        format_description!("[month padding:none]/[day padding:none]/[year] [hour]:[minute]"),
        format_description!(
            "[month padding:none]/[day padding:none]/[year] [hour repr:12 padding:none]:[minute]:[second] [period]"
        ),
        format_description!(
            "[month padding:none]/[day padding:none]/[year] [hour repr:12 padding:none]:[minute] [period]"
        ),
    ];
    for f in datetimes {
        if let Ok(t) = PrimitiveDateTime::parse(v, f) {
            return Some(t.assume_utc());
        }
    }
    let dates = [
        format_description!("[year]-[month]-[day]"),
        format_description!("[month padding:none]/[day padding:none]/[year]"),
    ];
    dates
        .into_iter()
        .find_map(|f| Date::parse(v, f).ok())
        .map(|d| d.midnight().assume_utc())
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn common_311_forms() {
        let iso = parse("2024-03-05T14:30:00-08:00").unwrap();
        assert_eq!(iso.unix_timestamp(), 1_709_677_800);
        assert_eq!(parse("2024-03-05 22:30:00").unwrap(), iso);
        assert_eq!(parse("2024-03-05T22:30:00.000").unwrap(), iso);
        assert_eq!(parse("3/5/2024 10:30:00 PM").unwrap(), iso);
        assert_eq!(parse("03/05/2024 22:30").unwrap(), iso);
        assert_eq!(
            parse("2024-03-05").unwrap().date().to_string(),
            "2024-03-05"
        );
        assert!(parse("yesterday").is_none());
        assert!(parse("2024-13-40").is_none());
    }
}
