//! What a run did with each language: how many units were in it, how its language was decided,
//! how its words were counted and whether the sentence model could read it.
//!
//! Derived from a fitted model (its assignments, parameters and encoder record), never stored in
//! the report, so the result hash of a run — old or new — does not depend on it. Runs logged
//! before the detection and encoder record existed say so (`None`) rather than guess.
//!
//! What happens per language (method.md §1.3–1.4, §6):
//! - **Words** (TF-IDF: the themes of a classical run, the keywords and labels of every run):
//!   en / es are words, Snowball-stemmed; tl words, no stemmer exists; vi syllables, 1-character
//!   syllables kept, with syllable bigrams standing in for words; zh jieba dictionary
//!   segmentation. One vocabulary serves every language, so answers in two languages meet in a
//!   classical theme only through words they share.
//! - **Sentence model** (semantic runs): every unit's text goes through the same encoder. A
//!   multilingual model places answers about the same need close together whatever their
//!   language; an English-only model reads other languages as unfamiliar word pieces, so their
//!   answers group by spelling more than meaning and seldom meet English ones.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::ThemeModel;
use super::params::Representation;
use crate::text::language::Lang;

/// How a language's text is cut into the words TF-IDF counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Segmentation {
    /// Words of letters and digits.
    Words,
    /// Vietnamese syllables (1-character syllables kept).
    Syllables,
    /// jieba dictionary segmentation.
    Jieba,
}

/// How a language's words were counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordMethod {
    /// How the text is cut.
    pub segmentation: Segmentation,
    /// Whether Snowball stemming applied (only en and es have a stemmer).
    pub stemmed: bool,
    /// Whether adjacent-word (Vietnamese: adjacent-syllable) pairs were counted too.
    pub bigrams: bool,
}

/// What the sentence model did with a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SemanticUse {
    /// A classical run: no sentence model; themes come from words.
    NotUsed,
    /// A multilingual model: answers meet answers in other languages by meaning.
    Multilingual,
    /// English answers read by an English-only model.
    EnglishModel,
    /// Answers in another language read by an English-only model: grouped by how their word
    /// pieces look, seldom with English answers about the same need.
    EnglishOnly,
    /// The run did not record which model it used (logged before this was recorded).
    Unknown,
}

/// One language's line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageUse {
    /// The language.
    pub lang: Lang,
    /// Units identified as this language.
    pub units: usize,
    /// Of them, units in a theme.
    pub in_themes: usize,
    /// Of them, units with too few content words to fit on (empty or short).
    pub short: usize,
    /// Of them, units whose language the detector could not decide (too short or unclear): the
    /// respondent's interface language or the survey's was kept. `None` for runs logged before
    /// this was recorded.
    pub not_detected: Option<usize>,
    /// How the words were counted.
    pub words: WordMethod,
    /// What the sentence model did.
    pub semantic: SemanticUse,
}

/// How `lang`'s words are counted with the given settings.
pub fn word_method(lang: Lang, stem: bool, bigrams: bool) -> WordMethod {
    let segmentation = match lang {
        Lang::Vi => Segmentation::Syllables,
        Lang::Zh => Segmentation::Jieba,
        Lang::En | Lang::Es | Lang::Tl => Segmentation::Words,
    };
    WordMethod {
        segmentation,
        stemmed: stem && matches!(lang, Lang::En | Lang::Es),
        bigrams,
    }
}

impl ThemeModel {
    /// One line per language present in the run, in [`Lang::ALL`] order.
    pub fn language_use(&self) -> Vec<LanguageUse> {
        let p = &self.params;
        let mut rows: BTreeMap<Lang, LanguageUse> = BTreeMap::new();
        let recorded = self.assignments.iter().all(|a| a.detection.is_some());
        for a in &self.assignments {
            let row = rows.entry(a.lang).or_insert_with(|| LanguageUse {
                lang: a.lang,
                units: 0,
                in_themes: 0,
                short: 0,
                not_detected: recorded.then_some(0),
                words: word_method(a.lang, p.stem, p.bigrams),
                semantic: semantic_use(
                    a.lang,
                    p.representation,
                    self.encoder_info.as_ref().map(|i| i.multilingual),
                ),
            });
            row.units += 1;
            if a.theme.is_some() {
                row.in_themes += 1;
            }
            if matches!(
                a.status,
                super::model::AssignmentStatus::Empty
                    | super::model::AssignmentStatus::ShortMember
                    | super::model::AssignmentStatus::ShortUnassigned
            ) {
                row.short += 1;
            }
            if let (Some(n), Some(d)) = (row.not_detected.as_mut(), a.detection)
                && !d.detected()
            {
                *n += 1;
            }
        }
        rows.into_values().collect()
    }
}

