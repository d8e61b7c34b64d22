//! The 311 assistant: the classifier learns the City's categories from labelled reports (a
//! quality floor on a labelled fixture, measured by cross-validation), predicts categories for
//! reports without one, flags a report whose given category it confidently disagrees with;
//! administrators route categories to departments (audited, refusals name the field); the API
//! gives each report's given and predicted category and department; training from the page runs
//! in the background.

use app::models::categories::{RoutedReports, SentenceFeatures};
use app::models::staff::Role;
use app::store::reports::{self, NewReport};
use app::store::{SentenceModel, categories, strategy};
use reqwest::StatusCode;
use server::categories::{TrainingSlot, train};

use super::helpers::{get, post, signed_in};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};

const PAGE: &str = "/staff/categories";

/// Three categories in varied words, 30 reports each; one mislabelled report; four without a
/// category (two potholes, two streetlights).
async fn seed(app: &TestApp) {
    let topics: [(&str, [&str; 5]); 3] = [
        (
            "Pothole",
            [
                "pothole",
                "deep hole in the road",
                "broken asphalt",
                "cracked pavement hole",
                "pothole damaged my tire",
            ],
        ),
        (
            "Graffiti",
            [
                "graffiti",
                "spray paint tags",
                "vandalism painted on the wall",
                "tagging on the fence",
                "graffiti on the building",
            ],
        ),
        (
            "Streetlight",
            [
                "streetlight out",
                "street lamp is dark",
                "light pole not working",
                "broken street light",
                "streetlight flickering all night",
            ],
        ),
    ];
    let places = [
        "near the school",
        "on Story Road",
        "by the park",
        "at King and Tully",
        "downtown",
        "on my block",
    ];
    let mut batch = Vec::new();
    for i in 0..90 {
        let (category, phrases) = topics[i % 3];
        batch.push(NewReport {
            external_id: format!("L{i}"),
            text: format!("{} {}", phrases[(i / 3) % 5], places[(i / 3) % 6]),
            category: Some(category.to_owned()),
            requested_at: None,
            district: None,
            zip: None,
        });
    }
    let extra = [
        (
            "WRONG",
            "huge pothole in the road broken asphalt",
            Some("Graffiti"),
        ),
        ("U1", "a deep pothole on Story Road", None),
        ("U2", "cracked pavement hole near the park", None),
        ("U3", "the street lamp is dark downtown", None),
        ("U4", "streetlight not working on my block", None),
    ];
    for (id, text, category) in extra {
        batch.push(NewReport {
            external_id: id.to_owned(),
            text: text.to_owned(),
            category: category.map(str::to_owned),
            requested_at: None,
            district: None,
            zip: None,
        });
    }
    reports::insert_batch(&app.db, "sj311", batch)
        .await
        .expect("reports stored");
}

async fn routed_all(app: &TestApp) -> Vec<(String, Option<(String, f64)>)> {
    categories::routed(&app.db, None, 1000)
        .await
        .expect("routed")
        .reports
        .into_iter()
        .map(|r| {
            (
                r.external_id,
                r.predicted.map(|p| (p.category, p.confidence)),
            )
        })
        .collect()
}

