//! Per-language tokenisation, stopwords and stemming (method.md §1.4).
//!
//! - en / es / tl: words of letters and digits; 1-character words and pure numbers dropped;
//!   Snowball stemming for en and es (none exists for Tagalog).
//! - vi: syllables, 1-character syllables kept (`ở` in *nhà ở*); syllable bigrams approximate
//!   words.
//! - zh: jieba-rs dictionary segmentation of every run of Han characters (in any language's
//!   text, so code-switched answers work too).
//!
//! Stopword lists (NLTK for en/es/zh, stopwords-iso for vi/tl, plus a short civic domain list)
//! go through the same [`normalize_lower`] as the text, so NFC/NFKD mismatches cannot happen.

use std::collections::HashSet;
use std::sync::OnceLock;

use jieba_rs::Jieba;
use rust_stemmers::{Algorithm, Stemmer};

use super::language::{Lang, is_han};
use super::normalize::normalize_lower;
use super::pii::PLACEHOLDERS;

/// Tokens of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    /// Content tokens after stopword removal and stemming, in text order.
    pub terms: Vec<String>,
    /// The unstemmed form of each entry of `terms` (for readable labels).
    pub surfaces: Vec<String>,
    /// Adjacent-term bigrams (`"a b"`). For Vietnamese they are built over all syllables
    /// before stopword removal, so *nhà ở* survives though *ở* alone is a stopword.
    pub bigrams: Vec<String>,
}

impl Tokens {
    /// Features for counting: the terms, then adjacent-term bigrams (`"a b"`) when `bigrams`.
    pub fn features(&self, bigrams: bool) -> Vec<String> {
        let mut out = self.terms.clone();
        if bigrams {
            out.extend(self.bigrams.iter().cloned());
        }
        out
    }
}

/// Words that appear in every civic theme and so carry no theme (method.md §1.4).
pub const DOMAIN_STOPWORDS: &[&str] = &[
    "please",
    "thank",
    "thanks",
    "also",
    "would",
    "could",
    "like",
    "really",
    "get",
    "one",
    "us",
    "gracias",
    "favor",
    "también",
    "cảm ơn",
    "xin",
    "谢谢",
    "salamat",
    "po",
    "mga",
    "ng",
    "sa",
    "ang",
    "na",
    "lang",
    "yung",
];

/// Content words that the stopwords-iso lists wrongly contain (reviewed by hand, method.md §1.4):
/// Vietnamese *nhà* (house), *ở* (in *nhà ở*, housing), *việc làm* (jobs), *người* (people),
/// *cây* (trees), *đi lại* (getting around), *sạch* (clean).
pub const NOT_STOPWORDS: &[&str] = &[
    "nhà", "ở", "việc", "làm", "người", "cây", "đi", "lại", "sạch",
];

fn stopword_set(lang: Lang) -> &'static HashSet<String> {
    static SETS: OnceLock<Vec<HashSet<String>>> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|l| {
                let mut set: HashSet<String> = stop_words::lookup(l.code())
                    .unwrap_or(&[])
                    .iter()
                    .map(|w| normalize_lower(w))
                    .collect();
                set.extend(DOMAIN_STOPWORDS.iter().map(|w| normalize_lower(w)));
                for w in NOT_STOPWORDS {
                    set.remove(&normalize_lower(w));
                }
                set
            })
            .collect()
    });
    &sets[lang as usize]
}

/// True when `word` (already normalised and lowercased) is a stopword of `lang`.
pub fn is_stopword(word: &str, lang: Lang) -> bool {
    stopword_set(lang).contains(word)
}

fn jieba() -> &'static Jieba {
    static J: OnceLock<Jieba> = OnceLock::new();
    J.get_or_init(Jieba::new)
}

fn stemmer(lang: Lang) -> Option<&'static Stemmer> {
    static EN: OnceLock<Stemmer> = OnceLock::new();
    static ES: OnceLock<Stemmer> = OnceLock::new();
    match lang {
        Lang::En => Some(EN.get_or_init(|| Stemmer::create(Algorithm::English))),
        Lang::Es => Some(ES.get_or_init(|| Stemmer::create(Algorithm::Spanish))),
        _ => None,
    }
}

