//! Any CSV file given to `needscope import reports` or `needscope analyze` yields rows, refused
//! rows with a reason, or an error; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use server::analyze::csv_input::{Columns, parse_units};
use server::import::Item;
use server::import::csv_reports::{ReportColumns, read};

fuzz_target!(|data: &[u8]| {
    let columns = ReportColumns {
        id_column: Some("id".into()),
        text_column: Some("text".into()),
        category_column: Some("category".into()),
        date_column: Some("date".into()),
        district_column: Some("district".into()),
        zip_column: Some("zip".into()),
    };
    let _ = read(data, &columns, |item| {
        if let Item::Bad(bad) = &item {
            assert!(!bad.reason.is_empty());
        }
        true
    });
    let columns = Columns {
        text: "text".into(),
        id: Some("id".into()),
        group: Some("group".into()),
        stream: Some("stream".into()),
        language: Some("lang".into()),
    };
    let _ = parse_units(data, "fuzz.csv", &columns);
});