fn semantic_use(
    lang: Lang,
    representation: Representation,
    multilingual: Option<bool>,
) -> SemanticUse {
    match (representation, multilingual) {
        (Representation::Classical, _) => SemanticUse::NotUsed,
        (Representation::Semantic, None) => SemanticUse::Unknown,
        (Representation::Semantic, Some(true)) => SemanticUse::Multilingual,
        (Representation::Semantic, Some(false)) if lang == Lang::En => SemanticUse::EnglishModel,
        (Representation::Semantic, Some(false)) => SemanticUse::EnglishOnly,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use linfa::ParamGuard;
    use ndarray::Array2;

    use super::*;
    use crate::error::EncoderError;
    use crate::pipeline::fit::FitContext;
    use crate::pipeline::params::ThemeParams;
    use crate::semantic::encoder::{Embedder, EncoderInfo};
    use crate::unit::Unit;

    /// Ten answers each in English, Spanish and Vietnamese about two needs, three Chinese ones,
    /// and two too short to detect (kept as the Tagalog prior).
    fn mixed() -> Vec<Unit> {
        let en = [
            "The bus to downtown is always late in the morning",
            "Buses never come on time and the schedule is wrong",
            "We need more shade trees and benches in the park",
            "The park near our school needs trees and a playground",
        ];
        let es = [
            "El autobús al centro siempre llega tarde por la mañana",
            "Los autobuses nunca llegan a tiempo y el horario está mal",
            "Necesitamos más árboles y bancos en el parque del barrio",
            "El parque cerca de la escuela necesita árboles y juegos",
        ];
        let vi = [
            "Xe buýt vào trung tâm luôn luôn đến trễ mỗi buổi sáng",
            "Xe buýt không bao giờ đến đúng giờ và lịch chạy bị sai",
            "Chúng tôi cần thêm cây xanh và ghế trong công viên",
            "Công viên gần trường học cần cây xanh và sân chơi",
        ];
        let zh = [
            "我们需要更多的公园和路灯",
            "公交车总是迟到",
            "公园需要更多的树",
        ];
        let mut units = Vec::new();
        for (lang, texts) in [("en", &en[..]), ("es", &es[..]), ("vi", &vi[..])] {
            for i in 0..10 {
                units.push(Unit::new(format!("{lang}{i:02}"), texts[i % texts.len()]));
            }
        }
        for (i, t) in zh.iter().enumerate() {
            units.push(Unit::new(format!("zh{i:02}"), *t));
        }
        units.push(Unit::new("tl00", "parke"));
        units.push(Unit::new("tl01", "n/a"));
        units
    }

    fn params(representation: Representation) -> ThemeParams {
        ThemeParams::new(representation)
            .k(Some(2))
            .min_theme_size(2)
            .default_language(Lang::Tl)
    }

    #[test]
    fn a_classical_run_reports_each_languages_units_and_word_method() {
        let model = params(Representation::Classical)
            .check()
            .expect("params")
            .fit(&mixed(), FitContext::new())
            .expect("fit");
        let rows = model.language_use();
        let langs: Vec<Lang> = rows.iter().map(|r| r.lang).collect();
        assert_eq!(langs, [Lang::En, Lang::Es, Lang::Vi, Lang::Zh, Lang::Tl]);
        let row = |l: Lang| rows.iter().find(|r| r.lang == l).expect("row");
        assert_eq!(row(Lang::En).units, 10);
        assert_eq!(row(Lang::Es).units, 10);
        assert_eq!(row(Lang::Vi).units, 10);
        assert_eq!(row(Lang::Zh).units, 3);
        assert_eq!(row(Lang::Tl).units, 2);
        assert_eq!(rows.iter().map(|r| r.units).sum::<usize>(), 35);
        assert_eq!(row(Lang::En).not_detected, Some(0));
        assert_eq!(row(Lang::Zh).not_detected, Some(0), "Han script decides");
        assert_eq!(row(Lang::Tl).not_detected, Some(2), "too short: the prior");
        assert_eq!(row(Lang::Tl).short, 2);
        assert_eq!(row(Lang::Tl).in_themes, 0);
        assert!(row(Lang::En).in_themes <= 10);
        assert_eq!(
            rows.iter().map(|r| r.in_themes).sum::<usize>(),
            model
                .assignments()
                .iter()
                .filter(|a| a.theme.is_some())
                .count()
        );
        let words = |segmentation, stemmed| WordMethod {
            segmentation,
            stemmed,
            bigrams: true,
        };
        assert_eq!(row(Lang::En).words, words(Segmentation::Words, true));
        assert_eq!(row(Lang::Es).words, words(Segmentation::Words, true));
        assert_eq!(row(Lang::Vi).words, words(Segmentation::Syllables, false));
        assert_eq!(row(Lang::Zh).words, words(Segmentation::Jieba, false));
        assert_eq!(row(Lang::Tl).words, words(Segmentation::Words, false));
        assert!(rows.iter().all(|r| r.semantic == SemanticUse::NotUsed));
    }

    /// A stand-in encoder: one direction per need word, `multilingual` as told.
    struct Fake {
        multilingual: Option<bool>,
    }

    impl Embedder for Fake {
        fn model_id(&self) -> &str {
            "fake:8"
        }
        fn dim(&self) -> usize {
            8
        }
        fn embed(
            &self,
            texts: &[&str],
            _: &(dyn Fn(usize, usize) + Sync),
            _: Option<&AtomicBool>,
        ) -> Result<Option<Array2<f32>>, EncoderError> {
            let mut z = Array2::<f32>::zeros((texts.len(), 8));
            for (i, t) in texts.iter().enumerate() {
                let park = ["park", "parque", "công viên", "公园"]
                    .iter()
                    .any(|w| t.to_lowercase().contains(w));
                z[[i, usize::from(park)]] = 1.0;
                z[[i, 2 + i % 6]] = 0.1;
            }
            crate::linalg::normalize_rows(&mut z);
            Ok(Some(z))
        }
        fn info(&self) -> Option<EncoderInfo> {
            self.multilingual.map(|m| EncoderInfo {
                architecture: "bert".into(),
                vocabulary: if m { 250_037 } else { 30_522 },
                multilingual: m,
            })
        }
    }

    #[test]
    fn a_semantic_run_says_whether_its_model_reads_each_language() {
        let fit = |multilingual| {
            let enc = Fake { multilingual };
            params(Representation::Semantic)
                .smoothing(None)
                .semantic_dims(None)
                .check()
                .expect("params")
                .fit(&mixed(), FitContext::new().encoder(&enc))
                .expect("fit")
                .language_use()
        };
        let english = fit(Some(false));
        let semantic = |rows: &[LanguageUse], l: Lang| {
            rows.iter().find(|r| r.lang == l).expect("row").semantic
        };
        assert_eq!(semantic(&english, Lang::En), SemanticUse::EnglishModel);
        assert_eq!(semantic(&english, Lang::Vi), SemanticUse::EnglishOnly);
        assert_eq!(semantic(&english, Lang::Zh), SemanticUse::EnglishOnly);
        let multi = fit(Some(true));
        assert!(
            multi
                .iter()
                .all(|r| r.semantic == SemanticUse::Multilingual)
        );
        let unknown = fit(None);
        assert!(unknown.iter().all(|r| r.semantic == SemanticUse::Unknown));
    }

    #[test]
    fn runs_logged_before_detection_was_recorded_say_so() {
        let model = params(Representation::Classical)
            .check()
            .expect("params")
            .fit(&mixed(), FitContext::new())
            .expect("fit");
        let mut json = serde_json::to_value(&model).expect("json");
        for a in json["assignments"].as_array_mut().expect("assignments") {
            a.as_object_mut().expect("object").remove("detection");
        }
        let old: ThemeModel = serde_json::from_value(json).expect("an old run still reads");
        assert!(old.language_use().iter().all(|r| r.not_detected.is_none()));
        assert_eq!(old.report(), model.report(), "the report is unchanged");
    }
}
