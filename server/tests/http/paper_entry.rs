//! Paper forms and assisted entry: the printable survey in every language with each question's
//! short code; staff and partners entering a paper, phone or in-person response with how it was
//! collected and by whom, through the same checks as a resident's; one entry per paper code; and
//! the collection mode as a dashboard breakdown and a raking variable.

use std::collections::BTreeMap;

use app::i18n::Locale;
use app::models::collection::{CollectionMode, question_codes};
use app::models::staff::Role;
use app::models::{AnswerValue, SurveyDefinition};
use app::store::responses::{self, Entered, Entry};
use app::store::surveys;
use reqwest::multipart::{Form, Part};
use reqwest::{Client, StatusCode};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, resident_survey, valid_answers};
use crate::runs::{seed_responses, store_weighting};
use crate::staff::helpers::{account, get, signed_in, token};

const SLUG: &str = "resident-digital-services";
const ENTRY: &str = "/entry/resident-digital-services";

fn seeded() -> Vec<SurveyDefinition> {
    migrations::SEED_INSTRUMENTS
        .iter()
        .map(|json| SurveyDefinition::from_json(json).expect("seed parses"))
        .collect()
}

/// The entry form's fields: the page's token, `own` (mode, code, language) and `answers`.
async fn entry_form(
    app: &TestApp,
    client: &Client,
    own: &[(&str, &str)],
    answers: &BTreeMap<String, Vec<String>>,
) -> Vec<(String, String)> {
    let mut form = vec![("_csrf".to_owned(), token(app, client, ENTRY).await)];
    form.extend(own.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    for (key, values) in answers {
        form.extend(values.iter().map(|v| (key.clone(), v.clone())));
    }
    form
}

async fn post_entry(
    client: &Client,
    app: &TestApp,
    form: &[(String, String)],
) -> reqwest::Response {
    client
        .post(app.url(ENTRY))
        .form(form)
        .send()
        .await
        .expect("POST")
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.count(&format!(
        "SELECT CAST(id AS BIGINT) FROM staff_user WHERE email = '{email}'"
    ))
    .await
}

both_backends!(
    every_survey_prints_in_every_language_with_its_codes,
    |app: TestApp| async move {
        for definition in seeded() {
            let codes = question_codes(definition.questions.iter().map(|q| q.key.as_str()));
            for locale in Locale::ALL {
                let path = format!("/surveys/{}/print?lang={}", definition.slug, locale.code());
                let (status, html) = app.get(&path).await;
                assert_eq!(status, StatusCode::OK, "{path}");
                assert!(
                    html.contains(&format!("<html lang=\"{}\"", locale.code())),
                    "{path}: the page's language"
                );
                for code in &codes {
                    assert!(html.contains(code.as_str()), "{path}: code {code}");
                }
                assert!(
                    html.contains("print-code-box"),
                    "{path}: the respondent code box"
                );
                assert!(!html.contains("<script"), "{path}: no script");
                assert_eq!(
                    html.matches("class=\"print-question\"").count(),
                    definition.questions.len(),
                    "{path}: every question"
                );
                // Translated where the survey is: the title in the page's language.
                let (title, in_english) = app::models::survey::pick_lang(&definition.title, locale);
                if !in_english {
                    let escaped = title.replace('&', "&amp;");
                    assert!(html.contains(&escaped), "{path}: {title}");
                }
            }
        }
        let (_, spanish) = app.get(&format!("/surveys/{SLUG}/print?lang=es")).await;
        assert!(
            spanish.contains("Código de la persona"),
            "print texts in Spanish"
        );
        let (_, vietnamese) = app.get(&format!("/surveys/{SLUG}/print?lang=vi")).await;
        assert!(
            vietnamese.contains("Mã người trả lời"),
            "print texts in Vietnamese"
        );
        // Radio circles and check boxes are drawn, and free text gets lines.
        assert!(spanish.contains("print-mark print-circle"));
        assert!(spanish.contains("print-mark print-square"));
        assert!(spanish.contains("print-line"));
        // The survey page links to its printable form in its language.
        let (_, page) = app.get(&format!("/surveys/{SLUG}?lang=es")).await;
        assert!(
            page.contains(&format!("/surveys/{SLUG}/print?lang=es")),
            "{page}"
        );
        let (status, _) = app.get("/surveys/no-such-survey/print?lang=en").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);

both_backends!(
    a_partner_enters_a_paper_response_with_its_mode,
    |app: TestApp| async move {
        let (partner, email) = signed_in(&app, Role::Partner).await;
        let (status, page) = get(&app, &partner, &format!("{ENTRY}?answers=es")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let definition = resident_survey();
        for code in question_codes(definition.questions.iter().map(|q| q.key.as_str())) {
            assert!(page.contains(&code), "the entry page shows code {code}");
        }
        assert!(
            page.contains("lang=\"es\""),
            "the questions in the answers' language"
        );
        let (_, index) = get(&app, &partner, "/entry").await;
        assert!(index.contains(ENTRY), "the index links to the entry page");

        let answers = valid_answers(&definition);
        let form = entry_form(
            &app,
            &partner,
            &[
                ("_mode", "paper"),
                ("_paper_code", " a-17 "),
                ("_lang", "es"),
            ],
            &answers,
        )
        .await;
        let response = post_entry(&partner, &app, &form).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            response.headers()["location"],
            format!("{ENTRY}?answers=es").as_str()
        );
        let partner_id = user_id(&app, &email).await;
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM response WHERE collection_mode = 'paper' \
                 AND CAST(entered_by AS BIGINT) = {partner_id} AND paper_code = 'A-17' \
                 AND language = 'es'"
            ))
            .await,
            1,
            "mode, who entered it, the code (upper case) and the language are stored"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM answer").await,
            answers.len() as i64,
            "every answer is stored"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'response_entered'")
                .await,
            1,
            "entries are audited"
        );
        let (_, page) = get(&app, &partner, &format!("{ENTRY}?answers=es")).await;
        assert!(
            page.contains("saved (Paper form)"),
            "the confirmation: {page}"
        );
        assert!(
            page.contains("<td>Paper form</td>") && page.contains("<td>A-17</td>"),
            "the entry is listed with its mode and code"
        );
        // A web submission keeps the default mode and no one entered it.
        let (_, survey_page) = app.get(&format!("/surveys/{SLUG}")).await;
        let hidden = crate::helpers::hidden_fields(&survey_page);
        let posted = app
            .post_form(
                &format!("/surveys/{SLUG}"),
                &crate::helpers::form_fields(&hidden, &answers),
            )
            .await;
        assert_eq!(posted.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM response WHERE collection_mode = 'web' AND entered_by IS NULL"
            )
            .await,
            1
        );
        // Another partner sees only their own entries; staff see them all.
        let (other, _) = signed_in(&app, Role::Partner).await;
        let (_, theirs) = get(&app, &other, ENTRY).await;
        assert!(
            !theirs.contains("<td>A-17</td>"),
            "a partner's list is their own"
        );
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let (_, all) = get(&app, &analyst, ENTRY).await;
        assert!(all.contains("<td>A-17</td>"), "staff see every entry");
    }
);

