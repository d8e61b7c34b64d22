//! The dashboard's "Languages in this run": for each language the analysis detected, how many
//! units it had, how many joined a theme, how many were too short or could not be detected, how
//! their words were counted and what the sentence model did with them — so staff can see when a
//! language was poorly served (an English-only model reading Vietnamese, say).

use leptos::prelude::*;

use crate::i18n::{Locale, use_i18n};
use crate::models::run_languages::{LanguageLine, ModelUse, WordSplit};

/// The language's name in the staff pages' language (its code when unknown).
fn name(l: Locale, code: &str) -> String {
    match code {
        "en" | "es" | "vi" | "zh" | "tl" => l.tr(&format!("staff-languages-name-{code}")),
        other => other.to_owned(),
    }
}

/// How the words were counted, e.g. "syllables, syllable pairs, no stemming".
fn words(l: Locale, line: &LanguageLine) -> String {
    let mut parts = vec![l.tr(match line.words {
        WordSplit::Words => "staff-languages-words-words",
        WordSplit::Syllables => "staff-languages-words-syllables",
        WordSplit::Jieba => "staff-languages-words-jieba",
    })];
    if line.pairs {
        parts.push(l.tr(if line.words == WordSplit::Syllables {
            "staff-languages-syllable-pairs"
        } else {
            "staff-languages-word-pairs"
        }));
    }
    parts.push(l.tr(if line.stemmed {
        "staff-languages-stemmed"
    } else {
        "staff-languages-not-stemmed"
    }));
    parts.join(", ")
}

fn model(l: Locale, m: ModelUse) -> String {
    l.tr(match m {
        ModelUse::NotUsed => "staff-languages-model-not-used",
        ModelUse::Multilingual => "staff-languages-model-multilingual",
        ModelUse::EnglishModel => "staff-languages-model-english",
        ModelUse::EnglishOnly => "staff-languages-model-english-only",
        ModelUse::Unknown => "staff-languages-model-unknown",
    })
}

/// The table, under its own heading; nothing for a run with no units.
#[component]
pub fn LanguagesPanel(lines: Vec<LanguageLine>) -> impl IntoView {
    let l = use_i18n().staff_locale();
    (!lines.is_empty()).then(|| {
        view! {
            <section aria-labelledby="languages-heading">
                <h2 id="languages-heading">{l.tr("staff-languages-heading")}</h2>
                <p class="meta">{l.tr("staff-languages-lead")}</p>
                <div class="table-scroll" tabindex="0">
                    <table>
                        <thead><tr>
                            <th scope="col">{l.tr("staff-languages-col-language")}</th>
                            <th scope="col">{l.tr("staff-languages-col-units")}</th>
                            <th scope="col">{l.tr("staff-languages-col-in-themes")}</th>
                            <th scope="col">{l.tr("staff-languages-col-short")}</th>
                            <th scope="col">{l.tr("staff-languages-col-not-detected")}</th>
                            <th scope="col">{l.tr("staff-languages-col-words")}</th>
                            <th scope="col">{l.tr("staff-languages-col-model")}</th>
                        </tr></thead>
                        <tbody>
                            {lines.into_iter().map(|line| view! {
                                <tr>
                                    <th scope="row">{name(l, &line.code)}</th>
                                    <td>{line.units}</td>
                                    <td>{line.in_themes}</td>
                                    <td>{line.short}</td>
                                    <td>{line.not_detected.map_or_else(|| l.tr("staff-languages-not-recorded"), |n| n.to_string())}</td>
                                    <td>{words(l, &line)}</td>
                                    <td>{model(l, line.model)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(words: WordSplit, stemmed: bool) -> LanguageLine {
        LanguageLine {
            code: "vi".into(),
            units: 3,
            in_themes: 2,
            short: 1,
            not_detected: Some(0),
            words,
            stemmed,
            pairs: true,
            model: ModelUse::EnglishOnly,
            summary: String::new(),
        }
    }

    #[test]
    fn cells_read_in_english_and_spanish() {
        assert_eq!(
            words(Locale::En, &line(WordSplit::Syllables, false)),
            "syllables, syllable pairs, no stemming"
        );
        assert_eq!(
            words(Locale::Es, &line(WordSplit::Words, true)),
            "palabras, pares de palabras, con raíz (stemming)"
        );
        assert_eq!(name(Locale::Es, "vi"), "vietnamita");
        assert!(model(Locale::En, ModelUse::EnglishOnly).starts_with("English-only"));
        assert!(model(Locale::Es, ModelUse::Multilingual).starts_with("multilingüe"));
    }
}
