//! Residents in Vietnamese, Chinese (Traditional) and Tagalog: the seeded instruments are
//! translated in every language, a survey page is wholly in the language asked for, and a text
//! whose English changed after it was translated gives way to the English with a note.

use app::i18n::Locale;
use app::models::survey::pick;
use app::store::survey_edits::{self, Saved};
use app::store::{survey_translations, surveys};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, resident_survey};

/// Seeded instruments and languages knowingly shipped incomplete (each is shown with the
/// English-fallback note, and the staff survey list gives its percentage). None today.
const INCOMPLETE: [(&str, &str); 0] = [];

both_backends!(
    seeded_instruments_have_every_text_in_every_language,
    |app: TestApp| async move {
        let all = surveys::all(&app.db).await.expect("surveys");
        assert_eq!(all.len(), 3);
        for survey in &all {
            let progress = survey_translations::progress(&app.db, survey)
                .await
                .expect("progress");
            assert_eq!(progress.len(), Locale::ALL.len() - 1);
            for language in progress {
                let slug = survey.survey.slug.as_str();
                if INCOMPLETE.contains(&(slug, language.code.as_str())) {
                    continue;
                }
                assert_eq!(
                    (language.done, language.outdated),
                    (language.total, 0),
                    "{slug} in {}",
                    language.code
                );
                assert_eq!(
                    language.summary(),
                    format!("{} 100% · draft", language.code)
                );
            }
        }
    }
);

both_backends!(
    the_survey_speaks_each_new_language,
    |app: TestApp| async move {
        let survey = resident_survey();
        let path = format!("/surveys/{}", survey.slug);
        for (query, locale, submit) in [
            ("?lang=vi", Locale::Vi, "Gửi câu trả lời của tôi"),
            ("?lang=zh-Hant", Locale::ZhHant, "送出我的回答"),
            ("?lang=fil", Locale::Tl, "Ipadala ang aking mga sagot"),
        ] {
            let (status, html) = app.get(&format!("{path}{query}")).await;
            assert_eq!(status, 200);
            assert!(
                html.contains(&format!("<html lang=\"{}\"", locale.code())),
                "{query}"
            );
            assert!(html.contains(submit), "{query}");
            assert!(
                !html.contains("q-prompt\" lang=\"en\""),
                "no prompt in English on {query}"
            );
            assert!(
                html.contains(&pick(&survey.questions[0].prompt, locale)) || locale != Locale::En
            );
            assert!(!html.contains("class=\"notice\" role=\"note\""), "{query}");
        }
        // A browser asking for Chinese as spoken in Taiwan.
        let response = reqwest::Client::new()
            .get(app.url(&path))
            .header("Accept-Language", "zh-TW,zh;q=0.9,en;q=0.5")
            .send()
            .await
            .expect("GET");
        let html = response.text().await.expect("body");
        assert!(html.contains("<html lang=\"zh-Hant\""));
        assert!(html.contains("聖荷西市網上服務問卷調查"));
    }
);

both_backends!(
    changed_english_marks_the_translation_outdated_and_a_missing_one_is_said,
    |app: TestApp| async move {
        let survey = resident_survey();
        let new_title = "City of San José online services survey, 2027";
        let saved = survey_edits::save(&app.db, &survey.slug, None, |def| {
            def.title.insert("en".into(), new_title.into());
            Ok(())
        })
        .await
        .map_err(|e| format!("{e:?}"))
        .expect("saved");
        assert!(matches!(saved, Saved::NewVersion(2)), "{saved:?}");
        let current = surveys::current(&app.db, &survey.slug)
            .await
            .expect("current");
        let progress = survey_translations::progress(&app.db, &current)
            .await
            .expect("progress");
        let vi = progress.iter().find(|p| p.code == "vi").expect("vi");
        assert_eq!((vi.outdated, vi.done + 1), (1, vi.total));
        assert_eq!(vi.summary(), "vi 99% · draft · 1 outdated");
        // Residents still read the Vietnamese title, with no note.
        let (_, html) = app.get(&format!("/surveys/{}?lang=vi", survey.slug)).await;
        assert!(html.contains(&pick(&current.definition.title, Locale::Vi)));
        assert!(!html.contains("Một số câu hỏi chưa được dịch"));

        // Saving the Vietnamese page checks the title again; emptying a prompt removes it.
        let first = &current.definition.questions[0];
        let posted = [
            (
                "title".to_owned(),
                pick(&current.definition.title, Locale::Vi),
            ),
            (format!("{}.prompt", first.key), String::new()),
        ]
        .into_iter()
        .collect();
        survey_edits::save_translation(
            &app.db,
            &survey.slug,
            None,
            Locale::Vi,
            &posted,
            app::models::survey_edit::TranslationStatus::Reviewed,
        )
        .await
        .map_err(|e| format!("{e:?}"))
        .expect("translation saved");
        let current = surveys::current(&app.db, &survey.slug)
            .await
            .expect("current");
        let progress = survey_translations::progress(&app.db, &current)
            .await
            .expect("progress");
        let vi = progress.iter().find(|p| p.code == "vi").expect("vi");
        assert_eq!((vi.outdated, vi.done + 1), (0, vi.total));
        assert_eq!(vi.summary(), "vi 99% · reviewed");
        let (_, html) = app.get(&format!("/surveys/{}?lang=vi", survey.slug)).await;
        assert!(html.contains("Một số câu hỏi chưa được dịch và đang hiển thị bằng tiếng Anh."));
        let english_prompt = format!(
            "<span lang=\"en\" class=\"q-prompt\">{}</span>",
            pick(&first.prompt, Locale::En)
        );
        assert!(html.contains(&english_prompt), "{html}");
        assert!(html.contains("Gửi câu trả lời của tôi"));
    }
);