both_backends!(
    an_invalid_entry_names_the_field_and_keeps_every_answer,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let mut answers = valid_answers(&resident_survey());
        answers.insert("zip".into(), vec!["9511".into()]);
        let story = answers
            .iter()
            .find(|(_, v)| v[0].contains("broken streetlight"))
            .map(|(k, _)| k.clone())
            .expect("a free-text answer");
        answers.insert(
            story.clone(),
            vec!["Nobody answers the <phone> at City Hall".into()],
        );
        let form = entry_form(
            &app,
            &analyst,
            &[("_paper_code", "B 2"), ("_lang", "en")],
            &answers,
        )
        .await;
        let response = post_entry(&analyst, &app, &form).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = response.text().await.expect("body");
        assert!(
            html.contains("Choose how the answers were collected"),
            "the missing mode is named"
        );
        assert!(html.contains("href=\"#entry-mode\""), "linked to its field");
        assert!(
            html.contains("only letters, digits and dashes"),
            "the bad code is named"
        );
        assert!(
            html.contains("Enter a 5-digit ZIP code") && html.contains("href=\"#q-zip\""),
            "the wrong answer is named, as for residents"
        );
        assert!(html.contains("value=\"9511\""), "the wrong answer is kept");
        assert!(html.contains("value=\"B 2\""), "the code as typed is kept");
        assert!(
            html.contains("Nobody answers the &lt;phone&gt; at City Hall"),
            "free text is kept (escaped)"
        );
        for (key, values) in &answers {
            if key == "zip" || key == &story {
                continue;
            }
            for value in values {
                assert!(
                    html.contains(&format!("name=\"{key}\" value=\"{value}\" checked"))
                        || html.contains(&format!("value=\"{value}\""))
                        || html.contains(value.as_str()),
                    "{key}={value} kept"
                );
            }
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 0);
    }
);

