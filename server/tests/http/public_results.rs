//! The public side of published results, with no sign-in: the pages in English and Spanish, the
//! Atom feed, the open data and its Data Package; nothing unpublished on any of them (a hidden
//! theme, an unapproved quote, a suppressed cell), every one of them 404 once withdrawn, and the
//! page light enough for a slow phone.

use std::collections::BTreeMap;

use analysis::weighting::{
    EquityTable, KnownCategories, Margins, WeightingConfig, WeightingParams,
};
use app::i18n::Locale;
use app::models::AnswerValue;
use app::models::staff::Role;
use app::models::strategy::{ActionInput, ActionStatus};
use app::store::{actions, publications, responses, surveys, weighting};
use linfa::ParamGuard;
use reqwest::{Client, StatusCode};

use crate::helpers::{Backend, TestApp};
use crate::runs::seed_responses;
use crate::staff::helpers::{post, signed_in, themes_json};
use crate::{both_backends, both_backends_with};

const SURVEY: &str = "resident-digital-services";
/// The name staff give the theme they then hide.
const HIDDEN_NAME: &str = "Zebra crossings nobody should see";
/// The name staff give the first need: a formula, to check the CSV files defuse it.
const FORMULA_NAME: &str = "=HYPERLINK(\"http://evil.example\")";
/// The one respondent of district 3: every figure of that district is behind one person.
const LONE_DISTRICT: &str = "3";

/// Margins and equity scores for the three districts of the test (synthetic).
async fn store_weighting(app: &TestApp) {
    let margins = Margins::parse_csv(
        "variable,category,share\ncouncil_district,1,0.45\ncouncil_district,2,0.45\n\
         council_district,3,0.1\ntenure,own,0.4\ntenure,rent,0.6\n",
        &KnownCategories::new(),
    )
    .expect("margins");
    let equity = EquityTable::parse_csv("area,score\n1,3\n2,9\n3,5\n", None).expect("equity");
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
    .expect("store config");
}

/// What [`publish`] set up.
struct Published {
    /// The publication of the whole run.
    id: i32,
    /// The publication of the resident survey alone.
    survey_id: i32,
    staff: Client,
    need_id: String,
    approved_quote: String,
    unapproved_quote: Option<String>,
    action: i32,
}

