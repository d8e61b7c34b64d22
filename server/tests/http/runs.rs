//! Analysis runs over stored responses: themes, equity weighting with the configuration in force,
//! the append-only log, and exact reproduction of a logged run.

use std::collections::BTreeMap;

use analysis::weighting::{
    EquityTable, KnownCategories, Margins, WeightingConfig, WeightingParams,
};
use app::i18n::Locale;
use app::models::AnswerValue;
use app::store::{responses, surveys, weighting};
use linfa::ParamGuard;

use crate::both_backends;
use crate::helpers::{Backend, TestApp};

/// The labelled civic answers of the analysis tests: `(text, category)`.
fn answers() -> Vec<(String, String)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../analysis/tests/fixtures/civic_needs_small.csv"
    );
    let mut reader = csv::Reader::from_path(path).expect("fixture");
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[1].to_owned(), r[2].to_owned())
        })
        .collect()
}

/// Stores one resident response per fixture answer (districts 1 and 2, owners and renters) and a
/// few community-organization responses.
pub async fn seed_responses(app: &TestApp) {
    let resident = surveys::current(&app.db, "resident-digital-services")
        .await
        .expect("resident survey");
    for (i, (text, _)) in answers().into_iter().enumerate() {
        let mut a = BTreeMap::new();
        a.insert("barriers".to_owned(), AnswerValue::Text(text));
        a.insert(
            "council_district".to_owned(),
            AnswerValue::Choice(if i % 3 == 0 { "2" } else { "1" }.to_owned()),
        );
        a.insert(
            "tenure".to_owned(),
            AnswerValue::Choice(if i % 2 == 0 { "own" } else { "rent" }.to_owned()),
        );
        responses::store(&app.db, &resident, Locale::En, uuid::Uuid::new_v4(), &a)
            .await
            .expect("store");
    }
    let cbo = surveys::current(&app.db, "community-organizations")
        .await
        .expect("cbo survey");
    for text in [
        "Families we serve cannot afford rent and fear eviction by their landlord.",
        "Our clients wait for the bus for an hour because routes were cut.",
    ] {
        let mut a = BTreeMap::new();
        a.insert("what_would_help".to_owned(), AnswerValue::Text(text.into()));
        responses::store(&app.db, &cbo, Locale::En, uuid::Uuid::new_v4(), &a)
            .await
            .expect("store");
    }
}

/// Synthetic margins and equity scores, for the test only.
pub async fn store_weighting(app: &TestApp) -> i32 {
    let margins = Margins::parse_csv(
        "variable,category,share\ncouncil_district,1,0.5\ncouncil_district,2,0.5\n\
         tenure,own,0.4\ntenure,rent,0.6\n",
        &KnownCategories::new(),
    )
    .expect("margins");
    let equity = EquityTable::parse_csv("area,score\n1,3\n2,9\n", None).expect("equity");
    let params = WeightingParams::default()
        .replicates(100)
        .strata_variable(Some("council_district".into()))
        .breadth_variable(Some("council_district".into()))
        .check()
        .expect("params");
    let config = WeightingConfig::new(params, margins).with_equity(equity, None);
    weighting::append(
        &app.db,
        serde_json::to_value(&config).expect("json"),
        config.sha256(),
        "test".into(),
    )
    .await
    .expect("store config")
}

both_backends!(
    runs_are_weighted_logged_and_reproduced_exactly,
    |app: TestApp| async move {
        seed_responses(&app).await;
        let first = server::runs::new_run(&app.db, None, None, 42)
            .await
            .expect("first run");
        let row = app::store::runs::get(&app.db, first)
            .await
            .expect("db")
            .expect("row");
        assert!(row.weighting.is_none(), "no configuration yet");
        assert!(
            row.weighting_problem
                .as_deref()
                .is_some_and(|p| p.contains("no weighting configuration")),
            "{:?}",
            row.weighting_problem
        );
        let themes = row.themes["themes"].as_array().expect("themes");
        assert!(themes.len() >= 3, "{} themes", themes.len());

        let version = store_weighting(&app).await;
        let second = server::runs::new_run(&app.db, None, None, 42)
            .await
            .expect("second run");
        let row = app::store::runs::get(&app.db, second)
            .await
            .expect("db")
            .expect("row");
        assert_eq!(row.previous_run_id, Some(first));
        assert_eq!(row.weighting_version, Some(version));
        let weighting: analysis::weighting::WeightingRun =
            serde_json::from_value(row.weighting.clone().expect("weighted")).expect("run");
        assert!(weighting.raking.converged);
        assert_eq!(
            weighting.weights.len(),
            100,
            "every resident who wrote is weighted"
        );
        assert!(!weighting.priorities.is_empty());
        // The community organizations are counted, never mixed into resident shares.
        assert!(weighting.priorities.iter().any(|p| p.organisations > 0));
        // The same themes keep their IDs from the first run.
        let kept = row.themes["themes"]
            .as_array()
            .expect("themes")
            .iter()
            .filter(|t| t["lineage"] == "kept")
            .count();
        assert!(kept >= 3, "{kept} themes kept their IDs");

        // Breakdowns by district never show a cell of fewer than 10 residents.
        let logged = server::runs::LoggedRun::read(row.clone()).expect("logged run");
        let by_district = server::runs::breakdown(&app.db, &logged, "council_district")
            .await
            .expect("breakdown");
        assert_eq!(by_district.columns.len(), 2);
        let mut hidden = 0;
        for cell in by_district.cells.iter().flatten() {
            match cell.count {
                Some(n) => assert!(n >= 10, "a published cell of {n}"),
                None => hidden += 1,
            }
        }
        assert!(hidden > 0, "themes this small must have hidden cells");

        // More responses arrive; the logged run still reproduces from what it recorded.
        seed_responses(&app).await;
        let (same, sha) = server::runs::verify(&app.db, None, second)
            .await
            .expect("verify");
        assert!(same, "rerun hash {sha} differs from {}", row.result_sha256);
        let count = app.count("SELECT COUNT(*) FROM analysis_run").await;
        assert_eq!(count, 2, "verifying logs nothing");
    }
);