both_backends!(
    a_paper_code_is_entered_once_per_survey,
    |app: TestApp| async move {
        let (staff, _) = signed_in(&app, Role::Administrator).await;
        let answers = valid_answers(&resident_survey());
        let own = [("_mode", "paper"), ("_paper_code", "A-1"), ("_lang", "en")];
        let form = entry_form(&app, &staff, &own, &answers).await;
        assert_eq!(
            post_entry(&staff, &app, &form).await.status(),
            StatusCode::SEE_OTHER
        );
        let again = [("_mode", "paper"), ("_paper_code", " a-1"), ("_lang", "en")];
        let form = entry_form(&app, &staff, &again, &answers).await;
        let response = post_entry(&staff, &app, &form).await;
        assert_eq!(response.status(), StatusCode::CONFLICT);
        let html = response.text().await.expect("body");
        assert!(
            html.contains("Respondent code A-1 has already been entered for this survey"),
            "{html}"
        );
        assert!(html.contains("href=\"#entry-paper-code\""));
        assert!(html.contains("value=\"95116\""), "the answers are kept");
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 1);
        // The same code on another survey, or no code at all, is fine.
        let other = surveys::current(&app.db, "community-organizations")
            .await
            .expect("survey");
        let entry = Entry {
            mode: CollectionMode::Phone,
            entered_by: 1,
            paper_code: Some("A-1".into()),
        };
        let stored =
            responses::store_entered(&app.db, &other, Locale::En, &BTreeMap::new(), &entry)
                .await
                .expect("store");
        assert!(matches!(stored, Entered::New(_)));
        let resident = surveys::current(&app.db, SLUG).await.expect("survey");
        let none = Entry {
            paper_code: None,
            ..entry.clone()
        };
        for _ in 0..2 {
            let stored =
                responses::store_entered(&app.db, &resident, Locale::En, &BTreeMap::new(), &none)
                    .await
                    .expect("store");
            assert!(matches!(stored, Entered::New(_)));
        }
        let taken =
            responses::store_entered(&app.db, &resident, Locale::En, &BTreeMap::new(), &entry)
                .await
                .expect("store");
        assert!(matches!(taken, Entered::PaperCodeTaken(_)), "{taken:?}");
    }
);

both_backends!(
    residents_cannot_enter_responses,
    |app: TestApp| async move {
        let visitor = app.new_client();
        let response = visitor.get(app.url(ENTRY)).send().await.expect("GET");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert!(
            response.headers()["location"]
                .to_str()
                .expect("location")
                .starts_with("/login?next=")
        );
        let mut form: Vec<(String, String)> = vec![
            ("_mode".into(), "paper".into()),
            ("_lang".into(), "en".into()),
        ];
        for (key, values) in valid_answers(&resident_survey()) {
            form.extend(values.into_iter().map(|v| (key.clone(), v)));
        }
        let response = visitor
            .post(app.url(ENTRY))
            .form(&form)
            .send()
            .await
            .expect("POST");
        assert!(response.status().is_client_error(), "{}", response.status());
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 0);
        // Signed in but without this session's form token: refused as well.
        let (partner, _) = signed_in(&app, Role::Partner).await;
        let response = partner
            .post(app.url(ENTRY))
            .form(&form)
            .send()
            .await
            .expect("POST");
        assert!(response.status().is_client_error());
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 0);
        // The printable form needs no sign-in.
        let (status, _) = app.get(&format!("/surveys/{SLUG}/print?lang=tl")).await;
        assert_eq!(status, StatusCode::OK);
    }
);

/// Stores `n` paper responses, each with one free-text answer, in districts 1 and 2.
async fn enter_paper_responses(app: &TestApp, n: usize) {
    let resident = surveys::current(&app.db, SLUG).await.expect("survey");
    let email = account(app, Role::Partner).await;
    let by = i32::try_from(user_id(app, &email).await).expect("id");
    let texts = [
        "Rent is too high and we fear eviction by the landlord.",
        "The bus comes once an hour since the routes were cut.",
        "Streetlights on our block are broken and it is not safe at night.",
        "I cannot find the City's forms in Vietnamese.",
    ];
    for i in 0..n {
        let mut a = BTreeMap::new();
        a.insert(
            "barriers".to_owned(),
            AnswerValue::Text(texts[i % texts.len()].to_owned()),
        );
        a.insert(
            "council_district".to_owned(),
            AnswerValue::Choice(if i % 2 == 0 { "1" } else { "2" }.to_owned()),
        );
        a.insert(
            "tenure".to_owned(),
            AnswerValue::Choice(if i % 2 == 0 { "rent" } else { "own" }.to_owned()),
        );
        let entry = Entry {
            mode: CollectionMode::Paper,
            entered_by: by,
            paper_code: Some(format!("P-{i}")),
        };
        let stored = responses::store_entered(&app.db, &resident, Locale::En, &a, &entry)
            .await
            .expect("store");
        assert!(matches!(stored, Entered::New(_)));
    }
}

