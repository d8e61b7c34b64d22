//! Resident reports from an Open311 GeoReport v2 `requests.json` (a JSON array of service
//! requests), read one request at a time.

use std::fmt;
use std::io::Read;

use app::store::reports::NewReport;
use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};

use super::{BadRow, Item};

/// The GeoReport v2 fields Needscope uses.
#[derive(Deserialize)]
struct ServiceRequest {
    service_request_id: Option<serde_json::Value>,
    description: Option<String>,
    service_name: Option<String>,
    requested_datetime: Option<String>,
    zipcode: Option<serde_json::Value>,
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

fn convert(n: usize, value: serde_json::Value) -> Item {
    let bad = |reason: String| {
        Item::Bad(BadRow {
            at: format!("request #{n}"),
            reason,
        })
    };
    let request: ServiceRequest = match serde_json::from_value(value) {
        Ok(r) => r,
        Err(e) => return bad(format!("not a service request: {e}")),
    };
    let Some(id) = text(&request.service_request_id) else {
        return bad("no service_request_id".into());
    };
    let Some(description) = request.description.filter(|d| !d.trim().is_empty()) else {
        return bad(format!("request {id} has no description"));
    };
    let requested_at = match request.requested_datetime.as_deref() {
        Some(d) if !d.trim().is_empty() => match super::dates::parse(d) {
            Some(t) => Some(t),
            None => {
                return bad(format!(
                    "request {id}: requested_datetime {d:?} is not a date"
                ));
            }
        },
        _ => None,
    };
    Item::Row(NewReport {
        external_id: id,
        text: description.trim().to_owned(),
        category: request.service_name.filter(|s| !s.trim().is_empty()),
        requested_at,
        district: None,
        zip: text(&request.zipcode).and_then(|z| super::zip5(&z)),
    })
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
            matches!(&items[0], Item::Row(r) if r.external_id == "638344"
            && r.category.as_deref() == Some("Pothole") && r.zip.as_deref() == Some("95122"))
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
}
