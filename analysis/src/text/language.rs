//! Language identification limited to the supported languages, with the survey's UI language
//! as a prior (method.md §1.3).

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use whatlang::{Detector, Lang as WLang};

/// The languages the platform supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Spanish.
    Es,
    /// Vietnamese.
    Vi,
    /// Chinese (Mandarin, either script).
    Zh,
    /// Tagalog / Filipino.
    Tl,
}

impl Lang {
    /// All supported languages, in a fixed order.
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Es, Lang::Vi, Lang::Zh, Lang::Tl];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Vi => "vi",
            Lang::Zh => "zh",
            Lang::Tl => "tl",
        }
    }

    /// Parses an ISO 639-1 code or a common variant (`zh-TW`, `fil`, `spa`).
    pub fn from_code(code: &str) -> Option<Lang> {
        let c = code.trim().to_ascii_lowercase();
        let base = c.split(['-', '_']).next().unwrap_or("");
        match base {
            "en" | "eng" => Some(Lang::En),
            "es" | "spa" => Some(Lang::Es),
            "vi" | "vie" => Some(Lang::Vi),
            "zh" | "cmn" | "zho" | "chi" => Some(Lang::Zh),
            "tl" | "tgl" | "fil" => Some(Lang::Tl),
            _ => None,
        }
    }

    fn from_whatlang(l: WLang) -> Option<Lang> {
        match l {
            WLang::Eng => Some(Lang::En),
            WLang::Spa => Some(Lang::Es),
            WLang::Vie => Some(Lang::Vi),
            WLang::Cmn => Some(Lang::Zh),
            WLang::Tgl => Some(Lang::Tl),
            _ => None,
        }
    }
}

fn detector() -> &'static Detector {
    static D: OnceLock<Detector> = OnceLock::new();
    D.get_or_init(|| {
        Detector::with_allowlist(vec![
            WLang::Eng,
            WLang::Spa,
            WLang::Vie,
            WLang::Cmn,
            WLang::Tgl,
        ])
    })
}

/// Minimum detector confidence needed to override the prior.
pub const MIN_CONFIDENCE: f64 = 0.8;
/// Minimum number of whitespace-separated words (or CJK characters / 2) to override the prior.
pub const MIN_WORDS: usize = 4;

/// How a text's language was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Detection {
    /// Mostly Han characters: Chinese.
    Script,
    /// The detector was confident.
    Detected,
    /// Fewer than [`MIN_WORDS`] words: the prior was kept.
    TooShort,
    /// Long enough, but the detector was unsure or named an unsupported language: the prior
    /// was kept.
    Unclear,
}

impl Detection {
    /// True when the text's own words decided the language (not the prior).
    pub fn detected(self) -> bool {
        matches!(self, Detection::Script | Detection::Detected)
    }
}

/// Picks the language of `text`.
///
/// The detector's answer replaces `prior` (the UI language the respondent chose, or the
/// survey default) only when it is confident (≥ [`MIN_CONFIDENCE`]) and the text is long
/// enough (≥ [`MIN_WORDS`] words); Han script always means Chinese.
pub fn identify(text: &str, prior: Lang) -> Lang {
    identify_how(text, prior).0
}

/// [`identify`], saying how the language was decided.
pub fn identify_how(text: &str, prior: Lang) -> (Lang, Detection) {
    let han = text.chars().filter(|c| is_han(*c)).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if han > 0 && han * 2 >= letters {
        return (Lang::Zh, Detection::Script);
    }
    let words = text.split_whitespace().count();
    if words < MIN_WORDS {
        return (prior, Detection::TooShort);
    }
    match detector().detect(text) {
        Some(info) if info.confidence() >= MIN_CONFIDENCE => {
            match Lang::from_whatlang(info.lang()) {
                Some(lang) => (lang, Detection::Detected),
                None => (prior, Detection::Unclear),
            }
        }
        _ => (prior, Detection::Unclear),
    }
}

/// True for CJK unified ideographs (the blocks Chinese text uses).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2A6DF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_language_in_full_sentences() {
        let cases = [
            (
                "We need more affordable housing and safer streets for our children",
                Lang::En,
            ),
            (
                "Necesitamos más vivienda asequible y calles más seguras para los niños",
                Lang::Es,
            ),
            (
                "Chúng tôi cần thêm nhà ở giá rẻ và đường phố an toàn hơn cho trẻ em",
                Lang::Vi,
            ),
            ("我们需要更多的公园和路灯", Lang::Zh),
            (
                "Kailangan namin ng mas maraming abot-kayang pabahay at ligtas na kalye",
                Lang::Tl,
            ),
        ];
        for (text, lang) in cases {
            assert_eq!(identify(text, Lang::En), lang, "{text}");
        }
    }

    #[test]
    fn short_text_keeps_prior() {
        assert_eq!(identify("parques", Lang::Es), Lang::Es);
        assert_eq!(identify("more parks", Lang::Vi), Lang::Vi);
        assert_eq!(
            identify_how("more parks", Lang::Vi),
            (Lang::Vi, Detection::TooShort)
        );
        assert_eq!(
            identify_how("我们需要更多的公园", Lang::En),
            (Lang::Zh, Detection::Script)
        );
        assert_eq!(
            identify_how(
                "We need more affordable housing and safer streets for our children",
                Lang::Vi
            ),
            (Lang::En, Detection::Detected)
        );
    }

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("zh-TW"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("fil"), Some(Lang::Tl));
        assert_eq!(Lang::from_code("de"), None);
    }
}
