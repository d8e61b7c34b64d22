//! `needscope import reports`: CSV and Open311 JSON, idempotent re-imports, bad rows listed while
//! good rows import, and imported reports analysed as their own stream.

use std::path::Path;
use std::process::Output;

use crate::{needscope_in as needscope, text};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../analysis/tests/fixtures/civic_needs_small.csv"
);

fn import_csv(data: &Path, file: &str) -> Output {
    needscope(
        data,
        &[
            "import",
            "reports",
            "--input",
            file,
            "--source",
            "sj311",
            "--id-column",
            "id",
            "--text-column",
            "text",
            "--category-column",
            "category",
        ],
    )
}

#[test]
fn csv_imports_are_idempotent_and_reports_are_analysed_as_their_own_stream() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = import_csv(&data, FIXTURE);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("100 rows read, 100 imported, 0 already there, 0 refused"),
        "{}",
        text(&first.stdout)
    );
    let again = import_csv(&data, FIXTURE);
    assert!(
        text(&again.stdout).contains("100 rows read, 0 imported, 100 already there"),
        "{}",
        text(&again.stdout)
    );

    let run = needscope(&data, &["runs", "new"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let shown = needscope(&data, &["runs", "show"]);
    let json: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    let themes = json["themes"]["themes"].as_array().unwrap();
    assert!(themes.len() >= 3);
    assert!(
        themes
            .iter()
            .all(|t| t["respondents_by_stream"]["imported_report"].as_u64() > Some(0)),
        "every theme counts imported reports"
    );
}

#[test]
fn bad_rows_are_listed_and_good_rows_still_import() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let csv = dir.path().join("requests.csv");
    std::fs::write(
        &csv,
        "id,text,category\n1,Pothole on Story Road,Streets\n2,,Streets\n3,Graffiti,Graffiti,extra\n4,Streetlight out,Streets\n",
    )
    .unwrap();
    let out = import_csv(&data, csv.to_str().unwrap());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("4 rows read, 2 imported, 0 already there, 2 refused"));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("line 3, column \"text\": no text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 4: 4 fields where the header has 3"),
        "{stderr}"
    );

    let json = dir.path().join("requests.json");
    std::fs::write(
        &json,
        r#"[{"service_request_id":"9001","service_name":"Pothole","description":"Big pothole",
             "requested_datetime":"2024-03-05T14:30:00-08:00","zipcode":"95122"},
            {"service_request_id":"9002","description":"  "}]"#,
    )
    .unwrap();
    let out = needscope(
        &data,
        &["import", "reports", "--input", json.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("2 rows read, 1 imported"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stderr).contains("request #2: request 9002 has no description"));

    let missing = needscope(
        &data,
        &[
            "import",
            "reports",
            "--input",
            csv.to_str().unwrap(),
            "--id-column",
            "request_id",
            "--text-column",
            "text",
        ],
    );
    assert!(!missing.status.success());
    assert!(
        text(&missing.stderr).contains(
            "--id-column \"request_id\": no such column in the header (columns: id, text, category)"
        ),
        "{}",
        text(&missing.stderr)
    );
}
