//! The dashboard's "Languages in this run": each language's units and how they were analysed,
//! derived from the logged model at display time (nothing is added to the hashed report, so
//! `runs verify` of old and new runs is unaffected).

use analysis::Lang;
use analysis::pipeline::languages::{LanguageUse, Segmentation, SemanticUse};
use app::models::run_languages::{LanguageLine, ModelUse, WordSplit};

use crate::runs::LoggedRun;

/// One line per language of `run`, in the analysis's language order.
pub fn language_report(run: &LoggedRun) -> Vec<LanguageLine> {
    run.model.language_use().iter().map(line).collect()
}

fn line(u: &LanguageUse) -> LanguageLine {
    let words = match u.words.segmentation {
        Segmentation::Words => WordSplit::Words,
        Segmentation::Syllables => WordSplit::Syllables,
        Segmentation::Jieba => WordSplit::Jieba,
    };
    let model = match u.semantic {
        SemanticUse::NotUsed => ModelUse::NotUsed,
        SemanticUse::Multilingual => ModelUse::Multilingual,
        SemanticUse::EnglishModel => ModelUse::EnglishModel,
        SemanticUse::EnglishOnly => ModelUse::EnglishOnly,
        SemanticUse::Unknown => ModelUse::Unknown,
    };
    LanguageLine {
        code: u.lang.code().to_owned(),
        units: u.units,
        in_themes: u.in_themes,
        short: u.short,
        not_detected: u.not_detected,
        words,
        stemmed: u.words.stemmed,
        pairs: u.words.bigrams,
        model,
        summary: summary(u, words, model),
    }
}

fn english_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Es => "Spanish",
        Lang::Vi => "Vietnamese",
        Lang::Zh => "Chinese",
        Lang::Tl => "Tagalog",
    }
}

/// `vi: 320 units — Vietnamese syllables and syllable pairs, no stemming; sentence model:
/// multilingual`.
fn summary(u: &LanguageUse, words: WordSplit, model: ModelUse) -> String {
    let name = english_name(u.lang);
    let cut = match (words, u.words.bigrams) {
        (WordSplit::Words, true) => format!("{name} words and word pairs"),
        (WordSplit::Words, false) => format!("{name} words"),
        (WordSplit::Syllables, true) => "Vietnamese syllables and syllable pairs".to_owned(),
        (WordSplit::Syllables, false) => "Vietnamese syllables".to_owned(),
        (WordSplit::Jieba, true) => "jieba segmentation, word pairs".to_owned(),
        (WordSplit::Jieba, false) => "jieba segmentation".to_owned(),
    };
    let stem = if u.words.stemmed {
        "stemmed"
    } else {
        "no stemming"
    };
    let model = match model {
        ModelUse::NotUsed => "no sentence model: grouped by words only".to_owned(),
        ModelUse::Multilingual => "sentence model: multilingual".to_owned(),
        ModelUse::EnglishModel => "sentence model: English".to_owned(),
        ModelUse::EnglishOnly => format!(
            "the sentence model is English-only: {name} answers are grouped by how their words look, seldom with English answers"
        ),
        ModelUse::Unknown => "sentence model not recorded with this run".to_owned(),
    };
    let undetected = match u.not_detected {
        Some(0) | None => String::new(),
        Some(n) => {
            format!(" ({n} too short or unclear to detect: the interface language was kept)")
        }
    };
    format!(
        "{}: {} units{undetected} — {cut}, {stem}; {model}",
        u.lang.code(),
        u.units
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use analysis::pipeline::languages::word_method;

    #[test]
    fn a_line_says_what_was_done_in_words() {
        let u = LanguageUse {
            lang: Lang::Vi,
            units: 320,
            in_themes: 300,
            short: 12,
            not_detected: Some(4),
            words: word_method(Lang::Vi, true, true),
            semantic: SemanticUse::EnglishOnly,
        };
        let l = line(&u);
        assert_eq!(l.words, WordSplit::Syllables);
        assert!(!l.stemmed);
        assert_eq!(l.model, ModelUse::EnglishOnly);
        assert_eq!(
            l.summary,
            "vi: 320 units (4 too short or unclear to detect: the interface language was kept) — Vietnamese syllables and syllable pairs, no stemming; the sentence model is English-only: Vietnamese answers are grouped by how their words look, seldom with English answers"
        );
    }
}