async fn routed(app: &TestApp, client: &reqwest::Client, query: &str) -> RoutedReports {
    let (status, body) = get(app, client, &format!("/api/v1/reports{query}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("reports json")
}

both_backends!(
    the_classifier_learns_flags_and_routes,
    |app: TestApp| async move {
        seed(&app).await;
        let slot = TrainingSlot::take().expect("no training running");
        let trained = train(&app.db, None, None, &slot).await.expect("trained");
        drop(slot);
        assert_eq!((trained.reports, trained.labelled), (95, 91));
        let e = &trained.evaluation;
        assert!(e.accuracy >= 0.9, "accuracy {} below the floor", e.accuracy);
        assert!(
            e.macro_f1 >= 0.85,
            "macro-F1 {} below the floor",
            e.macro_f1
        );
        assert_eq!(e.per_category.len(), 3);
        let flagged = categories::flagged(&app.db, 10).await.expect("flagged");
        let predictions = routed_all(&app).await;
        assert!(
            trained.flagged >= 1,
            "the mislabelled report is flagged: {flagged:?} {predictions:?}"
        );

        let (client, _) = signed_in(&app, Role::Administrator).await;
        let department = strategy::add_department(&app.db, "Transportation")
            .await
            .expect("department");
        let department = department.id.to_string();
        let response = post(
            &app,
            &client,
            PAGE,
            "/staff/categories/route",
            &[("category", "Pothole"), ("department", &department)],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'category_routed'")
                .await,
            1
        );

        let page = routed(&app, &client, "?limit=1000").await;
        assert_eq!(page.reports.len(), 95);
        assert_eq!(page.next_after, None);
        let by_id = |id: &str| {
            page.reports
                .iter()
                .find(|r| r.external_id == id)
                .unwrap_or_else(|| panic!("report {id}"))
        };
        for (id, expected) in [
            ("U1", "Pothole"),
            ("U2", "Pothole"),
            ("U3", "Streetlight"),
            ("U4", "Streetlight"),
        ] {
            let r = by_id(id);
            let predicted = r.predicted.as_ref().expect("a prediction");
            assert_eq!(predicted.category, expected, "{id}");
            assert!(predicted.confidence > 0.5 && predicted.confidence <= 1.0);
            assert!(!r.flagged);
        }
        // Routed by its predicted category, having none given.
        assert_eq!(by_id("U1").department.as_deref(), Some("Transportation"));
        assert_eq!(by_id("U3").department, None);
        let wrong = by_id("WRONG");
        assert!(wrong.flagged);
        assert_eq!(wrong.given_category.as_deref(), Some("Graffiti"));
        assert_eq!(
            wrong.predicted.as_ref().map(|p| p.category.as_str()),
            Some("Pothole")
        );
        // Routed by the category it was given, even when flagged.
        assert_eq!(wrong.department, None);
        assert_eq!(by_id("L0").department.as_deref(), Some("Transportation"));

        let flagged = categories::flagged(&app.db, 10).await.expect("flagged");
        assert!(flagged.iter().any(|f| f.external_id == "WRONG"));

        let first = routed(&app, &client, "?limit=10").await;
        assert_eq!(first.reports.len(), 10);
        let after = first.next_after.expect("more pages");
        let second = routed(&app, &client, &format!("?limit=10&after={after}")).await;
        assert!(second.reports[0].id > after);

        let (status, html) = get(&app, &client, PAGE).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("id=\"classifier-accuracy\""), "{html}");
        assert!(
            html.contains("huge pothole in the road broken asphalt"),
            "flagged report listed"
        );
        assert!(
            html.contains(">Transportation</option>"),
            "the routing form offers the department"
        );
    }
);

both_backends!(
    routing_refusals_name_the_field_and_only_administrators_route,
    |app: TestApp| async move {
        seed(&app).await;
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let sent = |client: reqwest::Client, fields: Vec<(&'static str, String)>| {
            let app = &app;
            async move {
                let fields: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let response = post(app, &client, PAGE, "/staff/categories/route", &fields).await;
                let status = response.status();
                let to = response
                    .headers()
                    .get("location")
                    .map(|l| l.to_str().expect("location").to_owned());
                let body = match to {
                    Some(to) => get(app, &client, &to).await.1,
                    None => response.text().await.expect("body"),
                };
                (status, body)
            }
        };
        let (_, body) = sent(
            admin.clone(),
            vec![("category", "Noise".into()), ("department", String::new())],
        )
        .await;
        assert!(
            body.contains("no report has the category “Noise”"),
            "{body}"
        );
        let (_, body) = sent(
            admin.clone(),
            vec![("category", "Pothole".into()), ("department", "x9".into())],
        )
        .await;
        assert!(body.contains("“x9” is not a department"), "{body}");
        let (_, body) = sent(
            admin,
            vec![
                ("category", "Pothole".into()),
                ("department", "9999".into()),
            ],
        )
        .await;
        assert!(
            body.contains("department 9999 does not exist or is archived"),
            "{body}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM category_route").await,
            0,
            "nothing routed"
        );
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let (status, _) = sent(
            analyst.clone(),
            vec![
                ("category", "Pothole".into()),
                ("department", String::new()),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, body) = get(&app, &analyst, "/api/v1/reports?limit=0").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            body.contains("`limit` must be a number from 1 to 1000"),
            "{body}"
        );
    }
);