/// A weighted run with a named need (an approved quote, an action that is planned), a hidden
/// theme, a district with one respondent; published whole and for the resident survey by an
/// analyst through the staff form; then the action moves on.
async fn publish(app: &TestApp) -> Published {
    // Twice: with about 200 respondents the largest need's district row holds enough people for
    // its share to pass the disclosure audit whatever the exact clustering.
    seed_responses(app).await;
    seed_responses(app).await;
    let resident = surveys::current(&app.db, SURVEY)
        .await
        .expect("resident survey");
    let mut lone = BTreeMap::new();
    lone.insert(
        "barriers".to_owned(),
        AnswerValue::Text("The bus stop near my house has no shelter and no bench.".into()),
    );
    lone.insert(
        "council_district".to_owned(),
        AnswerValue::Choice(LONE_DISTRICT.into()),
    );
    lone.insert("tenure".to_owned(), AnswerValue::Choice("rent".into()));
    responses::store(&app.db, &resident, Locale::En, uuid::Uuid::new_v4(), &lone)
        .await
        .expect("store");
    store_weighting(app).await;
    let run = server::runs::new_run(&app.db, None, Some(5), 42)
        .await
        .expect("run");
    let logged = app::store::runs::get(&app.db, run)
        .await
        .expect("db")
        .expect("run");
    assert!(
        logged.weighting.is_some(),
        "the run is weighted: {:?}",
        logged.weighting_problem
    );
    let (staff, _) = signed_in(app, Role::Analyst).await;
    let data = themes_json(app, &staff, run).await;
    // The theme most respondents raised: the one whose share the disclosure audit is least
    // likely to withhold.
    let need = data
        .themes
        .iter()
        .filter(|t| t.quotes.len() >= 2)
        .max_by_key(|t| (t.respondents, std::cmp::Reverse(t.id.clone())))
        .expect("a theme with quotes")
        .clone();
    let hidden = data
        .themes
        .iter()
        .find(|t| t.id != need.id)
        .expect("another theme")
        .clone();
    let curate = |id: String, what: &'static str, fields: Vec<(&'static str, String)>| {
        let staff = staff.clone();
        async move {
            let page = format!("/staff/themes/{id}?run={run}");
            let run = run.to_string();
            let mut all: Vec<(&str, &str)> = vec![("run", run.as_str())];
            all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
            let response = post(
                app,
                &staff,
                &page,
                &format!("/staff/themes/{id}/{what}"),
                &all,
            )
            .await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "{what} redirects");
        }
    };
    curate(
        hidden.id.clone(),
        "describe",
        vec![("name", HIDDEN_NAME.into()), ("description", String::new())],
    )
    .await;
    curate(
        hidden.id.clone(),
        "status",
        vec![("status", "hidden".into())],
    )
    .await;
    curate(
        need.id.clone(),
        "describe",
        vec![
            ("name", FORMULA_NAME.into()),
            ("description", "Buses that come late or not at all.".into()),
        ],
    )
    .await;
    curate(
        need.id.clone(),
        "quotes",
        vec![
            ("unit", need.quotes[0].unit.clone()),
            ("approved", "1".into()),
        ],
    )
    .await;
    let user = app
        .count("SELECT CAST(id AS BIGINT) FROM staff_user WHERE role = 'analyst' ORDER BY id DESC LIMIT 1")
        .await;
    let action = actions::create(
        &app.db,
        &ActionInput {
            theme_id: need.id.clone(),
            title: "Shelters at every bus stop".into(),
            department_id: None,
            status: ActionStatus::Planned,
            starts_on: None,
            due_on: None,
            public_summary: "We will put a shelter and a bench at 40 stops this year.".into(),
        },
        i32::try_from(user).expect("id"),
    )
    .await
    .expect("action");
    for survey in ["", SURVEY] {
        let response = post(
            app,
            &staff,
            "/staff",
            "/staff/publications",
            &[("run", &run.to_string()), ("survey", survey)],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "published");
    }
    let live = publications::live_list(&app.db).await.expect("live");
    let id = live
        .iter()
        .find(|p| p.survey.is_none())
        .expect("whole run")
        .id;
    let survey_id = live.iter().find(|p| p.survey.is_some()).expect("survey").id;
    // The City gets on with it after publishing: the page and the feed show it.
    actions::move_status(
        &app.db,
        action.id,
        ActionStatus::InProgress,
        i32::try_from(user).expect("id"),
    )
    .await
    .expect("move")
    .expect("the action");
    Published {
        id,
        survey_id,
        staff,
        need_id: need.id,
        approved_quote: need.quotes[0].text.clone(),
        unapproved_quote: need.quotes.get(1).map(|q| q.text.clone()),
        action: action.id,
    }
}

/// Every public address of publication `id`, and the ones that list publications.
fn public_urls(id: i32) -> Vec<String> {
    let mut urls = vec![
        "/results".to_owned(),
        format!("/results/survey/{SURVEY}"),
        format!("/results/{id}"),
        "/results/feed.atom".to_owned(),
        "/open-data".to_owned(),
    ];
    for file in [
        "needs.csv",
        "districts.csv",
        "actions.csv",
        "results.json",
        "datapackage.json",
    ] {
        urls.push(format!("/open-data/publications/{id}/{file}"));
    }
    urls
}