/// Tokenises `text` (any case, any normalisation) as language `lang`.
///
/// ```
/// use analysis::text::{language::Lang, tokenize::tokenize};
/// let t = tokenize("Necesitamos más parques y bibliotecas", Lang::Es, true);
/// assert_eq!(t.surfaces, ["necesitamos", "parques", "bibliotecas"]);
/// ```
pub fn tokenize(text: &str, lang: Lang, stem: bool) -> Tokens {
    let mut lower = normalize_lower(text);
    for p in PLACEHOLDERS {
        if lower.contains(p) {
            lower = lower.replace(p, " ");
        }
    }
    let stops = stopword_set(lang);
    let stemmer = if stem { stemmer(lang) } else { None };
    let mut out = Tokens::default();
    let mut syllables: Vec<String> = Vec::new();
    let mut push = |word: &str, out: &mut Tokens| {
        if lang == Lang::Vi {
            syllables.push(word.to_owned());
        }
        if stops.contains(word) {
            return;
        }
        let term = match stemmer {
            Some(s) => s.stem(word).into_owned(),
            None => word.to_owned(),
        };
        out.terms.push(term);
        out.surfaces.push(word.to_owned());
    };
    for run in runs(&lower) {
        match run {
            Run::Han(s) => {
                for tok in jieba().cut(s, false) {
                    let w = tok.word.trim();
                    if !w.is_empty() && w.chars().any(is_han) {
                        push(w, &mut out);
                    }
                }
            }
            Run::Word(w) => {
                if w.chars().all(|c| c.is_ascii_digit()) {
                    continue;
                }
                let min_chars = if lang == Lang::Vi { 1 } else { 2 };
                if w.chars().count() < min_chars {
                    continue;
                }
                push(w, &mut out);
            }
        }
    }
    if lang == Lang::Vi {
        out.bigrams = syllables
            .windows(2)
            .filter(|w| !(stops.contains(&w[0]) && stops.contains(&w[1])))
            .map(|w| format!("{} {}", w[0], w[1]))
            .filter(|b| !stops.contains(b))
            .collect();
    } else {
        out.bigrams = out
            .terms
            .windows(2)
            .map(|w| format!("{} {}", w[0], w[1]))
            .collect();
    }
    out
}

enum Run<'a> {
    Han(&'a str),
    Word(&'a str),
}

/// Splits into maximal runs of Han characters and of other letters/digits.
fn runs(s: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in s.char_indices() {
        let class = if is_han(c) {
            Some(true)
        } else if c.is_alphanumeric() || is_combining(c) {
            Some(false)
        } else {
            None
        };
        match (start, class) {
            (Some((_, h)), Some(k)) if h == k => {}
            (Some((st, h)), k) => {
                out.push(if h {
                    Run::Han(&s[st..i])
                } else {
                    Run::Word(&s[st..i])
                });
                start = k.map(|k| (i, k));
            }
            (None, k) => start = k.map(|k| (i, k)),
        }
    }
    if let Some((st, h)) = start {
        out.push(if h {
            Run::Han(&s[st..])
        } else {
            Run::Word(&s[st..])
        });
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_stopwords_and_stemming() {
        let t = tokenize(
            "The buses are never on time, PLEASE add more buses!",
            Lang::En,
            true,
        );
        assert_eq!(t.surfaces, ["buses", "never", "time", "add", "buses"]);
        assert_eq!(t.terms, ["buse", "never", "time", "add", "buse"]);
        assert_eq!(
            t.features(true)[5..],
            ["buse never", "never time", "time add", "add buse"]
        );
    }

    #[test]
    fn spanish_nfd_stopword_is_removed() {
        // "más" written decomposed must still match the NFC stopword list.
        let t = tokenize("ma\u{301}s viviendas baratas", Lang::Es, false);
        assert_eq!(t.terms, ["viviendas", "baratas"]);
    }

    #[test]
    fn vietnamese_keeps_one_char_syllables() {
        let t = tokenize("Cần thêm nhà ở giá rẻ", Lang::Vi, true);
        assert!(t.terms.contains(&"nhà".to_string()), "{:?}", t.terms);
        assert!(
            t.terms.contains(&"ở".to_string()),
            "1-char syllables are kept: {:?}",
            t.terms
        );
        assert!(
            !t.terms.contains(&"cần".to_string()),
            "stopword: {:?}",
            t.terms
        );
        assert!(
            t.features(true).iter().any(|f| f == "nhà ở"),
            "{:?}",
            t.features(true)
        );
        // A bigram of two stopwords is dropped.
        let t = tokenize("và các bạn", Lang::Vi, true);
        assert!(t.features(true).is_empty(), "{:?}", t.features(true));
    }

    #[test]
    fn chinese_is_segmented_by_jieba() {
        let t = tokenize("我们需要更多的公园和路灯", Lang::Zh, true);
        assert!(t.terms.contains(&"公园".to_string()), "{:?}", t.terms);
        assert!(t.terms.contains(&"路灯".to_string()), "{:?}", t.terms);
        assert!(
            !t.terms.iter().any(|w| w == "的" || w == "和"),
            "{:?}",
            t.terms
        );
    }

    #[test]
    fn tagalog_particles_are_stopwords() {
        let t = tokenize("Kailangan ng mga parke sa aming lugar", Lang::Tl, true);
        assert_eq!(t.terms, ["parke", "lugar"]);
    }

    #[test]
    fn placeholders_and_numbers_dropped() {
        let t = tokenize("call [phone] about 311 potholes", Lang::En, false);
        assert_eq!(t.terms, ["call", "potholes"]);
    }
}