both_backends!(
    the_dashboard_breaks_shares_down_by_collection_mode,
    |app: TestApp| async move {
        seed_responses(&app).await;
        enter_paper_responses(&app, 30).await;
        store_weighting(&app).await;
        let run = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let data = crate::staff::helpers::themes_json(&app, &analyst, run).await;
        assert!(
            data.breakdown_variables
                .iter()
                .any(|v| v == "collection_mode"),
            "{:?}",
            data.breakdown_variables
        );
        let response = analyst
            .get(app.url(&format!(
                "/api/v1/runs/{run}/breakdown.csv?by=collection_mode"
            )))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::OK);
        let csv = response.text().await.expect("body");
        let header = csv.lines().next().expect("a header");
        assert!(
            header.contains("paper") && header.contains("web"),
            "a column per mode: {header}"
        );
        let (status, html) = get(
            &app,
            &analyst,
            &format!("/staff/dashboard?run={run}&by=collection_mode"),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("By collection mode"), "the breakdown panel");
    }
);

/// Synthetic shares for the test only.
const MARGINS_WITH_MODE: &str = "variable,category,share\n\
    council_district,1,0.5\ncouncil_district,2,0.5\n\
    collection_mode,web,0.5\ncollection_mode,paper,0.5\n";

both_backends!(
    the_collection_mode_is_a_raking_variable,
    |app: TestApp| async move {
        seed_responses(&app).await;
        enter_paper_responses(&app, 20).await;
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let page = "/staff/admin/weighting";
        let csrf = token(&app, &admin, page).await;
        let mut form = Form::new().text("_csrf", csrf).part(
            "margins",
            Part::bytes(MARGINS_WITH_MODE.as_bytes().to_vec()).file_name("margins.csv"),
        );
        for (k, v) in [
            ("index_name", "unspecified"),
            ("scale_min", "2"),
            ("scale_max", "10"),
            ("strength", "1"),
            ("trim_floor", "0.2"),
            ("trim_cap", "5"),
            ("replicates", "0"),
            ("seed", "42"),
        ] {
            form = form.text(k, v);
        }
        let response = admin
            .post(app.url(page))
            .multipart(form)
            .send()
            .await
            .expect("POST");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, html) = get(&app, &admin, page).await;
        assert!(
            html.contains("Fit on collection_mode"),
            "the preview rakes on the mode: {html}"
        );
        let draft = app
            .count("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM weighting_draft")
            .await;
        let response = crate::staff::helpers::post(
            &app,
            &admin,
            page,
            &format!("/staff/admin/weighting/drafts/{draft}/activate"),
            &[],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);

        let run = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let row = app::store::runs::get(&app.db, run)
            .await
            .expect("db")
            .expect("row");
        let weighting: analysis::weighting::WeightingRun =
            serde_json::from_value(row.weighting.clone().expect("weighted")).expect("run");
        assert!(weighting.raking.converged);
        assert!(
            weighting
                .config
                .margins
                .variables
                .iter()
                .any(|v| v.name == "collection_mode")
        );
        // 100 web and 20 paper respondents raked to half and half: a paper respondent weighs
        // more than a web one.
        let weights: BTreeMap<i64, f64> = weighting
            .weights
            .iter()
            .filter_map(|w| {
                let id = w.respondent.strip_prefix('R')?.parse().ok()?;
                Some((id, w.raked))
            })
            .collect();
        assert_eq!(weights.len(), 120, "{:?}", weighting.weights.first());
        let first_paper = app
            .count("SELECT CAST(MIN(id) AS BIGINT) FROM response WHERE collection_mode = 'paper'")
            .await;
        let paper = weights[&first_paper];
        let web = weights[&1];
        assert!(paper > 2.0 * web, "paper {paper} against web {web}");
        // The run repeats exactly.
        let (same, _) = server::runs::verify(&app.db, None, run)
            .await
            .expect("verify");
        assert!(same, "a run raked on the mode is repeatable");
    }
);
