//! The dashboard's closed-question panel on a run over seeded responses: a distribution's
//! counts, the chosen question against the themes and against tenure, suppressed cells, and the
//! CSV export.

use std::collections::{BTreeMap, BTreeSet};

use app::i18n::Locale;
use app::models::AnswerValue;
use app::models::staff::Role;
use app::store::responses::{self, Stored};
use app::store::surveys;
use reqwest::StatusCode;

use super::helpers::{get, signed_in, themes_json};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::store_weighting;

const SURVEY: &str = "resident-digital-services";

/// The fixture's civic answers, one free text per resident.
fn texts() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../analysis/tests/fixtures/civic_needs_small.csv"
    );
    let mut reader = csv::Reader::from_path(path).expect("fixture");
    reader
        .records()
        .map(|r| r.expect("row")[1].to_owned())
        .collect()
}

/// What resident `i` answered to "have you used a City website or app": yes for 60, no for 35,
/// not sure for 3, nothing for the last 2.
fn used_online(i: usize) -> Option<&'static str> {
    match i {
        0..60 => Some("yes"),
        60..95 => Some("no"),
        95..98 => Some("not_sure"),
        _ => None,
    }
}

/// Stores one resident response per fixture text; returns the response ids in order.
async fn seed(app: &TestApp) -> Vec<i64> {
    let resident = surveys::current(&app.db, SURVEY)
        .await
        .expect("resident survey");
    let mut ids = Vec::new();
    for (i, text) in texts().into_iter().enumerate() {
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
        if let Some(used) = used_online(i) {
            a.insert("used_online".to_owned(), AnswerValue::Choice(used.into()));
        }
        let mut services = vec!["library".to_owned()];
        if i % 4 == 0 {
            services.push("permits".to_owned());
        }
        a.insert("services_used".to_owned(), AnswerValue::Choices(services));
        match responses::store(&app.db, &resident, Locale::En, uuid::Uuid::new_v4(), &a)
            .await
            .expect("store")
        {
            Stored::New(id) => ids.push(id),
            other => panic!("not stored: {other:?}"),
        }
    }
    ids
}

/// The part of `html` from the element with `id` to the end of its first table.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in:\n{html}"));
    let end = start + html[start..].find("</table>").expect("a table");
    &html[start..end]
}

/// The cells of the row headed `label` in a table's HTML.
fn row_cells(table: &str, label: &str) -> Vec<String> {
    let head = format!("<th scope=\"row\">{label}</th>");
    let start = table
        .find(&head)
        .unwrap_or_else(|| panic!("no row {label} in:\n{table}"))
        + head.len();
    let row = &table[start..start + table[start..].find("</tr>").expect("row end")];
    row.split("<td>")
        .skip(1)
        .map(|c| c[..c.find("</td>").expect("cell end")].to_owned())
        .collect()
}

