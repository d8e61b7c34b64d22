//! Resident reports from a CSV export, read row by row (never the whole file at once).

use std::io::Read;

use app::store::reports::NewReport;

use super::{BadRow, Item};

/// Rows between progress reports.
const PROGRESS_EVERY: u64 = 256;

/// Which CSV columns hold what.
#[derive(Debug, Clone)]
pub struct ReportColumns {
    /// Column with the request id (unique within the source; makes re-imports idempotent).
    pub id_column: Option<String>,
    /// Column with the resident's description.
    pub text_column: Option<String>,
    /// Column with the request type or category.
    pub category_column: Option<String>,
    /// Column with the date the request was made.
    pub date_column: Option<String>,
    /// Column with the council district.
    pub district_column: Option<String>,
    /// Column with the ZIP code.
    pub zip_column: Option<String>,
}

/// Reads `reader` as CSV, sending each row (or why it was refused) to `send`, and the bytes read
/// so far for progress. A missing or unknown column stops before any row is read.
pub fn read(
    reader: impl Read,
    columns: &ReportColumns,
    mut send: impl FnMut(Item) -> bool,
) -> anyhow::Result<()> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(reader);
    let header = crate::analyze::csv_input::column_names(csv.byte_headers()?);
    let find = |flag: &str, name: &Option<String>| -> anyhow::Result<Option<usize>> {
        let Some(name) = name else { return Ok(None) };
        match header.iter().position(|h| h == name) {
            Some(at) => Ok(Some(at)),
            None => anyhow::bail!(
                "{flag} {name:?}: no such column in the header (columns: {})",
                header.join(", ")
            ),
        }
    };
    let id_at = find("--id-column", &columns.id_column)?
        .ok_or_else(|| anyhow::anyhow!("a CSV import needs --id-column (the request id)"))?;
    let text_at = find("--text-column", &columns.text_column)?
        .ok_or_else(|| anyhow::anyhow!("a CSV import needs --text-column (the description)"))?;
    let category_at = find("--category-column", &columns.category_column)?;
    let date_at = find("--date-column", &columns.date_column)?;
    let district_at = find("--district-column", &columns.district_column)?;
    let zip_at = find("--zip-column", &columns.zip_column)?;

    let mut record = csv::ByteRecord::new();
    let mut rows = 0u64;
    loop {
        let item = match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, csv::Position::line);
                row(
                    &record,
                    &header,
                    line,
                    id_at,
                    text_at,
                    [category_at, date_at, district_at, zip_at],
                )
            }
            Err(e) => Item::Bad(BadRow {
                at: format!("line {}", e.position().map_or(0, csv::Position::line)),
                reason: match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("{len} fields where the header has {expected_len}"),
                    _ => e.to_string(),
                },
            }),
        };
        rows += 1;
        // Progress every few hundred rows: the bar need not hear of each one.
        let progress = rows.is_multiple_of(PROGRESS_EVERY);
        if !send(item) || (progress && !send(Item::Progress(csv.position().byte()))) {
            break;
        }
    }
    Ok(())
}

fn row(
    record: &csv::ByteRecord,
    header: &[String],
    line: u64,
    id_at: usize,
    text_at: usize,
    [category_at, date_at, district_at, zip_at]: [Option<usize>; 4],
) -> Item {
    let bad = |column: usize, reason: &str| {
        Item::Bad(BadRow {
            at: format!("line {line}, column {:?}", header[column]),
            reason: reason.into(),
        })
    };
    let field = |at: usize| std::str::from_utf8(record.get(at).unwrap_or_default()).map(str::trim);
    let optional = |at: Option<usize>| -> Result<Option<String>, usize> {
        match at {
            None => Ok(None),
            Some(at) => match field(at) {
                Ok("") => Ok(None),
                Ok(v) => Ok(Some(v.to_owned())),
                Err(_) => Err(at),
            },
        }
    };
    let (id, text) = match (field(id_at), field(text_at)) {
        (Err(_), _) => return bad(id_at, "not valid UTF-8"),
        (_, Err(_)) => return bad(text_at, "not valid UTF-8"),
        (Ok(""), _) => return bad(id_at, "the request id is empty"),
        (_, Ok("")) => return bad(text_at, "no text"),
        (Ok(id), Ok(text)) => (id.to_owned(), text.to_owned()),
    };
    let (category, date, district, zip) = match (
        optional(category_at),
        optional(date_at),
        optional(district_at),
        optional(zip_at),
    ) {
        (Ok(c), Ok(d), Ok(di), Ok(z)) => (c, d, di, z),
        (Err(at), ..) | (_, Err(at), ..) | (_, _, Err(at), _) | (.., Err(at)) => {
            return bad(at, "not valid UTF-8");
        }
    };
    let requested_at = match date {
        Some(d) => match super::dates::parse(&d) {
            Some(t) => Some(t),
            None => {
                let reason = format!(
                    "date {d:?} not understood (use 2024-03-05, 2024-03-05T14:30:00Z or 3/5/2024)"
                );
                return bad(date_at.unwrap_or(text_at), &reason);
            }
        },
        None => None,
    };
    Item::Row(NewReport {
        external_id: id,
        text,
        category,
        requested_at,
        district,
        zip: zip.and_then(|z| super::zip5(&z)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> ReportColumns {
        ReportColumns {
            id_column: Some("id".into()),
            text_column: Some("description".into()),
            category_column: None,
            date_column: Some("opened".into()),
            district_column: None,
            zip_column: Some("zip".into()),
        }
    }

    fn read_all(bytes: &[u8]) -> anyhow::Result<Vec<Item>> {
        let mut items = Vec::new();
        read(bytes, &columns(), |i| {
            if !matches!(i, Item::Progress(_)) {
                items.push(i);
            }
            true
        })?;
        Ok(items)
    }

    #[test]
    fn good_rows_import_and_bad_rows_say_where_and_why() {
        let items = read_all(
            b"id,description,opened,zip\n\
              1,Pothole on Story Rd,2024-03-05,95122-1234\n\
              2,,2024-03-05,95122\n\
              3,Streetlight out,last week,95122\n\
              4,Graffiti,2024-03-06\n\
              5,Trash,3/6/2024,9512\n",
        )
        .unwrap();
        assert_eq!(items.len(), 5);
        assert!(matches!(&items[0], Item::Row(r) if r.zip.as_deref() == Some("95122")));
        assert_eq!(
            items[1],
            Item::Bad(BadRow {
                at: "line 3, column \"description\"".into(),
                reason: "no text".into()
            })
        );
        assert!(matches!(&items[2], Item::Bad(b) if b.at == "line 4, column \"opened\""));
        assert!(
            matches!(&items[3], Item::Bad(b) if b.at == "line 5" && b.reason.contains("3 fields"))
        );
        assert!(matches!(&items[4], Item::Row(r) if r.zip.is_none()));
    }

    #[test]
    fn a_missing_column_stops_before_reading() {
        let err = read_all(b"id,text\n1,x\n").unwrap_err();
        assert!(
            err.to_string()
                .contains("--text-column \"description\": no such column"),
            "{err}"
        );
    }
}