/// GETs `path` as a visitor who never signed in.
async fn visit(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = Client::new().get(app.url(path)).send().await.expect("GET");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

both_backends!(
    residents_read_the_results_in_english_and_spanish_without_signing_in,
    |app: TestApp| async move {
        let published = publish(&app).await;
        let (status, html) = visit(&app, "/results").await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(html.contains("<html lang=\"en\""));
        assert!(html.contains("What we heard"));
        assert!(html.contains(&published.need_id), "the need's anchor");
        assert!(html.contains("Buses that come late or not at all."));
        assert!(html.contains("Shelters at every bus stop"));
        assert!(
            html.contains("Status: In progress"),
            "the action's status as it is now"
        );
        assert!(html.contains("class=\"share-bar\""), "the bar");
        assert!(html.contains("By council district"));
        assert!(html.contains("id=\"suppressed-note\""));
        assert!(
            html.contains("<blockquote lang=\""),
            "quotes say their language"
        );
        assert!(html.contains(
            "rel=\"alternate\" type=\"application/atom+xml\" href=\"/results/feed.atom\""
        ));
        assert!(html.contains(&format!(
            "/open-data/publications/{}/datapackage.json",
            published.id
        )));
        assert!(
            html.contains(&format!("href=\"/results/{}\"", published.survey_id)),
            "the other publication"
        );
        assert!(!html.contains("<script"), "no script at all");
        assert!(!html.contains("style="), "no inline style");

        let response = Client::new()
            .get(app.url("/results?lang=es"))
            .send()
            .await
            .expect("GET");
        assert!(
            response.headers()["content-security-policy"]
                .to_str()
                .expect("csp")
                .contains("default-src 'self'"),
            "the site's CSP applies"
        );
        assert!(
            response.headers().contains_key("set-cookie"),
            "the language is remembered"
        );
        let html = response.text().await.expect("body");
        assert!(html.contains("<html lang=\"es\""));
        assert!(html.contains("Lo que escuchamos"));
        assert!(html.contains("Estado: En curso"));
        assert!(html.contains("Por distrito del concejo"));

        let spanish = Client::new()
            .get(app.url(&format!("/results/{}", published.survey_id)))
            .header("Accept-Language", "es-MX,es;q=0.9")
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("body");
        assert!(
            spanish.contains("<html lang=\"es\""),
            "Accept-Language is honoured"
        );
        let (status, survey_page) = visit(&app, &format!("/results/survey/{SURVEY}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            survey_page.contains("What we heard: "),
            "titled with the survey"
        );

        // Only GET: nothing can be posted to the public side.
        let refused = Client::new()
            .post(app.url("/results"))
            .send()
            .await
            .expect("POST");
        assert_eq!(refused.status(), StatusCode::METHOD_NOT_ALLOWED);
        let (status, _) = visit(&app, "/results/survey/no-such-survey").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        drop(published.staff);
    }
);

both_backends!(
    nothing_unpublished_is_on_any_public_address,
    |app: TestApp| async move {
        let published = publish(&app).await;
        let json: serde_json::Value = serde_json::from_str(
            &visit(
                &app,
                &format!("/open-data/publications/{}/results.json", published.id),
            )
            .await
            .1,
        )
        .expect("results.json");
        let districts = json["results"]["districts"].as_array().expect("districts");
        let lone = districts
            .iter()
            .position(|d| d["name"] == LONE_DISTRICT)
            .expect("the lone district is listed");
        assert!(
            districts[lone]["respondents"].is_null(),
            "one respondent is not shown"
        );
        for need in json["results"]["needs"].as_array().expect("needs") {
            assert!(
                need["by_district"][lone].is_null(),
                "every cell behind one person is suppressed: {need}"
            );
        }
        let quotes: Vec<String> = json["results"]["needs"]
            .as_array()
            .expect("needs")
            .iter()
            .flat_map(|n| n["quotes"].as_array().cloned().unwrap_or_default())
            .filter_map(|q| q["text"].as_str().map(str::to_owned))
            .collect();
        let approved_start: String = published.approved_quote.chars().take(24).collect();
        assert!(
            quotes.iter().any(|q| q.starts_with(&approved_start)),
            "the approved quote is published: {quotes:?}"
        );
        let (_, csv) = visit(
            &app,
            &format!("/open-data/publications/{}/districts.csv", published.id),
        )
        .await;
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        for row in reader.records() {
            let row = row.expect("row");
            if &row[2] == LONE_DISTRICT {
                assert_eq!(
                    (&row[3], &row[4], &row[5]),
                    ("", "", "suppressed"),
                    "{row:?}"
                );
            }
        }
        let unapproved: Option<String> = published
            .unapproved_quote
            .as_ref()
            .map(|q| q.chars().take(40).collect());
        for url in public_urls(published.id) {
            for lang in ["en", "es"] {
                let (status, body) = visit(&app, &format!("{url}?lang={lang}")).await;
                assert_eq!(status, StatusCode::OK, "{url}");
                assert!(!body.contains(HIDDEN_NAME), "{url} shows the hidden theme");
                if let Some(text) = &unapproved {
                    assert!(
                        !body.contains(text.as_str()),
                        "{url} shows an unapproved quote"
                    );
                }
                // District 3's figures could only be 0% or 100% of its one respondent.
                for value in ["100.0%", "100,0 %", "1.000"] {
                    assert!(!body.contains(value), "{url} shows {value}");
                }
                assert!(
                    !body.contains("published_by\": \"Test"),
                    "{url} names staff"
                );
            }
        }
        drop(published.staff);
    }
);

both_backends!(
    a_withdrawn_publication_is_404_everywhere,
    |app: TestApp| async move {
        let published = publish(&app).await;
        for id in [published.id, published.survey_id] {
            let response = post(
                &app,
                &published.staff,
                "/staff",
                &format!("/staff/publications/{id}/withdraw"),
                &[],
            )
            .await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "withdrawn");
        }
        for id in [published.id, published.survey_id] {
            for url in public_urls(id)
                .into_iter()
                .filter(|u| u.contains(&id.to_string()) || u.starts_with("/results/survey"))
            {
                let (status, body) = visit(&app, &url).await;
                assert_eq!(status, StatusCode::NOT_FOUND, "{url}");
                assert!(!body.contains("Shelters at every bus stop"), "{url}");
            }
        }
        let (status, page) = visit(&app, "/results").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("No results have been published yet"));
        let (_, index) = visit(&app, "/open-data").await;
        assert!(!index.contains(&format!("/open-data/publications/{}/", published.id)));
        let (_, feed) = visit(&app, "/results/feed.atom").await;
        let feed: atom_syndication::Feed = feed.parse().expect("the feed parses");
        assert!(feed.entries().is_empty(), "{:?}", feed.entries());
        for url in [
            "/results/999999",
            "/results/abc",
            "/open-data/publications/999999/needs.csv",
            &format!("/open-data/publications/{}/secrets.csv", published.id),
        ] {
            let (status, _) = visit(&app, url).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{url}");
        }
    }
);

