//! Reads the units of an analysis run from a CSV file, with errors that name the line and column.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use analysis::{Lang, Stream, Unit};

/// Which columns hold what.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// Free text to analyse (required).
    pub text: String,
    /// Unique row ID; the line number when absent.
    pub id: Option<String>,
    /// Respondent or source document that prevalence is counted by; the row when absent.
    pub group: Option<String>,
    /// Stream (`resident`, `department`, `community_organization`, `interview_notes`,
    /// `imported_report`); `resident` when absent.
    pub stream: Option<String>,
    /// UI language (`en`, `es`, `vi`, `zh`, `tl`), the language-ID prior.
    pub language: Option<String>,
}

/// Units read from a file, and what was left out.
#[derive(Debug)]
pub struct CsvUnits {
    /// Units in file order.
    pub units: Vec<Unit>,
    /// Data rows read.
    pub rows: usize,
    /// Rows whose text was empty (not analysed).
    pub empty_text: usize,
}

/// A CSV problem, worded for the person who prepared the file.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CsvInputError {
    #[error("{file}: cannot read it: {reason}")]
    Open { file: String, reason: String },
    #[error("{file} is empty: expected a header row naming the columns, then one row per answer")]
    Empty { file: String },
    #[error("{file} has a header but no data rows")]
    NoRows { file: String },
    #[error("{file}: no column named {column:?} in the header (columns: {available})")]
    MissingColumn {
        file: String,
        column: String,
        available: String,
    },
    #[error(
        "{file}, line {line}, column {column:?}: not valid UTF-8; save the file as UTF-8 and try again"
    )]
    Utf8 {
        file: String,
        line: u64,
        column: String,
    },
    #[error("{file}, line {line}: {reason}")]
    Malformed {
        file: String,
        line: u64,
        reason: String,
    },
    #[error("{file}, line {line}, column {column:?}: {reason}")]
    BadValue {
        file: String,
        line: u64,
        column: String,
        reason: String,
    },
}

/// Reads `path` as CSV with a header row.
pub fn read_units(path: &Path, columns: &Columns) -> Result<CsvUnits, CsvInputError> {
    let file = path.display().to_string();
    let reader = std::fs::File::open(path).map_err(|e| CsvInputError::Open {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    parse_units(reader, &file, columns)
}

/// Parses CSV from any reader; `file` names it in errors.
pub fn parse_units(
    reader: impl Read,
    file: &str,
    columns: &Columns,
) -> Result<CsvUnits, CsvInputError> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(reader);
    let header = csv.byte_headers().map_err(|e| malformed(file, &e))?.clone();
    if header.is_empty() || header.iter().all(<[u8]>::is_empty) {
        return Err(CsvInputError::Empty { file: file.into() });
    }
    let names = column_names(&header);
    let find = |name: &str| -> Result<usize, CsvInputError> {
        names
            .iter()
            .position(|n| n == name)
            .ok_or_else(|| CsvInputError::MissingColumn {
                file: file.into(),
                column: name.into(),
                available: names.join(", "),
            })
    };
    let text_at = find(&columns.text)?;
    let optional = |c: &Option<String>| c.as_deref().map(find).transpose();
    let (id_at, group_at) = (optional(&columns.id)?, optional(&columns.group)?);
    let (stream_at, lang_at) = (optional(&columns.stream)?, optional(&columns.language)?);

    let mut out = CsvUnits {
        units: Vec::new(),
        rows: 0,
        empty_text: 0,
    };
    let mut seen_ids: HashMap<String, u64> = HashMap::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(malformed(file, &e)),
        }
        let line = record.position().map_or(0, csv::Position::line);
        out.rows += 1;
        let field = |at: usize| -> Result<&str, CsvInputError> {
            std::str::from_utf8(record.get(at).unwrap_or_default()).map_err(|_| {
                CsvInputError::Utf8 {
                    file: file.into(),
                    line,
                    column: names[at].clone(),
                }
            })
        };
        let text = field(text_at)?.trim();
        let id = match id_at {
            Some(at) => field(at)?.trim().to_owned(),
            None => format!("line-{line}"),
        };
        if id.is_empty() {
            return Err(bad_value(file, line, &names, id_at, "the ID is empty"));
        }
        if let Some(first) = seen_ids.insert(id.clone(), line) {
            let reason = format!("ID {id:?} was already used on line {first}; IDs must be unique");
            return Err(bad_value(file, line, &names, id_at, &reason));
        }
        if text.is_empty() {
            out.empty_text += 1;
            continue;
        }
        let mut unit = Unit::new(id, text);
        if let Some(at) = group_at {
            let group = field(at)?.trim();
            if !group.is_empty() {
                unit = unit.with_respondent(group);
            }
        }
        if let Some(at) = stream_at {
            unit = unit.with_stream(parse_stream(field(at)?).ok_or_else(|| {
                let reason = "expected one of resident, department, community_organization, \
                              interview_notes, imported_report";
                bad_value(file, line, &names, Some(at), reason)
            })?);
        }
        if let Some(at) = lang_at {
            let code = field(at)?.trim();
            if !code.is_empty() {
                unit = unit.with_ui_language(Lang::from_code(code).ok_or_else(|| {
                    let reason =
                        format!("unknown language {code:?}: expected en, es, vi, zh or tl");
                    bad_value(file, line, &names, Some(at), &reason)
                })?);
            }
        }
        out.units.push(unit);
    }
    if out.rows == 0 {
        return Err(CsvInputError::NoRows { file: file.into() });
    }
    Ok(out)
}

