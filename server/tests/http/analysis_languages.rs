//! "Languages in this run": the dashboard and the themes JSON say how many units each language
//! had, how many could not be detected and how each was analysed.

use std::collections::BTreeMap;

use app::i18n::Locale;
use app::models::AnswerValue;
use app::models::run_languages::{ModelUse, WordSplit};
use app::models::staff::Role;
use app::store::{responses, surveys};
use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::seed_responses;
use crate::staff::helpers::{get, signed_in, themes_json};

/// Vietnamese answers about the bus and about rent, written in the Vietnamese form.
const VIETNAMESE: [&str; 4] = [
    "Xe buýt vào trung tâm luôn luôn đến trễ mỗi buổi sáng",
    "Xe buýt không bao giờ đến đúng giờ và lịch chạy bị sai",
    "Tiền thuê nhà tăng quá cao và chúng tôi sợ bị đuổi khỏi nhà",
    "Chúng tôi không đủ tiền trả tiền thuê nhà mỗi tháng",
];

/// Stores `count` Vietnamese answers (cycling through [`VIETNAMESE`]) and two too short to
/// detect, all from the Vietnamese form.
async fn seed_vietnamese(app: &TestApp, count: usize) {
    let resident = surveys::current(&app.db, "resident-digital-services")
        .await
        .expect("resident survey");
    let short = ["xe buýt", "nhà"];
    let texts = VIETNAMESE.iter().cycle().take(count).chain(short.iter());
    for text in texts {
        let mut a = BTreeMap::new();
        a.insert("barriers".to_owned(), AnswerValue::Text((*text).to_owned()));
        a.insert(
            "council_district".to_owned(),
            AnswerValue::Choice("1".to_owned()),
        );
        responses::store(&app.db, &resident, Locale::Vi, uuid::Uuid::new_v4(), &a)
            .await
            .expect("store");
    }
}

both_backends!(
    the_dashboard_and_themes_json_show_each_language_of_a_run,
    |app: TestApp| async move {
        seed_responses(&app).await;
        seed_vietnamese(&app, 12).await;
        let run = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let (analyst, _) = signed_in(&app, Role::Analyst).await;

        let data = themes_json(&app, &analyst, run).await;
        let lines = &data.language_report;
        let vi = lines
            .iter()
            .find(|l| l.code == "vi")
            .unwrap_or_else(|| panic!("a Vietnamese line: {lines:?}"));
        assert_eq!(vi.units, 14, "twelve answers and two short ones");
        assert_eq!(
            vi.not_detected,
            Some(2),
            "the two short ones keep the form's language"
        );
        assert_eq!(vi.words, WordSplit::Syllables);
        assert!(!vi.stemmed && vi.pairs);
        assert_eq!(vi.model, ModelUse::NotUsed, "a classical run");
        assert!(
            vi.summary
                .starts_with("vi: 14 units (2 too short or unclear to detect"),
            "{}",
            vi.summary
        );
        let en = lines.iter().find(|l| l.code == "en").expect("English");
        assert!(en.stemmed && en.words == WordSplit::Words);
        assert_eq!(
            lines.iter().map(|l| l.units).sum::<usize>(),
            data.n_units,
            "every unit is counted once"
        );
        assert!(
            lines
                .iter()
                .all(|l| l.in_themes <= l.units && l.short <= l.units)
        );

        let (status, html) = get(&app, &analyst, &format!("/staff/dashboard?run={run}")).await;
        assert_eq!(status, StatusCode::OK);
        let html = html.replace("<!>", "");
        assert!(html.contains("Languages in this run"), "{html}");
        assert!(
            html.contains("<th scope=\"row\">Vietnamese</th><td>14</td>"),
            "{html}"
        );
        assert!(html.contains("syllables, syllable pairs, no stemming"));
        assert!(html.contains("words, word pairs, stemmed"));
        assert!(html.contains("none: grouped by words only"));

        let (_, es) = get(
            &app,
            &analyst,
            &format!("/staff/dashboard?run={run}&lang=es"),
        )
        .await;
        let es = es.replace("<!>", "");
        assert!(es.contains("Idiomas en este análisis"), "{es}");
        assert!(es.contains("<th scope=\"row\">vietnamita</th><td>14</td>"));
    }
);