both_backends!(
    the_feed_lists_publications_and_status_changes,
    |app: TestApp| async move {
        let published = publish(&app).await;
        let response = Client::new()
            .get(app.url("/results/feed.atom"))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .expect("type")
                .starts_with("application/atom+xml")
        );
        let body = response.text().await.expect("body");
        assert!(
            body.contains("xmlns=\"http://www.w3.org/2005/Atom\""),
            "{body}"
        );
        let feed: atom_syndication::Feed = body.parse().expect("the feed parses");
        assert!(
            feed.id().starts_with("http://127.0.0.1:"),
            "absolute id: {}",
            feed.id()
        );
        assert!(feed.links().iter().any(|l| l.rel() == "self"));
        let page = app.url(&format!("/results/{}", published.id));
        let entry = feed
            .entries()
            .iter()
            .find(|e| e.id() == page)
            .expect("the publication is an entry");
        assert_eq!(entry.links()[0].href(), page);
        let change = feed
            .entries()
            .iter()
            .find(|e| e.id().contains(&format!("#action-{}-", published.action)))
            .expect("the status change is an entry");
        assert!(
            change.title().as_str().contains("In progress"),
            "{}",
            change.title().as_str()
        );
        assert!(change.updated() >= entry.updated(), "newest first");
        assert_eq!(feed.updated(), feed.entries()[0].updated());
        drop(published.staff);
    }
);

