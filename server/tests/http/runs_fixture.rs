//! Runs logged by an earlier version of Needscope still reproduce: byte for byte, or for the
//! semantic run (whose encoder has since changed its order of sums), theme for theme.
//!
//! `server/tests/fixtures/runs_logged.db` is a SQLite database written by the code as it stood
//! before the typed unit ids and streams (commit e493d4f) with [`write_runs_fixture`]: resident,
//! community-organization, interview-note and report units; an unweighted run, a weighted one, a
//! scoped one (three streams, from a date, k = 4) and a semantic one (all-MiniLM-L6-v2).
//! [`logged_runs_still_reproduce`] migrates a copy to today's schema and verifies every run.
//! Regenerate only on purpose, when a change is meant to alter results:
//! `NEEDSCOPE_FIXTURE_OUT=/tmp/runs_logged.db cargo nextest run -p server --test http --run-ignored only write_runs_fixture`.

use app::models::Stream;
use app::models::staff::Role;
use app::store::reports::{NewReport, insert_batch};
use sea_orm::ConnectionTrait;
use server::config::Settings;
use server::runs::Verdict;

use crate::helpers::{Backend, TestApp};
use crate::notes::fixtures::{METADATA, docx, location, upload};
use crate::runs::{seed_responses, store_weighting};
use crate::staff::helpers::{post, signed_in};

const REPORTS: [&str; 6] = [
    "Large pothole in the right lane near the intersection, cars swerving",
    "Mattress and couch dumped on the sidewalk again next to the bus stop",
    "Streetlight out for two weeks, the corner is completely dark at night",
    "Graffiti on the wall of the park restroom and on the playground slide",
    "Abandoned car parked for a month in front of the house, flat tires",
    "Overflowing trash can at the bus stop, garbage blowing into the street",
];

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/runs_logged.db");

#[tokio::test]
async fn logged_runs_still_reproduce() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data dir");
    std::fs::copy(FIXTURE, data.join("needscope.db")).expect("copy the fixture");
    let settings = Settings {
        data_dir: data,
        ..Settings::default()
    };
    let db = server::database::connect(&settings).await.expect("open");
    server::database::migrate(&db)
        .await
        .expect("migrate to today's schema");
    let runs = app::store::runs::list(&db).await.expect("runs");
    assert!(runs.len() >= 3, "the fixture holds {} runs", runs.len());
    let model = analysis::semantic::encoder::default_model_dir();
    for (id, ..) in runs {
        let row = app::store::runs::get(&db, id)
            .await
            .expect("read")
            .expect("run");
        let model_dir = row.encoder.is_some().then(|| model.clone());
        if model_dir.is_some() {
            assert!(
                model.join("config.json").exists(),
                "run {id} is semantic: the sentence model is needed at {} (scripts/fetch-model.sh)",
                model.display()
            );
        }
        let semantic = model_dir.is_some();
        let checked = server::runs::verification(&db, model_dir, id)
            .await
            .unwrap_or_else(|e| panic!("run {id}: {e:#}"));
        // The semantic run was logged by the encoder before faer's matrix products, whose
        // vectors differ in the last digits: its themes and members must still be the same.
        let expected = if semantic {
            [Verdict::Identical, Verdict::SameThemes].as_slice()
        } else {
            [Verdict::Identical].as_slice()
        };
        assert!(
            expected.contains(&checked.verdict),
            "run {id} rerun gave {} ({:?}), logged {}",
            checked.sha256,
            checked.verdict,
            row.result_sha256
        );
    }
}

#[tokio::test]
#[ignore = "writes the logged-runs fixture; run on purpose"]
async fn write_runs_fixture() {
    let out = std::env::var("NEEDSCOPE_FIXTURE_OUT").expect("NEEDSCOPE_FIXTURE_OUT");
    let app = TestApp::spawn(Backend::Sqlite).await.expect("app");
    seed_responses(&app).await;
    let reports = (0..60)
        .map(|i| NewReport {
            external_id: format!("SJ-{i:05}"),
            text: format!("{} (report {i})", REPORTS[i % REPORTS.len()]),
            category: Some(format!("Category {}", i % 3)),
            requested_at: Some(
                time::OffsetDateTime::from_unix_timestamp(1_767_225_600 + 86_400 * 3 * i as i64)
                    .expect("date"),
            ),
            district: Some(format!("{}", 1 + i % 2)),
            zip: Some("95122".into()),
        })
        .collect();
    insert_batch(&app.db, "sj311", reports)
        .await
        .expect("reports");
    let (partner, _) = signed_in(&app, Role::Partner).await;
    let passages = [
        "The park playground has no shade trees, so the slides are too hot for the kids in summer.",
        "Parents asked for more shade and benches at the park near the playground.",
        "The bus comes once an hour and seniors cannot wait that long in the heat.",
        "Families told us the rent went up again and they fear eviction.",
    ];
    let response = upload(&app, &partner, "notes.docx", docx(&passages), &METADATA).await;
    let page = location(&response);
    post(&app, &partner, &page, &format!("{page}/confirm"), &[]).await;

    server::runs::new_run(&app.db, None, None, 42)
        .await
        .expect("run 1");
    store_weighting(&app).await;
    server::runs::new_run(&app.db, None, None, 42)
        .await
        .expect("run 2");
    let scope = server::runs::Scope {
        streams: vec![Stream::Resident, Stream::Reports, Stream::Notes],
        from: Some(time::macros::date!(2026 - 01 - 10)),
        to: None,
    };
    let request = server::runs::RunRequest {
        model_dir: None,
        k: Some(4),
        seed: 7,
        scope,
    };
    server::runs::new_run_with(&app.db, request, server::runs::Hooks::default())
        .await
        .expect("run 3");
    if let Ok(model) = std::env::var("NEEDSCOPE_TEST_MODEL_DIR") {
        server::runs::new_run(&app.db, Some(model.into()), None, 42)
            .await
            .expect("semantic run");
    }
    let _ = std::fs::remove_file(&out);
    app.db
        .execute_unprepared(&format!("VACUUM INTO '{out}'"))
        .await
        .expect("vacuum into");
}
