//! Exported CSV files never hand a spreadsheet a formula: residents' text that starts with `=`,
//! `+`, `-` or `@` is exported with a leading `'`.

use std::collections::BTreeMap;

use app::i18n::Locale;
use app::models::AnswerValue;
use app::models::staff::Role;
use app::store::{responses, surveys};
use reqwest::StatusCode;

use super::helpers::signed_in;
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::{seed_responses, store_weighting};

/// Answers about one need no other answer mentions, each written to open as a formula.
const HOSTILE: [&str; 4] = [
    "=HYPERLINK(\"http://evil.example\",\"aviary\") the zoo aviary cage door is broken and birds escape",
    "+1+1 the zoo aviary cage door is broken and the parrots escape",
    "-2+3 fix the broken aviary cage door at the zoo before more birds escape",
    "@SUM(A1) the aviary at the zoo has a broken cage door and birds escape",
];

both_backends!(
    exported_cells_never_open_as_formulas,
    |app: TestApp| async move {
        seed_responses(&app).await;
        let resident = surveys::current(&app.db, "resident-digital-services")
            .await
            .expect("survey");
        for i in 0..40 {
            let mut answers = BTreeMap::new();
            answers.insert(
                "barriers".to_owned(),
                AnswerValue::Text(format!("{} ({i})", HOSTILE[i % HOSTILE.len()])),
            );
            answers.insert(
                "council_district".to_owned(),
                AnswerValue::Choice(if i % 2 == 0 { "1" } else { "2" }.to_owned()),
            );
            responses::store(
                &app.db,
                &resident,
                Locale::En,
                uuid::Uuid::new_v4(),
                &answers,
            )
            .await
            .expect("store");
        }
        store_weighting(&app).await;
        let run = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let mut hostile_quotes = 0;
        for export in [
            "themes.csv",
            "closed.csv",
            "breakdown.csv?by=council_district",
        ] {
            let response = analyst
                .get(app.url(&format!("/api/v1/runs/{run}/{export}")))
                .send()
                .await
                .expect("GET");
            assert_eq!(response.status(), StatusCode::OK, "{export}");
            let body = response.text().await.expect("body");
            let mut reader = csv::Reader::from_reader(body.as_bytes());
            for record in reader.records() {
                for cell in record.expect("a CSV record").iter() {
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{export}: the cell {cell:?} would open as a formula"
                    );
                    if ["'=", "'+", "'-", "'@"].iter().any(|p| cell.starts_with(p)) {
                        hostile_quotes += 1;
                    }
                }
            }
        }
        assert!(
            hostile_quotes > 0,
            "the aviary theme quotes a hostile answer, exported as text"
        );
    }
);
