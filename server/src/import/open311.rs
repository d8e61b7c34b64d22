//! Resident reports from an Open311 GeoReport v2 `requests.json` (a JSON array of service
//! requests), read one request at a time. [`parse`] reads one request, for files and for the
//! scheduled feed (`crate::open311_feed`) alike: its id, description, category, dates, ZIP code and
//! where it stands (`status`, `status_notes`, `agency_responsible`, `updated_datetime`).

use std::fmt;
use std::io::Read;

use app::store::report_status::{ReportState, TrackedReport};
use app::store::reports::NewReport;
use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use time::OffsetDateTime;

use super::{BadRow, Item};

/// Longest `status` stored (the column's size).
const MAX_STATUS: usize = 40;
/// Longest `agency_responsible` stored; longer names are cut.
const MAX_AGENCY: usize = 200;

/// The GeoReport v2 fields Needscope uses.
#[derive(Deserialize)]
struct ServiceRequest {
    service_request_id: Option<serde_json::Value>,
    description: Option<String>,
    service_name: Option<String>,
    requested_datetime: Option<String>,
    updated_datetime: Option<String>,
    status: Option<String>,
    status_notes: Option<String>,
    agency_responsible: Option<String>,
    zipcode: Option<serde_json::Value>,
}

/// Why one request was refused: its `service_request_id` when it has one, and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub id: Option<String>,
    pub reason: String,
}

/// Reads `reader`, sending each request (or why it was refused) to `send`. Requests before a
/// syntax error are sent; the error then names its line and column.
pub fn read(reader: impl Read, send: impl FnMut(Item) -> bool) -> anyhow::Result<()> {
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(reader));
    de.deserialize_seq(Requests { send })
        .map_err(|e| anyhow::anyhow!("not a GeoReport v2 requests.json: {e}"))?;
    de.end()
        .map_err(|e| anyhow::anyhow!("unexpected data after the list of requests: {e}"))
}

struct Requests<F> {
    send: F,
}

impl<'de, F: FnMut(Item) -> bool> Visitor<'de> for Requests<F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON array of service requests")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0usize;
        while let Some(value) = seq.next_element_seed(AnyValue)? {
            n += 1;
            let item = convert(n, value);
            if !(self.send)(item) {
                break;
            }
        }
        Ok(())
    }
}

/// Deserialises one element as a JSON value, whatever it is.
struct AnyValue;

impl<'de> DeserializeSeed<'de> for AnyValue {
    type Value = serde_json::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        serde_json::Value::deserialize(d)
    }
}