both_backends_with!(
    open_data_matches_its_dictionary_and_licence,
    |settings: &mut server::config::Settings| settings.open_data_license = "ODC-PDDL-1.0".into(),
    |app: TestApp| async move {
        let published = publish(&app).await;
        let base = format!("/open-data/publications/{}", published.id);
        let (status, package) = visit(&app, &format!("{base}/datapackage.json")).await;
        assert_eq!(status, StatusCode::OK);
        let package: serde_json::Value = serde_json::from_str(&package).expect("json");
        assert_eq!(package["profile"], "tabular-data-package");
        assert_eq!(
            package["licenses"][0]["name"], "ODC-PDDL-1.0",
            "the setting"
        );
        assert!(
            package["suppressed"]
                .as_str()
                .is_some_and(|s| s.contains("suppress"))
        );
        let resources = package["resources"].as_array().expect("resources");
        assert_eq!(resources.len(), 4);
        for resource in resources {
            let path = resource["path"].as_str().expect("path");
            assert!(resource["format"].is_string() && resource["mediatype"].is_string());
            let response = Client::new()
                .get(app.url(&format!("{base}/{path}")))
                .send()
                .await
                .expect("GET");
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            let mediatype = resource["mediatype"].as_str().expect("mediatype");
            assert!(
                response.headers()["content-type"]
                    .to_str()
                    .expect("type")
                    .starts_with(mediatype),
                "{path}"
            );
            let body = response.text().await.expect("body");
            if resource["format"] != "csv" {
                continue;
            }
            let fields: Vec<&str> = resource["schema"]["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .map(|f| {
                    assert!(f["type"].is_string() && f["description"].is_string(), "{f}");
                    f["name"].as_str().expect("name")
                })
                .collect();
            let mut reader = csv::Reader::from_reader(body.as_bytes());
            let headers: Vec<String> = reader
                .headers()
                .expect("headers")
                .iter()
                .map(str::to_owned)
                .collect();
            assert_eq!(headers, fields, "{path}: the schema is the header");
            assert!(reader.records().count() > 0, "{path} has rows");
        }
        let (_, needs) = visit(&app, &format!("{base}/needs.csv")).await;
        assert!(
            needs.contains("\"'=HYPERLINK("),
            "a formula is made text: {needs}"
        );
        let (_, actions) = visit(&app, &format!("{base}/actions.csv")).await;
        assert!(
            actions.contains(",in_progress,"),
            "the status now: {actions}"
        );
        let (_, index) = visit(&app, "/open-data?lang=es").await;
        assert!(index.contains("Open Data Commons Public Domain"));
        assert!(index.contains(&format!("{base}/needs.csv")));
        drop(published.staff);
    }
);

/// The stylesheet the page links, as served (or, in a test build without the built site, its
/// source, which is larger).
async fn stylesheet_bytes(app: &TestApp) -> usize {
    let response = Client::new()
        .get(app.url("/pkg/needscope.css"))
        .send()
        .await
        .expect("GET");
    if response.status() == StatusCode::OK {
        return response.bytes().await.expect("css").len();
    }
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../style/main.css"))
        .expect("style/main.css")
        .len()
}

both_backends!(the_results_page_is_light, |app: TestApp| async move {
    let published = publish(&app).await;
    let css = stylesheet_bytes(&app).await;
    for path in [
        "/results",
        "/results?lang=es",
        &format!("/results/{}", published.survey_id),
    ] {
        let (_, html) = visit(&app, path).await;
        assert!(
            html.contains("href=\"/pkg/needscope.css\""),
            "the one stylesheet"
        );
        let total = html.len() + css;
        eprintln!(
            "{path}: {} bytes of HTML + {css} of CSS = {total}",
            html.len()
        );
        assert!(total <= 50 * 1024, "{path}: {total} bytes");
    }
    drop(published.staff);
});