both_backends!(
    training_from_the_page_runs_in_the_background,
    |app: TestApp| async move {
        seed(&app).await;
        let (client, _) = signed_in(&app, Role::Analyst).await;
        let response = post(&app, &client, PAGE, "/staff/categories/train", &[]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, page) = get(&app, &client, PAGE).await;
        assert!(page.contains("Training started"), "{page}");
        let mut trained = None;
        for _ in 0..600 {
            trained = categories::latest(&app.db).await.expect("latest");
            if trained.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let trained = trained.expect("the training finished within a minute");
        assert_eq!(trained.reports, 95);
        assert!(trained.trained_by.is_some());
        for action in ["classifier_training_started", "classifier_trained"] {
            let mut seen = 0;
            for _ in 0..50 {
                seen = app
                    .count(&format!(
                        "SELECT COUNT(*) FROM audit_event WHERE action = '{action}'"
                    ))
                    .await;
                if seen == 1 {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            assert_eq!(seen, 1, "{action} audited");
        }
    }
);

both_backends!(
    themes_are_set_against_categories_after_a_run,
    |app: TestApp| async move {
        seed(&app).await;
        let run = server::runs::new_run(&app.db, None, Some(3), 42)
            .await
            .expect("run");
        let slot = TrainingSlot::take().expect("no training running");
        train(&app.db, None, None, &slot).await.expect("trained");
        drop(slot);
        let tab = categories::crosstab(&app.db).await.expect("crosstab");
        assert!(!tab.themes.is_empty(), "run {run} gave the reports themes");
        let in_themes: i64 = tab.themes.iter().map(|t| t.reports).sum();
        let in_categories: i64 = tab.categories.iter().map(|c| c.reports).sum();
        assert_eq!(in_themes, in_categories, "one count, read both ways");
        assert!(tab.categories.iter().all(|c| c.effective >= 1.0 - 1e-9));
        let page = routed(&app, &signed_in(&app, Role::Analyst).await.0, "?limit=5").await;
        assert!(
            page.reports
                .iter()
                .any(|r| r.theme.is_some() && r.theme_name.is_some()),
            "the API gives reports their theme"
        );
        let (client, _) = signed_in(&app, Role::Administrator).await;
        let (_, html) = get(&app, &client, PAGE).await;
        assert!(html.contains("Themes across categories"), "{html}");
        assert!(html.contains("class=\"category-themes\""));
    }
);

both_backends!(
    with_a_sentence_model_the_classifier_adds_sentence_vectors,
    |app: TestApp| async move {
        seed(&app).await;
        let cache = tempfile::tempdir().expect("temporary directory");
        let model = SentenceModel {
            dir: analysis::default_model_dir(),
            cache_file: cache.path().join("embeddings.cache"),
        };
        let slot = TrainingSlot::take().expect("no training running");
        let trained = train(&app.db, None, Some(&model), &slot)
            .await
            .expect("trained");
        assert!(
            trained.evaluation.macro_f1 >= 0.85,
            "macro-F1 {} below the floor",
            trained.evaluation.macro_f1
        );
        let record = categories::latest(&app.db)
            .await
            .expect("read")
            .expect("a training");
        let SentenceFeatures::Used { encoded, .. } = record.sentences else {
            panic!("sentence vectors were not used: {:?}", record.sentences);
        };
        assert!(encoded > 0);
        // The second training finds every vector in the cache the first one saved.
        train(&app.db, None, Some(&model), &slot)
            .await
            .expect("trained again");
        drop(slot);
        let record = categories::latest(&app.db)
            .await
            .expect("read")
            .expect("a training");
        assert!(
            matches!(record.sentences, SentenceFeatures::Used { encoded: 0, .. }),
            "{:?}",
            record.sentences
        );
        let (client, _) = signed_in(&app, Role::Analyst).await;
        let (_, body) = get(&app, &client, PAGE).await;
        assert!(body.contains("TF-IDF and sentence vectors from"), "{body}");
    }
);