fn text(v: &Option<serde_json::Value>) -> Option<String> {
    match v {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// A date field of request `id`: `Ok(None)` when absent or empty.
fn date(id: &str, field: &str, value: Option<&str>) -> Result<Option<OffsetDateTime>, String> {
    match value {
        Some(d) if !d.trim().is_empty() => super::dates::parse(d)
            .map(Some)
            .ok_or_else(|| format!("request {id}: {field} {d:?} is not a date")),
        _ => Ok(None),
    }
}

/// Reads one service request.
pub fn parse(value: serde_json::Value) -> Result<TrackedReport, Refused> {
    let refused = |id: Option<&str>, reason: String| Refused {
        id: id.map(str::to_owned),
        reason,
    };
    let request: ServiceRequest = serde_json::from_value(value)
        .map_err(|e| refused(None, format!("not a service request: {e}")))?;
    let Some(id) = text(&request.service_request_id) else {
        return Err(refused(None, "no service_request_id".into()));
    };
    let Some(description) = request.description.filter(|d| !d.trim().is_empty()) else {
        return Err(refused(
            Some(&id),
            format!("request {id} has no description"),
        ));
    };
    let requested_at = date(
        &id,
        "requested_datetime",
        request.requested_datetime.as_deref(),
    )
    .map_err(|e| refused(Some(&id), e))?;
    let updated_at = date(&id, "updated_datetime", request.updated_datetime.as_deref())
        .map_err(|e| refused(Some(&id), e))?;
    let status = request
        .status
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty());
    if let Some(s) = status.as_deref().filter(|s| s.chars().count() > MAX_STATUS) {
        return Err(refused(
            Some(&id),
            format!("request {id}: status {s:?} is longer than {MAX_STATUS} characters"),
        ));
    }
    let trimmed = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(TrackedReport {
        report: NewReport {
            external_id: id,
            text: description.trim().to_owned(),
            category: request.service_name.filter(|s| !s.trim().is_empty()),
            requested_at,
            district: None,
            zip: text(&request.zipcode).and_then(|z| super::zip5(&z)),
        },
        state: ReportState {
            status,
            status_notes: trimmed(request.status_notes),
            agency_responsible: trimmed(request.agency_responsible)
                .map(|a| a.chars().take(MAX_AGENCY).collect()),
            updated_at,
        },
    })
}

fn convert(n: usize, value: serde_json::Value) -> Item {
    match parse(value) {
        Ok(tracked) => Item::Tracked(tracked),
        Err(refused) => Item::Bad(BadRow {
            at: format!("request #{n}"),
            reason: refused.reason,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(json: &str) -> (Vec<Item>, anyhow::Result<()>) {
        let mut items = Vec::new();
        let result = read(json.as_bytes(), |i| {
            items.push(i);
            true
        });
        (items, result)
    }

    #[test]
    fn requests_stream_in_and_bad_ones_are_named() {
        let (items, result) = read_all(
            r#"[{"service_request_id":"638344","service_name":"Pothole","description":"Deep pothole",
                 "requested_datetime":"2024-03-05T14:30:00-08:00","zipcode":"95122"},
                {"service_request_id":638345,"description":""},
                {"service_name":"Graffiti","description":"Tagging on wall"},
                "not an object"]"#,
        );
        result.unwrap();
        assert!(
            matches!(&items[0], Item::Tracked(t) if t.report.external_id == "638344"
            && t.report.category.as_deref() == Some("Pothole") && t.report.zip.as_deref() == Some("95122"))
        );
        assert!(
            matches!(&items[1], Item::Bad(b) if b.reason == "request 638345 has no description")
        );
        assert!(
            matches!(&items[2], Item::Bad(b) if b.at == "request #3" && b.reason == "no service_request_id")
        );
        assert!(matches!(&items[3], Item::Bad(b) if b.at == "request #4"));
    }

    #[test]
    fn a_syntax_error_keeps_what_came_before_and_says_where() {
        let (items, result) =
            read_all("[{\"service_request_id\":\"1\",\"description\":\"ok\"},\n{\"oops\"");
        assert_eq!(items.len(), 1);
        let err = result.unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        let (_, result) = read_all("{\"service_requests\": []}");
        assert!(
            result
                .unwrap_err()
                .to_string()
                .contains("a JSON array of service requests")
        );
    }

    #[test]
    fn status_and_dates_are_kept_and_a_bad_date_is_named() {
        let t = parse(serde_json::json!({
            "service_request_id": "7", "description": "Streetlight out", "status": " Closed ",
            "status_notes": "Bulb replaced", "agency_responsible": "Public Works",
            "requested_datetime": "2024-03-01T08:00:00Z", "updated_datetime": "2024-03-04T08:00:00Z"
        }))
        .unwrap();
        assert!(t.state.is_closed());
        assert_eq!(t.state.status_notes.as_deref(), Some("Bulb replaced"));
        assert_eq!(t.state.agency_responsible.as_deref(), Some("Public Works"));
        assert_eq!(t.state.updated_at.unwrap().unix_timestamp(), 1_709_539_200);
        let bad = parse(serde_json::json!({
            "service_request_id": 8, "description": "x", "updated_datetime": "soon"
        }))
        .unwrap_err();
        assert_eq!(bad.id.as_deref(), Some("8"));
        assert_eq!(
            bad.reason,
            "request 8: updated_datetime \"soon\" is not a date"
        );
    }
}