/// Column names of a CSV header, trimmed, without a leading byte-order mark (Excel writes one).
pub fn column_names(header: &csv::ByteRecord) -> Vec<String> {
    header
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{feff}')
                .to_owned()
        })
        .collect()
}

fn parse_stream(value: &str) -> Option<Stream> {
    match value
        .trim()
        .to_ascii_lowercase()
        .replace([' ', '-'], "_")
        .as_str()
    {
        "" | "resident" | "residents" => Some(Stream::Resident),
        "department" | "departments" => Some(Stream::Department),
        "community_organization" | "cbo" => Some(Stream::CommunityOrganization),
        "interview_notes" | "interview" => Some(Stream::InterviewNotes),
        "imported_report" | "report" | "311" => Some(Stream::ImportedReport),
        _ => None,
    }
}

fn malformed(file: &str, e: &csv::Error) -> CsvInputError {
    let line = e.position().map_or(0, csv::Position::line);
    let reason = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "{len} fields where the header has {expected_len}; check for an unquoted comma or a missing quote"
        ),
        _ => e.to_string(),
    };
    CsvInputError::Malformed {
        file: file.into(),
        line,
        reason,
    }
}

fn bad_value(
    file: &str,
    line: u64,
    names: &[String],
    at: Option<usize>,
    reason: &str,
) -> CsvInputError {
    CsvInputError::BadValue {
        file: file.into(),
        line,
        column: at.map_or_else(|| "(line number)".into(), |at| names[at].clone()),
        reason: reason.into(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn cols() -> Columns {
        Columns {
            text: "text".into(),
            id: Some("id".into()),
            group: Some("who".into()),
            ..Columns::default()
        }
    }

    fn parse(bytes: &[u8]) -> Result<CsvUnits, CsvInputError> {
        parse_units(bytes, "in.csv", &cols())
    }

    #[test]
    fn reads_units_with_groups_and_skips_empty_text() {
        let got = parse(b"id,text,who\na,bus is late,r1\nb,,r1\nc,\"parks, shade\",r2\n").unwrap();
        assert_eq!((got.rows, got.empty_text, got.units.len()), (3, 1, 2));
        assert_eq!(got.units[1].text, "parks, shade");
        assert_eq!(got.units[1].respondent, "r2");
    }

    #[test]
    fn a_missing_column_is_named_with_the_columns_there() {
        let err = parse(b"id,answer,who\na,x,r\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "in.csv: no column named \"text\" in the header (columns: id, answer, who)"
        );
    }

    #[test]
    fn invalid_utf8_names_the_line_and_column() {
        let err = parse(b"id,text,who\na,fine,r\nb,caf\xe9,r\n").unwrap_err();
        assert_eq!(
            err,
            CsvInputError::Utf8 {
                file: "in.csv".into(),
                line: 3,
                column: "text".into()
            }
        );
    }

    #[test]
    fn empty_and_header_only_files_are_explained() {
        assert!(matches!(parse(b""), Err(CsvInputError::Empty { .. })));
        assert!(matches!(
            parse(b"id,text,who\n"),
            Err(CsvInputError::NoRows { .. })
        ));
    }

    #[test]
    fn ragged_rows_and_duplicate_ids_name_the_line() {
        let err = parse(b"id,text,who\na,x,r\nb,y,r,extra\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("in.csv, line 3: 4 fields where the header has 3"),
            "{err}"
        );
        let err = parse(b"id,text,who\na,x,r\na,y,r\n").unwrap_err();
        assert!(
            err.to_string()
                .contains("line 3, column \"id\": ID \"a\" was already used on line 2"),
            "{err}"
        );
    }

    #[test]
    fn streams_and_languages_are_checked() {
        let cols = Columns {
            text: "text".into(),
            stream: Some("stream".into()),
            language: Some("lang".into()),
            ..Columns::default()
        };
        let ok = parse_units(
            &b"text,stream,lang\nhola,community organization,es\n"[..],
            "f",
            &cols,
        )
        .unwrap();
        assert_eq!(ok.units[0].stream, Stream::CommunityOrganization);
        assert_eq!(ok.units[0].attributes.ui_language, Some(Lang::Es));
        let err = parse_units(&b"text,stream,lang\nhola,press,es\n"[..], "f", &cols).unwrap_err();
        assert!(
            err.to_string().contains("line 2, column \"stream\""),
            "{err}"
        );
        let err = parse_units(&b"text,stream,lang\nhola,,fr\n"[..], "f", &cols).unwrap_err();
        assert!(err.to_string().contains("unknown language \"fr\""), "{err}");
    }
}