both_backends!(
    closed_questions_show_distributions_and_cross_tabs,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let ids = seed(&app).await;
        store_weighting(&app).await;
        let run = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let (status, html) = get(
            &app,
            &analyst,
            &format!("/staff/dashboard?run={run}&q={SURVEY}:used_online&against=tenure"),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Closed questions"), "{html}");

        // The distribution: counts in the survey's order, the small option suppressed (and "No"
        // with it, or 98 − 60 − 35 would give it away).
        let used = section(&html, &format!("dist-{SURVEY}-used_online"));
        assert!(used.contains("<title"), "an accessible chart");
        assert!(used.contains("<desc"));
        assert!(used.contains("98 respondents answered"), "{used}");
        assert!(used.contains("2 skipped it"), "{used}");
        assert_eq!(row_cells(used, "Yes")[..2], ["60", "61.2%"]);
        assert_eq!(row_cells(used, "Not sure")[0], "suppressed");
        assert_eq!(row_cells(used, "No")[0], "suppressed");
        // Weighted shares: the run weighted every resident who wrote.
        assert!(used.contains("Weighted share (98 weighted)"), "{used}");

        // Several choices: shares over 100% in all, and said so.
        let services = section(&html, &format!("dist-{SURVEY}-services_used"));
        assert!(
            services.contains("Respondents could choose several"),
            "{services}"
        );
        assert_eq!(
            row_cells(services, "Library services")[..2],
            ["100", "100.0%"]
        );
        assert_eq!(
            row_cells(services, "Building, business, or other permits")[..2],
            ["25", "25.0%"]
        );

        // Against the themes: of the 60 who said yes, the share in each theme, from the run's
        // own members; the 3 "not sure" are too few to show.
        let row = app::store::runs::get(&app.db, run)
            .await
            .expect("db")
            .expect("row");
        let yes: BTreeSet<i64> = ids
            .iter()
            .enumerate()
            .filter(|(i, _)| used_online(*i) == Some("yes"))
            .map(|(_, id)| *id)
            .collect();
        let by_theme = section(&html, "closed-by-theme");
        assert!(by_theme.contains("Yes (n 60)"), "{by_theme}");
        assert!(by_theme.contains("Not sure (fewer than 10)"), "{by_theme}");
        // Rows are headed by the names the dashboard shows (see the themes export).
        let shown = themes_json(&app, &analyst, run).await;
        let mut checked = 0;
        for theme in row.themes["themes"].as_array().expect("themes") {
            let members: BTreeSet<i64> = theme["members"]
                .as_array()
                .expect("members")
                .iter()
                .filter_map(|m| m.as_str()?.split_once(':')?.0.parse().ok())
                .collect();
            let share = members.intersection(&yes).count() as f64 / 60.0;
            let id = theme["id"].as_str().expect("id");
            let label = &shown
                .themes
                .iter()
                .find(|t| t.id == id)
                .expect("shown")
                .name;
            let cells = row_cells(by_theme, label);
            assert_eq!(cells[0], format!("{:.1}%", share * 100.0), "{label}");
            assert_eq!(cells[2], "suppressed", "{label}");
            checked += 1;
        }
        assert!(checked >= 2, "{checked} themes");

        // Against tenure: 49 owners answered, 30 of them yes; the one owner who was not sure is
        // suppressed, and so is the count that would give it away.
        let by_tenure = section(&html, "closed-by-against");
        assert_eq!(
            row_cells(by_tenure, "Own"),
            ["49", "30 (61.2%)", "suppressed", "suppressed"]
        );
        assert_eq!(row_cells(by_tenure, "Rent")[..2], ["49", "30 (61.2%)"]);

        // The form chooses the question without JavaScript and keeps the other filters.
        assert!(html.contains("name=\"q\""), "a question select");
        assert!(
            html.contains(&format!("value=\"{SURVEY}:used_online\" selected")),
            "the chosen question stays selected"
        );

        // Another question changes the cache key, and the page.
        let (_, by_district) = get(
            &app,
            &analyst,
            &format!("/staff/dashboard?run={run}&q={SURVEY}:tenure&against=council_district"),
        )
        .await;
        let by_district = section(&by_district, "closed-by-against");
        // District 1: i not divisible by 3 → 66 residents, 33 owners.
        assert_eq!(
            row_cells(by_district, "District 1")[..2],
            ["66", "33 (50.0%)"]
        );

        // The JSON export carries the distributions; the CSV has one row per option.
        let data = themes_json(&app, &analyst, run).await;
        let used = data
            .closed
            .distributions
            .iter()
            .find(|d| d.key == "used_online")
            .expect("used_online");
        assert_eq!(used.answered, Some(98));
        assert_eq!(used.options[0].count, Some(60));
        let response = analyst
            .get(app.url(&format!("/api/v1/runs/{run}/closed.csv")))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::OK);
        let body = response.text().await.expect("csv");
        let mut reader = csv::Reader::from_reader(body.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        let yes_row = rows
            .iter()
            .find(|r| &r[1] == "used_online" && &r[7] == "yes")
            .expect("a row for yes");
        assert_eq!(&yes_row[9], "60");
        let not_sure = rows
            .iter()
            .find(|r| &r[1] == "used_online" && &r[7] == "not_sure")
            .expect("a row for not sure");
        assert_eq!(&not_sure[9], "suppressed");
    }
);
